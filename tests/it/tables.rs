//! The tables read beside crossings: Ret_D02 (returns by destination), Ret_D03 (foreign
//! national offender returns), Irr_D02/IER_D02 (asylum applications by small boat arrivals) and
//! Asy_D01 (asylum applications, all routes), through the binary. Fixtures in
//! tests/fixtures/detailed (see its README): real rows for the first three, synthetic counts in
//! the Asy_D01 layout. Expected values were summed from the fixture rows with Python
//! (make_fixtures.py prints them), never by the code under test.

use crate::common::{figures, fixture, json, migstats};
use std::path::Path;

type Key = (String, String, String, String);

fn key(metric: &str, country: &str, start: &str, end: &str) -> Key {
    (metric.into(), country.into(), start.into(), end.into())
}

fn year(metric: &str, country: &str, y: u32) -> Key {
    key(
        metric,
        country,
        &format!("{y}-01-01"),
        &format!("{y}-12-31"),
    )
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

fn detailed(name: &str) -> String {
    fixture(&format!("detailed/{name}"))
}

#[test]
fn ret_d02_counts_returns_by_destination() {
    let f = figures(&["--data", &detailed("ret_d02.csv")]);
    for (country, returns, enforced, voluntary, refused) in [
        ("Iraq", 146.0, 21.0, 117.0, 8.0),
        ("Albania", 5598.0, 2491.0, 3041.0, 66.0),
        ("all", 9420.0, 2738.0, 5967.0, 715.0),
    ] {
        assert_eq!(f[&year("returns", country, 2023)], returns, "{country}");
        assert_eq!(f[&year("enforced_returns", country, 2023)], enforced);
        assert_eq!(f[&year("voluntary_returns", country, 2023)], voluntary);
        assert_eq!(f[&year("refused_entry_returns", country, 2023)], refused);
        // `returns` counts all three return type groups.
        assert_eq!(returns, enforced + voluntary + refused);
    }
    assert_eq!(f[&year("returns", "Iraq", 2022)], 261.0);
    assert_eq!(f[&year("returns", "all", 2022)], 4124.0);
    assert_eq!(
        f[&key("returns", "Albania", "2022-04-01", "2023-03-31")],
        2413.0
    );
    // The note says the country is a destination.
    let doc = json(&[
        "--data",
        &detailed("ret_d02.csv"),
        "figures",
        "--country",
        "Iraq",
        "--metric",
        "returns",
        "--format",
        "json",
    ]);
    let row = &doc["rows"][0];
    assert!(
        row["id"]
            .as_str()
            .unwrap()
            .starts_with("ret-d02-returns-iraq-")
    );
    assert!(
        row["note"]
            .as_str()
            .unwrap()
            .contains("not their nationality"),
        "{row}"
    );
}

#[test]
fn destinations_are_never_worded_as_nationalities() {
    let data = detailed("ret_d02.csv");
    let text = stdout(&[
        "--data",
        &data,
        "summary",
        "--country",
        "Iraq",
        "--format",
        "text",
    ]);
    assert!(
        text.contains("There were 146 returns to Iraq (return destination) in 2023"),
        "{text}"
    );
    assert!(!text.contains("Iraqi"), "{text}");
    let table = stdout(&["--data", &data, "summary"]);
    assert!(table.contains("all destinations"), "{table}");
    assert!(!table.contains("nationalit"), "{table}");
    let top = stdout(&[
        "--data", &data, "top", "--metric", "returns", "--period", "2023",
    ]);
    assert!(top.contains("Destination"), "{top}");
    assert!(top.contains("returns by return destination, 2023"), "{top}");
    // A figures CSV written from it keeps the words right when read back.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("figures.csv");
    std::fs::write(
        &csv,
        stdout(&["--data", &data, "figures", "--format", "csv"]),
    )
    .unwrap();
    let again = stdout(&[
        "--data",
        csv.to_str().unwrap(),
        "figures",
        "--country",
        "Albania",
        "--period",
        "2023",
        "--metric",
        "returns",
        "--format",
        "text",
    ]);
    assert!(
        again.contains("returns to Albania (return destination)"),
        "{again}"
    );
}

#[test]
fn ret_d03_counts_offender_returns_from_the_package_export() {
    // As the R package exports it: a Date column, Quarter 1-4, no title row.
    let f = figures(&["--data", &detailed("ret_d03_export.csv")]);
    for (country, y2022, y2023) in [
        ("Albania", 847.0, 1467.0),
        ("Romania", 669.0, 836.0),
        ("Jamaica", 25.0, 19.0),
        ("all", 1541.0, 2322.0),
    ] {
        assert_eq!(f[&year("fno_returns", country, 2022)], y2022, "{country}");
        assert_eq!(f[&year("fno_returns", country, 2023)], y2023, "{country}");
    }
    assert!(f.keys().all(|k| k.0 == "fno_returns"));
}

#[test]
fn irr_d02_counts_applications_and_main_applicants_on_request() {
    let data = detailed("irr_d02.csv");
    let f = figures(&["--data", &data]);
    let m = "small_boat_asylum_applications";
    assert_eq!(f[&year(m, "Iraq", 2022)], 4238.0);
    assert_eq!(f[&year(m, "Albania", 2022)], 10832.0);
    assert_eq!(f[&year(m, "all", 2022)], 15070.0);
    assert_eq!(f[&key(m, "Iraq", "2022-07-01", "2023-06-30")], 3216.0);
    let main = figures(&["--data", &data, "--main-applicants"]);
    assert_eq!(main[&year(m, "Iraq", 2022)], 2829.0);
    assert_eq!(main[&year(m, "Albania", 2022)], 9675.0);
    assert_eq!(main[&year(m, "all", 2022)], 12504.0);
    let doc = json(&[
        "--data",
        &data,
        "--main-applicants",
        "figures",
        "--country",
        "Iraq",
        "--format",
        "json",
    ]);
    assert!(
        doc["rows"][0]["note"]
            .as_str()
            .unwrap()
            .contains("main applicants only")
    );
}

#[test]
fn asy_d01_synthetic_layout() {
    // Synthetic counts (see the README): Iraq's main applicants 100 + quarter index from 2022
    // Q1, dependants 10 a quarter; Eritrea's 50 and 5.
    let data = detailed("asy_d01_synthetic.csv");
    let f = figures(&["--data", &data]);
    let m = "asylum_applications";
    assert_eq!(f[&year(m, "Iraq", 2022)], 406.0 + 40.0);
    assert_eq!(f[&year(m, "Iraq", 2023)], 422.0 + 40.0);
    assert_eq!(f[&year(m, "Eritrea", 2023)], 220.0);
    assert_eq!(f[&year(m, "all", 2023)], 682.0);
    let main = figures(&["--data", &data, "--main-applicants"]);
    assert_eq!(main[&year(m, "Iraq", 2023)], 422.0);
    assert_eq!(main[&year(m, "all", 2023)], 622.0);
}

#[test]
fn main_applicants_does_not_apply_to_returns() {
    let out = migstats()
        .args([
            "--data",
            &detailed("ret_d02.csv"),
            "--main-applicants",
            "summary",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--main-applicants applies only"), "{err}");
}

/// The CSV fixture's rows in an XLSX sheet as the Home Office publishes them: title row, header,
/// numbers as numbers. `title` says whether the CSV has a title row to skip.
fn write_xlsx(csv_path: &str, title: bool, sheet: &str, out: &Path) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(csv_path)
        .unwrap();
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    if title {
        rows.remove(0);
    }
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Cover_sheet").unwrap();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    ws.write_string(0, 0, format!("{sheet}: test copy"))
        .unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(n) if r > 1 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, v).unwrap(),
            };
        }
    }
    book.save(out).unwrap();
}

