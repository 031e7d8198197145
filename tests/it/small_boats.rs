//! The Home Office small boats daily time series through the binary: the official
//! 1 Jan – 15 Aug figures, a calendar year pinned from an independent count, `check --against`,
//! the ODS, CSV and XLSX forms agreeing, and damaged or foreign spreadsheets refused.

use crate::common::{fixture, json, migstats};
use serde_json::Value;

const ODS: &str = "14_November_2025_Small_boats_-_time_series.ods";
const CSV: &str = "SB_01_as_of_2025-11-13.csv";
const XLSX: &str = "SB_01_as_of_2025-11-13.xlsx";

fn rows(doc: &Value) -> &Vec<Value> {
    doc["rows"].as_array().unwrap()
}

fn row<'a>(doc: &'a Value, id: &str) -> &'a Value {
    rows(doc)
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn figures(file: &str, extra: &[&str]) -> Value {
    let path = fixture(file);
    let mut args = vec!["--data", path.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["figures", "--format", "json"]);
    json(&args)
}

#[test]
fn the_official_figures_for_1_jan_to_15_aug() {
    let doc = figures(ODS, &["--as-of", "2025-08-15"]);
    let y2025 = row(&doc, "small-boat-arrivals-2025-01-01-to-2025-08-15");
    assert_eq!(y2025["value"], 27_997.0);
    assert_eq!(y2025["period"]["label"], "1 Jan – 15 Aug 2025");
    let y2024 = row(&doc, "small-boat-arrivals-2024-01-01-to-2024-08-15");
    assert_eq!(y2024["value"], 18_574.0);
    for f in [y2025, y2024] {
        assert_eq!(f["metric"], "small_boat_arrivals");
        assert_eq!(f["unit"], "people");
        assert_eq!(f["qualifier"], "exact");
        // An official count is not rounded: its range is the count itself.
        assert_eq!(f["rounded_to"], 0.0);
        assert_eq!(f["range"]["low"], f["value"]);
        assert_eq!(f["range"]["high"], f["value"]);
        assert_eq!(f["source"], "Home Office");
        assert_eq!(f["country"], "all");
        assert!(!f["note"].as_str().unwrap().is_empty());
    }
}

/// Totals counted independently from the CSV export with Python's csv module (summing
/// `Migrants arrived` and `Boats arrived` over rows whose Date starts with the year):
/// 2023: 29,437 people, 602 boats; 2024: 36,816 people, 695 boats.
#[test]
fn calendar_years_match_an_independent_count() {
    for file in [ODS, CSV] {
        let doc = figures(file, &[]);
        let value = |id: &str| row(&doc, id)["value"].as_f64().unwrap();
        assert_eq!(value("small-boat-arrivals-2024"), 36_816.0, "{file}");
        assert_eq!(value("small-boats-2024"), 695.0, "{file}");
        assert_eq!(value("small-boat-arrivals-2023"), 29_437.0, "{file}");
        assert_eq!(value("small-boats-2023"), 602.0, "{file}");
        assert!((value("people-per-boat-2024") - 36_816.0 / 695.0).abs() < 1e-9);
        let ratio = row(&doc, "people-per-boat-2024");
        assert_eq!(ratio["unit"], "ratio");
        assert_eq!(ratio["period"]["label"], "2024");
        // The file ends on 13 Nov 2025: 2025 is not a complete calendar year.
        assert!(
            rows(&doc)
                .iter()
                .all(|r| r["id"] != "small-boat-arrivals-2025")
        );
    }
}

#[test]
fn default_as_of_is_the_last_day_with_the_year_before() {
    let doc = figures(ODS, &[]);
    for id in [
        "small-boat-arrivals-2025-01-01-to-2025-11-13",
        "small-boat-arrivals-2024-01-01-to-2024-11-13",
        "small-boat-arrivals-2024-11-14-to-2025-11-13",
        "small-boat-arrivals-2023-11-14-to-2024-11-13",
        "small-boats-2025-01-01-to-2025-11-13",
        "people-per-boat-2025-01-01-to-2025-11-13",
    ] {
        row(&doc, id);
    }
    // Calendar years 2018–2024, 2 year-to-date and 2 twelve-month spans, for 3 metrics.
    assert_eq!(rows(&doc).len(), 3 * (7 + 4));
    let re = regex::Regex::new("^[a-z0-9-]+$").unwrap();
    let mut ids: Vec<&str> = rows(&doc)
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.iter().all(|id| re.is_match(id)), "{ids:?}");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rows(&doc).len(), "ids are unique");
}

#[test]
fn ods_csv_and_xlsx_give_the_same_figures() {
    let ods = figures(ODS, &["--as-of", "2025-08-15"]);
    assert_eq!(
        ods["rows"],
        figures(CSV, &["--as-of", "2025-08-15"])["rows"]
    );
    assert_eq!(
        ods["rows"],
        figures(XLSX, &["--as-of", "2025-08-15"])["rows"]
    );
}

#[test]
fn summary_and_changes_read_the_ods() {
    let ods = fixture(ODS);
    let summary = json(&["--data", &ods, "summary", "--format", "json"]);
    let ytd = row(&summary, "small-boat-arrivals-2025-01-01-to-2025-11-13");
    assert_eq!(
        ytd["previous"]["id"],
        "small-boat-arrivals-2024-01-01-to-2024-11-13"
    );

    let changes = json(&["--data", &ods, "changes", "--format", "json"]);
    let y2024 = row(&changes, "small-boat-arrivals-2024");
    assert_eq!(y2024["previous"]["id"], "small-boat-arrivals-2023");
    assert_eq!(y2024["change"]["absolute"], 36_816.0 - 29_437.0);

    let table = migstats()
        .args(["--data", &ods, "summary"])
        .output()
        .unwrap();
    assert!(table.status.success());
    assert!(String::from_utf8_lossy(&table.stdout).contains("39,075"));
}

