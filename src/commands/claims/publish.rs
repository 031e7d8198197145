//! What `check --claim` / `--text` gives a desk to publish: one paragraph per number (the
//! verdict in words, the official figure, the caveats, the citation) and the fact-check page's
//! claims with their ratings.

use super::check::{self, CheckRow};
use super::{ClaimRow, Status};
use crate::calc::ClaimStatus;
use crate::domain::Unit;
use crate::loader::Provenance;
use crate::render::html::{Bar, PageClaim};
use crate::render::{Page, Tone, human, wording};
use crate::report::{self as rows, claim_tone};

/// Each number read as a claim, with its verdict, receipt, chart and citation; `notes` are the
/// table's (those about one line are left to its claim).
pub(super) fn page(rows: &[ClaimRow], dataset: &Provenance, notes: Vec<String>) -> Option<Page> {
    let claims = rows
        .iter()
        .filter(|r| r.status != Status::NotUnderstood)
        .map(|r| {
            let unit = r.unit.unwrap_or(Unit::People);
            let mut bars = Vec::new();
            if let (Some(v), Some(p)) = (r.data_value, &r.period) {
                bars.push(Bar {
                    // The span the value is for: a file's last day where it ends short.
                    label: r.checked_to.map_or_else(|| p.label.clone(), |c| c.label()),
                    value: v,
                });
                if let Some((label, v)) = &r.year_before {
                    bars.push(Bar {
                        label: label.clone(),
                        value: *v,
                    });
                }
            }
            let mut receipt = r
                .receipt
                .as_ref()
                .map(|x| x.table(unit))
                .unwrap_or_default();
            if let Some(note) = r.check.as_ref().and_then(CheckRow::cutoff_runs) {
                receipt.push(("By cut-off".to_string(), note));
            }
            let citation = match &r.receipt {
                Some(x) => wording::source(&x.citation(), x.licence.as_deref()),
                None => rows::official_citation(dataset)
                    .map(|c| wording::source(&c, rows::licence(dataset).as_deref()))
                    .unwrap_or_default(),
            };
            PageClaim {
                sentence: r.sentence.clone(),
                claim: r.span.text.clone(),
                period: r
                    .period
                    .as_ref()
                    .map_or_else(String::new, |p| p.label.clone()),
                verdict: r.status.as_str().to_string(),
                tone: tone(r.status),
                rating: rating(r.status).to_string(),
                paragraph: paragraph(r, dataset),
                receipt,
                bars,
                unit,
                measure: r
                    .metric
                    .as_deref()
                    .map_or_else(String::new, |m| m.replace('_', " ")),
                citation,
                release: r.receipt.as_ref().and_then(|x| x.release.clone()),
                release_url: r.receipt.as_ref().and_then(|x| x.url.clone()),
                date: r.published.map(|d| d.to_string()),
            }
        })
        .collect();
    let date = rows.iter().find_map(|r| r.published);
    Some(Page {
        title: match date {
            Some(d) => format!("Fact check: claims published {}", wording::day(d)),
            None => "Fact check".to_string(),
        },
        claims,
        notes: notes
            .into_iter()
            .filter(|n| !n.starts_with("Line "))
            .collect(),
    })
}

/// The verdict as a ClaimReview's rating names it.
fn rating(s: Status) -> &'static str {
    match s {
        Status::NotUnderstood => "Not read as a claim",
        Status::Consistent => check::rating(ClaimStatus::Consistent),
        Status::Understated => check::rating(ClaimStatus::Understated),
        Status::Overstated => check::rating(ClaimStatus::Overstated),
        Status::Inconsistent => check::rating(ClaimStatus::Inconsistent),
        Status::NotCheckable => check::rating(ClaimStatus::NotCheckable),
    }
}

/// The colour of a verdict, in the table and on the page.
pub(super) fn tone(s: Status) -> Tone {
    match s {
        Status::NotUnderstood => Tone::Muted,
        Status::Consistent => claim_tone(ClaimStatus::Consistent),
        Status::Understated => claim_tone(ClaimStatus::Understated),
        Status::Overstated => claim_tone(ClaimStatus::Overstated),
        Status::Inconsistent => claim_tone(ClaimStatus::Inconsistent),
        Status::NotCheckable => claim_tone(ClaimStatus::NotCheckable),
    }
}

