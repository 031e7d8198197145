//! Verdicts withdrawn where the words may mean another period than the one read: a figure
//! that is another period's, one far from the data, a change that holds only on the other
//! reading of its base. Each runs after every check, and only ever turns a verdict into *not
//! checkable* with a reason.

use super::checks::pair;
use super::{ClaimQualifier, ClaimRow, Status};
use crate::calc::{self, ClaimStatus};
use crate::domain::{Figure, Period, PeriodKind, Range, Unit, month_number};
use crate::render::human;
use crate::sentences::{Shift, Stated, clause_of};
use chrono::{Datelike, NaiveDate};

/// How far the stated figure may be from the official value of the period read and still be
/// called inconsistent. Adjacent years of these series differ by a quarter to a half, and a
/// sentence with several periods is easily misread, so a gap wider than this more often means
/// the words were read as another period or count than the writer meant than a wrong figure.
const FAR: f64 = 1.5;

/// How many times larger the further of the stated range and `data` is than the other
/// (1 when the range holds it); infinite when one side is zero.
fn factor_off(stated: Range, data: f64) -> f64 {
    if stated.contains(data) {
        1.0
    } else if stated.low > data {
        stated.low / data.max(0.0)
    } else {
        data / stated.high.max(0.0)
    }
}

/// A level called inconsistent whose stated value is the official value of another period the
/// words could mean (another period the sentence names, or its span a year earlier; for a
/// figure stated to the unit, the same span a year or two earlier and the whole year of a year
/// to date) is not called wrong: the row names that period.
pub(super) fn other_period(
    rows: &mut [ClaimRow],
    official: &[(Vec<Figure>, String)],
    date: NaiveDate,
) {
    let reasons: Vec<Option<String>> = rows
        .iter()
        .map(|r| {
            let (Some(c), Some(stated)) = (r.claim.as_ref(), r.stated_range) else {
                return None;
            };
            if r.status != Status::Inconsistent || c.stated != Stated::Level {
                return None;
            }
            let f = &c.figure;
            let (p, v, name) = alternatives(rows, r, date).into_iter().find_map(|p| {
                official.iter().find_map(|(figures, name)| {
                    let v = calc::official_value(figures, &f.metric, &f.country, f.unit, p)?;
                    stated.contains(v).then_some((p, v, name))
                })
            })?;
            Some(format!(
                "another period: {} is the official figure for {} in {name}, not for {} as the words were read; say which period the figure is for",
                human::amount(v, f.unit),
                p.label(),
                f.period.label()
            ))
        })
        .collect();
    for (r, reason) in rows.iter_mut().zip(reasons) {
        if reason.is_some() {
            r.status = Status::NotCheckable;
            r.reason = reason;
            withhold(r);
        }
    }
}

/// No verdict on a row whose period may be misread, nor on its stated change (measured from
/// the same period).
fn withhold(r: &mut ClaimRow) {
    r.stronger = None;
    r.cutoffs.clear();
    // The table's status cell and notes read the check itself.
    if let Some(check) = r.check.as_mut() {
        check.stronger = None;
        check.cutoffs.clear();
    }
    if let Some(change) = r.stated_change.as_mut() {
        change.status = None;
    }
}

/// A change called inconsistent on a period the words did not name but the reader inferred
/// ("an increase of 34% compared to the same period in 2023": this year so far, to the day
/// before publication) gets no verdict: the inference may be what is wrong.
pub(super) fn inferred_change(rows: &mut [ClaimRow]) {
    for r in rows.iter_mut() {
        let Some(c) = r.claim.as_ref() else {
            continue;
        };
        let change_wrong = r
            .stated_change
            .as_ref()
            .is_some_and(|x| x.status == Some(ClaimStatus::Inconsistent));
        if !c.period_inferred || !change_wrong {
            continue;
        }
        r.reason = Some(format!(
            "the words name no period for the change itself: against {} (taken as {}) it is inconsistent, but the writer may have counted to another day or over another span; say the period",
            c.change
                .as_ref()
                .and_then(|x| x.against)
                .map_or_else(String::new, |p| p.label()),
            c.figure.period.label()
        ));
        if c.stated == Stated::Change {
            r.status = Status::NotCheckable;
        }
        withhold(r);
    }
}

