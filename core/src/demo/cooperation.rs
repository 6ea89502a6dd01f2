//! Demo daily cooperation of every region (docs/domain.md "Daily cooperation"), around the
//! day of seeding:
//! - a regular meeting on the first Monday of each month at the center station, 14:30–16:30:
//!   the last three held, with attendance, minutes and decisions (one done, one open, one
//!   past its due date), the next three planned;
//! - a joint patrol of two hours in each of the four weeks back and four ahead where one can
//!   be staffed (the first slot from Friday on, evening, then afternoon, then morning, where
//!   both stations have an officer free and rested: the demo roster runs most officers at the
//!   72-hour limit, so some weeks have none), of up to two officers of the center station and
//!   two of a member station in turn, along the road between them; the past ones with their
//!   findings, the last one to come still without a leader;
//! - a first-response training (应急处置) two weeks ago for up to six officers: those whose
//!   grant had expired or was about to, then officers without the skill; the first half
//!   passed (renewed or granted for two years), the others are still due; and a mediation
//!   training planned in three weeks.
//!
//! Officers are chosen as a planner would: only those the demo roster leaves free and
//! rested, so no patrol or training adds a finding of the roster rules. Officers, routes and
//! texts are generated (the source names none).

use std::collections::HashMap;

use jiff::civil::{Date, Time, Weekday};
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::cooperation::schedule::{Recurrence, occurrences};
use crate::cooperation::skills::proposed;
use crate::docs::{RegionCommand, WriteError};
use crate::ids::RecordId;
use crate::model::{Decision, JointPatrol, JointTraining, Mark, Meeting, Role, RosterRule, Shift, ShiftKind};
use crate::org::Organisation;
use crate::roster::{Context, RosterConfig, check};
use crate::time::{china, in_china};

/// Everything the demo writes of one region's cooperation.
#[derive(Debug, Clone, Default)]
pub struct DemoCooperation {
    /// Meetings.
    pub meetings: Vec<Meeting>,
    /// Their decisions.
    pub decisions: Vec<Decision>,
    /// Joint patrols.
    pub patrols: Vec<JointPatrol>,
    /// Trainings.
    pub trainings: Vec<JointTraining>,
}

fn at(day: Date, h: i8, m: i8) -> Timestamp {
    china().to_timestamp(day.to_datetime(Time::constant(h, m, 0, 0))).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn plus(t: Timestamp, hours: i64) -> Timestamp {
    t.checked_add(SignedDuration::from_hours(hours)).unwrap_or(t)
}

fn days(day: Date, n: i64) -> Date {
    day.checked_add(n.days()).unwrap_or(day)
}

const MINUTES: [&str; 3] = [
    "通报上月辖区警情；研判跨乡镇盗窃摩托车线索；部署本月联巡。",
    "总结联巡情况；交流矛盾纠纷排查经验；安排冬季防火宣传。",
    "通报电信诈骗案件形势；部署岁末年初治安防范；商定联训计划。",
];

const DECISIONS: [&str; 3] = [
    "整理本所辖区出入口视频监控点位，报中心所汇总",
    "完成冬季防火入户宣传，报送宣传台账",
    "排查辖区出租屋，更新流动人口信息",
];

/// Picks officers for the demo's patrols and trainings the way a planner would: only those
/// whose demo roster ([`crate::demo::roster::shifts`]) leaves them free and rested, so the
/// joint shift adds no finding of the roster rules at their station (no overlap, rest,
/// hours or staffing at home).
struct Picker<'a> {
    org: &'a Organisation,
    config: RosterConfig,
    /// Each station's demo shifts and its number of findings without joint shifts.
    rosters: HashMap<RecordId, (Vec<Shift>, usize)>,
    /// The joint shifts accepted so far.
    joint: Vec<Shift>,
}

impl<'a> Picker<'a> {
    fn new(org: &'a Organisation, stations: &[RecordId], today: Date) -> Self {
        let config = RosterConfig::default();
        let rosters = stations
            .iter()
            .map(|s| {
                let shifts = crate::demo::roster::shifts(org, &config, *s, today);
                let n = check(&Context::new(org, &config, *s), &shifts, None)
                    .iter()
                    .filter(|v| v.rule != RosterRule::JointOnDuty)
                    .count();
                (*s, (shifts, n))
            })
            .collect();
        Self { org, config, rosters, joint: Vec::new() }
    }

