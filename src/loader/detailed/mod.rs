//! Readers for the Home Office detailed datasets (SPEC §4): Irr_D01/IER_D01 (arrivals by
//! nationality), Asy_D02 and Irr_D03/IER_D03 (initial decisions → grant rates) and Ret_D01
//! (returns), as XLSX/ODS or as the same sheet saved as CSV. This module owns telling the
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
use crate::error::{Error, Location, Problem, Result};
use crate::loader::workbook::{self, Workbook};
use aggregate::{Aggregator, Fields, RowError};
use calamine::Data;
use layout::{Columns, Table};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

pub use aggregate::Choices;

/// Sheet names read, for messages.
pub const SHEET_EXAMPLES: &str = "'Data - Irr_D01' or 'Data_IER_D01', 'Data - Asy_D02', 'Data - Irr_D03' or 'Data_IER_D03', 'Data - Ret_D01'";
/// Rows searched for the header (a title row or two sits above it).
const HEADER_SEARCH: usize = 10;
/// Problems listed before a file is given up on.
const MAX_PROBLEMS: usize = 20;
/// Below this many bytes of rows a second thread costs more than it saves.
const PARALLEL_MIN_BYTES: u64 = 4 << 20;

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

fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

fn expected_headers() -> String {
    Table::ALL
        .iter()
        .map(|t| format!("{}: {}", t.name(), t.expected_header()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Collects row problems with their places; a file is given up on after [`MAX_PROBLEMS`].
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, location: Location, e: RowError) -> bool {
        self.0.push(Problem::new(location, e.what, e.hint));
        self.0.len() >= MAX_PROBLEMS
    }

    fn into_result(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}

fn finish(agg: Aggregator, file: &str) -> Result<Vec<Figure>> {
    agg.finish(file).map_err(|(line, what, hint)| {
        Error::invalid(Problem::new(Location::at(file, line, None), what, hint))
    })
}

/// A CSV in one of the detailed layouts: Ok(None) when its first rows hold no such header
/// (it is then some other kind of CSV).
pub fn read_csv(path: &Path, choices: &Choices) -> Result<Option<Vec<Figure>>> {
    let name = path.display().to_string();
    let io = |source| Error::Io {
        path: name.clone(),
        source,
    };
    let mut reader = csv_reader(File::open(path).map_err(io)?);
    let mut record = csv::ByteRecord::new();
    let mut found = None;
    let mut looked = 0;
    let mut nationality_seen = None;
    while looked < HEADER_SEARCH {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // Not CSV we can read: the figures reader says why.
            Err(_) => return Ok(None),
        }
        if is_blank(&record) {
            continue;
        }
        looked += 1;
        let names = texts(&record);
        let line = record.position().map_or(0, |p| p.line());
        if let Some(c) = Columns::detect(&names) {
            found = Some((c, line));
            break;
        }
        if names
            .iter()
            .any(|n| n.trim().eq_ignore_ascii_case("nationality"))
        {
            nationality_seen = Some((line, names.join(",")));
        }
    }
    let Some((columns, header_line)) = found else {
        // A Home Office table whose header we do not know: say so, rather than let the
        // figures reader complain about every column.
        return match nationality_seen {
            Some((line, header)) => Err(Error::invalid(Problem::new(
                Location::at(&name, line, None),
                format!(
                    "header '{}' is not one of the detailed tables read",
                    header.chars().take(200).collect::<String>()
                ),
                format!("expected {}", expected_headers()),
            ))),
            None => Ok(None),
        };
    };
    let mut agg = Aggregator::new(columns, choices, header_line);
    let start = reader.position().clone();
    let len = std::fs::metadata(path).map_err(io)?.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads >= 2 && len.saturating_sub(start.byte()) >= PARALLEL_MIN_BYTES {
        let split = split_point(path, start.byte() + (len - start.byte()) / 2).map_err(io)?;
        if let Some(split) = split
            && read_in_two(path, &mut reader, &mut agg, split, &name)?
        {
            return finish(agg, &name).map(Some);
        }
        // The split fell inside a quoted field, or the second half had a problem: the first
        // reader simply goes on to the end, which also reports problems at their true lines.
    }
    read_rows(&mut reader, &mut agg, &name, None)?;
    finish(agg, &name).map(Some)
}

/// Which detailed table a CSV holds, from its header alone (for citing it and for telling
/// which options apply); None when it holds none.
pub fn csv_table(path: &Path) -> Option<Table> {
    let mut reader = csv_reader(File::open(path).ok()?);
    let mut record = csv::ByteRecord::new();
    let mut looked = 0;
    while looked < HEADER_SEARCH && reader.read_byte_record(&mut record).ok()? {
        if is_blank(&record) {
            continue;
        }
        looked += 1;
        if let Some(c) = Columns::detect(&texts(&record)) {
            return Some(c.table);
        }
    }
    None
}

fn csv_reader<R: std::io::Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input)
}

/// Reads rows into `agg` until the end, or until the reader reaches byte `stop` exactly
/// (Ok(true)); Ok(false) when it passed `stop` inside a record.
fn read_rows<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    agg: &mut Aggregator,
    name: &str,
    stop: Option<u64>,
) -> Result<bool> {
    let mut record = csv::ByteRecord::new();
    let mut problems = Problems(Vec::new());
    loop {
        if let Some(stop) = stop {
            let at = reader.position().byte();
            if at >= stop {
                problems.into_result()?;
                return Ok(at == stop);
            }
        }
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(
                    Location::at(name, line, None),
                    RowError {
                        column: None,
                        what: format!("unreadable CSV: {e}"),
                        hint: "save the file as UTF-8 CSV",
                    },
                );
                break;
            }
        }
        if is_blank(&record) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        if let Err(e) = agg.add(&record, line) {
            let at = Location::at(name, line, e.column.map(|c| c as u64 + 1));
            if problems.push(at, e) {
                break;
            }
        }
    }
    problems.into_result()?;
    Ok(stop.is_none())
}

