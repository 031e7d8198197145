//! Work that could grow faster than the input grows linearly: each test times three sizes, 1, 2
//! and 4 times over, and the CPU time of the largest must be well under the sixteen times a
//! quadratic step would cost. Long daily files (`series --by day|week`, `--cumulative`, charts,
//! whose memory does not grow at all; a series over more days than the limit is refused before
//! its buckets are made), a figures file of many series (`summary`), an ODS of many sheets
//! named like detailed tables, a long detailed CSV (whose memory stays flat). Files are made
//! here.

use crate::hostile::rss::{MAX_RSS_KB, migstats, run};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// `days` days of SB_01 rows from 1 January 2018.
pub(crate) fn daily(dir: &Path, days: i64) -> PathBuf {
    let start = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    let mut text = String::from(
        "Date,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Notes\n",
    );
    for i in 0..days {
        let day = start + chrono::Duration::days(i);
        text.push_str(&format!("{day}T00:00:00,{},{},-\n", i * 7919 % 400, i % 9));
    }
    let path = dir.join(format!("days-{days}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

/// CPU time and peak RSS (KB) of `args` on each file; each run must succeed.
fn costs(files: &[PathBuf], args: &[&str]) -> Vec<(Duration, i64)> {
    files
        .iter()
        .map(|f| {
            let r = run(migstats().arg("--data").arg(f).args(args), Stdio::null());
            assert_eq!(r.code, 0, "{args:?} on {}: {}", f.display(), r.stderr);
            assert!(r.rss_kb < MAX_RSS_KB, "{args:?}: peak RSS {} KB", r.rss_kb);
            (r.cpu, r.rss_kb)
        })
        .collect()
}

/// The largest file's cost over the smallest's, for files of 1, 2 and 4 times the days.
fn ratio(costs: &[(Duration, i64)]) -> f64 {
    let first = costs.first().unwrap().0.as_secs_f64().max(0.01);
    costs.last().unwrap().0.as_secs_f64() / first
}

#[test]
fn series_of_long_daily_files_grow_linearly() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [5_000, 10_000, 20_000]
        .iter()
        .map(|&d| daily(dir.path(), d))
        .collect();
    for args in [
        &["series", "--by", "day"][..],
        &["series", "--by", "week"],
        &["series", "--cumulative"],
        &["--format", "json", "series", "--by", "day"],
    ] {
        let c = costs(&files, args);
        // Linear is 4 (less, with the start-up cost); quadratic would be 16.
        assert!(ratio(&c) < 8.0, "{args:?}: CPU times {c:?}");
    }
}

#[test]
fn a_cumulative_chart_costs_the_same_however_many_years_lie_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [20_000, 40_000, 80_000]
        .iter()
        .map(|&d| daily(dir.path(), d))
        .collect();
    for args in [
        &["chart", "cumulative"][..],
        &["--format", "text", "chart", "cumulative"],
        &["chart", "monthly"],
    ] {
        let c = costs(&files, args);
        // Only the file's read grows with its days; the chart's buckets are its latest years.
        assert!(ratio(&c) < 8.0, "{args:?}: CPU times {c:?}");
        let (small, large) = (c.first().unwrap().1, c.last().unwrap().1);
        assert!(large < small * 3 / 2, "{args:?}: peak RSS {c:?}");
    }
}

#[test]
fn a_series_over_more_days_than_the_limit_is_refused_before_its_buckets_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let file = daily(dir.path(), 150_000);
    for args in [
        &["series", "--by", "day"][..],
        &["series", "--by", "week"],
        &["series", "--cumulative"],
    ] {
        let r = run(
            migstats().arg("--data").arg(&file).args(args),
            Stdio::null(),
        );
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert_eq!(
            r.stderr,
            format!(
                "migstats: error: {}: a series covers at most 100,000 days, and 2018-01-01 to \
                 2428-09-07 is 150,000 days (choose a --period inside those dates (the published \
                 file covers about 3,000 days); summary and figures read a file this long)\n",
                file.display()
            )
        );
        assert!(
            r.rss_kb < MAX_RSS_KB / 4,
            "{args:?}: peak RSS {} KB",
            r.rss_kb
        );
    }
    // Inside a period the same file's series are read; so is its cumulative chart, and the
    // summary.
    for args in [
        &["series", "--by", "day", "--period", "2025"][..],
        &["series", "--cumulative", "--period", "2025"],
        &["chart", "cumulative"],
        &["summary"],
    ] {
        let r = run(
            migstats().arg("--data").arg(&file).args(args),
            Stdio::null(),
        );
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            r.rss_kb < MAX_RSS_KB / 4,
            "{args:?}: peak RSS {} KB",
            r.rss_kb
        );
    }
}

