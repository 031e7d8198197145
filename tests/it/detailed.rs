//! Home Office detailed datasets through the binary: fixtures of real rows in the
//! official layouts (tests/fixtures/detailed, see its README), as CSV and as XLSX written here.
//! Expected values are summed from the fixture rows by the test itself, or were computed with
//! Python (make_fixtures.py prints them), never by the code under test.

use crate::common::{figures, fixture, json, migstats};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn d01() -> String {
    fixture("detailed/irr_d01.csv")
}

/// The fixture's rows (after the title row and header) as strings.
fn rows_of(path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    let mut all: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    all.remove(0); // title row
    let header = all.remove(0);
    (header, all)
}

fn key(metric: &str, country: &str, start: &str, end: &str) -> (String, String, String, String) {
    (metric.into(), country.into(), start.into(), end.into())
}

#[test]
fn irr_d01_calendar_and_year_ending_sums() {
    let f = figures(&["--data", &d01()]);
    // Computed with Python from humaniverse_asylum/irregular_migration.csv (make_fixtures.py).
    let iraq = |s, e| f[&key("small_boat_arrivals", "Iraq", s, e)];
    assert_eq!(iraq("2023-01-01", "2023-12-31"), 2545.0);
    assert_eq!(iraq("2022-01-01", "2022-12-31"), 4574.0);
    assert_eq!(iraq("2022-10-01", "2023-09-30"), 3410.0);
    assert_eq!(
        f[&key("small_boat_arrivals", "all", "2023-01-01", "2023-12-31")],
        13899.0
    );

    // Every figure again, summed here from the rows: quarter → nationality → count.
    let (header, rows) = rows_of(&d01());
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (q, m, n, c) = (
        col("Quarter"),
        col("Method of entry"),
        col("Nationality"),
        col("Number of detections"),
    );
    let mut by_quarter: BTreeMap<(i32, String), f64> = BTreeMap::new();
    for r in &rows {
        if r[m] != "Small boat arrivals" {
            continue;
        }
        let (y, qq) = r[q].split_once(" Q").unwrap();
        let idx = y.parse::<i32>().unwrap() * 4 + qq.parse::<i32>().unwrap() - 1;
        for who in [r[n].clone(), "all".to_string()] {
            *by_quarter.entry((idx, who)).or_default() += r[c].parse::<f64>().unwrap();
        }
    }
    let mut checked = 0;
    for ((metric, country, start, end), value) in &f {
        assert_eq!(metric, "small_boat_arrivals");
        let y: i32 = end[..4].parse().unwrap();
        let month: i32 = end[5..7].parse().unwrap();
        let last = y * 4 + month / 3 - 1;
        let expected: f64 = (last - 3..=last)
            .map(|q| {
                by_quarter
                    .get(&(q, country.clone()))
                    .copied()
                    .unwrap_or(0.0)
            })
            .sum();
        assert_eq!(*value, expected, "{country} {start}..{end}");
        checked += 1;
    }
    // 2018 Q4 to 2023 Q4: 21 year endings, for five nationalities and all.
    assert_eq!(checked, 21 * 6);
}

#[test]
fn incomplete_years_are_not_invented() {
    // The Irr_D03 fixture's rows (Iraq and Iran) run from 2018 Q3 to 2023 Q2: the first year
    // ends June 2019, the last June 2023, and there is no 2018 and no 2023.
    let f = figures(&["--data", &fixture("detailed/irr_d03.csv")]);
    let ends: BTreeSet<&str> = f.keys().map(|k| k.3.as_str()).collect();
    assert_eq!(ends.first(), Some(&"2019-06-30"));
    assert_eq!(ends.last(), Some(&"2023-06-30"));
    assert_eq!(ends.len(), 17);
    assert!(f.keys().all(|k| k.2 != "2018-01-01"));
    assert!(f.keys().all(|k| k.2 != "2023-01-01"));
    for (metric, _, start, end) in f.keys() {
        let s: i32 = start[..4].parse().unwrap();
        let e: i32 = end[..4].parse().unwrap();
        assert!(e - s <= 1, "{metric} {start}..{end} is not a year");
    }
}

