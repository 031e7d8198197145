//! `fetch`, the cache and `--data latest:…` against a local HTTP server: a std
//! `TcpListener` in a thread serving Content API JSON written from the documented shape and the
//! real Home Office ODS. `MIGSTATS_GOVUK_URL` points the tool at it; nothing here touches the
//! internet. Every failure must exit 2, name the URL and the fix, and leave the cache as it was.

use crate::common::{fixture, migstats};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub(crate) const NOV: &str = "14_November_2025_Small_boats_-_time_series.ods";
const AUG: &str = "Small_boats_time_series_as_of_2026-08-20.ods";
pub(crate) const PAGE: &str = "/api/content/government/publications/migrants-detected-crossing-the-english-channel-in-small-boats";
/// sha256 of the November 2025 fixture (`sha256sum`).
const NOV_SHA: &str = "a8887dfe05fc093fb99e389f9d433504702b04ce2c8b18e98036b5ce4ab20bb7";

#[derive(Clone)]
pub(crate) enum Reply {
    Ok(&'static str, Vec<u8>),
    Status(u16),
    Redirect(String),
    /// Declares the whole length, sends this many bytes, closes.
    Truncated(Vec<u8>, usize),
    /// Accepts and never answers.
    Hang,
    /// Declares the whole length, then sends one byte per interval until the client leaves.
    Trickle(Vec<u8>, Duration),
}

pub(crate) struct Server {
    pub(crate) base: String,
    /// Every request: path, then `if-none-match` if sent, and a mark if no migstats User-Agent.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// Starts a server; `routes` gets the base URL so pages can list attachments on it.
pub(crate) fn serve(routes: impl FnOnce(&str) -> HashMap<String, Reply>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = Arc::new(routes(&base));
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = Arc::clone(&routes);
            let log = Arc::clone(&log2);
            std::thread::spawn(move || answer(stream, &routes, &log));
        }
    });
    Server { base, log }
}

fn answer(mut stream: TcpStream, routes: &HashMap<String, Reply>, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
    let mut entry = path.clone();
    let mut named = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("if-none-match:") {
            entry.push_str(&format!(" {}", line.trim()));
        }
        // The User-Agent names the tool and its version.
        named |= lower.starts_with("user-agent: migstats/0.");
    }
    if !named {
        entry.push_str(" WITHOUT-USER-AGENT");
    }
    log.lock().unwrap().push(entry);
    let head = |status: &str, extra: &str, len: usize| {
        format!("HTTP/1.1 {status}\r\n{extra}Content-Length: {len}\r\nConnection: close\r\n\r\n")
    };
    let _ = match routes.get(&path).cloned().unwrap_or(Reply::Status(404)) {
        Reply::Ok(ctype, body) => stream
            .write_all(
                head(
                    "200 OK",
                    &format!("Content-Type: {ctype}\r\nETag: \"v1\"\r\n"),
                    body.len(),
                )
                .as_bytes(),
            )
            .and_then(|()| stream.write_all(&body)),
        Reply::Status(code) => stream.write_all(head(&format!("{code} Status"), "", 0).as_bytes()),
        Reply::Redirect(to) => {
            stream.write_all(head("302 Found", &format!("Location: {to}\r\n"), 0).as_bytes())
        }
        Reply::Truncated(body, sent) => stream
            .write_all(head("200 OK", "", body.len()).as_bytes())
            .and_then(|()| stream.write_all(&body[..sent])),
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(10));
            Ok(())
        }
        Reply::Trickle(body, every) => {
            let mut sent = stream.write_all(head("200 OK", "", body.len()).as_bytes());
            for byte in &body {
                if sent.is_err() {
                    break;
                }
                std::thread::sleep(every);
                sent = stream.write_all(&[*byte]).and_then(|()| stream.flush());
            }
            sent
        }
    };
}