/// The first line start at or after `mid`, if there is one before the end.
fn split_point(path: &Path, mid: u64) -> std::io::Result<Option<u64>> {
    let mut f = BufReader::new(File::open(path)?);
    f.seek(SeekFrom::Start(mid))?;
    let mut skipped = Vec::new();
    let n = f.read_until(b'\n', &mut skipped)?;
    Ok((skipped.last() == Some(&b'\n')).then_some(mid + n as u64))
}

/// Reads the rows after `split` on a second thread while this one reads up to it, then merges.
/// The split is a guess that a line starts a record; it holds only if this reader lands on it
/// exactly, else (Ok(false)) the second half is discarded and `agg` holds the first half.
fn read_in_two(
    path: &Path,
    reader: &mut csv::Reader<File>,
    agg: &mut Aggregator,
    split: u64,
    name: &str,
) -> Result<bool> {
    let columns = *agg.columns();
    let second = |choices: Choices| -> Option<Aggregator> {
        let mut f = File::open(path).ok()?;
        f.seek(SeekFrom::Start(split)).ok()?;
        let mut rest = csv_reader(f);
        let mut half = Aggregator::new(columns, &choices, 0);
        // Its lines count from the split; any problem is reported by the first reader instead.
        read_rows(&mut rest, &mut half, name, None).ok()?;
        Some(half)
    };
    let choices = agg.choices().clone();
    let (landed, half) = std::thread::scope(|s| {
        let handle = s.spawn(|| second(choices));
        let landed = read_rows(reader, agg, name, Some(split));
        (landed, handle.join().ok().flatten())
    });
    match (landed?, half) {
        (true, Some(half)) => {
            let offset = reader.position().line().saturating_sub(1);
            agg.merge(half, offset);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Every sheet of a detailed table in a workbook, read into figures; None when it has none.
pub fn read_workbook(book: &mut Workbook, choices: &Choices) -> Result<Option<Vec<Figure>>> {
    let tables: Vec<(String, Table)> = book
        .sheet_names()
        .iter()
        .filter_map(|n| Table::from_sheet_name(n).map(|t| (n.clone(), t)))
        .collect();
    if tables.is_empty() {
        return Ok(None);
    }
    let mut figures = Vec::new();
    for (sheet_name, table) in tables {
        figures.extend(read_sheet(book, &sheet_name, table, choices)?);
    }
    Ok(Some(figures))
}

/// One sheet, streamed row by row: the header within the first rows, then every data row.
fn read_sheet(
    book: &mut Workbook,
    sheet: &str,
    table: Table,
    choices: &Choices,
) -> Result<Vec<Figure>> {
    let label = format!("{} [{sheet}]", book.file);
    let at = |row: u32, col: Option<usize>| {
        Location::at(label.clone(), u64::from(row) + 1, col.map(|c| c as u64 + 1))
    };
    let mut agg: Option<Aggregator> = None;
    let mut looked = 0;
    let mut first_rows: Vec<String> = Vec::new();
    let mut problems = Problems(Vec::new());
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
        match agg.add(row, u64::from(r) + 1) {
            Ok(()) => Ok(true),
            Err(e) => {
                let col = e.column;
                Ok(!problems.push(at(r, col), e))
            }
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
    finish(agg, &label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aggregate::Choices;

    /// The two-thread path itself (read_csv falls back to one reader silently, so a test through
    /// the binary cannot tell): it must land on the split and give what one reader gives.
    #[test]
    fn reading_in_two_halves_lands_on_the_split_and_matches_one_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d01.csv");
        let mut text = String::from(
            "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n",
        );
        for (i, nat) in ["Iraq", "Iran", "Eritrea", "Sudan"]
            .iter()
            .cycle()
            .take(4000)
            .enumerate()
        {
            let (year, q) = (2020 + (i / 400) % 4, 1 + (i / 100) % 4);
            let method = if i % 3 == 0 {
                "Recorded detections in the UK"
            } else {
                "Small boat arrivals"
            };
            text.push_str(&format!(
                "{year},{year} Q{q},{method},{nat},Region,Male,18 to 24,{}\n",
                i % 17
            ));
        }
        std::fs::write(&path, &text).unwrap();
        let choices = Choices::default();
        let open = || {
            let mut reader = csv_reader(File::open(&path).unwrap());
            let mut header = csv::ByteRecord::new();
            reader.read_byte_record(&mut header).unwrap();
            let columns = Columns::detect(&texts(&header)).unwrap();
            (reader, Aggregator::new(columns, &choices, 1))
        };

        let (mut reader, mut halves) = open();
        let start = reader.position().byte();
        let len = text.len() as u64;
        let split = split_point(&path, start + (len - start) / 2)
            .unwrap()
            .unwrap();
        assert!(read_in_two(&path, &mut reader, &mut halves, split, "d01.csv").unwrap());

        let (mut reader, mut one) = open();
        read_rows(&mut reader, &mut one, "d01.csv", None).unwrap();
        let (a, b) = (
            halves.finish("d01.csv").unwrap(),
            one.finish("d01.csv").unwrap(),
        );
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }
}
