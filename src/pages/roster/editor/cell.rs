//! The cell being planned and what can be done to it: save a shift (checked by the rules
//! first), override a blocking rule, remove a shift (asking first when that breaks a rule).

use std::sync::Arc;

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::model::{Officer, Role, Shift};
use liandong_core::org::Organisation;
use liandong_core::roster::{
    Context, EditCheck, RosterConfig, RosterViolation, SaveError, check_removal, override_violations, save,
};
use liandong_core::{DocumentId, RecordId};

use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// One cell (an officer on a day) and the editor's state; cheap to copy.
#[derive(Clone, Copy)]
pub struct Cell {
    /// The station's record id.
    pub station: RecordId,
    /// The station's roster document code.
    pub code: StoredValue<String>,
    /// The officer of the row.
    pub officer: RecordId,
    /// The day of the column.
    pub day: Date,
    /// The station's shifts.
    pub shifts: Memo<(Vec<Shift>, usize)>,
    /// The organisation with the rosters' skills.
    pub org: Memo<Arc<Organisation>>,
    /// The county's roster settings.
    pub config: Memo<RosterConfig>,
    /// The blocking violations of the shift last submitted.
    pub blocked: RwSignal<Vec<RosterViolation>>,
    /// The outcome of the last edit: saved (`true`) or refused, worded.
    pub outcome: RwSignal<Option<(bool, String)>>,
    /// A removal that breaks rules, waiting for "remove anyway": the shift and the reasons.
    pub confirm_removal: RwSignal<Option<(RecordId, Vec<String>)>>,
    /// The shift last submitted: an override is recorded on this very shift (its id is in
    /// the violations being accepted), not on a fresh copy.
    pub pending: StoredValue<Option<Shift>>,
}

impl Cell {
    /// The signed-in officer, when they are this station's head (who may override).
    pub fn me_head(self) -> Option<Officer> {
        let me = crate::data::me();
        self.org.with_untracked(|o| {
            o.officers
                .iter()
                .find(|x| Some(x.id) == me && x.role == Role::StationHead && x.station == Some(self.station))
                .cloned()
        })
    }

    /// One line per violation an edit newly causes.
    fn reasons(i18n: leptos_i18n::I18nContext<Locale>, check: &EditCheck) -> Vec<String> {
        let locale = i18n.get_locale();
        check.violations.iter().map(|v| words::roster::violation(locale, v)).collect()
    }

    /// Checks `shift` with the rules and saves it unless a rule blocks it (then the
    /// violations are shown for the head to override) or the input is refused.
    pub fn try_save(self, i18n: leptos_i18n::I18nContext<Locale>, shift: Shift) {
        let separator = t_string!(i18n, reasons_separator);
        let view = match crate::data::writer(&DocumentId::roster(&self.code.get_value())) {
            Ok(view) => view,
            Err(e) => return self.outcome.set(Some((false, fmt::write_failure(i18n, &e)))),
        };
        let result = self
            .org
            .with_untracked(|o| self.config.with_untracked(|c| save(&view, &Context::new(o, c, self.station), &shift)));
        match result {
            Ok(check) => {
                self.blocked.set(Vec::new());
                let warnings = Self::reasons(i18n, &check);
                let text = if warnings.is_empty() {
                    t_string!(i18n, roster_saved).to_string()
                } else {
                    fmt::fill(t_string!(i18n, roster_saved_with_warnings), &[("warnings", warnings.join(separator))])
                };
                self.outcome.set(Some((true, text)));
            }
            Err(SaveError::Blocked(violations)) => {
                self.outcome.set(None);
                self.blocked.set(violations);
            }
            Err(SaveError::Refused(errors)) => {
                self.blocked.set(Vec::new());
                let locale = i18n.get_locale();
                let errors = errors.iter().map(|e| words::refused::shift(locale, e)).collect::<Vec<_>>();
                self.outcome.set(Some((false, errors.join(separator))));
            }
            Err(SaveError::Write(e)) => self.outcome.set(Some((false, fmt::write_failure(i18n, &e.into())))),
        }
    }

    /// The head accepts the blocking violations of the shift last submitted, with `note`,
    /// and saves it.
    pub fn approve(self, i18n: leptos_i18n::I18nContext<Locale>, note: &str) {
        let Some(head) = self.me_head() else { return };
        let Some(mut shift) = self.pending.get_value() else { return };
        let violations = self.blocked.get_untracked();
        match override_violations(&mut shift, &violations, &head, note, liandong_core::time::now()) {
            Ok(_) => self.try_save(i18n, shift),
            Err(e) => {
                let text = words::refused::override_refused(i18n.get_locale(), &e).to_owned();
                self.outcome.set(Some((false, text)));
            }
        }
    }

    /// Removes shift `id`; unless `confirmed`, first asks when the removal breaks a rule.
    pub fn remove(self, i18n: leptos_i18n::I18nContext<Locale>, id: RecordId, confirmed: bool) {
        if !confirmed {
            let check = self.org.with_untracked(|o| {
                self.config.with_untracked(|c| {
                    self.shifts.with_untracked(|(all, _)| check_removal(&Context::new(o, c, self.station), all, id))
                })
            });
            if !check.violations.is_empty() {
                self.confirm_removal.set(Some((id, Self::reasons(i18n, &check))));
                return;
            }
        }
        self.confirm_removal.set(None);
        let removed = crate::data::writer(&DocumentId::roster(&self.code.get_value()))
            .and_then(|view| Ok(view.delete::<Shift>(id, liandong_core::time::now())?));
        self.outcome.set(Some(match removed {
            Ok(()) => (true, t_string!(i18n, roster_removed).to_string()),
            Err(e) => (false, fmt::write_failure(i18n, &e)),
        }));
    }
}
