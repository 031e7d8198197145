//! CSV columns as (name, writer) pairs: a [`Field`] names one column and writes its field, so
//! a header and its rows cannot drift apart. The groups several commands' rows share (a series
//! and period, a stated figure, the year before, a change, a rate's counts) are declared here
//! once, over an accessor into the row.

use super::dto::*;
use crate::calc::Change;
use crate::domain::Unit;
use crate::render::FlatSink;
use serde::Serialize;

type Write<R> = Box<dyn Fn(&R, &mut dyn FlatSink)>;

/// One CSV column of rows of type `R`: its name, and the writer of its one field.
pub struct Field<R> {
    pub name: &'static str,
    write: Write<R>,
}

impl<R> Field<R> {
    pub fn new(name: &'static str, write: impl Fn(&R, &mut dyn FlatSink) + 'static) -> Self {
        Field {
            name,
            write: Box::new(write),
        }
    }

    /// A text field.
    pub fn text(name: &'static str, get: impl Fn(&R) -> &str + 'static) -> Self {
        Field::new(name, move |r, s| s.text(get(r)))
    }

    /// A number, or an empty field.
    pub fn number(name: &'static str, get: impl Fn(&R) -> Option<f64> + 'static) -> Self {
        Field::new(name, move |r, s| s.number_opt(get(r)))
    }

    /// A day, ISO `YYYY-MM-DD` (a date cell in XLSX), or an empty field.
    pub fn date(
        name: &'static str,
        get: impl Fn(&R) -> Option<chrono::NaiveDate> + 'static,
    ) -> Self {
        Field::new(name, move |r, s| match get(r) {
            Some(d) => s.date(d),
            None => s.text(""),
        })
    }

    /// `true` or `false` (a boolean cell in XLSX).
    pub fn boolean(name: &'static str, get: impl Fn(&R) -> bool + 'static) -> Self {
        Field::new(name, move |r, s| s.boolean(get(r)))
    }

    /// A day held as ISO text: a date cell in XLSX when it reads as one, else the text.
    pub fn iso_date(name: &'static str, get: impl Fn(&R) -> &str + 'static) -> Self {
        Field::new(name, move |r, s| {
            let text = get(r);
            match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(d) if d.to_string() == text => s.date(d),
                _ => s.text(text),
            }
        })
    }

    /// A moment held as RFC 3339 text: written as it is, a date-time cell (UTC) in XLSX.
    pub fn moment(name: &'static str, get: impl Fn(&R) -> &str + 'static) -> Self {
        Field::new(name, move |r, s| {
            let text = get(r);
            match chrono::DateTime::parse_from_rfc3339(text) {
                Ok(at) => s.datetime(text, at.naive_utc()),
                Err(_) => s.text(text),
            }
        })
    }

    pub fn write(&self, row: &R, sink: &mut dyn FlatSink) {
        (self.write)(row, sink)
    }
}

/// The names of `fields`, in order: a CSV header.
pub fn names<R>(fields: &[Field<R>]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

/// What names a figure's series and period in [`series`].
pub struct SeriesRef<'a> {
    pub id: &'a str,
    pub metric: &'a str,
    pub country: &'a str,
    pub unit: Unit,
    pub period: &'a PeriodOut,
}

/// A figure's series and period.
pub fn series<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> SeriesRef<'a> + Copy + 'static,
) -> Vec<Field<R>> {
    vec![
        Field::text("id", move |r| get(r).id),
        Field::text("metric", move |r| get(r).metric),
        Field::text("country", move |r| get(r).country),
        Field::text("unit", move |r| get(r).unit.as_str()),
        Field::date("period_start", move |r| Some(get(r).period.span.start)),
        Field::date("period_end", move |r| Some(get(r).period.span.end)),
        Field::text("period_label", move |r| &get(r).period.label),
    ]
}

/// A stated figure of a series: what [`stated`] writes.
pub struct StatedRef<'a> {
    pub stated: &'a StatedOut,
    pub metric: &'a str,
    pub country: &'a str,
    pub unit: Unit,
}

/// A stated figure: its series (with its own id and period), then its value and range.
pub fn stated<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> StatedRef<'a> + Copy + 'static,
) -> Vec<Field<R>> {
    let mut fields = series(move |r| {
        let s = get(r);
        SeriesRef {
            id: &s.stated.id,
            metric: s.metric,
            country: s.country,
            unit: s.unit,
            period: &s.stated.period,
        }
    });
    fields.extend([
        Field::number("value", move |r| Some(get(r).stated.value)),
        Field::text("qualifier", move |r| get(r).stated.qualifier.as_str()),
        Field::number("rounded_to", move |r| Some(get(r).stated.rounded_to)),
        Field::number("range_low", move |r| Some(get(r).stated.range.low)),
        Field::number("range_high", move |r| Some(get(r).stated.range.high)),
    ]);
    fields
}

/// A change, empty when there is none.
pub fn change<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> Option<&'a Change> + Copy + 'static,
) -> Vec<Field<R>> {
    vec![
        Field::new("change_kind", move |r, s| {
            s.text(&get(r).map(|c| serde_plain(c.kind)).unwrap_or_default())
        }),
        Field::number("change_absolute", move |r| get(r).map(|c| c.absolute)),
        Field::number("change_absolute_low", move |r| {
            get(r).map(|c| c.absolute_range.low)
        }),
        Field::number("change_absolute_high", move |r| {
            get(r).map(|c| c.absolute_range.high)
        }),
        Field::number("change_percent", move |r| get(r).and_then(|c| c.percent)),
        Field::number("change_percent_low", move |r| {
            get(r).and_then(|c| c.percent_range).map(|x| x.low)
        }),
        Field::number("change_percent_high", move |r| {
            get(r).and_then(|c| c.percent_range).map(|x| x.high)
        }),
    ]
}

