//! A snapshot of the commander's board's inputs: the region's [`CommandState`], the
//! [`Organisation`] and the region's shifts, as read once every document was read, kept
//! in one lib0-encoded Yjs `Any` value (see [`crate::record::snapshot`]).
//!
//! Why: a reload of the board must decode and apply every document of the region first (5
//! rosters, the command document, the directory: 3.6 MB of Yjs updates in the benchmark's
//! region, 150–250 ms of a laptop's CPU; bench/app/board-bench.mjs) before it can say
//! anything. Read from its snapshot the board shows at once what it showed when storage
//! was last read, and the live board replaces it as soon as the documents are read.
//!
//! Of the region's shifts (7,520 over 3 months in the benchmark, three quarters of its
//! records) it keeps only those the board reads ([`board_shifts`]), so it shows the board
//! for [`FRESH_HOURS`] after it was written; an older one is not shown.
//!
//! The snapshot is a cache, never a source: the app writes it only from documents read in
//! full, never writes records from it, and throws it away when it does not read
//! (another [`FORMAT`], a record this version cannot read). Records this version could not
//! read from their documents ([`CommandState::unreadable`]) are not in it.

use std::collections::HashMap;

use jiff::Timestamp;
use yrs::encoding::read::Cursor;
use yrs::{Any, Number};

use super::state::CommandState;
use crate::model::Shift;
use crate::org::Organisation;
use crate::record::de::FieldError;
use crate::record::snapshot::{KeepError, keep, keep_list, read_kept, read_list};

/// The snapshot's layout; a snapshot of another layout is not read.
pub const FORMAT: i64 = 1;

/// How long after it was written a snapshot shows the board, in hours: its shifts run
/// from the day before to [`DAYS_AHEAD`] days after the day it was written.
pub const FRESH_HOURS: i64 = 24;

/// Days after the day a snapshot was written whose shifts it keeps. The board's findings
/// look a week ahead at the staffing of stations lending officers (src/pages/command/
/// findings.rs: today and the 6 days after); 9 covers that week from any hour of the
/// [`FRESH_HOURS`] the snapshot is shown, the day it ends included.
pub const DAYS_AHEAD: i64 = 9;

/// The shifts of `shifts` the board reads at any time of the [`FRESH_HOURS`] after `at`:
/// those of the day before `at` (China time) to [`DAYS_AHEAD`] days after (on duty and
/// on leave now, the week of loans' staffing), and any that overlap an active
/// commitment's time (its officer on leave or off duty: [`super::rules`]).
pub fn board_shifts(state: &CommandState, shifts: &[Shift], at: Timestamp) -> Vec<Shift> {
    let day = crate::time::in_china(at).date();
    let bound = |days: i64| {
        day.checked_add(jiff::Span::new().days(days))
            .ok()
            .and_then(|d| crate::time::china().to_timestamp(d.to_datetime(jiff::civil::Time::midnight())).ok())
            .unwrap_or(at)
    };
    let (from, to) = (bound(-1), bound(DAYS_AHEAD + 1));
    let windows: Vec<(Timestamp, Timestamp)> =
        state.commitments.iter().filter(|c| c.is_active()).filter_map(|c| c.window()).collect();
    let overlaps = |s: &Shift, (f, t): (Timestamp, Timestamp)| s.start < t && f < s.end;
    shifts.iter().filter(|s| overlaps(s, (from, to)) || windows.iter().any(|w| overlaps(s, *w))).cloned().collect()
}

/// The board's inputs read back from a snapshot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoardInputs {
    /// When it was written (the time its shifts were chosen for: [`board_shifts`]).
    pub written: Timestamp,
    /// The region's code (e.g. `desheng`).
    pub region: String,
    /// The region's command records and dispatch acknowledgements.
    pub state: CommandState,
    /// The organisation with the rosters' skills and offices.
    pub org: Organisation,
    /// The shifts of the region's stations the board reads ([`board_shifts`]).
    pub shifts: Vec<Shift>,
}

impl BoardInputs {
    /// Whether the snapshot may show the board at `now`: written at most [`FRESH_HOURS`]
    /// before (and not after: a clock set back shows nothing rather than a wrong day).
    pub fn is_fresh(&self, now: Timestamp) -> bool {
        let age = now.duration_since(self.written);
        !age.is_negative() && age < jiff::SignedDuration::from_hours(FRESH_HOURS)
    }
}

/// Why a snapshot was not read (the app then waits for the documents, as without one).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    /// The bytes are not one lib0-encoded map.
    #[error("not a snapshot")]
    Bytes,
    /// Written in another layout ([`FORMAT`]).
    #[error("snapshot format {0}, this version reads {FORMAT}")]
    Format(i64),
    /// A list this version cannot read.
    #[error("snapshot list `{0}`: {1}")]
    List(&'static str, FieldError),
}

