//! `--data latest:NAME` (and `check --against`, `revisions`): a cached release named by its
//! dataset becomes the cached file's path, checked against the manifest, before the loader
//! opens anything; and a warning for each one whose cached daily series is stale.

use super::{Cache, Kind};
use crate::domain::Release;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The path of each source (`latest:NAME` resolved in the cache, others as given), and the
/// releases read from the cache, in order.
pub fn resolve_sources(
    sources: &[PathBuf],
    cache_dir: Option<&Path>,
) -> Result<(Vec<PathBuf>, Vec<Release>)> {
    let mut paths = Vec::with_capacity(sources.len());
    let mut releases = Vec::new();
    for source in sources {
        let Some(kind) = super::latest_name(source) else {
            paths.push(source.clone());
            continue;
        };
        let cache = Cache::locate(cache_dir).map_err(Error::invalid)?;
        let (path, entry) = super::resolve(kind?, &cache)?;
        releases.push(Release {
            dataset: entry.dataset.name().to_string(),
            filename: entry.filename,
            release_date: entry.release_date.to_string(),
            sha256: entry.sha256,
            url: entry.url,
            public_updated_at: entry.public_updated_at,
            fetched_at: entry.fetched_at,
        });
        paths.push(path);
    }
    Ok((paths, releases))
}

/// A warning for each `latest:NAME` among `sources` whose cached daily series is stale, read
/// from the manifest once; a missing cache is reported by the load itself.
pub fn stale(sources: &[&Path], cache_dir: Option<&Path>) -> Vec<String> {
    let mut kinds: Vec<Kind> = sources
        .iter()
        .filter_map(|s| super::latest_name(s)?.ok())
        .collect();
    kinds.dedup();
    // Most runs name no `latest:` source: then there is no manifest to read.
    if kinds.is_empty() {
        return Vec::new();
    }
    let Ok(cache) = Cache::locate(cache_dir) else {
        return Vec::new();
    };
    let Ok(manifest) = cache.manifest() else {
        return Vec::new();
    };
    kinds
        .into_iter()
        .filter_map(|k| super::staleness(manifest.latest(k)?, super::today()))
        .collect()
}
