//! Inclusive periods of days, their derived labels, the same period a year earlier, and the one
//! period grammar every `--period` uses ([`PeriodExpr`], [`Period::parse`]).

use super::date::{self, GrammarError, month_number, parse_date, year};
use crate::sanitize::echo as shown;
use chrono::{Datelike, Months, NaiveDate};

/// An inclusive span of days. Its human label is derived from the dates, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What kind of span a period is, in the order `summary` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    /// 1 January to a day before 31 December of the same year.
    YearToDate,
    /// Twelve months to any day (a year ending a month included).
    TwelveMonths,
    /// 1 January to 31 December.
    CalendarYear,
    Other,
}

impl PeriodKind {
    /// The words that name the kind for people; None where the label already does
    /// ("year ending March 2025") or there is no name.
    pub fn name(self) -> Option<&'static str> {
        match self {
            PeriodKind::YearToDate => Some("year to date"),
            PeriodKind::TwelveMonths => Some("12 months"),
            PeriodKind::CalendarYear => Some("calendar year"),
            PeriodKind::Other => None,
        }
    }
}

impl Period {
    /// None when `end` is before `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        (start <= end).then_some(Period { start, end })
    }

    pub fn calendar_year(year: i32) -> Option<Self> {
        Period::new(
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )
    }

    /// Twelve whole months ending with the month of `end_month` (any day in it).
    pub fn year_ending(end_month: NaiveDate) -> Option<Self> {
        let end = last_day_of_month(end_month)?;
        let start = first_day_of_month(end_month)?.checked_sub_months(Months::new(11))?;
        Period::new(start, end)
    }

    /// Quarter `q` (1–4) of `year`.
    pub fn quarter(year: i32, q: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, q.checked_sub(1)?.checked_mul(3)? + 1, 1)?;
        Period::new(
            start,
            last_day_of_month(start.checked_add_months(Months::new(2))?)?,
        )
    }

    /// Half `h` (1 or 2) of `year`: January to June, July to December.
    pub fn half(year: i32, h: u32) -> Option<Self> {
        let first = 6 * h.checked_sub(1).filter(|h| *h < 2)? + 1;
        Period::new(
            NaiveDate::from_ymd_opt(year, first, 1)?,
            last_day_of_month(NaiveDate::from_ymd_opt(year, first + 5, 1)?)?,
        )
    }

    /// Month `m` (1–12) of `year`.
    pub fn month(year: i32, m: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, m, 1)?;
        Period::new(start, last_day_of_month(start)?)
    }

    /// Parses `text` in the period grammar and resolves a relative period (`ytd`, `last 12
    /// months`, `since DATE`) against `anchor`, the as-of day (usually a file's last day or a
    /// publication date). A relative period without an anchor is an error.
    ///
    /// ```
    /// use migstats::domain::Period;
    /// let as_of = "2025-08-15".parse().ok();
    /// let q3 = Period::parse("Q3 2025", None).unwrap();
    /// assert_eq!((q3.start.to_string(), q3.end.to_string()), ("2025-07-01".into(), "2025-09-30".into()));
    /// assert_eq!(Period::parse("year to date", as_of).unwrap().label(), "1 Jan – 15 Aug 2025");
    /// assert!(Period::parse("ytd", None).is_err());
    /// ```
    pub fn parse(text: &str, anchor: Option<NaiveDate>) -> Result<Period, GrammarError> {
        PeriodExpr::parse(text)?.resolve(anchor)
    }

    /// Whether `day` is inside the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Whether `other` lies wholly inside this period.
    pub fn covers(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn is_calendar_year(&self) -> bool {
        self.start.year() == self.end.year()
            && (self.start.month(), self.start.day()) == (1, 1)
            && (self.end.month(), self.end.day()) == (12, 31)
    }

    /// Starts on a month's first day and ends on a month's last day.
    pub fn is_whole_months(&self) -> bool {
        self.start.day() == 1 && is_last_day_of_month(self.end)
    }

    /// Twelve whole months, e.g. April 2024 to March 2025.
    pub fn is_year_ending(&self) -> bool {
        self.is_whole_months()
            && self.start.checked_add_months(Months::new(12)) == self.end.succ_opt()
    }

    /// The twelve months ending on `end`: from the day after the same date a year earlier, so
    /// to 28 Feb 2024 starts on 1 Mar 2023 (not on 28 Feb 2023, which the year before would
    /// count too), and to the last day of a month starts on a month's first day (to 28 Feb
    /// 2025: 1 Mar 2024).
    pub fn twelve_months_to(end: NaiveDate) -> Option<Self> {
        let start = if is_last_day_of_month(end) {
            end.succ_opt()?.checked_sub_months(Months::new(12))?
        } else {
            end.checked_sub_months(Months::new(12))?.succ_opt()?
        };
        Period::new(start, end)
    }

    /// The same dates one calendar year earlier. 29 February maps to 28 February; a year ending
    /// a month stays one (year ending February 2025 → year ending February 2024, to the 29th),
    /// and so do whole months other than a year to date (February 2025 → all of February 2024).
    pub fn year_before(&self) -> Option<Self> {
        let start = self.start.checked_sub_months(Months::new(12))?;
        let one_month =
            (self.start.year(), self.start.month()) == (self.end.year(), self.end.month());
        // Whole months stay whole months (December to February 2025 → to 29 February 2024),
        // except a year to date, which keeps its day ("so far this year" to 28 February).
        let months = self.is_whole_months() && (one_month || self.kind() != PeriodKind::YearToDate);
        let end = if self.is_year_ending() || months {
            last_day_of_month(self.end.checked_sub_months(Months::new(12))?)?
        } else {
            self.end.checked_sub_months(Months::new(12))?
        };
        Period::new(start, end)
    }

    pub fn kind(&self) -> PeriodKind {
        let (s, e) = (self.start, self.end);
        if self.is_calendar_year() {
            PeriodKind::CalendarYear
        } else if s.year() == e.year() && (s.month(), s.day()) == (1, 1) {
            PeriodKind::YearToDate
        } else if s.checked_add_months(Months::new(12)) == e.succ_opt() {
            PeriodKind::TwelveMonths
        } else {
            PeriodKind::Other
        }
    }

    pub fn label(&self) -> String {
        let (s, e) = (self.start, self.end);
        if self.is_calendar_year() {
            return format!("{}", s.year());
        }
        if self.is_year_ending() {
            return format!("year ending {} {}", date::month_name(e), e.year());
        }
        if s == e {
            return day_label(s);
        }
        // A whole month or quarter by its name, as people and the Home Office write them.
        if self.is_whole_months() && (s.year(), s.month()) == (e.year(), e.month()) {
            return format!("{} {}", date::month_name(s), s.year());
        }
        if self.is_whole_months()
            && s.year() == e.year()
            && s.month0() % 3 == 0
            && e.month0() == s.month0() + 2
        {
            return format!("{} Q{}", s.year(), s.month0() / 3 + 1);
        }
        if s.year() == e.year() && (s.month(), s.day()) == (1, 1) {
            return format!(
                "{} {} – {} {} {}",
                s.day(),
                short_month(s),
                e.day(),
                short_month(e),
                e.year()
            );
        }
        format!("{} – {}", day_label(s), day_label(e))
    }
}

