//! Words for copy-ready sentences (`--format text`): values with their wording ("more than
//! 27,000"), periods in full ("between 1 January and 20 August 2026"), changes with their
//! ranges worded honestly, and the source line. Numbers come from [`super::human`].

use super::human;
use crate::calc::{Change, ChangeKind};
use crate::domain::{Period, PeriodKind, Qualifier, Range, Unit, nationals};
use chrono::{Datelike, NaiveDate};

fn month(d: NaiveDate) -> &'static str {
    crate::domain::month_name(d)
}

/// `20 August 2026`
pub fn day(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month(d), d.year())
}

/// The period after a verb: `in 2024`, `in the year ending March 2025`, `between 1 January and
/// 20 August 2026`, `in the 12 months to 13 November 2025`, `on 4 July 2025`.
pub fn period(p: &Period) -> String {
    let (s, e) = (p.start, p.end);
    match p.kind() {
        PeriodKind::CalendarYear => format!("in {}", s.year()),
        PeriodKind::TwelveMonths if p.is_year_ending() => {
            format!("in the year ending {} {}", month(e), e.year())
        }
        PeriodKind::TwelveMonths => format!("in the 12 months to {}", day(e)),
        PeriodKind::YearToDate => {
            format!("between {} {} and {}", s.day(), month(s), day(e))
        }
        PeriodKind::Other if s == e => format!("on {}", day(s)),
        PeriodKind::Other => format!("between {} and {}", day(s), day(e)),
    }
}

/// What a period is compared as: `the same period of 2025`, `2024`, `the year ending March
/// 2024`, `the 12 months to 13 November 2024`.
pub fn earlier(p: &Period) -> String {
    match p.kind() {
        PeriodKind::CalendarYear => p.start.year().to_string(),
        PeriodKind::TwelveMonths if p.is_year_ending() => {
            format!("the year ending {} {}", month(p.end), p.end.year())
        }
        PeriodKind::TwelveMonths => format!("the 12 months to {}", day(p.end)),
        PeriodKind::YearToDate | PeriodKind::Other => {
            format!("the same period of {}", p.end.year())
        }
    }
}

/// A value as worded: `more than 27,000`, `around 18,000`, `fewer than 5`, `26.0%`.
pub fn value(v: f64, q: Qualifier, unit: Unit) -> String {
    human::wording(v, q, unit)
}

/// `15,897 people crossed the English Channel in small boats` and the like. A country other
/// than `all` is named by its people where the metric is about a nationality ("1,900 Iraqi
/// nationals crossed…"), as "(nationality: X)" when no adjective is known, and as "(X)" for
/// other metrics (funding *to* Iraq is not funding by nationality).
pub fn subject(metric: &str, country: &str, amount: &str) -> String {
    let all = country == "all";
    // "1" alone is one: "1 person", "1 small boat"; "more than 1" and "1.5" stay plural.
    let one = amount == "1";
    let people = if all { None } else { nationals(country, one) };
    let of = if all {
        String::new()
    } else {
        format!(" (nationality: {country})")
    };
    let (person, boat, were) = if one {
        ("person", "small boat", "was")
    } else {
        ("people", "small boats", "were")
    };
    match metric {
        "small_boat_arrivals" => match people {
            Some(p) => format!("{amount} {p} crossed the English Channel in small boats"),
            None => format!("{amount} {person}{of} crossed the English Channel in small boats"),
        },
        "small_boats" => format!("{amount} {boat} crossed the English Channel"),
        "people_per_boat" => format!(
            "Small boats crossing the English Channel carried {amount} people each on average"
        ),
        // A rate is of claims by nationals, however the amount reads.
        "initial_grant_rate" => match (!all).then(|| nationals(country, false)).flatten() {
            Some(p) => format!("The initial grant rate for asylum claims by {p} was {amount}"),
            None => format!("The initial grant rate for asylum claims{of} was {amount}"),
        },
        "returns" | "enforced_returns" | "voluntary_returns" => {
            let kind = metric.replace('_', " ");
            let kind = if one {
                kind.trim_end_matches('s').to_string()
            } else {
                kind
            };
            // One return is of *a* national: "of an Iraqi national".
            let people = people.map(|p| match (one, p.starts_with(['A', 'E', 'I', 'O', 'U'])) {
                (false, _) => p,
                (true, true) => format!("an {p}"),
                (true, false) => format!("a {p}"),
            });
            match people {
                Some(p) => format!("There {were} {amount} {kind} of {p}"),
                None => format!("There {were} {amount} {kind}{of}"),
            }
        }
        other => {
            let what = other.replace('_', " ");
            let whom = if all {
                String::new()
            } else {
                format!(" ({country})")
            };
            format!("The figure for {what}{whom} was {amount}")
        }
    }
}