    /// Up to `k` of `candidates` (tried from `offset` on, round) free for `[start, end)` on
    /// record `of`, each accepted as a shift of `kind`.
    fn pick(
        &mut self,
        candidates: &[RecordId],
        k: usize,
        offset: usize,
        of: RecordId,
        (start, end): (Timestamp, Timestamp),
        kind: ShiftKind,
    ) -> Vec<RecordId> {
        let mut out = Vec::new();
        for i in 0..candidates.len() {
            if out.len() == k {
                break;
            }
            let officer = candidates[(i + offset) % candidates.len()];
            let Some(station) = self.org.officers.iter().find(|o| o.id == officer).and_then(|o| o.station) else {
                continue;
            };
            let Some((shifts, base)) = self.rosters.get(&station) else { continue };
            let shift = Shift {
                id: crate::cooperation::shifts::shift_id(of, officer),
                station,
                officer,
                kind,
                start,
                end,
                leader: false,
                leave: None,
                note: None,
                overrides: vec![],
            };
            let mut joint = self.joint.clone();
            joint.push(shift.clone());
            let found = check(&Context::new(self.org, &self.config, station).with_joint(&joint), shifts, None);
            // Only the overlap with the officer's own shift may be new (WARN: the office or the
            // station does without them for two hours); nothing of rest, hours or staffing.
            let added = found.iter().filter(|v| v.rule != RosterRule::JointOnDuty).count();
            if added == *base {
                self.joint.push(shift);
                out.push(officer);
            }
        }
        out
    }
}

