//! The local cache of fetched releases: a directory holding each file under its published name
//! and `manifest.json` describing them. Files and the manifest are written to a temporary file
//! in the same directory and renamed into place, so a failed or interrupted fetch leaves the
//! cache as it was.
//!
//! A temporary file (`.partial-*`) is locked for as long as its writer has it open; one that can
//! be locked has lost its writer (a killed fetch) and is removed by the next fetch. Updates of the
//! manifest (read, add an entry, write) hold `manifest.lock`, so fetches running at once on one
//! cache keep every entry.

use super::Kind;
use crate::error::{Location, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const DIR_ENV: &str = "MIGSTATS_CACHE_DIR";
const MANIFEST: &str = "manifest.json";
/// Held (exclusively) around every read-modify-write of the manifest; empty, and kept.
const LOCK: &str = "manifest.lock";
const PARTIAL: &str = ".partial-";
const MANIFEST_VERSION: u32 = 1;
/// A manifest lists a few entries per dataset; anything bigger is not one.
const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// One cached release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub dataset: Kind,
    /// Where it was downloaded from (after redirects).
    pub url: String,
    /// Its published file name, which is also its name in the cache.
    pub filename: String,
    /// Release date from the file name (month releases: the 1st of the month).
    pub release_date: NaiveDate,
    pub sha256: String,
    pub size: u64,
    /// `public_updated_at` of the GOV.UK page it was listed on.
    #[serde(default)]
    pub public_updated_at: Option<String>,
    /// When it was downloaded, UTC, RFC 3339.
    pub fetched_at: String,
    /// HTTP validators, sent back on the next fetch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub releases: Vec<Entry>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            version: MANIFEST_VERSION,
            releases: Vec::new(),
        }
    }
}

