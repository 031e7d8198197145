//! `chart … -o x.csv`: the chart's data as Datawrapper (and most graphics tools) read it, a
//! first column of ISO dates (a ranking's names) and one column per series, unrounded; and
//! beside it `x.json`, the words that go with it: title, intro, source, alt text and notes.

use super::chart::Chart;
use super::{Renderer, Report};
use crate::domain::text::FORMULA_STARTS;
use crate::error::{Error, Result};
use crate::sanitize;
use serde::Serialize;

pub struct DatawrapperRenderer;

impl Renderer for DatawrapperRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let chart = report.chart()?;
        let mut w = csv::Writer::from_writer(&mut *out);
        let write = |e: csv::Error| Error::Output(std::io::Error::other(e));
        w.write_record(chart.table.header.iter().map(|h| cell(h)))
            .map_err(write)?;
        for (first, values) in &chart.table.rows {
            let mut record = vec![cell(first)];
            record.extend(values.iter().map(|v| {
                v.filter(|v| v.is_finite())
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            }));
            w.write_record(&record).map_err(write)?;
        }
        w.flush().map_err(Error::Output)?;
        Ok(())
    }
}

/// Text from input, escaped as on every output path; text that would start a formula in a
/// spreadsheet gets the `'` a spreadsheet shows as text, as the CSV renderer does.
fn cell(text: &str) -> String {
    let text = sanitize::escape(text).into_owned();
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text
    }
}

/// The sidecar `x.json`: the words a chart needs around its data.
#[derive(Debug, Serialize)]
struct Sidecar<'a> {
    /// The chart's headline.
    title: &'a str,
    /// The statistical subtitle: what is counted, in what unit, over what, and its label.
    intro: &'a str,
    /// The source line: release, its date and statistics label, and the licence.
    source: &'a str,
    /// The chart's type and main finding in one or two sentences.
    alt_text: &'a str,
    /// What a reader needs beside the chart (a partial month).
    notes: &'a [String],
    /// The CSV's columns, first the dates (or names).
    columns: &'a [String],
}

/// The sidecar JSON for `chart`, pretty-printed.
pub fn sidecar(chart: &Chart) -> Result<Vec<u8>> {
    let doc = Sidecar {
        title: &chart.title,
        intro: &chart.subtitle,
        source: &chart.source,
        alt_text: &chart.alt,
        notes: &chart.notes,
        columns: &chart.table.header,
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| Error::Output(e.into()))?;
    out.push(b'\n');
    Ok(out)
}
