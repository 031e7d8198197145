//! `migstats top`: nationalities ranked for one metric and period, each with its share of the
//! `all` figure for that period and its change on the year before. Rates are ranked only on a
//! base of at least `--min-base` decisions; rows that are not nationalities ("Stateless",
//! "Other and unknown"...) follow the ranking unranked, with their shares.

use super::Outcome;
use crate::calc::{self, Change};
use crate::domain::{Figure, Period, Unit};
use crate::error::{Error, Result};
use crate::loader::{Dataset, Provenance};
use crate::render::{Cell, Column, Grid, Tone, human, wording};
use crate::report::PreviousOut;
use crate::report::yoy as yoy_rows;
use crate::report::{self as rows, Rows, StatedOut};
use crate::report::{Field, StatedRef};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeSet;

/// Position of the Share column in the table.
const SHARE_COLUMN: usize = 3;
/// Cells of the bar at full length.
const BAR_WIDTH: usize = 20;

/// What to rank.
#[derive(Debug, Clone, PartialEq)]
pub struct TopArgs {
    pub metric: String,
    /// The period to rank; None for the latest.
    pub period: Option<Period>,
    /// How many nationalities to list; 0 for every one.
    pub limit: usize,
    /// Rates on fewer decisions than this are left out of the ranking (and counted).
    pub min_base: f64,
}

/// Names in the nationality column that are not nationalities. They are listed after the
/// ranking with their shares, so shares still add up to the whole.
const NOT_NATIONALITIES: [&str; 6] = [
    "not currently recorded",
    "other and unknown",
    "unknown",
    "stateless",
    "refugee",
    "other",
];

pub fn is_nationality(country: &str) -> bool {
    let c = country.trim();
    !NOT_NATIONALITIES.iter().any(|n| c.eq_ignore_ascii_case(n))
}

/// Why a row is listed but not ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotRanked {
    /// "Stateless", "Other and unknown" and the like: listed after the ranking.
    NotANationality,
    /// A rate on fewer decisions than `--min-base`: counted in the notes, not shown in tables.
    BaseBelowMinimum,
}

/// One nationality's place in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TopRow {
    /// 1 for the largest value; equal values (and, for rates, equal bases) share a rank;
    /// 0 for a row listed but not ranked (see `not_ranked`).
    pub rank: usize,
    /// Why the row is not ranked; absent for a ranked row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_ranked: Option<NotRanked>,
    /// How many nationalities were ranked for this metric and period, before `--limit`: the
    /// 3 of "3rd of 42". One is not a ranking.
    pub ranked_of: usize,
    pub metric: String,
    pub country: String,
    pub unit: Unit,
    #[serde(flatten)]
    pub current: StatedOut,
    /// 100 × value ÷ the `all` figure for the same metric and period; null when there is no
    /// such figure, it is 0, or the unit is a rate or ratio (shares of a rate mean nothing).
    pub share_pct: Option<f64>,
    /// Value of the `all` figure for the same metric and period (what the share is of);
    /// null when there is none.
    pub total: Option<f64>,
    /// The same nationality a year earlier; null when there is none.
    pub previous: Option<PreviousOut>,
    /// Change on the year before, with its range; null when there is none.
    pub change: Option<Change>,
    pub source: String,
}

pub fn run(dataset: &Dataset, args: &TopArgs) -> Result<Outcome> {
    let rows = rows(dataset, args)?;
    let mut notes = Vec::new();
    if rows.iter().any(|r| r.current.rate_base.is_some()) {
        let below: Vec<&str> = rows
            .iter()
            .filter(|r| r.not_ranked == Some(NotRanked::BaseBelowMinimum))
            .map(|r| r.country.as_str())
            .collect();
        let left_out = match below.len() {
            0 => "none left out".to_string(),
            n => format!(
                "{n} left out on fewer ({})",
                below
                    .iter()
                    .take(12)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if n > 12 { ", ..." } else { "" }
            ),
        };
        notes.push(format!(
            "Rates are ranked only on at least {} decisions (--min-base); {left_out}. Among equal rates the larger base ranks first.",
            human::grouped(args.min_base, 0)
        ));
    }
    Ok(rows::report_with_notes("top", &dataset.provenance, rows, notes).into())
}

