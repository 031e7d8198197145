//! Stated figures against official ones (docs/methodology.md, "A stated figure against an
//! official one"): how the official value for the
//! same metric, country and period bears out a stated figure, what stronger figure it supports
//! when the statement is loose, and how the verdict moves with the day the source's count
//! stopped (the cut-off).

use super::ClaimStatus;
use crate::domain::{Figure, Period, Qualifier};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// Cut-offs tested either side of a stated period's last day unless told otherwise.
pub const DEFAULT_WINDOW_DAYS: u32 = 7;
/// The widest window allowed: each day is one more period derived from the official file.
pub const MAX_WINDOW_DAYS: u32 = 31;

/// One stated figure and the official figure that reproduces it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureCheck<'a> {
    pub stated: &'a Figure,
    /// Same metric, country (case-insensitive), period and unit.
    pub official: Option<&'a Figure>,
    /// official − stated.
    pub difference: Option<f64>,
    pub status: ClaimStatus,
    /// For an understated or overstated figure, the strongest figure of the same wording and
    /// rounding the official value supports ("more than 27,000" for 27,997).
    pub stronger: Option<Stronger>,
    /// Runs of consecutive cut-offs with one status, when the official file gives the period
    /// ending on other days around the stated one; empty otherwise.
    pub cutoffs: Vec<CutoffRun>,
}

/// A stronger statement of the same wording and rounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stronger {
    pub qualifier: Qualifier,
    pub value: f64,
}

/// Consecutive cut-off days (last day counted) on which the stated figure has one status.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CutoffRun {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub status: ClaimStatus,
    /// Lowest and highest official value over those days.
    pub value_low: f64,
    pub value_high: f64,
}

/// Whether an official value bears out a stated figure: inside the stated range it is
/// consistent; a "more than" that holds with the data above v + r is understated, a "fewer than"
/// that holds with the data below v − r overstated; anything else is inconsistent.
pub fn check_stated_figure(stated: &Figure, official: f64) -> ClaimStatus {
    let (v, r) = (stated.value, stated.rounded_to);
    if stated.stated_range().contains(official) {
        return ClaimStatus::Consistent;
    }
    match stated.qualifier {
        Qualifier::Over if official > v + r => ClaimStatus::Understated,
        Qualifier::Under if official < v - r => ClaimStatus::Overstated,
        _ => ClaimStatus::Inconsistent,
    }
}

/// The strongest figure of the stated wording and rounding step that `official` supports: for
/// "more than", the largest multiple of the step at or below it; for "fewer than", the smallest
/// at or above it. None unless the statement is understated or overstated.
pub fn stronger_figure(stated: &Figure, official: f64) -> Option<Stronger> {
    let r = stated.rounded_to;
    let value = match (check_stated_figure(stated, official), stated.qualifier) {
        (ClaimStatus::Understated, Qualifier::Over) if r > 0.0 => steps(r, (official / r).floor()),
        (ClaimStatus::Understated, Qualifier::Over) => official,
        (ClaimStatus::Overstated, Qualifier::Under) if r > 0.0 => steps(r, (official / r).ceil()),
        (ClaimStatus::Overstated, Qualifier::Under) => official,
        _ => return None,
    };
    value.is_finite().then_some(Stronger {
        qualifier: stated.qualifier,
        value,
    })
}

/// `n` steps of `r`. A decimal step (0.1) divides by its inverse, so 279 steps are 27.9, not
/// 27.900000000000002.
fn steps(r: f64, n: f64) -> f64 {
    let inverse = (1.0 / r).round();
    if r < 1.0 && inverse >= 1.0 && (inverse * r - 1.0).abs() < 1e-12 {
        n / inverse
    } else {
        n * r
    }
}

