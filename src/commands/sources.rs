//! `migstats sources`: provenance of the dataset, and each figure's source and note.

use super::Outcome;
use crate::error::Result;
use crate::loader::{Dataset, Provenance};
use crate::render::{Column, Grid};
use crate::report::Field;
use crate::report::{self as rows, PeriodOut, Rows};
use schemars::JsonSchema;
use serde::Serialize;

/// Where one figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SourceRow {
    pub id: String,
    pub metric: String,
    pub country: String,
    pub period: PeriodOut,
    /// Publisher of the figure.
    pub source: String,
    pub note: Option<String>,
    /// File and line the figure was read from.
    pub file: String,
    pub line: u64,
    /// How to cite the official file the figure was read from (publisher, table, file,
    /// licence, release); absent for figures from a figures file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

pub fn run(dataset: &Dataset) -> Result<Outcome> {
    let rows: Vec<SourceRow> = dataset
        .figures
        .iter()
        .map(|f| SourceRow {
            id: f.id.clone(),
            metric: f.metric.clone(),
            country: f.country.clone(),
            period: (&f.period).into(),
            source: f.source.clone(),
            note: f.note.clone(),
            file: f.origin.file.clone(),
            line: f.origin.line,
            citation: rows::citation_of(&dataset.provenance, &f.origin.file).map(String::from),
        })
        .collect();
    Ok(rows::report("sources", &dataset.provenance, rows).into())
}

impl Rows for SourceRow {
    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::left("Figure"),
                Column::left("Source"),
                Column::left("Note"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        format!("{}\n{}", r.id, r.period.label).into(),
                        r.citation
                            .clone()
                            .unwrap_or_else(|| r.source.clone())
                            .into(),
                        r.note.clone().unwrap_or_default().into(),
                    ]
                })
                .collect(),
        }
    }

    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::text("id", |r: &Self| &r.id),
            Field::text("metric", |r: &Self| &r.metric),
            Field::text("country", |r: &Self| &r.country),
            Field::date("period_start", |r: &Self| Some(r.period.span.start)),
            Field::date("period_end", |r: &Self| Some(r.period.span.end)),
            Field::text("period_label", |r: &Self| &r.period.label),
            Field::text("source", |r: &Self| &r.source),
            Field::text("note", |r: &Self| r.note.as_deref().unwrap_or_default()),
            Field::text("file", |r: &Self| &r.file),
            Field::number("line", |r: &Self| Some(r.line as f64)),
            Field::text("citation", |r: &Self| {
                r.citation.as_deref().unwrap_or_default()
            }),
        ]
    }

    fn notes(_rows: &[Self], d: &Provenance) -> Vec<String> {
        let mut notes = vec![rows::dataset_note(d), format!("Name: {}", d.name)];
        if let Some(l) = &d.licence {
            notes.push(format!("Licence: {l}"));
        }
        for s in &d.sources {
            match &s.path {
                Some(p) => notes.push(format!("Source: {} <{p}>", s.title)),
                None => notes.push(format!("Source: {}", s.title)),
            }
        }
        notes
    }
}
