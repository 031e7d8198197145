//! `-o/--output FILE`: the format from the extension, written whole or not at all;
//! `.xlsx` holds the CSV's values as numbers, dates and text, with a Sources sheet; `--bom`.

use crate::common::{fixture, migstats};
use calamine::{Data, DataType, Reader};

const SMALL_BOATS: &str = "14_November_2025_Small_boats_-_time_series.ods";

fn stdout(args: &[&str]) -> Vec<u8> {
    let out = migstats().args(args).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    out.stdout
}

#[test]
fn the_format_follows_the_extension_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("s.json", "json"), ("s.CSV", "csv"), ("s.md", "markdown")] {
        let path = dir.path().join(name);
        let out = migstats()
            .args(["summary", "-o", path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            stdout(&["summary", "--format", format]),
            "{name}"
        );
    }
    // --format wins over the extension.
    let path = dir.path().join("s.txt");
    let out = migstats()
        .args([
            "summary",
            "--format",
            "json",
            "--output",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(std::fs::read_to_string(&path).unwrap().starts_with('{'));
}

#[test]
fn a_failure_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let out = migstats()
        .args(["--data", &fixture("many_problems.csv"), "summary", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // A directory that is not there: an error naming the file, nothing written.
    let missing = dir.path().join("no-such-dir/out.csv");
    let out = migstats()
        .args(["summary", "-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("migstats: error: ") && err.contains("no-such-dir/out.csv: cannot write"),
        "{err}"
    );
    // An extension that names no format.
    let out = migstats()
        .args(["summary", "-o", "x.dat"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("cannot tell the format")
    );
}

#[test]
fn csv_with_a_bom_for_excel_and_option_values_in_any_case() {
    let csv = stdout(&["summary", "--format", "CSV", "--bom"]);
    assert!(csv.starts_with(b"\xef\xbb\xbfid,metric,"));
    assert_eq!(&csv[3..], &stdout(&["summary", "--format", "csv"])[..]);
    let out = migstats()
        .args(["summary", "--format", "json", "--bom"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&["summary", "--color", "NEVER"]).starts_with("─".as_bytes()));
}

/// The CSV of a command and its XLSX read back with calamine: the same values, cell for cell,
/// numbers as numbers and dates as dates (`xlsx.rs`), and a Sources sheet.
fn xlsx_matches_csv(args: &[&str], sheet: &str) -> calamine::Range<Data> {
    let (range, seen, bytes) = crate::xlsx::xlsx_and_csv(args, sheet);
    assert!(seen.numbers > 0 && seen.dates > 0, "{args:?}: {seen:?}");
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let about = book.worksheet_range("Sources").unwrap();
    assert_eq!(about.get((0, 0)), Some(&Data::String("Field".into())));
    range
}

#[test]
fn xlsx_holds_the_csv_values_with_a_sources_sheet() {
    let ods = fixture(SMALL_BOATS);
    let summary = xlsx_matches_csv(&["--data", &ods, "summary"], "summary");
    // Real figures, pinned: the year to date to 13 November 2025 first.
    assert_eq!(summary.get((1, 7)), Some(&Data::Float(39_075.0)));
    assert_eq!(
        summary
            .get((1, 4))
            .and_then(DataType::as_date)
            .map(|d| d.to_string()),
        Some("2025-01-01".to_string())
    );
    xlsx_matches_csv(&["changes"], "changes");
    xlsx_matches_csv(&["check", "--against", &ods], "check");
    let top = xlsx_matches_csv(&["--data", &fixture("detailed/irr_d01.csv"), "top"], "top");
    // Counts are numbers a spreadsheet can sort and sum, not text that looks like one.
    assert_eq!(top.get((0, 0)), Some(&Data::String("rank".into())));
    assert_eq!(top.get((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(top.get((1, 3)), Some(&Data::String("Afghanistan".into())));
    let ranked = xlsx_matches_csv(
        &["--data", &ods, "series", "--by", "year", "--rank"],
        "series",
    );
    let rank = (0..ranked.width())
        .find(|&c| ranked.get((0, c)) == Some(&Data::String("rank".into())))
        .unwrap();
    assert_eq!(ranked.get((1, rank)), Some(&Data::Float(1.0)));
    xlsx_matches_csv(&["sources"], "figure sources");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.xlsx");
    let out = migstats()
        .args(["--data", &ods, "summary", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let about = book.worksheet_range("Sources").unwrap();
    let rows: Vec<(String, String)> = about
        .rows()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert!(
        rows.contains(&("Licence".into(), "Open Government Licence v3.0".into())),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|(f, v)| f == "Source"
            && v.starts_with("Home Office, small boats time series (provisional), sheet SB_01")),
        "{rows:?}"
    );
}

#[test]
fn xlsx_writes_a_day_before_1900_as_text() {
    // Excel's dates start in 1900; an older period must not fail the whole file.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("old.csv");
    std::fs::write(
        &data,
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source\n\
         a-1850,small_boat_arrivals,all,1850-01-01,1850-12-31,10,people,exact,0,,Home Office\n\
         a-1851,small_boat_arrivals,all,1851-01-01,1851-12-31,12,people,exact,0,,Home Office\n",
    )
    .unwrap();
    let path = dir.path().join("old.xlsx");
    let out = migstats()
        .args(["--data", data.to_str().unwrap(), "changes", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("changes").unwrap();
    assert_eq!(
        range.get((0, 4)),
        Some(&Data::String("period_start".into()))
    );
    assert_eq!(range.get((1, 4)), Some(&Data::String("1851-01-01".into())));
    assert_eq!(range.get((1, 7)), Some(&Data::Float(12.0)));
}

#[test]
fn a_bad_output_name_is_reported_before_the_data_are_read() {
    // summary and series decide their sparklines from the format: a name no format fits is a
    // usage error, found before a file that cannot be read.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("broken.csv");
    std::fs::write(&data, "x").unwrap();
    for command in ["summary", "series"] {
        let out = migstats()
            .args(["--data", data.to_str().unwrap(), command, "-o"])
            .arg(dir.path().join("x.svg"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("cannot tell the format of"),
            "{command}: {err}"
        );
    }
}

/// The `.migstats-*` temporary files in a directory.
fn temporaries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| n.starts_with(".migstats-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_write_past_the_file_size_limit_is_an_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = crate::scaling::daily(dir.path(), 5_000);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // 100 blocks of 512 bytes: far less than the series. Without SIGXFSZ caught, the process
    // is killed by it halfway through writing the temporary file.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 100 && exec \"$0\" --data \"$1\" series --by day -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_migstats"))
        .arg(&data)
        .arg(out_dir.join("series.csv"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr.contains("series.csv: cannot write: the output is larger than the file size limit allows (ulimit -f"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_terminating_signal_during_the_write_removes_the_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let data = crate::scaling::daily(dir.path(), 5_000);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // The signal must land while the temporary file exists (milliseconds of a run): the
    // directory is watched for it, and a run repeated until one signal lands there.
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut caught = false;
        for _ in 0..10 {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_migstats"))
                .args(["--format", "json", "--data"])
                .arg(&data)
                .args(["series", "--by", "day", "-o"])
                .arg(out_dir.join("series.json"))
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let mut seen = false;
            while child.try_wait().unwrap().is_none() {
                if !temporaries(&out_dir).is_empty() {
                    // SAFETY: our own child, not yet reaped.
                    unsafe { libc::kill(child.id() as libc::pid_t, signal) };
                    seen = true;
                    break;
                }
            }
            let status = child.wait().unwrap();
            assert_eq!(
                temporaries(&out_dir),
                Vec::<String>::new(),
                "after {status:?}"
            );
            let _ = std::fs::remove_file(out_dir.join("series.json"));
            if seen && status.signal() == Some(signal) {
                caught = true;
                break;
            }
        }
        assert!(caught, "signal {signal} never landed during a write");
    }
}
