//! The `Trend` column: a sparkline of the smaller buckets inside each row of `series`
//! and `summary` on a terminal. Each expected string is worked out here from the binary's own
//! JSON (daily or monthly buckets), summed and scaled in the test, and compared with the table.

use crate::common::{fixture, json, migstats};
use chrono::{Datelike, Days, NaiveDate};
use std::collections::BTreeMap;
use std::sync::Mutex;

const AUG_2026: &str = "Small_boats_time_series_as_of_2026-08-20.ods";
const NOV_2025: &str = "14_November_2025_Small_boats_-_time_series.ods";

/// The scale as documented: a gap for no figure, `▁` for zero, else the next seventh of the
/// row's largest value at or above it.
fn glyphs(values: &[Option<f64>]) -> String {
    const MARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().flatten().fold(0.0_f64, |a, b| a.max(*b));
    values
        .iter()
        .map(|v| match v {
            None => '\u{a0}',
            Some(v) if *v <= 0.0 => '▁',
            Some(v) => MARKS[((v / max * 7.0).ceil() as usize).clamp(1, 7)],
        })
        .collect()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Each day's people and boats, from `series --by day --format json`, read once a file.
fn daily(file: &'static str) -> DailyCounts {
    static READ: Mutex<BTreeMap<&str, DailyCounts>> = Mutex::new(BTreeMap::new());
    let mut read = READ.lock().unwrap();
    read.entry(file).or_insert_with(|| read_daily(file)).clone()
}

type DailyCounts = BTreeMap<NaiveDate, (f64, f64)>;

fn read_daily(file: &str) -> DailyCounts {
    let mut days: BTreeMap<NaiveDate, (f64, f64)> = BTreeMap::new();
    for (metric, boats) in [("small_boat_arrivals", false), ("small_boats", true)] {
        let doc = json(&[
            "--data",
            &fixture(file),
            "--format",
            "json",
            "series",
            "--by",
            "day",
            "--metric",
            metric,
        ]);
        for r in doc["rows"].as_array().unwrap() {
            let d = day(r["period"]["start"].as_str().unwrap());
            let v = r["value"].as_f64().unwrap();
            let e = days.entry(d).or_default();
            if boats { e.1 = v } else { e.0 = v }
        }
    }
    days
}

#[derive(Clone, Copy)]
enum Metric {
    People,
    Boats,
    PerBoat,
}

/// One mark's value over `from..=to`: a count's daily average, or people per boat (None
/// with no boats).
fn mark(
    days: &BTreeMap<NaiveDate, (f64, f64)>,
    metric: Metric,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<f64> {
    let (people, boats) = days
        .range(from..=to)
        .fold((0.0, 0.0), |(p, b), (_, (dp, db))| (p + dp, b + db));
    let n = ((to - from).num_days() + 1) as f64;
    match metric {
        Metric::People => Some(people / n),
        Metric::Boats => Some(boats / n),
        Metric::PerBoat => (boats > 0.0).then(|| people / boats),
    }
}

#[derive(Clone, Copy)]
enum Size {
    Day,
    Week,
    Month,
}

/// The days, weeks (Monday to Sunday) or months of `from..=to`, cut to it.
fn spans(from: NaiveDate, to: NaiveDate, size: Size) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let end = match size {
            Size::Day => start,
            Size::Week => start + Days::new(6 - u64::from(start.weekday().num_days_from_monday())),
            Size::Month => {
                let next = if start.month() == 12 {
                    NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)
                };
                next.unwrap().pred_opt().unwrap()
            }
        };
        let end = end.min(to);
        out.push((start, end));
        start = end.succ_opt().unwrap();
    }
    out
}

fn expected(
    days: &BTreeMap<NaiveDate, (f64, f64)>,
    metric: Metric,
    from: &str,
    to: &str,
    size: Size,
) -> String {
    let values: Vec<Option<f64>> = spans(day(from), day(to), size)
        .into_iter()
        .map(|(a, b)| mark(days, metric, a, b))
        .collect();
    glyphs(&values)
}

/// The table (piped: its natural width) for `args` on `file`.
fn table(file: &str, args: &[&str]) -> String {
    let out = migstats()
        .args(["--data", &fixture(file)])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Each row's Trend cell, `width` characters from where the header names it, in row order.
fn trends(text: &str, width: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains(" Trend "))
        .expect(text);
    let at = lines[header].chars().count()
        - lines[header]
            .split_once(" Trend ")
            .unwrap()
            .1
            .chars()
            .count()
        - "Trend ".len();
    let mut out = Vec::new();
    for pair in lines.windows(2).skip(header + 1) {
        let rule = pair[0].starts_with('─') || pair[0].starts_with('═');
        if rule && !pair[1].starts_with('─') && pair[1].starts_with(' ') {
            out.push(pair[1].chars().skip(at).take(width).collect());
        }
    }
    out
}

