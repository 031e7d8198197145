//! Text from input made safe to print. Owns the one rule every output path (tables, Markdown,
//! CSV, error messages) follows: a character that could drive a terminal or reorder what the
//! reader sees is shown as a visible escape (`\u{1b}`), never written as itself, and text quoted
//! back in a message is cut to [`ECHO_MAX`] characters. An escape is one unit: cutting and
//! wrapping never split it.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Characters of input text quoted back in a message, at most.
pub const ECHO_MAX: usize = 80;

/// Whether a character is shown as an escape: C0 controls (tab and newline included), DEL,
/// C1 controls (0x9b alone starts a terminal sequence), the bidirectional controls that can
/// make `1,900` read as `009,1` ("Trojan Source"), and the Unicode line and paragraph
/// separators some terminals and Markdown renderers break lines at, and the [`is_invisible`]
/// format characters.
pub fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
        || is_invisible(c)
}

/// Format characters that show as nothing, so `Ira\u{200b}q` reads as `Iraq` but is another
/// name: zero-width space, non-joiner and joiner, word joiner and the invisible operators, the
/// byte order mark (inside text; one at the start of a file is the encoding's), and the tag
/// characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{e0000}'..='\u{e007f}')
}

/// `text` with every [`needs_escape`] character written as `\u{hex}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_except(text, false)
}

/// As [`escape`], but line breaks (`\n`, `\r\n`, or `\r` as in a CR-ended file) stay: for
/// table cells, Markdown and CSV fields, whose line breaks are the tool's own or a note's (a
/// note may run over lines; no other input text holds one, and a file name shown in a cell is
/// escaped with [`escape`]). The table and Markdown renderers turn each into their own break,
/// so a CR never reaches a terminal or ends a Markdown row.
pub fn escape_keeping_line_breaks(text: &str) -> Cow<'_, str> {
    escape_except(text, true)
}