/// The periods with the stated start ending on each day within `window` days of `period`'s end
/// (the stated period included): what an official file must give for [`check_against`].
pub fn cutoff_periods(period: &Period, window: u32) -> Vec<Period> {
    let w = u64::from(window.min(MAX_WINDOW_DAYS));
    let first = period
        .end
        .checked_sub_days(Days::new(w))
        .unwrap_or(period.end);
    (0..=2 * w)
        .filter_map(|d| first.checked_add_days(Days::new(d)))
        .filter_map(|end| Period::new(period.start, end))
        .collect()
}

type Key<'a> = (&'a str, String, Period);

/// Every stated figure, in order, against the first matching official figure; each checkable
/// one also at every cut-off within `window` days for which `official` has a figure.
pub fn check_against<'a>(
    stated: &'a [Figure],
    official: &'a [Figure],
    window: u32,
) -> Vec<FigureCheck<'a>> {
    let mut index: HashMap<Key<'_>, &Figure> = HashMap::new();
    for f in official {
        index
            .entry((&f.metric, f.country.to_lowercase(), f.period))
            .or_insert(f);
    }
    let lookup = |s: &Figure, period: Period| {
        index
            .get(&(s.metric.as_str(), s.country.to_lowercase(), period))
            .copied()
            .filter(|o| o.unit == s.unit)
    };
    stated
        .iter()
        .map(|s| {
            let official = lookup(s, s.period);
            let cutoffs = match official {
                Some(_) => {
                    let days = cutoff_periods(&s.period, window)
                        .into_iter()
                        .filter_map(|p| lookup(s, p).map(|o| (p.end, o.value)));
                    runs(s, days)
                }
                None => Vec::new(),
            };
            FigureCheck {
                stated: s,
                official,
                difference: official.map(|o| o.value - s.value),
                status: official.map_or(ClaimStatus::NotCheckable, |o| {
                    check_stated_figure(s, o.value)
                }),
                stronger: official.and_then(|o| stronger_figure(s, o.value)),
                // The stated day alone says nothing about other cut-offs.
                cutoffs: if cutoffs.len() == 1 && cutoffs.iter().all(|r| r.from == r.to) {
                    Vec::new()
                } else {
                    cutoffs
                },
            }
        })
        .collect()
}

/// Groups (cut-off, official value) pairs, in date order, into runs of consecutive days with
/// one status; a day the official file does not give ends a run.
fn runs(stated: &Figure, days: impl Iterator<Item = (NaiveDate, f64)>) -> Vec<CutoffRun> {
    let mut out: Vec<CutoffRun> = Vec::new();
    for (day, value) in days {
        let status = check_stated_figure(stated, value);
        match out.last_mut() {
            Some(run) if run.status == status && run.to.succ_opt() == Some(day) => {
                run.to = day;
                run.value_low = run.value_low.min(value);
                run.value_high = run.value_high.max(value);
            }
            _ => out.push(CutoffRun {
                from: day,
                to: day,
                status,
                value_low: value,
                value_high: value,
            }),
        }
    }
    out
}

/// The official value of `metric`, `country` (case-insensitive) and `unit` for exactly `period`,
/// from the first of `official` that gives it.
pub fn official_value(
    official: &[Figure],
    metric: &str,
    country: &str,
    unit: crate::domain::Unit,
    period: Period,
) -> Option<f64> {
    official
        .iter()
        .find(|o| {
            o.metric == metric
                && o.country.eq_ignore_ascii_case(country)
                && o.unit == unit
                && o.period == period
        })
        .map(|o| o.value)
}

