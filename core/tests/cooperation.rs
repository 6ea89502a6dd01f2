//! The region's daily cooperation (issue 19): meetings with minutes and decisions, joint
//! patrols and joint training, checked at their boundaries; patrols and trainings counted
//! by the officers' own roster rules; a training renewing a skill; what is due and what an
//! officer has this week.

mod common;

use common::command::{Region, at, mark};
use jiff::civil::{Weekday, date};
use liandong_core::RecordId;
use liandong_core::cooperation::edit::{
    CooperationField, CooperationRefusal, DecisionDraft, cancel, close_decision, plan_patrol, plan_training,
    record_meeting, record_training, report_patrol, schedule_meetings,
};
use liandong_core::cooperation::findings::{Finding, findings};
use liandong_core::cooperation::schedule::{Recurrence, occurrences};
use liandong_core::cooperation::week::{EntryKind, entries, open_decisions};
use liandong_core::cooperation::{CooperationState, shifts, skills};
use liandong_core::docs::{Refusal, RegionBulletins, RegionCommand, WriteError};
use liandong_core::model::{
    Bulletin, BulletinCategory, JointPatrol, JointTraining, Meeting, RosterRule, Scope, ShiftKind,
};
use liandong_core::roster::config::Severity;
use liandong_core::roster::rules::{self, Context};
use liandong_core::rules::{self as org_rules, Violation};
use yrs::Doc;

fn refused(r: Result<impl std::fmt::Debug, WriteError>) -> CooperationRefusal {
    match r {
        Err(WriteError::Invalid(Refusal::Cooperation(c))) => c,
        other => panic!("expected a cooperation refusal, got {other:?}"),
    }
}

fn command() -> RegionCommand {
    RegionCommand::new(Doc::new())
}

fn patrol(r: &Region, officers: Vec<RecordId>, start: &str, end: &str) -> JointPatrol {
    JointPatrol {
        id: RecordId::new(),
        start: at(start),
        end: at(end),
        area: " S106 得胜—大庙段 ".into(),
        stations: vec![r.a, r.b],
        leader: officers.first().copied(),
        officers,
        findings: String::new(),
        lead: None,
        planned: mark(r.head_a, "2026-12-07 09:00"),
        reported: None,
        cancelled: None,
    }
}

fn training(r: &Region, attendees: Vec<RecordId>) -> JointTraining {
    JointTraining {
        id: RecordId::new(),
        topic: "现场处置与急救".into(),
        skill: "first_response".into(),
        start: at("2026-12-10 08:30"),
        end: at("2026-12-10 17:30"),
        place: "得胜派出所".into(),
        trainer: "县局特警大队".into(),
        attendees,
        passed: vec![],
        valid_until: None,
        planned: mark(r.head_a, "2026-12-07 09:00"),
        recorded: None,
        cancelled: None,
    }
}

const NOW: &str = "2026-12-07 10:00";

