//! CSV output: the flat grid, unrounded, with a header row.

use super::{Renderer, Report};
use crate::error::{Error, Result};

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
            w.write_record(row.iter().map(|c| c.text.as_str()))
                .map_err(io)?;
        }
        w.flush().map_err(Error::Output)?;
        Ok(())
    }
}
