//! Fetching and caching the Home Office's official releases from GOV.UK. It owns which page
//! lists each dataset ([`Kind`]), the HTTP rules ([`http`]), choosing the newest file from a
//! Content API page ([`page`]), the local cache and its manifest ([`cache`]), and turning a
//! `latest:NAME` data source into the cached file's path. A download is read once by the
//! loader as `--data` reads it, to refuse what `--data` would refuse; a cached file then goes to
//! the loader like any other `--data` path.

pub mod cache;
pub mod http;
mod kind;
pub mod latest;
pub mod page;

pub use cache::{Cache, Entry};
pub use kind::Kind;
pub use latest::{resolve_sources, stale};

use crate::error::{Error, Location, Problem, Result};
use chrono::{DateTime, NaiveDate, SecondsFormat};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A Content API page is a few hundred KB at most.
const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;
/// How many of a page's files a "no matching file" message lists.
const LISTED: usize = 30;
/// A daily series older than this draws a warning when read from the cache.
pub const STALE_DAYS: i64 = 14;
/// The prefix that names a cached release as a data source: `latest:small-boats`.
pub const LATEST: &str = "latest:";

/// What a fetch did for one dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Downloaded,
    /// The newest release was already cached; nothing was downloaded.
    UpToDate,
}

#[derive(Debug, Clone)]
pub struct Fetched {
    pub status: Status,
    pub entry: Entry,
    pub path: PathBuf,
}

/// Content API pages already asked for in this run, by API URL, with their final URL (or the
/// failure): `fetch all` asks for the data-tables page once for the three detailed datasets.
pub type Pages =
    std::collections::HashMap<String, std::result::Result<(String, page::Page), Problem>>;

/// Fetches the newest release of `kind` into the cache unless it is already there.
pub fn fetch(
    kind: Kind,
    client: &http::Client,
    cache: &Cache,
    pages: &mut Pages,
) -> std::result::Result<Fetched, Problem> {
    let api = client.api_url(kind.page());
    let (page_url, page) = pages
        .entry(api)
        .or_insert_with_key(|api| read_page(client, api))
        .clone()?;
    let chosen = page::choose(kind, &page).map_err(|names| no_match(kind, &page_url, &names))?;

    // Writable cache first: a download that could not be kept is not worth making.
    let tmp = cache.temp()?;
    let manifest = cache.manifest()?;
    // The cached copy of the file the page lists, if intact.
    let cached = manifest
        .latest(kind)
        .filter(|e| e.filename == chosen.filename)
        .and_then(|e| Some((e.clone(), cache.verified(e)?)));
    if let Some((prev, path)) = &cached
        && chosen.file_size.is_none_or(|s| s == prev.size)
    {
        return Ok(Fetched {
            status: Status::UpToDate,
            entry: prev.clone(),
            path: path.clone(),
        });
    }
    let mut validators = Vec::new();
    if let Some((prev, _)) = &cached {
        validators.extend(prev.etag.clone().map(|t| ("If-None-Match", t)));
        validators.extend(prev.last_modified.clone().map(|d| ("If-Modified-Since", d)));
    }
    let Some(got) = download(kind, client, &chosen, &validators, tmp, cache)? else {
        // 304 Not Modified: only asked when there is a cached copy.
        return cached
            .map(|(entry, path)| Fetched {
                status: Status::UpToDate,
                entry,
                path,
            })
            .ok_or_else(|| http::bad_status(&chosen.url, ureq::http::StatusCode::NOT_MODIFIED));
    };
    let Download {
        tmp,
        url,
        size,
        sha256,
        etag,
        last_modified,
    } = got;
    let entry = Entry {
        dataset: kind,
        url,
        filename: chosen.filename,
        release_date: chosen.release_date,
        sha256,
        size,
        public_updated_at: page.public_updated_at.map(|p| http::shown(&p)),
        fetched_at: now_rfc3339(),
        etag,
        last_modified,
    };
    let path = cache.store(tmp, entry.clone())?;
    Ok(Fetched {
        status: Status::Downloaded,
        entry,
        path,
    })
}

/// The page lists no file of `kind`: say what it does list.
fn no_match(kind: Kind, page_url: &str, names: &[String]) -> Problem {
    let mut listed: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("'{}'", http::shown(n)))
        .collect();
    if names.len() > LISTED {
        listed.push(format!("and {} more", names.len() - LISTED));
    }
    let listed = if listed.is_empty() {
        "no files".to_string()
    } else {
        listed.join(", ")
    };
    Problem::new(
        Location::file(http::shown(page_url)),
        format!("the page lists no {} file; it lists {listed}", kind.name()),
        "the Home Office may have renamed the release; report it, and use --data with a file downloaded by hand meanwhile",
    )
}

