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

#[test]
fn bare_links_addresses_code_and_emphasis_in_a_note_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("autolinks.csv");
    std::fs::write(
        &file,
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note\n\
         iraq-2025,small_boat_arrivals,Iraq,2024-04-01,2025-03-31,1900,people,exact,100,,Home Office,\
         \"https://evil.example www.evil.example `code` *em* press.office@evil.example mailto:a.b@evil.example\"\n",
    )
    .unwrap();
    let md = markdown(&["--data", file.to_str().unwrap(), "sources"]);
    assert!(
        md.contains(
            "https\\://evil.example www\\.evil.example \\`code\\` \\*em\\* \
             press.office\\@evil.example mailto\\:a.b\\@evil.example"
        ),
        "{md}"
    );
    // No address a renderer would link: every `@` of the note is escaped.
    assert!(!md.replace("\\@", "").contains('@'), "{md}");
}
