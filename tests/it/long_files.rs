//! Long daily files: `series --by day|week`, `--cumulative` and `chart cumulative` grow
//! linearly with the days (the CPU time at four times the days is well under the sixteen times a
//! quadratic step would cost), a chart's memory does not grow with them at all, and a series
//! over more days than the limit is refused before its buckets are made. Files are made here.

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
