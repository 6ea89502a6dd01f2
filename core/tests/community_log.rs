//! The workbook's field work (issue 18): intelligence reports, patrols and legal outreach
//! are refused with the reason when wrong and nothing is saved; outreach counts in the
//! month's figures; the liaison forwards a report, and only its copy reaches the region's
//! bulletins, where the center station links it into a case series; a rapid response is
//! raised as one incident of the regional command.

mod common;

use common::community::at;
use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::bulletins::{audience, draft};
use liandong_core::community::CommunityState;
use liandong_core::community::edit::{WorkbookField, WorkbookRefusal};
use liandong_core::community::figures::month;
use liandong_core::community::forward::forward;
use liandong_core::community::log::{MAX_PATROL_MINUTES, log_outreach, log_patrol, log_response, put_report};
use liandong_core::community::raise::raise;
use liandong_core::docs::RegionCommand;
use liandong_core::docs::{Refusal, RegionBulletins, StationCommunity, WriteError};
use liandong_core::model::{
    Bulletin, BulletinCategory, BulletinVersion, CommunityReport, Incident, Mark, Outreach, Patrol, RapidResponse,
    ReportCategory, ReportSource, Scope, Series, Urgency,
};
use liandong_core::org::Organisation;
use yrs::Doc;

fn refused(r: Result<impl std::fmt::Debug, WriteError>) -> WorkbookRefusal {
    match r {
        Err(WriteError::Invalid(Refusal::Workbook(w))) => w,
        other => panic!("expected a workbook refusal, got {other:?}"),
    }
}

fn report(content: &str, category: ReportCategory, by: RecordId) -> CommunityReport {
    CommunityReport {
        id: RecordId::new(),
        category,
        source: ReportSource::Patrol,
        patrol: None,
        village: None,
        content: content.into(),
        logged: Mark { at: at("2026-12-07T01:00:00Z"), by },
        forwarded: None,
    }
}

fn patrol(by: RecordId) -> Patrol {
    Patrol {
        id: RecordId::new(),
        area: "集镇—S106 线".into(),
        start: at("2026-12-06T14:00:00Z"),
        minutes: 150,
        officers: vec![by],
        found: String::new(),
        logged: Mark { at: at("2026-12-06T17:00:00Z"), by },
    }
}

fn outreach(on: Date, by: RecordId) -> Outreach {
    Outreach {
        id: RecordId::new(),
        on,
        village: None,
        topic: "防范电信网络诈骗".into(),
        audience: 120,
        logged: Mark { at: at("2026-12-07T01:00:00Z"), by },
    }
}

