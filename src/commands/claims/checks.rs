//! The checks a claim row needs beyond its level: a stated change or difference against the
//! change between two official figures, and why a figure cannot be checked.

use super::{ClaimRow, Status};
use crate::calc;
use crate::domain::{Figure, Period, Qualifier};
use crate::sentences::{Direction, Stated};
use std::collections::HashSet;

/// The official values of a claim's period and of the period its change is measured against,
/// from the first file that gives both, with that file's name.
pub(super) fn pair<'a>(
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
                // The hedge of a change stated alone is the change's ("more than 40%").
                let hedge = if c.stated == Stated::Change {
                    c.figure.qualifier
                } else {
                    Qualifier::Exact
                };
                let Some((status, computed)) =
                    calc::check_change_between(pct, hedge, current, previous)
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

/// A running total to the day before publication that the files do not reach: checked to the
/// last day a file gives for the same start (its last day), and the row says the data end there.
pub(super) fn to_file_end(rows: &mut [ClaimRow], official: &[(Vec<Figure>, String)]) {
    for r in rows.iter_mut() {
        let Some(c) = r.claim.as_ref() else {
            continue;
        };
        let f = &c.figure;
        let checked = r.data_value.is_some();
        if checked || r.status != Status::NotCheckable || c.stated != Stated::Level || !c.to_eve {
            continue;
        }
        let latest = official.iter().find_map(|(figures, name)| {
            figures
                .iter()
                .filter(|o| {
                    o.metric == f.metric
                        && o.country.eq_ignore_ascii_case(&f.country)
                        && o.unit == f.unit
                        && o.period.start == f.period.start
                        && o.period.end < f.period.end
                })
                .max_by_key(|o| o.period.end)
                .map(|o| (o, name))
        });
        let Some((o, name)) = latest else {
            continue;
        };
        let mut clipped = f.clone();
        clipped.period = o.period;
        r.status = calc::check_stated_figure(&clipped, o.value).into();
        r.data_value = Some(o.value);
        r.data_basis = Some(format!("{}, {name}", o.period.label()));
        r.checked_to = Some(o.period);
        r.reason = Some(format!(
            "the data in {} end on {}: checked to that day, not to {}",
            crate::report::receipt::base_name(name),
            o.period.end,
            f.period.end
        ));
    }
}

/// A grant rate checked against a table on another basis is not called wrong: a small-boat
/// cohort table (Irr_D03, by year of arrival) against words for the all-asylum rate (Asy_D02,
/// by year of decision), or the other way round. The row says which basis each is.
pub(super) fn different_basis(rows: &mut [ClaimRow]) {
    for r in rows.iter_mut() {
        // A match on another basis is a coincidence, not a confirmation.
        let verdict = matches!(
            r.status,
            Status::Consistent | Status::Inconsistent | Status::Understated | Status::Overstated
        );
        if !verdict || r.metric.as_deref() != Some("initial_grant_rate") {
            continue;
        }
        let basis = r
            .data_basis
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let file_cohort = basis.contains("d03");
        let file_decisions = basis.contains("d02");
        let low = r.sentence.to_ascii_lowercase();
        let words_cohort = [
            "small boat",
            "crossed",
            "arriv",
            "came by boat",
            "made the crossing",
        ]
        .iter()
        .any(|w| low.contains(w));
        let reason = match (file_cohort, file_decisions, words_cohort) {
            (true, _, false) => {
                "different basis: the file gives the rate for small-boat arrivals by year of arrival (Irr_D03); the words give no such cohort, so they may mean the all-asylum rate by year of decision (Asy_D02)"
            }
            (_, true, true) => {
                "different basis: the words are about small-boat arrivals (a cohort by year of arrival, Irr_D03); the file gives the all-asylum rate by year of decision (Asy_D02)"
            }
            _ => continue,
        };
        r.status = Status::NotCheckable;
        r.reason = Some(reason.to_string());
        r.stronger = None;
    }
}

/// Returns counted by destination (Ret_D02) are not returns of that nationality (Ret_D01):
/// "returned to Iraq" against a nationality table, or "Iraqis were returned" against a
/// destination table, is a different basis, not a wrong figure.
pub(super) fn destination_or_nationality(rows: &mut [ClaimRow]) {
    for r in rows.iter_mut() {
        let verdict = matches!(
            r.status,
            Status::Consistent | Status::Inconsistent | Status::Understated | Status::Overstated
        );
        let returns = r.metric.as_deref().is_some_and(|m| m.ends_with("returns"));
        let Some(country) = r.country.as_deref().filter(|c| *c != "all") else {
            continue;
        };
        if !verdict || !returns {
            continue;
        }
        let basis = r.data_basis.as_deref().unwrap_or_default();
        let by_destination = basis.contains("ret-d02-");
        let by_nationality = basis.contains("ret-d01-");
        let low = r.sentence.to_lowercase();
        let country = country.to_lowercase();
        let to_country = ["to ", "back to ", "sent to ", "removed to "]
            .iter()
            .any(|w| low.contains(&format!("{w}{country}")));
        let reason = match (by_destination, by_nationality, to_country) {
            (true, _, false) => {
                "different basis: the file counts returns by destination (Ret_D02); the words name a nationality, counted by Ret_D01"
            }
            (_, true, true) => {
                "different basis: the words name where people were returned to (Ret_D02, by destination); the file counts returns by nationality (Ret_D01)"
            }
            _ => continue,
        };
        r.status = Status::NotCheckable;
        r.reason = Some(reason.to_string());
        r.stronger = None;
        r.cutoffs.clear();
    }
}

