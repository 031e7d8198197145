//! The malformed-input corpus (`tests/fixtures/bad/`) and the valid edge cases
//! (`tests/fixtures/ok/`): every bad file fails with exit 2, an error naming the problem and its
//! place, and nothing on stdout; every good one loads. See `tests/fixtures/README.md`.

use crate::common;

use crate::common::{fixture, migstats};
use migstats::loader::figures_csv::read_figures;
use std::collections::BTreeSet;

/// What the error for a bad file must say.
enum Expect {
    /// `migstats: error: <path>:<location>: <what>` appears on stderr.
    At(&'static str, &'static str),
    /// A workbook: a line `migstats: error: <path><this>…(<hint>)` naming what was found.
    Workbook(&'static str),
}

use Expect::{At, Workbook};

const BAD: &[(&str, Expect)] = &[
    ("empty.csv", At("1", "the file is empty")),
    ("only-blank-lines.csv", At("1", "the file is empty")),
    ("missing-column.csv", At("1", "missing column 'unit'")),
    ("extra-column.csv", At("1:13", "unknown column 'extra'")),
    (
        "header-trailing-comma.csv",
        At("1:13", "a column has no name"),
    ),
    ("renamed-column.csv", At("1:6", "unknown column 'count'")),
    (
        "duplicate-column.csv",
        At("1:13", "column 'source' appears twice"),
    ),
    (
        "header-capitalised.csv",
        At(
            "1:1",
            "the first line names no figures column (it starts 'ID')",
        ),
    ),
    (
        "html-error-page.csv",
        At(
            "1:1",
            "names no figures column (it starts '<!DOCTYPE html>')",
        ),
    ),
    (
        "semicolon-delimited.csv",
        At("1:1", "the header is separated by ';', not commas"),
    ),
    (
        "tab-delimited.csv",
        At("1:1", "the header is separated by '\\t', not commas"),
    ),
    (
        "ragged-short-row.csv",
        At("3", "row has 11 fields, the header has 12"),
    ),
    (
        "ragged-long-row.csv",
        At("3", "row has 13 fields, the header has 12"),
    ),
    (
        "unterminated-quote-last.csv",
        At("3:12", "quoted field is never closed"),
    ),
    (
        "unterminated-quote-middle.csv",
        At("2:11", "quoted field is never closed"),
    ),
    (
        "non-utf8-latin1.csv",
        At("2:3", "country is not valid UTF-8"),
    ),
    (
        "utf16-le.csv",
        At("1:1", "the first line is not UTF-8 text"),
    ),
    ("nul-byte.csv", At("2:11", "source contains a NUL byte")),
    (
        "random-binary.bin",
        At("1:1", "the first line is not UTF-8 text"),
    ),
    (
        "date-not-iso.csv",
        At(
            "2:4",
            "period_start '15/08/2025' is not a date of the form YYYY-MM-DD",
        ),
    ),
    (
        "date-with-time.csv",
        At("2:5", "period_end '2025-08-15T00:00:00' is not a date"),
    ),
    (
        "date-impossible-feb-30.csv",
        At("2:5", "period_end '2025-02-30' is not a real date"),
    ),
    (
        "date-not-leap-year.csv",
        At("2:4", "period_start '2023-02-29' is not a real date"),
    ),
    (
        "date-month-13.csv",
        At("2:5", "period_end '2025-13-01' is not a real date"),
    ),
    (
        "end-before-start.csv",
        At(
            "2:5",
            "period_end 2025-01-01 is before period_start 2025-08-15",
        ),
    ),
    ("value-negative.csv", At("2:6", "value -1 is negative")),
    // The csv crate alone would say lines 4, 3 and 1 (BurntSushi/rust-csv#395).
    (
        "crlf-error-on-line-5.csv",
        At("5:6", "value -5 is negative"),
    ),
    (
        "blank-lines-error-on-line-6.csv",
        At("6:6", "value -5 is negative"),
    ),
    (
        "cr-line-ends-error-on-line-3.csv",
        At("3:6", "value -5 is negative"),
    ),
    (
        "value-nan.csv",
        At("2:6", "value 'NaN' is not a finite number"),
    ),
    (
        "value-inf.csv",
        At("2:6", "value 'inf' is not a finite number"),
    ),
    (
        "value-1e400.csv",
        At("2:6", "value '1e400' is not a finite number"),
    ),
    (
        "value-non-numeric.csv",
        At("2:6", "value 'lots' is not a number"),
    ),
    (
        "value-thousands-separator.csv",
        At("2:6", "value '27,000' is not a number"),
    ),
    ("value-empty.csv", At("2:6", "value is empty")),
    (
        "percent-over-100.csv",
        At("2:6", "percent value 100.5 is over 100"),
    ),
    (
        "rounded-to-zero.csv",
        At(
            "2:9",
            "rounded_to 0 (not rounded) is only for exact figures",
        ),
    ),
    (
        "rounded-to-negative.csv",
        At("2:9", "rounded_to -1000 is negative"),
    ),
    (
        "rounded-to-nan.csv",
        At("2:9", "rounded_to 'nan' is not a finite number"),
    ),
    (
        "range-overflows.csv",
        At(
            "2:9",
            "value 1e308 with rounded_to 1e308 is too large to compute with",
        ),
    ),
    (
        "stated-yoy-percent-sign.csv",
        At("2:10", "stated_yoy_pct '14%' is not a number"),
    ),
    (
        "stated-yoy-fall-of-all.csv",
        At("2:10", "stated_yoy_pct -100 is a fall of 100% or more"),
    ),
    (
        "duplicate-id.csv",
        At("3:1", "duplicate id 'a-1' (first used on line 2)"),
    ),
    (
        "id-bad-characters.csv",
        At("2:1", "id 'Crossings_2025' is not of the form [a-z0-9-]+"),
    ),
    (
        "metric-bad-characters.csv",
        At(
            "2:2",
            "metric 'small-boat-arrivals' is not of the form [a-z0-9_]+",
        ),
    ),
    ("unit-unknown.csv", At("2:7", "unknown unit 'persons'")),
    (
        "qualifier-unknown.csv",
        At("2:8", "unknown qualifier 'around'"),
    ),
    ("country-empty.csv", At("2:3", "country is empty")),
    ("source-empty.csv", At("2:11", "source is empty")),
    // Every problem in a row is reported, not just the first: the last one must be there too.
    ("many-problems.csv", At("2:11", "source is empty")),
    (
        "truncated.ods",
        Workbook(": not a readable spreadsheet: invalid Zip archive"),
    ),
    (
        "corrupt.xlsx",
        Workbook(": not a readable spreadsheet: invalid Zip archive"),
    ),
    (
        "wrong-sheet.xlsx",
        Workbook(": no sheet this tool reads; the workbook has sheets 'Sheet1'"),
    ),
    (
        "wrong-header.xlsx",
        Workbook(" [Data - Irr_D01]: no Irr_D01/IER_D01 header in the first 10 rows (found: "),
    ),
    (
        "wrong-header.ods",
        Workbook(" [SB_01]:1: sheet 'SB_01' has no header naming 'Date'"),
    ),
];

fn bad(name: &str) -> String {
    fixture(&format!("bad/{name}"))
}

#[test]
fn corpus_is_large_and_every_file_is_in_the_table() {
    let listed: BTreeSet<&str> = BAD.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed.len(), BAD.len(), "a file is listed twice");
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixture("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    assert_eq!(listed, on_disk, "tests/fixtures/bad and the table differ");
    assert!(BAD.len() >= 30);
}

#[test]
fn every_bad_file_fails_with_exit_2_a_located_message_and_no_stdout() {
    let mut failures = Vec::new();
    for (name, expect) in BAD {
        let path = bad(name);
        for format in ["table", "json", "csv"] {
            let out = migstats()
                .args(["--format", format, "--data", &path, "summary"])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let mut wrong = Vec::new();
            if out.status.code() != Some(2) {
                wrong.push(format!("exit {:?}", out.status.code()));
            }
            if !out.stdout.is_empty() {
                wrong.push(format!("{} bytes on stdout", out.stdout.len()));
            }
            if stderr.is_empty() || !stderr.lines().all(|l| l.starts_with("migstats: error: ")) {
                wrong.push("a stderr line without 'migstats: error: '".to_string());
            }
            match expect {
                At(location, what) => {
                    let line = stderr
                        .lines()
                        .find(|l| l.starts_with(&format!("migstats: error: {path}:{location}: ")));
                    match line {
                        Some(l) if l.contains(what) && l.ends_with(')') => {}
                        Some(l) => wrong.push(format!("wanted '{what}' and a (hint): {l}")),
                        None => wrong.push(format!("nothing at {location}")),
                    }
                }
                Workbook(what) => {
                    let wanted = format!("migstats: error: {path}{what}");
                    if !stderr
                        .lines()
                        .any(|l| l.starts_with(&wanted) && l.ends_with(')'))
                    {
                        wrong.push(format!("wanted a line starting '{wanted}' with a (hint)"));
                    }
                }
            }
            if !wrong.is_empty() {
                failures.push(format!("{name} ({format}): {}\n{stderr}", wrong.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hand_built_workbooks_are_real_workbooks() {
    // The wrong-sheet and wrong-header cases must fail for their content, not because the
    // hand-built file is unreadable.
    use calamine::Reader;
    for (name, sheet) in [
        ("wrong-sheet.xlsx", "Sheet1"),
        ("wrong-header.xlsx", "Data - Irr_D01"),
        ("wrong-header.ods", "SB_01"),
    ] {
        let mut wb = calamine::open_workbook_auto(bad(name)).unwrap();
        assert_eq!(wb.sheet_names(), vec![sheet.to_string()], "{name}");
        let range = wb.worksheet_range(sheet).unwrap();
        assert!(range.height() >= 2, "{name}");
    }
    for name in ["truncated.ods", "corrupt.xlsx"] {
        assert!(calamine::open_workbook_auto(bad(name)).is_err(), "{name}");
    }
}

#[test]
fn a_directory_is_refused_with_exit_2() {
    let dir = fixture("bad");
    migstats()
        .args(["--data", &dir, "summary"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::starts_with(format!(
            "migstats: error: {dir}: cannot read: "
        )));
}

/// Valid edge cases: file and the number of figures in it.
const OK: &[(&str, usize)] = &[
    ("bom.csv", 2),
    ("crlf.csv", 2),
    ("cr-line-ends.csv", 2),
    ("no-final-newline.csv", 2),
    ("trailing-blank-lines.csv", 2),
    ("quoted-fields.csv", 3),
    ("columns-reordered-optional-omitted.csv", 1),
    ("all-edge-cases.csv", 2),
    ("extreme-values.csv", 15),
];

fn read_ok(name: &str) -> Vec<migstats::domain::Figure> {
    let path = fixture(&format!("ok/{name}"));
    let bytes = std::fs::read(&path).unwrap();
    read_figures(name, bytes.as_slice()).unwrap_or_else(|p| panic!("{name}: {p:?}"))
}

#[test]
fn every_ok_file_is_listed() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixture("ok"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let listed: BTreeSet<String> = OK.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn valid_edge_cases_load_with_every_figure() {
    for (name, count) in OK {
        assert_eq!(read_ok(name).len(), *count, "{name}");
        let path = fixture(&format!("ok/{name}"));
        for format in ["table", "json", "csv", "markdown"] {
            let out = migstats()
                .args(["--format", format, "--data", &path, "summary"])
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{name} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stderr.is_empty(), "{name} {format}");
            assert!(!out.stdout.is_empty(), "{name} {format}");
        }
    }
}

#[test]
fn the_byte_order_mark_is_stripped() {
    for name in ["bom.csv", "all-edge-cases.csv"] {
        let figs = read_ok(name);
        assert_eq!(figs[0].id, "crossings-2025-ytd", "{name}");
    }
}

#[test]
fn quoted_fields_keep_their_commas_quotes_and_line_breaks() {
    let figs = read_ok("quoted-fields.csv");
    assert_eq!(figs[0].source, "Home Office, Migration Statistics");
    assert_eq!(
        figs[0].note.as_deref(),
        Some("Counted to 15 August, the last day\nbefore the agreement; \"so far this year\"")
    );
    assert_eq!(figs[0].value, 27_000.0);
    assert_eq!(
        figs[1].note.as_deref(),
        Some("crlf inside\r\na quoted field")
    );
    // The third record starts after two multi-line records: its line is where it starts.
    assert_eq!(figs[2].origin.line, 6);
    assert_eq!(figs[2].note, None);

    let figs = read_ok("all-edge-cases.csv");
    assert_eq!(
        figs[0].note.as_deref(),
        Some("Counted, to 15 August;\r\nsee \"notes\"")
    );
    assert_eq!(figs[1].origin.line, 4);
}

#[test]
fn extreme_values_give_no_infinity_or_nan_in_any_output() {
    let path = fixture("ok/extreme-values.csv");
    let out = migstats()
        .args(["--format", "csv", "--data", &path, "summary"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        for field in record.iter() {
            let lower = field.to_ascii_lowercase();
            assert!(
                !lower.contains("inf") && !lower.contains("nan"),
                "{field} in {record:?}"
            );
        }
    }
    assert!(rows >= 8, "{rows}");
    // serde_json writes a non-finite number as null: no number field may be null unless the
    // schema allows it (percent and percent_range are absent when there is no percent).
    let doc = common::json(&["--format", "json", "--data", &path, "summary"]);
    for row in doc["rows"].as_array().unwrap() {
        for key in ["value", "rounded_to"] {
            assert!(row[key].is_number(), "{key}: {row}");
        }
        for end in ["low", "high"] {
            assert!(row["range"][end].is_number(), "{row}");
        }
        if let Some(change) = row["change"].as_object() {
            assert!(change["absolute"].is_number(), "{row}");
            for end in ["low", "high"] {
                assert!(change["absolute_range"][end].is_number(), "{row}");
            }
        }
    }
}
