//! Reader for the figures schema (docs/formats-and-json.md; the bundled `data/figures.csv` and
//! every `figures --format csv` export). Every rule is checked here; every problem is reported with
//! its line and column, not just the first.

use crate::domain::Figure;
use crate::error::{Problem, Problems};
use crate::loader::limits::{self, Bounded, Limit, Limits, RecordBudget};
use std::collections::HashMap;
use std::io::Read;

use super::csv_input::InputWatch;

mod row;
use row::parse_row;

/// The columns of the figures schema, in the order exports write them.
pub const COLUMNS: [&str; 12] = [
    "id",
    "metric",
    "country",
    "period_start",
    "period_end",
    "value",
    "unit",
    "qualifier",
    "rounded_to",
    "stated_yoy_pct",
    "source",
    "note",
];

/// Columns a file may leave out altogether (their values are optional too).
pub const OPTIONAL_COLUMNS: [&str; 2] = ["stated_yoy_pct", "note"];

/// Optional columns after [`COLUMNS`]: the counts behind a rate (`rate_count` of `rate_base`)
/// and, for a cohort rate, the rest of the cohort. Exports write them; files written before
/// they existed load without them.
pub const RATE_COLUMNS: [&str; 5] = [
    "rate_count",
    "rate_base",
    "cohort_size",
    "cohort_awaiting",
    "cohort_withdrawn",
];

/// Columns `check --claim` writes after the figures schema: the verdict and its receipt. A
/// figures file read back ignores them (a verdict is output, never input), so the claims a
/// check read can be read again with `--data`.
pub const CHECK_COLUMNS: [&str; 21] = [
    "status",
    "data_value",
    "stated_low",
    "stated_high",
    "difference",
    "cutoffs",
    "reason",
    "release",
    "release_date",
    "release_url",
    "file",
    "sha256",
    "sheet",
    "statistics",
    "rows_first",
    "rows_last",
    "rows_count",
    "rows_are",
    "categories",
    "arithmetic",
    "releases",
];

/// Every column a figures file may have, in the order exports write them.
pub fn all_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().chain(RATE_COLUMNS.iter()).copied()
}

/// Problems listed before a file is given up on (see [`Problems`]): `validate` exists to
/// list them, so more than the official readers' 20.
const MAX_PROBLEMS: usize = 200;

/// Reads a whole figures file. Ok only when the file has no problem at all.
pub fn read_figures(file: &str, input: impl Read) -> Result<Vec<Figure>, Vec<Problem>> {
    read_bounded(file, input, &Limits::default())
}

/// [`read_figures`] under `limits` (input bytes, record length).
pub fn read_bounded(
    file: &str,
    input: impl Read,
    limits: &Limits,
) -> Result<Vec<Figure>, Vec<Problem>> {
    let input = Bounded::new(input, limits);
    let budget = input.budget();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(InputWatch::new(input));
    let mut problems = Problems::new(file, MAX_PROBLEMS);
    let mut figures = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut header: Option<Header> = None;
    let mut first_seen: HashMap<String, u64> = HashMap::new();
    // Problems found before the latest record: those after it are dropped if that record turns
    // out to be a quoted field running to the end of the file.
    let mut before_record = 0;
    let mut at_end = false;

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => {
                at_end = true;
                break;
            }
            Ok(true) => {}
            Err(e) => {
                at_end = failed(&e, &mut reader, &budget, &mut problems);
                break;
            }
        }
        budget.start();
        let line = match record.position() {
            Some(p) => reader.get_mut().record_line(p),
            None => 0,
        };
        before_record = problems.len();
        if is_blank(&record) {
            continue;
        }
        let Some(h) = &header else {
            match Header::parse(&record, line, &mut problems) {
                Some(h) => header = Some(h),
                None => {
                    // Was the header the whole rest of the file (an unclosed quote)?
                    at_end = matches!(reader.read_byte_record(&mut record), Ok(false));
                    break;
                }
            }
            continue;
        };
        // Duplicates are looked for even in rows with other problems, so one run reports all.
        duplicate_id(h, &record, line, &mut first_seen, &mut problems);
        if let Some(fig) = parse_row(h, &record, line, &mut problems) {
            figures.push(fig);
            if figures.len() as u64 > limits.max_figures() {
                let limit = Limit::Figures(limits.max_figures());
                problems.whole_file(limit.to_string(), limit.hint());
                break;
            }
        }
        if problems.is_full() {
            break;
        }
    }
    if at_end && let Some((line, column)) = reader.get_ref().unclosed_quote() {
        // The csv crate ends such a field silently at the end of input; what it made of the
        // last record is noise next to the real problem.
        problems.truncate(before_record);
        problems.at(
            line,
            Some(column),
            "quoted field is never closed: it runs from here to the end of the file",
            "add the closing '\"'; a '\"' inside a quoted field is written '\"\"'",
        );
    }
    if header.is_none() && problems.is_empty() {
        problems.at(
            1,
            None,
            "the file is empty",
            format!("expected a header row: {}", COLUMNS.join(",")),
        );
    }
    if problems.is_empty() {
        Ok(figures)
    } else {
        Err(problems.into_list())
    }
}

/// The csv reader failed on a record: a limit passed, a quote never closed (true: report that
/// as the file's end), or the input itself failing.
fn failed<R: Read>(
    e: &csv::Error,
    reader: &mut csv::Reader<InputWatch<R>>,
    budget: &RecordBudget,
    problems: &mut Problems,
) -> bool {
    if let Some(limit) = limits::csv_limit(e) {
        // An overlong record that is a quote never closed is reported as that.
        if reader.get_mut().never_closed(|| budget.start()).is_some() {
            return true;
        }
        problems.whole_file(limit.to_string(), limit.hint());
        return false;
    }
    // A byte record has no UTF-8 or length errors: this is the input failing.
    let what = match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => format!("unreadable CSV: {e}"),
    };
    let hint = "check that the path names a readable file";
    match e.position() {
        Some(p) => problems.at(p.line(), None, what, hint),
        None => problems.whole_file(what, hint),
    };
    false
}

