//! Export of a roster: iCalendar that parses back to the same shifts, CSV with one row per
//! shift that parses back with the csv crate.

mod common;

use common::roster::Station;
use common::words::Zh;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
use jiff::Timestamp;
use liandong_core::model::{LeaveKind, Shift, ShiftKind};
use liandong_core::roster::export::csv::{BOM, to_csv};
use liandong_core::roster::export::ical::to_ical;
use liandong_core::roster::export::{Whose, select};

fn roster(s: &Station) -> Vec<Shift> {
    let o = &s.officers;
    let mut duty = s.duty(o[0], "2026-12-01");
    duty.note = Some("县局专项行动, 注意: 逗号;分号".into());
    let mut leave = s.shift(o[1], ShiftKind::Leave, "2026-12-01 00:00", "2026-12-03 00:00");
    leave.leave = Some(LeaveKind::Annual);
    vec![
        s.shift(o[1], ShiftKind::Night, "2026-12-04 18:00", "2026-12-05 08:00"),
        duty,
        leave,
        s.shift(o[0], ShiftKind::Residency, "2026-12-03 08:30", "2026-12-03 17:30"),
    ]
}

fn timestamp(dt: Option<DatePerhapsTime>) -> Timestamp {
    match dt {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(utc))) => Timestamp::from_second(utc.timestamp()).unwrap(),
        other => panic!("not a UTC date-time: {other:?}"),
    }
}

#[test]
fn the_icalendar_of_an_officer_parses_back_to_the_same_shifts() {
    let s = Station::new(2, 2);
    let shifts = roster(&s);
    let stamp: Timestamp = "2026-11-30T01:00:00Z".parse().unwrap();
    let text = to_ical(&s.org, &shifts, &[], Whose::Officer(s.officers[0]), "officer 0 排班", stamp, &Zh);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("X-WR-TIMEZONE:Asia/Shanghai"));
    let calendar: Calendar = text.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    let mine = select(&shifts, Whose::Officer(s.officers[0]));
    assert_eq!(events.len(), mine.len());
    for (event, shift) in events.iter().zip(&mine) {
        assert_eq!(timestamp(event.get_start()), shift.start);
        assert_eq!(timestamp(event.get_end()), shift.end);
        assert_eq!(event.get_uid(), Some(format!("{}@liandong", shift.id).as_str()));
    }
    assert_eq!(events[0].get_summary(), Some("值班（带班）"));
    assert_eq!(events[1].get_summary(), Some("驻警"));
    assert_eq!(events[0].get_description(), Some("民警：officer 0（000000）\n备注：县局专项行动, 注意: 逗号;分号"));
}

#[test]
fn a_long_chinese_note_is_folded_into_short_lines_and_reads_back_whole() {
    let s = Station::new(2, 2);
    let mut shifts = roster(&s);
    let note = "县局专项行动：请各驻村民警于当日上午九点前到达得胜派出所会议室集合，携带执法记录仪、反光背心; 地点\\变更, 另行通知。".repeat(3);
    shifts[1].note = Some(note.clone());
    let text =
        to_ical(&s.org, &shifts, &[], Whose::Officer(s.officers[0]), "officer 0 排班", Timestamp::UNIX_EPOCH, &Zh);
    let longest = text.split("\r\n").map(str::len).max().unwrap_or(0);
    assert!(longest <= 75, "a line of {longest} octets: calendar apps may cut it");
    assert!(text.split("\r\n").all(|l| std::str::from_utf8(l.as_bytes()).is_ok()));
    let calendar: Calendar = text.parse().unwrap();
    let event = calendar.events().next().unwrap();
    assert_eq!(event.get_description(), Some(format!("民警：officer 0（000000）\n备注：{note}").as_str()));
}

