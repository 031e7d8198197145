//! Stated changes ("+14%"): their precision, the previous value they imply, and whether the data
//! bear them out.

use super::{Change, ChangeKind};
use crate::domain::{Figure, Range, Unit};
use schemars::JsonSchema;
use serde::Serialize;

/// A stated year-on-year change without decimals is taken to be rounded to the nearest whole
/// percent (docs/methodology.md, "Changes").
pub const STATED_PCT_ROUNDED_TO: f64 = 1.0;

/// Precision of a stated change from the decimals it was written with (the shortest text that
/// reads back to the number): 14 → 1, 16.6 → 0.1, 2.25 → 0.01.
pub fn stated_precision(value: f64) -> f64 {
    let text = value.abs().to_string();
    match text.split_once('.') {
        // Exponent forms (1e-7) and absurd precisions fall back to the smallest step shown.
        Some((_, decimals)) if decimals.bytes().all(|b| b.is_ascii_digit()) => {
            let places = i32::try_from(decimals.len()).unwrap_or(i32::MAX).min(6);
            10f64.powi(-places)
        }
        Some(_) => 1e-6,
        None if text.contains('e') => 1e-6,
        None => STATED_PCT_ROUNDED_TO,
    }
}

/// Whether a stated claim agrees with what the data allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// The claim lies within what the data allow.
    Consistent,
    /// "More than v" holds, but the data lie above v + its rounding: a stronger figure holds.
    Understated,
    /// "Fewer than v" holds, but the data lie below v − its rounding: a stronger figure holds.
    Overstated,
    /// The data rule the claim out.
    Inconsistent,
    /// Nothing in the data to check it against.
    NotCheckable,
}

impl ClaimStatus {
    /// Every status, in the order the summary line counts them.
    pub const ALL: [ClaimStatus; 5] = [
        ClaimStatus::Consistent,
        ClaimStatus::Understated,
        ClaimStatus::Overstated,
        ClaimStatus::Inconsistent,
        ClaimStatus::NotCheckable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Consistent => "consistent",
            ClaimStatus::Understated => "understated",
            ClaimStatus::Overstated => "overstated",
            ClaimStatus::Inconsistent => "inconsistent",
            ClaimStatus::NotCheckable => "not checkable",
        }
    }
}

/// A source's own "+14%": the value, and the values its rounding allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct StatedChange {
    /// As stated: percent, or percentage points for rates.
    pub value: f64,
    pub range: Range,
}

impl StatedChange {
    /// The claim as written: a whole "+14%" is rounded to 1 (docs/methodology.md, "A stated
    /// change"); "+16.6%" states its own precision, 0.1.
    pub fn of(figure: &Figure) -> Option<StatedChange> {
        let value = figure.stated_yoy_pct?;
        let half = stated_precision(value) / 2.0;
        Some(StatedChange {
            value,
            range: Range::new(value - half, value + half),
        })
    }
}

/// A previous value worked back from a stated change, with its range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Implied {
    pub value: f64,
    pub range: Range,
}

/// previous ≈ value ÷ (1 + pct/100), or value − points for rates. None when the stated fall is so
/// large that the rounding allows a fall of 100% or more (no finite previous value).
pub fn implied_previous(figure: &Figure, stated: &StatedChange) -> Option<Implied> {
    let cur = figure.stated_range();
    let (value, range) = if figure.unit == Unit::Percent {
        let value = figure.value - stated.value;
        // A rate is 0 to 100: a change in points that leaves it outside has no previous value.
        if !(0.0..=100.0).contains(&value) {
            return None;
        }
        let r = Range::new(cur.low - stated.range.high, cur.high - stated.range.low);
        (value, r.map(|x| x.clamp(0.0, 100.0)))
    } else {
        let factor = |p: f64| 1.0 + p / 100.0;
        let (lowest, highest) = (factor(stated.range.low), factor(stated.range.high));
        if lowest <= 0.0 {
            return None;
        }
        (
            figure.value / factor(stated.value),
            Range::new(cur.low / highest, cur.high / lowest),
        )
    };
    (value.is_finite() && range.low.is_finite() && range.high.is_finite())
        .then_some(Implied { value, range })
}

