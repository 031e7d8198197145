//! `migstats summary`: each metric and country at its latest period, against the year before.

use super::Outcome;
use super::rows;
use super::yoy_rows::{YoyRow, row};
use crate::calc;
use crate::error::Result;
use crate::loader::Dataset;

pub fn run(dataset: &Dataset) -> Result<Outcome> {
    let analyses = calc::analyse(&dataset.figures);
    let rows: Vec<YoyRow> = calc::latest_per_series(&analyses)
        .into_iter()
        .map(row)
        .collect();
    let notes = rows::disagreement_notes(&dataset.figures);
    Ok(rows::report_with_notes("summary", &dataset.provenance, rows, notes).into())
}
