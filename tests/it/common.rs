//! Helpers shared by the integration tests.

use assert_cmd::Command;

/// The binary, with a clean environment for deterministic output.
pub fn migstats() -> Command {
    let mut cmd = Command::cargo_bin("migstats").unwrap();
    cmd.env_remove("COLUMNS").env_remove("NO_COLOR");
    cmd
}

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs and parses stdout as JSON, asserting success.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = migstats().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn close(a: &serde_json::Value, b: f64, tol: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() <= tol)
}

/// Figures as (metric, country, start, end) → value, from `figures --format json` with `args`.
pub fn figures(args: &[&str]) -> std::collections::BTreeMap<(String, String, String, String), f64> {
    let doc = json(&[args, &["figures", "--format", "json"]].concat());
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                (
                    r["metric"].as_str().unwrap().to_string(),
                    r["country"].as_str().unwrap().to_string(),
                    r["period"]["start"].as_str().unwrap().to_string(),
                    r["period"]["end"].as_str().unwrap().to_string(),
                ),
                r["value"].as_f64().unwrap(),
            )
        })
        .collect()
}
