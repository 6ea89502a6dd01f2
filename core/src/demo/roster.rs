//! A demo roster (排班) for every station, so the roster screen has something to show and
//! the rules something to check: a rotation of 24-hour duty (值班) in pairs with a leader
//! (带班), office residency (驻警) on weekdays for officers resident at an office, day
//! shifts for the others (standby, 备勤, for one alone), and a few days of leave. Generated from [`super::SEED`]; the
//! days are relative to the day the demo is seeded (two weeks back, four ahead).
//!
//! The rotation is simple on purpose, as many small stations plan: a pair on duty each day
//! (so every 24 hours is covered with a leader), the day after duty off, and nobody planned
//! past the county's hours rule (default 72 hours in any 7 days, see
//! [`crate::roster::config::HoursRule`]): an officer who would go over gets the day off, and
//! only a station with too few first-response officers to lead every day lawfully goes
//! over (the rules then warn about it).

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
    crate::sort::by_key(&mut officers, |o| (o.role != Role::StationHead, o.badge_number.clone()));
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
    // Work planned so far per officer, to keep within the county's hours rule.
    let mut worked: Vec<Vec<(i64, i64)>> = vec![Vec::new(); n];
    let Ok(first) = today.checked_sub(DAYS_BEFORE.days()) else { return out };
    for offset in 0..(DAYS_BEFORE + DAYS_AFTER) {
        let Ok(day) = first.checked_add(offset.days()) else { continue };
        let plan = |i: usize, kind: ShiftKind| new_shift(config, station, officers[i].id, kind, day).ok();
        // A shift other than duty leaves room for two duties to come in the same 7 days
        // (with 5 to 7 officers each does about two a week), so a weekday at the office
        // never takes the place of the station's 24-hour duty.
        let fits = |i: usize, kind: ShiftKind, worked: &[Vec<(i64, i64)>]| {
            let reserve = if kind == ShiftKind::Duty24 { 0 } else { 48 * 3_600 };
            plan(i, kind).is_some_and(|s| within_hours(config, &worked[i], &s, reserve))
        };
        // The pair on duty: the least used officer with first-response skill who was not on
        // duty yesterday and stays within the hours rule leads; the least used other such
        // officer joins. Only when nobody can stay within it does the pair go over (the
        // rules then warn: the station has too few officers for its duty).
        let rested = |i: &usize| !previous.contains(i);
        let least = |pool: Vec<usize>, duties: &[usize]| pool.into_iter().min_by_key(|&i| (duties[i], i));
        let within = |i: &usize| fits(*i, ShiftKind::Duty24, &worked);
        let lead = least((0..n).filter(|i| skilled[*i] && rested(i) && within(i)).collect(), &duties)
            .or_else(|| least((0..n).filter(|i| skilled[*i] && rested(i)).collect(), &duties))
            .or_else(|| least((0..n).filter(|i| rested(i) && within(i)).collect(), &duties))
            .or_else(|| least((0..n).filter(rested).collect(), &duties));
        let Some(lead) = lead else { continue };
        let second = least((0..n).filter(|i| *i != lead && rested(i) && within(i)).collect(), &duties)
            .or_else(|| least((0..n).filter(|i| *i != lead && rested(i)).collect(), &duties));
        let Some(second) = second else { continue };
        let pair = [lead, second];
        let weekday = day.weekday().to_monday_one_offset() <= 5;
        let mut today_shifts = Vec::new();
        for &i in &pair {
            let Some(mut shift) = plan(i, ShiftKind::Duty24) else { continue };
            duties[i] += 1;
            shift.leader = i == lead;
            today_shifts.push(shift);
        }
        // The others on a weekday: residency for officers resident at an office, a day
        // shift for the rest, each only within the hours rule (otherwise a day off).
        let mut day_shifts: Vec<usize> = Vec::new();
        for (i, officer) in officers.iter().enumerate() {
            if pair.contains(&i) || previous.contains(&i) || !weekday {
                continue;
            }
            let kind = if resident.contains(&officer.id) { ShiftKind::Residency } else { ShiftKind::Day };
            if !fits(i, kind, &worked) {
                continue;
            }
            match kind {
                ShiftKind::Day => day_shifts.push(i),
                _ => today_shifts.extend(plan(i, kind)),
            }
        }
        // A day shift needs two officers (the county's default minimum); one alone is on
        // standby (备勤) instead, if that too stays within the hours rule.
        match day_shifts[..] {
            [one] => {
                today_shifts.extend(plan(one, ShiftKind::Standby).filter(|_| fits(one, ShiftKind::Standby, &worked)))
            }
            _ => today_shifts.extend(day_shifts.iter().filter_map(|&i| plan(i, ShiftKind::Day))),
        }
        for shift in &today_shifts {
            if let Some(i) = officers.iter().position(|o| o.id == shift.officer) {
                worked[i].push((shift.start.as_second(), shift.end.as_second()));
            }
        }
        previous = pair.to_vec();
        out.extend(today_shifts);
    }
    out
}