/// The ranked rows, as `run` reports them (and `chart top` draws them).
pub fn rows(dataset: &Dataset, args: &TopArgs) -> Result<Vec<TopRow>> {
    let figures: Vec<&Figure> = dataset
        .figures
        .iter()
        .filter(|f| f.metric == args.metric)
        .collect();
    if figures.is_empty() {
        let metrics: BTreeSet<&str> = dataset.figures.iter().map(|f| f.metric.as_str()).collect();
        return Err(Error::usage(
            format!("no figures for metric '{}'", args.metric),
            format!(
                "metrics in this dataset: {}",
                metrics.into_iter().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let period = choose_period(&figures, args)?;
    // Only this metric's figures are paired: the rest of the dataset cannot be a year before.
    let own: Vec<Figure> = figures.iter().map(|f| (*f).clone()).collect();
    let analyses = calc::analyse(&own);
    let totals: Vec<&Figure> = figures
        .iter()
        .copied()
        .filter(|f| f.period == period && is_all(&f.country))
        .collect();
    let listed = analyses.iter().filter(|a| {
        a.current.metric == args.metric && a.current.period == period && !is_all(&a.current.country)
    });
    let (mut ranked, mut unranked) = (Vec::new(), Vec::new());
    for a in listed {
        let f = a.current;
        if !is_nationality(&f.country) {
            unranked.push((a, NotRanked::NotANationality));
        } else if f.rate_base.is_some_and(|b| b.base < args.min_base) {
            unranked.push((a, NotRanked::BaseBelowMinimum));
        } else {
            ranked.push(a);
        }
    }
    // A rate on more decisions ranks above the same rate on fewer: 22 of 22 before 1 of 1.
    let base = |f: &Figure| f.rate_base.map_or(0.0, |b| b.base);
    ranked.sort_by(|a, b| {
        b.current
            .value
            .total_cmp(&a.current.value)
            .then_with(|| base(b.current).total_cmp(&base(a.current)))
            .then_with(|| a.current.country.cmp(&b.current.country))
    });
    unranked.sort_by(|(a, x), (b, y)| {
        (*x as u8)
            .cmp(&(*y as u8))
            .then_with(|| b.current.value.total_cmp(&a.current.value))
            .then_with(|| a.current.country.cmp(&b.current.country))
    });
    let ranked_of = ranked.len();
    let mut places = Vec::with_capacity(ranked.len() + unranked.len());
    let mut rank = 0;
    let mut last = None;
    for (i, a) in ranked.iter().enumerate() {
        // Competition ranking: 1, 2, 2, 4.
        let key = (a.current.value, base(a.current));
        if last != Some(key) {
            rank = i + 1;
            last = Some(key);
        }
        if args.limit > 0 && i >= args.limit {
            break;
        }
        places.push((*a, rank, None));
    }
    places.extend(unranked.into_iter().map(|(a, why)| (a, 0, Some(why))));
    let mut rows = Vec::with_capacity(places.len());
    for (a, rank, not_ranked) in places {
        let f = a.current;
        let total = calc::same_source(totals.iter().copied(), f);
        let yoy = yoy_rows::row(a);
        let additive = matches!(f.unit, Unit::People | Unit::Boats | Unit::Gbp);
        let share_pct = total
            .filter(|t| additive && t.unit == f.unit && t.value > 0.0)
            // Divided first: 100 × a value near f64::MAX would be infinite.
            .map(|t| f.value / t.value * 100.0)
            .filter(|s| s.is_finite());
        rows.push(TopRow {
            rank,
            not_ranked,
            ranked_of,
            metric: f.metric.clone(),
            country: f.country.clone(),
            unit: f.unit,
            current: f.into(),
            share_pct,
            total: total.filter(|t| t.unit == f.unit).map(|t| t.value),
            previous: yoy.previous,
            change: yoy.change,
            source: f.source.clone(),
        });
    }
    Ok(rows)
}

fn is_all(country: &str) -> bool {
    country.eq_ignore_ascii_case("all")
}

/// The period asked for, or the latest one with a nationality in it (longest if several end
/// on the same day).
fn choose_period(figures: &[&Figure], args: &TopArgs) -> Result<Period> {
    let mut periods: Vec<Period> = figures
        .iter()
        .filter(|f| !is_all(&f.country))
        .map(|f| f.period)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Latest end first; of those, the longest.
    periods.sort_by(|a, b| b.end.cmp(&a.end).then(a.start.cmp(&b.start)));
    let available = || {
        let shown: Vec<String> = periods.iter().take(8).map(quoted).collect();
        let more = if periods.len() > 8 { ", ..." } else { "" };
        format!("periods for {}: {}{more}", args.metric, shown.join(", "))
    };
    let Some(wanted) = args.period else {
        return periods.first().copied().ok_or_else(|| {
            Error::usage(
                format!("no nationality has a figure for metric '{}'", args.metric),
                "top ranks nationalities; this metric only has figures for all",
            )
        });
    };
    if periods.contains(&wanted) {
        return Ok(wanted);
    }
    Err(Error::usage(
        format!(
            "no {} figures by nationality for the period {} ({} to {})",
            args.metric,
            wanted.label(),
            wanted.start,
            wanted.end
        ),
        available(),
    ))
}

fn quoted(p: &Period) -> String {
    format!("\"{}\"", p.label())
}

/// A bar of `BAR_WIDTH` cells at full length, in eighths of a cell.
fn bar(value: f64, max: f64) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if max <= 0.0 || value <= 0.0 || !value.is_finite() {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (BAR_WIDTH * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(PARTS.get(eighths % 8).copied().unwrap_or(""));
    s
}

/// What a count under a name that is not a nationality is of: "had no nationality recorded",
/// "were recorded as stateless", "were recorded as \"Refugee\", not a nationality".
fn not_a_nationality(country: &str) -> String {
    let c = country.trim().to_ascii_lowercase();
    if c == "not currently recorded" || c == "unknown" {
        "had no nationality recorded".to_string()
    } else if c == "stateless" {
        "were recorded as stateless".to_string()
    } else {
        format!("were recorded as \"{}\", not a nationality", country.trim())
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl Rows for TopRow {
    /// Ranked rows, then those that are not nationalities; rates below the minimum base are
    /// only counted, in the notes.
    fn human(rows: &[Self]) -> Grid {
        let rows: Vec<&Self> = rows
            .iter()
            .filter(|r| r.not_ranked != Some(NotRanked::BaseBelowMinimum))
            .collect();
        let max = rows.iter().map(|r| r.current.value).fold(0.0, f64::max);
        // Ret_D02 ranks the countries people were returned to, not nationalities.
        let destination = rows
            .first()
            .is_some_and(|r| crate::domain::country_is_destination(&r.current.id));
        let mut grid = Grid {
            columns: vec![
                Column::right("#"),
                Column::left(if destination {
                    "Destination"
                } else {
                    "Nationality"
                }),
                Column::right("Value"),
                Column::right("Share"),
                // A bar: a value of zero draws none.
                Column::left("").blank_is_a_value(),
                Column::right("Year before"),
                Column::right("Change"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        match r.not_ranked {
                            None => r.rank.to_string().into(),
                            Some(_) => Cell::toned("–", Tone::Muted),
                        },
                        r.country.clone().into(),
                        rows::value_text(
                            r.current.value,
                            r.current.qualifier,
                            r.unit,
                            r.current.rate_base.as_ref(),
                        )
                        .into(),
                        match r.share_pct {
                            Some(s) => human::amount(s, Unit::Percent).into(),
                            None => Cell::default(),
                        },
                        bar(r.current.value, max).into(),
                        match &r.previous {
                            Some(p) => rows::previous_value_text(p, r.unit).into(),
                            None => Cell::default(),
                        },
                        match &r.change {
                            Some(c) => rows::change_text(c, r.unit).into(),
                            None => Cell::default(),
                        },
                    ]
                })
                .collect(),
        };
        // Rates have no shares: a column of "n/a" would only squeeze the counts beside them.
        if rows.iter().all(|r| r.share_pct.is_none()) {
            grid.columns.remove(SHARE_COLUMN);
            for row in &mut grid.rows {
                if row.len() > SHARE_COLUMN {
                    row.remove(SHARE_COLUMN);
                }
            }
        }
        grid
    }

    fn fields() -> Vec<Field<Self>> {
        let mut fields = vec![Field::number("rank", |r: &Self| Some(r.rank as f64))];
        fields.extend(rows::stated(|r: &Self| StatedRef {
            stated: &r.current,
            metric: &r.metric,
            country: &r.country,
            unit: r.unit,
        }));
        fields.extend([
            Field::number("share_pct", |r: &Self| r.share_pct),
            Field::number("total", |r: &Self| r.total),
        ]);
        fields.extend(rows::previous(|r: &Self| r.previous.as_ref()));
        fields.extend(rows::change(|r: &Self| r.change.as_ref()));
        fields.extend([
            Field::text("source", |r: &Self| &r.source),
            Field::new("not_ranked", |r: &Self, s| {
                s.text(&r.not_ranked.map(rows::serde_plain).unwrap_or_default())
            }),
        ]);
        fields.extend(rows::rate_base(|r: &Self| r.current.rate_base.as_ref()));
        fields.extend(rows::previous_rate_base(|r: &Self| r.previous.as_ref()));
        fields
    }

    /// A ranked row says its place among how many ("ranked 3rd of 5 nationalities"), the
    /// only one says none; a row that is not a nationality is never ranked but says what it
    /// counts ("1,056 small boat arrivals in 2023 had no nationality recorded").
    fn sentences(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let what = r.metric.replace('_', " ");
                let period = wording::period(&r.current.period.span);
                let amount = wording::value(r.current.value, r.current.qualifier, r.unit);
                let counted = matches!(r.unit, Unit::People | Unit::Boats);
                // Ret_D02 ranks the countries people were returned to, not nationalities.
                let whose = if crate::domain::country_is_destination(&r.current.id) {
                    ("destinations", "destination")
                } else {
                    ("nationalities", "nationality")
                };
                let mut after = String::new();
                let mut s = match r.not_ranked {
                    None if r.ranked_of > 1 => {
                        let joint = rows
                            .iter()
                            .filter(|o| o.not_ranked.is_none() && o.rank == r.rank)
                            .count()
                            > 1;
                        format!(
                            "{} ranked {}{} of {} {} by {what} {period}, with {amount}",
                            r.country,
                            if joint { "joint " } else { "" },
                            ordinal(r.rank),
                            r.ranked_of,
                            whose.0,
                        )
                    }
                    None => format!(
                        "{}: {amount} {what} {period}, the only {} with a figure",
                        r.country, whose.1
                    ),
                    Some(NotRanked::NotANationality) if counted => {
                        format!("{amount} {what} {period} {}", not_a_nationality(&r.country))
                    }
                    Some(NotRanked::NotANationality) => format!(
                        "The {what} {period} for \"{}\" (not a nationality, so not ranked) was {amount}",
                        r.country
                    ),
                    Some(NotRanked::BaseBelowMinimum) => {
                        let base = r.current.rate_base.map_or(0.0, |b| b.base);
                        after = format!(
                            "; not ranked, as it rests on only {} decision{}",
                            human::grouped(base, 0),
                            if base == 1.0 { "" } else { "s" }
                        );
                        format!("{}: the {what} {period} was {amount}", r.country)
                    }
                };
                if let (Some(share), Some(total)) = (r.share_pct, r.total) {
                    s.push_str(&format!(
                        " ({} of all {})",
                        human::amount(share, Unit::Percent),
                        human::amount(total, r.unit)
                    ));
                }
                if let (Some(p), Some(c)) = (&r.previous, &r.change) {
                    let against = wording::earlier(&p.period.span);
                    let previous = rows::previous_words(p, r.unit);
                    let hedged = rows::hedged(&r.current, p);
                    s.push_str(&wording::change(c, r.unit, &against, &previous, hedged));
                }
                format!(
                    "{s}{after}. {}",
                    wording::source(&r.source, rows::licence(dataset).as_deref())
                )
            })
            .collect()
    }

    fn notes(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(r) = rows.first() {
            let (whose, by) = if crate::domain::country_is_destination(&r.current.id) {
                ("destinations", "return destination")
            } else {
                ("nationalities", "nationality")
            };
            let total = match (r.total, rows.iter().any(|r| r.share_pct.is_some())) {
                (Some(t), true) => format!(
                    "; share = percent of the all-{whose} figure, {}",
                    human::amount(t, r.unit)
                ),
                (Some(t), false) => format!("; all {whose}: {}", human::amount(t, r.unit)),
                (None, _) => format!("; no all-{whose} figure for this period, so no shares"),
            };
            let what = rows::figure_label(
                &r.current.id,
                &r.metric,
                "all",
                r.current.rate_base.as_ref(),
            );
            let what = what
                .rsplit_once('\n')
                .map_or(what.as_str(), |(w, _)| w)
                .replace('\n', " ");
            notes.push(format!(
                "{what} by {by}, {}{total}.",
                r.current.period.label
            ));
            if rows
                .iter()
                .any(|r| r.current.rate_base.is_some_and(|b| b.cohort.is_some()))
            {
                notes.push("By year of arrival (Irr_D03): a cohort's rate covers only those decided so far; 'decided' is that share of the cohort.".to_string());
            }
            if rows
                .iter()
                .any(|r| r.not_ranked == Some(NotRanked::NotANationality))
            {
                notes.push(
                    "Rows marked – are not nationalities: listed after the ranking, not ranked."
                        .to_string(),
                );
            }
            notes.push(
                "Bars are scaled to the largest value shown; equal values share a rank."
                    .to_string(),
            );
        } else {
            notes.push("No nationality has a figure for this metric and period.".to_string());
        }
        notes.push(rows::dataset_note(dataset));
        notes.extend(rows::source_notes(dataset));
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(bar(10.0, 10.0).chars().count(), BAR_WIDTH);
        assert_eq!(bar(5.0, 10.0), "█".repeat(BAR_WIDTH / 2));
        assert_eq!(bar(1.0, 160.0), "▏");
        assert_eq!(bar(0.0, 10.0), "");
        assert_eq!(bar(3.0, 0.0), "");
    }
}
