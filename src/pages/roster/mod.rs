//! Roster screens (排班, docs/domain.md "Station rosters"):
//! - [`page`]: `/roster`: a station's week or month, officers in rows and days in columns;
//!   the station head taps a cell to plan it ([`editor`]), copies last week, applies a
//!   rotation pattern to a date range ([`rotation`]), exports and
//!   prints ([`export`]); everyone sees the rules' findings after every sync
//!   ([`violations`]).
//! - [`mine`]: the signed-in officer's shifts today and tomorrow, for Home.
//! - [`data`]: reading and writing the roster documents.

pub mod data;
pub mod editor;
pub mod export;
pub mod mine;
pub mod page;
pub mod rotation;
pub mod violations;

pub use page::Roster;

use liandong_core::model::{Shift, ShiftKind};

/// Every kind of shift, in the editor's order.
pub const KINDS: [ShiftKind; 7] = [
    ShiftKind::Duty24,
    ShiftKind::Day,
    ShiftKind::Night,
    ShiftKind::Standby,
    ShiftKind::Residency,
    ShiftKind::Training,
    ShiftKind::Leave,
];

/// A shift's code in a grid cell: one or two characters (`值` duty, `带` leading it, `日`
/// day, `夜` night, `备` standby, `驻` residency, `训` training, `假` leave, `巡` joint patrol; locale keys
/// `shift_short_*`).
pub fn short(shift: &Shift, i18n: leptos_i18n::I18nContext<crate::i18n::Locale>) -> &'static str {
    use crate::i18n::t_string;
    match (shift.kind, shift.leader) {
        (ShiftKind::Duty24, true) => t_string!(i18n, shift_short_duty_lead),
        (ShiftKind::Duty24, false) => t_string!(i18n, shift_short_duty),
        (ShiftKind::Day, _) => t_string!(i18n, shift_short_day),
        (ShiftKind::Night, _) => t_string!(i18n, shift_short_night),
        (ShiftKind::Standby, _) => t_string!(i18n, shift_short_standby),
        (ShiftKind::Residency, _) => t_string!(i18n, shift_short_residency),
        (ShiftKind::Leave, _) => t_string!(i18n, shift_short_leave),
        (ShiftKind::Training, _) => t_string!(i18n, shift_short_training),
        (ShiftKind::JointPatrol, _) => t_string!(i18n, shift_short_joint_patrol),
    }
}

/// The CSS class of a kind (colours in style/).
pub fn kind_class(kind: ShiftKind) -> &'static str {
    match kind {
        ShiftKind::Duty24 => "shift duty",
        ShiftKind::Day => "shift day",
        ShiftKind::Night => "shift night",
        ShiftKind::Standby => "shift standby",
        ShiftKind::Residency => "shift residency",
        ShiftKind::Leave => "shift leave",
        ShiftKind::Training => "shift training",
        ShiftKind::JointPatrol => "shift joint",
    }
}

/// A kind's code in forms (`duty24`, ...), as stored.
pub fn kind_code(kind: ShiftKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The kind of a form code.
pub fn parse_kind(code: &str) -> Option<ShiftKind> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}