#[test]
fn csv_xlsx_and_ods_of_the_same_rows_give_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    for (csv_name, title, sheets, table) in [
        (
            "ret_d02.csv",
            true,
            ["Data - Ret_D02", "Data_Ret_D02"],
            "Ret_D02",
        ),
        (
            "ret_d03_export.csv",
            false,
            ["Data - Ret_D03", "Data_Ret_D03"],
            "Ret_D03",
        ),
        (
            "irr_d02.csv",
            true,
            ["Data - Irr_D02", "Data_IER_D02"],
            "Irr_D02/IER_D02",
        ),
        (
            "asy_d01_synthetic.csv",
            true,
            ["Data - Asy_D01", "Data_Asy_D01"],
            "Asy_D01",
        ),
    ] {
        let csv_path = detailed(csv_name);
        let from_csv = json(&["--data", &csv_path, "figures", "--format", "json"]);
        assert!(from_csv["rows"].as_array().unwrap().len() > 10);
        for sheet in sheets {
            // A file name that says nothing: the layout comes from the sheet and header.
            let xlsx = dir.path().join(format!("{}.bin", sheet.replace(' ', "")));
            write_xlsx(&csv_path, title, sheet, &xlsx);
            let path = xlsx.to_str().unwrap();
            let from_xlsx = json(&["--data", path, "figures", "--format", "json"]);
            assert_eq!(from_csv["rows"], from_xlsx["rows"], "{csv_name} vs {sheet}");
            // Cited like Irr_D01: publisher, table, file, licence.
            let sources = json(&["--data", path, "sources", "--format", "json"]);
            let cited = &sources["dataset"]["sources"][0];
            assert_eq!(cited["table"], table, "{sources}");
            assert_eq!(cited["publisher"], "Home Office");
            assert_eq!(cited["licence"], "Open Government Licence v3.0");
        }
    }
    // The committed ODS: sheet `Data - Ret_D02`, numbers as float cells.
    let from_csv = json(&[
        "--data",
        &detailed("ret_d02.csv"),
        "figures",
        "--format",
        "json",
    ]);
    let from_ods = json(&[
        "--data",
        &detailed("ret_d02.ods"),
        "figures",
        "--format",
        "json",
    ]);
    assert_eq!(from_csv["rows"], from_ods["rows"]);
}

