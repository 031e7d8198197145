//! The loader owns reading: the bundled dataset compiled into the binary, and the files named
//! with `--data`. It turns bytes into checked [`Figure`]s and a [`Provenance`]; nothing after it
//! parses an input file.

pub mod archive;
mod bundled;
mod cover;
mod csv_input;
mod dataset;
pub mod detailed;
pub mod figures_csv;
mod guard;
mod known;
pub mod limits;
pub mod ods;
mod ods_pass;
mod ods_xml;
pub mod small_boats;
pub mod source;
pub mod workbook;
mod xml_check;
mod zipdir;

use crate::domain::{Bucket, Figure, Period};
use crate::error::{Error, Location, Problem, Problems, Result};
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
pub use dataset::{check_unique_ids, load, load_anchored, rederive};
use guard::guarded;
pub use guard::install_panic_hook;

/// A source a dataset cites. For an official file read with `--data`, precise enough to cite:
/// publisher, table, file, licence and, where the workbook's cover sheet gives them, the
/// release's title and date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRef {
    /// The citation in one line, e.g. "Home Office, Irregular migration detailed dataset,
    /// Irr_D01/IER_D01; file irregular_migration.csv; Open Government Licence v3.0".
    pub title: String,
    /// A web address for the source (bundled dataset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Publisher of an official file read, e.g. "Home Office".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The table or sheet cited, e.g. "Irr_D01/IER_D01" or "SB_01".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The file read, as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Licence of the data in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// The release's title, from the workbook's cover sheet where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_title: Option<String>,
    /// The release's date as the cover sheet words it, where it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_date: Option<String>,
    /// The day the workbook was last saved (YYYY-MM-DD), from its document properties: the
    /// release's date where its cover gives none (a file saved again later shows that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_saved: Option<String>,
    /// The last day a daily series covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_to: Option<String>,
    /// sha256 of the file read, hex (of stdin or a pipe, the bytes read from it to its end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl SourceRef {
    /// Whether this cites the file a figure was read from (`file`, or `file [sheet]`).
    pub fn cites(&self, origin_file: &str) -> bool {
        self.file.as_deref().is_some_and(|f| {
            origin_file == f
                || origin_file
                    .strip_prefix(f)
                    .is_some_and(|rest| rest.starts_with(" ["))
        })
    }
}

/// What kind of input a file was, which decides the options that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// The Home Office small boats daily series (`--as-of`).
    DailySeries,
    /// The weekly sheet SB_02 of the small boats time series, read alone.
    WeeklySeries,
    /// A detailed dataset table (`--method` for Irr_D01, `--main-applicants` for decisions).
    Detailed(detailed::layout::Table),
    /// A file in the figures schema (or the bundled dataset).
    Figures,
}

/// Where the figures came from: the bundled package's descriptor, or the files given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
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
    /// What each input was, in order (not part of the JSON).
    #[serde(skip)]
    #[schemars(skip)]
    pub inputs: Vec<InputKind>,
    /// What the readers found worth saying about the inputs (see [`Input::notes`]); not part
    /// of the JSON's dataset, said in a command's notes.
    #[serde(skip)]
    #[schemars(skip)]
    pub notes: Vec<String>,
    /// Official releases read from the `fetch` cache (`--data latest:NAME`), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<crate::domain::Release>,
}

/// Figures and where they came from. Ids are unique across the whole dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub provenance: Provenance,
    pub figures: Vec<Figure>,
    /// The smaller buckets inside figures' periods that [`LoadOptions::marks`] asked for, kept
    /// apart so that no command takes them for figures of its own; empty unless asked for.
    pub marks: Vec<Figure>,
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
    /// The period the user asked for (`--period`): an official file must cover all of it (an
    /// error naming what it covers otherwise); it and the same span a year earlier are derived.
    pub period: Option<Period>,
    /// `series`: also derive every bucket of the file (within `period` when given), cut at its
    /// ends, and each bucket's year-before span.
    pub buckets: Option<Bucket>,
    /// Also read the weekly sheet `SB_02` of a small boats workbook, its weeks compared with
    /// the daily rows (`series --by week`, or a prevention metric asked for). A workbook's
    /// other commands read `SB_01` alone.
    pub weekly: bool,
    /// With `weekly`: add SB_02's prevention figures, and cite the sheet (a prevention metric
    /// asked for).
    pub prevented: bool,
    /// A table's sparklines: also derive, into [`Dataset::marks`], the buckets of this size
    /// inside each period derived from a daily series, cut to it.
    pub marks: Option<Bucket>,
    /// A chart's buckets, without `period`: only those from 1 January this many years before
    /// the daily file's last day, as the chart draws only the latest.
    pub latest_years: Option<i32>,
}

