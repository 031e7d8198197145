//! XLSX output through rust_xlsxwriter: one sheet named after the command holding the flat
//! grid, and a Sources sheet saying where the figures came from and under what licence.
//!
//! What a spreadsheet user can trust: every number is a number cell (thousands separators,
//! `#,##0`), every day a date cell (`yyyy-mm-dd`), every moment a date-time cell (UTC), every
//! yes/no a TRUE/FALSE boolean, text is text and never a formula. A percent column (a name
//! ending `_pct` or holding `percent`) holds the fraction Excel expects, 0.188 shown as
//! `18.8%`, where CSV and JSON hold percentage points (18.8). The header row is bold, frozen
//! and has a filter; columns are as wide as their contents, within bounds.

use super::{Cell, Renderer, Report, ReportView, Typed};
use crate::error::{Error, Result};
use crate::sanitize;
use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Excel holds at most this many characters in a cell.
const CELL_MAX: usize = 32_767;
/// Column widths, in characters: no narrower (room for the filter button), no wider (a long
/// note wraps rather than push every other column off screen).
const WIDTH_MIN: usize = 6;
const WIDTH_MAX: usize = 60;
/// The filter button takes about this many characters beside a header's name.
const FILTER_BUTTON: usize = 3;

pub struct XlsxRenderer;

impl Renderer for XlsxRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        let bytes = workbook(report).map_err(|e| Error::Output(std::io::Error::other(e)))?;
        out.extend_from_slice(&bytes);
        Ok(())
    }
}

/// The cell formats, made once.
struct Formats {
    header: Format,
    integer: Format,
    decimal: Format,
    percent: Format,
    date: Format,
    moment: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new().set_bold(),
            integer: Format::new().set_num_format("#,##0"),
            // Up to three decimals shown; the cell keeps every digit.
            decimal: Format::new().set_num_format("#,##0.0##"),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            moment: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// A percent column by its name: CSV and JSON hold percentage points there.
pub fn is_percent_column(name: &str) -> bool {
    name.ends_with("_pct") || name.contains("percent")
}

fn workbook(report: &dyn ReportView) -> std::result::Result<Vec<u8>, XlsxError> {
    let grid = report.flat();
    let formats = Formats::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // Sheet names are unique regardless of case: `sources` would clash with the Sources sheet.
    let name = match report.command() {
        "sources" => "figure sources",
        command => command,
    };
    sheet.set_name(name)?;
    let mut widths: Vec<usize> = Vec::with_capacity(grid.columns.len());
    for (c, column) in (0u16..).zip(&grid.columns) {
        sheet.write_string_with_format(0, c, text(&column.name), &formats.header)?;
        widths.push(column.name.chars().count() + FILTER_BUTTON);
    }
    for (r, row) in (1u32..).zip(&grid.rows) {
        for ((c, cell), column) in (0u16..).zip(row).zip(&grid.columns) {
            let percent = is_percent_column(&column.name);
            let shown = write_cell(sheet, r, c, cell, percent, &formats)?;
            if let Some(w) = widths.get_mut(usize::from(c)) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in (0u16..).zip(&widths) {
        let w = (*w).clamp(WIDTH_MIN, WIDTH_MAX);
        sheet.set_column_width(c, w as f64 + 1.0)?;
    }
    let last_row = u32::try_from(grid.rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(grid.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    if !grid.columns.is_empty() {
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let sources = book.add_worksheet();
    sources.set_name("Sources")?;
    write_sources(sources, report, &formats)?;
    book.save_to_buffer()
}

/// Writes one cell in its type and format; returns the characters it shows, for its width.
fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    percent: bool,
    f: &Formats,
) -> std::result::Result<usize, XlsxError> {
    match cell.typed {
        Some(Typed::Number(v)) if v.is_finite() => {
            let (value, format, shown) = if percent {
                (v / 100.0, &f.percent, format!("{v:.1}%"))
            } else if v.fract() == 0.0 && v.abs() < 1e15 {
                (v, &f.integer, super::human::grouped(v, 0))
            } else {
                (v, &f.decimal, super::human::grouped(v, 3))
            };
            sheet.write_number_with_format(r, c, value, format)?;
            Ok(shown.chars().count())
        }
        // Excel's dates start in 1900: an earlier day is written as its ISO text rather than
        // fail the whole file.
        Some(Typed::Date(d)) => {
            match excel_date(d) {
                Ok(day) => sheet.write_datetime_with_format(r, c, &day, &f.date)?,
                Err(_) => sheet.write_string(r, c, d.to_string())?,
            };
            Ok(10)
        }
        Some(Typed::DateTime(at)) => {
            match excel_moment(at) {
                Ok(moment) => sheet.write_datetime_with_format(r, c, &moment, &f.moment)?,
                Err(_) => sheet.write_string(r, c, text(&cell.text))?,
            };
            Ok(19)
        }
        Some(Typed::Bool(v)) => {
            sheet.write_boolean(r, c, v)?;
            Ok(5)
        }
        _ if cell.text.is_empty() => Ok(0),
        _ => {
            let t = text(&cell.text);
            let longest = t.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if longest > WIDTH_MAX || t.contains('\n') {
                sheet.write_string_with_format(r, c, t, &f.wrap)?;
            } else {
                sheet.write_string(r, c, t)?;
            }
            Ok(longest)
        }
    }
}

fn excel_date(d: chrono::NaiveDate) -> std::result::Result<ExcelDateTime, XlsxError> {
    let month = u8::try_from(d.month()).unwrap_or(1);
    let day = u8::try_from(d.day()).unwrap_or(1);
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, month, day)
}

fn excel_moment(at: chrono::NaiveDateTime) -> std::result::Result<ExcelDateTime, XlsxError> {
    let hour = u16::try_from(at.hour()).unwrap_or(0);
    let minute = u8::try_from(at.minute()).unwrap_or(0);
    let second = f64::from(at.second());
    excel_date(at.date())?.and_hms(hour, minute, second)
}

fn write_sources(
    sheet: &mut Worksheet,
    report: &dyn ReportView,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, "Field", &f.header)?;
    sheet.write_string_with_format(0, 1, "Value", &f.header)?;
    let mut widths = [5, 5];
    for (r, (field, value)) in (1u32..).zip(report.about()) {
        sheet.write_string(r, 0, text(&field))?;
        sheet.write_string_with_format(r, 1, text(&value), &f.wrap)?;
        widths[0] = widths[0].max(field.chars().count());
        widths[1] = widths[1].max(value.chars().count());
    }
    sheet.set_column_width(0, widths[0].clamp(WIDTH_MIN, WIDTH_MAX) as f64 + 1.0)?;
    // The values are sentences: wide enough to read, wrapped beyond.
    sheet.set_column_width(1, widths[1].clamp(WIDTH_MIN, 100) as f64 + 1.0)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Cell text: controls escaped (a note's line breaks kept), cut to what Excel holds.
fn text(s: &str) -> String {
    let escaped = sanitize::escape_keeping_line_breaks(s);
    sanitize::cap(&escaped, CELL_MAX).to_string()
}