/// A period as written, before a relative one is resolved against an as-of day. Parsing is
/// case-insensitive and ignores extra spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodExpr {
    /// Fixed dates: a year, quarter, month, year ending a month, a day or a range.
    Fixed(Period),
    /// 1 January of the as-of day's year to the as-of day.
    YearToDate,
    /// The 12 months ending on the as-of day (365 or 366 days).
    Last12Months,
    /// From a day to the as-of day.
    Since(NaiveDate),
}

/// What the period grammar accepts, for messages.
pub const PERIOD_FORMS: &str = "2025, 2025-Q3, Q3 2025, first half of 2025, 2025-07, July 2025, year ending March 2025, YE Mar 2025, 12 months to June 2025, 2025-07-01..2025-07-31, 1 Jan 2025 to 30 Jun 2025, ytd, last 12 months, since 2024-07-05, since July 2024";

impl std::str::FromStr for PeriodExpr {
    type Err = GrammarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PeriodExpr::parse(s)
    }
}

impl PeriodExpr {
    pub fn parse(text: &str) -> Result<PeriodExpr, GrammarError> {
        let words: Vec<String> = text
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        let joined = words.join(" ");
        let bad = |what: String| {
            GrammarError::new(what, format!("periods are written like {PERIOD_FORMS}"))
        };
        let not_a_period = || bad(format!("'{}' is not a period", shown(text.trim())));
        let fixed = |p: Option<Period>| p.map(PeriodExpr::Fixed).ok_or_else(not_a_period);
        match joined.as_str() {
            "ytd" | "year to date" => return Ok(PeriodExpr::YearToDate),
            "last 12 months" | "last twelve months" | "12 months" => {
                return Ok(PeriodExpr::Last12Months);
            }
            _ => {}
        }
        if let Some(rest) = joined.strip_prefix("since ") {
            // "since July 2024": from the month's first day.
            let month = rest
                .split_once(' ')
                .and_then(|(m, y)| NaiveDate::from_ymd_opt(year(y)?, month_number(m)?, 1));
            return month.map_or_else(
                || parse_date(rest).map(PeriodExpr::Since),
                |d| Ok(PeriodExpr::Since(d)),
            );
        }
        // "1 Jan 2024 to 30 Jun 2024", as "1 Jan 2024..30 Jun 2024".
        if let Some((a, b)) = joined.split_once(" to ").filter(|(a, _)| {
            !matches!(*a, "year" | "12 months" | "twelve months") && parse_date(a).is_ok()
        }) {
            let (start, end) = (parse_date(a)?, parse_date(b)?);
            return Period::new(start, end)
                .map(PeriodExpr::Fixed)
                .ok_or_else(|| bad(format!("'{}' ends before it starts", shown(text.trim()))));
        }
        // Ranges: START..END in the date grammar, or a label this tool prints
        // ("1 Jan – 15 Aug 2025", "5 Jul 2024 – 4 Jul 2025").
        if let Some((a, b)) = joined.split_once("..") {
            let (start, end) = (parse_date(a)?, parse_date(b)?);
            return Period::new(start, end)
                .map(PeriodExpr::Fixed)
                .ok_or_else(|| bad(format!("'{}' ends before it starts", shown(text.trim()))));
        }
        if let Some((a, b)) = joined
            .split_once(" – ")
            .or_else(|| joined.split_once(" - "))
        {
            let end = parse_date(b)?;
            let start = parse_date(a).or_else(|_| parse_date(&format!("{a} {}", end.year())))?;
            return Period::new(start, end)
                .map(PeriodExpr::Fixed)
                .ok_or_else(|| bad(format!("'{}' ends before it starts", shown(text.trim()))));
        }
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let quarter = |q: &str| -> Option<u32> {
            match q.strip_prefix('q')?.parse::<u32>().ok()? {
                n @ 1..=4 => Some(n),
                _ => None,
            }
        };
        match w.as_slice() {
            [y] if year(y).is_some() => fixed(year(y).and_then(Period::calendar_year)),
            [one] if one.contains("-q") => {
                let (y, q) = one.split_once("-q").ok_or_else(not_a_period)?;
                fixed(
                    year(y)
                        .zip(quarter(&format!("q{q}")))
                        .and_then(|(y, q)| Period::quarter(y, q)),
                )
            }
            [q, y] | [y, q] if quarter(q).is_some() => fixed(
                year(y)
                    .zip(quarter(q))
                    .and_then(|(y, q)| Period::quarter(y, q)),
            ),
            [one] if one.len() == 7 && one.as_bytes().get(4) == Some(&b'-') => {
                let (y, m) = one.split_at(4);
                let m = m.trim_start_matches('-');
                let m = (m.len() == 2).then(|| m.parse::<u32>().ok()).flatten();
                fixed(year(y).zip(m).and_then(|(y, m)| Period::month(y, m)))
            }
            [m, y] if month_number(m).is_some() => fixed(
                year(y)
                    .zip(month_number(m))
                    .and_then(|(y, m)| Period::month(y, m)),
            ),
            // "first half of 2024", "the second half of 2023", "third quarter of 2025"
            ["the", nth, part, "of", y] | [nth, part, "of", y]
                if matches!(*part, "half" | "quarter") =>
            {
                let n = ordinal(nth).filter(|n| *n <= if *part == "half" { 2 } else { 4 });
                fixed(year(y).zip(n).and_then(|(y, n)| match *part {
                    "half" => Period::half(y, n),
                    _ => Period::quarter(y, n),
                }))
            }
            ["year", "ending", m, y]
            | ["ye", m, y]
            | ["year", "to", m, y]
            | ["12" | "twelve", "months", "to" | "ending", m, y]
            | ["the", "12" | "twelve", "months", "to" | "ending", m, y] => fixed(
                year(y)
                    .zip(month_number(m))
                    .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
                    .and_then(Period::year_ending),
            ),
            _ => match parse_date(&joined) {
                Ok(d) => Ok(PeriodExpr::Fixed(Period { start: d, end: d })),
                Err(_) => Err(not_a_period()),
            },
        }
    }

