//! The calculator owns arithmetic on figures (docs/methodology.md): year-on-year pairing, changes
//! with ranges, implied previous values, and claim checks; and two releases of a daily series
//! compared ([`revisions`]). Full precision throughout; rounding is
//! the renderer's business.

mod against;
mod change;
mod claim;
mod disagree;
mod record;
pub mod revisions;
pub mod series;
mod yoy;

pub use against::{
    CutoffRun, DEFAULT_WINDOW_DAYS, FigureCheck, MAX_WINDOW_DAYS, Stronger, check_against,
    check_change_between, check_difference, check_stated_figure, cutoff_periods, official_value,
    stronger_figure,
};
pub use change::{Change, ChangeKind, change_between};
pub use claim::{
    ClaimStatus, Implied, StatedChange, check_stated_change, implied_change, implied_previous,
};
pub use disagree::{Disagreement, disagreements};
pub use record::{RecordCheck, check_record, week_end_on, weeks_ending};
pub use yoy::{Comparison, YearOnYear, analyse, latest_per_series, same_source};

/// Default of `--min-base`: below 20 decisions a rate moves by 5 points or more with one case,
/// so a rate on fewer is counted, not ranked.
pub const DEFAULT_MIN_BASE: usize = 20;