#[test]
fn a_summary_of_many_series_grows_linearly() {
    // Each figure its own country: as many series as rows, each found by its key.
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [5_000, 10_000, 20_000]
        .iter()
        .map(|&n| {
            let mut text = String::from(
                "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,source\n",
            );
            for i in 0..n {
                for year in [2023, 2024] {
                    text.push_str(&format!(
                        "f{i}-{year},returns,Land {i},{year}-01-01,{year}-12-31,{},people,exact,1,Test\n",
                        i % 97 + year - 2020
                    ));
                }
            }
            let path = dir.path().join(format!("series-{n}.csv"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let c = costs(&files, &["--format", "json", "summary"]);
    assert!(ratio(&c) < 8.0, "CPU times {c:?}");
}

/// An ODS of `n` sheets, each named like a detailed table and holding its header and one row.
fn many_sheets(dir: &Path, n: usize) -> PathBuf {
    use std::io::Write;
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let header: String = [
        "Year",
        "Quarter",
        "Method of entry",
        "Nationality",
        "Region",
        "Sex",
        "Age Group",
        "Number of detections",
    ]
    .iter()
    .map(|h| cell(h))
    .collect();
    let row: String = [
        "2024",
        "2024 Q1",
        "Small boat arrivals",
        "Iraq",
        "Middle East",
        "Male",
        "18 to 24",
    ]
    .iter()
    .map(|v| cell(v))
    .collect::<String>()
        + r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#;
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#,
    );
    for i in 0..n {
        content.push_str(&format!(
            r#"<table:table table:name="S{i} Irr_D01"><table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row></table:table>"#
        ));
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let path = dir.join(format!("sheets-{n}.ods"));
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap();
    path
}

#[test]
fn an_ods_of_many_sheets_is_walked_once() {
    // Each sheet read was once a walk of content.xml from its start: 2,000 sheets (22 KB) took
    // 19 s.
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [500, 1_000, 2_000]
        .iter()
        .map(|&n| many_sheets(dir.path(), n))
        .collect();
    let c = costs(&files, &["summary"]);
    assert!(ratio(&c) < 8.0, "CPU times {c:?}");
}

#[test]
fn a_long_detailed_csv_is_summed_as_it_is_read() {
    // Rows are summed into quarters as they are read: memory stays flat however many there
    // are (a 72 MB Irr_D01 CSV once took 1.4 GB).
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [25_000, 50_000, 100_000]
        .iter()
        .map(|&n| {
            let mut text = String::from(
                "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n",
            );
            for i in 0..n {
                let year = 2018 + i % 8;
                text.push_str(&format!(
                    "{year},{year} Q{},Small boat arrivals,Land {},Region,Male,18 to 24,{}\n",
                    1 + i / 8 % 4,
                    i % 200,
                    i % 37
                ));
            }
            let path = dir.path().join(format!("irr-{n}.csv"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let c = costs(&files, &["summary"]);
    assert!(ratio(&c) < 8.0, "CPU times {c:?}");
    let (small, large) = (c.first().unwrap().1, c.last().unwrap().1);
    assert!(large < small * 3 / 2, "peak RSS {c:?}");
}
