//! Periods through the binary: `--period` in every form on the Home Office daily file of
//! August 2026, `series` (weeks equal to the Home Office's own weekly sheet SB_02, partial
//! buckets, ranks, one month across years, running totals), and filters that say what exists.

use crate::common::{fixture, json, migstats};
use serde_json::Value;

fn ods() -> String {
    fixture("Small_boats_time_series_as_of_2026-08-20.ods")
}

/// (value, previous value) of the people figure `summary --period` gives.
fn people(period: &str) -> (f64, f64) {
    let doc = json(&[
        "--data",
        &ods(),
        "summary",
        "--period",
        period,
        "--metric",
        "small_boat_arrivals",
        "--format",
        "json",
    ]);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{period}: {rows:#?}");
    (
        rows[0]["value"].as_f64().unwrap(),
        rows[0]["previous"]["value"].as_f64().unwrap(),
    )
}

fn fails(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn every_spelling_of_a_period_gives_the_august_2026_release_figures() {
    assert_eq!(people("July 2025"), (5454.0, 3414.0));
    assert_eq!(people("2025-07"), (5454.0, 3414.0));
    assert_eq!(people("Jul 2025"), (5454.0, 3414.0));
    assert_eq!(people("2025-07-01..2025-07-31"), (5454.0, 3414.0));
    assert_eq!(people("2024-07-05..2025-07-04"), (44359.0, 31578.0));
    assert_eq!(people("5 Jul 2024 – 4 Jul 2025"), (44359.0, 31578.0));
    assert_eq!(people("05/07/2024..04/07/2025"), (44359.0, 31578.0));
    assert_eq!(people("Q3 2025"), (14105.0, 11755.0));
    assert_eq!(people("2025-Q3"), (14105.0, 11755.0));
    assert_eq!(people("third quarter of 2025"), (14105.0, 11755.0));
    // 1 Jul 2024 – 30 Jun 2025 (and the year before); recomputed from the daily series.
    assert_eq!(people("12 months to June 2025").0, 43309.0);
}

#[test]
fn figures_period_lists_the_period_and_the_same_span_a_year_earlier() {
    let doc = json(&[
        "--data",
        &ods(),
        "figures",
        "--period",
        "july 2025",
        "--metric",
        "small boat arrivals",
        "--format",
        "json",
    ]);
    let got: Vec<(String, f64)> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["period"]["start"].as_str().unwrap().to_string(),
                r["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-07-01".to_string(), 3414.0),
            ("2025-07-01".to_string(), 5454.0)
        ]
    );
}

#[test]
fn every_other_period_form_resolves() {
    // (form, start, end) as the August 2026 file resolves them (last day 20 Aug 2026).
    let cases = [
        ("2025", "2025-01-01", "2025-12-31"),
        ("year ending March 2025", "2024-04-01", "2025-03-31"),
        ("YE Mar 2025", "2024-04-01", "2025-03-31"),
        ("year ending Dec 2023", "2023-01-01", "2023-12-31"),
        ("ytd", "2026-01-01", "2026-08-20"),
        ("year to date", "2026-01-01", "2026-08-20"),
        ("last 12 months", "2025-08-21", "2026-08-20"),
        ("since 2024-07-05", "2024-07-05", "2026-08-20"),
        ("since 5 Jul 2024", "2024-07-05", "2026-08-20"),
        // The forms the claims reader resolves in prose are --period forms too.
        ("since July 2024", "2024-07-01", "2026-08-20"),
        ("first half of 2024", "2024-01-01", "2024-06-30"),
        ("the second half of 2023", "2023-07-01", "2023-12-31"),
        ("third quarter of 2025", "2025-07-01", "2025-09-30"),
        ("12 months to June 2025", "2024-07-01", "2025-06-30"),
        ("1 Jan 2024 to 30 Jun 2024", "2024-01-01", "2024-06-30"),
    ];
    for (form, start, end) in cases {
        let doc = json(&[
            "--data",
            &ods(),
            "summary",
            "--period",
            form,
            "--metric",
            "small_boats",
            "--format",
            "json",
        ]);
        let row = &doc["rows"][0];
        assert_eq!(
            (
                row["period"]["start"].as_str(),
                row["period"]["end"].as_str()
            ),
            (Some(start), Some(end)),
            "{form}"
        );
    }
    // Relative periods end on --as-of, in any date form.
    for as_of in ["2025-08-15", "15/08/2025", "15 Aug 2025"] {
        assert_eq!(
            json(&[
                "--data",
                &ods(),
                "--as-of",
                as_of,
                "summary",
                "--period",
                "ytd",
                "--metric",
                "small_boat_arrivals",
                "--format",
                "json",
            ])["rows"][0]["value"],
            27997.0,
            "{as_of}"
        );
    }
}

