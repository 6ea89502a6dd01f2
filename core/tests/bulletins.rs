//! Bulletins: checks of the form, versions and what changed, audience and
//! acknowledgements by station, list order, filters and Chinese full-text search.

mod common;

use common::Org;
use jiff::{SignedDuration, Timestamp};
use liandong_core::RecordId;
use liandong_core::bulletins::draft::{self, MAX_PHOTO_BYTES};
use liandong_core::bulletins::{Draft, FieldError, Filter, PhotoDraft, changes, list, report};
use liandong_core::docs::RegionBulletins;
use liandong_core::model::*;
use yrs::{Doc, ReadTxn, Transact};

fn now() -> Timestamp {
    "2026-11-29T08:00:00+08:00".parse().expect("ts")
}

fn draft(title: &str) -> Draft {
    Draft {
        category: BulletinCategory::TravellingFraud,
        urgency: Urgency::Urgent,
        scope: Scope::Region,
        title: title.into(),
        body: "嫌疑人驾驶白色面包车".into(),
        place: Some("柳林乡".into()),
        expires_at: Some(now() + SignedDuration::from_hours(48)),
        photos: vec![],
    }
}

fn fields(result: Result<(), Vec<FieldError>>) -> Vec<&'static str> {
    result.err().unwrap_or_default().iter().map(FieldError::field).collect()
}

#[test]
fn the_form_names_each_field_that_does_not_pass() {
    let ok = draft("五一期间流窜诈骗预警");
    assert_eq!(ok.validate(now(), Role::Officer, 0), Ok(()));
    assert_eq!(fields(Draft { title: "  ".into(), ..ok.clone() }.validate(now(), Role::Officer, 0)), vec!["title"]);
    assert_eq!(
        fields(Draft { title: "长".repeat(101), ..ok.clone() }.validate(now(), Role::Officer, 0)),
        vec!["title"]
    );
    assert_eq!(
        fields(Draft { title: "长".repeat(100), ..ok.clone() }.validate(now(), Role::Officer, 0)),
        Vec::<&str>::new()
    );
    assert_eq!(
        fields(Draft { body: "字".repeat(5_001), ..ok.clone() }.validate(now(), Role::Officer, 0)),
        vec!["body"]
    );
    assert_eq!(
        fields(Draft { expires_at: Some(now()), ..ok.clone() }.validate(now(), Role::Officer, 0)),
        vec!["expires_at"]
    );
    assert_eq!(fields(Draft { scope: Scope::County, ..ok.clone() }.validate(now(), Role::Officer, 0)), vec!["scope"]);
    assert_eq!(Draft { scope: Scope::County, ..ok.clone() }.validate(now(), Role::Commander, 0), Ok(()));
    let photo = |bytes| PhotoDraft { mime: "image/jpeg".into(), bytes: vec![0; bytes] };
    let too_big = Draft { photos: vec![photo(1000), photo(MAX_PHOTO_BYTES + 1)], ..ok.clone() };
    assert_eq!(
        too_big.validate(now(), Role::Officer, 0),
        Err(vec![FieldError::PhotoTooLarge { number: 2, kib: 201, max_kib: 200 }])
    );
    let many = Draft { photos: vec![photo(10), photo(10)], ..ok.clone() };
    assert_eq!(fields(many.validate(now(), Role::Officer, 3)), vec!["photos"]);
    let all_wrong = Draft {
        title: String::new(),
        body: "字".repeat(6_000),
        expires_at: Some(now() - SignedDuration::from_hours(1)),
        ..ok
    };
    assert_eq!(fields(all_wrong.validate(now(), Role::Officer, 0)), vec!["title", "body", "expires_at"]);
}

/// A region of two stations with three officers each, and its bulletins document.
fn region() -> (Org, Vec<RecordId>, Vec<Vec<RecordId>>, RegionBulletins) {
    let mut org = Org::new();
    let a = org.station("甲所");
    let b = org.station("乙所");
    let c = org.station("丙所");
    let region = org.region("区", a, &[b]);
    org.region("别区", c, &[]);
    let officers = vec![org.officers(a, 3), org.officers(b, 3), org.officers(c, 2)];
    let commander = org.officer(a, Role::Commander);
    org.0.officers.iter_mut().find(|o| o.id == commander).expect("commander").region = Some(region);
    (org, vec![a, b, c], officers, RegionBulletins::new(Doc::new()))
}

