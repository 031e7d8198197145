//! `--format text`: copy-ready sentences, one paragraph per row, each ending with its source
//! and licence, so a sentence pasted on its own still says where it came from.

use super::{Renderer, Report};
use crate::error::Result;
use crate::sanitize;

pub struct TextRenderer;

impl Renderer for TextRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        for (i, sentence) in report.sentences().iter().enumerate() {
            if i > 0 {
                out.push(b'\n');
            }
            // One line per row: a note's own line breaks become spaces.
            let line = sentence.replace(['\r', '\n'], " ");
            out.extend_from_slice(sanitize::escape(&line).as_bytes());
            out.push(b'\n');
        }
        Ok(())
    }
}
