//! A sentence as lowercase words with their byte offsets, and its clauses: what the extractor's
//! phrase rules match against.

/// One run of ASCII letters and digits, lowercased, at `start..end` of the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The words of one sentence, in order.
#[derive(Debug, Clone, Default)]
pub struct Words(pub Vec<Word>);

impl Words {
    pub fn new(text: &str) -> Self {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (c.is_ascii_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push(Word {
                        start: s,
                        end: i,
                        text: text.get(s..i).unwrap_or_default().to_ascii_lowercase(),
                    });
                    start = None;
                }
                _ => {}
            }
        }
        Words(out)
    }

    /// The last word ending at or before `pos`.
    pub fn before(&self, pos: usize) -> Option<&Word> {
        self.0.iter().rev().find(|w| w.end <= pos)
    }

    /// The first word starting at or after `pos`.
    pub fn after(&self, pos: usize) -> Option<&Word> {
        self.0.iter().find(|w| w.start >= pos)
    }

    /// Up to `n` words ending at or before `pos`, nearest last.
    pub fn last_before(&self, pos: usize, n: usize) -> Vec<&str> {
        let all: Vec<&str> = self
            .0
            .iter()
            .filter(|w| w.end <= pos)
            .map(|w| w.text.as_str())
            .collect();
        all.get(all.len().saturating_sub(n)..)
            .unwrap_or_default()
            .to_vec()
    }

    /// Up to `n` words starting at or after `pos`, nearest first.
    pub fn first_after(&self, pos: usize, n: usize) -> Vec<&str> {
        self.0
            .iter()
            .filter(|w| w.start >= pos)
            .take(n)
            .map(|w| w.text.as_str())
            .collect()
    }

    /// Every place `phrase` (words separated by spaces; `*` matches any one word) occurs
    /// within `range`, as byte spans.
    pub fn find(&self, phrase: &str, range: (usize, usize)) -> Vec<(usize, usize)> {
        let pattern: Vec<&str> = phrase.split(' ').collect();
        let inside: Vec<&Word> = self
            .0
            .iter()
            .filter(|w| w.start >= range.0 && w.end <= range.1)
            .collect();
        let mut out = Vec::new();
        for (i, first) in inside.iter().enumerate() {
            let Some(window) = inside.get(i..i + pattern.len()) else {
                break;
            };
            if window
                .iter()
                .zip(&pattern)
                .all(|(w, p)| *p == "*" || w.text == *p)
            {
                let end = window.last().map_or(first.end, |w| w.end);
                out.push((first.start, end));
            }
        }
        out
    }
}

/// The clause of `text` around byte `pos`: clauses end at `;`, a dash between spaces, and a
/// comma followed by a space (commas inside numbers have none).
pub fn clause_of(text: &str, pos: usize) -> (usize, usize) {
    let mut start = 0;
    for (i, _) in text.char_indices() {
        let rest = text.get(i..).unwrap_or_default();
        let cut = [", ", "; ", " – ", " — ", " - ", ": "]
            .iter()
            .find(|sep| rest.starts_with(**sep));
        if let Some(sep) = cut {
            if i >= pos {
                return (start, i);
            }
            start = i + sep.len();
        }
    }
    (start, text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_phrases() {
        let text = "Up from 18,000 in the same period last year.";
        let w = Words::new(text);
        assert_eq!(w.0.len(), 10);
        assert_eq!(w.find("same period last year", (0, text.len())).len(), 1);
        assert_eq!(w.find("the * period", (0, text.len())).len(), 1);
        assert_eq!(w.last_before(8, 2), vec!["up", "from"]);
    }

    #[test]
    fn clauses() {
        let text = "More than 27,000 crossed, up from 18,000 last year – a rise";
        let (s, e) = clause_of(text, 10);
        assert_eq!(&text[s..e], "More than 27,000 crossed");
        let (s, e) = clause_of(text, 35);
        assert_eq!(&text[s..e], "up from 18,000 last year");
    }
}
