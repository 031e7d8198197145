//! Exit codes and the error format for usage errors and file errors outside the corpus.

use crate::common::{fixture, migstats};
use predicates::str::{contains, starts_with};

#[test]
fn usage_errors_exit_2_with_nothing_on_stdout() {
    for args in [
        vec!["--no-such-flag", "summary"],
        vec!["--format", "xml", "summary"],
        vec!["--color", "sometimes", "summary"],
        vec!["no-such-command"],
        vec![],
    ] {
        let out = migstats().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("migstats: error: "), "{args:?}: {err}");
        assert!(err.contains("--help"), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    for flag in ["--help", "--version"] {
        migstats()
            .arg(flag)
            .assert()
            .code(0)
            .stderr("")
            .stdout(contains("migstats"));
    }
}

#[test]
fn a_missing_file_is_named() {
    migstats()
        .args(["--data", "no/such/file.csv", "summary"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(starts_with(
            "migstats: error: no/such/file.csv: cannot read: ",
        ));
}

#[test]
fn an_id_in_two_files_names_both_places() {
    let a = fixture("ok/bom.csv");
    let b = fixture("ok/crlf.csv");
    migstats()
        .args(["--data", &a, "--data", &b, "summary"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(starts_with(format!(
            "migstats: error: {b}:2:1: duplicate id 'crossings-2025-ytd' (first defined at {a}:2)"
        )));
}

#[test]
fn usage_errors_quote_arguments_escaped_and_cut() {
    // An argument holding line breaks cannot forge a line of its own; a long one is cut.
    let forged = "2025\n\nmigstats: all figures verified\r";
    let long = "x".repeat(100_000);
    for value in [forged, long.as_str()] {
        let out = migstats()
            .args(["summary", "--period", value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains('\r'), "{err}");
        assert!(
            err.lines().all(|l| !l.starts_with("migstats: all")),
            "{err}"
        );
        assert!(err.lines().all(|l| l.len() < 1_000), "{err}");
        assert!(err.starts_with("migstats: error: invalid value '"), "{err}");
    }
}

#[test]
fn the_same_large_csv_given_twice_gives_a_capped_duplicate_id_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from(
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note\n",
    );
    for i in 0..3000 {
        csv.push_str(&format!(
            "f-{i},small_boat_arrivals,Iraq,2024-04-01,2025-03-31,{i},people,exact,1,,Home Office,\n"
        ));
    }
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, &csv).unwrap();
    std::fs::write(&b, &csv).unwrap();
    let out = migstats()
        .arg("--data")
        .arg(&a)
        .arg("--data")
        .arg(&b)
        .arg("summary")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 201, "{}", lines.len());
    assert!(
        lines[0].contains("b.csv:2:1: duplicate id 'f-0' (first defined at "),
        "{}",
        lines[0]
    );
    assert!(
        lines[200].ends_with("b.csv: stopped after 200 problems (fix these and run again)"),
        "{}",
        lines[200]
    );
}
