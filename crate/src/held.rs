//! `Held`: a value in JSON's data model, as storage and extension messages carry it, and the one way
//! the core reads typed values that come from JavaScript. The wasm layer fills a `Held` from a
//! JsValue; typed values (a snapshot, reports) are then read out of it with serde, through `&Held` as
//! a Deserializer, and stored state is checked field by field (checklist.rs).
//!
//! Why not serde-wasm-bindgen's Deserializer: on every type mismatch it formats serde's message
//! ("invalid type: floating point `1.5`, expected ..."), and that links core's float and Debug
//! formatting, a quarter of the wasm. The extension only needs to know that a value was malformed, so
//! `Mismatch` carries no detail and nothing here formats. serde-wasm-bindgen still writes every result.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserialize, Deserializer, Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use std::fmt;

/// A value as JSON can hold it. Numbers are f64, as in JS (and not necessarily finite).
#[derive(Debug, Clone, PartialEq)]
pub enum Held {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Held>),
    /// Members in the order given.
    Object(Vec<(String, Held)>),
}

impl Held {
    /// Reads a typed value; `Mismatch` when the value does not have its shape.
    pub fn read<'de, T: Deserialize<'de>>(&'de self) -> Result<T, Mismatch> {
        T::deserialize(self)
    }

    /// A member of an object (the last one of that name); None for anything else.
    pub fn get(&self, key: &str) -> Option<&Held> {
        match self {
            Held::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Held::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A whole number that fits a u32 (as a version is written).
    pub fn as_u32(&self) -> Option<u32> {
        self.as_number().filter(|n| n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(n)).map(|n| n as u32)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Held::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// A value did not have the shape of the type it was read as. Deliberately without detail: see the
/// module comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value of the wrong shape")
    }
}

impl std::error::Error for Mismatch {}

/// Every constructor is overridden: serde's defaults would format their arguments.
impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Mismatch
    }
    fn invalid_type(_: Unexpected, _: &dyn Expected) -> Self {
        Mismatch
    }
    fn invalid_value(_: Unexpected, _: &dyn Expected) -> Self {
        Mismatch
    }
    fn invalid_length(_: usize, _: &dyn Expected) -> Self {
        Mismatch
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Mismatch
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Mismatch
    }
    fn missing_field(_: &'static str) -> Self {
        Mismatch
    }
    fn duplicate_field(_: &'static str) -> Self {
        Mismatch
    }
}

/// Reads typed values the way serde-wasm-bindgen reads them from the same JS value: whole numbers in
/// JS's safe range as integers, null as `None`, a unit enum variant from its name, a struct from an
/// object's members by name (unknown members ignored).
impl<'de> Deserializer<'de> for &'de Held {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        /// Number.MAX_SAFE_INTEGER.
        const SAFE: f64 = 9_007_199_254_740_991.0;
        match self {
            Held::Null => visitor.visit_unit(),
            Held::Bool(b) => visitor.visit_bool(*b),
            Held::Number(n) if n.fract() == 0.0 && n.abs() <= SAFE => visitor.visit_i64(*n as i64),
            Held::Number(n) => visitor.visit_f64(*n),
            Held::Text(s) => visitor.visit_borrowed_str(s),
            Held::List(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Held::Object(members) => visit_members(members, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Held::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _: &'static str, _: &'static [&'static str], visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Held::Text(name) => visitor.visit_enum(name.as_str().into_deserializer()),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, _: &'static [&'static str], visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            Held::Object(members) => visit_members(members, visitor),
            // serde-wasm-bindgen looks a struct's fields up by name on any object, and an array has none of them.
            Held::List(_) => visit_members(&[], visitor),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct map identifier
    }
}

fn visit_members<'de, V: Visitor<'de>>(members: &'de [(String, Held)], visitor: V) -> Result<V::Value, Mismatch> {
    let mut map = MapDeserializer::new(members.iter().map(|(k, v)| (k.as_str(), v)));
    let value = visitor.visit_map(&mut map)?;
    map.end()?;
    Ok(value)
}

impl<'de> IntoDeserializer<'de, Mismatch> for &'de Held {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Fills a `Held` from any self-describing format (tests read `serde_json::Value`s this way).
impl<'de> Deserialize<'de> for Held {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Held, D::Error> {
        deserializer.deserialize_any(HeldVisitor)
    }
}

struct HeldVisitor;

impl<'de> Visitor<'de> for HeldVisitor {
    type Value = Held;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Held, E> {
        Ok(Held::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Held, E> {
        Ok(Held::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Held, D::Error> {
        Held::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Held, E> {
        Ok(Held::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Held, E> {
        Ok(Held::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Held, E> {
        Ok(Held::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Held, E> {
        Ok(Held::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Held, E> {
        Ok(Held::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Held, E> {
        Ok(Held::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Held, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Held::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Held, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Held>()? {
            members.push(member);
        }
        Ok(Held::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{Report, SeenState};
    use crate::evaluate::Snapshot;
    use serde_json::json;

    fn held(value: serde_json::Value) -> Held {
        Held::deserialize(value).unwrap()
    }

    #[test]
    fn reads_typed_values_with_defaults_options_and_unit_variants() {
        let snap: Snapshot = held(json!({
            "url": "https://x/", "elapsed_ms": 1200, "unknown": [1, {"a": null}],
            "switches": [{"tag": "input", "checked": true, "aria_checked": null, "keys": ["k"]}]
        }))
        .read()
        .unwrap();
        assert_eq!((snap.url.as_str(), snap.elapsed_ms, snap.ui_lang.as_str()), ("https://x/", 1200, ""));
        let c = &snap.switches[0];
        assert_eq!((c.tag.as_str(), c.checked, c.aria_checked.as_deref(), c.keys.len()), ("input", Some(true), None, 1));
        let reports: Vec<Report> =
            held(json!([{"setting": "s", "state": "opted-out", "at": 1732350000000u64, "url": "u"}])).read().unwrap();
        assert_eq!((reports[0].state, reports[0].at), (SeenState::OptedOut, 1732350000000.0));
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_a_mismatch() {
        for wrong in [
            json!({"elapsed_ms": -1}),
            json!({"elapsed_ms": 1.5}),
            json!({"elapsed_ms": 4294967296u64}),
            json!({"url": 5}),
            json!({"url": null}),
            json!({"switches": {}}),
            json!({"switches": [{"checked": "yes"}]}),
            json!("https://x/"),
            json!(null),
        ] {
            assert_eq!(held(wrong.clone()).read::<Snapshot>().err(), Some(Mismatch), "{wrong}");
        }
        for wrong in [json!([{"setting": "s", "state": "sideways", "at": 1, "url": "u"}]), json!([{"setting": "s"}]), json!({})] {
            assert_eq!(held(wrong.clone()).read::<Vec<Report>>().err(), Some(Mismatch), "{wrong}");
        }
    }

    #[test]
    fn an_array_read_as_a_struct_has_none_of_its_fields() {
        let snap: Snapshot = held(json!(["https://x/", "en"])).read().unwrap();
        assert_eq!(snap.url, "");
    }

    #[test]
    fn numbers_beyond_the_safe_integer_range_stay_floats() {
        assert_eq!(held(json!({"elapsed_ms": 9007199254740993.0})).read::<Snapshot>().err(), Some(Mismatch));
        let reports: Vec<Report> = held(json!([{"setting": "s", "state": "opted-in", "at": 1e300, "url": "u"}])).read().unwrap();
        assert_eq!(reports[0].at, 1e300);
    }
}
