//! `migstats figures`: every figure, optionally filtered. Its CSV is exactly the figures schema
//! (docs/formats-and-json.md, "The figures schema"), so an export reads back in with `--data`.

use super::Outcome;
use crate::domain::{Figure, Period, Qualifier, Range, Unit};
use crate::error::{Error, Result};
use crate::loader::figures_csv::RATE_COLUMNS;
use crate::loader::{Dataset, Provenance};
use crate::render::{Column, Grid, human, wording};
use crate::report::Field;
use crate::report::{self as rows, PeriodOut, RateBaseOut, Rows, StatedOut};
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
    /// Only this period and the same span a year earlier (what a comparison would use).
    pub period: Option<Period>,
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
            && self
                .period
                .is_none_or(|p| f.period == p || p.year_before() == Some(f.period))
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
    /// Values consistent with the wording (docs/methodology.md, "Stated ranges"); low = high =
    /// value when not rounded.
    pub range: Range,
    pub stated_yoy_pct: Option<f64>,
    pub source: String,
    pub note: Option<String>,
    /// The counts a rate is computed from; absent for counts and for rates stated without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_base: Option<RateBaseOut>,
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
            rate_base: self.rate_base,
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
            rate_base: f.rate_base.as_ref().map(RateBaseOut::from),
        }
    }
}

pub fn run(dataset: &Dataset, filter: &Filter) -> Result<Outcome> {
    if let Some(p) = filter.period
        && !dataset
            .figures
            .iter()
            .any(|f| f.period == p && filter.accepts(f))
    {
        let periods = dataset.figures.iter().map(|f| f.period).collect();
        return Err(super::select::no_period(&p, &periods));
    }
    let rows: Vec<FigureRow> = dataset
        .figures
        .iter()
        .filter(|f| filter.accepts(f))
        .map(FigureRow::from)
        .collect();
    // An empty table reads as "no data"; say what the dates would have to be instead.
    if rows.is_empty() && (filter.since.is_some() || filter.until.is_some()) {
        let first = dataset.figures.iter().map(|f| f.period.start).min();
        let last = dataset.figures.iter().map(|f| f.period.end).max();
        return Err(Error::usage(
            format!(
                "no figures {}",
                match (filter.since, filter.until) {
                    (Some(s), Some(u)) => format!("from {s} to {u}"),
                    (Some(s), None) => format!("starting on or after {s}"),
                    (None, u) => format!("ending on or before {}", u.unwrap_or_default()),
                }
            ),
            match (first, last) {
                (Some(a), Some(b)) => format!(
                    "the figures' periods run from {a} to {b}; --since and --until keep whole periods inside the dates"
                ),
                _ => "the dataset has no figures".to_string(),
            },
        ));
    }
    let notes = rows::disagreement_notes(&dataset.figures);
    Ok(rows::report_with_notes("figures", &dataset.provenance, rows, notes).into())
}

/// `~18,000` over `17,500 to 18,500`; an exact figure that was not rounded is a point and shows
/// no range. A rate shows its counts: `18.2% (2 of 11)`.
fn value_and_range(r: &FigureRow) -> String {
    let value = rows::value_text(r.value, r.qualifier, r.unit, r.rate_base.as_ref());
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
                    wording::source(&r.source, rows::licence(dataset).as_deref())
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
                        format!(
                            "{}\n{}",
                            r.id,
                            rows::figure_label(&r.id, &r.metric, &r.country, r.rate_base.as_ref())
                        )
                        .into(),
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

    fn notes(_rows: &[Self], dataset: &Provenance) -> Vec<String> {
        let mut notes = vec![rows::dataset_note(dataset)];
        notes.extend(rows::source_notes(dataset));
        notes
    }

    /// Exactly the figures schema, in its column order.
    fn fields() -> Vec<Field<Self>> {
        let mut fields = vec![
            Field::text("id", |r: &Self| &r.id),
            Field::text("metric", |r: &Self| &r.metric),
            Field::text("country", |r: &Self| &r.country),
            Field::date("period_start", |r: &Self| Some(r.period.span.start)),
            Field::date("period_end", |r: &Self| Some(r.period.span.end)),
            Field::number("value", |r: &Self| Some(r.value)),
            Field::text("unit", |r: &Self| r.unit.as_str()),
            Field::text("qualifier", |r: &Self| r.qualifier.as_str()),
            Field::number("rounded_to", |r: &Self| Some(r.rounded_to)),
            Field::number("stated_yoy_pct", |r: &Self| r.stated_yoy_pct),
            Field::text("source", |r: &Self| &r.source),
            Field::text("note", |r: &Self| r.note.as_deref().unwrap_or_default()),
        ];
        // The schema's rate columns are the first of the report's; the share decided is
        // derived, not stored.
        fields.extend(
            rows::rate_base(|r: &Self| r.rate_base.as_ref())
                .into_iter()
                .take(RATE_COLUMNS.len()),
        );
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_header_is_the_figures_schema_the_loader_reads() {
        let written = rows::names(&FigureRow::fields());
        let read: Vec<&str> = crate::loader::figures_csv::all_columns().collect();
        assert_eq!(written, read);
    }
}
