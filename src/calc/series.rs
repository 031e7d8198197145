//! A series of buckets (day, week, month, quarter, year) from one metric and country's figures:
//! each bucket with the same bucket a year earlier and the change, buckets cut by the data's
//! ends marked partial (and compared only with the same days a year earlier), ranks among
//! complete buckets, running year-to-date totals, and the smaller buckets inside each one that
//! a sparkline is drawn from.

use super::Change;
use crate::domain::{Bucket, Figure, Period, Unit};
use chrono::Datelike;
use std::collections::HashMap;

/// One bucket of the series.
#[derive(Debug, Clone, PartialEq)]
pub struct Point<'a> {
    pub current: &'a Figure,
    /// Cut by the start or end of the data (or of the period asked for): fewer days than the
    /// bucket has.
    pub partial: bool,
    /// The same bucket a year earlier (for a partial one, the same days of it).
    pub previous: Option<&'a Figure>,
    pub change: Option<Change>,
    /// 1 for the largest value among complete buckets; None for partial buckets or unranked.
    pub rank: Option<usize>,
    /// Running total from 1 January to the bucket's last day; None unless asked for, or when the
    /// data do not reach back to 1 January of that year.
    pub cumulative: Option<f64>,
    /// The running total to the same day a year earlier.
    pub previous_cumulative: Option<f64>,
    /// How a complete bucket stands against the complete ones before it; None unless asked for.
    pub standing: Option<Standing>,
}

/// A complete bucket against every earlier complete one (partial buckets take no part).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing {
    /// Above every earlier one.
    HighestOnRecord,
    /// Below every earlier one.
    LowestOnRecord,
    /// Above every one since this earlier bucket, which was at least as high.
    HighestSince(Period),
    /// Below every one since this earlier bucket, which was at most as low.
    LowestSince(Period),
}

/// The buckets among `figures` (one metric and country), inside `within` when given, each
/// with its year before. Figures of different files are never paired.
pub fn series(figures: &[Figure], bucket: Bucket, within: Option<Period>) -> Vec<Point<'_>> {
    let by_period: HashMap<(&str, Period), &Figure> = figures
        .iter()
        .map(|f| ((f.origin.file.as_str(), f.period), f))
        .collect();
    let held: Vec<&Figure> = figures
        .iter()
        .filter(|f| bucket.holds(&f.period) && within.is_none_or(|w| w.covers(&f.period)))
        .collect();
    // The data's ends, per file: a cut bucket counts only at them (a cut span elsewhere is
    // a year-before comparison, not a bucket).
    let mut ends: HashMap<&str, (chrono::NaiveDate, chrono::NaiveDate)> = HashMap::new();
    for f in &held {
        let e = ends
            .entry(f.origin.file.as_str())
            .or_insert((f.period.start, f.period.end));
        e.0 = e.0.min(f.period.start);
        e.1 = e.1.max(f.period.end);
    }
    let mut points: Vec<Point<'_>> = held
        .into_iter()
        .filter_map(|f| {
            let (first, last) = ends.get(f.origin.file.as_str()).copied()?;
            // A bucket may be cut at its start only by the data's first day, and at its end
            // only by the last.
            let whole = bucket.containing(f.period.start)?;
            let partial = whole != f.period;
            let cut_start = f.period.start != whole.start;
            let cut_end = f.period.end != whole.end;
            if (cut_start && f.period.start != first) || (cut_end && f.period.end != last) {
                return None;
            }
            let previous = bucket
                .year_before(&f.period)
                .and_then(|p| by_period.get(&(f.origin.file.as_str(), p)).copied());
            Some(Point {
                current: f,
                partial,
                previous,
                change: previous.map(|p| Change::between(f, p)),
                rank: None,
                cumulative: None,
                previous_cumulative: None,
                standing: None,
            })
        })
        .collect();
    points.sort_by(|a, b| {
        (a.current.period.start, &a.current.origin.file)
            .cmp(&(b.current.period.start, &b.current.origin.file))
    });
    points
}

/// The smaller buckets inside a figure's period, in order, for a sparkline.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The size of each one.
    pub size: Bucket,
    /// Each bucket's value; for a count, per day, so that a short month or a week cut by the
    /// period's ends compares fairly with whole ones. None where the data lack the bucket.
    pub values: Vec<Option<f64>>,
}

