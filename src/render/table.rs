//! Terminal tables through comfy-table: columns wide enough for their words where the width
//! allows, measured after layout so a piped table fits its width.

use super::{Align, Renderer, Report, Terminal, Tone};
use crate::error::Result;
use crate::sanitize;
use comfy_table::{
    Attribute, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

/// Widest word a column is kept wide enough for.
const MAX_WORD: usize = 24;

/// A comfy-table table for terminals; fits `terminal.width` by wrapping cells.
pub struct TableRenderer {
    pub terminal: Terminal,
}

impl Renderer for TableRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let grid = &escaped(report.human());
        // Wrap between words, not inside one, as far as the width allows. comfy-table's own
        // layout can still overrun the width with these floors, so measure and tighten.
        let minimums = escape_floors(grid);
        let mut floors = word_floors(grid);
        for (floor, min) in floors.iter_mut().zip(&minimums) {
            *floor = (*floor).max(*min);
        }
        let mut budget = self.terminal.width.map(usize::from);
        if let Some(width) = budget {
            shrink_to_fit(&mut floors, &minimums, width);
        }
        let mut text = self.layout(grid, &floors);
        for _ in 0..MAX_TIGHTENINGS {
            let (Some(width), Some(b)) = (self.terminal.width, budget) else {
                break;
            };
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let over = widest.saturating_sub(usize::from(width));
            if over == 0
                || floors
                    .iter()
                    .zip(&minimums)
                    .all(|(f, m)| *f <= MIN_FLOOR.max(*m))
            {
                break;
            }
            budget = Some(b.saturating_sub(over));
            shrink_to_fit(&mut floors, &minimums, b.saturating_sub(over));
            text = self.layout(grid, &floors);
        }
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
        for note in &report.notes() {
            let width = self.terminal.width.map_or(usize::MAX, usize::from);
            for line in wrap(&sanitize::escape(note), width) {
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
            }
        }
        Ok(())
    }
}

impl TableRenderer {
    /// Builds the comfy-table table for these floors and lays it out.
    fn layout(&self, grid: &super::Grid, floors: &[usize]) -> String {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic);
        // comfy-table reads neither NO_COLOR nor a pipe's width: both are decided by `main`.
        if self.terminal.color {
            table.enforce_styling();
        }
        if let Some(width) = self.terminal.width {
            table.set_width(width);
        }
        let header = grid.columns.iter().map(|c| {
            let cell = comfy_table::Cell::new(&c.name);
            if self.terminal.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        });
        table.set_header(header);
        for row in &grid.rows {
            table.add_row(row.iter().enumerate().map(|(i, c)| {
                let floor = floors.get(i).copied().unwrap_or(MIN_FLOOR);
                let cell = comfy_table::Cell::new(unsplittable(&c.text, floor));
                match (self.terminal.color, c.tone) {
                    (true, Tone::Good) => cell.fg(Color::Green),
                    (true, Tone::Bad) => cell.fg(Color::Red).add_attribute(Attribute::Bold),
                    (true, Tone::Muted) => cell.add_attribute(Attribute::Dim),
                    _ => cell,
                }
            }));
        }
        layout(&mut table, grid, floors)
    }
}

