//! One figures-schema record read into a [`Figure`], every rule checked and every problem
//! recorded with its column.

use super::{Header, printable, shown};
use crate::domain::text::{self, TextKind};
use crate::domain::{
    Cohort, Figure, NOT_ROUNDED, Origin, Period, Qualifier, RateBase, Unit, is_valid_id,
    is_valid_metric,
};
use crate::error::Problems;
use chrono::NaiveDate;

/// Reads one row's fields, recording every problem; None if any.
pub(super) fn parse_row(
    h: &Header,
    record: &csv::ByteRecord,
    line: u64,
    problems: &mut Problems,
) -> Option<Figure> {
    if record.len() != h.width {
        problems.at(
            line,
            None,
            format!(
                "row has {} fields, the header has {}",
                record.len(),
                h.width
            ),
            "check for a missing or extra comma, or an unclosed quote",
        );
        return None;
    }
    let before = problems.found();
    let mut row = Row {
        h,
        record,
        line,
        problems,
    };

    let (id, metric) = id_and_metric(&mut row);
    let country = row.safe_text("country", true, TextKind::Name);
    let period = period(&mut row);
    let unit = row.choice("unit", &Unit::ALL, Unit::as_str);
    let qualifier = row.choice("qualifier", &Qualifier::ALL, Qualifier::as_str);
    let (value, rounded_to) = amounts(&mut row, unit, qualifier);
    let stated_yoy_pct = row.optional_number("stated_yoy_pct");
    if let Some(Some(p)) = stated_yoy_pct
        && p <= -100.0
    {
        row.fail(
            "stated_yoy_pct",
            format!("stated_yoy_pct {} is a fall of 100% or more", shown(p)),
            "a count cannot fall by more than all of it",
        );
    }
    let source = row.safe_text("source", true, TextKind::Name);
    let note = row
        .safe_text("note", false, TextKind::Note)
        .filter(|n| !n.is_empty());
    let rate_base = rate_base(&mut row, value, unit, qualifier, rounded_to);

    if problems.found() != before {
        return None;
    }
    Some(Figure {
        id: id?,
        metric: metric?,
        country: country?,
        period: period?,
        value: value?,
        unit: unit?,
        qualifier: qualifier?,
        rounded_to: rounded_to?,
        stated_yoy_pct: stated_yoy_pct.flatten(),
        source: source?,
        note,
        rate_base: rate_base?,
        derivation: None,
        origin: Origin {
            file: problems.file().to_string(),
            line,
        },
    })
}

/// The id and metric, each of its own form.
fn id_and_metric(row: &mut Row<'_>) -> (Option<String>, Option<String>) {
    let id = row.text("id", true);
    if let Some(id) = &id
        && !is_valid_id(id)
    {
        row.fail(
            "id",
            format!("id '{}' is not of the form [a-z0-9-]+", printable(id)),
            "use lowercase letters, digits and '-'",
        );
    }
    let metric = row.text("metric", true);
    if let Some(m) = &metric
        && !is_valid_metric(m)
    {
        row.fail(
            "metric",
            format!("metric '{}' is not of the form [a-z0-9_]+", printable(m)),
            "use lowercase letters, digits and '_', e.g. small_boat_arrivals",
        );
    }
    (id, metric)
}

/// The period, from its start and end days.
fn period(row: &mut Row<'_>) -> Option<Period> {
    let start = row.date("period_start");
    let end = row.date("period_end");
    match (start, end) {
        (Some(s), Some(e)) => {
            let p = Period::new(s, e);
            if p.is_none() {
                row.fail(
                    "period_end",
                    format!("period_end {e} is before period_start {s}"),
                    "periods are inclusive: end on or after the start",
                );
            }
            p
        }
        _ => None,
    }
}

