//! The limits every input is read under (docs/security-and-limits.md, "Limits"), and the reader
//! that enforces the
//! byte-count ones while bytes flow, so a hostile file is refused before memory is spent on it.
//! Structural limits (cells, columns, text length) are checked by the readers with these values.

use crate::error::{Error, Location, Problem};
use std::cell::Cell;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

/// Default for `--max-input-mb`.
pub const DEFAULT_MAX_INPUT_MB: u64 = 512;
/// Columns in one row: the spreadsheet formats' own maximum (XFD), far above any official table.
pub const MAX_COLUMNS: u32 = 16_384;
/// Rows in one sheet: the spreadsheet formats' own maximum.
pub const MAX_ROWS: u32 = 1_048_576;
/// Bytes in one XML text node or tag, and characters in one cell (Excel's cell maximum is
/// 32,767 characters; this leaves room for escapes and multi-byte UTF-8).
pub const MAX_TEXT: usize = 256 * 1024;
/// Bytes in one CSV record, and of text in one spreadsheet row once repeats and shared strings
/// are expanded (the longest official row is a few hundred bytes).
pub const MAX_RECORD: u64 = 1 << 20;
/// Compression ratio above which a large zip entry is taken for a zip bomb. Real XLSX/ODS
/// entries compress 8–80 times (a LibreOffice detailed-table ODS: 77); deflate's ceiling is
/// about 1,030, which whitespace and zero bombs reach. The size limits bound memory; this
/// bounds the time a small file can cost.
pub const MAX_RATIO: u64 = 500;
/// Entries below this size may have any ratio (a tiny file of zeros compresses very well).
pub const RATIO_FLOOR: u64 = 1 << 20;
/// Sheet names listed in a message before "and N more".
pub const MAX_LISTED: usize = 10;
/// Entries in one zip (an XLSX has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Days a series or chart of a daily file derives its buckets over: 273 years (the published
/// file has about 3,000 days). Each day's bucket is a few KB of figures, rows and output, all
/// held until the output is written once; this keeps a long file's series under 512 MB.
pub const MAX_SERIES_DAYS: i64 = 100_000;

/// The limits of one run. Bytes scale with `--max-input-mb`; so does the cell budget, which
/// bounds the time a sheet can take (one cell per 48 bytes allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of input, and of any one zip entry once inflated.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::from_mb(DEFAULT_MAX_INPUT_MB)
    }
}

impl Limits {
    pub fn from_mb(mb: u64) -> Self {
        Limits {
            max_bytes: mb.saturating_mul(1 << 20),
        }
    }

    pub fn max_mb(&self) -> u64 {
        self.max_bytes >> 20
    }

    /// Non-empty cells read from one sheet (repeats expanded), and shared strings in an XLSX.
    pub fn max_cells(&self) -> u64 {
        (self.max_bytes / 48).max(1000)
    }

    /// Figures in one figures CSV, all held in memory (a few hundred bytes each).
    pub fn max_figures(&self) -> u64 {
        (self.max_bytes / 1024).max(1000)
    }

    /// Bytes of shared-string text in an XLSX, all of which calamine keeps in memory.
    pub fn max_shared_text(&self) -> u64 {
        self.max_bytes / 8
    }
}

/// Which limit an input went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Bytes of input (`--max-input-mb`).
    InputBytes(u64),
    /// Declared or actual inflated size of a zip entry.
    EntryBytes(u64),
    /// Inflated size ÷ compressed size of a large zip entry.
    Ratio,
    /// Entries in a zip.
    Entries,
    /// Non-empty cells in one sheet.
    Cells(u64),
    /// Text of an XLSX's shared strings (calamine holds them all in memory).
    SharedText(u64),
    /// Figures in one figures CSV (each is held in memory).
    Figures(u64),
    /// A cell or row beyond column XFD / row 1,048,576.
    Columns,
    Rows,
    /// One XML text node, tag or cell text.
    Text,
    /// One CSV record.
    Record,
    /// Text in one spreadsheet row, repeats and shared strings expanded.
    RowText,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::InputBytes(mb) => write!(f, "the input is larger than the {mb} MB limit"),
            Limit::EntryBytes(mb) => {
                write!(
                    f,
                    "a part of the zip inflates to more than the {mb} MB limit"
                )
            }
            Limit::Ratio => write!(
                f,
                "a part of the zip is compressed more than {MAX_RATIO} to 1 (a zip bomb?)"
            ),
            Limit::Entries => write!(f, "the zip holds more than {MAX_ENTRIES} parts"),
            Limit::Cells(n) => write!(f, "a sheet has more than {n} non-empty cells"),
            Limit::Figures(n) => write!(f, "the file holds more than {n} figures"),
            Limit::SharedText(mb) => {
                write!(f, "the shared strings hold more than {mb} MB of text")
            }
            Limit::Columns => write!(f, "a cell lies beyond column {MAX_COLUMNS} (XFD)"),
            Limit::Rows => write!(f, "a row lies beyond row {MAX_ROWS}"),
            Limit::Text => write!(
                f,
                "a cell or XML node is longer than {} KiB",
                MAX_TEXT >> 10
            ),
            Limit::Record => write!(f, "a CSV record is longer than {} MiB", MAX_RECORD >> 20),
            Limit::RowText => write!(
                f,
                "a row holds more than {} MiB of text once repeated cells are counted",
                MAX_RECORD >> 20
            ),
        }
    }
}

