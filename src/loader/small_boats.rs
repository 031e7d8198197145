//! Reader for the Home Office "Migrants detected crossing the English Channel in small boats –
//! time series" (docs/official-files-and-fetch.md): sheet `SB_01` of the ODS/XLSX, or that sheet
//! saved as CSV. It owns
//! recognising the layout (sheet name and header, never the file name), reading the daily rows
//! into a [`DailySeries`], and deriving exact official figures from it for an as-of date and for
//! any other periods a caller asks for (`check --against`).

use super::LoadOptions;
use super::csv_input::InputWatch;
use super::limits::{self, Bounded, Limits, MAX_SERIES_DAYS};
use super::source::{Csv, Source};
use super::workbook::{self, Workbook};
use crate::domain::{
    Bucket, Derivation, Figure, NOT_ROUNDED, Origin, Period, Qualifier, RowKind, Unit,
};
use crate::error::{Error, Location, Problem, Result};
use calamine::Data;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

mod daily;
pub mod weekly;
use daily::Daily;

/// The daily sheet. `SB_02` (weekly, [`weekly`]) cannot give arbitrary day spans: in a
/// workbook it is read only when asked for (weeks, or the prevention metrics only it has).
pub const SHEET: &str = "SB_01";
pub const DATE: &str = "Date";
pub const PEOPLE: &str = "Migrants arrived";
pub const BOATS: &str = "Boats arrived";
/// Free text ("Revised"); not read into figures, but refused when it could inject (see
/// [`crate::domain::text`]), so a file is either all plain text or refused.
const NOTES: &str = "Notes";
const REQUIRED: [&str; 3] = [DATE, PEOPLE, BOATS];
/// First column of the weekly sheet `SB_02`.
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
/// opened and read once under `limits`; a parser's panic is an input error, as for `--data`.
pub fn read_series(path: &Path, limits: &Limits) -> Result<DailySeries> {
    super::guarded(&super::source::display_name(path), || {
        read_series_from(path, limits)
    })
}

fn read_series_from(path: &Path, limits: &Limits) -> Result<DailySeries> {
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
    let mut parser = Daily::new(name.to_string(), "the CSV".to_string());
    let unclosed = csv_rows(name, input, limits, SHEET, |line, cells| {
        parser.row(line, cells)
    })?;
    if !parser.has_header() {
        return Ok(None);
    }
    if let Some((line, column)) = unclosed {
        // The csv crate ends such a field silently at the end of input: the rest of the file
        // is one cell, which must not be quoted back.
        return Err(unclosed_quote(name, line, column));
    }
    parser.finish().map(Some)
}

/// Every record of a CSV of sheet `sheet`, as cells, streamed under `limits` to `row` until it
/// returns false. An unreadable record is an error at its line; a quote still open at the end
/// of input is returned (line, column) for the caller to report after its own checks.
fn csv_rows(
    name: &str,
    input: impl Read,
    limits: &Limits,
    sheet: &str,
    mut row: impl FnMut(u64, &[Data]) -> Result<bool>,
) -> Result<Option<(u64, u64)>> {
    let input = Bounded::new(input, limits);
    let budget = input.budget();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(InputWatch::new(input));
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
                    format!("save the {sheet} sheet as UTF-8 CSV"),
                )));
            }
        }
        budget.start();
        cells.clear();
        cells.extend(record.iter().map(csv_cell));
        let line = record
            .position()
            .map_or(0, |p| reader.get_mut().record_line(p));
        if !row(line, &cells)? {
            break;
        }
    }
    Ok(reader.get_ref().unclosed_quote())
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

/// The Figure's id part for a metric: `small_boat_arrivals` → `small-boat-arrivals`.
fn slug(metric: &str) -> String {
    metric.replace('_', "-")
}

