//! The year-on-year row shared by `summary` and `changes`: a figure, the year before (a
//! figure or an implied value), the change with its range, and the stated claim.

use super::columns::*;
use super::dto::*;
use super::words::*;
use crate::calc::series::Trend;
use crate::calc::{Change, ClaimStatus, Comparison, YearOnYear};
use crate::domain::Unit;
use crate::loader::Provenance;
use crate::render::{Cell, Column, Grid, human, wording};
use crate::report::{self as rows, Rows};
use schemars::JsonSchema;
use serde::Serialize;

/// One figure against the year before.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct YoyRow {
    pub metric: String,
    pub country: String,
    pub unit: Unit,
    #[serde(flatten)]
    pub current: StatedOut,
    /// The year before; null when there is none.
    pub previous: Option<PreviousOut>,
    /// Change against `previous`; null when there is none.
    pub change: Option<Change>,
    /// The source's stated change; null when none was stated.
    pub claim: Option<ClaimOut>,
    /// Why there is no comparison, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_comparison: Option<String>,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The months inside the period, for a terminal's sparkline (not in JSON or CSV).
    #[serde(skip)]
    #[schemars(skip)]
    pub trend: Option<Trend>,
}

/// A period longer than a year overlaps the year before it: the days both count are said,
/// once per pair of periods.
fn overlap_notes(rows: &[YoyRow]) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for r in rows {
        let Some(p) = r.previous.as_ref() else {
            continue;
        };
        let (now, before) = (r.current.period.span, p.period.span);
        if before.end < now.start {
            continue;
        }
        let note = format!(
            "{} is longer than a year, so the same span a year earlier ({}) overlaps it: the days {} are counted in both.",
            now.label(),
            before.label(),
            crate::domain::Period::new(now.start, before.end)
                .map_or_else(String::new, |o| o.label())
        );
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes
}

pub fn row(a: &YearOnYear<'_>) -> YoyRow {
    let f = a.current;
    let previous = match &a.comparison {
        Comparison::Figure(p) => Some(PreviousOut {
            kind: PreviousKind::Figure,
            id: Some(p.id.clone()),
            period: (&p.period).into(),
            value: p.value,
            qualifier: Some(p.qualifier),
            range: p.stated_range(),
            rate_base: p.rate_base.as_ref().map(RateBaseOut::from),
        }),
        Comparison::Implied(imp) => f.period.year_before().map(|p| PreviousOut {
            kind: PreviousKind::Implied,
            id: None,
            period: (&p).into(),
            value: imp.value,
            qualifier: None,
            range: imp.range,
            rate_base: None,
        }),
        Comparison::None => None,
    };
    let no_comparison = previous.is_none().then(|| match a.stated {
        Some(_) => "the stated change allows no finite previous value".to_string(),
        None => "no figure for the same period a year earlier, and no stated change".to_string(),
    });
    YoyRow {
        metric: f.metric.clone(),
        country: f.country.clone(),
        unit: f.unit,
        current: f.into(),
        previous,
        change: a.change,
        claim: a.stated.zip(a.claim).map(|(s, status)| ClaimOut {
            stated_yoy_pct: s.value,
            stated_range: s.range,
            status,
        }),
        no_comparison,
        source: f.source.clone(),
        note: f.note.clone(),
        trend: None,
    }
}

/// `~30,702 implied (30,568 to 31,718)` or `~18,000 (1 Jan – 15 Aug 2024)`.
fn previous_text(p: &PreviousOut, unit: Unit) -> String {
    match p.kind {
        PreviousKind::Figure => {
            format!("{}\n{}", rows::previous_value_text(p, unit), p.period.label)
        }
        PreviousKind::Implied => format!(
            "{}\n{}",
            rows::previous_value_text(p, unit),
            human::range(&p.range, unit)
        ),
    }
}