impl Limit {
    /// How to get past it, for the message's hint.
    pub fn hint(&self) -> &'static str {
        match self {
            Limit::InputBytes(_)
            | Limit::EntryBytes(_)
            | Limit::Cells(_)
            | Limit::SharedText(_)
            | Limit::Figures(_) => {
                "official files are under 10 MB; raise the limit with --max-input-mb if this file is genuine"
            }
            Limit::Ratio | Limit::Entries => {
                "official files are ordinary XLSX or ODS; this one is not, so it is not read"
            }
            Limit::Columns | Limit::Rows | Limit::Text | Limit::Record | Limit::RowText => {
                "this limit is fixed: no spreadsheet or official file goes beyond it"
            }
        }
    }

    pub fn error(self, file: &str) -> Error {
        Error::invalid(self.problem(Location::file(file)))
    }

    pub fn problem(self, location: Location) -> Problem {
        Problem::new(location, self.to_string(), self.hint())
    }
}

/// An io::Error carrying the limit gone over, so it survives readers (csv, zip, quick-xml)
/// that only pass io errors on.
pub fn io_error(limit: Limit) -> io::Error {
    io::Error::other(LimitError(limit))
}

#[derive(Debug)]
struct LimitError(Limit);

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for LimitError {}

/// The limit behind an io::Error made by [`io_error`], if it is one.
pub fn limit_of(e: &io::Error) -> Option<Limit> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<LimitError>())
        .map(|l| l.0)
}

/// The limit behind a csv error, if it is one.
pub fn csv_limit(e: &csv::Error) -> Option<Limit> {
    match e.kind() {
        csv::ErrorKind::Io(io) => limit_of(io),
        _ => None,
    }
}

/// Counts the bytes of one CSV record as they are read: the reading loop calls
/// [`RecordBudget::start`] after each record, and the reader fails once a record has taken
/// more than [`MAX_RECORD`] bytes (plus the csv reader's read-ahead).
#[derive(Debug, Clone, Default)]
pub struct RecordBudget(Rc<Cell<u64>>);

impl RecordBudget {
    /// A record has been read: the next one starts from nothing.
    pub fn start(&self) {
        self.0.set(0);
    }
}

/// What the csv readers read through: fails once more than `max` bytes in all, or one record
/// of more than [`MAX_RECORD`] bytes, have gone by.
pub struct Bounded<R> {
    inner: R,
    left: u64,
    max_mb: u64,
    record: RecordBudget,
    record_max: u64,
}

/// Read-ahead the csv reader may hold beyond the current record.
const READ_AHEAD: u64 = 1 << 17;

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, limits: &Limits) -> Self {
        Bounded {
            inner,
            left: limits.max_bytes,
            max_mb: limits.max_mb(),
            record: RecordBudget::default(),
            record_max: MAX_RECORD + READ_AHEAD,
        }
    }

    /// Only the total is limited (a workbook read into memory has no records).
    pub fn bytes_only(inner: R, limits: &Limits) -> Self {
        Bounded {
            record_max: u64::MAX,
            ..Bounded::new(inner, limits)
        }
    }

    pub fn budget(&self) -> RecordBudget {
        self.record.clone()
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.record.0.get() > self.record_max {
            return Err(io_error(Limit::Record));
        }
        // One byte past the limit tells "exactly at" from "over".
        let room = usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX);
        let n = buf.len().min(room);
        let read = self.inner.read(buf.get_mut(..n).unwrap_or_default())?;
        let read64 = read as u64;
        if read64 > self.left {
            return Err(io_error(Limit::InputBytes(self.max_mb)));
        }
        self.left -= read64;
        self.record
            .0
            .set(self.record.0.get().saturating_add(read64));
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_past_the_limit_fail_with_the_limit() {
        let limits = Limits { max_bytes: 10 };
        let mut ok = Vec::new();
        Bounded::new(&[b'a'; 10][..], &limits)
            .read_to_end(&mut ok)
            .unwrap();
        assert_eq!(ok.len(), 10);
        let e = Bounded::new(&[b'a'; 11][..], &limits)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert_eq!(limit_of(&e), Some(Limit::InputBytes(0)));
    }

    #[test]
    fn a_long_record_fails_unless_the_loop_starts_a_new_one() {
        let big = vec![b'a'; (MAX_RECORD + 2 * READ_AHEAD) as usize];
        let mut r = Bounded::new(big.as_slice(), &Limits::default());
        let e = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(limit_of(&e), Some(Limit::Record));

        let mut r = Bounded::new(big.as_slice(), &Limits::default());
        let budget = r.budget();
        let mut buf = vec![0; 4096];
        while r.read(&mut buf).unwrap() > 0 {
            budget.start();
        }
    }
}
