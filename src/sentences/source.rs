//! Where claims are read from: one sentence given on the command line, or an article (a file,
//! or `-` for stdin) split into sentences, refused past a size.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::PathBuf;

/// An article larger than this is refused rather than read.
pub const MAX_TEXT_BYTES: u64 = 1 << 20;

/// Where the claims come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Claim(String),
    /// A file, or `-` for stdin.
    Text(PathBuf),
}

/// Reads the sentences of `source`: one claim, or an article split into sentences.
pub fn read(source: &Source) -> Result<(String, Vec<(u64, String)>)> {
    match source {
        Source::Claim(s) => Ok(("--claim".to_string(), vec![(1, s.trim().to_string())])),
        Source::Text(path) => {
            let name = path.display().to_string();
            let io = |source| Error::Io {
                path: name.clone(),
                source,
            };
            let mut bytes = Vec::new();
            if path.as_os_str() == "-" {
                std::io::stdin()
                    .take(MAX_TEXT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(io)?;
            } else {
                std::fs::File::open(path)
                    .map_err(io)?
                    .take(MAX_TEXT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(io)?;
            }
            if bytes.len() as u64 > MAX_TEXT_BYTES {
                return Err(Error::usage(
                    format!("{name}: more than {MAX_TEXT_BYTES} bytes of text"),
                    "check one article at a time",
                ));
            }
            let text = String::from_utf8_lossy(&bytes);
            Ok((name, super::split(&text)))
        }
    }
}