/// One file read: its figures, what kind of input it was (a workbook may hold several tables)
/// and how to cite it.
#[derive(Debug)]
pub struct Input {
    pub figures: Vec<Figure>,
    /// See [`Dataset::marks`].
    pub marks: Vec<Figure>,
    pub kinds: Vec<InputKind>,
    pub sources: Vec<SourceRef>,
    /// A daily series' days, kept so that more figures can be derived without reading it again.
    pub series: Option<small_boats::DailySeries>,
    /// A detailed table's quarterly sums, kept for the same reason.
    pub tables: Option<detailed::Tables>,
    /// What a reader found worth saying about the file (the weekly and daily sheets of one
    /// workbook disagreeing), for a command's notes.
    pub notes: Vec<String>,
}

/// Reads one source of figures (a path, or `-` for stdin). Its kind is told from its content,
/// never its name: a workbook by its magic bytes, a CSV by its header.
pub fn read_path(path: &Path, options: &LoadOptions) -> Result<Vec<Figure>> {
    read_file(path, options).map(|i| i.figures)
}

/// [`read_path`], with what the file was and its citation. The source is opened and read once;
/// a panic in a parser (a dependency's bug) becomes an input error.
pub fn read_file(path: &Path, options: &LoadOptions) -> Result<Input> {
    guarded(&source::display_name(path), || {
        read_source(Source::open(path, options.limits)?, options)
    })
}

/// A reader of one table layout, in a workbook (told by sheet names) or a CSV (told by its
/// first rows). The registry below is tried in order; the figures schema reads any other CSV.
struct TableReader {
    /// Whether a workbook holds this table; read it if so (with the cover sheet's release).
    workbook: fn(&mut Workbook, &cover::Release, &LoadOptions) -> Result<Option<Input>>,
    /// Whether a CSV's first rows are this table's (an error for a near miss).
    csv_header: fn(&str, &[HeadRow]) -> Result<bool>,
    read_csv: fn(&str, Csv, &[HeadRow], &LoadOptions) -> Result<Input>,
}