#[test]
fn bad_periods_and_dates_say_what_is_accepted() {
    let err = fails(&["--data", &ods(), "summary", "--period", "Julember 2025"]);
    assert!(err.contains("'Julember 2025' is not a period"), "{err}");
    assert!(err.contains("2025-Q3, Q3 2025"), "{err}");
    let err = fails(&["--data", &ods(), "figures", "--since", "2025-15-08"]);
    assert!(
        err.contains("2025-08-15, 15/08/2025 or 15 Aug 2025"),
        "{err}"
    );
    let err = fails(&["--data", &ods(), "--as-of", "31/02/2025", "summary"]);
    assert!(
        err.contains("'31/02/2025' is not a day of the calendar"),
        "{err}"
    );
    // Outside the file: an error naming what it covers, never a partial total.
    let err = fails(&["--data", &ods(), "summary", "--period", "2026"]);
    assert!(
        err.contains("has daily figures from 2018-01-01 to 2026-08-20"),
        "{err}"
    );
    // Bundled figures: no such period, and what there is.
    let err = fails(&["summary", "--period", "July 2025"]);
    assert!(
        err.contains("no figures for the period July 2025 (2025-07-01 to 2025-07-31)"),
        "{err}"
    );
    assert!(err.contains("\"year ending March 2025\""), "{err}");
}

#[test]
fn since_and_until_together_derive_that_span_from_a_daily_file() {
    let doc = json(&[
        "--data",
        &ods(),
        "figures",
        "--since",
        "1 Aug 2025",
        "--until",
        "31/08/2025",
        "--metric",
        "small_boat_arrivals",
        "--format",
        "json",
    ]);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["period"]["label"], "August 2025");
    assert_eq!(rows[0]["value"], 3567.0);
}

#[test]
fn bundled_figures_by_period_including_relative_ones() {
    let doc = json(&["summary", "--period", "ytd", "--format", "json"]);
    // The bundled data end on 15 Aug 2025: the year to date is the article's pair.
    assert_eq!(doc["rows"][0]["id"], "crossings-2025-ytd");
    let doc = json(&[
        "changes",
        "--period",
        "ye mar 2025",
        "--country",
        "Iraqi",
        "--format",
        "json",
    ]);
    assert_eq!(doc["rows"][0]["id"], "iraqi-arrivals-ye-mar-2025");
    assert_eq!(doc["rows"].as_array().unwrap().len(), 1);
    let doc = json(&[
        "check",
        "--period",
        "5 Jul 2024 – 4 Jul 2025",
        "--format",
        "json",
    ]);
    let ids: Vec<&str> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["returns-2024-25"]);
}

