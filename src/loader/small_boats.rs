//! Reader for the Home Office "Migrants detected crossing the English Channel in small boats –
//! time series" (docs/official-files-and-fetch.md): sheet `SB_01` of the ODS/XLSX, or that sheet
//! saved as CSV. It owns
//! recognising the layout (sheet name and header, never the file name), reading the daily rows
//! into a [`DailySeries`], and deriving exact official figures from it for an as-of date and for
//! any other periods a caller asks for (`check --against`).

use super::LoadOptions;
use super::csv_input::InputWatch;
use super::limits::{self, Bounded, Limits};
use super::source::{Csv, Source};
use super::workbook::{self, Workbook};
use crate::domain::text::{self, TextKind};
use crate::domain::{Bucket, Figure, NOT_ROUNDED, Origin, Period, Qualifier, Unit};
use crate::error::{Error, Location, Problem, Problems, Result};
use crate::sanitize;
use calamine::Data;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

/// The daily sheet. `SB_02` (weekly) cannot give arbitrary day spans, so it is not read.
pub const SHEET: &str = "SB_01";
pub const DATE: &str = "Date";
pub const PEOPLE: &str = "Migrants arrived";
pub const BOATS: &str = "Boats arrived";
/// Free text ("Revised"); not read into figures, but refused when it could inject (see
/// [`crate::domain::text`]), so a file is either all plain text or refused.
const NOTES: &str = "Notes";
const REQUIRED: [&str; 3] = [DATE, PEOPLE, BOATS];
/// First column of the weekly sheet `SB_02`, recognised only to say it is not the daily one.
const WEEK_ENDING: &str = "Week ending";
/// The published sheet has its header in row 1; a title row or two above it is tolerated.
const HEADER_SEARCH: usize = 5;
const MAX_PROBLEMS: usize = 20;
/// Cells of a first row quoted in the "no header" message, at most.
const HEADER_CELLS_SHOWN: usize = 8;
pub const SOURCE: &str = "Home Office";

/// One day's row. A count is None where the sheet says `-` (not available) or leaves it blank.
#[derive(Debug, Clone, PartialEq)]
struct Day {
    date: NaiveDate,
    people: Option<u64>,
    boats: Option<u64>,
    /// The spreadsheet's own row (or CSV line) number, for origins.
    line: u64,
}

/// The daily rows of `SB_01`, strictly increasing by date.
#[derive(Debug, Clone, PartialEq)]
pub struct DailySeries {
    /// `file [SB_01]` for a workbook, the path for a CSV.
    pub label: String,
    days: Vec<Day>,
}

/// Sums over a period that every day of the series covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    /// None when any day in the period has no count.
    pub people: Option<u64>,
    pub boats: Option<u64>,
    /// Row of the period's last day.
    pub line: u64,
}

/// The metrics this reader derives, as [`DailySeries::figures`] names them.
pub const METRICS: [&str; 3] = ["small_boat_arrivals", "small_boats", "people_per_boat"];

/// Whether a sheet name is the daily sheet.
pub fn is_sheet(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case(SHEET)
}

/// The series from a workbook's `SB_01` sheet, streamed; None when it has no such sheet.
pub fn from_workbook(book: &mut Workbook) -> Result<Option<DailySeries>> {
    let Some(name) = book.sheet_names().iter().find(|n| is_sheet(n)).cloned() else {
        return Ok(None);
    };
    let mut parser = Daily::new(format!("{} [{name}]", book.file), format!("sheet '{name}'"));
    book.rows(&name, |r, cells| parser.row(u64::from(r) + 1, cells))?;
    parser.finish().map(Some)
}

/// What the first rows of a CSV say about it: Ok(true) when a row within the first
/// [`HEADER_SEARCH`] names the `SB_01` columns; an error when it is the weekly sheet instead.
pub fn csv_header(name: &str, rows: &[(u64, Vec<Data>)]) -> Result<bool> {
    let cells = || rows.iter().take(HEADER_SEARCH).map(|(_, r)| r.as_slice());
    if workbook::find_header(cells(), &REQUIRED, &[], HEADER_SEARCH).is_some() {
        return Ok(true);
    }
    if let Some(h) = workbook::find_header(cells(), &[WEEK_ENDING, PEOPLE], &[], HEADER_SEARCH) {
        let line = rows.get(h.row).map_or(1, |(line, _)| *line);
        return Err(Error::invalid(Problem::new(
            Location::at(name, line, Some(1)),
            "this is the weekly sheet SB_02 of the small boats time series",
            "save the daily sheet SB_01 as CSV instead, or give the ODS itself",
        )));
    }
    Ok(false)
}

