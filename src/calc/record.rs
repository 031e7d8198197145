//! A day called the highest, checked against every earlier day of its span.

use super::ClaimStatus;
use chrono::{Datelike, Days, NaiveDate, Weekday};

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

/// The last day of the week ending on `end` that holds `day` (`day` itself on that weekday).
pub fn week_end_on(day: NaiveDate, end: Weekday) -> NaiveDate {
    let to_end = (7 + end.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Days::new(u64::from(to_end))
}

/// `days` (date, count, in date order) summed into weeks ending on `end`: (last day, count),
/// None when a day of the week has no count or the series does not cover the whole week.
pub fn weeks_ending(
    days: impl Iterator<Item = (NaiveDate, Option<u64>)>,
    end: Weekday,
) -> impl Iterator<Item = (NaiveDate, Option<u64>)> {
    let mut week: Option<(NaiveDate, u32, Option<u64>)> = None;
    let mut days = days.fuse();
    std::iter::from_fn(move || {
        loop {
            let Some((d, count)) = days.next() else {
                // The last week, whole or not.
                return week.take().map(|(e, n, sum)| (e, sum.filter(|_| n == 7)));
            };
            let e = week_end_on(d, end);
            match week.as_mut() {
                Some((we, n, sum)) if *we == e => {
                    *n += 1;
                    *sum = sum.zip(count).map(|(a, b)| a + b);
                }
                _ => {
                    let done = week.replace((e, 1, count));
                    if let Some((we, n, sum)) = done {
                        return Some((we, sum.filter(|_| n == 7)));
                    }
                }
            }
        }
    })
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

    #[test]
    fn days_are_summed_into_whole_weeks_ending_on_the_weekday() {
        // Wednesday 3 Jan to Wednesday 24 Jan 2024, one person a day but 10 on 14 Jan.
        let days: Vec<(NaiveDate, Option<u64>)> = (0..22)
            .map(|i| {
                let day = d("2024-01-03") + Days::new(i);
                (day, Some(if day == d("2024-01-14") { 10 } else { 1 }))
            })
            .collect();
        let weeks: Vec<_> = weeks_ending(days.iter().copied(), Weekday::Sun).collect();
        assert_eq!(
            weeks,
            vec![
                (d("2024-01-07"), None), // 3-7 Jan: five days only
                (d("2024-01-14"), Some(16)),
                (d("2024-01-21"), Some(7)),
                (d("2024-01-28"), None), // 22-24 Jan
            ]
        );
        let mut gap = days.clone();
        gap[12].1 = None; // 15 Jan
        let weeks: Vec<_> = weeks_ending(gap.into_iter(), Weekday::Sun).collect();
        assert_eq!(weeks[2], (d("2024-01-21"), None));
    }
}
