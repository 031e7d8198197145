//! A chart as the chart command describes it and both chart renderers draw it (SVG in `svg.rs`,
//! text in `termchart.rs`): the [`Chart`] value, and how its numbers are written on an axis or
//! beside a bar, so the two renderers label the same values the same way.

use super::human::grouped;

/// One year's running totals: (day of the year, 1-based; total).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub points: Vec<(u32, f64)>,
}

/// One bucket and the same bucket a year earlier.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub previous: Option<f64>,
    /// The bucket a year earlier, named as `label` is ("Sep 2024").
    pub previous_label: Option<String>,
    /// Cut by the last day of the data (and compared with the same days a year earlier):
    /// drawn lighter, with a legend entry saying so.
    pub partial: bool,
}

/// One ranked row: its name, value and share of the total (percent).
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub label: String,
    pub value: f64,
    pub share_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Oldest first; the last line is the latest year and is emphasised. `note` labels the
    /// latest point against the same date a year earlier; `latest` is that point (day of the
    /// year, total) and `year_before` the total the note compares it with, at its own day of
    /// the year on the line before the latest. `year_before` is None unless that line is the
    /// year before and the note has a figure for it, so a mark never says more than the note.
    Cumulative {
        lines: Vec<Line>,
        note: Option<String>,
        latest: Option<(u32, f64)>,
        year_before: Option<(u32, f64)>,
    },
    Monthly(Vec<Bar>),
    Top(Vec<Ranked>),
}

/// The chart's data as a table a graphics tool reads (Datawrapper): a first column of ISO
/// dates (or names, for a ranking) and one column per series; None is an empty cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(String, Vec<Option<f64>>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// Under the title: what is counted, in what unit, over what, and its statistics label.
    pub subtitle: String,
    pub y_label: String,
    pub x_label: String,
    /// "Source: …" and licence, printed at the foot.
    pub source: String,
    /// The chart's type and its main finding in one or two sentences: the SVG's `<desc>`,
    /// `--format alt` and the sidecar's alt text.
    pub alt: String,
    /// Notes a reader needs beside the chart (a partial month).
    pub notes: Vec<String>,
    pub table: Table,
    pub body: Body,
}

impl Chart {
    /// Every value drawn: points, bars and the bars a year earlier.
    pub fn values(&self) -> Vec<f64> {
        match &self.body {
            Body::Cumulative { lines, .. } => lines
                .iter()
                .flat_map(|l| l.points.iter().map(|p| p.1))
                .collect(),
            Body::Monthly(bars) => bars
                .iter()
                .flat_map(|b| std::iter::once(b.value).chain(b.previous))
                .collect(),
            Body::Top(rows) => rows.iter().map(|r| r.value).collect(),
        }
    }
}

/// The day of a (non-leap) year each month starts on: a day axis is a guide, not a date.
pub const MONTH_STARTS: [(u32, &str); 12] = [
    (1, "Jan"),
    (32, "Feb"),
    (60, "Mar"),
    (91, "Apr"),
    (121, "May"),
    (152, "Jun"),
    (182, "Jul"),
    (213, "Aug"),
    (244, "Sep"),
    (274, "Oct"),
    (305, "Nov"),
    (335, "Dec"),
];

/// How far line `i` of `count` (oldest first) is behind the latest: None for the latest, 0 for
/// the year before it, and so on. Both renderers pick line colours by it, so a year has the same
/// colour in text as in SVG.
pub fn older(i: usize, count: usize) -> Option<usize> {
    let last = count.saturating_sub(1);
    (i < last).then(|| last - 1 - i)
}

/// From here up a value is written as `1.00e20`: its grouped digits would run across the chart.
const GROUPED_BELOW: f64 = 1e15;

/// Decimals the labels of an axis from 0 to `top` need to differ from one another (about ten
/// steps): none from 10 up, at most 6.
pub fn axis_decimals(top: f64) -> usize {
    if !(top.is_finite() && top > 0.0) || top >= 10.0 {
        return 0;
    }
    let decimals = (1.0 - top.log10()).ceil();
    if decimals.is_finite() {
        decimals.clamp(0.0, 6.0) as usize
    } else {
        0
    }
}

/// Decimals for the values written beside bars and lines: none when all are whole (counts),
/// else enough for the largest to read right.
pub fn value_decimals(values: &[f64]) -> usize {
    if values.iter().all(|v| v.fract() == 0.0) {
        return 0;
    }
    let max = values.iter().copied().fold(0.0, f64::max);
    axis_decimals(max * 10.0).max(1)
}

/// A value written beside a bar at `decimals` (from [`value_decimals`]): as [`number`], but a
/// value that is not zero never reads as zero beside its visible bar: 0.0004 at one decimal is
/// "<0.1".
pub fn value(v: f64, decimals: usize) -> String {
    let unit = 10f64.powi(-i32::try_from(decimals).unwrap_or(i32::MAX));
    if v != 0.0 && v.abs() < unit / 2.0 {
        let smallest = number(unit, decimals);
        return if v > 0.0 {
            format!("<{smallest}")
        } else {
            format!(">-{smallest}")
        };
    }
    number(v, decimals)
}

/// A value on a chart: thousands-separated, or in scientific notation when enormous.
pub fn number(v: f64, decimals: usize) -> String {
    if v.abs() >= GROUPED_BELOW && v.is_finite() {
        format!("{v:.2e}")
    } else {
        grouped(v, decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_until_enormous() {
        assert_eq!(number(27_997.0, 0), "27,997");
        assert_eq!(number(999_999_999_999_999.0, 0), "999,999,999,999,999");
        assert_eq!(number(1e15, 0), "1.00e15");
        assert_eq!(number(f64::MAX, 0), "1.80e308");
        assert_eq!(number(0.25, 2), "0.25");
        assert_eq!(value(0.0004, 1), "<0.1");
        assert_eq!(value(-0.0004, 1), ">-0.1");
        assert_eq!(value(0.4, 0), "<1");
        assert_eq!(value(0.0, 1), "0.0");
        assert_eq!(value(45.3, 1), "45.3");
    }

    #[test]
    fn axis_labels_get_the_decimals_their_steps_need() {
        assert_eq!(axis_decimals(45_000.0), 0);
        assert_eq!(axis_decimals(10.0), 0);
        assert_eq!(axis_decimals(5.0), 1);
        assert_eq!(axis_decimals(0.05), 3);
        assert_eq!(axis_decimals(5e-324), 6);
        assert_eq!(axis_decimals(0.0), 0);
        assert_eq!(axis_decimals(f64::INFINITY), 0);
        assert_eq!(value_decimals(&[1.0, 2.0]), 0);
        assert_eq!(value_decimals(&[0.5, 26.1]), 1);
    }
}
