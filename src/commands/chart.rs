//! `migstats chart cumulative|monthly|top`: the rows of `series --cumulative`, `series --by
//! month` and `top`, laid out as a [`Chart`] for the SVG renderer.

use super::select::Selection;
use super::series::{self, SeriesArgs, SeriesRow};
use super::top::{self, TopArgs, TopRow};
use crate::domain::Bucket;
use crate::error::{Error, Result};
use crate::loader::Dataset;
use crate::render::chart::number;
use crate::render::chart::{Bar, Body, Chart, Line, Ranked, Table};
use crate::render::human::percent_change;
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

/// The foot of the chart: the release, its date and its statistics label, then the licence.
fn source_line(dataset: &Dataset, source: Option<&str>) -> String {
    crate::report::release_source(
        &dataset.provenance,
        source.unwrap_or("see migstats sources"),
    )
}

/// The statistics label of the files read, as a sentence ending the subtitle: " Provisional
/// management information."; empty when not known.
fn label_sentence(dataset: &Dataset) -> String {
    crate::report::dataset_label(&dataset.provenance)
        .map(|l| format!(" {}.", crate::report::capitalised(l)))
        .unwrap_or_default()
}

/// "small_boat_arrivals" → "small boat arrivals".
fn metric_words(metric: &str) -> String {
    metric.replace('_', " ")
}

/// `15,897, 43.2% fewer than the 27,997` and the like: a count against one a year earlier.
fn against(now: f64, before: f64, unit: &str) -> String {
    if before > 0.0 {
        let pct = (now - before) / before * 100.0;
        let more = if pct >= 0.0 { "more" } else { "fewer" };
        let more = if unit == "people" || unit == "boats" {
            more
        } else if pct >= 0.0 {
            "higher"
        } else {
            "lower"
        };
        format!(
            "{}, {} {more} than the {}",
            number(now, 0),
            percent_change(pct.abs()).trim_start_matches('+'),
            number(before, 0)
        )
    } else {
        format!("{}, against {}", number(now, 0), number(before, 0))
    }
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
        let now = number(now, 0);
        match last.previous_cumulative {
            Some(before) => format!("{now} to {to}; {} a year earlier", number(before, 0)),
            None => format!("{now} to {to}"),
        }
    });
    let what = metric_words(&last.metric);
    let first_year = lines.first().map(|l| l.name.clone()).unwrap_or_default();
    let last_year = lines.last().map(|l| l.name.clone()).unwrap_or_default();
    let years = if first_year == last_year {
        first_year.clone()
    } else {
        format!("{first_year} to {last_year}")
    };
    let mut alt = format!(
        "Line chart of the running total of {what}{} from 1 January, one line per year from {years}.",
        whom(&last.country)
    );
    if let Some(now) = last.cumulative {
        alt.push_str(&match last.previous_cumulative {
            Some(before) => format!(
                " By {to} the total was {} by the same day a year earlier.",
                against(now, before, last.unit.as_str())
            ),
            None => format!(" By {to} the total was {}.", number(now, 0)),
        });
    }
    let table = cumulative_table(&lines, end.map(|d| d.year()));
    drawable(Chart {
        title: format!(
            "{}{}: running total from 1 January, to {to}",
            metric_title(&last.metric),
            whom(&last.country)
        ),
        subtitle: format!(
            "{} ({}) added up day by day from 1 January of each year, {years}.{}",
            crate::report::capitalised(&what),
            last.unit.as_str(),
            label_sentence(dataset)
        ),
        y_label: format!("{} since 1 January", metric_title(last.unit.as_str())),
        x_label: "Day of the year".to_string(),
        source: source_line(dataset, Some(&last.source)),
        alt,
        notes: Vec::new(),
        table,
        body: Body::Cumulative {
            lines,
            note,
            latest,
            year_before,
        },
    })
}

