//! Spreadsheets (ODS, XLSX) through calamine: open a workbook from its content (not its file
//! name), find a sheet by name and the header row by column names, and read cells as text,
//! numbers and dates. The official-file readers are built on this.

use crate::error::{Error, Location, Problem, Result};
use calamine::{Data, DataType, Reader, Sheets};
use chrono::NaiveDate;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Zip (XLSX, ODS) or OLE (XLS) magic numbers: the file is a workbook, whatever its name.
pub fn looks_like_workbook(prefix: &[u8]) -> bool {
    prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The first bytes of a file, for sniffing its kind.
pub fn sniff(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let mut buf = Vec::with_capacity(8);
    File::open(path)
        .map_err(io)?
        .take(8)
        .read_to_end(&mut buf)
        .map_err(io)?;
    Ok(buf)
}

/// ODS stores its MIME type uncompressed as the first zip entry, so it shows in the first bytes.
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// calamine's `open_workbook_auto` trusts a known extension (an ODS named `.xlsx` fails); this
/// goes by the bytes: OLE → XLS, zip with the ODS MIME entry → ODS, other zip → XLSX, XLSB, ODS.
fn open_by_content(path: &Path) -> std::result::Result<Sheets<BufReader<File>>, calamine::Error> {
    use calamine::{Ods, Xls, Xlsb, Xlsx, open_workbook};
    let mut head = Vec::with_capacity(128);
    File::open(path)
        .and_then(|f| f.take(128).read_to_end(&mut head))
        .map_err(calamine::Error::Io)?;
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls);
    }
    if head.windows(ODS_MIME.len()).any(|w| w == ODS_MIME) {
        return open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods);
    }
    let xlsx = match open_workbook::<Xlsx<_>, _>(path) {
        Ok(book) => return Ok(Sheets::Xlsx(book)),
        Err(e) => e,
    };
    if let Ok(book) = open_workbook::<Xlsb<_>, _>(path) {
        return Ok(Sheets::Xlsb(book));
    }
    if let Ok(book) = open_workbook::<Ods<_>, _>(path) {
        return Ok(Sheets::Ods(book));
    }
    Err(calamine::Error::Xlsx(xlsx))
}

pub struct Workbook {
    pub file: String,
    sheets: Sheets<BufReader<File>>,
}

impl Workbook {
    pub fn open(path: &Path) -> Result<Workbook> {
        let file = path.display().to_string();
        let sheets = open_by_content(path).map_err(|e| {
            Error::invalid(Problem::new(
                Location::file(file.clone()),
                format!("not a readable spreadsheet: {e}"),
                "expected an ODS or XLSX file as published by the Home Office",
            ))
        })?;
        Ok(Workbook { file, sheets })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Calls `each` with every row of sheet `name` in order: its 0-based row number and its cells
    /// from column A, until `each` returns Ok(false). XLSX sheets are streamed from the file
    /// with one row in memory at a time (detailed datasets run to hundreds of thousands of
    /// rows); other formats are read whole by calamine first.
    pub fn rows(
        &mut self,
        name: &str,
        mut each: impl FnMut(u32, &[Data]) -> Result<bool>,
    ) -> Result<()> {
        let label = format!("{} [{name}]", self.file);
        let unreadable = |e: String| {
            Error::invalid(Problem::new(
                Location::file(label.clone()),
                format!("cannot read sheet: {e}"),
                "the file may be damaged; download it again",
            ))
        };
        if let Sheets::Xlsx(book) = &mut self.sheets {
            let mut cells = book
                .worksheet_cells_reader(name)
                .map_err(|e| unreadable(e.to_string()))?;
            let mut row: Vec<Data> = Vec::new();
            let mut at: Option<u32> = None;
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.to_string()))? {
                let (r, c) = cell.get_position();
                if at != Some(r) {
                    if let Some(prev) = at
                        && !each(prev, &row)?
                    {
                        return Ok(());
                    }
                    row.clear();
                    at = Some(r);
                }
                let c = c as usize;
                if row.len() <= c {
                    row.resize(c + 1, Data::Empty);
                }
                if let Some(slot) = row.get_mut(c) {
                    *slot = cell.get_value().clone().into();
                }
            }
            if let Some(prev) = at {
                each(prev, &row)?;
            }
            return Ok(());
        }
        let range = self
            .sheets
            .worksheet_range(name)
            .map_err(|e| unreadable(e.to_string()))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let pad = vec![Data::Empty; first_col as usize];
        for (i, cells) in range.rows().enumerate() {
            let r = first_row + i as u32;
            let go = if pad.is_empty() {
                each(r, cells)?
            } else {
                each(r, &[pad.as_slice(), cells].concat())?
            };
            if !go {
                break;
            }
        }
        Ok(())
    }

    /// The first sheet whose name `accept`s, with its cells.
    pub fn sheet(&mut self, accept: impl Fn(&str) -> bool) -> Result<Option<Sheet>> {
        let Some(name) = self.sheet_names().into_iter().find(|n| accept(n)) else {
            return Ok(None);
        };
        let range = self.sheets.worksheet_range(&name).map_err(|e| {
            Error::invalid(Problem::new(
                Location::file(format!("{} [{name}]", self.file)),
                format!("cannot read sheet: {e}"),
                "the file may be damaged; download it again",
            ))
        })?;
        Ok(Some(Sheet {
            file: self.file.clone(),
            name,
            range,
        }))
    }
}

/// One sheet's cells. Row numbers in messages are the spreadsheet's own (1-based).
pub struct Sheet {
    pub file: String,
    pub name: String,
    pub range: calamine::Range<Data>,
}

impl Sheet {
    /// Location of a cell, for messages: `file [sheet]:row:column`.
    pub fn location(&self, row: usize, col: Option<usize>) -> Location {
        let first_row = self.range.start().map_or(0, |(r, _)| r as usize);
        let first_col = self.range.start().map_or(0, |(_, c)| c as usize);
        Location::at(
            format!("{} [{}]", self.file, self.name),
            (first_row + row + 1) as u64,
            col.map(|c| (first_col + c + 1) as u64),
        )
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

/// A date cell (ODS ISO date, Excel serial date) or ISO text `YYYY-MM-DD[...]`.
pub fn date(cell: &Data) -> Option<NaiveDate> {
    match cell {
        Data::String(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        other => other.as_date(),
    }
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
