//! Readers for the Home Office detailed datasets (docs/official-files-and-fetch.md):
//! Irr_D01/IER_D01 (arrivals by
//! nationality), Irr_D02/IER_D02 and Asy_D01 (asylum applications: small boat arrivals, all
//! routes), Asy_D02 and Irr_D03/IER_D03 (initial decisions → grant rates), Ret_D01 and Ret_D03
//! (returns, foreign national offender returns, by nationality) and Ret_D02 (returns by
//! destination), as XLSX/ODS or as the same sheet saved as CSV. This module owns telling the
//! table from sheet and header names and turning rows into yearly figures; [`layout`] knows
//! the tables, [`aggregate`] the sums.
//!
//! Figures: every complete calendar year and every year ending a quarter (four consecutive
//! quarters present in the table), per nationality and for `all`, exact and not rounded
//! (`rounded_to` 0: counts and the rates computed from them are points), source
//! `Home Office`, ids `<table>-<metric>-<nationality>-<2023|ye-2024-03>`.

pub mod aggregate;
pub mod layout;

use crate::domain::Figure;
use crate::error::{Error, Location, Problem, Problems, Result};
use crate::loader::csv_input::LineStarts;
use crate::loader::limits::{self, Bounded, Limits, RecordBudget};
use crate::loader::source::Csv;
use crate::loader::workbook::{self, Workbook};
use aggregate::{Aggregator, Fields};
use calamine::Data;
use layout::{Columns, Table};
use std::borrow::Cow;
use std::io::Read;

pub use aggregate::Choices;

/// Sheet names read, for messages.
pub const SHEET_EXAMPLES: &str = "'Data - Irr_D01' or 'Data_IER_D01', 'Data - Irr_D02' or 'Data_IER_D02', 'Data - Asy_D01', 'Data - Asy_D02', 'Data - Irr_D03' or 'Data_IER_D03', 'Data - Ret_D01', 'Data - Ret_D02', 'Data - Ret_D03'";
/// Rows searched for the header (a title row or two sits above it).
const HEADER_SEARCH: usize = 10;
/// Problems listed before a file is given up on (see [`Problems`]).
const MAX_PROBLEMS: usize = 20;

impl Fields for [Data] {
    fn width(&self) -> usize {
        <[Data]>::len(self)
    }
    fn field(&self, i: usize) -> Cow<'_, [u8]> {
        match self.get(i) {
            Some(Data::String(s)) => Cow::Borrowed(s.as_bytes()),
            None | Some(Data::Empty) => Cow::Borrowed(b""),
            Some(other) => Cow::Owned(workbook::text(other).into_bytes()),
        }
    }
}

fn is_empty_cell(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn texts(record: &csv::ByteRecord) -> Vec<String> {
    record
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

/// Every field empty or spaces: the fields' bytes are stored end to end, so one scan that
/// stops at the first other byte.
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.as_slice().iter().all(u8::is_ascii_whitespace)
}

fn expected_headers() -> String {
    Table::ALL
        .iter()
        .map(|t| format!("{}: {}", t.name(), t.expected_header()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the first rows of a CSV say: Ok(true) when one of the first [`HEADER_SEARCH`] non-blank
/// rows is a detailed table's header; an error when a row names a Nationality column but is no
/// table read (a Home Office table we do not know), so the figures reader does not complain
/// about every column.
pub fn csv_header(name: &str, rows: &[(u64, Vec<Data>)]) -> Result<bool> {
    let mut nationality_seen = None;
    for (line, row) in rows
        .iter()
        .filter(|(_, r)| !r.iter().all(is_empty_cell))
        .take(HEADER_SEARCH)
    {
        let names: Vec<String> = row.iter().map(workbook::text).collect();
        if Columns::detect(&names).is_some() {
            return Ok(true);
        }
        if nationality_seen.is_none()
            && names
                .iter()
                .any(|n| n.trim().eq_ignore_ascii_case("nationality"))
        {
            nationality_seen = Some((*line, names.join(",")));
        }
    }
    match nationality_seen {
        Some((line, header)) => Err(Error::invalid(Problem::new(
            Location::at(name, line, None),
            format!(
                "header '{}' is not one of the detailed tables read",
                header.chars().take(200).collect::<String>()
            ),
            format!("expected {}", expected_headers()),
        ))),
        None => Ok(false),
    }
}

/// A detailed table's quarterly sums, one per sheet (or one for a CSV) with its label: kept
/// so that figures for a period known only after reading derive without a second read.
pub struct Tables(Vec<(String, Aggregator)>);

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(label, _)| label))
            .finish()
    }
}

impl Tables {
    /// The figures `choices` ask for, every table's in order.
    pub fn figures(&self) -> Result<Vec<Figure>> {
        let mut figures = Vec::new();
        for (label, agg) in &self.0 {
            figures.extend(agg.finish(label)?);
        }
        Ok(figures)
    }

    /// Derive the periods, requirement and buckets of `choices` from now on.
    pub fn rechoose(&mut self, choices: &Choices) {
        for (_, agg) in &mut self.0 {
            agg.rechoose(choices);
        }
    }
}

/// A CSV in one of the detailed layouts (told by [`csv_header`]), read to quarterly sums under
/// `limits`, one record at a time through one reused record.
pub fn read_csv(name: &str, input: Csv, limits: &Limits, choices: &Choices) -> Result<Tables> {
    match input {
        Csv::File { file } => read_csv_from(name, file, limits, choices),
        Csv::Stream(stream) => read_csv_from(name, stream, limits, choices),
    }
}

