//! Two devices commit the same officer offline, each commitment legal on its own; after
//! they exchange updates both documents report one double booking naming both commitments
//! and who made each.

mod common;

use common::command::{Region, at, mark, officers, read, replica, send};
use liandong_core::command::rules::{self, CommandFinding, Inputs};
use liandong_core::command::{edit, loans};
use liandong_core::model::{Commitment, Resource};
use liandong_core::roster::Severity;
use yrs::{ReadTxn, Transact};

#[test]
fn two_offline_commitments_of_one_officer_merge_into_one_double_booking_naming_both() {
    let r = Region::new();
    let x = r.at_a[0];
    // The commander's phone and station A's head's laptop share the request.
    let (phone, laptop) = (replica(1001, r.commander), replica(2002, r.head_a));
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&phone, &r.org, r.region, &request).expect("request");
    send(&phone, &laptop);
    assert_eq!(laptop.doc().transact().state_vector(), phone.doc().transact().state_vector());

    // Offline, each commits X for overlapping times; each is legal on its own device.
    let by_commander = Commitment {
        committed: mark(r.commander, "2026-12-01 07:00"),
        ..r.send_officer(&request, 0, x, "2026-12-01 08:00", "2026-12-01 18:00")
    };
    let by_commander = edit::commit(&phone, &r.org, &read(&phone), r.region, &by_commander).expect("phone");
    let by_head = Commitment {
        committed: mark(r.head_a, "2026-12-01 07:05"),
        ..r.send_officer(&request, 0, x, "2026-12-01 14:00", "2026-12-01 22:00")
    };
    let by_head = edit::commit(&laptop, &r.org, &read(&laptop), r.region, &by_head).expect("laptop");
    assert!(rules::double_bookings(&read(&phone)).is_empty());
    assert!(rules::double_bookings(&read(&laptop)).is_empty());

    // Back online: both ways.
    send(&phone, &laptop);
    send(&laptop, &phone);
    assert_eq!(read(&phone), read(&laptop));

    let expected = vec![CommandFinding::DoubleBooked {
        resource: Resource::Officer(x),
        first: (by_commander.id, mark(r.commander, "2026-12-01 07:00")),
        second: (by_head.id, mark(r.head_a, "2026-12-01 07:05")),
        from: at("2026-12-01 14:00"),
        to: at("2026-12-01 18:00"),
    }];
    let now = at("2026-12-01 07:30");
    for view in [&phone, &laptop] {
        let state = read(view);
        assert_eq!(state.commitments.len(), 2);
        assert_eq!(rules::double_bookings(&state), expected);
        assert_eq!(expected[0].severity(), Severity::Block);
        // The whole check reports it once too.
        assert_eq!(rules::check(&state, Inputs { org: &r.org, shifts: &[], now }), expected);
        // Both loans stand, one per commitment, as the rosters will show them.
        let lent: Vec<_> = loans::loans(&state).iter().map(|l| (l.commitment, l.committed.by)).collect();
        assert_eq!(lent, vec![(by_commander.id, r.commander), (by_head.id, r.head_a)]);
    }

    // A third commitment overlapping either one is refused on both devices now.
    let third = r.send_officer(&request, 0, x, "2026-12-01 21:59", "2026-12-01 23:00");
    for view in [&phone, &laptop] {
        let refusal = edit::commit(view, &r.org, &read(view), r.region, &third).expect_err("already committed");
        assert_eq!(
            refusal,
            liandong_core::docs::WriteError::Invalid(liandong_core::docs::Refusal::AlreadyCommitted {
                commitment: by_head.id
            })
        );
    }
}