#[test]
fn a_new_version_shows_what_changed_and_asks_for_a_new_acknowledgement() {
    let (org, stations, officers, doc) = region();
    let author = officers[0][0];
    let id = doc.write(|w| draft::post(w, &draft("被盗摩托车"), stations[0], author, now())).expect("post");
    let get = || doc.get::<Bulletin>(id).expect("read").expect("present").record;
    let reader = officers[1][0];
    let acks = || doc.list::<Acknowledgement>().into_records();
    // Read before writing: a view must not be read while its document is being written.
    let (b, known) = (get(), acks());
    doc.write(|w| draft::acknowledge(w, &b, &known, reader, now())).expect("ack");
    let (b, known) = (get(), acks());
    doc.write(|w| draft::acknowledge(w, &b, &known, reader, now())).expect("ack twice");
    assert_eq!(acks().len(), 1, "acknowledging twice records it once");
    assert_eq!(report(&org.0, &get(), &acks()).acknowledged, 1);

    let mut next = draft("被盗摩托车（车牌已查明）");
    next.urgency = Urgency::Important;
    let later = now() + SignedDuration::from_mins(30);
    let current = get();
    assert_eq!(doc.write(|w| draft::update(w, &current, &next, author, later)).expect("update"), Some(2));
    let versions = doc.list::<BulletinVersion>().into_records();
    assert_eq!(versions.len(), 2);
    let changed: Vec<&str> = changes(&versions[0], &versions[1]).iter().map(|c| c.field).collect();
    assert_eq!(changed, vec!["title", "urgency"]);

    let r = report(&org.0, &get(), &acks());
    assert_eq!(
        (r.version, r.acknowledged, r.audience),
        (2, 0, 6),
        "5 officers of the region besides the author, and the commander"
    );
    let second = r.stations.iter().find(|s| s.station == Some(stations[1])).expect("乙所");
    assert_eq!(second.older.len(), 1, "acknowledged version 1 only");
    assert_eq!(second.missing.len(), 2);
    assert!(r.stations.iter().all(|s| s.station != Some(stations[2])), "another region is not in the audience");
}

#[test]
fn the_audience_follows_the_scope() {
    let (org, stations, officers, _) = region();
    let mut b = Bulletin {
        id: RecordId::new(),
        station: stations[0],
        author: officers[0][0],
        category: BulletinCategory::SafetyNotice,
        urgency: Urgency::Routine,
        scope: Scope::Station,
        title: "t".into(),
        body: String::new(),
        place: None,
        photos: 0,
        posted_at: now(),
        expires_at: None,
        version: 1,
        cancelled: None,
        cancelled_at: None,
        forwarded_at: None,
        generated: false,
    };
    let size = |b: &Bulletin| liandong_core::bulletins::audience(&org.0, b).len();
    assert_eq!(size(&b), 2, "the station's other officers");
    b.scope = Scope::Region;
    assert_eq!(size(&b), 6, "both stations of the region and its commander");
    b.scope = Scope::County;
    assert_eq!(size(&b), 8, "every station and the commander");
}

