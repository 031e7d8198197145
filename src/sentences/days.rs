//! Period words with days and spans in them, as news copy writes them: single days ("on
//! Saturday", "yesterday", "on 10 August"), running totals worded otherwise ("for 2023 to date",
//! "since January", "by the end of June", "up to and including Monday, September 12"), the same
//! point in another year ("this time last year", "at this stage in 2023"), part-year spans
//! ("between January and June", "the first three months of 2022"), rolling twelve months, and
//! references that are not the figure's period ("the highest since records began in 2018").
//! Every day is resolved against the publication date; none ends after the day before it.

use super::found::{Found, Shift, What};
use super::words::Words;
use crate::domain::{Period, month_number, ordinal};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Words before "since …" that make it a reference point of a superlative ("the second highest
/// since 2018"), not the period counted.
const SUPERLATIVES: [&str; 7] = [
    "highest", "lowest", "record", "most", "fewest", "busiest", "largest",
];

fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(w, _)| *w == word).map(|(_, d)| *d)
}

/// A day of the month as written: "12", "21st".
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word.get(digits.len()..).unwrap_or_default();
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

/// A small count as written: "7", "seven" (words to "twenty"; words are split at hyphens).
fn small_number(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    match WORDS.iter().position(|w| *w == word) {
        Some(n) => u32::try_from(n + 1).ok(),
        None => word.parse().ok().filter(|_| word.len() <= 3),
    }
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// The last `weekday` strictly before `date`.
fn last_weekday(date: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    (1..=7u64)
        .filter_map(|n| date.checked_sub_days(Days::new(n)))
        .find(|d| d.weekday() == day)
}

/// Day `d` of month `m`: in year `y` when given, else the latest such day on or before `eve`.
fn day_in(eve: NaiveDate, m: u32, d: u32, y: Option<i32>) -> Option<NaiveDate> {
    match y {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => NaiveDate::from_ymd_opt(eve.year(), m, d)
            .filter(|x| *x <= eve)
            .or_else(|| NaiveDate::from_ymd_opt(eve.year() - 1, m, d)),
    }
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    Period::month(y, m).map(|p| p.end)
}

/// A day written at `t[i..]`: "12 September", "September 12", "Monday, September 12", with an
/// optional year. Returns the day and how many words it took.
fn written_day(t: &[&str], i: usize, eve: NaiveDate) -> Option<(NaiveDate, usize)> {
    let at = |k: usize| t.get(i + k).copied();
    let skip = usize::from(at(0).and_then(weekday).is_some());
    let a = at(skip)?;
    let b = at(skip + 1)?;
    let (m, d) = match (
        month_number(a),
        day_number(b),
        day_number(a),
        month_number(b),
    ) {
        (Some(m), Some(d), _, _) => (m, d),
        (_, _, Some(d), Some(m)) => (m, d),
        _ => return None,
    };
    let y = at(skip + 2).and_then(year_of);
    let day = day_in(eve, m, d, y)?;
    Some((day, skip + 2 + usize::from(y.is_some())))
}

fn dates(start: NaiveDate, end: NaiveDate, eve: NaiveDate) -> Option<What> {
    let end = end.min(eve);
    Period::new(start, end).map(|period| What::Dates {
        period,
        to_eve: end == eve,
    })
}

fn running_from(start: Option<NaiveDate>, eve: NaiveDate) -> Option<What> {
    dates(start?, eve, eve)
}

fn jan1(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, 1, 1)
}

/// "this year" / a year written after a span: the year, and how many words it took.
fn year_after(t: &[&str], i: usize, eve: NaiveDate) -> (Option<i32>, usize) {
    // "between January and June in 2022", "January to May of last year".
    let skip = usize::from(matches!(t.get(i).copied(), Some("in" | "of")));
    let found = match (t.get(i + skip).copied(), t.get(i + skip + 1).copied()) {
        (Some("this"), Some("year")) => (Some(eve.year()), 2),
        (Some("last"), Some("year")) => (Some(eve.year() - 1), 2),
        (Some(y), _) if year_of(y).is_some() => (year_of(y), 1),
        _ => return (None, 0),
    };
    (found.0, found.1 + skip)
}

