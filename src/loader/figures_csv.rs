//! Reader for the figures schema (docs/formats-and-json.md; the bundled `data/figures.csv` and
//! every `figures --format csv` export). Every rule is checked here; every problem is reported with
//! its line and column, not just the first.

use crate::domain::text::{self, TextKind};
use crate::domain::{
    Cohort, Figure, NOT_ROUNDED, Origin, Period, Qualifier, RateBase, Unit, is_valid_id,
    is_valid_metric,
};
use crate::error::{Location, Problem};
use crate::loader::limits::{self, Bounded, Limit, Limits};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Read;

use super::csv_input::InputWatch;

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

/// Every column a figures file may have, in the order exports write them.
pub fn all_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().chain(RATE_COLUMNS.iter()).copied()
}

/// More problems than this in one file are summarised, so a binary file does not flood stderr.
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
    let mut problems = Problems::new(file);
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
                if let Some(limit) = limits::csv_limit(&e) {
                    // An overlong record that is a quote never closed is reported as that.
                    if reader.get_mut().never_closed(|| budget.start()).is_some() {
                        at_end = true;
                    } else {
                        problems.push_file(limit.to_string(), limit.hint());
                    }
                    break;
                }
                // A byte record has no UTF-8 or length errors: this is the input failing.
                let what = match e.kind() {
                    csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
                    _ => format!("unreadable CSV: {e}"),
                };
                let hint = "check that the path names a readable file";
                match e.position() {
                    Some(p) => problems.push(p.line(), None, what, hint),
                    None => problems.push_file(what, hint),
                }
                break;
            }
        }
        budget.start();
        let line = match record.position() {
            Some(p) => reader.get_mut().record_line(p),
            None => 0,
        };
        before_record = problems.list.len();
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
        let id = h
            .index
            .get("id")
            .and_then(|i| record.get(*i))
            .and_then(|b| std::str::from_utf8(b).ok())
            .map(str::trim)
            .filter(|id| !id.is_empty() && record.len() == h.width);
        if let Some(id) = id {
            match first_seen.get(id) {
                Some(first) => problems.push(
                    line,
                    h.column("id"),
                    format!(
                        "duplicate id '{}' (first used on line {first})",
                        printable(id)
                    ),
                    "every id must be unique",
                ),
                None => {
                    first_seen.insert(id.to_string(), line);
                }
            }
        }
        if let Some(fig) = parse_row(h, &record, line, &mut problems) {
            figures.push(fig);
            if figures.len() as u64 > limits.max_figures() {
                let limit = Limit::Figures(limits.max_figures());
                problems.push_file(limit.to_string(), limit.hint());
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
        problems.list.truncate(before_record);
        problems.push(
            line,
            Some(column),
            "quoted field is never closed: it runs from here to the end of the file",
            "add the closing '\"'; a '\"' inside a quoted field is written '\"\"'",
        );
    }
    if header.is_none() && problems.is_empty() {
        problems.push(
            1,
            None,
            "the file is empty",
            format!("expected a header row: {}", COLUMNS.join(",")),
        );
    }
    if problems.is_empty() {
        Ok(figures)
    } else {
        Err(problems.finish())
    }
}

/// A record with no fields or a single blank field (an empty line, a trailing newline).
fn is_blank(record: &csv::ByteRecord) -> bool {
    record.is_empty()
        || (record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty()))
}

struct Problems {
    file: String,
    list: crate::error::Problems,
    /// Problems found after the list was full: counted, so a row's checks can tell whether
    /// they found anything.
    dropped: usize,
}

impl Problems {
    fn new(file: &str) -> Self {
        Problems {
            file: file.to_string(),
            list: crate::error::Problems::new(MAX_PROBLEMS),
            dropped: 0,
        }
    }

    fn push(
        &mut self,
        line: u64,
        column: Option<u64>,
        what: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.add(Location::at(self.file.clone(), line, column), what, hint);
    }

    /// A problem with the file as a whole, not one place in it.
    fn push_file(&mut self, what: impl Into<String>, hint: impl Into<String>) {
        self.add(Location::file(self.file.clone()), what, hint);
    }