/// The change from a previous value worked back from the stated change. It cannot be wider than
/// the statement it came from: its percent range (points for rates) is the stated change's
/// rounding interval, and its absolute range is what the current range and that interval allow
/// together (current × p ÷ (1 + p) at the corners), not the current range less the implied one
/// as if the two were independent.
pub fn implied_change(figure: &Figure, stated: &StatedChange, implied: &Implied) -> Option<Change> {
    let cur = figure.stated_range();
    let absolute = figure.value - implied.value;
    let change = if figure.unit == Unit::Percent {
        // Points: the change is the stated one, as far as a previous rate of 0–100 allows.
        let possible = cur.minus(&Range::new(0.0, 100.0));
        let r = Range::new(
            stated.range.low.max(possible.low),
            stated.range.high.min(possible.high),
        );
        Change {
            kind: ChangeKind::Points,
            absolute,
            absolute_range: r,
            percent: None,
            percent_range: None,
        }
    } else {
        // previous = current ÷ (1 + p), so change = current × p ÷ (1 + p): monotonic in each,
        // so its extremes are at the corners.
        let part = |p: f64| (p / 100.0) / (1.0 + p / 100.0);
        let corners = [
            cur.low * part(stated.range.low),
            cur.low * part(stated.range.high),
            cur.high * part(stated.range.low),
            cur.high * part(stated.range.high),
        ];
        let low = corners.iter().copied().fold(f64::INFINITY, f64::min);
        let high = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Change {
            kind: ChangeKind::Percent,
            absolute,
            absolute_range: Range::new(low, high),
            percent: Some(stated.value),
            percent_range: Some(stated.range),
        }
    };
    let ranges = [Some(change.absolute_range), change.percent_range];
    let finite = change.absolute.is_finite()
        && ranges
            .iter()
            .flatten()
            .all(|r| r.low.is_finite() && r.high.is_finite() && r.low <= r.high);
    finite.then_some(change)
}

/// A stated change with no previous figure to test it against: not checkable, except a rate
/// whose stated change in points would put the year before outside 0–100 (e.g. 10% "down 95
/// points"), which no data could bear out.
pub fn check_without_previous(figure: &Figure, stated: &StatedChange) -> ClaimStatus {
    let cur = figure.stated_range();
    let before = Range::new(cur.low - stated.range.high, cur.high - stated.range.low);
    if figure.unit == Unit::Percent && !before.overlaps(&Range::new(0.0, 100.0)) {
        ClaimStatus::Inconsistent
    } else {
        ClaimStatus::NotCheckable
    }
}

