//! The library's typed errors. `main` maps every kind to exit code 2 and prints it as
//! `migstats: error: <file>:<line>:<column>: <what> (<hint>)`.

use crate::sanitize;
use std::fmt;

/// Characters in one printed error line, at most: each reader cuts the input it quotes to
/// [`sanitize::ECHO_MAX`]; this bounds a line whatever it holds (file names, lists).
pub const MESSAGE_MAX: usize = 1000;

/// One error line as printed: escaped and cut to [`MESSAGE_MAX`] characters.
fn printable_line(line: &str) -> String {
    let escaped = sanitize::escape(line);
    let shown = sanitize::cap(&escaped, MESSAGE_MAX);
    if shown.len() < escaped.len() {
        format!("{shown}… (message cut at {MESSAGE_MAX} characters)")
    } else {
        shown.to_string()
    }
}

/// Where in an input a problem is. Line and column are 1-based; either may be unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn at(file: impl Into<String>, line: u64, column: Option<u64>) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// One thing wrong with an input, with a hint on how to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub what: String,
    pub hint: String,
}

impl Problem {
    pub fn new(location: Location, what: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            location,
            what: what.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.what)?;
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file could not be opened or read.
    #[error("{path}: cannot read: {source} (check the path and its permissions)")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// An input broke the rules; every problem found is listed.
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    /// The command line asked for something that cannot be done.
    #[error("{what} ({hint})")]
    Usage { what: String, hint: String },
    /// The output file could not be written; nothing was left in its place.
    #[error("{path}: cannot write: {source} (check the directory exists and can be written to)")]
    WriteFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Writing the output failed (other than a closed pipe, which `main` treats as success).
    #[error("cannot write output: {0}")]
    Output(#[source] std::io::Error),
}

impl Error {
    pub fn invalid(problem: Problem) -> Self {
        Error::Invalid(vec![problem])
    }

    pub fn usage(what: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            what: what.into(),
            hint: hint.into(),
        }
    }

    /// Each line to print after `migstats: error: `, safe for a terminal: file names and text
    /// quoted from input are escaped (see [`sanitize`]), and a line is cut at
    /// [`MESSAGE_MAX`] characters whatever a reader put in it.
    pub fn messages(&self) -> Vec<String> {
        let lines = match self {
            Error::Invalid(problems) => problems.iter().map(|p| p.to_string()).collect(),
            other => vec![other.to_string()],
        };
        lines.iter().map(|line| printable_line(line)).collect()
    }

    /// Exit code for this error: every error is a usage, input or data error.
    pub fn exit_code(&self) -> i32 {
        2
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The one collector of an input's problems, for every reader. It keeps the first `cap`, each
/// with its place in `file`; [`Problems::push`] says when it is full, and the reader stops
/// there. A list the cap cut short ends with a line saying so, so a binary or hostile file
/// cannot flood stderr and a cut list never passes for the whole.
#[derive(Debug, Clone)]
pub struct Problems {
    file: String,
    list: Vec<Problem>,
    /// Every problem pushed, kept or not: a check can tell whether it found anything.
    found: usize,
    cap: usize,
}

impl Problems {
    pub fn new(file: impl Into<String>, cap: usize) -> Self {
        Problems {
            file: file.into(),
            list: Vec::new(),
            found: 0,
            cap,
        }
    }

    /// The file (or `file [sheet]`) problems are placed in.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Adds a problem (kept if there is room); false once the cap is reached: stop reading.
    pub fn push(&mut self, problem: Problem) -> bool {
        self.found += 1;
        if self.list.len() < self.cap {
            self.list.push(problem);
        }
        !self.is_full()
    }

    /// A problem at `line` (and `column`, 1-based) of the file; as [`Problems::push`].
    pub fn at(
        &mut self,
        line: u64,
        column: Option<u64>,
        what: impl Into<String>,
        hint: impl Into<String>,
    ) -> bool {
        let at = Location::at(self.file.clone(), line, column);
        self.push(Problem::new(at, what, hint))
    }

    /// A problem with the file as a whole, not one place in it; as [`Problems::push`].
    pub fn whole_file(&mut self, what: impl Into<String>, hint: impl Into<String>) -> bool {
        let at = Location::file(self.file.clone());
        self.push(Problem::new(at, what, hint))
    }

    pub fn is_full(&self) -> bool {
        self.list.len() >= self.cap
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Problems kept.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Problems pushed, including those past the cap.
    pub fn found(&self) -> usize {
        self.found
    }

    /// Drops the problems kept after the first `len` (found after a point that turned out to
    /// make them noise).
    pub fn truncate(&mut self, len: usize) {
        self.list.truncate(len);
    }

    /// The problems, with a closing line naming the file when the cap cut the list short.
    pub fn into_list(mut self) -> Vec<Problem> {
        if self.is_full() {
            self.list.push(Problem::new(
                Location::file(self.file),
                format!("stopped after {} problems", self.cap),
                "fix these and run again",
            ));
        }
        self.list
    }

    pub fn into_result(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.into_list()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_file_names_and_are_bounded() {
        let e = Error::invalid(Problem::new(
            Location::at("evil\u{1b}]0;x\u{7}.csv", 2, Some(3)),
            "bad",
            "fix",
        ));
        assert_eq!(
            e.messages(),
            vec!["evil\\u{1b}]0;x\\u{7}.csv:2:3: bad (fix)"]
        );
        let raw = Error::invalid(Problem::new(
            Location::file("a\u{1b}[2J\nb"),
            "x".repeat(5000),
            "",
        ));
        let lines = raw.messages();
        assert_eq!(lines.len(), 1);
        let line = lines.first().map(String::as_str).unwrap_or_default();
        assert!(line.starts_with("a\\u{1b}[2J\\u{a}b: xxx"), "{line}");
        assert!(line.ends_with("… (message cut at 1000 characters)"));
        assert!(!line.contains('\u{1b}') && !line.contains('\n'));
        let io = Error::Io {
            path: "\u{9b}2J".to_string(),
            source: std::io::Error::other("gone"),
        };
        assert_eq!(
            io.messages(),
            vec!["\\u{9b}2J: cannot read: gone (check the path and its permissions)"]
        );
    }

    #[test]
    fn problems_keep_the_first_up_to_the_cap_and_say_when_they_stopped() {
        let mut p = Problems::new("f.csv", 3);
        assert!(p.at(2, Some(1), "a", "h"));
        assert!(p.whole_file("b", ""));
        let under: Vec<String> = p
            .clone()
            .into_list()
            .iter()
            .map(|x| x.to_string())
            .collect();
        assert_eq!(under, ["f.csv:2:1: a (h)", "f.csv: b"]);
        assert!(!p.at(4, None, "c", "h"), "full at the cap: stop reading");
        assert!(!p.at(5, None, "d", "h"));
        assert_eq!((p.len(), p.found()), (3, 4));
        let lines = Error::Invalid(p.into_list()).messages();
        assert_eq!(
            lines,
            [
                "f.csv:2:1: a (h)",
                "f.csv: b",
                "f.csv:4: c (h)",
                "f.csv: stopped after 3 problems (fix these and run again)"
            ]
        );
        assert!(Problems::new("f.csv", 3).into_result().is_ok());
    }
}
