//! `migstats revisions OLD NEW`: two releases of the Home Office small boats time series
//! compared: every day whose counts changed, the days added (or dropped), and each calendar
//! year's totals before and after.

use super::Outcome;
use crate::calc::revisions::{self, Day, Span};
use crate::domain::Period;
use crate::error::{Error, Location, Problem, Result};
use crate::loader::limits::Limits;
use crate::loader::{Provenance, SourceRef, small_boats};
use crate::render::{Cell, Column, Grid, Tone, human};
use crate::report::Field;
use crate::report::{self as rows, PeriodOut, Rows};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::path::Path;

/// What a row reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RevisionKind {
    /// A day both releases have, with different counts.
    Revised,
    /// Consecutive days only the new release has.
    Added,
    /// Consecutive days only the old release has.
    Removed,
    /// A calendar year's totals in each release (over the days each has).
    Year,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RevisionRow {
    pub kind: RevisionKind,
    pub period: PeriodOut,
    /// Days of the period in the old / new release.
    pub days_before: u64,
    pub days_after: u64,
    /// People arrived: sum over the period in the old / new release (null: no day there).
    pub people_before: Option<u64>,
    pub people_after: Option<u64>,
    /// after − before, where both exist.
    pub people_difference: Option<i64>,
    pub boats_before: Option<u64>,
    pub boats_after: Option<u64>,
    pub boats_difference: Option<i64>,
}

/// Reads both files as the daily series and compares them.
pub fn run(old: &Path, new: &Path, limits: &Limits) -> Result<Outcome> {
    let old_series = small_boats::read_series(old, limits)?;
    let new_series = small_boats::read_series(new, limits)?;
    let days = |s: &small_boats::DailySeries| -> Vec<Day> {
        s.day_counts()
            .map(|(date, people, boats)| Day {
                date,
                people,
                boats,
            })
            .collect()
    };
    let (old_days, new_days) = (days(&old_series), days(&new_series));
    let c = revisions::compare(&old_days, &new_days);
    let mut out = Vec::new();
    for r in &c.revised {
        let period = day_period(r.old.date, old)?;
        out.push(row(
            RevisionKind::Revised,
            &period,
            (1, r.old.people, r.old.boats),
            (1, r.new.people, r.new.boats),
        ));
    }
    for (kind, spans) in [
        (RevisionKind::Added, &c.added),
        (RevisionKind::Removed, &c.removed),
    ] {
        for s in spans {
            let period = span_period(s, old)?;
            let (before, after) = if kind == RevisionKind::Added {
                ((0, None, None), (s.days, Some(s.people), Some(s.boats)))
            } else {
                ((s.days, Some(s.people), Some(s.boats)), (0, None, None))
            };
            out.push(row(kind, &period, before, after));
        }
    }
    for y in &c.years {
        let Some(period) = Period::calendar_year(y.year) else {
            continue;
        };
        let side = |s: Option<Span>| {
            s.map_or((0, None, None), |s| (s.days, Some(s.people), Some(s.boats)))
        };
        out.push(row(RevisionKind::Year, &period, side(y.old), side(y.new)));
    }
    let label = |s: &small_boats::DailySeries| match (s.first_date(), s.last_date()) {
        (Some(a), Some(b)) => format!("{} (days {a} to {b})", s.label),
        _ => s.label.clone(),
    };
    let provenance = Provenance {
        name: "releases-compared".to_string(),
        title: format!(
            "Old release {}; new release {}; {}",
            label(&old_series),
            label(&new_series),
            match c.common {
                Some((a, b)) => format!("both cover {a} to {b}"),
                None => "they have no day in common".to_string(),
            }
        ),
        version: None,
        licence: None,
        sources: vec![SourceRef {
            title: small_boats::SOURCE.to_string(),
            ..Default::default()
        }],
        files: vec![old.display().to_string(), new.display().to_string()],
        ..Default::default()
    };
    Ok(rows::report("revisions", &provenance, out).into())
}

fn day_period(date: NaiveDate, file: &Path) -> Result<Period> {
    Period::new(date, date).ok_or_else(|| bad_period(file))
}

fn span_period(s: &Span, file: &Path) -> Result<Period> {
    Period::new(s.first, s.last).ok_or_else(|| bad_period(file))
}

