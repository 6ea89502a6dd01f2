//! What changed from one version of a bulletin to the next, for "showing what changed".

use serde::Serialize;

use crate::model::BulletinVersion;

/// One changed field: its name and the old and new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `title`, `body`, `urgency`, `expires_at`, `category` or `place`.
    pub field: &'static str,
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

fn text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => String::new(),
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The fields that differ between `old` and `new`.
pub fn changes(old: &BulletinVersion, new: &BulletinVersion) -> Vec<Change> {
    let mut out = Vec::new();
    let mut check = |field: &'static str, a: String, b: String| {
        if a != b {
            out.push(Change { field, old: a, new: b });
        }
    };
    check("title", old.title.clone(), new.title.clone());
    check("body", old.body.clone(), new.body.clone());
    check("category", text(&old.category), text(&new.category));
    check("urgency", text(&old.urgency), text(&new.urgency));
    check("place", old.place.clone().unwrap_or_default(), new.place.clone().unwrap_or_default());
    check("expires_at", text(&old.expires_at), text(&new.expires_at));
    out
}
