//! Writing a finished result to `-o FILE`. A regular file (or a new one) is written to a
//! temporary file beside it and renamed over it only once complete, so a failure never leaves
//! half a file (or clobbers the old one); the new file keeps the old one's permissions. A
//! symlink is followed: its target is replaced, in the target's own directory, and the link
//! stays. A device, FIFO or `/dev/stdout` is written in place (a rename would replace the
//! device node itself). A file with other hard links is written in place too, so every name
//! keeps seeing it; a read-only file is refused. `-o -` is stdout.
//!
//! While the temporary file exists, SIGINT, SIGTERM, SIGHUP or SIGQUIT removes it before the
//! process dies of the signal as it would have; SIGXFSZ (a write past `ulimit -f`) is caught,
//! so the write fails (EFBIG) and is reported like any other. SIGPIPE cannot reach a file
//! (Rust ignores it: a write gets EPIPE). Only SIGKILL can leave the temporary file behind.

use crate::error::{Error, Result};
use std::fs::{self, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Symlinks followed before a path is taken for a loop.
const MAX_LINKS: usize = 40;

/// Catches SIGXFSZ, which would otherwise kill the process at a write past the file size
/// limit (`ulimit -f`) with a temporary file half written: caught, the write fails with EFBIG
/// instead. Called once, before anything is written.
pub fn catch_file_size_signal() {
    #[cfg(unix)]
    {
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        // Should it fail, the signal keeps its default action: nothing else changes.
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught);
    }
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::FileTooLarge => Error::usage(
            format!(
                "{}: cannot write: the output is larger than the file size limit allows (ulimit -f, or the file system's)",
                path.display()
            ),
            "nothing was left in its place; raise the limit or write somewhere else",
        ),
        _ => Error::WriteFile {
            path: path.display().to_string(),
            source,
        },
    };
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(fail);
    }
    match fs::metadata(path) {
        // Nothing there (or a dangling link): a new file where the link points.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            atomic(&resolve(path).map_err(fail)?, None, bytes).map_err(fail)
        }
        Err(e) => Err(fail(e)),
        Ok(meta) if meta.is_dir() => Err(fail(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a directory",
        ))),
        Ok(meta) if !meta.is_file() => in_place(path, bytes).map_err(fail),
        Ok(meta) if meta.permissions().readonly() => Err(fail(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "it is read-only, so it is not replaced",
        ))),
        Ok(meta) if links(&meta) > 1 => in_place(path, bytes).map_err(fail),
        Ok(meta) => atomic(&resolve(path).map_err(fail)?, Some(&meta), bytes).map_err(fail),
    }
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// The path a chain of symlinks ends at (which need not exist yet).
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Written where it is: a device, a FIFO, a hard-linked file.
fn in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    // A regular file (hard-linked) is cut to the new length; a device or FIFO has none.
    if file.metadata()?.is_file() {
        file.set_len(0)?;
    }
    file.write_all(bytes)?;
    file.flush()
}

/// Written beside `path` and renamed over it; with `old`, keeping its permissions.
fn atomic(path: &Path, old: Option<&Metadata>, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".migstats-");
    // A temporary file is private (0600); the output is an ordinary file (0666 less umask),
    // or has the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let watch = Watch::start();
    let mut tmp = watch.create(|| builder.tempfile_in(dir))?;
    if let Some(old) = old {
        tmp.as_file().set_permissions(old.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    watch.finish(|| tmp.persist(path).map(drop).map_err(|e| e.error))
}

/// The temporary file's path for a thread that waits for a terminating signal: it removes the
/// file, then lets the signal kill the process as it would have. The path is set and cleared
/// under the lock, so the file is never removed half way through its rename.
struct Watch {
    #[cfg(unix)]
    path: Option<std::sync::Arc<std::sync::Mutex<Option<PathBuf>>>>,
}

impl Watch {
    #[cfg(unix)]
    fn start() -> Watch {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        use std::sync::{Arc, Mutex};
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        else {
            return Watch { path: None };
        };
        let path: Arc<Mutex<Option<PathBuf>>> = Arc::new(Mutex::new(None));
        let theirs = Arc::clone(&path);
        // Left running: after the rename a signal still kills as it would have. The process
        // ends soon after its one write.
        let spawned = std::thread::Builder::new().spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let held = theirs.lock().map(|mut p| p.take());
                if let Ok(Some(file)) = held {
                    let _ = fs::remove_file(file);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        });
        Watch {
            path: spawned.ok().map(|_| path),
        }
    }

    #[cfg(not(unix))]
    fn start() -> Watch {
        Watch {}
    }

    /// Creates the temporary file and names it to the watching thread.
    fn create(
        &self,
        make: impl FnOnce() -> std::io::Result<tempfile::NamedTempFile>,
    ) -> std::io::Result<tempfile::NamedTempFile> {
        #[cfg(unix)]
        if let Some(path) = &self.path {
            let mut held = path
                .lock()
                .map_err(|_| std::io::Error::other("lock poisoned"))?;
            let tmp = make()?;
            *held = Some(tmp.path().to_path_buf());
            return Ok(tmp);
        }
        make()
    }

    /// Renames the file into place; from then on there is nothing to remove (nor after a
    /// failure, once the temporary file is dropped: see `Drop`).
    fn finish(&self, rename: impl FnOnce() -> std::io::Result<()>) -> std::io::Result<()> {
        #[cfg(unix)]
        if let Some(path) = &self.path {
            let mut held = path
                .lock()
                .map_err(|_| std::io::Error::other("lock poisoned"))?;
            let done = rename();
            *held = None;
            return done;
        }
        rename()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(Ok(mut held)) = self.path.as_ref().map(|p| p.lock()) {
            *held = None;
        }
    }
}

#[cfg(test)]
mod tests;
