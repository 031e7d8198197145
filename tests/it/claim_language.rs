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

/// The rows for `article` (read from stdin) published on `date`, checked against the fixture.
fn text_rows(article: &str, date: &str) -> Vec<Value> {
    let out = migstats()
        .args(["check", "--text", "-", "--date", date, "--against", &ods()])
        .args(["--format", "json"])
        .write_stdin(article)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["rows"].as_array().unwrap().clone()
}

#[test]
fn a_stated_range_is_one_figure_checked_against_its_ends() {
    // July 2025 is 5,454.
    let r = rows(
        "Between 5,000 and 5,500 people crossed the Channel in small boats in July, Home Office figures show.",
        "2025-08-10",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["qualifier"], "range");
    assert_eq!(r[0]["value"], 5_000.0);
    assert_eq!(r[0]["stated_range"]["low"], 5_000.0);
    assert_eq!(r[0]["stated_range"]["high"], 5_500.0);
    assert_eq!(r[0]["data_value"], 5_454.0);
    assert_eq!(r[0]["status"], "consistent");
    let r = rows(
        "Between 3,000 and 4,000 migrants made the crossing in July.",
        "2025-08-10",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["status"], "inconsistent");
}

#[test]
fn a_change_is_for_its_own_clause_not_a_later_one() {
    // July 2025 5,454 against July 2024 3,414 (+59.8%) and July 2023 3,299 (+65.3%).
    let r = rows(
        "The total is 60% up on the 3,414 arrivals recorded in July 2024, and 65% above the figure for July 2023, when there were 3,299 arrivals.",
        "2025-08-10",
    );
    let change = |pct: f64| {
        r.iter()
            .find(|x| x["stated_change"]["percent"] == pct)
            .unwrap()
    };
    for pct in [60.0, 65.0] {
        let c = change(pct);
        assert_eq!(period(c), p("2025-07-01", "2025-07-31"), "{c}");
        assert_eq!(c["stated_change"]["status"], "consistent", "{c}");
    }
}

#[test]
fn a_year_figure_far_below_the_year_gets_no_verdict() {
    // 2022 is 45,755: "150 in 2022" is for a part of the year the words do not name.
    let r = rows("Some 150 people made the journey in 2022.", "2023-03-01");
    assert_eq!(r[0]["status"], "not_understood", "{r:?}");
    assert!(
        r[0]["missing"][0]
            .as_str()
            .unwrap()
            .contains("part of 2022")
    );
    // A misstated total of the right size still gets its verdict.
    let r = rows("In 2022, 40,000 people made the journey.", "2023-03-01");
    assert_eq!(r[0]["status"], "inconsistent");
}

