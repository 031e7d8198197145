//! The renderer owns output: one file per format, all behind [`Renderer`]. Commands hand it a
//! [`Report`] (typed JSON document, a human grid, and flat machine rows written field by field
//! into a [`FlatSink`]); renderers never compute anything.

mod alt;
pub mod chart;
mod csv;
pub mod datawrapper;
pub mod html;
pub mod human;
mod json;
mod markdown;
pub mod sparkline;
pub mod svg;
mod table;
pub mod termchart;
mod text;
pub mod wording;
mod xlsx;

use crate::error::Result;
use clap::ValueEnum;

pub use self::csv::CsvRenderer;
pub use alt::AltRenderer;
pub use datawrapper::DatawrapperRenderer;
pub use html::{HtmlRenderer, Page, Review};
pub use json::JsonRenderer;
pub use markdown::MarkdownRenderer;
pub use svg::SvgRenderer;
pub use table::TableRenderer;
pub use termchart::TextChartRenderer;
pub use text::TextRenderer;
pub use xlsx::XlsxRenderer;

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
    /// Excel workbook: a sheet of unrounded numbers and dates, and a Sources sheet.
    Xlsx,
    /// Copy-ready sentences, one per row, each with its source and licence.
    Text,
    /// A fact-check page: one self-contained HTML file (`check` only).
    Html,
    /// A chart as an SVG document (`chart`, piped or `-o FILE.svg`).
    #[value(skip)]
    Svg,
    /// A chart drawn in text (`chart` on a terminal, `--format text`, `-o FILE.txt`).
    #[value(skip)]
    TextChart,
    /// A chart's alt text: its type and main finding in one or two sentences (`chart` only).
    Alt,
    /// A chart's data as Datawrapper reads it (`chart --format csv`, `-o FILE.csv`, with a
    /// FILE.json sidecar of its words).
    #[value(skip)]
    ChartCsv,
}

impl Format {
    /// The format a file name's extension asks for, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            "xlsx" => Some(Format::Xlsx),
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

impl Format {
    /// The name given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Xlsx => "xlsx",
            Format::Text | Format::TextChart => "text",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Alt => "alt",
            Format::ChartCsv => "csv",
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
    /// A blank cell here says something (a bar of length zero), so it stays blank rather than
    /// read as [`NOTHING`], "no such figure".
    pub blank_is_a_value: bool,
}

impl Column {
    pub fn left(name: &str) -> Self {
        Column {
            name: name.to_string(),
            align: Align::Left,
            blank_is_a_value: false,
        }
    }

    pub fn right(name: &str) -> Self {
        Column {
            name: name.to_string(),
            align: Align::Right,
            blank_is_a_value: false,
        }
    }

    /// This column, with its blank cells left blank (see [`Column::blank_is_a_value`]).
    pub fn blank_is_a_value(self) -> Self {
        Column {
            blank_is_a_value: true,
            ..self
        }
    }
}

/// What a machine cell holds, for formats that keep types (XLSX): a number, a day, a moment
/// or a yes/no.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Typed {
    Number(f64),
    Date(chrono::NaiveDate),
    /// A moment in UTC (when a file was fetched).
    DateTime(chrono::NaiveDateTime),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
    /// The value behind `text` when it is a number or a date; None for text.
    pub typed: Option<Typed>,
}

