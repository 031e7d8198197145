//! Output to pipes: a reader that closes early (`| head -1`) is not an error, a failing command
//! leaves stdout empty, and a closed stderr does not turn an error into a panic.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a pipe holds before its writer blocks (on Linux; less on macOS).
const PIPE_BUFFER: usize = 64 << 10;

/// Far more output than a pipe buffer holds (about 700 KB of CSV), so the writer is still writing
/// when the reader goes away. No more than that: `summary` takes more than linear time in the
/// number of series, and 20,000 took half a minute of the test run.
const ROWS: usize = 5_000;

const HEADER: &str = "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note";

/// A figures file of `ROWS` series (one row each in `summary`), then `tail` verbatim.
fn big_csv(dir: &Path, tail: &str) -> PathBuf {
    let path = dir.join("big.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(w, "{HEADER}").unwrap();
    for i in 0..ROWS {
        writeln!(
            w,
            "f-{i},small_boat_arrivals,country-{i},2025-01-01,2025-08-15,{},people,about,10,,Test,",
            1000 + i
        )
        .unwrap();
    }
    w.write_all(tail.as_bytes()).unwrap();
    w.flush().unwrap();
    path
}

fn bin() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("migstats"));
    cmd.env_remove("COLUMNS").env_remove("NO_COLOR");
    cmd
}

#[test]
fn a_reader_closing_after_one_line_ends_quietly_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_csv(dir.path(), "");
    for (format, first) in [("csv", "id,metric,"), ("json", "{")] {
        let mut child = bin()
            .args(["--format", format, "--data"])
            .arg(&data)
            .arg("summary")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert!(line.starts_with(first), "{format}: {line}");
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
    }
}

#[test]
fn the_whole_output_arrives_when_the_reader_reads_it_all() {
    // The other side of the test above: the output really is bigger than a pipe buffer.
    let dir = tempfile::tempdir().unwrap();
    let data = big_csv(dir.path(), "");
    let out = bin()
        .args(["--format", "csv", "--data"])
        .arg(&data)
        .arg("summary")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.len() > 8 * PIPE_BUFFER, "{}", out.stdout.len());
    assert_eq!(out.stdout.iter().filter(|b| **b == b'\n').count(), ROWS + 1);
}

#[test]
fn a_failing_command_writes_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    // Every row but the last is good: the problem is found only at the end of the file.
    let bad_line = ROWS + 2;
    let data = big_csv(
        dir.path(),
        "late,small_boat_arrivals,all,2025-01-01,2025-08-15,-1,people,about,10,,Test,\n",
    );
    let missing = dir.path().join("missing.csv");
    let cases: [(&str, Vec<&Path>, String); 3] = [
        (
            "json",
            vec![&data],
            format!("{}:{bad_line}:6: value -1 is negative", data.display()),
        ),
        (
            "csv",
            vec![&data],
            format!("{}:{bad_line}:6: value -1 is negative", data.display()),
        ),
        (
            "table",
            vec![&data, &missing],
            format!("{}:{bad_line}:6: value -1 is negative", data.display()),
        ),
    ];
    for (format, files, expected) in cases {
        let mut cmd = bin();
        cmd.args(["--format", format]);
        for f in files {
            cmd.arg("--data").arg(f);
        }
        let out = cmd.arg("summary").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            out.stdout.is_empty(),
            "{format}: {} bytes",
            out.stdout.len()
        );
        assert!(
            stderr.starts_with(&format!("migstats: error: {expected}")),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn a_later_file_failing_discards_the_figures_of_earlier_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::fixture("ok/bom.csv");
    let missing = dir.path().join("missing.csv");
    let out = bin()
        .args(["--format", "json", "--data", &good, "--data"])
        .arg(&missing)
        .arg("summary")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "migstats: error: {}: cannot read: ",
            missing.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_closed_stderr_does_not_turn_an_error_into_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    // A big file, so the reader of stderr is gone long before the error is printed.
    let data = big_csv(
        dir.path(),
        "late,small_boat_arrivals,all,2025-01-01,2025-08-15,-1,people,about,10,,Test,\n",
    );
    let mut child = bin()
        .arg("--data")
        .arg(&data)
        .arg("summary")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let mut stdout = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut stdout)
        .unwrap();
    let status = child.wait().unwrap();
    // 101 would be Rust's panic exit code ("failed printing to stderr").
    assert_eq!(status.code(), Some(2));
    assert!(stdout.is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_closed_pipe() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = bin()
        .arg("summary")
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "migstats: error: cannot write output: No space left on device (os error 28)\n"
    );
}
