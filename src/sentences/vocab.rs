//! The words the extractor knows: hedges (qualifiers), what is counted (metrics), who
//! (nationalities), and how a change is stated.

use super::words::Words;
use crate::domain::{Qualifier, country_for_adjective, country_named};

/// Hedges right before a number, longest first: (words, qualifier).
const HEDGES: [(&str, Qualifier); 28] = [
    ("just under", Qualifier::Under),
    ("just over", Qualifier::Over),
    ("more than", Qualifier::Over),
    ("in excess of", Qualifier::Over),
    ("at least", Qualifier::Over),
    ("fewer than", Qualifier::Under),
    ("less than", Qualifier::Under),
    ("up to", Qualifier::Under),
    ("at most", Qualifier::Under),
    ("an estimated", Qualifier::About),
    ("over", Qualifier::Over),
    ("above", Qualifier::Over),
    // "figures topped 1,000", "the total passed 27,000": more than it.
    ("topped", Qualifier::Over),
    ("topping", Qualifier::Over),
    ("exceeded", Qualifier::Over),
    ("surpassed", Qualifier::Over),
    ("passed", Qualifier::Over),
    ("passing", Qualifier::Over),
    ("under", Qualifier::Under),
    ("below", Qualifier::Under),
    ("nearly", Qualifier::Under),
    ("almost", Qualifier::Under),
    ("around", Qualifier::About),
    ("about", Qualifier::About),
    ("some", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("circa", Qualifier::About),
];

/// The hedge ending right before byte `pos` (the number, or its `£`): the qualifier and the
/// byte where the hedge starts.
pub fn hedge(words: &Words, text: &str, pos: usize) -> Option<(Qualifier, usize)> {
    for (phrase, q) in HEDGES {
        let n = phrase.split(' ').count();
        let before: Vec<&crate::sentences::words::Word> =
            words.0.iter().filter(|w| w.end <= pos).collect();
        let Some(tail) = before.get(before.len().saturating_sub(n)..) else {
            continue;
        };
        let joined: Vec<&str> = tail.iter().map(|w| w.text.as_str()).collect();
        let adjacent = tail
            .last()
            .is_some_and(|w| text.get(w.end..pos).is_some_and(|g| g.trim().is_empty()));
        if tail.len() == n && joined.join(" ") == phrase && adjacent {
            return tail.first().map(|w| (q, w.start));
        }
    }
    None
}

/// What is counted, by keyword: (words, metric). Matched nearest the number. A count is of
/// arrivals only where the words say people crossed, arrived or made the journey; deaths, boats,
/// people per boat, applications and decisions are metrics of their own.
const METRICS: [(&str, &str); 67] = [
    // Other routes and other counts: never small boat arrivals.
    ("irregular arrivals", "irregular_arrivals"),
    ("irregular migrants", "irregular_arrivals"),
    ("detected irregular", "irregular_arrivals"),
    ("air arrivals", "air_arrivals"),
    ("arrived by air", "air_arrivals"),
    ("within the uk", "in_country_detections"),
    ("rescued", "rescued"),
    // The French authorities' estimates (SB_02), never arrivals.
    ("prevented", "migrants_prevented"),
    ("stopped", "migrants_prevented"),
    ("intercepted", "migrants_prevented"),
    ("asylum backlog", "asylum_backlog"),
    ("backlog", "asylum_backlog"),
    ("awaiting", "asylum_backlog"),
    ("waiting for", "asylum_backlog"),
    ("waiting more than", "asylum_backlog"),
    ("foreign national offenders", "fno_returns"),
    ("foreign national offender", "fno_returns"),
    ("foreign criminals", "fno_returns"),
    ("foreign offenders", "fno_returns"),
    ("enforced returns", "enforced_returns"),
    ("enforced removals", "enforced_returns"),
    ("voluntary returns", "voluntary_returns"),
    ("returned voluntarily", "voluntary_returns"),
    ("left voluntarily", "voluntary_returns"),
    ("returned", "returns"),
    ("returns", "returns"),
    ("removed", "returns"),
    ("removals", "returns"),
    ("deported", "returns"),
    ("deportations", "returns"),
    ("grant rate", "initial_grant_rate"),
    ("granted asylum", "initial_grant_rate"),
    ("granted protection", "initial_grant_rate"),
    ("grant of protection", "initial_grant_rate"),
    ("granted refugee status", "initial_grant_rate"),
    ("small boat arrivals", "small_boat_arrivals"),
    ("arrivals", "small_boat_arrivals"),
    ("arrived", "small_boat_arrivals"),
    ("arriving", "small_boat_arrivals"),
    ("crossing", "small_boat_arrivals"),
    ("crossings", "small_boat_arrivals"),
    ("crossed", "small_boat_arrivals"),
    ("cross", "small_boat_arrivals"),
    ("journey", "small_boat_arrivals"),
    ("journeys", "small_boat_arrivals"),
    ("came ashore", "small_boat_arrivals"),
    ("reached the uk", "small_boat_arrivals"),
    ("reached britain", "small_boat_arrivals"),
    ("ashore", "small_boat_arrivals"),
    ("boats carried", "small_boat_arrivals"),
    ("detected", "small_boat_arrivals"),
    ("per boat", "people_per_boat"),
    ("per small boat", "people_per_boat"),
    ("per dinghy", "people_per_boat"),
    ("per vessel", "people_per_boat"),
    ("average", "people_per_boat"),
    ("died", "deaths"),
    ("deaths", "deaths"),
    ("dead", "deaths"),
    ("drowned", "deaths"),
    ("lost their lives", "deaths"),
    ("bodies", "deaths"),
    ("applications", "asylum_applications"),
    ("claimed asylum", "asylum_applications"),
    ("applied for asylum", "asylum_applications"),
    ("decisions", "asylum_decisions"),
    ("awaiting a decision", "asylum_backlog"),
];

/// The metric name as `METRICS` spells it, if it is one.
pub fn known_metric(name: &str) -> Option<&'static str> {
    METRICS
        .iter()
        .map(|(_, m)| *m)
        .chain(["small_boats", "small_boat_asylum_applications"])
        .find(|m| *m == name)
}