/// The document validates against the schema shipped in docs/schema/.
fn assert_valid(command: &str, doc: &Value) {
    let path = format!("{}/docs/schema/{command}.json", env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{command}: {errors:#?}");
}

pub(crate) fn ods(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// A Content API page listing `files` (name, URL path on the server, size) plus an HTML
/// attachment and a PDF, as the real page does.
pub(crate) fn page(base: &str, files: &[(&str, &str, usize)]) -> Reply {
    let mut attachments: Vec<Value> = files
        .iter()
        .map(|(name, path, size)| {
            json!({
                "title": "Migrants detected crossing the English Channel in small boats – time series",
                "url": format!("{base}{path}"),
                "filename": name,
                "content_type": "application/vnd.oasis.opendocument.spreadsheet",
                "file_size": size,
                "attachment_type": "file",
            })
        })
        .collect();
    attachments.push(json!({"title": "Accessible version", "attachment_type": "html", "url": format!("{base}/html")}));
    attachments.push(json!({"title": "User guide", "filename": "small-boats-user-guide.pdf", "url": format!("{base}/guide.pdf"), "file_size": 1000}));
    let doc = json!({
        "base_path": "/government/publications/migrants-detected-crossing-the-english-channel-in-small-boats",
        "title": "Migrants detected crossing the English Channel in small boats",
        "public_updated_at": "2025-11-14T09:30:00.000+00:00",
        "details": {"attachments": attachments},
    });
    Reply::Ok("application/json", serde_json::to_vec(&doc).unwrap())
}

/// A server publishing the November 2025 release, with the file at `reply`.
pub(crate) fn publishing(file: Reply) -> Server {
    let size = ods(NOV).len();
    serve(move |base| {
        HashMap::from([
            (
                PAGE.to_string(),
                page(base, &[(NOV, "/media/1/nov.ods", size)]),
            ),
            ("/media/1/nov.ods".to_string(), file),
        ])
    })
}

pub(crate) fn fetch(server: &Server, cache: &Path, extra: &[&str]) -> std::process::Output {
    fetch_command(server, cache, extra).output().unwrap()
}

/// `migstats fetch small-boats --cache-dir CACHE EXTRA…` against `server`, not yet run.
pub(crate) fn fetch_command(server: &Server, cache: &Path, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = migstats();
    cmd.env("MIGSTATS_GOVUK_URL", &server.base)
        .env_remove("MIGSTATS_CACHE_DIR")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .args(["fetch", "small-boats", "--cache-dir"])
        .arg(cache)
        .args(extra);
    cmd
}

/// Every file in the cache with its bytes (directories by name).
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            let bytes = if e.file_type().unwrap().is_dir() {
                b"<dir>".to_vec()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            out.insert(name, bytes);
        }
    }
    out
}

/// A cache holding an earlier release (the same bytes published as 7 November 2025).
pub(crate) fn cache_with_earlier_release() -> tempfile::TempDir {
    let earlier = "7_November_2025_Small_boats_-_time_series.ods";
    let size = ods(NOV).len();
    let server = serve(move |base| {
        HashMap::from([
            (
                PAGE.to_string(),
                page(base, &[(earlier, "/media/0/old.ods", size)]),
            ),
            (
                "/media/0/old.ods".to_string(),
                Reply::Ok("application/octet-stream", ods(NOV)),
            ),
        ])
    });
    let dir = tempfile::tempdir().unwrap();
    let out = fetch(&server, dir.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join(earlier).exists());
    dir
}

/// Exit 2, nothing on stdout, one error naming `url`, whose text includes `what`; cache as before.
pub(crate) fn fails(out: &std::process::Output, url: &str, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with(&format!("migstats: error: {url}: ")),
        "expected an error about {url}: {stderr}"
    );
    assert!(stderr.contains(what), "expected {what:?} in: {stderr}");
    // Every message ends with a hint in brackets.
    assert!(stderr.trim_end().ends_with(')'), "{stderr}");
}

fn failure_leaves_the_cache_as_it_was(file: Reply, what: &str, extra: &[&str]) {
    let cache = cache_with_earlier_release();
    let before = snapshot(cache.path());
    let server = publishing(file);
    let out = fetch(&server, cache.path(), extra);
    fails(&out, &format!("{}/media/1/nov.ods", server.base), what);
    assert_eq!(snapshot(cache.path()), before);
}

