//! Closed intervals of plausible values and the arithmetic on them.

use schemars::JsonSchema;
use serde::Serialize;

/// A closed interval of plausible values, `low <= high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl Range {
    pub fn new(a: f64, b: f64) -> Self {
        if a <= b {
            Range { low: a, high: b }
        } else {
            Range { low: b, high: a }
        }
    }

    pub fn point(v: f64) -> Self {
        Range { low: v, high: v }
    }

    pub fn contains(&self, v: f64) -> bool {
        self.low <= v && v <= self.high
    }

    pub fn overlaps(&self, other: &Range) -> bool {
        self.low <= other.high && other.low <= self.high
    }

    /// Every difference `a - b` with `a` in `self` and `b` in `other`.
    pub fn minus(&self, other: &Range) -> Range {
        Range::new(self.low - other.high, self.high - other.low)
    }

    /// Every ratio `a / b` with `a` in `self` and `b` in `other`, both non-negative.
    /// None when `other` reaches zero, where the ratio is unbounded.
    pub fn divided_by(&self, other: &Range) -> Option<Range> {
        if other.low <= 0.0 {
            return None;
        }
        let r = Range::new(self.low / other.high, self.high / other.low);
        (r.low.is_finite() && r.high.is_finite()).then_some(r)
    }

    pub fn map(&self, f: impl Fn(f64) -> f64) -> Range {
        Range::new(f(self.low), f(self.high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minus_takes_the_widest_spread() {
        let cur = Range::new(27_000.0, 28_000.0);
        let prev = Range::new(17_500.0, 18_500.0);
        assert_eq!(cur.minus(&prev), Range::new(8_500.0, 10_500.0));
    }

    #[test]
    fn division_by_a_range_touching_zero_is_unbounded() {
        assert!(
            Range::new(1.0, 2.0)
                .divided_by(&Range::new(0.0, 1.0))
                .is_none()
        );
        let r = Range::new(1.0, 2.0).divided_by(&Range::new(2.0, 4.0));
        assert_eq!(r, Some(Range::new(0.25, 1.0)));
    }

    #[test]
    fn new_orders_its_ends() {
        assert_eq!(Range::new(3.0, 1.0), Range::new(1.0, 3.0));
        assert!(Range::new(1.0, 3.0).contains(3.0));
        assert!(!Range::new(1.0, 3.0).contains(3.5));
        assert!(Range::new(1.0, 3.0).overlaps(&Range::new(3.0, 4.0)));
        assert!(!Range::new(1.0, 3.0).overlaps(&Range::new(3.1, 4.0)));
    }
}
