//! Rates through the binary: rates of 0% and 100%, the counts and cohort behind every rate,
//! `top --min-base` and rows that are not nationalities, citable sources and files that
//! disagree, options that do not apply. Fixtures are excerpts of the real files
//! (tests/fixtures/detailed/README.md); expected values were computed with Python from those
//! rows, never by the code under test.

use crate::common;
use crate::common::{fixture, json, migstats};
use serde_json::Value;

fn d03() -> String {
    fixture("detailed/irr_d03_rates.csv")
}

/// `top` of the cohort rates in the year ending June 2023 (after `--data`).
const TOP_JUNE_2023: [&str; 5] = [
    "top",
    "--metric",
    "initial_grant_rate",
    "--period",
    "year ending June 2023",
];

fn rows(doc: &Value) -> &Vec<Value> {
    doc["rows"].as_array().unwrap()
}

/// The row of `metric` for `country` and a period label.
fn find<'a>(doc: &'a Value, metric: &str, country: &str, label: &str) -> &'a Value {
    rows(doc)
        .iter()
        .find(|r| r["metric"] == metric && r["country"] == country && r["period"]["label"] == label)
        .unwrap_or_else(|| panic!("no {metric} for {country}, {label}"))
}

fn stdout(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with a usage or input error; returns stderr.
fn fails(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_nationality_with_decisions_has_a_rate_of_zero_or_a_hundred_percent() {
    let doc = json(&["--data", &d03(), "figures", "--format", "json"]);
    let ye = "year ending June 2023";
    // India: 0 grants (no grant row anywhere in the excerpt), 58 refusals.
    let india = find(&doc, "initial_grant_rate", "India", ye);
    assert_eq!(india["value"], 0.0);
    assert_eq!(india["rate_base"]["count"], 0.0);
    assert_eq!(india["rate_base"]["base"], 58.0);
    // Germany: 1 grant, no refusal row anywhere.
    let germany = find(&doc, "initial_grant_rate", "Germany", ye);
    assert_eq!(germany["value"], 100.0);
    assert_eq!(germany["rate_base"]["base"], 1.0);
    // Every nationality-year with a decision has its rate: 43 in the excerpt (25 before the
    // fix, which needed a grant and a refusal row somewhere in the file); 39 for main applicants.
    let count = |args: &[&str]| {
        let doc = json(
            &[
                args,
                &[
                    "figures",
                    "--metric",
                    "initial_grant_rate",
                    "--format",
                    "json",
                ],
            ]
            .concat(),
        );
        rows(&doc).len()
    };
    assert_eq!(count(&["--data", &d03()]), 43);
    assert_eq!(count(&["--data", &d03(), "--main-applicants"]), 39);
}

#[test]
fn a_cohort_rate_carries_awaiting_withdrawn_and_the_share_decided() {
    let doc = json(&[
        "--data",
        &d03(),
        "figures",
        "--country",
        "Iraq",
        "--format",
        "json",
    ]);
    // Iraq, arrivals in 2022: 12 granted of 37 decided; 4,142 awaiting, 59 withdrawn, 4,238 in all.
    let rate = find(&doc, "initial_grant_rate", "Iraq", "2022");
    let b = &rate["rate_base"];
    assert_eq!(b["count"], 12.0);
    assert_eq!(b["base"], 37.0);
    assert_eq!(b["cohort"]["size"], 4238.0);
    assert_eq!(b["cohort"]["awaiting"], 4142.0);
    assert_eq!(b["cohort"]["withdrawn"], 59.0);
    assert!(common::close(
        &b["cohort"]["share_decided_pct"],
        100.0 * 37.0 / 4238.0,
        1e-9
    ));
    let note = rate["note"].as_str().unwrap();
    assert!(note.contains("by year of arrival"), "{note}");
    assert!(
        note.contains("37 of 4238 (0.9%) have an initial decision"),
        "{note}"
    );

    // Tables: the counts beside the rate, the cohort named, the share decided on both sides of
    // a year-on-year change.
    let table = stdout(&[
        "--data",
        &d03(),
        "figures",
        "--country",
        "Iraq",
        "--metric",
        "initial_grant_rate",
    ]);
    assert!(table.contains("18.2% (2 of 11)"), "{table}");
    // The label wraps in 80 columns: "(small-boat arrivals, by" / "year of arrival)".
    assert!(table.contains("(small-boat arrivals, by"), "{table}");
    assert!(table.contains("year of arrival)"), "{table}");
    let changes = json(&["--data", &d03(), "changes", "--format", "json"]);
    let row = find(
        &changes,
        "initial_grant_rate",
        "Iraq",
        "year ending June 2023",
    );
    assert!(common::close(
        &row["rate_base"]["cohort"]["share_decided_pct"],
        100.0 * 11.0 / 3216.0,
        1e-9
    ));
    assert!(common::close(
        &row["previous"]["rate_base"]["cohort"]["share_decided_pct"],
        100.0 * 248.0 / 6151.0,
        1e-9
    ));
    assert_eq!(row["previous"]["rate_base"]["base"], 248.0);
    let csv_text = stdout(&["--data", &d03(), "changes", "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let rec = rdr
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[col("id")] == "irr-d03-initial-grant-rate-iraq-ye-2023-06")
        .unwrap();
    assert_eq!(&rec[col("rate_base")], "11");
    assert_eq!(&rec[col("cohort_size")], "3216");
    assert_eq!(&rec[col("previous_rate_base")], "248");
    assert!(!rec[col("previous_cohort_share_decided_pct")].is_empty());
}

#[test]
fn rate_columns_round_trip_and_old_files_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rates.csv");
    let csv_text = stdout(&["--data", &d03(), "figures", "--format", "csv"]);
    assert!(
        csv_text
            .lines()
            .next()
            .unwrap()
            .ends_with(",note,rate_count,rate_base,cohort_size,cohort_awaiting,cohort_withdrawn")
    );
    std::fs::write(&path, &csv_text).unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(
        csv_text,
        stdout(&["--data", p, "figures", "--format", "csv"])
    );
    let a = json(&["--data", &d03(), "changes", "--format", "json"]);
    let b = json(&["--data", p, "changes", "--format", "json"]);
    assert_eq!(a["rows"], b["rows"]);
    // A file written before the columns existed: no rate_base, nothing else changes.
    let old = dir.path().join("old.csv");
    std::fs::write(
        &old,
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note\n\
         r,initial_grant_rate,Iraq,2024-04-01,2025-03-31,26,percent,about,1,,Home Office,\n",
    )
    .unwrap();
    let doc = json(&[
        "--data",
        old.to_str().unwrap(),
        "figures",
        "--format",
        "json",
    ]);
    assert!(rows(&doc)[0].get("rate_base").is_none());
}

#[test]
fn rate_columns_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note,rate_count,rate_base,cohort_size,cohort_awaiting,cohort_withdrawn";
    let cases = [
        (
            "a,initial_grant_rate,Iraq,2023-01-01,2023-12-31,50,percent,exact,0.01,,HO,,3,2,,,",
            "rate_count 3 of rate_base 2 is not a rate",
        ),
        (
            "a,initial_grant_rate,Iraq,2023-01-01,2023-12-31,50,percent,exact,0.01,,HO,,1,3,,,",
            "value 50 does not match rate_count 1 of rate_base 3",
        ),
        (
            "a,initial_grant_rate,Iraq,2023-01-01,2023-12-31,50,percent,exact,0.01,,HO,,1,2,10,,",
            "cohort_size, cohort_awaiting and cohort_withdrawn go together",
        ),
        (
            "a,initial_grant_rate,Iraq,2023-01-01,2023-12-31,50,percent,exact,0.01,,HO,,1,,,,",
            "rate_count and rate_base go together",
        ),
        (
            "a,initial_grant_rate,Iraq,2023-01-01,2023-12-31,50,percent,exact,0.01,,HO,,1,2,5,4,1,",
            "row has 18 fields",
        ),
        (
            "a,initial_grant_rate,Iraq,2023-01-01,2023-12-31,50,percent,exact,0.01,,HO,,1,2,5,4,1",
            "cohort_size 5 is less than",
        ),
        (
            "a,returns,Iraq,2023-01-01,2023-12-31,50,people,exact,1,,HO,,1,2,,,",
            "rate_count and rate_base are for percent figures",
        ),
    ];
    for (row, expected) in cases {
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, format!("{header}\n{row}\n")).unwrap();
        let err = fails(&["--data", path.to_str().unwrap(), "figures"]);
        assert!(err.contains(expected), "{row}: {err}");
        assert!(err.contains("bad.csv:2:"), "{err}");
    }
}

