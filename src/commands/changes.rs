//! `migstats changes`: every year-on-year comparison in the dataset, pairs of figures first
//! class, implied previous values marked as such.

use super::Outcome;
use super::select::Selection;
use crate::calc;
use crate::error::Result;
use crate::loader::Dataset;
use crate::report as rows;
use crate::report::yoy::{YoyRow, row};

pub fn run(dataset: &Dataset, selection: &Selection) -> Result<Outcome> {
    selection.require_period(dataset.figures.iter().map(|f| &f.period))?;
    let analyses = calc::analyse(&dataset.figures);
    let rows: Vec<YoyRow> = analyses
        .iter()
        .filter(|a| a.change.is_some() && selection.in_period(&a.current.period))
        .map(row)
        .collect();
    Ok(rows::report("changes", &dataset.provenance, rows).into())
}
