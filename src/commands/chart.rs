//! `migstats chart cumulative|monthly|top`: the rows of `series --cumulative`, `series --by
//! month` and `top`, laid out as a [`Chart`] for the SVG renderer.

use super::select::Selection;
use super::series::{self, SeriesArgs, SeriesRow};
use super::top::{self, TopArgs, TopRow};
use crate::domain::Bucket;
use crate::error::{Error, Result};
use crate::loader::Dataset;
use crate::render::chart::{Bar, Body, Chart, Line, Ranked};
use crate::render::wording;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Years drawn on a cumulative chart: the latest and the five before it, one colour each.
pub const CUMULATIVE_YEARS: usize = 6;
/// Months drawn on a monthly chart when no `--period` is given.
pub const MONTHS: usize = 12;

/// "small_boat_arrivals" → "Small boat arrivals".
fn metric_title(metric: &str) -> String {
    crate::report::capitalised(&metric.replace('_', " "))
}

fn whom(country: &str) -> String {
    if country.eq_ignore_ascii_case("all") {
        String::new()
    } else {
        format!(", {country}")
    }
}

fn source_line(dataset: &Dataset, source: Option<&str>) -> String {
    wording::source(
        source.unwrap_or("see migstats sources"),
        crate::report::licence(&dataset.provenance).as_deref(),
    )
}

/// The chart, unless a value is beyond what f64 holds (a running total of enormous figures
/// overflows): no axis can be drawn to infinity.
fn drawable(chart: Chart) -> Result<Chart> {
    if chart.values().iter().all(|v| v.is_finite()) {
        Ok(chart)
    } else {
        Err(Error::usage(
            "cannot draw the chart: a value or running total is too large for a number",
            "check the values in the file; `migstats series` shows the rows the chart draws",
        ))
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

/// The date `previous_cumulative` is taken from: the same date a year earlier, 28 February for
/// 29 February (as `calc::series` does).
fn a_year_earlier(d: NaiveDate) -> Option<NaiveDate> {
    let year = d.year() - 1;
    NaiveDate::from_ymd_opt(year, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), 28))
}

/// Running totals by day of the year, one line per year (the last [`CUMULATIVE_YEARS`]).
pub fn cumulative(dataset: &Dataset, selection: &Selection) -> Result<Chart> {
    let args = SeriesArgs {
        by: Bucket::Day,
        cumulative: true,
        rank: false,
        month: None,
    };
    let rows = series::rows(dataset, selection, &args)?;
    let mut years: BTreeMap<i32, Vec<(u32, f64)>> = BTreeMap::new();
    for r in &rows {
        if let (Some(total), Some(d)) = (r.cumulative, day(&r.period.end)) {
            years
                .entry(d.year())
                .or_default()
                .push((d.ordinal(), total));
        }
    }
    let skip = years.len().saturating_sub(CUMULATIVE_YEARS);
    let lines: Vec<Line> = years
        .into_iter()
        .skip(skip)
        .map(|(y, points)| Line {
            name: y.to_string(),
            points,
        })
        .collect();
    let last = rows.iter().rev().find(|r| r.cumulative.is_some());
    let Some(last) = last else {
        return Err(Error::usage(
            "no running totals to draw",
            "a cumulative chart needs a daily file reaching back to 1 January",
        ));
    };
    let end = day(&last.period.end);
    let latest = end.zip(last.cumulative).map(|(d, v)| (d.ordinal(), v));
    // The note's figure a year earlier, on the line before the latest only if that line is the
    // year before (a year with no running total leaves the line two years back there).
    let before = lines.len().checked_sub(2).and_then(|i| lines.get(i));
    let year_before = end
        .and_then(a_year_earlier)
        .zip(last.previous_cumulative)
        .filter(|(d, _)| before.is_some_and(|l| l.name == d.year().to_string()))
        .map(|(d, v)| (d.ordinal(), v));
    let to = end
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_default();
    let note = last.cumulative.map(|now| {
        let now = crate::render::human::grouped(now, 0);
        match last.previous_cumulative {
            Some(before) => format!(
                "{now} to {to}; {} a year earlier",
                crate::render::human::grouped(before, 0)
            ),
            None => format!("{now} to {to}"),
        }
    });
    drawable(Chart {
        title: format!(
            "{}{}: running total from 1 January, to {to}",
            metric_title(&last.metric),
            whom(&last.country)
        ),
        y_label: format!("{} since 1 January", metric_title(last.unit.as_str())),
        x_label: "Day of the year".to_string(),
        source: source_line(dataset, Some(&last.source)),
        body: Body::Cumulative {
            lines,
            note,
            latest,
            year_before,
        },
    })
}