const READERS: [TableReader; 3] = [
    // The weekly sheet alone (a workbook with SB_02 and no SB_01, or SB_02 saved as CSV).
    TableReader {
        workbook: |book, release, _| {
            if book.sheet_names().iter().any(|n| small_boats::is_sheet(n)) {
                return Ok(None);
            }
            let Some(weekly) = small_boats::weekly_from_workbook(book)? else {
                return Ok(None);
            };
            let source = cover::weekly_source(&book.file, release, weekly.last_date());
            Ok(Some(weekly_input(&weekly, source)))
        },
        csv_header: |_, rows| Ok(small_boats::weekly::csv_header(rows)),
        read_csv: |name, input, _, options| {
            let read =
                |r: Box<dyn std::io::Read>| small_boats::weekly_from_csv(name, r, &options.limits);
            let weekly = match input {
                Csv::File { file, .. } => read(Box::new(file))?,
                Csv::Stream(s) => read(s)?,
            };
            let source = cover::weekly_source(name, &cover::Release::default(), weekly.last_date());
            Ok(weekly_input(&weekly, source))
        },
    },
    TableReader {
        workbook: |book, release, options| {
            let Some(series) = small_boats::from_workbook(book)? else {
                return Ok(None);
            };
            let source = cover::daily_source(&book.file, release, series.last_date());
            let weekly = if options.weekly {
                small_boats::weekly_from_workbook(book)?
            } else {
                None
            };
            let mut input = daily_input(series, source, options)?;
            if let (Some(weekly), Some(series)) = (weekly, &input.series) {
                // Arrivals and boats by week come from the daily rows, as for any bucket; the
                // weekly sheet adds what only it has, and is checked against them.
                input.notes.extend(series.compare_weeks(&weekly));
                if options.prevented {
                    input
                        .figures
                        .extend(weekly.figures(Some(&small_boats::weekly::PREVENTED)));
                    input.sources.push(cover::weekly_source(
                        &book.file,
                        release,
                        weekly.last_date(),
                    ));
                }
            }
            Ok(Some(input))
        },
        csv_header: small_boats::csv_header,
        read_csv: |name, input, _, options| {
            let read = |r: Box<dyn std::io::Read>| small_boats::from_csv(name, r, &options.limits);
            let series = match input {
                Csv::File { file, .. } => read(Box::new(file))?,
                Csv::Stream(s) => read(s)?,
            };
            let Some(series) = series else {
                return Err(Error::invalid(Problem::new(
                    Location::file(name),
                    "the SB_01 header was not found again",
                    "the file changed while it was read",
                )));
            };
            let source = cover::daily_source(name, &cover::Release::default(), series.last_date());
            daily_input(series, source, options)
        },
    },
    TableReader {
        workbook: |book, release, options| {
            let tables: Vec<detailed::layout::Table> = book
                .sheet_names()
                .iter()
                .filter_map(|n| detailed::layout::Table::from_sheet_name(n))
                .collect();
            let Some(read) = detailed::read_workbook(book, &detailed_choices(options))? else {
                return Ok(None);
            };
            let sources = tables
                .iter()
                .map(|t| cover::detailed_source(&book.file, *t, release))
                .collect();
            Ok(Some(Input {
                figures: read.figures()?,
                marks: Vec::new(),
                kinds: tables.into_iter().map(InputKind::Detailed).collect(),
                sources,
                series: None,
                tables: Some(read),
                notes: Vec::new(),
            }))
        },
        csv_header: detailed::csv_header,
        read_csv: |name, input, head, options| {
            let read =
                detailed::read_csv(name, input, &options.limits, &detailed_choices(options))?;
            let table = detailed::csv_table(head);
            Ok(Input {
                figures: read.figures()?,
                marks: Vec::new(),
                kinds: table.into_iter().map(InputKind::Detailed).collect(),
                sources: table
                    .map(|t| cover::detailed_source(name, t, &cover::Release::default()))
                    .into_iter()
                    .collect(),
                series: None,
                tables: Some(read),
                notes: Vec::new(),
            })
        },
    },
];

/// A daily series' figures, with the marks asked for.
fn daily_input(
    series: small_boats::DailySeries,
    source: SourceRef,
    options: &LoadOptions,
) -> Result<Input> {
    let figures = series.figures(options)?;
    // A series' sparklines are drawn under its buckets only: not under every calendar year of
    // a long file.
    let marks = options
        .marks
        .map(|size| {
            let under: Vec<&Figure> = figures
                .iter()
                .filter(|f| options.buckets.is_none_or(|b| b.holds(&f.period)))
                .collect();
            series.marks(&under, size)
        })
        .unwrap_or_default();
    Ok(Input {
        figures,
        marks,
        kinds: vec![InputKind::DailySeries],
        sources: vec![source],
        series: Some(series),
        tables: None,
        notes: Vec::new(),
    })
}

/// The weekly sheet's figures, every metric of every week.
fn weekly_input(weekly: &small_boats::weekly::WeeklySeries, source: SourceRef) -> Input {
    Input {
        figures: weekly.figures(None),
        marks: Vec::new(),
        kinds: vec![InputKind::WeeklySeries],
        sources: vec![source],
        series: None,
        tables: None,
        notes: Vec::new(),
    }
}

/// A row from the head of a CSV: its line and its fields as cells.
pub type HeadRow = (u64, Vec<Data>);

/// Rows parsed from the head of a CSV for telling its kind.
const SNIFF_ROWS: usize = 12;

