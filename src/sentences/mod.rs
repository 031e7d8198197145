//! Reading figures out of prose: a rule-based extractor that turns a news sentence and its
//! publication date into stated figures (metric, country, period, qualifier, value, rounding,
//! stated change), or says which part it could not find. A small tested grammar, not a model.

mod days;
mod found;
mod number;
mod reader;
mod record;
mod source;
mod split;
mod vocab;
mod when;
mod words;

pub use found::Shift;
pub use record::{Record, RecordSince};
pub use source::{MAX_TEXT_BYTES, Source, read};
pub use split::split;
pub use vocab::{Direction, known_metric};
pub use when::GOVERNMENTS;
pub use words::clause_of;

use crate::domain::Figure;
use chrono::NaiveDate;
use words::Words;

/// Longer sentences are not read: refused as not understood, so input size cannot blow up
/// the phrase matching.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// A stated change attached to a figure: "up from around 18,000", "a 14% increase".
#[derive(Debug, Clone, PartialEq)]
pub struct StatedChange {
    pub words: String,
    pub direction: Option<Direction>,
    /// Percent change stated (+14, −33.3 for "down by a third").
    pub percent: Option<f64>,
    /// Index (in the same sentence's output) of the base figure it is measured from.
    pub base: Option<usize>,
    /// Stated against the same period a year earlier.
    pub year_on_year: bool,
    /// The period the change is measured against, when the words name one (the base's
    /// period, "the same period of 2023", "the first three months of 2022").
    pub against: Option<crate::domain::Period>,
}

/// One figure read from a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Byte span of hedge and number in the sentence.
    pub span: (usize, usize),
    pub figure: Figure,
    pub period_words: String,
    /// Runs to the day before publication: cut-offs can only look back.
    pub to_eve: bool,
    pub change: Option<StatedChange>,
    /// Set when the wording names a different concept from the metric checked ("deported").
    pub concept: Option<&'static str>,
    /// A level, a difference or a change only.
    pub stated: Stated,
    /// A stated range ("between 5,000 and 5,500"): (low, high). The figure is then checked as
    /// about the midpoint, rounded to the range's width, so its stated range is exactly this.
    pub range: Option<(f64, f64)>,
    /// A single day the words call the highest ("a record 1,185 … on Thursday").
    pub record: Option<Record>,
    /// The period was not named for this figure but inferred (a change with no period of its
    /// own: "an increase of 34% compared to the same period in 2023" is taken as this year so
    /// far): a match supports the inference, a mismatch may only refute it.
    pub period_inferred: bool,
}

/// A number the extractor could not place, and which parts were missing.
#[derive(Debug, Clone, PartialEq)]
pub struct NotUnderstood {
    pub span: (usize, usize),
    pub missing: Vec<&'static str>,
    /// The metric its words name, when it was found and something else was missing ("we have
    /// returned more than 35,000 people" in "one year"): a file without it cannot answer.
    pub metric: Option<&'static str>,
}

/// What one number in a sentence became.
#[derive(Debug, Clone, PartialEq)]
pub enum Extracted {
    Claim(Box<Claim>),
    NotUnderstood(NotUnderstood),
}

/// Where a sentence came from, for figure ids and origins.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub file: String,
    pub line: u64,
    /// 1-based sentence number in the input, for ids (`s3-1`).
    pub sentence: usize,
}

/// What a claim states about its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stated {
    /// A level: the figure's value for its period.
    Level,
    /// A difference between the figure's period and the change's `against` period ("159 fewer
    /// than", "an increase of 96"): the figure's value is its size.
    Difference,
    /// Only a change ("up 51% on this point last year"): no level is stated.
    Change,
}

/// Every figure `sentence` states, published on `date`.
pub fn extract(sentence: &str, date: NaiveDate, place: &Place) -> Vec<Extracted> {
    extract_after(sentence, date, place, None, None)
}

/// As [`extract`], for a sentence of an article after one whose only figure was `previous`: a
/// change with no metric word of its own ("This is up 51% on this point last year") is
/// measured on that figure. Failing that, a sentence whose subject only points at a figure
/// ("This", "the total", "the number was") counts `subject`: the one count of people the
/// files checked against give.
pub fn extract_after(
    sentence: &str,
    date: NaiveDate,
    place: &Place,
    previous: Option<&Claim>,
    subject: Option<&'static str>,
) -> Vec<Extracted> {
    if sentence.len() > MAX_SENTENCE_BYTES {
        return vec![Extracted::NotUnderstood(NotUnderstood {
            span: (0, 0),
            missing: vec!["a sentence short enough to read"],
            metric: None,
        })];
    }
    let words = Words::new(sentence);
    let whole = (0, sentence.len());
    let periods = when::find(&words, whole, date);
    // Numbers inside period words ("2025" in "March 2025") are part of the period.
    let mentions: Vec<number::Mention> = number::mentions(sentence, &words)
        .into_iter()
        .filter(|m| !periods.iter().any(|p| p.start <= m.start && m.end <= p.end))
        .collect();
    let mentions = number::ranges(sentence, &words, mentions);
    let mut r = reader::Reader::new(sentence, &words, periods, date, place)
        .after(previous)
        .about(subject);
    for m in &mentions {
        r.read(m);
    }
    r.word_changes();
    let mut out = r.out;
    record::mark(&words, &mut out);
    out
}

fn text_of(sentence: &str, (s, e): (usize, usize)) -> String {
    sentence
        .get(s..e)
        .unwrap_or_default()
        .trim()
        .trim_end_matches(['.', ',', ';'])
        .to_string()
}

#[cfg(test)]
mod tests;