/// The year before, empty when there is none.
pub fn previous<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> Option<&'a PreviousOut> + Copy + 'static,
) -> Vec<Field<R>> {
    vec![
        Field::new("previous_kind", move |r, s| {
            s.text(&get(r).map(|p| serde_plain(p.kind)).unwrap_or_default())
        }),
        Field::text("previous_id", move |r| {
            get(r).and_then(|p| p.id.as_deref()).unwrap_or_default()
        }),
        Field::number("previous_value", move |r| get(r).map(|p| p.value)),
        Field::number("previous_low", move |r| get(r).map(|p| p.range.low)),
        Field::number("previous_high", move |r| get(r).map(|p| p.range.high)),
    ]
}

/// A rate's counts, empty when the figure is not a rate.
pub fn rate_base<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> Option<&'a RateBaseOut> + Copy + 'static,
) -> Vec<Field<R>> {
    let cohort = move |r: &R| get(r).and_then(|b| b.cohort);
    vec![
        Field::number("rate_count", move |r| get(r).map(|b| b.count)),
        Field::number("rate_base", move |r| get(r).map(|b| b.base)),
        Field::number("cohort_size", move |r| cohort(r).map(|c| c.size)),
        Field::number("cohort_awaiting", move |r| cohort(r).map(|c| c.awaiting)),
        Field::number("cohort_withdrawn", move |r| cohort(r).map(|c| c.withdrawn)),
        Field::number("cohort_share_decided_pct", move |r| {
            cohort(r).map(|c| c.share_decided_pct)
        }),
    ]
}

/// The previous rate's counts, empty when there is none.
pub fn previous_rate_base<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> Option<&'a PreviousOut> + Copy + 'static,
) -> Vec<Field<R>> {
    let base = part(move |r: &R| get(r).and_then(|p| p.rate_base.as_ref()));
    vec![
        Field::number("previous_rate_count", move |r| base(r).map(|b| b.count)),
        Field::number("previous_rate_base", move |r| base(r).map(|b| b.base)),
        Field::number("previous_cohort_share_decided_pct", move |r| {
            base(r).and_then(|b| b.cohort).map(|c| c.share_decided_pct)
        }),
    ]
}

/// `f` as a function from a row to a part borrowed from it: a closure alone does not infer
/// that its result borrows from its argument.
fn part<R, T: ?Sized>(
    f: impl for<'a> Fn(&'a R) -> Option<&'a T> + Copy,
) -> impl for<'a> Fn(&'a R) -> Option<&'a T> + Copy {
    f
}

/// The JSON spelling of a unit-like enum (`not_checkable`), for CSV.
pub fn serde_plain<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A check's receipt, empty when there is no official figure (the figures reader ignores these
/// columns: `crate::loader::figures_csv::CHECK_COLUMNS`).
pub fn receipt<R: 'static>(
    get: impl for<'a> Fn(&'a R) -> Option<&'a super::Receipt> + Copy + 'static,
) -> Vec<Field<R>> {
    let rows = part(move |r: &R| get(r).and_then(|x| x.rows.as_ref()));
    vec![
        Field::text("release", move |r| {
            get(r)
                .and_then(|x| x.release.as_deref())
                .unwrap_or_default()
        }),
        Field::text("release_date", move |r| {
            get(r)
                .and_then(|x| x.release_date.as_deref())
                .unwrap_or_default()
        }),
        Field::text("release_url", move |r| {
            get(r).and_then(|x| x.url.as_deref()).unwrap_or_default()
        }),
        Field::text("file", move |r| {
            get(r).and_then(|x| x.file.as_deref()).unwrap_or_default()
        }),
        Field::text("sha256", move |r| {
            get(r).and_then(|x| x.sha256.as_deref()).unwrap_or_default()
        }),
        Field::text("sheet", move |r| {
            get(r).and_then(|x| x.sheet.as_deref()).unwrap_or_default()
        }),
        Field::text("statistics", move |r| {
            get(r)
                .and_then(|x| x.statistics.as_deref())
                .unwrap_or_default()
        }),
        // A day is a date cell; a quarter ("2024 Q3") text.
        Field::new("rows_first", move |r, s| {
            day_or_text(s, rows(r).map(|x| &x.first))
        }),
        Field::new("rows_last", move |r, s| {
            day_or_text(s, rows(r).map(|x| &x.last))
        }),
        Field::number("rows_count", move |r| rows(r).map(|x| x.count as f64)),
        Field::text("rows_are", move |r| {
            rows(r).map_or("", |x| x.rows_are.as_str())
        }),
        Field::text("categories", move |r| rows(r).map_or("", |x| &x.categories)),
        Field::text("arithmetic", move |r| {
            get(r)
                .and_then(|x| x.arithmetic.as_deref())
                .unwrap_or_default()
        }),
    ]
}

fn day_or_text(sink: &mut dyn FlatSink, v: Option<&String>) {
    match v.map(|t| (t, t.parse::<chrono::NaiveDate>())) {
        Some((_, Ok(day))) => sink.date(day),
        Some((t, Err(_))) => sink.text(t),
        None => sink.text(""),
    }
}