#[test]
fn the_icalendar_of_a_station_names_the_officers() {
    let s = Station::new(2, 2);
    let shifts = roster(&s);
    let text = to_ical(&s.org, &shifts, &[], Whose::Station(s.station), "得胜派出所排班", Timestamp::UNIX_EPOCH, &Zh);
    let calendar: Calendar = text.parse().unwrap();
    let summaries: Vec<_> = calendar.events().map(|e| e.get_summary().unwrap().to_owned()).collect();
    assert_eq!(
        summaries,
        ["请假（年休假）：officer 1", "值班（带班）：officer 0", "驻警：officer 0", "夜班：officer 1"]
    );
    let starts: Vec<_> = calendar.events().map(|e| timestamp(e.get_start())).collect();
    assert_eq!(starts, select(&shifts, Whose::Station(s.station)).iter().map(|s| s.start).collect::<Vec<_>>());
}

#[test]
fn the_csv_has_a_header_and_one_row_per_shift_and_parses_back() {
    let s = Station::new(2, 2);
    let shifts = roster(&s);
    let text = to_csv(&s.org, &shifts, Whose::Station(s.station), &Zh).unwrap();
    assert!(text.starts_with(BOM));
    assert_eq!(text.lines().count(), shifts.len() + 1);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["班次编号", "民警", "警号", "班次", "类型代码", "开始", "结束", "时长（小时）", "带班", "假别", "备注"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), shifts.len());
    let duty = shifts.iter().find(|x| x.kind == ShiftKind::Duty24).unwrap();
    let row = rows.iter().find(|r| r[0] == duty.id.to_string()).unwrap();
    assert_eq!(&row[3], "值班（带班）");
    assert_eq!(&row[4], "duty24");
    assert_eq!(&row[5], "2026-12-01T08:30:00+08:00");
    assert_eq!(&row[6], "2026-12-02T08:30:00+08:00");
    assert_eq!(&row[7], "24.00");
    assert_eq!(&row[8], "是");
    assert_eq!(&row[10], "县局专项行动, 注意: 逗号;分号");
    for (row, shift) in rows.iter().zip(select(&shifts, Whose::Station(s.station))) {
        let start: Timestamp = row[5].parse().unwrap();
        let end: Timestamp = row[6].parse().unwrap();
        assert_eq!((&row[0], start, end), (shift.id.to_string().as_str(), shift.start, shift.end));
    }
    let leave = rows.iter().find(|r| &r[4] == "leave").unwrap();
    assert_eq!((&leave[3], &leave[9]), ("请假（年休假）", "年休假"));
    // One officer's CSV.
    let mine = to_csv(&s.org, &shifts, Whose::Officer(s.officers[1]), &Zh).unwrap();
    assert_eq!(mine.lines().count(), 3);
}

#[test]
fn the_regions_meetings_and_joint_patrols_go_into_the_calendar() {
    use liandong_core::RecordId;
    use liandong_core::roster::export::ical::Event;
    let s = Station::new(2, 2);
    let mut patrol = s.shift(s.officers[0], ShiftKind::JointPatrol, "2026-12-04 20:00", "2026-12-04 23:00");
    patrol.leader = true;
    let meeting = Event {
        uid: RecordId::new(),
        start: "2026-12-07T06:30:00Z".parse().unwrap(),
        end: "2026-12-07T08:30:00Z".parse().unwrap(),
        summary: "例会：得胜派出所会议室".into(),
        category: "例会".into(),
        description: "1. 通报上月警情\n2. 部署联巡".into(),
    };
    let text = to_ical(
        &s.org,
        &[patrol],
        std::slice::from_ref(&meeting),
        Whose::Officer(s.officers[0]),
        "排班",
        Timestamp::UNIX_EPOCH,
        &Zh,
    );
    let calendar: Calendar = text.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].get_summary(), Some("联巡（带班）"));
    assert_eq!(events[1].get_summary(), Some("例会：得胜派出所会议室"));
    assert_eq!(events[1].get_uid(), Some(format!("{}@liandong", meeting.uid).as_str()));
    assert_eq!(timestamp(events[1].get_start()), meeting.start);
    assert_eq!(events[1].get_description(), Some("1. 通报上月警情\n2. 部署联巡"));
}
