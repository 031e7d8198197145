//! `fetch` against servers and neighbours that do not play fair: a body that trickles in, a
//! fetch killed halfway, two fetches on one cache at once. The local server is the one in
//! `fetch.rs`; nothing here touches the internet.

use crate::common::{fixture, migstats};
use crate::fetch::{
    NOV, PAGE, Reply, cache_with_earlier_release, fails, fetch, fetch_command, ods, page,
    publishing, serve, snapshot,
};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

/// The `.partial-*` files in a cache.
fn partials(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.starts_with(".partial-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_body_sent_a_byte_at_a_time_is_cut_off_at_the_overall_deadline() {
    // Each read is answered well within the timeout, so only a deadline on the whole download
    // stops it; at this pace the file would take hours. The guard below only keeps a broken
    // build from hanging the suite.
    let server = publishing(Reply::Trickle(ods(NOV), Duration::from_millis(200)));
    let cache = tempfile::tempdir().unwrap();
    let out = fetch_command(&server, cache.path(), &["--timeout", "1"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    fails(
        &out,
        &format!("{}/media/1/nov.ods", server.base),
        "bytes (not finished within 1 s) (the server is too slow or stalling",
    );
    assert!(partials(cache.path()).is_empty());
}

#[test]
fn a_killed_fetch_leaves_no_partial_file_once_the_next_fetch_has_run() {
    let slow = publishing(Reply::Trickle(ods(NOV), Duration::from_millis(200)));
    let cache = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_migstats"))
        .env("MIGSTATS_GOVUK_URL", &slow.base)
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .args(["fetch", "small-boats", "--timeout", "60", "--cache-dir"])
        .arg(cache.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait (a bounded number of polls) until the download has a temporary file, then kill it.
    let mut polls = 0;
    while partials(cache.path()).is_empty() && polls < 300 {
        std::thread::sleep(Duration::from_millis(20));
        polls += 1;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(partials(cache.path()).len(), 1, "the kill came too early");

    let good = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let out = fetch(&good, cache.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(partials(cache.path()), Vec::<String>::new());
    assert!(cache.path().join(NOV).exists());
}

/// Two datasets fetched at once into one cache, 20 times over: each process reads the
/// manifest, adds its entry and writes it back, so without a lock one entry can be lost.
#[test]
fn two_fetches_at_once_on_one_cache_both_keep_their_manifest_entry() {
    const TABLES: &str =
        "/api/content/government/statistical-data-sets/immigration-system-statistics-data-tables";
    let returns = "returns-datasets-dec-2025.xlsx";
    let size = ods(NOV).len();
    let xlsx = crate::fetch::xlsx("Data_Ret_D01");
    let xlsx_size = xlsx.len();
    let server = serve(move |base| {
        let tables = page(base, &[(returns, "/media/3/r.xlsx", xlsx_size)]);
        HashMap::from([
            (
                PAGE.to_string(),
                page(base, &[(NOV, "/media/1/nov.ods", size)]),
            ),
            ("/media/1/nov.ods".to_string(), Reply::Ok("x", ods(NOV))),
            (TABLES.to_string(), tables),
            ("/media/3/r.xlsx".to_string(), Reply::Ok("x", xlsx)),
        ])
    });
    for run in 0..20 {
        let cache = tempfile::tempdir().unwrap();
        let spawn = |dataset: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_migstats"))
                .env("MIGSTATS_GOVUK_URL", &server.base)
                .env_remove("HTTP_PROXY")
                .env_remove("http_proxy")
                .env_remove("ALL_PROXY")
                .args(["fetch", dataset, "--cache-dir"])
                .arg(cache.path())
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn("small-boats"));
            let b = s.spawn(|| spawn("returns"));
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        for out in [&a, &b] {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(cache.path().join("manifest.json")).unwrap())
                .unwrap();
        let mut names: Vec<&str> = manifest["releases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["filename"].as_str().unwrap())
            .collect();
        names.sort_unstable();
        assert_eq!(names, [NOV, returns], "run {run}");
    }
}

/// A hostile workbook published as the release is read as `--data` reads it: refused with the
/// message `--data` gives for the same file (the URL in place of its name), and nothing of it
/// is kept in the cache.
#[test]
fn a_hostile_release_is_refused_with_the_data_message_and_not_stored() {
    for name in [
        "xlsx-shared-strings-case-twin.xlsx",
        "zip-overlapping-entries.xlsx",
        "xlsx-row-of-20000-cells.xlsx",
        "ods-text-s-1e9.ods",
        "ods-repeat-16384-columns-5000-rows.ods",
        "ods-unclosed-annotation.ods",
    ] {
        let path = fixture(&format!("hostile/{name}"));
        let data = migstats()
            .args(["--data", &path, "summary"])
            .output()
            .unwrap();
        assert_eq!(data.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8(data.stderr).unwrap();
        // What follows the file's name (a sheet in brackets included).
        let reason = stderr
            .strip_prefix(&format!("migstats: error: {path}"))
            .unwrap_or_else(|| panic!("{name}: {stderr}"))
            .to_string();
        let body = std::fs::read(&path).unwrap();
        let size = body.len();
        let server = serve(move |base| {
            HashMap::from([
                (
                    PAGE.to_string(),
                    page(base, &[(NOV, "/media/1/nov.ods", size)]),
                ),
                (
                    "/media/1/nov.ods".to_string(),
                    Reply::Ok("application/octet-stream", body),
                ),
            ])
        });
        let cache = cache_with_earlier_release();
        let before = snapshot(cache.path());
        let out = fetch(&server, cache.path(), &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("migstats: error: {}/media/1/nov.ods{reason}", server.base),
            "{name}"
        );
        assert_eq!(snapshot(cache.path()), before, "{name}");
    }
}