/// A stated per-cent change called inconsistent that is consistent against the other reading
/// of its base (the whole of a year for the same span of it, or the other way round: "38%
/// higher than in 2023" said of this year so far) is not called wrong: the row names both.
pub(super) fn other_base(rows: &mut [ClaimRow], official: &[(Vec<Figure>, String)]) {
    for r in rows.iter_mut() {
        let Some(c) = r.claim.as_ref() else {
            continue;
        };
        let Some((pct, base)) = c.change.as_ref().and_then(|x| x.percent.zip(x.against)) else {
            continue;
        };
        let inconsistent = r
            .stated_change
            .as_ref()
            .is_some_and(|x| x.status == Some(ClaimStatus::Inconsistent));
        let Some(other) = other_reading(c.figure.period, base).filter(|_| inconsistent) else {
            continue;
        };
        let Some((current, previous, _)) = pair(&c.figure, other, official) else {
            continue;
        };
        let hedge = if c.stated == Stated::Change {
            c.figure.qualifier
        } else {
            crate::domain::Qualifier::Exact
        };
        let consistent = calc::check_change_between(pct, hedge, current, previous)
            .is_some_and(|(s, _)| s == ClaimStatus::Consistent);
        if !consistent {
            continue;
        }
        r.reason = Some(format!(
            "another period: the change is right against {} but not against {}; say which the change is measured on",
            other.label(),
            base.label()
        ));
        if c.stated == Stated::Change {
            r.status = Status::NotCheckable;
        }
        withhold(r);
    }
}

/// The other reading of a base year for a change of `period` (part of one year): the whole
/// year for the same span of it, the same span for the whole year.
pub(super) fn other_reading(period: Period, base: Period) -> Option<Period> {
    if period.is_calendar_year() || period.start.year() != period.end.year() {
        return None;
    }
    if base.is_calendar_year() {
        Shift::Year(base.start.year()).apply(period)
    } else if base.start.year() == base.end.year() && base.start.year() < period.start.year() {
        Period::calendar_year(base.start.year())
    } else {
        None
    }
}

/// The periods a level on row `r` (one of `rows`) could mean other than the one read, ending
/// before `date`.
pub(super) fn alternatives(rows: &[ClaimRow], r: &ClaimRow, date: NaiveDate) -> Vec<Period> {
    let Some(p) = r.claim.as_ref().map(|c| c.figure.period) else {
        return Vec::new();
    };
    let mut out: Vec<Period> = rows
        .iter()
        .filter(|o| o.line == r.line && o.sentence == r.sentence)
        .filter_map(|o| o.claim.as_ref())
        .flat_map(|o| {
            [
                Some(o.figure.period),
                o.change.as_ref().and_then(|x| x.against),
            ]
        })
        .flatten()
        .collect();
    // Periods the sentence does not name only for a figure stated to the unit ("7,326"): a
    // rounded or hedged one matches some other period by chance too often.
    let exact = r
        .stated_range
        .is_some_and(|s| s.high - s.low <= 1.0 && r.qualifier != Some(ClaimQualifier::Range));
    if exact {
        let named: Vec<Period> = out.iter().filter_map(Period::year_before).collect();
        out.extend(named);
        let year_before = p.year_before();
        out.extend(year_before);
        out.extend(year_before.and_then(|y| y.year_before()));
        if p.kind() == PeriodKind::YearToDate {
            out.extend(Period::calendar_year(p.start.year()));
        }
    }
    out.retain(|q| *q != p && q.end < date);
    out.sort();
    out.dedup();
    out
}

