//! Periods as news and ministers write them ("so far this year", "in the year ending March
//! 2025", "Labour's first year"), resolved to dates against the publication date. Fixed forms
//! go through the one period grammar ([`PeriodExpr`]); this module only finds the words.

use super::found::{Found, Shift, What};
use super::words::Words;
use crate::domain::{Period, PeriodExpr, month_number};
use chrono::{Datelike, Days, Months, NaiveDate};

/// Named political periods, kept in one small table with their source.
/// (party as written, first day in government, source)
pub const GOVERNMENTS: [(&str, (i32, u32, u32), &str); 1] = [(
    "labour",
    (2024, 7, 5),
    "Keir Starmer was appointed Prime Minister on 5 July 2024 (gov.uk, History of the Prime Minister's Office)",
)];

/// Every period phrase within `range`, longest first where two overlap. `date` is the
/// publication date.
pub fn find(words: &Words, range: (usize, usize), date: NaiveDate) -> Vec<Found> {
    let eve = date.pred_opt().unwrap_or(date);
    let mut found: Vec<Found> = Vec::new();
    this_year(words, range, eve, &mut found);
    governments(words, range, eve, &mut found);
    last_year_and_month(words, range, eve, &mut found);
    numbered(words, range, eve, &mut found);
    found.extend(super::days::find(words, range, eve));
    let mut kept = longest(found);
    drop_event_days(&mut kept);
    as_of(&mut kept);
    year_frame(words, &mut kept, eve);
    since_event(words, &mut kept);
    reported_on(words, &mut kept);
    bounded(kept, eve)
}

/// Every occurrence of `phrase` within `range`, saying `what` (none when it says nothing).
fn add(
    found: &mut Vec<Found>,
    words: &Words,
    range: (usize, usize),
    phrase: &str,
    what: Option<What>,
) {
    if let Some(what) = what {
        for (start, end) in words.find(phrase, range) {
            found.push(Found { start, end, what });
        }
    }
}

/// From `start` to `eve`, a running total.
fn running_to(start: Option<NaiveDate>, eve: NaiveDate) -> Option<What> {
    start
        .and_then(|s| Period::new(s, eve))
        .map(|period| What::Dates {
            period,
            to_eve: true,
        })
}

/// A fixed period, not running to `eve`.
fn fixed(p: Option<Period>) -> Option<What> {
    p.map(|period| What::Dates {
        period,
        to_eve: false,
    })
}

/// "so far this year", "first half of this year", and the same span a year earlier ("same
/// period last year", "a year earlier").
fn this_year(words: &Words, range: (usize, usize), eve: NaiveDate, found: &mut Vec<Found>) {
    let jan1 = NaiveDate::from_ymd_opt(eve.year(), 1, 1);
    for p in [
        "so far this year",
        "this year so far",
        "this year",
        "year to date",
    ] {
        add(found, words, range, p, running_to(jan1, eve));
    }
    for p in ["first half of this year", "first six months of this year"] {
        add(
            found,
            words,
            range,
            p,
            fixed(jan1.and_then(|s| Period::new(s, NaiveDate::from_ymd_opt(s.year(), 6, 30)?))),
        );
    }
    for p in [
        "same period last year",
        "same point last year",
        "same time last year",
        "same period a year earlier",
        "same period a year ago",
        "same period 12 months ago",
        "same period the previous year",
        "previous year",
        "year before",
        "a year earlier",
    ] {
        add(found, words, range, p, Some(What::Before(Shift::Back(1))));
    }
}

/// Named political periods from [`GOVERNMENTS`]: "Labour's first year", "since Labour came to
/// power", "since the general election".
fn governments(words: &Words, range: (usize, usize), eve: NaiveDate, found: &mut Vec<Found>) {
    for (party, (y, m, d), _) in GOVERNMENTS {
        let first = NaiveDate::from_ymd_opt(y, m, d);
        let first_year = first
            .and_then(|s| s.checked_add_months(Months::new(12)))
            .and_then(|e| e.checked_sub_days(Days::new(1)))
            .and_then(|e| first.and_then(|s| Period::new(s, e)));
        for p in [
            format!("{party} s first year"),
            format!("{party} s first 12 months"),
            format!("first year of the {party} government"),
            format!("{party} government s first year"),
        ] {
            add(found, words, range, &p, fixed(first_year));
        }
        for p in [
            format!("since {party} came to power"),
            format!("since {party} took office"),
            format!("since {party} came into office"),
            format!("since {party} won the election"),
            format!("since {party} won the general election"),
            format!("since {party} won power"),
            format!("since {party} took power"),
            "since the general election".to_string(),
            "since the election".to_string(),
            "since * starmer became prime minister".to_string(),
            "since * * starmer became prime minister".to_string(),
            "since starmer became prime minister".to_string(),
            "since * starmer took office".to_string(),
            "since * * starmer took office".to_string(),
            "since starmer entered downing street".to_string(),
            "since * starmer entered downing street".to_string(),
            "since * * starmer entered downing street".to_string(),
            "since * starmer came to power".to_string(),
            "since * starmer took power".to_string(),
            "since * * starmer came to power".to_string(),
        ] {
            add(found, words, range, &p, running_to(first, eve));
        }
    }
}

