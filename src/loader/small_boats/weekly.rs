//! The weekly sheet `SB_02` of the small boats time series: `Week ending | Migrants arrived |
//! Boats arrived | Boats arrived - involved in uncontrolled landings | Migrants prevented |
//! Events prevented | Notes`, one row per week (Monday to Sunday, named by its Sunday), `-`
//! where a figure was not collected (prevention figures are French operational estimates).
//! Read from a sheet or a CSV as the daily sheet is, every bad cell a problem with its place.

use super::{BOATS, HEADER_SEARCH, MAX_PROBLEMS, PEOPLE, SOURCE, WEEK_ENDING};
use crate::domain::{Figure, NOT_ROUNDED, Origin, Period, Qualifier, Unit};
use crate::error::{Error, Location, Problem, Problems, Result};
use crate::loader::workbook;
use crate::sanitize;
use calamine::Data;
use chrono::{Datelike, NaiveDate, Weekday};

/// The weekly sheet's name.
pub const SHEET: &str = "SB_02";
const MIGRANTS_PREVENTED: &str = "Migrants prevented";
const EVENTS_PREVENTED: &str = "Events prevented";
const REQUIRED: [&str; 3] = [WEEK_ENDING, PEOPLE, BOATS];
const OPTIONAL: [&str; 2] = [MIGRANTS_PREVENTED, EVENTS_PREVENTED];

/// The metrics of the weekly sheet, in column order after the week.
pub const METRICS: [(&str, Unit); 4] = [
    ("small_boat_arrivals", Unit::People),
    ("small_boats", Unit::Boats),
    ("migrants_prevented", Unit::People),
    // An event is an attempted crossing stopped; counted like boats.
    ("events_prevented", Unit::Boats),
];
/// Start of every id of a weekly figure.
pub const ID_PREFIX: &str = "sb02-";
/// The metrics only the weekly sheet has.
pub const PREVENTED: [&str; 2] = ["migrants_prevented", "events_prevented"];

/// Whether a sheet name is the weekly sheet.
pub fn is_sheet(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case(SHEET)
}

/// One week's row: its Sunday and the four counts (None where not collected).
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub end: NaiveDate,
    pub counts: [Option<u64>; 4],
    line: u64,
}

impl Week {
    /// Monday to Sunday.
    pub fn period(&self) -> Option<Period> {
        Period::new(self.end.checked_sub_days(chrono::Days::new(6))?, self.end)
    }
}

/// The rows of `SB_02`, strictly increasing by week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklySeries {
    pub label: String,
    pub weeks: Vec<Week>,
}

/// Whether one of a CSV's first rows is the weekly sheet's header.
pub fn csv_header(rows: &[(u64, Vec<Data>)]) -> bool {
    let cells = rows.iter().take(HEADER_SEARCH).map(|(_, r)| r.as_slice());
    workbook::find_header(cells, &REQUIRED, &[], HEADER_SEARCH).is_some()
}

/// Reads weekly rows as they come: the header within the first rows, then one week a row.
pub struct Weekly {
    label: String,
    /// Week, people, boats, migrants prevented, events prevented; and the header's line.
    columns: Option<([Option<usize>; 5], u64)>,
    looked: usize,
    problems: Problems,
    weeks: Vec<Week>,
}

impl Weekly {
    pub fn new(label: String) -> Weekly {
        Weekly {
            problems: Problems::new(label.as_str(), MAX_PROBLEMS),
            label,
            columns: None,
            looked: 0,
            weeks: Vec::new(),
        }
    }

    fn at(&self, line: u64, col: usize) -> Location {
        Location::at(self.label.clone(), line, Some(col as u64 + 1))
    }

