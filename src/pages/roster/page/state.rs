//! What the roster page shows and the officer has chosen: the station, week or month, the
//! selected cell, the organisation, settings, shifts and findings, as memos over the
//! documents; cheap to copy into every part of the page.

use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::Loan;
use liandong_core::model::{Officer, Role, Shift};
use liandong_core::org::Organisation;
use liandong_core::roster::{RosterConfig, SyncReport};

use super::super::data::{self, StationChoice};

/// The days shown: the week (Monday to Sunday) or the month of `anchor`.
pub fn days_of(anchor: Date, month: bool) -> Vec<Date> {
    let (first, last) = if month {
        (anchor.first_of_month(), anchor.last_of_month())
    } else {
        let monday = anchor.checked_sub(i64::from(anchor.weekday().to_monday_zero_offset()).days()).unwrap_or(anchor);
        (monday, monday.checked_add(6.days()).unwrap_or(monday))
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        out.push(day);
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out
}

/// The station's officers on strength: the head first, then by badge number.
pub fn officers_of(org: &Organisation, station: RecordId) -> Vec<Officer> {
    let mut officers: Vec<Officer> = org.strength_of(station).cloned().collect();
    liandong_core::sort::by_key(&mut officers, |o| (o.role != Role::StationHead, o.badge_number.clone()));
    officers
}

/// The page's state.
#[derive(Clone, Copy)]
pub struct RosterState {
    /// The stations whose rosters the officer may read, their own first.
    pub stations: Memo<Vec<StationChoice>>,
    /// The station chosen in the select (`None`: the first).
    pub chosen: RwSignal<Option<String>>,
    /// The station shown.
    pub station: Memo<Option<StationChoice>>,
    /// Month (`true`) or week.
    pub month: RwSignal<bool>,
    /// A day of the week or month shown.
    pub anchor: RwSignal<Date>,
    /// The cell being edited: officer and day.
    pub selected: RwSignal<Option<(RecordId, Date)>>,
    /// The outcome of the last copy, rotation or export, worded.
    pub message: RwSignal<Option<String>>,
    /// The organisation with the rosters' skills and offices.
    pub org: Memo<Arc<Organisation>>,
    /// The county's roster settings.
    pub config: Memo<RosterConfig>,
    /// The station's live shifts, and how many records could not be read.
    pub shifts: Memo<(Vec<Shift>, usize)>,
    /// Loans of officers from and to the station (借调).
    pub loans: Memo<Vec<Loan>>,
    /// The officers' joint patrols and trainings as shifts (read-only in the grid).
    pub joint: Memo<Vec<Shift>>,
    /// The rules over the merged roster.
    pub report: Memo<SyncReport>,
    /// The days shown.
    pub days: Memo<Vec<Date>>,
    /// The station's officers, in the grid's order.
    pub officers: Memo<Vec<Officer>>,
    /// Whether the officer may plan this station's roster (its head).
    pub writable: Memo<bool>,
}

impl RosterState {
    /// The week of today at the officer's own station.
    pub fn new() -> Self {
        let stations = Memo::new(|_| data::stations());
        let chosen = RwSignal::new(None::<String>);
        let station = Memo::new(move |_| {
            stations.with(|all| match chosen.get() {
                Some(code) => all.iter().find(|s| s.code == code).cloned(),
                None => all.first().cloned(),
            })
        });
        let month = RwSignal::new(false);
        let anchor = RwSignal::new(data::today());
        let org = Memo::new_with_compare(|_| Arc::new(crate::data::org_with_rosters()), |_, _| true);
        let config = Memo::new(|_| data::config());
        let shifts = Memo::new(move |_| station.get().map(|s| data::shifts(&s.code, s.id)).unwrap_or_default());
        let loans = Memo::new(move |_| station.get().map(|s| data::loans(s.id)).unwrap_or_default());
        let joint = Memo::new(move |_| station.get().map(|s| data::joint(s.id)).unwrap_or_default());
        let report = Memo::new(move |_| {
            let Some(s) = station.get() else { return SyncReport::default() };
            joint.with(|j| loans.with(|l| org.with(|o| config.with(|c| data::report(&s.code, o, c, s.id, (l, j))))))
        });
        Self {
            stations,
            chosen,
            station,
            month,
            anchor,
            selected: RwSignal::new(None),
            message: RwSignal::new(None),
            org,
            config,
            shifts,
            loans,
            joint,
            report,
            days: Memo::new(move |_| days_of(anchor.get(), month.get())),
            officers: Memo::new(move |_| station.get().map(|s| org.with(|o| officers_of(o, s.id))).unwrap_or_default()),
            writable: Memo::new(move |_| station.get().is_some_and(|s| data::can_write(&s.code))),
        }
    }

    /// The next (or previous) week or month; closes the cell editor.
    pub fn step(self, forward: bool) {
        let span = if self.month.get_untracked() { 1.month() } else { 7.days() };
        self.anchor.update(|a| {
            let next = if forward { a.checked_add(span) } else { a.checked_sub(span) };
            if let Ok(next) = next {
                *a = next;
            }
        });
        self.selected.set(None);
    }
}
