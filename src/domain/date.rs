//! The one date grammar every option and period range uses: ISO `2025-08-15`, UK `15/08/2025`
//! and `15 Aug 2025` (or `15 August 2025`), parsed once into a `NaiveDate`.

use crate::sanitize::echo as shown;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// What the date grammar accepts, for messages.
pub const DATE_FORMS: &str = "2025-08-15, 15/08/2025 or 15 Aug 2025";

/// Text that is not in the grammar: what is wrong and which forms are accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrammarError {
    pub what: String,
    pub hint: String,
}

impl GrammarError {
    pub fn new(what: impl Into<String>, hint: impl Into<String>) -> Self {
        GrammarError {
            what: what.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for GrammarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.what, self.hint)
    }
}

impl std::error::Error for GrammarError {}

/// The months' English names: the one table that the grammar reads and every label writes.
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

/// A day's month by its English name (`August`).
pub fn month_name(d: NaiveDate) -> &'static str {
    MONTHS.get(d.month0() as usize).copied().unwrap_or("?")
}

/// A month by its English name or three-letter abbreviation (`Sept` too), case-insensitive.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim().trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| m == w || (w.len() == 3 && m.starts_with(&w)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn number<T: std::str::FromStr>(s: &str, max_len: usize) -> Option<T> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A four-digit year.
pub fn year(s: &str) -> Option<i32> {
    (s.len() == 4).then(|| number(s, 4)).flatten()
}

/// One day in any accepted form; a wrong day (30 February) is refused, not moved.
pub fn parse_date(text: &str) -> Result<NaiveDate, GrammarError> {
    let t = text.trim();
    let bad = |what: String| GrammarError::new(what, format!("write a date as {DATE_FORMS}"));
    let parts: Vec<&str> = t.split_whitespace().collect();
    let ymd = match parts.as_slice() {
        [one] if one.contains('-') => {
            let f: Vec<&str> = one.split('-').collect();
            match f.as_slice() {
                [y, m, d] => (year(y), number(m, 2), number(d, 2)),
                _ => (None, None, None),
            }
        }
        [one] if one.contains('/') => {
            let f: Vec<&str> = one.split('/').collect();
            match f.as_slice() {
                [d, m, y] => (year(y), number(m, 2), number(d, 2)),
                _ => (None, None, None),
            }
        }
        [d, m, y] => (year(y), month_number(m), number(d, 2)),
        _ => (None, None, None),
    };
    match ymd {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| bad(format!("'{}' is not a day of the calendar", shown(t)))),
        _ => Err(bad(format!("'{}' is not a date", shown(t)))),
    }
}

/// Reads `--month`: a month's name or number.
pub fn parse_month(text: &str) -> std::result::Result<u32, String> {
    let t = text.trim();
    t.parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .or_else(|| month_number(t))
        .ok_or_else(|| {
            format!(
                "'{}' is not a month; write August, Aug or 8",
                crate::sanitize::echo(t)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_form_reads_the_same_day() {
        for text in [
            "2025-08-15",
            "15/08/2025",
            "15 Aug 2025",
            "15 august 2025",
            " 15 AUG 2025 ",
            "15/8/2025",
        ] {
            assert_eq!(parse_date(text), Ok(d("2025-08-15")), "{text}");
        }
        assert_eq!(parse_date("5 Sept 2024"), Ok(d("2024-09-05")));
    }

    #[test]
    fn bad_dates_name_the_accepted_forms() {
        for text in [
            "08/15/2025",
            "2025-02-30",
            "yesterday",
            "15 Agu 2025",
            "2025/08/15",
            "",
        ] {
            let e = parse_date(text).unwrap_err();
            assert!(e.hint.contains("15/08/2025"), "{text}: {e}");
        }
        assert!(
            parse_date("2025-02-30")
                .unwrap_err()
                .what
                .contains("not a day")
        );
    }

    #[test]
    fn months_by_name() {
        assert_eq!(month_number("Jul"), Some(7));
        assert_eq!(month_number("JULY"), Some(7));
        assert_eq!(month_number("Ju"), None);
        assert_eq!(month_number("Juli"), None);
        assert_eq!(month_number("dec"), Some(12));
    }

    #[test]
    fn control_characters_are_not_echoed() {
        let e = parse_date("\u{1b}[31m").unwrap_err();
        assert!(!e.what.chars().any(char::is_control), "{e}");
    }
}