/// A verified download in a temporary file in the cache.
struct Download {
    tmp: tempfile::NamedTempFile,
    url: String,
    size: u64,
    sha256: String,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// Downloads the chosen file into `tmp` and verifies it (size cap, zip signature, listed size,
/// opens as the expected workbook). None when the server answers 304 Not Modified.
fn download(
    kind: Kind,
    client: &http::Client,
    chosen: &page::Chosen,
    validators: &[(&str, String)],
    mut tmp: tempfile::NamedTempFile,
    cache: &Cache,
) -> std::result::Result<Option<Download>, Problem> {
    let got = client.get(&chosen.url, validators)?;
    let status = got.response.status();
    if status == 304 && !validators.is_empty() {
        return Ok(None);
    }
    if status != 200 {
        return Err(http::bad_status(&got.url, status));
    }
    let header = |name: &str| {
        got.response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(http::shown)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let url = got.url.clone();
    let at = || Location::file(http::shown(&url));
    if let Some(len) = got.response.body().content_length()
        && len > kind.max_bytes()
    {
        return Err(Problem::new(
            at(),
            format!(
                "the file is {len} bytes, over the {}-byte cap for {}",
                kind.max_bytes(),
                kind.name()
            ),
            "this is not the expected release; check the publication page on www.gov.uk",
        ));
    }
    let bar = Progress(progress_bar(
        client.progress,
        got.response.body().content_length(),
        chosen,
    ));
    let mut reader = got
        .response
        .into_body()
        .into_with_config()
        .limit(kind.max_bytes())
        .reader();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    let mut head: Vec<u8> = Vec::new();
    let write_fail = |e: std::io::Error| {
        Problem::new(
            Location::file(cache.dir.display().to_string()),
            format!("cannot write to the cache: {e}"),
            "the cache was left as it was; free some space or choose another directory with --cache-dir DIR",
        )
    };
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let mut p = read_failed(client, &url, e);
                if p.what.starts_with("download failed") || p.what.starts_with("not finished") {
                    p.what = format!("the download stopped after {size} bytes ({})", p.what);
                }
                return Err(p);
            }
        };
        let chunk = buf.get(..n).unwrap_or_default();
        if head.len() < 16 {
            head.extend(chunk.iter().take(16 - head.len()));
        }
        tmp.write_all(chunk).map_err(write_fail)?;
        size += n as u64;
        bar.0.set_position(size);
    }
    drop(bar);
    tmp.as_file().sync_all().map_err(write_fail)?;
    check_body(&head, size, chosen.file_size, at)?;
    tmp.seek(SeekFrom::Start(0)).map_err(write_fail)?;
    let (sha256, _) = cache::sha256_of(tmp.as_file()).map_err(write_fail)?;
    check_workbook(kind, tmp.path(), at)?;
    Ok(Some(Download {
        tmp,
        url,
        size,
        sha256,
        etag,
        last_modified,
    }))
}

/// The bar, cleared from stderr however the download ends.
struct Progress(indicatif::ProgressBar);

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Downloads smaller than this draw no progress bar: they are over before one would help.
const PROGRESS_FROM_BYTES: u64 = 2 << 20;

/// A bar on stderr (bytes, rate, time left) for a download of several MB, when `wanted`
/// (stderr is a terminal, no `--quiet`); hidden otherwise, so nothing is drawn.
fn progress_bar(
    wanted: bool,
    length: Option<u64>,
    chosen: &page::Chosen,
) -> indicatif::ProgressBar {
    let length = length.or(chosen.file_size);
    if !wanted || length.is_some_and(|l| l < PROGRESS_FROM_BYTES) {
        return indicatif::ProgressBar::hidden();
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(length, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} {bytes}/{total_bytes} {binary_bytes_per_sec}, {eta} left",
    ) {
        bar.set_style(style);
    }
    bar.set_message(http::shown(&chosen.url));
    bar
}

/// The Content API page at `api`, and the URL it finally came from.
fn read_page(
    client: &http::Client,
    api: &str,
) -> std::result::Result<(String, page::Page), Problem> {
    let got = client.get(api, &[("Accept", "application/json".to_string())])?;
    if got.response.status() != 200 {
        return Err(http::bad_status(&got.url, got.response.status()));
    }
    let body = read_capped(got.response, MAX_PAGE_BYTES, client, &got.url)?;
    let page: page::Page = serde_json::from_slice(&body).map_err(|e| {
        Problem::new(
            Location::file(http::shown(&got.url)),
            format!("not a GOV.UK Content API document: {e}"),
            "GOV.UK may be down or the page has moved; try again later",
        )
    })?;
    Ok((got.url, page))
}

