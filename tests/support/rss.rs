//! Runs of the binary reaped with wait4, to read each child's own peak RSS, and the check
//! that a hostile input is refused: exit 2, located messages only, nothing on stdout, no
//! control bytes, under the memory limit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak RSS allowed to any run.
pub const MAX_RSS_KB: i64 = 512 * 1024;
/// Only a hang guard: the slowest case takes about a second in a debug build.
const HANG: Duration = Duration::from_secs(120);

pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub rss_kb: i64,
    /// User and system CPU time: steadier than wall time on a busy machine.
    pub cpu: Duration,
}

/// Runs the binary, reaping it with wait4 (not `Child::wait`) to read its own peak RSS.
#[allow(clippy::zombie_processes)] // reaped by wait4 below
pub fn run(cmd: &mut Command, stdin: Stdio) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let child = cmd
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .stdin(stdin)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut polled = 0;
    loop {
        polled = polled.max(high_water_kb(pid));
        // SAFETY: pid is our own child, not yet reaped; status and usage are valid pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(r >= 0, "wait4 failed");
        if r == pid {
            break;
        }
        if start.elapsed() > HANG {
            // SAFETY: as above.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("{cmd:?} still running after {HANG:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        libc::WIFEXITED(status),
        "{cmd:?} was killed by a signal: {status}"
    );
    // Linux starts a child's ru_maxrss at the parent's peak (exec records the old address
    // space's high-water mark, and the test process's can be hundreds of MB): a figure above
    // this process's own peak is the child's; one at or below it says only that the child's is
    // no higher, so the child's own high-water mark, polled while it ran, stands instead.
    let mut own: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut own) };
    let rss_kb = if usage.ru_maxrss > own.ru_maxrss {
        usage.ru_maxrss
    } else {
        polled
    };
    Run {
        code: libc::WEXITSTATUS(status),
        stdout: std::fs::read(&out).unwrap(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err).unwrap()).into_owned(),
        rss_kb,
        cpu: [usage.ru_utime, usage.ru_stime]
            .iter()
            .map(|t| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000))
            .sum(),
    }
}

/// The peak RSS of a running process's own address space (`VmHWM`, reset by exec), in KB; 0
/// once it has exited or where /proc does not say.
fn high_water_kb(pid: libc::pid_t) -> i64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

pub fn migstats() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin("migstats"))
}

/// Exit 2, one or more `migstats: error:` lines naming `file` and saying `what`, nothing on
/// stdout, no ESC or BEL, under the memory limit.
pub fn refused(file: &str, what: &str, extra: &[&str]) -> Run {
    let r = run(
        migstats().args(extra).args(["--data", file, "summary"]),
        Stdio::null(),
    );
    assert_eq!(r.code, 2, "{file}: exit {} ({})", r.code, r.stderr);
    assert!(r.stdout.is_empty(), "{file}: wrote to stdout");
    assert!(
        r.stderr.lines().all(|l| l.starts_with("migstats: error: ")),
        "{file}: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("migstats: error: {file}")) && r.stderr.contains(what),
        "{file}: expected '{what}' in: {}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(['\u{1b}', '\u{7}']),
        "{file}: control bytes in the message"
    );
    assert!(r.rss_kb < MAX_RSS_KB, "{file}: peak RSS {} KB", r.rss_kb);
    r
}
