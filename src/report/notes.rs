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

/// The UK Statistics Authority's label for an official table, which tells a reader how far to
/// trust it: the daily and weekly small boats sheets (SB_01, SB_02) are provisional management
/// information, the quarterly detailed datasets accredited official statistics. None for a
/// table not known here.
pub fn statistics_label(table: &str) -> Option<&'static str> {
    let t = table.trim().to_ascii_uppercase();
    if t.starts_with("SB_0") {
        Some("provisional management information")
    } else if ["IRR_D", "IER_D", "ASY_D", "RET_D"]
        .iter()
        .any(|p| t.starts_with(p))
    {
        Some("accredited official statistics")
    } else {
        None
    }
}

/// The label of the official files read, when they share one.
pub fn dataset_label(d: &Provenance) -> Option<&'static str> {
    let mut labels = d
        .sources
        .iter()
        .filter(|s| s.file.is_some())
        .map(|s| s.table.as_deref().and_then(statistics_label));
    let first = labels.next()??;
    labels.all(|l| l == Some(first)).then_some(first)
}

/// A chart's source line: each official file read by its publisher, release, table, the
/// last day it covers and its statistics label (`Home Office, "Migrants detected crossing the
/// English Channel in small boats", sheet SB_01, data to 20 August 2026 (provisional
/// management information)`), else `publisher`; then the licence in its own words.
pub fn release_source(d: &Provenance, publisher: &str) -> String {
    let mut cited: Vec<String> = Vec::new();
    for s in d.sources.iter().filter(|s| s.file.is_some()) {
        let mut line = match &s.release_title {
            Some(release) => {
                let mut line = format!(
                    "{}, \"{release}\"",
                    s.publisher.as_deref().unwrap_or(publisher)
                );
                if let Some(t) = &s.table {
                    line.push_str(&format!(", sheet {t}"));
                }
                line
            }
            // No release named: the citation as the loader wrote it, less file and licence.
            None => s
                .title
                .split("; file ")
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if let Some(date) = &s.release_date {
            line.push_str(&format!(", published {date}"));
        }
        // Without a release the citation above already says the last day.
        if let (Some(to), Some(_)) = (
            s.data_to.as_deref().and_then(|t| t.parse().ok()),
            &s.release_title,
        ) {
            line.push_str(&format!(", data to {}", crate::render::wording::day(to)));
        }
        if let Some(label) = s.table.as_deref().and_then(statistics_label) {
            line.push_str(&format!(" ({label})"));
        }
        if !cited.contains(&line) {
            cited.push(line);
        }
    }
    let cited = if cited.is_empty() {
        publisher.to_string()
    } else {
        cited.join("; ")
    };
    crate::render::wording::source(&cited, licence(d).as_deref())
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
