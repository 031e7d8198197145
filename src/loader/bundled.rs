//! The dataset compiled into the binary, so `migstats summary` works from any directory.

use super::{Dataset, Provenance, SourceRef};
use crate::error::{Error, Location, Problem, Result};
use serde::Deserialize;

pub const FIGURES_CSV: &str = include_str!("../../data/figures.csv");
pub const DATAPACKAGE_JSON: &str = include_str!("../../data/datapackage.json");
const NAME: &str = "data/figures.csv (bundled)";

/// The parts of the Data Package descriptor that provenance needs.
#[derive(Deserialize)]
struct Descriptor {
    name: String,
    title: String,
    version: String,
    #[serde(default)]
    licenses: Vec<License>,
    #[serde(default)]
    sources: Vec<SourceRef>,
}

#[derive(Deserialize)]
struct License {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

pub fn bundled() -> Result<Dataset> {
    // Both files are checked by the test suite; errors here mean a broken build, but are still
    // reported rather than panicking.
    let descriptor: Descriptor = serde_json::from_str(DATAPACKAGE_JSON).map_err(|e| {
        Error::invalid(Problem::new(
            Location::at(
                "data/datapackage.json (bundled)",
                e.line() as u64,
                Some(e.column() as u64),
            ),
            format!("bad descriptor: {e}"),
            "this is a bug in the build",
        ))
    })?;
    let figures =
        super::figures_csv::read_figures(NAME, FIGURES_CSV.as_bytes()).map_err(Error::Invalid)?;
    let licence = descriptor
        .licenses
        .first()
        .and_then(|l| l.title.clone().or_else(|| l.name.clone()));
    Ok(Dataset {
        provenance: Provenance {
            name: descriptor.name,
            title: descriptor.title,
            version: Some(descriptor.version),
            licence,
            sources: descriptor.sources,
            files: Vec::new(),
            inputs: vec![super::InputKind::Figures],
            notes: Vec::new(),
            releases: Vec::new(),
        },
        figures,
        marks: Vec::new(),
    })
}