fn escape_except(text: &str, keep_line_breaks: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_line_breaks && matches!(c, '\n' | '\r');
    if !text.chars().any(|c| needs_escape(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) && !kept(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A JSON document with the [`needs_escape`] characters serde_json leaves raw (DEL, C1 controls,
/// bidirectional controls, line separators) written as JSON escapes (`\u009b`). Those can only
/// stand inside strings, so the document reads back exactly the same.
pub fn json(document: &str) -> Cow<'_, str> {
    // C0 controls in a string are escaped by serde_json; outside strings they are the layout.
    let raw = |c: char| c >= '\u{7f}' && needs_escape(c);
    if !document.chars().any(raw) {
        return Cow::Borrowed(document);
    }
    let mut out = String::with_capacity(document.len() + 16);
    for c in document.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Input text quoted back in a message: escaped, and cut to [`ECHO_MAX`] characters with `…`.
pub fn echo(text: &str) -> String {
    echo_within(text, ECHO_MAX)
}

/// [`echo`] with another limit: `max` characters, then `…`.
pub fn echo_within(text: &str, max: usize) -> String {
    // Escaping a long text only to cut it would cost its whole length: look at a bounded prefix.
    let prefix: String = text.chars().take(max + 1).collect();
    let cut = prefix.chars().count() > max;
    let escaped = escape(&prefix);
    let shown = cap(&escaped, max);
    if cut || shown.len() < escaped.len() {
        format!("{}…", shown.trim_end())
    } else {
        shown.to_string()
    }
}

/// The longest start of `text` of at most `max` characters that does not end inside an escape.
pub fn cap(text: &str, max: usize) -> &str {
    let mut end = 0;
    let mut chars = 0;
    for unit in units(text) {
        let n = unit.chars().count();
        if chars + n > max {
            break;
        }
        chars += n;
        end += unit.len();
    }
    text.get(..end).unwrap_or(text)
}

/// The longest start of `text` at most `max` columns wide on a screen (a CJK character takes
/// two) that does not end inside an escape.
pub fn cap_columns(text: &str, max: usize) -> &str {
    let mut end = 0;
    let mut used = 0;
    for unit in units(text) {
        let n = unit.width();
        if used + n > max {
            break;
        }
        used += n;
        end += unit.len();
    }
    text.get(..end).unwrap_or(text)
}

/// `word` in pieces of at most `width` screen columns, never splitting an escape (an escape
/// wider than `width` is a piece of its own).
pub fn pieces(word: &str, width: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut end, mut chars) = (0, 0, 0);
    for unit in units(word) {
        let n = unit.width();
        if chars > 0 && chars + n > width {
            out.extend(word.get(start..end));
            start = end;
            chars = 0;
        }
        end += unit.len();
        chars += n;
    }
    if end > start {
        out.extend(word.get(start..end));
    }
    out
}

/// Characters of the longest escape in `text` (0 if none): the narrowest a column showing it
/// may be.
pub fn longest_escape(text: &str) -> usize {
    if !text.contains("\\u{") {
        return 0;
    }
    units(text)
        .filter(|u| u.starts_with("\\u{"))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Splits escaped text into units that must stay whole: each `\u{hex}` escape, each other char.
fn units(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let len = escape_len(rest).unwrap_or_else(|| rest.chars().next().map_or(1, char::len_utf8));
        let (unit, tail) = rest.split_at(len.min(rest.len()));
        rest = tail;
        Some(unit)
    })
}

/// Byte length of a `\u{hex}` escape at the start of `s` (1 to 6 hex digits).
fn escape_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\\u{")?;
    let close = body.find('}')?;
    let hex = body.get(..close)?;
    ((1..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(3 + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(escape("Iraq"), "Iraq");
        assert!(matches!(escape("Iraq"), Cow::Borrowed(_)));
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("\u{1b}]52;c;aGk=\u{7}"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("\u{7f}"), "\\u{7f}");
        assert_eq!(escape("1\u{202e}009"), "1\\u{202e}009");
        assert_eq!(escape("a\r\nb\tc"), "a\\u{d}\\u{a}b\\u{9}c");
        assert_eq!(
            escape_keeping_line_breaks("a\nb\rc\r\nd\u{1b}\t"),
            "a\nb\rc\r\nd\\u{1b}\\u{9}"
        );
        // Letters outside ASCII are text, not controls.
        assert_eq!(escape("Côte d’Ivoire £ – é"), "Côte d’Ivoire £ – é");
    }

    #[test]
    fn json_keeps_its_meaning_and_shows_no_control() {
        let doc = serde_json::json!({ "file": "a\u{9b}31m\u{202e}b\u{1b}\u{7f}" });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let safe = json(&text);
        assert_eq!(
            safe,
            "{\n  \"file\": \"a\\u009b31m\\u202eb\\u001b\\u007f\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, doc);
        assert!(matches!(json("{\"a\": \"plain\"}"), Cow::Borrowed(_)));
    }

    #[test]
    fn echoes_are_capped_without_splitting_an_escape() {
        assert_eq!(echo("short"), "short");
        let long = "x".repeat(200);
        let e = echo(&long);
        assert_eq!(e.chars().count(), ECHO_MAX + 1);
        assert!(e.ends_with('…'));
        // 78 letters then an escape of 6 characters: it does not fit, and is not cut in two.
        let s = format!("{}\u{1b}[2J", "y".repeat(78));
        let e = echo(&s);
        assert_eq!(e, format!("{}…", "y".repeat(78)));
        // Exactly at the limit, nothing is cut.
        let s = format!("{}\u{1b}", "y".repeat(74));
        assert_eq!(echo(&s), format!("{}\\u{{1b}}", "y".repeat(74)));
        // A huge cell costs only its first characters.
        assert!(echo(&"\u{1b}".repeat(1_000_000)).len() < 100);
    }

    #[test]
    fn pieces_keep_escapes_whole() {
        assert_eq!(pieces("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(pieces("ab\\u{1b}cd", 4), vec!["ab", "\\u{1b}", "cd"]);
        assert_eq!(pieces("ab\\u{1b}cd", 8), vec!["ab\\u{1b}", "cd"]);
        assert_eq!(pieces("", 4), Vec::<&str>::new());
        assert_eq!(cap("ab\\u{1b}", 7), "ab");
        assert_eq!(cap("ab\\u{1b}", 8), "ab\\u{1b}");
        assert_eq!(longest_escape("a\\u{1b}b\\u{202e}"), 8);
        assert_eq!(longest_escape("plain"), 0);
        // A backslash that starts no escape is one character like any other.
        assert_eq!(pieces("\\u{zz}", 2), vec!["\\u", "{z", "z}"]);
        // On a screen a CJK character takes two columns.
        assert_eq!(pieces("東京都", 4), vec!["東京", "都"]);
        assert_eq!(cap_columns("東京都", 5), "東京");
        assert_eq!(cap_columns("ab\\u{1b}", 8), "ab\\u{1b}");
    }
}
