//! A loan (借调) changes both stations' staffing: the lending station, exactly at its
//! minimum, falls below it (LoanBreaksStaffing, WARN, naming the loan and who committed the
//! officer); the receiving station, one short, is fully staffed while the loan overlaps its
//! shift, and stays short when the loan ends before the shift starts.

mod common;

use common::command::{Region, mark, officers, read, replica, time};
use common::roster::of;
use liandong_core::RecordId;
use liandong_core::command::{Loan, Stage, edit, loans};
use liandong_core::model::{RosterRule, Shift, ShiftKind};
use liandong_core::roster::rules::Finding;
use liandong_core::roster::{Context, RosterViolation, Severity, check};

/// The region's loans after the commander commits `officer` to a request of `to` from
/// `from` to `until` (through the checked write, on a fresh document).
fn lend(r: &Region, officer: RecordId, to: RecordId, from: &str, until: &str) -> Vec<Loan> {
    let view = replica(1, r.commander);
    let request = r.request(to, &[(officers(), 1)], "2026-12-01 06:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    edit::commit(&view, &r.org, &read(&view), r.region, &r.send_officer(&request, 0, officer, from, until))
        .expect("commit");
    loans::loans(&read(&view))
}

/// The staffing violations (minimum, leave, loan) of `station` with `loans`.
fn staffing(r: &Region, station: RecordId, shifts: &[Shift], loans: &[Loan]) -> Vec<RosterViolation> {
    let ctx = Context::new(&r.org, &r.config, station).with_loans(loans);
    let all = check(&ctx, shifts, None);
    [RosterRule::MinStaffing, RosterRule::LeaveBreaksStaffing, RosterRule::LoanBreaksStaffing]
        .into_iter()
        .flat_map(|rule| of(&all, rule).into_iter().cloned().collect::<Vec<_>>())
        .collect()
}

/// The day shifts of 1 December: A's first two officers (exactly A's minimum of two) and
/// B's first officer (one short).
fn day_shifts(r: &Region) -> Vec<Shift> {
    [r.at_a[0], r.at_a[1], r.at_b[0]]
        .into_iter()
        .map(|o| r.shift(o, ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00"))
        .collect()
}

#[test]
fn lending_an_officer_on_shift_takes_the_lending_station_below_its_minimum() {
    let r = Region::new();
    let shifts = day_shifts(&r);
    let x = r.at_a[0];
    assert!(staffing(&r, r.a, &shifts, &[]).is_empty(), "A has exactly its minimum");

    let loans = lend(&r, x, r.b, "2026-12-01 12:00", "2026-12-01 14:00");
    assert_eq!(loans.len(), 1);
    let loan = loans[0];
    assert_eq!((loan.officer, loan.from_station, loan.to_station), (x, r.a, r.b));
    assert_eq!(loan.committed, mark(r.commander, "2026-12-01 06:30"));

    let violations = staffing(&r, r.a, &shifts, &loans);
    assert_eq!(violations.len(), 1, "{violations:#?}");
    let v = &violations[0];
    assert_eq!(v.rule, RosterRule::LoanBreaksStaffing);
    assert_eq!(v.severity, Severity::Warn);
    assert!(!v.blocks(), "a loan warns, it does not stop the roster's save");
    assert_eq!(v.officers.iter().map(|o| o.id).collect::<Vec<_>>(), vec![x]);
    assert_eq!((v.from, v.to), (time("2026-12-01 08:00"), time("2026-12-01 18:00")));
    let mut ids = vec![shifts[0].id, shifts[1].id];
    liandong_core::sort::natural(&mut ids);
    assert_eq!(v.shifts, ids);
    let Finding::LoanedAway { kind, day, officers, min, skill, loans: named } = &v.finding else {
        panic!("not a loan's finding: {:?}", v.finding)
    };
    assert_eq!(
        (*kind, day.to_string(), *officers, *min, skill.clone()),
        (ShiftKind::Day, "2026-12-01".into(), 1, 2, None)
    );
    let named: Vec<_> = named.iter().map(|l| (l.commitment, l.officer.id, l.to_station, l.committed)).collect();
    assert_eq!(named, vec![(loan.commitment, x, r.b, mark(r.commander, "2026-12-01 06:30"))]);

    // One minute of overlap at the shift's end is a loan during it.
    let late = lend(&r, x, r.b, "2026-12-01 17:59", "2026-12-01 20:00");
    assert_eq!(staffing(&r, r.a, &shifts, &late).len(), 1);

    // With a third officer on the shift, the loan leaves exactly the minimum: nothing.
    let mut three = shifts.clone();
    three.push(r.shift(r.at_a[2], ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00"));
    assert!(staffing(&r, r.a, &three, &loans).is_empty());
}

#[test]
fn a_loan_outside_the_shift_or_of_an_officer_off_shift_leaves_the_lending_station_staffed() {
    let r = Region::new();
    let shifts = day_shifts(&r);
    // Ends as the shift starts.
    let before = lend(&r, r.at_a[0], r.b, "2026-12-01 06:00", "2026-12-01 08:00");
    assert_eq!(before.len(), 1);
    assert!(staffing(&r, r.a, &shifts, &before).is_empty());
    // Starts as it ends.
    let after = lend(&r, r.at_a[0], r.b, "2026-12-01 18:00", "2026-12-01 20:00");
    assert!(staffing(&r, r.a, &shifts, &after).is_empty());
    // A's third officer has no shift that day.
    let spare = lend(&r, r.at_a[2], r.b, "2026-12-01 12:00", "2026-12-01 14:00");
    assert!(staffing(&r, r.a, &shifts, &spare).is_empty());
    // An officer sent to the own station's request is not lent.
    let own = lend(&r, r.at_a[0], r.a, "2026-12-01 12:00", "2026-12-01 14:00");
    assert!(own.is_empty());
    assert!(staffing(&r, r.a, &shifts, &own).is_empty());
}

#[test]
fn lending_the_only_first_responder_of_a_night_names_the_skill() {
    let r = Region::new();
    let night: Vec<Shift> = [r.at_a[0], r.at_a[1]]
        .into_iter()
        .map(|o| r.shift(o, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00"))
        .collect();
    assert!(staffing(&r, r.a, &night, &[]).is_empty());
    let loans = lend(&r, r.at_a[0], r.b, "2026-12-01 22:00", "2026-12-02 02:00");
    let violations = staffing(&r, r.a, &night, &loans);
    let found: Vec<_> = violations
        .iter()
        .map(|v| match &v.finding {
            Finding::LoanedAway { officers, min, skill, loans, .. } => {
                (v.rule, *officers, *min, skill.clone(), loans.iter().map(|l| l.commitment).collect::<Vec<_>>())
            }
            other => panic!("not a loan's finding: {other:?}"),
        })
        .collect();
    let c = loans[0].commitment;
    assert_eq!(
        found,
        vec![
            (RosterRule::LoanBreaksStaffing, 1, 2, None, vec![c]),
            (RosterRule::LoanBreaksStaffing, 0, 1, Some("first_response".to_owned()), vec![c]),
        ]
    );
}

#[test]
fn a_skill_shortfall_names_only_the_loans_of_officers_with_the_skill() {
    let r = Region::new();
    // A's night: X with first response, Y and Z without; two lent away.
    let (x, y, z) = (r.at_a[0], r.at_a[1], r.at_a[2]);
    let night: Vec<Shift> =
        [x, y, z].into_iter().map(|o| r.shift(o, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00")).collect();
    let view = replica(1, r.commander);
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 06:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    for o in [x, z] {
        let c = r.send_officer(&request, 0, o, "2026-12-01 22:00", "2026-12-02 02:00");
        edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    }
    let loans = loans::loans(&read(&view));
    let of_officer = |o: RecordId| loans.iter().find(|l| l.officer == o).map(|l| l.commitment).expect("loan");
    let violations = staffing(&r, r.a, &night, &loans);
    let found: Vec<_> = violations
        .iter()
        .map(|v| match &v.finding {
            Finding::LoanedAway { officers, min, skill, loans, .. } => {
                let mut named: Vec<_> = loans.iter().map(|l| l.commitment).collect();
                liandong_core::sort::natural(&mut named);
                let mut who: Vec<_> = v.officers.iter().map(|o| o.id).collect();
                liandong_core::sort::natural(&mut who);
                (*officers, *min, skill.clone(), named, who)
            }
            other => panic!("not a loan's finding: {other:?}"),
        })
        .collect();
    let mut both = vec![of_officer(x), of_officer(z)];
    liandong_core::sort::natural(&mut both);
    let mut both_officers = vec![x, z];
    liandong_core::sort::natural(&mut both_officers);
    assert_eq!(
        found,
        vec![
            // Either one back would do: both named.
            (1, 2, None, both, both_officers),
            // Only X holds first response: Z's loan is not why it is missing.
            (0, 1, Some("first_response".to_owned()), vec![of_officer(x)], vec![x]),
        ]
    );
}

#[test]
fn the_receiving_station_is_staffed_by_a_loan_overlapping_its_shift_and_not_by_one_ending_before() {
    let r = Region::new();
    let shifts = day_shifts(&r);
    let short = staffing(&r, r.b, &shifts, &[]);
    assert_eq!(short.len(), 1, "{short:#?}");
    assert_eq!(short[0].rule, RosterRule::MinStaffing);
    assert!(matches!(short[0].finding, Finding::Understaffed { officers: 1, min: 2, skill: None, .. }));

    // A's spare officer lent to B in the afternoon: B is fully staffed.
    let afternoon = lend(&r, r.at_a[2], r.b, "2026-12-01 12:00", "2026-12-01 14:00");
    assert!(staffing(&r, r.b, &shifts, &afternoon).is_empty());
    // A loan that ends before the shift starts, or as it starts, does not staff it.
    let early = lend(&r, r.at_a[2], r.b, "2026-12-01 05:00", "2026-12-01 07:00");
    assert_eq!(staffing(&r, r.b, &shifts, &early), short);
    let at_start = lend(&r, r.at_a[2], r.b, "2026-12-01 06:00", "2026-12-01 08:00");
    assert_eq!(staffing(&r, r.b, &shifts, &at_start), short);
    // One minute into the shift, it does.
    let into = lend(&r, r.at_a[2], r.b, "2026-12-01 06:00", "2026-12-01 08:01");
    assert!(staffing(&r, r.b, &shifts, &into).is_empty());
    // A loan to another station does not staff B.
    let elsewhere = lend(&r, r.at_b[1], r.a, "2026-12-01 12:00", "2026-12-01 14:00");
    assert_eq!(staffing(&r, r.b, &shifts, &elsewhere), short);
}

#[test]
fn a_loan_ends_at_the_return_or_with_its_cancellation() {
    let r = Region::new();
    let shifts = day_shifts(&r);
    let view = replica(1, r.commander);
    let request = r.request(r.b, &[(officers(), 1)], "2026-12-01 06:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let c = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 07:00", "2026-12-01 12:00");
    let c = edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    let on = |stage, when| {
        edit::mark_step(&view, &read(&view), c.id, stage, mark(r.head_a, when)).expect("step");
        loans::loans(&read(&view))
    };
    on(Stage::Dispatched, "2026-12-01 07:00");
    // Back a minute after A's shift starts: still lent during it.
    let back = on(Stage::Returned, "2026-12-01 08:01");
    assert_eq!(back[0].to, time("2026-12-01 08:01"));
    assert_eq!(staffing(&r, r.a, &shifts, &back).len(), 1);
    assert!(staffing(&r, r.b, &shifts, &back).is_empty());

    // Back at 08:00 instead: the shift starts with the officer home.
    view.put(&liandong_core::model::Commitment {
        returned: Some(mark(r.head_a, "2026-12-01 08:00")),
        released: Some(mark(r.head_a, "2026-12-01 08:00")),
        ..read(&view).commitments[0].clone()
    })
    .expect("put");
    let home = loans::loans(&read(&view));
    assert!(staffing(&r, r.a, &shifts, &home).is_empty());
    assert_eq!(staffing(&r, r.b, &shifts, &home).len(), 1);

    // A commitment cancelled before it started lends nobody.
    let view = replica(2, r.commander);
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let c = edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    assert_eq!(loans::loans(&read(&view)).len(), 1);
    edit::mark_step(&view, &read(&view), c.id, Stage::Cancelled, mark(r.commander, "2026-12-01 07:00"))
        .expect("cancel");
    assert!(loans::loans(&read(&view)).is_empty());
}