/// The paragraph of [`ClaimRow::sentences`]: the verdict in words, the official figure,
/// the caveats and the citation.
pub(super) fn paragraph(r: &ClaimRow, dataset: &Provenance) -> String {
    let quoted = format!("\u{201c}{}\u{201d}", r.span.text);
    let (Some(metric), Some(period), Some(unit)) = (&r.metric, &r.period, r.unit) else {
        return format!(
            "The number {quoted} (line {}) was not read as a claim: the sentence does not give its {}.",
            r.line,
            r.missing.join(" or ")
        );
    };
    let what = format!(
        "{}{}",
        metric.replace('_', " "),
        match r.country.as_deref() {
            None | Some("all") => String::new(),
            Some(c) => format!(" ({c})"),
        }
    );
    let when = wording::period(&period.span);
    let official = r.data_value.map(|v| human::amount(v, unit));
    let mut text = match (r.status, &official) {
        (Status::Consistent, Some(v)) => format!(
            "The claim {quoted} about {what} {when} is consistent with the official figure of {v}."
        ),
        (Status::Understated, Some(v)) => format!(
            "The claim {quoted} about {what} {when} holds but understates: the official figure is {v}."
        ),
        (Status::Overstated, Some(v)) => format!(
            "The claim {quoted} about {what} {when} holds but overstates: the official figure is {v}."
        ),
        (Status::Inconsistent, Some(v)) => format!(
            "The claim {quoted} about {what} {when} does not match the official figure of {v}."
        ),
        (_, _) => format!("The claim {quoted} about {what} {when} cannot be checked."),
    };
    if let Some(s) = &r.stronger {
        text.push_str(&format!(
            " The figures support \u{201c}{}\u{201d}.",
            human::wording(s.value, s.qualifier, unit)
        ));
    }
    if let Some(x) = &r.receipt {
        text.push_str(&rows::receipt_words(x, r.value, unit));
    }
    if let Some(c) = &r.stated_change
        && let Some(status) = c.status
    {
        text.push_str(&format!(
            " The change it states (\u{201c}{}\u{201d}) is {} with the figures.",
            c.words,
            match status {
                ClaimStatus::Consistent => "consistent",
                ClaimStatus::Inconsistent => "inconsistent",
                ClaimStatus::Understated => "understated but consistent",
                ClaimStatus::Overstated => "overstated but consistent",
                ClaimStatus::NotCheckable => "not checkable",
            }
        ));
    }
    if let Some(x) = &r.releases {
        text.push_str(&format!(" {}.", x.words));
    }
    // Caveats: why not checkable, another basis, the cut-off, how far to trust the table.
    if let Some(why) = r
        .reason
        .as_ref()
        .filter(|_| r.status == Status::NotCheckable)
    {
        text.push_str(&format!(" Why: {}.", why.trim_end_matches('.')));
    } else if let Some(why) = r.reason.as_ref().filter(|_| r.checked_to.is_some()) {
        // A running total checked to a file's last day: say where the data end.
        text.push_str(&format!(" Note: {}.", why.trim_end_matches('.')));
    }
    if let Some(n) = &r.concept_note {
        text.push_str(&format!(" Note: {}.", n.trim_end_matches('.')));
    }
    if r.cutoffs.iter().any(|c| Status::from(c.status) != r.status) {
        let runs: Vec<String> = r
            .cutoffs
            .iter()
            .map(|c| format!("{} with data to {}", c.status.as_str(), c.label))
            .collect();
        text.push_str(&format!(
            " The verdict varies with the last day counted: {}.",
            runs.join("; ")
        ));
    }
    let citation = match &r.receipt {
        Some(x) => {
            if x.statistics
                .as_deref()
                .is_some_and(|l| l.contains("provisional"))
            {
                text.push_str(" The daily figures are provisional and may be revised.");
            }
            wording::source(&x.citation(), x.licence.as_deref())
        }
        None => match rows::official_citation(dataset) {
            Some(c) => wording::source(&c, rows::licence(dataset).as_deref()),
            None => String::new(),
        },
    };
    if !citation.is_empty() {
        text.push(' ');
        text.push_str(&citation);
    }
    text
}
