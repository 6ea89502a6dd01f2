//! The dates of a recurring meeting. A region's meetings keep a rhythm (the source's
//! "日常例会"): every week on one weekday, or every month on its first (second, ...,
//! last) such weekday, e.g. the first Monday of the month. A plan is saved as one meeting
//! per date, so each keeps its own attendance and minutes and one can be moved or called
//! off alone.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// The most meetings one plan makes: a year of monthly meetings (the product's figure, so a
/// typo cannot fill the document with weekly meetings for decades).
pub const MAX_OCCURRENCES: usize = 12;

/// How a meeting recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// Once, on the day given.
    Once,
    /// Every week, on the weekday of the day given.
    Weekly,
    /// Every month on the `nth` (1 to 4) such weekday; 5 stands for the last.
    Monthly {
        /// Which weekday of the month: 1 to 4, or 5 for the last.
        nth: u8,
        /// The weekday.
        weekday: Weekday,
    },
}

/// The `nth` (1 to 4; 5 for the last) `weekday` of the month of `day`; `None` for an `nth`
/// out of range or a month at the calendar's edge.
pub fn nth_weekday(day: Date, nth: u8, weekday: Weekday) -> Option<Date> {
    let first = day.first_of_month();
    match nth {
        1..=4 => first.nth_weekday_of_month(i8::try_from(nth).ok()?, weekday).ok(),
        5 => first.nth_weekday_of_month(-1, weekday).ok(),
        _ => None,
    }
}

/// Up to `count` (at most [`MAX_OCCURRENCES`]) dates of `rule` from `first` on (included
/// when it fits the rule; a monthly rule starts with the first month whose date is not
/// before `first`).
pub fn occurrences(first: Date, rule: Recurrence, count: usize) -> Vec<Date> {
    let count = count.clamp(1, MAX_OCCURRENCES);
    match rule {
        Recurrence::Once => vec![first],
        Recurrence::Weekly => (0..count).filter_map(|i| first.checked_add((7 * i as i64).days()).ok()).collect(),
        Recurrence::Monthly { nth, weekday } => {
            let mut out = Vec::with_capacity(count);
            let mut month = first.first_of_month();
            // A month without the date cannot happen for 1..=5; the bound only guards the loop.
            for _ in 0..count * 2 {
                if out.len() == count {
                    break;
                }
                let Some(day) = nth_weekday(month, nth, weekday) else { break };
                if day >= first {
                    out.push(day);
                }
                let Ok(next) = month.checked_add(1.month()) else { break };
                month = next;
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn first_monday_of_each_month() {
        let got = occurrences(date(2026, 12, 7), Recurrence::Monthly { nth: 1, weekday: Weekday::Monday }, 3);
        // 2026-12-07 is the first Monday of December; then 4 Jan, 1 Feb 2027.
        assert_eq!(got, vec![date(2026, 12, 7), date(2027, 1, 4), date(2027, 2, 1)]);
    }

    #[test]
    fn a_month_whose_date_has_passed_is_skipped() {
        let got = occurrences(date(2026, 12, 8), Recurrence::Monthly { nth: 1, weekday: Weekday::Monday }, 2);
        assert_eq!(got, vec![date(2027, 1, 4), date(2027, 2, 1)]);
    }

    #[test]
    fn last_friday_and_weekly() {
        let got = occurrences(date(2027, 1, 1), Recurrence::Monthly { nth: 5, weekday: Weekday::Friday }, 2);
        assert_eq!(got, vec![date(2027, 1, 29), date(2027, 2, 26)]);
        let weekly = occurrences(date(2026, 12, 30), Recurrence::Weekly, 2);
        assert_eq!(weekly, vec![date(2026, 12, 30), date(2027, 1, 6)]);
        assert_eq!(occurrences(date(2026, 12, 30), Recurrence::Weekly, 100).len(), MAX_OCCURRENCES);
    }
}
