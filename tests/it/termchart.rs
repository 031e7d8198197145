//! `migstats chart --format text` through the binary: each kind on the real files at several
//! widths, never a line wider, the values the same as `series` and `top` print as JSON; which
//! of SVG and text each way of asking gives; colour only when asked for.

use crate::common::{fixture, json, migstats};
use unicode_width::UnicodeWidthStr;

const DAILY: &str = "Small_boats_time_series_as_of_2026-08-20.ods";
const WIDTHS: [usize; 4] = [40, 60, 80, 120];
/// The foot of a chart of the daily series, its lines joined: release, date, label, licence.
const SOURCE: &str = "Source: Home Office, \"Migrants detected crossing the English Channel in small boats\", sheet SB_01, data to 20 August 2026 (provisional management information). Contains public sector information licensed under the Open Government Licence v3.0.";
/// The foot of a chart of the Irr_D01 excerpt.
const IRR_SOURCE: &str = "Source: Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01 (accredited official statistics). Contains public sector information licensed under the Open Government Licence v3.0.";

/// The chart drawn `width` columns wide (COLUMNS), as lines; asserts success and the width.
fn drawn(args: &[&str], width: usize) -> Vec<String> {
    let out = migstats()
        .env("COLUMNS", width.to_string())
        .args(args)
        .args(["--format", "text"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "colour not asked for:\n{text}");
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    for line in &lines {
        assert!(
            line.width() <= width,
            "{} > {width}: {line:?}",
            line.width()
        );
    }
    lines
}

/// All lines joined by spaces: text wrapped at any width reads the same.
fn joined(lines: &[String]) -> String {
    lines.join(" ")
}

/// A whole number as people read it: 27997 → "27,997".
fn grouped(v: f64) -> String {
    let digits = format!("{}", v.round() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn is_bar(c: char) -> bool {
    matches!(c, '█' | '▏' | '▎' | '▍' | '▌' | '▋' | '▊' | '▉')
}

/// The text after each bar: the lines holding a bar, from the bar's end.
fn bar_texts(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| {
            let end = l.rfind(is_bar)?;
            let after = &l[end..];
            let skip = after.chars().next()?.len_utf8();
            Some(after[skip..].trim().to_string())
        })
        .collect()
}

#[test]
fn cumulative_draws_each_year_and_labels_the_latest_against_a_year_earlier() {
    let rows = json(&[
        "--data",
        &fixture(DAILY),
        "series",
        "--cumulative",
        "--format",
        "json",
    ]);
    let last = rows["rows"].as_array().unwrap().last().unwrap().clone();
    let now = grouped(last["cumulative"].as_f64().unwrap());
    let then = grouped(last["previous_cumulative"].as_f64().unwrap());
    assert_eq!((now.as_str(), then.as_str()), ("15,897", "27,997"));
    for width in WIDTHS {
        let lines = drawn(&["--data", &fixture(DAILY), "chart", "cumulative"], width);
        let all = joined(&lines);
        assert!(
            all.contains("Small boat arrivals: running total from 1 January, to 20 August 2026"),
            "{all}"
        );
        assert!(all.contains(&format!(
            "● 2026 (latest): {now} to 20 August 2026; {then} a year earlier"
        )));
        assert!(all.contains("○ 2025, the same day a year earlier"), "{all}");
        assert!(
            all.contains("Lines: 2021 2022 2023 2024 2025 2026"),
            "{all}"
        );
        assert!(all.contains("People since 1 January"));
        assert!(all.contains("Day of the year"));
        assert!(all.contains(SOURCE), "{all}");
        // The subtitle, as in the SVG: what is counted, and its statistics label.
        assert!(
            all.contains(
                "Small boat arrivals (people) added up day by day from 1 January of each year, \
                 2021 to 2026. Provisional management information."
            ),
            "{all}"
        );
        // The plot: twelve rows of braille between the y axis and nothing wider.
        let plot: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains('┤') || l.contains('│'))
            .collect();
        assert_eq!(plot.len(), 12, "{lines:#?}");
        assert!(plot.iter().any(|l| l.starts_with("50,000┤")));
        assert!(plot.iter().any(|l| l.starts_with("     0┤")));
        let braille = plot
            .iter()
            .flat_map(|l| l.chars())
            .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
            .count();
        assert!(braille > 60, "{braille} braille cells at {width}");
        assert!(lines.iter().any(|l| l.trim_start().starts_with("Jan")));
        // Whole years are named where they end, in the right margin when there is room.
        if width >= 60 {
            assert!(plot.iter().any(|l| l.ends_with(" 2022")), "{plot:#?}");
        }
    }
}

#[test]
fn as_of_cuts_the_running_totals_like_series_does() {
    let rows = json(&[
        "--data",
        &fixture(DAILY),
        "--as-of",
        "2026-06-30",
        "series",
        "--cumulative",
        "--format",
        "json",
    ]);
    let last = rows["rows"].as_array().unwrap().last().unwrap().clone();
    let lines = drawn(
        &[
            "--data",
            &fixture(DAILY),
            "--as-of",
            "2026-06-30",
            "chart",
            "cumulative",
        ],
        80,
    );
    assert!(joined(&lines).contains(&format!(
        "{} to 30 June 2026; {} a year earlier",
        grouped(last["cumulative"].as_f64().unwrap()),
        grouped(last["previous_cumulative"].as_f64().unwrap())
    )));
}

#[test]
fn monthly_draws_twelve_months_each_beside_a_year_earlier_with_the_values_of_series() {
    let rows = json(&[
        "--data",
        &fixture(DAILY),
        "series",
        "--by",
        "month",
        "--format",
        "json",
    ]);
    let rows = rows["rows"].as_array().unwrap();
    let want: Vec<String> = rows[rows.len() - 12..]
        .iter()
        .flat_map(|r| {
            [
                grouped(r["value"].as_f64().unwrap()),
                grouped(r["previous"]["value"].as_f64().unwrap()),
            ]
        })
        .collect();
    assert_eq!(want.first().map(String::as_str), Some("5,084"));
    assert_eq!(want.last().map(String::as_str), Some("2,561"));
    for width in WIDTHS {
        let lines = drawn(&["--data", &fixture(DAILY), "chart", "monthly"], width);
        assert_eq!(bar_texts(&lines), want, "{lines:#?}");
        let all = joined(&lines);
        assert!(all.contains("Small boat arrivals by month, September 2025 to August 2026"));
        assert!(all.contains("People: each month, then the same month a year earlier"));
        assert!(all.contains("against the same days a year earlier"));
        assert!(all.contains(SOURCE), "{all}");
        assert!(lines.iter().any(|l| l.starts_with("Sep 2025 █")));
        assert!(lines.iter().any(|l| l.starts_with("    2024 █")));
        assert!(lines.iter().any(|l| l.starts_with("Aug 2026 █")));
    }
}

#[test]
fn top_draws_each_ranked_nationality_whole_with_value_and_share() {
    let args = ["--data", &fixture("detailed/irr_d01.csv")];
    let rows = json(&[&args[..], &["top", "--period", "2023", "--format", "json"]].concat());
    let ranked: Vec<(String, String)> = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rank"].as_u64() > Some(0))
        .map(|r| {
            (
                r["country"].as_str().unwrap().to_string(),
                format!(
                    "{} ({:.1}%)",
                    grouped(r["value"].as_f64().unwrap()),
                    r["share_pct"].as_f64().unwrap()
                ),
            )
        })
        .collect();
    assert_eq!(ranked.len(), 5);
    assert_eq!(ranked[0].1, "5,545 (39.9%)");
    for width in WIDTHS {
        let lines = drawn(
            &[&args[..], &["chart", "top", "--period", "2023"]].concat(),
            width,
        );
        let texts = bar_texts(&lines);
        let want: Vec<String> = ranked.iter().map(|r| r.1.clone()).collect();
        assert_eq!(texts, want, "{lines:#?}");
        for (name, _) in &ranked {
            assert!(
                lines
                    .iter()
                    .any(|l| l == name || l.starts_with(&format!("{name} "))),
                "no {name} at {width}: {lines:#?}"
            );
        }
        let all = joined(&lines);
        assert!(all.contains("Small boat arrivals by nationality, 2023"));
        assert!(all.contains("Nationality: People (share of all 13,899 small boat arrivals)"));
        assert!(all.contains(IRR_SOURCE), "{all}");
    }
}

#[test]
fn colour_only_when_asked_for() {
    let base = [
        "--data",
        &fixture(DAILY),
        "chart",
        "monthly",
        "--format",
        "text",
    ];
    let plain = migstats().args(base).output().unwrap();
    assert!(plain.status.success());
    assert!(!plain.stdout.contains(&0x1b));
    let no_color = migstats()
        .env("NO_COLOR", "1")
        .args(base)
        .args(["--color", "never"])
        .output()
        .unwrap();
    assert!(!no_color.stdout.contains(&0x1b));
    let coloured = migstats()
        .env("COLUMNS", "60")
        .args(base)
        .args(["--color", "always"])
        .output()
        .unwrap();
    let text = String::from_utf8(coloured.stdout).unwrap();
    assert!(text.contains("\u{1b}[1;34m█"), "{text}");
    assert!(text.contains("\u{1b}[33m█"), "{text}");
    // Colour codes take no room: the line is still 60 wide at most once they are taken out.
    let seen = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    for line in text.lines() {
        assert!(seen.replace_all(line, "").width() <= 60, "{line:?}");
    }
}

#[test]
fn svg_when_piped_or_named_svg_and_text_when_asked_for_or_named_txt() {
    let base = ["--data", &fixture(DAILY), "chart", "top"];
    let top = ["--data", &fixture("detailed/irr_d01.csv"), "chart", "top"];
    // Piped, nothing asked: SVG as before.
    let out = migstats().args(top).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"<svg"));
    let dir = tempfile::tempdir().unwrap();
    // -o FILE.txt: text, 80 wide whatever COLUMNS says (a file has no terminal).
    let txt = dir.path().join("top.txt");
    let out = migstats()
        .env("COLUMNS", "200")
        .args(top)
        .arg("-o")
        .arg(&txt)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(
        text.starts_with("Small boat arrivals by nationality, 2023\n"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.width() <= 80));
    assert!(text.lines().any(|l| l.width() > 70), "{text}");
    // And the help says so, not that a file is COLUMNS wide.
    let help = migstats().args(["chart", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap().replace('\n', " ");
    assert!(
        help.contains("-o FILE.txt writes text 80 columns wide, whatever COLUMNS says"),
        "{help}"
    );
    // Refused, with what to do instead.
    for (extra, says) in [
        (
            vec!["--format", "json"],
            "--format json does not apply to chart",
        ),
        (
            vec!["--format", "table"],
            "say --format text for a text chart",
        ),
        (
            vec!["-o", "c.svg", "--format", "text"],
            "name the file .txt",
        ),
        (
            vec!["-o", "c.png"],
            "chart writes SVG or a text chart, not c.png",
        ),
    ] {
        let out = migstats().args(base).args(&extra).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    assert!(!std::path::Path::new("c.svg").exists());
}

#[test]
fn too_narrow_for_a_chart_is_an_error_not_a_wider_line() {
    let out = migstats()
        .env("COLUMNS", "29")
        .args([
            "--data",
            &fixture(DAILY),
            "chart",
            "monthly",
            "--format",
            "text",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs at least 30 columns, and there are 29"),
        "{err}"
    );
    drawn(&["--data", &fixture(DAILY), "chart", "monthly"], 30);
}
