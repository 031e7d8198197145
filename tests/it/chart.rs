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
        "August 2026 (provisional management information).",
        "Contains public sector information licensed under the Open Government Licence v3.0.",
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
    // 12 bars each, and one legend swatch each; the partial month's swatch too.
    assert_eq!(bars("#0072B2"), 14);
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
        "People (share of all 13,899 small boat arrivals)",
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

fn number(e: &Element, key: &str) -> f64 {
    e.attr(key).unwrap().parse().unwrap()
}

#[test]
fn month_ticks_stand_at_the_first_of_each_month() {
    let doc = chart(&["--data", &fixture(DAILY), "chart", "cumulative"]);
    const MONTHS: [(&str, f64); 12] = [
        ("Jan", 31.0),
        ("Feb", 28.0),
        ("Mar", 31.0),
        ("Apr", 30.0),
        ("May", 31.0),
        ("Jun", 30.0),
        ("Jul", 31.0),
        ("Aug", 31.0),
        ("Sep", 30.0),
        ("Oct", 31.0),
        ("Nov", 30.0),
        ("Dec", 31.0),
    ];
    // Each month's name once, centred on its tick, in order.
    let ticks: Vec<(String, f64)> = doc
        .iter()
        .filter(|e| e.name == "text" && MONTHS.iter().any(|m| m.0 == e.text.trim()))
        .map(|e| {
            assert_eq!(e.attr("text-anchor"), Some("middle"), "{e:?}");
            (e.text.trim().to_string(), number(e, "x"))
        })
        .collect();
    let names: Vec<&str> = ticks.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(names, MONTHS.map(|m| m.0));
    // On a day axis the space between two month starts is the first month's length: the
    // pixels per day are the same for every month (within rounding to a pixel), so every tick
    // is on a 1st. Ticks every ~30 days, or at the month a tick falls in, fail this.
    let per_day: Vec<f64> = ticks
        .windows(2)
        .zip(MONTHS)
        .map(|(w, (_, days))| (w[1].1 - w[0].1) / days)
        .collect();
    let mean = per_day.iter().sum::<f64>() / per_day.len() as f64;
    for (i, p) in per_day.iter().enumerate() {
        assert!(
            (p - mean).abs() * 31.0 <= 1.5,
            "{}: {p} px a day against {mean}: {ticks:?}",
            MONTHS[i].0
        );
    }
    // 1 January is the left end of the axis: the first point of every line is there.
    let first_points: Vec<f64> = doc
        .iter()
        // The years' lines, not the axes' black tick marks or the legend's two-point swatches.
        .filter(|e| e.name == "polyline" && e.attr("stroke") != Some("#000000"))
        .filter_map(|e| e.attr("points"))
        .filter(|p| p.split_whitespace().count() > 2)
        .filter_map(|p| p.split_whitespace().next())
        .filter_map(|xy| xy.split(',').next())
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(first_points.len(), 6);
    for x in first_points {
        assert!((x - ticks[0].1).abs() <= 1.0, "{x} against {ticks:?}");
    }
}

/// The three charts of the documentation, as SVG, and their alt text.
fn the_three_charts() -> Vec<(Vec<&'static str>, Vec<Element>, String)> {
    let daily = Box::leak(fixture(DAILY).into_boxed_str()) as &str;
    let irr = Box::leak(fixture("detailed/irr_d01.csv").into_boxed_str()) as &str;
    [
        vec!["--data", daily, "chart", "cumulative"],
        vec!["--data", daily, "chart", "monthly"],
        vec!["--data", irr, "chart", "top", "--period", "2023"],
    ]
    .into_iter()
    .map(|args| {
        let doc = chart(&args);
        let alt = migstats()
            .args(&args)
            .args(["--format", "alt"])
            .output()
            .unwrap();
        assert!(alt.status.success(), "{alt:?}");
        let alt = String::from_utf8(alt.stdout)
            .unwrap()
            .trim_end()
            .to_string();
        (args, doc, alt)
    })
    .collect()
}

