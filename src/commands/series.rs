//! `migstats series`: one row per bucket (day, week, month, quarter, year) of one metric and
//! country, with the same bucket a year earlier and the change; or ranked (`--rank`), one
//! calendar month across years (`--month`), or running year-to-date totals (`--cumulative`).
//! A terminal table adds each bucket's trend: a sparkline of the smaller buckets inside it.

use super::Outcome;
use super::select::{Selection, resolve_country, resolve_metric};
use crate::calc::Change;
use crate::calc::series::{self, Marks, Point, Standing, Trend};
use crate::domain::{Bucket, Figure, Qualifier, Unit};
use crate::error::{Error, Result};
use crate::loader::{Dataset, Provenance};
use crate::render::{Cell, Column, Grid, human};
use crate::report::Field;
use crate::report::{self as rows, PeriodOut, Rows};
use chrono::Datelike;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// What to show.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesArgs {
    pub by: Bucket,
    /// Running totals from 1 January, one column per year (day buckets).
    pub cumulative: bool,
    /// Complete buckets sorted by value, with their rank.
    pub rank: bool,
    /// Only this calendar month (1–12), across years (month buckets).
    pub month: Option<u32>,
}

/// The bucket a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SeriesPrevious {
    pub id: String,
    /// The days counted: the same bucket a year earlier (a week: 52 weeks before), or for a
    /// partial bucket the same days of it.
    pub period: PeriodOut,
    pub value: f64,
    pub qualifier: Qualifier,
}

/// One bucket.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SeriesRow {
    pub metric: String,
    pub country: String,
    pub unit: Unit,
    /// `day`, `week` (Monday to Sunday, as the Home Office's SB_02), `month`, `quarter`, `year`.
    pub bucket: Bucket,
    /// The whole bucket's name: "week ending 24 Aug 2025", "July 2025", "2025 Q3", "2025".
    pub label: String,
    /// The days counted (fewer than the bucket's when partial).
    pub period: PeriodOut,
    /// Cut by the first or last day of the data (or of `--period`): never a complete bucket.
    pub partial: bool,
    pub id: String,
    pub value: f64,
    /// `exact` for official counts; a stated figure keeps its wording ("more than" …).
    pub qualifier: Qualifier,
    /// The same bucket a year earlier; null when the data do not have it.
    pub previous: Option<SeriesPrevious>,
    /// Change on `previous`, with its range; null when there is none.
    pub change: Option<Change>,
    /// With `--rank`: 1 for the largest complete bucket; equal values share a rank.
    pub rank: Option<usize>,
    /// With `--cumulative`: the running total from 1 January to the bucket's last day.
    pub cumulative: Option<f64>,
    /// With `--cumulative`: the running total to the same day a year earlier.
    pub previous_cumulative: Option<f64>,
    /// With `--month`: how a complete bucket stands against the earlier ones, e.g. "lowest
    /// since August 2019" or "highest on record"; null when there is nothing to say.
    pub standing: Option<String>,
    pub source: String,
    /// The smaller buckets inside this one, for a terminal's sparkline (not in JSON or CSV).
    #[serde(skip)]
    #[schemars(skip)]
    pub trend: Option<Trend>,
}

pub fn run(dataset: &Dataset, selection: &Selection, args: &SeriesArgs) -> Result<Outcome> {
    let rows = rows(dataset, selection, args)?;
    Ok(rows::report("series", &dataset.provenance, rows).into())
}