/// Whether the sentence's subject only points at a figure given elsewhere: it opens with
/// "This", "It" or "That", or names "the total", "the figure", "the number" (not "the number
/// of …", which names what is counted).
pub fn points_at_figure(words: &Words) -> bool {
    let opens = words
        .0
        .first()
        .is_some_and(|w| matches!(w.text.as_str(), "this" | "it" | "that"));
    let whole = (0, words.0.last().map_or(0, |w| w.end));
    let names = ["total", "figure", "number", "tally"].iter().any(|noun| {
        words
            .find(&format!("the {noun}"), whole)
            .iter()
            .chain(words.find(&format!("the provisional {noun}"), whole).iter())
            .any(|(_, e)| words.after(*e).is_none_or(|w| w.text != "of"))
    });
    opens || names
}

/// Whether the sentence says the people counted came by small boat: "small boat(s)",
/// "crossed", "crossing(s)", "the Channel".
pub fn by_boat_arrivals(words: &Words) -> bool {
    let whole = (0, words.0.last().map_or(0, |w| w.end));
    [
        "small boat",
        "small boats",
        "crossed",
        "crossing",
        "crossings",
        "the channel",
    ]
    .iter()
    .any(|p| !words.find(p, whole).is_empty())
}

/// Whether the sentence is about boats at all (an "average" is then people per boat).
pub fn about_boats(words: &Words) -> bool {
    words.0.iter().any(|w| {
        matches!(
            w.text.as_str(),
            "boat" | "boats" | "dinghy" | "dinghies" | "vessel" | "vessels"
        )
    })
}

/// Whether money in the sentence is paid or agreed (a deal, funding), not a price or a cost.
pub fn pays(words: &Words) -> bool {
    words.0.iter().any(|w| {
        matches!(
            w.text.as_str(),
            "deal"
                | "fund"
                | "funds"
                | "funding"
                | "funded"
                | "pay"
                | "paid"
                | "pledge"
                | "pledged"
                | "agreement"
                | "aid"
                | "invest"
                | "investment"
                | "package"
        )
    })
}