/// The snapshot of the board's inputs as bytes (lib0 v1 encoding of one `Any` map:
/// `format`, `written` (ms since the epoch), `region` (its code), and a list per record
/// type, e.g. `incidents`, `officers`, `shifts`). Of `shifts` it keeps
/// [`board_shifts`] at `written`; `state`'s unreadable records are left out.
///
/// # Errors
/// [`KeepError`] if a record does not serialise (records of this crate always do).
pub fn encode(
    region: &str,
    written: Timestamp,
    s: &CommandState,
    o: &Organisation,
    shifts: &[Shift],
) -> Result<Vec<u8>, KeepError> {
    let map: HashMap<String, Any> = [
        ("format", Any::Number(Number::Int(FORMAT))),
        ("written", Any::Number(Number::Int(written.as_millisecond()))),
        ("region", Any::from(region)),
        ("incidents", keep_list(&s.incidents)?),
        ("notes", keep_list(&s.notes)?),
        ("requests", keep_list(&s.requests)?),
        ("commitments", keep_list(&s.commitments)?),
        ("equipment", keep_list(&s.equipment)?),
        ("plans", keep_list(&s.plans)?),
        ("acks", keep_list(&s.acks)?),
        ("county", keep_list(o.county.as_slice())?),
        ("policy", keep(&o.policy)?),
        ("regions", keep_list(&o.regions)?),
        ("stations", keep_list(&o.stations)?),
        ("officers", keep_list(&o.officers)?),
        ("skills", keep_list(&o.skills)?),
        ("districts", keep_list(&o.districts)?),
        ("villages", keep_list(&o.villages)?),
        ("offices", keep_list(&o.offices)?),
        ("assignments", keep_list(&o.assignments)?),
        ("skill_grants", keep_list(&o.skill_grants)?),
        ("shifts", keep_list(&board_shifts(s, shifts, written))?),
    ]
    .into_iter()
    .map(|(name, any)| (name.to_owned(), any))
    .collect();
    let mut bytes = Vec::new();
    Any::Map(map.into()).encode(&mut bytes);
    Ok(bytes)
}

/// The board's inputs from a snapshot's `bytes`.
///
/// # Errors
/// [`SnapshotError`]: not a snapshot, another format, or a list that does not read.
pub fn decode(bytes: &[u8]) -> Result<BoardInputs, SnapshotError> {
    let any = Any::decode(&mut Cursor::new(bytes)).map_err(|_| SnapshotError::Bytes)?;
    let Any::Map(map) = any else { return Err(SnapshotError::Bytes) };
    let format = match map.get("format") {
        Some(Any::Number(Number::Int(n))) => *n,
        _ => return Err(SnapshotError::Bytes),
    };
    if format != FORMAT {
        return Err(SnapshotError::Format(format));
    }
    let empty = Any::Array(Vec::new().into());
    let get = |name: &'static str| map.get(name).unwrap_or(&empty);
    fn list<T: serde::de::DeserializeOwned>(name: &'static str, any: &Any) -> Result<Vec<T>, SnapshotError> {
        read_list(any).map_err(|e| SnapshotError::List(name, e))
    }
    let state = CommandState {
        incidents: list("incidents", get("incidents"))?,
        notes: list("notes", get("notes"))?,
        requests: list("requests", get("requests"))?,
        commitments: list("commitments", get("commitments"))?,
        equipment: list("equipment", get("equipment"))?,
        plans: list("plans", get("plans"))?,
        acks: list("acks", get("acks"))?,
        unreadable: Vec::new(),
    };
    let policy = match map.get("policy") {
        Some(any) => read_kept(any).map_err(|e| SnapshotError::List("policy", e))?,
        None => Default::default(),
    };
    let org = Organisation {
        county: list("county", get("county"))?.into_iter().next(),
        policy,
        regions: list("regions", get("regions"))?,
        stations: list("stations", get("stations"))?,
        officers: list("officers", get("officers"))?,
        skills: list("skills", get("skills"))?,
        districts: list("districts", get("districts"))?,
        villages: list("villages", get("villages"))?,
        offices: list("offices", get("offices"))?,
        assignments: list("assignments", get("assignments"))?,
        skill_grants: list("skill_grants", get("skill_grants"))?,
    };
    // lib0 writes integers beyond 32 bits as floats.
    let written = match map.get("written") {
        Some(Any::Number(Number::Int(ms))) => Timestamp::from_millisecond(*ms).ok(),
        Some(Any::Number(Number::Float(ms))) if ms.fract() == 0.0 => Timestamp::from_millisecond(*ms as i64).ok(),
        _ => None,
    }
    .ok_or(SnapshotError::Bytes)?;
    let region = match map.get("region") {
        Some(Any::String(code)) => code.to_string(),
        _ => return Err(SnapshotError::Bytes),
    };
    Ok(BoardInputs { written, region, state, org, shifts: list("shifts", get("shifts"))? })
}
