//! `migstats summary`: each metric and country at its latest period (or the period asked for),
//! against the year before; on a terminal, with the months of each period from a daily series
//! as a sparkline.

use super::Outcome;
use super::select::Selection;
use crate::calc;
use crate::calc::series::Marks;
use crate::domain::Bucket;
use crate::error::Result;
use crate::loader::Dataset;
use crate::report as rows;
use crate::report::yoy::{YoyRow, row};
use std::collections::HashMap;

pub fn run(dataset: &Dataset, selection: &Selection) -> Result<Outcome> {
    let analyses = calc::analyse(&dataset.figures);
    let shown: Vec<&calc::YearOnYear<'_>> = match selection.period {
        None => calc::latest_per_series(&analyses),
        Some(_) => {
            selection.require_period(dataset.figures.iter().map(|f| &f.period))?;
            analyses
                .iter()
                .filter(|a| selection.in_period(&a.current.period))
                .collect()
        }
    };
    // One series' marks serve all its rows (year to date, 12 months, years).
    let mut marks: HashMap<(&str, &str), Marks> = HashMap::new();
    let mut rows: Vec<YoyRow> = shown
        .into_iter()
        .map(|a| {
            let f = a.current;
            let trend = (!dataset.marks.is_empty())
                .then(|| {
                    marks
                        .entry((f.metric.as_str(), f.country.as_str()))
                        .or_insert_with(|| {
                            Marks::new(&dataset.marks, Bucket::Month, &f.metric, &f.country)
                        })
                        .trend(f)
                })
                .flatten();
            YoyRow { trend, ..row(a) }
        })
        .collect();
    // Each figure's rows together, in the order they first appear; within a figure the year to
    // date first, then the last 12 months, then calendar years.
    let mut series: Vec<(String, String)> = Vec::new();
    for r in &rows {
        if !series
            .iter()
            .any(|(m, c)| *m == r.metric && *c == r.country)
        {
            series.push((r.metric.clone(), r.country.clone()));
        }
    }
    rows.sort_by_key(|r| {
        let first = series
            .iter()
            .position(|(m, c)| *m == r.metric && *c == r.country);
        (first, r.current.period.kind())
    });
    let notes = rows::disagreement_notes(&dataset.figures);
    Ok(rows::report_with_notes("summary", &dataset.provenance, rows, notes).into())
}