#[test]
fn a_joint_patrol_needs_two_stations_a_leader_on_it_and_at_most_a_day() {
    let r = Region::new();
    let view = command();
    let now = at(NOW);
    let ok = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-09 20:00");

    let one_station = patrol(&r, vec![r.at_a[1], r.at_a[2]], "2026-12-08 20:00", "2026-12-08 23:00");
    assert_eq!(refused(plan_patrol(&view, &one_station, &r.org, &[], &r.config, now)), CooperationRefusal::OneStation);
    let stranger = JointPatrol { leader: Some(r.at_a[0]), ..ok.clone() };
    assert_eq!(
        refused(plan_patrol(&view, &stranger, &r.org, &[], &r.config, now)),
        CooperationRefusal::LeaderNotOnPatrol
    );
    let too_long = JointPatrol { end: at("2026-12-09 20:01"), ..ok.clone() };
    assert_eq!(
        refused(plan_patrol(&view, &too_long, &r.org, &[], &r.config, now)),
        CooperationRefusal::Span { max_hours: 24 }
    );
    let past = JointPatrol { start: at("2026-12-07 06:00"), end: at(NOW), ..ok.clone() };
    assert_eq!(refused(plan_patrol(&view, &past, &r.org, &[], &r.config, now)), CooperationRefusal::Past);
    let blank = JointPatrol { area: "  ".into(), ..ok.clone() };
    assert_eq!(
        refused(plan_patrol(&view, &blank, &r.org, &[], &r.config, now)),
        CooperationRefusal::Text { field: CooperationField::PatrolArea, max: 100 }
    );
    assert!(CooperationState::read(&view).patrols.is_empty(), "nothing of a refused plan is saved");

    // Exactly 24 hours is allowed; the area is saved trimmed, and the officers' stations
    // are among those crossed even when only one was ticked.
    let ok = JointPatrol { stations: vec![r.a], ..ok };
    assert_eq!(plan_patrol(&view, &ok, &r.org, &[], &r.config, now), Ok(vec![]));
    let saved = CooperationState::read(&view);
    assert_eq!(saved.patrols.len(), 1);
    assert_eq!(saved.patrols[0].area, "S106 得胜—大庙段");
    assert_eq!(saved.patrols[0].stations, vec![r.a, r.b]);
}

#[test]
fn an_officer_on_leave_blocks_a_plan_and_one_on_duty_is_warned_of() {
    let r = Region::new();
    let view = command();
    let leave = r.shift(r.at_b[0], ShiftKind::Leave, "2026-12-08 00:00", "2026-12-10 00:00");
    let day = r.shift(r.at_a[1], ShiftKind::Day, "2026-12-08 08:00", "2026-12-08 18:00");
    let own = vec![leave.clone(), day.clone()];
    let p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 16:00", "2026-12-08 22:00");
    assert_eq!(
        refused(plan_patrol(&view, &p, &r.org, &own, &r.config, at(NOW))),
        CooperationRefusal::Conflict { officer: r.at_b[0], leave: true }
    );
    let p = patrol(&r, vec![r.at_a[1], r.at_b[1]], "2026-12-08 16:00", "2026-12-08 22:00");
    let warned = plan_patrol(&view, &p, &r.org, &own, &r.config, at(NOW)).expect("a WARN overlap is saved");
    assert_eq!(warned.len(), 1);
    assert_eq!((warned[0].officer, warned[0].shift, warned[0].severity), (r.at_a[1], day.id, Severity::Warn));
    // A patrol that starts when the day shift ends overlaps nothing.
    let after = patrol(&r, vec![r.at_a[1], r.at_b[1]], "2026-12-08 18:00", "2026-12-08 22:00");
    assert_eq!(plan_patrol(&view, &after, &r.org, &own, &r.config, at(NOW)), Ok(vec![]));
}