/// The demo records of region `region_code` as of `now` (empty for an unknown region).
pub fn records(org: &Organisation, region_code: &str, now: Timestamp) -> DemoCooperation {
    let mut out = DemoCooperation::default();
    let Some(region) = org.regions.iter().find(|r| r.code == region_code) else { return out };
    let stations: Vec<RecordId> = region.stations().collect();
    let today = in_china(now).date();
    let head = |station: RecordId| {
        org.officers.iter().find(|o| o.station == Some(station) && o.role == Role::StationHead).map(|o| o.id)
    };
    let Some(planner) = head(region.center) else { return out };
    let mark = |at: Timestamp| Mark { at, by: planner };
    let center_name = org.stations.iter().find(|s| s.id == region.center).map_or("", |s| s.name.as_str());

    // Meetings: three months back to three ahead, on the first Monday.
    let first = days(today.first_of_month(), -95);
    let rule = Recurrence::Monthly { nth: 1, weekday: Weekday::Monday };
    let series = RecordId::new();
    let all = occurrences(first, rule, 8);
    let (past, ahead): (Vec<Date>, Vec<Date>) = all.into_iter().partition(|d| plus(at(*d, 14, 30), 2) < now);
    let chosen = past.iter().rev().take(3).rev().chain(ahead.iter().take(3)).copied();
    let mut held = 0;
    for day in chosen {
        let start = at(day, 14, 30);
        let end = plus(start, 2);
        let past = end < now;
        let id = RecordId::new();
        let attended: Vec<RecordId> = if past {
            // One member station missed the second meeting.
            stations
                .iter()
                .copied()
                .enumerate()
                .filter(|(i, _)| !(held == 1 && *i == stations.len() - 1))
                .map(|(_, s)| s)
                .collect()
        } else {
            Vec::new()
        };
        if past {
            let owner = stations.get(1 + held % (stations.len() - 1).max(1)).copied().unwrap_or(region.center);
            let due = days(day, 14);
            out.decisions.push(Decision {
                id: RecordId::new(),
                meeting: id,
                text: DECISIONS[held].into(),
                owner,
                due,
                decided: mark(end),
                // The oldest is done; the second is past due; the newest is open.
                done: (held == 0).then(|| mark(plus(at(due, 9, 0), -24))),
            });
        }
        out.meetings.push(Meeting {
            id,
            series: Some(series),
            start,
            end,
            place: format!("{center_name}会议室"),
            agenda: "1. 通报上月警情\n2. 研判串并线索\n3. 部署联巡联训".into(),
            stations: stations.clone(),
            attended,
            minutes: if past { MINUTES[held].into() } else { String::new() },
            planned: mark(plus(at(first, 9, 0), 0)),
            recorded: past.then(|| mark(plus(end, 1))),
            cancelled: None,
        });
        if past {
            held += 1;
        }
    }

    // Joint patrols: Fridays, four back and four ahead, the center with each member in turn.
    let members: Vec<RecordId> = region.members.clone();
    let plain = |station: RecordId| -> Vec<RecordId> {
        org.officers
            .iter()
            .filter(|o| o.station == Some(station) && matches!(o.role, Role::Officer | Role::Liaison))
            .map(|o| o.id)
            .collect()
    };
    let center_officers = plain(region.center);
    let mut picker = Picker::new(org, &stations, today);
    let last_friday = {
        let mut d = today;
        while d.weekday() != Weekday::Friday {
            d = days(d, -1);
        }
        d
    };
    for week in -4i64..4 {
        let Some(member) = members.get((week + 4) as usize % members.len().max(1)).copied() else { break };
        let member_officers = plain(member);
        // The first slot of the week (Friday first, then the days after it; evening, then
        // afternoon, then morning) where both stations have someone free and rested.
        let offset = week.unsigned_abs() as usize;
        let id = RecordId::new();
        let slots =
            (0..7).flat_map(|d| [(19, 0), (14, 0), (9, 0)].map(|(h, m)| (days(last_friday, 7 * (week + 1) + d), h, m)));
        let mut found = None;
        for (day, h, m) in slots {
            let start = at(day, h, m);
            let end = plus(start, 2);
            let ours = picker.pick(&center_officers, 2, offset, id, (start, end), ShiftKind::JointPatrol);
            let theirs = picker.pick(&member_officers, 2, offset, id, (start, end), ShiftKind::JointPatrol);
            if !ours.is_empty() && !theirs.is_empty() {
                found = Some((start, end, ours, theirs));
                break;
            }
            // Not this slot: give back what was taken for it.
            picker
                .joint
                .retain(|j| ours.iter().chain(&theirs).all(|o| crate::cooperation::shifts::shift_id(id, *o) != j.id));
        }
        let Some((start, end, mut officers, theirs)) = found else { continue };
        officers.extend(theirs);
        let member_name = org.stations.iter().find(|s| s.id == member).map_or("", |s| s.name.as_str());
        let done = end < now;
        out.patrols.push(JointPatrol {
            id,
            start,
            end,
            area: format!(
                "{}—{} 乡道及集镇",
                center_name.trim_end_matches("派出所"),
                member_name.trim_end_matches("派出所")
            ),
            stations: vec![region.center, member],
            leader: officers.first().copied(),
            officers,
            findings: if done && out.patrols.iter().all(|p| p.findings.is_empty()) {
                "集镇路口发现两辆无牌摩托车，已登记车主信息".into()
            } else {
                String::new()
            },
            lead: None,
            planned: mark(plus(start, -24 * 6)),
            reported: done.then(|| Mark { at: plus(end, 1), by: head(member).unwrap_or(planner) }),
            cancelled: None,
        });
    }

    // The last patrol still to come has no leader yet.
    if let Some(p) = out.patrols.iter_mut().rev().find(|p| p.start > now) {
        p.leader = None;
    }

    // Trainings: first response two weeks ago, mediation in three weeks.
    let held_on = days(today, -14);
    // Those due for renewal, then officers of the region without the skill.
    let mut attendees: Vec<RecordId> =
        proposed(org, &stations, "first_response", held_on).iter().map(|p| p.officer).collect();
    let without = org.officers.iter().filter(|o| {
        o.role == Role::Officer
            && o.station.is_some_and(|s| stations.contains(&s))
            && !org.skill_grants.iter().any(|g| g.officer == o.id && g.skill == "first_response")
    });
    for officer in without {
        if !attendees.contains(&officer.id) {
            attendees.push(officer.id);
        }
    }
    let start = at(held_on, 8, 30);
    let id = RecordId::new();
    let attendees = picker.pick(&attendees, 6, 0, id, (start, plus(start, 9)), ShiftKind::Training);
    if !attendees.is_empty() {
        out.trainings.push(JointTraining {
            id,
            topic: "现场先期处置与急救".into(),
            skill: "first_response".into(),
            start,
            end: plus(start, 9),
            place: center_name.to_owned(),
            trainer: "县局特警大队".into(),
            passed: attendees[..attendees.len().div_ceil(2)].to_vec(),
            attendees,
            valid_until: Some(days(held_on, 730)),
            planned: mark(plus(start, -24 * 14)),
            recorded: Some(mark(plus(start, 10))),
            cancelled: None,
        });
    }
    let ahead = days(today, 21);
    let start = at(ahead, 8, 30);
    let id = RecordId::new();
    let mut mediators: Vec<RecordId> = proposed(org, &stations, "mediation", ahead).iter().map(|p| p.officer).collect();
    if mediators.is_empty() {
        mediators = center_officers.clone();
    }
    let mediators = picker.pick(&mediators, 6, 0, id, (start, plus(start, 9)), ShiftKind::Training);
    out.trainings.push(JointTraining {
        id,
        topic: "矛盾纠纷联调实务".into(),
        skill: "mediation".into(),
        start,
        end: plus(start, 9),
        place: center_name.to_owned(),
        trainer: "县司法局".into(),
        attendees: mediators,
        passed: vec![],
        valid_until: None,
        planned: mark(now),
        recorded: None,
        cancelled: None,
    });
    out
}

