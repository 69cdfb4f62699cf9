//! `Keyed`: a map from strings (language codes, setting ids), kept as a list sorted by key. It reads
//! and writes as a map and iterates in key order, like the BTreeMap it replaces, but the maps here hold
//! a handful of entries and every BTreeMap type costs kilobytes of wasm.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Index;

#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T>(Vec<(String, T)>);

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T> Keyed<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        self.0.get(at).map(|(_, value)| value)
    }

    /// Adds an entry; one with the same key is replaced.
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> FromIterator<(String, T)> for Keyed<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(entries: I) -> Self {
        let mut map = Keyed::default();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<T> Index<&str> for Keyed<T> {
    type Output = T;

    /// Panics when the key is absent, as a BTreeMap does.
    fn index(&self, key: &str) -> &T {
        self.get(key).expect("no entry for the key")
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (key, value)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for KeyedVisitor<T> {
            type Value = Keyed<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Keyed::default();
                while let Some((key, value)) = map.next_entry()? {
                    out.insert(key, value);
                }
                Ok(out)
            }
        }

        deserializer.deserialize_map(KeyedVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_keys_sorted_and_unique_with_the_last_value() {
        let mut map = Keyed::default();
        for (k, v) in [("de", 1), ("en", 2), ("a", 3), ("de", 4)] {
            map.insert(k.to_string(), v);
        }
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [3, 4, 2]);
        assert_eq!((map.get("de"), map.get("fr"), map["en"], map.len()), (Some(&4), None, 2, 3));
    }
}