/// As many characters of a cell as `like` has: the cell is padded to the column's width.
fn head(cell: &str, like: &str) -> String {
    cell.chars().take(like.chars().count()).collect()
}

#[test]
fn summary_shows_the_months_of_each_period() {
    for (file, to, ytd, twelve) in [
        (AUG_2026, "2026-08-20", "2026-01-01", "2025-08-21"),
        (NOV_2025, "2025-11-13", "2025-01-01", "2024-11-14"),
    ] {
        let days = daily(file);
        let text = table(file, &["summary"]);
        let mut want = Vec::new();
        for metric in [Metric::People, Metric::Boats, Metric::PerBoat] {
            want.push(expected(&days, metric, ytd, to, Size::Month));
            want.push(expected(&days, metric, twelve, to, Size::Month));
        }
        let got = trends(&text, 13);
        let got: Vec<String> = got.iter().zip(&want).map(|(g, w)| head(g, w)).collect();
        assert_eq!(got, want, "{file}:\n{text}");
        assert!(
            text.contains("Trend: one mark a month of the row's period"),
            "{text}"
        );
    }
    // Pinned: the year to 20 August 2026, January to the cut August, and its 13 months.
    let text = table(AUG_2026, &["summary"]);
    assert_eq!(&trends(&text, 8)[0], "▄▅▇▇██▇█", "{text}");
    assert_eq!(&trends(&text, 13)[1], "▅█▅▅▄▃▃▄▄▅▅▅▅", "{text}");
}

#[test]
fn years_show_their_months_from_the_monthly_series() {
    // From `series --by month`: each month's value over its days (August 2026 is cut at the
    // 20th), grouped by year.
    let doc = json(&[
        "--data",
        &fixture(AUG_2026),
        "--format",
        "json",
        "series",
        "--by",
        "month",
    ]);
    let mut years: BTreeMap<i32, Vec<Option<f64>>> = BTreeMap::new();
    for r in doc["rows"].as_array().unwrap() {
        let (a, b) = (
            day(r["period"]["start"].as_str().unwrap()),
            day(r["period"]["end"].as_str().unwrap()),
        );
        let per_day = r["value"].as_f64().unwrap() / ((b - a).num_days() + 1) as f64;
        years.entry(a.year()).or_default().push(Some(per_day));
    }
    let want: Vec<String> = years.values().map(|v| glyphs(v)).collect();
    let text = table(AUG_2026, &["series", "--by", "year"]);
    let got: Vec<String> = trends(&text, 12)
        .iter()
        .zip(&want)
        .map(|(g, w)| head(g, w))
        .collect();
    assert_eq!(got, want, "{text}");
    assert_eq!(want.len(), 9);
    assert_eq!(want[8].chars().count(), 8, "2026 to August");
    assert_eq!(want[7], "▃▃▇▇▆██▆█▅▅▄", "2025");
    assert!(
        text.contains("Trend: one mark a month of the row's period"),
        "{text}"
    );
}

#[test]
fn people_per_boat_leaves_a_gap_for_a_month_without_boats() {
    let days = daily(AUG_2026);
    let text = table(
        AUG_2026,
        &["series", "--by", "year", "--metric", "people_per_boat"],
    );
    let first = &trends(&text, 12)[0];
    let want = expected(
        &days,
        Metric::PerBoat,
        "2018-01-01",
        "2018-12-31",
        Size::Month,
    );
    assert_eq!(first, &want, "{text}");
    assert!(want.contains('\u{a0}') && want.contains('█'), "{want:?}");
    assert!(text.contains("a blank: no figure for that one"), "{text}");
}

#[test]
fn months_and_quarters_show_their_weeks_and_weeks_their_days() {
    let days = daily(AUG_2026);
    // Weeks cut at each month's ends; the data's last month is cut at 20 August.
    let text = table(AUG_2026, &["series", "--by", "month", "--period", "ytd"]);
    let got = trends(&text, 6);
    let months = [
        ("2026-01-01", "2026-01-31"),
        ("2026-02-01", "2026-02-28"),
        ("2026-03-01", "2026-03-31"),
        ("2026-04-01", "2026-04-30"),
        ("2026-05-01", "2026-05-31"),
        ("2026-06-01", "2026-06-30"),
        ("2026-07-01", "2026-07-31"),
        ("2026-08-01", "2026-08-20"),
    ];
    assert_eq!(got.len(), months.len(), "{text}");
    for (g, (a, b)) in got.iter().zip(months) {
        let want = expected(&days, Metric::People, a, b, Size::Week);
        assert_eq!(head(g, &want), want, "{a}:\n{text}");
    }
    assert!(
        text.contains("Trend: one mark a week of the row's period"),
        "{text}"
    );

    let text = table(
        AUG_2026,
        &[
            "series",
            "--by",
            "quarter",
            "--period",
            "2025",
            "--metric",
            "small_boats",
        ],
    );
    let got = trends(&text, 14);
    for (g, (a, b)) in got.iter().zip([
        ("2025-01-01", "2025-03-31"),
        ("2025-04-01", "2025-06-30"),
        ("2025-07-01", "2025-09-30"),
        ("2025-10-01", "2025-12-31"),
    ]) {
        assert_eq!(
            g,
            &expected(&days, Metric::Boats, a, b, Size::Week),
            "{a}:\n{text}"
        );
    }

    // A week with no crossing is flat on the floor; the data's last week is cut to 4 days.
    let text = table(
        AUG_2026,
        &[
            "series",
            "--by",
            "week",
            "--period",
            "2026-07-13..2026-08-20",
        ],
    );
    let got = trends(&text, 7);
    assert_eq!(got.len(), 6, "{text}");
    assert_eq!(got[0], "▁▁▁▁▁▁▁", "week ending 19 Jul 2026:\n{text}");
    for (g, (a, b)) in got.iter().zip([
        ("2026-07-13", "2026-07-19"),
        ("2026-07-20", "2026-07-26"),
        ("2026-07-27", "2026-08-02"),
        ("2026-08-03", "2026-08-09"),
        ("2026-08-10", "2026-08-16"),
        ("2026-08-17", "2026-08-20"),
    ]) {
        let want = expected(&days, Metric::People, a, b, Size::Day);
        assert_eq!(head(g, &want), want, "{a}:\n{text}");
    }
    assert!(
        text.contains("Trend: one mark a day of the row's period;"),
        "{text}"
    );
}

