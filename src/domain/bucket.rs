//! Buckets of a series (day, week, month, quarter, year): which bucket holds a day, the buckets
//! of a span (cut at its ends), and the bucket a year earlier. Weeks are the Home Office's:
//! Monday to Sunday, named by the Sunday they end on (sheet SB_02 "Week ending").

use super::Period;
use chrono::{Datelike, Days, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

/// The size of a series' buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Bucket {
    /// The smaller buckets a row's sparkline shows, at most 14 a row: a year's months, a
    /// quarter's or a month's weeks (a month's days would be 31 marks), a week's days; nothing
    /// under a day.
    pub fn marks(self) -> Option<Bucket> {
        match self {
            Bucket::Year => Some(Bucket::Month),
            Bucket::Quarter | Bucket::Month => Some(Bucket::Week),
            Bucket::Week => Some(Bucket::Day),
            Bucket::Day => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
            Bucket::Quarter => "quarter",
            Bucket::Year => "year",
        }
    }

    /// The whole bucket holding `day`.
    pub fn containing(self, day: NaiveDate) -> Option<Period> {
        match self {
            Bucket::Day => Period::new(day, day),
            Bucket::Week => {
                let back = u64::from(day.weekday().num_days_from_monday());
                let start = day.checked_sub_days(Days::new(back))?;
                Period::new(start, start.checked_add_days(Days::new(6))?)
            }
            Bucket::Month => Period::month(day.year(), day.month()),
            Bucket::Quarter => Period::quarter(day.year(), day.month0() / 3 + 1),
            Bucket::Year => Period::calendar_year(day.year()),
        }
    }

    /// Every bucket meeting `span`, in order, the first and last cut to it.
    pub fn within(self, span: Period) -> Vec<Period> {
        let mut out = Vec::new();
        let mut day = span.start;
        while day <= span.end {
            let Some(whole) = self.containing(day) else {
                break;
            };
            out.extend(Period::new(
                whole.start.max(span.start),
                whole.end.min(span.end),
            ));
            match whole.end.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        out
    }

    /// Whether `p` is a bucket cut short (it is inside one bucket but not all of it).
    pub fn is_partial(self, p: &Period) -> bool {
        self.containing(p.start) != Some(*p)
    }

    /// Whether `p` lies inside one bucket (whole or cut).
    pub fn holds(self, p: &Period) -> bool {
        self.containing(p.start)
            .is_some_and(|whole| whole.covers(p))
    }

    /// The same bucket a year earlier, or the same days of it for a cut one: a week is the one
    /// 52 weeks before (same weekdays, as SB_02 compares), anything else the same dates.
    pub fn year_before(self, p: &Period) -> Option<Period> {
        match self {
            Bucket::Week => Period::new(
                p.start.checked_sub_days(Days::new(364))?,
                p.end.checked_sub_days(Days::new(364))?,
            ),
            _ => p.year_before(),
        }
    }

    /// `week ending 24 Aug 2025`, `August 2025`, `2025 Q3`, `2025`, `15 Aug 2025`: the name of
    /// the whole bucket holding `p`.
    pub fn label(self, p: &Period) -> String {
        let whole = self.containing(p.start).unwrap_or(*p);
        match self {
            Bucket::Day | Bucket::Year => whole.label(),
            Bucket::Week => format!("week ending {}", whole.end.format("%-d %b %Y")),
            Bucket::Month => whole.start.format("%B %Y").to_string(),
            Bucket::Quarter => format!("{} Q{}", whole.start.year(), whole.start.month0() / 3 + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(a: &str, b: &str) -> Period {
        Period::new(d(a), d(b)).unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        // 20 Aug 2026 is a Thursday; its week ends on Sunday 23 Aug.
        let w = Bucket::Week.containing(d("2026-08-20")).unwrap();
        assert_eq!(w, p("2026-08-17", "2026-08-23"));
        assert_eq!(w.end.weekday(), chrono::Weekday::Sun);
        assert_eq!(Bucket::Week.containing(d("2026-08-23")), Some(w));
        assert_eq!(Bucket::Week.label(&w), "week ending 23 Aug 2026");
    }

    #[test]
    fn buckets_of_a_span_are_cut_at_its_ends() {
        let got = Bucket::Week.within(p("2018-01-01", "2018-01-17"));
        assert_eq!(
            got,
            vec![
                p("2018-01-01", "2018-01-07"),
                p("2018-01-08", "2018-01-14"),
                p("2018-01-15", "2018-01-17"),
            ]
        );
        assert!(!Bucket::Week.is_partial(&got[0]));
        assert!(Bucket::Week.is_partial(&got[2]));
        let months = Bucket::Month.within(p("2025-12-15", "2026-02-10"));
        assert_eq!(months.len(), 3);
        assert!(Bucket::Month.is_partial(&months[0]));
        assert!(!Bucket::Month.is_partial(&months[1]));
        assert_eq!(
            Bucket::Quarter.within(p("2025-01-01", "2025-12-31")).len(),
            4
        );
        assert_eq!(Bucket::Day.within(p("2024-02-28", "2024-03-01")).len(), 3);
    }

    #[test]
    fn a_year_before() {
        let w = p("2026-08-17", "2026-08-23");
        assert_eq!(
            Bucket::Week.year_before(&w),
            Some(p("2025-08-18", "2025-08-24"))
        );
        assert_eq!(
            Bucket::Month.year_before(&p("2025-02-01", "2025-02-28")),
            Some(p("2024-02-01", "2024-02-29"))
        );
        assert_eq!(
            Bucket::Month.year_before(&p("2026-08-01", "2026-08-20")),
            Some(p("2025-08-01", "2025-08-20"))
        );
        assert_eq!(
            Bucket::Quarter.label(&p("2025-07-01", "2025-09-30")),
            "2025 Q3"
        );
        assert_eq!(
            Bucket::Month.label(&p("2025-07-01", "2025-07-31")),
            "July 2025"
        );
        assert!(Bucket::Month.holds(&p("2025-07-03", "2025-07-09")));
        assert!(!Bucket::Month.holds(&p("2025-07-03", "2025-08-09")));
    }
}
