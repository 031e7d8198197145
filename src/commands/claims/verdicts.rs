//! The checks of one run of `check --claim`/`--text`, in order: each figure against the first
//! chosen file that gives it, then the stated changes, the basis and period checks, the guards
//! that withdraw a verdict the words may not support, records and the year before.

use super::check::{self, CheckRow};
use super::{ClaimRow, checks, guards, official, record};
use crate::calc::{self, ClaimStatus};
use crate::domain::{Figure, Release};
use crate::loader::{self, LoadOptions};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What every check of a run shares.
pub(super) struct Context<'a> {
    pub(super) figures: &'a [Figure],
    pub(super) releases: &'a [Release],
    pub(super) window: u32,
    pub(super) date: NaiveDate,
    pub(super) options: &'a LoadOptions,
    pub(super) metrics: &'a HashSet<String>,
    /// Files were given and some number was read as a claim.
    pub(super) checking: bool,
    /// Files were given.
    pub(super) against: bool,
}

/// The rows checked against the files `chosen` (indices into `inputs` and `sets`, in order):
/// each figure against the first of them that gives it.
pub(super) fn verdicts(
    mut rows: Vec<ClaimRow>,
    inputs: &mut [Option<(loader::Input, String)>],
    sets: &[(Vec<Figure>, String)],
    chosen: &[usize],
    cx: &Context<'_>,
) -> Vec<ClaimRow> {
    // Every file, in order (one release of each table, or none given twice): the sets as
    // they are; otherwise a copy of the chosen ones.
    let official_sets: Cow<'_, [(Vec<Figure>, String)]> =
        if chosen.iter().copied().eq(0..sets.len()) {
            Cow::Borrowed(sets)
        } else {
            Cow::Owned(
                chosen
                    .iter()
                    .filter_map(|&i| sets.get(i).cloned())
                    .collect(),
            )
        };
    // The chosen files, in order, taken out for the checks and put back after.
    let mut picked: Vec<(loader::Input, String)> = chosen
        .iter()
        .filter_map(|&i| inputs.get_mut(i).and_then(Option::take))
        .collect();
    if cx.checking {
        let mut checks: HashMap<String, CheckRow> = HashMap::new();
        for ((official, name), (input, _)) in official_sets.iter().zip(picked.iter()) {
            let cited = check::Cited {
                sources: &input.sources,
                releases: cx.releases,
            };
            for c in check::stated_figure_rows(cx.figures, official, name, cited, cx.window) {
                let found = checks.get(&c.id).is_some_and(|x| x.evidence.is_some());
                if !found {
                    checks.insert(c.id.clone(), c);
                }
            }
        }
        official::attach(&mut rows, checks);
    }
    let changes = check::stated_change_rows(&calc::analyse(cx.figures));
    let by_id: HashMap<String, ClaimStatus> =
        changes.into_iter().map(|c| (c.id, c.status)).collect();
    for r in &mut rows {
        if let (Some(id), Some(change)) = (&r.id, r.stated_change.as_mut()) {
            change.status = by_id.get(id).copied();
        }
    }
    checks::against_data(&mut rows, &official_sets);
    checks::part_of_year(&mut rows);
    checks::different_basis(&mut rows);
    checks::destination_or_nationality(&mut rows);
    checks::applicants_basis(&mut rows, cx.options.detailed.main_applicants_only);
    checks::to_file_end(&mut rows, &official_sets);
    // Last: no verdict where the words may mean another period than the one read.
    guards::other_period(&mut rows, &official_sets, cx.date);
    guards::far_from_data(&mut rows);
    guards::other_base(&mut rows, &official_sets);
    guards::inferred_change(&mut rows);
    if cx.against {
        checks::metric_not_in_files(&mut rows, cx.metrics);
    }
    checks::reasons(&mut rows, cx.against, cx.metrics);
    record::check(&mut rows, &picked);
    official::year_before(&mut rows, &mut picked, &official_sets, cx.options);
    // Back where they were taken from.
    for (&i, x) in chosen.iter().zip(picked) {
        if let Some(slot) = inputs.get_mut(i) {
            *slot = Some(x);
        }
    }
    rows
}
