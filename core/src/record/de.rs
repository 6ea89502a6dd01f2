//! Reading a record straight from the Yjs values of its fields with serde, without
//! building a JSON value first.
//!
//! Two reasons, both measured in the browser: the app reads thousands of records at a time
//! (a region's rosters hold 7,520 shifts; bench/app/board-bench.mjs), and copying every
//! field into a JSON map first was most of that time; and an error of this reader keeps the
//! field and the kind of fault but never formats the message of the value's own error. A
//! `serde_json::Error` formats it, which linked the wording of every `jiff` parse error
//! (about 25 KB) into the Wasm every first visit downloads.
//!
//! Values read as [`super::value::to_json`] reads them: integers within JavaScript's safe
//! range stay integers, whole floats (JavaScript clients write them) read as integers,
//! `undefined` as null, buffers as sequences of bytes.

use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;
use yrs::{Any, Number};

/// Why a record's fields do not make the record: the field it was reading, if any, and the
/// kind of fault (`"wrong type"`, `"missing"`, `"unknown variant"`, `"invalid value"`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field (the outermost one, for a fault inside a nested value).
    pub field: Option<String>,
    /// The kind of fault, in English, for logs.
    pub fault: &'static str,
    /// The value at fault, when it is a name (an unknown variant: often one a newer app
    /// version added).
    pub value: Option<String>,
}

impl FieldError {
    pub(crate) fn of(fault: &'static str) -> Self {
        Self { field: None, fault, value: None }
    }

    fn at(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(self.fault)?;
        match &self.value {
            Some(value) => write!(f, " `{value}`"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for FieldError {}

impl de::Error for FieldError {
    // The message is dropped unformatted on purpose (see the module's note).
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Self::of("invalid value")
    }

    fn invalid_type(_unexpected: de::Unexpected, _expected: &dyn de::Expected) -> Self {
        Self::of("wrong type")
    }

    fn invalid_value(_unexpected: de::Unexpected, _expected: &dyn de::Expected) -> Self {
        Self::of("invalid value")
    }

    fn invalid_length(_len: usize, _expected: &dyn de::Expected) -> Self {
        Self::of("wrong length")
    }

    fn unknown_variant(variant: &str, _expected: &'static [&'static str]) -> Self {
        Self { value: Some(variant.to_owned()), ..Self::of("unknown variant") }
    }

    fn missing_field(field: &'static str) -> Self {
        Self::of("missing").at(field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::of("given twice").at(field)
    }
}

/// Reads `T` from the fields of a record map: `(name, value)` pairs.
///
/// One concrete type of field list for every caller (a document's record, a snapshot's,
/// a nested map): serde's code for a record type is then generated once, not once per
/// kind of iterator (each copy of every record type's reader added to the Wasm).
///
/// # Errors
/// The field and the kind of fault when the values do not make a `T`.
pub fn from_fields<'a, T: DeserializeOwned>(fields: Vec<(&'a str, &'a Any)>) -> Result<T, FieldError> {
    T::deserialize(FieldsDe(Fields::new(fields)))
}

/// Reads `T` from JSON text: yrs' JSON reader ([`Any::from_json`]) and this reader.
///
/// For the few JSON texts the app reads besides records (a token's claims, its own marks in
/// IndexedDB, the relay's answer about a token). The app has both readers anyway (the
/// update guard reads JSON embedded in updates with yrs'), where `serde_json::from_str`
/// would add a reader of its own for each `T`: about 12 KB of Wasm for those three.
///
/// # Errors
/// `"not JSON"` when `text` does not parse; else the field and the kind of fault when the
/// value does not make a `T`.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, FieldError> {
    let value = Any::from_json(text).map_err(|_| FieldError::of("not JSON"))?;
    T::deserialize(AnyDe(&value))
}

/// The entries of a map, naming the field in an error of its value.
struct Fields<'a> {
    iter: std::vec::IntoIter<(&'a str, &'a Any)>,
    value: Option<&'a Any>,
    key: &'a str,
}

impl<'a> Fields<'a> {
    fn new(fields: Vec<(&'a str, &'a Any)>) -> Self {
        Self { iter: fields.into_iter(), value: None, key: "" }
    }

    fn of_map(map: &'a std::collections::HashMap<String, Any>) -> Self {
        Self::new(map.iter().map(|(k, v)| (k.as_str(), v)).collect())
    }
}

impl<'de, 'a> MapAccess<'de> for Fields<'a> {
    type Error = FieldError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, FieldError> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.key = key;
        self.value = Some(value);
        seed.deserialize(StrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, FieldError> {
        let value = self.value.take().ok_or_else(|| FieldError::of("a value without its field"))?;
        seed.deserialize(AnyDe(value)).map_err(|e| if e.field.is_none() { e.at(self.key) } else { e })
    }
}

/// A record's fields as a map.
struct FieldsDe<'a>(Fields<'a>);

impl<'de, 'a> de::Deserializer<'de> for FieldsDe<'a> {
    type Error = FieldError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_map(self.0)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// One Yjs value.
#[derive(Clone, Copy)]
struct AnyDe<'a>(&'a Any);