/// The series from a file (workbook or CSV, a path or `-`) that must be the daily time series,
/// opened and read once under `limits`.
pub fn read_series(path: &Path, limits: &Limits) -> Result<DailySeries> {
    let source = Source::open(path, *limits)?;
    let name = source.name.clone();
    let not_series = || {
        Error::invalid(Problem::new(
            Location::file(name.clone()),
            "not the Home Office small boats time series",
            format!("expected the ODS with sheet {SHEET}, or that sheet saved as CSV"),
        ))
    };
    if workbook::looks_like_workbook(&source.head) {
        let mut book = Workbook::open(source)?;
        return from_workbook(&mut book)?.ok_or_else(not_series);
    }
    let series = match source.csv()? {
        Csv::File { file, .. } => from_csv(&name, std::io::BufReader::new(file), limits)?,
        Csv::Stream(s) => from_csv(&name, s, limits)?,
    };
    series.ok_or_else(not_series)
}

/// The series from a CSV whose header names the `SB_01` columns, streamed row by row under
/// `limits`; None when no such header is found.
pub fn from_csv(name: &str, input: impl Read, limits: &Limits) -> Result<Option<DailySeries>> {
    let input = Bounded::new(input, limits);
    let budget = input.budget();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(InputWatch::new(input));
    let mut parser = Daily::new(name.to_string(), "the CSV".to_string());
    let mut record = csv::ByteRecord::new();
    let mut cells: Vec<Data> = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if let Some(limit) = limits::csv_limit(&e) {
                    return Err(match reader.get_mut().never_closed(|| budget.start()) {
                        Some((line, column)) => unclosed_quote(name, line, column),
                        None => limit.error(name),
                    });
                }
                let line = e.position().map_or(0, |p| p.line());
                return Err(Error::invalid(Problem::new(
                    Location::at(name, line, None),
                    format!("unreadable CSV: {e}"),
                    "save the SB_01 sheet as UTF-8 CSV",
                )));
            }
        }
        budget.start();
        cells.clear();
        cells.extend(record.iter().map(csv_cell));
        let line = record.position().map_or(0, |p| p.line());
        if !parser.row(line, &cells)? {
            break;
        }
    }
    if parser.header.is_none() {
        return Ok(None);
    }
    if let Some((line, column)) = reader.get_ref().unclosed_quote() {
        // The csv crate ends such a field silently at the end of input: the rest of the file
        // is one cell, which must not be quoted back.
        return Err(unclosed_quote(name, line, column));
    }
    parser.finish().map(Some)
}

fn unclosed_quote(name: &str, line: u64, column: u64) -> Error {
    Error::invalid(Problem::new(
        Location::at(name, line, Some(column)),
        "quoted field is never closed: it runs from here to the end of the file",
        "add the closing '\"'; a '\"' inside a quoted field is written '\"\"'",
    ))
}

