//! CSV column groups several commands' rows share: each group's names and the writer of its fields.

use super::dto::*;
use crate::calc::Change;
use crate::render::FlatSink;
use serde::Serialize;

/// CSV columns of a rate's counts, as [`rate_base_fields`] writes them (empty when none).
pub const RATE_BASE_COLUMNS: [&str; 6] = [
    "rate_count",
    "rate_base",
    "cohort_size",
    "cohort_awaiting",
    "cohort_withdrawn",
    "cohort_share_decided_pct",
];

/// A rate's counts in [`RATE_BASE_COLUMNS`] order.
pub fn rate_base_values(b: Option<&RateBaseOut>) -> [Option<f64>; 6] {
    let c = b.and_then(|b| b.cohort);
    [
        b.map(|b| b.count),
        b.map(|b| b.base),
        c.map(|c| c.size),
        c.map(|c| c.awaiting),
        c.map(|c| c.withdrawn),
        c.map(|c| c.share_decided_pct),
    ]
}

pub fn rate_base_fields(sink: &mut dyn FlatSink, b: Option<&RateBaseOut>) {
    for v in rate_base_values(b) {
        sink.number_opt(v);
    }
}

/// CSV columns naming a figure's series and period, as [`series_fields`] writes them.
pub const SERIES_COLUMNS: [&str; 7] = [
    "id",
    "metric",
    "country",
    "unit",
    "period_start",
    "period_end",
    "period_label",
];

pub fn series_fields(
    sink: &mut dyn FlatSink,
    id: &str,
    metric: &str,
    country: &str,
    unit: crate::domain::Unit,
    period: &PeriodOut,
) {
    for field in [id, metric, country, unit.as_str()] {
        sink.text(field);
    }
    sink.date(period.span.start);
    sink.date(period.span.end);
    sink.text(&period.label);
}

/// CSV columns of a stated figure after its series: [`stated_fields`] writes both.
pub const STATED_VALUE_COLUMNS: [&str; 5] = [
    "value",
    "qualifier",
    "rounded_to",
    "range_low",
    "range_high",
];

pub fn stated_fields(
    sink: &mut dyn FlatSink,
    s: &StatedOut,
    metric: &str,
    country: &str,
    unit: crate::domain::Unit,
) {
    series_fields(sink, &s.id, metric, country, unit, &s.period);
    sink.number(s.value);
    sink.text(s.qualifier.as_str());
    sink.number(s.rounded_to);
    sink.number(s.range.low);
    sink.number(s.range.high);
}

/// CSV columns of a change, as [`change_fields`] writes them (empty when there is none).
pub const CHANGE_COLUMNS: [&str; 7] = [
    "change_kind",
    "change_absolute",
    "change_absolute_low",
    "change_absolute_high",
    "change_percent",
    "change_percent_low",
    "change_percent_high",
];

pub fn change_fields(sink: &mut dyn FlatSink, c: Option<&Change>) {
    sink.text(&c.map(|c| serde_plain(c.kind)).unwrap_or_default());
    sink.number_opt(c.map(|c| c.absolute));
    sink.number_opt(c.map(|c| c.absolute_range.low));
    sink.number_opt(c.map(|c| c.absolute_range.high));
    sink.number_opt(c.and_then(|c| c.percent));
    sink.number_opt(c.and_then(|c| c.percent_range).map(|r| r.low));
    sink.number_opt(c.and_then(|c| c.percent_range).map(|r| r.high));
}

/// CSV columns of the previous rate's counts, as [`previous_rate_base_fields`] writes them.
pub const PREVIOUS_RATE_BASE_COLUMNS: [&str; 3] = [
    "previous_rate_count",
    "previous_rate_base",
    "previous_cohort_share_decided_pct",
];

pub fn previous_rate_base_fields(sink: &mut dyn FlatSink, p: Option<&PreviousOut>) {
    let b = p.and_then(|p| p.rate_base.as_ref());
    sink.number_opt(b.map(|b| b.count));
    sink.number_opt(b.map(|b| b.base));
    sink.number_opt(b.and_then(|b| b.cohort).map(|c| c.share_decided_pct));
}

/// CSV columns of the year before, as [`previous_fields`] writes them (empty when there is none).
pub const PREVIOUS_COLUMNS: [&str; 5] = [
    "previous_kind",
    "previous_id",
    "previous_value",
    "previous_low",
    "previous_high",
];

pub fn previous_fields(sink: &mut dyn FlatSink, p: Option<&PreviousOut>) {
    sink.text(&p.map(|p| serde_plain(p.kind)).unwrap_or_default());
    sink.text(p.and_then(|p| p.id.as_deref()).unwrap_or_default());
    sink.number_opt(p.map(|p| p.value));
    sink.number_opt(p.map(|p| p.range.low));
    sink.number_opt(p.map(|p| p.range.high));
}

/// The JSON spelling of a unit-like enum (`not_checkable`), for CSV.
pub fn serde_plain<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
