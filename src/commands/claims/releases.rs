//! Several releases of one table given to check against (`--against` more than once): which
//! one was current when the sentence was published, which is the newest, and what the newest
//! says of a figure checked against the older one. A release's date comes from the file (its
//! cover sheet, or the day its properties say it was saved) or from the fetch cache, never from
//! its name alone; where one is missing, nothing is chosen by date.

use super::{ClaimRow, Status};
use crate::domain::Release;
use crate::loader::{Input, SourceRef};
use crate::render::wording;
use crate::report::receipt::base_name;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// One release of a table, dated.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ReleaseOut {
    /// The file, without its directories.
    pub file: String,
    /// The release's date, YYYY-MM-DD.
    pub date: String,
    #[serde(skip)]
    #[schemars(skip)]
    day: NaiveDate,
    /// Where the date comes from: `cover` (the cover sheet), `fetch_cache` (the cache's record
    /// of the download) or `file_saved` (the day the file's properties say it was saved).
    pub date_from: String,
}

/// The figure as the newest release gives it, beside the verdict given at the time.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NewestOut {
    #[serde(flatten)]
    pub release: ReleaseOut,
    pub status: Status,
    pub data_value: Option<f64>,
    /// The newest release's figure differs from the one current at publication.
    pub revised: bool,
}

/// With several releases of the table a figure was checked against: `status` and `data_value`
/// are those of the release current on the publication date (`at_the_time`), or the newest's
/// when none given was out yet (`at_the_time` null) or the one out then does not give the
/// figure; `newest` is what the newest release gives.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ReleasesOut {
    pub at_the_time: Option<ReleaseOut>,
    pub newest: NewestOut,
    /// "Consistent with the figures published at the time (release of 14 Nov 2025); since
    /// revised to 45,755 in the release of 21 Aug 2026 (inconsistent)".
    pub words: String,
}

/// One table's releases among the files, by date.
#[derive(Debug, Clone)]
pub(super) struct History {
    /// Indices (into the files) of every release of the table.
    members: Vec<usize>,
    /// The one current on the publication date, if any was out.
    then: Option<(usize, ReleaseOut)>,
    newest: (usize, ReleaseOut),
}

/// What the files say about releases of one table: the history when two or more releases of one
/// table are all dated; `Err` a warning when some are not.
pub(super) fn history(
    inputs: &[(Input, String)],
    cached: &[Release],
    published: NaiveDate,
) -> std::result::Result<Option<History>, String> {
    // A file is a release of the first table it gives (a workbook's SB_01, with or without
    // its SB_02).
    let key = |i: &Input| {
        i.sources
            .iter()
            .find_map(|s| s.table.clone())
            .unwrap_or_default()
    };
    let keys: Vec<String> = inputs.iter().map(|(i, _)| key(i)).collect();
    let Some(table) = keys
        .iter()
        .find(|k| !k.is_empty() && keys.iter().filter(|x| x == k).count() > 1)
    else {
        return Ok(None);
    };
    let members: Vec<usize> = (0..inputs.len())
        .filter(|i| keys.get(*i) == Some(table))
        .collect();
    let mut dated = Vec::new();
    for &m in &members {
        let Some((input, name)) = inputs.get(m) else {
            continue;
        };
        match dated_release(input, cached) {
            Some(r) => dated.push((m, r)),
            None => {
                return Err(format!(
                    "{} releases of {table} were given, but {} says no release date (no cover date, no saved date in its properties, not from the fetch cache): each figure is checked against the first file given that has it",
                    members.len(),
                    base_name(name),
                ));
            }
        }
    }
    dated.sort_by(|a, b| a.1.day.cmp(&b.1.day).then(a.0.cmp(&b.0)));
    let Some(newest) = dated.last().cloned() else {
        return Ok(None);
    };
    let then = dated
        .iter()
        .rev()
        .find(|(_, r)| r.day <= published)
        .cloned();
    Ok(Some(History {
        members,
        then,
        newest,
    }))
}

impl History {
    /// The files to check against as they stood at publication (every other file, and the
    /// release then current), in the order given; None when no release was out yet.
    pub(super) fn at_the_time(&self, files: usize) -> Option<Vec<usize>> {
        let (then, _) = self.then.as_ref()?;
        Some(self.keeping(*then, files))
    }

    /// The files to check against now: every other file and the newest release.
    pub(super) fn now(&self, files: usize) -> Vec<usize> {
        self.keeping(self.newest.0, files)
    }

    fn keeping(&self, release: usize, files: usize) -> Vec<usize> {
        (0..files)
            .filter(|i| *i == release || !self.members.contains(i))
            .collect()
    }

