//! Inclusive periods of days, their derived labels, and the same period a year earlier.

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

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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

    /// The same dates one calendar year earlier. 29 February maps to 28 February; a year ending
    /// a month stays one (year ending February 2025 → year ending February 2024, to the 29th).
    pub fn year_before(&self) -> Option<Self> {
        let start = self.start.checked_sub_months(Months::new(12))?;
        let end = if self.is_year_ending() {
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
            return format!("year ending {} {}", month_name(e), e.year());
        }
        if s == e {
            return day_label(s);
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

fn month_name(d: NaiveDate) -> &'static str {
    MONTHS.get(d.month0() as usize).copied().unwrap_or("?")
}

fn short_month(d: NaiveDate) -> &'static str {
    let name = month_name(d);
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
