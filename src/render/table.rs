//! Terminal tables. A table is printed at its natural width (comfy-table, no wrapping) when that
//! fits; otherwise each row becomes a block of `Column │ value` lines, as `psql`'s expanded
//! mode does, so no number, date or word is ever split across lines to fit a width.

use super::{Align, Cell, Column, Grid, Renderer, Report, Terminal, Tone};
use crate::error::Result;
use crate::sanitize;
use comfy_table::{Attribute, CellAlignment, Color, ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

/// A table for terminals: natural width, or one block per row when that does not fit.
pub struct TableRenderer {
    pub terminal: Terminal,
}

impl Renderer for TableRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let report = report.rows()?;
        let (grid, how_to_read) = report.terminal();
        let (grid, nothing) = super::for_people(escaped(grid));
        // Laid out at its natural width, then measured: blocks when that is too wide.
        let natural = self.natural(&grid);
        let text = match self.terminal.width.map(usize::from) {
            Some(width) if widest(&natural) > width => self.vertical(&grid, width),
            _ => natural,
        };
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
        let mut notes = report.notes();
        notes.extend(how_to_read);
        if nothing {
            notes.push(super::NOTHING_NOTE.to_string());
        }
        let width = self.terminal.width.map_or(usize::MAX, usize::from);
        for note in &notes {
            for line in wrap(&sanitize::escape(note), width) {
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
            }
        }
        Ok(())
    }
}

