//! The report layer: what commands emit, under them and above the renderers. The JSON
//! document every command writes ([`Document`]), the [`Rows`] a command's rows provide to each
//! renderer, the pieces several commands' rows share ([`dto`]), their CSV column groups
//! ([`columns`]), words for people ([`words`]), notes under a table ([`notes`]), the Trend
//! column ([`trend`]) and the year-on-year row of `summary` and `changes` ([`yoy`]). It imports
//! no command.

pub mod columns;
pub mod dto;
pub mod notes;
pub mod receipt;
pub mod trend;
pub mod words;
pub mod yoy;

pub use columns::*;
pub use dto::*;
pub use notes::*;
pub use receipt::{Receipt, RowsUsed, receipt_words};
pub use trend::with_trends;
pub use words::*;

use crate::loader::Provenance;
use crate::render::{FlatSink, Grid, Report, ReportView};
use clap::ValueEnum;
use schemars::JsonSchema;
use serde::Serialize;

/// Commands that write a JSON document (`migstats schema COMMAND`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonCommand {
    Summary,
    Figures,
    Changes,
    Check,
    /// `check --claim` / `check --text`.
    CheckClaims,
    Sources,
    Validate,
    Top,
    Series,
    Fetch,
    Revisions,
}

impl JsonCommand {
    /// The `command` field of its document.
    pub fn name(self) -> &'static str {
        match self {
            JsonCommand::Summary => "summary",
            JsonCommand::Figures => "figures",
            JsonCommand::Changes => "changes",
            JsonCommand::Check => "check",
            JsonCommand::CheckClaims => "check-claims",
            JsonCommand::Sources => "sources",
            JsonCommand::Validate => "validate",
            JsonCommand::Top => "top",
            JsonCommand::Series => "series",
            JsonCommand::Fetch => "fetch",
            JsonCommand::Revisions => "revisions",
        }
    }
}

/// Bumped on any breaking change to any command's JSON; additions keep the version.
pub const SCHEMA_VERSION: u32 = 1;

/// The one JSON document a command writes.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Document<R> {
    /// Version of this document's shape; bumped on any breaking change.
    pub schema_version: u32,
    /// The command that produced it, e.g. `summary`.
    pub command: String,
    /// Where the figures came from.
    pub dataset: Provenance,
    pub rows: Vec<R>,
    /// What a reader must know about the rows as a whole: files that disagree on a figure,
    /// rows left out of a ranking. Absent when there is nothing to say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What every command's rows provide for the renderers.
pub trait Rows: Serialize + JsonSchema + Sized {
    /// Columns and formatted cells for people.
    fn human(rows: &[Self]) -> Grid;
    /// For a terminal table: [`Rows::human`] with what only a terminal shows (a sparkline
    /// column), and the notes saying how to read it.
    fn terminal(rows: &[Self]) -> (Grid, Vec<String>) {
        (Self::human(rows), Vec::new())
    }
    /// The CSV columns: each one's name and the writer of its field.
    fn fields() -> Vec<columns::Field<Self>>;
    /// Whether the row has a CSV row at all (a number `check --claim` did not understand has
    /// no figure to write).
    fn in_flat(&self) -> bool {
        true
    }
    /// Lines under the table.
    fn notes(_rows: &[Self], _dataset: &Provenance) -> Vec<String> {
        Vec::new()
    }
    /// The fact-check page of the rows (`--format html`); None for a command that checks
    /// nothing.
    fn page(_rows: &[Self], _dataset: &Provenance) -> Option<crate::render::Page> {
        None
    }
    /// A sentence per row for `--format text`. By default each row's columns as
    /// `Column: value; …`, for commands whose rows are not figures (sources, validate).
    fn sentences(rows: &[Self], _dataset: &Provenance) -> Vec<String> {
        let (grid, _) = crate::render::for_people(Self::human(rows));
        grid.rows
            .iter()
            .map(|row| {
                let parts: Vec<String> = grid
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| format!("{}: {}", c.name, cell.text.replace('\n', ", ")))
                    .collect();
                format!("{}.", parts.join("; ").trim_end_matches('.'))
            })
            .collect()
    }
}

/// A command's rows in their JSON document; each renderer asks only for the form it needs.
#[derive(Debug)]
struct Built<R> {
    document: Document<R>,
}

impl<R: Rows + std::fmt::Debug> ReportView for Built<R> {
    fn write_json(&self, out: &mut Vec<u8>) -> crate::error::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.document)
            .map_err(|e| crate::error::Error::Output(e.into()))
    }

    fn human(&self) -> Grid {
        R::human(&self.document.rows)
    }

    fn terminal(&self) -> (Grid, Vec<String>) {
        R::terminal(&self.document.rows)
    }

    fn write_flat(&self, sink: &mut dyn FlatSink) {
        let fields = R::fields();
        for field in &fields {
            sink.text(field.name);
        }
        sink.end_row();
        for row in self.document.rows.iter().filter(|r| r.in_flat()) {
            for field in &fields {
                field.write(row, sink);
            }
            sink.end_row();
        }
    }

    fn notes(&self) -> Vec<String> {
        let mut notes = self.document.notes.clone();
        notes.extend(R::notes(&self.document.rows, &self.document.dataset));
        notes
    }

    fn sentences(&self) -> Vec<String> {
        R::sentences(&self.document.rows, &self.document.dataset)
    }

    fn command(&self) -> &str {
        &self.document.command
    }

    fn page(&self) -> Option<crate::render::Page> {
        R::page(&self.document.rows, &self.document.dataset)
    }

    fn about(&self) -> Vec<(String, String)> {
        let d = &self.document.dataset;
        let mut lines = vec![("Dataset".to_string(), d.title.clone())];
        if let Some(v) = &d.version {
            lines.push(("Version".to_string(), v.clone()));
        }
        lines.push((
            "Licence".to_string(),
            licence(d).unwrap_or_else(|| "not stated in the files read".to_string()),
        ));
        for s in &d.sources {
            let text = match &s.path {
                Some(path) => format!("{} ({path})", s.title),
                None => s.title.clone(),
            };
            lines.push(("Source".to_string(), text));
        }
        for f in &d.files {
            lines.push(("File".to_string(), f.clone()));
        }
        lines.push((
            "Produced by".to_string(),
            format!(
                "migstats {} {}",
                env!("CARGO_PKG_VERSION"),
                self.document.command
            ),
        ));
        lines
    }
}

/// Builds the report every renderer reads.
pub fn report<R: Rows + std::fmt::Debug + 'static>(
    command: &str,
    dataset: &Provenance,
    rows: Vec<R>,
) -> Report {
    report_with_notes(command, dataset, rows, Vec::new())
}

/// [`report`], with notes on the rows as a whole (in the JSON document and under the table).
pub fn report_with_notes<R: Rows + std::fmt::Debug + 'static>(
    command: &str,
    dataset: &Provenance,
    rows: Vec<R>,
    notes: Vec<String>,
) -> Report {
    Report::Rows(Box::new(Built {
        document: Document {
            schema_version: SCHEMA_VERSION,
            command: command.to_string(),
            dataset: dataset.clone(),
            rows,
            notes,
        },
    }))
}
