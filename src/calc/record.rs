//! A day called the highest, checked against every earlier day of its span.

use super::ClaimStatus;
use chrono::NaiveDate;

/// The check of one record: the day's own count, and the highest day before it in the span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordCheck {
    /// Consistent when no earlier day of the span counted more (a tie is still the highest);
    /// inconsistent when one did; not checkable when the series lacks the day or the span.
    pub status: ClaimStatus,
    pub value: Option<u64>,
    /// The highest earlier day of the span, and its count.
    pub before: Option<(NaiveDate, u64)>,
}

/// Checks that `day` counted at least as many as every day from `since` to the day before it.
/// `days` are (date, count) in date order; a day without a count in the span leaves the
/// record not checkable.
pub fn check_record(
    days: impl Iterator<Item = (NaiveDate, Option<u64>)>,
    day: NaiveDate,
    since: NaiveDate,
) -> RecordCheck {
    let mut value = None;
    let mut before: Option<(NaiveDate, u64)> = None;
    let mut gap = false;
    let mut seen_since = false;
    for (d, count) in days {
        if d < since || d > day {
            continue;
        }
        seen_since |= d == since;
        match (count, d == day) {
            (Some(n), true) => value = Some(n),
            (Some(n), false) => {
                if before.is_none_or(|(_, b)| n > b) {
                    before = Some((d, n));
                }
            }
            (None, _) => gap = true,
        }
    }
    let status = match value {
        None => ClaimStatus::NotCheckable,
        Some(_) if gap || !seen_since => ClaimStatus::NotCheckable,
        Some(v) if before.is_some_and(|(_, b)| b > v) => ClaimStatus::Inconsistent,
        Some(_) => ClaimStatus::Consistent,
    };
    RecordCheck {
        status,
        value,
        before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_record_is_at_least_every_earlier_day_of_its_span() {
        let days = [
            ("2024-01-01", 5),
            ("2024-01-02", 9),
            ("2024-01-03", 7),
            ("2024-01-04", 9),
        ];
        let series = || days.iter().map(|(s, n)| (d(s), Some(*n)));
        let r = check_record(series(), d("2024-01-04"), d("2024-01-01"));
        assert_eq!(r.status, ClaimStatus::Consistent);
        assert_eq!(r.before, Some((d("2024-01-02"), 9)));
        let r = check_record(series(), d("2024-01-03"), d("2024-01-01"));
        assert_eq!(r.status, ClaimStatus::Inconsistent);
        assert_eq!(r.value, Some(7));
        // A span the series does not reach back to cannot be checked.
        let r = check_record(series(), d("2024-01-03"), d("2023-12-01"));
        assert_eq!(r.status, ClaimStatus::NotCheckable);
        let r = check_record(series(), d("2024-01-05"), d("2024-01-01"));
        assert_eq!(r.status, ClaimStatus::NotCheckable);
    }
}
