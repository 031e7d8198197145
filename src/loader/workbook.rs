//! Spreadsheets (XLSX through calamine's streaming cell reader, ODS through [`super::ods`]):
//! open a workbook from its content (not its file name), stream a sheet's rows, find the header
//! row by column names, and read cells as text, numbers and dates. The official-file readers
//! are built on this.

use super::archive::{self, Archive};
use super::limits::{Limit, Limits, MAX_COLUMNS, MAX_LISTED, MAX_RECORD};
use super::ods::Ods;
use super::source::Source;
use crate::error::{Error, Location, Problem, Result};
use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::{Read, Seek, SeekFrom};

/// Zip (XLSX, ODS) magic number.
const ZIP: &[u8] = b"PK\x03\x04";
/// OLE compound file (XLS, and password-protected XLSX).
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Zip or OLE magic numbers: the file is a workbook, whatever its name.
pub fn looks_like_workbook(prefix: &[u8]) -> bool {
    prefix.starts_with(ZIP) || prefix.starts_with(OLE)
}

/// Sheet names reach every output (sources, footers, messages) and are matched after trimming:
/// one holding a control or invisible character (`SB_01` then NEL CR LF) is refused.
fn check_names(file: &str, names: &[String]) -> Result<()> {
    let bad = names.iter().enumerate().find_map(|(i, name)| {
        name.chars()
            .find(|c| crate::sanitize::needs_escape(*c))
            .map(|c| (i, name, c))
    });
    let Some((i, name, c)) = bad else {
        return Ok(());
    };
    let kind = if crate::sanitize::is_invisible(c) {
        "invisible"
    } else {
        "control"
    };
    Err(Error::invalid(Problem::new(
        Location::file(file),
        format!(
            "sheet {} is named '{}', which holds the {kind} character {}",
            i + 1,
            crate::sanitize::echo(name),
            crate::sanitize::escape(c.encode_utf8(&mut [0; 4]))
        ),
        "rename the sheet: no real sheet name holds one",
    )))
}

enum Book {
    Xlsx(Box<Xlsx<super::source::Seekable>>),
    Ods(Box<Ods>),
}

pub struct Workbook {
    pub file: String,
    limits: Limits,
    saved: Option<NaiveDate>,
    book: Book,
    names: Vec<String>,
}

impl Workbook {
    /// Opens a workbook by its content: a zip with the ODS MIME entry is ODS, with
    /// `xl/workbook.xml` XLSX; nothing else is read. An XLSX is verified whole (sizes, CRC-32,
    /// XML) before calamine opens it.
    pub fn open(source: Source) -> Result<Workbook> {
        let file = source.name.clone();
        let limits = source.limits;
        if source.head.starts_with(OLE) {
            return Err(Error::invalid(Problem::new(
                Location::file(&file),
                "this is an Excel 97-2003 (XLS) or password-protected workbook, which is not read",
                "save it as XLSX or ODS; the Home Office publishes both",
            )));
        }
        let mut zip = Archive::open(&file, source.seekable()?, limits)?;
        if zip.is_ods()? || (zip.has("content.xml") && !zip.has("xl/workbook.xml")) {
            let saved = saved_on(&mut zip, "meta.xml", "dc:date");
            let ods = Ods::open(zip)?;
            let names = ods.sheet_names().to_vec();
            check_names(&file, &names)?;
            return Ok(Workbook {
                file,
                limits,
                book: Book::Ods(Box::new(ods)),
                names,
                saved,
            });
        }
        if !zip.has("xl/workbook.xml") {
            return Err(archive::damaged(
                &file,
                "a zip file, but neither XLSX (no xl/workbook.xml) nor ODS",
            ));
        }
        zip.verify()?;
        let saved = saved_on(&mut zip, "docProps/core.xml", "dcterms:modified");
        let mut inner = zip.into_inner();
        inner
            .seek(SeekFrom::Start(0))
            .map_err(|e| archive::damaged(&file, &e.to_string()))?;
        let xlsx: Xlsx<_> =
            Xlsx::new(inner).map_err(|e| archive::damaged(&file, &e.to_string()))?;
        let names = xlsx.sheet_names();
        check_names(&file, &names)?;
        Ok(Workbook {
            file,
            limits,
            book: Book::Xlsx(Box::new(xlsx)),
            names,
            saved,
        })
    }