impl<'de> IntoDeserializer<'de, FieldError> for AnyDe<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, 'a> de::Deserializer<'de> for AnyDe<'a> {
    type Error = FieldError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        match self.0 {
            Any::Null | Any::Undefined => visitor.visit_unit(),
            Any::Bool(b) => visitor.visit_bool(*b),
            Any::Number(Number::Int(i)) => visitor.visit_i64(*i),
            Any::Number(Number::Float(f)) => {
                if f.fract() == 0.0 && f.abs() <= Number::F64_MAX_SAFE_INTEGER {
                    // Whole, and within JavaScript's safe integers: exact as i64.
                    #[allow(clippy::cast_possible_truncation)]
                    visitor.visit_i64(*f as i64)
                } else {
                    visitor.visit_f64(*f)
                }
            }
            Any::String(s) => visitor.visit_str(s),
            Any::Buffer(bytes) => visitor.visit_seq(SeqDeserializer::new(bytes.iter().copied())),
            Any::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.iter().map(AnyDe))),
            Any::Map(map) => visitor.visit_map(Fields::of_map(map)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        match self.0 {
            Any::Null | Any::Undefined => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FieldError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FieldError> {
        match self.0 {
            // A unit variant is its name; any other variant a map of its name to its content.
            Any::String(s) => visitor.visit_enum(StrDeserializer::<FieldError>::new(s)),
            Any::Map(map) if map.len() == 1 => visitor.visit_enum(MapAccessDeserializer::new(Fields::of_map(map))),
            _ => Err(FieldError::of("wrong type")),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::*;
    use crate::record::value::to_any;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Day,
        Other(String),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "need", rename_all = "snake_case")]
    enum Need {
        Officers { skill: Option<String> },
        Vehicle,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Line {
        #[serde(flatten)]
        need: Need,
        count: u32,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Rec {
        id: crate::ids::RecordId,
        at: jiff::Timestamp,
        day: Option<jiff::civil::Date>,
        kind: Kind,
        other: Kind,
        lines: Vec<Line>,
        #[serde(default)]
        note: Option<String>,
        ratio: f64,
    }

    fn read(value: &serde_json::Value) -> Result<Rec, FieldError> {
        let Any::Map(map) = to_any(value) else { panic!("not a map") };
        from_fields(map.iter().map(|(k, v)| (k.as_str(), v)).collect())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let value = json!({
            "id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "at": "2026-12-07T01:02:03Z", "day": null,
            "kind": "day", "other": {"other": "x"}, "ratio": 0.5, "extra": [1, 2],
            "lines": [{"need": "officers", "skill": "traffic", "count": 2}, {"need": "vehicle", "count": 1}],
        });
        let direct = read(&value).expect("reads");
        assert_eq!(direct, serde_json::from_value::<Rec>(value).expect("serde_json reads"));
        assert_eq!(direct.note, None);
    }

    #[test]
    fn whole_floats_from_javascript_read_as_integers() {
        let lines = Any::Array(Arc::from(vec![Any::Map(Arc::new(HashMap::from([
            ("need".to_owned(), Any::from("vehicle")),
            ("count".to_owned(), Any::Number(Number::Float(3.0))),
        ])))]));
        let map = HashMap::from([
            ("id".to_owned(), Any::from("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")),
            ("at".to_owned(), Any::from("2026-12-07T01:02:03Z")),
            ("kind".to_owned(), Any::from("day")),
            ("other".to_owned(), Any::from("day")),
            ("lines".to_owned(), lines),
            ("ratio".to_owned(), Any::Number(Number::Float(1.0))),
        ]);
        let rec: Rec = from_fields(map.iter().map(|(k, v)| (k.as_str(), v)).collect()).expect("reads");
        assert_eq!(rec.lines[0].count, 3);
        assert!((rec.ratio - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn a_bad_field_is_named_with_the_kind_of_fault() {
        let mut value = json!({
            "id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "at": "yesterday", "kind": "day", "other": "day",
            "lines": [], "ratio": 1,
        });
        assert_eq!(read(&value).unwrap_err().to_string(), "field `at`: invalid value");
        value["at"] = json!("2026-12-07T01:02:03Z");
        value["kind"] = json!("night");
        assert_eq!(read(&value).unwrap_err().to_string(), "field `kind`: unknown variant `night`");
        value["kind"] = json!(7);
        assert_eq!(read(&value).unwrap_err().to_string(), "field `kind`: wrong type");
        value.as_object_mut().map(|m| m.remove("kind"));
        assert_eq!(read(&value).unwrap_err().to_string(), "field `kind`: missing");
    }

    #[test]
    fn json_text_reads_as_serde_json_reads_it() {
        let text = r#"{"sub":"o-1","badge":"410002","name":"马雪梅","role":"commander","county":"410781",
            "station":null,"region":"dsh","iat":1765000000,"exp":1796536000,"extra":{"a":[1,2]}}"#;
        let claims: crate::access::Claims = from_json(text).expect("reads");
        assert_eq!(claims, serde_json::from_str::<crate::access::Claims>(text).expect("serde_json reads"));
        assert_eq!((claims.exp, claims.station), (1_796_536_000, None));
        // Integers beyond 2^32 stay exact (a Yjs client id is up to 2^53).
        let ids: Vec<u64> = from_json("[9007199254740991, 4294967297]").expect("reads");
        assert_eq!(ids, [9_007_199_254_740_991, 4_294_967_297]);
        assert_eq!(from_json::<Vec<u64>>("[1,").unwrap_err().fault, "not JSON");
        assert_eq!(
            from_json::<crate::access::Claims>(r#"{"sub":"o-1"}"#).unwrap_err().to_string(),
            "field `badge`: missing"
        );
    }
}