/// A CSV field as a cell (a byte order mark dropped).
pub fn csv_cell(field: &[u8]) -> Data {
    let s = String::from_utf8_lossy(field);
    let s = s.trim_start_matches('\u{feff}');
    if s.is_empty() {
        Data::Empty
    } else {
        Data::String(s.to_string())
    }
}

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
struct Daily {
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
    fn new(label: String, what: String) -> Daily {
        Daily {
            problems: Problems::new(MAX_PROBLEMS),
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
    fn row(&mut self, line: u64, row: &[Data]) -> Result<bool> {
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

    fn finish(mut self) -> Result<DailySeries> {
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
        self.problems.into_result(&self.label)?;
        Ok(DailySeries {
            label: self.label,
            days: self.days,
        })
    }
}

/// A count cell: Ok(None) for "not available" (`-`, a dash, or blank), Err(text) for anything
/// that is not a whole number ≥ 0.
fn count(cell: &Data) -> std::result::Result<Option<u64>, String> {
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

/// The Figure's id part for a metric: `small_boat_arrivals` → `small-boat-arrivals`.
fn slug(metric: &str) -> String {
    metric.replace('_', "-")
}

/// `2024` for a calendar year, else `2025-01-01-to-2025-08-15`: deterministic and unique per period.
fn period_slug(p: &Period) -> String {
    if p.is_calendar_year() {
        p.start.year().to_string()
    } else {
        format!("{}-to-{}", p.start, p.end)
    }
}

impl DailySeries {
    /// Every day's row: date, people, boats (None where the sheet has no figure).
    pub fn day_counts(&self) -> impl Iterator<Item = (NaiveDate, Option<u64>, Option<u64>)> + '_ {
        self.days.iter().map(|d| (d.date, d.people, d.boats))
    }

    pub fn first_date(&self) -> Option<NaiveDate> {
        self.days.first().map(|d| d.date)
    }

    pub fn last_date(&self) -> Option<NaiveDate> {
        self.days.last().map(|d| d.date)
    }

    /// Sums over `period`, or None when the series lacks any day of it.
    pub fn totals(&self, period: &Period) -> Option<Totals> {
        let from = self.days.partition_point(|d| d.date < period.start);
        let to = self.days.partition_point(|d| d.date <= period.end);
        let span = self.days.get(from..to)?;
        // Dates are strictly increasing, so the right number of rows means every day is there.
        if i64::try_from(span.len()).ok()? != period.days() {
            return None;
        }
        let sum = |f: fn(&Day) -> Option<u64>| {
            span.iter()
                .try_fold(0u64, |acc, d| f(d).and_then(|v| acc.checked_add(v)))
        };
        Some(Totals {
            people: sum(|d| d.people),
            boats: sum(|d| d.boats),
            line: span.last()?.line,
        })
    }

    /// The periods derived for an as-of date: year to date and 12 months ending that day, each
    /// with the same span a year earlier, and every calendar year complete by then.
    pub fn standard_periods(&self, as_of: NaiveDate) -> Vec<Period> {
        let mut periods = Vec::new();
        if let Some(first) = self.first_date() {
            periods.extend(
                (first.year()..=as_of.year())
                    .filter_map(Period::calendar_year)
                    .filter(|p| p.end <= as_of),
            );
        }
        let ytd = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).and_then(|s| Period::new(s, as_of));
        // The day after as-of, a year back: as of 28 Feb 2025 that is 1 Mar 2024 (365 days),
        // not 29 Feb 2024.
        let twelve = as_of
            .succ_opt()
            .and_then(|d| d.checked_sub_months(Months::new(12)))
            .and_then(|s| Period::new(s, as_of));
        for p in [twelve, ytd].into_iter().flatten() {
            periods.extend(p.year_before());
            periods.push(p);
        }
        periods
    }

    /// The as-of date asked for, checked against the file, or the file's last day.
    pub fn as_of(&self, asked: Option<NaiveDate>) -> Result<NaiveDate> {
        let (Some(first), Some(last)) = (self.first_date(), self.last_date()) else {
            return Err(Error::invalid(Problem::new(
                Location::file(self.label.clone()),
                "no daily rows",
                "expected one row per day",
            )));
        };
        match asked {
            None => Ok(last),
            Some(d) if d < first || d > last => Err(Error::usage(
                format!(
                    "--as-of {d} is outside {} (which covers {first} to {last})",
                    self.label
                ),
                "choose a day the file covers, or leave --as-of out to use its last day",
            )),
            Some(d) => Ok(d),
        }
    }

    /// Ok when every day of `p` is in the file; else an error naming the days it covers.
    pub fn require(&self, p: &Period) -> Result<()> {
        let (Some(first), Some(last)) = (self.first_date(), self.last_date()) else {
            return Err(Error::invalid(Problem::new(
                Location::file(self.label.clone()),
                "no daily rows",
                "expected one row per day",
            )));
        };
        if p.start >= first && p.end <= last {
            return Ok(());
        }
        Err(Error::usage(
            format!(
                "the period {} ({} to {}) is not covered by {}, which has daily figures from {first} to {last}",
                p.label(),
                p.start,
                p.end,
                self.label
            ),
            "choose a period inside those dates; a partial total is never given for a period the file does not cover",
        ))
    }

    /// Exact official figures: people, boats and people per boat for the standard periods of the
    /// as-of date and for `options.periods`, wherever every day of the period is in the file.
    pub fn figures(&self, options: &LoadOptions) -> Result<Vec<Figure>> {
        let as_of = self.as_of(options.as_of)?;
        let last = self.last_date().unwrap_or(as_of);
        let mut periods = self.standard_periods(as_of);
        periods.extend(options.periods.iter().copied());
        if let Some(p) = options.period {
            self.require(&p)?;
            periods.push(p);
            periods.extend(p.year_before());
        }
        if let Some(bucket) = options.buckets {
            let first = self.first_date().unwrap_or(as_of);
            let span = options.period.or(Period::new(first, as_of));
            // The year before's own buckets too: a running total a year earlier needs every day
            // of it, 29 February included, which no later day maps to.
            let before = span.and_then(|s| s.year_before());
            for s in [span, before].into_iter().flatten() {
                for b in bucket.within(s) {
                    periods.push(b);
                    periods.extend(bucket.year_before(&b));
                }
            }
        }
        let spans = self.covered(periods);
        if spans.is_empty() && options.periods.is_empty() {
            let first = self.first_date().unwrap_or(as_of);
            return Err(Error::invalid(Problem::new(
                Location::file(self.label.clone()),
                format!("no period can be derived from daily rows {first} to {last} as of {as_of}"),
                "a year to date needs every day from 1 January, and 12 months every day of the year",
            )));
        }
        Ok(self.derive(&spans, last))
    }

    /// The buckets of `size` inside each of `figures`' periods, cut to it (the months of a
    /// year to date, its last one cut at the as-of day), summed as the figures are: what a
    /// sparkline under each figure is drawn from.
    pub fn marks(&self, figures: &[Figure], size: Bucket) -> Vec<Figure> {
        let spans: HashSet<Period> = figures.iter().map(|f| f.period).collect();
        let periods: Vec<Period> = spans.into_iter().flat_map(|p| size.within(p)).collect();
        let last = self.last_date().unwrap_or(NaiveDate::MIN);
        self.derive(&self.covered(periods), last)
    }

    /// Each of `periods` (once each, by end) the file has every day of, with its sums.
    fn covered(&self, mut periods: Vec<Period>) -> Vec<(Period, Totals)> {
        let mut seen = HashSet::new();
        periods.retain(|p| seen.insert(*p));
        periods.sort_by_key(|p| (p.end, p.start));
        periods
            .into_iter()
            .filter_map(|p| Some((p, self.totals(&p)?)))
            .collect()
    }

    /// People, boats and people per boat for each span; `last` is the file's last day, for
    /// the notes.
    fn derive(&self, spans: &[(Period, Totals)], last: NaiveDate) -> Vec<Figure> {
        let mut figures = Vec::new();
        let [people, boats, ratio] = METRICS;
        let metrics: [(&str, Unit); 3] = [
            (people, Unit::People),
            (boats, Unit::Boats),
            (ratio, Unit::Ratio),
        ];
        for (metric, unit) in metrics {
            for (period, t) in spans {
                let (value, note) = match unit {
                    Unit::People => (
                        t.people.map(|v| v as f64),
                        "People arriving by small boat: the sum of the daily counts",
                    ),
                    Unit::Boats => (
                        t.boats.map(|v| v as f64),
                        "Small boats arriving: the sum of the daily counts",
                    ),
                    _ => (
                        match (t.people, t.boats) {
                            (Some(p), Some(b)) if b > 0 => Some(p as f64 / b as f64),
                            _ => None,
                        },
                        "People ÷ boats over the period, unrounded, from the daily counts",
                    ),
                };
                let Some(value) = value else { continue };
                figures.push(Figure {
                    id: format!("{}-{}", slug(metric), period_slug(period)),
                    metric: metric.to_string(),
                    country: "all".to_string(),
                    period: *period,
                    value,
                    unit,
                    qualifier: Qualifier::Exact,
                    // Sums of daily counts, and their ratio, are exact: a point.
                    rounded_to: NOT_ROUNDED,
                    stated_yoy_pct: None,
                    source: SOURCE.to_string(),
                    note: Some(format!(
                        "{note} (Home Office sheet SB_01, data to {last}; provisional)."
                    )),
                    rate_base: None,
                    origin: Origin {
                        file: self.label.clone(),
                        line: t.line,
                    },
                });
            }
        }
        figures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "Date,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Notes\n\
        2024-01-01T00:00:00,10,1,-\n\
        2024-01-02T00:00:00,0,0,-\n\
        2024-01-03T00:00:00,-,-,-\n\
        2024-01-04T00:00:00,30,2,0,Revised\n";

    fn series(text: &str) -> DailySeries {
        from_csv("t.csv", text.as_bytes(), &Limits::default())
            .unwrap()
            .unwrap()
    }

    fn p(a: &str, b: &str) -> Period {
        Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap()
    }

    #[test]
    fn dashes_are_not_available_not_zero() {
        let s = series(CSV);
        let t = s.totals(&p("2024-01-01", "2024-01-02")).unwrap();
        assert_eq!((t.people, t.boats, t.line), (Some(10), Some(1), 3));
        let t = s.totals(&p("2024-01-01", "2024-01-04")).unwrap();
        assert_eq!((t.people, t.boats), (None, None));
        let t = s.totals(&p("2024-01-04", "2024-01-04")).unwrap();
        assert_eq!(t.people, Some(30));
    }

    #[test]
    fn periods_beyond_the_file_are_not_derived() {
        let s = series(CSV);
        assert_eq!(s.totals(&p("2023-12-31", "2024-01-02")), None);
        assert_eq!(s.totals(&p("2024-01-04", "2024-01-05")), None);
    }

    #[test]
    fn a_gap_in_the_days_is_not_summed_over() {
        let s = series("Date,Migrants arrived,Boats arrived\n2024-01-01,1,1\n2024-01-03,1,1\n");
        assert_eq!(s.totals(&p("2024-01-01", "2024-01-03")), None);
    }

    #[test]
    fn the_weekly_sheet_is_named_as_such() {
        let text = "Week ending,Migrants arrived,Boats arrived\n2025-01-05,3,1\n";
        let source = crate::loader::source::Source::from_bytes(
            "w.csv",
            text.as_bytes().to_vec(),
            Default::default(),
        )
        .unwrap();
        let err = crate::loader::read_source(source, &LoadOptions::default())
            .unwrap_err()
            .messages();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].starts_with("w.csv:1:1: this is the weekly sheet SB_02"),
            "{err:?}"
        );
    }

    #[test]
    fn other_csvs_are_left_to_the_figures_reader() {
        let figures = "id,metric,country\n";
        assert_eq!(
            from_csv("t.csv", figures.as_bytes(), &Limits::default()).unwrap(),
            None
        );
        assert_eq!(
            from_csv("t.csv", &b""[..], &Limits::default()).unwrap(),
            None
        );
    }

    #[test]
    fn bad_cells_are_reported_with_line_and_column() {
        let err = from_csv(
            "t.csv",
            "Date,Migrants arrived,Boats arrived\n2024-01-01,1,1\nsoon,2,1\n2024-01-03,1.5,1\n2024-01-02,1,1\n"
                .as_bytes(),
            &Limits::default(),
        )
        .unwrap_err()
        .messages();
        assert_eq!(err.len(), 3, "{err:?}");
        assert!(
            err[0].starts_with("t.csv:3:1: 'soon' is not a date"),
            "{err:?}"
        );
        assert!(
            err[1].starts_with("t.csv:4:2: Migrants arrived '1.5'"),
            "{err:?}"
        );
        assert!(
            err[2].starts_with("t.csv:5:1: date 2024-01-02 does not follow 2024-01-03"),
            "{err:?}"
        );
    }

    #[test]
    fn standard_periods_for_an_as_of_date() {
        let s = series("Date,Migrants arrived,Boats arrived\n2022-12-31,1,1\n2025-08-15,1,1\n");
        let got = s.standard_periods("2025-08-15".parse().unwrap());
        assert_eq!(
            got,
            vec![
                p("2022-01-01", "2022-12-31"),
                p("2023-01-01", "2023-12-31"),
                p("2024-01-01", "2024-12-31"),
                p("2023-08-16", "2024-08-15"),
                p("2024-08-16", "2025-08-15"),
                p("2024-01-01", "2024-08-15"),
                p("2025-01-01", "2025-08-15"),
            ]
        );
    }

    #[test]
    fn twelve_months_to_the_end_of_february_are_a_year_ending_february() {
        let s = series("Date,Migrants arrived,Boats arrived\n2022-12-31,1,1\n2025-02-28,1,1\n");
        let got = s.standard_periods("2025-02-28".parse().unwrap());
        // 365 days, labelled as such, and compared with the year to 29 February 2024.
        assert!(got.contains(&p("2024-03-01", "2025-02-28")), "{got:?}");
        assert!(got.contains(&p("2023-03-01", "2024-02-29")), "{got:?}");
        assert_eq!(
            p("2024-03-01", "2025-02-28").label(),
            "year ending February 2025"
        );
        // The year to date keeps its dates.
        assert!(got.contains(&p("2024-01-01", "2024-02-28")), "{got:?}");
    }

    #[test]
    fn marks_are_the_buckets_inside_each_figure_summed_alike() {
        // 3 January has no counts: no mark for it, and none for a week holding it.
        let s = series(CSV);
        let options = LoadOptions {
            periods: vec![p("2024-01-01", "2024-01-02"), p("2024-01-04", "2024-01-04")],
            ..Default::default()
        };
        let figures = s.figures(&options).unwrap();
        let days = s.marks(&figures, Bucket::Day);
        let got: Vec<(String, f64)> = days
            .iter()
            .filter(|f| f.unit == Unit::People)
            .map(|f| (f.period.start.to_string(), f.value))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2024-01-01".to_string(), 10.0),
                ("2024-01-02".to_string(), 0.0),
                ("2024-01-04".to_string(), 30.0),
            ]
        );
        assert!(days.iter().all(|f| f.origin.file == "t.csv"));
        // A week's marks are cut to each figure: never the whole week 1–7 January.
        let weeks: Vec<Period> = s
            .marks(&figures, Bucket::Week)
            .iter()
            .filter(|f| f.unit == Unit::People)
            .map(|f| f.period)
            .collect();
        assert_eq!(
            weeks,
            vec![p("2024-01-01", "2024-01-02"), p("2024-01-04", "2024-01-04")]
        );
    }

    #[test]
    fn figures_are_exact_with_unique_ids_and_no_ratio_without_boats() {
        let s = series(
            "Date,Migrants arrived,Boats arrived\n2023-01-01,0,0\n2023-01-02,40,1\n2024-01-01,0,0\n2024-01-02,90,2\n",
        );
        // Only the two-day spans are fully covered; ask for them explicitly.
        let options = LoadOptions {
            as_of: Some("2024-01-02".parse().unwrap()),
            periods: vec![p("2023-01-01", "2023-01-02"), p("2023-01-01", "2023-01-01")],
            ..Default::default()
        };
        let figs = s.figures(&options).unwrap();
        let ids: Vec<&str> = figs.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "small-boat-arrivals-2023-01-01-to-2023-01-01",
                "small-boat-arrivals-2023-01-01-to-2023-01-02",
                "small-boat-arrivals-2024-01-01-to-2024-01-02",
                "small-boats-2023-01-01-to-2023-01-01",
                "small-boats-2023-01-01-to-2023-01-02",
                "small-boats-2024-01-01-to-2024-01-02",
                "people-per-boat-2023-01-01-to-2023-01-02",
                "people-per-boat-2024-01-01-to-2024-01-02",
            ]
        );
        let ratio = figs
            .iter()
            .find(|f| f.id == "people-per-boat-2024-01-01-to-2024-01-02")
            .unwrap();
        assert_eq!(
            (ratio.value, ratio.unit, ratio.rounded_to),
            (45.0, Unit::Ratio, NOT_ROUNDED)
        );
        assert!(figs.iter().all(|f| f.qualifier == Qualifier::Exact
            && f.source == "Home Office"
            && f.country == "all"));
    }

    #[test]
    fn as_of_outside_the_file_is_refused() {
        let s = series(CSV);
        assert!(s.as_of(Some("2024-01-05".parse().unwrap())).is_err());
        assert!(s.as_of(Some("2023-12-31".parse().unwrap())).is_err());
        assert_eq!(
            s.as_of(None).unwrap(),
            "2024-01-04".parse::<NaiveDate>().unwrap()
        );
    }
}
