//! A single day the words call the highest, checked against the daily series the claims are
//! checked against: every earlier day of the span it names.

use super::{ClaimRow, Status};
use crate::calc::{self, ClaimStatus};
use crate::domain::{Period, Unit};
use crate::loader::Input;
use crate::render::human;
use crate::sentences::RecordSince;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

/// A day called the highest, and its check.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RecordOut {
    /// The superlative as written: "record", "busiest".
    pub words: String,
    /// First day of the span the day is the highest of, ISO `YYYY-MM-DD`.
    pub since: String,
    pub status: ClaimStatus,
    /// The day's own count in the series.
    pub data_value: Option<f64>,
    /// The highest earlier day of the span.
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
        if !checked || f.period.days() != 1 {
            continue;
        }
        let day = f.period.start;
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
        let check = calc::check_record(counts, day, since);
        // Precision as for the level: a lower count is a lower count.
        #[allow(clippy::cast_precision_loss)]
        let as_f64 = |n: u64| n as f64;
        r.record = Some(RecordOut {
            words: record.words.clone(),
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
    let day_label = |s: &str| {
        s.parse::<NaiveDate>()
            .ok()
            .and_then(|d| Period::new(d, d))
            .map_or_else(|| s.to_string(), |p| p.label())
    };
    let own = match (rec.data_value, &r.period) {
        (Some(v), Some(p)) => format!("{} on {}", human::amount(v, unit), p.label),
        _ => "no count for the day".to_string(),
    };
    let before = rec.highest_before.as_ref().map_or_else(String::new, |b| {
        format!(
            "; the highest day before it, {} on {}",
            human::amount(b.value, unit),
            day_label(&b.day)
        )
    });
    Some(format!(
        "Line {}, \"{}\": called the highest day since {}: {} ({own}{before}).",
        r.line,
        r.span.text,
        day_label(&rec.since),
        rec.status.as_str()
    ))
}
