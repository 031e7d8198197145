//! Domain types: a figure, its period and its stated range (changes live in `calc`), the date
//! and period grammars, series buckets, and the nationality names used in reporting.
//! Strings become these types once, at the edge; everything after works on them.

mod bucket;
mod date;
mod figure;
mod nationality;
mod period;
mod range;
mod release;
pub mod text;

pub use bucket::Bucket;
pub use date::{DATE_FORMS, GrammarError, month_name, month_number, parse_date, parse_month};
pub use figure::{
    Cohort, DESTINATION_ID_PREFIX, Derivation, Figure, NOT_ROUNDED, Origin, Qualifier, RateBase,
    RowKind, Unit, country_is_destination, is_valid_id, is_valid_metric, stated_range,
};
pub use nationality::{country_for_adjective, country_named, nationals};
pub use period::{PERIOD_FORMS, Period, PeriodExpr, PeriodKind, ordinal};
pub use range::Range;
pub use release::Release;
