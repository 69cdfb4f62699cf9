//! `SortedMap`: a map from strings (language codes, setting ids), kept as a list sorted by key. It
//! reads and writes as a map and iterates in key order, like a BTreeMap, but the maps here hold a
//! handful of entries and every BTreeMap type costs kilobytes of wasm. Its entries may be borrowed
//! from a static (the core's built-in rules) or owned.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Index;

/// Text that is either compiled into the binary or owned.
pub type Text = Cow<'static, str>;

#[derive(Debug, Clone, PartialEq)]
pub struct SortedMap<T: Clone + 'static>(Cow<'static, [(Text, T)]>);

impl<T: Clone> Default for SortedMap<T> {
    fn default() -> Self {
        SortedMap(Cow::Borrowed(&[]))
    }
}

impl<T: Clone> SortedMap<T> {
    /// A map over static entries, which must be sorted by key and unique (`codegen` writes them from a `SortedMap`).
    pub const fn from_static(entries: &'static [(Text, T)]) -> Self {
        SortedMap(Cow::Borrowed(entries))
    }

    pub fn get(&self, key: &str) -> Option<&T> {
        let at = self.0.binary_search_by(|(k, _)| (**k).cmp(key)).ok()?;
        self.0.get(at).map(|(_, value)| value)
    }

    /// Adds an entry; one with the same key is replaced.
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.binary_search_by(|(k, _)| (**k).cmp(&key)) {
            Ok(at) => self.0.to_mut()[at].1 = value,
            Err(at) => self.0.to_mut().insert(at, (Cow::Owned(key), value)),
        }
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(key, value)| (&**key, value))
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

impl<T: Clone> SortedMap<Cow<'static, [T]>> {
    /// Every item of every list, in key order (every variant in every language).
    pub fn variants(&self) -> impl Iterator<Item = &T> {
        self.values().flat_map(|list| list.iter())
    }
}

impl<T: Clone> FromIterator<(String, T)> for SortedMap<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(entries: I) -> Self {
        let mut map = SortedMap::default();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<T: Clone> Index<&str> for SortedMap<T> {
    type Output = T;

    /// Panics when the key is absent, as a BTreeMap does.
    fn index(&self, key: &str) -> &T {
        self.get(key).expect("no entry for the key")
    }
}

impl<T: Clone + Serialize> Serialize for SortedMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, T: Clone + Deserialize<'de> + 'static> Deserialize<'de> for SortedMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SortedMapVisitor<T>(PhantomData<T>);

        impl<'de, T: Clone + Deserialize<'de> + 'static> Visitor<'de> for SortedMapVisitor<T> {
            type Value = SortedMap<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = SortedMap::default();
                while let Some((key, value)) = map.next_entry()? {
                    out.insert(key, value);
                }
                Ok(out)
            }
        }

        deserializer.deserialize_map(SortedMapVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_keys_sorted_and_unique_with_the_last_value() {
        let mut map = SortedMap::default();
        for (k, v) in [("de", 1), ("en", 2), ("a", 3), ("de", 4)] {
            map.insert(k.to_string(), v);
        }
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [3, 4, 2]);
        assert_eq!((map.get("de"), map.get("fr"), map["en"], map.len()), (Some(&4), None, 2, 3));
    }

    #[test]
    fn a_static_map_reads_like_an_owned_one() {
        static ENTRIES: [(Text, u8); 2] = [(Cow::Borrowed("de"), 1), (Cow::Borrowed("en"), 2)];
        let mut map = SortedMap::from_static(&ENTRIES);
        assert_eq!((map.get("en"), map.get("fr")), (Some(&2), None));
        map.insert("fr".into(), 3);
        assert_eq!(map.iter().collect::<Vec<_>>(), [("de", &1), ("en", &2), ("fr", &3)]);
    }
}