impl Cell {
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Cell {
            text: text.into(),
            tone,
            typed: None,
        }
    }

    /// A machine number: the shortest text that reads back to the same value.
    pub fn number(v: f64) -> Self {
        Cell {
            text: v.to_string(),
            tone: Tone::Plain,
            typed: Some(Typed::Number(v)),
        }
    }

    /// A day, written ISO `YYYY-MM-DD`.
    pub fn date(d: chrono::NaiveDate) -> Self {
        Cell {
            text: d.to_string(),
            tone: Tone::Plain,
            typed: Some(Typed::Date(d)),
        }
    }

    /// A moment, kept as the text it was given (its own offset) and as UTC.
    pub fn datetime(text: &str, at: chrono::NaiveDateTime) -> Self {
        Cell {
            text: text.to_string(),
            tone: Tone::Plain,
            typed: Some(Typed::DateTime(at)),
        }
    }

    /// `true` or `false`.
    pub fn boolean(v: bool) -> Self {
        Cell {
            text: v.to_string(),
            tone: Tone::Plain,
            typed: Some(Typed::Bool(v)),
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
            typed: None,
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
    /// A day, written ISO `YYYY-MM-DD` (a date cell in XLSX).
    fn date(&mut self, day: chrono::NaiveDate) {
        self.text(&day.to_string());
    }
    /// A moment: `text` as given (RFC 3339), `at` the same in UTC (a date-time cell in XLSX).
    fn datetime(&mut self, text: &str, _at: chrono::NaiveDateTime) {
        self.text(text);
    }
    /// `true` or `false` (a boolean cell in XLSX).
    fn boolean(&mut self, v: bool) {
        self.text(if v { "true" } else { "false" });
    }

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
        self.row.push(Cell::number(value));
    }

    fn date(&mut self, day: chrono::NaiveDate) {
        self.row.push(Cell::date(day));
    }

    fn datetime(&mut self, text: &str, at: chrono::NaiveDateTime) {
        self.row.push(Cell::datetime(text, at));
    }

    fn boolean(&mut self, v: bool) {
        self.row.push(Cell::boolean(v));
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
    /// For a terminal table: [`ReportView::human`] with what only a terminal shows (a
    /// sparkline column), and the notes saying how to read it, printed after the others.
    fn terminal(&self) -> (Grid, Vec<String>) {
        (self.human(), Vec::new())
    }
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
    /// Copy-ready sentences, one per row, each with its source and licence.
    fn sentences(&self) -> Vec<String>;
    /// The command that produced the report (`summary`).
    fn command(&self) -> &str;
    /// Where the figures came from, as (field, value) lines: dataset, version, licence,
    /// sources, files. For an XLSX Sources sheet and text output.
    fn about(&self) -> Vec<(String, String)>;
    /// A fact-check page of the rows; None for a command that checks nothing.
    fn page(&self) -> Option<Page> {
        None
    }
}

/// What a command produced: rows, which every format but a chart's renders, or a chart, which
/// only SVG and text charts draw (the config stage gives `chart` only those).
#[derive(Debug)]
pub enum Report {
    Rows(Box<dyn ReportView>),
    Chart(Box<chart::Chart>),
}

impl Report {
    pub fn rows(&self) -> Result<&dyn ReportView> {
        match self {
            Report::Rows(r) => Ok(r.as_ref()),
            Report::Chart(_) => Err(crate::error::Error::usage(
                "a chart is drawn as SVG or in text",
                "write it with -o FILE.svg, or say --format text",
            )),
        }
    }

    pub fn chart(&self) -> Result<&chart::Chart> {
        match self {
            Report::Chart(c) => Ok(c),
            Report::Rows(r) => Err(crate::error::Error::usage(
                format!("{} has no chart to draw", r.command()),
                "migstats chart --help lists the charts",
            )),
        }
    }
}

/// The one word for "nothing here" in output for people: no figure a year earlier, no change,
/// no claim, nothing to check against.
pub const NOTHING: &str = "–";

/// Printed once under a table or Markdown that shows [`NOTHING`].
pub const NOTHING_NOTE: &str = "– none: no such figure, comparison or claim for that row.";

/// The human grid as people read it: columns with nothing in any row left out, and every
/// other empty cell shown as [`NOTHING`] (except where a blank is a value). Also says whether
/// any cell was.
pub fn for_people(mut grid: Grid) -> (Grid, bool) {
    let empty = |c: &Cell| c.text.trim().is_empty();
    let keep: Vec<bool> = (0..grid.columns.len())
        .map(|i| {
            grid.rows
                .iter()
                .any(|r| r.get(i).is_some_and(|c| !empty(c)))
        })
        .collect();
    let kept = |i: usize| keep.get(i).copied().unwrap_or(false);
    let mut i = 0;
    grid.columns.retain(|_| {
        i += 1;
        kept(i - 1)
    });
    let mut nothing = false;
    for row in &mut grid.rows {
        let mut i = 0;
        row.retain(|_| {
            i += 1;
            kept(i - 1)
        });
        for (cell, column) in row.iter_mut().zip(&grid.columns) {
            if empty(cell) && !column.blank_is_a_value {
                *cell = Cell::toned(NOTHING, Tone::Muted);
                nothing = true;
            }
        }
    }
    (grid, nothing)
}

/// The width of the terminal on stdout, when there is one.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// Terminal settings the table renderer and `chart` need; decided once in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    pub color: bool,
    /// Columns to fit the table into; None prints it at its natural width.
    pub width: Option<u16>,
    /// Output goes to a terminal (not a pipe or file): `chart` then draws text, not SVG.
    pub tty: bool,
}

pub trait Renderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()>;
}

pub fn renderer(format: Format, terminal: Terminal) -> Box<dyn Renderer> {
    renderer_with(format, terminal, None)
}

/// [`renderer`], with the fact-check page's ClaimReview draft (`check --publisher --url`).
pub fn renderer_with(
    format: Format,
    terminal: Terminal,
    review: Option<&Review>,
) -> Box<dyn Renderer> {
    match format {
        Format::Html => Box::new(HtmlRenderer {
            review: review.cloned(),
        }),
        Format::Table => Box::new(TableRenderer { terminal }),
        Format::Json => Box::new(JsonRenderer),
        Format::Csv => Box::new(CsvRenderer),
        Format::Markdown => Box::new(MarkdownRenderer),
        Format::Xlsx => Box::new(XlsxRenderer),
        Format::Text => Box::new(TextRenderer),
        Format::Svg => Box::new(SvgRenderer),
        Format::TextChart => Box::new(TextChartRenderer {
            width: terminal.width,
            color: terminal.color,
        }),
        Format::Alt => Box::new(AltRenderer),
        Format::ChartCsv => Box::new(DatawrapperRenderer),
    }
}
