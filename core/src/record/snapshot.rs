//! Lists of records kept as one Yjs [`Any`] value, for a snapshot of what a view read
//! (see [`crate::command::snapshot`]): a list is an `Any::Array` of maps, each map a
//! record's serde fields with its `id`, the same values a document holds field by field.
//! Reading one back goes through [`super::de::from_fields`], the reader of documents, so a
//! record reads from a snapshot exactly as it reads from its document.

use serde::Serialize;
use serde::de::DeserializeOwned;
use yrs::Any;

use super::de::{FieldError, from_fields};
use super::value::to_any;

/// Why a value could not be kept in a snapshot (a serialiser's message; records of this
/// crate always serialise).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot keep a value in a snapshot: {0}")]
pub struct KeepError(pub String);

/// `value`'s serde fields as one `Any` (a struct becomes a map).
///
/// # Errors
/// [`KeepError`] when `value` does not serialise.
pub fn keep<T: Serialize>(value: &T) -> Result<Any, KeepError> {
    serde_json::to_value(value).map(|v| to_any(&v)).map_err(|e| KeepError(e.to_string()))
}

/// `items` as an `Any::Array` of their [`keep`] values.
///
/// # Errors
/// [`KeepError`] of the first item that does not serialise.
pub fn keep_list<T: Serialize>(items: &[T]) -> Result<Any, KeepError> {
    let items = items.iter().map(keep).collect::<Result<Vec<_>, _>>()?;
    Ok(Any::Array(items.into()))
}

/// A `T` read back from its [`keep`] value (a map).
///
/// # Errors
/// [`FieldError`] naming the field that does not fit, or "not a map".
pub fn read_kept<T: DeserializeOwned>(any: &Any) -> Result<T, FieldError> {
    match any {
        Any::Map(fields) => from_fields(fields.iter().map(|(k, v)| (k.as_str(), v)).collect()),
        _ => Err(FieldError::of("not a map")),
    }
}

/// The items of a [`keep_list`] value.
///
/// # Errors
/// [`FieldError`] of the first item that does not fit, or "not a list".
pub fn read_list<T: DeserializeOwned>(any: &Any) -> Result<Vec<T>, FieldError> {
    match any {
        Any::Array(items) => items.iter().map(read_kept).collect(),
        _ => Err(FieldError::of("not a list")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::RecordId;
    use crate::model::{LeaveKind, Shift, ShiftKind};

    fn shift(hour: i64, leave: Option<LeaveKind>) -> Shift {
        let start: jiff::Timestamp = "2026-12-07T00:00:00Z".parse().expect("a timestamp");
        Shift {
            id: RecordId::new(),
            station: RecordId::new(),
            officer: RecordId::new(),
            kind: if leave.is_some() { ShiftKind::Leave } else { ShiftKind::Day },
            start: start + jiff::SignedDuration::from_hours(hour),
            end: start + jiff::SignedDuration::from_hours(hour + 8),
            leader: hour == 0,
            leave,
            note: Some("带班 · 得胜".to_owned()),
            overrides: Vec::new(),
        }
    }

    #[test]
    fn a_list_of_records_reads_back_equal() {
        let shifts = vec![shift(0, None), shift(8, Some(LeaveKind::Annual)), shift(16, None)];
        let kept = keep_list(&shifts).expect("shifts serialise");
        assert_eq!(read_list::<Shift>(&kept).expect("shifts read back"), shifts);
    }

    #[test]
    fn a_value_that_is_not_a_list_is_refused_with_its_shape() {
        let err = read_list::<Shift>(&Any::from("x")).expect_err("a string is not a list of shifts");
        assert_eq!(err.to_string(), "not a list");
    }
}
