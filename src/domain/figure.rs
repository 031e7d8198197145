//! A stated figure: value, unit, wording (qualifier) and rounding, and the range they allow.

use super::{Period, Range};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    People,
    Boats,
    Percent,
    Gbp,
    Ratio,
}

/// How the source worded the figure: "around", "more than", "fewer than", or exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    Exact,
    About,
    Over,
    Under,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::People,
        Unit::Boats,
        Unit::Percent,
        Unit::Gbp,
        Unit::Ratio,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::People => "people",
            Unit::Boats => "boats",
            Unit::Percent => "percent",
            Unit::Gbp => "gbp",
            Unit::Ratio => "ratio",
        }
    }
}

impl Qualifier {
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::Over,
        Qualifier::Under,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
        }
    }
}

/// `rounded_to` of a figure that was not rounded: an official count, or a rate or ratio computed
/// from exact counts. Its stated range is the point [v, v]; only `exact` figures may say so.
pub const NOT_ROUNDED: f64 = 0.0;

/// Where a figure was read from, for messages that must name both places of a clash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The counts a rate is computed from: `count` of `base` (an initial grant rate: grants of
/// grants + refusals). Carried so that every rate can show what it stands on: 1 of 1 is 100%,
/// and so is 22 of 22, but they say very different things.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateBase {
    /// What the rate counts (grants).
    pub count: f64,
    /// What it is computed on (decisions: grants + refusals); above 0.
    pub base: f64,
    /// For a rate over a cohort (Irr_D03: small-boat arrivals by year of arrival), the rest of
    /// the cohort; None for a rate over the decisions made in a period (Asy_D02).
    pub cohort: Option<Cohort>,
}

/// Everyone in a cohort, by where their case stands (Irr_D03's outcome groups).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cohort {
    /// Everyone the table lists for the cohort, whatever the outcome.
    pub size: f64,
    /// "Awaiting initial decision".
    pub awaiting: f64,
    /// "Withdrawn".
    pub withdrawn: f64,
}

impl RateBase {
    /// The rate the counts give, in percent.
    pub fn percent(&self) -> f64 {
        100.0 * self.count / self.base
    }

    /// Share of the cohort decided (the base), in percent; None without a cohort or for an
    /// empty one.
    pub fn share_decided_pct(&self) -> Option<f64> {
        self.cohort
            .filter(|c| c.size > 0.0)
            .map(|c| 100.0 * self.base / c.size)
    }
}

/// What one row of an official table is: the unit a derivation counts its rows in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Day,
    Week,
    Quarter,
}

impl RowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::Day => "day",
            RowKind::Week => "week",
            RowKind::Quarter => "quarter",
        }
    }
}

/// How the loader derived an official figure from its file: the rows it summed and what it
/// summed in them. Carried so that a check can show its receipt down to the table's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    /// The sheet or table read ("SB_01", "Asy_D02").
    pub sheet: String,
    pub rows_are: RowKind,
    /// First and last row summed: an ISO day, or a quarter ("2024 Q3").
    pub first: String,
    pub last: String,
    /// How many rows (days, weeks or quarters) were summed.
    pub count: u64,
    /// The categories summed in those rows, in the table's words.
    pub categories: String,
}

/// One stated figure: a value for a metric, country and period, with how precisely it was stated.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub id: String,
    pub metric: String,
    pub country: String,
    pub period: Period,
    pub value: f64,
    pub unit: Unit,
    pub qualifier: Qualifier,
    pub rounded_to: f64,
    pub stated_yoy_pct: Option<f64>,
    pub source: String,
    pub note: Option<String>,
    /// The counts behind a rate; None for counts and for rates stated without them.
    pub rate_base: Option<RateBase>,
    pub origin: Origin,
    /// For an official figure, how it was derived from its file; None for stated figures.
    pub derivation: Option<Box<Derivation>>,
}

impl Figure {
    /// The values consistent with the figure as stated (docs/methodology.md, "Stated ranges"):
    /// `exact`/`about` ± half the
    /// rounding, `over` up to one rounding step above, `under` one below; never below 0, and
    /// never above 100 for percentages.
    pub fn stated_range(&self) -> Range {
        stated_range(self.value, self.qualifier, self.rounded_to, self.unit)
    }

    /// False for an exact figure that was not rounded (`rounded_to` 0): its range is a point.
    pub fn is_rounded(&self) -> bool {
        self.rounded_to > NOT_ROUNDED
    }
}

/// Ids of figures whose country is a return destination (Home Office Ret_D02), not a
/// nationality: the id survives a figures CSV's round trip, so the words stay right.
pub const DESTINATION_ID_PREFIX: &str = "ret-d02-";

/// Whether the figure with this id counts people by the country they went to.
pub fn country_is_destination(id: &str) -> bool {
    id.starts_with(DESTINATION_ID_PREFIX)
}

pub fn stated_range(value: f64, qualifier: Qualifier, rounded_to: f64, unit: Unit) -> Range {
    let (v, r) = (value, rounded_to);
    let raw = match qualifier {
        Qualifier::Exact | Qualifier::About => Range::new(v - r / 2.0, v + r / 2.0),
        Qualifier::Over => Range::new(v, v + r),
        Qualifier::Under => Range::new(v - r, v),
    };
    let ceiling = if unit == Unit::Percent {
        100.0
    } else {
        f64::INFINITY
    };
    raw.map(|x| x.clamp(0.0, ceiling))
}

/// `[a-z0-9-]+`
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `[a-z0-9_]+`
pub fn is_valid_metric(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_ranges_follow_the_qualifier() {
        use Qualifier::*;
        let people = Unit::People;
        assert_eq!(
            stated_range(27_000.0, Over, 1000.0, people),
            Range::new(27_000.0, 28_000.0)
        );
        assert_eq!(
            stated_range(18_000.0, About, 1000.0, people),
            Range::new(17_500.0, 18_500.0)
        );
        assert_eq!(
            stated_range(1_900.0, Exact, 100.0, people),
            Range::new(1_850.0, 1_950.0)
        );
        assert_eq!(
            stated_range(500.0, Under, 1000.0, people),
            Range::new(0.0, 500.0)
        );
        // Not rounded: an exact official count is a point, not ± half a unit.
        assert_eq!(
            stated_range(435.0, Exact, NOT_ROUNDED, people),
            Range::point(435.0)
        );
        assert_eq!(
            stated_range(99.8, About, 1.0, Unit::Percent),
            Range::new(99.3, 100.0)
        );
    }

    #[test]
    fn id_and_metric_patterns() {
        assert!(is_valid_id("crossings-2025-ytd"));
        assert!(!is_valid_id("Crossings"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
        assert!(is_valid_metric("small_boat_arrivals"));
        assert!(!is_valid_metric("small-boats"));
    }
}
