//! The change between two values with the spread their stated ranges allow: percent for counts
//! and sums, percentage points for rates.

use crate::domain::{Figure, Range, Unit};
use schemars::JsonSchema;
use serde::Serialize;

/// How a change is expressed: percent for counts and sums, percentage points for rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// `absolute` in the figure's unit and `percent` of the previous value.
    Percent,
    /// `absolute` in percentage points; `percent` is never given (no percent of a percent).
    Points,
}

/// The change from a previous value to a current one, with the spread the stated ranges allow.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    pub kind: ChangeKind,
    /// current − previous, in the figure's unit (percentage points for rates).
    pub absolute: f64,
    /// Lowest and highest difference consistent with both stated ranges.
    pub absolute_range: Range,
    /// 100 × absolute ÷ previous; absent for rates and when the previous value is 0.
    pub percent: Option<f64>,
    /// Lowest and highest percent change consistent with both stated ranges; absent when the
    /// previous range reaches 0 (unbounded) or for rates.
    pub percent_range: Option<Range>,
}

/// Change between two values of one unit, each with its stated range.
pub fn change_between(
    unit: Unit,
    current: f64,
    current_range: Range,
    previous: f64,
    previous_range: Range,
) -> Change {
    let absolute = current - previous;
    let absolute_range = current_range.minus(&previous_range);
    if unit == Unit::Percent {
        return Change {
            kind: ChangeKind::Points,
            absolute,
            absolute_range,
            percent: None,
            percent_range: None,
        };
    }
    let percent = (previous != 0.0)
        .then(|| 100.0 * absolute / previous)
        .filter(|p| p.is_finite());
    let exact =
        current_range.low == current_range.high && previous_range.low == previous_range.high;
    // A huge ratio (a tiny previous value) can overflow once scaled to percent.
    let percent_range = if exact {
        // Two exact values: the range is the percent itself, not a float's width from it.
        percent.map(Range::point)
    } else {
        current_range
            .divided_by(&previous_range)
            .map(|r| r.map(|x| 100.0 * (x - 1.0)))
            .filter(|r| r.low.is_finite() && r.high.is_finite())
    };
    Change {
        kind: ChangeKind::Percent,
        absolute,
        absolute_range,
        percent,
        percent_range,
    }
}

impl Change {
    pub fn between(current: &Figure, previous: &Figure) -> Change {
        change_between(
            current.unit,
            current.value,
            current.stated_range(),
            previous.value,
            previous.stated_range(),
        )
    }

    /// The range a stated change is checked against: percent, or points for rates.
    pub fn claim_range(&self) -> Option<Range> {
        match self.kind {
            ChangeKind::Percent => self.percent_range,
            ChangeKind::Points => Some(self.absolute_range),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn crossings_over_27000_vs_around_18000() {
        let c = change_between(
            Unit::People,
            27_000.0,
            Range::new(27_000.0, 28_000.0),
            18_000.0,
            Range::new(17_500.0, 18_500.0),
        );
        assert_eq!(c.absolute, 9_000.0);
        assert_eq!(c.percent, Some(50.0));
        let r = c.percent_range.unwrap();
        assert!(close(r.low, 45.945_945, 1e-5), "{r:?}");
        assert!(close(r.high, 60.0, 1e-9), "{r:?}");
        assert_eq!(c.absolute_range, Range::new(8_500.0, 10_500.0));
    }

    #[test]
    fn iraqi_arrivals_1900_vs_2600_to_the_nearest_hundred() {
        let c = change_between(
            Unit::People,
            1_900.0,
            Range::new(1_850.0, 1_950.0),
            2_600.0,
            Range::new(2_550.0, 2_650.0),
        );
        assert_eq!(c.absolute, -700.0);
        assert!(close(c.percent.unwrap(), -26.923_077, 1e-5));
        let r = c.percent_range.unwrap();
        assert!(close(r.low, -30.188_679, 1e-5), "{r:?}");
        assert!(close(r.high, -23.529_412, 1e-5), "{r:?}");
    }

    #[test]
    fn rates_change_in_points() {
        let c = change_between(
            Unit::Percent,
            26.0,
            Range::new(25.5, 26.5),
            40.0,
            Range::new(39.5, 40.5),
        );
        assert_eq!(c.kind, ChangeKind::Points);
        assert_eq!(c.absolute, -14.0);
        assert_eq!(c.percent, None);
        assert_eq!(c.absolute_range, Range::new(-15.0, -13.0));
    }

    fn finite(c: &Change) -> bool {
        let ranges = [Some(c.absolute_range), c.percent_range];
        c.absolute.is_finite()
            && c.percent.is_none_or(f64::is_finite)
            && ranges
                .iter()
                .flatten()
                .all(|r| r.low.is_finite() && r.high.is_finite())
    }

    #[test]
    fn huge_and_tiny_values_give_no_infinite_change() {
        let max = f64::MAX;
        let tiny = f64::MIN_POSITIVE;
        let cases = [
            // (current, its range, previous, its range)
            (max, Range::new(max / 2.0, max), 10.0, Range::new(9.5, 10.5)),
            (max, Range::point(max), tiny, Range::point(tiny)),
            (
                1.0,
                Range::new(0.5, 1.5),
                tiny,
                Range::new(tiny, 2.0 * tiny),
            ),
            (0.0, Range::point(0.0), max, Range::new(max / 2.0, max)),
            (5e-324, Range::point(5e-324), 5e-324, Range::point(5e-324)),
        ];
        for (cur, cur_r, prev, prev_r) in cases {
            let c = change_between(Unit::People, cur, cur_r, prev, prev_r);
            assert!(finite(&c), "{cur} vs {prev}: {c:?}");
        }
        // A percent too large for f64 is left out, not infinite.
        let c = change_between(
            Unit::People,
            max,
            Range::point(max),
            10.0,
            Range::point(10.0),
        );
        assert_eq!((c.percent, c.percent_range), (None, None));
        assert_eq!(c.absolute, max - 10.0);
    }

    #[test]
    fn exact_counts_change_by_a_point() {
        // Iraqi small boat arrivals, Irr_D01: 4,574 in 2022, 2,545 in 2023.
        let c = change_between(
            Unit::People,
            2_545.0,
            Range::point(2_545.0),
            4_574.0,
            Range::point(4_574.0),
        );
        assert_eq!(c.absolute_range, Range::point(-2_029.0));
        let p = c.percent.unwrap();
        assert!((p - -44.359_42).abs() < 1e-4, "{p}");
        assert_eq!(c.percent_range, Some(Range::point(p)));
    }

    #[test]
    fn from_zero_there_is_no_percent() {
        let c = change_between(Unit::People, 5.0, Range::point(5.0), 0.0, Range::point(0.0));
        assert_eq!(c.percent, None);
        assert_eq!(c.percent_range, None);
        assert_eq!(c.absolute, 5.0);
    }
}