#[test]
fn bad_field_work_is_refused_with_the_reason_and_nothing_is_saved() {
    let view = StationCommunity::new(Doc::new());
    let by = RecordId::new();
    let now = at("2026-12-07T02:00:00Z");
    // 2026-12-07 10:00 China time.
    let today = Date::constant(2026, 12, 7);

    let empty = report("  \n ", ReportCategory::Hazard, by);
    assert_eq!(
        refused(put_report(&view, &empty)),
        WorkbookRefusal::Text { field: WorkbookField::ReportContent, max: 2000 }
    );

    let mut p = patrol(by);
    p.area = " ".into();
    assert_eq!(
        refused(log_patrol(&view, &p, None, now)),
        WorkbookRefusal::Text { field: WorkbookField::PatrolArea, max: 100 }
    );
    let mut p = patrol(by);
    p.minutes = 0;
    assert_eq!(refused(log_patrol(&view, &p, None, now)), WorkbookRefusal::PatrolMinutes { max: MAX_PATROL_MINUTES });
    p.minutes = MAX_PATROL_MINUTES + 1;
    assert_eq!(refused(log_patrol(&view, &p, None, now)), WorkbookRefusal::PatrolMinutes { max: MAX_PATROL_MINUTES });
    let mut p = patrol(by);
    p.officers.clear();
    assert_eq!(refused(log_patrol(&view, &p, None, now)), WorkbookRefusal::NoOfficers);
    let mut p = patrol(by);
    // Setting out a minute from now.
    p.start = at("2026-12-07T02:01:00Z");
    assert_eq!(refused(log_patrol(&view, &p, None, now)), WorkbookRefusal::FutureTime);

    let mut e = outreach(today, by);
    e.audience = 0;
    assert_eq!(refused(log_outreach(&view, &e, None, today)), WorkbookRefusal::Audience { max: 10_000 });
    e.audience = 9_999_999;
    assert_eq!(refused(log_outreach(&view, &e, None, today)), WorkbookRefusal::Audience { max: 10_000 });
    let e = outreach(Date::constant(2026, 12, 8), by);
    assert_eq!(refused(log_outreach(&view, &e, None, today)), WorkbookRefusal::FutureDay);

    let state = CommunityState::read(&view);
    assert!(state.reports.is_empty() && state.patrols.is_empty() && state.outreach.is_empty(), "nothing saved");

    // A quiet patrol (no finding), a patrol of 12 hours, a report and an event of today pass.
    // A lead needs findings; the patrol is not saved either.
    assert_eq!(
        refused(log_patrol(&view, &patrol(by), Some(ReportCategory::CrimeLead), now)),
        WorkbookRefusal::LeadWithoutFindings
    );
    assert!(CommunityState::read(&view).patrols.is_empty(), "nothing saved");
    log_patrol(&view, &patrol(by), None, now).expect("a quiet patrol is logged");
    let mut long = patrol(by);
    long.minutes = MAX_PATROL_MINUTES;
    long.found = "废品收购站深夜有三轮车运来电缆".into();
    let lead = log_patrol(&view, &long, Some(ReportCategory::CrimeLead), now).expect("a night's patrol is logged");
    let lead = lead.expect("its lead is recorded");
    assert_eq!(
        (lead.patrol, lead.source, lead.content.as_str()),
        (Some(long.id), ReportSource::Patrol, "废品收购站深夜有三轮车运来电缆")
    );
    put_report(&view, &report("桥护栏损坏", ReportCategory::Hazard, by)).expect("report");
    log_outreach(&view, &outreach(today, by), None, today).expect("event");
    let state = CommunityState::read(&view);
    assert_eq!((state.reports.len(), state.patrols.len(), state.outreach.len()), (2, 2, 1));
}

#[test]
fn outreach_counts_for_its_officer_in_the_month_of_its_day() {
    let view = StationCommunity::new(Doc::new());
    let (a, b) = (RecordId::new(), RecordId::new());
    let today = Date::constant(2026, 12, 7);
    for (on, by) in [(Date::constant(2026, 12, 1), a), (today, a), (Date::constant(2026, 11, 30), b)] {
        log_outreach(&view, &outreach(on, by), None, today).expect("event");
    }
    let state = CommunityState::read(&view);
    let now = at("2026-12-07T02:00:00Z");
    let this = month(&state, today, today, now);
    let of = |rows: &[liandong_core::community::figures::MonthFigures], o| {
        rows.iter().find(|r| r.officer == o).map_or(0, |r| r.outreach)
    };
    assert_eq!((of(&this, Some(a)), of(&this, Some(b)), of(&this, None)), (2, 0, 2));
    let last = month(&state, Date::constant(2026, 11, 15), today, now);
    assert_eq!((of(&last, Some(a)), of(&last, Some(b)), of(&last, None)), (0, 1, 1));
}

