//! Where the districts screens read and write: the organisation (directory plus every open
//! station roster, reactive) and the station's roster document, written as the signed-in
//! officer after core has checked the change.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::districts::{Change, DistrictError};
use liandong_core::org::Organisation;

use crate::pages::roster::data as roster;

/// The organisation as this device has it, shared (reactive: tracks the documents).
pub fn organisation() -> Arc<Organisation> {
    Arc::new(roster::organisation())
}

/// Writes a checked change into the station's roster document; the reasons on failure
/// (refused by core, or the document not open on this device).
pub fn write(code: &str, change: Result<Change, Vec<DistrictError>>) -> Result<(), String> {
    let change = change.map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("；"))?;
    let view = roster::writer(code).ok_or("本机尚未打开该所数据，请联网同步后再试。")?;
    change.write(&view, liandong_core::time::now()).map_err(|e| e.to_string())
}

/// Whether the signed-in officer may edit this station's districts (its station head).
pub fn can_write(code: &str) -> bool {
    roster::can_write(code)
}

/// A signal for the outcome of the last edit: `(ok, text)`.
pub type Outcome = RwSignal<Option<(bool, String)>>;

/// Shows the outcome of a write: "saved on this device" or the reasons it was refused.
pub fn show(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, outcome: Outcome, result: Result<(), String>) {
    outcome.set(Some(match result {
        Ok(()) => (true, crate::i18n::t_string!(i18n, saved_here).to_string()),
        Err(e) => (false, e),
    }));
}
