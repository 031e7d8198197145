//! Markdown that pastes anywhere: a pipe table with no HTML, one line per row,
//! multi-line cells joined with "; ", markup characters backslash-escaped.

use crate::common::{fixture, migstats};

fn markdown(args: &[&str]) -> String {
    let out = migstats()
        .args(["--format", "markdown"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn summary_markdown_has_no_html_and_one_line_per_row() {
    let md = markdown(&["summary"]);
    assert!(!md.contains("<br"), "{md}");
    assert!(!md.contains("&lt;") && !md.contains("&amp;"), "{md}");
    let table: Vec<&str> = md.lines().take_while(|l| l.starts_with('|')).collect();
    // Header, rule and the five bundled figures.
    assert_eq!(table.len(), 7, "{md}");
    assert_eq!(
        table[2],
        "| small boat arrivals; all nationalities | year to date; 1 Jan – 15 Aug 2025 | >27,000 \
         | \\~18,000; 1 Jan – 15 Aug 2024 | +9,000; +50.0%; +45.9% to +60.0% | – | Home Office |"
    );
    // Every row has as many cells as the header.
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(table.iter().all(|l| cells(l) == cells(table[0])), "{md}");
    assert!(
        md.contains("- \\~ around, > more than, \\< fewer than;"),
        "{md}"
    );
    assert!(md.contains("- – none: no such figure, comparison or claim for that row.\n"));
}

#[test]
fn real_top_markdown_leaves_out_nothing_and_escapes_nothing_needlessly() {
    let md = markdown(&[
        "--data",
        &fixture("detailed/irr_d01.csv"),
        "top",
        "--limit",
        "2",
    ]);
    assert!(
        md.contains(
            "| 1 | Afghanistan | 5,545 | 39.9% | ████████████████████ | 9,088 | -3,543; -39.0% |"
        ),
        "{md}"
    );
}