/// The dispatch, uncaught (the fuzz target calls this so that panics still show).
pub fn read_source(source: Source, options: &LoadOptions) -> Result<Input> {
    let sha256 = source.sha256.clone();
    let digest = source.digest.clone();
    let mut input = read_kind(source, options)?;
    // A stream's digest is known once a reader has taken it to its end.
    let sha256 = sha256.or_else(|| digest.and_then(|d| d.finish()));
    for s in &mut input.sources {
        s.sha256.clone_from(&sha256);
    }
    Ok(input)
}

/// [`read_source`] told by its kind.
fn read_kind(source: Source, options: &LoadOptions) -> Result<Input> {
    if workbook::looks_like_workbook(&source.head) {
        let mut book = Workbook::open(source)?;
        let release = cover::read(&mut book);
        for reader in &READERS {
            if let Some(input) = (reader.workbook)(&mut book, &release, options)? {
                return Ok(input);
            }
        }
        return Err(unknown_workbook(&book));
    }
    let rows = head_rows(&source.head, source.head.len() == source::HEAD);
    let name = source.name.clone();
    known::refuse(&name, &rows)?;
    for reader in &READERS {
        if (reader.csv_header)(&name, &rows)? {
            return (reader.read_csv)(&name, source.csv()?, &rows, options);
        }
    }
    let limits = source.limits;
    let read = |r: Box<dyn std::io::Read>| {
        figures_csv::read_bounded(&name, r, &limits).map_err(Error::Invalid)
    };
    let figures = match source.csv()? {
        Csv::File { file, .. } => read(Box::new(BufReader::new(file)))?,
        Csv::Stream(s) => read(s)?,
    };
    Ok(Input {
        figures,
        marks: Vec::new(),
        kinds: vec![InputKind::Figures],
        sources: Vec::new(),
        series: None,
        tables: None,
        notes: Vec::new(),
    })
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

/// An option that applies to no input read is an error, never silently ignored: `--as-of`
/// needs a daily series, `--main-applicants` a decisions table, `--method` Irr_D01/IER_D01.
pub fn check_options_apply(inputs: &[InputKind], options: &LoadOptions) -> Result<()> {
    use detailed::layout::Table;
    let has = |want: fn(&InputKind) -> bool| inputs.iter().any(want);
    if let Some(day) = options.as_of
        && !has(|k| *k == InputKind::DailySeries)
    {
        return Err(Error::usage(
            format!(
                "--as-of {day} applies only to the Home Office small boats daily series, and no input is one"
            ),
            "give the daily file with --data FILE or check --against FILE, or leave --as-of out",
        ));
    }
    if options.detailed.main_applicants_only
        && !has(|k| {
            matches!(
                k,
                InputKind::Detailed(
                    Table::Decisions
                        | Table::SmallBoatDecisions
                        | Table::SmallBoatApplications
                        | Table::Applications
                )
            )
        })
    {
        return Err(Error::usage(
            "--main-applicants applies only to tables with an applicant type (Asy_D02, Irr_D03/IER_D03 decisions; Asy_D01, Irr_D02/IER_D02 applications), and no input is one",
            "give a decisions or applications table with --data FILE, or leave --main-applicants out",
        ));
    }
    if !options.detailed.methods.is_empty() && !has(|k| *k == InputKind::Detailed(Table::Arrivals))
    {
        return Err(Error::usage(
            "--method applies only to the Irr_D01/IER_D01 table (detections by method of entry), and no input is one",
            "give that table with --data FILE, or leave --method out",
        ));
    }
    Ok(())
}

/// What a detailed dataset is asked for: the user's choices plus the periods to derive from
/// whole quarters.
pub(super) fn detailed_choices(options: &LoadOptions) -> detailed::Choices {
    let mut periods = options.periods.clone();
    periods.extend(options.period);
    periods.extend(options.period.and_then(|p| p.year_before()));
    detailed::Choices {
        periods,
        required: options.period,
        buckets: options.buckets,
        ..options.detailed.clone()
    }
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

/// Reads a file in the figures schema (docs/formats-and-json.md), reporting every problem in it.
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
