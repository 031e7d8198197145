//! `migstats chart` through the binary: each kind on a real file, parsed back as XML and
//! counted (series, points, bars) and read for its labels.

use crate::common::{fixture, json, migstats};

const DAILY: &str = "Small_boats_time_series_as_of_2026-08-20.ods";

/// An element of the SVG: its name, attributes, and the text directly inside it.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the whole document, failing the test on any malformed XML.
fn parse(svg: &[u8]) -> Vec<Element> {
    let text = std::str::from_utf8(svg).expect("UTF-8");
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let out: Vec<Element> = doc
        .descendants()
        .filter(|n| n.is_element())
        .map(|n| Element {
            name: n.tag_name().name().to_string(),
            attrs: n
                .attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect(),
            text: n
                .children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect(),
        })
        .collect();
    assert_eq!(out.first().map(|e| e.name.as_str()), Some("svg"));
    out
}

fn chart(args: &[&str]) -> Vec<Element> {
    let out = migstats().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&out.stdout)
}

fn texts(doc: &[Element]) -> Vec<String> {
    doc.iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.trim().to_string())
        .collect()
}

#[test]
fn cumulative_draws_six_years_with_the_latest_emphasised_and_labelled() {
    let doc = chart(&["--data", &fixture(DAILY), "chart", "cumulative"]);
    let svg = &doc[0];
    assert_eq!(svg.attr("width"), Some("800"));
    assert_eq!(svg.attr("height"), Some("500"));
    // Data lines have many points; the legend's swatches have two.
    let lines: Vec<(usize, Option<&str>)> = doc
        .iter()
        .filter(|e| e.name == "polyline")
        .map(|e| {
            (
                e.attr("points").unwrap().split_whitespace().count(),
                e.attr("stroke-width"),
            )
        })
        .filter(|(n, _)| *n > 2)
        .collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    // 2021 to 2025 whole (2024 a leap year); 2026 from 1 January to 20 August, drawn thick.
    let counts: Vec<usize> = lines.iter().map(|l| l.0).collect();
    assert_eq!(counts, [365, 365, 365, 366, 365, 232]);
    assert_eq!(lines[5].1, Some("3"));
    assert_eq!(lines[4].1, Some("1"));
    // The latest point and the same day a year earlier are marked, one above the other.
    let marks: Vec<(&str, &str)> = doc
        .iter()
        .filter(|e| e.name == "circle")
        .map(|e| (e.attr("cx").unwrap(), e.attr("cy").unwrap()))
        .collect();
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert_eq!(marks[0].0, marks[1].0, "{marks:?}");
    // 27,997 a year earlier is drawn higher (a smaller y) than 15,897 now.
    let y = |i: usize| marks[i].1.parse::<f64>().unwrap();
    assert!(y(1) < y(0), "{marks:?}");
    let t = texts(&doc);
    for want in [
        "Small boat arrivals: running total from 1 January, to 20 August 2026",
        "15,897 to 20 August 2026; 27,997 a year earlier",
        "Source: Home Office. Contains public sector information licensed under the Open Government Licence v3.0.",
        "45,000",
        "2021",
        "2026",
    ] {
        assert!(t.iter().any(|x| x == want), "no {want:?} in {t:?}");
    }
}

