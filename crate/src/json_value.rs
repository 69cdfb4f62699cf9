//! `JsonValue`: a value in JSON's data model, as storage and extension messages carry it, and the one way
//! the core reads typed values that come from JavaScript. The wasm layer fills a `JsonValue` from a
//! JsValue; typed values (a snapshot, reports) are then read out of it with serde, through `&JsonValue` as
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
pub enum JsonValue {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<JsonValue>),
    /// Members in the order given.
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// Reads a typed value; `Mismatch` when the value does not have its shape.
    pub fn read<'de, T: Deserialize<'de>>(&'de self) -> Result<T, Mismatch> {
        T::deserialize(self)
    }

    /// A member of an object (the last one of that name); None for anything else.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        match self {
            JsonValue::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            JsonValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A whole number that fits a u32 (as a version is written).
    pub fn as_u32(&self) -> Option<u32> {
        self.as_number().filter(|n| n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(n)).map(|n| n as u32)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsonValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::Text(s) => Some(s),
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
impl<'de> Deserializer<'de> for &'de JsonValue {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        /// Number.MAX_SAFE_INTEGER.
        const SAFE: f64 = 9_007_199_254_740_991.0;
        match self {
            JsonValue::Null => visitor.visit_unit(),
            JsonValue::Bool(b) => visitor.visit_bool(*b),
            JsonValue::Number(n) if n.fract() == 0.0 && n.abs() <= SAFE => visitor.visit_i64(*n as i64),
            JsonValue::Number(n) => visitor.visit_f64(*n),
            JsonValue::Text(s) => visitor.visit_borrowed_str(s),
            JsonValue::List(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            JsonValue::Object(members) => visit_members(members, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            JsonValue::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _: &'static str, _: &'static [&'static str], visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            JsonValue::Text(name) => visitor.visit_enum(name.as_str().into_deserializer()),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, _: &'static [&'static str], visitor: V) -> Result<V::Value, Mismatch> {
        match self {
            JsonValue::Object(members) => visit_members(members, visitor),
            // serde-wasm-bindgen looks a struct's fields up by name on any object, and an array has none of them.
            JsonValue::List(_) => visit_members(&[], visitor),
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

fn visit_members<'de, V: Visitor<'de>>(members: &'de [(String, JsonValue)], visitor: V) -> Result<V::Value, Mismatch> {
    let mut map = MapDeserializer::new(members.iter().map(|(k, v)| (k.as_str(), v)));
    let value = visitor.visit_map(&mut map)?;
    map.end()?;
    Ok(value)
}

impl<'de> IntoDeserializer<'de, Mismatch> for &'de JsonValue {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Fills a `JsonValue` from any self-describing format (tests read `serde_json::Value`s this way).
impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonValue, D::Error> {
        deserializer.deserialize_any(JsonValueVisitor)
    }
}

struct JsonValueVisitor;

impl<'de> Visitor<'de> for JsonValueVisitor {
    type Value = JsonValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<JsonValue, D::Error> {
        JsonValue::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<JsonValue, E> {
        Ok(JsonValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<JsonValue, E> {
        Ok(JsonValue::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<JsonValue, E> {
        Ok(JsonValue::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(JsonValue::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonValue, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, JsonValue>()? {
            members.push(member);
        }
        Ok(JsonValue::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{Report, SeenState, Verified};
    use crate::evaluate::Snapshot;
    use serde_json::json;

    fn json(value: serde_json::Value) -> JsonValue {
        JsonValue::deserialize(value).unwrap()
    }

    #[test]
    fn reads_typed_values_with_defaults_options_and_unit_variants() {
        let snap: Snapshot = json(json!({
            "url": "https://x/", "elapsed_ms": 1200, "unknown": [1, {"a": null}],
            "switches": [{"tag": "input", "checked": true, "aria_checked": null, "keys": ["k"]}]
        }))
        .read()
        .unwrap();
        assert_eq!((snap.url.as_str(), snap.elapsed_ms, snap.ui_lang.as_str()), ("https://x/", 1200, ""));
        let c = &snap.switches[0];
        assert_eq!((c.tag.as_str(), c.checked, c.aria_checked.as_deref(), c.keys.len()), ("input", Some(true), None, 1));
        let reports: Vec<Report> = json(json!([{"setting": "s", "state": "opted-out", "verified": "fresh-load"}])).read().unwrap();
        assert_eq!((reports[0].state, reports[0].verified), (SeenState::OptedOut, Verified::FreshLoad));
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
            assert_eq!(json(wrong.clone()).read::<Snapshot>().err(), Some(Mismatch), "{wrong}");
        }
        for wrong in [json!([{"setting": "s", "state": "sideways", "verified": "read-back"}]), json!([{"setting": "s"}]), json!({})] {
            assert_eq!(json(wrong.clone()).read::<Vec<Report>>().err(), Some(Mismatch), "{wrong}");
        }
    }

    #[test]
    fn an_array_read_as_a_struct_has_none_of_its_fields() {
        let snap: Snapshot = json(json!(["https://x/", "en"])).read().unwrap();
        assert_eq!(snap.url, "");
    }

    #[test]
    fn numbers_beyond_the_safe_integer_range_stay_floats() {
        assert_eq!(json(json!({"elapsed_ms": 9007199254740993.0})).read::<Snapshot>().err(), Some(Mismatch));
        assert_eq!(json(json!(1e300)).read::<f64>(), Ok(1e300));
    }
}