#[test]
fn grant_rate_follows_the_home_office_definition() {
    let d03 = fixture("detailed/irr_d03.csv");
    let doc = json(&[
        "--data",
        &d03,
        "figures",
        "--country",
        "Iraq",
        "--since",
        "2022-01-01",
        "--until",
        "2022-12-31",
        "--format",
        "json",
    ]);
    let get = |metric: &str| {
        doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["metric"] == metric && r["period"]["label"] == "2022")
            .unwrap()
            .clone()
    };
    // Iraq, 2022, Irr_D03 (Python): grants (Grant of Protection + Grant of Other Leave) 12,
    // refused 25; withdrawn and awaiting excluded → 12 / 37.
    assert_eq!(get("initial_grants")["value"], 12.0);
    assert_eq!(get("initial_refusals")["value"], 25.0);
    let rate = get("initial_grant_rate");
    assert!((rate["value"].as_f64().unwrap() - 100.0 * 12.0 / 37.0).abs() < 1e-9);
    assert_eq!(rate["unit"], "percent");
    assert_eq!(rate["qualifier"], "exact");
    assert_eq!(rate["source"], "Home Office");
    let note = rate["note"].as_str().unwrap();
    assert!(
        note.contains("(Grant of Protection + Grant of Other Leave) / (those + Refused) = 12 / 37"),
        "{note}"
    );
    assert!(note.contains("main applicants and dependants"), "{note}");

    // Main applicants only: 12 grants, 22 refusals.
    let main = figures(&["--main-applicants", "--data", &d03]);
    let rate = main[&key("initial_grant_rate", "Iraq", "2022-01-01", "2022-12-31")];
    assert!((rate - 100.0 * 12.0 / 34.0).abs() < 1e-9, "{rate}");
}

#[test]
fn asy_d02_grant_rate_matches_the_published_derivation() {
    let asy = fixture("detailed/asy_d02_from_grant_rates.csv");
    let f = figures(&["--data", &asy]);
    // humaniverse grant_rates_initial_annual.csv, Iraq 2023: Grant 2743, Refused 4306,
    // Initial grant rate 0.3891332103844517 (their own computation).
    let k = |m| key(m, "Iraq", "2023-01-01", "2023-12-31");
    assert_eq!(f[&k("initial_grants")], 2743.0);
    assert_eq!(f[&k("initial_refusals")], 4306.0);
    assert!((f[&k("initial_grant_rate")] - 38.913_321_038_445_17).abs() < 1e-9);
    // The table stops at 2024 Q3: no calendar 2024 (their annual table does show a part-year
    // "2024"), but a year ending September 2024.
    assert!(!f.contains_key(&key(
        "initial_grant_rate",
        "Iraq",
        "2024-01-01",
        "2024-12-31"
    )));
    assert!(f.contains_key(&key(
        "initial_grant_rate",
        "Iraq",
        "2023-10-01",
        "2024-09-30"
    )));

    // Resettlement cases are not asylum decisions at initial decision: a made-up resettlement
    // grant changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("asy.csv");
    let mut text = std::fs::read_to_string(&asy).unwrap();
    text.push_str("2023,2023 Q2,Iraq,Middle East,Resettlement Case,Grant of Protection,Grant of Protection,18 to 29,Male,Main applicant,Non-UASC,1000\n");
    std::fs::write(&path, text).unwrap();
    assert_eq!(figures(&["--data", path.to_str().unwrap()]), f);
}

#[test]
fn returns_by_type_group() {
    // Synthetic Ret_D01-layout file (real Ret_D02 counts; see the fixtures README).
    let f = figures(&["--data", &fixture("detailed/ret_d01_synthetic.csv")]);
    let y = |m| f[&key(m, "Iraq", "2023-01-01", "2023-12-31")];
    assert_eq!(y("returns"), 146.0);
    assert_eq!(y("enforced_returns"), 21.0);
    assert_eq!(y("voluntary_returns"), 117.0);
}

#[test]
fn other_methods_of_entry_only_when_asked() {
    let plain = figures(&["--data", &d01()]);
    assert!(plain.keys().all(|k| k.0 == "small_boat_arrivals"));
    let air = figures(&[
        "--method",
        "Inadequately documented air arrivals",
        "--data",
        &d01(),
    ]);
    let (header, rows) = rows_of(&d01());
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let expected: f64 = rows
        .iter()
        .filter(|r| {
            r[col("Method of entry")] == "Inadequately documented air arrivals"
                && r[col("Nationality")] == "Albania"
                && r[col("Year")] == "2023"
        })
        .map(|r| r[col("Number of detections")].parse::<f64>().unwrap())
        .sum();
    assert_eq!(
        air[&key(
            "inadequately_documented_air_arrivals",
            "Albania",
            "2023-01-01",
            "2023-12-31"
        )],
        expected
    );
    let every = figures(&["--method", "all", "--data", &d01()]);
    let metrics: BTreeSet<&str> = every.keys().map(|k| k.0.as_str()).collect();
    assert_eq!(metrics.len(), 4, "{metrics:?}");
}

