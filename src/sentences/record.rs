//! Superlatives: "a record 1,185 people … on Thursday", "the busiest day of the year so far",
//! "a record 2,000 in the week ending 5 May". A single day (or week) called the highest is a
//! claim about every earlier day (or week ending on the same weekday) of a span; this module
//! finds the words and the span, and the command checks them against the daily series.

use super::words::Words;
use super::{Claim, Extracted, Stated};

/// Words that call a figure the highest.
const HIGHEST: [&str; 6] = ["record", "highest", "busiest", "biggest", "largest", "most"];

/// Words before one that make it something else: "the second highest", "the previous record".
const NOT_A_RECORD: [&str; 7] = [
    "second", "third", "previous", "former", "old", "broke", "beat",
];

/// The span a record is claimed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordSince {
    /// From 1 January of the day's year: "this year", "of the year so far".
    YearOfTheDay,
    /// Since the series began: "a record", "since records began", "on record", "ever".
    SeriesStart,
}

/// A day called the highest, and over which span.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The superlative as written: "record", "busiest".
    pub words: String,
    pub since: RecordSince,
}

/// Marks the one single-day (or seven-day) level of the sentence that its superlative is about. A sentence
/// with no such word, with more than one single day, or whose span is not one of the two
/// above ("the busiest for eight months", "since September") marks nothing: the record is not
/// checked rather than checked over a span the words may not mean.
pub fn mark(words: &Words, out: &mut [Extracted]) {
    let w = &words.0;
    let found = w.iter().enumerate().find(|(i, word)| {
        HIGHEST.contains(&word.text.as_str())
            && !i
                .checked_sub(1)
                .and_then(|k| w.get(k))
                .is_some_and(|p| NOT_A_RECORD.contains(&p.text.as_str()))
    });
    let Some((_, word)) = found else {
        return;
    };
    let has = |phrase: &str| {
        !words
            .find(phrase, (0, w.last().map_or(0, |l| l.end)))
            .is_empty()
    };
    let this_year = ["this year", "of the year", "year so far"]
        .iter()
        .any(|p| has(p));
    // "A record 1,185", "the highest since records began": since the series began.
    let ever = word.text == "record"
        || ["since records began", "on record", "ever"]
            .iter()
            .any(|p| has(p));
    // Any other span named ("for eight months", "since September", "this month") leaves it
    // unread.
    let other = has("this month")
        || has("this week")
        || w.iter().enumerate().any(|(i, x)| {
            let next = |k: usize| w.get(i + k).map_or("", |n| n.text.as_str());
            (x.text == "since" && !matches!(next(1), "records" | "current" | "data"))
                || (x.text == "for" && matches!(next(2), "days" | "weeks" | "months" | "years"))
        });
    let since = match (this_year, ever, other) {
        (true, _, false) => RecordSince::YearOfTheDay,
        (false, true, false) => RecordSince::SeriesStart,
        _ => return,
    };
    let mut days = out.iter_mut().filter_map(|x| match x {
        Extracted::Claim(c)
            if c.stated == Stated::Level
                && matches!(c.figure.period.days(), 1 | 7)
                && !c.to_eve =>
        {
            Some(c)
        }
        _ => None,
    });
    let (Some(only), None) = (days.next(), days.next()) else {
        return;
    };
    set(only, &word.text, since);
}

fn set(c: &mut Claim, words: &str, since: RecordSince) {
    c.record = Some(Record {
        words: words.to_string(),
        since,
    });
}
