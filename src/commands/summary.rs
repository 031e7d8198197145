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
    let rows: Vec<YoyRow> = shown
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
    let first = first_appearance(&rows, |r| (r.metric.as_str(), r.country.as_str()));
    let mut keyed: Vec<((usize, _), YoyRow)> = rows
        .into_iter()
        .zip(first)
        .map(|(r, at)| ((at, r.current.period.kind()), r))
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    let rows: Vec<YoyRow> = keyed.into_iter().map(|(_, r)| r).collect();
    let notes = rows::disagreement_notes(&dataset.figures);
    Ok(rows::report_with_notes("summary", &dataset.provenance, rows, notes).into())
}

/// For each item, the rank of its key's first appearance: one map look-up per item, so a
/// dataset of many series costs time in proportion (a linear search per row was quadratic).
fn first_appearance<'a, T, K: std::hash::Hash + Eq>(
    items: &'a [T],
    mut key: impl FnMut(&'a T) -> K,
) -> Vec<usize> {
    let mut seen: HashMap<K, usize> = HashMap::new();
    items
        .iter()
        .map(|item| {
            let next = seen.len();
            *seen.entry(key(item)).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_costs_one_key_and_the_first_appearance_orders() {
        let keys = ["b", "a", "b", "c", "a"];
        assert_eq!(first_appearance(&keys, |k| *k), [0, 1, 0, 2, 1]);
        // 200,000 series, each key asked for once: linear however many series there are.
        let many: Vec<u32> = (0..200_000).collect();
        let mut calls = 0;
        let ranks = first_appearance(&many, |k| {
            calls += 1;
            *k
        });
        assert_eq!(calls, many.len());
        assert_eq!(ranks.last(), Some(&199_999));
    }
}