impl TableRenderer {
    /// comfy-table's drawing of `rows` under the grid's header, at the width the cells need:
    /// every line of a cell on one line.
    fn draw<'a>(&self, columns: &[Column], rows: impl Iterator<Item = &'a [Cell]>) -> String {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Disabled);
        // comfy-table reads neither NO_COLOR nor a pipe: both are decided by `main`.
        if self.terminal.color {
            table.enforce_styling();
        }
        let header = columns.iter().map(|c| {
            let cell = comfy_table::Cell::new(&c.name);
            if self.terminal.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        });
        table.set_header(header);
        for row in rows {
            table.add_row(row.iter().map(|c| {
                let cell = comfy_table::Cell::new(&c.text);
                match (self.terminal.color, c.tone) {
                    (true, Tone::Good) => cell.fg(Color::Green),
                    (true, Tone::Bad) => cell.fg(Color::Red).add_attribute(Attribute::Bold),
                    (true, Tone::Muted) => cell.add_attribute(Attribute::Dim),
                    _ => cell,
                }
            }));
        }
        for (i, col) in columns.iter().enumerate() {
            if let Some(c) = table.column_mut(i) {
                c.set_cell_alignment(match col.align {
                    Align::Left => CellAlignment::Left,
                    Align::Right => CellAlignment::Right,
                });
            }
        }
        table.to_string()
    }

    /// The table at its natural width: every column as wide as its widest cell.
    fn natural(&self, grid: &Grid) -> String {
        self.draw(&grid.columns, grid.rows.iter().map(Vec::as_slice))
    }

    /// One block per row: a rule naming the row, then `Column │ value` lines, values wrapped
    /// between words within `width`. Below [`MIN_VALUE`] characters beside the labels, each
    /// value goes under its label instead. The blocks are written first, then put together
    /// under rules as wide as the widest line of any.
    fn vertical(&self, grid: &Grid, width: usize) -> String {
        let label_width = grid
            .columns
            .iter()
            .map(|c| c.name.chars().count())
            .max()
            .unwrap_or(0);
        let beside = width >= label_width + SEPARATOR.chars().count() + MIN_VALUE;
        let value_width = if beside {
            width - label_width - SEPARATOR.chars().count()
        } else {
            width.saturating_sub(INDENT.len()).max(1)
        };
        let labels: Vec<(String, String)> = grid
            .columns
            .iter()
            .map(|col| {
                let mut label = String::new();
                self.push_styled(&mut label, &format!("{:<label_width$}", col.name), None);
                let trimmed = label.trim_end().to_string();
                (label, trimmed)
            })
            .collect();
        let blank = " ".repeat(label_width);
        let layout = Vertical {
            labels: &labels,
            blank: &blank,
            beside,
            value_width,
        };
        let blocks = self.blocks(&grid.rows, &layout);
        let rule_width = blocks.widest.min(width);
        let count = grid.rows.len();
        let mut text = String::with_capacity(blocks.text.len());
        let mut from = 0;
        for (number, &end) in (1usize..).zip(&blocks.ends) {
            let head = format!("── {number} of {count} ");
            let fill = rule_width.saturating_sub(head.chars().count());
            text.push_str(&head);
            text.extend(std::iter::repeat_n('─', fill));
            text.push('\n');
            text.push_str(blocks.text.get(from..end).unwrap_or_default());
            from = end;
        }
        text.extend(std::iter::repeat_n('─', rule_width));
        text
    }

    /// The lines of one block per row, each ending `\n`.
    fn blocks(&self, rows: &[Vec<Cell>], layout: &Vertical) -> Blocks {
        let mut out = Blocks {
            text: String::new(),
            ends: Vec::with_capacity(rows.len()),
            widest: 0,
        };
        let text = &mut out.text;
        let mut end_line = |text: &mut String, start: usize, trim: bool| {
            if trim {
                let kept = text.get(start..).map_or(0, |l| l.trim_end().len());
                text.truncate(start + kept);
            }
            out.widest = out.widest.max(text.get(start..).map_or(0, visible_width));
            text.push('\n');
        };
        for row in rows {
            for ((label, trimmed), cell) in layout.labels.iter().zip(row) {
                if !layout.beside {
                    let start = text.len();
                    text.push_str(trimmed);
                    end_line(text, start, false);
                }
                let mut first = true;
                for_each_wrapped(&cell.text, layout.value_width, |value| {
                    let start = text.len();
                    if layout.beside {
                        text.push_str(if first { label } else { layout.blank });
                        text.push_str(SEPARATOR);
                    } else {
                        text.push_str(INDENT);
                    }
                    self.push_styled(text, value, Some(cell.tone));
                    end_line(text, start, layout.beside);
                    first = false;
                });
            }
            out.ends.push(text.len());
        }
        out
    }

    /// A label (tone None: bold) or value, in colour when colour is on.
    fn push_styled(&self, out: &mut String, text: &str, tone: Option<Tone>) {
        if !self.terminal.color || text.trim().is_empty() {
            out.push_str(text);
            return;
        }
        let code = match tone {
            None => "1",
            Some(Tone::Plain) => {
                out.push_str(text);
                return;
            }
            Some(Tone::Good) => "32",
            Some(Tone::Bad) => "1;31",
            Some(Tone::Muted) => "2",
        };
        out.push_str("\u{1b}[");
        out.push_str(code);
        out.push('m');
        out.push_str(text);
        out.push_str("\u{1b}[0m");
    }
}

/// What every block of the vertical layout shares.
struct Vertical<'a> {
    /// Each column's label, padded to the widest and styled; and the same without the padding.
    labels: &'a [(String, String)],
    /// Under a label, beside a value's further lines.
    blank: &'a str,
    beside: bool,
    value_width: usize,
}

/// Blocks of the vertical layout, written end to end.
struct Blocks {
    text: String,
    /// Where each block ends in `text`.
    ends: Vec<usize>,
    /// The widest line, in characters on screen.
    widest: usize,
}

/// Calls `f` with each line of `text` wrapped within `width` (see [`wrap`]); a line that fits
/// is passed as it is.
fn for_each_wrapped(text: &str, width: usize, mut f: impl FnMut(&str)) {
    for line in text.split('\n') {
        if line.chars().count() <= width.max(1) {
            f(line);
        } else {
            for piece in wrap(line, width) {
                f(&piece);
            }
        }
    }
}

/// Between a label and its value in the vertical layout.
const SEPARATOR: &str = " │ ";
/// Before a value printed under its label.
const INDENT: &str = "  ";
/// Fewest characters a value may have beside its label.
const MIN_VALUE: usize = 16;