#[test]
fn top_ranks_rates_on_enough_decisions_and_never_ties_one_of_one_with_twenty_two() {
    let d03 = d03();
    let args = [
        &["--data", d03.as_str()][..],
        &TOP_JUNE_2023,
        &["--format", "json"],
    ]
    .concat();
    let doc = json(&args);
    let ranked: Vec<(&str, u64)> = rows(&doc)
        .iter()
        .filter(|r| r.get("not_ranked").is_none())
        .map(|r| (r["country"].as_str().unwrap(), r["rank"].as_u64().unwrap()))
        .collect();
    // Bases: Syria 22, Afghanistan 92, Albania 121, India 58; Germany (1) and Iraq (11) below 20.
    assert_eq!(
        ranked,
        [
            ("Syria", 1),
            ("Afghanistan", 2),
            ("Albania", 3),
            ("India", 4)
        ]
    );
    let below: Vec<&str> = rows(&doc)
        .iter()
        .filter(|r| r["not_ranked"] == "base_below_minimum")
        .map(|r| r["country"].as_str().unwrap())
        .collect();
    assert_eq!(below, ["Germany", "Iraq"]);
    let notes = doc["notes"][0].as_str().unwrap();
    assert!(notes.contains("at least 20 decisions"), "{notes}");
    assert!(
        notes.contains("2 left out on fewer (Germany, Iraq)"),
        "{notes}"
    );
    // The table lists neither, but counts them.
    let table = stdout(&args[..args.len() - 2]);
    assert!(
        !table.contains("Germany") || table.contains("(Germany, Iraq)"),
        "{table}"
    );
    assert!(!table.contains(" Iraq "), "{table}");

    // With every base allowed, 22 of 22 ranks above 1 of 1: both 100%, never tied.
    let all = json(&[&args[..7], &["--min-base", "1", "--format", "json"]].concat());
    let first: Vec<(&str, u64)> = rows(&all)
        .iter()
        .take(2)
        .map(|r| (r["country"].as_str().unwrap(), r["rank"].as_u64().unwrap()))
        .collect();
    assert_eq!(first, [("Syria", 1), ("Germany", 2)]);
}