/// "last year" (the calendar year before) and "last month".
fn last_year_and_month(
    words: &Words,
    range: (usize, usize),
    eve: NaiveDate,
    found: &mut Vec<Found>,
) {
    // Counted from the day of publication: on 1 January "last year" is the year just ended.
    let today = eve.succ_opt().unwrap_or(eve);
    add(
        found,
        words,
        range,
        "last year",
        fixed(Period::calendar_year(today.year() - 1)),
    );
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1);
    add(
        found,
        words,
        range,
        "last month",
        fixed(
            month_start
                .and_then(|s| s.checked_sub_months(Months::new(1)))
                .and_then(|s| Period::month(s.year(), s.month())),
        ),
    );
}

/// Forms with numbers: "in the year ending March 2025", "since 5 July 2024", "in 2023",
/// "in July", "in the first half of 2025".
fn numbered(words: &Words, range: (usize, usize), eve: NaiveDate, found: &mut Vec<Found>) {
    let w = &words.0;
    for (i, word) in w.iter().enumerate() {
        if word.start < range.0 || word.end > range.1 {
            continue;
        }
        let at = |k: usize| {
            w.get(i + k)
                .filter(|x| x.end <= range.1)
                .map(|x| x.text.as_str())
        };
        let end_at = |k: usize| w.get(i + k).map_or(word.end, |x| x.end);
        let mut push = |n: usize, what: Option<What>| {
            if let Some(what) = what {
                found.push(Found {
                    start: word.start,
                    end: end_at(n - 1),
                    what,
                });
            }
        };
        let grammar = |text: String| PeriodExpr::parse(&text).ok();
        match (word.text.as_str(), at(1), at(2), at(3)) {
            ("year", Some("ending" | "to"), Some(m), Some(y)) if month_number(m).is_some() => {
                push(4, grammar(format!("year ending {m} {y}")).and_then(fix));
            }
            ("12" | "twelve", Some("months"), Some("to" | "ending"), Some(m))
                if month_number(m).is_some() =>
            {
                push(
                    5,
                    at(4).and_then(|y| grammar(format!("year ending {m} {y}")).and_then(fix)),
                );
            }
            ("since", Some(d), Some(m), Some(y)) if month_number(m).is_some() => {
                let since = grammar(format!("since {d} {m} {y}"))
                    .and_then(|e| e.resolve(Some(eve)).ok())
                    .map(|period| What::Dates {
                        period,
                        to_eve: true,
                    });
                push(4, since);
            }
            ("since", Some(m), Some(y), _) if month_number(m).is_some() => {
                push(
                    3,
                    grammar(format!("since 1 {m} {y}"))
                        .and_then(|e| e.resolve(Some(eve)).ok())
                        .map(|period| What::Dates {
                            period,
                            to_eve: true,
                        }),
                );
            }
            ("first", Some("half"), Some("of"), Some(y)) => {
                push(
                    4,
                    y.parse::<i32>().ok().and_then(|y| {
                        fixed(Period::new(
                            NaiveDate::from_ymd_opt(y, 1, 1)?,
                            NaiveDate::from_ymd_opt(y, 6, 30)?,
                        ))
                    }),
                );
            }
            ("in" | "during" | "for" | "throughout", Some(m), y, _)
                if month_number(m).is_some() =>
            {
                match y.and_then(|y| grammar(format!("{m} {y}"))) {
                    Some(e) => push(3, fix(e)),
                    None => push(2, month_number(m).and_then(|m| month_before(eve, m))),
                }
            }
            ("in" | "during" | "for" | "throughout" | "of", Some(y), _, _)
                if y.len() == 4 && y.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y)) =>
            {
                push(2, grammar(y.to_string()).and_then(fix));
            }
            _ => {}
        }
    }
}

