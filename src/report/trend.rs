//! The Trend column of a terminal table: each row's sparkline after its Value, and the note
//! saying how to read the marks.

use crate::calc::series::Trend;
use crate::domain::Bucket;
use crate::render::sparkline::{MARKS, sparkline};
use crate::render::{Column, Grid};

/// `grid` with a `Trend` column after its `Value`: each row's sparkline, blank for a row
/// without one; and the note saying what a mark is. The grid as it was when no row has one.
pub fn with_trends<'a>(
    mut grid: Grid,
    trends: impl Iterator<Item = Option<&'a Trend>>,
) -> (Grid, Vec<String>) {
    let trends: Vec<Option<&Trend>> = trends.collect();
    let mut sizes: Vec<Bucket> = Vec::new();
    for t in trends.iter().flatten() {
        if !sizes.contains(&t.size) {
            sizes.push(t.size);
        }
    }
    if sizes.is_empty() {
        return (grid, Vec::new());
    }
    let at = grid
        .columns
        .iter()
        .position(|c| c.name == "Value")
        .map_or(grid.columns.len(), |i| i + 1);
    grid.columns.insert(at, Column::left(TREND));
    for (row, trend) in grid.rows.iter_mut().zip(&trends) {
        let text = trend.map(|t| sparkline(&t.values)).unwrap_or_default();
        row.insert(at.min(row.len()), text.into());
    }
    let each: Vec<&str> = sizes.iter().map(|s| s.as_str()).collect();
    let [lowest, .., highest] = MARKS;
    let mut note = format!(
        "{TREND}: one mark a {} of the row's period",
        each.join(" or ")
    );
    // A day is never cut, and its count is its own daily average.
    if sizes.iter().any(|s| *s != Bucket::Day) {
        note.push_str(&format!(
            ", the first and last cut to it; a count is shown as its daily average, so short and cut {}s compare fairly",
            each.join(" and ")
        ));
    }
    note.push_str(&format!(
        "; {lowest} is none and {highest} the row's highest"
    ));
    if trends.iter().flatten().any(|t| t.values.contains(&None)) {
        note.push_str("; a blank: no figure for that one (no counts, or no boats to divide by)");
    }
    note.push('.');
    (grid, vec![note])
}

/// The header of the sparkline column.
const TREND: &str = "Trend";