#[test]
fn every_command_works_on_each_table() {
    for (name, metric) in [
        ("ret_d02.csv", "refused_entry_returns"),
        ("ret_d02.ods", "returns"),
        ("ret_d03_export.csv", "fno_returns"),
        ("irr_d02.csv", "small_boat_asylum_applications"),
        ("asy_d01_synthetic.csv", "asylum_applications"),
    ] {
        let data = detailed(name);
        // `top` and `series` default to small boat arrivals, which these tables do not count.
        for cmd in [
            &["summary"][..],
            &["figures"],
            &["changes"],
            &["sources"],
            &["top", "--metric", metric],
            &["series", "--metric", metric, "--by", "quarter"],
        ] {
            let out = migstats()
                .args(["--data", &data, "--format", "json"])
                .args(cmd)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name} {cmd:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    // Periods as for Irr_D01: calendar years and years ending each quarter.
    let doc = json(&[
        "--data",
        &detailed("ret_d03_export.csv"),
        "changes",
        "--country",
        "Albania",
        "--format",
        "json",
    ]);
    let labels: Vec<&str> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["period"]["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"2023"), "{labels:?}");
    assert!(labels.contains(&"year ending June 2023"), "{labels:?}");
    let top = json(&[
        "--data",
        &detailed("irr_d02.csv"),
        "top",
        "--metric",
        "small_boat_asylum_applications",
        "--period",
        "2022",
        "--format",
        "json",
    ]);
    assert_eq!(top["rows"][0]["country"], "Albania");
    assert_eq!(top["rows"][0]["value"], 10832.0);
}

#[test]
fn stated_figures_check_against_the_new_tables() {
    let dir = tempfile::tempdir().unwrap();
    let stated = dir.path().join("stated.csv");
    std::fs::write(
        &stated,
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,source\n\
         albania-returns-2023,returns,Albania,2023-01-01,2023-12-31,5600,people,about,100,Newspaper\n\
         albania-fno-2023,fno_returns,Albania,2023-01-01,2023-12-31,2000,people,over,100,Newspaper\n",
    )
    .unwrap();
    for (official, id, status) in [
        ("ret_d02.csv", "albania-returns-2023", "consistent"),
        ("ret_d03_export.csv", "albania-fno-2023", "inconsistent"),
    ] {
        let out = migstats()
            .args([
                "--data",
                stated.to_str().unwrap(),
                "check",
                "--against",
                &detailed(official),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let row = doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{doc}"));
        assert_eq!(row["status"], status, "{row}");
    }
}

#[test]
fn a_malformed_row_in_each_layout_is_reported_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for (name, header, good, bad, column) in [
        (
            "ret_d02.csv",
            "Year,Quarter,Return type group,Return type,Return destination,Return destination region,Number of returns",
            "2023,2023 Q1,Enforced return,Enforced removals,Iraq,Middle East,5",
            "2023,2023 Q2,Enforced return,Enforced removals,Iraq,Middle East,lots",
            7,
        ),
        (
            "ret_d03.csv",
            "Year,Quarter,Nationality,Region,Return destination group,Number of foreign national offender returns",
            "2023,2023 Q1,Albania,Europe Other,Home country,5",
            "2023,2023 Q5,Albania,Europe Other,Home country,5",
            2,
        ),
        (
            "irr_d02.csv",
            "Year,Quarter,Asylum application,Nationality,Region,Applicant type,UASC,Sex,Age Group,Applications",
            "2023,2023 Q1,Asylum application raised,Iraq,Middle East,Main applicant,Non-UASC,Male,18 to 24,3",
            "2023,2023 Q2,Asylum application raised,,Middle East,Main applicant,Non-UASC,Male,18 to 24,3",
            4,
        ),
        (
            "asy_d01.csv",
            "Year,Quarter,Nationality,Region,Age,Sex,Applicant type,UASC,Location of application,Applications",
            "2023,2023 Q1,Iraq,Middle East,18-29,Male,Main applicant,Non-UASC,In Country,3",
            "2023,2023 Q2,Iraq,Middle East,18-29,Male,Main applicant,Non-UASC,In Country,-3",
            10,
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("Title row\n{header}\n{good}\n{bad}\n")).unwrap();
        let out = migstats()
            .args(["--data", path.to_str().unwrap(), "summary"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{name}:4:{column}:")),
            "{name}: {err}"
        );
    }
    // A destination left empty is named as one.
    let path = dir.path().join("dest.csv");
    std::fs::write(
        &path,
        "Year,Quarter,Return type group,Return type,Return destination,Return destination region,Number of returns\n\
         2023,2023 Q1,Enforced return,Enforced removals,,Middle East,5\n",
    )
    .unwrap();
    let out = migstats()
        .args(["--data", path.to_str().unwrap(), "summary"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("return destination is empty"), "{err}");
}

#[test]
fn reshapes_by_others_are_named_with_the_official_file_to_use() {
    let dir = tempfile::tempdir().unwrap();
    for (header, what, instead) in [
        (
            "full_date,date_label,n_year,n_month,n_day,migrants_arrived,boats_arrived,migrants_per_boat,cumulative_migrants_arrived,cumulative_boats_arrived,migrants_per_boat_round",
            "The National's daily reshape",
            "sheet SB_01",
        ),
        (
            "n_year,n_week,migrants_arrived,boats_arrived,cumulative_migrants_arrived,cumulative_boats_arrived,migrants_per_boat,migrants_per_boat_round",
            "weekly totals",
            "SB_02 weekly",
        ),
        (
            "n_week,2018,2019,2020",
            "cumulative weekly arrivals",
            "sheet SB_01",
        ),
        (
            "Year,Nationality,Region,Grant,Refused,Initial grant rate",
            "derived from Asy_D02",
            "Data - Asy_D02",
        ),
        (
            "Category,Nationality,Enforced returns,Voluntary returns,Refused entry at port and subsequently departed",
            "Ret_04/Ret_05",
            "Data - Ret_D02",
        ),
    ] {
        let path = dir.path().join("reshape.csv");
        std::fs::write(&path, format!("{header}\n2023,1,2,3\n")).unwrap();
        let out = migstats()
            .args(["--data", path.to_str().unwrap(), "figures"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("reshape.csv:1: this is"), "{err}");
        assert!(err.contains(what) && err.contains(instead), "{err}");
        assert!(!err.contains("names no figures column"), "{err}");
    }
}

const ODS: &str = "Small_boats_time_series_as_of_2026-08-20.ods";
const SB_02: &str = "SB_02_as_of_2026-08-20.csv";

#[test]
fn sb_02_weekly_sheet_as_csv() {
    let f = figures(&["--data", &fixture(SB_02)]);
    let week = |m: &str, end: &str| {
        let start =
            chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap() - chrono::Duration::days(6);
        f[&key(m, "all", &start.to_string(), end)]
    };
    // The last row: 2026-08-16,405,3,0,270,16.
    assert_eq!(week("small_boat_arrivals", "2026-08-16"), 405.0);
    assert_eq!(week("small_boats", "2026-08-16"), 3.0);
    assert_eq!(week("migrants_prevented", "2026-08-16"), 270.0);
    assert_eq!(week("events_prevented", "2026-08-16"), 16.0);
    assert_eq!(week("migrants_prevented", "2025-08-17"), 674.0);
    // `-` = not collected: no prevention figure before May 2024 (120 weeks have one).
    let prevented = f.keys().filter(|k| k.0 == "migrants_prevented").count();
    assert_eq!(prevented, 120);
    assert!(!f.contains_key(&key(
        "migrants_prevented",
        "all",
        "2018-01-01",
        "2018-01-07"
    )));
    let sources = json(&["--data", &fixture(SB_02), "sources", "--format", "json"]);
    assert_eq!(sources["dataset"]["sources"][0]["table"], "SB_02");
}

fn weekly_values(data: &str, period: &str) -> Vec<(String, f64)> {
    let doc = json(&[
        "--data", data, "series", "--by", "week", "--period", period, "--format", "json",
    ]);
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["partial"] == false)
        .map(|r| {
            (
                r["period"]["end"].as_str().unwrap().to_string(),
                r["value"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn series_by_week_agrees_on_sb_01_and_sb_02() {
    for period in ["2026-Q2", "2025", "2024-Q3"] {
        let daily = weekly_values(&fixture(ODS), period);
        let weekly = weekly_values(&fixture(SB_02), period);
        assert!(daily.len() >= 12, "{period}: {daily:?}");
        assert_eq!(daily, weekly, "{period}");
    }
    // They agree here, so no note says otherwise.
    let table = stdout(&[
        "--data",
        &fixture(ODS),
        "series",
        "--by",
        "week",
        "--period",
        "2026-Q2",
    ]);
    assert!(!table.contains("differs from the sum"), "{table}");
}

#[test]
fn a_workbook_reads_sb_02_only_when_asked() {
    let ods = fixture(ODS);
    // Default outputs read SB_01 alone: no SB_02 source, no prevention figure.
    for cmd in ["summary", "figures", "sources"] {
        let out = stdout(&["--data", &ods, cmd]);
        assert!(!out.contains("SB_02"), "{cmd}: {out}");
    }
    // The prevention metrics come from SB_02 when asked for.
    let doc = json(&[
        "--data",
        &ods,
        "figures",
        "--metric",
        "migrants_prevented",
        "--format",
        "json",
    ]);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 120);
    let last = rows
        .iter()
        .find(|r| r["period"]["end"] == "2026-08-16")
        .unwrap();
    assert_eq!(last["value"], 270.0);
    let series = stdout(&[
        "--data",
        &ods,
        "series",
        "--by",
        "week",
        "--metric",
        "events_prevented",
        "--period",
        "2026-Q2",
    ]);
    assert!(series.contains("week ending 28 Jun 2026"), "{series}");
}

#[test]
fn a_note_says_when_sb_02_and_sb_01_disagree() {
    // Two weeks of daily rows; the weekly sheet gives the second week one person more.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sb.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("SB_01").unwrap();
    for (c, h) in ["Date", "Migrants arrived", "Boats arrived"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..14u32 {
        let day =
            chrono::NaiveDate::from_ymd_opt(2026, 8, 3).unwrap() + chrono::Duration::days(i.into());
        ws.write_string(i + 1, 0, day.to_string()).unwrap();
        ws.write_number(i + 1, 1, 10.0).unwrap();
        ws.write_number(i + 1, 2, 1.0).unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("SB_02").unwrap();
    for (c, h) in [
        "Week ending",
        "Migrants arrived",
        "Boats arrived",
        "Migrants prevented",
        "Events prevented",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (end, people)) in [("2026-08-09", 70.0), ("2026-08-16", 71.0)]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *end).unwrap();
        ws.write_number(r, 1, *people).unwrap();
        ws.write_number(r, 2, 7.0).unwrap();
        ws.write_string(r, 3, "-").unwrap();
        ws.write_number(r, 4, 2.0).unwrap();
    }
    book.save(&path).unwrap();
    let p = path.to_str().unwrap();
    let table = stdout(&["--data", p, "series", "--by", "week"]);
    assert!(
        table.contains("differs from the sum of the daily rows")
            && table.contains("in 1 of 2 weeks")
            && table
                .contains("week ending 2026-08-16: 71 people and 7 boats weekly, 70 and 7 daily"),
        "{table}"
    );
    // The series itself is the daily rows summed.
    let doc = json(&["--data", p, "series", "--by", "week", "--format", "json"]);
    let last = doc["rows"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["value"], 70.0, "{last}");
}

#[test]
fn a_malformed_sb_02_row_is_reported_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sb02.csv");
    std::fs::write(
        &path,
        "Week ending,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Migrants prevented,Events prevented,Notes\n\
         2026-08-09T00:00:00,10,1,0,5,1,\n\
         2026-08-16T00:00:00,10,1,0,many,1,\n\
         2026-08-19T00:00:00,10,1,0,5,1,\n",
    )
    .unwrap();
    let out = migstats()
        .args(["--data", path.to_str().unwrap(), "figures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sb02.csv:3:5: Migrants prevented 'many'"),
        "{err}"
    );
    assert!(
        err.contains("sb02.csv:4:1: week ending '2026-08-19"),
        "{err}"
    );
}

#[test]
fn the_new_readers_are_bounded_like_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |path: &std::path::Path, extra: &[&str], want: &str| {
        let out = migstats()
            .args(["--data", path.to_str().unwrap()])
            .args(extra)
            .arg("figures")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{err}");
    };
    // An SB_02 CSV over the input limit asked for.
    let weekly = dir.path().join("weekly.csv");
    let mut text = String::from("Week ending,Migrants arrived,Boats arrived\n");
    text.push_str(&"2026-08-16,1,1\n".repeat(80_000));
    std::fs::write(&weekly, text).unwrap();
    refused(
        &weekly,
        &["--max-input-mb", "1"],
        "the input is larger than the 1 MB limit",
    );
    // A record longer than the record limit.
    let long = dir.path().join("long.csv");
    let mut text = String::from("Week ending,Migrants arrived,Boats arrived\n2026-08-16,\"");
    text.push_str(&"x".repeat(2 << 20));
    text.push_str("\",1\n");
    std::fs::write(&long, text).unwrap();
    refused(&long, &[], "a CSV record is longer than 1 MiB");
    // A new destination on every row is capped as nationalities are.
    let dest = dir.path().join("dest.csv");
    let mut text = String::from(
        "Year,Quarter,Return type group,Return type,Return destination,Return destination region,Number of returns\n",
    );
    for i in 0..1_100 {
        text.push_str(&format!(
            "2024,2024 Q1,Enforced return,Enforced removals,Land{i},R,1\n"
        ));
    }
    std::fs::write(&dest, text).unwrap();
    refused(
        &dest,
        &[],
        ":1002:5: more than 1000 different nationalities",
    );
}

/// `fetch returns` caches the returns workbook whatever tables it holds, and `latest:returns`
/// reads its Ret_D02 sheet as `--data` would: the tables beside Ret_D01 come in the same file.
#[test]
fn a_fetched_returns_release_gives_its_returns_by_destination() {
    use crate::fetch::{Reply, page, serve};
    use std::collections::HashMap;
    const DATA_TABLES: &str =
        "/api/content/government/statistical-data-sets/immigration-system-statistics-data-tables";
    const NAME: &str = "returns-datasets-dec-2025.ods";
    let bytes = std::fs::read(detailed("ret_d02.ods")).unwrap();
    let size = bytes.len();
    let server = serve(move |base| {
        HashMap::from([
            (
                DATA_TABLES.to_string(),
                page(base, &[(NAME, "/media/9/returns.ods", size)]),
            ),
            (
                "/media/9/returns.ods".to_string(),
                Reply::Ok("application/vnd.oasis.opendocument.spreadsheet", bytes),
            ),
        ])
    });
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        migstats()
            .env("MIGSTATS_GOVUK_URL", &server.base)
            .env_remove("MIGSTATS_CACHE_DIR")
            .args(args)
            .arg("--cache-dir")
            .arg(cache.path())
            .output()
            .unwrap()
    };
    let out = run(&["fetch", "returns", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(cache.path().join(NAME).exists());
    let cached = run(&["--data", "latest:returns", "figures", "--format", "json"]);
    let direct = migstats()
        .args([
            "--data",
            &detailed("ret_d02.ods"),
            "figures",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        cached.status.success(),
        "{}",
        String::from_utf8_lossy(&cached.stderr)
    );
    let rows = |o: &std::process::Output| {
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["rows"].clone()
    };
    // The same figures as reading the file itself, 146 returns to Iraq in 2023 among them.
    assert_eq!(rows(&cached), rows(&direct));
    let iraq = rows(&cached)
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ret-d02-returns-iraq-2023")
        .cloned()
        .unwrap();
    assert_eq!(iraq["value"], 146.0);
}
