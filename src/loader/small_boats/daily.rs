//! The daily rows of `SB_01`, read as they come from a sheet or a CSV: the header within the
//! first rows, then one day a row, every bad cell a problem with its place.

use super::{
    BOATS, DailySeries, Day, HEADER_CELLS_SHOWN, HEADER_SEARCH, MAX_PROBLEMS, NOTES, PEOPLE,
    REQUIRED,
};
use crate::domain::text::{self, TextKind};
use crate::error::{Error, Location, Problem, Problems, Result};
use crate::loader::workbook;
use crate::sanitize;
use calamine::Data;

#[derive(Debug, Clone, Copy)]
struct Columns {
    date: usize,
    people: usize,
    boats: usize,
    notes: Option<usize>,
    line: u64,
}

/// Reads daily rows as they come: the header within the first rows, then one day a row.
/// Every problem (up to a limit) is reported with its cell.
pub(super) struct Daily {
    label: String,
    what: String,
    /// Date, people, boats and (optional) notes columns, and the header's line.
    header: Option<Columns>,
    /// Rows looked at for the header, and the first non-empty one, for the message.
    looked: usize,
    first: Option<(u64, String)>,
    problems: Problems,
    days: Vec<Day>,
}

impl Daily {
    pub(super) fn new(label: String, what: String) -> Daily {
        Daily {
            problems: Problems::new(label.as_str(), MAX_PROBLEMS),
            label,
            what,
            header: None,
            looked: 0,
            first: None,
            days: Vec::new(),
        }
    }

    fn at(&self, line: u64, col: Option<usize>) -> Location {
        Location::at(self.label.clone(), line, col.map(|c| c as u64 + 1))
    }

    /// One row (`line` is the sheet's row or the CSV's line); Ok(false) to stop reading.
    pub(super) fn row(&mut self, line: u64, row: &[Data]) -> Result<bool> {
        let blank = row.iter().all(|c| workbook::text(c).trim().is_empty());
        let Some(columns) = self.header else {
            self.looked += 1;
            if let Some(h) = workbook::find_header(std::iter::once(row), &REQUIRED, &[NOTES], 1) {
                let col = |i: usize| h.columns.get(i).copied().flatten();
                self.header = Some(Columns {
                    date: col(0).unwrap_or(0),
                    people: col(1).unwrap_or(0),
                    boats: col(2).unwrap_or(0),
                    notes: col(3),
                    line,
                });
                return Ok(true);
            }
            if self.first.is_none() && !blank {
                let shown: Vec<String> = row
                    .iter()
                    .take(HEADER_CELLS_SHOWN)
                    .map(|c| format!("'{}'", sanitize::echo(workbook::text(c).trim())))
                    .collect();
                self.first = Some((line, shown.join(" | ")));
            }
            return Ok(self.looked < HEADER_SEARCH);
        };
        if blank {
            return Ok(true);
        }
        let (date_col, people_col, boats_col) = (columns.date, columns.people, columns.boats);
        let cell = |c: usize| row.get(c).unwrap_or(&Data::Empty);
        let Some(date) = workbook::date(cell(date_col)) else {
            let text = sanitize::echo(workbook::text(cell(date_col)).trim());
            let at = self.at(line, Some(date_col));
            return Ok(self.problems.push(Problem::new(
                at,
                format!("'{text}' is not a date"),
                "the Date column holds one day per row, e.g. 2025-08-15",
            )));
        };
        let mut bad = Vec::new();
        let mut read = |c: usize, name: &str| match count(cell(c)) {
            Ok(v) => v,
            Err(text) => {
                bad.push((
                    c,
                    format!("{name} '{}' is not a whole number", sanitize::echo(&text)),
                    "counts are whole numbers; '-' marks a day with no figure",
                ));
                None
            }
        };
        let people = read(people_col, PEOPLE);
        let boats = read(boats_col, BOATS);
        if let Some(c) = columns.notes {
            let note = workbook::text(cell(c));
            let note = note.trim();
            if !matches!(note, "" | "-" | "–" | "—")
                && let Err(refusal) = text::check(NOTES, TextKind::Note, note)
            {
                bad.push((c, refusal.what, refusal.hint));
            }
        }
        for (c, what, hint) in bad {
            let at = self.at(line, Some(c));
            if !self.problems.push(Problem::new(at, what, hint)) {
                return Ok(false);
            }
        }
        if let Some(prev) = self.days.last()
            && prev.date >= date
        {
            let what = format!(
                "date {date} does not follow {} on line {}",
                prev.date, prev.line
            );
            let at = self.at(line, Some(date_col));
            return Ok(self.problems.push(Problem::new(
                at,
                what,
                "the series has one row per day, in date order",
            )));
        }
        self.days.push(Day {
            date,
            people,
            boats,
            line,
        });
        Ok(true)
    }

    /// Whether the header was found (a CSV without one is some other table).
    pub(super) fn has_header(&self) -> bool {
        self.header.is_some()
    }

    pub(super) fn finish(mut self) -> Result<DailySeries> {
        let Some(Columns {
            line: header_line, ..
        }) = self.header
        else {
            let found = match &self.first {
                Some((_, row)) => format!("its first row reads {row}"),
                None => "its first rows are empty".to_string(),
            };
            let line = self.first.as_ref().map_or(1, |(l, _)| *l);
            return Err(Error::invalid(Problem::new(
                self.at(line, None),
                format!(
                    "{} has no header naming '{}'; {found}",
                    self.what,
                    REQUIRED.join("', '")
                ),
                "expected the Home Office small boats time series, sheet SB_01, header in row 1",
            )));
        };
        if self.problems.is_empty() && self.days.is_empty() {
            let at = self.at(header_line, None);
            let what = format!("{} has a header but no daily rows", self.what);
            self.problems.push(Problem::new(
                at,
                what,
                "expected one row per day below the header",
            ));
        }
        self.problems.into_result()?;
        Ok(DailySeries {
            label: self.label,
            days: self.days,
        })
    }
}

/// A count cell: Ok(None) for "not available" (`-`, a dash, or blank), Err(text) for anything
/// that is not a whole number ≥ 0.
pub(super) fn count(cell: &Data) -> std::result::Result<Option<u64>, String> {
    let text = workbook::text(cell);
    let t = text.trim();
    if matches!(t, "" | "-" | "–" | "—") {
        return Ok(None);
    }
    match workbook::number(cell) {
        Some(v) if v >= 0.0 && v.fract() == 0.0 && v < 1e15 => Ok(Some(v as u64)),
        _ => Err(t.to_string()),
    }
}
