//! `migstats check`: every stated claim with its status. Exit 1 when any is inconsistent.
//! Stated changes are checked against the figures themselves; with `--against PATH`, every
//! stated figure is also checked against the official figure that file gives for the same
//! metric, country and period (derived for exactly the periods the dataset needs).

use super::Outcome;
use super::select::Selection;
use crate::calc::{self, ChangeKind, ClaimStatus, YearOnYear};
use crate::domain::{Figure, Period, Qualifier, Range, Release, Unit};
use crate::error::{Error, Result};
use crate::loader::{self, Dataset, LoadOptions, Provenance, SourceRef};
use crate::render::html::{Bar, PageClaim};
use crate::render::{Cell, Column, Grid, Page, human, wording};
use crate::report::{self as rows, PeriodOut, Rows, claim_tone, serde_plain};
use crate::report::{Field, Receipt, SeriesRef};
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use std::path::Path;

/// What kind of claim a row checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A stated year-on-year change (`stated_yoy_pct`), against the change the figures allow.
    StatedChange,
    /// A stated figure, against an official figure for the same metric, country and period.
    StatedFigure,
}

/// What the claim was checked against.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Evidence {
    /// The computed change (percent, or points for rates), or the official value.
    pub value: Option<f64>,
    /// The values the data allow: the computed change range, or the official value's own.
    pub range: Option<Range>,
    /// Where the evidence comes from, in words.
    pub basis: String,
}

/// A stronger statement the data support, in the stated wording and rounding.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StrongerOut {
    /// `over` ("more than") or `under` ("fewer than"), as stated.
    pub qualifier: Qualifier,
    pub value: f64,
}

/// Consecutive cut-offs (the last day counted) at which a stated figure has one status.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CutoffOut {
    /// First cut-off of the run, ISO `YYYY-MM-DD`.
    pub from: String,
    /// Last cut-off of the run, ISO `YYYY-MM-DD`, inclusive.
    pub to: String,
    pub status: ClaimStatus,
    /// Lowest official value over those cut-offs.
    pub value_low: f64,
    /// Highest official value over those cut-offs.
    pub value_high: f64,
    /// "8–13 Aug 2024", for tables.
    #[serde(skip)]
    pub label: String,
}

/// One checked claim.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CheckRow {
    pub id: String,
    pub metric: String,
    pub country: String,
    pub unit: Unit,
    pub period: PeriodOut,
    pub claim: ClaimKind,
    /// The stated change (percent, or points for rates) or stated value.
    pub stated: f64,
    /// Wording of a stated figure ("more than" …); absent for a stated change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// What the statement's rounding and wording allow.
    pub stated_range: Range,
    /// Null when there is nothing to check against.
    pub evidence: Option<Evidence>,
    /// evidence − stated, when both exist.
    pub difference: Option<f64>,
    /// `consistent`; `understated` / `overstated` (a "more than" / "fewer than" that holds, but
    /// loosely); `inconsistent` (the only status that makes `check` exit 1); `not_checkable`.
    pub status: ClaimStatus,
    /// For an understated or overstated figure, the strongest figure of the same wording and
    /// rounding the data support ("more than 27,000"); null otherwise.
    pub stronger: Option<StrongerOut>,
    /// A stated figure's status at every cut-off within the window around its period's end
    /// that the official file gives, as runs of days with one status; empty when there is
    /// nothing beyond the stated day (no `--against`, a stated change, or a quarterly table).
    pub cutoffs: Vec<CutoffOut>,
    /// A stated figure checked against an official one: the release, file, sheet and rows it
    /// came from and the arithmetic; null for a stated change or nothing to check against.
    pub receipt: Option<Receipt>,
    /// The official figure for the same span a year earlier, labelled (the page's chart).
    #[serde(skip)]
    #[schemars(skip)]
    pub year_before: Option<(String, f64)>,
}

