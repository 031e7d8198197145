//! The checks a claim row needs beyond its level: a stated change or difference against the
//! change between two official figures, and why a figure cannot be checked.

use super::{ClaimRow, Status};
use crate::calc;
use crate::domain::{Figure, Period};
use crate::sentences::{Direction, Stated};

/// The periods the rows need from an official file: (running totals, which are also checked at
/// cut-offs; closed periods and the periods changes are measured against, checked as they are).
pub(super) fn periods(rows: &[ClaimRow]) -> (Vec<Period>, Vec<Period>) {
    let mut running = Vec::new();
    let mut closed = Vec::new();
    for c in rows.iter().filter_map(|r| r.claim.as_ref()) {
        match (c.stated, c.to_eve) {
            (Stated::Level, true) => running.push(c.figure.period),
            _ => closed.push(c.figure.period),
        }
        closed.extend(c.change.as_ref().and_then(|x| x.against));
    }
    (running, closed)
}

/// The official values of a claim's period and of the period its change is measured against,
/// from the first file that gives both, with that file's name.
fn pair<'a>(
    f: &Figure,
    against: Period,
    official: &'a [(Vec<Figure>, String)],
) -> Option<(f64, f64, &'a str)> {
    official.iter().find_map(|(figures, name)| {
        let value = |p| calc::official_value(figures, &f.metric, &f.country, f.unit, p);
        Some((value(f.period)?, value(against)?, name.as_str()))
    })
}

/// Each stated change or difference with a period to compare with, checked against the
/// official figures for both periods.
pub(super) fn against_data(rows: &mut [ClaimRow], official: &[(Vec<Figure>, String)]) {
    for r in rows.iter_mut() {
        let Some(c) = r.claim.as_ref() else {
            continue;
        };
        let Some(change) = c.change.as_ref() else {
            continue;
        };
        let Some(against) = change.against else {
            continue;
        };
        let Some((current, previous, file)) = pair(&c.figure, against, official) else {
            continue;
        };
        let basis = format!(
            "{} against {} in {file}",
            c.figure.period.label(),
            against.label()
        );
        match c.stated {
            Stated::Difference => {
                let up = change.direction != Some(Direction::Down);
                let (status, difference) = calc::check_difference(&c.figure, up, current, previous);
                r.status = status.into();
                r.data_value = Some(difference);
                r.data_basis = Some(format!("difference, {basis}"));
            }
            Stated::Change | Stated::Level => {
                let Some(pct) = change.percent else {
                    continue;
                };
                let Some((status, computed)) = calc::check_change_between(pct, current, previous)
                else {
                    continue;
                };
                if let Some(out) = r.stated_change.as_mut() {
                    out.status = Some(status);
                }
                if c.stated == Stated::Change {
                    r.status = status.into();
                    r.data_value = Some(computed);
                    r.data_basis = Some(format!("percent change, {basis}"));
                }
            }
        }
    }
}

/// What would answer a metric the files checked do not give.
fn what_would(metric: &str) -> &'static str {
    match metric {
        "returns" | "enforced_returns" | "voluntary_returns" => {
            "returns are not in the small boats series; give a returns table (Ret_D01)"
        }
        "initial_grant_rate" => {
            "give an asylum decisions table (Asy_D02) or the small-boat cohort table (Irr_D03)"
        }
        "small_boat_arrivals" | "small_boats" | "people_per_boat" => {
            "give a file that covers this period: the small boats time series (SB_01) or the irregular migration detailed dataset (Irr_D01)"
        }
        "deaths" => "deaths are not in the Home Office small boats files",
        "funding" => "funding is not in the Home Office statistics",
        _ => "no Home Office file this tool reads counts it",
    }
}

/// A reason for every figure that is not checkable.
pub(super) fn reasons(rows: &mut [ClaimRow], has_against: bool) {
    for r in rows.iter_mut() {
        if r.status != Status::NotCheckable {
            continue;
        }
        let Some(c) = r.claim.as_ref() else {
            continue;
        };
        let f = &c.figure;
        let change_only = c.stated != Stated::Level;
        let no_base = change_only && c.change.as_ref().is_none_or(|x| x.against.is_none());
        r.reason = Some(if !has_against {
            "no official file to check against: give --against FILE".to_string()
        } else if no_base {
            "the words name no period the change is measured against".to_string()
        } else {
            format!(
                "no official {} for {}, {}, in the files checked: {}",
                f.metric.replace('_', " "),
                if f.country == "all" {
                    "all nationalities"
                } else {
                    f.country.as_str()
                },
                f.period.label(),
                what_would(&f.metric)
            )
        });
    }
}
