//! OpenDocument spreadsheets, read by our own streaming reader of `content.xml` rather than
//! calamine's: calamine builds every sheet as a dense range (a repeat count of 16,384 columns
//! times 1,048,576 rows is asked for in full) and loops forever on some truncated files.
//! Here one row is in memory at a time, empty repeats cost nothing, non-empty repeats are
//! counted against the cell limit before they are handed on, text is bounded as it grows,
//! and the XML must be well formed to its end.

use super::archive::{Archive, xml_reader};
use super::limits::{Limit, MAX_COLUMNS, MAX_RECORD, MAX_ROWS, MAX_TEXT};
use super::ods_pass::Pass;
use super::xml_check::MAX_SHEETS;
use crate::error::{Error, Location, Problem, Result};
use calamine::Data;
use quick_xml::events::{BytesStart, Event};
use std::io::{self, BufRead};

pub(super) const CONTENT: &str = "content.xml";
/// Elements open at once; real files nest about 8 deep.
const MAX_DEPTH: usize = 256;

pub struct Ods {
    file: String,
    /// The archive, while no pass over its content is under way.
    archive: Option<Archive>,
    /// The pass under way: the sheets are read in one walk of `content.xml`.
    pass: Option<Pass>,
    /// Walks of `content.xml` started for rows (one for sheets read in order).
    passes: usize,
    names: Vec<String>,
}

/// Why reading stopped early: the caller's error (or its end), or the file's.
pub(super) enum Stop {
    Caller(Error),
    Malformed(String),
    Limit(Limit),
}

impl Ods {
    /// Reads `content.xml` once to its end: the sheet names, and a check that the XML is
    /// whole (a truncated file is refused here, not half-read).
    pub fn open(mut archive: Archive) -> Result<Ods> {
        let mut names = Vec::new();
        let file = archive.file.clone();
        let outcome = archive.with_entry(CONTENT, true, |r, _| {
            Ok(walk(
                r,
                Want::Names,
                &mut |_, _| Ok(true),
                &mut names,
                u64::MAX,
            ))
        })?;
        match outcome {
            None => Err(Error::invalid(Problem::new(
                Location::file(&file),
                "the spreadsheet has no content.xml",
                "expected an ODS file as published by the Home Office; it may be damaged",
            ))),
            Some(Err(stop)) => Err(stop_error(stop, &file)),
            Some(Ok(())) => Ok(Ods {
                file,
                archive: Some(archive),
                pass: None,
                passes: 0,
                names,
            }),
        }
    }

    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// Calls `each` with every non-empty row of sheet `name` (0-based row number, cells from
    /// column A) until it returns Ok(false). Sheets read in document order share one walk of
    /// `content.xml` ([`Pass`]); a sheet behind the walk starts another.
    pub fn rows(
        &mut self,
        name: &str,
        max_cells: u64,
        each: &mut dyn FnMut(u32, &[Data]) -> Result<bool>,
    ) -> Result<()> {
        let label = format!("{} [{name}]", self.file);
        let archive = match (self.pass.take(), self.archive.take()) {
            (Some(pass), _) if pass.ahead(name) => Err(pass),
            (Some(pass), _) => Ok(pass.finish(&self.file)?),
            (None, Some(archive)) => Ok(archive),
            (None, None) => {
                return Err(Error::invalid(Problem::new(
                    Location::file(&label),
                    "the sheet cannot be read: an earlier read of this file failed",
                    "the file may be damaged; download it again",
                )));
            }
        };
        let mut pass = match archive {
            Err(pass) => pass,
            Ok(archive) => {
                self.passes += 1;
                Pass::start(archive, max_cells)?
            }
        };
        let read = pass.rows(name, &label, each);
        self.pass = Some(pass);
        read
    }
}

pub(super) fn stop_error(stop: Stop, file: &str) -> Error {
    match stop {
        Stop::Caller(e) => e,
        Stop::Limit(l) => l.error(file),
        Stop::Malformed(what) => Error::invalid(Problem::new(
            Location::file(file),
            format!("content.xml is not a readable spreadsheet: {what}"),
            "the file is damaged or incomplete; download it again",
        )),
    }
}