/// An id already used on an earlier line is a problem; a new one is remembered.
fn duplicate_id(
    h: &Header,
    record: &csv::ByteRecord,
    line: u64,
    first_seen: &mut HashMap<String, u64>,
    problems: &mut Problems,
) {
    let id = h
        .index
        .get("id")
        .and_then(|i| record.get(*i))
        .and_then(|b| std::str::from_utf8(b).ok())
        .map(str::trim)
        .filter(|id| !id.is_empty() && record.len() == h.width);
    let Some(id) = id else {
        return;
    };
    match first_seen.get(id) {
        Some(first) => {
            let what = format!(
                "duplicate id '{}' (first used on line {first})",
                printable(id)
            );
            problems.at(line, h.column("id"), what, "every id must be unique");
        }
        None => {
            first_seen.insert(id.to_string(), line);
        }
    }
}

/// A record with no fields or a single blank field (an empty line, a trailing newline).
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.is_empty()
        || (record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty()))
}

/// Where each schema column sits in this file.
struct Header {
    index: HashMap<&'static str, usize>,
    width: usize,
}

impl Header {
    fn parse(record: &csv::ByteRecord, line: u64, problems: &mut Problems) -> Option<Header> {
        let known =
            |raw: &[u8]| std::str::from_utf8(raw).is_ok_and(|name| COLUMNS.contains(&name.trim()));
        let column = |name: &str| all_columns().find(|c| *c == name);
        if !record.iter().any(known) {
            // Not a figures header at all: one problem saying what the file seems to be beats
            // a list of every missing column.
            let (what, hint) = not_a_header(record);
            problems.at(line, Some(1), what, hint);
            return None;
        }
        let mut index = HashMap::new();
        let mut ok = true;
        for (i, raw) in record.iter().enumerate() {
            let col = i as u64 + 1;
            let name = match std::str::from_utf8(raw) {
                Ok(s) => s.trim(),
                Err(_) => {
                    problems.at(
                        line,
                        Some(col),
                        "header is not UTF-8 text",
                        "save the file as UTF-8 CSV",
                    );
                    ok = false;
                    continue;
                }
            };
            match column(name) {
                Some(c) if index.contains_key(c) => {
                    problems.at(
                        line,
                        Some(col),
                        format!("column '{name}' appears twice"),
                        "keep one",
                    );
                    ok = false;
                }
                Some(c) => {
                    index.insert(c, i);
                }
                None if CHECK_COLUMNS.contains(&name) => {}
                None if name.is_empty() => {
                    problems.at(
                        line,
                        Some(col),
                        "a column has no name",
                        "remove the extra comma, or name the column",
                    );
                    ok = false;
                }
                None => {
                    let hint = match name.find([';', '\t', '|']) {
                        Some(_) => {
                            "the header looks separated by something other than commas; use commas"
                                .to_string()
                        }
                        None => format!(
                            "known columns: {}",
                            all_columns().collect::<Vec<_>>().join(", ")
                        ),
                    };
                    problems.at(
                        line,
                        Some(col),
                        format!("unknown column '{}'", printable(name)),
                        hint,
                    );
                    ok = false;
                }
            }
        }
        for c in COLUMNS {
            if !index.contains_key(c) && !OPTIONAL_COLUMNS.contains(&c) {
                problems.at(
                    line,
                    None,
                    format!("missing column '{c}'"),
                    format!("the header must name: {}", COLUMNS.join(",")),
                );
                ok = false;
            }
        }
        ok.then_some(Header {
            index,
            width: record.len(),
        })
    }

    fn column(&self, name: &str) -> Option<u64> {
        self.index.get(name).map(|i| *i as u64 + 1)
    }
}

/// What a first row that names no figures column seems to be, and what to do about it.
fn not_a_header(record: &csv::ByteRecord) -> (String, String) {
    let first = record.get(0).unwrap_or_default();
    let expected = format!("expected a header row: {}", COLUMNS.join(","));
    if crate::loader::workbook::looks_like_workbook(first) {
        return (
            "this is a spreadsheet (ODS, XLSX or XLS), not a figures CSV".to_string(),
            "export it as CSV, or check that the file is complete".to_string(),
        );
    }
    if record.iter().any(|f| std::str::from_utf8(f).is_err()) {
        return (
            "the first line is not UTF-8 text".to_string(),
            format!("is this a binary file? {expected}"),
        );
    }
    if record.iter().any(|f| f.contains(&0)) {
        return (
            "the first line contains NUL bytes".to_string(),
            format!("is this a binary file? {expected}"),
        );
    }
    let text = String::from_utf8_lossy(first);
    if let Some(sep) = [';', '\t', '|'].into_iter().find(|c| text.contains(*c)) {
        return (
            format!(
                "the header is separated by '{}', not commas",
                sep.escape_debug()
            ),
            "save the file as comma-separated CSV".to_string(),
        );
    }
    (
        format!(
            "the first line names no figures column (it starts '{}')",
            printable(&text)
        ),
        expected,
    )
}

/// A number quoted back in a message: exponent form when plain digits would run long.
fn shown(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-6..1e15).contains(&a) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// Text quoted back in a message: escaped and cut short.
fn printable(s: &str) -> String {
    crate::sanitize::echo(s)
}
