//! `migstats chart` on odd inputs, as SVG and as text: all zeros, a single day, a single month,
//! one nationality, values near the largest f64, a running total past it. Each exits 0 with a
//! chart that parses and fits, or 2 with a message; never a panic (101) or a hang.

use crate::common::migstats;
use chrono::Datelike;
use std::path::{Path, PathBuf};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

const FIGURES_HEADER: &str = "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note\n";

/// A daily file in the Home Office SB_01 layout (docs/official-files-and-fetch.md): `days` days
/// from `start`, each with `count` people.
fn daily(dir: &Path, name: &str, start: &str, days: i64, count: u64) -> PathBuf {
    daily_where(dir, name, start, days, |_| Some(count))
}

/// As [`daily`], each day's count from `count`: None writes `-` (not available).
fn daily_where(
    dir: &Path,
    name: &str,
    start: &str,
    days: i64,
    count: impl Fn(chrono::NaiveDate) -> Option<u64>,
) -> PathBuf {
    let start: chrono::NaiveDate = start.parse().unwrap();
    let mut text = String::from(
        "Date,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Notes\n",
    );
    for i in 0..days {
        let day = start + chrono::Duration::days(i);
        text.push_str(&match count(day) {
            Some(n) => format!("{day}T00:00:00,{n},{},-\n", u64::from(n > 0)),
            None => format!("{day}T00:00:00,-,-,-\n"),
        });
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A figures CSV of `rows`: (country, start, end, value).
fn figures(dir: &Path, name: &str, rows: &[(&str, &str, &str, &str)]) -> PathBuf {
    let mut text = String::from(FIGURES_HEADER);
    for (i, (country, start, end, value)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "f{i},small_boat_arrivals,{country},{start},{end},{value},people,exact,0,,Test,\n"
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// How a chart came out: exit code, stdout, stderr.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `chart KIND` on `file`, as SVG (width None) or text `width` wide; asserts it either drew a
/// sane chart or said why not.
fn chart(file: &Path, kind: &str, width: Option<usize>) -> Run {
    let mut cmd = migstats();
    cmd.timeout(Duration::from_secs(60))
        .arg("--data")
        .arg(file)
        .args(["chart", kind]);
    if let Some(w) = width {
        cmd.env("COLUMNS", w.to_string()).args(["--format", "text"]);
    }
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let what = format!("{} {kind} {width:?}", file.display());
    match run.code {
        Some(0) => match width {
            None => {
                let doc = roxmltree::Document::parse(&run.stdout)
                    .unwrap_or_else(|e| panic!("{what}: not XML: {e}"));
                // A degenerate range draws shapes of negative size, which SVG forbids.
                for n in doc.descendants() {
                    for a in ["width", "height"] {
                        let v: f64 = n.attribute(a).map_or(0.0, |v| v.parse().unwrap());
                        assert!(v >= 0.0, "{what}: {a}={v} in {n:?}");
                    }
                }
                // As a word: the licence's "information" is not an infinity.
                let bad = regex::Regex::new(r"\b(NaN|-?inf)\b").unwrap();
                assert!(!bad.is_match(&run.stdout), "{what}");
            }
            Some(w) => {
                for line in run.stdout.lines() {
                    assert!(
                        line.width() <= w,
                        "{what}: {} columns: {line:?}",
                        line.width()
                    );
                }
                assert!(
                    run.stdout.contains("Source: Test")
                        || run.stdout.contains("Source: Home Office"),
                    "{what}"
                );
                assert!(
                    !run.stdout.contains("n/a") && !run.stdout.contains("NaN"),
                    "{what}: {}",
                    run.stdout
                );
            }
        },
        Some(2) => {
            assert!(run.stdout.is_empty(), "{what}");
            assert!(
                run.stderr.starts_with("migstats: error: "),
                "{what}: {}",
                run.stderr
            );
        }
        other => panic!("{what}: exit {other:?}: {}", run.stderr),
    }
    run
}

/// SVG and text at 40 and 80 columns, each checked by [`chart`].
fn every_way(file: &Path, kind: &str) -> [Run; 3] {
    [
        chart(file, kind, None),
        chart(file, kind, Some(40)),
        chart(file, kind, Some(80)),
    ]
}

fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

#[test]
fn all_zeros_draw_an_axis_from_0_to_10() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = daily(dir.path(), "zeros.csv", "2025-01-01", 400, 0);
    let [svg, narrow, wide] = every_way(&zeros, "cumulative");
    assert_eq!(svg.code, Some(0));
    let t = svg_texts(&svg.stdout);
    for want in ["0", "5", "10", "0 to 4 February 2026; 0 a year earlier"] {
        assert!(t.iter().any(|x| x == want), "no {want:?} in {t:?}");
    }
    for run in [&narrow, &wide] {
        assert_eq!(run.code, Some(0));
        assert!(run.stdout.contains("10.0┤"), "{}", run.stdout);
        assert!(run.stdout.contains(" 2.5┤"), "{}", run.stdout);
        let joined = run.stdout.replace('\n', " ");
        assert!(
            joined.contains("0 to 4 February 2026; 0 a year earlier"),
            "{joined}"
        );
    }
    for run in every_way(&zeros, "monthly") {
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    // Ranked by nationality: a daily file has none, and says so.
    for run in every_way(&zeros, "top") {
        assert_eq!(run.code, Some(2));
        assert!(run.stderr.contains("no nationality"), "{}", run.stderr);
    }
}

#[test]
fn a_single_day_and_a_single_month() {
    let dir = tempfile::tempdir().unwrap();
    let day = daily(dir.path(), "day.csv", "2026-01-01", 1, 5);
    for run in every_way(&day, "cumulative") {
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let [_, narrow, _] = every_way(&day, "cumulative");
    assert!(
        narrow
            .stdout
            .contains("● 2026 (latest): 5 to 1 January 2026\n"),
        "{}",
        narrow.stdout
    );
    assert!(narrow.stdout.contains("5.00┤●"), "{}", narrow.stdout);
    for run in every_way(&day, "monthly") {
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let month = figures(
        dir.path(),
        "month.csv",
        &[("all", "2025-03-01", "2025-03-31", "7")],
    );
    let [svg, narrow, wide] = every_way(&month, "monthly");
    assert_eq!(svg.code, Some(0));
    assert!(svg_texts(&svg.stdout).contains(&"Mar 2025".to_string()));
    for run in [narrow, wide] {
        let bars: Vec<&str> = run.stdout.lines().filter(|l| l.contains('█')).collect();
        assert_eq!(bars.len(), 1, "{}", run.stdout);
        assert!(
            bars[0].starts_with("Mar 2025 █") && bars[0].ends_with("█ 7"),
            "{bars:?}"
        );
    }
    // No running total reaches back to 1 January in a monthly figure.
    for run in every_way(&month, "cumulative") {
        assert_eq!(run.code, Some(2));
    }
}

#[test]
fn one_nationality_and_nationalities_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let one = figures(
        dir.path(),
        "one.csv",
        &[
            ("Iraq", "2025-01-01", "2025-12-31", "12"),
            ("all", "2025-01-01", "2025-12-31", "40"),
        ],
    );
    let [svg, narrow, wide] = every_way(&one, "top");
    assert!(svg_texts(&svg.stdout).contains(&"12 (30.0%)".to_string()));
    for run in [narrow, wide] {
        assert!(run.stdout.contains("Iraq █"), "{}", run.stdout);
        assert!(run.stdout.contains("█ 12 (30.0%)\n"), "{}", run.stdout);
    }
    let zero = figures(
        dir.path(),
        "zero.csv",
        &[
            ("Iraq", "2025-01-01", "2025-12-31", "0"),
            ("all", "2025-01-01", "2025-12-31", "0"),
        ],
    );
    let [svg, narrow, _] = every_way(&zero, "top");
    assert_eq!(svg.code, Some(0));
    assert!(svg_texts(&svg.stdout).contains(&"10".to_string()));
    assert!(narrow.stdout.contains("\nIraq  0\n"), "{}", narrow.stdout);
}

#[test]
fn values_near_the_largest_number_are_drawn_and_an_overflowing_total_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let huge = figures(
        dir.path(),
        "huge.csv",
        &[
            ("Iraq", "2025-01-01", "2025-12-31", "1.7e308"),
            ("all", "2025-01-01", "2025-12-31", "1.79e308"),
            ("all", "2025-03-01", "2025-03-31", "1.7e308"),
            ("all", "2024-03-01", "2024-03-31", "1e308"),
        ],
    );
    let [svg, narrow, wide] = every_way(&huge, "top");
    assert_eq!(svg.code, Some(0), "{}", svg.stderr);
    let t = svg_texts(&svg.stdout);
    // The share is divided before it is scaled: 1.7e308 of 1.79e308 is 95.0%, not infinite.
    assert!(t.contains(&"1.70e308 (95.0%)".to_string()), "{t:?}");
    // Never a row of digits, in a label or a sentence.
    let digits = regex::Regex::new(r"[0-9,]{20,}").unwrap();
    assert!(t.iter().all(|x| !digits.is_match(x)), "{t:?}");
    for run in [narrow, wide] {
        assert!(
            run.stdout.contains("█ 1.70e308 (95.0%)\n"),
            "{}",
            run.stdout
        );
    }
    let [svg, narrow, _] = every_way(&huge, "monthly");
    assert_eq!(svg.code, Some(0), "{}", svg.stderr);
    let t = svg_texts(&svg.stdout);
    assert!(t.iter().all(|x| !digits.is_match(x)), "{t:?}");
    assert!(narrow.stdout.contains("█ 1.70e308\n"), "{}", narrow.stdout);
    assert!(narrow.stdout.contains("█ 1.00e308\n"), "{}", narrow.stdout);

    let overflow = figures(
        dir.path(),
        "overflow.csv",
        &[
            ("all", "2025-01-01", "2025-01-01", "1e308"),
            ("all", "2025-01-02", "2025-01-02", "1e308"),
        ],
    );
    for run in every_way(&overflow, "cumulative") {
        assert_eq!(run.code, Some(2));
        assert!(run.stderr.contains("too large"), "{}", run.stderr);
    }
}

#[test]
fn counts_of_a_quadrillion_a_day_keep_their_axis_readable() {
    let dir = tempfile::tempdir().unwrap();
    let big = daily(
        dir.path(),
        "big.csv",
        "2025-01-01",
        400,
        999_999_999_999_999,
    );
    let [svg, narrow, wide] = every_way(&big, "cumulative");
    let t = svg_texts(&svg.stdout);
    assert!(t.contains(&"3.50e17".to_string()), "{t:?}");
    for run in [narrow, wide] {
        assert!(run.stdout.contains("5.00e17┤"), "{}", run.stdout);
    }
}

#[test]
fn no_year_earlier_mark_where_the_note_has_no_year_earlier_figure() {
    let dir = tempfile::tempdir().unwrap();
    // March 2024 not available: 2024's running total stops at 29 February, so 10 March 2025
    // has nothing a year earlier to be set against.
    let march = daily_where(dir.path(), "march.csv", "2023-01-01", 800, |d| {
        (!(d.year() == 2024 && d.month() == 3)).then_some(7)
    });
    // 2023 not available at all: the line before 2024's is 2022's, two years back.
    let year = daily_where(dir.path(), "year.csv", "2022-01-01", 800, |d| {
        (d.year() != 2023).then_some(7)
    });
    for (file, note) in [
        (&march, "483 to 10 March 2025"),
        (&year, "490 to 10 March 2024"),
    ] {
        let [svg, narrow, wide] = every_way(file, "cumulative");
        let t = svg_texts(&svg.stdout);
        assert!(t.iter().any(|x| x == note), "no {note:?} in {t:?}");
        assert_eq!(svg.stdout.matches("<circle").count(), 1, "{}", svg.stdout);
        for run in [narrow, wide] {
            assert!(
                run.stdout.contains(&format!(" (latest): {note}\n")),
                "{}",
                run.stdout
            );
            assert!(!run.stdout.contains('○'), "{}", run.stdout);
            assert!(!run.stdout.contains("a year earlier"), "{}", run.stdout);
        }
    }
}

#[test]
fn wide_characters_count_two_columns() {
    let dir = tempfile::tempdir().unwrap();
    let tokyo = "東京".repeat(6);
    let file = |name: &str, country: &str| {
        figures(
            dir.path(),
            name,
            &[
                (country, "2024-01-01", "2024-12-31", "12"),
                ("all", "2024-01-01", "2024-12-31", "40"),
            ],
        )
    };
    // Each run checks that no line is wider than its width in screen columns. 24 columns of
    // name leave too little room for a bar beside it at 40: it goes above; at 80, beside.
    let [_, narrow, wide] = every_way(&file("tokyo.csv", &tokyo), "top");
    assert!(
        narrow.stdout.contains(&format!("\n{tokyo}\n")),
        "{}",
        narrow.stdout
    );
    assert!(
        wide.stdout.contains(&format!("\n{tokyo} █")),
        "{}",
        wide.stdout
    );
    // One word of 60 columns is cut to 38 and `…`.
    let [_, narrow, _] = every_way(&file("long.csv", &"東京".repeat(30)), "top");
    let cut = format!("\n{}…\n", "東京".repeat(9) + "東");
    assert!(narrow.stdout.contains(&cut), "{}", narrow.stdout);
}

#[test]
fn a_tiny_value_beside_a_large_one_never_reads_as_zero() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = figures(
        dir.path(),
        "tiny.csv",
        &[
            ("Iraq", "2024-01-01", "2024-12-31", "45.3"),
            ("Syria", "2024-01-01", "2024-12-31", "0.0004"),
            ("all", "2024-01-01", "2024-12-31", "50"),
            ("all", "2024-03-01", "2024-03-31", "45.3"),
            ("all", "2024-04-01", "2024-04-30", "0.0004"),
        ],
    );
    let [svg, narrow, wide] = every_way(&tiny, "top");
    let t = svg_texts(&svg.stdout);
    assert!(t.contains(&"<0.1 (0.0%)".to_string()), "{t:?}");
    assert!(t.contains(&"45.3 (90.6%)".to_string()), "{t:?}");
    for run in [narrow, wide] {
        assert!(run.stdout.contains("▏ <0.1 (0.0%)\n"), "{}", run.stdout);
    }
    let [_, narrow, _] = every_way(&tiny, "monthly");
    assert!(
        narrow.stdout.contains("Apr 2024 ▏ <0.1\n"),
        "{}",
        narrow.stdout
    );
    assert!(narrow.stdout.contains("█ 45.3\n"), "{}", narrow.stdout);
}
