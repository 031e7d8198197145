//! CSV output: the flat grid, unrounded, with a header row.

use super::{Renderer, Report};
use crate::domain::text::FORMULA_STARTS;
use crate::error::{Error, Result};
use crate::sanitize;
use std::borrow::Cow;

/// The flat grid as RFC 4180 CSV with a header row.
pub struct CsvRenderer;

impl Renderer for CsvRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let grid = &report.flat();
        let io = |e: csv::Error| Error::Output(e.into());
        w.write_record(grid.columns.iter().map(|c| c.name.as_str()))
            .map_err(io)?;
        for row in &grid.rows {
            w.write_record(row.iter().map(|c| cell(&c.text).into_owned()))
                .map_err(io)?;
        }
        w.flush().map_err(Error::Output)?;
        Ok(())
    }
}

/// A cell as written. Text fields that start a formula or hold a control are refused on input,
/// so this changes only what no reader checks, such as a file name: controls other than a
/// note's line breaks (quoted, so the CSV reads back) are escaped, and text (not a number such
/// as `-700`) starting a formula gets the `'` a spreadsheet shows as text (OWASP's advice for
/// CSV injection).
fn cell(text: &str) -> Cow<'_, str> {
    let escaped = sanitize::escape_keeping_line_breaks(text);
    let formula = escaped.starts_with(FORMULA_STARTS) && escaped.parse::<f64>().is_err();
    if formula {
        Cow::Owned(format!("'{escaped}"))
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_carry_no_formula_and_no_control() {
        assert_eq!(cell("Iraq"), "Iraq");
        assert_eq!(cell("-700"), "-700");
        assert_eq!(cell("+14"), "+14");
        assert_eq!(cell("1.5e3"), "1.5e3");
        assert_eq!(cell("=HYPERLINK(\"x\").csv"), "'=HYPERLINK(\"x\").csv");
        assert_eq!(cell("@a.csv"), "'@a.csv");
        assert_eq!(cell("a\u{1b}[2J.csv"), "a\\u{1b}[2J.csv");
        assert_eq!(cell("two\r\nlines\n"), "two\r\nlines\n");
    }
}
