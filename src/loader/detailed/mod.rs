//! Readers for the Home Office detailed datasets (docs/official-files-and-fetch.md):
//! Irr_D01/IER_D01 (arrivals by
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
use crate::loader::limits::{self, Bounded, Limits, RecordBudget};
use crate::loader::source::Csv;
use crate::loader::workbook::{self, Workbook};
use aggregate::{Aggregator, Fields, RowError};
use calamine::Data;
use layout::{Columns, Table};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};

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

/// A CSV in one of the detailed layouts (told by [`csv_header`]), read to figures under
/// `limits`. A large file is read by two threads (the second with positional reads on the same
/// handle: no second open).
pub fn read_csv(name: &str, input: Csv, limits: &Limits, choices: &Choices) -> Result<Vec<Figure>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parallel = Parallel {
        min_bytes: (threads >= 2).then_some(PARALLEL_MIN_BYTES),
    };
    read_csv_with(name, input, limits, choices, parallel).map(|(figures, _)| figures)
}

/// When a CSV is read by two threads.
#[derive(Debug, Clone, Copy)]
struct Parallel {
    /// Bytes of rows from which a second thread is used; None for one thread only.
    min_bytes: Option<u64>,
}

/// How a CSV was read; tests assert the second half was used, not only that the output is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    OneThread,
    /// Two threads, the second half merged.
    Halves,
    /// Two threads tried; the split was not a record start, so the first reader read on alone.
    FellBack,
}

fn read_csv_with(
    name: &str,
    input: Csv,
    limits: &Limits,
    choices: &Choices,
    parallel: Parallel,
) -> Result<(Vec<Figure>, Reading)> {
    match input {
        Csv::File { file, len } => read_csv_from(name, file, Some(len), limits, choices, parallel),
        Csv::Stream(stream) => read_csv_from(name, stream, None, limits, choices, parallel),
    }
}

fn read_csv_from<R: Read + Splittable>(
    name: &str,
    input: R,
    len: Option<u64>,
    limits: &Limits,
    choices: &Choices,
    parallel: Parallel,
) -> Result<(Vec<Figure>, Reading)> {
    let to_error = |e: csv::Error| match limits::csv_limit(&e) {
        Some(limit) => limit.error(name),
        None => Error::invalid(Problem::new(
            Location::at(name, e.position().map_or(0, |p| p.line()), None),
            format!("unreadable CSV: {e}"),
            "save the file as UTF-8 CSV",
        )),
    };
    let io = |source| Error::Io {
        path: name.to_string(),
        source,
    };
    let bounded = Bounded::new(input, limits);
    let budget = bounded.budget();
    let mut reader = csv_reader(bounded);
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
            found = Some((c, record.position().map_or(0, |p| p.line())));
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
    let start = reader.position().byte();
    if let Some(len) = len
        && parallel
            .min_bytes
            .is_some_and(|min| len.saturating_sub(start) >= min)
    {
        let split = reader
            .get_ref()
            .inner()
            .split_point(start + (len - start) / 2)
            .map_err(io)?;
        if let Some(split) = split
            && read_in_two(&mut reader, &budget, &mut agg, split, name, limits)?
        {
            return Ok((finish(agg, name)?, Reading::Halves));
        }
        // The split fell inside a quoted field, or the second half had a problem: the first
        // reader simply goes on to the end, which also reports problems at their true lines.
        read_rows(&mut reader, &budget, &mut agg, name, None)?;
        return Ok((finish(agg, name)?, Reading::FellBack));
    }
    read_rows(&mut reader, &budget, &mut agg, name, None)?;
    Ok((finish(agg, name)?, Reading::OneThread))
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

/// Reads rows into `agg` until the end (Ok(true)), or until the reader reaches `stop`: Ok(true)
/// when it lands on it, Ok(false) when it passed it inside a record.
fn read_rows<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    budget: &RecordBudget,
    agg: &mut Aggregator,
    name: &str,
    stop: Option<Split>,
) -> Result<bool> {
    let mut record = csv::ByteRecord::new();
    let mut problems = Problems(Vec::new());
    loop {
        if let Some(stop) = stop
            && let Some(landed) = stop.reached(reader.position().byte())
        {
            problems.into_result()?;
            return Ok(landed);
        }
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                if let Some(limit) = limits::csv_limit(&e) {
                    return Err(limit.error(name));
                }
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
        budget.start();
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

/// Where the second reader starts: a line start, which the first reader must reach exactly for
/// the halves to join (the split is only a guess that the line starts a record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Split {
    /// First byte of the second half.
    start: u64,
    /// The line before ends `\r\n`. The csv reader ends a record on the `\r` and leaves the
    /// `\n` for the next read, so after such a record it stands one byte short of `start`.
    crlf: bool,
}

impl Split {
    /// At byte `at` between records: None to read on, Some(true) when the first reader stands
    /// on the split, Some(false) when it went past it inside a record.
    fn reached(self, at: u64) -> Option<bool> {
        let landing = if self.crlf {
            self.start - 1
        } else {
            self.start
        };
        (at >= landing).then_some(at <= self.start)
    }
}

/// Bytes searched for a line end after the middle before the file is read by one thread.
const SPLIT_SEARCH: u64 = 1 << 20;

/// The first line start at or after `mid` (line ends: `\n`, `\r\n` or a lone `\r`, as the
/// csv reader takes them), if there is one before the end and within [`SPLIT_SEARCH`] bytes.
fn split_point(file: &File, mid: u64) -> std::io::Result<Option<Split>> {
    // From two bytes before `mid`, so that a `\r\n` just before it is seen as one.
    let from = mid.saturating_sub(2);
    let Some(f) = file.reader_at(from)? else {
        return Ok(None);
    };
    let mut bytes = BufReader::new(f.take(SPLIT_SEARCH)).bytes();
    let mut prev: Option<u8> = None;
    let mut at = from;
    while let Some(b) = bytes.next().transpose()? {
        at += 1;
        // `at` is now the position after `b`.
        let split = match (prev, b) {
            (_, b'\n') => Some(Split {
                start: at,
                crlf: prev == Some(b'\r'),
            }),
            // A lone `\r`: the line starts at `b`.
            (Some(b'\r'), _) => Some(Split {
                start: at - 1,
                crlf: false,
            }),
            _ => None,
        };
        if let Some(split) = split.filter(|s| s.start >= mid) {
            return Ok(Some(split));
        }
        prev = Some(b);
    }
    Ok(None)
}

/// A second, independent reader over the same input from a byte offset: positional reads on
/// the same file handle (no second open). Streams cannot.
trait Splittable {
    fn split_point(&self, mid: u64) -> std::io::Result<Option<Split>>;
    fn reader_at(&self, offset: u64) -> std::io::Result<Option<Box<dyn Read + Send>>>;
}

impl Splittable for Box<dyn Read> {
    fn split_point(&self, _: u64) -> std::io::Result<Option<Split>> {
        Ok(None)
    }
    fn reader_at(&self, _: u64) -> std::io::Result<Option<Box<dyn Read + Send>>> {
        Ok(None)
    }
}

impl Splittable for File {
    fn split_point(&self, mid: u64) -> std::io::Result<Option<Split>> {
        split_point(self, mid)
    }

    /// A duplicate of the handle (not a second open) read with positional reads.
    #[cfg(unix)]
    fn reader_at(&self, offset: u64) -> std::io::Result<Option<Box<dyn Read + Send>>> {
        let file = self.try_clone()?;
        Ok(Some(Box::new(At { file, offset })))
    }

    #[cfg(not(unix))]
    fn reader_at(&self, _: u64) -> std::io::Result<Option<Box<dyn Read + Send>>> {
        Ok(None)
    }
}

/// Reads a file from an offset with positional reads, leaving the handle's own offset alone.
#[cfg(unix)]
struct At {
    file: File,
    offset: u64,
}

#[cfg(unix)]
impl Read for At {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::os::unix::fs::FileExt;
        let n = self.file.read_at(buf, self.offset)?;
        self.offset += n as u64;
        Ok(n)
    }
}

