//! The daily reader and the figures derived from it.

use super::*;

const CSV: &str = "Date,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Notes\n\
    2024-01-01T00:00:00,10,1,-\n\
    2024-01-02T00:00:00,0,0,-\n\
    2024-01-03T00:00:00,-,-,-\n\
    2024-01-04T00:00:00,30,2,0,Revised\n";

fn series(text: &str) -> DailySeries {
    from_csv("t.csv", text.as_bytes(), &Limits::default())
        .unwrap()
        .unwrap()
}

fn p(a: &str, b: &str) -> Period {
    Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap()
}

#[test]
fn dashes_are_not_available_not_zero() {
    let s = series(CSV);
    let t = s.totals(&p("2024-01-01", "2024-01-02")).unwrap();
    assert_eq!((t.people, t.boats, t.line), (Some(10), Some(1), 3));
    let t = s.totals(&p("2024-01-01", "2024-01-04")).unwrap();
    assert_eq!((t.people, t.boats), (None, None));
    let t = s.totals(&p("2024-01-04", "2024-01-04")).unwrap();
    assert_eq!(t.people, Some(30));
}

#[test]
fn periods_beyond_the_file_are_not_derived() {
    let s = series(CSV);
    assert_eq!(s.totals(&p("2023-12-31", "2024-01-02")), None);
    assert_eq!(s.totals(&p("2024-01-04", "2024-01-05")), None);
}

#[test]
fn a_gap_in_the_days_is_not_summed_over() {
    let s = series("Date,Migrants arrived,Boats arrived\n2024-01-01,1,1\n2024-01-03,1,1\n");
    assert_eq!(s.totals(&p("2024-01-01", "2024-01-03")), None);
}

#[test]
fn the_weekly_sheet_is_read_as_weeks() {
    let text = "Week ending,Migrants arrived,Boats arrived\n2025-01-05,3,1\n";
    let source = crate::loader::source::Source::from_bytes(
        "w.csv",
        text.as_bytes().to_vec(),
        Default::default(),
    )
    .unwrap();
    let input = crate::loader::read_source(source, &LoadOptions::default()).unwrap();
    let got: Vec<(&str, f64)> = input
        .figures
        .iter()
        .map(|f| (f.id.as_str(), f.value))
        .collect();
    assert_eq!(
        got,
        [
            ("sb02-small-boat-arrivals-week-2025-01-05", 3.0),
            ("sb02-small-boats-week-2025-01-05", 1.0)
        ]
    );
    assert_eq!(input.figures[0].period, p("2024-12-30", "2025-01-05"));
}

#[test]
fn other_csvs_are_left_to_the_figures_reader() {
    let figures = "id,metric,country\n";
    assert_eq!(
        from_csv("t.csv", figures.as_bytes(), &Limits::default()).unwrap(),
        None
    );
    assert_eq!(
        from_csv("t.csv", &b""[..], &Limits::default()).unwrap(),
        None
    );
}

#[test]
fn bad_cells_are_reported_with_line_and_column() {
    let err = from_csv(
        "t.csv",
        "Date,Migrants arrived,Boats arrived\n2024-01-01,1,1\nsoon,2,1\n2024-01-03,1.5,1\n2024-01-02,1,1\n"
            .as_bytes(),
        &Limits::default(),
    )
    .unwrap_err()
    .messages();
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(
        err[0].starts_with("t.csv:3:1: 'soon' is not a date"),
        "{err:?}"
    );
    assert!(
        err[1].starts_with("t.csv:4:2: Migrants arrived '1.5'"),
        "{err:?}"
    );
    assert!(
        err[2].starts_with("t.csv:5:1: date 2024-01-02 does not follow 2024-01-03"),
        "{err:?}"
    );
}

#[test]
fn standard_periods_for_an_as_of_date() {
    let s = series("Date,Migrants arrived,Boats arrived\n2022-12-31,1,1\n2025-08-15,1,1\n");
    let got = s.standard_periods("2025-08-15".parse().unwrap());
    assert_eq!(
        got,
        vec![
            p("2022-01-01", "2022-12-31"),
            p("2023-01-01", "2023-12-31"),
            p("2024-01-01", "2024-12-31"),
            p("2023-08-16", "2024-08-15"),
            p("2024-08-16", "2025-08-15"),
            p("2024-01-01", "2024-08-15"),
            p("2025-01-01", "2025-08-15"),
        ]
    );
}