fn read_csv_from<R: Read>(
    name: &str,
    input: R,
    limits: &Limits,
    choices: &Choices,
) -> Result<Tables> {
    let to_error = |e: csv::Error| match limits::csv_limit(&e) {
        Some(limit) => limit.error(name),
        None => Error::invalid(Problem::new(
            Location::at(name, e.position().map_or(0, |p| p.line()), None),
            format!("unreadable CSV: {e}"),
            "save the file as UTF-8 CSV",
        )),
    };
    let bounded = Bounded::new(input, limits);
    let budget = bounded.budget();
    let mut reader = csv_reader(LineStarts::new(bounded));
    let mut record = csv::ByteRecord::new();
    let mut found = None;
    let mut looked = 0;
    while looked < HEADER_SEARCH {
        if !reader.read_byte_record(&mut record).map_err(to_error)? {
            break;
        }
        budget.start();
        if is_blank(&record) {
            continue;
        }
        looked += 1;
        if let Some(c) = Columns::detect(&texts(&record)) {
            found = Some((c, record_line(&mut reader, &record)));
            break;
        }
    }
    let Some((columns, header_line)) = found else {
        return Err(Error::invalid(Problem::new(
            Location::file(name),
            "the detailed table's header was not found again",
            "the file changed while it was read",
        )));
    };
    let mut agg = Aggregator::new(columns, choices, header_line);
    read_rows(&mut reader, &budget, &mut agg, name)?;
    Ok(Tables(vec![(name.to_string(), agg)]))
}

/// The detailed table a CSV's first rows name, if any (for its citation).
pub fn csv_table(rows: &[crate::loader::HeadRow]) -> Option<Table> {
    rows.iter()
        .filter(|(_, r)| !r.iter().all(is_empty_cell))
        .take(HEADER_SEARCH)
        .find_map(|(_, row)| {
            let names: Vec<String> = row.iter().map(workbook::text).collect();
            Columns::detect(&names).map(|c| c.table)
        })
}

fn csv_reader<R: std::io::Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input)
}

/// The line `record` starts on (the csv crate's own count runs a line short after `\r\n`).
fn record_line<R: Read>(reader: &mut csv::Reader<LineStarts<R>>, record: &csv::ByteRecord) -> u64 {
    record
        .position()
        .map_or(0, |p| reader.get_mut().record_line(p))
}

/// Reads every row into `agg`, collecting problems (up to [`MAX_PROBLEMS`]).
fn read_rows<R: Read>(
    reader: &mut csv::Reader<LineStarts<R>>,
    budget: &RecordBudget,
    agg: &mut Aggregator,
    name: &str,
) -> Result<()> {
    let mut record = csv::ByteRecord::new();
    let mut problems = Problems::new(name, MAX_PROBLEMS);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if let Some(limit) = limits::csv_limit(&e) {
                    return Err(limit.error(name));
                }
                let line = e.position().map_or(0, |p| p.line());
                let what = format!("unreadable CSV: {e}");
                problems.at(line, None, what, "save the file as UTF-8 CSV");
                break;
            }
        }
        budget.start();
        if is_blank(&record) {
            continue;
        }
        let line = record_line(reader, &record);
        if let Err(e) = agg.add(&record, line)
            && !e.report(&mut problems, line)
        {
            break;
        }
    }
    problems.into_result()
}

/// Every sheet of a detailed table in a workbook, read into sums; None when it has none.
pub fn read_workbook(book: &mut Workbook, choices: &Choices) -> Result<Option<Tables>> {
    let tables: Vec<(String, Table)> = book
        .sheet_names()
        .iter()
        .filter_map(|n| Table::from_sheet_name(n).map(|t| (n.clone(), t)))
        .collect();
    if tables.is_empty() {
        return Ok(None);
    }
    let mut read = Vec::new();
    for (sheet_name, table) in tables {
        read.push(read_sheet(book, &sheet_name, table, choices)?);
    }
    Ok(Some(Tables(read)))
}

/// One sheet, streamed row by row: the header within the first rows, then every data row.
fn read_sheet(
    book: &mut Workbook,
    sheet: &str,
    table: Table,
    choices: &Choices,
) -> Result<(String, Aggregator)> {
    let label = format!("{} [{sheet}]", book.file);
    let mut agg: Option<Aggregator> = None;
    let mut looked = 0;
    let mut first_rows: Vec<String> = Vec::new();
    let mut problems = Problems::new(label.as_str(), MAX_PROBLEMS);
    book.rows(sheet, |r, row| {
        if row.iter().all(is_empty_cell) {
            return Ok(true);
        }
        let Some(agg) = &mut agg else {
            let names: Vec<String> = row.iter().map(workbook::text).collect();
            if let Some(c) = Columns::locate(table, &names) {
                agg = Some(Aggregator::new(c, choices, u64::from(r) + 1));
                return Ok(true);
            }
            if first_rows.len() < 2 {
                let shown: Vec<&str> = names
                    .iter()
                    .map(|n| n.trim())
                    .filter(|n| !n.is_empty())
                    .collect();
                first_rows.push(shown.join(", "));
            }
            looked += 1;
            return Ok(looked < HEADER_SEARCH);
        };
        let line = u64::from(r) + 1;
        match agg.add(row, line) {
            Ok(()) => Ok(true),
            Err(e) => Ok(e.report(&mut problems, line)),
        }
    })?;
    let Some(agg) = agg else {
        return Err(Error::invalid(Problem::new(
            Location::file(label),
            format!(
                "no {} header in the first {HEADER_SEARCH} rows (found: {})",
                table.name(),
                if first_rows.is_empty() {
                    "nothing".to_string()
                } else {
                    first_rows.join(" | ").chars().take(300).collect()
                }
            ),
            format!("expected columns {}", table.expected_header()),
        )));
    };
    problems.into_result()?;
    Ok((label, agg))
}
