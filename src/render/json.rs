//! JSON output: the command's document, as documented in `docs/schema/`.

use super::{Renderer, Report};
use crate::error::Result;
use crate::sanitize;

/// The command's JSON document, pretty-printed, with a final newline.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        let start = out.len();
        report.write_json(out)?;
        // serde_json escapes C0 controls; a file name may still hold a C1 or bidirectional
        // control, which a terminal showing the JSON would act on. Escaped the JSON way, the
        // document reads back the same.
        let written = out.get(start..).unwrap_or_default();
        if let Ok(text) = std::str::from_utf8(written)
            && let std::borrow::Cow::Owned(safe) = sanitize::json(text)
        {
            out.truncate(start);
            out.extend_from_slice(safe.as_bytes());
        }
        out.push(b'\n');
        Ok(())
    }
}
