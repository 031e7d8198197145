//! Words for people that several commands' rows share: values with the counts behind a rate,
//! changes, labels of a series, sentences about a figure.

use super::dto::*;
use crate::calc::{Change, ChangeKind, ClaimStatus};
use crate::domain::{Qualifier, Range, Unit};
use crate::render::{Tone, human, wording};

/// A value for people, with the counts behind a rate: `18.2% (2 of 11)`, and for a cohort
/// rate how much of the cohort is decided, so that no cohort rate is read without it.
pub fn value_text(
    value: f64,
    qualifier: Qualifier,
    unit: Unit,
    base: Option<&RateBaseOut>,
) -> String {
    let stated = crate::render::human::stated(value, qualifier, unit);
    match base {
        None => stated,
        Some(b) => {
            let mut s = format!(
                "{stated} ({} of {})",
                human::grouped(b.count, 0),
                human::grouped(b.base, 0)
            );
            if let Some(c) = &b.cohort {
                s.push_str(&format!(
                    "\n{} decided",
                    human::amount(c.share_decided_pct, Unit::Percent)
                ));
            }
            s
        }
    }
}

/// [`figure_label`] for a series whose figures count by nationality.
pub fn series_label(metric: &str, country: &str, base: Option<&RateBaseOut>) -> String {
    figure_label("", metric, country, base)
}

/// `small boat arrivals` over `Iraq` (or `all nationalities`). A cohort rate says it is one:
/// a rate by year of arrival is not the rate of decisions made in a year. A figure whose
/// country is a return destination (its `id` says so) reads `to Iraq` (or `all destinations`).
pub fn figure_label(id: &str, metric: &str, country: &str, base: Option<&RateBaseOut>) -> String {
    let destination = crate::domain::country_is_destination(id);
    let country = match (country == "all", destination) {
        (true, false) => "all nationalities".to_string(),
        (true, true) => "all destinations".to_string(),
        (false, true) => format!("to {country}"),
        (false, false) => country.to_string(),
    };
    let cohort = if base.is_some_and(|b| b.cohort.is_some()) {
        "\n(small-boat arrivals, by year of arrival)"
    } else {
        ""
    };
    format!("{}{cohort}\n{country}", metric.replace('_', " "))
}

pub fn claim_tone(status: ClaimStatus) -> Tone {
    match status {
        // Understated and overstated claims hold; only their wording is weaker than the data.
        ClaimStatus::Consistent | ClaimStatus::Understated | ClaimStatus::Overstated => Tone::Good,
        ClaimStatus::Inconsistent => Tone::Bad,
        ClaimStatus::NotCheckable => Tone::Muted,
    }
}

/// A change for people: the absolute change over the percent and its range (points for rates).
pub fn change_text(c: &Change, unit: crate::domain::Unit) -> String {
    match c.kind {
        ChangeKind::Points => human::change_headline(c),
        ChangeKind::Percent => format!(
            "{}\n{}",
            human::absolute_change(c.absolute, unit),
            human::change_headline(c)
        ),
    }
}

/// A sentence's start: `more than 27,000 people…` → `More than 27,000 people…`.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A figure in a sentence: `More than 27,000 people crossed … between 1 January and 15 August
/// 2025`.
pub fn figure_sentence(
    metric: &str,
    country: &str,
    s: &StatedOut,
    unit: crate::domain::Unit,
) -> String {
    let amount = wording::value(s.value, s.qualifier, unit);
    let subject = if crate::domain::country_is_destination(&s.id) {
        wording::subject_destination(metric, country, &amount)
    } else {
        wording::subject(metric, country, &amount)
    };
    capitalised(&format!("{} {}", subject, wording::period(&s.period.span)))
}

/// The year before in a sentence: `around 18,000`, or `about 30,702, worked back from the
/// stated change`.
pub fn previous_words(p: &PreviousOut, unit: crate::domain::Unit) -> String {
    match p.kind {
        PreviousKind::Figure => {
            wording::value(p.value, p.qualifier.unwrap_or(Qualifier::Exact), unit)
        }
        PreviousKind::Implied => format!(
            "about {}, worked back from the stated change",
            human::amount(p.value, unit)
        ),
    }
}

/// Whether a comparison rests on a worded, rounded (to more than a unit) or worked-back
/// figure, so its range is worth saying; an exact published count's ±0.5 is not.
pub fn hedged(current: &StatedOut, previous: &PreviousOut) -> bool {
    let wide = |r: &Range| r.high - r.low > 1.0 + 1e-9;
    current.qualifier != Qualifier::Exact
        || previous.kind == PreviousKind::Implied
        || previous.qualifier.is_some_and(|q| q != Qualifier::Exact)
        || wide(&current.range)
        || wide(&previous.range)
}

/// The year before for people: `~18,000` as stated, `18.2% (2 of 11)` for a rate with its
/// counts, or `~30,702 implied`.
pub fn previous_value_text(p: &PreviousOut, unit: crate::domain::Unit) -> String {
    match p.kind {
        PreviousKind::Figure => value_text(
            p.value,
            p.qualifier.unwrap_or(Qualifier::Exact),
            unit,
            p.rate_base.as_ref(),
        ),
        PreviousKind::Implied => human::implied(p.value, unit),
    }
}
