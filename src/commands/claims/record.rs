//! A single day (or week) the words call the highest, checked against the daily series the
//! claims are checked against: every earlier day of the span it names, or every earlier week
//! ending on the same weekday (the published weekly table's weeks end on Sunday).

use super::{ClaimRow, Status};
use crate::calc::{self, ClaimStatus};
use crate::domain::{Period, Unit};
use crate::loader::Input;
use crate::render::human;
use crate::sentences::RecordSince;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

/// A day (or week) called the highest, and its check.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RecordOut {
    /// The superlative as written: "record", "busiest".
    pub words: String,
    /// `day`, or `week` for a week called the highest of the weeks ending on its weekday.
    pub over: String,
    /// First day (a week: the last day of the first week) of the span it is the highest of,
    /// ISO `YYYY-MM-DD`.
    pub since: String,
    pub status: ClaimStatus,
    /// The day's own count in the series.
    pub data_value: Option<f64>,
    /// The highest earlier day (or week, by its last day) of the span.
    pub highest_before: Option<DayOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DayOut {
    /// ISO `YYYY-MM-DD`.
    pub day: String,
    pub value: f64,
}

/// Each record on a row whose level was checked (metric, period and count established) is
/// checked on the first daily series among `inputs`.
pub(super) fn check(rows: &mut [ClaimRow], inputs: &[(Input, String)]) {
    let Some(series) = inputs.iter().find_map(|(i, _)| i.series.as_ref()) else {
        return;
    };
    let Some(first) = series.first_date() else {
        return;
    };
    for r in rows.iter_mut() {
        let checked = matches!(
            r.status,
            Status::Consistent | Status::Understated | Status::Overstated | Status::Inconsistent
        );
        let Some((c, record)) = r.claim.as_ref().and_then(|c| Some((c, c.record.as_ref()?))) else {
            continue;
        };
        let f = &c.figure;
        let boats = match f.metric.as_str() {
            "small_boat_arrivals" if f.unit == Unit::People => false,
            "small_boats" if f.unit == Unit::Boats => true,
            _ => continue,
        };
        let week = f.period.days() == 7;
        if !checked || !(week || f.period.days() == 1) {
            continue;
        }
        let day = f.period.end;
        let since = match record.since {
            RecordSince::YearOfTheDay => NaiveDate::from_ymd_opt(day.year(), 1, 1),
            RecordSince::SeriesStart => Some(first),
        };
        let Some(since) = since else {
            continue;
        };
        let counts = series
            .day_counts()
            .map(|(d, people, n)| (d, if boats { n } else { people }));
        // A week: weeks ending on the claimed week's weekday, the first wholly inside the span
        // (`since` is its last day).
        let since = if week {
            calc::week_end_on(since + chrono::Days::new(6), day.weekday())
        } else {
            since
        };
        let check = if week {
            calc::check_record(calc::weeks_ending(counts, day.weekday()), day, since)
        } else {
            calc::check_record(counts, day, since)
        };
        // Precision as for the level: a lower count is a lower count.
        #[allow(clippy::cast_precision_loss)]
        let as_f64 = |n: u64| n as f64;
        r.record = Some(RecordOut {
            words: record.words.clone(),
            over: if week { "week" } else { "day" }.to_string(),
            since: since.to_string(),
            status: check.status,
            data_value: check.value.map(as_f64),
            highest_before: check.before.map(|(d, n)| DayOut {
                day: d.to_string(),
                value: as_f64(n),
            }),
        });
    }
}

/// "Line 3, "A record 1,185": called the highest day since 1 Jan 2018: consistent (1,250 on
/// 11 Nov 2021; the highest day before it, 853 on 3 Nov 2021)."
pub(super) fn note(r: &ClaimRow) -> Option<String> {
    let rec = r.record.as_ref()?;
    let unit = r.unit.unwrap_or(Unit::People);
    let week = rec.over == "week";
    let back = if week { 6 } else { 0 };
    let day_label = |s: &str| {
        s.parse::<NaiveDate>()
            .ok()
            .and_then(|d| Period::new(d - chrono::Days::new(back), d))
            .map_or_else(|| s.to_string(), |p| p.label())
    };
    let what = if week { "week" } else { "day" };
    let own = match (rec.data_value, &r.period) {
        (Some(v), Some(p)) => format!(
            "{} {} {}",
            human::amount(v, unit),
            if week { "in" } else { "on" },
            p.label
        ),
        _ => format!("no count for the {what}"),
    };
    let before = rec.highest_before.as_ref().map_or_else(String::new, |b| {
        format!(
            "; the highest {what} before it, {} {} {}",
            human::amount(b.value, unit),
            if week { "in" } else { "on" },
            day_label(&b.day)
        )
    });
    // A week's span starts on the first day of its first week.
    let since = rec
        .since
        .parse::<NaiveDate>()
        .ok()
        .map(|d| d - chrono::Days::new(back))
        .and_then(|d| Period::new(d, d))
        .map_or_else(|| rec.since.clone(), |p| p.label());
    Some(format!(
        "Line {}, \"{}\": called the highest {what} since {}: {} ({own}{before}).",
        r.line,
        r.span.text,
        since,
        rec.status.as_str()
    ))
}