/// Writes the demo cooperation of `region_code` into `view` in one transaction; returns how
/// many records.
pub fn write(view: &RegionCommand, org: &Organisation, region_code: &str, now: Timestamp) -> Result<usize, WriteError> {
    let r = records(org, region_code, now);
    view.write(|w| {
        r.meetings.iter().try_for_each(|x| w.put(x))?;
        r.decisions.iter().try_for_each(|x| w.put(x))?;
        r.patrols.iter().try_for_each(|x| w.put(x))?;
        r.trainings.iter().try_for_each(|x| w.put(x))?;
        Ok(r.meetings.len() + r.decisions.len() + r.patrols.len() + r.trainings.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cooperation::CooperationState;
    use crate::cooperation::findings::{Finding, findings};
    use crate::demo;

    #[test]
    fn desheng_meets_monthly_patrols_weekly_and_trained_first_response() {
        let docs = crate::county_file::import(&demo::county()).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        let now: Timestamp = "2026-12-07T02:00:00Z".parse().expect("time");
        let view = RegionCommand::new(yrs::Doc::new());
        write(&view, &org, "desheng", now).expect("written");
        let state = CooperationState::read(&view);
        assert_eq!(state.meetings.iter().filter(|m| m.recorded.is_some()).count(), 3);
        assert_eq!(state.meetings.iter().filter(|m| m.start > now).count(), 3);
        assert!(state.patrols.len() >= 3, "{} patrols", state.patrols.len());
        let station_of = |o: &RecordId| org.officers.iter().find(|x| x.id == *o).and_then(|x| x.station);
        for p in &state.patrols {
            let mut of: Vec<_> = p.officers.iter().filter_map(station_of).collect();
            of.dedup();
            assert!(p.stations.len() == 2 && of.len() == 2, "officers of both stations: {p:?}");
        }
        let first_response = state.trainings.iter().find(|t| t.skill == "first_response").expect("held");
        assert!(!first_response.passed.is_empty() && first_response.passed.len() < first_response.attendees.len());
        let found = findings(&state, now, in_china(now).date());
        assert!(found.iter().any(|f| matches!(f, Finding::Overdue { .. })), "{found:?}");
        assert!(found.iter().any(|f| matches!(f, Finding::NoLeader { .. })), "{found:?}");
    }
}