/// A whole small body (the API page), refused past `cap`.
fn read_capped(
    response: ureq::http::Response<ureq::Body>,
    cap: u64,
    client: &http::Client,
    url: &str,
) -> std::result::Result<Vec<u8>, Problem> {
    let mut body = Vec::new();
    response
        .into_body()
        .into_with_config()
        .limit(cap)
        .reader()
        .read_to_end(&mut body)
        .map_err(|e| read_failed(client, url, e))?;
    Ok(body)
}

/// ureq reports its own errors (timeout, size cap) through the reader as io errors.
fn read_failed(client: &http::Client, url: &str, e: std::io::Error) -> Problem {
    match e.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
        Some(Ok(ureq_error)) => client.failed(url, &ureq_error),
        Some(Err(other)) => client.failed(
            url,
            &ureq::Error::Io(std::io::Error::other(other.to_string())),
        ),
        None => client.failed(
            url,
            &ureq::Error::Io(std::io::Error::other("connection closed early")),
        ),
    }
}

/// The body is a whole spreadsheet: a zip (ODS, XLSX), not an HTML page, and as long as the
/// page said.
fn check_body(
    head: &[u8],
    size: u64,
    listed: Option<u64>,
    at: impl Fn() -> Location,
) -> std::result::Result<(), Problem> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    if text.starts_with("<!doctype") || text.starts_with("<html") || text.starts_with('<') {
        return Err(Problem::new(
            at(),
            "GOV.UK sent an HTML page, not the spreadsheet",
            "the file may have moved or GOV.UK may be down; try again later",
        ));
    }
    if !head.starts_with(b"PK\x03\x04") {
        return Err(Problem::new(
            at(),
            "the download is not an ODS or XLSX file (no zip signature)",
            "try again later; if it persists, check the publication page on www.gov.uk",
        ));
    }
    if let Some(listed) = listed
        && listed != size
    {
        return Err(Problem::new(
            at(),
            format!("{size} bytes arrived but the page lists the file as {listed} bytes"),
            "the download was cut short or changed; try again",
        ));
    }
    Ok(())
}

/// The download reads as `--data` reads a file (the same function, limits and guards, every
/// sheet read), so a release `--data` would refuse is never stored; the time series must have
/// its daily sheet. A refusal is `--data`'s own message, with the URL for the file's name.
fn check_workbook(
    kind: Kind,
    path: &Path,
    at: impl Fn() -> Location,
) -> std::result::Result<(), Problem> {
    let fail = |what: String| {
        Problem::new(
            at(),
            what,
            "the download is damaged or not the expected release; try again",
        )
    };
    let input = match crate::loader::read_file(path, &crate::loader::LoadOptions::default()) {
        Ok(input) => input,
        Err(Error::Invalid(problems)) => {
            let more = problems.len().saturating_sub(1);
            return Err(match problems.into_iter().next() {
                Some(mut p) => {
                    // The temporary file's name is no use to anyone: the URL stands for it
                    // (a sheet named after it is kept).
                    let tmp = crate::loader::source::display_name(path);
                    if let Some(rest) = p.location.file.strip_prefix(&tmp) {
                        p.location.file = format!("{}{rest}", at().file);
                    }
                    if more > 0 {
                        p.what = format!("{} (and {more} more problems)", p.what);
                    }
                    p
                }
                None => fail("the download could not be read".to_string()),
            });
        }
        Err(e) => return Err(fail(e.to_string())),
    };
    if kind == Kind::SmallBoats && !input.kinds.contains(&crate::loader::InputKind::DailySeries) {
        return Err(fail(format!(
            "the workbook has no sheet {}",
            crate::loader::small_boats::SHEET
        )));
    }
    Ok(())
}

/// A `--data` value naming a cached release: `latest:small-boats` → Some(Kind).
pub fn latest_name(source: &Path) -> Option<Result<Kind>> {
    let name = source.to_str()?.strip_prefix(LATEST)?;
    Some(Kind::parse(name).ok_or_else(|| {
        Error::usage(
            format!("unknown release '{}{}'", LATEST, http::shown(name)),
            format!("use latest: with one of {}", Kind::names()),
        )
    }))
}