/// Characters on screen: colour codes take none.
fn visible_width(line: &str) -> usize {
    let mut n = 0;
    let mut in_code = false;
    for c in line.chars() {
        match (in_code, c) {
            (false, '\u{1b}') => in_code = true,
            (true, 'm') => in_code = false,
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}

/// The widest line of a laid-out table.
fn widest(text: &str) -> usize {
    text.lines().map(visible_width).max().unwrap_or(0)
}

/// The grid with every cell escaped: the table shows input text, never sends it to the
/// terminal. Line breaks stay (the tool's own, or a note's), each as `\n`: a CR would move
/// the cursor back over the line.
fn escaped(mut grid: Grid) -> Grid {
    for cell in grid.rows.iter_mut().flatten() {
        if let std::borrow::Cow::Owned(text) = sanitize::escape_keeping_line_breaks(&cell.text) {
            cell.text = text;
        }
        if cell.text.contains('\r') {
            cell.text = cell.text.replace("\r\n", "\n").replace('\r', "\n");
        }
    }
    grid
}

/// The longest phrase [`wrap`] keeps on one line rather than break between its words: "14 Nov
/// 2024 –" and "30,568 to" fit; a sentence of a note does not.
const WHOLE_PHRASE: usize = 24;

/// Splits a line into lines of at most `width` screen columns (a CJK character takes two). It breaks after a ` – ` of a range
/// before it breaks inside either side, so a date stays on one line wherever the width allows;
/// then between words. Only a word wider than `width` itself is cut, never inside an escape.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let len = |s: &str| s.width();
    for phrase in phrases(text) {
        let needed = len(&line) + usize::from(!line.is_empty()) + len(&phrase);
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&phrase);
            continue;
        }
        // A short phrase (a date and its dash, "30,568 to") moves whole to the next line; a long
        // one is prose, so it fills this line word by word rather than leave it half empty.
        if !line.is_empty() && len(&phrase) <= width.min(WHOLE_PHRASE) {
            lines.push(std::mem::take(&mut line));
            line.push_str(&phrase);
            continue;
        }
        // The phrase does not fit a line of its own: word by word, a date as one word.
        for word in &dates_whole(&phrase) {
            let word = word.as_str();
            let needed = len(&line) + usize::from(!line.is_empty()) + len(word);
            if !line.is_empty() && needed > width {
                lines.push(std::mem::take(&mut line));
            }
            if len(word) > width {
                let mut parts = cut(word, width).into_iter().peekable();
                while let Some(part) = parts.next() {
                    if parts.peek().is_some() {
                        lines.push(part);
                    } else {
                        line.push_str(&part);
                    }
                }
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

/// The words of `text`, with a date's parts ("22 Aug 2025", "August 2025") joined into one, so
/// prose that wraps between words never leaves a day at the end of one line and its month on
/// the next.
fn dates_whole(text: &str) -> Vec<String> {
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        let w = w.trim_end_matches([',', ';', ':', '.', ')']);
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let month = |w: &str| crate::domain::month_number(w.trim_start_matches('(')).is_some();
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let joins = words
            .last()
            .and_then(|last| last.rsplit(' ').next())
            .is_some_and(|last| {
                let day = last.trim_start_matches('(');
                (month(word) && digits(day, 1..=2)) || (digits(word, 4..=4) && month(last))
            });
        match words.last_mut() {
            Some(last) if joins => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    words
}

/// A word wider than `width` in pieces at most `width` columns wide (an escape wider than that is a
/// piece of its own). It is cut after a `/`, `_`, `-` or `.` where it can be, so a path or id
/// keeps its numbers whole; otherwise between characters, never inside an escape.
fn cut(word: &str, width: usize) -> Vec<String> {
    let mut segments = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if matches!(c, '/' | '_' | '-' | '.') {
            let end = i + c.len_utf8();
            segments.extend(word.get(start..end));
            start = end;
        }
    }
    segments.extend(word.get(start..).filter(|s| !s.is_empty()));
    let floor = width.max(sanitize::longest_escape(word));
    let mut out: Vec<String> = Vec::new();
    let mut piece = String::new();
    for segment in segments {
        if piece.width() + segment.width() <= floor {
            piece.push_str(segment);
            continue;
        }
        if !piece.is_empty() {
            out.push(std::mem::take(&mut piece));
        }
        let mut parts = sanitize::pieces(segment, floor).into_iter().peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_some() {
                out.push(part.to_string());
            } else {
                piece.push_str(part);
            }
        }
    }
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Words grouped into phrases that end at a range's dash: `14 Nov 2024 –`, `13 Nov 2025`.
fn phrases(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut phrase: Vec<&str> = Vec::new();
    for word in text.split(' ') {
        phrase.push(word);
        if word == "–" || word == "to" {
            out.push(phrase.join(" "));
            phrase.clear();
        }
    }
    if !phrase.is_empty() {
        out.push(phrase.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_between_phrases_then_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("short", 80), vec!["short"]);
        // Dates on either side of a range stay whole.
        assert_eq!(
            wrap("14 Nov 2024 – 13 Nov 2025", 20),
            vec!["14 Nov 2024 –", "13 Nov 2025"]
        );
        assert_eq!(wrap("30,568 to 31,718", 12), vec!["30,568 to", "31,718"]);
        // A long phrase after one ending in "to" is prose: its words fill the line.
        // Prose wraps between words, but never inside a date.
        assert_eq!(
            wrap(
                "a claim is understated by the 22 Aug 2025 figure (28,076)",
                32
            ),
            vec![
                "a claim is understated by the",
                "22 Aug 2025 figure (28,076)"
            ]
        );
        assert_eq!(
            wrap("figures to the end of (August 2025), then more", 28),
            vec!["figures to the end of", "(August 2025), then more"]
        );
        assert_eq!(
            dates_whole("on 1 May 2024, 12 people may go"),
            ["on", "1 May 2024,", "12", "people", "may", "go"]
        );
        assert_eq!(
            wrap("Alpha beta to gamma delta epsilon zeta eta theta", 40),
            vec!["Alpha beta to gamma delta epsilon zeta", "eta theta"]
        );
        // Only a word wider than the line is cut.
        assert_eq!(
            wrap("a verylongword b", 4),
            vec!["a", "very", "long", "word", "b"]
        );
    }

    #[test]
    fn a_word_too_wide_is_cut_between_escapes() {
        assert_eq!(
            wrap("see ab\\u{1b}[2Jcdefgh x", 8),
            vec!["see", "ab\\u{1b}", "[2Jcdefg", "h x"]
        );
        // A path is cut after its separators, keeping numbers whole.
        assert_eq!(
            wrap("data/14_November_2025.ods", 12),
            vec!["data/14_", "November_", "2025.ods"]
        );
        // An escape wider than the line is a line of its own, whole.
        assert_eq!(wrap("\\u{202e}", 4), vec!["\\u{202e}"]);
    }

    fn grid() -> Grid {
        Grid {
            columns: vec![Column::left("Figure"), Column::right("Value")],
            rows: vec![
                vec![
                    Cell::from("small boat arrivals"),
                    Cell::from("~18,000\n17,500 to 18,500"),
                ],
                vec![Cell::from("returns"), Cell::from("35,000")],
            ],
        }
    }

    #[test]
    fn a_table_too_wide_becomes_one_block_per_row() {
        let r = TableRenderer {
            terminal: Terminal {
                color: false,
                width: Some(30),
                tty: false,
            },
        };
        assert_eq!(
            r.vertical(&grid(), 30),
            "── 1 of 2 ──────────────────\n\
             Figure │ small boat arrivals\n\
             Value  │ ~18,000\n       │ 17,500 to 18,500\n\
             ── 2 of 2 ──────────────────\n\
             Figure │ returns\n\
             Value  │ 35,000\n\
             ────────────────────────────"
        );
        // Too narrow for values beside their labels: under them.
        assert_eq!(
            r.vertical(&grid(), 14),
            "── 1 of 2 ──\nFigure\n  small boat\n  arrivals\nValue\n  ~18,000\n  17,500 to\n  18,500\n\
             ── 2 of 2 ──\nFigure\n  returns\nValue\n  35,000\n────────────"
        );
    }
}
