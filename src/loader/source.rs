//! One `--data` source, opened once: a regular file keeps its handle (readers seek in it); stdin
//! (`-`), `/dev/stdin`, a FIFO, process substitution or a device is read as a stream. The
//! leading bytes are kept so the kind can be told without reading the source twice.

use super::limits::{self, Bounded, Limit, Limits};
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Bytes kept from the start of a source to tell its kind (magic bytes, CSV header rows).
pub const HEAD: usize = 64 * 1024;

/// An opened source.
pub struct Source {
    /// The path as given (`stdin` for `-`), for messages.
    pub name: String,
    pub limits: Limits,
    /// The first bytes (up to [`HEAD`]).
    pub head: Vec<u8>,
    /// sha256 of a regular file's bytes, hex, for a check's receipt; None for a stream.
    pub sha256: Option<String>,
    /// A stream's sha256, taken as its bytes are read: known once it has been read to its end.
    pub digest: Option<StreamDigest>,
    body: Body,
}

/// sha256 of a stream's bytes as its reader takes them, shared with the [`Source`] that hands
/// the stream on.
#[derive(Clone, Default)]
pub struct StreamDigest(Arc<Mutex<Digesting>>);

#[derive(Default)]
struct Digesting {
    hasher: Sha256,
    ended: bool,
}

impl StreamDigest {
    /// The digest, hex, once the stream has been read to its end; None before (a digest of
    /// part of it is not the stream's).
    pub fn finish(&self) -> Option<String> {
        let state = self.0.lock().ok()?;
        state
            .ended
            .then(|| hex(state.hasher.clone().finalize().as_slice()))
    }
}

/// A stream read through its digest.
struct Digested {
    inner: Box<dyn Read>,
    digest: StreamDigest,
}

impl Read for Digested {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut state) = self.digest.0.lock() {
            if n == 0 && !buf.is_empty() {
                state.ended = true;
            } else {
                state.hasher.update(buf.get(..n).unwrap_or_default());
            }
        }
        Ok(n)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

enum Body {
    /// A regular file, its size checked against the limit before anything was read.
    File { file: File },
    /// A stream after its head; still to be read.
    Stream(Box<dyn Read>),
}

/// Random access to a workbook: the file itself, or a stream read whole into memory.
pub enum Seekable {
    File(File),
    Memory(Cursor<Shared>),
}

/// A stream's bytes, read once into memory and never copied again (shared, not cloned).
#[derive(Debug, Clone)]
pub struct Shared(pub Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

impl Seekable {
    /// Bytes in memory, as a seekable source.
    pub fn memory(bytes: Vec<u8>) -> Seekable {
        Seekable::Memory(Cursor::new(Shared(Arc::new(bytes))))
    }
}

impl Read for Seekable {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Seekable::File(f) => f.read(buf),
            Seekable::Memory(m) => m.read(buf),
        }
    }
}

impl Seek for Seekable {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            Seekable::File(f) => f.seek(pos),
            Seekable::Memory(m) => m.seek(pos),
        }
    }
}

/// What a CSV reader reads: a file from its start, or a stream; either bounded.
pub enum Csv {
    File { file: File },
    Stream(Box<dyn Read>),
}

/// How a source is named in messages and provenance: its path, or `stdin` for `-`.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// sha256 of a file read from its start through the handle the readers use (so it is of the
/// bytes they read), at most `max` bytes (its size was checked already), then back to the start.
fn sha256_of(mut file: &File, max: u64) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut input = file.take(max);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(buf.get(..n).unwrap_or_default());
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(hex(hasher.finalize().as_slice()))
}

impl Source {
    pub fn open(path: &Path, limits: Limits) -> Result<Source> {
        if path.as_os_str() == "-" {
            let name = display_name(path);
            return Source::stream(name.clone(), Box::new(io::stdin()), limits)
                .map_err(|source| Error::Io { path: name, source });
        }
        let name = path.display().to_string();
        let io = |source| Error::Io {
            path: name.clone(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            // A pipe, FIFO or device: no size to check, no seeking; read it as it comes.
            return Source::stream(name.clone(), Box::new(file), limits).map_err(io);
        }
        let len = meta.len();
        if len > limits.max_bytes {
            return Err(Limit::InputBytes(limits.max_mb()).error(&name));
        }
        let sha256 = Some(sha256_of(&file, limits.max_bytes).map_err(io)?);
        let mut head = Vec::new();
        (&file)
            .take(HEAD as u64)
            .read_to_end(&mut head)
            .map_err(io)?;
        Ok(Source {
            name,
            limits,
            head,
            sha256,
            digest: None,
            body: Body::File { file },
        })
    }

    /// A source from bytes in memory (tests and fuzzing).
    pub fn from_bytes(name: &str, bytes: Vec<u8>, limits: Limits) -> Result<Source> {
        Source::stream(name.to_string(), Box::new(Cursor::new(bytes)), limits).map_err(|source| {
            Error::Io {
                path: name.to_string(),
                source,
            }
        })
    }

    fn stream(name: String, input: Box<dyn Read>, limits: Limits) -> io::Result<Source> {
        let digest = StreamDigest::default();
        let mut input: Box<dyn Read> = Box::new(Digested {
            inner: input,
            digest: digest.clone(),
        });
        let mut head = Vec::new();
        (&mut input).take(HEAD as u64).read_to_end(&mut head)?;
        Ok(Source {
            name,
            limits,
            head,
            sha256: None,
            digest: Some(digest),
            body: Body::Stream(input),
        })
    }

    /// The whole source with random access, for a workbook. A stream is read into memory
    /// under the limit.
    pub fn seekable(self) -> Result<Seekable> {
        let name = self.name;
        let io = |source| Error::Io {
            path: name.clone(),
            source,
        };
        match self.body {
            Body::File { mut file } => {
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                Ok(Seekable::File(file))
            }
            Body::Stream(rest) => {
                let mut all = Vec::new();
                let whole = Cursor::new(self.head).chain(rest);
                match Bounded::bytes_only(whole, &self.limits).read_to_end(&mut all) {
                    // The bytes as read: a second copy would double the peak.
                    Ok(_) => Ok(Seekable::memory(all)),
                    Err(e) if limits::limit_of(&e).is_some() => {
                        Err(Limit::InputBytes(self.limits.max_mb()).error(&name))
                    }
                    Err(e) => Err(io(e)),
                }
            }
        }
    }

    /// The whole source from its first byte, for a CSV reader.
    pub fn csv(self) -> Result<Csv> {
        match self.body {
            Body::File { mut file } => {
                file.seek(SeekFrom::Start(0)).map_err(|source| Error::Io {
                    path: self.name.clone(),
                    source,
                })?;
                Ok(Csv::File { file })
            }
            Body::Stream(rest) => Ok(Csv::Stream(Box::new(Cursor::new(self.head).chain(rest)))),
        }
    }
}