/// Monthly bars with the same month a year earlier: the last [`MONTHS`], or those in
/// `--period`.
pub fn monthly(dataset: &Dataset, selection: &Selection) -> Result<Chart> {
    let args = SeriesArgs {
        by: Bucket::Month,
        cumulative: false,
        rank: false,
        month: None,
    };
    let rows = series::rows(dataset, selection, &args)?;
    let skip = if selection.period.is_some() {
        0
    } else {
        rows.len().saturating_sub(MONTHS)
    };
    let shown: Vec<&SeriesRow> = rows.iter().skip(skip).collect();
    let bars = shown
        .iter()
        .map(|r| Bar {
            label: day(&r.period.start)
                .map(|d| d.format("%b %Y").to_string())
                .unwrap_or_else(|| r.label.clone()),
            value: r.value,
            previous: r.previous.as_ref().map(|p| p.value),
            previous_label: r
                .previous
                .as_ref()
                .and_then(|p| day(&p.period.start))
                .map(|d| d.format("%b %Y").to_string()),
        })
        .collect();
    let first = shown.first().copied();
    let last = shown.last().copied();
    let (Some(first), Some(last)) = (first, last) else {
        return Err(Error::usage("no months to draw", "try a wider --period"));
    };
    let x_label = if last.partial {
        format!(
            "Month ({} to {}, against the same days a year earlier)",
            last.label,
            day(&last.period.end)
                .map(|d| d.format("%-d %b").to_string())
                .unwrap_or_default()
        )
    } else {
        "Month".to_string()
    };
    drawable(Chart {
        title: format!(
            "{}{} by month, {} to {}",
            metric_title(&last.metric),
            whom(&last.country),
            first.label,
            last.label
        ),
        y_label: metric_title(last.unit.as_str()),
        x_label,
        source: source_line(dataset, Some(&last.source)),
        body: Body::Monthly(bars),
    })
}

/// Horizontal bars of the ranked nationalities, each with its share of the total.
pub fn top(dataset: &Dataset, args: &TopArgs) -> Result<Chart> {
    let rows: Vec<TopRow> = top::rows(dataset, args)?
        .into_iter()
        .filter(|r| r.rank > 0)
        .collect();
    let Some(first) = rows.first() else {
        return Err(Error::usage(
            "no ranked nationalities to draw",
            "try another --period or --metric",
        ));
    };
    drawable(Chart {
        title: format!(
            "{} by nationality, {}",
            metric_title(&first.metric),
            first.current.period.label
        ),
        y_label: "Nationality".to_string(),
        // A rate has no share of a total (see `TopRow::share_pct`): the label says so only
        // where some row has one.
        x_label: if rows.iter().any(|r| r.share_pct.is_some()) {
            format!("{} (share of the total)", metric_title(first.unit.as_str()))
        } else {
            metric_title(first.unit.as_str())
        },
        source: source_line(dataset, Some(&first.source)),
        body: Body::Top(
            rows.iter()
                .map(|r| Ranked {
                    label: r.country.clone(),
                    value: r.current.value,
                    share_pct: r.share_pct,
                })
                .collect(),
        ),
    })
}