    /// The day the workbook was last saved, from its document properties (ODS `meta.xml`
    /// `dc:date`, XLSX `docProps/core.xml` `dcterms:modified`); None when it gives none.
    pub fn saved(&self) -> Option<NaiveDate> {
        self.saved
    }

    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// The sheet names for a message: quoted, at most [`MAX_LISTED`], then how many more.
    pub fn listed_sheets(&self) -> String {
        let mut shown: Vec<String> = self
            .names
            .iter()
            .take(MAX_LISTED)
            .map(|n| format!("'{}'", n.chars().take(40).collect::<String>()))
            .collect();
        if self.names.len() > MAX_LISTED {
            shown.push(format!("and {} more", self.names.len() - MAX_LISTED));
        }
        shown.join(", ")
    }

    /// Calls `each` with every row of sheet `name` in order: its 0-based row number and its cells
    /// from column A, until `each` returns Ok(false). Both formats are streamed with one row in
    /// memory at a time; non-empty cells are counted against the cell limit.
    pub fn rows(
        &mut self,
        name: &str,
        mut each: impl FnMut(u32, &[Data]) -> Result<bool>,
    ) -> Result<()> {
        let label = format!("{} [{name}]", self.file);
        let max_cells = self.limits.max_cells();
        let book = match &mut self.book {
            Book::Ods(ods) => return ods.rows(name, max_cells, &mut each),
            Book::Xlsx(book) => book,
        };
        let unreadable = |e: String| {
            Error::invalid(Problem::new(
                Location::file(label.clone()),
                format!(
                    "cannot read sheet: {}",
                    e.chars().take(200).collect::<String>()
                ),
                "the file may be damaged; download it again",
            ))
        };
        let mut cells = book
            .worksheet_cells_reader(name)
            .map_err(|e| unreadable(e.to_string()))?;
        let mut row: Vec<Data> = Vec::new();
        let mut at: Option<u32> = None;
        let mut count: u64 = 0;
        // Text in the row: each reference to a shared string is a copy of it.
        let mut text: u64 = 0;
        while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.to_string()))? {
            let (r, c) = cell.get_position();
            if at != Some(r) {
                if let Some(prev) = at
                    && !each(prev, &row)?
                {
                    return Ok(());
                }
                row.clear();
                text = 0;
                at = Some(r);
            }
            let value: Data = cell.get_value().clone().into();
            match &value {
                Data::Empty => continue,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    text += s.len() as u64;
                    if text > MAX_RECORD {
                        return Err(Limit::RowText.error(&label));
                    }
                }
                _ => {}
            }
            count += 1;
            if count > max_cells {
                return Err(Limit::Cells(max_cells).error(&label));
            }
            if c >= MAX_COLUMNS {
                return Err(Limit::Columns.error(&label));
            }
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, Data::Empty);
            }
            if let Some(slot) = row.get_mut(c) {
                *slot = value;
            }
        }
        if let Some(prev) = at {
            each(prev, &row)?;
        }
        Ok(())
    }
}

/// Where each expected column sits in a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index of the header row among the rows searched.
    pub row: usize,
    /// For each expected column name, its index; None when absent (optional columns).
    pub columns: Vec<Option<usize>>,
}

/// Finds the first of the first `search` rows that names every `required` column; `optional`
/// columns are located if present. Names compare trimmed and case-insensitively.
pub fn find_header<'a>(
    rows: impl Iterator<Item = &'a [Data]>,
    required: &[&str],
    optional: &[&str],
    search: usize,
) -> Option<Header> {
    rows.take(search).enumerate().find_map(|(i, row)| {
        let names: Vec<String> = row.iter().map(|c| text(c).trim().to_lowercase()).collect();
        let position = |want: &str| names.iter().position(|n| *n == want.to_lowercase());
        let mut columns = Vec::with_capacity(required.len() + optional.len());
        for want in required {
            columns.push(Some(position(want)?));
        }
        columns.extend(optional.iter().map(|want| position(want)));
        Some(Header { row: i, columns })
    })
}