#[test]
fn a_forwarded_report_reaches_the_region_as_one_bulletin_that_joins_a_series() {
    let community = StationCommunity::new(Doc::new());
    let region = RegionBulletins::new(Doc::new());
    let (officer, liaison, station) = (RecordId::new(), RecordId::new(), RecordId::new());
    let lead = report("集镇废品收购站疑收赃物电缆\n深夜有三轮车运来成捆电缆", ReportCategory::CrimeLead, officer);
    let other = report("两户因宅基地滴水檐起争执", ReportCategory::Dispute, officer);
    put_report(&community, &lead).expect("report");
    put_report(&community, &other).expect("report");

    let mark = Mark { at: at("2026-12-07T03:00:00Z"), by: liaison };
    let marked = forward(&region, &community, lead.id, station, Some("陈家村"), mark).expect("forwarded");
    assert_eq!(marked.forwarded, Some(mark));
    // A second try (another device of the liaison) writes no second copy.
    forward(&region, &community, lead.id, station, Some("陈家村"), mark).expect("again");

    let bulletins = region.list::<Bulletin>().into_records();
    assert_eq!(bulletins.len(), 1, "only the chosen report leaves the station");
    let copy = &bulletins[0];
    assert_eq!(copy.id, lead.id);
    assert_eq!(copy.title, "集镇废品收购站疑收赃物电缆", "the first line is the title");
    assert_eq!(copy.body, "深夜有三轮车运来成捆电缆", "the lines after the title");
    assert_eq!(copy.place.as_deref(), Some("陈家村"));
    assert_eq!(
        (copy.category, copy.urgency, copy.scope, copy.station, copy.author),
        (BulletinCategory::CommunityIntelligence, Urgency::Important, Scope::Station, station, liaison)
    );
    assert_eq!(copy.forwarded_at, Some(mark.at), "the center station finds it among the forwarded");
    assert_eq!(region.list::<BulletinVersion>().into_records().len(), 1);
    assert!(audience(&Organisation::default(), copy).is_empty(), "nobody is asked to acknowledge it");
    let listed = liandong_core::bulletins::list(
        &bulletins,
        &[],
        RecordId::new(),
        mark.at,
        &liandong_core::bulletins::Filter { unacknowledged: true, ..Default::default() },
    );
    assert!(listed.is_empty(), "it waits in nobody's list of bulletins to acknowledge");
    let state = CommunityState::read(&community);
    let not_sent = state.reports.iter().find(|r| r.id == other.id).expect("other");
    assert_eq!(not_sent.forwarded, None, "the other report stays in the station");

    // At the center station it is linked into a series with a bulletin of the region.
    let theft = region
        .write(|w| {
            draft::post(
                w,
                &draft::Draft {
                    category: BulletinCategory::CaseClue,
                    urgency: Urgency::Important,
                    scope: Scope::Region,
                    title: "电力设施被盗".into(),
                    body: "夜间电缆被盗三起".into(),
                    place: None,
                    expires_at: None,
                    photos: vec![],
                },
                RecordId::new(),
                RecordId::new(),
                at("2026-12-06T01:00:00Z"),
            )
        })
        .expect("posted");
    region.write(|w| draft::link_series(w, "电缆被盗串案", &[theft, copy.id], liaison, mark.at)).expect("linked");
    let series = region.list::<Series>().into_records();
    assert!(series[0].bulletins.contains(&lead.id));
}

#[test]
fn forwarding_a_report_not_in_the_workbook_is_refused() {
    let community = StationCommunity::new(Doc::new());
    let region = RegionBulletins::new(Doc::new());
    let mark = Mark { at: at("2026-12-07T03:00:00Z"), by: RecordId::new() };
    let r = forward(&region, &community, RecordId::new(), RecordId::new(), None, mark);
    assert_eq!(refused(r), WorkbookRefusal::Missing);
    assert!(region.list::<Bulletin>().into_records().is_empty());
}

#[test]
fn a_rapid_response_is_checked_and_raised_as_one_urgent_incident_of_the_station() {
    let region = common::command::Region::new();
    let community = StationCommunity::new(Doc::new());
    let command = RegionCommand::new(Doc::new());
    let officer = region.at_b[0];
    let now = at("2026-12-07T14:00:00Z");
    let response = RapidResponse {
        id: RecordId::new(),
        what: "两人正在撬盗变压器铜芯".into(),
        place: "陈家村村口变压器".into(),
        at: at("2026-12-07T13:50:00Z"),
        officers: vec![officer],
        logged: Mark { at: now, by: officer },
        raised: None,
    };
    let mut bad = response.clone();
    bad.place = String::new();
    assert_eq!(
        refused(log_response(&community, &bad, now)),
        WorkbookRefusal::Text { field: WorkbookField::ResponsePlace, max: 100 }
    );
    let mut bad = response.clone();
    bad.officers.clear();
    assert_eq!(refused(log_response(&community, &bad, now)), WorkbookRefusal::NoOfficers);
    let mut bad = response.clone();
    bad.at = at("2026-12-07T14:05:00Z");
    assert_eq!(refused(log_response(&community, &bad, now)), WorkbookRefusal::FutureTime);
    assert!(CommunityState::read(&community).responses.is_empty(), "nothing saved");
    log_response(&community, &response, now).expect("logged");

    let mark = Mark { at: at("2026-12-07T14:02:00Z"), by: region.head_b };
    let raised = raise(&command, &community, &region.org, response.id, region.region, region.b, mark).expect("raised");
    assert_eq!(raised.raised, Some(mark));
    raise(&command, &community, &region.org, response.id, region.region, region.b, mark).expect("again");
    let incidents = command.list::<Incident>().into_records();
    assert_eq!(incidents.len(), 1, "raised twice, opened once");
    let i = &incidents[0];
    assert_eq!(
        (i.id, i.station, i.urgency, i.summary.as_str(), i.place.as_str(), i.at, i.opened),
        (response.id, Some(region.b), Urgency::Urgent, "两人正在撬盗变压器铜芯", "陈家村村口变压器", response.at, mark)
    );
    // A station outside the region cannot be named.
    let other = RapidResponse { id: RecordId::new(), ..response.clone() };
    log_response(&community, &other, now).expect("logged");
    let r = raise(&command, &community, &region.org, other.id, region.region, region.far, mark);
    assert!(matches!(r, Err(WriteError::Invalid(_))), "{r:?}");
    assert_eq!(command.list::<Incident>().into_records().len(), 1);
    assert_eq!(CommunityState::read(&community).responses.iter().filter(|r| r.raised.is_some()).count(), 1);
}

