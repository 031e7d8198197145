//! Sparklines: a run of values as block glyphs `▁▂▃▄▅▆▇█`, one character each, for a terminal.
//! The scale runs from zero to the run's own largest value, so a mark's height is in
//! proportion to its value: `▁` is nothing, `█` the largest, and every value above zero is at
//! least `▂` (a quiet week shows; a run of small values is not stretched to look wild).

/// The marks, lowest first.
pub const MARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Shown where a value is missing: a blank that is not a space (U+00A0), so a sparkline
/// wrapped or cut to fit a narrow layout is never broken at its gaps, and its marks stay in
/// step with the months they stand for.
pub const GAP: char = '\u{a0}';

/// One mark per value: a missing or non-finite value is a [`GAP`], a value at or below zero
/// `▁`, the largest `█`, any other in proportion, rounded up to the next of the seven steps
/// above `▁`. All zeros are all `▁`: nothing is divided by a zero maximum.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let max = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => mark(*v, max),
            _ => GAP,
        })
        .collect()
}

/// The mark of `v` on a scale from zero to `max`.
fn mark(v: f64, max: f64) -> char {
    let [lowest, .., highest] = MARKS;
    if v <= 0.0 || max <= 0.0 {
        return lowest;
    }
    let top = MARKS.len() - 1;
    // 0 < v/max ≤ 1, so the step is 1..=top; a rounding error above top stays on the scale.
    let step = (v / max * top as f64).ceil();
    if step >= top as f64 {
        return highest;
    }
    MARKS
        .get((step as usize).max(1))
        .copied()
        .unwrap_or(highest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_run_from_zero_to_the_largest() {
        let v: Vec<Option<f64>> = (0..=7).map(|i| Some(f64::from(i))).collect();
        assert_eq!(sparkline(&v), "▁▂▃▄▅▆▇█");
        // Above zero is at least ▂; in between rounds up to the next seventh.
        assert_eq!(sparkline(&[Some(0.01), Some(7.0), Some(3.5)]), "▂█▅");
        // Scaled to the row's own largest value, whatever its size.
        assert_eq!(
            sparkline(&[Some(1000.0), Some(500.0)]),
            sparkline(&[Some(2.0), Some(1.0)])
        );
    }

    #[test]
    fn flat_zero_and_missing() {
        assert_eq!(sparkline(&[Some(0.0), Some(0.0), Some(0.0)]), "▁▁▁");
        assert_eq!(sparkline(&[Some(5.0), Some(5.0)]), "██");
        assert_eq!(sparkline(&[Some(2.0), None, Some(4.0)]), "▅\u{a0}█");
        assert_eq!(sparkline(&[None, None]), "\u{a0}\u{a0}");
        assert_eq!(sparkline(&[]), "");
        // Not a number is missing; a negative value sits on the floor.
        assert_eq!(
            sparkline(&[Some(f64::NAN), Some(f64::INFINITY), Some(-3.0), Some(1.0)]),
            "\u{a0}\u{a0}▁█"
        );
    }

    #[test]
    fn a_sparkline_with_gaps_is_one_word() {
        // Wrapping breaks at spaces: a gap must not be one.
        let line = sparkline(&[Some(1.0), None, None, Some(2.0)]);
        assert_eq!(line.split(' ').count(), 1, "{line:?}");
    }
}
