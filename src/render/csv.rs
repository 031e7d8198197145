//! CSV output: the flat rows, unrounded, with a header row, written field by field as the
//! command makes them (no grid of strings in between).

use super::{FlatSink, Renderer, Report};
use crate::domain::text::FORMULA_STARTS;
use crate::error::{Error, Result};
use crate::sanitize;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The flat rows as RFC 4180 CSV with a header row.
pub struct CsvRenderer;

impl Renderer for CsvRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        let mut sink = CsvSink {
            writer: csv::Writer::from_writer(out),
            number: String::new(),
            error: None,
        };
        report.write_flat(&mut sink);
        if let Some(e) = sink.error {
            return Err(Error::Output(e.into()));
        }
        sink.writer.flush().map_err(Error::Output)?;
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

/// Streams fields to a csv writer; the first error is kept and the rest are skipped.
struct CsvSink<'a> {
    writer: csv::Writer<&'a mut Vec<u8>>,
    /// Reused for number text.
    number: String,
    error: Option<csv::Error>,
}

impl CsvSink<'_> {
    fn write(&mut self, field: Option<&str>) {
        if self.error.is_some() {
            return;
        }
        let done = match field {
            Some(f) => self.writer.write_field(f),
            // An empty record ends the current one.
            None => self.writer.write_record(None::<&[u8]>),
        };
        if let Err(e) = done {
            self.error = Some(e);
        }
    }
}

impl FlatSink for CsvSink<'_> {
    fn text(&mut self, text: &str) {
        self.write(Some(&cell(text)));
    }

    /// Numbers are written as they are: the shortest text that reads back (never a formula).
    fn number(&mut self, value: f64) {
        let mut number = std::mem::take(&mut self.number);
        number.clear();
        // Writing to a String cannot fail.
        let _ = write!(number, "{value}");
        self.write(Some(&number));
        self.number = number;
    }

    fn end_row(&mut self) {
        self.write(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn fields_are_streamed_as_rfc_4180_with_shortest_numbers() {
        let mut out = Vec::new();
        let mut sink = CsvSink {
            writer: csv::Writer::from_writer(&mut out),
            number: String::new(),
            error: None,
        };
        for name in ["id", "value", "low", "note"] {
            sink.text(name);
        }
        sink.end_row();
        sink.text("a-1");
        sink.number(0.1 + 0.2);
        sink.number_opt(None);
        sink.text("two, \"quoted\"");
        sink.end_row();
        sink.text("=b-2");
        sink.number(-27_000.0);
        sink.number_opt(Some(-1.5));
        sink.text("");
        sink.end_row();
        assert!(sink.error.is_none());
        sink.writer.flush().unwrap();
        drop(sink);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,value,low,note\na-1,0.30000000000000004,,\"two, \"\"quoted\"\"\"\n'=b-2,-27000,-1.5,\n"
        );
    }
}
