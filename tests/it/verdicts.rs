//! Verdicts a fact-checker can publish. A loose "more than" / "fewer than"
//! that holds is understated / overstated (exit 0) and names the stronger figure; only
//! `inconsistent` exits 1; and each stated figure is also checked at every cut-off within
//! `--window` days, against the November 2025 Home Office daily series.

use crate::common::{fixture, json, migstats};
use serde_json::{Value, json};

const ODS: &str = "14_November_2025_Small_boats_-_time_series.ods";

/// `check --against` the ODS with these extra arguments; its JSON and exit code.
fn check(data: Option<&str>, extra: &[&str]) -> (Value, i32) {
    let ods = fixture(ODS);
    let mut args: Vec<&str> = Vec::new();
    if let Some(d) = data {
        args.extend(["--data", d]);
    }
    args.extend(["--format", "json", "check", "--against", &ods]);
    args.extend_from_slice(extra);
    let out = migstats().args(&args).output().unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap();
    (doc, out.status.code().unwrap())
}

fn row<'a>(doc: &'a Value, id: &str, claim: &str) -> &'a Value {
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id && r["claim"] == claim)
        .unwrap_or_else(|| panic!("no {claim} row {id}"))
}

/// Every value pinned here was also counted independently from `SB_01_as_of_2025-11-13.csv`
/// with Python's csv module (running sums of `Migrants arrived` from 1 January): 2024 to 8 Aug
/// 17,639, 11 Aug 18,342, 12–13 Aug 18,467, 14–15 Aug 18,574, 17 Aug 19,066, 22 Aug 19,294;
/// 2025 to 8 Aug 25,839, 10 Aug 26,555, 11 Aug 27,029, 15–21 Aug 27,997, 22 Aug 28,076.
#[test]
fn the_article_figures_by_cut_off() {
    let (doc, code) = check(None, &[]);
    assert_eq!(code, 1, "around 18,000 is inconsistent at 15 Aug");
    // "Around 18,000" at 15 Aug 2024 is 18,574: inconsistent; it holds for cut-offs to 13 Aug
    // (18,467 on the 13th), and fails from the 14th.
    let c24 = row(&doc, "crossings-2024-ytd", "stated_figure");
    assert_eq!(c24["status"], "inconsistent");
    assert_eq!(c24["evidence"]["value"], 18_574.0);
    assert_eq!(c24["stronger"], Value::Null);
    assert_eq!(
        c24["cutoffs"],
        json!([
            {"from": "2024-08-08", "to": "2024-08-13", "status": "consistent",
             "value_low": 17_639.0, "value_high": 18_467.0},
            {"from": "2024-08-14", "to": "2024-08-22", "status": "inconsistent",
             "value_low": 18_574.0, "value_high": 19_294.0},
        ])
    );
    // "More than 27,000" (27,997 at 15 Aug 2025) holds from an 11 Aug cut-off; before, the
    // count was under 27,000; by 22 Aug it is understated.
    let c25 = row(&doc, "crossings-2025-ytd", "stated_figure");
    assert_eq!(c25["status"], "consistent");
    assert_eq!(
        c25["cutoffs"],
        json!([
            {"from": "2025-08-08", "to": "2025-08-10", "status": "inconsistent",
             "value_low": 25_839.0, "value_high": 26_555.0},
            {"from": "2025-08-11", "to": "2025-08-21", "status": "consistent",
             "value_low": 27_029.0, "value_high": 27_997.0},
            {"from": "2025-08-22", "to": "2025-08-22", "status": "understated",
             "value_low": 28_076.0, "value_high": 28_076.0},
        ])
    );
    // Figures the daily file does not give, and stated changes, have no cut-offs.
    for (id, claim) in [
        ("iraqi-arrivals-ye-mar-2025", "stated_figure"),
        ("returns-2024-25", "stated_change"),
    ] {
        assert_eq!(row(&doc, id, claim)["cutoffs"], json!([]), "{id}");
    }
}

#[test]
fn the_11_aug_cut_off_is_18342() {
    // 18,342 for 11 Aug 2024 (and 18,467 for 13 Aug), the cut-offs above, from the daily series
    // itself.
    let ods = fixture(ODS);
    for (day, want) in [("2024-08-11", 18_342.0), ("2024-08-13", 18_467.0)] {
        let doc = json(&[
            "--data",
            &ods,
            "--as-of",
            day,
            "figures",
            "--format",
            "json",
            "--metric",
            "small_boat_arrivals",
        ]);
        let id = format!("small-boat-arrivals-2024-01-01-to-{day}");
        let f = doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id.as_str())
            .unwrap();
        assert_eq!(f["value"], want, "{day}");
    }
}

