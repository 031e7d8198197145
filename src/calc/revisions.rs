//! Two releases of a daily series compared: the days whose counts changed, the days one has and
//! the other lacks (as runs of consecutive days), and each calendar year's totals in both.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// One day's counts; None where the release has no figure (`-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub people: Option<u64>,
    pub boats: Option<u64>,
}

/// A day both releases have, with different counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revised {
    pub old: Day,
    pub new: Day,
}

/// Consecutive days only one release has, with their sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: u64,
    pub people: u64,
    pub boats: u64,
}

/// A calendar year's totals in each release (None when it has no day of that year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub old: Option<Span>,
    pub new: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// First and last day both releases have.
    pub common: Option<(NaiveDate, NaiveDate)>,
    pub revised: Vec<Revised>,
    /// Days only the new release has.
    pub added: Vec<Span>,
    /// Days only the old release has.
    pub removed: Vec<Span>,
    pub years: Vec<Year>,
}

/// Compares two releases; each is one row per day in any order, dates unique.
pub fn compare(old: &[Day], new: &[Day]) -> Comparison {
    let old_by: BTreeMap<NaiveDate, &Day> = old.iter().map(|d| (d.date, d)).collect();
    let new_by: BTreeMap<NaiveDate, &Day> = new.iter().map(|d| (d.date, d)).collect();
    let mut common: Option<(NaiveDate, NaiveDate)> = None;
    let mut revised = Vec::new();
    for (date, o) in &old_by {
        if let Some(n) = new_by.get(date) {
            common = Some(common.map_or((*date, *date), |(a, _)| (a, *date)));
            if (o.people, o.boats) != (n.people, n.boats) {
                revised.push(Revised { old: **o, new: **n });
            }
        }
    }
    let only = |a: &BTreeMap<NaiveDate, &Day>, b: &BTreeMap<NaiveDate, &Day>| {
        runs(a.values().filter(|d| !b.contains_key(&d.date)).copied())
    };
    let years: std::collections::BTreeSet<i32> = old_by
        .keys()
        .chain(new_by.keys())
        .map(|d| d.year())
        .collect();
    let in_year = |by: &BTreeMap<NaiveDate, &Day>, y: i32| {
        let days: Vec<&Day> = by
            .values()
            .filter(|d| d.date.year() == y)
            .copied()
            .collect();
        span(&days)
    };
    Comparison {
        common,
        revised,
        added: only(&new_by, &old_by),
        removed: only(&old_by, &new_by),
        years: years
            .into_iter()
            .map(|y| Year {
                year: y,
                old: in_year(&old_by, y),
                new: in_year(&new_by, y),
            })
            .collect(),
    }
}

/// Sums of days in date order, split where a day is missing.
fn runs<'a>(days: impl Iterator<Item = &'a Day>) -> Vec<Span> {
    let mut groups: Vec<Vec<&Day>> = Vec::new();
    for d in days {
        match groups.last_mut() {
            Some(g) if g.last().and_then(|l| l.date.succ_opt()) == Some(d.date) => g.push(d),
            _ => groups.push(vec![d]),
        }
    }
    groups.iter().filter_map(|g| span(g)).collect()
}

fn span(days: &[&Day]) -> Option<Span> {
    Some(Span {
        first: days.first()?.date,
        last: days.last()?.date,
        days: days.len() as u64,
        people: days.iter().filter_map(|d| d.people).sum(),
        boats: days.iter().filter_map(|d| d.boats).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, people: u64, boats: u64) -> Day {
        Day {
            date: date.parse().unwrap(),
            people: Some(people),
            boats: Some(boats),
        }
    }

    #[test]
    fn revised_added_and_removed_days_and_year_totals() {
        let old = [
            day("2024-12-30", 5, 1),
            day("2024-12-31", 7, 1),
            day("2025-01-01", 10, 1),
            day("2025-01-02", 20, 2),
        ];
        let new = [
            day("2024-12-31", 7, 1),
            day("2025-01-01", 12, 1),
            day("2025-01-02", 20, 2),
            day("2025-01-03", 30, 3),
            day("2025-01-04", 1, 1),
            day("2025-01-06", 2, 1),
        ];
        let c = compare(&old, &new);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(c.common, Some((d("2024-12-31"), d("2025-01-02"))));
        assert_eq!(c.revised.len(), 1);
        assert_eq!(
            (c.revised[0].old.people, c.revised[0].new.people),
            (Some(10), Some(12))
        );
        assert_eq!(
            c.added,
            vec![
                Span {
                    first: d("2025-01-03"),
                    last: d("2025-01-04"),
                    days: 2,
                    people: 31,
                    boats: 4
                },
                Span {
                    first: d("2025-01-06"),
                    last: d("2025-01-06"),
                    days: 1,
                    people: 2,
                    boats: 1
                },
            ]
        );
        assert_eq!(
            c.removed,
            vec![Span {
                first: d("2024-12-30"),
                last: d("2024-12-30"),
                days: 1,
                people: 5,
                boats: 1
            }]
        );
        assert_eq!(c.years.len(), 2);
        let y2025 = c.years[1];
        assert_eq!(
            (y2025.old.unwrap().people, y2025.new.unwrap().people),
            (30, 65)
        );
        assert_eq!((y2025.old.unwrap().days, y2025.new.unwrap().days), (2, 5));
    }

    #[test]
    fn identical_releases_differ_in_nothing() {
        let a = [day("2025-01-01", 1, 1), day("2025-01-02", 2, 1)];
        let c = compare(&a, &a);
        assert!(c.revised.is_empty() && c.added.is_empty() && c.removed.is_empty());
        assert_eq!(c.years[0].old, c.years[0].new);
    }
}