#[test]
fn twelve_months_to_the_end_of_february_are_a_year_ending_february() {
    let s = series("Date,Migrants arrived,Boats arrived\n2022-12-31,1,1\n2025-02-28,1,1\n");
    let got = s.standard_periods("2025-02-28".parse().unwrap());
    // 365 days, labelled as such, and compared with the year to 29 February 2024.
    assert!(got.contains(&p("2024-03-01", "2025-02-28")), "{got:?}");
    assert!(got.contains(&p("2023-03-01", "2024-02-29")), "{got:?}");
    assert_eq!(
        p("2024-03-01", "2025-02-28").label(),
        "year ending February 2025"
    );
    // The year to date keeps its dates.
    assert!(got.contains(&p("2024-01-01", "2024-02-28")), "{got:?}");
}

#[test]
fn marks_are_the_buckets_inside_each_figure_summed_alike() {
    // 3 January has no counts: no mark for it, and none for a week holding it.
    let s = series(CSV);
    let options = LoadOptions {
        periods: vec![p("2024-01-01", "2024-01-02"), p("2024-01-04", "2024-01-04")],
        ..Default::default()
    };
    let figures = s.figures(&options).unwrap();
    let figures: Vec<&Figure> = figures.iter().collect();
    let days = s.marks(&figures, Bucket::Day);
    let got: Vec<(String, f64)> = days
        .iter()
        .filter(|f| f.unit == Unit::People)
        .map(|f| (f.period.start.to_string(), f.value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024-01-01".to_string(), 10.0),
            ("2024-01-02".to_string(), 0.0),
            ("2024-01-04".to_string(), 30.0),
        ]
    );
    assert!(days.iter().all(|f| f.origin.file == "t.csv"));
    // A week's marks are cut to each figure: never the whole week 1–7 January.
    let weeks: Vec<Period> = s
        .marks(&figures, Bucket::Week)
        .iter()
        .filter(|f| f.unit == Unit::People)
        .map(|f| f.period)
        .collect();
    assert_eq!(
        weeks,
        vec![p("2024-01-01", "2024-01-02"), p("2024-01-04", "2024-01-04")]
    );
}

#[test]
fn figures_are_exact_with_unique_ids_and_no_ratio_without_boats() {
    let s = series(
        "Date,Migrants arrived,Boats arrived\n2023-01-01,0,0\n2023-01-02,40,1\n2024-01-01,0,0\n2024-01-02,90,2\n",
    );
    // Only the two-day spans are fully covered; ask for them explicitly.
    let options = LoadOptions {
        as_of: Some("2024-01-02".parse().unwrap()),
        periods: vec![p("2023-01-01", "2023-01-02"), p("2023-01-01", "2023-01-01")],
        ..Default::default()
    };
    let figs = s.figures(&options).unwrap();
    let ids: Vec<&str> = figs.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "small-boat-arrivals-2023-01-01-to-2023-01-01",
            "small-boat-arrivals-2023-01-01-to-2023-01-02",
            "small-boat-arrivals-2024-01-01-to-2024-01-02",
            "small-boats-2023-01-01-to-2023-01-01",
            "small-boats-2023-01-01-to-2023-01-02",
            "small-boats-2024-01-01-to-2024-01-02",
            "people-per-boat-2023-01-01-to-2023-01-02",
            "people-per-boat-2024-01-01-to-2024-01-02",
        ]
    );
    let ratio = figs
        .iter()
        .find(|f| f.id == "people-per-boat-2024-01-01-to-2024-01-02")
        .unwrap();
    assert_eq!(
        (ratio.value, ratio.unit, ratio.rounded_to),
        (45.0, Unit::Ratio, NOT_ROUNDED)
    );
    assert!(figs.iter().all(|f| f.qualifier == Qualifier::Exact
        && f.source == "Home Office"
        && f.country == "all"));
}

#[test]
fn as_of_outside_the_file_is_refused() {
    let s = series(CSV);
    assert!(s.as_of(Some("2024-01-05".parse().unwrap())).is_err());
    assert!(s.as_of(Some("2023-12-31".parse().unwrap())).is_err());
    assert_eq!(
        s.as_of(None).unwrap(),
        "2024-01-04".parse::<NaiveDate>().unwrap()
    );
}