/// One row per day of the latest year, one column per year: each year's running total on the
/// same date (31 December of a leap year is 31 December, not the 366th day); a date a year
/// has not reached, or does not have (29 February), is empty.
fn cumulative_table(lines: &[Line], latest_year: Option<i32>) -> Table {
    let mut header = vec!["date".to_string()];
    header.extend(lines.iter().map(|l| l.name.clone()));
    let Some(year) = latest_year else {
        return Table {
            header,
            rows: Vec::new(),
        };
    };
    let by_date: Vec<BTreeMap<(u32, u32), f64>> = lines
        .iter()
        .map(|l| {
            let y: Option<i32> = l.name.parse().ok();
            l.points
                .iter()
                .filter_map(|(d, v)| {
                    let date = NaiveDate::from_yo_opt(y?, *d)?;
                    Some(((date.month(), date.day()), *v))
                })
                .collect()
        })
        .collect();
    let rows = (1..=366u32)
        .filter_map(|d| NaiveDate::from_yo_opt(year, d))
        .map(|date| {
            let key = (date.month(), date.day());
            let values = by_date.iter().map(|m| m.get(&key).copied()).collect();
            (date.to_string(), values)
        })
        .collect();
    Table { header, rows }
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
    let bars: Vec<Bar> = shown
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
            partial: r.partial,
        })
        .collect();
    let first = shown.first().copied();
    let last = shown.last().copied();
    let (Some(first), Some(last)) = (first, last) else {
        return Err(Error::usage("no months to draw", "try a wider --period"));
    };
    let last_day = day(&last.period.end);
    let partial_to = last_day
        .map(|d| d.format("%-d %B").to_string())
        .unwrap_or_default();
    let x_label = if last.partial {
        format!(
            "Month ({} to {}, against the same days a year earlier)",
            last.label,
            last_day
                .map(|d| d.format("%-d %b").to_string())
                .unwrap_or_default()
        )
    } else {
        "Month".to_string()
    };
    let what = metric_words(&last.metric);
    let unit = last.unit.as_str();
    let mut alt = format!(
        "Column chart of {what}{} by month from {} to {}, each month beside the same month a \
         year earlier.",
        whom(&last.country),
        first.label,
        last.label
    );
    let full = shown.iter().filter(|r| !r.partial);
    if let Some(high) = full.max_by(|a, b| a.value.total_cmp(&b.value)) {
        alt.push_str(&format!(
            " The highest full month was {} with {}",
            high.label,
            number(high.value, 0)
        ));
        alt.push_str(&match (&last.previous, last.partial) {
            (Some(p), true) => format!(
                "; {} to {partial_to} had {} in the same days a year earlier.",
                last.label,
                against(last.value, p.value, unit)
            ),
            (Some(p), false) => format!(
                "; {} had {} a year earlier.",
                last.label,
                against(last.value, p.value, unit)
            ),
            (None, _) => ".".to_string(),
        });
    }
    let mut notes = Vec::new();
    if last.partial {
        notes.push(format!(
            "{} is partial: to {partial_to}, against the same days a year earlier.",
            last.label
        ));
    }
    let table = Table {
        header: vec![
            "month".to_string(),
            metric_title(&last.metric),
            "Same month a year earlier".to_string(),
        ],
        rows: shown
            .iter()
            .map(|r| {
                (
                    r.period.span.start.to_string(),
                    vec![Some(r.value), r.previous.as_ref().map(|p| p.value)],
                )
            })
            .collect(),
    };
    drawable(Chart {
        title: format!(
            "{}{} by month, {} to {}",
            metric_title(&last.metric),
            whom(&last.country),
            first.label,
            last.label
        ),
        subtitle: format!(
            "{} ({unit}) in each calendar month, beside the same month a year earlier.{}",
            crate::report::capitalised(&what),
            label_sentence(dataset)
        ),
        y_label: metric_title(last.unit.as_str()),
        x_label,
        source: source_line(dataset, Some(&last.source)),
        alt,
        notes,
        table,
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
    let what = metric_words(&first.metric);
    let unit = first.unit.as_str();
    let period = &first.current.period.label;
    // "in 2023", "in the year ending June 2023".
    let in_period = crate::render::wording::period(&first.current.period.span);
    let rate = !matches!(
        first.unit,
        crate::domain::Unit::People | crate::domain::Unit::Boats
    );
    let total = first
        .total
        .filter(|_| rows.iter().any(|r| r.share_pct.is_some()));
    // What a share is of, said where it is shown.
    let share_of = total.map(|t| format!("all {} {what}", number(t, 0)));
    // Written as beside the bars: the decimals the values shown need.
    let values: Vec<f64> = rows.iter().map(|r| r.current.value).collect();
    let decimals = crate::render::chart::value_decimals(&values);
    let shown = |r: &TopRow| {
        let v = crate::render::chart::value(r.current.value, decimals);
        if rate { format!("{v}%") } else { v }
    };
    let mut alt = format!(
        "Bar chart of {what} by nationality, {period}, {}.",
        if rows.len() == 1 {
            "one nationality".to_string()
        } else {
            format!("the top {} nationalities", rows.len())
        }
    );
    let most = if rate { "the highest" } else { "the most" };
    alt.push_str(&format!(" {} had {most}, {}", first.country, shown(first)));
    if let (Some(s), Some(of)) = (first.share_pct, &share_of) {
        alt.push_str(&format!(" ({}% of {of})", number(s, 1)));
    }
    if let Some(second) = rows.get(1) {
        alt.push_str(&format!(", then {} with {}", second.country, shown(second)));
        if let Some(s) = second.share_pct {
            alt.push_str(&format!(" ({}%)", number(s, 1)));
        }
    }
    alt.push('.');
    let mut header = vec!["nationality".to_string(), metric_title(&first.metric)];
    if total.is_some() {
        header.push("Share of the total (%)".to_string());
    }
    let table = Table {
        header,
        rows: rows
            .iter()
            .map(|r| {
                let mut values = vec![Some(r.current.value)];
                if total.is_some() {
                    values.push(r.share_pct);
                }
                (r.country.clone(), values)
            })
            .collect(),
    };
    drawable(Chart {
        title: format!(
            "{} by nationality, {}",
            metric_title(&first.metric),
            first.current.period.label
        ),
        subtitle: match &share_of {
            Some(of) => format!(
                "{} ({unit}) {in_period} by nationality, each with its share of {of}.{}",
                crate::report::capitalised(&what),
                label_sentence(dataset)
            ),
            None => format!(
                "{} ({unit}) {in_period} by nationality.{}",
                crate::report::capitalised(&what),
                label_sentence(dataset)
            ),
        },
        y_label: "Nationality".to_string(),
        // A rate has no share of a total (see `TopRow::share_pct`): the label says so only
        // where some row has one, and says what it is of.
        x_label: match &share_of {
            Some(of) => format!("{} (share of {of})", metric_title(unit)),
            None => metric_title(unit),
        },
        source: source_line(dataset, Some(&first.source)),
        alt,
        notes: Vec::new(),
        table,
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