    /// The verdicts given at the time (`then`, when a release was out) with what the newest
    /// release gives for each figure checked against a release of the table.
    pub(super) fn merge(&self, then: Option<Vec<ClaimRow>>, now: Vec<ClaimRow>) -> Vec<ClaimRow> {
        let at_the_time = self.then.as_ref().map(|(_, r)| r.clone());
        let newest = &self.newest.1;
        // The file a figure was checked against: its receipt's, or the one its basis names.
        let uses = |r: &ClaimRow, release: &ReleaseOut| {
            let receipt = r.receipt.as_ref().and_then(|x| x.file.clone());
            receipt.map_or_else(
                || {
                    r.data_basis
                        .as_deref()
                        .is_some_and(|b| b.ends_with(&release.file))
                },
                |f| f == release.file,
            )
        };
        let Some(then) = then else {
            return now
                .into_iter()
                .map(|mut r| {
                    if uses(&r, newest) {
                        let words = format!(
                            "No release given was out when this was published: checked against the newest, of {} ({})",
                            wording::day(newest.day),
                            newest.file
                        );
                        r.releases = Some(ReleasesOut {
                            at_the_time: None,
                            newest: NewestOut {
                                release: newest.clone(),
                                status: r.status,
                                data_value: r.data_value,
                                revised: false,
                            },
                            words,
                        });
                    }
                    r
                })
                .collect();
        };
        let Some(at) = at_the_time else {
            return now;
        };
        then.into_iter()
            .zip(now)
            .map(|(mut r, mut n)| {
                if r.data_value.is_none() && n.data_value.is_some() && uses(&n, newest) {
                    // The release out then does not give the figure: the newest's verdict.
                    let words = format!(
                        "The release out when this was published (of {}, {}) does not give this figure: checked against the newest, of {}",
                        wording::day(at.day),
                        at.file,
                        wording::day(newest.day)
                    );
                    n.releases = Some(ReleasesOut {
                        at_the_time: Some(at.clone()),
                        newest: NewestOut {
                            release: newest.clone(),
                            status: n.status,
                            data_value: n.data_value,
                            revised: false,
                        },
                        words,
                    });
                    return n;
                }
                if uses(&r, &at) && at.file != newest.file {
                    let same_span = r.checked_to == n.checked_to;
                    let revised = same_span && r.data_value != n.data_value;
                    let words = words(&r, &n, &at, newest, same_span);
                    r.releases = Some(ReleasesOut {
                        at_the_time: Some(at.clone()),
                        newest: NewestOut {
                            release: newest.clone(),
                            status: n.status,
                            data_value: n.data_value,
                            revised,
                        },
                        words,
                    });
                }
                r
            })
            .collect()
    }
}

/// "Consistent with the figures published at the time (release of 14 Nov 2025, the day its
/// file was saved); since revised to 45,755 in the release of 21 Aug 2026 (inconsistent)".
fn words(
    then: &ClaimRow,
    now: &ClaimRow,
    at: &ReleaseOut,
    newest: &ReleaseOut,
    same_span: bool,
) -> String {
    let verdict = then.status.as_str();
    let mut verdict = verdict.to_string();
    if let Some(first) = verdict.get(..1) {
        verdict = first.to_uppercase() + &verdict[1..];
    }
    let when = |r: &ReleaseOut| {
        let from = match r.date_from.as_str() {
            "cover" => "as its cover says",
            "fetch_cache" => "as the fetch cache records it",
            _ => "the day its file was saved",
        };
        format!("release of {}, {from}", wording::day(r.day))
    };
    let at_time = format!(
        "{verdict} against the figures published at the time ({})",
        when(at)
    );
    let unit = then.unit.unwrap_or(crate::domain::Unit::People);
    let amount = |v: f64| crate::render::human::amount(v, unit);
    let later = match (then.data_value, now.data_value) {
        (_, None) => format!("the {} gives no figure for it", when(newest)),
        (Some(a), Some(b)) if a == b && same_span => format!("unchanged in the {}", when(newest)),
        (_, Some(b)) if same_span => format!(
            "since revised to {} in the {} ({})",
            amount(b),
            when(newest),
            now.status.as_str()
        ),
        (_, Some(b)) => {
            let over = now
                .checked_to
                .map(|p| p.label())
                .or_else(|| now.period.as_ref().map(|p| p.label.clone()))
                .unwrap_or_default();
            format!(
                "the {}, with more days, gives {} for {over} ({})",
                when(newest),
                amount(b),
                now.status.as_str()
            )
        }
    };
    format!("{at_time}; {later}")
}

/// A release's date from its cover, the fetch cache or its saved date, in that order.
fn dated_release(input: &Input, cached: &[Release]) -> Option<ReleaseOut> {
    let source: &SourceRef = input.sources.iter().find(|s| s.file.is_some())?;
    let path = source.file.as_deref()?;
    let file = base_name(path);
    let cover = source
        .release_date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%d %B %Y").ok());
    let iso = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let from_cache = cached
        .iter()
        .find(|r| r.filename == file)
        .and_then(|r| iso(&r.release_date));
    let saved = source.file_saved.as_deref().and_then(iso);
    let (day, date_from) = match (cover, from_cache, saved) {
        (Some(d), _, _) => (d, "cover"),
        (None, Some(d), _) => (d, "fetch_cache"),
        (None, None, Some(d)) => (d, "file_saved"),
        (None, None, None) => return None,
    };
    Some(ReleaseOut {
        file,
        date: day.to_string(),
        day,
        date_from: date_from.to_string(),
    })
}