    /// Whether the period needs an as-of day to be resolved.
    pub fn is_relative(&self) -> bool {
        !matches!(self, PeriodExpr::Fixed(_))
    }

    /// The dates: a relative period ends on `anchor`. Err when one is needed and missing, or
    /// when `since` is after it.
    pub fn resolve(&self, anchor: Option<NaiveDate>) -> Result<Period, GrammarError> {
        let anchor = match (self, anchor) {
            (PeriodExpr::Fixed(p), _) => return Ok(*p),
            (_, Some(a)) => a,
            (_, None) => {
                return Err(GrammarError::new(
                    "a relative period (ytd, last 12 months, since DATE) needs an as-of day",
                    "give --as-of DATE, or read a Home Office daily file with --data",
                ));
            }
        };
        let period = match self {
            PeriodExpr::YearToDate => {
                NaiveDate::from_ymd_opt(anchor.year(), 1, 1).and_then(|s| Period::new(s, anchor))
            }
            PeriodExpr::Last12Months => Period::twelve_months_to(anchor),
            PeriodExpr::Since(d) => Period::new(*d, anchor),
            PeriodExpr::Fixed(p) => Some(*p),
        };
        period.ok_or_else(|| {
            GrammarError::new(
                format!("the period would end on {anchor}, before it starts"),
                format!(
                    "choose a start on or before {anchor}, or another --as-of; dates as {}",
                    date::DATE_FORMS
                ),
            )
        })
    }
}

