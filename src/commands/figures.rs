//! `migstats figures`: every figure, optionally filtered. Its CSV is exactly the figures schema
//! (SPEC §1), so an export reads back in with `--data`.

use super::Outcome;
use super::rows::{self, PeriodOut, Rows, StatedOut, raw, raw_opt};
use crate::domain::{Figure, Qualifier, Range, Unit};
use crate::error::Result;
use crate::loader::figures_csv::COLUMNS;
use crate::loader::{Dataset, Provenance};
use crate::render::{Cell, Column, Grid, human, prose};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// Which figures to show. Every filter given must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub metric: Option<String>,
    /// Compared case-insensitively.
    pub country: Option<String>,
    /// Periods starting on or after this day.
    pub since: Option<NaiveDate>,
    /// Periods ending on or before this day.
    pub until: Option<NaiveDate>,
}

impl Filter {
    pub fn accepts(&self, f: &Figure) -> bool {
        self.metric.as_ref().is_none_or(|m| *m == f.metric)
            && self
                .country
                .as_ref()
                .is_none_or(|c| c.eq_ignore_ascii_case(&f.country))
            && self.since.is_none_or(|d| f.period.start >= d)
            && self.until.is_none_or(|d| f.period.end <= d)
    }
}

/// One figure, every column of the figures schema plus its label and stated range.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FigureRow {
    pub id: String,
    pub metric: String,
    pub country: String,
    pub period: PeriodOut,
    pub value: f64,
    pub unit: Unit,
    pub qualifier: Qualifier,
    /// The step the stated value was rounded to; 0 = not rounded (an exact count, or a rate
    /// computed from exact counts), whose range is the value itself.
    pub rounded_to: f64,
    /// Values consistent with the wording (SPEC §1); low = high = value when not rounded.
    pub range: Range,
    pub stated_yoy_pct: Option<f64>,
    pub source: String,
    pub note: Option<String>,
}

impl FigureRow {
    fn stated(&self) -> StatedOut {
        StatedOut {
            id: self.id.clone(),
            period: self.period.clone(),
            value: self.value,
            qualifier: self.qualifier,
            rounded_to: self.rounded_to,
            range: self.range,
        }
    }
}

impl From<&Figure> for FigureRow {
    fn from(f: &Figure) -> Self {
        FigureRow {
            id: f.id.clone(),
            metric: f.metric.clone(),
            country: f.country.clone(),
            period: (&f.period).into(),
            value: f.value,
            unit: f.unit,
            qualifier: f.qualifier,
            rounded_to: f.rounded_to,
            range: f.stated_range(),
            stated_yoy_pct: f.stated_yoy_pct,
            source: f.source.clone(),
            note: f.note.clone(),
        }
    }
}

pub fn run(dataset: &Dataset, filter: &Filter) -> Result<Outcome> {
    let rows: Vec<FigureRow> = dataset
        .figures
        .iter()
        .filter(|f| filter.accepts(f))
        .map(FigureRow::from)
        .collect();
    Ok(rows::report("figures", &dataset.provenance, rows).into())
}

/// `~18,000` over `17,500 to 18,500`; an exact figure that was not rounded is a point and shows
/// no range.
fn value_and_range(r: &FigureRow) -> String {
    let value = human::stated(r.value, r.qualifier, r.unit);
    if r.range.low == r.range.high {
        value
    } else {
        format!("{value}\n{}", human::range(&r.range, r.unit))
    }
}

impl Rows for FigureRow {
    fn sentences(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let s = rows::figure_sentence(&r.metric, &r.country, &r.stated(), r.unit);
                format!(
                    "{s}. {}",
                    prose::source(&r.source, dataset.licence.as_deref())
                )
            })
            .collect()
    }

    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::left("Figure"),
                Column::left("Period"),
                Column::right("Value (range)"),
                Column::right("Stated change"),
                Column::left("Source"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        format!("{}\n{}", r.id, rows::series_label(&r.metric, &r.country)).into(),
                        r.period.label.clone().into(),
                        value_and_range(r).into(),
                        r.stated_yoy_pct
                            .map(|p| human::stated_change(p, r.unit))
                            .unwrap_or_default()
                            .into(),
                        r.source.clone().into(),
                    ]
                })
                .collect(),
        }
    }

    /// Exactly the figures schema, in its column order.
    fn flat(rows: &[Self]) -> Grid {
        Grid {
            columns: rows::columns(&COLUMNS),
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone().into(),
                        r.metric.clone().into(),
                        r.country.clone().into(),
                        r.period.start_cell(),
                        r.period.end_cell(),
                        raw(r.value),
                        r.unit.as_str().into(),
                        r.qualifier.as_str().into(),
                        raw(r.rounded_to),
                        raw_opt(r.stated_yoy_pct),
                        r.source.clone().into(),
                        r.note.clone().map(Cell::from).unwrap_or_default(),
                    ]
                })
                .collect(),
        }
    }
}