#[test]
fn urgent_unacknowledged_bulletins_come_first_and_filters_and_search_work() {
    let (_, stations, officers, doc) = region();
    let me = officers[1][0];
    let post = |title: &str, urgency, minutes: i64, expires: i64| {
        let mut d = draft(title);
        d.urgency = urgency;
        d.expires_at = Some(now() + SignedDuration::from_hours(expires));
        let at = now() - SignedDuration::from_mins(minutes);
        doc.write(|w| draft::post(w, &d, stations[0], officers[0][0], at)).expect("post")
    };
    let old_urgent = post("协查在逃人员", Urgency::Urgent, 300, 48);
    let routine = post("冬季用火安全提示", Urgency::Routine, 10, 48);
    let _expired = post("已过期的会议通知", Urgency::Routine, 5, 0);
    let acked_urgent = post("紧急：流窜诈骗", Urgency::Urgent, 1, 48);
    let b = doc.get::<Bulletin>(acked_urgent).expect("read").expect("present").record;
    doc.write(|w| draft::acknowledge(w, &b, &[], me, now())).expect("ack");

    let all = doc.list::<Bulletin>().into_records();
    let acks = doc.list::<Acknowledgement>().into_records();
    let titles = |f: &Filter| list(&all, &acks, me, now(), f).into_iter().map(|r| r.bulletin.id).collect::<Vec<_>>();
    assert_eq!(
        titles(&Filter::default()),
        vec![old_urgent, acked_urgent, routine],
        "urgent unacknowledged first, then newest"
    );
    assert_eq!(titles(&Filter { unacknowledged: true, ..Default::default() }), vec![old_urgent, routine]);
    assert_eq!(titles(&Filter { urgency: Some(Urgency::Routine), ..Default::default() }), vec![routine]);
    assert_eq!(titles(&Filter { text: "诈骗".into(), ..Default::default() }).len(), 1);
    assert_eq!(titles(&Filter { text: "白色面包".into(), ..Default::default() }).len(), 3, "body text");
    assert_eq!(titles(&Filter { text: "柳林".into(), ..Default::default() }).len(), 3, "place");
    assert_eq!(titles(&Filter { inactive: true, ..Default::default() }).len(), 1, "expired ones are findable");
    assert_eq!(titles(&Filter { station: Some(stations[1]), ..Default::default() }), vec![]);
}

#[test]
fn cancelling_needs_a_reason_and_a_refused_write_changes_nothing() {
    let (_, stations, officers, doc) = region();
    let id = doc.write(|w| draft::post(w, &draft("误发通报"), stations[0], officers[0][0], now())).expect("post");
    let b = doc.get::<Bulletin>(id).expect("read").expect("present").record;
    let before = doc.doc().transact().state_vector();
    assert!(doc.write(|w| draft::cancel(w, &b, "  ", now())).is_err());
    assert_eq!(doc.doc().transact().state_vector(), before, "nothing half-saved");
    doc.write(|w| draft::cancel(w, &b, "内容有误，已重新发布", now())).expect("cancel");
    let b = doc.get::<Bulletin>(id).expect("read").expect("present").record;
    assert_eq!(b.cancelled.as_deref(), Some("内容有误，已重新发布"));
    assert!(!liandong_core::bulletins::is_active(&b, now()));
}

#[test]
fn saving_an_unchanged_bulletin_makes_no_new_version() {
    let (_, stations, officers, doc) = region();
    let author = officers[0][0];
    let id = doc.write(|w| draft::post(w, &draft("耕牛被盗"), stations[0], author, now())).expect("post");
    let b = doc.get::<Bulletin>(id).expect("read").expect("present").record;
    // The form gives back the stored text, with the blanks an officer may leave around it.
    let mut same = draft(" 耕牛被盗 ");
    same.place = Some("柳林乡 ".into());
    assert!(same.unchanged(&b));
    let before = doc.doc().transact().state_vector();
    assert_eq!(doc.write(|w| draft::update(w, &b, &same, author, now())).expect("update"), None);
    assert_eq!(doc.doc().transact().state_vector(), before, "nothing written");
    assert_eq!(doc.list::<BulletinVersion>().into_records().len(), 1);
    let mut later = draft("耕牛被盗");
    later.expires_at = Some(now() + SignedDuration::from_hours(72));
    assert!(!later.unchanged(&b), "a new expiry is a change");
}

#[test]
fn a_bulletin_joins_an_existing_series() {
    let (_, stations, officers, doc) = region();
    let author = officers[0][0];
    let post = |title: &str| doc.write(|w| draft::post(w, &draft(title), stations[0], author, now())).expect("post");
    let (a, b, c) = (post("耕牛被盗（秦古）"), post("耕牛被盗（竹坪）"), post("耕牛被盗（大庙）"));
    let id = doc.write(|w| draft::link_series(w, "耕牛盗窃团伙", &[a, b], author, now())).expect("link");
    let series = || doc.get::<Series>(id).expect("read").expect("present").record;
    let current = series();
    doc.write(|w| draft::add_to_series(w, &current, &[c])).expect("add");
    assert_eq!(series().bulletins, vec![a, b, c]);
    let current = series();
    assert!(doc.write(|w| draft::add_to_series(w, &current, &[a])).is_err(), "already in it");
    assert_eq!(series().bulletins, vec![a, b, c]);
}