/// State of the row being read.
#[derive(Default)]
struct Row {
    cells: Vec<Data>,
    /// Bytes of text in `cells`, bounded so a long text repeated across columns cannot
    /// multiply into gigabytes.
    text: u64,
    /// Empty cells seen since the last non-empty one: added only if one follows.
    pending_empty: u64,
    repeat: u64,
}

/// The cell being read.
struct Cell {
    value: Data,
    text: String,
    /// `text:p` paragraphs seen, to join them with line breaks.
    paragraphs: usize,
    repeat: u64,
    /// Depth inside an annotation, whose text is not the cell's.
    skip: usize,
}

/// Which tables [`walk`] hands rows on from.
#[derive(Clone, Copy)]
pub(super) enum Want {
    /// None: only the names are collected.
    Names,
    /// Every table the caller takes: each starts with a call with row [`TABLE_START`] and its
    /// name as the one cell (Ok(true): read it, Ok(false): pass over it), and a table read
    /// ends with a call with row [`TABLE_END`] and no cells. Ok(false) for a row passes over
    /// the rest of that table.
    All,
}

/// The row numbers of the calls that start and end a table in [`Want::All`] (beyond any row).
pub(super) const TABLE_START: u32 = u32::MAX - 1;
pub(super) const TABLE_END: u32 = u32::MAX;

/// Streams the XML. Emits the rows of the tables `want` names; always collects sheet names and
/// reads to the end unless stopped. Cells are counted against `max_cells` per table.
pub(super) fn walk(
    r: &mut dyn BufRead,
    want: Want,
    each: &mut dyn FnMut(u32, &[Data]) -> Result<bool>,
    names: &mut Vec<String>,
    max_cells: u64,
) -> std::result::Result<(), Stop> {
    let mut reader = xml_reader(r);
    let mut buf = Vec::new();
    let mut w = Walk {
        want,
        each,
        names,
        max_cells,
        depth: 0,
        table: None,
        row_no: 0,
        row: None,
        cell: None,
        emitted: 0,
        tables: 0,
    };
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(quick_xml::Error::Io(e)) => {
                return Err(match super::limits::limit_of(&e) {
                    Some(l) => Stop::Limit(l),
                    None => Stop::Malformed(e.to_string()),
                });
            }
            Err(e) => return Err(Stop::Malformed(e.to_string())),
        };
        match &event {
            Event::Start(e) => w.start(e, false)?,
            Event::Empty(e) => w.start(e, true)?,
            Event::End(e) => w.end(e)?,
            Event::Eof => break,
            other => w.content(other)?,
        }
    }
    if w.depth != 0 {
        return Err(Stop::Malformed(
            "the XML ends before its elements are closed".into(),
        ));
    }
    Ok(())
}

/// Where [`walk`] is in the XML, and what it hands rows to.
struct Walk<'a> {
    want: Want,
    each: &'a mut dyn FnMut(u32, &[Data]) -> Result<bool>,
    names: &'a mut Vec<String>,
    max_cells: u64,
    depth: usize,
    /// Inside the wanted table (its depth), and the next row number there.
    table: Option<usize>,
    row_no: u64,
    row: Option<Row>,
    cell: Option<Cell>,
    emitted: u64,
    /// Tables seen: each name is kept, so their number is bounded.
    tables: u64,
}