fn bad_period(file: &Path) -> Error {
    Error::invalid(Problem::new(
        Location::file(file.display().to_string()),
        "days out of order",
        "expected one row per day in date order",
    ))
}

type Side = (u64, Option<u64>, Option<u64>);

fn row(kind: RevisionKind, period: &Period, before: Side, after: Side) -> RevisionRow {
    let diff = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => i64::try_from(b).ok()?.checked_sub(i64::try_from(a).ok()?),
        _ => None,
    };
    RevisionRow {
        kind,
        period: period.into(),
        days_before: before.0,
        days_after: after.0,
        people_before: before.1,
        people_after: after.1,
        people_difference: diff(before.1, after.1),
        boats_before: before.2,
        boats_after: after.2,
        boats_difference: diff(before.2, after.2),
    }
}

fn count(v: Option<u64>) -> Cell {
    v.map(|v| human::grouped(v as f64, 0))
        .unwrap_or_default()
        .into()
}

fn difference(v: Option<i64>) -> Cell {
    match v {
        Some(0) => Cell::toned("0", Tone::Muted),
        Some(d) if d > 0 => Cell::toned(format!("+{}", human::grouped(d as f64, 0)), Tone::Bad),
        Some(d) => Cell::toned(
            format!("−{}", human::grouped(d.unsigned_abs() as f64, 0)),
            Tone::Bad,
        ),
        None => Cell::default(),
    }
}

impl Rows for RevisionRow {
    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::left("Days"),
                Column::right("People before"),
                Column::right("after"),
                Column::right("change"),
                Column::right("Boats before"),
                Column::right("after"),
                Column::right("change"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    let days = if r.days_before == r.days_after || r.days_before == 0 {
                        format!("{} days", r.days_after)
                    } else if r.days_after == 0 {
                        format!("{} days", r.days_before)
                    } else {
                        format!("{} → {} days", r.days_before, r.days_after)
                    };
                    let what = match r.kind {
                        RevisionKind::Revised => format!("revised {}", r.period.label),
                        RevisionKind::Added => format!("added {} ({days})", r.period.label),
                        RevisionKind::Removed => format!("dropped {} ({days})", r.period.label),
                        RevisionKind::Year => format!("{} ({days})", r.period.label),
                    };
                    vec![
                        what.into(),
                        count(r.people_before),
                        count(r.people_after),
                        difference(r.people_difference),
                        count(r.boats_before),
                        count(r.boats_after),
                        difference(r.boats_difference),
                    ]
                })
                .collect(),
        }
    }

    fn fields() -> Vec<Field<Self>> {
        let count = |v: Option<u64>| v.map(|v| v as f64);
        let difference = |v: Option<i64>| v.map(|v| v as f64);
        vec![
            Field::new("kind", |r: &Self, s| s.text(&rows::serde_plain(r.kind))),
            Field::date("period_start", |r: &Self| Some(r.period.span.start)),
            Field::date("period_end", |r: &Self| Some(r.period.span.end)),
            Field::text("period_label", |r: &Self| &r.period.label),
            Field::number("days_before", |r: &Self| Some(r.days_before as f64)),
            Field::number("days_after", |r: &Self| Some(r.days_after as f64)),
            Field::number("people_before", move |r: &Self| count(r.people_before)),
            Field::number("people_after", move |r: &Self| count(r.people_after)),
            Field::number("people_difference", move |r: &Self| {
                difference(r.people_difference)
            }),
            Field::number("boats_before", move |r: &Self| count(r.boats_before)),
            Field::number("boats_after", move |r: &Self| count(r.boats_after)),
            Field::number("boats_difference", move |r: &Self| {
                difference(r.boats_difference)
            }),
        ]
    }

    fn notes(rows: &[Self], d: &Provenance) -> Vec<String> {
        let revised = rows
            .iter()
            .filter(|r| r.kind == RevisionKind::Revised)
            .count();
        let mut notes = vec![d.title.clone()];
        notes.push(if revised == 0 {
            "No day both releases cover was revised.".to_string()
        } else {
            format!("{revised} days both releases cover were revised.")
        });
        notes.push(
            "Year totals are over the days each release has; a year the old release had only in part grows by the days added."
                .to_string(),
        );
        notes
    }
}
