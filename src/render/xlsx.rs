//! XLSX output through rust_xlsxwriter: one sheet named after the command holding the flat
//! grid (numbers as numbers, dates as dates, text as text, never a formula), and a Sources
//! sheet saying where the figures came from and under what licence.

use super::{Renderer, Report, ReportView, Typed};
use crate::error::{Error, Result};
use crate::sanitize;
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Excel holds at most this many characters in a cell.
const CELL_MAX: usize = 32_767;

pub struct XlsxRenderer;

impl Renderer for XlsxRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        let bytes = workbook(report).map_err(|e| Error::Output(std::io::Error::other(e)))?;
        out.extend_from_slice(&bytes);
        Ok(())
    }
}

fn workbook(report: &dyn ReportView) -> std::result::Result<Vec<u8>, XlsxError> {
    let grid = report.flat();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // Sheet names are unique regardless of case: `sources` would clash with the Sources sheet.
    let name = match report.command() {
        "sources" => "figure sources",
        command => command,
    };
    sheet.set_name(name)?;
    for (c, column) in (0u16..).zip(&grid.columns) {
        sheet.write_string_with_format(0, c, text(&column.name), &bold)?;
    }
    for (r, row) in (1u32..).zip(&grid.rows) {
        for (c, cell) in (0u16..).zip(row) {
            match cell.typed {
                Some(Typed::Number(v)) if v.is_finite() => {
                    sheet.write_number(r, c, v)?;
                }
                // Excel's dates start in 1900: an earlier day is written as its ISO text
                // rather than fail the whole file.
                Some(Typed::Date(d)) => match excel_date(d) {
                    Ok(day) => {
                        sheet.write_datetime_with_format(r, c, &day, &date)?;
                    }
                    Err(_) => {
                        sheet.write_string(r, c, d.to_string())?;
                    }
                },
                _ if cell.text.is_empty() => {}
                _ => {
                    sheet.write_string(r, c, text(&cell.text))?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    let sources = book.add_worksheet();
    sources.set_name("Sources")?;
    write_sources(sources, report, &bold)?;
    book.save_to_buffer()
}

fn excel_date(d: chrono::NaiveDate) -> std::result::Result<ExcelDateTime, XlsxError> {
    let month = u8::try_from(d.month()).unwrap_or(1);
    let day = u8::try_from(d.day()).unwrap_or(1);
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, month, day)
}

fn write_sources(
    sheet: &mut Worksheet,
    report: &dyn ReportView,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, "Field", bold)?;
    sheet.write_string_with_format(0, 1, "Value", bold)?;
    for (r, (field, value)) in (1u32..).zip(report.about()) {
        sheet.write_string(r, 0, text(&field))?;
        sheet.write_string(r, 1, text(&value))?;
    }
    sheet.autofit();
    Ok(())
}

/// Cell text: controls escaped (a note's line breaks kept), cut to what Excel holds.
fn text(s: &str) -> String {
    let escaped = sanitize::escape_keeping_line_breaks(s);
    sanitize::cap(&escaped, CELL_MAX).to_string()
}
