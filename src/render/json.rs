use super::{Renderer, Report};
use crate::error::{Error, Result};

/// The command's JSON document, pretty-printed, with a final newline.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        serde_json::to_writer_pretty(&mut *out, &report.document)
            .map_err(|e| Error::Output(e.into()))?;
        out.push(b'\n');
        Ok(())
    }
}
