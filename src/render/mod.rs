//! The renderer owns output: one file per format, all behind [`Renderer`]. Commands hand it a
//! [`Report`] (typed JSON document, a human grid, and flat machine rows written field by field
//! into a [`FlatSink`]); renderers never compute anything.

mod csv;
pub mod human;
mod json;
mod markdown;
mod table;

use crate::error::Result;
use clap::ValueEnum;

pub use self::csv::CsvRenderer;
pub use json::JsonRenderer;
pub use markdown::MarkdownRenderer;
pub use table::TableRenderer;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned table for people (default).
    #[default]
    Table,
    /// One JSON document, unrounded numbers, schema in `migstats schema`.
    Json,
    /// Flat CSV, unrounded; `figures --format csv` is the figures schema and reads back.
    Csv,
    /// GitHub-flavoured Markdown table.
    Markdown,
}

impl Format {
    /// The name given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// How a cell should stand out when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Good,
    Bad,
    Muted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub align: Align,
}

impl Column {
    pub fn left(name: &str) -> Self {
        Column {
            name: name.to_string(),
            align: Align::Left,
        }
    }

    pub fn right(name: &str) -> Self {
        Column {
            name: name.to_string(),
            align: Align::Right,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }
}

/// Columns and rows of text, ready to lay out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// Where a command writes its unrounded, one-value-per-column rows (header first), field by
/// field: the CSV renderer streams them to its output as they are made, a [`GridSink`] keeps
/// them as a [`Grid`].
pub trait FlatSink {
    fn text(&mut self, text: &str);
    /// The shortest text that reads back to the same number.
    fn number(&mut self, value: f64);
    fn end_row(&mut self);

    /// A number, or an empty field.
    fn number_opt(&mut self, value: Option<f64>) {
        match value {
            Some(v) => self.number(v),
            None => self.text(""),
        }
    }
}

/// Collects flat rows into a [`Grid`]: its first row is the header.
#[derive(Debug, Default)]
pub struct GridSink {
    grid: Grid,
    row: Vec<Cell>,
    header_done: bool,
}

impl GridSink {
    pub fn into_grid(self) -> Grid {
        self.grid
    }
}

impl FlatSink for GridSink {
    fn text(&mut self, text: &str) {
        self.row.push(text.into());
    }

    fn number(&mut self, value: f64) {
        self.row.push(value.to_string().into());
    }

    fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        if self.header_done {
            self.grid.rows.push(row);
        } else {
            self.grid.columns = row.into_iter().map(|c| Column::left(&c.text)).collect();
            self.header_done = true;
        }
    }
}

/// What a command produced. Each renderer asks only for the form it needs, so a CSV run never
/// formats numbers for people and a table run never builds JSON.
pub trait ReportView: std::fmt::Debug {
    /// The whole JSON document (schema_version, command, dataset, rows), pretty-printed.
    fn write_json(&self, out: &mut Vec<u8>) -> Result<()>;
    /// Formatted for people: table and Markdown.
    fn human(&self) -> Grid;
    /// Unrounded, one value per column (CSV): the header, then each row, into `sink`.
    fn write_flat(&self, sink: &mut dyn FlatSink);
    /// The same, kept as a grid.
    fn flat(&self) -> Grid {
        let mut sink = GridSink::default();
        self.write_flat(&mut sink);
        sink.into_grid()
    }
    /// Lines printed under the human table (sources, caveats).
    fn notes(&self) -> Vec<String>;
}

pub type Report = Box<dyn ReportView>;

/// Terminal settings the table renderer needs; decided once in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub color: bool,
    /// Columns to fit the table into; None lets comfy-table ask the terminal.
    pub width: Option<u16>,
}

pub trait Renderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()>;
}

pub fn renderer(format: Format, terminal: Terminal) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(TableRenderer { terminal }),
        Format::Json => Box::new(JsonRenderer),
        Format::Csv => Box::new(CsvRenderer),
        Format::Markdown => Box::new(MarkdownRenderer),
    }
}