/// Whether `text` has a sparkline mark in it.
fn has_marks(text: &str) -> bool {
    text.chars().any(|c| ('▁'..='█').contains(&c))
}

#[test]
fn a_ranked_bucket_keeps_its_own_trend() {
    let ranked = table(AUG_2026, &["series", "--by", "month", "--rank"]);
    assert!(ranked.contains("August 2022"), "{ranked}");
    let alone = table(
        AUG_2026,
        &["series", "--by", "month", "--period", "2022-08"],
    );
    assert_eq!(
        trends(&ranked, 5)[0],
        trends(&alone, 5)[0],
        "{ranked}\n{alone}"
    );
    assert_eq!(trends(&alone, 5)[0], "▅▅▄█▁");
}

#[test]
fn no_trend_under_a_day_without_a_daily_series_or_outside_a_table() {
    let cases: [(&str, &[&str]); 4] = [
        // Nothing under a day; a running total is a day's.
        (AUG_2026, &["series", "--by", "day", "--period", "2026-07"]),
        (AUG_2026, &["series", "--cumulative", "--period", "2026-07"]),
        (AUG_2026, &["series", "--by", "year", "--format", "json"]),
        // A detailed table has quarters, nothing daily.
        ("detailed/irr_d01.csv", &["series", "--by", "year"]),
    ];
    for (file, args) in cases {
        let text = table(file, args);
        assert!(
            !text.contains("Trend") && !has_marks(&text),
            "{args:?}:\n{text}"
        );
    }
    // The bundled figures have no daily series.
    let out = migstats().arg("summary").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Trend") && !has_marks(&text), "{text}");
    // The machine formats, Markdown and sentences are as they were: only a terminal's table
    // draws.
    for format in ["json", "csv", "markdown", "text"] {
        for command in [&["summary"][..], &["series", "--by", "year"]] {
            let mut args = vec!["--format", format];
            args.extend(command);
            let text = table(AUG_2026, &args);
            assert!(
                !text.contains("Trend") && !text.contains("trend") && !has_marks(&text),
                "{args:?}:\n{text}"
            );
        }
    }
}

#[test]
fn a_sparkline_cut_to_fit_keeps_its_gaps_in_step() {
    // People per boat since 2018 has months without boats (gaps). In the vertical layout the
    // Trend value runs on over several lines; joined again, it must be the whole sparkline,
    // gaps and all, as the wide table shows it.
    let args = [
        "summary",
        "--period",
        "since 2018-01-01",
        "--metric",
        "people_per_boat",
    ];
    let wide = table(NOV_2025, &args);
    let cell = wide
        .lines()
        .find_map(|l| {
            l.split("   ")
                .map(str::trim)
                .find(|c| c.starts_with('▂') && c.chars().count() > 40)
        })
        .expect(&wide)
        .to_string();
    assert!(cell.contains('\u{a0}'), "{cell:?}");
    let out = migstats()
        .env("COLUMNS", "60")
        .args(["--data", &fixture(NOV_2025)])
        .args(args)
        .output()
        .unwrap();
    let narrow = String::from_utf8(out.stdout).unwrap();
    let mut joined = String::new();
    let mut inside = false;
    for line in narrow.lines() {
        if let Some(v) = line.strip_prefix("Trend  │ ") {
            inside = true;
            joined.push_str(v);
        } else if inside && line.starts_with("       │ ") {
            joined.push_str(&line["       │ ".len()..]);
        } else {
            inside = false;
        }
    }
    assert_eq!(joined.trim_end(), cell.trim_end(), "{narrow}");
}
