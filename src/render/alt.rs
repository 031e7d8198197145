//! `chart --format alt`: the chart's alt text, its type and main finding in one or two
//! sentences, for a CMS's alt field or a screen reader; the same words as the SVG's `<desc>`.

use super::{Renderer, Report};
use crate::error::Result;
use crate::sanitize;

pub struct AltRenderer;

impl Renderer for AltRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let chart = report.chart()?;
        out.extend_from_slice(sanitize::escape(&chart.alt).as_bytes());
        out.push(b'\n');
        Ok(())
    }
}
