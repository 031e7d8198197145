//! Numbers as written in prose: `27,000`, `1,900`, `26%`, `£800,000`, `1.2 million`, `45k`, with
//! the precision their writing implies. Years, days of the month, durations ("12 months",
//! "12-month") and numbered things ("Article 8") are told apart by the words around them.

use super::words::Words;

/// What a written number is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Count,
    Percent,
    Pounds,
}

/// One number in a sentence, by byte offsets into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Bytes from the `£` (if any) to the end of the suffix (`%`, ` million`, `k`).
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub kind: Kind,
    /// The step the writing implies: 27,000 → 1,000; 1,900 → 100; 1.2 million → 100,000;
    /// a percentage → 1 (0.1 with one decimal).
    pub rounded_to: f64,
    /// The high end of a stated range ("between 5,000 and 5,500"): `value` is its low end.
    pub high: Option<f64>,
}

/// More digits than this is not a figure anyone states; it is skipped, never parsed.
const MAX_DIGITS: usize = 15;

/// Words before a number that make it a label, not a quantity.
const LABELS: [&str; 16] = [
    "article",
    "section",
    "clause",
    "rule",
    "part",
    "schedule",
    "chapter",
    "paragraph",
    "page",
    "no",
    "number",
    "level",
    "tier",
    "phase",
    "room",
    "gate",
];

/// Words after a number that make it a length of time or an age.
const DURATIONS: [&str; 14] = [
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
    "minutes", "decade", "decades",
];

/// Every number in `text` that may be a figure, in order. `words` is `text` split into words.
pub fn mentions(text: &str, words: &Words) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes.get(i).is_some_and(u8::is_ascii_digit)
            && !i
                .checked_sub(1)
                .and_then(|p| bytes.get(p))
                .is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b'/' | b':')
                });
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        let (end, digits, decimals) = scan_digits(bytes, start);
        i = end.max(start + 1);
        if let Some(m) = mention(text, words, start, end, &digits, decimals) {
            i = i.max(m.end);
            out.push(m);
        }
    }
    out
}

/// From `start`, digits with thousands commas and one decimal point: (end, digits without
/// commas, count of decimals).
fn scan_digits(bytes: &[u8], start: usize) -> (usize, String, Option<usize>) {
    let mut digits = String::new();
    let mut decimals: Option<usize> = None;
    let mut j = start;
    while let Some(&b) = bytes.get(j) {
        let next_is_digit = bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() {
            digits.push(char::from(b));
            if let Some(d) = decimals.as_mut() {
                *d += 1;
            }
        } else if b == b',' && decimals.is_none() && thousands_group(bytes, j + 1) {
            // A comma inside a number, not one between clauses.
        } else if b == b'.' && decimals.is_none() && next_is_digit {
            digits.push('.');
            decimals = Some(0);
        } else {
            break;
        }
        j += 1;
    }
    (j, digits, decimals)
}

/// Exactly three digits follow, and then no fourth.
fn thousands_group(bytes: &[u8], at: usize) -> bool {
    (at..at + 3).all(|k| bytes.get(k).is_some_and(u8::is_ascii_digit))
        && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
}

/// The number written at `start..end` (its `digits` without commas, `decimals` after the
/// point), with its `£`, suffix and implied step; None when it is not a quantity.
fn mention(
    text: &str,
    words: &Words,
    start: usize,
    end: usize,
    digits: &str,
    decimals: Option<usize>,
) -> Option<Mention> {
    let whole_digits = digits.split('.').next().unwrap_or_default();
    if digits.is_empty() || whole_digits.len() > MAX_DIGITS {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    let rest = text.get(end..).unwrap_or_default();
    let low_rest = rest.to_ascii_lowercase();
    let before = text.get(..start).unwrap_or_default();
    let pounds = before.trim_end().ends_with('£');
    let begin = if pounds {
        before.trim_end().len() - '£'.len_utf8()
    } else {
        start
    };
    let written = Written {
        text,
        words,
        start,
        end,
        value,
        whole_digits,
        decimals,
        rest,
        low_rest: &low_rest,
        pounds,
    };
    if !written.is_quantity() {
        return None;
    }
    let (kind, suffix_end) = written.kind();
    let (multiplier, suffix_end) = written.multiplier(kind, suffix_end);
    let step = written.step(kind)?;
    Some(Mention {
        start: begin,
        end: suffix_end,
        value: value * multiplier,
        kind,
        rounded_to: step * multiplier,
        high: None,
    })
}

/// A number as written, with what is around it in the sentence.
struct Written<'a> {
    text: &'a str,
    words: &'a Words,
    start: usize,
    end: usize,
    value: f64,
    /// The digits before any decimal point.
    whole_digits: &'a str,
    decimals: Option<usize>,
    /// The text after the number, as written and lowercased.
    rest: &'a str,
    low_rest: &'a str,
    /// A `£` straight before it.
    pounds: bool,
}

