//! Notes under a table: the licence and sources of a dataset, files that disagree.

use super::words::figure_label;
use crate::domain::Figure;
use crate::loader::Provenance;
use crate::render::human;

/// The licence of the figures: the dataset's, or the one every cited official file shares.
pub fn licence(d: &Provenance) -> Option<String> {
    if let Some(l) = &d.licence {
        return Some(l.clone());
    }
    let mut licences = d.sources.iter().map(|s| s.licence.as_deref());
    let first = licences.next()??;
    licences
        .all(|l| l == Some(first))
        .then(|| first.to_string())
}

/// The official files read, cited in one line for a sentence: each file's citation without
/// its file name or licence ("Home Office, small boats time series (provisional), sheet
/// SB_01, to 13 Nov 2025, release \"Migrants detected…\""), once each, joined with "; ". None
/// when no official file was read.
pub fn official_citation(d: &Provenance) -> Option<String> {
    let mut cited: Vec<&str> = Vec::new();
    for s in d.sources.iter().filter(|s| s.file.is_some()) {
        let head = s.title.split("; file ").next().unwrap_or_default().trim();
        if !head.is_empty() && !cited.contains(&head) {
            cited.push(head);
        }
    }
    (!cited.is_empty()).then(|| cited.join("; "))
}

/// `Source: Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01; file …;
/// Open Government Licence v3.0` for each official file read: the footer a figure is cited by.
pub fn source_notes(d: &Provenance) -> Vec<String> {
    d.sources
        .iter()
        .filter(|s| s.file.is_some())
        .map(|s| format!("Source: {}", s.title))
        .collect()
}

/// The citation of the official file a figure was read from (a sheet's figures name the file
/// and the sheet); None for figures from a figures file or the bundled dataset.
pub fn citation_of<'a>(d: &'a Provenance, origin_file: &str) -> Option<&'a str> {
    d.sources
        .iter()
        .find(|s| s.cites(origin_file))
        .map(|s| s.title.as_str())
}

/// Notes on files that disagree: "small boat arrivals, all nationalities, 2022: 45,755 in
/// daily.ods [SB_01]; 45,774 in irr_d01.csv". A long list is cut short and says how much.
pub fn disagreement_notes(figures: &[Figure]) -> Vec<String> {
    const SHOWN: usize = 10;
    let all = crate::calc::disagreements(figures);
    let mut notes: Vec<String> = all
        .iter()
        .take(SHOWN)
        .filter_map(|d| {
            let first = d.figures.first()?;
            let values: Vec<String> = d
                .figures
                .iter()
                .map(|f| {
                    format!(
                        "{} in {}",
                        human::stated(f.value, f.qualifier, f.unit),
                        f.origin.file
                    )
                })
                .collect();
            Some(format!(
                "Files disagree on {}, {}: {}. Figures are never paired across them.",
                figure_label(&first.id, &first.metric, &first.country, None).replace('\n', ", "),
                first.period.label(),
                values.join("; ")
            ))
        })
        .collect();
    if all.len() > SHOWN {
        notes.push(format!(
            "Files disagree on {} more figures (figures --format json lists every figure).",
            all.len() - SHOWN
        ));
    }
    notes
}

/// `Dataset: <title> (version 1.0.0)`, the first note under a table.
/// A release read from the cache adds its name, date and sha256.
pub fn dataset_note(d: &Provenance) -> String {
    let mut note = match &d.version {
        Some(v) => format!("Dataset: {} (version {v})", d.title),
        None => format!("Dataset: {}", d.title),
    };
    for r in &d.releases {
        note.push_str(&format!(
            "; release {} of {} (file {}), sha256 {}",
            r.dataset, r.release_date, r.filename, r.sha256
        ));
    }
    note
}