/// Writes the CSV fixture's rows into an XLSX sheet as the Home Office does: title row, header,
/// numbers as numbers.
fn write_xlsx(csv_path: &str, sheet: &str, out: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Cover_sheet").unwrap();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    ws.write_string(0, 0, format!("{sheet}: test copy"))
        .unwrap();
    let (header, rows) = rows_of(csv_path);
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n).unwrap(),
                Err(_) => ws.write_string(r, c, v).unwrap(),
            };
        }
    }
    book.save(out).unwrap();
}

#[test]
fn csv_and_xlsx_of_the_same_rows_give_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    for (csv_name, sheets) in [
        ("irr_d01.csv", ["Data - Irr_D01", "Data_IER_D01"]),
        ("irr_d03.csv", ["Data - Irr_D03", "Data_IER_D03"]),
        ("ret_d01_synthetic.csv", ["Data - Ret_D01", "Data_Ret_D01"]),
        (
            "asy_d02_from_grant_rates.csv",
            ["Data - Asy_D02", "Data_Asy_D02"],
        ),
    ] {
        let csv_path = fixture(&format!("detailed/{csv_name}"));
        let from_csv = json(&["--data", &csv_path, "figures", "--format", "json"]);
        assert!(from_csv["rows"].as_array().unwrap().len() > 20);
        for sheet in sheets {
            // A file name that says nothing: the layout comes from the sheet and header.
            let xlsx = dir.path().join(format!("{}.bin", sheet.replace(' ', "")));
            write_xlsx(&csv_path, sheet, &xlsx);
            let from_xlsx = json(&[
                "--data",
                xlsx.to_str().unwrap(),
                "figures",
                "--format",
                "json",
            ]);
            assert_eq!(from_csv["rows"], from_xlsx["rows"], "{csv_name} vs {sheet}");
        }
    }
}

#[test]
fn ods_of_the_same_rows_gives_the_same_figures() {
    // Committed ODS (make_fixtures.py): sheet `Data_IER_D03`, numbers as float cells.
    let from_csv = json(&[
        "--data",
        &fixture("detailed/irr_d03.csv"),
        "figures",
        "--format",
        "json",
    ]);
    let from_ods = json(&[
        "--data",
        &fixture("detailed/irr_d03.ods"),
        "figures",
        "--format",
        "json",
    ]);
    assert!(from_csv["rows"].as_array().unwrap().len() > 20);
    assert_eq!(from_csv["rows"], from_ods["rows"]);
}