/// The cached file of the newest release of `kind`, checked against its manifest entry.
pub fn resolve(kind: Kind, cache: &Cache) -> Result<(PathBuf, Entry)> {
    let manifest = cache.manifest().map_err(Error::invalid)?;
    let Some(entry) = manifest.latest(kind) else {
        return Err(Error::invalid(Problem::new(
            Location::file(format!("{LATEST}{}", kind.name())),
            format!(
                "no release of {} in the cache {}",
                kind.name(),
                cache.dir.display()
            ),
            format!(
                "run `migstats fetch {}` first; it needs the internet once",
                kind.name()
            ),
        )));
    };
    let Some(path) = cache.verified(entry) else {
        return Err(Error::invalid(Problem::new(
            Location::file(cache.path(&entry.filename).display().to_string()),
            "the cached file is missing or no longer matches its sha256 in the manifest",
            format!("run `migstats fetch {}` to download it again", kind.name()),
        )));
    };
    Ok((path, entry.clone()))
}

/// The warning for a cached daily series released more than [`STALE_DAYS`] before `today`.
pub fn staleness(entry: &Entry, today: NaiveDate) -> Option<String> {
    if !entry.dataset.is_daily() {
        return None;
    }
    let age = (today - entry.release_date).num_days();
    (age > STALE_DAYS).then(|| {
        format!(
            "{LATEST}{} is the release of {} ({age} days old); run `migstats fetch {}` for the newest",
            entry.dataset.name(),
            entry.release_date.format("%-d %B %Y"),
            entry.dataset.name()
        )
    })
}

/// Today in UTC from the system clock.
pub fn today() -> NaiveDate {
    now().date_naive()
}

fn now() -> DateTime<chrono::Utc> {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0).unwrap_or_default()
}

fn now_rfc3339() -> String {
    now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_progress_bar_unless_wanted_and_large() {
        let chosen = |size: Option<u64>| page::Chosen {
            url: "https://assets.publishing.service.gov.uk/r.xlsx".into(),
            filename: "r.xlsx".into(),
            file_size: size,
            release_date: "2025-01-01".parse().unwrap(),
        };
        assert!(progress_bar(false, Some(50 << 20), &chosen(None)).is_hidden());
        assert!(progress_bar(true, Some(100_000), &chosen(None)).is_hidden());
        // The page's listed size stands in for a missing Content-Length.
        assert!(progress_bar(true, None, &chosen(Some(100_000))).is_hidden());
    }

    fn entry(kind: Kind, date: &str) -> Entry {
        Entry {
            dataset: kind,
            url: String::new(),
            filename: "f.ods".into(),
            release_date: date.parse().unwrap(),
            sha256: String::new(),
            size: 0,
            public_updated_at: None,
            fetched_at: String::new(),
            etag: None,
            last_modified: None,
        }
    }

    #[test]
    fn a_daily_series_more_than_two_weeks_old_is_stale() {
        let e = entry(Kind::SmallBoats, "2025-11-14");
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(staleness(&e, day("2025-11-28")), None);
        assert_eq!(
            staleness(&e, day("2025-11-29")).unwrap(),
            "latest:small-boats is the release of 14 November 2025 (15 days old); run `migstats fetch small-boats` for the newest"
        );
        // Quarterly datasets are not expected weekly.
        assert_eq!(
            staleness(&entry(Kind::Returns, "2025-01-01"), day("2025-11-29")),
            None
        );
    }

    #[test]
    fn bodies_that_are_not_spreadsheets_are_refused() {
        let at = || Location::file("u");
        assert!(check_body(b"PK\x03\x04rest", 10, Some(10), at).is_ok());
        assert!(check_body(b"PK\x03\x04rest", 10, None, at).is_ok());
        let html = check_body(b"  <!DOCTYPE html>", 10, None, at).unwrap_err();
        assert!(html.what.contains("HTML page"), "{html}");
        assert!(check_body(b"\x00\x01", 2, None, at).is_err());
        let short = check_body(b"PK\x03\x04rest", 8, Some(10), at).unwrap_err();
        assert_eq!(
            short.what,
            "8 bytes arrived but the page lists the file as 10 bytes"
        );
    }

    #[test]
    fn latest_names_are_recognised() {
        assert!(latest_name(Path::new("data.ods")).is_none());
        assert_eq!(
            latest_name(Path::new("latest:small-boats"))
                .unwrap()
                .unwrap(),
            Kind::SmallBoats
        );
        assert!(latest_name(Path::new("latest:boats")).unwrap().is_err());
    }
}
