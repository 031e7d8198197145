//! The HTTP rules for talking to GOV.UK: HTTPS only, to `www.gov.uk` and
//! `assets.publishing.service.gov.uk` only, redirects followed by hand so every hop is checked,
//! timeouts on connecting and on every read, one deadline for the whole request (every hop, the
//! headers and the body), a User-Agent naming the tool.
//!
//! `MIGSTATS_GOVUK_URL` (loopback addresses only) replaces `https://www.gov.uk` as the API base
//! and, while set, also allows plain HTTP to loopback: tests run a local server with it.

use crate::error::{Location, Problem};
use crate::sanitize;
use std::net::IpAddr;
use std::time::{Duration, Instant};
use ureq::http::{Response, StatusCode, Uri};

pub const GOVUK: &str = "https://www.gov.uk";
pub const BASE_ENV: &str = "MIGSTATS_GOVUK_URL";
const HOSTS: [&str; 2] = ["www.gov.uk", "assets.publishing.service.gov.uk"];
const MAX_REDIRECTS: usize = 5;
const SHOWN_MAX: usize = 300;
const USER_AGENT: &str = concat!(
    "migstats/",
    env!("CARGO_PKG_VERSION"),
    " (UK irregular-migration statistics; fetches official releases)"
);

/// A response with a body still to read, and the URL it finally came from.
pub struct Got {
    pub url: String,
    pub response: Response<ureq::Body>,
}

pub struct Client {
    /// Draw a progress bar on stderr for a large download (set by the caller: stderr is a
    /// terminal and `--quiet` was not given).
    pub progress: bool,
    agent: ureq::Agent,
    base: String,
    loopback: bool,
    timeout: Duration,
}

impl Client {
    /// A client whose API base is GOV.UK, or `MIGSTATS_GOVUK_URL` when that names a loopback
    /// address. `timeout` bounds connecting, waiting for an answer and each read, and also the
    /// whole of each [`Client::get`], body included: a server sending a byte now and then cannot
    /// keep it running.
    pub fn new(timeout: Duration) -> Result<Client, Problem> {
        let (base, loopback) = match std::env::var(BASE_ENV) {
            Ok(v) if !v.is_empty() => {
                let base = v.trim_end_matches('/').to_string();
                let is_loopback = base
                    .parse::<Uri>()
                    .ok()
                    .filter(|u| matches!(u.scheme_str(), Some("http" | "https")))
                    .and_then(|u| u.host().map(is_loopback_host))
                    .unwrap_or(false);
                if !is_loopback {
                    return Err(Problem::new(
                        Location::file(shown(&v)),
                        format!("{BASE_ENV} must be an http(s) URL on a loopback address"),
                        format!("it exists for local test servers; unset it to use {GOVUK}"),
                    ));
                }
                (base, true)
            }
            _ => (GOVUK.to_string(), false),
        };
        let config = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .https_only(!loopback)
            .user_agent(USER_AGENT)
            .timeout_connect(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_per_read(Some(timeout));
        // A local test server must not be reached through a proxy named in the environment.
        let config = if loopback { config.proxy(None) } else { config };
        Ok(Client {
            progress: false,
            agent: config.build().into(),
            base,
            loopback,
            timeout,
        })
    }

    /// The Content API URL of a GOV.UK page path.
    pub fn api_url(&self, page: &str) -> String {
        format!("{}/api/content{page}", self.base)
    }

    /// Whether a URL may be requested: HTTPS to a GOV.UK host, or (test mode) loopback.
    fn check(&self, url: &str) -> Result<Uri, Problem> {
        let refuse = |what: String| {
            Problem::new(
                Location::file(shown(url)),
                what,
                "only https://www.gov.uk and https://assets.publishing.service.gov.uk are trusted; check the publication page on www.gov.uk",
            )
        };
        let uri: Uri = url
            .parse()
            .map_err(|_| refuse("not a valid URL".to_string()))?;
        let host = uri.host().unwrap_or_default();
        let scheme = uri.scheme_str().unwrap_or_default();
        let govuk = scheme == "https"
            && HOSTS.contains(&host.to_ascii_lowercase().as_str())
            && uri.port_u16().is_none_or(|p| p == 443);
        let local = self.loopback && matches!(scheme, "http" | "https") && is_loopback_host(host);
        if govuk || local {
            Ok(uri)
        } else {
            Err(refuse(format!(
                "refused to fetch from host '{}'",
                shown(host)
            )))
        }
    }

    /// GET `url`, following up to five redirects, each to an allowed place. Returns any final
    /// status that is not a redirect; the caller decides what it accepts. The body must be read
    /// by the same deadline as the answer: `timeout` from now.
    pub fn get(&self, url: &str, headers: &[(&str, String)]) -> Result<Got, Problem> {
        let deadline = Instant::now() + self.timeout;
        let first = url;
        let mut url = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let uri = self.check(&url).map_err(|mut p| {
                // Name the address asked for, and where it was sent.
                if url != first {
                    p.what = format!("redirected to {}: {}", p.location.file, p.what);
                    p.location = Location::file(shown(first));
                }
                p
            })?;
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let late = ureq::Error::Timeout(ureq::Timeout::Global);
                return Err(self.failed(&url, &late));
            }
            let mut request = self.agent.get(&url);
            for (name, value) in headers {
                request = request.header(*name, value);
            }
            // The rest of the budget, for this hop and its body.
            let request = request.config().timeout_global(Some(left)).build();
            let response = request.call().map_err(|e| match e {
                // The deadline passed before an answer came.
                ureq::Error::Timeout(ureq::Timeout::Global) => {
                    self.failed(&url, &ureq::Error::Timeout(ureq::Timeout::RecvResponse))
                }
                e => self.failed(&url, &e),
            })?;
            if !response.status().is_redirection() || response.status() == StatusCode::NOT_MODIFIED
            {
                return Ok(Got { url, response });
            }
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or_default()
                .to_string();
            url = resolve(&uri, &location).ok_or_else(|| {
                Problem::new(
                    Location::file(shown(&url)),
                    format!(
                        "redirect ({}) to an unusable location '{}'",
                        response.status().as_u16(),
                        shown(&location)
                    ),
                    "try again later; if it persists, GOV.UK has moved the file",
                )
            })?;
        }
        Err(Problem::new(
            Location::file(shown(&url)),
            format!("more than {MAX_REDIRECTS} redirects"),
            "try again later; if it persists, GOV.UK has moved the file",
        ))
    }

    /// A transport error as a message naming the URL and what to do.
    pub fn failed(&self, url: &str, e: &ureq::Error) -> Problem {
        let (what, hint) = match e {
            ureq::Error::Timeout(ureq::Timeout::Global) => (
                format!("not finished within {} s", self.timeout.as_secs()),
                "the server is too slow or stalling; try again, or allow longer with --timeout SECONDS"
                    .to_string(),
            ),
            ureq::Error::Timeout(_) => (
                format!("no answer within {} s", self.timeout.as_secs()),
                "check the connection and try again, or allow longer with --timeout SECONDS"
                    .to_string(),
            ),
            ureq::Error::BodyExceedsLimit(limit) => (
                format!("the file is larger than the {limit}-byte cap for this dataset"),
                "this is not the expected release; check the publication page on www.gov.uk"
                    .to_string(),
            ),
            ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => (
                format!("cannot connect: {e}"),
                "check the internet connection, and HTTPS_PROXY if you use a proxy".to_string(),
            ),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => (
                format!("cannot connect: {e}"),
                "check the internet connection, and HTTPS_PROXY if you use a proxy".to_string(),
            ),
            _ => (
                format!("download failed: {e}"),
                "the transfer was cut short or refused; try again".to_string(),
            ),
        };
        Problem::new(Location::file(shown(url)), what, hint)
    }
}

