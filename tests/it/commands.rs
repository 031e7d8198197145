//! Every command in every format through the binary; the CSV round trip; check and validate
//! exit codes; --data with several files.

use crate::common::{fixture, json, migstats};

const COMMANDS: [&str; 5] = ["summary", "figures", "changes", "sources", "top"];

fn stdout(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{args:?} wrote to stderr");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_command_in_every_format() {
    for cmd in COMMANDS.iter().chain(&["check"]) {
        let table = stdout(&[cmd]);
        // Piped with COLUMNS unset: the natural layout (widths are layout.rs's).
        assert!(table.contains('═'), "{cmd} table has a header rule");

        let doc = json(&[cmd, "--format", "json"]);
        assert_eq!(doc["command"], *cmd);
        assert_eq!(doc["schema_version"], 1);
        assert!(doc["rows"].is_array());

        let csv_text = stdout(&[cmd, "--format", "csv"]);
        let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
        let width = rdr.headers().unwrap().len();
        let records: Vec<_> = rdr.records().map(|r| r.unwrap()).collect();
        assert_eq!(
            records.len(),
            doc["rows"].as_array().unwrap().len(),
            "{cmd}: csv rows = json rows"
        );
        assert!(records.iter().all(|r| r.len() == width));

        let md = stdout(&[cmd, "--format", "markdown"]);
        let lines: Vec<&str> = md.lines().collect();
        assert!(
            lines[0].starts_with("| ") && lines[0].ends_with(" |"),
            "{cmd}: {}",
            lines[0]
        );
        assert!(lines[1].contains("---"), "{cmd}: separator row");
        let table_lines = lines.iter().take_while(|l| l.starts_with('|')).count();
        assert_eq!(
            table_lines,
            2 + records.len(),
            "{cmd}: one markdown line per row"
        );
    }
}

#[test]
fn figures_csv_is_exactly_the_schema_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.csv");
    let csv_text = stdout(&["figures", "--format", "csv"]);
    assert!(csv_text.starts_with(
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note,rate_count,rate_base,cohort_size,cohort_awaiting,cohort_withdrawn\n"
    ));
    std::fs::write(&path, &csv_text).unwrap();
    let p = path.to_str().unwrap();
    // Same summary from the export as from the bundled data, in every format but the
    // provenance lines that name the files.
    let bundled = json(&["summary", "--format", "json"]);
    let again = json(&["--data", p, "summary", "--format", "json"]);
    assert_eq!(bundled["rows"], again["rows"]);
    assert_eq!(
        stdout(&["summary", "--format", "csv"]),
        stdout(&["--data", p, "summary", "--format", "csv"])
    );
    // And the export of the export is the export.
    assert_eq!(
        csv_text,
        stdout(&["--data", p, "figures", "--format", "csv"])
    );
}

#[test]
fn figures_filters() {
    let rows = |args: &[&str]| {
        let mut all = vec!["figures", "--format", "json"];
        all.extend_from_slice(args);
        json(&all)["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&[]).len(), 7);
    assert_eq!(rows(&["--country", "iraq"]).len(), 4);
    assert_eq!(
        rows(&["--metric", "small_boat_arrivals", "--country", "all"]),
        ["crossings-2025-ytd", "crossings-2024-ytd"]
    );
    assert_eq!(rows(&["--since", "2025-01-01"]), ["crossings-2025-ytd"]);
    assert_eq!(
        rows(&["--until", "2024-08-15"]),
        ["crossings-2024-ytd", "iraqi-arrivals-ye-mar-2024"]
    );
    let out = migstats()
        .args(["figures", "--since", "2025-13-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn changes_lists_pairs_and_implied_values() {
    let doc = json(&["changes", "--format", "json"]);
    let ids: Vec<&str> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "crossings-2025-ytd",
            "iraqi-arrivals-ye-mar-2025",
            "returns-2024-25"
        ]
    );
}

#[test]
fn check_exit_codes() {
    let bundled = migstats().arg("check").output().unwrap();
    assert_eq!(
        bundled.status.code(),
        Some(0),
        "the bundled +14% is not checkable, not inconsistent"
    );

    let out = migstats()
        .args([
            "--data",
            &fixture("inconsistent_claim.csv"),
            "check",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |id: &str| {
        doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("crossings-2025-ytd"), "inconsistent");
    assert_eq!(
        status("grant-2025"),
        "consistent",
        "points claim checked in points"
    );

    let ok = migstats()
        .args(["--data", &fixture("consistent_claim.csv"), "check"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&ok.stdout)
            .contains("1 claim: 1 consistent, 0 understated, 0 overstated, 0 inconsistent, 0"),
        "the +50% claim is consistent"
    );
}

#[test]
fn validate_reports_every_problem_with_line_and_column() {
    let f = fixture("many_problems.csv");
    let out = migstats().args(["validate", &f]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    let err = String::from_utf8(out.stderr).unwrap();
    for want in [
        ":3:1: id 'Bad Id'",
        ":4:4: period_start '2025-02-30' is not a real date",
        ":5:6: value -5 is negative",
        ":5:7: unknown unit 'persons'",
        ":6:9: rounded_to 0",
        ":6:1: duplicate id 'ok-1'",
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("migstats: error: ") && l.contains(want)),
            "missing {want:?} in\n{err}"
        );
    }

    let good = migstats()
        .args([
            "validate",
            &fixture("consistent_claim.csv"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(good.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&good.stdout).unwrap();
    assert_eq!(doc["rows"][0]["figures"], 2);
}

#[test]
fn shell_conventions() {
    let help = stdout(&["--help"]);
    assert!(help.contains("Examples:"));
    for cmd in [
        "summary",
        "figures",
        "changes",
        "check",
        "sources",
        "validate",
        "schema",
        "completions",
        "man",
    ] {
        assert!(
            stdout(&[cmd, "--help"]).contains("Example"),
            "{cmd} --help has an example"
        );
    }
    assert!(stdout(&["--version"]).starts_with("migstats "));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(
            stdout(&["completions", shell]).contains("migstats"),
            "{shell}"
        );
    }
    assert!(stdout(&["man"]).contains(".TH migstats"));
}

#[test]
fn a_pair_split_across_two_files_is_still_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    let csv_text = stdout(&["figures", "--format", "csv"]);
    let mut lines = csv_text.lines();
    let header = lines.next().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    let (mut ta, mut tb) = (format!("{header}\n"), format!("{header}\n"));
    for l in lines {
        let t = if l.starts_with("crossings-2024") {
            &mut tb
        } else {
            &mut ta
        };
        t.push_str(l);
        t.push('\n');
    }
    std::fs::write(&a, ta).unwrap();
    std::fs::write(&b, tb).unwrap();
    let doc = json(&[
        "--data",
        a.to_str().unwrap(),
        "--data",
        b.to_str().unwrap(),
        "summary",
        "--format",
        "json",
    ]);
    let row = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "crossings-2025-ytd")
        .unwrap();
    assert_eq!(row["previous"]["id"], "crossings-2024-ytd");
}