/// The longest phrases, in order; one overlapping a longer one ("last year" in "the same
/// period last year", "in June" in "June last year") is dropped.
fn longest(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by_key(|f| (std::cmp::Reverse(f.end - f.start), f.start));
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if !kept.iter().any(|k| k.start < f.end && f.start < k.end) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

/// "since Labour won the general election on July 4, 2024": the day names the event, not
/// the period counted, so a single day just after a running total is dropped.
fn drop_event_days(kept: &mut Vec<Found>) {
    let since_ends: Vec<usize> = kept
        .iter()
        .filter(|f| matches!(f.what, What::Dates { to_eve: true, .. }))
        .map(|f| f.end)
        .collect();
    kept.retain(|f| {
        let one_day = matches!(f.what, What::Dates { period, .. } if period.start == period.end);
        !(one_day && since_ends.iter().any(|e| *e < f.start && f.start - e <= 2))
    });
}

/// Verbs that say when figures were given out, not when what they count happened.
const REPORTING: [&str; 14] = [
    "released",
    "published",
    "confirmed",
    "announced",
    "said",
    "showed",
    "revealed",
    "updated",
    "come",
    "came",
    "issued",
    "reported",
    "told",
    "disclosed",
];

/// "figures released on Monday", "confirmed on Friday", "will come on Tuesday": the day the
/// figures were given out is a reference, not the period they count.
fn reported_on(words: &Words, kept: &mut [Found]) {
    for f in kept.iter_mut() {
        let before: Vec<&str> = words
            .0
            .iter()
            .filter(|w| w.end <= f.start)
            .map(|w| w.text.as_str())
            .collect();
        let reported = match before.as_slice() {
            [.., verb, "on" | "in" | "at"] | [.., verb] => REPORTING.contains(verb),
            _ => false,
        };
        if reported {
            f.what = What::Reference;
        }
    }
}

/// "Since the deal was signed in April": the month names when an event happened, and the
/// period counted runs from a day the words do not give — a reference, not the period.
fn since_event(words: &Words, kept: &mut [Found]) {
    let starts: Vec<(usize, usize)> = kept.iter().map(|f| (f.start, f.end)).collect();
    for f in kept.iter_mut() {
        if !matches!(f.what, What::Dates { to_eve: false, .. }) {
            continue;
        }
        let before: Vec<&super::words::Word> =
            words.0.iter().filter(|w| w.end <= f.start).collect();
        let near = before
            .get(before.len().saturating_sub(8)..)
            .unwrap_or_default();
        // "since then" refers back to an earlier day; it does not name an event.
        let since = near.iter().enumerate().rev().skip(1).find_map(|(k, w)| {
            let then = near.get(k + 1).is_some_and(|n| n.text == "then");
            (w.text == "since"
                && !then
                && !starts.iter().any(|(s, e)| *s <= w.start && w.end <= *e))
            .then_some(*w)
        });
        let between_periods =
            since.is_some_and(|w| starts.iter().any(|(s, e)| w.end <= *s && *e <= f.start));
        if since.is_some() && !between_periods {
            f.what = What::Reference;
        }
    }
}

/// "as of 7 November, since the start of the year": a running total to the day named, not to
/// the day before publication.
fn as_of(kept: &mut [Found]) {
    let days: Vec<(usize, Period)> = kept
        .iter()
        .filter_map(|f| match f.what {
            What::Dates {
                period,
                to_eve: false,
            } => Some((f.end, period)),
            _ => None,
        })
        .collect();
    for f in kept.iter_mut() {
        if let What::Dates {
            period,
            to_eve: true,
        } = f.what
        {
            let named = days
                .iter()
                .find(|(end, p)| *end < f.start && f.start - end <= 2 && p.start == period.start);
            if let Some((_, p)) = named {
                f.what = What::Dates {
                    period: *p,
                    to_eve: false,
                };
            }
        }
    }
}

/// "Last year, 7,326 had arrived by 24 May", "In 2023, … by the end of June": a sentence that
/// opens with an earlier calendar year sets the year of the days and months it names without
/// one (which would otherwise be this year's).
fn year_frame(words: &Words, kept: &mut [Found], eve: NaiveDate) {
    let opening = words.0.get(1).map_or(usize::MAX, |w| w.start);
    let Some(year) = kept.first().and_then(|f| match f.what {
        What::Dates { period, .. } if f.start <= opening && period.is_calendar_year() => {
            Some(period.start.year()).filter(|y| *y < eve.year())
        }
        _ => None,
    }) else {
        return;
    };
    for f in kept.iter_mut().skip(1) {
        let What::Dates { period, .. } = f.what else {
            continue;
        };
        // Words of its own that say which year ("this year", "2024") keep it.
        let says_year = words.0.iter().any(|w| {
            w.start >= f.start
                && w.end <= f.end
                && (matches!(w.text.as_str(), "this" | "year" | "last" | "ago")
                    || (w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit())))
        });
        if says_year || period.start.year() != eve.year() || period.end.year() != eve.year() {
            continue;
        }
        let moved = Shift::Year(year).apply(period);
        if let Some(period) = moved {
            f.what = What::Dates {
                period,
                to_eve: false,
            };
        }
    }
}

