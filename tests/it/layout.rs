//! Tables fit the terminal without breaking a number: at COLUMNS 40, 60, 80, 120 and piped with
//! COLUMNS unset, every number in `summary`, `changes`, `top`, `check` and `series` appears whole
//! on one line, and so does every sparkline; no line is wider than the width. A number is whole
//! when the table at that width holds exactly the numbers of the natural layout, each one a value
//! or date of the JSON document.

use crate::common::migstats;
use regex::Regex;
use std::collections::BTreeMap;

const SMALL_BOATS: &str = "14_November_2025_Small_boats_-_time_series.ods";
const SMALL_BOATS_2026: &str = "Small_boats_time_series_as_of_2026-08-20.ods";

/// Every command named above, on the bundled figures and on real Home Office files.
fn cases() -> Vec<Vec<&'static str>> {
    vec![
        vec!["summary"],
        vec!["--data", SMALL_BOATS, "summary"],
        vec!["changes"],
        vec!["--data", SMALL_BOATS, "--as-of", "2025-08-15", "changes"],
        vec!["--data", "detailed/irr_d01.csv", "top"],
        vec!["check"],
        vec!["check", "--against", SMALL_BOATS],
        vec!["--data", SMALL_BOATS, "series", "--by", "month"],
        // With a Trend column of 13 and 14 marks.
        vec!["--data", SMALL_BOATS_2026, "summary"],
        vec!["--data", SMALL_BOATS_2026, "series", "--by", "quarter"],
    ]
}

/// Runs in tests/fixtures (short relative names), with COLUMNS set or unset.
fn run(args: &[&str], columns: Option<usize>) -> String {
    let mut cmd = migstats();
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    if let Some(c) = columns {
        cmd.env("COLUMNS", c.to_string());
    }
    let out = cmd.args(args).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The numbers in a table's text and how often each occurs; the vertical layout's row rules
/// (`── 2 of 6 ──`) count rows, not figures.
fn numbers(text: &str) -> BTreeMap<String, usize> {
    let re = Regex::new(r"\d[\d,]*(?:\.\d+)?").unwrap();
    let mut counts = BTreeMap::new();
    let lines = text.lines().filter(|l| !l.starts_with("── "));
    for m in lines.flat_map(|l| re.find_iter(l)) {
        *counts.entry(m.as_str().to_string()).or_insert(0) += 1;
    }
    counts
}

/// The sparklines of a table (runs of marks, gaps inside them included) and how often each
/// occurs.
fn sparklines(text: &str) -> BTreeMap<String, usize> {
    let re = Regex::new(r"[▁-█](?:[▁-█ ]*[▁-█])?").unwrap();
    let mut counts = BTreeMap::new();
    for m in text.lines().flat_map(|l| re.find_iter(l)) {
        *counts.entry(m.as_str().to_string()).or_insert(0) += 1;
    }
    counts
}

/// The table without the notes under it: up to its last rule.
fn table_part(text: &str) -> &str {
    let end = text.rfind("\n─").map_or(text.len(), |i| {
        i + 1 + text[i + 1..].find('\n').unwrap_or(text.len() - i - 1)
    });
    &text[..end]
}

/// Every number in the JSON document and every run of digits in its strings (dates, labels).
fn json_numbers(doc: &serde_json::Value, out: &mut Vec<f64>) {
    match doc {
        serde_json::Value::Number(n) => out.extend(n.as_f64()),
        serde_json::Value::String(s) => {
            let re = Regex::new(r"\d+").unwrap();
            out.extend(re.find_iter(s).map(|m| m.as_str().parse::<f64>().unwrap()));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_numbers(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_numbers(v, out)),
        _ => {}
    }
}

#[test]
fn numbers_are_whole_and_lines_fit_at_every_width() {
    for args in cases() {
        let natural = run(&args, None);
        assert!(
            natural.contains('═'),
            "{args:?}: natural layout:\n{natural}"
        );
        let expected = numbers(&natural);
        assert!(expected.len() > 5, "{args:?}: {natural}");

        // Each number of the table is one of the JSON's, at the precision shown.
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&run(&json_args, None)).unwrap();
        let mut values = Vec::new();
        json_numbers(&doc, &mut values);
        // The period kind's own words ("12 months") hold the one number not in the data.
        values.push(12.0);
        for token in numbers(table_part(&natural)).keys() {
            let plain = token.replace(',', "");
            let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len());
            assert!(
                values
                    .iter()
                    .any(|v| format!("{:.*}", decimals, v.abs()) == plain),
                "{args:?}: {token} is in no JSON value"
            );
        }

        for width in [40, 60, 80, 120] {
            let text = run(&args, Some(width));
            assert_eq!(
                numbers(&text),
                expected,
                "{args:?} COLUMNS={width}: a number was split:\n{text}"
            );
            assert_eq!(
                sparklines(&text),
                sparklines(&natural),
                "{args:?} COLUMNS={width}: a sparkline was split:\n{text}"
            );
            for line in text.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{args:?} COLUMNS={width}: too wide: {line:?}"
                );
            }
        }
    }
}

#[test]
fn a_narrow_summary_is_one_block_per_row_in_kind_order() {
    let text = run(&["--data", SMALL_BOATS, "summary"], Some(60));
    let blocks: Vec<&str> = text.split("── ").skip(1).collect();
    assert_eq!(blocks.len(), 6, "{text}");
    assert!(blocks[0].starts_with("1 of 6 ─"), "{text}");
    assert!(
        blocks[0].contains(
            "Figure      │ small boat arrivals\n            │ all nationalities\n\
             Period      │ year to date\n            │ 1 Jan – 13 Nov 2025\n\
             Value       │ 39,075\n\
             Trend       │ ▃▃▇▇▆██▆█▅█\n"
        ),
        "{text}"
    );
    assert!(
        blocks[1].contains("Period      │ 12 months\n            │ 14 Nov 2024 – 13 Nov 2025\n"),
        "{text}"
    );
    // No claim in any row: the column is left out.
    assert!(!text.contains("Claim"), "{text}");
}

#[test]
fn nothing_is_one_word_explained_once() {
    let text = run(&["summary"], None);
    for word in ["none\n", " none ", "n/a", "nothing to check against"] {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
    assert!(text.contains(" – "), "{text}");
    assert_eq!(
        text.matches("– none: no such figure, comparison or claim for that row.")
            .count(),
        1,
        "{text}"
    );
}