/// Reads the rows after `split` on a second thread while this one reads up to it, then merges.
/// Ok(false) when this reader did not land on the split: the second half is discarded and
/// `agg` holds the rows up to where this reader stopped.
fn read_in_two<R: Read + Splittable>(
    reader: &mut csv::Reader<Bounded<R>>,
    budget: &RecordBudget,
    agg: &mut Aggregator,
    split: Split,
    name: &str,
    limits: &Limits,
) -> Result<bool> {
    let columns = *agg.columns();
    let choices = agg.choices().clone();
    let Some(second_input) = reader
        .get_ref()
        .inner()
        .reader_at(split.start)
        .ok()
        .flatten()
    else {
        return Ok(false);
    };
    let (landed, half) = std::thread::scope(|s| {
        let handle = s.spawn(move || -> Option<Aggregator> {
            let bounded = Bounded::new(second_input, limits);
            let budget = bounded.budget();
            let mut rest = csv_reader(bounded);
            let mut half = Aggregator::new(columns, &choices, 0);
            // Its lines count from the split; any problem is reported by the first reader.
            read_rows(&mut rest, &budget, &mut half, name, None).ok()?;
            Some(half)
        });
        let landed = read_rows(reader, budget, agg, name, Some(split));
        (landed, handle.join().ok().flatten())
    });
    match (landed?, half) {
        (true, Some(half)) => {
            // Lines before the split: the reader's count, plus the `\n` it has not read yet
            // when it stands on a `\r\n`.
            let behind = split.start - reader.position().byte();
            let offset = (reader.position().line() + behind).saturating_sub(1);
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

    const HEADER: &str =
        "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections";

    /// An Irr_D01-layout CSV whose lines end with `eol(i)` for line i. One nationality occurs
    /// only in the second half (so its first line must be counted across the split), and a
    /// quoted field holds line breaks: in an early row, and with `break_middle` in a long field
    /// across the middle of the file.
    fn d01(eol: impl Fn(usize) -> &'static str, break_middle: bool) -> String {
        let rows = 4000;
        let mut text = format!("Title row{}{HEADER}{}", eol(0), eol(1));
        for i in 0..rows {
            let nat = match i {
                _ if i > rows * 3 / 4 && i % 5 == 0 => "Chad",
                _ => ["Iraq", "Iran", "Eritrea", "Sudan"][i % 4],
            };
            let (year, q) = (2020 + (i / 400) % 4, 1 + (i / 100) % 4);
            let method = if i % 3 == 0 {
                "Recorded detections in the UK"
            } else {
                "Small boat arrivals"
            };
            let region = match i {
                10 => format!("\"Asia{}Central\"", eol(i)),
                _ if break_middle && i == rows / 2 => {
                    let lines: Vec<String> = (0..2000).map(|k| format!("part {k}")).collect();
                    format!("\"{}\"", lines.join(eol(i)))
                }
                _ => "Region".to_string(),
            };
            text.push_str(&format!(
                "{year},{year} Q{q},{method},{nat},{region},Male,18 to 24,{}{}",
                i % 17,
                eol(i + 2)
            ));
        }
        text
    }

    /// The two-thread path is used (the second half merged, not thrown away and re-read) and
    /// gives exactly what one reader gives, origin lines included.
    fn halves_match_one_reader(text: &str, expect: Reading) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d01.csv");
        std::fs::write(&path, text).unwrap();
        let read = |min_bytes| {
            let file = File::open(&path).unwrap();
            let len = file.metadata().unwrap().len();
            let input = Csv::File { file, len };
            let limits = Limits::default();
            read_csv_with(
                "d01.csv",
                input,
                &limits,
                &Choices::default(),
                Parallel { min_bytes },
            )
            .unwrap()
        };
        let (one, how) = read(None);
        assert_eq!(how, Reading::OneThread);
        let (two, how) = read(Some(0));
        assert_eq!(how, expect);
        assert!(one.iter().any(|f| f.country == "Chad"));
        assert_eq!(two.len(), one.len());
        for (a, b) in two.iter().zip(&one) {
            assert_eq!(a, b);
        }
    }

    #[test]
    fn lf_files_are_read_in_two_halves() {
        halves_match_one_reader(&d01(|_| "\n", false), Reading::Halves);
    }

    #[test]
    fn crlf_files_are_read_in_two_halves() {
        halves_match_one_reader(&d01(|_| "\r\n", false), Reading::Halves);
    }

    #[test]
    fn cr_only_files_are_read_in_two_halves() {
        halves_match_one_reader(&d01(|_| "\r", false), Reading::Halves);
    }

    #[test]
    fn mixed_line_ends_are_read_in_two_halves() {
        // Rotated so that the line before the split ends each way in turn.
        for rot in 0..4 {
            let text = d01(|i| ["\n", "\r\n", "\r\n", "\r"][(i + rot) % 4], false);
            halves_match_one_reader(&text, Reading::Halves);
        }
    }

    #[test]
    fn a_quoted_field_across_the_split_falls_back_to_one_reader() {
        for eol in ["\n", "\r\n"] {
            halves_match_one_reader(&d01(|_| eol, true), Reading::FellBack);
        }
    }

    #[test]
    fn the_split_is_the_next_line_start_and_allows_for_crlf() {
        let split = |text: &str, mid: u64| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.csv");
            std::fs::write(&path, text).unwrap();
            split_point(&File::open(&path).unwrap(), mid).unwrap()
        };
        let at = |start, crlf| Some(Split { start, crlf });
        // Positions of `a,b\r\nc,d\r\n`: records end at 4 and 9, the `\n`s at 4 and 9.
        assert_eq!(split("a,b\r\nc,d\r\ne,f\r\n", 2), at(5, true));
        assert_eq!(split("a,b\r\nc,d\r\ne,f\r\n", 4), at(5, true)); // between \r and \n
        assert_eq!(split("a,b\r\nc,d\r\ne,f\r\n", 5), at(5, true)); // on a line start
        assert_eq!(split("a,b\nc,d\ne,f\n", 2), at(4, false));
        assert_eq!(split("a,b\rc,d\re,f\r", 2), at(4, false));
        assert_eq!(split("a,b\rc,d\re,f\r", 4), at(4, false));
        assert_eq!(split("a,b,c,d", 2), None);
        assert_eq!(split("a,b,c,d\r", 2), None); // a lone `\r` at the end: no line after it
        assert_eq!(split("a\n\nb,c\n", 3), at(3, false)); // the start at 2 is before `mid`
    }

    #[test]
    fn the_first_reader_lands_on_a_crlf_split_one_byte_short() {
        let crlf = Split {
            start: 10,
            crlf: true,
        };
        assert_eq!(crlf.reached(8), None);
        assert_eq!(crlf.reached(9), Some(true));
        assert_eq!(crlf.reached(10), Some(true));
        assert_eq!(crlf.reached(11), Some(false));
        let lf = Split {
            start: 10,
            crlf: false,
        };
        assert_eq!(lf.reached(9), None);
        assert_eq!(lf.reached(10), Some(true));
        assert_eq!(lf.reached(11), Some(false));
    }
}
