//! Time in the domain: instants are UTC timestamps, shown and planned in China Standard
//! Time (UTC+08:00, no daylight saving since 1991), so no time-zone database is needed.

use jiff::Timestamp;
use jiff::ZonedDateTime;
use jiff::tz::{Offset, TimeZone};

/// IANA name of the zone every station works in (for iCalendar `TZID`).
pub const CHINA_TZ_NAME: &str = "Asia/Shanghai";

/// China Standard Time, UTC+08:00.
pub fn china() -> TimeZone {
    TimeZone::fixed(Offset::constant(8))
}

/// `ts` in China Standard Time.
pub fn in_china(ts: Timestamp) -> ZonedDateTime {
    ts.to_zoned_datetime(china())
}

/// The current instant.
pub fn now() -> Timestamp {
    Timestamp::now()
}