/// Words between a change and the period it is measured against: "up 8% on the same period in
/// 2022", "higher than at this stage in 2023", "compared with".
pub const COMPARING: [&str; 11] = [
    "on", "than", "from", "compared", "with", "against", "over", "versus", "vs", "below", "above",
];

/// Words saying a figure is a whole year's ("when the yearly total ended up at 45,755").
pub const WHOLE_YEAR: [&str; 5] = [
    "yearly total",
    "annual total",
    "year s total",
    "whole year",
    "ended up at",
];

/// A count that is a difference, not a level: "159 fewer than", "5,000 more than", "an
/// increase of 96".
pub fn difference(before: &[&str], after: &[&str]) -> Option<Direction> {
    match after {
        ["more" | "higher", "than", ..] => return Some(Direction::Up),
        ["fewer" | "less" | "lower", "than", ..] => return Some(Direction::Down),
        _ => {}
    }
    match before {
        [.., "increase" | "rise" | "jump", "of"] => Some(Direction::Up),
        [.., "decrease" | "fall" | "drop" | "reduction", "of"] => Some(Direction::Down),
        _ => None,
    }
}

/// Why "deported" is flagged: the Home Office counts returns, not deportations.
pub const DEPORTED: &str = "\"deported\" is not the Home Office's \"returns\": returns include voluntary and port returns, while deportation is an enforced removal under a deportation order; checked as returns";

/// Words for a span of time: outside a period phrase the reader found, they name a span it
/// does not resolve.
pub const SPAN_WORDS: [&str; 16] = [
    "point",
    "stage",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "fortnight",
    "month",
    "months",
    "hours",
    "date",
    "night",
    "nights",
    "morning",
    "afternoon",
];

/// Words before a span word that make it a span of its own: "seven days", "this month".
pub const SPAN_OPENERS: [&str; 20] = [
    "this",
    "last",
    "past",
    "previous",
    "same",
    "next",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "few",
    "several",
    "consecutive",
    "straight",
    "successive",
];

/// The note on a figure whose metric came from the files, not the words.
pub const FROM_FILES: &str = "the sentence names no metric of its own (its subject points at a figure): read as the only count of people in the files checked";