#[test]
fn filters_find_what_the_user_means_or_say_what_exists() {
    let doc = json(&[
        "figures",
        "--country",
        "all nationalities",
        "--format",
        "json",
    ]);
    assert_eq!(doc["rows"].as_array().unwrap().len(), 3);
    let doc = json(&[
        "figures",
        "--country",
        "IRAQI",
        "--metric",
        "Initial grant rate",
        "--format",
        "json",
    ]);
    assert_eq!(doc["rows"][0]["id"], "iraqi-grant-rate-ye-mar-2025");
    let err = fails(&["figures", "--since", "2030-01-01"]);
    assert!(
        err.contains("no figures starting on or after 2030-01-01"),
        "{err}"
    );
    assert!(
        err.contains("periods run from 2023-04-01 to 2025-08-15"),
        "{err}"
    );
    let err = fails(&["figures", "--country", "Irak"]);
    assert!(
        err.contains("no country 'Irak'; did you mean 'Iraq'?"),
        "{err}"
    );
    assert!(
        err.contains("countries in this dataset: Iraq, all"),
        "{err}"
    );
    let err = fails(&["figures", "--metric", "grant_rate"]);
    assert!(
        err.contains("no metric 'grant_rate'; did you mean 'initial_grant_rate'?"),
        "{err}"
    );
    let err = fails(&[
        "top",
        "--metric",
        "small boat arivals",
        "--data",
        &fixture("detailed/irr_d01.csv"),
    ]);
    assert!(err.contains("did you mean 'small_boat_arrivals'?"), "{err}");
    let err = fails(&["--data", &ods(), "series", "--country", "Iraq"]);
    assert!(err.contains("no country 'Iraq'"), "{err}");
    assert!(err.contains("countries in this dataset: all"), "{err}");
}

#[test]
fn detailed_datasets_take_whole_quarters_only() {
    let d01 = fixture("detailed/irr_d01.csv");
    let doc = json(&[
        "--data",
        &d01,
        "summary",
        "--period",
        "2023-Q3",
        "--country",
        "Iraq",
        "--format",
        "json",
    ]);
    assert_eq!(doc["rows"][0]["value"], 1049.0);
    assert_eq!(doc["rows"][0]["previous"]["value"], 1514.0);
    let err = fails(&["--data", &d01, "summary", "--period", "July 2023"]);
    assert!(err.contains("is not made of whole quarters"), "{err}");
    assert!(err.contains("the table covers 2018 Q1 to 2023 Q4"), "{err}");
}

/// The rows of `series` as (period_end, value, partial).
fn series(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--data", "", "series", "--format", "json"];
    let file = ods();
    all[1] = &file;
    all.extend_from_slice(args);
    json(&all)["rows"].as_array().unwrap().clone()
}

#[test]
fn weeks_equal_the_home_office_weekly_sheet_for_every_complete_week() {
    let people = series(&["--by", "week"]);
    let boats = series(&["--by", "week", "--metric", "small_boats"]);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(fixture("SB_02_as_of_2026-08-20.csv"))
        .unwrap();
    let mut weeks = 0;
    for record in reader.records() {
        let r = record.unwrap();
        let end = &r[0][..10];
        let find = |rows: &[Value]| {
            rows.iter()
                .find(|x| x["period"]["end"] == end)
                .unwrap_or_else(|| panic!("no week ending {end}"))
                .clone()
        };
        let (p, b) = (find(&people), find(&boats));
        assert_eq!(p["partial"], false, "{end}");
        assert_eq!(
            p["value"].as_f64(),
            r[1].parse::<f64>().ok(),
            "people, week ending {end}"
        );
        assert_eq!(
            b["value"].as_f64(),
            r[2].parse::<f64>().ok(),
            "boats, week ending {end}"
        );
        weeks += 1;
    }
    assert_eq!(weeks, 450);
    // One more row: the week cut by the file's last day, marked and compared like for like.
    assert_eq!(people.len(), 451);
    let last = people.last().unwrap();
    assert_eq!(last["partial"], true);
    assert_eq!(last["label"], "week ending 23 Aug 2026");
    assert_eq!(last["period"]["start"], "2026-08-17");
    assert_eq!(last["period"]["end"], "2026-08-20");
    assert_eq!(last["previous"]["period"]["start"], "2025-08-18");
    assert_eq!(last["previous"]["period"]["end"], "2025-08-21");
    // A complete week's year before is the week 52 weeks earlier, itself a SB_02 week.
    let prev = &people[449];
    assert_eq!(prev["period"]["end"], "2026-08-16");
    assert_eq!(prev["previous"]["period"]["end"], "2025-08-17");
    assert_eq!(prev["previous"]["value"], 1442.0);
}