/// The cell as text (numbers in their shortest form); empty for empty cells.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// A number cell, or text that reads as one (`1,234` included). None for `-`, blank or text.
pub fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(f) => Some(*f).filter(|f| f.is_finite()),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => {
            let s = s.trim().replace(',', "");
            s.parse::<f64>().ok().filter(|f| f.is_finite())
        }
        _ => None,
    }
}

/// Excel serial day numbers that are dates at all: 1 (1 January 1900) to 31 December 9999.
/// calamine's conversion panics outside a narrower span, so nothing else reaches it.
const SERIALS: std::ops::RangeInclusive<f64> = 1.0..=2_958_465.0;

/// A date cell (ODS ISO date, Excel serial date) or ISO text `YYYY-MM-DD[...]`.
pub fn date(cell: &Data) -> Option<NaiveDate> {
    match cell {
        Data::String(s) | Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        Data::DateTime(dt) if SERIALS.contains(&dt.as_f64()) => cell.as_date(),
        Data::Float(f) if SERIALS.contains(f) => cell.as_date(),
        Data::Int(i) if SERIALS.contains(&(*i as f64)) => cell.as_date(),
        _ => None,
    }
}

/// Document properties are a few hundred bytes; more is not read.
const MAX_PROPERTIES: u64 = 64 * 1024;

/// The date in the first `<tag>` of entry `part` (`2025-11-14T12:15:21Z` → 14 Nov 2025). The
/// properties are never a reason to refuse a workbook: anything unreadable gives None.
fn saved_on(zip: &mut Archive, part: &str, tag: &str) -> Option<NaiveDate> {
    let text = zip
        .with_entry(part, true, |r, _| {
            let mut buf = Vec::new();
            r.take(MAX_PROPERTIES).read_to_end(&mut buf)?;
            Ok(buf)
        })
        .ok()??;
    let text = String::from_utf8_lossy(&text);
    let open = format!("<{tag}");
    let start = text.find(&open)? + open.len();
    let value = &text[start..];
    let value = &value[value.find('>')? + 1..];
    let day = value.get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_found_below_a_title_row() {
        let rows = [
            vec![Data::String("Table Irr_D01: detections".into())],
            vec![
                Data::String("Year".into()),
                Data::String(" Quarter ".into()),
                Data::String("Nationality".into()),
            ],
        ];
        let h = find_header(
            rows.iter().map(|r| r.as_slice()),
            &["year", "Quarter"],
            &["Region", "Nationality"],
            5,
        );
        assert_eq!(
            h,
            Some(Header {
                row: 1,
                columns: vec![Some(0), Some(1), None, Some(2)]
            })
        );
        assert_eq!(
            find_header(rows.iter().map(|r| r.as_slice()), &["Date"], &[], 5),
            None
        );
    }

    #[test]
    fn cells_read_as_numbers_and_dates() {
        assert_eq!(number(&Data::Float(3.0)), Some(3.0));
        assert_eq!(number(&Data::String("1,234".into())), Some(1234.0));
        assert_eq!(number(&Data::String("-".into())), None);
        assert_eq!(number(&Data::Empty), None);
        assert_eq!(
            date(&Data::DateTimeIso("2018-01-01T00:00:00".into())),
            NaiveDate::from_ymd_opt(2018, 1, 1)
        );
        assert_eq!(
            date(&Data::String("2025-08-15".into())),
            NaiveDate::from_ymd_opt(2025, 8, 15)
        );
        assert!(looks_like_workbook(b"PK\x03\x04rest"));
        assert!(!looks_like_workbook(b"id,metric"));
    }
}
