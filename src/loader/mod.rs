//! The loader owns reading: the bundled dataset compiled into the binary, and the files named
//! with `--data`. It turns bytes into checked [`Figure`]s and a [`Provenance`]; nothing after it
//! parses an input file.

mod bundled;
mod csv_input;
pub mod detailed;
pub mod figures_csv;
pub mod small_boats;
pub mod workbook;

use crate::domain::{Figure, Period};
use crate::error::{Error, Location, Problem, Result};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

pub use bundled::{DATAPACKAGE_JSON, bundled};

/// A source a dataset cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRef {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// Where the figures came from: the bundled package's descriptor, or the files given.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Provenance {
    /// Machine name of the dataset (`uk-iraq-returns-2025-figures` for the bundled one).
    pub name: String,
    pub title: String,
    /// Version of the bundled dataset; absent for user files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Licence of the data, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    pub sources: Vec<SourceRef>,
    /// The files read, in order; empty for the bundled dataset.
    pub files: Vec<String>,
}

/// Figures and where they came from. Ids are unique across the whole dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub provenance: Provenance,
    pub figures: Vec<Figure>,
}

/// Settings for reading official files (which figures to derive from them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadOptions {
    /// Detailed datasets: main applicants only, other methods of entry.
    pub detailed: detailed::Choices,
    /// Derive year-to-date and 12-month figures ending this day; None = the file's last day.
    pub as_of: Option<NaiveDate>,
    /// Also derive figures for exactly these periods where the file covers them (what
    /// `check --against` needs to reproduce a stated figure).
    pub periods: Vec<Period>,
}

/// The bundled dataset, or the union of the files named with `--data`.
pub fn load(paths: &[impl AsRef<Path>], options: &LoadOptions) -> Result<Dataset> {
    if paths.is_empty() {
        return bundled();
    }
    let mut figures = Vec::new();
    let mut files = Vec::new();
    let mut all_official = true;
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let (read, official) = read_path_told(path, options)?;
        figures.extend(read);
        all_official &= official;
        files.push(name);
    }
    check_unique_ids(&figures)?;
    let mut sources: Vec<SourceRef> = Vec::new();
    for f in &figures {
        if !sources.iter().any(|s| s.title == f.source) {
            sources.push(SourceRef {
                title: f.source.clone(),
                path: None,
            });
        }
    }
    Ok(Dataset {
        provenance: Provenance {
            name: "user-files".to_string(),
            title: format!("Figures read from {}", files.join(", ")),
            version: None,
            // The Home Office's own files say their licence; a figures CSV does not.
            licence: all_official.then(|| HOME_OFFICE_LICENCE.to_string()),
            sources,
            files,
        },
        figures,
    })
}

/// The licence the Home Office publishes its statistics under.
pub const HOME_OFFICE_LICENCE: &str = "Open Government Licence v3.0";

/// Reads one file of figures. Its kind is told from its content, never its name: a workbook
/// by its magic bytes, a CSV by its header.
pub fn read_path(path: &Path, options: &LoadOptions) -> Result<Vec<Figure>> {
    read_path_told(path, options).map(|(figures, _)| figures)
}

/// [`read_path`], and whether the file was one of the Home Office's own (not a figures CSV).
fn read_path_told(path: &Path, options: &LoadOptions) -> Result<(Vec<Figure>, bool)> {
    if workbook::looks_like_workbook(&workbook::sniff(path)?) {
        let mut book = workbook::Workbook::open(path)?;
        if let Some(series) = small_boats::from_workbook(&mut book)? {
            return Ok((series.figures(options)?, true));
        }
        if let Some(figures) = detailed::read_workbook(&mut book, &options.detailed)? {
            return Ok((figures, true));
        }
        return Err(unknown_workbook(&book));
    }
    if let Some(series) = small_boats::from_csv_file(path)? {
        return Ok((series.figures(options)?, true));
    }
    if let Some(figures) = detailed::read_csv(path, &options.detailed)? {
        return Ok((figures, true));
    }
    Ok((read_figures_file(path)?, false))
}

/// A workbook with none of the sheets this tool reads: say which sheets it has.
fn unknown_workbook(book: &workbook::Workbook) -> Error {
    let names: Vec<String> = book
        .sheet_names()
        .iter()
        .map(|n| format!("'{n}'"))
        .collect();
    Error::invalid(Problem::new(
        Location::file(book.file.clone()),
        format!(
            "no sheet this tool reads; the workbook has {}",
            if names.is_empty() {
                "no sheets".to_string()
            } else {
                format!("sheets {}", names.join(", "))
            }
        ),
        format!(
            "expected sheet {} of the Home Office small boats time series, or a detailed dataset sheet: {}",
            small_boats::SHEET,
            detailed::SHEET_EXAMPLES
        ),
    ))
}

/// Reads a file in the figures schema (SPEC §1), reporting every problem in it.
pub fn read_figures_file(path: &Path) -> Result<Vec<Figure>> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| Error::Io {
        path: name.clone(),
        source,
    })?;
    figures_csv::read_figures(&name, BufReader::new(file)).map_err(Error::Invalid)
}

/// Ids must be unique across files; a clash names both places.
pub fn check_unique_ids(figures: &[Figure]) -> Result<()> {
    let mut seen: HashMap<&str, &Figure> = HashMap::new();
    let mut problems = Vec::new();
    for f in figures {
        if let Some(first) = seen.get(f.id.as_str()) {
            problems.push(Problem::new(
                Location::at(f.origin.file.clone(), f.origin.line, Some(1)),
                format!(
                    "duplicate id '{}' (first defined at {})",
                    f.id, first.origin
                ),
                "ids must be unique across every --data file; rename one",
            ));
        } else {
            seen.insert(&f.id, f);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}