/// Returns counted by where people went (Ret_D02): `There were 1,234 returns to Iraq`. The
/// country is a destination, so it is never worded as a nationality.
pub fn subject_destination(metric: &str, country: &str, amount: &str) -> String {
    let one = amount == "1";
    let were = if one { "was" } else { "were" };
    let kind = metric.replace('_', " ");
    let kind = if one {
        kind.trim_end_matches('s').to_string()
    } else {
        kind
    };
    if country == "all" {
        format!("There {were} {amount} {kind} to all destinations")
    } else {
        format!("There {were} {amount} {kind} to {country} (return destination)")
    }
}

/// `, up 22.8% on the same period of 2024 (35,023)`; with a range that differs at one decimal,
/// `, between 45.9% and 60.0% more than … (around 18,000), given the rounding of the figures`.
/// Points for rates. `hedged`: a figure was worded ("around", "more than") or worked back, so
/// its range is worth saying; exact published counts are not.
pub fn change(c: &Change, unit: Unit, against: &str, previous: &str, hedged: bool) -> String {
    let one = |v: f64| human::grouped(v.abs(), 1);
    let (point, range, measure) = match c.kind {
        ChangeKind::Points => (
            Some(c.absolute),
            Some(c.absolute_range),
            " percentage points",
        ),
        ChangeKind::Percent => (c.percent, c.percent_range, "%"),
    };
    let Some(point) = point else {
        return format!(
            ", a change of {} on {against} ({previous})",
            human::absolute_change(c.absolute, unit)
        );
    };
    let direction = |v: f64| if v < 0.0 { "down" } else { "up" };
    let plain = match one(point).as_str() {
        "0.0" => format!(", unchanged on {against} ({previous})"),
        shown => format!(
            ", {} {shown}{measure} on {against} ({previous})",
            direction(point)
        ),
    };
    let Some(r) = range
        .filter(|_| hedged)
        .filter(|r| one(r.low) != one(r.high) || (r.low < 0.0) != (r.high < 0.0))
    else {
        return plain;
    };
    format!(
        ", {} {against} ({previous}), given the rounding of the figures",
        spread(&r, measure, c.kind)
    )
}

/// `between 45.9% and 60.0% more than`, `between 2.1% and 4.0% less than`, `between 1.0% less
/// and 3.0% more than`.
fn spread(r: &Range, measure: &str, kind: ChangeKind) -> String {
    let one = |v: f64| human::grouped(v.abs(), 1);
    let (more, less) = match kind {
        ChangeKind::Points => ("higher", "lower"),
        ChangeKind::Percent => ("more", "less"),
    };
    // `between 45.9% and 60.0%`, `between 13.0 and 15.0 percentage points`.
    let pair = |a: f64, b: f64| match kind {
        ChangeKind::Percent => format!("between {}{measure} and {}{measure}", one(a), one(b)),
        ChangeKind::Points => format!("between {} and {}{measure}", one(a), one(b)),
    };
    if r.low >= 0.0 {
        format!("{} {more} than", pair(r.low, r.high))
    } else if r.high <= 0.0 {
        format!("{} {less} than", pair(r.high, r.low))
    } else {
        format!(
            "between {}{measure} {less} and {}{measure} {more} than",
            one(r.low),
            one(r.high)
        )
    }
}

/// The Open Government Licence's own attribution statement, for data published under it.
pub const OGL_ATTRIBUTION: &str =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