/// A stated change is consistent when its rounding interval meets the computed change range.
pub fn check_stated_change(stated: &StatedChange, change: &Change) -> ClaimStatus {
    match change.claim_range() {
        Some(r) if r.overlaps(&stated.range) => ClaimStatus::Consistent,
        Some(_) => ClaimStatus::Inconsistent,
        None => ClaimStatus::NotCheckable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::change_between;
    use crate::domain::{Origin, Period, Qualifier};

    fn returns_figure() -> Figure {
        Figure {
            id: "returns-2024-25".into(),
            metric: "returns".into(),
            country: "all".into(),
            period: Period::new("2024-07-05".parse().unwrap(), "2025-07-04".parse().unwrap())
                .unwrap(),
            value: 35_000.0,
            unit: Unit::People,
            qualifier: Qualifier::Over,
            rounded_to: 1_000.0,
            stated_yoy_pct: Some(14.0),
            source: "UK Government".into(),
            note: None,
            rate_base: None,
            derivation: None,
            origin: Origin {
                file: "t".into(),
                line: 2,
            },
        }
    }

    #[test]
    fn returns_over_35000_up_14_percent_implies_about_30700() {
        let f = returns_figure();
        let stated = StatedChange::of(&f).unwrap();
        let imp = implied_previous(&f, &stated).unwrap();
        assert!((imp.value - 30_701.754_386).abs() < 1e-5, "{imp:?}");
        assert!((imp.range.low - 30_567.685_590).abs() < 1e-5, "{imp:?}");
        assert!((imp.range.high - 31_718.061_674).abs() < 1e-5, "{imp:?}");
    }

    #[test]
    fn the_change_worked_back_from_a_claim_stays_inside_it() {
        // "More than 35,000, a 14% increase": +13.5% to +14.5%, and +4,163 to +4,559 (35,000 at
        // +13.5% to 36,000 at +14.5%), not +10.3% to +17.8% (+3,282 to +5,432).
        let f = returns_figure();
        let stated = StatedChange::of(&f).unwrap();
        let imp = implied_previous(&f, &stated).unwrap();
        let c = implied_change(&f, &stated, &imp).unwrap();
        assert_eq!(c.kind, ChangeKind::Percent);
        assert_eq!(c.percent, Some(14.0));
        assert_eq!(c.percent_range, Some(Range::new(13.5, 14.5)));
        assert!((c.absolute - 4_298.245_614).abs() < 1e-5, "{c:?}");
        let r = c.absolute_range;
        assert!((r.low - 35_000.0 * 0.135 / 1.135).abs() < 1e-6, "{r:?}");
        assert!((r.high - 36_000.0 * 0.145 / 1.145).abs() < 1e-6, "{r:?}");
        assert_eq!((r.low.round(), r.high.round()), (4_163.0, 4_559.0));
        // A fall: "more than 35,000, down 14%" is -6,221 to -5,558 (36,000 at -14.5%, 35,000 at
        // -13.5%).
        let mut down = returns_figure();
        down.stated_yoy_pct = Some(-14.0);
        let stated = StatedChange::of(&down).unwrap();
        let imp = implied_previous(&down, &stated).unwrap();
        let c = implied_change(&down, &stated, &imp).unwrap();
        assert_eq!(c.percent_range, Some(Range::new(-14.5, -13.5)));
        let r = c.absolute_range;
        assert!((r.low - 36_000.0 * -0.145 / 0.855).abs() < 1e-6, "{r:?}");
        assert!((r.high - 35_000.0 * -0.135 / 0.865).abs() < 1e-6, "{r:?}");
    }

    #[test]
    fn a_rate_worked_back_changes_by_the_stated_points() {
        let mut f = returns_figure();
        f.unit = Unit::Percent;
        f.value = 26.0;
        f.rounded_to = 1.0;
        f.qualifier = Qualifier::About;
        f.stated_yoy_pct = Some(-10.0);
        let stated = StatedChange::of(&f).unwrap();
        let imp = implied_previous(&f, &stated).unwrap();
        let c = implied_change(&f, &stated, &imp).unwrap();
        assert_eq!(c.kind, ChangeKind::Points);
        assert_eq!(c.absolute, -10.0);
        assert_eq!(c.absolute_range, Range::new(-10.5, -9.5));
        // Exactly 99%, "down 1 point" (0.5 to 1.5): the year before was at most 100%, so the
        // fall was 0.5 to 1 point.
        f.value = 99.0;
        f.qualifier = Qualifier::Exact;
        f.rounded_to = 0.0;
        f.stated_yoy_pct = Some(-1.0);
        let stated = StatedChange::of(&f).unwrap();
        let imp = implied_previous(&f, &stated).unwrap();
        let c = implied_change(&f, &stated, &imp).unwrap();
        assert!((c.absolute_range.low - -1.0).abs() < 1e-9, "{c:?}");
        assert!((c.absolute_range.high - -0.5).abs() < 1e-9, "{c:?}");
    }

    #[test]
    fn a_stated_change_is_as_precise_as_it_was_written() {
        assert_eq!(stated_precision(14.0), 1.0);
        assert_eq!(stated_precision(-14.0), 1.0);
        assert!((stated_precision(16.6) - 0.1).abs() < 1e-12);
        assert!((stated_precision(2.25) - 0.01).abs() < 1e-12);
        // 1170 vs 1000 exactly is +17.0%: a stated +16.6% is then inconsistent, not rounded away.
        let exact = |v: f64| Range::new(v - 0.5, v + 0.5);
        let change = change_between(Unit::People, 1170.0, exact(1170.0), 1000.0, exact(1000.0));
        let mut f = returns_figure();
        f.stated_yoy_pct = Some(16.6);
        let stated = StatedChange::of(&f).unwrap();
        assert_eq!(
            check_stated_change(&stated, &change),
            ClaimStatus::Inconsistent
        );
        f.stated_yoy_pct = Some(17.0);
        let stated = StatedChange::of(&f).unwrap();
        assert_eq!(
            check_stated_change(&stated, &change),
            ClaimStatus::Consistent
        );
    }

    #[test]
    fn an_impossible_change_in_a_rate_is_inconsistent_without_data() {
        let mut f = returns_figure();
        f.unit = Unit::Percent;
        f.value = 10.0;
        f.rounded_to = 1.0;
        f.qualifier = Qualifier::About;
        f.stated_yoy_pct = Some(-95.0);
        let stated = StatedChange::of(&f).unwrap();
        assert_eq!(implied_previous(&f, &stated), None);
        assert_eq!(
            check_without_previous(&f, &stated),
            ClaimStatus::Inconsistent
        );
        f.stated_yoy_pct = Some(-5.0);
        let stated = StatedChange::of(&f).unwrap();
        assert_eq!(
            check_without_previous(&f, &stated),
            ClaimStatus::NotCheckable
        );
    }

    #[test]
    fn implied_is_refused_for_a_fall_of_everything() {
        let mut f = returns_figure();
        // The loader refuses -100 itself; the calculator must still not divide by zero. A whole
        // -100 allows -100.5 to -99.5, a fall of everything and more.
        f.stated_yoy_pct = Some(-100.0);
        let stated = StatedChange::of(&f).unwrap();
        assert_eq!(implied_previous(&f, &stated), None);
        // -99.7 is precise to 0.1: a previous value about 333 times larger is implied.
        f.stated_yoy_pct = Some(-99.7);
        let stated = StatedChange::of(&f).unwrap();
        let implied = implied_previous(&f, &stated).unwrap();
        assert!(
            (implied.value - 35_000.0 / 0.003).abs() < 1e-3,
            "{implied:?}"
        );
    }

    #[test]
    fn implied_rate_must_be_a_rate() {
        let mut f = returns_figure();
        f.unit = Unit::Percent;
        f.value = 26.0;
        f.rounded_to = 1.0;
        f.qualifier = Qualifier::About;
        f.stated_yoy_pct = Some(-10.0);
        let imp = implied_previous(&f, &StatedChange::of(&f).unwrap()).unwrap();
        assert_eq!(imp.value, 36.0);
        assert_eq!(imp.range, Range::new(35.0, 37.0));
        // +50 points on a 26% rate: the year before would have been -24%.
        f.stated_yoy_pct = Some(50.0);
        assert_eq!(implied_previous(&f, &StatedChange::of(&f).unwrap()), None);
    }

    #[test]
    fn implied_values_stay_finite_for_extreme_inputs() {
        let mut f = returns_figure();
        for (value, rounded_to, pct) in [
            (f64::MAX / 2.0, f64::MAX / 4.0, 14.0),
            (f64::MAX / 2.0, 1.0, -99.4),
            (1.0, 1.0, f64::MAX),
            (5e-324, 5e-324, -99.0),
            (0.0, 1.0, 0.0),
        ] {
            f.value = value;
            f.rounded_to = rounded_to;
            f.stated_yoy_pct = Some(pct);
            let stated = StatedChange::of(&f).unwrap();
            if let Some(imp) = implied_previous(&f, &stated) {
                assert!(
                    imp.value.is_finite()
                        && imp.range.low.is_finite()
                        && imp.range.high.is_finite(),
                    "{value} {rounded_to} {pct}: {imp:?}"
                );
            }
        }
        // A fall of 99.4% on half of f64::MAX implies a previous value beyond f64: none.
        f.value = f64::MAX / 2.0;
        f.rounded_to = 1.0;
        f.stated_yoy_pct = Some(-99.4);
        assert_eq!(implied_previous(&f, &StatedChange::of(&f).unwrap()), None);
    }

    #[test]
    fn a_stated_change_is_checked_against_the_change_range() {
        let change = change_between(
            Unit::People,
            27_000.0,
            Range::new(27_000.0, 28_000.0),
            18_000.0,
            Range::new(17_500.0, 18_500.0),
        );
        let says = |v: f64| StatedChange {
            value: v,
            range: Range::new(v - 0.5, v + 0.5),
        };
        assert_eq!(
            check_stated_change(&says(50.0), &change),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_change(&says(60.0), &change),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_change(&says(45.0), &change),
            ClaimStatus::Inconsistent
        );
        assert_eq!(
            check_stated_change(&says(61.0), &change),
            ClaimStatus::Inconsistent
        );
    }
}