#[test]
fn a_joint_patrol_is_a_shift_of_each_officers_own_roster_and_its_rules_count_it() {
    let r = Region::new();
    let view = command();
    let p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-09 02:00");
    plan_patrol(&view, &p, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let state = CooperationState::read(&view);

    let at_a = shifts::of_station(&state, &r.org, r.a);
    let at_b = shifts::of_station(&state, &r.org, r.b);
    assert_eq!(at_a.len(), 1, "station A's roster shows its officer's patrol");
    assert_eq!((at_a[0].officer, at_a[0].kind, at_a[0].leader), (r.at_a[1], ShiftKind::JointPatrol, true));
    assert_eq!((at_b[0].officer, at_b[0].leader), (r.at_b[0], false));
    assert_ne!(at_a[0].id, at_b[0].id);

    // Home: a day shift 08:00–18:00 the next morning, 6 h after the patrol: short rest.
    let next_day = r.shift(r.at_a[1], ShiftKind::Day, "2026-12-09 08:00", "2026-12-09 18:00");
    // And a night shift the officer cannot work: they are on patrol; the night's other
    // officer is alone, under the minimum of 2.
    let night = r.shift(r.at_a[1], ShiftKind::Night, "2026-12-08 18:00", "2026-12-09 08:00");
    let other = r.shift(r.at_a[0], ShiftKind::Night, "2026-12-08 18:00", "2026-12-09 08:00");
    let roster = vec![next_day.clone(), night.clone(), other];
    let ctx = Context::new(&r.org, &r.config, r.a).with_joint(&at_a);
    let found = rules::check(&ctx, &roster, None);
    let of = |rule| found.iter().filter(|v| v.rule == rule).collect::<Vec<_>>();
    assert_eq!(of(RosterRule::JointOnDuty).len(), 1, "{found:#?}");
    assert_eq!(of(RosterRule::JointOnDuty)[0].shifts, {
        let mut ids = vec![night.id, at_a[0].id];
        liandong_core::sort::natural(&mut ids);
        ids
    });
    assert!(
        of(RosterRule::MinStaffing).iter().any(|v| v.shifts.contains(&night.id)),
        "the night is understaffed while its officer patrols: {found:#?}"
    );
    // Without the patrol, neither finding (the lone day shift after it is understaffed
    // either way).
    let without = rules::check(&Context::new(&r.org, &r.config, r.a), &roster, None);
    assert!(
        without.iter().all(|v| v.rule != RosterRule::JointOnDuty
            && !(v.rule == RosterRule::MinStaffing && v.shifts.contains(&night.id))),
        "{without:#?}"
    );

    // Station B's rules ignore A's joint shifts.
    let b_ctx = Context::new(&r.org, &r.config, r.b).with_joint(&at_a);
    assert!(rules::check(&b_ctx, &[], None).is_empty());

    // Called off, it leaves both rosters.
    cancel::<JointPatrol>(&view, p.id, mark(r.head_a, NOW)).expect("cancelled");
    assert!(shifts::of_station(&CooperationState::read(&view), &r.org, r.a).is_empty());
}

#[test]
fn rest_after_a_patrol_counts() {
    let r = Region::new();
    let view = command();
    let p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-09 02:00");
    plan_patrol(&view, &p, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let joint = shifts::of_station(&CooperationState::read(&view), &r.org, r.a);
    let morning = r.shift(r.at_a[1], ShiftKind::Day, "2026-12-09 08:00", "2026-12-09 18:00");
    let ctx = Context::new(&r.org, &r.config, r.a).with_joint(&joint);
    let found = rules::check(&ctx, std::slice::from_ref(&morning), None);
    let rest: Vec<_> = found.iter().filter(|v| v.rule == RosterRule::MinRest).collect();
    assert_eq!(rest.len(), 1, "6 h between the patrol and the day shift: {found:#?}");
    assert!(rest[0].shifts.contains(&morning.id) && rest[0].shifts.contains(&joint[0].id));
}

#[test]
fn a_training_renews_an_expired_skill_for_those_who_passed() {
    let mut r = Region::new();
    let today = date(2026, 12, 11);
    let officer = r.at_b[0];
    r.org.skill_grants.push(liandong_core::model::SkillGrant {
        id: RecordId::new(),
        station: r.b,
        officer,
        skill: "first_response".into(),
        expires: Some(date(2026, 12, 1)),
    });
    let holds = |org: &liandong_core::org::Organisation, o: RecordId| {
        org.skill_grants.iter().any(|g| g.officer == o && g.skill == "first_response" && g.valid_on(today))
    };
    assert!(!holds(&r.org, officer));

    // Proposed: expired, or expiring within 60 days of the training; not later ones.
    r.org.skill_grants.push(liandong_core::model::SkillGrant {
        id: RecordId::new(),
        station: r.a,
        officer: r.at_a[1],
        skill: "first_response".into(),
        expires: Some(date(2027, 2, 8)),
    });
    r.org.skill_grants.push(liandong_core::model::SkillGrant {
        id: RecordId::new(),
        station: r.a,
        officer: r.at_a[2],
        skill: "first_response".into(),
        expires: Some(date(2027, 2, 9)),
    });
    let proposed = skills::proposed(&r.org, &[r.a, r.b], "first_response", date(2026, 12, 10));
    let ids: Vec<RecordId> = proposed.iter().map(|p| p.officer).collect();
    assert_eq!(ids, vec![officer, r.at_a[1]], "expired first, the one at 60 days in, the one at 61 out");

    let view = command();
    let t = training(&r, vec![officer, r.at_a[1], r.at_b[1]]);
    plan_training(&view, &t, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let before = mark(r.head_a, "2026-12-10 08:00");
    assert_eq!(
        refused(record_training(&view, t.id, vec![officer], Some(date(2028, 12, 9)), before)),
        CooperationRefusal::NotYetHeld
    );
    let after = mark(r.head_a, "2026-12-10 18:00");
    assert_eq!(
        refused(record_training(&view, t.id, vec![r.at_a[0]], Some(date(2028, 12, 9)), after)),
        CooperationRefusal::NotAttendee
    );
    assert_eq!(
        refused(record_training(&view, t.id, vec![officer], Some(date(2026, 12, 9)), after)),
        CooperationRefusal::ExpiryBeforeTraining
    );
    record_training(&view, t.id, vec![officer, r.at_b[1]], Some(date(2028, 12, 9)), after).expect("recorded");

    let state = CooperationState::read(&view);
    let mut org = r.org.clone();
    skills::apply(&mut org, &state.trainings);
    assert!(holds(&org, officer), "renewed");
    assert!(holds(&org, r.at_b[1]), "granted to one who did not hold it");
    assert!(!org.skill_grants.iter().any(|g| g.officer == r.at_a[1] && g.expires == Some(date(2028, 12, 9))));
    // A planned training that is not recorded changes nothing.
    let mut planned_only = r.org.clone();
    skills::apply(&mut planned_only, std::iter::once(&t));
    assert_eq!(planned_only.skill_grants, r.org.skill_grants);
}

#[test]
fn a_training_that_renews_a_skill_clears_the_officers_few_skills_finding() {
    let mut r = Region::new();
    r.org.policy.min_skill_categories = 2;
    let officer = r.at_b[0];
    for (skill, expires) in [("mediation", None), ("first_response", Some(date(2026, 11, 30)))] {
        r.org.skill_grants.push(liandong_core::model::SkillGrant {
            id: RecordId::new(),
            station: r.b,
            officer,
            skill: skill.into(),
            expires,
        });
    }
    let today = date(2026, 12, 11);
    let few = |org: &liandong_core::org::Organisation| {
        org_rules::check_all(org, today)
            .into_iter()
            .any(|v| matches!(v, Violation::OfficerFewSkills { officer: ref o, .. } if o.id == officer))
    };
    assert!(few(&r.org));
    let view = command();
    let t = training(&r, vec![officer]);
    plan_training(&view, &t, &r.org, &[], &r.config, at(NOW)).expect("planned");
    record_training(&view, t.id, vec![officer], Some(date(2028, 12, 9)), mark(r.head_a, "2026-12-10 18:00"))
        .expect("recorded");
    let mut org = r.org.clone();
    skills::apply(&mut org, &CooperationState::read(&view).trainings);
    assert!(!few(&org));
}

#[test]
fn meetings_recur_keep_minutes_and_their_decisions_fall_due() {
    let r = Region::new();
    let view = command();
    let template = Meeting {
        id: RecordId::new(),
        series: None,
        start: at("2026-12-07 14:30"),
        end: at("2026-12-07 16:30"),
        place: "得胜派出所会议室".into(),
        agenda: "上月警情研判\n联巡安排".into(),
        stations: vec![r.a, r.b],
        attended: vec![],
        minutes: String::new(),
        planned: mark(r.head_a, NOW),
        recorded: None,
        cancelled: None,
    };
    let dates = occurrences(date(2026, 12, 7), Recurrence::Monthly { nth: 1, weekday: Weekday::Monday }, 3);
    let saved = schedule_meetings(&view, &template, &dates, at(NOW)).expect("scheduled");
    assert_eq!(saved.len(), 3);
    assert!(saved.iter().all(|m| m.series.is_some() && m.series == saved[0].series));
    assert_eq!(saved[1].start, at("2027-01-04 14:30"));
    assert_eq!(saved[1].end, at("2027-01-04 16:30"));

    let first = saved[0].id;
    let draft = |owner, due| DecisionDraft { text: "加强 S106 夜间联巡".into(), owner, due };
    assert_eq!(
        refused(record_meeting(&view, first, vec![r.a], "纪要", &[], mark(r.head_a, "2026-12-07 14:00"))),
        CooperationRefusal::NotYetHeld
    );
    let later = mark(r.head_a, "2026-12-07 17:00");
    assert_eq!(
        refused(record_meeting(&view, first, vec![r.a], "纪要", &[draft(r.far, date(2026, 12, 20))], later)),
        CooperationRefusal::OwnerNotExpected { line: 0 }
    );
    assert_eq!(
        refused(record_meeting(&view, first, vec![r.a], "纪要", &[draft(r.b, date(2026, 12, 6))], later)),
        CooperationRefusal::DueBeforeMeeting { line: 0 }
    );
    assert_eq!(
        refused(record_meeting(&view, first, vec![r.a], " ", &[], later)),
        CooperationRefusal::Text { field: CooperationField::Minutes, max: 2000 }
    );
    record_meeting(&view, first, vec![r.a, r.b], "通报了上月警情。", &[draft(r.b, date(2026, 12, 20))], later)
        .expect("recorded");
    let state = CooperationState::read(&view);
    assert_eq!(state.meeting(first).map(|m| m.attended.len()), Some(2));
    let decision = state.decisions[0].id;
    assert_eq!(open_decisions(&state, r.b).len(), 1, "shown to the owner");
    assert!(open_decisions(&state, r.a).is_empty());

    // Due on the 20th: not overdue that day, overdue the next.
    let on_due = findings(&state, at("2026-12-20 12:00"), date(2026, 12, 20));
    assert!(on_due.is_empty(), "{on_due:?}");
    let next = findings(&state, at("2026-12-21 12:00"), date(2026, 12, 21));
    assert_eq!(next, vec![Finding::Overdue { decision, owner: r.b, due: date(2026, 12, 20) }]);
    close_decision(&view, decision, mark(r.head_b, "2026-12-21 12:00")).expect("done");
    let state = CooperationState::read(&view);
    assert!(findings(&state, at("2026-12-21 12:00"), date(2026, 12, 21)).is_empty());
    assert!(open_decisions(&state, r.b).is_empty());
}

#[test]
fn a_patrol_without_a_leader_is_a_finding_until_it_ends() {
    let r = Region::new();
    let view = command();
    let mut p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-08 23:00");
    p.leader = None;
    plan_patrol(&view, &p, &r.org, &[], &r.config, at(NOW)).expect("planned without a leader");
    let state = CooperationState::read(&view);
    let today = date(2026, 12, 7);
    assert_eq!(findings(&state, at(NOW), today), vec![Finding::NoLeader { patrol: p.id, start: p.start }]);
    assert!(findings(&state, at("2026-12-08 23:00"), date(2026, 12, 8)).is_empty(), "over: nothing to do");
    let led = JointPatrol { leader: Some(r.at_b[0]), ..p.clone() };
    plan_patrol(&view, &led, &r.org, &[], &r.config, at(NOW)).expect("re-planned");
    assert!(findings(&CooperationState::read(&view), at(NOW), today).is_empty());
}

#[test]
fn an_officers_week_holds_their_patrols_trainings_and_their_stations_meetings() {
    let r = Region::new();
    let view = command();
    let p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-08 23:00");
    plan_patrol(&view, &p, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let t = training(&r, vec![r.at_b[0]]);
    plan_training(&view, &t, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let far_off = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-15 20:00", "2026-12-15 23:00");
    plan_patrol(&view, &far_off, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let week = (at("2026-12-07 00:00"), at("2026-12-14 00:00"));
    let state = CooperationState::read(&view);
    let mine = entries(&state, r.at_b[0], Some(r.b), week);
    assert_eq!(mine.iter().map(|e| e.kind).collect::<Vec<_>>(), vec![EntryKind::Patrol, EntryKind::Training]);
    assert!(entries(&state, r.at_a[0], Some(r.a), week).is_empty(), "not on them");
    cancel::<JointTraining>(&view, t.id, mark(r.head_a, NOW)).expect("called off");
    assert_eq!(entries(&CooperationState::read(&view), r.at_b[0], Some(r.b), week).len(), 1);
}

#[test]
fn a_patrols_lead_becomes_one_region_bulletin() {
    let r = Region::new();
    let view = command();
    let bulletins = RegionBulletins::new(Doc::new());
    let p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-08 23:00");
    plan_patrol(&view, &p, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let early = mark(r.head_b, "2026-12-08 19:00");
    assert_eq!(refused(report_patrol(&view, None, p.id, "", r.b, early)), CooperationRefusal::NotYetHeld);
    let done = mark(r.head_b, "2026-12-08 23:30");
    assert_eq!(
        refused(report_patrol(&view, Some(&bulletins), p.id, "  ", r.b, done)),
        CooperationRefusal::LeadWithoutFindings
    );
    let text = "两名男子深夜推摩托车过境\n车牌遮挡，往大庙方向";
    report_patrol(&view, Some(&bulletins), p.id, text, r.b, done).expect("reported");
    report_patrol(&view, Some(&bulletins), p.id, text, r.b, done).expect("again");
    let all = bulletins.list::<Bulletin>().into_records();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id, p.id);
    assert_eq!((all[0].category, all[0].scope), (BulletinCategory::CaseClue, Scope::Region));
    let saved = CooperationState::read(&view);
    assert_eq!(saved.patrols[0].lead, Some(p.id));
    assert_eq!(saved.patrols[0].findings, text);
}

#[test]
fn a_patrol_during_the_officers_own_duty_is_an_overlap_not_extra_hours() {
    let r = Region::new();
    let view = command();
    let p = patrol(&r, vec![r.at_a[1], r.at_b[0]], "2026-12-08 20:00", "2026-12-08 23:00");
    plan_patrol(&view, &p, &r.org, &[], &r.config, at(NOW)).expect("planned");
    let joint = shifts::of_station(&CooperationState::read(&view), &r.org, r.a);
    // Three 24-hour duties in seven days: exactly the 72 hours the county allows.
    let duties: Vec<_> = [("2026-12-06", "2026-12-07"), ("2026-12-08", "2026-12-09"), ("2026-12-10", "2026-12-11")]
        .iter()
        .map(|(a, b)| r.shift(r.at_a[1], ShiftKind::Duty24, &format!("{a} 08:30"), &format!("{b} 08:30")))
        .collect();
    let ctx = Context::new(&r.org, &r.config, r.a).with_joint(&joint);
    let found = rules::check(&ctx, &duties, None);
    assert!(found.iter().any(|v| v.rule == RosterRule::JointOnDuty), "{found:#?}");
    assert!(
        found.iter().all(|v| v.rule != RosterRule::MaxHoursInWindow),
        "the patrol's hours are the duty's: {found:#?}"
    );
}