#[test]
fn fetch_then_read_offline() {
    let server = publishing(Reply::Ok(
        "application/vnd.oasis.opendocument.spreadsheet",
        ods(NOV),
    ));
    let cache = tempfile::tempdir().unwrap();
    let out = fetch(&server, cache.path(), &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid("fetch", &doc);
    let row = &doc["rows"][0];
    assert_eq!(row["status"], "downloaded");
    assert_eq!(row["filename"], NOV);
    assert_eq!(row["release_date"], "2025-11-14");
    assert_eq!(row["sha256"], NOV_SHA);
    assert_eq!(row["size"], 84116);
    assert_eq!(row["url"], format!("{}/media/1/nov.ods", server.base));
    // The cache holds the file under its own name, byte for byte, and a manifest.
    assert_eq!(std::fs::read(cache.path().join(NOV)).unwrap(), ods(NOV));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(cache.path().join("manifest.json")).unwrap())
            .unwrap();
    let entry = &manifest["releases"][0];
    assert_eq!(entry["dataset"], "small-boats");
    assert_eq!(entry["sha256"], NOV_SHA);
    assert_eq!(entry["public_updated_at"], "2025-11-14T09:30:00.000+00:00");
    assert!(entry["fetched_at"].as_str().unwrap().ends_with('Z'));
    // No temporary file is left behind: the file, the manifest and its (empty) lock.
    assert_eq!(
        snapshot(cache.path()).keys().collect::<Vec<_>>(),
        [NOV, "manifest.json", "manifest.lock"]
    );

    // Offline: the API base points at a port nobody listens on.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let read = |format: &str| {
        migstats()
            .env("MIGSTATS_GOVUK_URL", &dead_url)
            .args(["--data", "latest:small-boats", "--cache-dir"])
            .arg(cache.path())
            .args(["summary", "--format", format])
            .output()
            .unwrap()
    };
    let out = read("json");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid("summary", &doc);
    let release = &doc["dataset"]["releases"][0];
    assert_eq!(release["filename"], NOV);
    assert_eq!(release["release_date"], "2025-11-14");
    assert_eq!(release["sha256"], NOV_SHA);
    let ytd = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "small-boat-arrivals-2025-01-01-to-2025-11-13")
        .unwrap();
    assert_eq!(ytd["value"], 39075.0);
    // The release is a year old by now: a warning says so and how to refresh.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "migstats: warning: latest:small-boats is the release of 14 November 2025 ("
        ) && stderr.contains("run `migstats fetch small-boats`"),
        "{stderr}"
    );
    let table = String::from_utf8(read("table").stdout).unwrap();
    assert!(table.contains("39,075"), "{table}");
    assert!(table.contains(NOV_SHA), "{table}");
}