/// One series' smaller buckets (from [`crate::loader::Dataset::marks`]), sorted by start, to
/// find those inside a figure's period quickly.
#[derive(Debug, Clone)]
pub struct Marks {
    size: Bucket,
    figures: Vec<Figure>,
}

impl Marks {
    /// The marks of `size` among `figures` for one metric and country.
    pub fn new(figures: &[Figure], size: Bucket, metric: &str, country: &str) -> Self {
        let mut own: Vec<Figure> = figures
            .iter()
            .filter(|f| f.metric == metric && f.country == country)
            .cloned()
            .collect();
        own.sort_by_key(|f| f.period.start);
        Marks { size, figures: own }
    }

    /// The buckets inside `figure`'s period, cut to it, as [`series`] finds them in the same
    /// file; None when the period holds fewer than two (a single mark shows no trend) or the
    /// data have none of them.
    pub fn trend(&self, figure: &Figure) -> Option<Trend> {
        let span = figure.period;
        let wanted = self.size.within(span);
        if wanted.len() < 2 {
            return None;
        }
        let from = self
            .figures
            .partition_point(|f| f.period.start < span.start);
        let to = self.figures.partition_point(|f| f.period.start <= span.end);
        let inside = self.figures.get(from..to)?;
        let points = series(inside, self.size, Some(span));
        let found: HashMap<Period, &Figure> = points
            .iter()
            .filter(|p| p.current.origin.file == figure.origin.file)
            .map(|p| (p.current.period, p.current))
            .collect();
        let values: Vec<Option<f64>> = wanted
            .iter()
            .map(|p| found.get(p).map(|f| per_day(f)))
            .collect();
        values.iter().any(Option::is_some).then_some(Trend {
            size: self.size,
            values,
        })
    }
}

/// A count as a daily average; any other value (a ratio, a rate) as it is.
fn per_day(f: &Figure) -> f64 {
    match f.unit {
        Unit::People | Unit::Boats => f.value / f.period.days() as f64,
        _ => f.value,
    }
}