/// Months `m1` to `m2` of year `y`, or of the latest year in which that span has begun.
fn months(m1: u32, m2: u32, y: Option<i32>, eve: NaiveDate) -> Option<What> {
    let y = match y {
        Some(y) => y,
        None if NaiveDate::from_ymd_opt(eve.year(), m2, 1)? <= eve => eve.year(),
        None => eve.year() - 1,
    };
    dates(
        NaiveDate::from_ymd_opt(y, m1, 1)?,
        last_of_month(y, m2)?,
        eve,
    )
}

/// Every phrase these forms find within `range` of `words`, published the day after `eve`.
pub fn find(words: &Words, range: (usize, usize), eve: NaiveDate) -> Vec<Found> {
    let inside: Vec<&super::words::Word> = words
        .0
        .iter()
        .filter(|w| w.start >= range.0 && w.end <= range.1)
        .collect();
    let t: Vec<&str> = inside.iter().map(|w| w.text.as_str()).collect();
    let mut out = Vec::new();
    for i in 0..t.len() {
        let Some((n, what)) = at(&t, i, eve) else {
            continue;
        };
        let (Some(first), Some(last)) = (inside.get(i), inside.get(i + n.max(1) - 1)) else {
            continue;
        };
        out.push(Found {
            start: first.start,
            end: last.end,
            what,
        });
    }
    out
}

/// The phrase starting at word `i`, if any: how many words, and what it says. The families
/// are tried in order, each handing on to the next when none of its forms match; the first
/// form that matches decides, even when it then reads nothing.
fn at(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    single_day(t, i, eve)
}

/// Word `i + k` of `t`, or "" past the end.
fn word<'a>(t: &[&'a str], i: usize, k: usize) -> &'a str {
    t.get(i + k).copied().unwrap_or_default()
}

/// One day: "yesterday", "on Saturday", "on 10 August".
fn single_day(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    match (w(0), w(1), w(2), w(3)) {
        ("yesterday", ..) => dates(eve, eve, eve).map(|x| (1, x)),
        ("on", d, ..) if weekday(d).is_some() && month_number(w(2)).is_none() => {
            let day = last_weekday(eve.succ_opt()?, weekday(d)?)?;
            Some((2, closed(day, day)?))
        }
        ("on", ..) => {
            let (day, n) = written_day(t, i + 1, eve)?;
            Some((n + 1, closed(day, day)?))
        }
        _ => running_to_day(t, i, eve),
    }
}

/// A running total to a day or month named: "up to and including Monday, September 12",
/// "by the end of June", "as of 7 November", "so far this week".
fn running_to_day(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    match (w(0), w(1), w(2), w(3)) {
        ("up", "to", "and", "including") => {
            let (day, n) = written_day(t, i + 4, eve)?;
            Some((n + 4, dates(jan1(day.year())?, day, eve)?))
        }
        ("by" | "to", "the", "end", "of") | ("up", "to", "the", "end") => {
            let k = if w(0) == "up" { 5 } else { 4 };
            let m = month_number(w(k))?;
            let (y, n) = year_after(t, i + k + 1, eve);
            let y = y.unwrap_or(eve.year());
            Some((k + 1 + n, dates(jan1(y)?, last_of_month(y, m)?, eve)?))
        }
        ("by" | "as", ..) => {
            let skip = usize::from(w(0) == "as" && w(1) == "of");
            let (day, n) = written_day(t, i + 1 + skip, eve)?;
            Some((n + 1 + skip, dates(jan1(day.year())?, day, eve)?))
        }
        // "in the week ending 5 May 2024", "the week to Sunday 5 May": seven days to that day,
        // as the Home Office's weekly table (SB_02) counts them.
        ("week", "ending" | "to", ..) => {
            let (day, n) = written_day(t, i + 2, eve)?;
            let start = day.checked_sub_days(Days::new(6))?;
            Some((n + 2, closed(start, day)?))
        }
        ("so", "far", "this", "week") => {
            let monday =
                eve.checked_sub_days(Days::new(u64::from(eve.weekday().num_days_from_monday())))?;
            Some((4, dates(monday, eve, eve)?))
        }
        _ => since(t, i, eve),
    }
}