/// The grid with every cell escaped: the table shows input text, never sends it to the
/// terminal. Line breaks stay (the tool's own, or a note's), each as `\n`: a CR would move
/// the cursor back over the line.
fn escaped(mut grid: super::Grid) -> super::Grid {
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

/// For each column, the width below which an escape in it would have to be split.
fn escape_floors(grid: &super::Grid) -> Vec<usize> {
    (0..grid.columns.len())
        .map(|i| {
            grid.rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| sanitize::longest_escape(&c.text))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// A cell's text with every word that holds an escape and is longer than the column's floor
/// broken into lines at most `floor` wide, between escapes: comfy-table would otherwise cut a
/// long word at any character, `\u{1b}` included. The column is never narrower than its floor.
fn unsplittable(text: &str, floor: usize) -> std::borrow::Cow<'_, str> {
    let needs = |w: &str| sanitize::longest_escape(w) > 0 && w.chars().count() > floor;
    if !text.split(['\n', ' ']).any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.split(' ')
                .map(|w| {
                    if needs(w) {
                        sanitize::pieces(w, floor).join("\n")
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// How many times a table that overruns the width is laid out again with tighter floors.
const MAX_TIGHTENINGS: usize = 4;

/// Applies the floors and alignments and lays the table out.
fn layout(table: &mut Table, grid: &super::Grid, floors: &[usize]) -> String {
    for (i, col) in grid.columns.iter().enumerate() {
        if let Some(c) = table.column_mut(i) {
            // comfy-table counts the two padding spaces in a column's width.
            if let Some(floor) = floors.get(i) {
                let floor = u16::try_from(floor + 2).unwrap_or(u16::MAX);
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
            }
            c.set_cell_alignment(match col.align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
        }
    }
    table.to_string()
}

/// Rows a long table's word floors are measured on: comfy-table measures every cell again
/// when it lays the table out, so the floors come from an even sample.
const FLOOR_SAMPLE: usize = 256;

/// Every row of a short table; an evenly spread [`FLOOR_SAMPLE`] of a long one (first and last
/// included). A longer word outside the sample wraps inside the word rather than widening
/// its column.
fn sample(rows: &[Vec<super::Cell>]) -> impl Iterator<Item = &Vec<super::Cell>> + Clone {
    let step = rows.len().div_ceil(FLOOR_SAMPLE).max(1);
    rows.iter().step_by(step).chain(
        rows.last()
            .filter(|_| !(rows.len() - 1).is_multiple_of(step)),
    )
}

/// For each column, its longest word (header included) in [`sample`], capped at [`MAX_WORD`].
fn word_floors(grid: &super::Grid) -> Vec<usize> {
    let rows = sample(&grid.rows);
    grid.columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            std::iter::once(col.name.as_str())
                .chain(
                    rows.clone()
                        .filter_map(|r| r.get(i))
                        .map(|c| c.text.as_str()),
                )
                .flat_map(str::split_whitespace)
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1)
                .min(MAX_WORD)
        })
        .collect()
}

/// Splits text into lines of at most `width` characters at spaces (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// Each column costs its padding (2) beyond its content: the UTF8_HORIZONTAL_ONLY style draws no
/// vertical lines.
const COLUMN_OVERHEAD: usize = 2;
/// No column is squeezed below this many characters.
const MIN_FLOOR: usize = 6;

/// Lowers the widest floors one character at a time until the table fits `width`, so the words
/// that must break are the longest ones (ids), not short ones such as "inconsistent".
/// A column's floor never goes below its entry in `minimums` (the escapes it shows).
fn shrink_to_fit(floors: &mut [usize], minimums: &[usize], width: usize) {
    let budget = width.saturating_sub(COLUMN_OVERHEAD * floors.len());
    let min = |i: usize| MIN_FLOOR.max(minimums.get(i).copied().unwrap_or(0));
    while floors.iter().sum::<usize>() > budget {
        match floors
            .iter_mut()
            .enumerate()
            .filter(|(i, f)| **f > min(*i))
            .max_by_key(|(_, f)| **f)
            .map(|(_, f)| f)
        {
            Some(widest) => *widest -= 1,
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_tables_are_measured_on_an_even_sample() {
        let rows = |n: usize| -> Vec<Vec<super::super::Cell>> {
            (0..n).map(|i| vec![i.to_string().into()]).collect()
        };
        let picked =
            |n: usize| -> Vec<String> { sample(&rows(n)).map(|r| r[0].text.clone()).collect() };
        assert_eq!(picked(3), ["0", "1", "2"]);
        assert_eq!(picked(FLOOR_SAMPLE).len(), FLOOR_SAMPLE);
        let long = picked(10 * FLOOR_SAMPLE + 5);
        assert!(long.len() <= FLOOR_SAMPLE + 1, "{}", long.len());
        assert_eq!(long.first().map(String::as_str), Some("0"));
        assert_eq!(
            long.last().cloned(),
            Some((10 * FLOOR_SAMPLE + 4).to_string())
        );
        assert!(picked(0).is_empty());
    }

    #[test]
    fn notes_wrap_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("a verylongword b", 4), vec!["a", "verylongword", "b"]);
        assert_eq!(wrap("short", 80), vec!["short"]);
    }

    #[test]
    fn long_words_with_escapes_are_broken_between_escapes() {
        assert_eq!(unsplittable("plain words stay", 6), "plain words stay");
        // A long word without an escape is comfy-table's to wrap.
        assert_eq!(
            unsplittable("averyveryverylongword", 6),
            "averyveryverylongword"
        );
        assert_eq!(
            unsplittable("see ab\\u{1b}[2Jcdefgh x", 8),
            "see ab\\u{1b}\n[2Jcdefg\nh x"
        );
        // A word that fits its floor is left whole.
        assert_eq!(unsplittable("a\\u{7}b", 8), "a\\u{7}b");
    }

    #[test]
    fn shrinking_takes_from_the_widest_column_first() {
        let mut floors = vec![24, 7, 12, 8];
        shrink_to_fit(&mut floors, &[], 50);
        // Budget: 50 - 4 columns × 2 = 42, so 9 come off the widest.
        assert_eq!(floors, vec![15, 7, 12, 8]);
        let mut tiny = vec![30, 30];
        shrink_to_fit(&mut tiny, &[], 10);
        assert_eq!(tiny, vec![MIN_FLOOR, MIN_FLOOR]);
        // A column showing an escape keeps room for it whole.
        let mut tiny = vec![30, 30];
        shrink_to_fit(&mut tiny, &[0, 8], 10);
        assert_eq!(tiny, vec![MIN_FLOOR, 8]);
    }
}
