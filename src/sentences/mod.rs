//! Reading figures out of prose: a rule-based extractor that turns a news sentence and its
//! publication date into stated figures (metric, country, period, qualifier, value, rounding,
//! stated change), or says which part it could not find. A small tested grammar, not a model.

mod number;
mod source;
mod split;
mod vocab;
mod when;
mod words;

pub use source::{MAX_TEXT_BYTES, Source, read};
pub use split::split;
pub use vocab::Direction;
pub use when::GOVERNMENTS;

use crate::domain::{Figure, Origin, Qualifier, Unit};
use chrono::NaiveDate;
use number::Kind;
use words::{Words, clause_of};

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
}

/// A number the extractor could not place, and which parts were missing.
#[derive(Debug, Clone, PartialEq)]
pub struct NotUnderstood {
    pub span: (usize, usize),
    pub missing: Vec<&'static str>,
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

enum Role {
    Value,
    Base(Option<Direction>),
    Change(Direction),
}

/// Every figure `sentence` states, published on `date`.
pub fn extract(sentence: &str, date: NaiveDate, place: &Place) -> Vec<Extracted> {
    if sentence.len() > MAX_SENTENCE_BYTES {
        return vec![Extracted::NotUnderstood(NotUnderstood {
            span: (0, 0),
            missing: vec!["a sentence short enough to read"],
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
    let mut out: Vec<Extracted> = Vec::new();
    // Index in `out` of the last figure stated as a value, for bases and changes.
    let mut last_value: Option<usize> = None;
    for m in &mentions {
        let hedge = vocab::hedge(&words, sentence, m.start);
        let head = hedge.map_or(m.start, |(_, s)| s);
        let span = (head, m.end);
        let before = words.last_before(head, 3);
        let after = words.first_after(m.end, 2);
        let role = match (m.kind, vocab::base_marker(&before)) {
            (Kind::Percent, _) if after.first() != Some(&"of") => {
                match vocab::percent_change(&before, &after) {
                    Some(d) => Role::Change(d),
                    None => Role::Value,
                }
            }
            (_, Some(direction)) if last_value.is_some() => Role::Base(direction),
            _ => Role::Value,
        };
        let clause = clause_of(sentence, m.start);
        match role {
            Role::Change(direction) => {
                let signed = match direction {
                    Direction::Up => m.value,
                    Direction::Down => -m.value,
                };
                let yoy = vocab::YEAR_ON_YEAR
                    .iter()
                    .any(|p| !words.find(p, clause).is_empty());
                let target = last_value.and_then(|i| match out.get_mut(i) {
                    Some(Extracted::Claim(c)) => Some(c),
                    _ => None,
                });
                match target {
                    Some(c) => {
                        let words_text = text_of(sentence, clause);
                        let change = c.change.get_or_insert(StatedChange {
                            words: words_text.clone(),
                            direction: Some(direction),
                            percent: None,
                            base: None,
                            year_on_year: yoy,
                        });
                        change.percent = Some(signed);
                        change.year_on_year |= yoy;
                        change.words = words_text;
                        if change.year_on_year {
                            c.figure.stated_yoy_pct = Some(signed);
                        }
                    }
                    None => out.push(Extracted::NotUnderstood(NotUnderstood {
                        span,
                        missing: vec!["the figure the change is measured on"],
                    })),
                }
            }
            Role::Value | Role::Base(_) => {
                let base_of = match role {
                    Role::Base(d) => last_value.map(|i| (i, d)),
                    _ => None,
                };
                let main = base_of.and_then(|(i, _)| match out.get(i) {
                    Some(Extracted::Claim(c)) => Some((**c).clone()),
                    _ => None,
                });
                let result = place_figure(
                    sentence,
                    &words,
                    &periods,
                    m,
                    hedge,
                    span,
                    clause,
                    main.as_ref(),
                    place,
                    out.len(),
                );
                match result {
                    Ok(claim) => {
                        let index = out.len();
                        let to = vocab::to_marker(&before);
                        out.push(Extracted::Claim(Box::new(claim)));
                        match base_of {
                            Some((i, d)) => {
                                let base_period = match out.get(index) {
                                    Some(Extracted::Claim(b)) => Some(b.figure.period),
                                    _ => None,
                                };
                                if let Some(Extracted::Claim(c)) = out.get_mut(i) {
                                    let yoy = base_period.is_some()
                                        && c.figure.period.year_before() == base_period;
                                    let change = c.change.get_or_insert(StatedChange {
                                        words: String::new(),
                                        direction: d,
                                        percent: None,
                                        base: None,
                                        year_on_year: yoy,
                                    });
                                    change.base = Some(index);
                                    change.direction = change.direction.or(d);
                                    change.year_on_year |= yoy;
                                    change.words = text_of(sentence, clause);
                                }
                            }
                            None => {
                                last_value = Some(index);
                                if let (Some(d), Some(Extracted::Claim(c))) =
                                    (to, out.get_mut(index))
                                {
                                    c.change = Some(StatedChange {
                                        words: text_of(sentence, clause),
                                        direction: Some(d),
                                        percent: None,
                                        base: None,
                                        year_on_year: false,
                                    });
                                }
                            }
                        }
                    }
                    Err(missing) => {
                        out.push(Extracted::NotUnderstood(NotUnderstood { span, missing }))
                    }
                }
            }
        }
    }
    // Changes in words: "doubled", "down by a third".
    for (phrase, pct) in vocab::WORD_CHANGES {
        for (s, e) in words.find(phrase, whole) {
            let target = out
                .iter_mut()
                .filter_map(|x| match x {
                    Extracted::Claim(c) if c.change.is_none() => Some(&mut **c),
                    _ => None,
                })
                .min_by_key(|c| c.span.0.abs_diff(s));
            if let Some(c) = target {
                c.change = Some(StatedChange {
                    words: sentence.get(s..e).unwrap_or_default().to_string(),
                    direction: Some(if pct > 0.0 {
                        Direction::Up
                    } else {
                        Direction::Down
                    }),
                    percent: Some(pct),
                    base: None,
                    year_on_year: false,
                });
            }
        }
    }
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

/// Metric, country, period and wording for one number; Err with what is missing.
#[allow(clippy::too_many_arguments)]
fn place_figure(
    sentence: &str,
    words: &Words,
    periods: &[when::Found],
    m: &number::Mention,
    hedge: Option<(Qualifier, usize)>,
    span: (usize, usize),
    clause: (usize, usize),
    main: Option<&Claim>,
    place: &Place,
    index: usize,
) -> Result<Claim, Vec<&'static str>> {
    let whole = (0, sentence.len());
    let mut missing = Vec::new();
    // What is counted: the main figure's, for a base; else the words nearest the number.
    let (metric, unit) = match (main, m.kind) {
        (Some(c), _) => (Some(c.figure.metric.clone()), c.figure.unit),
        (None, Kind::Pounds) => (Some("funding".to_string()), Unit::Gbp),
        (None, Kind::Percent) => {
            let rate = |x: &str| x == "initial_grant_rate";
            let found = vocab::metric(words, clause, m.start, rate)
                .or_else(|| vocab::metric(words, whole, m.start, rate));
            (found.map(|(x, _)| x.to_string()), Unit::Percent)
        }
        (None, Kind::Count) if vocab::counts_boats(words, m.end) => {
            (Some("small_boats".to_string()), Unit::Boats)
        }
        (None, Kind::Count) => {
            let count = |x: &str| x != "initial_grant_rate";
            let found = vocab::metric(words, clause, m.start, count)
                .or_else(|| vocab::metric(words, whole, m.start, count));
            (found.map(|(x, _)| x.to_string()), Unit::People)
        }
    };
    if metric.is_none() {
        missing.push("metric");
    }
    let country = match main {
        Some(c) => Some(c.figure.country.clone()),
        None => vocab::country(words, clause, m.start)
            .or_else(|| {
                // A deal's partner is often named outside the number's clause.
                (unit == Unit::Gbp)
                    .then(|| vocab::country(words, whole, m.start))
                    .flatten()
            })
            .map(str::to_string)
            .or_else(|| (unit != Unit::Gbp).then(|| "all".to_string())),
    };
    if country.is_none() {
        missing.push("partner country");
    }
    // The period: in the number's clause, else anywhere before it, else anywhere.
    let in_clause = periods
        .iter()
        .filter(|p| p.start >= clause.0 && p.end <= clause.1)
        .min_by_key(|p| p.start.abs_diff(m.start));
    let found = in_clause
        .or_else(|| periods.iter().rev().find(|p| p.end <= m.start))
        .or_else(|| periods.first());
    let period = found.and_then(|p| match p.what {
        when::What::Dates { period, to_eve } => Some((period, to_eve)),
        when::What::YearBefore => main
            .and_then(|c| c.figure.period.year_before())
            .map(|period| (period, main.is_some_and(|c| c.to_eve))),
    });
    if period.is_none() {
        missing.push("period");
    }
    let (Some(metric), Some(country), Some((period, to_eve))) = (metric, country, period) else {
        return Err(missing);
    };
    let period_words = found
        .map(|p| text_of(sentence, (p.start, p.end)))
        .unwrap_or_default();
    let qualifier = hedge.map_or(Qualifier::Exact, |(q, _)| q);
    // An agreed sum of money is set, not counted: stated exactly, it is not rounded.
    let rounded_to = if unit == Unit::Gbp && qualifier == Qualifier::Exact {
        crate::domain::NOT_ROUNDED
    } else {
        m.rounded_to
    };
    let concept =
        (metric == "returns" && vocab::says_deported(words, clause)).then_some(vocab::DEPORTED);
    let source = if words.find("home office", whole).is_empty() {
        "claim"
    } else {
        "Home Office"
    };
    Ok(Claim {
        span,
        figure: Figure {
            id: format!("s{}-{}", place.sentence, index + 1),
            metric,
            country,
            period,
            value: m.value,
            unit,
            qualifier,
            rounded_to,
            stated_yoy_pct: None,
            source: source.to_string(),
            note: Some(sentence.trim().to_string()),
            rate_base: None,
            origin: Origin {
                file: place.file.clone(),
                line: place.line,
            },
        },
        period_words,
        to_eve,
        change: None,
        concept,
    })
}

#[cfg(test)]
mod tests;
