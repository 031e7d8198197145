//! `migstats validate FILE...`: checks figures CSVs against every rule of the figures schema
//! (docs/formats-and-json.md) and reports
//! every problem of every file (on stderr, exit 2), or a line per file that passed.

use super::Outcome;
use crate::error::{Error, Result};
use crate::loader::limits::Limits;
use crate::loader::{self, Provenance, SourceRef};
use crate::render::{Column, Grid};
use crate::report::Field;
use crate::report::{self as rows, Rows};
use schemars::JsonSchema;
use serde::Serialize;
use std::path::PathBuf;

/// A file that passed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ValidRow {
    pub file: String,
    /// Figures read from it.
    pub figures: usize,
}

pub fn run(files: &[PathBuf], limits: &Limits) -> Result<Outcome> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut all = Vec::new();
    for path in files {
        match loader::read_figures_file(path, limits) {
            Ok(figures) => {
                rows.push(ValidRow {
                    file: path.display().to_string(),
                    figures: figures.len(),
                });
                all.extend(figures);
            }
            Err(Error::Invalid(p)) => problems.extend(p),
            Err(other) => return Err(other),
        }
    }
    if let Err(Error::Invalid(p)) = loader::check_unique_ids(&all) {
        problems.extend(p);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let provenance = Provenance {
        name: "validated-files".to_string(),
        title: "Files checked against the figures schema".to_string(),
        version: None,
        licence: None,
        sources: Vec::<SourceRef>::new(),
        files: rows.iter().map(|r| r.file.clone()).collect(),
        inputs: vec![loader::InputKind::Figures; rows.len()],
        notes: Vec::new(),
        releases: Vec::new(),
    };
    Ok(rows::report("validate", &provenance, rows).into())
}

impl Rows for ValidRow {
    fn human(rows: &[Self]) -> Grid {
        // A file name is the one cell here from outside: escaped whole, newlines included.
        Grid {
            columns: vec![
                Column::left("File"),
                Column::right("Figures"),
                Column::left("Status"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        crate::sanitize::escape(&r.file).into_owned().into(),
                        r.figures.to_string().into(),
                        "valid".into(),
                    ]
                })
                .collect(),
        }
    }

    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::text("file", |r: &Self| &r.file),
            Field::number("figures", |r: &Self| Some(r.figures as f64)),
            Field::text("status", |_: &Self| "valid"),
        ]
    }
}
