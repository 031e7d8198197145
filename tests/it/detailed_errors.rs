//! Home Office detailed datasets that cannot be read, through the binary: unknown workbooks and
//! headers, bad rows with their line and column, the cap on problems listed, a `--method` no row
//! has.

use crate::common::{fixture, migstats};

#[test]
fn unknown_workbooks_and_headers_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Cover_sheet").unwrap();
    book.add_worksheet().set_name("Irr_D04").unwrap();
    book.save(&path).unwrap();
    let out = migstats()
        .args(["--data", path.to_str().unwrap(), "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'Cover_sheet', 'Irr_D04'"), "{err}");
    assert!(err.contains("Data_IER_D01"), "{err}");

    // The right sheet name with a header that is not the table's.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Data_IER_D01").unwrap();
    ws.write_string(0, 0, "Year").unwrap();
    ws.write_string(0, 1, "Nationality").unwrap();
    book.save(&path).unwrap();
    let out = migstats()
        .args(["--data", path.to_str().unwrap(), "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[Data_IER_D01]") && err.contains("found: Year, Nationality"),
        "{err}"
    );
    assert!(err.contains("Method of entry"), "{err}");

    // A CSV with a nationality column but no known header.
    let csv_path = dir.path().join("t.csv");
    std::fs::write(
        &csv_path,
        "Year,Quarter,Nationality,People\n2023,2023 Q1,Iraq,3\n",
    )
    .unwrap();
    let out = migstats()
        .args(["--data", csv_path.to_str().unwrap(), "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("t.csv:1: header 'Year,Quarter,Nationality,People'"),
        "{err}"
    );
}

#[test]
fn bad_rows_are_reported_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d01.csv");
    std::fs::write(
        &path,
        "Title row\n\
         Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n\
         2023,2023 Q1,Small boat arrivals,Iraq,Middle East,Male,18 to 24,5\n\
         2023,2023 Q5,Small boat arrivals,Iraq,Middle East,Male,18 to 24,5\n\
         2023,2023 Q2,Small boat arrivals,Iraq,Middle East,Male,18 to 24,lots\n\
         2023,2023 Q3,Small boat arrivals,,Middle East,Male,18 to 24,1\n",
    )
    .unwrap();
    let out = migstats()
        .args(["--data", path.to_str().unwrap(), "figures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let name = path.display().to_string();
    assert!(
        err.contains(&format!("{name}:4:2: quarter '2023 Q5'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:5:8: count 'lots' is not a number")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:6:4: nationality is empty")),
        "{err}"
    );
}

#[test]
fn a_detailed_file_stops_after_twenty_problems_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d01.csv");
    let name = path.display().to_string();
    // 25 rows, every other one with a bad quarter: 13 problems; twice over, 26.
    let rows: String = (0..25)
        .map(|i| {
            let q = if i % 2 == 0 { "2023 Q5" } else { "2023 Q1" };
            format!("2023,{q},Small boat arrivals,Iraq,Middle East,Male,18 to 24,{i}\n")
        })
        .collect();
    let head = "Title row\n\
        Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n";
    for (times, listed, stopped) in [(1, 13, false), (2, 20, true)] {
        std::fs::write(&path, format!("{head}{}", rows.repeat(times))).unwrap();
        let out = migstats()
            .args(["--data", &name, "figures"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().collect();
        let quarter = lines.iter().filter(|l| l.contains(": quarter '2023 Q5'"));
        assert_eq!(quarter.count(), listed, "{err}");
        assert!(
            lines[0].contains(&format!("{name}:3:2: quarter '2023 Q5'")),
            "{err}"
        );
        let last =
            format!("migstats: error: {name}: stopped after 20 problems (fix these and run again)");
        assert_eq!(lines.last() == Some(&last.as_str()), stopped, "{err}");
        assert_eq!(lines.len(), listed + usize::from(stopped), "{err}");
    }
    // The same rows in a sheet: the same rule, the sheet named.
    let xlsx = dir.path().join("d01.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Data - Irr_D01").unwrap();
    let text = format!("{head}{}", rows.repeat(2));
    for (r, line) in text.lines().enumerate() {
        for (c, v) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    let out = migstats()
        .args(["--data", xlsx.to_str().unwrap(), "figures"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    let sheet = format!("{} [Data - Irr_D01]", xlsx.display());
    assert!(
        lines[0].contains(&format!("{sheet}:3:2: quarter '2023 Q5'")),
        "{err}"
    );
    assert_eq!(
        lines.last(),
        Some(
            &format!(
                "migstats: error: {sheet}: stopped after 20 problems (fix these and run again)"
            )
            .as_str()
        ),
        "{err}"
    );
    assert_eq!(lines.len(), 21, "{err}");
}

#[test]
fn a_method_no_row_has_is_an_input_error() {
    let out = migstats()
        .args([
            "--data",
            &fixture("detailed/irr_d01.csv"),
            "--method",
            "by balloon",
            "summary",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no rows with Method of entry 'by balloon' (methods in this file: "),
        "{err}"
    );
    assert!(err.contains("Small boat arrivals"), "{err}");
}