/// The points of a data line (more than the legend swatch's two), in drawing order.
fn polylines(doc: &[Element]) -> Vec<Vec<String>> {
    doc.iter()
        .filter(|e| e.name == "polyline")
        .map(|e| {
            e.attr("points")
                .unwrap()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|p| p.len() > 2)
        .collect()
}

/// The circles: (cx,cy as a polyline writes a point, filled).
fn circles(doc: &[Element]) -> Vec<(String, bool)> {
    doc.iter()
        .filter(|e| e.name == "circle")
        .map(|e| {
            (
                format!("{},{}", e.attr("cx").unwrap(), e.attr("cy").unwrap()),
                e.attr("fill") != Some("none"),
            )
        })
        .collect()
}

#[test]
fn after_a_leap_year_the_year_earlier_mark_is_on_the_date_the_note_names() {
    const NOV: &str = "14_November_2025_Small_boats_-_time_series.ods";
    let rows = json(&[
        "--data",
        &fixture(NOV),
        "series",
        "--cumulative",
        "--format",
        "json",
    ]);
    let last = rows["rows"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["period"]["end"], "2025-11-13");
    assert_eq!(last["cumulative"].as_f64(), Some(39_075.0));
    assert_eq!(last["previous_cumulative"].as_f64(), Some(32_900.0));
    let doc = chart(&["--data", &fixture(NOV), "chart", "cumulative"]);
    assert!(texts(&doc).contains(&"39,075 to 13 November 2025; 32,900 a year earlier".to_string()));
    // 2020 to 2025; 13 Nov is day 318 of 2024 (a leap year) and day 317 of 2025.
    let lines = polylines(&doc);
    assert_eq!(lines.len(), 6);
    let (before, latest) = (&lines[4], &lines[5]);
    assert_eq!((before.len(), latest.len()), (366, 317));
    let marks = circles(&doc);
    assert_eq!(
        marks,
        [(latest[316].clone(), true), (before[317].clone(), false)],
        "12 Nov 2024 is {}",
        before[316]
    );
}

#[test]
fn monthly_draws_twelve_months_each_with_the_year_before() {
    let doc = chart(&["--data", &fixture(DAILY), "chart", "monthly"]);
    let bars = |fill: &str| {
        doc.iter()
            .filter(|e| e.name == "rect" && e.attr("fill") == Some(fill))
            .count()
    };
    // 12 bars each, and one legend swatch each.
    assert_eq!(bars("#0072B2"), 13);
    assert_eq!(bars("#E69F00"), 13);
    // The last month fills the last slot: no empty slot at the right of the 800-wide chart.
    let right = doc
        .iter()
        .filter(|e| e.name == "rect" && e.attr("fill") == Some("#0072B2"))
        .map(|e| {
            e.attr("x").unwrap().parse::<f64>().unwrap()
                + e.attr("width").unwrap().parse::<f64>().unwrap()
        })
        .fold(0.0, f64::max);
    assert!(right > 770.0, "the last bar ends at {right}");
    let t = texts(&doc);
    for want in [
        "Small boat arrivals by month, September 2025 to August 2026",
        "Month (August 2026 to 20 Aug, against the same days a year earlier)",
        "Sep 2025",
        "Aug 2026",
        "5,000",
    ] {
        assert!(t.iter().any(|x| x == want), "no {want:?} in {t:?}");
    }
}

#[test]
fn top_draws_one_bar_per_nationality_with_its_share() {
    let doc = chart(&[
        "--data",
        &fixture("detailed/irr_d01.csv"),
        "chart",
        "top",
        "--period",
        "2023",
    ]);
    let bars = doc
        .iter()
        .filter(|e| e.name == "rect" && e.attr("fill") == Some("#0072B2"))
        .count();
    assert_eq!(bars, 5);
    let t = texts(&doc);
    for want in [
        "Small boat arrivals by nationality, 2023",
        "Afghanistan",
        "5,545 (39.9%)",
        "924 (6.6%)",
        "People (share of the total)",
    ] {
        assert!(t.iter().any(|x| x == want), "no {want:?} in {t:?}");
    }
}

#[test]
fn ranked_rates_claim_no_share_of_a_total() {
    let doc = chart(&[
        "--data",
        &fixture("detailed/irr_d03_rates.csv"),
        "chart",
        "top",
        "--metric",
        "initial_grant_rate",
        "--period",
        "year ending June 2023",
    ]);
    let t = texts(&doc);
    assert!(t.iter().any(|x| x == "Percent"), "{t:?}");
    assert!(!t.iter().any(|x| x.contains("share")), "{t:?}");
}

#[test]
fn written_to_an_svg_file_and_refused_for_another_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.svg");
    let out = migstats()
        .args(["--data", &fixture(DAILY), "chart", "monthly", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    parse(&std::fs::read(&path).unwrap());
    let out = migstats()
        .args(["--data", &fixture(DAILY), "chart", "monthly", "-o"])
        .arg(dir.path().join("c.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("chart writes SVG"));
}

#[test]
fn another_command_asked_for_svg_points_to_chart() {
    let out = migstats()
        .args(["summary", "-o", "never-written.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SVG charts come from `migstats chart`"));
    assert!(!std::path::Path::new("never-written.svg").exists());
}