#[test]
fn a_large_csv_gives_the_sums_of_its_rows_whatever_its_line_ends() {
    // The fixture's rows 20 times over (over 4 MB) must give 20 times every value, with LF,
    // CRLF, CR-only or mixed line ends, and with quoted fields holding line breaks.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(d01()).unwrap();
    let mut lines = text.lines();
    let head = [lines.next().unwrap(), lines.next().unwrap()];
    let body: Vec<&str> = lines.collect();
    let rows: Vec<&str> = (0..20).flat_map(|_| body.iter().copied()).collect();
    // The file's lines, each ended by `eol(i)` for line i.
    let file = |rows: &[&str], eol: &dyn Fn(usize) -> &'static str| {
        let mut out = String::new();
        for (i, line) in head.iter().chain(rows).enumerate() {
            out.push_str(line);
            out.push_str(eol(i));
        }
        out
    };
    let path = dir.path().join("big.csv");
    let path_str = path.to_str().unwrap();
    std::fs::write(&path, file(&rows, &|_| "\n")).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 4 << 20);
    let once = figures(&["--data", &d01()]);
    let twenty = figures(&["--data", path_str]);
    assert_eq!(once.len(), twenty.len());
    for (k, v) in &once {
        assert_eq!(twenty[k], 20.0 * v, "{k:?}");
    }
    let mixed = |i: usize| ["\n", "\r\n", "\r\n", "\r"][i % 4];
    let line_ends: [(&str, &dyn Fn(usize) -> &'static str); 3] =
        [("CRLF", &|_| "\r\n"), ("CR", &|_| "\r"), ("mixed", &mixed)];
    for (name, eol) in line_ends {
        std::fs::write(&path, file(&rows, eol)).unwrap();
        assert_eq!(figures(&["--data", path_str]), twenty, "{name}");
    }
    let quoted: Vec<String> = rows
        .iter()
        .map(|r| r.replace(",Middle East,", ",\"Middle\r\nEast\","))
        .collect();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    std::fs::write(&path, file(&quoted, &|_| "\r\n")).unwrap();
    assert_eq!(figures(&["--data", path_str]), twenty, "quoted line breaks");

    // A bad row near the end is reported on its own line, and alone.
    let bad_at = rows.len() - 7;
    let bad = rows[bad_at].replacen(" Q", " Q9", 1);
    let mut with_bad = rows.clone();
    with_bad[bad_at] = &bad;
    std::fs::write(&path, file(&with_bad, &|_| "\n")).unwrap();
    let out = migstats()
        .args(["--data", path_str, "figures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let want = format!("{path_str}:{}:2: quarter '", bad_at + 3);
    assert!(err.contains(&want), "{want} not in {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn exported_figures_read_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    let out = migstats()
        .args(["--data", &d01(), "figures", "--format", "csv"])
        .output()
        .unwrap();
    std::fs::write(&path, &out.stdout).unwrap();
    let changes = |data: &str| {
        migstats()
            .args(["--data", data, "changes", "--format", "csv"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(changes(&d01()), changes(path.to_str().unwrap()));
}

#[test]
fn a_byte_order_mark_and_no_title_row_are_fine() {
    // Excel's "CSV UTF-8" starts the file with a byte-order mark, here before a required
    // column (the csv reader drops it; this keeps it that way), and there is no title row.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.csv");
    std::fs::write(
        &path,
        "\u{feff}Quarter,Nationality,Method of entry,Number of detections\n\
         2023 Q1,Iraq,Small boat arrivals,1\n2023 Q2,Iraq,Small boat arrivals,20\n\
         2023 Q3,Iraq,Small boat arrivals,300\n2023 Q4,Iraq,Small boat arrivals,4000\n",
    )
    .unwrap();
    let f = figures(&["--data", path.to_str().unwrap()]);
    assert_eq!(
        f[&key("small_boat_arrivals", "Iraq", "2023-01-01", "2023-12-31")],
        4321.0
    );
    assert_eq!(f.len(), 2); // Iraq and all, calendar 2023 only
}

#[test]
fn every_command_works_on_detailed_figures() {
    for cmd in ["summary", "figures", "changes", "sources", "check", "top"] {
        let out = migstats()
            .args(["--data", &d01(), cmd, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Ids are unique, well-formed and stable.
    let doc = json(&["--data", &d01(), "figures", "--format", "json"]);
    let ids: Vec<&str> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.iter().all(|i| {
        i.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }));
    assert!(ids.contains(&"irr-d01-small-boat-arrivals-iraq-2023"));
    assert!(ids.contains(&"irr-d01-small-boat-arrivals-all-ye-2023-09"));
}

#[test]
fn nationalities_differing_only_in_case_are_one_series() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.csv");
    let mut text = String::from(
        "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n",
    );
    for q in 1..=4 {
        for (name, n) in [("Iraq", 10), ("IRAQ", 5), ("Iraq ", 1)] {
            text.push_str(&format!(
                "2024,2024 Q{q},Small boat arrivals,{name},Middle East,Male,25 to 39,{n}\n"
            ));
        }
    }
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    let got = figures(&["--data", p]);
    let countries: BTreeSet<&str> = got.keys().map(|k| k.1.as_str()).collect();
    assert_eq!(countries, BTreeSet::from(["Iraq", "all"]), "{got:?}");
    assert_eq!(
        got[&key("small_boat_arrivals", "Iraq", "2024-01-01", "2024-12-31")],
        64.0
    );
}

#[test]
fn year_on_year_pairs_figures_from_the_same_table_first() {
    // Irr_D03 (small-boat cohort) and an Asy_D02-layout file both give initial_grant_rate for
    // Iraq; a change must compare like with like.
    let d03 = fixture("detailed/irr_d03.csv");
    let asy = fixture("detailed/asy_d02_from_grant_rates.csv");
    let doc = json(&[
        "--data", &d03, "--data", &asy, "changes", "--format", "json",
    ]);
    for r in doc["rows"].as_array().unwrap() {
        if r["previous"]["kind"] == "figure" {
            let (cur, prev) = (
                r["id"].as_str().unwrap(),
                r["previous"]["id"].as_str().unwrap(),
            );
            assert_eq!(
                cur.split('-').next(),
                prev.split('-').next(),
                "{cur} paired with {prev}"
            );
        }
    }
}