/// `1,000,000`: a day count in a message.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
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
            let from = match options.latest_years {
                Some(n) if options.period.is_none() => {
                    NaiveDate::from_ymd_opt(as_of.year() - n, 1, 1).map_or(first, |d| d.max(first))
                }
                _ => first,
            };
            let span = options.period.or(Period::new(from, as_of));
            if let Some(s) = span
                && s.days() > MAX_SERIES_DAYS
            {
                return Err(Error::invalid(Problem::new(
                    Location::file(self.label.clone()),
                    format!(
                        "a series covers at most {} days, and {} to {} is {} days",
                        thousands(MAX_SERIES_DAYS),
                        s.start,
                        s.end,
                        thousands(s.days())
                    ),
                    "choose a --period inside those dates (the published file covers about 3,000 days); summary and figures read a file this long",
                )));
            }
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
    pub fn marks(&self, figures: &[&Figure], size: Bucket) -> Vec<Figure> {
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
                let (value, note, categories) = match unit {
                    Unit::People => (
                        t.people.map(|v| v as f64),
                        "People arriving by small boat: the sum of the daily counts",
                        "migrants detected arriving by small boat, each day",
                    ),
                    Unit::Boats => (
                        t.boats.map(|v| v as f64),
                        "Small boats arriving: the sum of the daily counts",
                        "small boats detected arriving, each day",
                    ),
                    _ => (
                        match (t.people, t.boats) {
                            (Some(p), Some(b)) if b > 0 => Some(p as f64 / b as f64),
                            _ => None,
                        },
                        "People ÷ boats over the period, unrounded, from the daily counts",
                        "migrants detected arriving by small boat ÷ small boats, each day",
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
                    derivation: Some(Box::new(Derivation {
                        sheet: SHEET.to_string(),
                        rows_are: RowKind::Day,
                        first: period.start.to_string(),
                        last: period.end.to_string(),
                        count: u64::try_from(period.days()).unwrap_or(0),
                        categories: categories.to_string(),
                    })),
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
mod tests;

/// The weekly series from a workbook's `SB_02` sheet; None when it has no such sheet.
pub fn weekly_from_workbook(book: &mut Workbook) -> Result<Option<weekly::WeeklySeries>> {
    let Some(name) = book
        .sheet_names()
        .iter()
        .find(|n| weekly::is_sheet(n))
        .cloned()
    else {
        return Ok(None);
    };
    let mut parser = weekly::Weekly::new(format!("{} [{name}]", book.file));
    book.rows(&name, |r, cells| parser.row(u64::from(r) + 1, cells))?;
    parser.finish().map(Some)
}

/// The weekly series from a CSV of the `SB_02` sheet, streamed under `limits`.
pub fn weekly_from_csv(
    name: &str,
    input: impl Read,
    limits: &Limits,
) -> Result<weekly::WeeklySeries> {
    let mut parser = weekly::Weekly::new(name.to_string());
    let unclosed = csv_rows(name, input, limits, "SB_02", |line, cells| {
        parser.row(line, cells)
    })?;
    if let Some((line, column)) = unclosed {
        return Err(unclosed_quote(name, line, column));
    }
    if !parser.has_header() {
        return Err(Error::invalid(Problem::new(
            Location::file(name),
            "the SB_02 header was not found again",
            "the file changed while it was read",
        )));
    }
    parser.finish()
}

impl DailySeries {
    /// Where the weekly sheet's arrivals or boats differ from the sum of the daily rows of the
    /// same week: a note naming how many weeks and the first, or None when they agree.
    pub fn compare_weeks(&self, weekly: &weekly::WeeklySeries) -> Option<String> {
        let mut differ = Vec::new();
        let mut compared = 0usize;
        for w in &weekly.weeks {
            let Some(t) = w.period().and_then(|p| self.totals(&p)) else {
                continue;
            };
            compared += 1;
            let [people, boats, ..] = w.counts;
            let off = |week: Option<u64>, days: Option<u64>| matches!((week, days), (Some(a), Some(b)) if a != b);
            if off(people, t.people) || off(boats, t.boats) {
                differ.push((w.end, people, t.people, boats, t.boats));
            }
        }
        let (end, wp, dp, wb, db) = *differ.first()?;
        let n = |v: Option<u64>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
        Some(format!(
            "{} differs from the sum of the daily rows of {} in {} of {compared} weeks; first, the week ending {end}: {} people and {} boats weekly, {} and {} daily. Weekly arrivals and boats here are the daily rows summed.",
            weekly.label,
            self.label,
            differ.len(),
            n(wp),
            n(wb),
            n(dp),
            n(db)
        ))
    }
}