/// India's 0 of 58 is a rate of 0%: its bar is empty, not "–", which says there is no figure.
#[test]
fn a_zero_rate_draws_an_empty_bar_not_a_missing_value() {
    let d03 = d03();
    let args = [&["--data", d03.as_str()][..], &TOP_JUNE_2023].concat();
    let table = stdout(&args);
    let india = table.lines().find(|l| l.contains("India")).unwrap();
    assert_eq!(
        india.split_whitespace().collect::<Vec<_>>(),
        [
            "4", "India", "0.0%", "(0", "of", "58)", "0.0%", "(0", "of", "13)", "0.0", "pp"
        ],
        "{table}"
    );
    // Every "–" left is the rank of a row that is not a nationality, explained by its own note.
    assert!(!table.contains("no such figure"), "{table}");
    assert_eq!(table.matches('–').count(), 2, "{table}");
    let markdown = stdout(&[&args[..], &["--format", "markdown"]].concat());
    let india = markdown.lines().find(|l| l.contains("India")).unwrap();
    assert_eq!(
        india,
        "| 4 | India | 0.0% (0 of 58); 4.0% decided |  | 0.0% (0 of 13); 9.0% decided | 0.0 pp |"
    );
    assert!(!markdown.contains("no such figure"), "{markdown}");
}