/// What cites the official file a check reads: its sources (release, file, sha256) and the
/// cache's releases (their URLs).
#[derive(Debug, Clone, Copy)]
pub struct Cited<'a> {
    pub sources: &'a [SourceRef],
    pub releases: &'a [Release],
}

/// Rows for every figure that states a change.
pub fn stated_change_rows(analyses: &[YearOnYear<'_>]) -> Vec<CheckRow> {
    analyses
        .iter()
        .filter_map(|a| {
            let stated = a.stated?;
            let f = a.current;
            let evidence = match (a.previous_figure(), a.change) {
                (Some(prev), Some(change)) => Some(Evidence {
                    value: match change.kind {
                        ChangeKind::Percent => change.percent,
                        ChangeKind::Points => Some(change.absolute),
                    },
                    range: change.claim_range(),
                    basis: format!("change from {} ({})", prev.id, prev.period.label()),
                }),
                _ => None,
            };
            let difference = evidence
                .as_ref()
                .and_then(|e| e.value)
                .map(|v| v - stated.value);
            Some(CheckRow {
                id: f.id.clone(),
                metric: f.metric.clone(),
                country: f.country.clone(),
                unit: f.unit,
                period: (&f.period).into(),
                claim: ClaimKind::StatedChange,
                stated: stated.value,
                qualifier: None,
                stated_range: stated.range,
                evidence,
                difference,
                status: a.claim.unwrap_or(ClaimStatus::NotCheckable),
                stronger: None,
                cutoffs: Vec::new(),
                receipt: None,
                year_before: None,
            })
        })
        .collect()
}

/// Rows for every stated figure: checked against `official` (and at every cut-off within
/// `window` days), or not checkable.
pub fn stated_figure_rows(
    stated: &[Figure],
    official: &[Figure],
    file: &str,
    cited: Cited<'_>,
    window: u32,
) -> Vec<CheckRow> {
    calc::check_against(stated, official, window)
        .into_iter()
        .map(|c| {
            let f = c.stated;
            let receipt = c.official.map(|o| {
                Receipt::new(
                    o,
                    cited.sources,
                    cited.releases,
                    f.stated_range(),
                    c.difference,
                )
            });
            let evidence = c.official.map(|o| Evidence {
                value: Some(o.value),
                range: Some(o.stated_range()),
                basis: format!("{} {} in {file}", o.source, o.id),
            });
            CheckRow {
                id: f.id.clone(),
                metric: f.metric.clone(),
                country: f.country.clone(),
                unit: f.unit,
                period: (&f.period).into(),
                claim: ClaimKind::StatedFigure,
                stated: f.value,
                qualifier: Some(f.qualifier),
                stated_range: f.stated_range(),
                evidence,
                difference: c.difference,
                status: c.status,
                stronger: c.stronger.map(|s| StrongerOut {
                    qualifier: s.qualifier,
                    value: s.value,
                }),
                cutoffs: c
                    .cutoffs
                    .iter()
                    .map(|r| CutoffOut {
                        from: r.from.to_string(),
                        to: r.to.to_string(),
                        status: r.status,
                        value_low: r.value_low,
                        value_high: r.value_high,
                        label: days_label(r.from, r.to),
                    })
                    .collect(),
                year_before: c.official.and_then(|o| {
                    let before = o.period.year_before()?;
                    official
                        .iter()
                        .find(|x| {
                            x.metric == o.metric && x.country == o.country && x.period == before
                        })
                        .map(|x| (before.label(), x.value))
                }),
                receipt,
            }
        })
        .collect()
}

/// At most this many periods, cut-offs included, are derived from the `--against` file, so a
/// large claims file with a wide window cannot make it derive millions of figures.
pub const MAX_CUTOFF_PERIODS: usize = 20_000;

/// `options` with every period the stated `periods` need derived: each at every cut-off within
/// `window` days. Refused past [`MAX_CUTOFF_PERIODS`], as each is one more period derived.
pub fn cutoff_options(
    periods: impl Iterator<Item = Period>,
    window: u32,
    options: &LoadOptions,
) -> Result<LoadOptions> {
    let mut periods: Vec<Period> = periods.collect();
    periods.sort();
    periods.dedup();
    let wanted = periods.len().saturating_mul(2 * window as usize + 1);
    if window > 0 && wanted > MAX_CUTOFF_PERIODS {
        return Err(Error::usage(
            format!(
                "{} stated periods with --window {window} would derive {wanted} periods, more than {MAX_CUTOFF_PERIODS}",
                periods.len()
            ),
            "use a smaller --window, or --window 0 to check each figure at its stated day only",
        ));
    }
    let mut periods: Vec<Period> = periods
        .iter()
        .flat_map(|p| calc::cutoff_periods(p, window))
        .collect();
    periods.sort();
    periods.dedup();
    Ok(LoadOptions {
        periods,
        ..options.clone()
    })
}

/// `against`: a file of official figures, read with `options` plus every period the dataset's
/// figures cover, so a stated "1 Jan – 15 Aug" is compared with the same span, and the same
/// spans ending on each day within `window` days of their end (the cut-offs).
pub fn run(
    dataset: &Dataset,
    selection: &Selection,
    against: Option<&Path>,
    releases: &[Release],
    window: u32,
    options: &LoadOptions,
) -> Result<Outcome> {
    selection.require_period(dataset.figures.iter().map(|f| &f.period))?;
    let mut rows = Vec::new();
    // The official file checked against is cited with the dataset's own sources.
    let mut provenance = dataset.provenance.clone();
    if let Some(path) = against {
        let mut options =
            cutoff_options(dataset.figures.iter().map(|f| f.period), window, options)?;
        // Each stated period's year before too, for the page's chart: check_against matches
        // periods exactly, so no verdict reads them.
        let before: Vec<Period> = dataset
            .figures
            .iter()
            .filter_map(|f| f.period.year_before())
            .collect();
        options.periods.extend(before);
        options.periods.sort();
        options.periods.dedup();
        let input = loader::read_file(path, &options)?;
        let mut inputs = dataset.provenance.inputs.clone();
        inputs.extend(input.kinds.iter().copied());
        loader::check_options_apply(&inputs, &options)?;
        let official = input.figures;
        let cited = Cited {
            sources: &input.sources,
            releases,
        };
        rows.extend(stated_figure_rows(
            &dataset.figures,
            &official,
            &path.display().to_string(),
            cited,
            window,
        ));
        provenance.sources.extend(input.sources);
    }
    let analyses = calc::analyse(&dataset.figures);
    rows.extend(stated_change_rows(&analyses));
    if let Some(p) = selection.period {
        let (start, end) = (p.start.to_string(), p.end.to_string());
        rows.retain(|r| r.period.start == start && r.period.end == end);
    }
    outcome(&provenance, rows)
}

/// The report, with exit code 1 when any claim is inconsistent.
pub fn outcome(provenance: &Provenance, rows: Vec<CheckRow>) -> Result<Outcome> {
    let inconsistent = rows.iter().any(|r| r.status == ClaimStatus::Inconsistent);
    Ok(Outcome {
        report: rows::report("check", provenance, rows),
        exit_code: i32::from(inconsistent),
    })
}

/// A run of days: "15 Aug 2024", "8–13 Aug 2024", "28 Jul – 3 Aug 2024",
/// "28 Dec 2024 – 3 Jan 2025".
pub(crate) fn days_label(from: NaiveDate, to: NaiveDate) -> String {
    let month = |d: NaiveDate| d.format("%b").to_string();
    if from == to {
        format!("{} {} {}", from.day(), month(from), from.year())
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{}–{} {} {}", from.day(), to.day(), month(to), to.year())
    } else if from.year() == to.year() {
        format!(
            "{} {} – {} {} {}",
            from.day(),
            month(from),
            to.day(),
            month(to),
            to.year()
        )
    } else {
        format!("{} – {}", days_label(from, from), days_label(to, to))
    }
}

impl CheckRow {
    /// `inconsistent`, with what a loose bound supports and whether the cut-off matters.
    fn status_text(&self) -> String {
        let mut text = self.status.as_str().to_string();
        if let Some(s) = &self.stronger {
            text.push_str(&format!(
                "\n\"{}\" holds",
                human::wording(s.value, s.qualifier, self.unit)
            ));
        }
        if self.cutoffs.iter().any(|r| r.status != self.status) {
            text.push_str("\nvaries with the cut-off");
        }
        text
    }

    /// `crossings-2024-ytd ("around 18,000") by cut-off (last day counted): consistent 8–13 Aug
    /// 2024 (17,639 to 18,467); …`
    pub(crate) fn cutoff_note(&self) -> Option<String> {
        let runs = self.cutoff_runs()?;
        // Words, not `>`/`~`: a note starting with `>` would be a quote in Markdown.
        let qualifier = self.qualifier.unwrap_or(Qualifier::Exact);
        Some(format!(
            "{} (\"{}\") by cut-off (last day counted): {runs}.",
            self.id,
            human::wording(self.stated, qualifier, self.unit),
        ))
    }

    /// The cut-off runs without the row's id: "consistent 12–13 Aug 2024 (18,467);
    /// inconsistent 14–19 Aug 2024 (18,574 to 19,294)".
    pub(crate) fn cutoff_runs(&self) -> Option<String> {
        if self.cutoffs.is_empty() {
            return None;
        }
        let runs: Vec<String> = self
            .cutoffs
            .iter()
            .map(|r| {
                let values = if r.value_low == r.value_high {
                    human::amount(r.value_low, self.unit)
                } else {
                    human::range(&Range::new(r.value_low, r.value_high), self.unit)
                };
                format!("{} {} ({values})", r.status.as_str(), r.label)
            })
            .collect();
        Some(runs.join("; "))
    }

    /// "The stated figure of more than 27,000 for small boat arrivals between 1 January and
    /// 15 August 2025": the claim in words.
    fn head(&self) -> String {
        let stated = match (self.claim, self.qualifier) {
            (ClaimKind::StatedFigure, Some(q)) => {
                format!("figure of {}", wording::value(self.stated, q, self.unit))
            }
            _ => format!("{} of {}", what(self.claim), self.show(self.stated)),
        };
        let country = match self.country.as_str() {
            "all" => String::new(),
            c => format!(" ({c})"),
        };
        format!(
            "The stated {stated} for {}{country} {}",
            self.metric.replace('_', " "),
            wording::period(&self.period.span)
        )
    }

    /// A stated value or change for people.
    fn show(&self, v: f64) -> String {
        match self.claim {
            ClaimKind::StatedChange => human::stated_change(v, self.unit),
            ClaimKind::StatedFigure => human::amount(v, self.unit),
        }
    }

    /// The statement as worded: `>27,000`, `+14%`.
    fn show_stated(&self) -> String {
        match self.qualifier {
            Some(q) => human::stated(self.stated, q, self.unit),
            None => self.show(self.stated),
        }
    }

    fn show_range(&self, r: &Range) -> String {
        match self.claim {
            ClaimKind::StatedChange => human::change_range(r, self.unit),
            ClaimKind::StatedFigure => human::range(r, self.unit),
        }
    }
}

fn what(claim: ClaimKind) -> &'static str {
    match claim {
        ClaimKind::StatedChange => "change",
        ClaimKind::StatedFigure => "figure",
    }
}

