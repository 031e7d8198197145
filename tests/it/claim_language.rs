//! `check --claim` on sentences of our own in the style of UK news copy, one per language class
//! and invariant of the claims reader: what it must establish before giving a verdict, and what
//! it must refuse. Official values were recomputed from the daily series (sheet SB_01 of the
//! fixture) with a separate script, not with this tool.

use crate::common::{fixture, migstats};
use serde_json::Value;

fn ods() -> String {
    fixture("Small_boats_time_series_as_of_2026-08-20.ods")
}

/// The rows for `sentence` published on `date`, checked against the fixture.
fn rows(sentence: &str, date: &str) -> Vec<Value> {
    let out = migstats()
        .args([
            "check",
            "--claim",
            sentence,
            "--date",
            date,
            "--against",
            &ods(),
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{sentence}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["rows"].as_array().unwrap().clone()
}

fn period(r: &Value) -> (String, String) {
    (
        r["period"]["start"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        r["period"]["end"].as_str().unwrap_or_default().to_string(),
    )
}

fn p(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn no_publication_date_is_a_usage_error_with_a_hint() {
    let out = migstats()
        .args([
            "check",
            "--claim",
            "More than 20,000 people have crossed so far this year.",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("--date"), "{stderr}");
}

#[test]
fn no_period_ends_after_the_day_before_publication() {
    // "in 2024" in an article of 2 June 2024 is the year so far: 1 Jan – 1 Jun 2024, 10,448.
    let r = rows(
        "More than 10,000 people crossed the Channel in 2024.",
        "2024-06-02",
    );
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-06-01"));
    assert_eq!(r[0]["data_value"], 10_448.0);
    assert_eq!(r[0]["status"], "consistent");
    for c in r[0]["cutoffs"].as_array().unwrap() {
        assert!(c["to"].as_str().unwrap() <= "2024-06-01", "{c}");
    }
    // A period that had not begun is never checked.
    let r = rows("Around 5,000 people will cross in July 2024.", "2024-06-02");
    assert_ne!(r[0]["status"], "consistent");
    assert_ne!(r[0]["status"], "inconsistent");
}

#[test]
fn a_closed_period_is_checked_as_it_is() {
    let r = rows(
        "In the first three months of 2024, 5,435 people crossed the Channel in small boats.",
        "2024-06-02",
    );
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-03-31"));
    assert_eq!(r[0]["data_value"], 5_435.0);
    assert_eq!(r[0]["status"], "consistent");
    assert!(r[0]["cutoffs"].as_array().unwrap().is_empty());
}

#[test]
fn deaths_are_never_arrivals() {
    let r = rows(
        "At least 12 people died trying to cross the Channel in 2023.",
        "2024-01-10",
    );
    assert_eq!(r[0]["metric"], "deaths");
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(r[0]["reason"].as_str().unwrap().contains("deaths"));
}

#[test]
fn people_per_boat_is_its_own_metric() {
    // 29,437 people in 602 boats: 48.9 a boat.
    let r = rows(
        "The boats carried an average of 49 people per boat in 2023.",
        "2024-01-10",
    );
    assert_eq!(r[0]["metric"], "people_per_boat");
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_number_takes_the_period_of_its_own_clause() {
    let r = rows(
        "In 2023, 29,437 people crossed, the fewest since records began in 2018.",
        "2024-01-10",
    );
    assert_eq!(r.len(), 1);
    assert_eq!(period(&r[0]), p("2023-01-01", "2023-12-31"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_change_with_no_base_figure_is_checked_from_both_periods() {
    // 5,435 against 3,793 is +43.3%.
    let r = rows(
        "Arrivals in the first three months of 2024 were up 43% on the same period of 2023.",
        "2024-06-02",
    );
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-03-31"));
    assert_eq!(r[0]["stated_change"]["percent"], 43.0);
    assert_eq!(r[0]["stated_change"]["status"], "consistent");
    let r = rows(
        "Arrivals in the first three months of 2024 were up 50% on the same period of 2023.",
        "2024-06-02",
    );
    assert_eq!(r[0]["stated_change"]["status"], "inconsistent");
}

#[test]
fn an_absolute_difference_is_checked_as_the_difference() {
    let r = rows(
        "In the first three months of 2024, 5,435 people crossed, 1,642 more than in the same period of 2023.",
        "2024-06-02",
    );
    let d = r.iter().find(|x| x["value"] == 1_642.0).unwrap();
    assert_eq!(d["data_value"], 1_642.0);
    assert_eq!(d["status"], "consistent");
}

#[test]
fn a_single_day_is_that_day() {
    // Published Monday 4 September 2023: Saturday is 2 September, 872 arrivals.
    let r = rows(
        "Border Force brought 872 people ashore on Saturday.",
        "2023-09-04",
    );
    assert_eq!(period(&r[0]), p("2023-09-02", "2023-09-02"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn running_totals_worded_otherwise() {
    // 1 Jan – 31 May 2024 is 10,448.
    let r = rows(
        "By the end of May this year, 10,448 people had crossed the Channel.",
        "2024-06-20",
    );
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-05-31"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn the_same_point_a_year_earlier() {
    // 1 Jan – 31 May 2023 is 7,610.
    let r = rows(
        "At the same point last year, 7,610 people had made the crossing.",
        "2023-06-01",
    );
    assert_eq!(period(&r[0]), p("2022-01-01", "2022-05-31"));
    let r = rows(
        "So far this year 10,448 people have crossed, compared with 7,610 at the same point in 2023.",
        "2024-06-01",
    );
    assert_eq!(period(&r[1]), p("2023-01-01", "2023-05-31"));
    assert_eq!(r[1]["status"], "consistent");
}
