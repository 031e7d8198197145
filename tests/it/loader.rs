//! Every rule of the figures schema (docs/formats-and-json.md), broken once, must be reported with
//! its line and column.

use migstats::loader::figures_csv::read_figures;

const HEADER: &str = "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note";
const GOOD: &str =
    "a-1,small_boat_arrivals,all,2025-01-01,2025-08-15,27000,people,over,1000,,Home Office,ok";

/// Problems for a file of the header, one good row and `row` on line 3.
fn problems(row: &str) -> Vec<String> {
    let text = format!("{HEADER}\n{GOOD}\n{row}\n");
    match read_figures("t.csv", text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(|p| p.to_string()).collect(),
    }
}

/// The row with one field replaced.
fn with(column: usize, value: &str) -> String {
    let mut fields: Vec<String> = GOOD.split(',').map(String::from).collect();
    fields[0] = "a-2".to_string();
    fields[column] = value.to_string();
    fields.join(",")
}

fn assert_one(row: &str, at: &str, what: &str) {
    let p = problems(row);
    assert_eq!(p.len(), 1, "{row}: {p:?}");
    assert!(
        p[0].starts_with(at),
        "{row}: expected at {at}, got {}",
        p[0]
    );
    assert!(
        p[0].contains(what),
        "{row}: expected '{what}', got {}",
        p[0]
    );
}

#[test]
fn good_file_loads() {
    assert_eq!(problems(&with(0, "a-2")), Vec::<String>::new());
}

#[test]
fn id_rules() {
    assert_one(
        &with(0, "Bad_Id"),
        "t.csv:3:1:",
        "is not of the form [a-z0-9-]+",
    );
    assert_one(
        "a-1,small_boat_arrivals,all,2025-01-01,2025-08-15,1,people,over,1000,,HO,",
        "t.csv:3:1:",
        "duplicate id 'a-1' (first used on line 2)",
    );
    assert_one(&with(0, ""), "t.csv:3:1:", "id is empty");
}

#[test]
fn metric_and_country_rules() {
    assert_one(
        &with(1, "small-boats"),
        "t.csv:3:2:",
        "metric 'small-boats'",
    );
    assert_one(&with(2, ""), "t.csv:3:3:", "country is empty");
}

#[test]
fn date_rules() {
    assert_one(&with(3, "15/08/2025"), "t.csv:3:4:", "YYYY-MM-DD");
    assert_one(&with(3, "2025-02-30"), "t.csv:3:4:", "not a real date");
    assert_one(&with(4, "2024-12-31"), "t.csv:3:5:", "before period_start");
}

#[test]
fn value_rules() {
    assert_one(&with(5, "-1"), "t.csv:3:6:", "negative");
    assert_one(&with(5, "NaN"), "t.csv:3:6:", "not a finite number");
    assert_one(&with(5, "inf"), "t.csv:3:6:", "not a finite number");
    assert_one(&with(5, "1e400"), "t.csv:3:6:", "not a finite number");
    assert_one(&with(5, "lots"), "t.csv:3:6:", "not a number");
    let pct = "a-2,initial_grant_rate,Iraq,2025-01-01,2025-08-15,101,percent,about,1,,HO,";
    assert_one(pct, "t.csv:3:6:", "over 100");
}

#[test]
fn enum_rules() {
    assert_one(&with(6, "persons"), "t.csv:3:7:", "unknown unit 'persons'");
    assert_one(
        &with(7, "roughly"),
        "t.csv:3:8:",
        "unknown qualifier 'roughly'",
    );
}

#[test]
fn rounding_and_claim_rules() {
    // 0 = not rounded, for exact figures only ("more than 27,000" needs its step).
    assert_one(
        &with(8, "0"),
        "t.csv:3:9:",
        "rounded_to 0 (not rounded) is only for exact figures",
    );
    assert_one(&with(8, "-5"), "t.csv:3:9:", "rounded_to -5 is negative");
    let exact = "a-2,small_boats,all,2025-01-01,2025-08-15,435,boats,exact,0,,HO,";
    assert_eq!(problems(exact), Vec::<String>::new());
    let figures = read_figures("t.csv", format!("{HEADER}\n{exact}\n").as_bytes()).unwrap();
    assert!(!figures[0].is_rounded());
    assert_eq!(
        (
            figures[0].stated_range().low,
            figures[0].stated_range().high
        ),
        (435.0, 435.0)
    );
    assert_one(
        &with(9, "x"),
        "t.csv:3:10:",
        "stated_yoy_pct 'x' is not a number",
    );
    assert_one(&with(9, "-100"), "t.csv:3:10:", "fall of 100%");
}

#[test]
fn source_rule() {
    assert_one(&with(10, " "), "t.csv:3:11:", "source is empty");
}

#[test]
fn header_rules() {
    let err = read_figures("t.csv", "id,metric\na,b\n".as_bytes()).unwrap_err();
    assert!(
        err.iter().any(|p| p
            .to_string()
            .starts_with("t.csv:1: missing column 'country'")),
        "{err:?}"
    );
    let err = read_figures("t.csv", format!("{HEADER},extra\n").as_bytes()).unwrap_err();
    assert!(
        err[0]
            .to_string()
            .starts_with("t.csv:1:13: unknown column 'extra'"),
        "{err:?}"
    );
    let err = read_figures("t.csv", "".as_bytes()).unwrap_err();
    assert!(err[0].to_string().contains("the file is empty"), "{err:?}");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = format!("{HEADER}\nBAD,x-y,all,2025-13-01,2025-08-15,-3,people,over,0,,HO,\n");
    let err = read_figures("t.csv", text.as_bytes()).unwrap_err();
    let cols: Vec<_> = err.iter().map(|p| p.location.column).collect();
    assert_eq!(
        cols,
        vec![Some(1), Some(2), Some(4), Some(6), Some(9)],
        "{err:?}"
    );
}

#[test]
fn optional_columns_may_be_left_out() {
    let text = "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,source\nx,m,all,2024-01-01,2024-12-31,5,boats,exact,1,HO\n";
    let figs = read_figures("t.csv", text.as_bytes()).unwrap();
    assert_eq!(figs[0].stated_yoy_pct, None);
    assert_eq!(figs[0].note, None);
}
