//! Several releases of one table: a claim is checked against the release current on its
//! publication date and against the newest. The two small-boats releases in the fixtures were
//! saved on 14 Nov 2025 (data to 13 Nov) and 21 Aug 2026 (data to 20 Aug); neither cover sheet
//! gives a date. Values recomputed from the files with a separate script: 1 Jan – 13 Nov 2025
//! is 39,075 in the older release, 1 Jan – 19 Nov 2025 is 39,292 in the newer, 2023 is 29,437
//! in both.

use crate::common::{fixture, json, migstats};

const OLD: &str = "14_November_2025_Small_boats_-_time_series.ods";
const NEW: &str = "Small_boats_time_series_as_of_2026-08-20.ods";
const SO_FAR: &str =
    "More than 39,000 people have crossed the Channel in small boats so far this year";

/// `check --claim SENTENCE --date DATE --against A --against B` and `more`, run.
fn check(sentence: &str, date: &str, files: [&str; 2], more: &[&str]) -> std::process::Output {
    let (a, b) = (fixture(files[0]), fixture(files[1]));
    migstats()
        .args(["check", "--claim", sentence, "--date", date])
        .args(["--against", &a, "--against", &b])
        .args(more)
        .output()
        .unwrap()
}

/// The first row of [`check`]'s JSON, which must succeed.
fn claim(sentence: &str, date: &str, files: [&str; 2]) -> serde_json::Value {
    let out = check(sentence, date, files, &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["rows"][0].clone()
}

#[test]
fn a_workbook_says_the_day_it_was_saved() {
    for (file, day) in [(OLD, "2025-11-14"), (NEW, "2026-08-21")] {
        let doc = json(&["--data", &fixture(file), "summary", "--format", "json"]);
        assert_eq!(doc["dataset"]["sources"][0]["file_saved"], day, "{file}");
    }
}

#[test]
fn a_claim_is_checked_against_the_release_out_when_it_was_published_and_the_newest() {
    // Whatever order the files are given in: the dates decide.
    for files in [[OLD, NEW], [NEW, OLD]] {
        let r = claim(SO_FAR, "2025-11-20", files);
        assert_eq!(r["status"], "consistent", "{files:?}");
        assert_eq!(r["data_value"], 39075.0);
        let x = &r["releases"];
        assert_eq!(x["at_the_time"]["file"], OLD);
        assert_eq!(x["at_the_time"]["date"], "2025-11-14");
        assert_eq!(x["at_the_time"]["date_from"], "file_saved");
        assert_eq!(x["newest"]["file"], NEW);
        assert_eq!(x["newest"]["date"], "2026-08-21");
        assert_eq!(x["newest"]["data_value"], 39292.0);
        assert_eq!(x["newest"]["status"], "consistent");
        // More days, not a revision of the same days.
        assert_eq!(x["newest"]["revised"], false);
        let words = x["words"].as_str().unwrap();
        assert!(
            words.starts_with("Consistent against the figures published at the time (release of 14 November 2025, the day its file was saved)"),
            "{words}"
        );
        assert!(
            words.contains("gives 39,292 for 1 Jan – 19 Nov 2025"),
            "{words}"
        );
    }
}

#[test]
fn a_figure_the_newer_release_repeats_is_said_to_be_unchanged() {
    let r = claim(
        "In 2023, 29,437 people crossed the Channel in small boats",
        "2025-12-01",
        [OLD, NEW],
    );
    assert_eq!(r["status"], "consistent");
    assert_eq!(r["releases"]["newest"]["data_value"], 29437.0);
    assert_eq!(r["releases"]["newest"]["revised"], false);
    let words = r["releases"]["words"].as_str().unwrap();
    assert!(
        words.ends_with("unchanged in the release of 21 August 2026, the day its file was saved"),
        "{words}"
    );
    // The paragraph a desk pastes says it too.
    let out = check(
        "In 2023, 29,437 people crossed the Channel in small boats",
        "2025-12-01",
        [OLD, NEW],
        &["--format", "text"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("unchanged in the release of 21 August 2026"),
        "{text}"
    );
}

#[test]
fn a_claim_older_than_every_release_says_none_was_out_yet() {
    let r = claim(SO_FAR, "2025-11-10", [OLD, NEW]);
    assert!(r["releases"]["at_the_time"].is_null(), "{r}");
    assert_eq!(r["releases"]["newest"]["file"], NEW);
    assert!(
        r["releases"]["words"]
            .as_str()
            .unwrap()
            .starts_with("No release given was out when this was published")
    );
}

#[test]
fn an_undated_release_is_not_ordered_by_its_name() {
    // The XLSX copy has no document properties and no cover: its date is unknown, so nothing
    // is chosen by date (the name's "2025-11-13" is not read) and stderr says why.
    let out = check(
        SO_FAR,
        "2025-11-20",
        ["SB_01_as_of_2025-11-13.xlsx", NEW],
        &["--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["rows"][0]["releases"].is_null());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "2 releases of SB_01 were given, but SB_01_as_of_2025-11-13.xlsx says no release date"
        ),
        "{stderr}"
    );
}

#[test]
fn the_page_charts_the_days_the_release_out_then_gave_against_the_same_days_a_year_earlier() {
    // Checked to 13 Nov, the older release's last day: both bars are 1 Jan – 13 Nov (the 2024
    // span is 32,900 in the same file, recomputed separately).
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("check.html");
    let out = check(
        SO_FAR,
        "2025-11-20",
        [OLD, NEW],
        &["-o", page.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("1 Jan – 13 Nov 2025: 39,075; 1 Jan – 13 Nov 2024: 32,900"),
        "{html}"
    );
    assert!(!html.contains("tests/fixtures"), "a path on the page");
}
