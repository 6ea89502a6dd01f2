//! A demo roster (排班) for every station, so the roster screen has something to show and
//! the rules something to check: a rotation of 24-hour duty (值班) in pairs with a leader
//! (带班), office residency (驻警) on weekdays for officers resident at an office, day
//! shifts for the others (standby, 备勤, for one alone), and a few days of leave. Generated from [`super::SEED`]; the
//! days are relative to the day the demo is seeded (two weeks back, four ahead).
//!
//! The rotation is simple on purpose, as many small stations plan: a pair on duty each day
//! (so every 24 hours is covered with a leader), the day after duty off. With five to seven
//! officers this gives close to 60 hours a week, so the weekly-hours rule warns for some
//! officers: that is the real tension the rules are there to show.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::docs::{StationRoster, WriteError};
use crate::ids::RecordId;
use crate::model::{Role, Shift, ShiftKind};
use crate::org::Organisation;
use crate::roster::{RosterConfig, new_shift};

/// The skill every 24-hour duty needs one holder of (the county's default staffing rule).
const FIRST_RESPONSE: &str = "first_response";

/// Days of demo roster before the seeding day.
pub const DAYS_BEFORE: i32 = 14;
/// Days of demo roster from the seeding day on.
pub const DAYS_AFTER: i32 = 28;

/// The demo shifts of `station` from `today - DAYS_BEFORE` to `today + DAYS_AFTER - 1`.
/// Stations with fewer than four officers on strength get none (they cannot run a
/// rotation; the roster screen then shows an empty grid).
pub fn shifts(org: &Organisation, config: &RosterConfig, station: RecordId, today: Date) -> Vec<Shift> {
    let mut officers: Vec<_> = org.strength_of(station).collect();
    officers.sort_by_key(|o| (o.role != Role::StationHead, o.badge_number.clone()));
    let n = officers.len();
    if n < 4 {
        return Vec::new();
    }
    let resident: Vec<RecordId> = org.assignments.iter().map(|a| a.officer).collect();
    let skilled: Vec<bool> = officers
        .iter()
        .map(|o| org.skill_grants.iter().any(|g| g.officer == o.id && g.skill == FIRST_RESPONSE && g.valid_on(today)))
        .collect();
    let mut duties = vec![0usize; n];
    let mut previous: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let Ok(first) = today.checked_sub(DAYS_BEFORE.days()) else { return out };
    for offset in 0..(DAYS_BEFORE + DAYS_AFTER) {
        let Ok(day) = first.checked_add(offset.days()) else { continue };
        // The pair on duty: the least used officer with first-response skill who was not on
        // duty yesterday leads; the least used other officer not on duty yesterday joins.
        let rested = |i: &usize| !previous.contains(i);
        let least = |pool: Vec<usize>, duties: &[usize]| pool.into_iter().min_by_key(|&i| (duties[i], i));
        let lead = least((0..n).filter(|i| skilled[*i] && rested(i)).collect(), &duties)
            .or_else(|| least((0..n).filter(rested).collect(), &duties));
        let Some(lead) = lead else { continue };
        let Some(second) = least((0..n).filter(|i| *i != lead && rested(i)).collect(), &duties) else { continue };
        let pair = [lead, second];
        let weekday = day.weekday().to_monday_one_offset() <= 5;
        let mut today_shifts = Vec::new();
        for (i, officer) in officers.iter().enumerate() {
            let kind = if pair.contains(&i) {
                duties[i] += 1;
                ShiftKind::Duty24
            } else if previous.contains(&i) || !weekday {
                continue;
            } else if resident.contains(&officer.id) {
                ShiftKind::Residency
            } else {
                ShiftKind::Day
            };
            let Ok(mut shift) = new_shift(config, station, officer.id, kind, day) else { continue };
            shift.leader = i == lead;
            today_shifts.push(shift);
        }
        previous = pair.to_vec();
        // A day shift needs two officers (the county's default minimum); one alone is on
        // standby (备勤) instead.
        if today_shifts.iter().filter(|s| s.kind == ShiftKind::Day).count() == 1 {
            for shift in today_shifts.iter_mut().filter(|s| s.kind == ShiftKind::Day) {
                if let Ok(standby) = new_shift(config, station, shift.officer, ShiftKind::Standby, day) {
                    *shift = Shift { id: shift.id, ..standby };
                }
            }
        }
        out.extend(today_shifts);
    }
    out
}

/// Writes the demo shifts of `station` into `view` in one transaction; returns how many.
pub fn write(
    view: &StationRoster,
    org: &Organisation,
    config: &RosterConfig,
    station: RecordId,
    today: Date,
) -> Result<usize, WriteError> {
    let shifts = shifts(org, config, station, today);
    view.write(|w| {
        for shift in &shifts {
            w.put(shift)?;
        }
        Ok(shifts.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::roster::{Context, check};

    #[test]
    fn every_station_has_a_rotation_no_rule_blocks() {
        let file = demo::county();
        let docs = crate::county_file::import(&file).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        let config = RosterConfig::default();
        let today = Date::constant(2026, 11, 30);
        for station in &org.stations {
            let shifts = shifts(&org, &config, station.id, today);
            if org.strength_of(station.id).count() < 4 {
                assert!(shifts.is_empty());
                continue;
            }
            assert!(shifts.len() > 42 * 2, "{}: a pair on duty every day", station.name);
            let ctx = Context { org: &org, config: &config, station: station.id };
            let blocking: Vec<_> = check(&ctx, &shifts, None)
                .iter()
                .filter(|v| v.blocks())
                .map(|v| v.describe(crate::rules::Lang::Zh))
                .collect();
            // A station the demo leaves with fewer than two first-response officers (a
            // deliberate break of the coverage report) shows it as a staffing finding.
            let holders = org
                .strength_of(station.id)
                .filter(|o| {
                    org.skill_grants.iter().any(|g| g.officer == o.id && g.skill == FIRST_RESPONSE && g.valid_on(today))
                })
                .count();
            if holders >= 2 {
                assert!(blocking.is_empty(), "{}: no rule blocks in the demo rotation: {blocking:?}", station.name);
            } else {
                assert!(blocking.iter().all(|d| d.contains("应急处置")), "{}: {blocking:?}", station.name);
            }
        }
    }
}