/// "since …": the start of the year, a month, records beginning, a year; or, after a
/// superlative, a reference point.
fn since(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    let superlative_before = t
        .get(i.saturating_sub(6)..i)
        .is_some_and(|b| b.iter().any(|x| SUPERLATIVES.contains(x)));
    match (w(0), w(1), w(2), w(3)) {
        ("since", "the", "start" | "beginning", "of") => {
            let (y, n) = match w(4) {
                "the" if w(5) == "year" => (Some(eve.year()), 2),
                _ => year_after(t, i + 4, eve),
            };
            Some((4 + n, running_from(jan1(y?), eve)?))
        }
        ("since", m, ..) if month_number(m).is_some() && year_of(w(2)).is_none() => {
            let m = month_number(m)?;
            let y = if m <= eve.month() {
                eve.year()
            } else {
                eve.year() - 1
            };
            Some((2, running_from(NaiveDate::from_ymd_opt(y, m, 1), eve)?))
        }
        ("since", ..) if superlative_before => reference(t, i),
        ("since", "current" | "records" | "data", ..) => since_records_began(t, i, eve),
        ("since", y, ..) if year_of(y).is_some() => {
            Some((2, running_from(jan1(year_of(y)?), eve)?))
        }
        _ => year_to_date(t, i, eve),
    }
}

/// "Since current records began on January 1 2018, …": counted from that day; "since records
/// began in 2018": from its first day; otherwise a reference point.
fn since_records_began(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    let began = (1..5).find(|k| w(*k) == "began")?;
    let (n, day) = match (w(began + 1), w(began + 2)) {
        ("in", y) if year_of(y).is_some() => (began + 3, jan1(year_of(y)?)?),
        ("on", _) => {
            let (day, k) = written_day(t, i + began + 2, eve)?;
            (began + 2 + k, day)
        }
        _ => return reference(t, i),
    };
    Some((n, running_from(Some(day), eve)?))
}

/// A year's running total: "year so far", "up to now", "2023 to date", "2024 total up to
/// now", "2025 provisional total", "up to that point this year".
fn year_to_date(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    let whole_year = |n: usize, y: &str| -> Option<(usize, What)> {
        let y = year_of(y)?;
        Some((
            n,
            dates(jan1(y)?, NaiveDate::from_ymd_opt(y, 12, 31)?, eve)?,
        ))
    };
    match (w(0), w(1), w(2), w(3)) {
        ("year", "so", "far", _) | ("up", "to", "now", _) => {
            Some((3, running_from(jan1(eve.year()), eve)?))
        }
        (y, "so", "far", _) | (y, "to", "date", _) | (y, "total", "to", "date")
            if year_of(y).is_some() =>
        {
            whole_year(if w(1) == "total" { 4 } else { 3 }, y)
        }
        (y, "total", "up", "to") if w(4) == "now" && year_of(y).is_some() => whole_year(5, y),
        (y, "current" | "provisional", "total", _) if year_of(y).is_some() => whole_year(3, y),
        ("up", "to", "that", "point") => {
            let n = if (w(4), w(5)) == ("this", "year") {
                6
            } else {
                4
            };
            Some((n, running_from(jan1(eve.year()), eve)?))
        }
        _ => same_span(t, i, eve),
    }
}

