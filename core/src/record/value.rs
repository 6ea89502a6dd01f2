//! Conversion between serde's JSON values and Yjs `Any` values, field by field.
//!
//! Integers within JavaScript's safe range stay integers; other numbers are floats. JS
//! clients write whole numbers as floats, so a float without fraction reads back as an
//! integer. Buffers (not used by records) read as arrays of bytes.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Number as JsonNumber, Value};
use yrs::{Any, Number};

/// A JSON value as a Yjs `Any`.
pub fn to_any(value: &Value) -> Any {
    match value {
        Value::Null => Any::Null,
        Value::Bool(b) => Any::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) if (Number::I64_MIN_SAFE_INTEGER..=Number::I64_MAX_SAFE_INTEGER).contains(&i) => {
                Any::Number(Number::Int(i))
            }
            _ => Any::Number(Number::Float(n.as_f64().unwrap_or(f64::NAN))),
        },
        Value::String(s) => Any::String(Arc::from(s.as_str())),
        Value::Array(items) => Any::Array(items.iter().map(to_any).collect::<Vec<_>>().into()),
        Value::Object(map) => {
            Any::Map(Arc::new(map.iter().map(|(k, v)| (k.clone(), to_any(v))).collect::<HashMap<_, _>>()))
        }
    }
}

/// A Yjs `Any` as a JSON value.
pub fn to_json(any: &Any) -> Value {
    match any {
        Any::Null | Any::Undefined => Value::Null,
        Any::Bool(b) => Value::Bool(*b),
        Any::Number(Number::Int(i)) => Value::from(*i),
        Any::Number(Number::Float(f)) => {
            if f.fract() == 0.0 && f.abs() <= Number::F64_MAX_SAFE_INTEGER {
                Value::from(*f as i64)
            } else {
                JsonNumber::from_f64(*f).map_or(Value::Null, Value::Number)
            }
        }
        Any::String(s) => Value::String(s.to_string()),
        Any::Buffer(bytes) => Value::Array(bytes.iter().map(|b| Value::from(*b)).collect()),
        Any::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Any::Map(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect::<Map<_, _>>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_values_survive_the_trip_through_any() {
        let value = json!({"a": 1, "b": -2.5, "c": "得胜", "d": [true, null, 3], "e": {"x": 9007199254740991_i64}});
        assert_eq!(to_json(&to_any(&value)), value);
    }

    #[test]
    fn whole_floats_from_javascript_read_as_integers() {
        assert_eq!(to_json(&Any::Number(Number::Float(20.0))), json!(20));
    }
}