/// The metric named nearest to `at` within `range` (keyword, metric, keyword start).
/// Only metrics `allowed` accepts are considered (a percentage is a rate, a count is not).
pub fn metric(
    words: &Words,
    range: (usize, usize),
    at: usize,
    allowed: impl Fn(&str) -> bool,
) -> Option<(&'static str, usize)> {
    let mut best: Option<(usize, &'static str, usize, usize)> = None;
    for (phrase, metric) in METRICS.iter().filter(|(_, m)| allowed(m)).copied() {
        for (s, e) in words.find(phrase, range) {
            let near = if e <= at {
                at - e
            } else {
                s.saturating_sub(at)
            };
            // "Detected" is said of every route: any other metric word in range says which.
            let distance = if phrase == "detected" {
                near.saturating_add(usize::MAX / 2)
            } else {
                near
            };
            // Longer phrases win ties ("enforced returns" over "returns").
            let better = best
                .is_none_or(|(d, _, bs, be)| distance < d || (distance == d && e - s > be - bs));
            if better {
                best = Some((distance, metric, s, e));
            }
        }
    }
    best.map(|(_, m, s, _)| (m, s))
}

/// Whether the words between `from` and `to` (or right after a number) say "boats" are the
/// thing counted: "700 boats", "700 small boats".
pub fn counts_boats(words: &Words, after: usize) -> bool {
    matches!(
        words.first_after(after, 2).as_slice(),
        ["boats", ..] | ["small", "boats"] | ["dinghies", ..] | ["vessels", ..]
    )
}

/// Whether "deported" (or a deportation word) names what was counted near `at`.
pub fn says_deported(words: &Words, range: (usize, usize)) -> bool {
    ["deported", "deportations", "deportation"]
        .iter()
        .any(|w| !words.find(w, range).is_empty())
}

/// The nationality named nearest to `at` within `range`: "Iraqi", "Iraqis", "Iraq",
/// "South Sudanese".
pub fn country(words: &Words, range: (usize, usize), at: usize) -> Option<&'static str> {
    let w: Vec<&crate::sentences::words::Word> = words
        .0
        .iter()
        .filter(|w| w.start >= range.0 && w.end <= range.1)
        .collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (i, word) in w.iter().enumerate() {
        let pair = w.get(i + 1).map(|n| format!("{} {}", word.text, n.text));
        let singular = word
            .text
            .strip_suffix('s')
            .filter(|_| word.text.len() > 4)
            .unwrap_or(&word.text);
        let found = pair
            .as_deref()
            .and_then(|p| country_for_adjective(p.strip_suffix('s').unwrap_or(p)))
            .or_else(|| pair.as_deref().and_then(country_for_adjective))
            .or_else(|| country_for_adjective(&word.text))
            .or_else(|| country_for_adjective(singular))
            .or_else(|| country_named(&word.text));
        if let Some(c) = found {
            let d = word.start.abs_diff(at);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Direction of a stated change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// Words right before a base figure ("up from 18,000"): the change direction, if said.
pub fn base_marker(before: &[&str]) -> Option<Option<Direction>> {
    match before {
        [.., "up", "from"] | [.., "rose", "from"] | [.., "increase", "from"] => {
            Some(Some(Direction::Up))
        }
        [.., "down", "from"] | [.., "fell", "from"] | [.., "decrease", "from"] => {
            Some(Some(Direction::Down))
        }
        [.., "compared", "with" | "to"] | [.., "from"] | [.., "against"] => Some(None),
        _ => None,
    }
}

/// Words right before a figure that state a change to it: "fell to 1,900".
pub fn to_marker(before: &[&str]) -> Option<Direction> {
    match before {
        [
            ..,
            "rose" | "increased" | "risen" | "climbed" | "jumped" | "grew",
            "to",
        ] => Some(Direction::Up),
        [
            ..,
            "fell" | "fallen" | "dropped" | "decreased" | "declined" | "down",
            "to",
        ] => Some(Direction::Down),
        _ => None,
    }
}

/// A percentage that is a change, not a value: "a 14% increase", "up 14%", "rose by 14%".
pub fn percent_change(before: &[&str], after: &[&str]) -> Option<Direction> {
    let up = [
        "increase", "rise", "jump", "higher", "more", "up", "growth", "surge", "above",
    ];
    let down = [
        "decrease",
        "fall",
        "drop",
        "lower",
        "fewer",
        "down",
        "decline",
        "reduction",
        "cut",
        "below",
    ];
    if let Some(w) = after.first() {
        if up.contains(w) {
            return Some(Direction::Up);
        }
        if down.contains(w) {
            return Some(Direction::Down);
        }
    }
    match before {
        [.., "up"]
        | [.., "up", "by"]
        | [.., "rose" | "increased" | "risen" | "grew" | "rising", "by"]
        | [.., "increase" | "rise", "of"] => Some(Direction::Up),
        [.., "down"]
        | [.., "down", "by"]
        | [
            ..,
            "fell" | "dropped" | "decreased" | "fallen" | "declined" | "dropping" | "falling",
            "by",
        ]
        | [.., "decrease" | "fall" | "drop" | "reduction", "of"] => Some(Direction::Down),
        _ => None,
    }
}

/// Changes stated in words: (phrase, percent). "down by a third" is −33.3…%.
pub const WORD_CHANGES: [(&str, f64); 12] = [
    ("doubled", 100.0),
    ("tripled", 200.0),
    ("trebled", 200.0),
    ("halved", -50.0),
    ("up by a third", 100.0 / 3.0),
    ("down by a third", -100.0 / 3.0),
    ("up by a quarter", 25.0),
    ("down by a quarter", -25.0),
    ("up by half", 50.0),
    ("down by half", -50.0),
    ("fell by a third", -100.0 / 3.0),
    ("rose by a third", 100.0 / 3.0),
];

/// Words saying a change is against the same period a year earlier.
pub const YEAR_ON_YEAR: [&str; 8] = [
    "same period",
    "12 months ago",
    "a year earlier",
    "a year ago",
    "last year",
    "previous year",
    "year on year",
    "on the year",
];
