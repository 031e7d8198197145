//! `migstats top` through the binary, on the detailed-dataset fixtures.

use crate::common::{fixture, json, migstats};

fn d01() -> String {
    fixture("detailed/irr_d01.csv")
}

#[test]
fn shares_of_the_all_total_sum_to_100() {
    let doc = json(&[
        "--data",
        &d01(),
        "top",
        "--period",
        "2023",
        "--format",
        "json",
    ]);
    assert_eq!(doc["command"], "top");
    let rows = doc["rows"].as_array().unwrap();
    // Five nationalities in the fixture, all listed under the default limit of 10.
    assert_eq!(rows.len(), 5);
    let total = rows[0]["total"].as_f64().unwrap();
    assert_eq!(total, 13899.0); // Python, make_fixtures.py
    let values: f64 = rows.iter().map(|r| r["value"].as_f64().unwrap()).sum();
    assert_eq!(values, total);
    let shares: f64 = rows.iter().map(|r| r["share_pct"].as_f64().unwrap()).sum();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    let iraq = rows.iter().find(|r| r["country"] == "Iraq").unwrap();
    assert!((iraq["share_pct"].as_f64().unwrap() - 100.0 * 2545.0 / 13899.0).abs() < 1e-9);
    // Ranked largest first, ranks 1..=5.
    for (i, pair) in rows.windows(2).enumerate() {
        assert!(pair[0]["value"].as_f64() >= pair[1]["value"].as_f64());
        assert_eq!(pair[0]["rank"], i + 1);
    }
    // Change on the year before: Iraq 4,574 in 2022 → 2,545.
    assert_eq!(iraq["previous"]["value"], 4574.0);
    assert_eq!(iraq["change"]["absolute"], -2029.0);
    let range = &iraq["change"]["percent_range"];
    let pct = iraq["change"]["percent"].as_f64().unwrap();
    assert!((pct - 100.0 * -2029.0 / 4574.0).abs() < 1e-9);
    // Both counts are exact: the change has no spread.
    assert_eq!((&range["low"], &range["high"]), (&pct.into(), &pct.into()));
}

#[test]
fn period_by_label_or_dates_and_latest_by_default() {
    let latest = json(&["--data", &d01(), "top", "--format", "json"]);
    assert_eq!(latest["rows"][0]["period"]["label"], "2023");
    let ye = json(&[
        "--data",
        &d01(),
        "top",
        "--period",
        "Year ending March 2023",
        "--limit",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(ye["rows"].as_array().unwrap().len(), 2);
    assert_eq!(ye["rows"][0]["period"]["start"], "2022-04-01");
    let dates = json(&[
        "--data",
        &d01(),
        "top",
        "--period",
        "2022-04-01..2023-03-31",
        "--limit",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(ye["rows"], dates["rows"]);
    let every = json(&["--data", &d01(), "top", "--limit", "0", "--format", "json"]);
    assert_eq!(every["rows"].as_array().unwrap().len(), 5);

    let out = migstats()
        .args(["--data", &d01(), "top", "--period", "2030"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // A period the table does not cover names what it covers.
    assert!(
        err.contains("the period 2030 needs 2030 Q1, which the table does not have; it covers 2018 Q1 to 2023 Q4"),
        "{err}"
    );
    let out = migstats()
        .args(["--data", &d01(), "top", "--metric", "boats"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("metrics in this dataset: small_boat_arrivals")
    );
}

#[test]
fn table_has_a_bar_scaled_to_the_largest_value() {
    let out = migstats()
        .args(["--data", &d01(), "top", "--period", "2023"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let bar = |line: &str| line.chars().filter(|c| *c == '█').count();
    let afghanistan = text.lines().find(|l| l.contains("Afghanistan")).unwrap();
    let iraq = text.lines().find(|l| l.contains("Iraq")).unwrap();
    assert_eq!(bar(afghanistan), 20, "{text}"); // the largest: full length
    assert_eq!(bar(iraq), 9, "{text}"); // 2,545 / 5,545 of 20 cells = 9.2
    assert!(
        afghanistan.contains("5,545") && afghanistan.contains("39.9%"),
        "{text}"
    );
}

#[test]
fn rates_are_ranked_without_shares() {
    let doc = json(&[
        "--data",
        &fixture("detailed/irr_d03.csv"),
        "top",
        "--metric",
        "initial_grant_rate",
        "--period",
        "2022",
        "--format",
        "json",
    ]);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["share_pct"].is_null()));
    let iraq = rows.iter().find(|r| r["country"] == "Iraq").unwrap();
    assert!((iraq["value"].as_f64().unwrap() - 100.0 * 12.0 / 37.0).abs() < 1e-9);
    assert_eq!(iraq["change"]["kind"], "points");
}

#[test]
fn csv_and_markdown() {
    let out = migstats()
        .args(["--data", &d01(), "top", "--limit", "3", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "rank");
    let records: Vec<_> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 3);
    let share = headers.iter().position(|h| h == "share_pct").unwrap();
    assert!(records[0][share].parse::<f64>().unwrap() > 0.0);
    let out = migstats()
        .args([
            "--data",
            &d01(),
            "top",
            "--limit",
            "3",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert_eq!(md.lines().take_while(|l| l.starts_with('|')).count(), 5);
}

#[test]
fn shares_of_enormous_values_are_finite() {
    // 100 × 1.6e308 overflows to infinity; the share is 94.1%, whatever the size.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    std::fs::write(
        &path,
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source\n\
         a-all,small_boat_arrivals,all,2024-01-01,2024-12-31,1.7e308,people,exact,0,,Home Office\n\
         a-iraq,small_boat_arrivals,Iraq,2024-01-01,2024-12-31,1.6e308,people,exact,0,,Home Office\n",
    )
    .unwrap();
    let doc = json(&["--data", path.to_str().unwrap(), "top", "--format", "json"]);
    let share = doc["rows"][0]["share_pct"].as_f64().unwrap();
    assert!((share - 1.6 / 1.7 * 100.0).abs() < 1e-9, "{share}");
}