/// A status other than the one wanted, as a message.
pub fn bad_status(url: &str, status: StatusCode) -> Problem {
    let hint = match status.as_u16() {
        404 | 410 => {
            "GOV.UK no longer has it there: the page or file has moved; check the publication on www.gov.uk"
        }
        429 => "GOV.UK is limiting requests; wait a while and try again",
        500..=599 => "GOV.UK had a problem; try again later",
        _ => "unexpected answer from GOV.UK; try again later",
    };
    Problem::new(
        Location::file(shown(url)),
        format!("HTTP status {}", status.as_u16()),
        hint,
    )
}

fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A `Location` header against the URL that sent it: absolute, or an absolute path on the same
/// host. None for anything else.
fn resolve(from: &Uri, location: &str) -> Option<String> {
    if location.contains("://") {
        return location.parse::<Uri>().ok().map(|_| location.to_string());
    }
    if location.starts_with('/') && !location.starts_with("//") {
        return Some(format!(
            "{}://{}{location}",
            from.scheme_str()?,
            from.authority()?.as_str()
        ));
    }
    None
}

/// Text from the network made safe to print (see [`crate::sanitize`]): escaped, and cut to
/// [`SHOWN_MAX`] characters, which a GOV.UK asset URL fits in (the usual echo limit would cut it).
pub fn shown(text: &str) -> String {
    sanitize::echo_within(text, SHOWN_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(loopback: bool) -> Client {
        Client {
            progress: false,
            agent: ureq::Agent::new_with_defaults(),
            base: GOVUK.to_string(),
            loopback,
            timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn only_govuk_over_https_is_allowed() {
        let c = client(false);
        assert!(c.check("https://www.gov.uk/api/content/x").is_ok());
        assert!(
            c.check("https://assets.publishing.service.gov.uk/media/1/a.ods")
                .is_ok()
        );
        for bad in [
            "http://www.gov.uk/api/content/x",
            "https://www.gov.uk.evil.example/x",
            "https://evil.example/a.ods",
            "https://www.gov.uk:8443/x",
            "http://127.0.0.1:8080/x",
            "ftp://www.gov.uk/x",
        ] {
            assert!(c.check(bad).is_err(), "{bad}");
        }
        let local = client(true);
        assert!(local.check("http://127.0.0.1:8080/x").is_ok());
        assert!(local.check("http://[::1]:8080/x").is_ok());
        assert!(local.check("http://evil.example/x").is_err());
    }

    #[test]
    fn redirects_resolve_against_the_sender() {
        let from: Uri = "https://www.gov.uk/a/b".parse().unwrap();
        assert_eq!(
            resolve(&from, "/c").as_deref(),
            Some("https://www.gov.uk/c")
        );
        assert_eq!(
            resolve(&from, "https://evil.example/x").as_deref(),
            Some("https://evil.example/x")
        );
        assert_eq!(resolve(&from, "//evil.example/x"), None);
        assert_eq!(resolve(&from, "c"), None);
    }

    #[test]
    fn network_text_is_printed_without_control_characters() {
        assert_eq!(shown("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\u{a}");
        let long = format!("https://www.gov.uk/{}", "x".repeat(400));
        assert_eq!(shown(&long).chars().count(), SHOWN_MAX + 1);
        assert!(shown(&long).ends_with('…'));
    }
}