/// A stated per-cent change (+24, −36) against the change between two official counts: it is
/// consistent when the computed change lies in the stated change's rounding interval (a whole
/// "24%" is 23.5 to 24.5), or beyond it in the stated direction for "more than". The status and the computed percent; None when the earlier count is
/// 0 (no percent change).
pub fn check_change_between(
    stated_pct: f64,
    hedge: Qualifier,
    current: f64,
    previous: f64,
) -> Option<(ClaimStatus, f64)> {
    if previous == 0.0 {
        return None;
    }
    let computed = 100.0 * (current - previous) / previous;
    let half = super::claim::stated_precision(stated_pct) / 2.0;
    // "more than 40%" up holds for any rise of 40% or more ("down more than 20%": any fall of
    // 20% or more); "nearly 46%" for 45% to 46% (one step of its precision below, as "nearly
    // 700" is 600 to 700), and a smaller change is overstated. Sizes compare in the stated
    // direction.
    let same_way = computed * stated_pct >= 0.0;
    let (size, stated) = (computed.abs(), stated_pct.abs());
    let status = match hedge {
        Qualifier::Over if same_way && size >= stated - half => ClaimStatus::Consistent,
        Qualifier::Under if same_way && size <= stated + half && size >= stated - 2.0 * half => {
            ClaimStatus::Consistent
        }
        Qualifier::Under if same_way && size < stated - 2.0 * half => ClaimStatus::Overstated,
        Qualifier::Exact | Qualifier::About
            if (stated_pct - half..=stated_pct + half).contains(&computed) =>
        {
            ClaimStatus::Consistent
        }
        _ => ClaimStatus::Inconsistent,
    };
    Some((status, computed))
}