impl Walk<'_> {
    /// An element opens (or, `empty`, opens and closes).
    fn start(&mut self, e: &BytesStart, empty: bool) -> std::result::Result<(), Stop> {
        if !empty {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(Stop::Malformed(format!(
                    "nested more than {MAX_DEPTH} deep"
                )));
            }
        }
        let local = e.local_name();
        let local = local.as_ref();
        if let Some(c) = &mut self.cell {
            return cell_start(c, local, e, empty);
        }
        match local {
            "table" if self.tables >= MAX_SHEETS => {
                return Err(Stop::Malformed(format!(
                    "it holds more than {MAX_SHEETS} tables"
                )));
            }
            "table" if empty => self.tables += 1,
            "table" if self.table.is_none() => {
                self.tables += 1;
                let name = attr(e, "name").unwrap_or_default();
                let wanted = match self.want {
                    Want::Names => false,
                    Want::All => (self.each)(TABLE_START, &[Data::String(name.clone())])
                        .map_err(Stop::Caller)?,
                };
                if wanted {
                    self.table = Some(self.depth);
                    self.row_no = 0;
                    self.emitted = 0;
                }
                self.names.push(name);
            }
            "table-row" if self.table.is_some() => {
                let r = Row {
                    repeat: repeat(e, "number-rows-repeated")?,
                    ..Row::default()
                };
                if empty {
                    self.row_no = self.row_no.saturating_add(r.repeat);
                } else {
                    self.row = Some(r);
                }
            }
            "table-cell" | "covered-table-cell" if self.row.is_some() => {
                let c = new_cell(e)?;
                if empty {
                    if let Some(r) = &mut self.row {
                        add_cell(r, c.value, c.repeat)?;
                    }
                } else {
                    self.cell = Some(c);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Text, CDATA and character references: a cell's text, outside its annotations.
    fn content(&mut self, event: &Event) -> std::result::Result<(), Stop> {
        let Some(c) = self.cell.as_mut().filter(|c| c.skip == 0) else {
            return Ok(());
        };
        match event {
            Event::Text(t) if c.paragraphs > 0 => push_text(&mut c.text, &t.xml10_content()),
            Event::CData(t) if c.paragraphs > 0 => push_text(&mut c.text, t.as_ref()),
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(ch)) => Some(ch),
                    Ok(None) => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(e) => return Err(Stop::Malformed(e.to_string())),
                };
                match ch {
                    Some(ch) => push_text(&mut c.text, ch.encode_utf8(&mut [0; 4])),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    /// An element closes.
    fn end(&mut self, e: &quick_xml::events::BytesEnd) -> std::result::Result<(), Stop> {
        self.depth = self.depth.saturating_sub(1);
        let local = e.local_name();
        let local = local.as_ref();
        if let Some(c) = &mut self.cell {
            if c.skip > 0 {
                c.skip -= 1;
                return Ok(());
            }
            if matches!(local, "table-cell" | "covered-table-cell") {
                let c = self.cell.take().map(finish_cell);
                if let (Some(r), Some((value, n))) = (&mut self.row, c) {
                    add_cell(r, value, n)?;
                }
            }
            return Ok(());
        }
        match local {
            "table-row" => self.row_end(),
            "table" if self.table.is_some_and(|d| d == self.depth + 1) => {
                self.table = None;
                (self.each)(TABLE_END, &[]).map_err(Stop::Caller)?;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A row ends: it is handed on once for each row it repeats.
    fn row_end(&mut self) -> std::result::Result<(), Stop> {
        let Some(r) = self.row.take() else {
            return Ok(());
        };
        let at = self.row_no;
        self.row_no = self.row_no.saturating_add(r.repeat);
        if r.cells.is_empty() {
            return Ok(());
        }
        let filled = r.cells.iter().filter(|c| !matches!(c, Data::Empty)).count() as u64;
        self.emitted = self.emitted.saturating_add(filled.saturating_mul(r.repeat));
        if self.emitted > self.max_cells {
            return Err(Stop::Limit(Limit::Cells(self.max_cells)));
        }
        for i in 0..r.repeat {
            let n = at + i;
            if n >= u64::from(MAX_ROWS) {
                return Err(Stop::Limit(Limit::Rows));
            }
            match (self.each)(n as u32, &r.cells) {
                Ok(true) => {}
                Ok(false) => {
                    self.table = None;
                    break;
                }
                Err(e) => return Err(Stop::Caller(e)),
            }
        }
        Ok(())
    }
}

/// An element opens inside a cell: paragraphs, spaces, tabs and line breaks are its text; an
/// annotation's is not.
fn cell_start(
    c: &mut Cell,
    local: &str,
    e: &BytesStart,
    empty: bool,
) -> std::result::Result<(), Stop> {
    if c.skip > 0 {
        if !empty {
            c.skip += 1;
        }
        return Ok(());
    }
    match local {
        "annotation" if !empty => c.skip = 1,
        "p" | "h" => {
            if c.paragraphs > 0 {
                push_text(&mut c.text, "\n")?;
            }
            c.paragraphs += 1;
        }
        "s" => {
            let n = attr(e, "c")
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(1);
            if n > MAX_TEXT as u64 {
                return Err(Stop::Limit(Limit::Text));
            }
            push_text(&mut c.text, &" ".repeat(n as usize))?;
        }
        "tab" => push_text(&mut c.text, "\t")?,
        "line-break" => push_text(&mut c.text, "\n")?,
        _ => {}
    }
    Ok(())
}

fn push_text(text: &mut String, more: &str) -> std::result::Result<(), Stop> {
    if text.len() + more.len() > MAX_TEXT {
        return Err(Stop::Limit(Limit::Text));
    }
    text.push_str(more);
    Ok(())
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// A repeat count: 1 when absent; refused when it is not a number at all.
fn repeat(e: &BytesStart, name: &str) -> std::result::Result<u64, Stop> {
    match attr(e, name) {
        None => Ok(1),
        Some(v) => match v.trim().parse::<u64>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Stop::Malformed(format!(
                "repeat count '{}' is not a whole number",
                v.chars().take(20).collect::<String>()
            ))),
        },
    }
}

fn new_cell(e: &BytesStart) -> std::result::Result<Cell, Stop> {
    let repeat = repeat(e, "number-columns-repeated")?;
    let value = match attr(e, "value-type").as_deref() {
        Some("float" | "percentage" | "currency") => match attr(e, "value") {
            Some(v) => v.trim().parse::<f64>().map_or(Data::Empty, Data::Float),
            None => Data::Empty,
        },
        Some("date") => attr(e, "date-value").map_or(Data::Empty, Data::DateTimeIso),
        Some("time") => attr(e, "time-value").map_or(Data::Empty, Data::DurationIso),
        Some("boolean") => Data::Bool(attr(e, "boolean-value").as_deref() == Some("true")),
        _ => Data::Empty,
    };
    if let Data::DateTimeIso(s) | Data::DurationIso(s) = &value
        && s.len() > 64
    {
        return Err(Stop::Malformed("a date value is not a date".into()));
    }
    Ok(Cell {
        value,
        text: String::new(),
        paragraphs: 0,
        repeat,
        skip: 0,
    })
}

/// The cell's value (typed value first, else its text) and repeat count.
fn finish_cell(c: Cell) -> (Data, u64) {
    let value = match c.value {
        Data::Empty if !c.text.is_empty() => Data::String(c.text),
        other => other,
    };
    (value, c.repeat)
}

fn add_cell(row: &mut Row, value: Data, n: u64) -> std::result::Result<(), Stop> {
    if matches!(value, Data::Empty) {
        row.pending_empty = row.pending_empty.saturating_add(n);
        return Ok(());
    }
    let width = (row.cells.len() as u64)
        .saturating_add(row.pending_empty)
        .saturating_add(n);
    if width > u64::from(MAX_COLUMNS) {
        return Err(Stop::Limit(Limit::Columns));
    }
    let text = match &value {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len() as u64,
        _ => 0,
    };
    row.text = row.text.saturating_add(text.saturating_mul(n));
    if row.text > MAX_RECORD {
        return Err(Stop::Limit(Limit::RowText));
    }
    let pending = row.pending_empty as usize;
    row.cells.resize(row.cells.len() + pending, Data::Empty);
    row.pending_empty = 0;
    for _ in 1..n {
        row.cells.push(value.clone());
    }
    row.cells.push(value);
    Ok(())
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        match super::limits::limit_of(&e) {
            Some(l) => Stop::Limit(l),
            None => Stop::Malformed(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests;