#[test]
fn every_chart_has_a_title_a_description_a_subtitle_and_a_source_with_its_label() {
    for (args, doc, alt) in the_three_charts() {
        // The root is an image named by its <title> and <desc>, which come first.
        assert_eq!(doc[0].attr("role"), Some("img"), "{args:?}");
        assert_eq!(doc[1].name, "title", "{args:?}");
        assert_eq!(doc[2].name, "desc", "{args:?}");
        let title = doc[1].text.trim();
        let desc = doc[2].text.trim();
        let t = texts(&doc);
        // The title drawn is the <title>; the <desc> is `--format alt`: the chart's type and
        // its finding, in one or two sentences.
        assert!(t.iter().any(|x| x == title), "{args:?}: {title}");
        assert_eq!(desc, alt, "{args:?}");
        assert!(
            ["Line chart", "Column chart", "Bar chart"]
                .iter()
                .any(|k| desc.starts_with(k)),
            "{desc}"
        );
        assert!(
            (1..=2).contains(&desc.matches(". ").count().max(1)),
            "{desc}"
        );
        let joined = t.join(" ");
        let label = if args.contains(&"top") {
            "(accredited official statistics)"
        } else {
            "data to 20 August 2026 (provisional management information)"
        };
        assert!(joined.contains(label), "{args:?}: {t:?}");
        assert!(
            joined.contains(
                "Contains public sector information licensed under the Open Government Licence v3.0."
            ),
            "{t:?}"
        );
        // The subtitle says what is counted and in what unit.
        assert!(joined.contains("(people)"), "{args:?}: {t:?}");
        // No text smaller than 12 px.
        for e in doc.iter().filter(|e| e.name == "text") {
            let size = number(e, "font-size");
            assert!(size >= 12.0, "{args:?}: {size} px for {:?}", e.text.trim());
        }
    }
}

#[test]
fn months_stand_apart_and_a_partial_month_is_marked() {
    let doc = chart(&["--data", &fixture(DAILY), "chart", "monthly"]);
    let bars = |fill: &str| -> Vec<&Element> {
        let mut bars: Vec<&Element> = doc
            .iter()
            .filter(|e| e.name == "rect" && e.attr("fill") == Some(fill))
            // The legend's swatches are 12 px wide.
            .filter(|e| number(e, "width") > 13.0)
            .collect();
        bars.sort_by(|a, b| number(a, "x").total_cmp(&number(b, "x")));
        bars
    };
    let (current, previous) = (bars("#0072B2"), bars("#E69F00"));
    assert_eq!((current.len(), previous.len()), (12, 12));
    // Within a month the two bars touch; between months there is a gap.
    for i in 0..12 {
        let end = number(previous[i], "x") + number(previous[i], "width");
        assert!((number(current[i], "x") - end).abs() <= 1.0, "month {i}");
    }
    for i in 0..11 {
        let end = number(current[i], "x") + number(current[i], "width");
        let gap = number(previous[i + 1], "x") - end;
        assert!(gap >= 8.0, "between months {i} and {}: {gap} px", i + 1);
    }
    // August 2026 (to the 20th) is lighter, outlined, and the legend says why.
    let faint = |e: &Element| e.attr("opacity").map_or(1.0, |o| o.parse().unwrap()) < 0.5;
    assert!(faint(current[11]) && faint(previous[11]));
    assert!(current[..11].iter().all(|e| !faint(e)));
    let outlined = doc
        .iter()
        .filter(|e| e.name == "rect" && e.attr("stroke") == Some("#0072B2"))
        .count();
    assert!(outlined >= 1);
    // Hatched over, so it reads without colour: a hatched rect on each of its two bars.
    let hatched: Vec<f64> = doc
        .iter()
        .filter(|e| e.name == "rect" && e.attr("fill") == Some("url(#partial-hatch)"))
        .map(|e| number(e, "x"))
        .collect();
    assert!(
        doc.iter()
            .any(|e| e.name == "pattern" && e.attr("id") == Some("partial-hatch"))
    );
    for bar in [current[11], previous[11]] {
        assert!(hatched.contains(&number(bar, "x")), "{hatched:?}");
    }
    assert_eq!(
        hatched.len(),
        3,
        "two bars and the legend swatch: {hatched:?}"
    );
    let t = texts(&doc);
    assert!(
        t.iter()
            .any(|x| x == "Aug 2026: partial month, against the same days a year earlier"),
        "{t:?}"
    );
    // A month that is whole is not marked.
    let whole = chart(&[
        "--data",
        &fixture(DAILY),
        "chart",
        "monthly",
        "--period",
        "2025",
    ]);
    assert!(!texts(&whole).iter().any(|x| x.contains("partial")));
}

