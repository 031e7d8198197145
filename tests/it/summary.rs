//! `migstats summary` through the binary, in both formats, with the bundled data.

use crate::common::{close, json, migstats};

fn row<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn json_summary_carries_the_spec_numbers() {
    let doc = json(&["summary", "--format", "json"]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["command"], "summary");
    assert_eq!(doc["dataset"]["name"], "uk-iraq-returns-2025-figures");
    assert_eq!(doc["dataset"]["version"], "1.0.0");
    assert!(!doc["dataset"]["sources"].as_array().unwrap().is_empty());
    // One row per metric and country: crossings, Iraqi arrivals, grant rate, returns, funding.
    assert_eq!(doc["rows"].as_array().unwrap().len(), 5);

    let crossings = row(&doc, "crossings-2025-ytd");
    assert_eq!(crossings["period"]["label"], "1 Jan – 15 Aug 2025");
    assert_eq!(crossings["period"]["start"], "2025-01-01");
    assert_eq!(crossings["previous"]["id"], "crossings-2024-ytd");
    assert_eq!(crossings["change"]["absolute"], 9000.0);
    assert!(close(&crossings["change"]["percent"], 50.0, 1e-9));
    assert!(close(
        &crossings["change"]["percent_range"]["low"],
        45.945_945_9,
        1e-6
    ));
    assert!(close(
        &crossings["change"]["percent_range"]["high"],
        60.0,
        1e-9
    ));

    let iraq = row(&doc, "iraqi-arrivals-ye-mar-2025");
    assert_eq!(iraq["period"]["label"], "year ending March 2025");
    assert_eq!(iraq["change"]["absolute"], -700.0);
    assert!(close(&iraq["change"]["percent"], -26.923_077, 1e-5));
    assert!(close(
        &iraq["change"]["percent_range"]["low"],
        -30.188_679,
        1e-5
    ));
    assert!(close(
        &iraq["change"]["percent_range"]["high"],
        -23.529_412,
        1e-5
    ));

    let grant = row(&doc, "iraqi-grant-rate-ye-mar-2025");
    assert!(grant["previous"].is_null());
    assert!(grant["change"].is_null());
    assert!(
        grant["no_comparison"]
            .as_str()
            .unwrap()
            .contains("no figure")
    );

    let returns = row(&doc, "returns-2024-25");
    assert_eq!(returns["previous"]["kind"], "implied");
    assert_eq!(
        returns["previous"]["period"]["label"],
        "5 Jul 2023 – 4 Jul 2024"
    );
    assert!(close(&returns["previous"]["value"], 30_701.754, 1e-3));
    assert!(close(
        &returns["previous"]["range"]["low"],
        30_567.686,
        1e-3
    ));
    assert!(close(
        &returns["previous"]["range"]["high"],
        31_718.062,
        1e-3
    ));
    assert_eq!(returns["claim"]["stated_yoy_pct"], 14.0);
    assert_eq!(returns["claim"]["status"], "not_checkable");
    // The change worked back from "+14%" stays inside it: +13.5% to +14.5%, and +4,163 to
    // +4,559 (35,000 × 0.135 ÷ 1.135 to 36,000 × 0.145 ÷ 1.145), not +10.3% to +17.8%.
    let change = &returns["change"];
    assert_eq!(change["percent"], 14.0);
    assert_eq!(change["percent_range"]["low"], 13.5);
    assert_eq!(change["percent_range"]["high"], 14.5);
    assert!(close(&change["absolute"], 4_298.246, 1e-3));
    assert!(close(&change["absolute_range"]["low"], 4_162.996, 1e-3));
    assert!(close(&change["absolute_range"]["high"], 4_558.952, 1e-3));

    let funding = row(&doc, "iraq-border-funding-2024");
    assert_eq!(funding["value"], 800_000.0);
    assert_eq!(funding["unit"], "gbp");
}

#[test]
fn table_summary_shows_the_headline_figures() {
    let out = migstats().arg("summary").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        ">27,000",
        "~18,000",
        "+50.0%",
        "+45.9%",
        "+60.0%",
        "-700",
        "-26.9%",
        "-30.2%",
        "-23.5%",
        "~26.0%",
        "~30,702",
        "implied",
        "30,568",
        "31,718",
        "+14%:",
        "checkable",
        "£800,000",
        "ending",
        "March",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    // Piped with COLUMNS unset: the natural layout, one line per line of a cell.
    assert!(text.contains(" 1 Jan – 15 Aug 2025 "), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour codes when piped");
}

#[test]
fn color_always_adds_escape_codes_and_no_color_is_respected() {
    let out = migstats()
        .args(["--color", "always", "summary"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    let out = migstats()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "summary"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}