    fn add(&mut self, at: Location, what: impl Into<String>, hint: impl Into<String>) {
        if self.list.is_full() {
            self.dropped += 1;
        } else {
            self.list.push(Problem::new(at, what, hint));
        }
    }

    fn is_full(&self) -> bool {
        self.list.is_full()
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn finish(self) -> Vec<Problem> {
        self.list.into_list(&self.file)
    }
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
            problems.push(line, Some(1), what, hint);
            return None;
        }
        let mut index = HashMap::new();
        let mut ok = true;
        for (i, raw) in record.iter().enumerate() {
            let col = i as u64 + 1;
            let name = match std::str::from_utf8(raw) {
                Ok(s) => s.trim(),
                Err(_) => {
                    problems.push(
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
                    problems.push(
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
                None if name.is_empty() => {
                    problems.push(
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
                    problems.push(
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
                problems.push(
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

/// Reads one row's fields, recording every problem; None if any.
fn parse_row(
    h: &Header,
    record: &csv::ByteRecord,
    line: u64,
    problems: &mut Problems,
) -> Option<Figure> {
    if record.len() != h.width {
        problems.push(
            line,
            None,
            format!(
                "row has {} fields, the header has {}",
                record.len(),
                h.width
            ),
            "check for a missing or extra comma, or an unclosed quote",
        );
        return None;
    }
    let before = problems.list.len() + problems.dropped;
    let mut row = Row {
        h,
        record,
        line,
        problems,
    };

    let id = row.text("id", true);
    if let Some(id) = &id
        && !is_valid_id(id)
    {
        row.fail(
            "id",
            format!("id '{}' is not of the form [a-z0-9-]+", printable(id)),
            "use lowercase letters, digits and '-'",
        );
    }
    let metric = row.text("metric", true);
    if let Some(m) = &metric
        && !is_valid_metric(m)
    {
        row.fail(
            "metric",
            format!("metric '{}' is not of the form [a-z0-9_]+", printable(m)),
            "use lowercase letters, digits and '_', e.g. small_boat_arrivals",
        );
    }
    let country = row.safe_text("country", true, TextKind::Name);
    let start = row.date("period_start");
    let end = row.date("period_end");
    let period = match (start, end) {
        (Some(s), Some(e)) => {
            let p = Period::new(s, e);
            if p.is_none() {
                row.fail(
                    "period_end",
                    format!("period_end {e} is before period_start {s}"),
                    "periods are inclusive: end on or after the start",
                );
            }
            p
        }
        _ => None,
    };
    let unit = row.choice("unit", &Unit::ALL, Unit::as_str);
    let qualifier = row.choice("qualifier", &Qualifier::ALL, Qualifier::as_str);
    let value = row.number("value");
    if let Some(v) = value {
        if v < 0.0 {
            row.fail(
                "value",
                format!("value {} is negative", shown(v)),
                "counts, rates and sums are never below 0",
            );
        } else if unit == Some(Unit::Percent) && v > 100.0 {
            row.fail(
                "value",
                format!("percent value {} is over 100", shown(v)),
                "give percentages as 0 to 100",
            );
        }
    }
    let rounded_to = row.number("rounded_to");
    if let Some(r) = rounded_to {
        if r < 0.0 {
            row.fail(
                "rounded_to",
                format!("rounded_to {} is negative", shown(r)),
                "give the step the value was rounded to, or 0 for an exact figure not rounded",
            );
        } else if r == NOT_ROUNDED && qualifier.is_some_and(|q| q != Qualifier::Exact) {
            // "Around" or "more than" with no rounding step would allow only the value itself.
            row.fail(
                "rounded_to",
                "rounded_to 0 (not rounded) is only for exact figures",
                "give the step the stated value was rounded to, e.g. 1000 for \"more than 27,000\"",
            );
        }
    }
    if let (Some(v), Some(r)) = (value, rounded_to)
        && !(v + r).is_finite()
    {
        // The stated range reaches v + r: it must be a number to compute with.
        row.fail(
            "rounded_to",
            format!(
                "value {} with rounded_to {} is too large to compute with",
                shown(v),
                shown(r)
            ),
            "check the value and its rounding",
        );
    }
    let stated_yoy_pct = row.optional_number("stated_yoy_pct");
    if let Some(Some(p)) = stated_yoy_pct
        && p <= -100.0
    {
        row.fail(
            "stated_yoy_pct",
            format!("stated_yoy_pct {} is a fall of 100% or more", shown(p)),
            "a count cannot fall by more than all of it",
        );
    }
    let source = row.safe_text("source", true, TextKind::Name);
    let note = row
        .safe_text("note", false, TextKind::Note)
        .filter(|n| !n.is_empty());
    let rate_base = rate_base(&mut row, value, unit, qualifier, rounded_to);

    if problems.list.len() + problems.dropped != before {
        return None;
    }
    Some(Figure {
        id: id?,
        metric: metric?,
        country: country?,
        period: period?,
        value: value?,
        unit: unit?,
        qualifier: qualifier?,
        rounded_to: rounded_to?,
        stated_yoy_pct: stated_yoy_pct.flatten(),
        source: source?,
        note,
        rate_base: rate_base?,
        origin: Origin {
            file: problems.file.clone(),
            line,
        },
    })
}

/// The optional rate columns: Some(None) when they are empty or absent, None on a problem.
/// The counts must give the value within its stated range, and a cohort must hold its base.
fn rate_base(
    row: &mut Row<'_>,
    value: Option<f64>,
    unit: Option<Unit>,
    qualifier: Option<Qualifier>,
    rounded_to: Option<f64>,
) -> Option<Option<RateBase>> {
    let count = row.optional_number("rate_count");
    let base = row.optional_number("rate_base");
    let size = row.optional_number("cohort_size");
    let awaiting = row.optional_number("cohort_awaiting");
    let withdrawn = row.optional_number("cohort_withdrawn");
    let (count, base, size, awaiting, withdrawn) = (count?, base?, size?, awaiting?, withdrawn?);
    for (c, v) in [
        ("rate_count", count),
        ("cohort_size", size),
        ("cohort_awaiting", awaiting),
        ("cohort_withdrawn", withdrawn),
    ] {
        if let Some(v) = v
            && v < 0.0
        {
            row.fail(
                c,
                format!("{c} {} is negative", shown(v)),
                "counts are never below 0",
            );
            return None;
        }
    }
    let cohort = match (size, awaiting, withdrawn) {
        (None, None, None) => None,
        (Some(size), Some(awaiting), Some(withdrawn)) => Some(Cohort {
            size,
            awaiting,
            withdrawn,
        }),
        _ => {
            row.fail(
                "cohort_size",
                "cohort_size, cohort_awaiting and cohort_withdrawn go together",
                "give all three, or leave all three empty",
            );
            return None;
        }
    };
    let (count, base) = match (count, base) {
        (None, None) if cohort.is_none() => return Some(None),
        (Some(c), Some(b)) => (c, b),
        _ => {
            row.fail(
                "rate_base",
                "rate_count and rate_base go together (and a cohort needs both)",
                "give the count and the base the rate is computed from, or neither",
            );
            return None;
        }
    };
    if unit != Some(Unit::Percent) {
        row.fail(
            "rate_base",
            "rate_count and rate_base are for percent figures",
            "leave them empty for counts, sums and ratios",
        );
        return None;
    }
    if base <= 0.0 || count > base {
        row.fail(
            "rate_base",
            format!(
                "rate_count {} of rate_base {} is not a rate",
                shown(count),
                shown(base)
            ),
            "the base is above 0 and at least the count",
        );
        return None;
    }
    let rate = RateBase {
        count,
        base,
        cohort,
    };
    if let (Some(v), Some(q), Some(r), Some(u)) = (value, qualifier, rounded_to, unit) {
        let range = crate::domain::stated_range(v, q, r, u);
        let p = rate.percent();
        // Tolerance for the shortest decimal an export writes.
        if p < range.low - 1e-9 || p > range.high + 1e-9 {
            row.fail(
                "value",
                format!(
                    "value {} does not match rate_count {} of rate_base {} ({})",
                    shown(v),
                    shown(count),
                    shown(base),
                    shown(p)
                ),
                "the value of a rate is 100 × rate_count ÷ rate_base",
            );
            return None;
        }
    }
    if let Some(c) = cohort
        && c.size + 1e-9 < base + c.awaiting + c.withdrawn
    {
        row.fail(
            "cohort_size",
            format!(
                "cohort_size {} is less than rate_base + cohort_awaiting + cohort_withdrawn",
                shown(c.size)
            ),
            "the cohort holds everyone decided, awaiting or withdrawn",
        );
        return None;
    }
    Some(Some(rate))
}

/// One record being read, with the problems it adds to.
struct Row<'a> {
    h: &'a Header,
    record: &'a csv::ByteRecord,
    line: u64,
    problems: &'a mut Problems,
}

impl Row<'_> {
    fn fail(&mut self, column: &str, what: impl Into<String>, hint: impl Into<String>) {
        let col = self.h.column(column);
        self.problems.push(self.line, col, what, hint);
    }

    /// The field's text; None for an absent optional column. Problems for bad bytes and,
    /// when `required`, for an empty field.
    fn text(&mut self, column: &str, required: bool) -> Option<String> {
        let i = *self.h.index.get(column)?;
        let raw = self.record.get(i).unwrap_or_default();
        let Ok(s) = std::str::from_utf8(raw) else {
            self.fail(
                column,
                format!("{column} is not valid UTF-8"),
                "save the file as UTF-8 CSV",
            );
            return None;
        };
        if s.contains('\0') {
            self.fail(
                column,
                format!("{column} contains a NUL byte"),
                "is this a binary file?",
            );
            return None;
        }
        if required && s.trim().is_empty() {
            self.fail(
                column,
                format!("{column} is empty"),
                "this column is required",
            );
            return None;
        }
        Some(s.trim().to_string())
    }

    /// A text field shown to people and written back to CSV: refused when it holds a control
    /// character or starts a spreadsheet formula (see [`crate::domain::text`]).
    fn safe_text(&mut self, column: &str, required: bool, kind: TextKind) -> Option<String> {
        let s = self.text(column, required)?;
        match text::check(column, kind, &s) {
            Ok(()) => Some(s),
            Err(refusal) => {
                self.fail(column, refusal.what, refusal.hint);
                None
            }
        }
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let s = self.text(column, true)?;
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            self.fail(
                column,
                format!(
                    "{column} '{}' is not a date of the form YYYY-MM-DD",
                    printable(&s)
                ),
                "write dates as ISO, e.g. 2025-08-15",
            );
            return None;
        }
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(
                    column,
                    format!("{column} '{s}' is not a real date"),
                    "check the day and month",
                );
                None
            }
        }
    }

    fn parse_number(&mut self, column: &str, s: &str) -> Option<f64> {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            Ok(_) => {
                self.fail(
                    column,
                    format!("{column} '{}' is not a finite number", printable(s)),
                    "write a plain number such as 27000",
                );
                None
            }
            Err(_) => {
                self.fail(
                    column,
                    format!("{column} '{}' is not a number", printable(s)),
                    "write a plain number such as 27000, without separators or units",
                );
                None
            }
        }
    }

    fn number(&mut self, column: &str) -> Option<f64> {
        let s = self.text(column, true)?;
        self.parse_number(column, &s)
    }

    /// Outer None: a problem; Some(None): left empty or column absent.
    fn optional_number(&mut self, column: &str) -> Option<Option<f64>> {
        if !self.h.index.contains_key(column) {
            return Some(None);
        }
        let s = self.text(column, false)?;
        if s.is_empty() {
            return Some(None);
        }
        self.parse_number(column, &s).map(Some)
    }

    fn choice<T: Copy>(
        &mut self,
        column: &str,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<T> {
        let s = self.text(column, true)?;
        let found = all.iter().copied().find(|v| name(*v) == s);
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            self.fail(
                column,
                format!("unknown {column} '{}'", printable(&s)),
                format!("use one of: {}", names.join(", ")),
            );
        }
        found
    }
}
