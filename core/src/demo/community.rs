//! Demo district workbooks: for every station with villages, key persons and sites with
//! visits, and joint mediation cases, placed around the day of seeding so that the lists
//! show real findings on first start (docs/domain.md "Community work"): some visits
//! overdue, some due this week, one case past its 24-hour feedback, one resolved and
//! awaiting its return visit, and one repeat dispute of the same parties; and a week of
//! field work (patrols, intelligence reports, legal outreach). Names,
//! categories and risks are generated from [`super::SEED`] and the station's code.

use fastrand::Rng;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::names::{GIVEN, SURNAMES};
use crate::community::{CommunityState, cadence_days};
use crate::docs::{StationCommunity, WriteError};
use crate::ids::RecordId;
use crate::model::{
    CommunityReport, DisputeKind, KeyKind, KeySubject, Mark, MediationCase, Mediator, Outreach, Patrol, PersonCategory,
    ReportCategory, ReportSource, RiskLevel, SiteCategory, Visit,
};
use crate::org::Organisation;

fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", SURNAMES[rng.usize(..SURNAMES.len())], GIVEN[rng.usize(..GIVEN.len())])
}

/// The demo workbook of `station` around `now` (empty for a station without villages or
/// officers).
pub fn records(org: &Organisation, station: RecordId, now: Timestamp) -> CommunityState {
    let mut out = CommunityState::default();
    let villages: Vec<_> = org.villages.iter().filter(|v| v.station == station).collect();
    let officers: Vec<_> = org.strength_of(station).map(|o| o.id).collect();
    let Some(code) = org.stations.iter().find(|s| s.id == station).map(|s| s.code.as_str()) else { return out };
    if villages.is_empty() || officers.is_empty() {
        return out;
    }
    let mut rng =
        Rng::with_seed(super::SEED ^ code.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
    let today = crate::time::in_china(now).date();
    let mark = |at: Timestamp, by: RecordId| Mark { at, by };
    let ago = |hours: i64| now.checked_sub(SignedDuration::from_hours(hours)).unwrap_or(now);
    let persons = [
        PersonCategory::MentalIllness,
        PersonCategory::ReleasedPrisoner,
        PersonCategory::DrugUser,
        PersonCategory::Petitioner,
    ];
    let sites = [
        (SiteCategory::AccidentRoad, "S106 线急弯路段"),
        (SiteCategory::School, "中心小学"),
        (SiteCategory::TroubleVillage, "治安难点"),
        (SiteCategory::KeyFacility, "加油站"),
    ];
    // Where the last visit falls against the cadence, in days: overdue (positive), due
    // this week (a few days short of the cadence), or recently visited.
    let lateness = [4, 11, -2, -5, -20, 2, -1, -12];
    for (i, village) in villages.iter().take(4).enumerate() {
        let by = officers[i % officers.len()];
        let person = KeySubject {
            id: RecordId::new(),
            kind: KeyKind::Person(persons[i % persons.len()]),
            name: person_name(&mut rng),
            village: Some(village.id),
            risk: RiskLevel::ALL[rng.usize(..2)],
            officer: Some(by),
            cadence_days: None,
            note: String::new(),
            since: today.checked_sub(120.days()).unwrap_or(today),
            added: mark(ago(120 * 24), by),
            until: None,
        };
        let (category, what) = sites[i % sites.len()];
        let name = match category {
            SiteCategory::AccidentRoad => what.to_owned(),
            _ => format!("{}{what}", village.name),
        };
        let site = KeySubject {
            id: RecordId::new(),
            kind: KeyKind::Site(category),
            name,
            village: Some(village.id),
            risk: RiskLevel::ALL[1 + rng.usize(..2)],
            ..person.clone()
        };
        for (j, subject) in [person, site].into_iter().enumerate() {
            let cadence = i32::try_from(cadence_days(&subject)).unwrap_or(30);
            let late = lateness[(2 * i + j) % lateness.len()];
            let last = today.checked_sub((cadence + late).max(0).days()).unwrap_or(today);
            for back in [0, cadence] {
                let on = last.checked_sub(back.days()).unwrap_or(last);
                out.visits.push(Visit {
                    id: RecordId::new(),
                    subject: subject.id,
                    on,
                    found: if back == 0 {
                        "情况稳定，已叮嘱家属（管理人）".into()
                    } else {
                        "情况正常".into()
                    },
                    logged: mark(ago(i64::from((today - on).get_days()) * 24), subject.officer.unwrap_or(by)),
                });
            }
            out.subjects.push(subject);
        }
    }
    let village = |i: usize| villages.get(i % villages.len()).map(|v| v.id);
    let by = officers[0];
    let mediators = vec![
        Mediator { name: person_name(&mut rng), role: "乡综治办干部".into() },
        Mediator { name: person_name(&mut rng), role: "司法所调解员".into() },
        Mediator { name: person_name(&mut rng), role: "村委会主任".into() },
    ];
    let (a, b) = (person_name(&mut rng), person_name(&mut rng));
    let case = |kind, parties: Vec<String>, summary: &str, hours_ago: i64, v: usize| MediationCase {
        id: RecordId::new(),
        kind,
        parties,
        village: village(v),
        summary: summary.into(),
        mediators: mediators.clone(),
        opened: mark(ago(hours_ago), by),
        feedback: None,
        resolved: None,
        agreement: String::new(),
        return_visit: None,
    };
    // Resolved two months ago and visited again: the first dispute of the pair.
    let mut first = case(DisputeKind::Land, vec![a.clone(), b.clone()], "承包地边界争议", 60 * 24, 0);
    first.feedback = Some(mark(ago(60 * 24 - 6), by));
    first.resolved = Some(mark(ago(57 * 24), by));
    first.agreement = "以 2019 年确权图为界，双方各退 0.5 米".into();
    first.return_visit = Some(mark(ago(52 * 24), by));
    // The same parties again, 30 hours ago, with no feedback yet: past its 24 hours.
    let again = case(DisputeKind::Land, vec![b, a], "承包地边界再起争议，一方毁界桩", 30, 0);
    // Resolved 3 days ago, awaiting its return visit.
    let mut resolved =
        case(DisputeKind::Neighbours, vec![person_name(&mut rng), person_name(&mut rng)], "排水沟堵塞纠纷", 5 * 24, 1);
    resolved.feedback = Some(mark(ago(5 * 24 - 3), by));
    resolved.resolved = Some(mark(ago(3 * 24), by));
    resolved.agreement = "双方共同清理排水沟，费用均摊".into();
    // Fed back, to be resolved within 5 days: 2 days left.
    let mut open =
        case(DisputeKind::Debt, vec![person_name(&mut rng), person_name(&mut rng)], "借款 2 万元未还", 3 * 24, 2);
    open.feedback = Some(mark(ago(3 * 24 - 5), by));
    out.cases = vec![first, again, resolved, open];
    field_work(&mut out, &officers, &village, now);
    out
}

/// A week of field work: two patrols (one with a lead, written up as a report), two
/// reports of residents and informants, and two legal outreach events, none forwarded yet.
fn field_work(
    out: &mut CommunityState,
    officers: &[RecordId],
    village: &dyn Fn(usize) -> Option<RecordId>,
    now: Timestamp,
) {
    let today = crate::time::in_china(now).date();
    let ago = |hours: i64| now.checked_sub(SignedDuration::from_hours(hours)).unwrap_or(now);
    let (by, with) = (officers[0], officers[officers.len().min(2) - 1]);
    let mut crew = vec![by, with];
    crew.dedup();
    let patrol = |area: &str, hours_ago: i64, minutes, found: &str| Patrol {
        id: RecordId::new(),
        area: area.into(),
        start: ago(hours_ago),
        minutes,
        officers: crew.clone(),
        found: found.into(),
        logged: Mark { at: ago(hours_ago - 3), by },
    };
    let night = patrol("集镇—S106 线—中心小学", 30, 150, "集镇东头废品收购站深夜仍有三轮车进出，车上疑似电缆");
    let quiet = patrol("沿河各村", 4 * 24, 120, "");
    let report = |category, source, patrol: Option<RecordId>, v, content: &str, hours_ago| CommunityReport {
        id: RecordId::new(),
        category,
        source,
        patrol,
        village: village(v),
        content: content.into(),
        logged: Mark { at: ago(hours_ago), by },
        forwarded: None,
    };
    out.reports = vec![
        report(
            ReportCategory::CrimeLead,
            ReportSource::Patrol,
            Some(night.id),
            0,
            "集镇废品收购站疑收赃物电缆\n深夜有三轮车运来成捆电缆，与近期多起电力设施被盗时间吻合",
            26,
        ),
        report(ReportCategory::Dispute, ReportSource::Informant, None, 1, "两户因宅基地滴水檐起争执，已有推搡", 50),
        report(ReportCategory::Hazard, ReportSource::Resident, None, 2, "村口桥护栏损坏，学生上学经过", 3 * 24),
    ];
    out.patrols = vec![night, quiet];
    let outreach = |days: i64, v, topic: &str, audience| Outreach {
        id: RecordId::new(),
        on: today.checked_sub(days.days()).unwrap_or(today),
        village: village(v),
        topic: topic.into(),
        audience,
        logged: Mark { at: ago(days * 24), by },
    };
    out.outreach = vec![outreach(2, 0, "防范电信网络诈骗", 120), outreach(6, 1, "中小学生防溺水", 300)];
}

/// Writes the demo workbook of `station` into `view` in one transaction; returns how many
/// records.
///
/// # Errors
/// The view's.
pub fn write(
    view: &StationCommunity,
    org: &Organisation,
    station: RecordId,
    now: Timestamp,
) -> Result<usize, WriteError> {
    let book = records(org, station, now);
    view.write(|w| {
        for s in &book.subjects {
            w.put(s)?;
        }
        for v in &book.visits {
            w.put(v)?;
        }
        for c in &book.cases {
            w.put(c)?;
        }
        for r in &book.reports {
            w.put(r)?;
        }
        for p in &book.patrols {
            w.put(p)?;
        }
        for e in &book.outreach {
            w.put(e)?;
        }
        Ok(book.subjects.len()
            + book.visits.len()
            + book.cases.len()
            + book.reports.len()
            + book.patrols.len()
            + book.outreach.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{DueState, case_list, due_list, repeats};

    #[test]
    fn every_station_with_villages_starts_with_overdue_visits_and_a_case_past_its_feedback() {
        let file = crate::demo::county();
        let docs = crate::county_file::import(&file).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        let now: Timestamp = "2026-12-07T02:00:00Z".parse().expect("time");
        let today = crate::time::in_china(now).date();
        let mut stations = 0;
        for station in &org.stations {
            let book = records(&org, station.id, now);
            if book.subjects.is_empty() {
                continue;
            }
            stations += 1;
            let due = due_list(&book.subjects, &book.visits, today);
            let overdue = due.iter().filter(|d| matches!(d.state, DueState::Overdue { .. })).count();
            let soon = due.iter().filter(|d| matches!(d.state, DueState::Soon { .. })).count();
            assert!(overdue >= 1 && soon >= 1, "{}: {overdue} overdue, {soon} due soon", station.name);
            assert!(book.visits.iter().all(|v| v.on <= today), "no visit in the future");
            let cases = case_list(&book.cases, now);
            assert!(cases[0].1.overdue(), "{}: the late feedback stands first", station.name);
            let again = &book.cases[1];
            assert_eq!(repeats(again, &book.cases).len(), 1, "the repeat dispute is flagged");
        }
        assert!(stations >= 10, "{stations} stations have a workbook");
    }
}