/// A level called inconsistent at more than [`FAR`] times from the official value of the
/// period read ("2,013" read as one day of 132) gets no verdict: the row says how far, and
/// what would settle it.
pub(super) fn far_from_data(rows: &mut [ClaimRow]) {
    let dated: Vec<bool> = rows.iter().map(|r| sole_dated_period(rows, r)).collect();
    for (r, dated) in rows.iter_mut().zip(dated) {
        let (Some(c), Some(stated), Some(data)) = (r.claim.as_ref(), r.stated_range, r.data_value)
        else {
            continue;
        };
        // Counts scale with the period; a rate or an average does not.
        let count = matches!(c.figure.unit, Unit::People | Unit::Boats);
        if r.status != Status::Inconsistent || c.stated != Stated::Level || !count {
            continue;
        }
        let off = factor_off(stated, data);
        if off <= FAR || dated {
            continue;
        }
        let f = &c.figure;
        let official = format!(
            "the official {} for {}",
            human::amount(data, f.unit),
            f.period.label()
        );
        let times = |x: f64| {
            if x.is_finite() {
                format!("{} times", human::grouped(x, usize::from(x < 10.0)))
            } else {
                "far more than".to_string()
            }
        };
        let how_far = if stated.low > data {
            format!("the stated figure is {} {official}", times(off))
        } else {
            format!("{official} is {} the stated figure", times(off))
        };
        r.status = Status::NotCheckable;
        r.reason = Some(format!(
            "far from the data: {how_far}, the period and count the words were read as; a gap this wide more often means another period or count than a wrong figure: say the period in full to check it"
        ));
        withhold(r);
    }
}

/// Whether row `r`'s period is dates written out in full in the number's own clause (a year,
/// or a day or month with its name: "on April 15", "in June 2023"), and either the only period
/// of its sentence's figures or right after the number ("1,900 in July 2025"): then a figure far from the data is a wrong figure, not a misread period.
fn sole_dated_period(rows: &[ClaimRow], r: &ClaimRow) -> bool {
    let Some(c) = r.claim.as_ref() else {
        return false;
    };
    let words: Vec<&str> = c
        .period_words
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year = words
        .iter()
        .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    let day_of_month = words.iter().any(|w| month_number(w).is_some())
        && words
            .iter()
            .any(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()));
    let relative = words.iter().any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "same" | "this" | "last" | "previous" | "point" | "since" | "so" | "far"
        )
    });
    // Its own clause, or the sentence's first ("On 8 August 2025, 500 people crossed").
    let in_clause = |at: usize| {
        let (a, b) = clause_of(&r.sentence, at);
        r.sentence
            .get(a..b)
            .is_some_and(|t| !c.period_words.is_empty() && t.contains(&c.period_words))
    };
    let own_clause = in_clause(c.span.0) || in_clause(0);
    let alone = rows
        .iter()
        .filter(|o| o.line == r.line && o.sentence == r.sentence)
        .filter_map(|o| o.claim.as_ref())
        .all(|o| o.figure.period == c.figure.period && o.change.is_none());
    // "1,900 in July 2025": the period follows the number within a few words.
    let follows = r
        .sentence
        .get(c.span.1..)
        .and_then(|rest| rest.get(..rest.find(c.period_words.as_str())?))
        .is_some_and(|gap| {
            !c.period_words.is_empty()
                && gap.split_whitespace().count() <= 3
                && !gap.contains(|ch: char| ch.is_ascii_digit() || ",;()".contains(ch))
        });
    // A bare year after a part of a year, or after a number not understood, may carry that
    // span ("12,644 by the same date in 2024, 10,601 in 2023"): not enough on its own.
    let elided = c.figure.period.is_calendar_year()
        && rows
            .iter()
            .filter(|o| o.line == r.line && o.sentence == r.sentence)
            .any(|o| {
                o.claim
                    .as_ref()
                    .is_none_or(|o| !o.figure.period.is_calendar_year())
            });
    (year || day_of_month) && !relative && own_clause && (alone || (follows && !elided))
}