/// Ranks complete buckets by value, largest first (equal values share a rank), and returns
/// them in rank order; partial buckets are left out.
pub fn ranked(points: Vec<Point<'_>>) -> Vec<Point<'_>> {
    let mut complete: Vec<Point<'_>> = points.into_iter().filter(|p| !p.partial).collect();
    complete.sort_by(|a, b| {
        b.current
            .value
            .total_cmp(&a.current.value)
            .then(a.current.period.start.cmp(&b.current.period.start))
    });
    let mut rank = 0;
    let mut last = None;
    for (i, p) in complete.iter_mut().enumerate() {
        if last != Some(p.current.value) {
            rank = i + 1;
            last = Some(p.current.value);
        }
        p.rank = Some(rank);
    }
    complete
}

/// Fills each complete bucket's standing ("lowest since August 2019") against the complete
/// buckets before it, in date order. Only a record, or a run of at least two buckets passed, is
/// worth saying: passing just the bucket before is what the change already shows.
pub fn stand(points: &mut [Point<'_>]) {
    let mut earlier: Vec<(Period, f64)> = Vec::new();
    for p in points.iter_mut() {
        if p.partial {
            continue;
        }
        let v = p.current.value;
        let n = earlier.len();
        let last_at_most = earlier.iter().rposition(|(_, x)| *x <= v);
        let last_at_least = earlier.iter().rposition(|(_, x)| *x >= v);
        p.standing = match (last_at_most, last_at_least) {
            _ if n < 2 => None,
            (None, _) => Some(Standing::LowestOnRecord),
            (_, None) => Some(Standing::HighestOnRecord),
            (Some(j), _) if j + 2 < n => earlier.get(j).map(|(q, _)| Standing::LowestSince(*q)),
            (_, Some(j)) if j + 2 < n => earlier.get(j).map(|(q, _)| Standing::HighestSince(*q)),
            _ => None,
        };
        earlier.push((p.current.period, v));
    }
}

/// Fills the running totals of day buckets: from 1 January of each year the data reach back
/// to, and the same day's total a year earlier (29 February's is 28 February's).
pub fn accumulate(points: &mut [Point<'_>]) {
    // Per file: the year and, while unbroken, its running total and the day expected next;
    // and each day's total.
    type Key<'f> = (&'f str, i32, u32, u32);
    type Run = (i32, Option<(f64, chrono::NaiveDate)>);
    let mut totals: HashMap<Key<'_>, f64> = HashMap::new();
    let mut running: HashMap<&str, Run> = HashMap::new();
    for p in points.iter_mut() {
        let file = p.current.origin.file.as_str();
        let day = p.current.period.start;
        let year = day.year();
        let sum = match running.get(file) {
            Some((y, Some((s, next)))) if *y == year && *next == day => Some(s + p.current.value),
            // A gap inside a year breaks its running total for the rest of it.
            Some((y, _)) if *y == year => None,
            // Only a year whose data start on 1 January has a true running total.
            _ => (day.ordinal() == 1).then_some(p.current.value),
        };
        let next = sum.zip(day.succ_opt());
        running.insert(file, (year, next));
        if let Some(s) = sum {
            totals.insert((file, year, day.month(), day.day()), s);
        }
        p.cumulative = sum;
    }
    for p in points.iter_mut() {
        let file = p.current.origin.file.as_str();
        let day = p.current.period.start;
        let key = |d: u32| (file, day.year() - 1, day.month(), d);
        p.previous_cumulative = totals
            .get(&key(day.day()))
            .or_else(|| {
                (day.month() == 2 && day.day() == 29)
                    .then(|| totals.get(&key(28)))
                    .flatten()
            })
            .copied();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Origin, Qualifier, Unit};

    fn fig(a: &str, b: &str, v: f64) -> Figure {
        Figure {
            id: format!("x-{a}-{b}"),
            metric: "small_boat_arrivals".into(),
            country: "all".into(),
            period: Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap(),
            value: v,
            unit: Unit::People,
            qualifier: Qualifier::Exact,
            rounded_to: 1.0,
            stated_yoy_pct: None,
            source: "Home Office".into(),
            note: None,
            rate_base: None,
            derivation: None,
            origin: Origin {
                file: "f".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn weeks_pair_52_weeks_back_and_cut_weeks_only_at_the_ends() {
        let figures = vec![
            fig("2025-08-11", "2025-08-17", 100.0),
            fig("2025-08-18", "2025-08-21", 30.0), // year before of the cut week: not a bucket
            fig("2025-08-18", "2025-08-24", 50.0),
            fig("2026-08-10", "2026-08-16", 120.0),
            fig("2026-08-17", "2026-08-20", 40.0), // cut by the data's end
        ];
        let points = series(&figures, Bucket::Week, None);
        let got: Vec<(String, bool, Option<f64>)> = points
            .iter()
            .map(|p| {
                (
                    p.current.period.start.to_string(),
                    p.partial,
                    p.previous.map(|f| f.value),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("2025-08-11".to_string(), false, None),
                ("2025-08-18".to_string(), false, None),
                ("2026-08-10".to_string(), false, Some(100.0)),
                ("2026-08-17".to_string(), true, Some(30.0)),
            ]
        );
        let ranked = ranked(points);
        let ranks: Vec<(f64, Option<usize>)> =
            ranked.iter().map(|p| (p.current.value, p.rank)).collect();
        assert_eq!(
            ranks,
            vec![(120.0, Some(1)), (100.0, Some(2)), (50.0, Some(3))]
        );
    }

    #[test]
    fn standing_against_earlier_buckets() {
        let figures = vec![
            fig("2019-08-01", "2019-08-31", 34.0),
            fig("2020-08-01", "2020-08-31", 116.0),
            fig("2021-08-01", "2021-08-31", 99.0),
            fig("2022-08-01", "2022-08-31", 192.0),
            fig("2023-08-01", "2023-08-31", 102.0),
            fig("2024-08-01", "2024-08-31", 75.0),
            fig("2025-08-01", "2025-08-31", 56.0),
            fig("2026-08-01", "2026-08-20", 10.0), // partial: no standing
        ];
        let mut points = series(&figures, Bucket::Month, None);
        stand(&mut points);
        let got: Vec<Option<Standing>> = points.iter().map(|p| p.standing).collect();
        let aug = |y: i32| Period::month(y, 8).unwrap();
        assert_eq!(
            got,
            vec![
                None,
                None,
                // 99: below 2020 only, which the change already says.
                None,
                Some(Standing::HighestOnRecord),
                // 102: below 2022 just before, above 2021: nothing worth saying.
                None,
                Some(Standing::LowestSince(aug(2019))),
                Some(Standing::LowestSince(aug(2019))),
                None,
            ]
        );
    }

    #[test]
    fn a_year_before_span_at_the_data_start_is_not_a_bucket() {
        // Data from 1 Jan 2025 to 20 Aug 2026: 2025 is whole, 2026 cut; the same days of 2025
        // (derived to compare the cut 2026) start on the first day but are not a bucket.
        let figures = vec![
            fig("2025-01-01", "2025-12-31", 100.0),
            fig("2025-01-01", "2025-08-20", 60.0),
            fig("2026-01-01", "2026-08-20", 40.0),
        ];
        let points = series(&figures, Bucket::Year, None);
        let got: Vec<(f64, bool, Option<f64>)> = points
            .iter()
            .map(|p| (p.current.value, p.partial, p.previous.map(|f| f.value)))
            .collect();
        assert_eq!(got, vec![(100.0, false, None), (40.0, true, Some(60.0))]);
    }

    #[test]
    fn a_trend_is_the_buckets_inside_a_period_per_day_with_gaps() {
        let year = fig("2025-01-01", "2025-03-20", 0.0);
        let mut marks = vec![
            fig("2025-01-01", "2025-01-31", 310.0),
            // February missing: a gap. The cut March is 20 days.
            fig("2025-03-01", "2025-03-20", 40.0),
            // A month cut to another period, and one outside: neither is a mark of this one.
            fig("2025-03-01", "2025-03-10", 99.0),
            fig("2025-04-01", "2025-04-30", 99.0),
        ];
        let mut other_file = fig("2025-02-01", "2025-02-28", 280.0);
        other_file.origin.file = "g".into();
        marks.push(other_file);
        let m = Marks::new(&marks, Bucket::Month, "small_boat_arrivals", "all");
        assert_eq!(
            m.trend(&year),
            Some(Trend {
                size: Bucket::Month,
                values: vec![Some(10.0), None, Some(2.0)],
            })
        );
        // One bucket is no trend; nor is a period with none of its buckets in the data.
        assert_eq!(m.trend(&fig("2025-01-01", "2025-01-31", 0.0)), None);
        assert_eq!(m.trend(&fig("2024-01-01", "2024-12-31", 0.0)), None);
        // Another metric's marks are not this one's.
        let none = Marks::new(&marks, Bucket::Month, "small_boats", "all");
        assert_eq!(none.trend(&year), None);
    }

    #[test]
    fn a_ratio_trend_is_not_divided_by_days() {
        let mut marks = vec![
            fig("2025-01-01", "2025-01-31", 50.0),
            fig("2025-02-01", "2025-02-28", 60.0),
        ];
        for f in &mut marks {
            f.unit = Unit::Ratio;
        }
        let m = Marks::new(&marks, Bucket::Month, "small_boat_arrivals", "all");
        let t = m.trend(&fig("2025-01-01", "2025-02-28", 0.0)).unwrap();
        assert_eq!(t.values, vec![Some(50.0), Some(60.0)]);
    }

    #[test]
    fn running_totals_from_the_first_of_january() {
        let figures = vec![
            fig("2023-12-31", "2023-12-31", 5.0),
            fig("2024-01-01", "2024-01-01", 1.0),
            fig("2024-01-02", "2024-01-02", 2.0),
            fig("2025-01-01", "2025-01-01", 10.0),
            fig("2025-01-02", "2025-01-02", 20.0),
            fig("2025-01-04", "2025-01-04", 5.0), // 3 January missing: no true total after it
        ];
        let mut points = series(&figures, Bucket::Day, None);
        accumulate(&mut points);
        let got: Vec<(Option<f64>, Option<f64>)> = points
            .iter()
            .map(|p| (p.cumulative, p.previous_cumulative))
            .collect();
        assert_eq!(
            got,
            vec![
                (None, None),
                (Some(1.0), None),
                (Some(3.0), None),
                (Some(10.0), Some(1.0)),
                (Some(30.0), Some(3.0)),
                (None, None),
            ]
        );
    }
}