#[test]
fn an_outreach_photo_is_kept_under_the_event_and_one_too_large_saves_nothing() {
    use liandong_core::bulletins::PhotoDraft;
    use liandong_core::bulletins::draft::MAX_PHOTO_BYTES;
    use liandong_core::model::WorkbookPhoto;
    let view = StationCommunity::new(Doc::new());
    let today = Date::constant(2026, 12, 7);
    let event = outreach(today, RecordId::new());
    let huge = PhotoDraft { mime: "image/jpeg".into(), bytes: vec![0; MAX_PHOTO_BYTES + 1] };
    assert_eq!(
        refused(log_outreach(&view, &event, Some(&huge), today)),
        WorkbookRefusal::PhotoTooLarge { kib: 201, max_kib: 200 }
    );
    assert!(CommunityState::read(&view).outreach.is_empty(), "the event is not saved without its photo");
    let photo = PhotoDraft { mime: "image/jpeg".into(), bytes: vec![0xFF, 0xD8, 0xFF] };
    log_outreach(&view, &event, Some(&photo), today).expect("saved");
    let stored = view.get::<WorkbookPhoto>(event.id).expect("readable").expect("stored").record;
    assert_eq!((stored.mime.as_str(), stored.data.as_str()), ("image/jpeg", "/9j/"));
}

#[test]
fn a_mistaken_record_is_removed_by_its_author_or_the_head_never_once_forwarded() {
    use liandong_core::community::remove::remove;
    use liandong_core::model::{Role, WorkbookPhoto};
    let view = StationCommunity::new(Doc::new());
    let region = RegionBulletins::new(Doc::new());
    let (author, other, head) = (RecordId::new(), RecordId::new(), RecordId::new());
    let today = Date::constant(2026, 12, 7);
    let now = at("2026-12-07T03:00:00Z");
    let event = outreach(today, author);
    let photo = liandong_core::bulletins::PhotoDraft { mime: "image/jpeg".into(), bytes: vec![0xFF, 0xD8] };
    log_outreach(&view, &event, Some(&photo), today).expect("event");
    assert_eq!(refused(remove::<Outreach>(&view, event.id, other, Role::Officer, now)), WorkbookRefusal::NotRemovable);
    remove::<Outreach>(&view, event.id, author, Role::Officer, now).expect("its author removes it");
    assert!(CommunityState::read(&view).outreach.is_empty(), "gone from the lists and the figures");
    let photo = view.get::<WorkbookPhoto>(event.id).expect("readable").expect("kept as a tombstone");
    assert!(photo.deleted_at.is_some(), "its photo goes with it");
    assert_eq!(refused(remove::<Outreach>(&view, event.id, author, Role::Officer, now)), WorkbookRefusal::Missing);

    let p = patrol(author);
    log_patrol(&view, &p, None, now).expect("patrol");
    remove::<Patrol>(&view, p.id, head, Role::StationHead, now).expect("the head removes it");
    assert!(CommunityState::read(&view).patrols.is_empty());

    let r = report("桥护栏损坏", ReportCategory::Hazard, author);
    put_report(&view, &r).expect("report");
    forward(&region, &view, r.id, RecordId::new(), None, Mark { at: now, by: head }).expect("forwarded");
    assert_eq!(
        refused(remove::<CommunityReport>(&view, r.id, author, Role::Officer, now)),
        WorkbookRefusal::NotRemovable
    );
    assert_eq!(CommunityState::read(&view).reports.len(), 1, "a forwarded report stays");
}
