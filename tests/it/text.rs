//! `--format text`: copy-ready sentences, one per row, each with its source and
//! licence; ranges worded only where a figure was worded, rounded or worked back.

use crate::common::{fixture, migstats};

fn text(args: &[&str]) -> Vec<String> {
    let out = migstats()
        .args(args)
        .args(["--format", "TEXT"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split("\n\n")
        .map(|s| s.trim_end().to_string())
        .collect()
}

const OGL: &str = "Source: Home Office, published under the Open Government Licence v3.0.";

#[test]
fn real_small_boats_figures_read_as_sentences() {
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let s = text(&["--data", &ods, "--as-of", "2025-08-15", "summary"]);
    assert_eq!(s.len(), 6);
    assert_eq!(
        s[0],
        format!(
            "27,997 people crossed the English Channel in small boats between 1 January and \
             15 August 2025, up 50.7% on the same period of 2024 (18,574). {OGL}"
        )
    );
    assert_eq!(
        s[1],
        format!(
            "46,239 people crossed the English Channel in small boats in the 12 months to \
             15 August 2025, up 48.1% on the 12 months to 15 August 2024 (31,221). {OGL}"
        )
    );
}

#[test]
fn worded_figures_give_their_range_and_claims_their_status() {
    let s = text(&["summary"]);
    assert_eq!(s.len(), 5);
    assert_eq!(
        s[0],
        format!(
            "More than 27,000 people crossed the English Channel in small boats between \
             1 January and 15 August 2025, between 45.9% and 60.0% more than the same period \
             of 2024 (around 18,000), given the rounding of the figures. {OGL}"
        )
    );
    // Nationalities read as people; funding *to* Iraq is not a nationality.
    assert!(
        s[1].starts_with("1,900 Iraqi nationals crossed the English Channel in small boats in the year ending March 2025,"),
        "{}",
        s[1]
    );
    assert!(
        s[2].starts_with("The initial grant rate for asylum claims by Iraqi nationals was around 26.0% in the year ending March 2025."),
        "{}",
        s[2]
    );
    assert!(
        s[4].starts_with("The figure for funding (Iraq) was £800,000 in 2024."),
        "{}",
        s[4]
    );
    assert!(
        s[3].contains("(about 30,702, worked back from the stated change)")
            && s[3].contains("The stated change of +14% cannot be checked against the figures."),
        "{}",
        s[3]
    );
}

#[test]
fn top_and_check_sentences() {
    let s = text(&[
        "--data",
        &fixture("detailed/irr_d01.csv"),
        "top",
        "--limit",
        "2",
    ]);
    assert_eq!(
        s[0],
        format!(
            "Afghanistan ranked 1st by small boat arrivals in 2023, with 5,545 (39.9% of \
             13,899), down 39.0% on 2022 (9,088). {OGL}"
        )
    );
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let s = text(&["check", "--against", &ods]);
    assert!(
        s[1].starts_with(
            "The stated figure of around 18,000 for small boat arrivals between 1 January and \
             15 August 2024 does not match the official figure of 18,574 ("
        ),
        "{}",
        s[1]
    );
}
