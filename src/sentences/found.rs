//! What a period phrase found in a sentence says: the types the period readers (`when`,
//! `days`) produce and the reader consumes.

use crate::domain::Period;
use chrono::Datelike;

/// What period words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Dates; `to_eve` when the period runs to the day before publication (the last day the
    /// data can cover), so cut-offs can only look back from its end.
    Dates { period: Period, to_eve: bool },
    /// "the same period last year", "at this stage in 2023": the span of the period just named,
    /// in another year.
    Before(Shift),
    /// Words naming a reference point, not the period counted ("since records began in 2018"
    /// after a superlative).
    Reference,
    /// A period that begins after the day before publication: nothing to count yet.
    Future,
    /// Twelve months to a month that had not ended by the day before publication ("the 12
    /// months to November 2023" in a mid-November article): cut short, it is not 12 months.
    /// The period is the twelve months as named.
    Unfinished(Period),
}

/// Which year a "same span" phrase moves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// That many years back: "the same period last year" is 1.
    Back(i32),
    /// That year: "the same point in 2023".
    Year(i32),
}

impl Shift {
    /// `period`'s span moved by this shift; None for no move or a move forward past `eve`.
    pub fn apply(self, period: Period) -> Option<Period> {
        let back = match self {
            Shift::Back(n) => n,
            Shift::Year(y) => period.start.year() - y,
        };
        if back <= 0 {
            return None;
        }
        (0..back).try_fold(period, |p, _| p.year_before())
    }
}

/// Period words found at `start..end` of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub what: What,
}