#[test]
fn rows_that_are_not_nationalities_follow_the_ranking_and_shares_still_add_up() {
    let doc = json(&[
        "--data",
        &d03(),
        "top",
        "--metric",
        "initial_grants",
        "--period",
        "2022",
        "--limit",
        "0",
        "--format",
        "json",
    ]);
    let r = rows(&doc);
    let kinds: Vec<bool> = r.iter().map(|x| x.get("not_ranked").is_some()).collect();
    // Ranked rows first, then the unranked: never a ranked row after an unranked one.
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
    let unranked: Vec<&str> = r
        .iter()
        .filter(|x| x["not_ranked"] == "not_a_nationality")
        .map(|x| x["country"].as_str().unwrap())
        .collect();
    // 2022 grants: Refugee 6, Stateless 4 ("Other and unknown" has no grant row).
    assert_eq!(unranked, ["Refugee", "Stateless"]);
    assert!(
        r.iter()
            .filter(|x| x.get("not_ranked").is_some())
            .all(|x| x["rank"] == 0)
    );
    let shares: f64 = r.iter().map(|x| x["share_pct"].as_f64().unwrap()).sum();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    let table = stdout(&[
        "--data",
        &d03(),
        "top",
        "--metric",
        "initial_grants",
        "--period",
        "2022",
    ]);
    assert!(table.contains("not nationalities"), "{table}");
}

#[test]
fn a_total_row_is_never_summed_into_all() {
    // Synthetic rows in the Irr_D01 layout: a table that carries its own Total.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("with_total.csv");
    let mut text = String::from(
        "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n",
    );
    for q in 1..=4 {
        for (nat, n) in [("Iraq", 10), ("Iran", 5), ("Total", 15)] {
            text.push_str(&format!(
                "2023,2023 Q{q},Small boat arrivals,{nat},Region,Male,18 to 24,{n}\n"
            ));
        }
    }
    std::fs::write(&path, text).unwrap();
    let doc = json(&[
        "--data",
        path.to_str().unwrap(),
        "figures",
        "--format",
        "json",
    ]);
    assert_eq!(
        find(&doc, "small_boat_arrivals", "all", "2023")["value"],
        60.0
    );
    assert!(rows(&doc).iter().all(|r| r["country"] != "Total"));
}

#[test]
fn sources_are_citable() {
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let d01 = fixture("detailed/irr_d01_small_boats_2022.csv");
    let doc = json(&[
        "--data", &ods, "--data", &d01, "sources", "--format", "json",
    ]);
    let sources = doc["dataset"]["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2, "{sources:?}");
    let daily = &sources[0];
    assert_eq!(daily["publisher"], "Home Office");
    assert_eq!(daily["table"], "SB_01");
    assert_eq!(daily["licence"], "Open Government Licence v3.0");
    assert_eq!(daily["data_to"], "2025-11-13");
    // Read from the workbook's cover sheet.
    assert_eq!(
        daily["release_title"],
        "Migrants detected crossing the English Channel in small boats"
    );
    assert_eq!(
        sources[1]["title"],
        "Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01; file irr_d01_small_boats_2022.csv; Open Government Licence v3.0"
    );
    let first = &rows(&doc)[0];
    assert!(
        first["citation"].as_str().unwrap().starts_with(
            "Home Office, small boats time series (provisional), sheet SB_01, to 13 Nov 2025"
        ),
        "{first}"
    );
    // check --against cites the file it checked against, in the JSON and under the table.
    let out = migstats()
        .args(["check", "--against", &ods, "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = doc["dataset"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t
                .starts_with("Home Office, small boats time series (provisional), sheet SB_01")),
        "{titles:?}"
    );
    let out = migstats()
        .args(["check", "--against", &ods])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("Source: Home Office, small boats time series"),
        "{table}"
    );
    // The table footer cites both files.
    let table = stdout(&["--data", &ods, "--data", &d01, "summary"]);
    assert!(
        table.contains("Source: Home Office, small boats time series (provisional)"),
        "{table}"
    );
    assert!(
        table
            .contains("Source: Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01"),
        "{table}"
    );
}

