//! Every check carries its receipt: the release, file (base name) and sha256, sheet, statistics
//! label, the rows summed and the arithmetic; in JSON, CSV (read back as figures), the text
//! paragraphs and the table's notes.

use crate::common::{fixture, migstats};
use sha2::{Digest, Sha256};

const SENTENCE: &str = "More than 27,000 people have made the dangerous journey so far this year, \
                        up from around 18,000 in the same period last year";
const ODS: &str = "14_November_2025_Small_boats_-_time_series.ods";

fn sha256(path: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn claim(args: &[&str], sentence: &str, date: &str, against: &str) -> std::process::Output {
    let mut cmd = migstats();
    cmd.args([
        "check",
        "--claim",
        sentence,
        "--date",
        date,
        "--against",
        against,
    ]);
    cmd.args(args);
    cmd.output().unwrap()
}

#[test]
fn a_daily_sum_names_its_release_file_hash_rows_and_arithmetic() {
    let ods = fixture(ODS);
    let out = claim(&["--format", "json"], SENTENCE, "2025-08-20", &ods);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &doc["rows"][0]["receipt"];
    assert_eq!(r["file"], ODS, "a base name, never the path: {r}");
    assert_eq!(r["sha256"], sha256(&ods));
    assert_eq!(r["sheet"], "SB_01");
    assert_eq!(r["statistics"], "provisional management information");
    assert_eq!(
        r["release"],
        "Migrants detected crossing the English Channel in small boats"
    );
    assert_eq!(r["rows"]["rows_are"], "day");
    assert_eq!(r["rows"]["first"], "2025-01-01");
    assert_eq!(r["rows"]["last"], "2025-08-19");
    assert_eq!(r["rows"]["count"], 231);
    assert_eq!(r["arithmetic"], "sum of 231 days = 27,997");
    assert_eq!(r["official"], 27_997.0);
    assert_eq!(r["stated_range"]["low"], 27_000.0);
    assert_eq!(r["difference"], 997.0);
    // The year before: 1 Jan – 19 Aug 2024 is 232 days (29 February).
    assert_eq!(doc["rows"][1]["receipt"]["rows"]["count"], 232);
    // The same hash in the dataset's sources.
    assert_eq!(doc["dataset"]["sources"][0]["sha256"], sha256(&ods));

    // The table shows it as notes under the rows, with no path.
    let out = claim(&[], SENTENCE, "2025-08-20", &ods);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("Arithmetic: sum of 231 days = 27,997.")
            && table.contains("Rows: 1 Jan 2025 to 19 Aug 2025, 231 days")
            && table.contains("provisional management information"),
        "{table}"
    );
    assert!(!table.contains("tests/fixtures"), "{table}");
}

#[test]
fn a_rate_from_a_quarterly_table_shows_grants_over_decisions() {
    let csv = fixture("detailed/asy_d02_from_grant_rates.csv");
    let sentence = "The initial grant rate for Iraqi asylum seekers was around 50% in 2022";
    let out = claim(&["--format", "json"], sentence, "2023-03-01", &csv);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &doc["rows"][0]["receipt"];
    assert_eq!(r["sheet"], "Asy_D02");
    assert_eq!(r["statistics"], "accredited official statistics");
    assert_eq!(r["rows"]["rows_are"], "quarter");
    assert_eq!(r["rows"]["first"], "2022 Q1");
    assert_eq!(r["rows"]["last"], "2022 Q4");
    assert_eq!(r["rows"]["count"], 4);
    assert_eq!(r["arithmetic"], "grants 594 ÷ (594 + 474) decided = 55.6%");
    let text = claim(&["--format", "text"], sentence, "2023-03-01", &csv);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("is 5.6 percentage points above the stated 50.0%"),
        "{text}"
    );
}

#[test]
fn the_claims_csv_carries_the_verdict_and_still_reads_back_as_figures() {
    let ods = fixture(ODS);
    let out = claim(&["--format", "csv"], SENTENCE, "2025-08-20", &ods);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let get = |row: usize, name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        rows[row][i].to_string()
    };
    assert_eq!(get(0, "status"), "consistent");
    assert_eq!(get(0, "data_value"), "27997");
    assert_eq!(get(0, "difference"), "997");
    assert_eq!(get(1, "status"), "inconsistent");
    assert!(get(1, "cutoffs").contains("2024-08-14..2024-08-19 inconsistent"));
    assert_eq!(get(0, "sha256"), sha256(&ods));
    assert_eq!(get(0, "rows_count"), "231");
    assert_eq!(get(0, "arithmetic"), "sum of 231 days = 27,997");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.csv");
    std::fs::write(&path, &csv).unwrap();
    let back = migstats()
        .args([
            "--data",
            path.to_str().unwrap(),
            "figures",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    assert!(String::from_utf8(back.stdout).unwrap().contains("s1-1"));
}

#[test]
fn the_text_paragraph_is_copy_ready_with_the_caveats_and_the_licence() {
    let ods = fixture(ODS);
    let out = claim(&["--format", "text"], SENTENCE, "2025-08-20", &ods);
    let text = String::from_utf8(out.stdout).unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    assert_eq!(paragraphs.len(), 2, "{text}");
    assert!(paragraphs[0].starts_with(
        "The claim “More than 27,000” about small boat arrivals between 1 January and 19 \
         August 2025 is consistent with the official figure of 27,997."
    ));
    assert!(paragraphs[1].contains("does not match the official figure of 19,294"));
    assert!(paragraphs[1].contains("The verdict varies with the last day counted"));
    for p in &paragraphs {
        assert!(p.contains("provisional"), "{p}");
        assert!(
            p.ends_with(
                "Contains public sector information licensed under the Open Government Licence v3.0."
            ),
            "{p}"
        );
        assert!(!p.contains("s1-") && !p.contains("tests/fixtures"), "{p}");
    }
}

#[test]
fn a_count_from_a_quarterly_table_sums_its_quarters() {
    let csv = fixture("detailed/ret_d01_synthetic.csv");
    let out = claim(
        &["--format", "text"],
        "About 1,200 people were returned in 2021",
        "2022-03-01",
        &csv,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "The claim “About 1,200” about returns in 2021 is consistent with the official \
             figure of 1,185. The official figure (sum of 4 quarters = 1,185) is 15 below the \
             stated 1,200; the wording allows 1,150 to 1,250. Source: Home Office, Returns \
             detailed dataset, Ret_D01."
        ),
        "{text}"
    );
    // An exact count has no range worth saying ("294 to 294").
    let out = claim(
        &["--format", "text"],
        "294 people crossed the Channel in small boats in 2018",
        "2019-03-01",
        &fixture("detailed/irr_d01.csv"),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("(sum of 4 quarters = 294) equals the stated value."),
        "{text}"
    );
}

#[test]
fn a_file_read_from_stdin_has_the_sha256_of_its_bytes() {
    // A workbook, an SB_01 CSV and a detailed CSV, each piped in: the same digest as the file.
    for name in [ODS, "SB_01_as_of_2025-11-13.csv", "detailed/irr_d01.csv"] {
        let path = fixture(name);
        let out = migstats()
            .args(["--data", "-", "summary", "--format", "json"])
            .write_stdin(std::fs::read(&path).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            doc["dataset"]["sources"][0]["sha256"],
            sha256(&path).as_str(),
            "{name}"
        );
    }
}