#[test]
fn a_loose_bound_holds_and_names_the_stronger_figure() {
    let loose = fixture("loose_claims.csv");
    let (doc, code) = check(Some(&loose), &["--window", "0"]);
    assert_eq!(code, 1, "the around-18,000 row is still inconsistent");
    let over = row(&doc, "over-25000", "stated_figure");
    assert_eq!(over["status"], "understated");
    assert_eq!(over["evidence"]["value"], 27_997.0);
    assert_eq!(
        over["stronger"],
        json!({"qualifier": "over", "value": 27_000.0})
    );
    assert_eq!(
        over["cutoffs"],
        json!([]),
        "--window 0: the stated day only"
    );
    let under = row(&doc, "under-30000", "stated_figure");
    assert_eq!(under["status"], "overstated");
    assert_eq!(
        under["stronger"],
        json!({"qualifier": "under", "value": 28_000.0})
    );

    // Only understated and overstated claims: exit 0.
    let dir = tempfile::tempdir().unwrap();
    let only_loose = dir.path().join("loose.csv");
    let text = std::fs::read_to_string(&loose).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("around-")).collect();
    std::fs::write(&only_loose, kept.join("\n")).unwrap();
    let (_, code) = check(Some(only_loose.to_str().unwrap()), &[]);
    assert_eq!(code, 0, "understated and overstated claims hold");

    // The table says which figure holds and counts each status.
    let out = migstats()
        .env("COLUMNS", "250")
        .args(["--data", &loose, "check", "--against", &fixture(ODS)])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "\"more than 27,000\" holds",
        "\"fewer than 28,000\" holds",
        "3 claims: 0 consistent, 1 understated, 1 overstated, 1 inconsistent, 0 not checkable.",
    ] {
        assert!(flat.contains(want), "{want:?} in\n{text}");
    }
}

#[test]
fn every_format_reports_the_cut_offs() {
    let ods = fixture(ODS);
    let run = |format: &str| {
        let out = migstats()
            .env("COLUMNS", "250")
            .args(["--format", format, "check", "--against", &ods])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run("table");
    let flat = table.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "crossings-2024-ytd (\"around 18,000\") by cut-off (last day counted): consistent 8–13 \
         Aug 2024 \
         (17,639 to 18,467); inconsistent 14–22 Aug 2024 (18,574 to 19,294).",
        "crossings-2025-ytd (\"more than 27,000\") by cut-off (last day counted): inconsistent \
         8–10 Aug \
         2025 (25,839 to 26,555); consistent 11–21 Aug 2025 (27,029 to 27,997); understated 22 \
         Aug 2025 (28,076).",
        "varies with the cut-off",
        "8 claims: 1 consistent, 0 understated, 0 overstated, 1 inconsistent, 6 not checkable.",
    ] {
        assert!(flat.contains(want), "{want:?} in\n{table}");
    }
    let markdown = run("markdown");
    assert!(markdown.contains("consistent 8–13 Aug 2024"), "{markdown}");
    // A note starting with ">" would render as a quote.
    assert!(
        !markdown.lines().any(|l| l.starts_with("- >")),
        "{markdown}"
    );
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let c24 = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "crossings-2024-ytd")
        .unwrap();
    assert_eq!(
        &c24[at("cutoffs")],
        "2024-08-08..2024-08-13 consistent 17639..18467; \
         2024-08-14..2024-08-22 inconsistent 18574..19294"
    );
}

#[test]
fn the_window_is_an_option_of_check_against() {
    let ods = fixture(ODS);
    let (doc, _) = check(None, &["--window", "2"]);
    assert_eq!(
        row(&doc, "crossings-2024-ytd", "stated_figure")["cutoffs"],
        json!([
            {"from": "2024-08-13", "to": "2024-08-13", "status": "consistent",
             "value_low": 18_467.0, "value_high": 18_467.0},
            {"from": "2024-08-14", "to": "2024-08-17", "status": "inconsistent",
             "value_low": 18_574.0, "value_high": 19_066.0},
        ])
    );
    // Without --against there is nothing to move the cut-off on: a usage error.
    let out = migstats()
        .args(["check", "--window", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--window 3 applies only with --against"),
        "{err}"
    );
    // Bounded: each day is a period derived from the file.
    let out = migstats()
        .args(["check", "--against", &ods, "--window", "32"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // 1,400 stated periods × 15 cut-offs is more than the 20,000 periods allowed; without a
    // window the same file is checked at the stated days.
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many.csv");
    let mut text = String::from(
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note\n",
    );
    for i in 0..1400 {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(i);
        text.push_str(&format!(
            "f-{i},small_boat_arrivals,all,2020-01-01,{day},1,people,over,1,,T,\n"
        ));
    }
    std::fs::write(&many, text).unwrap();
    let many = many.to_str().unwrap();
    let out = migstats()
        .args(["--data", many, "check", "--against", &ods])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("1400 stated periods with --window 7 would derive 21000 periods"),
        "{err}"
    );
    let out = migstats()
        .args([
            "--data",
            many,
            "--format",
            "csv",
            "check",
            "--against",
            &ods,
            "--window",
            "0",
        ])
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1401);
}
