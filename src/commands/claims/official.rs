//! The official files a claim is checked against: read once before the sentences (their one
//! count of people is what a claim pointing at a figure counts), then the periods the claims
//! need derived from what was kept, and each check attached to its row.

use super::check::{self, CheckRow};
use super::{ClaimRow, guards};
use crate::domain::{Figure, Period};
use crate::error::Result;
use crate::loader::{self, LoadOptions, Provenance};
use crate::sentences::{self as reader, Stated};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The official figures every claim needs (its periods, a running total's cut-offs, and the
/// periods changes are measured against), from each file, with the file's name.
pub(super) fn read_official(
    rows: &[ClaimRow],
    inputs: &mut [(loader::Input, String)],
    window: u32,
    options: &LoadOptions,
    date: NaiveDate,
    provenance: &mut Provenance,
) -> Result<Vec<(Vec<Figure>, String)>> {
    // The same limit as `check --against`; only running totals have cut-offs.
    let (running, closed) = periods(rows, date);
    let mut options = check::cutoff_options(running.into_iter(), window, options)?;
    options.periods.extend(closed);
    options.periods.sort();
    options.periods.dedup();
    let mut out = Vec::new();
    for (input, name) in inputs.iter_mut() {
        loader::rederive(input, &options)?;
        provenance.sources.extend(input.sources.iter().cloned());
        provenance.inputs.extend(input.kinds.iter().copied());
        out.push((std::mem::take(&mut input.figures), name.clone()));
    }
    Ok(out)
}

/// The periods the rows need from an official file: (running totals, which are also checked at
/// cut-offs; closed periods and the periods changes are measured against, checked as they are).
/// The other periods each level could mean ([`guards::other_period`]) are closed periods too.
pub(super) fn periods(rows: &[ClaimRow], date: NaiveDate) -> (Vec<Period>, Vec<Period>) {
    let mut running = Vec::new();
    let mut closed = Vec::new();
    for (r, c) in rows.iter().filter_map(|r| Some((r, r.claim.as_ref()?))) {
        match (c.stated, c.to_eve) {
            (Stated::Level, true) => running.push(c.figure.period),
            _ => closed.push(c.figure.period),
        }
        let against = c.change.as_ref().and_then(|x| x.against);
        closed.extend(against);
        closed.extend(against.and_then(|b| guards::other_reading(c.figure.period, b)));
        if c.stated == Stated::Level {
            closed.extend(guards::alternatives(rows, r, date));
        }
    }
    (running, closed)
}

/// The one metric counting people that the files give, if they give exactly one (the small
/// boats series: arrivals; a returns table gives three).
pub(super) fn only_people_count<'a>(
    inputs: impl Iterator<Item = &'a loader::Input>,
) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for f in inputs.flat_map(|i| i.figures.iter()) {
        if f.unit != crate::domain::Unit::People {
            continue;
        }
        let metric = reader::known_metric(&f.metric)?;
        if found.is_some_and(|m| m != metric) {
            return None;
        }
        found = Some(metric);
    }
    found
}

/// Each check into its row; a period running to the day before publication keeps only the
/// cut-offs on or before its end (the data cannot cover later days).
pub(super) fn attach(rows: &mut [ClaimRow], mut by_id: HashMap<String, CheckRow>) {
    for r in rows.iter_mut() {
        let Some(mut c) = r.id.as_ref().and_then(|id| by_id.remove(id)) else {
            continue;
        };
        if !r.to_eve {
            // A closed period is checked as it is: no cut-off sensitivity.
            c.cutoffs.clear();
        }
        if let (true, Some(f)) = (r.to_eve, &r.figure) {
            let end = f.period.end;
            c.cutoffs.retain(|run| run.from <= end.to_string());
            for run in &mut c.cutoffs {
                if run.to > end.to_string() {
                    run.to = end.to_string();
                    if let Ok(from) = run.from.parse::<NaiveDate>() {
                        run.label = check::days_label(from, end);
                    }
                }
            }
        }
        r.status = c.status.into();
        r.data_value = c.evidence.as_ref().and_then(|e| e.value);
        r.data_basis = c.evidence.as_ref().map(|e| e.basis.clone());
        r.stronger.clone_from(&c.stronger);
        r.cutoffs.clone_from(&c.cutoffs);
        r.receipt.clone_from(&c.receipt);
        r.check = Some(c);
    }
}

/// Each checked figure's official value for the same span a year earlier, for the page's
/// chart: from the figures already derived, else derived again from what each file kept (no
/// verdict depends on it, so a file that cannot give it leaves the chart one bar).
pub(super) fn year_before(
    rows: &mut [ClaimRow],
    inputs: &mut [(loader::Input, String)],
    sets: &[(Vec<Figure>, String)],
    options: &LoadOptions,
) {
    let wanted = |r: &ClaimRow| {
        let f = r.figure.as_ref().filter(|_| r.data_value.is_some())?;
        // A running total checked to a file's last day: the same clipped span a year earlier.
        let period = r.checked_to.unwrap_or(f.period);
        Some((f.metric.clone(), f.country.clone(), period.year_before()?))
    };
    let find = |figures: &[Figure], (m, c, p): &(String, String, Period)| {
        figures
            .iter()
            .find(|f| &f.metric == m && &f.country == c && f.period == *p)
            .map(|f| f.value)
    };
    let mut missing = Vec::new();
    for r in rows.iter_mut() {
        let Some(key) = wanted(r) else { continue };
        match sets.iter().find_map(|(f, _)| find(f, &key)) {
            Some(v) => r.year_before = Some((key.2.label(), v)),
            None => missing.push(key.2),
        }
    }
    if missing.is_empty() {
        return;
    }
    let options = LoadOptions {
        periods: missing,
        ..options.clone()
    };
    for (input, _) in inputs.iter_mut() {
        if loader::rederive(input, &options).is_err() {
            continue;
        }
        for r in rows.iter_mut().filter(|r| r.year_before.is_none()) {
            if let Some(key) = wanted(r)
                && let Some(v) = find(&input.figures, &key)
            {
                r.year_before = Some((key.2.label(), v));
            }
        }
    }
}
