//! Markdown output: a GitHub table of the human grid, cells escaped as text.

use super::{Align, Renderer, Report};
use crate::error::Result;
use crate::sanitize;

/// A GitHub-flavoured Markdown table of the human grid, notes as a list below.
pub struct MarkdownRenderer;

fn escape(text: &str) -> String {
    // Text, not markup: HTML in a note must not render, nor `~18,000 … ~30,702` strike through,
    // nor `[click](javascript:…)` or `![x](https://host/pixel.png)` become a link or an image.
    // Every line break (a note's CR-ended lines included: a lone CR would end the row) is a
    // `<br>`; any other control is shown escaped, after the backslashes are doubled so the
    // escape reads as written.
    let text = text
        .replace('\\', "\\\\")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('~', "\\~")
        .replace('|', "\\|")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    sanitize::escape_keeping_line_breaks(&text).replace('\n', "<br>")
}

impl Renderer for MarkdownRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let grid = &report.human();
        let mut s = String::new();
        let header: Vec<String> = grid.columns.iter().map(|c| escape(&c.name)).collect();
        s.push_str(&format!("| {} |\n", header.join(" | ")));
        let rule: Vec<&str> = grid
            .columns
            .iter()
            .map(|c| match c.align {
                Align::Left => ":---",
                Align::Right => "---:",
            })
            .collect();
        s.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &grid.rows {
            let cells: Vec<String> = row.iter().map(|c| escape(&c.text)).collect();
            s.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        let notes = report.notes();
        if !notes.is_empty() {
            s.push('\n');
            for note in &notes {
                s.push_str(&format!("- {}\n", escape(note)));
            }
        }
        out.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn cells_are_text_not_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<b>x</b>"), "&lt;b>x&lt;/b>");
        assert_eq!(escape("~18,000 and ~30,702"), "\\~18,000 and \\~30,702");
        assert_eq!(escape("two\nlines"), "two<br>lines");
        assert_eq!(escape("a\\b & c"), "a\\\\b &amp; c");
    }

    #[test]
    fn links_images_and_controls_are_text() {
        assert_eq!(
            escape("![x](https://host/pixel.png)"),
            "!\\[x\\](https://host/pixel.png)"
        );
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        // A lone CR would end the table row: it is a line break like any other.
        assert_eq!(escape("a\rb"), "a<br>b");
        assert_eq!(escape("a\tb"), "a\\u{9}b");
        assert_eq!(escape("a\r\nb"), "a<br>b");
        assert_eq!(
            escape("\u{1b}]8;;http://x\u{7}"),
            "\\u{1b}\\]8;;http://x\\u{7}"
        );
    }
}