#[test]
fn the_csv_export_reads_back_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("official.csv");
    let out = migstats()
        .args(["--data", &fixture(ODS), "figures", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&export, &out.stdout).unwrap();
    let export = export.to_str().unwrap();
    let again = migstats()
        .args(["--data", export, "figures", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        String::from_utf8(out.stdout).unwrap()
    );
    let valid = migstats().args(["validate", export]).output().unwrap();
    assert_eq!(valid.status.code(), Some(0));
}

#[test]
fn check_against_the_ods_finds_the_2024_figure_out_of_range() {
    for reference in [ODS, CSV] {
        let out = migstats()
            .args([
                "check",
                "--against",
                &fixture(reference),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{reference}");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let figure = |id: &str| {
            rows(&doc)
                .iter()
                .find(|r| r["id"] == id && r["claim"] == "stated_figure")
                .unwrap_or_else(|| panic!("no stated_figure row {id}"))
        };
        let c25 = figure("crossings-2025-ytd");
        assert_eq!(c25["status"], "consistent");
        assert_eq!(c25["evidence"]["value"], 27_997.0);
        assert_eq!(c25["difference"], 997.0);
        assert_eq!(c25["stated_range"]["low"], 27_000.0);
        assert_eq!(c25["stated_range"]["high"], 28_000.0);
        let c24 = figure("crossings-2024-ytd");
        assert_eq!(c24["status"], "inconsistent");
        assert_eq!(c24["evidence"]["value"], 18_574.0);
        assert_eq!(c24["difference"], 574.0);
        for id in [
            "iraqi-arrivals-ye-mar-2025",
            "iraqi-grant-rate-ye-mar-2025",
            "returns-2024-25",
            "iraq-border-funding-2024",
        ] {
            assert_eq!(figure(id)["status"], "not_checkable", "{id}");
            assert!(figure(id)["evidence"].is_null(), "{id}");
        }
        // The stated-change row stays.
        assert!(
            rows(&doc)
                .iter()
                .any(|r| r["id"] == "returns-2024-25" && r["claim"] == "stated_change")
        );
    }
}

#[test]
fn check_against_reads_the_periods_the_dataset_needs_whatever_the_as_of() {
    // The default as-of (13 Nov 2025) spans do not include 1 Jan – 15 Aug; check must still find it.
    let out = migstats()
        .args(["--as-of", "2025-11-13", "check", "--against", &fixture(ODS)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("27,997") && table.contains("18,574"),
        "{table}"
    );
    assert!(
        table.contains("1 consistent, 0 understated, 0 overstated, 1 inconsistent"),
        "{table}"
    );
}

fn fails(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_truncated_spreadsheet_is_an_input_error() {
    let bytes = std::fs::read(fixture(ODS)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.ods");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let cut = cut.to_str().unwrap();
    let err = fails(&["--data", cut, "summary"]);
    assert!(
        err.starts_with(&format!(
            "migstats: error: {cut}: not a readable spreadsheet"
        )),
        "{err}"
    );
    let err = fails(&["check", "--against", cut]);
    assert!(err.contains("not a readable spreadsheet"), "{err}");
}

#[test]
fn a_workbook_without_sb_01_names_its_sheets() {
    let err = fails(&[
        "--data",
        &fixture("small_boats_wrong_sheets.ods"),
        "summary",
    ]);
    assert!(err.contains("'Cover_sheet', 'Data'"), "{err}");
    assert!(err.contains("SB_01"), "{err}");
}

#[test]
fn an_sb_01_with_another_header_names_what_it_found() {
    let err = fails(&[
        "--data",
        &fixture("small_boats_wrong_header.ods"),
        "figures",
    ]);
    assert!(err.contains("[SB_01]:1:"), "{err}");
    assert!(err.contains("'Day' | 'People' | 'Boats'"), "{err}");
    assert!(err.contains("Migrants arrived"), "{err}");
}

#[test]
fn the_file_name_does_not_decide_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let misnamed = dir.path().join("figures.xlsx");
    std::fs::copy(fixture(ODS), &misnamed).unwrap();
    let doc = json(&[
        "--data",
        misnamed.to_str().unwrap(),
        "--as-of",
        "2025-08-15",
        "figures",
        "--format",
        "json",
    ]);
    assert_eq!(
        row(&doc, "small-boat-arrivals-2024-01-01-to-2024-08-15")["value"],
        18_574.0
    );
}

#[test]
fn an_as_of_outside_the_file_is_refused() {
    let err = fails(&["--data", &fixture(ODS), "--as-of", "2025-11-14", "summary"]);
    assert!(err.contains("2018-01-01 to 2025-11-13"), "{err}");
}

#[test]
fn as_of_without_a_daily_file_is_a_usage_error() {
    let err = fails(&["--as-of", "2025-08-15", "summary"]);
    assert!(err.contains("--as-of 2025-08-15 applies only"), "{err}");
    // With a file to apply it to, it is accepted.
    let out = migstats()
        .args(["--as-of", "2025-08-15", "check", "--against", &fixture(CSV)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_file_too_short_for_any_period_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-day.csv");
    std::fs::write(
        &path,
        "Date,Migrants arrived,Boats arrived\n2025-08-15,100,2\n",
    )
    .unwrap();
    let out = migstats()
        .args(["--data", path.to_str().unwrap(), "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no period can be derived from daily rows 2025-08-15 to 2025-08-15"),
        "{err}"
    );
}

#[test]
fn the_check_against_table_fits_80_columns() {
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let out = migstats()
        .env("COLUMNS", "80")
        .args(["check", "--against", &ods])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
}