/// A stated difference ("159 fewer than", "almost 5,000 more than") against the official
/// difference `current − previous`: its size is checked as a stated figure, and a difference
/// the other way is inconsistent. The status and the official difference.
pub fn check_difference(
    stated: &Figure,
    up: bool,
    current: f64,
    previous: f64,
) -> (ClaimStatus, f64) {
    let difference = current - previous;
    let size = if up { difference } else { -difference };
    let status = if size < 0.0 {
        ClaimStatus::Inconsistent
    } else {
        check_stated_figure(stated, size)
    };
    (status, difference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Origin, Qualifier, Unit};

    fn fig(id: &str, start: &str, end: &str, value: f64, q: Qualifier, r: f64) -> Figure {
        Figure {
            id: id.into(),
            metric: "small_boat_arrivals".into(),
            country: "all".into(),
            period: Period::new(start.parse().unwrap(), end.parse().unwrap()).unwrap(),
            value,
            unit: Unit::People,
            qualifier: q,
            rounded_to: r,
            stated_yoy_pct: None,
            source: "t".into(),
            note: None,
            rate_base: None,
            derivation: None,
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn the_article_pair_against_the_daily_series() {
        use Qualifier::*;
        let stated = [
            fig("c25", "2025-01-01", "2025-08-15", 27_000.0, Over, 1000.0),
            fig("c24", "2024-01-01", "2024-08-15", 18_000.0, About, 1000.0),
            fig("other", "2024-01-01", "2024-08-14", 18_000.0, About, 1000.0),
        ];
        // Values as the official side would give them; the test is of the comparison only.
        let official = [
            fig("o24", "2024-01-01", "2024-08-15", 18_574.0, Exact, 1.0),
            fig("o25", "2025-01-01", "2025-08-15", 27_997.0, Exact, 1.0),
        ];
        let got = check_against(&stated, &official, DEFAULT_WINDOW_DAYS);
        let status: Vec<_> = got.iter().map(|c| c.status).collect();
        assert_eq!(
            status,
            vec![
                ClaimStatus::Consistent,
                ClaimStatus::Inconsistent,
                ClaimStatus::NotCheckable
            ]
        );
        assert_eq!(got[0].official.map(|o| o.id.as_str()), Some("o25"));
        assert_eq!(got[0].difference, Some(997.0));
        assert_eq!(got[1].difference, Some(574.0));
        assert_eq!(got[2].difference, None);
    }

    #[test]
    fn range_edges_are_inside() {
        let over = fig(
            "x",
            "2025-01-01",
            "2025-01-02",
            27_000.0,
            Qualifier::Over,
            1000.0,
        );
        assert_eq!(
            check_stated_figure(&over, 27_000.0),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_figure(&over, 28_000.0),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_figure(&over, 26_999.0),
            ClaimStatus::Inconsistent
        );
        // Above v + r "more than 27,000" still holds: understated, not inconsistent.
        assert_eq!(
            check_stated_figure(&over, 28_001.0),
            ClaimStatus::Understated
        );
    }

    #[test]
    fn loose_bounds_hold_and_name_the_stronger_figure() {
        use Qualifier::*;
        // "More than 25,000" against 27,997: true, and "more than 27,000" holds.
        let over = fig("o", "2025-01-01", "2025-08-15", 25_000.0, Over, 1000.0);
        assert_eq!(
            check_stated_figure(&over, 27_997.0),
            ClaimStatus::Understated
        );
        assert_eq!(
            stronger_figure(&over, 27_997.0),
            Some(Stronger {
                qualifier: Over,
                value: 27_000.0
            })
        );
        assert_eq!(stronger_figure(&over, 25_997.0), None);
        // A decimal step gives a clean figure: more than 25.0 (to 0.1) against 27.94 → 27.9.
        let mut rate = fig("r", "2025-01-01", "2025-08-15", 25.0, Over, 0.1);
        rate.unit = crate::domain::Unit::Percent;
        assert_eq!(stronger_figure(&rate, 27.94).map(|s| s.value), Some(27.9));
        // "Fewer than 30,000" against 27,997: overstated; "fewer than 28,000" holds.
        let under = fig("u", "2025-01-01", "2025-08-15", 30_000.0, Under, 1000.0);
        assert_eq!(
            check_stated_figure(&under, 27_997.0),
            ClaimStatus::Overstated
        );
        assert_eq!(
            stronger_figure(&under, 27_997.0).map(|s| s.value),
            Some(28_000.0)
        );
        assert_eq!(
            check_stated_figure(&under, 29_000.0),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_figure(&under, 30_001.0),
            ClaimStatus::Inconsistent
        );
        // "Around" outside its range, either side, is inconsistent.
        let about = fig("a", "2025-01-01", "2025-08-15", 18_000.0, About, 1000.0);
        assert_eq!(
            check_stated_figure(&about, 18_574.0),
            ClaimStatus::Inconsistent
        );
        assert_eq!(
            check_stated_figure(&about, 17_499.0),
            ClaimStatus::Inconsistent
        );
        assert_eq!(stronger_figure(&about, 18_574.0), None);
    }

    #[test]
    fn cutoffs_group_into_runs_of_one_status() {
        use Qualifier::*;
        let stated = [fig(
            "c24",
            "2024-01-01",
            "2024-08-15",
            18_000.0,
            About,
            1000.0,
        )];
        // Made-up daily totals ending 12 to 17 Aug, none for the 14th: the 14th ends a run.
        let official: Vec<Figure> = [
            ("2024-08-12", 18_300.0),
            ("2024-08-13", 18_500.0),
            ("2024-08-15", 18_574.0),
            ("2024-08-16", 18_600.0),
            ("2024-08-17", 18_400.0),
        ]
        .iter()
        .map(|(end, v)| fig("o", "2024-01-01", end, *v, Exact, 0.0))
        .collect();
        let got = check_against(&stated, &official, 2);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let runs: Vec<_> = got[0]
            .cutoffs
            .iter()
            .map(|r| (r.from, r.to, r.status, r.value_low, r.value_high))
            .collect();
        assert_eq!(
            runs,
            vec![
                (
                    d("2024-08-13"),
                    d("2024-08-13"),
                    ClaimStatus::Consistent,
                    18_500.0,
                    18_500.0
                ),
                (
                    d("2024-08-15"),
                    d("2024-08-16"),
                    ClaimStatus::Inconsistent,
                    18_574.0,
                    18_600.0
                ),
                (
                    d("2024-08-17"),
                    d("2024-08-17"),
                    ClaimStatus::Consistent,
                    18_400.0,
                    18_400.0
                ),
            ]
        );
        // No window: nothing beyond the stated day.
        assert!(check_against(&stated, &official, 0)[0].cutoffs.is_empty());
        assert_eq!(cutoff_periods(&stated[0].period, 1).len(), 3);
        assert_eq!(cutoff_periods(&stated[0].period, 1000).len(), 63);
    }

    #[test]
    fn changes_and_differences_between_two_official_counts() {
        // 29,437 against 45,755 is -35.66%: "down 36%" holds, "down 35%" does not.
        let (status, pct) =
            check_change_between(-36.0, Qualifier::Exact, 29_437.0, 45_755.0).unwrap();
        assert_eq!(status, ClaimStatus::Consistent);
        assert!((pct + 35.664).abs() < 1e-3, "{pct}");
        assert_eq!(
            check_change_between(-35.0, Qualifier::Exact, 29_437.0, 45_755.0).map(|x| x.0),
            Some(ClaimStatus::Inconsistent)
        );
        // A stated 16.6% is precise to 0.1.
        assert_eq!(
            check_change_between(16.6, Qualifier::Exact, 1_170.0, 1_000.0).map(|x| x.0),
            Some(ClaimStatus::Inconsistent)
        );
        assert_eq!(check_change_between(10.0, Qualifier::Exact, 5.0, 0.0), None);
        // Hedged: "down more than 30%" holds for -35.7%, "more than 40%" does not; "nearly 36%"
        // is 35% to 36%, and "nearly 40%" is more than the data say; a rise is never "down".
        let hedged =
            |pct: f64, q: Qualifier| check_change_between(pct, q, 29_437.0, 45_755.0).map(|x| x.0);
        assert_eq!(
            hedged(-30.0, Qualifier::Over),
            Some(ClaimStatus::Consistent)
        );
        assert_eq!(
            hedged(-40.0, Qualifier::Over),
            Some(ClaimStatus::Inconsistent)
        );
        assert_eq!(
            hedged(-36.0, Qualifier::Under),
            Some(ClaimStatus::Consistent)
        );
        assert_eq!(
            hedged(-40.0, Qualifier::Under),
            Some(ClaimStatus::Overstated)
        );
        assert_eq!(
            hedged(30.0, Qualifier::Over),
            Some(ClaimStatus::Inconsistent)
        );
        // "159 fewer than": 1,180 against 1,339 is 159 fewer; "almost 5,000 more" holds for 4,656.
        let fewer = fig(
            "d",
            "2023-01-01",
            "2023-01-31",
            159.0,
            Qualifier::Exact,
            1.0,
        );
        assert_eq!(
            check_difference(&fewer, false, 1_180.0, 1_339.0),
            (ClaimStatus::Consistent, -159.0)
        );
        assert_eq!(
            check_difference(&fewer, true, 1_180.0, 1_339.0).0,
            ClaimStatus::Inconsistent
        );
        let almost = fig(
            "a",
            "2025-01-01",
            "2025-12-31",
            5_000.0,
            Qualifier::Under,
            1000.0,
        );
        assert_eq!(
            check_difference(&almost, true, 41_472.0, 36_816.0).0,
            ClaimStatus::Consistent
        );
    }

    #[test]
    fn a_different_unit_does_not_match() {
        let stated = [fig(
            "a",
            "2025-01-01",
            "2025-01-02",
            5.0,
            Qualifier::Exact,
            1.0,
        )];
        let mut boats = fig("b", "2025-01-01", "2025-01-02", 5.0, Qualifier::Exact, 1.0);
        boats.unit = Unit::Boats;
        let official = [boats];
        assert_eq!(
            check_against(&stated, &official, DEFAULT_WINDOW_DAYS)[0].status,
            ClaimStatus::NotCheckable
        );
    }
}