/// The same span in another year: "this time last year", "at this stage in 2023", "the same
/// six months of 2022".
fn same_span(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    match (w(0), w(1), w(2), w(3)) {
        ("this", "time" | "point" | "stage", "last", "year") => {
            Some((4, What::Before(Shift::Back(1))))
        }
        ("same" | "this", "point" | "time" | "period" | "stage", "in" | "of", y) => {
            year_of(y).map(|y| (4, What::Before(Shift::Year(y))))
        }
        ("same", "six" | "three" | "nine" | "12" | "twelve", "months", "in" | "of") => {
            year_of(w(4)).map(|y| (5, What::Before(Shift::Year(y))))
        }
        _ => part_year(t, i, eve),
    }
}

/// Part of a year: "between January and June", "between August 1 and 12", "from January to
/// March 2024", "the first three months of 2022", "the first quarter of", "the first half".
fn part_year(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    // "between 5 July 2023 and 4 January 2024": two days written out.
    if w(0) == "between"
        && let Some((start, n)) = written_day(t, i + 1, eve)
        && w(1 + n) == "and"
        && let Some((end, k)) = written_day(t, i + 2 + n, eve)
    {
        return Some((2 + n + k, dates(start, end, eve)?));
    }
    match (w(0), w(1), w(2), w(3)) {
        ("between", m1, "and", m2) if month_number(m1).is_some() => {
            let (m1, m2) = (month_number(m1)?, month_number(m2)?);
            let (y, n) = year_after(t, i + 4, eve);
            Some((4 + n, months(m1, m2, y, eve)?))
        }
        ("between", m, d1, "and") if month_number(m).is_some() => {
            let (m, d1, d2) = (month_number(m)?, day_number(d1)?, day_number(w(4))?);
            let end = day_in(eve, m, d2, None)?;
            let start = NaiveDate::from_ymd_opt(end.year(), m, d1)?;
            Some((5, dates(start, end, eve)?))
        }
        ("from", m1, "to", m2) | (m1, "to", m2, _)
            if month_number(m1).is_some() && month_number(m2).is_some() =>
        {
            let k = usize::from(w(0) == "from");
            let (m1, m2) = (month_number(m1)?, month_number(m2)?);
            let (y, n) = year_after(t, i + k + 3, eve);
            Some((k + 3 + n, months(m1, m2, y, eve)?))
        }
        ("first", n, "months", "of") => first_months(t, i, n, eve),
        (nth, "quarter", "of", _) => {
            let q = ordinal(nth).filter(|q| *q <= 4)?;
            let (y, k) = year_after(t, i + 3, eve);
            Some((3 + k, months(3 * q - 2, 3 * q, Some(y?), eve)?))
        }
        (nth, "half", ..) => {
            let h = ordinal(nth).filter(|h| *h <= 2)?;
            let (y, k) = if w(2) == "of" {
                let (y, k) = year_after(t, i + 3, eve);
                (y, k + 1)
            } else {
                (Some(eve.year()), 0)
            };
            Some((2 + k, months(6 * h - 5, 6 * h, Some(y?), eve)?))
        }
        _ => rolling_year(t, i, eve),
    }
}

/// "the first `n` months of" a year: two, three, six or nine.
fn first_months(t: &[&str], i: usize, n: &str, eve: NaiveDate) -> Option<(usize, What)> {
    let n: u32 = match n {
        "three" | "3" => 3,
        "six" | "6" => 6,
        "nine" | "9" => 9,
        "two" | "2" => 2,
        _ => return None,
    };
    let (y, k) = year_after(t, i + 4, eve);
    Some((4 + k, months(1, n, Some(y?), eve)?))
}