/// No period ends after `eve`, the last day the data can count: one that began by then runs to
/// it (a running total, "in 2025" in a May 2025 article); one that had not begun is refused.
fn bounded(found: Vec<Found>, eve: NaiveDate) -> Vec<Found> {
    found
        .into_iter()
        .map(|mut f| {
            if let What::Dates { period, to_eve } = f.what {
                f.what = if period.end <= eve {
                    What::Dates { period, to_eve }
                } else if period.is_year_ending()
                    && !period.is_calendar_year()
                    && period.start <= eve
                {
                    What::Unfinished(period)
                } else {
                    Period::new(period.start, eve).map_or(What::Future, |period| What::Dates {
                        period,
                        to_eve: true,
                    })
                };
            }
            f
        })
        .collect()
}

fn fix(e: PeriodExpr) -> Option<What> {
    match e {
        PeriodExpr::Fixed(period) => Some(What::Dates {
            period,
            to_eve: false,
        }),
        _ => None,
    }
}

/// "in July" without a year: the latest July that has begun by `eve`; the current month runs
/// to `eve` only.
fn month_before(eve: NaiveDate, m: u32) -> Option<What> {
    let year = if m <= eve.month() {
        eve.year()
    } else {
        eve.year() - 1
    };
    let whole = Period::month(year, m)?;
    if whole.end > eve {
        return Period::new(whole.start, eve).map(|period| What::Dates {
            period,
            to_eve: true,
        });
    }
    Some(What::Dates {
        period: whole,
        to_eve: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(String, String, String)> {
        let date: NaiveDate = "2025-08-20".parse().unwrap();
        let words = Words::new(text);
        find(&words, (0, text.len()), date)
            .into_iter()
            .map(|f| {
                let w = text[f.start..f.end].to_string();
                match f.what {
                    What::Dates { period, .. } => {
                        (w, period.start.to_string(), period.end.to_string())
                    }
                    What::Before(_) => (w, "before".into(), String::new()),
                    What::Reference | What::Future | What::Unfinished(_) => {
                        (w, "other".into(), String::new())
                    }
                }
            })
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let d = dates(text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        (d[0].1.clone(), d[0].2.clone())
    }

    #[test]
    fn periods_as_written() {
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(one("so far this year"), p("2025-01-01", "2025-08-19"));
        assert_eq!(one("this year"), p("2025-01-01", "2025-08-19"));
        assert_eq!(
            one("in the year ending March 2025"),
            p("2024-04-01", "2025-03-31")
        );
        assert_eq!(
            one("in the year to March 2025"),
            p("2024-04-01", "2025-03-31")
        );
        assert_eq!(
            one("in the 12 months to June 2025"),
            p("2024-07-01", "2025-06-30")
        );
        assert_eq!(one("last year"), p("2024-01-01", "2024-12-31"));
        assert_eq!(one("in 2023"), p("2023-01-01", "2023-12-31"));
        assert_eq!(one("in July"), p("2025-07-01", "2025-07-31"));
        assert_eq!(one("in August"), p("2025-08-01", "2025-08-19"));
        assert_eq!(one("in September"), p("2024-09-01", "2024-09-30"));
        assert_eq!(one("in July 2024"), p("2024-07-01", "2024-07-31"));
        assert_eq!(one("last month"), p("2025-07-01", "2025-07-31"));
        assert_eq!(
            one("in the first half of this year"),
            p("2025-01-01", "2025-06-30")
        );
        assert_eq!(
            one("in the first half of 2024"),
            p("2024-01-01", "2024-06-30")
        );
        assert_eq!(one("since 5 July 2024"), p("2024-07-05", "2025-08-19"));
        assert_eq!(one("in Labour's first year"), p("2024-07-05", "2025-07-04"));
        assert_eq!(one("in Labour’s first year"), p("2024-07-05", "2025-07-04"));
        assert_eq!(
            one("since Labour came to power"),
            p("2024-07-05", "2025-08-19")
        );
        assert_eq!(one("in the same period last year").0, "before");
        assert_eq!(one("in the previous year").0, "before");
    }

    #[test]
    fn not_periods() {
        assert!(dates("a two-day visit").is_empty());
        assert!(dates("since the start").is_empty());
        assert!(dates("in 3000").is_empty());
        assert!(dates("since 31 February 2024").is_empty());
    }
}
