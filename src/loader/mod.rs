//! The loader owns reading: the bundled dataset compiled into the binary, and the files named
//! with `--data`. It turns bytes into checked [`Figure`]s and a [`Provenance`]; nothing after it
//! parses an input file.

pub mod archive;
mod bundled;
mod csv_input;
pub mod detailed;
pub mod figures_csv;
pub mod limits;
pub mod ods;
pub mod small_boats;
pub mod source;
pub mod workbook;

use crate::domain::{Figure, Period};
use crate::error::{Error, Location, Problem, Result};
use calamine::Data;
use chrono::NaiveDate;
use limits::Limits;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use source::{Csv, Source};
use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;
use workbook::Workbook;

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
    /// What any one input may cost (`--max-input-mb`).
    pub limits: Limits,
}

/// The bundled dataset, or the union of the files named with `--data`.
pub fn load(paths: &[impl AsRef<Path>], options: &LoadOptions) -> Result<Dataset> {
    if paths.is_empty() {
        return bundled();
    }
    let mut figures = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = source::display_name(path);
        figures.extend(read_path(path, options)?);
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
            licence: None,
            sources,
            files,
        },
        figures,
    })
}

/// Reads one source of figures (a path, or `-` for stdin), opened and read once. Its kind is
/// told from its content, never its name: a workbook by its magic bytes then its sheet names, a
/// CSV by its header. A panic in a parser (a dependency's bug) becomes an input error.
pub fn read_path(path: &Path, options: &LoadOptions) -> Result<Vec<Figure>> {
    guarded(&source::display_name(path), || {
        read_source(Source::open(path, options.limits)?, options)
    })
}

/// Runs `read`, turning a panic (a parser's bug: the last line of defence, every known case
/// is refused before it gets there) into an input error for `name`.
fn guarded<T>(name: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    // The default hook would print the panic; it is reported as an error instead.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    read.unwrap_or_else(|_| {
        Err(Error::invalid(Problem::new(
            Location::file(name),
            format!("could not read {name} (the spreadsheet parser failed)"),
            "the file is damaged or not an ODS, XLSX or CSV file as published",
        )))
    })
}

/// A reader of one table layout, in a workbook (told by sheet names) or a CSV (told by its
/// first rows). The registry below is tried in order; the figures schema reads any other CSV.
struct TableReader {
    /// Whether a workbook holds this table; read it if so.
    workbook: fn(&mut Workbook, &LoadOptions) -> Result<Option<Vec<Figure>>>,
    /// Whether a CSV's first rows are this table's (an error for a near miss).
    csv_header: fn(&str, &[HeadRow]) -> Result<bool>,
    read_csv: fn(&str, Csv, &LoadOptions) -> Result<Vec<Figure>>,
}

const READERS: [TableReader; 2] = [
    TableReader {
        workbook: |book, options| match small_boats::from_workbook(book)? {
            Some(series) => series.figures(options).map(Some),
            None => Ok(None),
        },
        csv_header: small_boats::csv_header,
        read_csv: |name, input, options| {
            let read = |r: Box<dyn std::io::Read>| small_boats::from_csv(name, r, &options.limits);
            let series = match input {
                Csv::File { file, .. } => read(Box::new(file))?,
                Csv::Stream(s) => read(s)?,
            };
            match series {
                Some(series) => series.figures(options),
                None => Err(Error::invalid(Problem::new(
                    Location::file(name),
                    "the SB_01 header was not found again",
                    "the file changed while it was read",
                ))),
            }
        },
    },
    TableReader {
        workbook: |book, options| detailed::read_workbook(book, &options.detailed),
        csv_header: detailed::csv_header,
        read_csv: |name, input, options| {
            detailed::read_csv(name, input, &options.limits, &options.detailed)
        },
    },
];

/// A row from the head of a CSV: its line and its fields as cells.
pub type HeadRow = (u64, Vec<Data>);

/// Rows parsed from the head of a CSV for telling its kind.
const SNIFF_ROWS: usize = 12;

/// The dispatch, uncaught (the fuzz target calls this so that panics still show).
pub fn read_source(source: Source, options: &LoadOptions) -> Result<Vec<Figure>> {
    if workbook::looks_like_workbook(&source.head) {
        let mut book = Workbook::open(source)?;
        for reader in &READERS {
            if let Some(figures) = (reader.workbook)(&mut book, options)? {
                return Ok(figures);
            }
        }
        return Err(unknown_workbook(&book));
    }
    let rows = head_rows(&source.head, source.head.len() == source::HEAD);
    let name = source.name.clone();
    for reader in &READERS {
        if (reader.csv_header)(&name, &rows)? {
            return (reader.read_csv)(&name, source.csv()?, options);
        }
    }
    let limits = source.limits;
    let read = |r: Box<dyn std::io::Read>| {
        figures_csv::read_bounded(&name, r, &limits).map_err(Error::Invalid)
    };
    match source.csv()? {
        Csv::File { file, .. } => read(Box::new(BufReader::new(file))),
        Csv::Stream(s) => read(s),
    }
}

/// The first rows of a CSV's head with their line numbers; the last is left out when the head
/// was cut short (it may be cut mid-record).
fn head_rows(head: &[u8], cut: bool) -> Vec<HeadRow> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(head);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    while rows.len() < SNIFF_ROWS + 1 {
        match reader.read_byte_record(&mut record) {
            Ok(true) => rows.push((
                record.position().map_or(0, |p| p.line()),
                record.iter().map(small_boats::csv_cell).collect(),
            )),
            _ => break,
        }
    }
    let complete = !cut || rows.len() > SNIFF_ROWS;
    if !complete {
        rows.pop();
    }
    rows.truncate(SNIFF_ROWS);
    rows
}

/// A workbook with none of the sheets this tool reads: say which sheets it has.
fn unknown_workbook(book: &Workbook) -> Error {
    Error::invalid(Problem::new(
        Location::file(book.file.clone()),
        format!(
            "no sheet this tool reads; the workbook has {}",
            if book.sheet_names().is_empty() {
                "no sheets".to_string()
            } else {
                format!("sheets {}", book.listed_sheets())
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
pub fn read_figures_file(path: &Path, limits: &Limits) -> Result<Vec<Figure>> {
    let source = Source::open(path, *limits)?;
    let name = source.name.clone();
    let read = |r: Box<dyn std::io::Read>| {
        figures_csv::read_bounded(&name, r, limits).map_err(Error::Invalid)
    };
    match source.csv()? {
        Csv::File { file, .. } => read(Box::new(BufReader::new(file))),
        Csv::Stream(s) => read(s),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_reading_is_an_input_error() {
        let got: Result<()> = guarded("x.xlsx", || panic!("a parser bug"));
        assert_eq!(
            got.unwrap_err().messages(),
            vec![
                "x.xlsx: could not read x.xlsx (the spreadsheet parser failed) (the file is damaged or not an ODS, XLSX or CSV file as published)"
            ]
        );
        assert_eq!(guarded("x", || Ok(3)).unwrap(), 3);
    }
}
