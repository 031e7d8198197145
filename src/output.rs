//! Writing a finished result to `-o FILE`: to a temporary file beside it, renamed over it only
//! once complete, so a failure never leaves half a file (or clobbers the old one).

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source: std::io::Error| Error::WriteFile {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".migstats-");
    // A temporary file is private (0600); the output is an ordinary file (0666 less umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_and_a_failure_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_file(&path, b"a,b\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
        // A directory in the way: an error naming the path, and no temporary file left.
        let blocked = dir.path().join("sub");
        std::fs::create_dir(&blocked).unwrap();
        let err = write_file(&blocked, b"x").unwrap_err();
        assert!(err.to_string().contains("sub: cannot write"), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2);
    }
}