fn short_month(d: NaiveDate) -> &'static str {
    let name = date::month_name(d);
    name.get(..3).unwrap_or(name)
}

fn day_label(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), short_month(d), d.year())
}

fn first_day_of_month(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(1)
}

fn last_day_of_month(d: NaiveDate) -> Option<NaiveDate> {
    first_day_of_month(d)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// "first" to "fourth", for halves and quarters.
pub fn ordinal(word: &str) -> Option<u32> {
    ["first", "second", "third", "fourth"]
        .iter()
        .position(|w| *w == word)
        .and_then(|n| u32::try_from(n + 1).ok())
}

fn is_last_day_of_month(d: NaiveDate) -> bool {
    d.succ_opt().is_some_and(|n| n.day() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: &str, b: &str) -> Period {
        Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap()
    }

    #[test]
    fn kinds() {
        assert_eq!(p("2025-01-01", "2025-08-15").kind(), PeriodKind::YearToDate);
        assert_eq!(
            p("2024-11-14", "2025-11-13").kind(),
            PeriodKind::TwelveMonths
        );
        assert_eq!(
            p("2024-04-01", "2025-03-31").kind(),
            PeriodKind::TwelveMonths
        );
        assert_eq!(
            p("2024-01-01", "2024-12-31").kind(),
            PeriodKind::CalendarYear
        );
        assert_eq!(
            p("2024-07-05", "2025-07-04").kind(),
            PeriodKind::TwelveMonths
        );
        assert_eq!(p("2024-02-01", "2024-02-29").kind(), PeriodKind::Other);
    }

    #[test]
    fn labels_follow_the_spec() {
        assert_eq!(
            p("2024-04-01", "2025-03-31").label(),
            "year ending March 2025"
        );
        assert_eq!(p("2025-01-01", "2025-08-15").label(), "1 Jan – 15 Aug 2025");
        assert_eq!(p("2024-01-01", "2024-12-31").label(), "2024");
        assert_eq!(
            p("2024-07-05", "2025-07-04").label(),
            "5 Jul 2024 – 4 Jul 2025"
        );
        assert_eq!(p("2025-08-15", "2025-08-15").label(), "15 Aug 2025");
        assert_eq!(p("2025-07-01", "2025-07-31").label(), "July 2025");
        assert_eq!(p("2025-07-01", "2025-09-30").label(), "2025 Q3");
        assert_eq!(
            p("2025-08-01", "2025-09-30").label(),
            "1 Aug 2025 – 30 Sep 2025"
        );
        assert_eq!(
            p("2023-03-01", "2024-02-29").label(),
            "year ending February 2024"
        );
    }

    #[test]
    fn end_before_start_is_refused() {
        assert!(
            Period::new("2025-01-02".parse().unwrap(), "2025-01-01".parse().unwrap()).is_none()
        );
    }

    #[test]
    fn year_before_maps_leap_day_and_keeps_whole_months() {
        assert_eq!(
            p("2024-01-01", "2024-02-29").year_before(),
            Some(p("2023-01-01", "2023-02-28"))
        );
        assert_eq!(
            p("2024-03-01", "2025-02-28").year_before(),
            Some(p("2023-03-01", "2024-02-29"))
        );
        // Three whole months ending in February end on its last day a year earlier too.
        assert_eq!(
            p("2024-12-01", "2025-02-28").year_before(),
            Some(p("2023-12-01", "2024-02-29"))
        );
        // A year to date keeps its dates, even when it ends on the last day of February.
        assert_eq!(
            p("2025-01-01", "2025-02-28").year_before(),
            Some(p("2024-01-01", "2024-02-28"))
        );
        assert_eq!(
            p("2025-01-01", "2025-08-15").year_before(),
            Some(p("2024-01-01", "2024-08-15"))
        );
        assert_eq!(
            p("2024-07-05", "2025-07-04").year_before(),
            Some(p("2023-07-05", "2024-07-04"))
        );
    }

    fn e(text: &str) -> Period {
        Period::parse(text, Some("2026-08-20".parse().unwrap())).unwrap()
    }

    #[test]
    fn every_period_form() {
        let cases = [
            ("2025", "2025-01-01", "2025-12-31"),
            ("2025-Q3", "2025-07-01", "2025-09-30"),
            ("2025-q3", "2025-07-01", "2025-09-30"),
            ("Q3 2025", "2025-07-01", "2025-09-30"),
            ("2025 Q3", "2025-07-01", "2025-09-30"),
            ("2025-Q1", "2025-01-01", "2025-03-31"),
            ("2025-07", "2025-07-01", "2025-07-31"),
            ("July 2025", "2025-07-01", "2025-07-31"),
            ("jul 2025", "2025-07-01", "2025-07-31"),
            ("Feb 2024", "2024-02-01", "2024-02-29"),
            ("year ending March 2025", "2024-04-01", "2025-03-31"),
            ("Year Ending Dec 2023", "2023-01-01", "2023-12-31"),
            ("YE Mar 2025", "2024-04-01", "2025-03-31"),
            ("2025-07-01..2025-07-31", "2025-07-01", "2025-07-31"),
            ("01/07/2025..31 Jul 2025", "2025-07-01", "2025-07-31"),
            ("ytd", "2026-01-01", "2026-08-20"),
            ("Year to date", "2026-01-01", "2026-08-20"),
            ("last 12 months", "2025-08-21", "2026-08-20"),
            ("since 2024-07-05", "2024-07-05", "2026-08-20"),
            ("since 5 Jul 2024", "2024-07-05", "2026-08-20"),
            ("15 Aug 2025", "2025-08-15", "2025-08-15"),
            // Labels this tool prints read back.
            ("1 Jan – 15 Aug 2025", "2025-01-01", "2025-08-15"),
            ("5 Jul 2024 – 4 Jul 2025", "2024-07-05", "2025-07-04"),
        ];
        for (text, a, b) in cases {
            assert_eq!(e(text), p(a, b), "{text}");
        }
    }

    #[test]
    fn labels_read_back_as_the_same_period() {
        for period in [
            p("2024-04-01", "2025-03-31"),
            p("2025-01-01", "2025-08-15"),
            p("2024-01-01", "2024-12-31"),
            p("2024-07-05", "2025-07-04"),
            p("2025-08-15", "2025-08-15"),
            p("2025-07-01", "2025-07-31"),
            p("2025-07-01", "2025-09-30"),
            p("2024-02-01", "2024-02-29"),
        ] {
            assert_eq!(Period::parse(&period.label(), None), Ok(period));
        }
    }

    #[test]
    fn bad_periods_say_what_is_accepted() {
        for text in [
            "2025-Q5",
            "Q0 2025",
            "2025-13",
            "Julember 2025",
            "next year",
            "2025-07-31..2025-07-01",
            "since soon",
            "25",
        ] {
            let err = Period::parse(text, Some("2026-08-20".parse().unwrap())).unwrap_err();
            assert!(
                err.hint.contains("2025-Q3")
                    || err.hint.contains("15/08/2025")
                    || err.what.contains("before"),
                "{text}: {err}"
            );
        }
        let err = Period::parse("ytd", None).unwrap_err();
        assert!(err.what.contains("as-of"), "{err}");
        assert!(Period::parse("since 2027-01-01", Some("2026-08-20".parse().unwrap())).is_err());
    }

    #[test]
    fn odd_input_is_an_error_not_a_panic() {
        let anchor = Some("2026-08-20".parse().unwrap());
        for text in [
            "",
            " ",
            "..",
            "–",
            " - ",
            "é2025-07",
            "2025é07",
            "20é5-07",
            "2025-0é",
            "q",
            "Q",
            "2025-q",
            "-q3",
            "year ending",
            "ye",
            "since",
            "since ",
            "9999-12-31..9999-12-31",
            "0000-01-01",
            "\u{0}",
            "2025-07-01..",
            "..2025-07-01",
            "1 – 2",
            "Q3 Q3",
            "🙂 2025",
        ] {
            let _ = Period::parse(text, anchor);
        }
        assert!(Period::parse("since 2025-01-01", Some(NaiveDate::MAX)).is_ok());
        // The last representable day has no next day; its twelve months are still dates.
        let last = Period::parse("last 12 months", Some(NaiveDate::MAX)).unwrap();
        assert_eq!(last.end, NaiveDate::MAX);
        assert!((365..=366).contains(&last.days()));
    }

    #[test]
    fn twelve_months_never_count_a_day_twice_across_a_leap_day() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        for (end, start) in [
            ("2024-02-28", "2023-03-01"),
            ("2024-02-29", "2023-03-01"),
            ("2025-02-28", "2024-03-01"),
            ("2024-03-01", "2023-03-02"),
            ("2026-08-20", "2025-08-21"),
            ("2025-12-31", "2025-01-01"),
        ] {
            let twelve = Period::twelve_months_to(d(end)).unwrap();
            assert_eq!(twelve, p(start, end), "to {end}");
            // The twelve months before end the day before these start.
            let before = Period::twelve_months_to(twelve.start.pred_opt().unwrap()).unwrap();
            assert!(before.end < twelve.start && before.days() + twelve.days() <= 731);
        }
        assert_eq!(
            Period::parse("last 12 months", Some(d("2024-02-28"))).unwrap(),
            p("2023-03-01", "2024-02-28")
        );
    }

    #[test]
    fn a_single_whole_month_a_year_before_is_the_whole_month() {
        assert_eq!(
            p("2025-02-01", "2025-02-28").year_before(),
            Some(p("2024-02-01", "2024-02-29"))
        );
        assert_eq!(
            p("2025-07-01", "2025-07-31").year_before(),
            Some(p("2024-07-01", "2024-07-31"))
        );
    }

    #[test]
    fn constructors() {
        assert_eq!(
            Period::calendar_year(2023),
            Some(p("2023-01-01", "2023-12-31"))
        );
        assert_eq!(
            Period::year_ending("2025-03-10".parse().unwrap()),
            Some(p("2024-04-01", "2025-03-31"))
        );
        assert_eq!(p("2024-01-01", "2024-12-31").days(), 366);
    }
}
