//! `migstats fetch [DATASET|all]`: download the newest official release of each dataset from
//! GOV.UK into the cache, or confirm the cached one is still the newest.

use super::Outcome;
use crate::error::{Error, Problem, Result};
use crate::fetch::{self, Cache, Kind, Status, http};
use crate::loader::{Provenance, SourceRef};
use crate::render::{Cell, Column, Grid, Tone, human};
use crate::report::Field;
use crate::report::{self as rows, Rows};
use schemars::JsonSchema;
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// One dataset's release after the fetch.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FetchRow {
    /// Dataset name, e.g. `small-boats` (what `--data latest:NAME` takes).
    pub dataset: String,
    /// `downloaded`, or `up_to_date` when the newest release was already cached.
    pub status: String,
    pub filename: String,
    /// Release date from the file name, ISO (monthly releases: the 1st).
    pub release_date: String,
    pub size: u64,
    pub sha256: String,
    /// `public_updated_at` of the GOV.UK page when the file was fetched.
    pub public_updated_at: Option<String>,
    pub fetched_at: String,
    pub url: String,
    /// The cached file.
    pub path: String,
}

/// Fetches `which` (a dataset name or `all`). Every dataset is tried; if any fails, all the
/// failures are reported and nothing is printed on stdout; those that succeeded stay cached and
/// are named in `warnings`.
pub fn run(
    which: &str,
    cache_dir: Option<&Path>,
    timeout: Duration,
    progress: bool,
    warnings: &mut Vec<String>,
) -> Result<Outcome> {
    let kinds: Vec<Kind> = if which == "all" {
        Kind::ALL.to_vec()
    } else {
        vec![Kind::parse(which).ok_or_else(|| {
            Error::usage(
                format!("unknown dataset '{}'", http::shown(which)),
                format!("choose one of {}, or all", Kind::names()),
            )
        })?]
    };
    let cache = Cache::locate(cache_dir).map_err(Error::invalid)?;
    let mut client = http::Client::new(timeout).map_err(Error::invalid)?;
    client.progress = progress;
    let mut rows = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut pages = fetch::Pages::new();
    for kind in kinds {
        match fetch::fetch(kind, &client, &cache, &mut pages) {
            Ok(f) => rows.push(FetchRow {
                dataset: kind.name().to_string(),
                status: match f.status {
                    Status::Downloaded => "downloaded",
                    Status::UpToDate => "up_to_date",
                }
                .to_string(),
                filename: f.entry.filename,
                release_date: f.entry.release_date.to_string(),
                size: f.entry.size,
                sha256: f.entry.sha256,
                public_updated_at: f.entry.public_updated_at,
                fetched_at: f.entry.fetched_at,
                url: f.entry.url,
                path: f.path.display().to_string(),
            }),
            // One page failing fails every dataset it lists: say so once.
            Err(p) if problems.contains(&p) => {}
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        warnings.extend(rows.iter().map(|r| {
            format!(
                "{}: {} {} despite the error below",
                r.dataset,
                r.filename,
                if r.status == "downloaded" {
                    "was downloaded"
                } else {
                    "is up to date"
                }
            )
        }));
        return Err(Error::Invalid(problems));
    }
    let provenance = Provenance {
        name: "govuk-releases".to_string(),
        title: format!("Official releases cached in {}", cache.dir.display()),
        version: None,
        licence: Some("Open Government Licence v3.0".to_string()),
        sources: vec![SourceRef {
            title: "GOV.UK Content API".to_string(),
            path: Some(format!("{}/api/content", http::GOVUK)),
            ..Default::default()
        }],
        files: rows.iter().map(|r| r.path.clone()).collect(),
        ..Default::default()
    };
    Ok(rows::report("fetch", &provenance, rows).into())
}

impl Rows for FetchRow {
    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::left("Dataset"),
                Column::left("File"),
                Column::left("Status"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    let size = format!("{} KB", human::grouped(r.size as f64 / 1024.0, 0));
                    let status = if r.status == "downloaded" {
                        Cell::toned(format!("downloaded\n{size}"), Tone::Good)
                    } else {
                        Cell::toned("up to date\n(nothing\ndownloaded)", Tone::Muted)
                    };
                    vec![r.dataset.clone().into(), r.filename.clone().into(), status]
                })
                .collect(),
        }
    }

    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::text("dataset", |r: &Self| &r.dataset),
            Field::text("status", |r: &Self| &r.status),
            Field::text("filename", |r: &Self| &r.filename),
            Field::iso_date("release_date", |r: &Self| &r.release_date),
            Field::number("size", |r: &Self| Some(r.size as f64)),
            Field::text("sha256", |r: &Self| &r.sha256),
            Field::moment("public_updated_at", |r: &Self| {
                r.public_updated_at.as_deref().unwrap_or_default()
            }),
            Field::moment("fetched_at", |r: &Self| &r.fetched_at),
            Field::text("url", |r: &Self| &r.url),
            Field::text("path", |r: &Self| &r.path),
        ]
    }

    fn notes(rows: &[Self], d: &Provenance) -> Vec<String> {
        let mut notes = vec![d.title.clone()];
        notes.extend(
            rows.iter()
                .map(|r| format!("sha256 {}  {}", r.sha256, r.filename)),
        );
        if let Some(r) = rows.first() {
            notes.push(format!(
                "Read it offline with: migstats --data latest:{} summary",
                r.dataset
            ));
        }
        notes
    }
}
