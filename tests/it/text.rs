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

const OGL: &str = "Source: Home Office. Contains public sector information licensed under the Open Government Licence v3.0.";

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
            "Afghanistan ranked 1st of 5 nationalities by small boat arrivals in 2023, with 5,545 \
             (39.9% of all 13,899), down 39.0% on 2022 (9,088). {OGL}"
        )
    );
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let s = text(&["check", "--against", &ods]);
    let source = "Source: Home Office, small boats time series (provisional), sheet SB_01, to 13 \
                  Nov 2025, release \"Migrants detected crossing the English Channel in small \
                  boats\". Contains public sector information licensed under the Open Government \
                  Licence v3.0.";
    assert_eq!(
        s[1],
        format!(
            "The stated figure of around 18,000 for small boat arrivals between 1 January and \
             15 August 2024 does not match the official figure of 18,574. The official figure \
             (sum of 228 days = 18,574) is 574 above the stated 18,000; the wording allows \
             17,500 to 18,500. The verdict varies with the last day counted: consistent with \
             data to 8–13 Aug 2024; inconsistent with data to 14–22 Aug 2024. {source}"
        )
    );
    // The source once, the licence once, never a path on this machine or an internal id.
    for sentence in &s {
        assert!(sentence.ends_with(source), "{sentence}");
        assert_eq!(sentence.matches("Home Office").count(), 1, "{sentence}");
        assert_eq!(sentence.matches("Licence").count(), 1, "{sentence}");
        assert!(
            !sentence.contains("tests/fixtures") && !sentence.contains(".ods"),
            "{sentence}"
        );
        assert!(!sentence.contains("small-boat-arrivals-"), "{sentence}");
    }
}

#[test]
fn names_that_are_not_nationalities_are_never_ranked_and_one_nationality_is_not_a_ranking() {
    // An Irr_D01 excerpt: two nationalities, and the names the real file holds that are not
    // nationalities.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("irr_d01.csv");
    let mut csv = String::from(
        "\"Irr_D01: Detections of irregular migration to the UK, by method of entry, nationality, sex and age\"\n\
         Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n",
    );
    // Four quarters make the year 2023.
    for q in 1..=4 {
        for (nationality, n) in [
            ("Afghanistan", 500),
            ("Iran", 300),
            ("Not currently recorded", 40),
            ("Stateless", 16),
            ("Refugee", 3),
            ("Other and unknown", 2),
        ] {
            csv.push_str(&format!(
                "2023,2023 Q{q},Small boat arrivals,{nationality},Other,Male,18 to 24,{n}\n"
            ));
        }
    }
    std::fs::write(&path, &csv).unwrap();
    let data = path.to_str().unwrap();
    let s = text(&["--data", data, "top"]);
    assert_eq!(s.len(), 6, "{s:#?}");
    assert!(
        s[1].starts_with(
            "Iran ranked 2nd of 2 nationalities by small boat arrivals in 2023, with 1,200 \
             (34.8% of all 3,444)."
        ),
        "{}",
        s[1]
    );
    let (a, b, c, d) = (&s[2], &s[3], &s[4], &s[5]);
    assert!(
        a.starts_with(
            "160 small boat arrivals in 2023 had no nationality recorded (4.6% of all 3,444)."
        ),
        "{a}"
    );
    assert!(
        b.starts_with("64 small boat arrivals in 2023 were recorded as stateless (1.9%"),
        "{b}"
    );
    assert!(
        c.starts_with(
            "12 small boat arrivals in 2023 were recorded as \"Refugee\", not a nationality"
        ),
        "{c}"
    );
    assert!(d.starts_with("8 small boat arrivals in 2023 were recorded as \"Other and unknown\", not a nationality"), "{d}");
    for sentence in &s[2..] {
        assert!(!sentence.contains("ranked"), "{sentence}");
    }
    // The bundled data hold one nationality: named, not ranked.
    let s = text(&["top"]);
    assert_eq!(s.len(), 1);
    assert!(
        s[0].starts_with(
            "Iraq: 1,900 small boat arrivals in the year ending March 2025, the only nationality \
             with a figure,"
        ),
        "{}",
        s[0]
    );
    assert!(!s[0].contains("ranked"), "{}", s[0]);
}

#[test]
fn a_rate_on_too_few_decisions_says_why_it_is_not_ranked() {
    let s = text(&[
        "--data",
        &fixture("detailed/irr_d03_rates.csv"),
        "top",
        "--metric",
        "initial_grant_rate",
        "--period",
        "year ending June 2023",
    ]);
    let germany = s.iter().find(|x| x.starts_with("Germany")).unwrap();
    assert!(
        germany.starts_with(
            "Germany: the initial grant rate in the year ending June 2023 was 100.0%; not ranked, \
             as it rests on only 1 decision."
        ),
        "{germany}"
    );
    assert!(s.iter().all(|x| !x.contains("ranked 0th")), "{s:#?}");
}
