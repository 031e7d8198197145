//! An article split into sentences, each with the line it starts on. Paragraphs (blank lines)
//! always end a sentence; within one, a sentence ends at `.`, `?` or `!` followed by a space
//! and a capital, a digit or a quote, except after a title ("Mr.") or an initial.

/// Titles and abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 12] = [
    "mr", "mrs", "ms", "dr", "st", "no", "prof", "rev", "sir", "gen", "col", "vs",
];

/// (line the sentence starts on, 1-based; the sentence, whitespace collapsed).
pub fn split(text: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start_line = 1u64;
    let flush = |current: &mut String, line: u64, out: &mut Vec<(u64, String)>| {
        let s = current.trim();
        if !s.is_empty() {
            out.push((line, s.to_string()));
        }
        current.clear();
    };
    for (i, line) in text.lines().enumerate() {
        let number = u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1);
        if line.trim().is_empty() {
            flush(&mut current, start_line, &mut out);
            continue;
        }
        if current.is_empty() {
            start_line = number;
        }
        let chars: Vec<char> = line.trim().chars().collect();
        if !current.is_empty() {
            current.push(' ');
        }
        for (k, &c) in chars.iter().enumerate() {
            current.push(c);
            if !matches!(c, '.' | '?' | '!') {
                continue;
            }
            let next = chars.get(k + 1).copied();
            let after = chars.get(k + 2).copied();
            let ends_line = next.is_none();
            let starts_next = next == Some(' ')
                && after.is_some_and(|a| {
                    a.is_uppercase()
                        || a.is_ascii_digit()
                        || matches!(a, '"' | '“' | '‘' | '\'' | '£')
                });
            if (ends_line || starts_next) && !(c == '.' && abbreviation(&current)) {
                flush(&mut current, start_line, &mut out);
                start_line = number;
            }
        }
    }
    flush(&mut current, start_line, &mut out);
    out
}

/// Whether `text` (ending in `.`) ends with a title or a single-letter initial.
fn abbreviation(text: &str) -> bool {
    let word: String = text
        .trim_end_matches('.')
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_with_their_lines() {
        let text = "More than 27,000 people crossed. Mr. Jarvis said\nso on 20 August.\n\nIt was 1.5 times as many! Why? \"Because\" of J. Smith.";
        let s = split(text);
        let texts: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "More than 27,000 people crossed.",
                "Mr. Jarvis said so on 20 August.",
                "It was 1.5 times as many!",
                "Why?",
                "\"Because\" of J. Smith.",
            ]
        );
        let lines: Vec<u64> = s.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 1, 4, 4, 4]);
    }

    #[test]
    fn a_heading_without_a_stop_is_its_own_sentence() {
        let s = split("Channel crossings\n\nSome 500 crossed last month.");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1], (3, "Some 500 crossed last month.".to_string()));
    }
}