impl Manifest {
    /// The newest cached release of a dataset (latest release date, then latest fetched).
    pub fn latest(&self, kind: Kind) -> Option<&Entry> {
        self.releases
            .iter()
            .filter(|e| e.dataset == kind)
            .max_by(|a, b| (a.release_date, &a.fetched_at).cmp(&(b.release_date, &b.fetched_at)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cache {
    pub dir: PathBuf,
}

impl Cache {
    /// `--cache-dir`, else `MIGSTATS_CACHE_DIR`, else `migstats` in the user's cache directory.
    pub fn locate(flag: Option<&Path>) -> Result<Cache, Problem> {
        if let Some(dir) = flag {
            return Ok(Cache { dir: dir.into() });
        }
        if let Some(dir) = std::env::var_os(DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Cache { dir: dir.into() });
        }
        dirs::cache_dir()
            .map(|d| Cache {
                dir: d.join("migstats"),
            })
            .ok_or_else(|| {
                Problem::new(
                    Location::file("cache"),
                    "this system names no cache directory",
                    format!("give one with --cache-dir DIR or {DIR_ENV}"),
                )
            })
    }

    pub fn path(&self, filename: &str) -> PathBuf {
        self.dir.join(filename)
    }

    fn problem(&self, path: &Path, what: String, hint: &str) -> Problem {
        Problem::new(Location::file(path.display().to_string()), what, hint)
    }

    /// The manifest; an empty one when the cache has none yet.
    pub fn manifest(&self) -> Result<Manifest, Problem> {
        let path = self.path(MANIFEST);
        let hint = "delete the cache directory and run `migstats fetch` again";
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(self.problem(&path, format!("cannot read: {e}"), hint)),
        };
        let mut bytes = Vec::new();
        file.take(MAX_MANIFEST_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.problem(&path, format!("cannot read: {e}"), hint))?;
        if bytes.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(self.problem(&path, "manifest too large".to_string(), hint));
        }
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            self.problem(&path, format!("not a migstats cache manifest: {e}"), hint)
        })?;
        if manifest.version != MANIFEST_VERSION {
            return Err(self.problem(
                &path,
                format!(
                    "manifest version {} is not {MANIFEST_VERSION}",
                    manifest.version
                ),
                hint,
            ));
        }
        Ok(manifest)
    }

    /// A temporary file in the cache directory (created if need be), removed unless persisted,
    /// and locked while open. Temporary files left by a writer that is gone are removed first.
    pub fn temp(&self) -> Result<tempfile::NamedTempFile, Problem> {
        let hint = "the cache directory must be writable; choose another with --cache-dir DIR";
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| self.problem(&self.dir, format!("cannot create the cache: {e}"), hint))?;
        self.remove_abandoned();
        loop {
            let tmp = tempfile::Builder::new()
                .prefix(PARTIAL)
                .tempfile_in(&self.dir)
                .map_err(|e| {
                    self.problem(&self.dir, format!("cannot write to the cache: {e}"), hint)
                })?;
            // A file system without locks: the file is used unlocked (and never removed by
            // another fetch, which cannot lock it either).
            if tmp.as_file().lock().is_err() {
                return Ok(tmp);
            }
            // Another fetch may have taken it for abandoned between its creation and the lock.
            if tmp.path().exists() {
                return Ok(tmp);
            }
        }
    }

    /// Removes every `.partial-*` file nobody holds locked: what a killed fetch left.
    fn remove_abandoned(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let partial = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(PARTIAL))
                && entry.file_type().is_ok_and(|t| t.is_file());
            if !partial {
                continue;
            }
            // The lock is held until the file is gone: a writer that has just created it waits
            // on its own lock until then, and finds it gone.
            if let Ok(file) = File::open(entry.path())
                && file.try_lock().is_ok()
            {
                let _ = std::fs::remove_file(entry.path());
                drop(file);
            }
        }
    }

    /// The manifest lock, held until the returned file is dropped.
    fn lock(&self) -> Result<File, Problem> {
        let path = self.path(LOCK);
        let hint = "the cache directory must be writable; choose another with --cache-dir DIR";
        let fail =
            |e: std::io::Error| self.problem(&path, format!("cannot lock the cache: {e}"), hint);
        std::fs::create_dir_all(&self.dir).map_err(fail)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(fail)?;
        match file.lock() {
            Ok(()) => Ok(file),
            // No locks on this file system: carry on as before locks existed.
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(file),
            Err(e) => Err(fail(e)),
        }
    }

    /// Moves a verified download into place under `entry.filename` and records it in the
    /// manifest (replacing an entry of the same file). If the manifest cannot be written, the
    /// new file is removed again, so the cache stays as it was.
    pub fn store(&self, file: tempfile::NamedTempFile, entry: Entry) -> Result<PathBuf, Problem> {
        let hint = "the cache was left as it was; free some space or choose another directory with --cache-dir DIR";
        let _lock = self.lock()?;
        let mut manifest = self.manifest()?;
        let target = self.path(&entry.filename);
        let existed = target.exists();
        file.persist(&target).map_err(|e| {
            self.problem(
                &target,
                format!("cannot store the download: {}", e.error),
                hint,
            )
        })?;
        manifest
            .releases
            .retain(|e| !(e.dataset == entry.dataset && e.filename == entry.filename));
        manifest.releases.push(entry);
        if let Err(p) = self.write_manifest(&manifest, hint) {
            if !existed {
                let _ = std::fs::remove_file(&target);
            }
            return Err(p);
        }
        Ok(target)
    }

    fn write_manifest(&self, manifest: &Manifest, hint: &str) -> Result<(), Problem> {
        let path = self.path(MANIFEST);
        let fail = |e: String| self.problem(&path, format!("cannot write the manifest: {e}"), hint);
        let bytes = serde_json::to_vec_pretty(manifest).map_err(|e| fail(e.to_string()))?;
        let mut tmp = self.temp()?;
        tmp.write_all(&bytes)
            .and_then(|()| tmp.write_all(b"\n"))
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| fail(e.to_string()))?;
        tmp.persist(&path).map_err(|e| fail(e.error.to_string()))?;
        Ok(())
    }

    /// The cached file of an entry, if it is still there exactly as fetched (size and sha256).
    pub fn verified(&self, entry: &Entry) -> Option<PathBuf> {
        // A manifest edited by hand must not point outside the cache.
        if !super::page::safe_filename(&entry.filename) {
            return None;
        }
        let path = self.path(&entry.filename);
        let file = File::open(&path).ok()?;
        if file.metadata().ok()?.len() != entry.size {
            return None;
        }
        let (sha, _) = sha256_of(file).ok()?;
        (sha == entry.sha256).then_some(path)
    }
}