/// The value and its rounding, each checked as it is read: never negative, a percent at most
/// 100, "not rounded" only for exact figures, and a stated range that can be computed with.
fn amounts(
    row: &mut Row<'_>,
    unit: Option<Unit>,
    qualifier: Option<Qualifier>,
) -> (Option<f64>, Option<f64>) {
    let value = row.number("value");
    if let Some(v) = value {
        if v < 0.0 {
            row.fail(
                "value",
                format!("value {} is negative", shown(v)),
                "counts, rates and sums are never below 0",
            );
        } else if unit == Some(Unit::Percent) && v > 100.0 {
            row.fail(
                "value",
                format!("percent value {} is over 100", shown(v)),
                "give percentages as 0 to 100",
            );
        }
    }
    let rounded_to = row.number("rounded_to");
    if let Some(r) = rounded_to {
        if r < 0.0 {
            row.fail(
                "rounded_to",
                format!("rounded_to {} is negative", shown(r)),
                "give the step the value was rounded to, or 0 for an exact figure not rounded",
            );
        } else if r == NOT_ROUNDED && qualifier.is_some_and(|q| q != Qualifier::Exact) {
            // "Around" or "more than" with no rounding step would allow only the value itself.
            row.fail(
                "rounded_to",
                "rounded_to 0 (not rounded) is only for exact figures",
                "give the step the stated value was rounded to, e.g. 1000 for \"more than 27,000\"",
            );
        }
    }
    if let (Some(v), Some(r)) = (value, rounded_to)
        && !(v + r).is_finite()
    {
        // The stated range reaches v + r: it must be a number to compute with.
        row.fail(
            "rounded_to",
            format!(
                "value {} with rounded_to {} is too large to compute with",
                shown(v),
                shown(r)
            ),
            "check the value and its rounding",
        );
    }
    (value, rounded_to)
}

/// The optional rate columns: Some(None) when they are empty or absent, None on a problem.
/// The counts must give the value within its stated range, and a cohort must hold its base.
fn rate_base(
    row: &mut Row<'_>,
    value: Option<f64>,
    unit: Option<Unit>,
    qualifier: Option<Qualifier>,
    rounded_to: Option<f64>,
) -> Option<Option<RateBase>> {
    let count = row.optional_number("rate_count");
    let base = row.optional_number("rate_base");
    let size = row.optional_number("cohort_size");
    let awaiting = row.optional_number("cohort_awaiting");
    let withdrawn = row.optional_number("cohort_withdrawn");
    let (count, base, size, awaiting, withdrawn) = (count?, base?, size?, awaiting?, withdrawn?);
    for (c, v) in [
        ("rate_count", count),
        ("cohort_size", size),
        ("cohort_awaiting", awaiting),
        ("cohort_withdrawn", withdrawn),
    ] {
        if let Some(v) = v
            && v < 0.0
        {
            row.fail(
                c,
                format!("{c} {} is negative", shown(v)),
                "counts are never below 0",
            );
            return None;
        }
    }
    let cohort = match (size, awaiting, withdrawn) {
        (None, None, None) => None,
        (Some(size), Some(awaiting), Some(withdrawn)) => Some(Cohort {
            size,
            awaiting,
            withdrawn,
        }),
        _ => {
            row.fail(
                "cohort_size",
                "cohort_size, cohort_awaiting and cohort_withdrawn go together",
                "give all three, or leave all three empty",
            );
            return None;
        }
    };
    let (count, base) = match (count, base) {
        (None, None) if cohort.is_none() => return Some(None),
        (Some(c), Some(b)) => (c, b),
        _ => {
            row.fail(
                "rate_base",
                "rate_count and rate_base go together (and a cohort needs both)",
                "give the count and the base the rate is computed from, or neither",
            );
            return None;
        }
    };
    if unit != Some(Unit::Percent) {
        row.fail(
            "rate_base",
            "rate_count and rate_base are for percent figures",
            "leave them empty for counts, sums and ratios",
        );
        return None;
    }
    if base <= 0.0 || count > base {
        row.fail(
            "rate_base",
            format!(
                "rate_count {} of rate_base {} is not a rate",
                shown(count),
                shown(base)
            ),
            "the base is above 0 and at least the count",
        );
        return None;
    }
    let rate = RateBase {
        count,
        base,
        cohort,
    };
    rate_fits(row, &rate, value, qualifier, rounded_to).then_some(Some(rate))
}