/// Whether `shift`, after an officer's earlier `work` (start and end in seconds, in time
/// order), keeps the window of the county's hours rule that ends with it within the limit
/// less `reserve` seconds ([`crate::roster::rules::hours`]: work counts with its part
/// inside the window). Shifts are planned in time order, and the most work in a window is
/// always found in one that ends where a shift ends, so these are all the windows there are.
fn within_hours(config: &RosterConfig, work: &[(i64, i64)], shift: &Shift, reserve: i64) -> bool {
    let rule = &config.rules.hours;
    let (start, end) = (shift.start.as_second(), shift.end.as_second());
    let from = end - i64::from(rule.window_days) * 86_400;
    let before: i64 = work.iter().map(|&(s, e)| (e.min(end) - s.max(from)).max(0)).sum();
    before + (end - start) + reserve <= i64::from(rule.max_minutes) * 60
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
            let ctx = Context::new(&org, &config, station.id);
            let blocking: Vec<_> =
                check(&ctx, &shifts, None).into_iter().filter(|v| v.blocks()).map(|v| v.finding).collect();
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
                let short_of_first_response = |f: &crate::roster::Finding| matches!(f, crate::roster::Finding::Understaffed { skill: Some(s), .. } if s == "应急处置");
                assert!(blocking.iter().all(short_of_first_response), "{}: {blocking:?}", station.name);
            }
        }
    }

    #[test]
    fn the_demo_keeps_the_county_default_hours_where_the_station_can() {
        let file = demo::county();
        let docs = crate::county_file::import(&file).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        let config = RosterConfig::default();
        let today = Date::constant(2026, 11, 30);
        let (mut lawful, mut over) = (0, Vec::new());
        for station in &org.stations {
            let shifts = shifts(&org, &config, station.id, today);
            let holders = org
                .strength_of(station.id)
                .filter(|o| {
                    org.skill_grants.iter().any(|g| g.officer == o.id && g.skill == FIRST_RESPONSE && g.valid_on(today))
                })
                .count();
            let ctx = Context::new(&org, &config, station.id);
            let hours: Vec<_> = check(&ctx, &shifts, None)
                .into_iter()
                .filter(|v| v.rule == crate::model::RosterRule::MaxHoursInWindow)
                .map(|v| (v.officers, v.finding))
                .collect();
            // Two first-response officers must lead every other day each (96 hours in
            // some 7 days): only those stations may go over.
            if holders >= 3 {
                assert!(hours.is_empty(), "{}: {hours:?}", station.name);
                lawful += usize::from(!shifts.is_empty());
            } else if !hours.is_empty() {
                over.push(station.name.clone());
            }
        }
        println!("stations within the default hours: {lawful}; over (too few first-response officers): {over:?}");
        assert!(lawful >= 10, "{lawful}");
    }
}
