//! Where the districts screens read and write: the organisation (directory plus every open
//! station roster, reactive) and the station's roster document, written as the signed-in
//! officer after core has checked the change.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::{Change, DistrictError};
use liandong_core::org::Organisation;
use liandong_core::rules;

use crate::pages::roster::data as roster;

/// What an edit did to the rules: findings it resolved and findings it caused (each one
/// line in the officer's language), from core's rules over the organisation before and
/// after.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effect {
    /// Findings gone after the edit.
    pub resolved: Vec<String>,
    /// Findings new after the edit.
    pub caused: Vec<String>,
}

/// Writes a checked change into the station's roster document and says what it did to
/// the rules (findings worded in `lang`); the reasons on failure (refused by core, or the
/// document not open here), worded by [`super::refusal`].
fn write(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    org: &Organisation,
    code: &str,
    change: Result<Change, Vec<DistrictError>>,
) -> Result<Effect, String> {
    let words =
        |errors: &[DistrictError]| errors.iter().map(|e| super::refusal::words(i18n, e)).collect::<Vec<_>>().join(" ");
    let change = change.map_err(|errors| words(&errors))?;
    let view = crate::data::writer(&liandong_core::DocumentId::roster(code))
        .map_err(|e| crate::components::fmt::write_failure(i18n, &e))?;
    let today = roster::today();
    let locale = i18n.get_locale();
    let lines = |o: &Organisation| -> Vec<String> {
        rules::check_all(o, today).iter().map(|v| crate::words::rules::violation(locale, v)).collect()
    };
    let before = lines(org);
    let after = lines(&change.applied_to(org));
    change
        .write(&view, liandong_core::time::now())
        .map_err(|e| crate::components::fmt::write_failure(i18n, &e.into()))?;
    Ok(Effect {
        resolved: before.iter().filter(|l| !after.contains(l)).cloned().collect(),
        caused: after.iter().filter(|l| !before.contains(l)).cloned().collect(),
    })
}

/// Whether the signed-in officer may edit this station's districts (its station head).
pub fn can_write(code: &str) -> bool {
    roster::can_write(code)
}

/// Where on the page an edit was made, so its outcome shows next to it (on a phone the
/// head is often scrolled far from the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The page's banner (nothing nearer).
    Top,
    /// A district's card: merge and split.
    Card(RecordId),
    /// A district's form adding villages.
    Villages(RecordId),
    /// A district's office form (open or edit).
    OfficeForm(RecordId),
    /// An office: its resident and disclosure card.
    Office(RecordId),
    /// The new-district form.
    NewDistrict,
    /// The suggested residents.
    Suggestions,
    /// The skill matrix and its grant form.
    Skills,
}

/// The outcome of the last edit: whether it was saved, its text and where it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// Saved (`true`) or refused.
    pub ok: bool,
    /// What to tell the head.
    pub text: String,
    /// Where the edit was made.
    pub place: Place,
}

/// A signal for the outcome of the last edit.
pub type Outcome = RwSignal<Option<Said>>;

/// A merge being asked about, or just made (and undoable).
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// The head chose `absorbed` in `kept`'s "merge into this district": confirm first.
    Asking {
        /// The district that stays.
        kept: RecordId,
        /// The district merged into it.
        absorbed: RecordId,
    },
    /// Merged: undo brings `absorbed` back as it was in `before`.
    Done {
        /// The district that stayed.
        kept: RecordId,
        /// The district merged into it.
        absorbed: RecordId,
        /// The organisation just before the merge.
        before: Arc<Organisation>,
    },
}

/// What every districts component of the chosen station works with: the organisation,
/// the station's code, whether the signed-in officer may edit it, and where the outcome
/// of an edit is shown. `Copy`, handed to each component as one prop.
#[derive(Clone, Copy)]
pub struct Context {
    /// The organisation as this device has it (reactive).
    pub org: Memo<Arc<Organisation>>,
    /// The station's code (its roster document holds the districts).
    pub code: StoredValue<String>,
    /// Whether the signed-in officer may edit this station's districts.
    pub writable: Memo<bool>,
    /// The outcome of the last edit.
    pub outcome: Outcome,
    /// Where the next edit's outcome shows ([`Context::at`]).
    pub place: Place,
    /// The merge being confirmed or just made (page-wide: the cards redraw after a merge).
    pub merge: RwSignal<Option<Merge>>,
}

impl Context {
    /// The same context, showing outcomes at `place`.
    pub fn at(self, place: Place) -> Self {
        Self { place, ..self }
    }

    /// Makes `change` from the organisation as it is now, writes it into the station's
    /// roster ([`write`]) and shows what it did ([`show`]); true when it was written.
    pub fn apply(
        &self,
        i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
        change: impl FnOnce(&Organisation) -> Result<Change, Vec<DistrictError>>,
    ) -> bool {
        let result = self.org.with_untracked(|o| write(i18n, o, &self.code.get_value(), change(o)));
        let written = result.is_ok();
        show(i18n, self.outcome, self.place, result);
        written
    }

    /// Shows `reason` as a refused edit (a field the form could not read).
    pub fn refuse(&self, reason: String) {
        self.outcome.set(Some(Said { ok: false, text: reason, place: self.place }));
    }
}

/// Shows the outcome of a write: "saved on this device" with the findings it resolved and
/// caused, or the reasons it was refused.
fn show(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    outcome: Outcome,
    place: Place,
    result: Result<Effect, String>,
) {
    use crate::components::fmt::fill;
    use crate::i18n::t_string;
    let (ok, text) = match result {
        Ok(effect) => {
            let mut text = t_string!(i18n, saved_here).to_string();
            if !effect.resolved.is_empty() {
                text.push(' ');
                text.push_str(&fill(
                    t_string!(i18n, edit_resolved),
                    &[("findings", effect.resolved.join(t_string!(i18n, reasons_separator)))],
                ));
            }
            if !effect.caused.is_empty() {
                text.push(' ');
                text.push_str(&fill(
                    t_string!(i18n, edit_caused),
                    &[("findings", effect.caused.join(t_string!(i18n, reasons_separator)))],
                ));
            }
            (effect.caused.is_empty(), text)
        }
        Err(e) => (false, e),
    };
    outcome.set(Some(Said { ok, text, place }));
}
