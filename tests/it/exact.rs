//! Official counts, and rates or ratios computed from them, are exact. Their range is a point
//! (`rounded_to` 0), tables print no range for them, and the figures CSV keeps saying so on the way
//! back in.

use crate::common::{fixture, json, migstats};
use serde_json::Value;

const ODS: &str = "14_November_2025_Small_boats_-_time_series.ods";

fn rows(doc: &Value) -> &Vec<Value> {
    doc["rows"].as_array().unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn official_figures_are_points() {
    let ods = fixture(ODS);
    let irr_d03 = fixture("detailed/irr_d03.csv");
    for file in [ods.as_str(), irr_d03.as_str()] {
        let doc = json(&["--data", file, "figures", "--format", "json"]);
        assert!(rows(&doc).len() > 20, "{file}");
        for f in rows(&doc) {
            assert_eq!(f["qualifier"], "exact", "{f}");
            assert_eq!(f["rounded_to"], 0.0, "{f}");
            assert_eq!(f["range"]["low"], f["value"], "{f}");
            assert_eq!(f["range"]["high"], f["value"], "{f}");
        }
    }
    // 2018's 299 people is 299 to 299, not 298.5 to 299.5.
    let doc = json(&["--data", &ods, "figures", "--format", "json"]);
    let f = rows(&doc)
        .iter()
        .find(|r| r["id"] == "small-boat-arrivals-2018")
        .unwrap();
    assert_eq!(
        (&f["value"], &f["range"]["low"], &f["range"]["high"]),
        (&299.0.into(), &299.0.into(), &299.0.into())
    );
}

#[test]
fn changes_between_exact_counts_have_no_spread() {
    // Iraqi small boat arrivals, Irr_D01: 2,545 in 2023 against 4,574 in 2022.
    let irr_d01 = fixture("detailed/irr_d01.csv");
    let doc = json(&[
        "--data", &irr_d01, "--format", "json", "top", "--limit", "0",
    ]);
    let iraq = rows(&doc).iter().find(|r| r["country"] == "Iraq").unwrap();
    assert_eq!(iraq["value"], 2545.0);
    let c = &iraq["change"];
    assert_eq!(c["absolute"], -2029.0);
    assert_eq!(c["absolute_range"]["low"], -2029.0);
    assert_eq!(c["absolute_range"]["high"], -2029.0);
    assert_eq!(c["percent_range"]["low"], c["percent"]);
    assert_eq!(c["percent_range"]["high"], c["percent"]);
    // The table prints the change alone: "-44.4%", never "-44.4% to -44.3%".
    let table = stdout(&["--data", &irr_d01, "top", "--limit", "3"]);
    assert!(table.contains("-44.4%"), "{table}");
    assert!(!table.contains("% to"), "{table}");
    let summary = stdout(&["--data", &fixture(ODS), "summary"]);
    assert!(summary.contains("+22.8%"), "{summary}");
    assert!(!summary.contains("% to"), "{summary}");
}

#[test]
fn tables_print_no_range_for_an_exact_figure() {
    // The bundled funding is exact and not rounded; the Iraqi arrivals are exact to the hundred.
    let table = stdout(&["figures", "--country", "Iraq"]);
    assert!(table.contains("£800,000"), "{table}");
    assert!(!table.contains("£800,000 to"), "{table}");
    assert!(table.contains("1,850 to"), "{table}");
    let rates = stdout(&[
        "--data",
        &fixture("detailed/irr_d03.csv"),
        "figures",
        "--metric",
        "initial_grant_rate",
    ]);
    assert!(rates.contains('%') && !rates.contains("% to"), "{rates}");
}

#[test]
fn an_export_reads_back_as_exact() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("figures.csv");
    let ods = fixture(ODS);
    let exported = stdout(&["--data", &ods, "figures", "--format", "csv"]);
    assert!(exported.contains(",people,exact,0,"), "{exported}");
    std::fs::write(&csv, &exported).unwrap();
    let path = csv.to_str().unwrap();
    assert_eq!(
        stdout(&["--data", path, "figures", "--format", "csv"]),
        exported
    );
    let original = json(&["--data", &ods, "--format", "json", "changes"]);
    let reread = json(&["--data", path, "--format", "json", "changes"]);
    assert_eq!(original["rows"], reread["rows"]);
}