/// The series' rows, as `run` reports them (and `chart` draws them).
pub fn rows(dataset: &Dataset, selection: &Selection, args: &SeriesArgs) -> Result<Vec<SeriesRow>> {
    // Defaults (small boat arrivals, all nationalities) are resolved like typed filters, so a
    // dataset without them says what it has.
    let metric = match &selection.metric {
        Some(m) => m.clone(),
        None => resolve_metric(
            dataset.figures.iter().map(|f| f.metric.as_str()),
            "small_boat_arrivals",
        )?,
    };
    let country = match &selection.country {
        Some(c) => c.clone(),
        None => resolve_country(
            dataset
                .figures
                .iter()
                .filter(|f| f.metric == metric)
                .map(|f| f.country.as_str()),
            "all",
        )?,
    };
    let own: Vec<Figure> = dataset
        .figures
        .iter()
        .filter(|f| f.metric == metric && f.country == country)
        .cloned()
        .collect();
    if args.cumulative
        && !matches!(
            own.first().map(|f| f.unit),
            Some(Unit::People | Unit::Boats)
        )
    {
        return Err(Error::usage(
            format!("--cumulative adds up counts; {metric} is not a count"),
            "use a count such as small_boat_arrivals or small_boats",
        ));
    }
    // Running totals need every day from 1 January, and the year before's, whatever the period.
    let within = if args.cumulative {
        None
    } else {
        selection.period
    };
    let mut points = series::series(&own, args.by, within);
    if args.cumulative {
        series::accumulate(&mut points);
        if let Some(p) = selection.period {
            points.retain(|x| p.covers(&x.current.period));
        }
    }
    if let Some(m) = args.month {
        points.retain(|p| p.current.period.start.month() == m);
        series::stand(&mut points);
    }
    if points.is_empty() {
        return Err(Error::usage(
            format!(
                "no {} buckets of {metric} for {country}{}",
                args.by.as_str(),
                selection
                    .period
                    .map(|p| format!(" in {}", p.label()))
                    .unwrap_or_default()
            ),
            "daily files give every bucket; detailed datasets give quarters and calendar years",
        ));
    }
    if args.rank {
        points = series::ranked(points);
    }
    // A running total is a day: nothing under it. A ranked bucket keeps its own trend.
    let marks = args
        .by
        .marks()
        .filter(|_| !args.cumulative && !dataset.marks.is_empty())
        .map(|size| Marks::new(&dataset.marks, size, &metric, &country));
    Ok(points
        .iter()
        .map(|p| SeriesRow {
            trend: marks.as_ref().and_then(|m| m.trend(p.current)),
            ..row(p, args.by)
        })
        .collect())
}

fn row(p: &Point<'_>, by: Bucket) -> SeriesRow {
    let f = p.current;
    SeriesRow {
        metric: f.metric.clone(),
        country: f.country.clone(),
        unit: f.unit,
        bucket: by,
        label: by.label(&f.period),
        period: (&f.period).into(),
        partial: p.partial,
        id: f.id.clone(),
        value: f.value,
        qualifier: f.qualifier,
        previous: p.previous.map(|q| SeriesPrevious {
            id: q.id.clone(),
            period: (&q.period).into(),
            value: q.value,
            qualifier: q.qualifier,
        }),
        change: p.change,
        rank: p.rank,
        cumulative: p.cumulative,
        previous_cumulative: p.previous_cumulative,
        standing: p.standing.map(|s| match s {
            Standing::HighestOnRecord => "highest on record".to_string(),
            Standing::LowestOnRecord => "lowest on record".to_string(),
            Standing::HighestSince(q) => format!("highest since {}", by.label(&q)),
            Standing::LowestSince(q) => format!("lowest since {}", by.label(&q)),
        }),
        source: f.source.clone(),
        trend: None,
    }
}

/// `1 Jan`, the day of the year a cumulative row stands for.
fn month_day(start: &str) -> Option<(u32, u32, String)> {
    let d: chrono::NaiveDate = start.parse().ok()?;
    Some((d.month(), d.day(), d.format("%-d %b").to_string()))
}

/// The running totals laid out one column per year, one row per day of the year.
fn cumulative_grid(rows: &[SeriesRow]) -> Grid {
    let mut years: Vec<String> = Vec::new();
    let mut days: BTreeMap<(u32, u32), (String, BTreeMap<String, f64>)> = BTreeMap::new();
    for r in rows {
        let (Some(c), Some((m, d, label))) = (r.cumulative, month_day(&r.period.start)) else {
            continue;
        };
        let year = r.period.start.get(..4).unwrap_or_default().to_string();
        if !years.contains(&year) {
            years.push(year.clone());
        }
        days.entry((m, d))
            .or_insert_with(|| (label, BTreeMap::new()))
            .1
            .insert(year, c);
    }
    let unit = rows.first().map_or(Unit::People, |r| r.unit);
    let mut columns = vec![Column::left("Day")];
    columns.extend(years.iter().map(|y| Column::right(y)));
    Grid {
        columns,
        rows: days
            .into_values()
            .map(|(label, values)| {
                let mut cells: Vec<Cell> = vec![label.into()];
                cells.extend(years.iter().map(|y| match values.get(y) {
                    Some(v) => human::amount(*v, unit).into(),
                    None => Cell::default(),
                }));
                cells
            })
            .collect(),
    }
}

impl Rows for SeriesRow {
    fn terminal(rows: &[Self]) -> (Grid, Vec<String>) {
        rows::with_trends(Self::human(rows), rows.iter().map(|r| r.trend.as_ref()))
    }

