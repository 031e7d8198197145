//! Output shapes several commands' rows share: a period, a stated figure, the counts behind a rate,
//! and the year before (a figure or an implied value).

use crate::calc::ClaimStatus;
use crate::domain::{Figure, Period, PeriodKind, Qualifier, Range, RateBase};
use schemars::JsonSchema;
use serde::Serialize;

/// A period with its derived label.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PeriodOut {
    /// First day, ISO `YYYY-MM-DD`, inclusive.
    pub start: String,
    /// Last day, ISO `YYYY-MM-DD`, inclusive.
    pub end: String,
    /// Derived label, e.g. "year ending March 2025", "1 Jan – 15 Aug 2025", "2024".
    pub label: String,
    /// The typed period, for row order, people's output and typed cells; the fields above
    /// say it in JSON.
    #[serde(skip)]
    #[schemars(skip)]
    pub span: Period,
}

impl From<&Period> for PeriodOut {
    fn from(p: &Period) -> Self {
        PeriodOut {
            start: p.start.to_string(),
            end: p.end.to_string(),
            label: p.label(),
            span: *p,
        }
    }
}

impl PeriodOut {
    /// The label under the name of its kind: `year to date` over `1 Jan – 15 Aug 2025`. A
    /// label that names its kind ("year ending March 2025") stands alone.
    pub fn kind(&self) -> PeriodKind {
        self.span.kind()
    }

    pub fn text(&self) -> String {
        match self.kind().name() {
            Some(name) if !self.label.starts_with("year ending") => {
                format!("{name}\n{}", self.label)
            }
            _ => self.label.clone(),
        }
    }
}

/// The counts behind a rate: `count` of `base`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct RateBaseOut {
    /// What the rate counts (an initial grant rate: grants of protection or other leave).
    pub count: f64,
    /// What the rate is computed on (an initial grant rate: grants + refusals).
    pub base: f64,
    /// For a rate over a cohort by year of arrival (Irr_D03/IER_D03); absent for a rate over
    /// the decisions made in a period (Asy_D02).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohort: Option<CohortOut>,
}

/// A cohort of arrivals and how much of it the rate covers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct CohortOut {
    /// Everyone the table lists for the cohort, whatever the outcome.
    pub size: f64,
    /// Still awaiting an initial decision.
    pub awaiting: f64,
    /// Withdrawn before a decision.
    pub withdrawn: f64,
    /// 100 × base ÷ size: the part of the cohort the rate speaks for.
    pub share_decided_pct: f64,
}

impl From<&RateBase> for RateBaseOut {
    fn from(b: &RateBase) -> Self {
        RateBaseOut {
            count: b.count,
            base: b.base,
            cohort: b.cohort.map(|c| CohortOut {
                size: c.size,
                awaiting: c.awaiting,
                withdrawn: c.withdrawn,
                share_decided_pct: b.share_decided_pct().unwrap_or(0.0),
            }),
        }
    }
}

/// A figure as stated, with the range its wording allows.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StatedOut {
    pub id: String,
    pub period: PeriodOut,
    pub value: f64,
    pub qualifier: Qualifier,
    /// The step the stated value was rounded to; 0 = not rounded (an exact count, or a rate
    /// computed from exact counts).
    pub rounded_to: f64,
    /// Values consistent with the wording (docs/methodology.md, "Stated ranges"); low = high =
    /// value when not rounded.
    pub range: Range,
    /// The counts a rate is computed from; absent for counts and for rates stated without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_base: Option<RateBaseOut>,
}

impl From<&Figure> for StatedOut {
    fn from(f: &Figure) -> Self {
        StatedOut {
            id: f.id.clone(),
            period: (&f.period).into(),
            value: f.value,
            qualifier: f.qualifier,
            rounded_to: f.rounded_to,
            range: f.stated_range(),
            rate_base: f.rate_base.as_ref().map(RateBaseOut::from),
        }
    }
}

/// How the previous value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PreviousKind {
    /// A figure in the dataset for the same dates a year earlier.
    Figure,
    /// Worked back from the source's stated change (`stated_yoy_pct`).
    Implied,
}

/// The value a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PreviousOut {
    pub kind: PreviousKind,
    /// Id of the previous figure; absent when implied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub period: PeriodOut,
    pub value: f64,
    /// Wording of the previous figure; absent when implied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    pub range: Range,
    /// The counts the previous rate is computed from (for a cohort rate, with how much of that
    /// cohort was decided); absent when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_base: Option<RateBaseOut>,
}

/// The source's stated change and whether the data bear it out.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ClaimOut {
    /// As stated: percent, or percentage points for rates.
    pub stated_yoy_pct: f64,
    /// The values the stated (rounded) change allows.
    pub stated_range: Range,
    pub status: ClaimStatus,
}