impl Written<'_> {
    /// Not a label, duration, date, time, day of the month or year: a quantity.
    fn is_quantity(&self) -> bool {
        let (rest, value) = (self.rest, self.value);
        // Attached letters: "5th", "F35", "10am" are not quantities; "45k", "£2m", "£1bn" are.
        let multiplier_suffix = ["k", "m", "bn"].iter().any(|m| {
            self.low_rest.starts_with(m)
                && !self
                    .low_rest
                    .get(m.len()..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphanumeric)
        });
        if rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && !multiplier_suffix {
            return false;
        }
        let prev_word = self.words.before(self.start).map(|w| w.text.as_str());
        let next_word = self.words.after(self.end).map(|w| w.text.as_str());
        if prev_word.is_some_and(|w| LABELS.contains(&w)) && !self.pounds {
            return false;
        }
        // "12-month", "two-day": a hyphen straight after binds the number to a unit of time.
        if rest.starts_with('-') {
            return false;
        }
        // "20/08/2025", "1:30": part of a date or a time.
        if rest.starts_with(['/', ':']) {
            return false;
        }
        if !self.pounds && next_word.is_some_and(|w| DURATIONS.contains(&w)) {
            return false;
        }
        // Days of the month: "5 July", "July 5".
        if next_word.is_some_and(|w| crate::domain::month_number(w).is_some())
            || (prev_word.is_some_and(|w| crate::domain::month_number(w).is_some())
                && value <= 31.0)
        {
            return false;
        }
        // A year: four digits, no comma, 1990–2100.
        !(self.decimals.is_none()
            && self.whole_digits.len() == 4
            && !self
                .text
                .get(self.start..self.end)
                .unwrap_or_default()
                .contains(',')
            && (1990.0..=2100.0).contains(&value)
            && !self.pounds)
    }

    /// Per cent ("%", "per cent", "percent"), pounds or a count, and where the suffix ends.
    fn kind(&self) -> (Kind, usize) {
        let (words, end) = (self.words, self.end);
        if self.rest.starts_with('%') {
            (Kind::Percent, end + 1)
        } else if let Some(w) = words.after(end).filter(|w| {
            (w.text == "per" && words.after(w.end).is_some_and(|n| n.text == "cent"))
                || w.text == "percent"
        }) {
            let e = if w.text == "per" {
                words.after(w.end).map_or(w.end, |n| n.end)
            } else {
                w.end
            };
            (Kind::Percent, e)
        } else if self.pounds {
            (Kind::Pounds, end)
        } else {
            (Kind::Count, end)
        }
    }

    /// A multiplier attached ("45k", "£2m", "£1bn") or written after ("1.2 million"), and
    /// where the suffix then ends; none for a percentage.
    fn multiplier(&self, kind: Kind, suffix_end: usize) -> (f64, usize) {
        if kind == Kind::Percent {
            return (1.0, suffix_end);
        }
        let end = self.end;
        let attached = [("bn", 1e9), ("k", 1e3), ("m", 1e6)];
        if let Some((s, m)) = attached.iter().find(|(s, _)| self.low_rest.starts_with(s)) {
            return (*m, end + s.len());
        }
        if let Some(w) = self.words.after(end) {
            let m = match w.text.as_str() {
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" => 1e9,
                _ => 1.0,
            };
            if m > 1.0
                && self
                    .text
                    .get(end..w.start)
                    .is_some_and(|gap| gap.trim().is_empty())
            {
                return (m, w.end);
            }
        }
        (1.0, suffix_end)
    }

    /// The step the writing implies, before any multiplier: the last decimal place, 1 for a
    /// whole percentage, else the place of the last non-zero digit.
    fn step(&self, kind: Kind) -> Option<f64> {
        Some(match (self.decimals, kind) {
            (Some(d), _) => 10f64.powi(-i32::try_from(d).ok()?),
            (None, Kind::Percent) => 1.0,
            (None, _) => {
                let zeros = self
                    .whole_digits
                    .bytes()
                    .rev()
                    .take_while(|b| *b == b'0')
                    .count()
                    .min(self.whole_digits.len().saturating_sub(1));
                10f64.powi(i32::try_from(zeros).ok()?)
            }
        })
    }
}

