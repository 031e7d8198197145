//! Markdown output: a GitHub/CommonMark pipe table of the human grid, cells escaped as text,
//! with no HTML, so it pastes the same into a CMS, Slack or a document.

use super::{Align, Renderer, Report};
use crate::error::Result;
use crate::sanitize;

/// A GitHub-flavoured Markdown table of the human grid, notes as a list below.
pub struct MarkdownRenderer;

fn escape(text: &str) -> String {
    // Text, not markup, and no HTML at all (a CMS, Slack or Google Docs shows `<br>` and
    // `&lt;` as written): `<b>` must not render, nor `~18,000 … ~30,702` strike through, nor
    // `[click](javascript:…)` or `![x](https://host/pixel.png)` become a link or an image, nor
    // `&lt;` turn into `<`. Each is backslash-escaped (backslashes first, so an escape reads as
    // written). A cell's lines (a note's CR-ended lines included: a lone CR would end the row)
    // are joined with "; "; any other control is shown escaped. Nor may `code`, *emphasis* or
    // _emphasis_ render, nor a bare `https://…` or `www.…` become a link (GitHub links them
    // unbracketed): the colon of `://` and the dot of `www.` are escaped, which breaks the link
    // and reads the same. An `_` inside a word (`small_boat_arrivals`) is no emphasis and stays.
    // Nor may a bare `someone@example.com` or `mailto:…` become a mail link (GitHub and
    // linkify link them too): the `@` between two address characters is escaped, and the colon
    // of `mailto:`.
    let chars: Vec<char> = text.chars().collect();
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let (before, after) = (at(i.checked_sub(1)), at(Some(i + 1)));
        let link_colon = c == ':'
            && before.is_some_and(|b| b.is_ascii_alphabetic())
            && after == Some('/')
            && at(Some(i + 2)) == Some('/');
        let www_dot = c == '.'
            && i >= 3
            && chars
                .get(i - 3..i)
                .is_some_and(|w| w.iter().all(|c| c.eq_ignore_ascii_case(&'w')))
            && !word(at(i.checked_sub(4)));
        let emphasis = c == '_' && !(word(before) && word(after));
        let address = |c: Option<char>| word(c) || matches!(c, Some('.' | '-' | '_' | '+'));
        let email_at = c == '@' && address(before) && address(after);
        let mailto_colon = c == ':'
            && i >= 6
            && chars
                .get(i - 6..i)
                .is_some_and(|w| w.iter().collect::<String>().eq_ignore_ascii_case("mailto"))
            && !word(at(i.checked_sub(7)));
        if matches!(
            c,
            '\\' | '|' | '[' | ']' | '!' | '<' | '~' | '&' | '`' | '*'
        ) || link_colon
            || www_dot
            || emphasis
            || email_at
            || mailto_colon
        {
            out.push('\\');
        }
        out.push(c);
    }
    let out = out.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = out.split('\n').filter(|l| !l.trim().is_empty()).collect();
    sanitize::escape(&lines.join("; ")).into_owned()
}

impl Renderer for MarkdownRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        let (grid, nothing) = super::for_people(report.human());
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
        let mut notes = report.notes();
        if nothing {
            notes.push(super::NOTHING_NOTE.to_string());
        }
        if !notes.is_empty() {
            s.push('\n');
            for note in &notes {
                let note = escape(note);
                // A list item starting `>` or `#` would be a quote or a heading.
                let mark = if note.starts_with(['>', '#', '-', '+', '*']) {
                    "\\"
                } else {
                    ""
                };
                s.push_str(&format!("- {mark}{note}\n"));
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
        assert_eq!(escape("<b>x</b>"), "\\<b>x\\</b>");
        assert_eq!(escape("~18,000 and ~30,702"), "\\~18,000 and \\~30,702");
        assert_eq!(escape("+9,000\n+50.0%\n"), "+9,000; +50.0%");
        assert_eq!(escape("a\\b & c"), "a\\\\b \\& c");
        assert_eq!(escape("&lt;"), "\\&lt;");
    }

    #[test]
    fn links_images_and_controls_are_text() {
        assert_eq!(
            escape("![x](https://host/pixel.png)"),
            "\\!\\[x\\](https\\://host/pixel.png)"
        );
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        // Bare links, code spans and emphasis are text too (GitHub links `https://…` and
        // `www.…` without brackets).
        assert_eq!(
            escape("see https://evil.example and WWW.evil.example"),
            "see https\\://evil.example and WWW\\.evil.example"
        );
        assert_eq!(
            escape("`rm -rf` *now* _x_"),
            "\\`rm -rf\\` \\*now\\* \\_x\\_"
        );
        assert_eq!(escape("small_boat_arrivals"), "small_boat_arrivals");
        // Nor a bare address or mailto: (GitHub links both).
        assert_eq!(
            escape("write to someone@example.com or MAILTO:x@y.uk"),
            "write to someone\\@example.com or MAILTO\\:x\\@y.uk"
        );
        assert_eq!(escape("@ 3 pm; a @ b"), "@ 3 pm; a @ b");
        // A lone CR would end the table row: it is a line break like any other.
        assert_eq!(escape("a\rb"), "a; b");
        assert_eq!(escape("a\tb"), "a\\u{9}b");
        assert_eq!(escape("a\r\nb"), "a; b");
        assert_eq!(
            escape("\u{1b}]8;;http://x\u{7}"),
            "\\u{1b}\\]8;;http\\://x\\u{7}"
        );
    }
}
