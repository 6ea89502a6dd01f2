//! The kinds of shift: what counts as work, and the concrete start and end of a kind on a
//! day at a station (China Standard Time). Their names are the app's words (locale files).
//!
//! What counts (a decision, used by every rule):
//! - **work hours** and **duty days**: every kind but leave: day, night, 24-hour duty,
//!   standby (the officer is held at the station), residency (the officer is at the
//!   office) and training (the officer is not resting). Leave counts as neither.
//! - a **duty day** is a China calendar day on which a work shift starts (a night shift
//!   18:00–08:00 makes one duty day, the day it starts).
//! - a work shift that **starts inside a leave** of the same officer is cancelled by it: it
//!   counts for no rule and staffs nothing (how a leave request takes an officer off).

use jiff::Timestamp;
use jiff::civil::Date;

use super::config::RosterConfig;
use crate::ids::RecordId;
use crate::model::{LeaveKind, Shift, ShiftKind};
use crate::time::china;

/// Whether shifts of `kind` count as work hours and make a duty day.
pub fn counts_as_work(kind: ShiftKind) -> bool {
    kind != ShiftKind::Leave
}

/// Why a shift could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot plan a shift on {date}")]
pub struct PlanError {
    /// The day asked for (at the edge of the calendar's range).
    pub date: Date,
}

/// The start and end of `kind` on `date` at `station` with the county's default times,
/// in China Standard Time; overnight kinds end on the next day.
pub fn plan(
    config: &RosterConfig,
    kind: ShiftKind,
    date: Date,
    station: RecordId,
) -> Result<(Timestamp, Timestamp), PlanError> {
    plan_days(config, kind, date, date, station)
}

/// Like [`plan`], from the start on `first` to the end of the shift of `last` (leave or
/// training over several days).
pub fn plan_days(
    config: &RosterConfig,
    kind: ShiftKind,
    first: Date,
    last: Date,
    station: RecordId,
) -> Result<(Timestamp, Timestamp), PlanError> {
    let times = config.times(kind, station);
    let error = |date| move |_| PlanError { date };
    let start = china().to_timestamp(first.to_datetime(times.start)).map_err(error(first))?;
    let end_day = if times.overnight() { last.tomorrow().map_err(error(last))? } else { last };
    let end = china().to_timestamp(end_day.to_datetime(times.end)).map_err(error(last))?;
    if end <= start {
        return Err(PlanError { date: last });
    }
    Ok((start, end))
}

/// A new shift of `kind` for `officer` on `date`, with the default times (leave: annual).
pub fn new_shift(
    config: &RosterConfig,
    station: RecordId,
    officer: RecordId,
    kind: ShiftKind,
    date: Date,
) -> Result<Shift, PlanError> {
    let (start, end) = plan(config, kind, date, station)?;
    Ok(Shift {
        id: RecordId::new(),
        station,
        officer,
        kind,
        start,
        end,
        leader: false,
        leave: (kind == ShiftKind::Leave).then_some(LeaveKind::Annual),
        note: None,
        overrides: Vec::new(),
    })
}

/// The China calendar day a shift starts on.
pub fn day_of(shift: &Shift) -> Date {
    crate::time::in_china(shift.start).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::in_china;

    #[test]
    fn default_times_land_on_the_right_days_in_china_time() {
        let config = RosterConfig::default();
        let station = RecordId::new();
        let date: Date = "2026-12-01".parse().unwrap();
        let (start, end) = plan(&config, ShiftKind::Night, date, station).unwrap();
        assert_eq!(in_china(start).to_string(), "2026-12-01T18:00:00+08:00[+08:00]");
        assert_eq!(in_china(end).to_string(), "2026-12-02T08:00:00+08:00[+08:00]");
        let (start, end) = plan(&config, ShiftKind::Duty24, date, station).unwrap();
        assert_eq!(end.duration_since(start).as_secs(), 24 * 3600);
        assert_eq!(start.to_string(), "2026-12-01T00:30:00Z");
        let (start, end) = plan_days(&config, ShiftKind::Leave, date, "2026-12-03".parse().unwrap(), station).unwrap();
        assert_eq!(end.duration_since(start).as_secs(), 3 * 24 * 3600);
    }

    #[test]
    fn residency_hours_are_per_station() {
        let mut config = RosterConfig::default();
        let station = RecordId::new();
        config.station_residency.push(super::super::config::StationResidency {
            station,
            times: super::super::config::ShiftTimes::hm((9, 0), (17, 0)),
        });
        let date: Date = "2026-12-01".parse().unwrap();
        let (start, _) = plan(&config, ShiftKind::Residency, date, station).unwrap();
        assert_eq!(in_china(start).hour(), 9);
        let (start, _) = plan(&config, ShiftKind::Residency, date, RecordId::new()).unwrap();
        assert_eq!((in_china(start).hour(), in_china(start).minute()), (8, 30));
    }
}