#[test]
fn months_quarters_years_and_partial_buckets() {
    let months = series(&["--by", "month", "--period", "2025"]);
    assert_eq!(months.len(), 12);
    assert_eq!(months[6]["label"], "July 2025");
    assert_eq!(months[6]["value"], 5454.0);
    assert_eq!(months[6]["previous"]["value"], 3414.0);
    let quarters = series(&["--by", "quarter", "--period", "since 2025-01-01"]);
    assert_eq!(quarters[2]["label"], "2025 Q3");
    assert_eq!(quarters[2]["value"], 14105.0);
    assert_eq!(quarters[2]["previous"]["value"], 11755.0);
    // 2026 Q3 is cut by the file's last day.
    let last = quarters.last().unwrap();
    assert_eq!(
        (last["label"].as_str(), last["partial"].as_bool()),
        (Some("2026 Q3"), Some(true))
    );
    assert_eq!(last["previous"]["period"]["end"], "2025-08-20");
    let years = series(&["--by", "year"]);
    assert_eq!(years.len(), 9);
    assert!(years[..8].iter().all(|y| y["partial"] == false));
    assert_eq!(years[8]["partial"], true);
}

#[test]
fn ranks_one_month_across_years_and_running_totals() {
    let ranked = series(&["--by", "day", "--rank"]);
    assert_eq!(ranked[0]["rank"], 1);
    assert!(ranked.iter().all(|r| r["partial"] == false));
    for pair in ranked.windows(2) {
        assert!(pair[0]["value"].as_f64() >= pair[1]["value"].as_f64());
    }
    let augusts = series(&["--month", "August", "--rank"]);
    // Complete Augusts 2018–2025; August 2026 is partial and left out of the ranking.
    assert_eq!(augusts.len(), 8);
    assert!(
        augusts
            .iter()
            .all(|r| r["label"].as_str().unwrap().starts_with("August"))
    );
    let by_number = series(&["--month", "8", "--rank"]);
    assert_eq!(augusts, by_number);
    // In date order, each complete August against the earlier ones.
    let dated = series(&["--month", "Aug"]);
    let standing =
        |label: &str| dated.iter().find(|r| r["label"] == label).unwrap()["standing"].clone();
    assert_eq!(standing("August 2022"), "highest on record");
    assert_eq!(standing("August 2025"), "lowest since August 2021");
    assert_eq!(standing("August 2023"), Value::Null);
    assert_eq!(standing("August 2026"), Value::Null); // partial
    let running = series(&["--cumulative", "--period", "since 2025-01-01"]);
    let day = running
        .iter()
        .find(|r| r["period"]["start"] == "2025-08-15")
        .unwrap();
    // The article's year to date, and the same point a year earlier.
    assert_eq!(day["cumulative"], 27997.0);
    assert_eq!(day["previous_cumulative"], 18574.0);
    let err = fails(&[
        "--data",
        &ods(),
        "series",
        "--cumulative",
        "--metric",
        "people_per_boat",
    ]);
    assert!(err.contains("is not a count"), "{err}");
}

