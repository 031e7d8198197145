//! Domain types: a figure, its period and its stated range (changes live in `calc`).
//! Strings become these types once, at the loader's edge; everything after works on them.

mod figure;
mod period;
mod range;
pub mod text;

pub use figure::{
    Cohort, Figure, NOT_ROUNDED, Origin, Qualifier, RateBase, Unit, is_valid_id, is_valid_metric,
    stated_range,
};
pub use period::{Period, PeriodKind};
pub use range::Range;
