//! Year-on-year pairing: each figure with the same metric, country and dates a year earlier (or
//! the value its stated change implies), and the latest period of each series.

use super::Change;
use super::claim::{
    ClaimStatus, Implied, StatedChange, check_stated_change, implied_change, implied_previous,
};
use crate::domain::{Figure, Period};
use std::collections::{BTreeMap, HashMap};

/// What a figure is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison<'a> {
    /// A figure of the same metric and country for the same dates a year earlier.
    Figure(&'a Figure),
    /// No such figure, but the source stated a change, from which a previous value follows.
    Implied(Implied),
    /// Nothing to compare with.
    None,
}

/// One figure with everything the calculator can say about it against the year before.
#[derive(Debug, Clone, PartialEq)]
pub struct YearOnYear<'a> {
    pub current: &'a Figure,
    pub comparison: Comparison<'a>,
    /// Change against the previous figure or the implied value.
    pub change: Option<Change>,
    pub stated: Option<StatedChange>,
    /// Status of the stated change; None when nothing was stated.
    pub claim: Option<ClaimStatus>,
}

impl YearOnYear<'_> {
    pub fn previous_figure(&self) -> Option<&Figure> {
        match self.comparison {
            Comparison::Figure(f) => Some(f),
            _ => None,
        }
    }
}

type SeriesKey<'a> = (&'a str, &'a str);

/// Of figures that could stand for the same thing, the one read from the same file as `current`
/// (one table keeps one definition: a small-boat cohort grant rate is not an all-asylum one),
/// else the first; only figures of the same unit count.
pub fn same_source<'a>(
    candidates: impl IntoIterator<Item = &'a Figure>,
    current: &Figure,
) -> Option<&'a Figure> {
    let mut first = None;
    for f in candidates.into_iter().filter(|f| f.unit == current.unit) {
        if f.origin.file == current.origin.file {
            return Some(f);
        }
        first = first.or(Some(f));
    }
    first
}

/// Analyses every figure, in the order given.
///
/// The year before is looked for in the figure's own file first. A file holding several figures
/// of one metric and country is a series with its own definition (an official table), so its
/// figures are never paired with another file's; a figure alone in its file for its metric and
/// country may be paired with one from another file (the article's figures split across files).
pub fn analyse(figures: &[Figure]) -> Vec<YearOnYear<'_>> {
    let mut by_period: HashMap<(SeriesKey<'_>, Period), Vec<&Figure>> = HashMap::new();
    let mut per_file: HashMap<(SeriesKey<'_>, &str), usize> = HashMap::new();
    for f in figures {
        by_period
            .entry(((&f.metric, &f.country), f.period))
            .or_default()
            .push(f);
        *per_file
            .entry(((&f.metric, &f.country), &f.origin.file))
            .or_default() += 1;
    }
    figures
        .iter()
        .map(|current| {
            let key = (current.metric.as_str(), current.country.as_str());
            let alone = per_file.get(&(key, current.origin.file.as_str())) == Some(&1);
            let previous = current
                .period
                .year_before()
                .and_then(|p| by_period.get(&(key, p)))
                .and_then(|candidates| same_source(candidates.iter().copied(), current))
                .filter(|prev| alone || prev.origin.file == current.origin.file);
            year_on_year(current, previous)
        })
        .collect()
}

fn year_on_year<'a>(current: &'a Figure, previous: Option<&'a Figure>) -> YearOnYear<'a> {
    let stated = StatedChange::of(current);
    match (previous, stated) {
        (Some(prev), _) => {
            let change = Change::between(current, prev);
            YearOnYear {
                current,
                comparison: Comparison::Figure(prev),
                change: Some(change),
                stated,
                claim: stated.map(|s| check_stated_change(&s, &change)),
            }
        }
        (None, Some(s)) => {
            let implied = implied_previous(current, &s);
            let change = implied.and_then(|imp| implied_change(current, &s, &imp));
            YearOnYear {
                current,
                comparison: implied.map_or(Comparison::None, Comparison::Implied),
                change,
                stated,
                // A change worked back from the claim cannot test the claim, unless no possible
                // previous value fits it at all.
                claim: Some(super::claim::check_without_previous(current, &s)),
            }
        }
        (None, None) => YearOnYear {
            current,
            comparison: Comparison::None,
            change: None,
            stated: None,
            claim: None,
        },
    }
}

/// For each metric and country, in order of first appearance, the analyses of the figures of
/// its latest period (latest end; of those, every figure ending that day, longest first).
pub fn latest_per_series<'a>(analyses: &'a [YearOnYear<'a>]) -> Vec<&'a YearOnYear<'a>> {
    // Series key → (order of first appearance, latest end).
    let mut latest: HashMap<SeriesKey<'a>, (usize, chrono::NaiveDate)> = HashMap::new();
    for a in analyses {
        let key = (a.current.metric.as_str(), a.current.country.as_str());
        let next = latest.len();
        let entry = latest.entry(key).or_insert((next, a.current.period.end));
        entry.1 = entry.1.max(a.current.period.end);
    }
    let mut grouped: BTreeMap<usize, Vec<&YearOnYear<'a>>> = BTreeMap::new();
    for a in analyses {
        let key = (a.current.metric.as_str(), a.current.country.as_str());
        if let Some((pos, end)) = latest.get(&key)
            && *end == a.current.period.end
        {
            grouped.entry(*pos).or_default().push(a);
        }
    }
    grouped
        .into_values()
        .flat_map(|mut v| {
            // Longest period first: a year ending on a date before the year to date.
            v.sort_by_key(|a| a.current.period.start);
            v
        })
        .collect()
}