/// "between 5,000 and 5,500": one stated range, not two figures. Each such pair becomes one
/// mention spanning both numbers, with the high end in `high`.
pub fn ranges(text: &str, words: &Words, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut it = mentions.into_iter().peekable();
    while let Some(mut m) = it.next() {
        let between = words.before(m.start).is_some_and(|w| w.text == "between");
        let joined = it.peek().is_some_and(|n| {
            n.kind == m.kind
                && n.value > m.value
                && text
                    .get(m.end..n.start)
                    .is_some_and(|g| g.trim().eq_ignore_ascii_case("and"))
        });
        if let Some(n) = it.next_if(|_| between && joined) {
            m.high = Some(n.value);
            m.end = n.end;
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<(f64, Kind, f64, String)> {
        let words = Words::new(text);
        mentions(text, &words)
            .into_iter()
            .map(|m| {
                let t = text[m.start..m.end].to_string();
                (m.value, m.kind, m.rounded_to, t)
            })
            .collect()
    }

    #[test]
    fn written_precision() {
        assert_eq!(
            nums("more than 27,000 people"),
            vec![(27_000.0, Kind::Count, 1000.0, "27,000".into())]
        );
        assert_eq!(nums("fell to 1,900")[0].2, 100.0);
        assert_eq!(
            nums("Around 26% of")[0],
            (26.0, Kind::Percent, 1.0, "26%".into())
        );
        assert_eq!(
            nums("26.5 per cent")[0],
            (26.5, Kind::Percent, 0.1, "26.5 per cent".into())
        );
        assert_eq!(
            nums("an £800,000 deal")[0],
            (800_000.0, Kind::Pounds, 100_000.0, "£800,000".into())
        );
        assert_eq!(nums("1.2 million people")[0].0, 1_200_000.0);
        assert_eq!(nums("1.2 million people")[0].2, 100_000.0);
        assert_eq!(
            nums("45k crossings")[0],
            (45_000.0, Kind::Count, 1000.0, "45k".into())
        );
        assert_eq!(nums("£2m")[0].0, 2_000_000.0);
        assert_eq!(nums("27,997 people")[0].2, 1.0);
        assert_eq!(nums("0 people")[0].2, 1.0);
    }

    #[test]
    fn numbers_that_are_not_figures() {
        for text in [
            "in 2023",
            "on 5 July 2024",
            "on July 5",
            "a 12-month period",
            "same period 12 months ago",
            "under Article 8",
            "Section 3 of the act",
            "the 5th round",
            "at 10am",
            "on 20/08/2025",
            "at 10:30",
            "a 24 hour window",
            "12345678901234567890 people",
        ] {
            assert_eq!(nums(text), vec![], "{text}");
        }
    }

    #[test]
    fn commas_between_clauses_are_not_thousands() {
        let n = nums("in 2024, 1,900 crossed, 300 were returned");
        let values: Vec<f64> = n.iter().map(|x| x.0).collect();
        assert_eq!(values, vec![1900.0, 300.0]);
    }
}