/// Applications counted as main applicants only ("4,000 main applicants") against a table read
/// with dependants (the default), or the other way round, are on another basis, not wrong.
pub(super) fn applicants_basis(rows: &mut [ClaimRow], main_only: bool) {
    for r in rows.iter_mut() {
        let verdict = matches!(
            r.status,
            Status::Consistent | Status::Inconsistent | Status::Understated | Status::Overstated
        );
        let applications = r
            .metric
            .as_deref()
            .is_some_and(|m| m.ends_with("asylum_applications"));
        if !verdict || !applications {
            continue;
        }
        let low = r.sentence.to_lowercase();
        let says_main = low.contains("main applicant");
        let says_all = low.contains("dependant") || low.contains("dependent");
        let reason = match (says_main, says_all, main_only) {
            (true, false, false) => {
                "different basis: the words count main applicants only; the file's figures count main applicants and dependants (check with --main-applicants)"
            }
            (false, true, true) => {
                "different basis: the words count dependants too; the figures were read for main applicants only (--main-applicants)"
            }
            _ => continue,
        };
        r.status = Status::NotCheckable;
        r.reason = Some(reason.to_string());
        r.stronger = None;
        r.cutoffs.clear();
    }
}

/// A figure stated for a whole calendar year at under a twelfth of the official total ("224
/// made the journey in 2021", in an article about Januaries) is most likely for a part of the
/// year the words do not name: no verdict, and the row says what is missing.
pub(super) fn part_of_year(rows: &mut [ClaimRow]) {
    for r in rows.iter_mut() {
        let Some(c) = r.claim.as_ref() else {
            continue;
        };
        let f = &c.figure;
        let far_below = r.data_value.is_some_and(|d| f.value * 12.0 < d);
        if c.stated == Stated::Level
            && !c.to_eve
            && f.period.is_calendar_year()
            && r.status == Status::Inconsistent
            && far_below
        {
            r.status = Status::NotUnderstood;
            r.missing = vec![format!(
                "which part of {} the figure is for: it is under a twelfth of the year's official total",
                f.period.label()
            )];
            r.cutoffs.clear();
            r.stronger = None;
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
        "small_boat_asylum_applications" => {
            "give the small boat asylum applications table (Irr_D02)"
        }
        "asylum_applications" => "give the asylum applications table (Asy_D01)",
        "fno_returns" => "give the foreign national offender returns table (Ret_D03)",
        "migrants_prevented" | "events_prevented" => {
            "crossings prevented by the French authorities are in the weekly small boats sheet (SB_02), by week"
        }
        "deaths" => "deaths are not in the Home Office small boats files",
        "funding" => "funding is not in the Home Office statistics",
        _ => "no Home Office file this tool reads counts it",
    }
}

/// A number whose words name a metric but not all else (its period, say) is not checkable
/// when no file checked gives that metric at all: the row says what would answer it.
pub(super) fn metric_not_in_files(rows: &mut [ClaimRow], metrics: &HashSet<String>) {
    for r in rows.iter_mut() {
        let Some(metric) = r.metric.as_deref() else {
            continue;
        };
        if r.status != Status::NotUnderstood || r.claim.is_some() || metrics.contains(metric) {
            continue;
        }
        r.reason = Some(format!(
            "no official {} in the files checked: {}",
            metric.replace('_', " "),
            what_would(metric)
        ));
        r.status = Status::NotCheckable;
    }
}

/// A reason for every figure that is not checkable.
pub(super) fn reasons(rows: &mut [ClaimRow], has_against: bool, metrics: &HashSet<String>) {
    for r in rows.iter_mut() {
        if r.status != Status::NotCheckable || r.reason.is_some() {
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
            // A metric the files give, but not for this period or country: another release or
            // breakdown answers it, not another table.
            let what = if metrics.contains(&f.metric) {
                "the files give this count, but not for this period and nationality: give a release that covers it"
            } else {
                what_would(&f.metric)
            };
            format!(
                "no official {} for {}, {}, in the files checked: {what}",
                f.metric.replace('_', " "),
                if f.country == "all" {
                    "all nationalities"
                } else {
                    f.country.as_str()
                },
                f.period.label(),
            )
        });
    }
}