#[test]
fn chart_data_as_datawrapper_reads_it_with_a_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let daily = fixture(DAILY);
    let path = dir.path().join("monthly.csv");
    let out = migstats()
        .args(["--data", &daily, "chart", "monthly", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty());
    let mut reader = csv::Reader::from_path(&path).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["month", "Small boat arrivals", "Same month a year earlier"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // The same months and values as `series --by month`.
    let series = json(&[
        "--data", &daily, "series", "--by", "month", "--format", "json",
    ]);
    let months = series["rows"].as_array().unwrap();
    let months = &months[months.len() - 12..];
    assert_eq!(rows.len(), 12);
    for (row, month) in rows.iter().zip(months) {
        let first = chrono::NaiveDate::parse_from_str(&row[0], "%Y-%m-%d").unwrap();
        assert_eq!(
            first.to_string(),
            month["period"]["start"].as_str().unwrap()
        );
        assert_eq!(
            row[1].parse::<f64>().unwrap(),
            month["value"].as_f64().unwrap()
        );
        assert_eq!(
            row[2].parse::<f64>().unwrap(),
            month["previous"]["value"].as_f64().unwrap()
        );
    }
    let side: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("monthly.json")).unwrap()).unwrap();
    assert_eq!(
        side["title"],
        "Small boat arrivals by month, September 2025 to August 2026"
    );
    for key in ["intro", "source", "alt_text"] {
        assert!(
            side[key].as_str().is_some_and(|s| !s.is_empty()),
            "{key}: {side}"
        );
    }
    assert!(
        side["source"]
            .as_str()
            .unwrap()
            .contains("provisional management information")
    );
    assert_eq!(
        side["notes"][0],
        "August 2026 is partial: to 20 August, against the same days a year earlier."
    );
    // Running totals: a date column in the latest year, one column per year; a year stops
    // where its data do.
    let path = dir.path().join("cumulative.csv");
    let out = migstats()
        .args(["--data", &daily, "chart", "cumulative", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["date", "2021", "2022", "2023", "2024", "2025", "2026"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 365);
    let last = rows.iter().rev().find(|r| !r[6].is_empty()).unwrap();
    assert_eq!((&last[0], &last[6]), ("2026-08-20", "15897"));
    assert_eq!(&rows[364][5], "41472", "2025's total on 31 December");
    // 2024, a leap year, by date: its total on 31 December (its 366th day).
    assert_eq!(&rows[364][4], "36816", "2024's total on 31 December");
    assert_eq!(&rows[58][0], "2026-02-28");
    // --format csv on stdout: the data, no sidecar.
    let out = migstats()
        .args(["--data", &daily, "chart", "top", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "the daily file has no nationalities"
    );
    let out = migstats()
        .args([
            "--data",
            &fixture("detailed/irr_d01.csv"),
            "chart",
            "top",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "nationality,Small boat arrivals,Share of the total (%)\nAfghanistan,5545,39.89"
        ),
        "{text}"
    );
}

#[test]
fn alt_text_is_for_charts_only() {
    let out = migstats()
        .args(["summary", "--format", "alt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format alt applies only to chart"));
}
