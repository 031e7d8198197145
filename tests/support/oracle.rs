//! The property every input must satisfy, shared by the cargo-fuzz target
//! (`fuzz/fuzz_targets/figures_csv.rs`) and the stable mutation test (`tests/it/robustness.rs`):
//! the loader never panics, and whatever it accepts goes through the calculator and every
//! renderer without panicking, with no infinite or NaN number in the machine outputs and a JSON
//! document that parses back.

use migstats::domain::Qualifier;
use migstats::loader::figures_csv::read_figures;
use migstats::loader::{Dataset, Provenance};
use migstats::render::{Format, Terminal, renderer};
use std::sync::OnceLock;

/// Columns of the flat (CSV) grid that hold numbers: each must be empty or a finite number.
const NUMERIC: [&str; 14] = [
    "value",
    "rounded_to",
    "range_low",
    "range_high",
    "previous_value",
    "previous_low",
    "previous_high",
    "change_absolute",
    "change_absolute_low",
    "change_absolute_high",
    "change_percent",
    "change_percent_low",
    "change_percent_high",
    "stated_yoy_pct",
];

/// Any provenance will do; the bundled one's, so this keeps compiling as fields are added.
fn provenance() -> &'static Provenance {
    static PROVENANCE: OnceLock<Provenance> = OnceLock::new();
    PROVENANCE.get_or_init(|| {
        migstats::loader::bundled()
            .expect("the bundled dataset loads")
            .provenance
    })
}

/// Panics (the finding) if `data` breaks any of the properties above (or puts a figure on a
/// line it cannot be on). True when the loader
/// accepted it (so the calculator and renderers ran too).
pub fn check(data: &[u8]) -> bool {
    let figures = match read_figures("fuzz.csv", data) {
        Ok(figures) => figures,
        Err(problems) => {
            assert!(!problems.is_empty(), "an error with no problem in it");
            for p in &problems {
                assert!(!p.what.is_empty(), "{p:?}");
                // Lines are 1-based: 0 would mean a position was lost on the way.
                assert_ne!(p.location.line, Some(0), "{p:?}");
                assert_ne!(p.location.column, Some(0), "{p:?}");
            }
            return false;
        }
    };
    // Each figure starts on a later line than the one before, on a line of the input that is
    // not blank. Lines end with CRLF, LF or CR.
    let mut blank = vec![true];
    let mut after_cr = false;
    for &b in data {
        if b == b'\r' || (b == b'\n' && !after_cr) {
            blank.push(true);
        } else if !b.is_ascii_whitespace()
            && let Some(last) = blank.last_mut()
        {
            *last = false;
        }
        after_cr = b == b'\r';
    }
    let mut previous = 0;
    for f in &figures {
        let line = f.origin.line;
        let on_blank = usize::try_from(line - 1).ok().and_then(|i| blank.get(i));
        assert!(
            previous < line && on_blank == Some(&false),
            "line {line} after {previous}: {on_blank:?}"
        );
        previous = line;
    }
    for f in &figures {
        let r = f.stated_range();
        assert!(f.value.is_finite() && f.value >= 0.0, "{f:?}");
        // 0 = not rounded, only for exact figures.
        assert!(f.rounded_to.is_finite() && f.rounded_to >= 0.0, "{f:?}");
        assert!(f.is_rounded() || f.qualifier == Qualifier::Exact, "{f:?}");
        assert!(
            r.low.is_finite() && r.high.is_finite() && r.low <= r.high,
            "{f:?}"
        );
        assert!(f.period.start <= f.period.end, "{f:?}");
    }
    let dataset = Dataset {
        provenance: provenance().clone(),
        figures,
        marks: Vec::new(),
    };
    let outcome = migstats::commands::summary::run(&dataset, &Default::default())
        .expect("summary of valid figures");
    let flat = &outcome.report.rows().expect("a summary has rows").flat();
    for (i, col) in flat.columns.iter().enumerate() {
        if !NUMERIC.contains(&col.name.as_str()) {
            continue;
        }
        for row in &flat.rows {
            let text = &row[i].text;
            assert!(
                text.is_empty() || text.parse::<f64>().is_ok_and(f64::is_finite),
                "{} = {text}",
                col.name
            );
        }
    }
    let sources = migstats::commands::sources::run(&dataset).expect("sources of valid figures");
    for report in [&outcome.report, &sources.report] {
        for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
            for color in [false, true] {
                let terminal = Terminal {
                    color,
                    width: Some(80),
                    tty: false,
                };
                let mut out = Vec::new();
                renderer(format, terminal)
                    .render(report, &mut out)
                    .expect("rendering to memory");
                if format == Format::Json {
                    let _: serde_json::Value =
                        serde_json::from_slice(&out).expect("the JSON output parses");
                }
                // No control character from the input reaches the output (colour
                // is the tool's own ESC; CSV keeps a note's quoted CR line break as read).
                if !color {
                    let text = String::from_utf8_lossy(&out);
                    let bad = text.chars().find(|c| {
                        (c.is_control() && *c != '\n' && !(*c == '\r' && format == Format::Csv))
                            || ('\u{202a}'..='\u{202e}').contains(c)
                    });
                    assert_eq!(bad, None, "{format:?}: {text:?}");
                }
            }
        }
    }
    true
}
