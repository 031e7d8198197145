//! What a text field read from input (country, nationality, source, note) may hold. Such text
//! reaches terminals, Markdown and CSV opened in spreadsheets, so two kinds are refused at the
//! edge rather than escaped later: control characters, and a first character that makes a
//! spreadsheet cell a formula. Refusing them costs no real figure (see [`check`]).

use crate::sanitize;

/// Characters that start a spreadsheet formula (OWASP "CSV injection"): `-2+3+cmd|…` is one.
pub const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// What kind of text a field holds, for the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A country, nationality or publisher: no real one begins with a formula character.
    Name,
    /// Free words about a figure: easily reworded.
    Note,
}

/// Why a field's text is refused, ready for a located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub what: String,
    pub hint: &'static str,
}

/// Checks one field's (trimmed) text. `field` names it in the message (`country`, `Notes`).
pub fn check(field: &str, kind: TextKind, text: &str) -> Result<(), Refusal> {
    // A note may run over lines (a quoted CSV field, a cell with a line break; a CR-ended file
    // breaks them with CR): outputs show each as a line break, never as a CR.
    let refused = |c: char| {
        sanitize::needs_escape(c) && !(kind == TextKind::Note && matches!(c, '\n' | '\r'))
    };
    if let Some((at, c)) = text.chars().enumerate().find(|(_, c)| refused(*c)) {
        let shown = sanitize::escape(c.encode_utf8(&mut [0; 4])).into_owned();
        let (what, hint) = match (kind, c) {
            (TextKind::Name, '\n' | '\r') => ("control", "write it on one line"),
            _ if sanitize::is_invisible(c) => (
                "invisible",
                "remove it: an invisible character makes text that reads the same count as different, and no real value has one",
            ),
            _ => (
                "control",
                "remove it: control characters can take over a terminal, and no real value has one",
            ),
        };
        return Err(Refusal {
            what: format!(
                "{field} holds the {what} character {shown} at character {}: '{}'",
                at + 1,
                sanitize::echo(text)
            ),
            hint,
        });
    }
    if let Some(c) = text.chars().next().filter(|c| FORMULA_STARTS.contains(c)) {
        let hint = match kind {
            TextKind::Name => {
                "a spreadsheet opening the CSV output would run it as a formula; no country, nationality or source begins so"
            }
            TextKind::Note => {
                "a spreadsheet opening the CSV output would run it as a formula; reword it, e.g. 'Up 14%…' rather than '+14%…'"
            }
        };
        return Err(Refusal {
            what: format!("{field} '{}' begins with '{c}'", sanitize::echo(text)),
            hint,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_values_pass() {
        for ok in [
            "Iraq",
            "all",
            "Côte d'Ivoire",
            "Home Office",
            "UK Government",
            "Revised",
            "Up 14% on the same period a year earlier",
            "",
        ] {
            assert_eq!(check("country", TextKind::Name, ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn formulas_are_refused_with_a_hint() {
        for bad in [
            "=HYPERLINK(\"x\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|x",
            "@SUM(A1)",
        ] {
            let r = check("source", TextKind::Name, bad).unwrap_err();
            assert!(r.what.starts_with("source '"), "{}", r.what);
            assert!(r.hint.contains("no country"), "{}", r.hint);
        }
        let r = check("note", TextKind::Note, "+14% on last year").unwrap_err();
        assert_eq!(r.what, "note '+14% on last year' begins with '+'");
        assert!(r.hint.contains("Up 14%"));
    }

    #[test]
    fn controls_are_refused_and_shown_escaped() {
        let r = check("country", TextKind::Name, "Ir\u{1b}[2Jaq").unwrap_err();
        assert_eq!(
            r.what,
            "country holds the control character \\u{1b} at character 3: 'Ir\\u{1b}[2Jaq'"
        );
        assert!(!r.what.contains('\u{1b}'));
        // A note may run over lines; a name may not.
        assert_eq!(
            check("note", TextKind::Note, "two\nlines\r\nthree\rfour"),
            Ok(())
        );
        let r = check("country", TextKind::Name, "two\nlines").unwrap_err();
        assert_eq!(r.hint, "write it on one line");
        let r = check("note", TextKind::Note, "tab\there").unwrap_err();
        assert!(r.what.contains("\\u{9} at character 4"), "{}", r.what);
        assert!(check("country", TextKind::Name, "a\u{9b}b").is_err());
        assert!(check("country", TextKind::Name, "a\u{202e}b").is_err());
    }

    #[test]
    fn invisible_characters_are_refused() {
        for bad in [
            "Ira\u{200b}q",
            "Iraq\u{2060}",
            "\u{feff}Iraq",
            "Iraq\u{e0041}",
            "I\u{200d}raq",
        ] {
            let r = check("country", TextKind::Name, bad).unwrap_err();
            assert!(r.what.contains("invisible character \\u{"), "{}", r.what);
            assert!(r.hint.contains("reads the same"), "{}", r.hint);
            assert!(check("note", TextKind::Note, bad).is_err());
        }
    }
}