/// A rate's counts give its value within the stated range, and its cohort holds its base.
fn rate_fits(
    row: &mut Row<'_>,
    rate: &RateBase,
    value: Option<f64>,
    qualifier: Option<Qualifier>,
    rounded_to: Option<f64>,
) -> bool {
    let (count, base) = (rate.count, rate.base);
    // Only a percent figure has a rate (checked before).
    if let (Some(v), Some(q), Some(r)) = (value, qualifier, rounded_to) {
        let range = crate::domain::stated_range(v, q, r, Unit::Percent);
        let p = rate.percent();
        // Tolerance for the shortest decimal an export writes.
        if p < range.low - 1e-9 || p > range.high + 1e-9 {
            row.fail(
                "value",
                format!(
                    "value {} does not match rate_count {} of rate_base {} ({})",
                    shown(v),
                    shown(count),
                    shown(base),
                    shown(p)
                ),
                "the value of a rate is 100 × rate_count ÷ rate_base",
            );
            return false;
        }
    }
    if let Some(c) = rate.cohort
        && c.size + 1e-9 < base + c.awaiting + c.withdrawn
    {
        row.fail(
            "cohort_size",
            format!(
                "cohort_size {} is less than rate_base + cohort_awaiting + cohort_withdrawn",
                shown(c.size)
            ),
            "the cohort holds everyone decided, awaiting or withdrawn",
        );
        return false;
    }
    true
}

/// One record being read, with the problems it adds to.
struct Row<'a> {
    h: &'a Header,
    record: &'a csv::ByteRecord,
    line: u64,
    problems: &'a mut Problems,
}

impl Row<'_> {
    fn fail(&mut self, column: &str, what: impl Into<String>, hint: impl Into<String>) {
        let col = self.h.column(column);
        self.problems.at(self.line, col, what, hint);
    }

    /// The field's text; None for an absent optional column. Problems for bad bytes and,
    /// when `required`, for an empty field.
    fn text(&mut self, column: &str, required: bool) -> Option<String> {
        let i = *self.h.index.get(column)?;
        let raw = self.record.get(i).unwrap_or_default();
        let Ok(s) = std::str::from_utf8(raw) else {
            self.fail(
                column,
                format!("{column} is not valid UTF-8"),
                "save the file as UTF-8 CSV",
            );
            return None;
        };
        if s.contains('\0') {
            self.fail(
                column,
                format!("{column} contains a NUL byte"),
                "is this a binary file?",
            );
            return None;
        }
        if required && s.trim().is_empty() {
            self.fail(
                column,
                format!("{column} is empty"),
                "this column is required",
            );
            return None;
        }
        Some(s.trim().to_string())
    }

    /// A text field shown to people and written back to CSV: refused when it holds a control
    /// character or starts a spreadsheet formula (see [`crate::domain::text`]).
    fn safe_text(&mut self, column: &str, required: bool, kind: TextKind) -> Option<String> {
        let s = self.text(column, required)?;
        match text::check(column, kind, &s) {
            Ok(()) => Some(s),
            Err(refusal) => {
                self.fail(column, refusal.what, refusal.hint);
                None
            }
        }
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let s = self.text(column, true)?;
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            self.fail(
                column,
                format!(
                    "{column} '{}' is not a date of the form YYYY-MM-DD",
                    printable(&s)
                ),
                "write dates as ISO, e.g. 2025-08-15",
            );
            return None;
        }
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(
                    column,
                    format!("{column} '{s}' is not a real date"),
                    "check the day and month",
                );
                None
            }
        }
    }

    fn parse_number(&mut self, column: &str, s: &str) -> Option<f64> {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            Ok(_) => {
                self.fail(
                    column,
                    format!("{column} '{}' is not a finite number", printable(s)),
                    "write a plain number such as 27000",
                );
                None
            }
            Err(_) => {
                self.fail(
                    column,
                    format!("{column} '{}' is not a number", printable(s)),
                    "write a plain number such as 27000, without separators or units",
                );
                None
            }
        }
    }

    fn number(&mut self, column: &str) -> Option<f64> {
        let s = self.text(column, true)?;
        self.parse_number(column, &s)
    }

    /// Outer None: a problem; Some(None): left empty or column absent.
    fn optional_number(&mut self, column: &str) -> Option<Option<f64>> {
        if !self.h.index.contains_key(column) {
            return Some(None);
        }
        let s = self.text(column, false)?;
        if s.is_empty() {
            return Some(None);
        }
        self.parse_number(column, &s).map(Some)
    }

    fn choice<T: Copy>(
        &mut self,
        column: &str,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Option<T> {
        let s = self.text(column, true)?;
        let found = all.iter().copied().find(|v| name(*v) == s);
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            self.fail(
                column,
                format!("unknown {column} '{}'", printable(&s)),
                format!("use one of: {}", names.join(", ")),
            );
        }
        found
    }
}