/// `Source: Home Office. Contains public sector information licensed under the Open
/// Government Licence v3.0.`: the publisher once, then the licence once, in its own words.
pub fn source(source: &str, licence: Option<&str>) -> String {
    let source = source.trim().trim_end_matches('.');
    match licence {
        Some(l) if is_ogl(l) => format!("Source: {source}. {OGL_ATTRIBUTION}"),
        Some(l) => format!("Source: {source} ({l})."),
        None => format!("Source: {source}."),
    }
}

/// Whether a licence named in a file is the Open Government Licence v3.0.
pub fn is_ogl(licence: &str) -> bool {
    let l = licence.to_ascii_lowercase();
    l.contains("open government licence") && l.contains("3.0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        let arrivals = |country, amount| subject("small_boat_arrivals", country, amount);
        assert_eq!(
            arrivals("Iraq", "1"),
            "1 Iraqi national crossed the English Channel in small boats"
        );
        assert_eq!(
            arrivals("Stateless", "1"),
            "1 stateless person crossed the English Channel in small boats"
        );
        assert_eq!(
            arrivals("all", "1"),
            "1 person crossed the English Channel in small boats"
        );
        assert_eq!(
            arrivals("Iraq", "more than 1"),
            "more than 1 Iraqi nationals crossed the English Channel in small boats"
        );
        assert_eq!(
            arrivals("Iraq", "1,900"),
            "1,900 Iraqi nationals crossed the English Channel in small boats"
        );
        assert_eq!(
            subject("small_boats", "all", "1"),
            "1 small boat crossed the English Channel"
        );
        assert_eq!(
            subject("returns", "Iraq", "1"),
            "There was 1 return of an Iraqi national"
        );
        assert_eq!(
            subject("enforced_returns", "Albania", "1"),
            "There was 1 enforced return of an Albanian national"
        );
        assert_eq!(
            subject("returns", "Vietnam", "1"),
            "There was 1 return of a Vietnamese national"
        );
        assert_eq!(
            subject("returns", "Iraq", "35,000"),
            "There were 35,000 returns of Iraqi nationals"
        );
        assert_eq!(
            subject_destination("returns", "Iraq", "35,000"),
            "There were 35,000 returns to Iraq (return destination)"
        );
        assert_eq!(
            subject_destination("enforced_returns", "Iraq", "1"),
            "There was 1 enforced return to Iraq (return destination)"
        );
    }
    use crate::calc::change_between;

    fn p(a: &str, b: &str) -> Period {
        Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap()
    }

    #[test]
    fn periods_in_full() {
        assert_eq!(
            period(&p("2026-01-01", "2026-08-20")),
            "between 1 January and 20 August 2026"
        );
        assert_eq!(period(&p("2024-01-01", "2024-12-31")), "in 2024");
        assert_eq!(
            period(&p("2024-04-01", "2025-03-31")),
            "in the year ending March 2025"
        );
        assert_eq!(
            period(&p("2024-11-14", "2025-11-13")),
            "in the 12 months to 13 November 2025"
        );
        assert_eq!(
            earlier(&p("2025-01-01", "2025-08-20")),
            "the same period of 2025"
        );
    }

    #[test]
    fn changes_are_worded_with_their_ranges() {
        let exact = |v: f64| Range::new(v - 0.5, v + 0.5);
        let c = change_between(
            Unit::People,
            15_897.0,
            exact(15_897.0),
            27_997.0,
            exact(27_997.0),
        );
        assert_eq!(
            change(&c, Unit::People, "the same period of 2025", "27,997", false),
            ", down 43.2% on the same period of 2025 (27,997)"
        );
        let c = change_between(
            Unit::People,
            27_000.0,
            Range::new(27_000.0, 28_000.0),
            18_000.0,
            Range::new(17_500.0, 18_500.0),
        );
        assert_eq!(
            change(
                &c,
                Unit::People,
                "the same period of 2024",
                "around 18,000",
                true
            ),
            ", between 45.9% and 60.0% more than the same period of 2024 (around 18,000), given the rounding of the figures"
        );
        let c = change_between(
            Unit::Percent,
            26.0,
            Range::new(25.5, 26.5),
            40.0,
            Range::new(39.5, 40.5),
        );
        assert_eq!(
            change(&c, Unit::Percent, "2024", "40.0%", true),
            ", between 13.0 and 15.0 percentage points lower than 2024 (40.0%), given the rounding of the figures"
        );
    }
}