    fn human(rows: &[Self]) -> Grid {
        if rows.iter().any(|r| r.cumulative.is_some()) {
            return cumulative_grid(rows);
        }
        let ranked = rows.iter().any(|r| r.rank.is_some());
        let mut columns = Vec::new();
        if ranked {
            columns.push(Column::right("#"));
        }
        columns.extend([
            Column::left("Bucket"),
            Column::right("Value"),
            Column::right("Year before"),
            Column::right("Change"),
        ]);
        Grid {
            columns,
            rows: rows
                .iter()
                .map(|r| {
                    let mut cells: Vec<Cell> = Vec::new();
                    if ranked {
                        cells.push(r.rank.map(|k| k.to_string()).unwrap_or_default().into());
                    }
                    let mut bucket = r.label.clone();
                    if r.partial {
                        bucket.push_str(&format!("\npartial: {}", r.period.label));
                    }
                    if let Some(s) = &r.standing {
                        bucket.push_str(&format!("\n{s}"));
                    }
                    cells.push(bucket.into());
                    cells.push(human::stated(r.value, r.qualifier, r.unit).into());
                    cells.push(match &r.previous {
                        Some(p) => human::stated(p.value, p.qualifier, r.unit).into(),
                        None => Cell::default(),
                    });
                    cells.push(match &r.change {
                        Some(c) => rows::change_text(c, r.unit).into(),
                        None => Cell::default(),
                    });
                    cells
                })
                .collect(),
        }
    }

    /// One tidy row per bucket.
    fn fields() -> Vec<Field<Self>> {
        fn previous(r: &SeriesRow) -> Option<&SeriesPrevious> {
            r.previous.as_ref()
        }
        let mut fields = vec![
            Field::text("metric", |r: &Self| &r.metric),
            Field::text("country", |r: &Self| &r.country),
            Field::text("unit", |r: &Self| r.unit.as_str()),
            Field::text("bucket", |r: &Self| r.bucket.as_str()),
            Field::text("label", |r: &Self| &r.label),
            Field::date("period_start", |r: &Self| Some(r.period.span.start)),
            Field::date("period_end", |r: &Self| Some(r.period.span.end)),
            Field::boolean("partial", |r: &Self| r.partial),
            Field::text("id", |r: &Self| &r.id),
            Field::number("value", |r: &Self| Some(r.value)),
            Field::text("qualifier", |r: &Self| r.qualifier.as_str()),
            Field::text("previous_id", move |r: &Self| {
                previous(r).map_or("", |p| &p.id)
            }),
            Field::date("previous_start", move |r: &Self| {
                previous(r).map(|p| p.period.span.start)
            }),
            Field::date("previous_end", move |r: &Self| {
                previous(r).map(|p| p.period.span.end)
            }),
            Field::number("previous_value", move |r: &Self| {
                previous(r).map(|p| p.value)
            }),
        ];
        fields.extend(rows::change(|r: &Self| r.change.as_ref()));
        fields.extend([
            Field::number("rank", |r: &Self| r.rank.map(|k| k as f64)),
            Field::number("cumulative", |r: &Self| r.cumulative),
            Field::number("previous_cumulative", |r: &Self| r.previous_cumulative),
            Field::text("standing", |r: &Self| {
                r.standing.as_deref().unwrap_or_default()
            }),
            Field::text("source", |r: &Self| &r.source),
        ]);
        fields
    }

    fn notes(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(r) = rows.first() {
            notes.push(format!(
                "{} for {}, by {}.",
                r.metric.replace('_', " "),
                if r.country == "all" {
                    "all nationalities"
                } else {
                    r.country.as_str()
                },
                r.bucket.as_str()
            ));
            if r.bucket == Bucket::Week {
                notes.push("Weeks run Monday to Sunday, as in the Home Office's weekly sheet SB_02; the year before is the week 52 weeks earlier.".to_string());
            }
            if rows.iter().any(|r| r.partial) {
                notes.push("partial: cut by the first or last day of the data; compared only with the same days a year earlier.".to_string());
            }
            if rows.iter().any(|r| r.rank.is_some()) {
                notes.push(
                    "Ranked by value among complete buckets; partial ones are left out."
                        .to_string(),
                );
            }
            if rows.iter().any(|r| r.cumulative.is_some()) {
                notes.push("Running totals from 1 January to each day, one column per year (the same point last year is the row itself).".to_string());
            }
        }
        // The weekly sheet checked against the daily rows, where it was read.
        notes.extend(dataset.notes.iter().cloned());
        notes.push(rows::dataset_note(dataset));
        notes.extend(rows::source_notes(dataset));
        notes
    }
}
