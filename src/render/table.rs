use super::{Align, Renderer, Report, Terminal, Tone};
use crate::error::Result;
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
        let grid = &report.human;
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
        for (i, col) in grid.columns.iter().enumerate() {
            if let Some(c) = table.column_mut(i) {
                // Wrap between words, never inside one: each column is at least as wide as its
                // longest word (capped, so one long token cannot push the table off screen).
                let longest = std::iter::once(col.name.as_str())
                    .chain(
                        grid.rows
                            .iter()
                            .filter_map(|r| r.get(i))
                            .map(|c| c.text.as_str()),
                    )
                    .flat_map(str::split_whitespace)
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(1);
                // comfy-table counts the two padding spaces in a column's width.
                let floor = u16::try_from(longest.min(MAX_WORD) + 2).unwrap_or(3);
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
                c.set_cell_alignment(match col.align {
                    Align::Left => CellAlignment::Left,
                    Align::Right => CellAlignment::Right,
                });
            }
        }
        out.extend_from_slice(table.to_string().as_bytes());
        out.push(b'\n');
        for note in &report.notes {
            out.extend_from_slice(note.as_bytes());
            out.push(b'\n');
        }
        Ok(())
    }
}
