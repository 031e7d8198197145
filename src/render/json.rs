//! JSON output: the command's document, as documented in `docs/schema/`.

use super::{Renderer, Report};
use crate::error::Result;

/// The command's JSON document, pretty-printed, with a final newline.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        report.write_json(out)?;
        out.push(b'\n');
        Ok(())
    }
}
