//! The JSON Schemas shipped in docs/schema/ are the generated ones, and every command's real
//! output validates against its schema.

use crate::common::{fixture, migstats};

const JSON_COMMANDS: [&str; 8] = [
    "summary", "figures", "changes", "check", "sources", "validate", "top", "series",
];

fn schema_of(cmd: &str) -> serde_json::Value {
    let out = migstats().args(["schema", cmd]).output().unwrap();
    assert!(out.status.success());
    let shipped = std::fs::read(format!(
        "{}/docs/schema/{cmd}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert!(
        shipped == out.stdout,
        "docs/schema/{cmd}.json is stale: run `cargo run -- schema {cmd} > docs/schema/{cmd}.json`"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn output_of(args: &[&str]) -> serde_json::Value {
    let out = migstats().args(args).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn real_output_validates_against_the_shipped_schema() {
    let inconsistent = fixture("inconsistent_claim.csv");
    let d01 = fixture("detailed/irr_d01.csv");
    let d03 = fixture("detailed/irr_d03.csv");
    for cmd in JSON_COMMANDS {
        let validator = jsonschema::validator_for(&schema_of(cmd)).unwrap();
        let mut runs: Vec<Vec<&str>> = vec![
            vec![cmd, "--format", "json"],
            vec!["--data", &inconsistent, cmd, "--format", "json"],
        ];
        if cmd == "validate" {
            runs = vec![vec![cmd, &inconsistent, "--format", "json"]];
        }
        let daily = fixture("Small_boats_time_series_as_of_2026-08-20.ods");
        if cmd == "series" {
            runs = vec![
                vec!["--data", &daily, cmd, "--by", "week", "--format", "json"],
                vec!["--data", &daily, cmd, "--cumulative", "--format", "json"],
                vec![
                    "--data", &daily, cmd, "--month", "8", "--rank", "--format", "json",
                ],
                vec![
                    "--data",
                    &d01,
                    cmd,
                    "--by",
                    "quarter",
                    "--country",
                    "Iraqi",
                    "--format",
                    "json",
                ],
            ];
        }
        if cmd == "top" {
            runs.push(vec!["--data", &d01, cmd, "--format", "json"]);
            runs.push(vec![
                "--data",
                &d03,
                cmd,
                "--metric",
                "initial_grant_rate",
                "--format",
                "json",
            ]);
            // The made-up claims have no nationality for small boat arrivals.
            runs.retain(|r| !r.contains(&inconsistent.as_str()));
        }
        for args in runs {
            let doc = output_of(&args);
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        }
    }
}

#[test]
fn revisions_output_validates_and_the_fetch_schema_is_shipped() {
    // fetch needs a server: its output is validated in fetch.rs.
    schema_of("fetch");
    let validator = jsonschema::validator_for(&schema_of("revisions")).unwrap();
    let old = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let new = fixture("Small_boats_time_series_as_of_2026-08-20.ods");
    let doc = output_of(&["revisions", &old, &new, "--format", "json"]);
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_schema_rejects_a_broken_document() {
    let validator = jsonschema::validator_for(&schema_of("summary")).unwrap();
    let mut doc = output_of(&["summary", "--format", "json"]);
    assert!(validator.is_valid(&doc));
    doc["rows"][0]["change"]["percent_range"] = serde_json::json!("wide");
    assert!(!validator.is_valid(&doc));
    let mut doc = output_of(&["summary", "--format", "json"]);
    doc["schema_version"] = serde_json::json!(2);
    assert!(!validator.is_valid(&doc), "schema_version is pinned");
}