#[test]
fn series_csv_is_one_tidy_row_per_bucket() {
    let out = migstats()
        .args([
            "--data",
            &ods(),
            "series",
            "--by",
            "quarter",
            "--period",
            "2025",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "metric");
    assert!(header.iter().any(|h| h == "partial"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r.len() == header.len()));
}

#[test]
fn detailed_datasets_give_quarters_and_years_per_nationality_with_cut_years_marked() {
    let d01 = fixture("detailed/irr_d01.csv");
    let quarters = json(&[
        "--data",
        &d01,
        "series",
        "--by",
        "quarter",
        "--country",
        "Iraqi",
        "--format",
        "json",
    ]);
    let q = quarters["rows"].as_array().unwrap();
    let q3 = q.iter().find(|r| r["label"] == "2023 Q3").unwrap();
    assert_eq!(
        (q3["value"].as_f64(), q3["previous"]["value"].as_f64()),
        (Some(1049.0), Some(1514.0))
    );
    // The same table without its last two quarters: 2023 is cut, and compared like for like.
    let text = std::fs::read_to_string(&d01).unwrap();
    let cut: String = text
        .lines()
        .filter(|l| !l.contains(",2023 Q3,") && !l.contains(",2023 Q4,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d01_cut.csv");
    std::fs::write(&path, cut).unwrap();
    let years = json(&[
        "--data",
        path.to_str().unwrap(),
        "series",
        "--by",
        "year",
        "--country",
        "Iraq",
        "--format",
        "json",
    ]);
    let last = years["rows"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["partial"], true);
    assert_eq!(last["period"]["end"], "2023-06-30");
    assert_eq!(last["value"], 992.0); // 347 + 645
    assert_eq!(last["previous"]["period"]["end"], "2022-06-30");
    assert_eq!(last["previous"]["value"], 1691.0); // 679 + 1012
}

/// A relative period ends on the data's last day, found in the one read of each input: so a
/// daily series on stdin (which can be read only once) gives the same figures as its file.
#[test]
fn a_relative_period_reads_each_input_once_even_from_stdin() {
    let csv = fixture("SB_01_as_of_2025-11-13.csv");
    let from_file = migstats()
        .args([
            "--data", &csv, "--format", "csv", "summary", "--period", "ytd",
        ])
        .output()
        .unwrap();
    assert!(from_file.status.success(), "{from_file:?}");
    let from_stdin = migstats()
        .args([
            "--data", "-", "--format", "csv", "summary", "--period", "ytd",
        ])
        .write_stdin(std::fs::read(&csv).unwrap())
        .output()
        .unwrap();
    assert!(from_stdin.status.success(), "{from_stdin:?}");
    let text = String::from_utf8(from_stdin.stdout).unwrap();
    assert_eq!(text, String::from_utf8(from_file.stdout).unwrap());
    // 1 January to 13 November 2025, the file's last day: 39,075 people.
    assert!(
        text.contains(",2025-01-01,2025-11-13,1 Jan – 13 Nov 2025,39075,"),
        "{text}"
    );
}

/// The same for a detailed table: its quarterly sums are kept from the one read, so the last
/// twelve months derive from stdin too (a second read of stdin would find it empty).
#[test]
fn a_relative_period_on_a_detailed_table_reads_it_once_even_from_stdin() {
    let csv = fixture("detailed/irr_d01.csv");
    let args = ["--format", "csv", "summary", "--period", "last 12 months"];
    let from_file = migstats()
        .args(["--data", &csv])
        .args(args)
        .output()
        .unwrap();
    assert!(from_file.status.success(), "{from_file:?}");
    let from_stdin = migstats()
        .args(["--data", "-"])
        .args(args)
        .write_stdin(std::fs::read(&csv).unwrap())
        .output()
        .unwrap();
    assert!(from_stdin.status.success(), "{from_stdin:?}");
    let text = String::from_utf8(from_stdin.stdout).unwrap();
    assert_eq!(text, String::from_utf8(from_file.stdout).unwrap());
    // The table ends with 2023 Q4: the twelve months are calendar 2023, against 2022.
    assert!(
        text.contains(",2023-01-01,2023-12-31,2023,13899,exact,0,13899,13899,figure,irr-d01-small-boat-arrivals-all-2022,32666,"),
        "{text}"
    );
}

#[test]
fn a_period_longer_than_a_year_says_it_overlaps_its_year_before() {
    let out = migstats()
        .args(["--data", &ods(), "summary", "--period", "since July 2024"])
        .args(["--metric", "small_boat_arrivals", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1 Jul 2024 – 20 Aug 2026 is longer than a year, so the same span a year earlier (1 Jul 2023 – 20 Aug 2025) overlaps it: the days 1 Jul 2024 – 20 Aug 2025 are counted in both."),
        "{text}"
    );
    // A year does not.
    let out = migstats()
        .args(["--data", &ods(), "summary", "--period", "last 12 months"])
        .args(["--metric", "small_boat_arrivals", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("overlaps"));
}