    /// One row; Ok(false) to stop reading.
    pub fn row(&mut self, line: u64, row: &[Data]) -> Result<bool> {
        let blank = row.iter().all(|c| workbook::text(c).trim().is_empty());
        let Some((columns, _)) = self.columns else {
            self.looked += 1;
            if let Some(h) = workbook::find_header(std::iter::once(row), &REQUIRED, &OPTIONAL, 1) {
                let col = |i: usize| h.columns.get(i).copied().flatten();
                self.columns = Some(([col(0), col(1), col(2), col(3), col(4)], line));
                return Ok(true);
            }
            return Ok(self.looked < HEADER_SEARCH);
        };
        if blank {
            return Ok(true);
        }
        let cell = |c: usize| row.get(c).unwrap_or(&Data::Empty);
        let week_col = columns[0].unwrap_or(0);
        let date = workbook::date(cell(week_col));
        let Some(end) = date.filter(|d| d.weekday() == Weekday::Sun) else {
            let text = sanitize::echo(workbook::text(cell(week_col)).trim());
            let at = self.at(line, week_col);
            return Ok(self.problems.push(Problem::new(
                at,
                format!("week ending '{text}' is not a Sunday"),
                "the Week ending column names each week by its Sunday, e.g. 2025-08-17",
            )));
        };
        let mut counts = [None; 4];
        for (i, slot) in counts.iter_mut().enumerate() {
            let Some(c) = columns.get(i + 1).copied().flatten() else {
                continue;
            };
            match super::daily::count(cell(c)) {
                Ok(v) => *slot = v,
                Err(text) => {
                    let at = self.at(line, c);
                    let what = format!(
                        "{} '{}' is not a whole number",
                        [PEOPLE, BOATS, MIGRANTS_PREVENTED, EVENTS_PREVENTED]
                            .get(i)
                            .copied()
                            .unwrap_or("count"),
                        sanitize::echo(&text)
                    );
                    if !self.problems.push(Problem::new(
                        at,
                        what,
                        "counts are whole numbers; '-' marks a figure not collected",
                    )) {
                        return Ok(false);
                    }
                }
            }
        }
        if let Some(prev) = self.weeks.last()
            && prev.end >= end
        {
            let what = format!(
                "week ending {end} does not follow {} on line {}",
                prev.end, prev.line
            );
            let at = self.at(line, week_col);
            return Ok(self.problems.push(Problem::new(
                at,
                what,
                "the sheet has one row per week, in date order",
            )));
        }
        self.weeks.push(Week { end, counts, line });
        Ok(true)
    }

    pub fn has_header(&self) -> bool {
        self.columns.is_some()
    }

    pub fn finish(mut self) -> Result<WeeklySeries> {
        let Some((_, header_line)) = self.columns else {
            return Err(Error::invalid(Problem::new(
                Location::file(self.label.clone()),
                format!("no header naming '{}'", REQUIRED.join("', '")),
                "expected the Home Office small boats time series, sheet SB_02, header in row 1",
            )));
        };
        if self.problems.is_empty() && self.weeks.is_empty() {
            let at = Location::at(self.label.clone(), header_line, None);
            self.problems.push(Problem::new(
                at,
                "the weekly sheet has a header but no rows",
                "expected one row per week below the header",
            ));
        }
        self.problems.into_result()?;
        Ok(WeeklySeries {
            label: self.label,
            weeks: self.weeks,
        })
    }
}

impl WeeklySeries {
    /// The week's figures for `metrics` (all four, or only the prevention ones), one per
    /// week with a count.
    pub fn figures(&self, only: Option<&[&str]>) -> Vec<Figure> {
        let last = self.weeks.last().map(|w| w.end);
        let mut out = Vec::new();
        for (i, (metric, unit)) in METRICS.iter().enumerate() {
            if only.is_some_and(|o| !o.contains(metric)) {
                continue;
            }
            for w in &self.weeks {
                let (Some(value), Some(period)) = (w.counts.get(i).copied().flatten(), w.period())
                else {
                    continue;
                };
                let note = match *metric {
                    "migrants_prevented" | "events_prevented" => {
                        "French operational estimates of crossings prevented"
                    }
                    _ => "The week's count as published",
                };
                out.push(Figure {
                    id: format!("{ID_PREFIX}{}-week-{}", metric.replace('_', "-"), w.end),
                    metric: metric.to_string(),
                    country: "all".to_string(),
                    period,
                    value: value as f64,
                    unit: *unit,
                    qualifier: Qualifier::Exact,
                    rounded_to: NOT_ROUNDED,
                    stated_yoy_pct: None,
                    source: SOURCE.to_string(),
                    note: Some(format!(
                        "{note} (Home Office sheet SB_02, weeks Monday to Sunday, data to {}; provisional).",
                        last.map_or_else(String::new, |d| d.to_string())
                    )),
                    rate_base: None,
                    derivation: None,
                    origin: Origin {
                        file: self.label.clone(),
                        line: w.line,
                    },
                });
            }
        }
        out
    }

    pub fn last_date(&self) -> Option<NaiveDate> {
        self.weeks.last().map(|w| w.end)
    }
}