impl Rows for CheckRow {
    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::left("Claim"),
                Column::left("Period"),
                Column::right("Stated"),
                Column::right("Data"),
                Column::right("Difference"),
                Column::left("Status"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    let what = what(r.claim);
                    vec![
                        format!(
                            "{}\n{what}: {}",
                            rows::figure_label(&r.id, &r.metric, &r.country, None),
                            r.id
                        )
                        .into(),
                        r.period.label.clone().into(),
                        // An exact figure not rounded is a point: no range to show.
                        if r.stated_range.low == r.stated_range.high {
                            r.show_stated().into()
                        } else {
                            format!("{}\n{}", r.show_stated(), r.show_range(&r.stated_range)).into()
                        },
                        match &r.evidence {
                            // An official count is checked by its value; its range adds nothing.
                            Some(e) if r.claim == ClaimKind::StatedFigure => {
                                e.value.map(|v| r.show(v)).unwrap_or_default().into()
                            }
                            Some(e) => format!(
                                "{}\n{}",
                                e.value.map(|v| r.show(v)).unwrap_or_default(),
                                e.range.map(|x| r.show_range(&x)).unwrap_or_default()
                            )
                            .trim()
                            .to_string()
                            .into(),
                            None => Cell::default(),
                        },
                        // A difference between two percent changes (or two point changes) is in points.
                        r.difference
                            .map(|d| match r.claim {
                                ClaimKind::StatedChange => human::points(d),
                                ClaimKind::StatedFigure => human::absolute_change(d, r.unit),
                            })
                            .unwrap_or_default()
                            .into(),
                        Cell::toned(r.status_text(), claim_tone(r.status)),
                    ]
                })
                .collect(),
        }
    }

    fn fields() -> Vec<Field<Self>> {
        let mut fields = rows::series(|r: &Self| SeriesRef {
            id: &r.id,
            metric: &r.metric,
            country: &r.country,
            unit: r.unit,
            period: &r.period,
        });
        fields.extend([
            Field::new("claim", |r: &Self, s| s.text(&serde_plain(r.claim))),
            Field::number("stated", |r: &Self| Some(r.stated)),
            Field::number("stated_low", |r: &Self| Some(r.stated_range.low)),
            Field::number("stated_high", |r: &Self| Some(r.stated_range.high)),
            Field::number("evidence_value", |r: &Self| {
                r.evidence.as_ref().and_then(|e| e.value)
            }),
            Field::number("evidence_low", |r: &Self| {
                r.evidence.as_ref().and_then(|e| e.range).map(|x| x.low)
            }),
            Field::number("evidence_high", |r: &Self| {
                r.evidence.as_ref().and_then(|e| e.range).map(|x| x.high)
            }),
            Field::text("evidence_basis", |r: &Self| {
                r.evidence.as_ref().map_or("", |e| e.basis.as_str())
            }),
            Field::number("difference", |r: &Self| r.difference),
            Field::new("status", |r: &Self, s| s.text(&serde_plain(r.status))),
            Field::text("stronger_qualifier", |r: &Self| {
                r.stronger
                    .as_ref()
                    .map(|s| s.qualifier.as_str())
                    .unwrap_or_default()
            }),
            Field::number("stronger_value", |r: &Self| {
                r.stronger.as_ref().map(|s| s.value)
            }),
            Field::new("cutoffs", |r: &Self, s| s.text(&cutoffs_cell(&r.cutoffs))),
        ]);
        fields.extend(rows::receipt(|r: &Self| r.receipt.as_ref()));
        fields
    }

    fn sentences(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        // The official file checked against, cited once: never its path on this machine.
        // With none (a figures file), the publishers of the sources, once each: "Home
        // Office: Migrants detected …" → "Home Office".
        let cited = rows::official_citation(dataset).unwrap_or_else(|| {
            let mut publishers: Vec<&str> = Vec::new();
            for s in &dataset.sources {
                let name = s
                    .title
                    .split([':', ',', ';'])
                    .next()
                    .unwrap_or_default()
                    .trim();
                if !name.is_empty() && !publishers.contains(&name) {
                    publishers.push(name);
                }
            }
            publishers.join(" and ")
        });
        let source = wording::source(&cited, rows::licence(dataset).as_deref());
        rows.iter()
            .map(|r| {
                let head = r.head();
                // The evidence in words; its basis (an id and a file) stays in JSON and CSV, the
                // source line says where it is from.
                let evidence = r.evidence.as_ref().and_then(|e| {
                    let v = e.value?;
                    Some(match r.claim {
                        ClaimKind::StatedFigure => format!("the official figure of {}", r.show(v)),
                        ClaimKind::StatedChange => format!(
                            "the change the figures give, {}",
                            human::percent_or_points(v, r.unit)
                        ),
                    })
                });
                let verdict = match (r.status, evidence) {
                    (_, None) => {
                        " cannot be checked: there is nothing to check it against".to_string()
                    }
                    (ClaimStatus::Consistent, Some(v)) => format!(" is consistent with {v}"),
                    (ClaimStatus::Understated, Some(v)) => {
                        format!(" holds but understates: {v} is more than its wording says")
                    }
                    (ClaimStatus::Overstated, Some(v)) => {
                        format!(" holds but overstates: {v} is less than its wording says")
                    }
                    (ClaimStatus::Inconsistent, Some(v)) => format!(" does not match {v}"),
                    (ClaimStatus::NotCheckable, Some(v)) => {
                        format!(" cannot be checked against {v}")
                    }
                };
                // The cut-offs at which the verdict is another, in words.
                let varies = if r.cutoffs.iter().any(|c| c.status != r.status) {
                    let runs: Vec<String> = r
                        .cutoffs
                        .iter()
                        .map(|c| format!("{} with data to {}", c.status.as_str(), c.label))
                        .collect();
                    format!(
                        " The verdict varies with the last day counted: {}.",
                        runs.join("; ")
                    )
                } else {
                    String::new()
                };
                // The receipt, and its release cited, where there is one.
                match &r.receipt {
                    Some(x) => format!(
                        "{head}{verdict}.{}{varies} {}",
                        rows::receipt_words(x, Some(r.stated), r.unit),
                        wording::source(&x.citation(), x.licence.as_deref())
                    ),
                    None => format!("{head}{verdict}.{varies} {source}"),
                }
            })
            .collect()
    }

    /// Each stated figure and change, with its verdict, receipt, chart and citation.
    fn page(rows: &[Self], dataset: &Provenance) -> Option<Page> {
        let sentences = Self::sentences(rows, dataset);
        let claims = rows
            .iter()
            .zip(sentences)
            .map(|(r, paragraph)| {
                let mut bars = Vec::new();
                if let (ClaimKind::StatedFigure, Some(v)) =
                    (r.claim, r.evidence.as_ref().and_then(|e| e.value))
                {
                    bars.push(Bar {
                        label: r.period.label.clone(),
                        value: v,
                    });
                    bars.extend(r.year_before.as_ref().map(|(label, v)| Bar {
                        label: label.clone(),
                        value: *v,
                    }));
                }
                let mut receipt = r
                    .receipt
                    .as_ref()
                    .map(|x| x.table(r.unit))
                    .unwrap_or_default();
                if let Some(runs) = r.cutoff_runs() {
                    receipt.push(("By cut-off".to_string(), runs));
                }
                let citation = match &r.receipt {
                    Some(x) => wording::source(&x.citation(), x.licence.as_deref()),
                    None => wording::source(
                        &rows::official_citation(dataset).unwrap_or_else(|| dataset.title.clone()),
                        rows::licence(dataset).as_deref(),
                    ),
                };
                PageClaim {
                    sentence: format!("{}.", r.head()),
                    claim: match r.qualifier {
                        Some(q) => human::wording(r.stated, q, r.unit),
                        None => r.show(r.stated),
                    },
                    period: r.period.label.clone(),
                    verdict: r.status.as_str().to_string(),
                    tone: claim_tone(r.status),
                    rating: rating(r.status).to_string(),
                    paragraph,
                    receipt,
                    bars,
                    unit: r.unit,
                    measure: r.metric.replace('_', " "),
                    citation,
                    release: r.receipt.as_ref().and_then(|x| x.release.clone()),
                    release_url: r.receipt.as_ref().and_then(|x| x.url.clone()),
                    date: None,
                }
            })
            .collect();
        Some(Page {
            title: format!("Fact check: {}", dataset.title),
            claims,
            notes: Self::notes(rows, dataset)
                .into_iter()
                .filter(|n| !rows.iter().any(|r| n.starts_with(&format!("{}:", r.id))))
                .collect(),
        })
    }

    fn notes(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        let mut notes: Vec<String> = rows.iter().filter_map(CheckRow::cutoff_note).collect();
        for r in rows {
            if let Some(receipt) = &r.receipt {
                notes.push(format!("{}: {}", r.id, receipt.lines(r.unit).join(" ")));
            }
        }
        let count = |s: ClaimStatus| rows.iter().filter(|r| r.status == s).count();
        let counts: Vec<String> = ClaimStatus::ALL
            .iter()
            .map(|s| format!("{} {}", count(*s), s.as_str()))
            .collect();
        notes.push(format!(
            "{} claim{}: {}.",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            counts.join(", ")
        ));
        notes.extend(rows::source_notes(dataset));
        notes
    }
}

