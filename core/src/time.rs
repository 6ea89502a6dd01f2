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

/// Numeric texts of dates and times, written with `format!` rather than jiff's `strftime`:
/// its formatter added about 20 KB to the app's Wasm for these few fixed patterns.
pub mod text {
    use jiff::civil::{Date, DateTime};

    /// `2026-12-06`.
    pub fn ymd(d: Date) -> String {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// `12-06`.
    pub fn md(d: Date) -> String {
        format!("{:02}-{:02}", d.month(), d.day())
    }

    /// `08:30`.
    pub fn hm(t: DateTime) -> String {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }

    /// `12-06 08:30`.
    pub fn md_hm(t: DateTime) -> String {
        format!("{} {}", md(t.date()), hm(t))
    }

    /// `2026-12-06T08:30` (the value of an HTML `datetime-local` input).
    pub fn ymd_t_hm(t: DateTime) -> String {
        format!("{}T{}", ymd(t.date()), hm(t))
    }

    /// `2026-12-06T08:30:00` (ISO 8601 without offset).
    pub fn ymd_t_hms(t: DateTime) -> String {
        format!("{}:{:02}", ymd_t_hm(t), t.second())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use jiff::civil::date;

        #[test]
        fn texts_are_zero_padded_like_strftime() {
            let t = date(2026, 3, 7).at(8, 5, 9, 0);
            assert_eq!(ymd(t.date()), t.strftime("%Y-%m-%d").to_string());
            assert_eq!(md_hm(t), t.strftime("%m-%d %H:%M").to_string());
            assert_eq!(ymd_t_hms(t), t.strftime("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
}
