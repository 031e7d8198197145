//! A cached official release as provenance cites it: which file, of when, with which sha256.

use schemars::JsonSchema;
use serde::Serialize;

/// An official release read from the `fetch` cache (`--data latest:NAME`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Release {
    /// Dataset name, e.g. `small-boats`.
    pub dataset: String,
    /// The published file name.
    pub filename: String,
    /// Release date from the file name, ISO `YYYY-MM-DD` (monthly releases: the 1st).
    pub release_date: String,
    /// sha256 of the file, hex.
    pub sha256: String,
    /// Where it was downloaded from.
    pub url: String,
    /// `public_updated_at` of the GOV.UK page that listed it.
    pub public_updated_at: Option<String>,
    /// When it was downloaded (UTC, RFC 3339).
    pub fetched_at: String,
}