/// The verdict as a ClaimReview's rating names it.
pub(crate) fn rating(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Consistent => "Consistent with the official figures",
        ClaimStatus::Understated => "Holds, but understates the official figure",
        ClaimStatus::Overstated => "Holds, but overstates the official figure",
        ClaimStatus::Inconsistent => "Inconsistent with the official figures",
        ClaimStatus::NotCheckable => "Cannot be checked against the official figures",
    }
}

/// Cut-off runs for CSV, one cell: `2024-08-11..2024-08-13 consistent 18342..18467; …`.
pub(crate) fn cutoffs_cell(runs: &[CutoffOut]) -> String {
    runs.iter()
        .map(|r| {
            format!(
                "{}..{} {} {}..{}",
                r.from,
                r.to,
                serde_plain(r.status),
                r.value_low,
                r.value_high
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn cut_offs_are_derived_and_bounded_in_one_place() {
        let day = |n: u64| d("2000-01-01") + chrono::Days::new(n);
        let span = |n: u64| Period::new(day(0), day(n)).unwrap();
        // One stated period, a 2-day window: its end moved -2..=2 days, with no repeats.
        let options =
            cutoff_options([span(30), span(30)].into_iter(), 2, &LoadOptions::default()).unwrap();
        assert_eq!(options.periods.len(), 5);
        // More stated periods than the limit allows at this window: refused, not derived.
        let many = (10..2_000).map(span);
        let err = cutoff_options(many, 7, &LoadOptions::default()).unwrap_err();
        assert!(err.to_string().contains("would derive"), "{err}");
        // --window 0: each at its own day only, whatever the number.
        let many = (10..2_000).map(span);
        let options = cutoff_options(many, 0, &LoadOptions::default()).unwrap();
        assert_eq!(options.periods.len(), 1_990);
    }

    #[test]
    fn runs_of_days_read_shortly() {
        assert_eq!(days_label(d("2024-08-15"), d("2024-08-15")), "15 Aug 2024");
        assert_eq!(
            days_label(d("2024-08-08"), d("2024-08-13")),
            "8–13 Aug 2024"
        );
        assert_eq!(
            days_label(d("2024-07-28"), d("2024-08-03")),
            "28 Jul – 3 Aug 2024"
        );
        assert_eq!(
            days_label(d("2024-12-28"), d("2025-01-03")),
            "28 Dec 2024 – 3 Jan 2025"
        );
    }
}
