//! `-o` over every kind of target.

use super::*;

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".migstats-"))
        .collect()
}

#[test]
fn a_file_is_written_whole_and_a_failure_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    write_file(&path, b"a,b\n").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"a,b\n");
    // A directory in the way: an error naming the path, and no temporary file left.
    let blocked = dir.path().join("sub");
    fs::create_dir(&blocked).unwrap();
    let err = write_file(&blocked, b"x").unwrap_err();
    assert!(err.to_string().contains("sub: cannot write"), "{err}");
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn modes_links_and_devices_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    // A 0600 target stays 0600.
    let private = dir.path().join("private.csv");
    fs::write(&private, "old").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    write_file(&private, b"new").unwrap();
    assert_eq!(fs::read(&private).unwrap(), b"new");
    assert_eq!(fs::metadata(&private).unwrap().mode() & 0o777, 0o600);
    // A read-only target is refused and left as it was.
    let frozen = dir.path().join("frozen.csv");
    fs::write(&frozen, "keep").unwrap();
    fs::set_permissions(&frozen, fs::Permissions::from_mode(0o444)).unwrap();
    let err = write_file(&frozen, b"x").unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&frozen).unwrap(), b"keep");
    // A symlink stays a link; its target (in another directory) gets the bytes.
    let other = tempfile::tempdir().unwrap();
    let target = other.path().join("real.csv");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.csv");
    symlink(&target, &link).unwrap();
    write_file(&link, b"via link").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&target).unwrap(), b"via link");
    // A dangling link: the file is made where it points.
    let dangling = dir.path().join("dangling.csv");
    symlink(other.path().join("new.csv"), &dangling).unwrap();
    write_file(&dangling, b"made").unwrap();
    assert_eq!(fs::read(other.path().join("new.csv")).unwrap(), b"made");
    // A hard link: both names still see one file, with the new bytes.
    let first = dir.path().join("first.csv");
    let second = dir.path().join("second.csv");
    fs::write(&first, "old old old").unwrap();
    fs::hard_link(&first, &second).unwrap();
    write_file(&first, b"new").unwrap();
    assert_eq!(fs::read(&second).unwrap(), b"new");
    assert_eq!(fs::metadata(&first).unwrap().nlink(), 2);
    // A device is written, not replaced.
    write_file(Path::new("/dev/null"), b"gone").unwrap();
    assert!(!fs::metadata("/dev/null").unwrap().is_file());
    assert!(leftovers(dir.path()).is_empty() && leftovers(other.path()).is_empty());
}