/// Hex sha256 and length of everything `input` yields.
pub fn sha256_of(mut input: impl Read) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut len = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(buf.get(..n).unwrap_or_default());
        len += n as u64;
    }
    Ok((hex(&hasher.finalize()), len))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: Kind, filename: &str, date: &str, fetched: &str) -> Entry {
        Entry {
            dataset: kind,
            url: format!("https://assets.publishing.service.gov.uk/media/x/{filename}"),
            filename: filename.to_string(),
            release_date: date.parse().unwrap(),
            sha256: String::new(),
            size: 0,
            public_updated_at: None,
            fetched_at: fetched.to_string(),
            etag: None,
            last_modified: None,
        }
    }

    #[test]
    fn latest_is_the_newest_release_of_that_dataset() {
        let m = Manifest {
            version: 1,
            releases: vec![
                entry(
                    Kind::SmallBoats,
                    "b.ods",
                    "2025-11-14",
                    "2025-11-15T00:00:00Z",
                ),
                entry(
                    Kind::SmallBoats,
                    "a.ods",
                    "2025-11-07",
                    "2025-11-20T00:00:00Z",
                ),
                entry(
                    Kind::Returns,
                    "r.xlsx",
                    "2025-12-01",
                    "2025-12-02T00:00:00Z",
                ),
            ],
        };
        assert_eq!(m.latest(Kind::SmallBoats).unwrap().filename, "b.ods");
        assert_eq!(m.latest(Kind::Returns).unwrap().filename, "r.xlsx");
        assert!(m.latest(Kind::Asylum).is_none());
    }

    #[test]
    fn sha256_of_known_input() {
        let (sha, len) = sha256_of(&b"abc"[..]).unwrap();
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(len, 3);
    }

    #[test]
    fn a_store_that_cannot_complete_leaves_the_cache_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache {
            dir: dir.path().to_path_buf(),
        };
        let mut tmp = cache.temp().unwrap();
        tmp.write_all(b"old").unwrap();
        let mut old = entry(Kind::SmallBoats, "a.ods", "2025-11-07", "t1");
        old.size = 3;
        cache.store(tmp, old.clone()).unwrap();
        let before = std::fs::read(cache.path(MANIFEST)).unwrap();
        // The new file's name is taken by a non-empty directory: the rename must fail.
        std::fs::create_dir_all(cache.path("b.ods").join("x")).unwrap();
        let mut tmp = cache.temp().unwrap();
        tmp.write_all(b"new").unwrap();
        assert!(
            cache
                .store(tmp, entry(Kind::SmallBoats, "b.ods", "2025-11-14", "t2"))
                .is_err()
        );
        assert_eq!(std::fs::read(cache.path(MANIFEST)).unwrap(), before);
        assert_eq!(std::fs::read(cache.path("a.ods")).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".partial-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn stores_at_once_keep_every_entry() {
        // Sixteen writers released together, five times: each reads the manifest, adds its
        // entry and writes it back; without the lock some entries are overwritten.
        for round in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache {
                dir: dir.path().to_path_buf(),
            };
            let writers = 16;
            let barrier = std::sync::Barrier::new(writers);
            std::thread::scope(|s| {
                for i in 0..writers {
                    let (cache, barrier) = (&cache, &barrier);
                    s.spawn(move || {
                        let tmp = cache.temp().unwrap();
                        let e = entry(Kind::SmallBoats, &format!("{i}.ods"), "2025-11-07", "t");
                        barrier.wait();
                        cache.store(tmp, e).unwrap();
                    });
                }
            });
            let kept = cache.manifest().unwrap().releases.len();
            assert_eq!(kept, writers, "round {round}");
        }
    }

    #[test]
    fn a_partial_file_is_removed_only_once_its_writer_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache {
            dir: dir.path().to_path_buf(),
        };
        let live = cache.temp().unwrap();
        // What a killed fetch leaves: a partial file nobody holds.
        let dead = dir.path().join(".partial-dead");
        std::fs::write(&dead, b"half a download").unwrap();
        let other = cache.temp().unwrap();
        assert!(!dead.exists());
        assert!(live.path().exists() && other.path().exists());
    }
}