#[test]
fn files_that_disagree_are_named_in_a_note() {
    // Calendar 2022: the provisional daily series sums to 45,755, the quarterly Irr_D01 to 45,774.
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let d01 = fixture("detailed/irr_d01_small_boats_2022.csv");
    for cmd in ["summary", "figures"] {
        let doc = json(&["--data", &ods, "--data", &d01, cmd, "--format", "json"]);
        let notes: Vec<&str> = doc["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(notes.len(), 1, "{cmd}: {notes:?}");
        assert!(
            notes[0].starts_with(
                "Files disagree on small boat arrivals, all nationalities, 2022: 45,755 in "
            ),
            "{notes:?}"
        );
        assert!(notes[0].contains("; 45,774 in "), "{notes:?}");
    }
    // One file alone disagrees with nothing.
    let doc = json(&["--data", &d01, "summary", "--format", "json"]);
    assert!(doc.get("notes").is_none());
}

#[test]
fn options_that_do_not_apply_are_errors() {
    let d01 = fixture("detailed/irr_d01_small_boats_2022.csv");
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let err = fails(&["--data", &d01, "--as-of", "2022-06-30", "summary"]);
    assert!(err.contains("--as-of 2022-06-30 applies only to the Home Office small boats daily series, and no input is one"), "{err}");
    let err = fails(&["--data", &ods, "--main-applicants", "summary"]);
    assert!(
        err.contains("--main-applicants applies only to tables with an applicant type"),
        "{err}"
    );
    let err = fails(&["--data", &d03(), "--method", "all", "figures"]);
    assert!(
        err.contains("--method applies only to the Irr_D01/IER_D01 table"),
        "{err}"
    );
    let err = fails(&["--main-applicants", "check", "--against", &ods]);
    assert!(err.contains("--main-applicants applies only"), "{err}");
    // Before the command, an option the command does not take is refused by name; after it,
    // the command's own parser does not know it.
    for (args, why) in [
        (&["--format", "csv", "man"][..], "does not apply to man"),
        (&["--data", &d01, "man"], "--data does not apply to man"),
        (
            &["--color", "never", "schema", "summary"],
            "--color does not apply to schema",
        ),
        (
            &["--as-of", "2025-08-15", "fetch", "small-boats"],
            "--as-of does not apply to fetch",
        ),
        (
            &["--main-applicants", "revisions", &ods, &ods],
            "--main-applicants does not apply to revisions",
        ),
        (
            &["--data", &d01, "validate", &d01],
            "--data does not apply to validate",
        ),
        (
            &["schema", "summary", "--format", "json"],
            "unexpected argument '--format'",
        ),
        (
            &["completions", "bash", "--format", "table"],
            "unexpected argument '--format'",
        ),
        (&["man", "--data", &d01], "unexpected argument '--data'"),
    ] {
        let err = fails(args);
        assert!(err.contains(why), "{args:?}: {err}");
    }
    // Where they apply, they still work.
    stdout(&["--data", &ods, "--as-of", "2025-08-15", "summary"]);
    stdout(&["--data", &d03(), "--main-applicants", "summary"]);
    stdout(&["--data", &d01, "--method", "Small boat arrivals", "summary"]);
    stdout(&["schema", "summary"]);
}
