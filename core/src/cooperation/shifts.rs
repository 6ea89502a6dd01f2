//! Joint patrols and trainings as shifts of the officers' own rosters: each officer on a
//! patrol (or attending a training) gets a shift of kind [`ShiftKind::JointPatrol`] (or
//! [`ShiftKind::Training`]) at their own station for its time, led (带班) by the patrol's
//! leader. These shifts are never written to a roster document (the center station may not
//! write another station's roster, `crate::access`); every device derives them from the
//! region's command document, so the roster shows them and its rules count them: rest,
//! duty days and hours ([`crate::roster::rules`]), and a home shift the officer cannot work
//! because they are away ([`crate::roster::rules::joint`]).

use uuid::Uuid;

use crate::ids::RecordId;
use crate::model::{JointPatrol, JointTraining, Shift, ShiftKind};
use crate::org::Organisation;

use super::CooperationState;

/// The id of the derived shift of `officer` on patrol or training `of`: the same on every
/// device, different for each officer (the bytes of both ids, exclusive-or'ed).
pub fn shift_id(of: RecordId, officer: RecordId) -> RecordId {
    let (a, b) = (of.0.as_bytes(), officer.0.as_bytes());
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = a[i] ^ b[i];
    }
    RecordId(Uuid::from_bytes(out))
}

/// One shift per officer of `patrol` whose station `org` knows.
pub fn patrol_shifts(patrol: &JointPatrol, org: &Organisation) -> Vec<Shift> {
    derived(
        patrol.id,
        &patrol.officers,
        (patrol.start, patrol.end),
        ShiftKind::JointPatrol,
        patrol.leader,
        org,
        &patrol.area,
    )
}

/// One shift per attendee of `training` whose station `org` knows.
pub fn training_shifts(training: &JointTraining, org: &Organisation) -> Vec<Shift> {
    derived(
        training.id,
        &training.attendees,
        (training.start, training.end),
        ShiftKind::Training,
        None,
        org,
        &training.topic,
    )
}

fn derived(
    of: RecordId,
    officers: &[RecordId],
    (start, end): (jiff::Timestamp, jiff::Timestamp),
    kind: ShiftKind,
    leader: Option<RecordId>,
    org: &Organisation,
    note: &str,
) -> Vec<Shift> {
    officers
        .iter()
        .filter_map(|officer| {
            let station = org.officers.iter().find(|o| o.id == *officer)?.station?;
            Some(Shift {
                id: shift_id(of, *officer),
                station,
                officer: *officer,
                kind,
                start,
                end,
                leader: leader == Some(*officer),
                leave: None,
                note: Some(note.to_owned()),
                overrides: vec![],
            })
        })
        .collect()
}

/// The derived shifts of `station`'s officers: every patrol and training of the region not
/// called off, in start order.
pub fn of_station(state: &CooperationState, org: &Organisation, station: RecordId) -> Vec<Shift> {
    let mut out: Vec<Shift> = state
        .live_patrols()
        .flat_map(|p| patrol_shifts(p, org))
        .chain(state.live_trainings().flat_map(|t| training_shifts(t, org)))
        .filter(|s| s.station == station)
        .collect();
    crate::sort::by_key(&mut out, |s| (s.start, s.id));
    out
}