#[test]
fn had_already_made_the_journey_last_year_is_a_running_total_to_the_same_day() {
    // 1 Jan – 30 Jul 2024 is 16,842.
    let r = rows(
        "The figures show a rise compared to last year, when more than 16,000 people had already made the journey.",
        "2025-07-31",
    );
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-07-30"));
    assert_eq!(r[0]["data_value"], 16_842.0);
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn since_an_event_in_a_month_names_no_start_day() {
    let r = rows(
        "Since the deal was signed in April, 20,000 migrants have arrived after crossing the Channel.",
        "2025-08-10",
    );
    assert_eq!(r[0]["status"], "not_understood", "{r:?}");
}

#[test]
fn in_an_article_a_change_with_no_metric_takes_the_previous_figure() {
    // 1 Jan – 30 Jul: 2025 25,436, 2024 16,842 (+51.0%).
    let article = "So far this year, 25,436 people have crossed the Channel in small boats.\n\nThis is up 51% on this point last year.\n";
    let r = text_rows(article, "2025-07-31");
    let c = r
        .iter()
        .find(|x| x["stated_change"]["percent"] == 51.0)
        .unwrap();
    assert_eq!(c["metric"], "small_boat_arrivals");
    assert_eq!(period(c), p("2025-01-01", "2025-07-30"));
    assert_eq!(c["stated_change"]["status"], "consistent");
    // After a sentence with two figures, which one is meant is not established.
    let article = "So far this year, 25,436 people have crossed the Channel in 431 boats.\n\nThis is up 51% on this point last year.\n";
    let r = text_rows(article, "2025-07-31");
    let last = r.last().unwrap();
    assert_eq!(last["status"], "not_understood", "{r:?}");
}

#[test]
fn a_file_ending_before_the_cut_off_is_checked_to_its_last_day_and_says_so() {
    // The daily file ends on 13 November 2025: 1 Jan – 13 Nov 2025 is 39,075.
    let out = migstats()
        .args([
            "check",
            "--claim",
            "More than 39,000 people have crossed the Channel so far this year.",
            "--date",
            "2025-11-20",
            "--against",
            &fixture("SB_01_as_of_2025-11-13.csv"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &doc["rows"][0];
    assert_eq!(period(r), p("2025-01-01", "2025-11-19"));
    assert_eq!(r["data_value"], 39_075.0);
    assert_eq!(r["status"], "consistent");
    assert!(
        r["reason"].as_str().unwrap().contains("end on 2025-11-13"),
        "{r}"
    );
}

#[test]
fn a_grant_rate_on_another_basis_is_a_different_basis_not_inconsistent() {
    // Irr_D03 fixture: small-boat arrivals of 2019, 748 of 1,598 granted (46.8%).
    let d03 = fixture("detailed/irr_d03.csv");
    let check = |sentence: &str| {
        let out = migstats()
            .args(["check", "--claim", sentence, "--date", "2024-06-01"])
            .args(["--against", &d03, "--format", "json"])
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["rows"][0].clone()
    };
    let r = check("The asylum grant rate was 30% in 2019.");
    assert_eq!(r["status"], "not_checkable", "{r}");
    assert!(r["reason"].as_str().unwrap().starts_with("different basis"));
    // Matching the cohort's rate on the other basis is a coincidence, not a confirmation.
    let r = check("The asylum grant rate was 47% in 2019.");
    assert_eq!(r["status"], "not_checkable", "{r}");
    // Words about the same cohort are checked on it.
    let r = check(
        "Of the people who crossed the Channel in small boats in 2019, 30% were granted asylum.",
    );
    assert_eq!(r["status"], "inconsistent", "{r}");
}

#[test]
fn a_subject_that_points_at_a_figure_counts_the_files_only_count_of_people() {
    // 1 Jan – 1 Jun: 2024 10,448, 2023 7,610 (+37.3%). "This" names no metric: against the
    // small boats series, whose only count of people is arrivals, it is read as arrivals, and
    // a note says so.
    let r = rows(
        "This is 37% higher than at the same point last year (7,610).",
        "2024-06-02",
    );
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0]["metric"], "small_boat_arrivals");
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-06-01"));
    assert_eq!(r[0]["status"], "consistent");
    assert!(
        r[0]["concept_note"]
            .as_str()
            .unwrap()
            .contains("names no metric"),
        "{}",
        r[0]
    );
    assert_eq!(period(&r[1]), p("2023-01-01", "2023-06-01"));
    assert_eq!(r[1]["data_value"], 7_610.0);
    assert_eq!(r[1]["status"], "consistent");
    // "the provisional total … to date": 1 Jan – 9 Oct 2025, 35,503.
    let r = rows(
        "The provisional total for 2025 to date is 35,503, according to Home Office data.",
        "2025-10-10",
    );
    assert_eq!(r[0]["metric"], "small_boat_arrivals");
    assert_eq!(period(&r[0]), p("2025-01-01", "2025-10-09"));
    assert_eq!(r[0]["data_value"], 35_503.0);
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_subject_is_not_assumed_when_the_words_name_what_is_counted_or_the_files_count_more() {
    // "the number of children" names what is counted: not the files' arrivals.
    let r = rows(
        "The number of children in care rose by 37% on this point last year.",
        "2024-06-02",
    );
    assert!(r.iter().all(|x| x["status"] == "not_understood"), "{r:?}");
    // A decisions table counts grants and refusals: no one count of people to assume.
    let out = migstats()
        .args([
            "check",
            "--claim",
            "This is 37% higher than at the same point last year.",
            "--date",
            "2024-06-02",
            "--against",
            &fixture("detailed/irr_d03.csv"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = doc["rows"].as_array().unwrap();
    assert_eq!(r[0]["status"], "not_understood", "{r:?}");
    assert_eq!(r[0]["missing"][0], "metric");
}

#[test]
fn a_metric_the_files_do_not_give_is_not_checkable_even_without_a_period() {
    // "In one year" is no period the reader resolves; returns are not in the small boats
    // series whatever the period, so the row says what would answer it.
    let r = rows(
        "In one year, we have returned more than 35,000 people with no right to be here.",
        "2025-11-07",
    );
    assert_eq!(r[0]["metric"], "returns");
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(
        r[0]["reason"].as_str().unwrap().contains("Ret_D01"),
        "{}",
        r[0]
    );
}

#[test]
fn twelve_months_to_a_month_not_over_end_on_the_day_the_article_counted_to() {
    // Published 14 Nov 2023 after "as of 7 November": the 12 months to 7 Nov 2023 (32,525)
    // against the 12 months before (47,332): −31.3%.
    let article = "As of 7 November, since the start of the year there have been 26,699 small boat arrivals.\n\nLooking at the 12 months to November 2023 shows a reduction of 31% compared to the same period the previous year.\n";
    let r = text_rows(article, "2023-11-14");
    let c = r
        .iter()
        .find(|x| x["stated_change"]["percent"] == -31.0)
        .unwrap();
    assert_eq!(period(c), p("2022-11-08", "2023-11-07"));
    assert_eq!(c["status"], "consistent", "{c}");
    // Alone, with no day to count to, the unfinished twelve months are not checked.
    let r = rows(
        "Looking at the 12 months to November 2023 shows a reduction of 31% in small boat arrivals compared to the same period the previous year.",
        "2023-11-14",
    );
    assert!(r.iter().all(|x| x["status"] == "not_understood"), "{r:?}");
}

#[test]
fn a_year_before_total_of_is_the_numbers_own() {
    // Calendar 2023: 29,437; 2022: 45,755; the difference −16,318.
    let r = rows(
        "The 2023 total of 29,437 was 16,318 fewer than the 45,755 who crossed in 2022.",
        "2024-03-01",
    );
    assert_eq!(period(&r[0]), p("2023-01-01", "2023-12-31"));
    assert_eq!(r[0]["status"], "consistent");
    assert_eq!(r[1]["data_value"], -16_318.0);
    assert_eq!(r[1]["status"], "consistent");
    assert_eq!(period(&r[2]), p("2022-01-01", "2022-12-31"));
    // "by the same point last August" names a span the grammar does not resolve: no verdict.
    let r = rows(
        "This year's figure compares with over 25,000 by the same point last August.",
        "2023-08-30",
    );
    assert!(r.iter().all(|x| x["status"] == "not_understood"), "{r:?}");
}

/// The rows for `sentence` checked against a detailed-table fixture.
fn rows_against(sentence: &str, date: &str, table: &str) -> Vec<Value> {
    let out = migstats()
        .args(["check", "--claim", sentence, "--date", date])
        .args(["--against", &fixture(table), "--format", "json"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["rows"].as_array().unwrap().clone()
}

#[test]
fn claims_about_returns_and_small_boat_asylum_applications_use_their_tables() {
    // Ret_D02 extract: 146 returns to Iraq in 2023; Irr_D02 extract: 4,238 applications by
    // Iraqis who came by small boat in 2022 (both summed from the rows with a separate script).
    let r = rows_against(
        "In 2023, 146 people were returned to Iraq.",
        "2024-03-01",
        "detailed/ret_d02.csv",
    );
    assert_eq!(r[0]["metric"], "returns");
    assert_eq!(r[0]["data_value"], 146.0);
    assert_eq!(r[0]["status"], "consistent");
    // Iraqi nationals returned anywhere are not returns to Iraq: a different basis.
    let r = rows_against(
        "In 2023, 146 Iraqis were returned.",
        "2024-03-01",
        "detailed/ret_d02.csv",
    );
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(
        r[0]["reason"].as_str().unwrap().contains("by destination"),
        "{}",
        r[0]
    );
    let sentence = "In 2022, 4,238 asylum applications were made by Iraqis who crossed the Channel in small boats.";
    let r = rows_against(sentence, "2024-03-01", "detailed/irr_d02.csv");
    assert_eq!(r[0]["metric"], "small_boat_asylum_applications");
    assert_eq!(r[0]["country"], "Iraq");
    assert_eq!(r[0]["data_value"], 4_238.0);
    assert_eq!(r[0]["status"], "consistent");
    // Against the small boats series the same claim is not checkable, and says what would be.
    let r = rows(sentence, "2024-03-01");
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(
        r[0]["reason"].as_str().unwrap().contains("Irr_D02"),
        "{}",
        r[0]
    );
}

#[test]
fn a_bare_year_after_a_part_year_takes_its_span_but_not_after_a_day() {
    // First half: 2024 13,489; 2023 11,433; 2022 12,747.
    let r = rows(
        "The first half of 2024 saw 13,489 people cross, up from 11,433 in 2023 and 12,747 in 2022.",
        "2024-07-02",
    );
    let of = |v: f64| r.iter().find(|x| x["value"] == v).unwrap();
    assert_eq!(period(of(11_433.0)), p("2023-01-01", "2023-06-30"));
    assert_eq!(of(11_433.0)["status"], "consistent");
    assert_eq!(period(of(12_747.0)), p("2022-01-01", "2022-06-30"));
    // After a single day, "29,437 in 2023" is the year: 29,437.
    let r = rows(
        "On Saturday 800 people crossed the Channel, and 29,437 in 2023.",
        "2024-07-02",
    );
    let y = r.iter().find(|x| x["value"] == 29_437.0).unwrap();
    assert_eq!(period(y), p("2023-01-01", "2023-12-31"));
}

#[test]
fn a_period_of_another_event_before_the_number_is_not_its_own() {
    // Published Saturday 25 May 2024: Friday 24 May, 288 people; Saturday 18 May, 103.
    let r = rows(
        "This year's landmark was reached on Saturday after 288 people crossed in five small boats on Friday.",
        "2024-05-25",
    );
    let c = r.iter().find(|x| x["value"] == 288.0).unwrap();
    assert_eq!(period(c), p("2024-05-24", "2024-05-24"));
    assert_eq!(c["status"], "consistent");
}

/// Status, data value and reason of each row.
fn verdicts(sentence: &str, date: &str) -> Vec<(String, Option<f64>, String)> {
    rows(sentence, date)
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap().to_string(),
                r["data_value"].as_f64(),
                r["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_second_half_of_a_year_is_july_to_december() {
    let r = rows(
        "In the second half of 2023, 18,004 people crossed, down from 33,008 in the same period of 2022.",
        "2024-01-15",
    );
    assert_eq!(period(&r[0]), p("2023-07-01", "2023-12-31"));
    assert_eq!(period(&r[1]), p("2022-07-01", "2022-12-31"));
    for row in &r {
        assert_eq!(row["status"], "consistent", "{row}");
    }
}

#[test]
fn the_last_seven_days_run_to_the_day_before_publication() {
    // 3–9 Aug 2025: 838.
    let r = rows(
        "In the last seven days, more than 800 people have crossed the Channel.",
        "2025-08-10",
    );
    assert_eq!(period(&r[0]), p("2025-08-03", "2025-08-09"));
    assert_eq!(r[0]["data_value"], 838.0);
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_sentence_opening_with_last_year_sets_the_year_of_a_day_it_names() {
    // 1 Jan – 24 May 2023: 7,395 (2024 to the same day: 10,170).
    let r = rows(
        "Last year, 7,395 people had arrived by small boat by 24 May.",
        "2024-05-25",
    );
    assert_eq!(period(&r[0]), p("2023-01-01", "2023-05-24"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_comma_ends_a_number_so_more_than_after_it_is_not_a_difference() {
    // 1 Jan – 31 Oct 2025: 36,954; 2024: 36,816.
    let r = rows(
        "The number who have crossed this year is close to 37,000, more than the 36,816 who arrived in the whole of last year.",
        "2025-11-01",
    );
    assert_eq!(r[0]["value"], 37_000.0);
    assert_eq!(r[0]["data_value"], 36_954.0);
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_figure_far_from_a_period_read_from_loose_words_gets_no_verdict() {
    // Friday 8 Aug 2025: no arrivals. "On Friday" could be misread; 5,000 is nothing like it.
    let v = verdicts(
        "Some 5,000 people crossed the Channel on Friday.",
        "2025-08-10",
    );
    assert_eq!(v[0].0, "not_checkable");
    assert_eq!(v[0].1, Some(0.0));
    assert!(v[0].2.starts_with("far from the data"), "{v:?}");
    // 3–9 Aug 2025 was 838: "2,000 in the last seven days" is 2.4 times it.
    let v = verdicts(
        "More than 2,000 people crossed in the last seven days.",
        "2025-08-10",
    );
    assert_eq!(v[0].0, "not_checkable", "{v:?}");
    assert!(v[0].2.contains("2.4 times"), "{v:?}");
    // Within half as much again it is still a wrong figure: 1,100 against 838.
    let v = verdicts(
        "About 1,100 people crossed in the last seven days.",
        "2025-08-10",
    );
    assert_eq!(v[0].0, "inconsistent", "{v:?}");
}

#[test]
fn a_day_written_in_full_far_from_the_data_is_still_wrong() {
    // 8 Aug 2025: no arrivals; the date is written out and is the sentence's only period.
    let v = verdicts(
        "On 8 August 2025, 500 people crossed the Channel.",
        "2025-08-20",
    );
    assert_eq!(v[0].0, "inconsistent", "{v:?}");
    assert_eq!(v[0].1, Some(0.0));
}

#[test]
fn a_figure_that_is_another_periods_is_named_not_called_wrong() {
    // 11,433 is 1 Jan – 30 Jun 2023 (the whole of 2023: 29,437).
    let v = verdicts(
        "The 13,489 arrivals in the first half of 2024 compare with 11,433 in the whole of 2023.",
        "2024-07-15",
    );
    assert_eq!(v[0].0, "consistent");
    assert_eq!(v[1].0, "not_checkable");
    assert_eq!(v[1].1, Some(29_437.0));
    assert!(
        v[1].2
            .starts_with("another period: 11,433 is the official figure for 1 Jan – 30 Jun 2023"),
        "{v:?}"
    );
    let v = verdicts(
        "The 13,489 arrivals in the first half of 2024 compare with 29,437 in the whole of 2023.",
        "2024-07-15",
    );
    assert_eq!(v[1].0, "consistent");
}

#[test]
fn a_change_on_a_bare_earlier_year_is_on_the_same_span_unless_only_the_whole_year_fits() {
    // 1 Jan – 31 Oct 2025: 36,954; the same span of 2023: 26,699 (+38.4%); all 2023: 29,437
    // (+25.5%).
    let v = verdicts(
        "So far this year arrivals are 38% higher than in 2023.",
        "2025-11-01",
    );
    assert_eq!(v[0].0, "consistent", "{v:?}");
    let v = verdicts(
        "So far this year arrivals are 26% higher than in 2023.",
        "2025-11-01",
    );
    assert_eq!(v[0].0, "not_checkable", "{v:?}");
    assert!(v[0].2.contains("right against 2023"), "{v:?}");
    let v = verdicts(
        "So far this year arrivals are 60% higher than in 2023.",
        "2025-11-01",
    );
    assert_eq!(v[0].0, "inconsistent", "{v:?}");
    let v = verdicts(
        "Arrivals this year are 26% higher than the whole of 2023.",
        "2025-11-01",
    );
    assert_eq!(v[0].0, "consistent", "{v:?}");
}

#[test]
fn detected_within_the_uk_is_not_a_small_boat_count() {
    let r = rows(
        "Some 2,400 people were detected irregularly within the UK in the year ending June 2025.",
        "2025-08-21",
    );
    assert_eq!(r[0]["metric"], "in_country_detections");
    assert_eq!(r[0]["status"], "not_checkable");
}

#[test]
fn topped_and_passed_are_hedges() {
    // July 2025: 5,454.
    for sentence in [
        "Crossings topped 5,000 in July.",
        "Arrivals passed 5,000 in July.",
    ] {
        let r = rows(sentence, "2025-08-10");
        assert_eq!(r[0]["qualifier"], "over", "{sentence}");
        assert_eq!(r[0]["status"], "consistent", "{sentence}");
    }
}

#[test]
fn claims_about_crossings_prevented_and_asylum_applications_use_their_tables() {
    // SB_02 fixture, week ending Sunday 5 May 2024: 1,409 arrived, 849 migrants prevented (the
    // row as published).
    let r = rows_against(
        "The French authorities prevented 849 migrants from crossing in the week ending 5 May 2024.",
        "2024-05-10",
        "SB_02_as_of_2026-08-20.csv",
    );
    assert_eq!(r[0]["metric"], "migrants_prevented");
    assert_eq!(period(&r[0]), p("2024-04-29", "2024-05-05"));
    assert_eq!(r[0]["status"], "consistent");
    // Prevented crossings are never arrivals: against the daily series, not checkable.
    let r = rows_against(
        "Last year the French authorities stopped 26,000 people from crossing.",
        "2024-05-10",
        "Small_boats_time_series_as_of_2026-08-20.ods",
    );
    assert_eq!(r[0]["metric"], "migrants_prevented");
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(
        r[0]["reason"].as_str().unwrap().contains("(SB_02)"),
        "{}",
        r[0]
    );
    // Asy_D01 (synthetic layout): Iraq 2022, 446 applications summed from its rows.
    let r = rows_against(
        "Some 446 Iraqis applied for asylum in the UK in 2022.",
        "2024-05-10",
        "detailed/asy_d01_synthetic.csv",
    );
    assert_eq!(r[0]["metric"], "asylum_applications");
    assert_eq!(r[0]["country"], "Iraq");
    assert_eq!(r[0]["status"], "consistent");
    // A year the table does not cover asks for another release, not another table.
    let r = rows_against(
        "There were 666 asylum applications in 2022, up from 600 the year before.",
        "2024-05-10",
        "detailed/asy_d01_synthetic.csv",
    );
    assert_eq!(r[0]["status"], "consistent");
    assert_eq!(r[1]["status"], "not_checkable");
    assert!(
        r[1]["reason"]
            .as_str()
            .unwrap()
            .contains("give a release that covers it"),
        "{}",
        r[1]
    );
}

#[test]
fn foreign_national_offenders_are_their_own_returns() {
    // Ret_D03 export: 1,467 Albanian foreign national offender returns in 2023 (summed from its
    // rows with a separate script).
    let r = rows_against(
        "In 2023, around 1,500 Albanian foreign national offenders were returned.",
        "2024-05-10",
        "detailed/ret_d03_export.csv",
    );
    assert_eq!(r[0]["metric"], "fno_returns");
    assert_eq!(r[0]["country"], "Albania");
    assert_eq!(r[0]["data_value"], 1_467.0);
    assert_eq!(r[0]["status"], "consistent");
    // Against the returns table they are not all returns.
    let r = rows_against(
        "In 2023, around 1,500 Albanian foreign national offenders were returned.",
        "2024-05-10",
        "detailed/ret_d02.csv",
    );
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(
        r[0]["reason"].as_str().unwrap().contains("(Ret_D03)"),
        "{}",
        r[0]
    );
}

#[test]
fn a_day_called_the_highest_is_checked_against_every_earlier_day_of_its_span() {
    // Recomputed from the daily series: 1 May 2024, 711; the highest day of 2024 before it, 534
    // on 14 April; the highest since 2018, 1,305 on 3 September 2022.
    let r = rows(
        "On Wednesday 711 people crossed, the highest number on a single day this year.",
        "2024-05-02",
    );
    assert_eq!(r[0]["status"], "consistent");
    let rec = &r[0]["record"];
    assert_eq!(rec["since"], "2024-01-01");
    assert_eq!(rec["status"], "consistent");
    assert_eq!(rec["data_value"], 711.0);
    assert_eq!(rec["highest_before"]["day"], "2024-04-14");
    assert_eq!(rec["highest_before"]["value"], 534.0);
    let r = rows(
        "On Wednesday 711 people crossed, the highest number on a single day since records began.",
        "2024-05-02",
    );
    assert_eq!(r[0]["record"]["since"], "2018-01-01");
    assert_eq!(r[0]["record"]["status"], "inconsistent");
    assert_eq!(r[0]["record"]["highest_before"]["value"], 1305.0);
    // Over a span the words do not pin down, or "the second highest", nothing is claimed.
    for sentence in [
        "On Wednesday 711 people crossed, the busiest day for eight months.",
        "On Wednesday 711 people crossed, the second highest number this year.",
        "On Wednesday 711 people crossed.",
    ] {
        let r = rows(sentence, "2024-05-02");
        assert!(r[0]["record"].is_null(), "{sentence}: {}", r[0]);
    }
}

#[test]
fn a_week_called_the_highest_is_checked_against_every_earlier_week_ending_on_its_weekday() {
    // Recomputed from the published weekly table (SB_02, weeks ending Sunday), not from the
    // days the check sums: week ending 18 Aug 2024, 746; the highest week of 2024 before it,
    // 1,500 (ending 21 Jul); week ending 28 Aug 2022, 3,564; the highest before it since 2018,
    // 2,499 (ending 14 Nov 2021).
    let r = rows(
        "The 746 people who crossed the Channel in small boats in the week ending 18 August 2024 were the highest weekly total this year.",
        "2024-08-25",
    );
    assert_eq!(r[0]["status"], "consistent", "{}", r[0]);
    let rec = &r[0]["record"];
    assert_eq!(rec["over"], "week");
    // The first whole week of 2024 ending on a Sunday.
    assert_eq!(rec["since"], "2024-01-07");
    assert_eq!(rec["status"], "inconsistent");
    assert_eq!(rec["data_value"], 746.0);
    assert_eq!(rec["highest_before"]["day"], "2024-07-21");
    assert_eq!(rec["highest_before"]["value"], 1500.0);
    let r = rows(
        "A record 3,564 people crossed the Channel in small boats in the week ending 28 August 2022.",
        "2022-09-01",
    );
    let rec = &r[0]["record"];
    assert_eq!(rec["since"], "2018-01-07");
    assert_eq!(rec["status"], "consistent", "{}", r[0]);
    assert_eq!(rec["highest_before"]["day"], "2021-11-14");
    assert_eq!(rec["highest_before"]["value"], 2499.0);
    // "This week" names another span: not checked.
    let r = rows(
        "A record 3,564 people crossed the Channel in small boats this week, in the week ending 28 August 2022.",
        "2022-09-01",
    );
    assert!(r[0]["record"].is_null(), "{}", r[0]);
}

#[test]
fn a_record_that_was_not_one_makes_the_check_fail() {
    // 11 Nov 2021: 1,250, the highest since 2018 at the time (869 on 21 Aug 2021 before it).
    let out = migstats()
        .args([
            "check",
            "--claim",
            "A record 1,250 people reached the UK in small boats on Thursday.",
            "--date",
            "2021-11-12",
            "--against",
            &ods(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("called the highest day since 1 Jan 2018: consistent (1,250 on 11 Nov 2021; the highest day before it, 869 on 21 Aug 2021)"),
        "{text}"
    );
    // 1 May 2024 (711) called a record is below 3 Sep 2022 (1,305): exit 1.
    let out = migstats()
        .args([
            "check",
            "--claim",
            "On 1 May 2024, a record 711 people crossed the Channel.",
            "--date",
            "2024-05-02",
            "--against",
            &ods(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn main_applicants_against_a_count_with_dependants_is_another_basis() {
    // Irr_D02 extract, Iraq 2022: 4,238 applications, 2,829 of them main applicants (summed
    // from its rows with a separate script).
    let sentence = "In 2022, 2,829 asylum applications were made by Iraqi main applicants who crossed the Channel in small boats.";
    let r = rows_against(sentence, "2024-05-10", "detailed/irr_d02.csv");
    assert_eq!(r[0]["status"], "not_checkable");
    assert!(
        r[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("different basis: the words count main applicants only"),
        "{}",
        r[0]
    );
    let out = migstats()
        .args(["check", "--main-applicants", "--claim", sentence])
        .args(["--date", "2024-05-10", "--against"])
        .arg(fixture("detailed/irr_d02.csv"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["rows"][0]["data_value"], 2_829.0);
    assert_eq!(doc["rows"][0]["status"], "consistent");
}

#[test]
fn this_years_total_to_a_number_runs_to_the_day_before_publication() {
    // 1 Jan – 30 Aug 2024: 21,052; 5 Jul – 30 Aug 2024: 7,478 (recomputed from the series).
    for sentence in [
        "Yesterday 408 people arrived, bringing the 2024 total to 21,052.",
        "That brings the total for 2024 to 21,052.",
    ] {
        let r = rows(sentence, "2024-08-31");
        let last = r.last().unwrap();
        assert_eq!(period(last), p("2024-01-01", "2024-08-30"), "{sentence}");
        assert_eq!(last["status"], "consistent", "{sentence}");
    }
    // "the annual total" is this year's; "the 2022 record of" is 2022's (45,755).
    let r = rows(
        "On Friday 408 people arrived, bringing the annual total to 21,052.",
        "2024-08-31",
    );
    assert_eq!(period(&r[1]), p("2024-01-01", "2024-08-30"));
    let r = rows(
        "Some 36,816 people crossed in 2024, below the 2022 record of 45,755.",
        "2025-01-15",
    );
    assert_eq!(period(&r[1]), p("2022-01-01", "2022-12-31"));
    assert_eq!(r[1]["status"], "consistent");
    let r = rows(
        "Since Sir Keir Starmer entered Downing Street, 7,478 people have made the crossing.",
        "2024-08-31",
    );
    assert_eq!(period(&r[0]), p("2024-07-05", "2024-08-30"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn spans_between_two_days_and_months_of_a_named_year() {
    // Recomputed from the daily series: 5 Jul 2023 – 4 Jan 2024, 18,004; January to June 2022,
    // 12,747 (2023: 11,433, 10.3% fewer); January to May 2022, 9,607; 5 Jul 2024 – 5 Jan 2025,
    // 23,303.
    let r = rows(
        "Between 5 July 2023 and 4 January 2024 there were a total of 18,004 small boat arrivals.",
        "2025-01-06",
    );
    assert_eq!(period(&r[0]), p("2023-07-05", "2024-01-04"));
    assert_eq!(r[0]["status"], "consistent");
    let r = rows(
        "That is approximately 10% fewer than the number who arrived between January and June in 2022 (12,747).",
        "2023-07-10",
    );
    assert_eq!(r[0]["stated_change"]["status"], "consistent", "{}", r[0]);
    assert_eq!(period(&r[1]), p("2022-01-01", "2022-06-30"));
    let r = rows(
        "Between January and May of last year, 9,607 people arrived in small boats.",
        "2023-06-06",
    );
    assert_eq!(period(&r[0]), p("2022-01-01", "2022-05-31"));
    let r = rows(
        "More than 23,000 have arrived since Labour took power last July.",
        "2025-01-06",
    );
    assert_eq!(period(&r[0]), p("2024-07-05", "2025-01-05"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_change_on_a_period_the_words_do_not_name_is_not_called_wrong() {
    // "This" with no period of its own is read as this year so far: to 8 May 2024, 8,826
    // against 6,691 (+31.9%); the writer counted to 7 May (+34%). No verdict, and why.
    let r = rows(
        "This is an increase of 34% compared to the same period in 2023.",
        "2024-05-09",
    );
    assert_eq!(r[0]["status"], "not_checkable", "{}", r[0]);
    assert!(
        r[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("the words name no period for the change itself"),
        "{}",
        r[0]
    );
    // Named, the same change is checked.
    let r = rows(
        "So far this year arrivals are up 32% on the same period in 2023.",
        "2024-05-09",
    );
    assert_eq!(r[0]["stated_change"]["status"], "consistent", "{}", r[0]);
}

#[test]
fn a_period_the_number_is_compared_with_is_not_its_own() {
    // 1 Jan – 25 Oct 2024: 29,578 (recomputed from the series); 2023: 29,437.
    let r = rows(
        "This year, 29,578 migrants have crossed the Channel in small boats compared to 29,437 in 2023.",
        "2024-10-26",
    );
    assert_eq!(period(&r[0]), p("2024-01-01", "2024-10-25"));
    assert_eq!(r[0]["status"], "consistent");
}

#[test]
fn a_number_in_brackets_after_a_period_is_that_periods() {
    // 2023: 29,437; 2022: 45,755; 1 Jan – 25 Oct 2024: 29,578 (recomputed from the series).
    let r = rows(
        "Arrivals this year have passed 29,578, against 29,437 in 2023 and higher than in 2022 (45,755).",
        "2024-10-26",
    );
    // After a part of this year, a bare year may mean the same span of it ("in 2022" as at
    // this point in 2022): so 45,755, the whole of 2022, is named, not called wrong.
    let last = r.last().unwrap();
    assert_eq!(period(last), p("2022-01-01", "2022-10-25"), "{last}");
    assert_eq!(last["status"], "not_checkable");
    assert!(
        last["reason"]
            .as_str()
            .unwrap()
            .starts_with("another period: 45,755 is the official figure for 2022"),
        "{last}"
    );
    // A bare year before the bracket is read as that year.
    let r = rows(
        "Crossings this year are at similar levels to 2022 (45,755).",
        "2024-10-26",
    );
    assert_eq!(period(&r[0]), p("2022-01-01", "2022-12-31"), "{}", r[0]);
}