#[test]
fn a_second_fetch_with_nothing_new_downloads_nothing() {
    let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let cache = tempfile::tempdir().unwrap();
    assert!(fetch(&server, cache.path(), &[]).status.success());
    let before = snapshot(cache.path());
    let out = fetch(&server, cache.path(), &["--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with(&format!("small-boats,up_to_date,{NOV},")),
        "{csv}"
    );
    assert_eq!(snapshot(cache.path()), before);
    assert_eq!(
        server.requests(),
        vec![
            PAGE.to_string(),
            "/media/1/nov.ods".to_string(),
            PAGE.to_string()
        ]
    );
}

#[test]
fn a_changed_listing_asks_with_the_stored_etag() {
    // Same file name, different size on the page: ask again, with the validator; a 304 keeps it.
    let size = ods(NOV).len();
    let first = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let cache = tempfile::tempdir().unwrap();
    assert!(fetch(&first, cache.path(), &[]).status.success());
    let before = snapshot(cache.path());
    let second = serve(move |base| {
        HashMap::from([
            (
                PAGE.to_string(),
                page(base, &[(NOV, "/media/1/nov.ods", size + 1)]),
            ),
            ("/media/1/nov.ods".to_string(), Reply::Status(304)),
        ])
    });
    let out = fetch(&second, cache.path(), &["--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("up_to_date"));
    assert_eq!(
        second.requests(),
        vec![
            PAGE.to_string(),
            "/media/1/nov.ods if-none-match: \"v1\"".to_string()
        ]
    );
    assert_eq!(snapshot(cache.path()), before);
}

#[test]
fn redirects_within_the_allowed_hosts_are_followed() {
    let size = ods(NOV).len();
    let server = serve(move |base| {
        HashMap::from([
            (
                PAGE.to_string(),
                page(base, &[(NOV, "/media/1/nov.ods", size)]),
            ),
            (
                "/media/1/nov.ods".to_string(),
                Reply::Redirect("/media/2/nov.ods".to_string()),
            ),
            (
                "/media/2/nov.ods".to_string(),
                Reply::Ok("application/octet-stream", ods(NOV)),
            ),
        ])
    });
    let cache = tempfile::tempdir().unwrap();
    let out = fetch(&server, cache.path(), &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["rows"][0]["url"],
        format!("{}/media/2/nov.ods", server.base)
    );
}

#[test]
fn a_page_without_the_file_says_what_it_lists() {
    let server = serve(|base| {
        HashMap::from([(
            PAGE.to_string(),
            page(
                base,
                &[("small-boats-methodology-2025.ods", "/media/9/m.ods", 10)],
            ),
        )])
    });
    let cache = cache_with_earlier_release();
    let before = snapshot(cache.path());
    let out = fetch(&server, cache.path(), &[]);
    fails(
        &out,
        &format!("{}{PAGE}", server.base),
        "the page lists no small-boats file; it lists 'small-boats-methodology-2025.ods', 'Accessible version', 'small-boats-user-guide.pdf'",
    );
    assert_eq!(snapshot(cache.path()), before);
}

#[test]
fn a_missing_page_is_a_404_naming_the_api_url() {
    let server = serve(|_| HashMap::new());
    let cache = cache_with_earlier_release();
    let before = snapshot(cache.path());
    let out = fetch(&server, cache.path(), &[]);
    fails(
        &out,
        &format!("{}{PAGE}", server.base),
        "HTTP status 404 (GOV.UK no longer has it there",
    );
    assert_eq!(snapshot(cache.path()), before);
}

#[test]
fn a_server_error_on_the_file() {
    failure_leaves_the_cache_as_it_was(
        Reply::Status(500),
        "HTTP status 500 (GOV.UK had a problem; try again later)",
        &[],
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    failure_leaves_the_cache_as_it_was(Reply::Hang, "no answer within 1 s (", &["--timeout", "1"]);
}

#[test]
fn a_truncated_body_is_refused() {
    failure_leaves_the_cache_as_it_was(
        Reply::Truncated(ods(NOV), 2000),
        "the download stopped after 2000 bytes (download failed: ",
        &[],
    );
}

#[test]
fn an_html_page_instead_of_the_file_is_refused() {
    failure_leaves_the_cache_as_it_was(
        Reply::Ok(
            "text/html",
            b"<!DOCTYPE html><html><body>Page not found</body></html>".to_vec(),
        ),
        "GOV.UK sent an HTML page, not the spreadsheet",
        &[],
    );
}

#[test]
fn a_redirect_to_a_foreign_host_is_refused() {
    let cache = cache_with_earlier_release();
    let before = snapshot(cache.path());
    let server = publishing(Reply::Redirect("https://evil.example/nov.ods".to_string()));
    let out = fetch(&server, cache.path(), &[]);
    fails(
        &out,
        &format!("{}/media/1/nov.ods", server.base),
        "redirected to https://evil.example/nov.ods: refused to fetch from host 'evil.example' (only https://www.gov.uk and https://assets.publishing.service.gov.uk are trusted",
    );
    assert_eq!(snapshot(cache.path()), before);
    // Refused before any request to it: the server saw only its own two.
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_cache_that_cannot_take_the_file_is_left_as_it_was() {
    // The new release's name is taken by a non-empty directory, so it cannot be stored.
    let cache = cache_with_earlier_release();
    std::fs::create_dir_all(cache.path().join(NOV).join("x")).unwrap();
    let before = snapshot(cache.path());
    let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let out = fetch(&server, cache.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with(&format!(
            "migstats: error: {}: cannot store the download",
            cache.path().join(NOV).display()
        )) && stderr.contains("(the cache was left as it was;"),
        "{stderr}"
    );
    assert_eq!(snapshot(cache.path()), before);
}

#[test]
fn a_cache_directory_that_cannot_be_created_is_refused_before_downloading() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"keep me").unwrap();
    let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let out = fetch(&server, &blocker.join("cache"), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot create the cache") && stderr.contains("--cache-dir DIR"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&blocker).unwrap(), b"keep me");
    assert_eq!(server.requests(), vec![PAGE.to_string()]);
}

#[test]
fn the_test_base_url_must_be_loopback() {
    let cache = tempfile::tempdir().unwrap();
    let out = migstats()
        .env("MIGSTATS_GOVUK_URL", "https://example.com")
        .args(["fetch", "--cache-dir"])
        .arg(cache.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("migstats: error: https://example.com: MIGSTATS_GOVUK_URL must be an http(s) URL on a loopback address"), "{stderr}");
}

#[test]
fn latest_without_a_cache_says_to_fetch() {
    let cache = tempfile::tempdir().unwrap();
    let out = migstats()
        .args(["--data", "latest:small-boats", "--cache-dir"])
        .arg(cache.path())
        .arg("summary")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with(
            "migstats: error: latest:small-boats: no release of small-boats in the cache "
        ) && stderr.contains("(run `migstats fetch small-boats` first"),
        "{stderr}"
    );
    let out = migstats()
        .args(["--data", "latest:boats", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("use latest: with one of small-boats, irregular-migration, asylum, returns")
    );
}

#[test]
fn a_cached_file_changed_after_fetching_is_not_read() {
    let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let cache = tempfile::tempdir().unwrap();
    assert!(fetch(&server, cache.path(), &[]).status.success());
    let mut bytes = ods(NOV);
    bytes[100] ^= 1;
    std::fs::write(cache.path().join(NOV), bytes).unwrap();
    let out = migstats()
        .args(["--data", "latest:small-boats", "--cache-dir"])
        .arg(cache.path())
        .arg("summary")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no longer matches its sha256"), "{stderr}");
}

#[test]
fn revisions_between_the_two_real_releases() {
    let (old, new) = (fixture(NOV), fixture(AUG));
    let out = migstats()
        .args(["revisions", &old, &new, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    let of = |kind: &str| {
        rows.iter()
            .filter(|r| r["kind"] == kind)
            .collect::<Vec<_>>()
    };
    assert!(of("revised").is_empty(), "{:?}", of("revised"));
    assert!(of("removed").is_empty());
    let added = of("added");
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["period"]["start"], "2025-11-14");
    assert_eq!(added[0]["period"]["end"], "2026-08-20");
    assert_eq!(added[0]["days_after"], 280);
    assert_eq!(added[0]["people_after"], 18294);
    assert_eq!(added[0]["boats_after"], 273);
    let year = |y: &str| {
        *of("year")
            .iter()
            .find(|r| r["period"]["start"] == format!("{y}-01-01"))
            .unwrap()
    };
    // Complete years agree; 2025 grows by the days added after 13 November.
    assert_eq!(
        (
            year("2024")["people_before"].clone(),
            year("2024")["people_difference"].clone()
        ),
        (json!(36816), json!(0))
    );
    assert_eq!(year("2025")["people_before"], 39075);
    assert_eq!(year("2025")["people_after"], 41472);
    assert_eq!(year("2025")["days_before"], 317);
    assert_eq!(year("2026")["people_after"], 15897);
    assert!(
        doc["dataset"]["title"]
            .as_str()
            .unwrap()
            .ends_with("both cover 2018-01-01 to 2025-11-13")
    );

    let table = migstats().args(["revisions", &old, &new]).output().unwrap();
    assert!(table.status.success());
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("No day both releases cover was revised."),
        "{text}"
    );
    assert!(text.contains("18,294"), "{text}");
}

#[test]
fn two_releases_given_together_are_named_in_one_line() {
    let (old, new) = (fixture(NOV), fixture(AUG));
    // Newest first on the command line: still named old → new.
    let out = migstats()
        .args(["--data", &new, "--data", &old, "summary"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "migstats: error: {new}: two releases of the Home Office small boats time series given together: this one (figures to 2026-08-20) and {old} (figures to 2025-11-13) (give one --data; to see what changed between them run `migstats revisions {old} {new}`)"
        )
    );
}

/// A small XLSX whose one sheet has this name, holding the header and first row of that
/// table's CSV fixture: enough for fetch, which reads a download as `--data` would.
pub(crate) fn xlsx(sheet: &str) -> Vec<u8> {
    let csv = match sheet {
        "Data_Asy_D02" => "detailed/asy_d02_from_grant_rates.csv",
        "Data_Ret_D01" => "detailed/ret_d01_synthetic.csv",
        _ => "detailed/irr_d01.csv",
    };
    let text = std::fs::read_to_string(fixture(csv)).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    // The fixture's title line is left out; then its header and one row.
    for (r, line) in text.lines().skip(1).take(2).enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if r > 0 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn fetch_all_reads_the_data_tables_page_once_and_takes_the_newest_of_each() {
    const TABLES: &str =
        "/api/content/government/statistical-data-sets/immigration-system-statistics-data-tables";
    let files = [
        (
            "illegal-entry-routes-to-the-uk-dataset-dec-2025.xlsx",
            xlsx("Data_IER_D01"),
        ),
        (
            "irregular-migration-to-the-uk-dataset-sep-2025.xlsx",
            xlsx("Data - Irr_D01"),
        ),
        ("asylum-claims-datasets-dec-2025.xlsx", xlsx("Data_Asy_D02")),
        ("returns-datasets-sep-2025.xlsx", xlsx("Data_Ret_D01")),
        ("returns-datasets-dec-2025.xlsx", xlsx("Data_Ret_D01")),
    ];
    let nov = ods(NOV);
    let server = serve(move |base| {
        let listed: Vec<(&str, String, usize)> = files
            .iter()
            .map(|(name, bytes)| (*name, format!("/media/t/{name}"), bytes.len()))
            .collect();
        let listed_ref: Vec<(&str, &str, usize)> = listed
            .iter()
            .map(|(n, p, s)| (*n, p.as_str(), *s))
            .collect();
        let mut routes = HashMap::from([
            (
                PAGE.to_string(),
                page(base, &[(NOV, "/media/1/nov.ods", nov.len())]),
            ),
            (TABLES.to_string(), page(base, &listed_ref)),
            (
                "/media/1/nov.ods".to_string(),
                Reply::Ok("application/octet-stream", nov.clone()),
            ),
        ]);
        for (name, bytes) in &files {
            routes.insert(
                format!("/media/t/{name}"),
                Reply::Ok("application/octet-stream", bytes.clone()),
            );
        }
        routes
    });
    let cache = tempfile::tempdir().unwrap();
    let run = || {
        migstats()
            .env("MIGSTATS_GOVUK_URL", &server.base)
            .args(["fetch", "all", "--format", "csv", "--cache-dir"])
            .arg(cache.path())
            .output()
            .unwrap()
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let got: Vec<(String, String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect();
    let want = |d: &str, s: &str, f: &str| (d.to_string(), s.to_string(), f.to_string());
    assert_eq!(
        got,
        vec![
            want("small-boats", "downloaded", NOV),
            want(
                "irregular-migration",
                "downloaded",
                "illegal-entry-routes-to-the-uk-dataset-dec-2025.xlsx"
            ),
            want(
                "asylum",
                "downloaded",
                "asylum-claims-datasets-dec-2025.xlsx"
            ),
            want("returns", "downloaded", "returns-datasets-dec-2025.xlsx"),
        ]
    );
    let pages = server
        .requests()
        .iter()
        .filter(|r| r.as_str() == TABLES)
        .count();
    assert_eq!(pages, 1, "{:?}", server.requests());
    let again = String::from_utf8(run().stdout).unwrap();
    assert_eq!(again.matches(",up_to_date,").count(), 4, "{again}");
}

#[test]
fn fetch_all_with_one_page_missing_reports_it_once_and_keeps_what_it_fetched() {
    let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let cache = tempfile::tempdir().unwrap();
    let out = migstats()
        .env("MIGSTATS_GOVUK_URL", &server.base)
        .args(["fetch", "--cache-dir"])
        .arg(cache.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    let tables =
        "/api/content/government/statistical-data-sets/immigration-system-statistics-data-tables";
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        vec![
            format!("migstats: warning: small-boats: {NOV} was downloaded despite the error below"),
            format!(
                "migstats: error: {}{tables}: HTTP status 404 (GOV.UK no longer has it there: the page or file has moved; check the publication on www.gov.uk)",
                server.base
            ),
        ]
    );
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.as_str() == tables)
            .count(),
        1
    );
    assert_eq!(std::fs::read(cache.path().join(NOV)).unwrap(), ods(NOV));
}

#[test]
fn revisions_lists_a_revised_day_with_both_counts() {
    let dir = tempfile::tempdir().unwrap();
    let header = "Date,Migrants arrived,Boats arrived\n";
    let old = dir.path().join("old.csv");
    let new = dir.path().join("new.csv");
    std::fs::write(&old, format!("{header}2025-03-01,10,1\n2025-03-02,20,2\n")).unwrap();
    std::fs::write(
        &new,
        format!("{header}2025-03-01,10,1\n2025-03-02,26,3\n2025-03-03,5,1\n"),
    )
    .unwrap();
    let out = migstats()
        .args(["revisions"])
        .arg(&old)
        .arg(&new)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "kind,period_start,period_end,period_label,days_before,days_after,people_before,people_after,people_difference,boats_before,boats_after,boats_difference\n\
         revised,2025-03-02,2025-03-02,2 Mar 2025,1,1,20,26,6,2,3,1\n\
         added,2025-03-03,2025-03-03,3 Mar 2025,0,1,,5,,,1,\n\
         year,2025-01-01,2025-12-31,2025,2,3,30,41,11,3,5,2\n"
    );
    // A file that is not the daily series is refused with exit 2.
    let out = migstats()
        .args(["revisions", &fixture("consistent_claim.csv")])
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("not the Home Office small boats time series")
    );
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
    // Declares 17 MiB (the time series cap is 16 MiB) and sends 10 bytes.
    failure_leaves_the_cache_as_it_was(
        Reply::Truncated(vec![0u8; 17 << 20], 10),
        "the file is 17825792 bytes, over the 16777216-byte cap for small-boats",
        &[],
    );
}

#[test]
fn check_against_the_latest_release_and_a_damaged_manifest() {
    let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
    let cache = tempfile::tempdir().unwrap();
    assert!(fetch(&server, cache.path(), &[]).status.success());
    // The bundled claims against the cached release: 18,574 is outside "around 18,000" (exit 1).
    let out = migstats()
        .args(["--cache-dir"])
        .arg(cache.path())
        .args([
            "check",
            "--against",
            "latest:small-boats",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains(",18574,"), "{csv}");
    assert!(csv.contains(",27997,"), "{csv}");

    std::fs::write(cache.path().join("manifest.json"), b"{not json").unwrap();
    let out = migstats()
        .args(["--data", "latest:small-boats", "--cache-dir"])
        .arg(cache.path())
        .arg("summary")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("manifest.json: not a migstats cache manifest")
            && stderr.contains("(delete the cache directory and run `migstats fetch` again)"),
        "{stderr}"
    );
}

#[test]
fn no_progress_is_drawn_when_stderr_is_not_a_terminal_or_with_quiet() {
    // stderr is a pipe here: nothing but the output, with or without --quiet.
    for extra in [&[][..], &["--quiet"], &["-q"]] {
        let server = publishing(Reply::Ok("application/octet-stream", ods(NOV)));
        let cache = tempfile::tempdir().unwrap();
        let out = fetch(&server, cache.path(), extra);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{extra:?}: {:?}", out.stderr);
    }
}