/// From the start of this year to a day named later, and twelve months back: "from the
/// beginning of this year to … on July 4", "the past 12 months", "the year to 30 June 2024".
fn rolling_year(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    match (w(0), w(1), w(2), w(3)) {
        ("from", "the", "beginning" | "start", "of") if w(4) == "this" || w(4) == "the" => {
            // "from the beginning of this year to the general election on July 4"
            let start = jan1(eve.year())?;
            let to = (6..12).find(|k| w(*k) == "on" || month_number(w(*k)).is_some())?;
            let skip = usize::from(w(to) == "on");
            let (day, n) = written_day(t, i + to + skip, eve)?;
            Some((to + skip + n, dates(start, day, eve)?))
        }
        ("past" | "last", "12" | "twelve", "months", _) => Some((
            3,
            What::Dates {
                period: Period::twelve_months_to(eve)?,
                to_eve: true,
            },
        )),
        // "in the last seven days", "over the past fortnight": the days to the day before
        // publication.
        ("past" | "last", n, "days", _) => {
            let n = small_number(n).filter(|n| (2..=31).contains(n))?;
            let start = eve.checked_sub_days(Days::new(u64::from(n) - 1))?;
            Some((
                3,
                What::Dates {
                    period: Period::new(start, eve)?,
                    to_eve: true,
                },
            ))
        }
        ("past" | "last", "fortnight", ..) => {
            let start = eve.checked_sub_days(Days::new(13))?;
            Some((
                2,
                What::Dates {
                    period: Period::new(start, eve)?,
                    to_eve: true,
                },
            ))
        }
        ("year" | "months", "to", d, m) if day_number(d).is_some() => {
            let y = year_of(w(4))?;
            let end = NaiveDate::from_ymd_opt(y, month_number(m)?, day_number(d)?)?;
            let start = end.succ_opt()?.checked_sub_months(Months::new(12))?;
            Some((5, dates(start, end, eve)?))
        }
        _ => named_month_or_year(t, i, eve),
    }
}

/// A month or year named: "June last year", "June a year earlier", "from 2018 to March 2023",
/// "March 2024", "2020s".
fn named_month_or_year(t: &[&str], i: usize, eve: NaiveDate) -> Option<(usize, What)> {
    let w = |k: usize| word(t, i, k);
    let last_years = |n: usize, m: &str| -> Option<(usize, What)> {
        let p = Period::month(eve.year() - 1, month_number(m)?)?;
        Some((n, closed(p.start, p.end)?))
    };
    match (w(0), w(1), w(2), w(3)) {
        (m, "last", "year", _) if month_number(m).is_some() => last_years(3, m),
        (m, "a", "year", "earlier") if month_number(m).is_some() => last_years(4, m),
        ("from", y1, "to", m) if year_of(y1).is_some() && month_number(m).is_some() => {
            // "from 2018 to March 2023"
            let y2 = year_of(w(4))?;
            let end = last_of_month(y2, month_number(m)?)?;
            Some((5, dates(jan1(year_of(y1)?)?, end, eve)?))
        }
        (m, y, ..)
            if month_number(m).is_some()
                && year_of(y).is_some()
                && i.checked_sub(1)
                    .and_then(|k| t.get(k))
                    .is_none_or(|p| day_number(p).is_none() && *p != "since") =>
        {
            let p = Period::month(year_of(y)?, month_number(m)?)?;
            Some((2, dates(p.start, p.end, eve)?))
        }
        (y, "s", ..) if year_of(y).is_some() => {
            let p = Period::calendar_year(year_of(y)?)?;
            Some((2, dates(p.start, p.end, eve)?))
        }
        _ => None,
    }
}

fn closed(start: NaiveDate, end: NaiveDate) -> Option<What> {
    Period::new(start, end).map(|period| What::Dates {
        period,
        to_eve: false,
    })
}

/// "since records began (in 2018)", "since data collection began in 2018": a reference point,
/// not a period counted. The words it takes.
fn reference(t: &[&str], i: usize) -> Option<(usize, What)> {
    let began = (1..7).find(|k| t.get(i + k) == Some(&"began"));
    let n = match began {
        Some(k) => {
            let after = t.get(i + k + 1).copied().unwrap_or_default();
            let year_next = t
                .get(i + k + 2)
                .is_some_and(|y| year_of(y).is_some() && after == "in");
            k + 1 + 2 * usize::from(year_next)
        }
        None if t.get(i + 1).is_some_and(|y| year_of(y).is_some()) => 2,
        None => return None,
    };
    Some((n, What::Reference))
}