impl Rows for YoyRow {
    fn terminal(rows: &[Self]) -> (Grid, Vec<String>) {
        rows::with_trends(Self::human(rows), rows.iter().map(|r| r.trend.as_ref()))
    }

    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::left("Figure"),
                Column::left("Period"),
                Column::right("Value"),
                Column::right("Year before"),
                Column::right("Change"),
                Column::left("Claim"),
                Column::left("Source"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    let claim = match &r.claim {
                        Some(c) => Cell::toned(
                            format!(
                                "{}: {}",
                                human::stated_change(c.stated_yoy_pct, r.unit),
                                c.status.as_str()
                            ),
                            claim_tone(c.status),
                        ),
                        None => Cell::default(),
                    };
                    vec![
                        rows::figure_label(
                            &r.current.id,
                            &r.metric,
                            &r.country,
                            r.current.rate_base.as_ref(),
                        )
                        .into(),
                        r.current.period.text().into(),
                        rows::value_text(
                            r.current.value,
                            r.current.qualifier,
                            r.unit,
                            r.current.rate_base.as_ref(),
                        )
                        .into(),
                        match &r.previous {
                            Some(p) => previous_text(p, r.unit).into(),
                            None => Cell::default(),
                        },
                        match &r.change {
                            Some(c) => rows::change_text(c, r.unit).into(),
                            None => Cell::default(),
                        },
                        claim,
                        r.source.clone().into(),
                    ]
                })
                .collect(),
        }
    }

    fn fields() -> Vec<Field<Self>> {
        let mut fields = stated(|r: &Self| StatedRef {
            stated: &r.current,
            metric: &r.metric,
            country: &r.country,
            unit: r.unit,
        });
        fields.extend(previous(|r: &Self| r.previous.as_ref()));
        fields.extend(change(|r: &Self| r.change.as_ref()));
        fields.extend([
            Field::number("stated_yoy_pct", |r: &Self| {
                r.claim.as_ref().map(|c| c.stated_yoy_pct)
            }),
            Field::new("claim_status", |r: &Self, s| {
                s.text(
                    &r.claim
                        .as_ref()
                        .map(|c| serde_plain(c.status))
                        .unwrap_or_default(),
                )
            }),
            Field::text("source", |r: &Self| &r.source),
        ]);
        fields.extend(rate_base(|r: &Self| r.current.rate_base.as_ref()));
        fields.extend(previous_rate_base(|r: &Self| r.previous.as_ref()));
        fields
    }

    fn sentences(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let mut s = rows::figure_sentence(&r.metric, &r.country, &r.current, r.unit);
                if let (Some(p), Some(c)) = (&r.previous, &r.change) {
                    let against = wording::earlier(&p.period.span);
                    let previous = rows::previous_words(p, r.unit);
                    let hedged = rows::hedged(&r.current, p);
                    s.push_str(&wording::change(c, r.unit, &against, &previous, hedged));
                }
                s.push('.');
                if let Some(c) = &r.claim {
                    let stated = human::stated_change(c.stated_yoy_pct, r.unit);
                    s.push_str(&match c.status {
                        ClaimStatus::Consistent => format!(
                            " The stated change of {stated} is consistent with the figures."
                        ),
                        ClaimStatus::Understated => format!(
                            " The stated change of {stated} holds but understates the figures."
                        ),
                        ClaimStatus::Overstated => format!(
                            " The stated change of {stated} holds but overstates the figures."
                        ),
                        ClaimStatus::Inconsistent => {
                            format!(" The stated change of {stated} does not match the figures.")
                        }
                        ClaimStatus::NotCheckable => format!(
                            " The stated change of {stated} cannot be checked against the figures."
                        ),
                    });
                }
                format!(
                    "{s} {}",
                    wording::source(&r.source, rows::licence(dataset).as_deref())
                )
            })
            .collect()
    }

    fn notes(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        let mut notes = vec![rows::dataset_note(dataset)];
        notes.extend(rows::source_notes(dataset));
        if rows.iter().any(|r| {
            r.previous
                .as_ref()
                .is_some_and(|p| p.kind == PreviousKind::Implied)
        }) {
            notes.push("implied: worked back from the source's stated change, taken as rounded to its last digit (1% for a whole number).".to_string());
        }
        notes.extend(overlap_notes(rows));
        notes.push(
            "~ around, > more than, < fewer than; ranges follow from the stated rounding."
                .to_string(),
        );
        notes
    }
}
