//! Thin entry point: parse arguments, read the environment, build the config, run, write once, map errors to
//! exit codes (0 ok, 1 `check` found inconsistencies, 2 usage/input/data error).

use clap::Parser;
use migstats::cli::Cli;
use migstats::cli::config::Config;
use migstats::cli::output::Env;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Where stdout goes, read from the process once; the config stage decides what follows.
fn env() -> Env {
    let tty = std::io::stdout().is_terminal();
    Env {
        tty,
        stderr_tty: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        columns: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok()),
        terminal_width: if tty {
            migstats::render::terminal_width()
        } else {
            None
        },
    }
}

/// Writes error lines to stderr. Unlike `eprintln!`, which panics when stderr is a closed pipe,
/// a failure here is ignored: the exit code still reports the error.
fn report(lines: &[String]) {
    let mut stderr = std::io::stderr().lock();
    for line in lines {
        if writeln!(stderr, "migstats: error: {line}").is_err() {
            return;
        }
    }
}

/// Warnings (a stale cached release) go to stderr before any output; like [`report`], a
/// closed stderr is ignored.
fn warn(lines: &[String]) {
    let mut stderr = std::io::stderr().lock();
    for line in lines {
        let line = migstats::sanitize::escape(line);
        if writeln!(stderr, "migstats: warning: {line}").is_err() {
            return;
        }
    }
}

/// clap's message for a usage error, safe to print: clap quotes arguments back whole, so the
/// arguments are parsed again each escaped (CR, LF and other controls shown as escapes) and cut
/// to [`migstats::sanitize::ECHO_MAX`] characters, and that error is shown; its own line
/// breaks are kept. Should the shortened arguments parse, the first error is shown with every
/// line break escaped.
fn usage_error(e: clap::Error) -> String {
    let shown: Vec<String> = std::env::args_os()
        .map(|a| {
            let a = a.to_string_lossy();
            let escaped = migstats::sanitize::escape(&a);
            migstats::sanitize::cap(&escaped, migstats::sanitize::ECHO_MAX).to_string()
        })
        .collect();
    let text = match Cli::try_parse_from(&shown) {
        Err(again) if again.use_stderr() => {
            let text = again.render().to_string();
            migstats::sanitize::escape_keeping_line_breaks(&text).into_owned()
        }
        _ => {
            let text = e.render().to_string();
            let mut lines = migstats::sanitize::escape(text.trim_end()).into_owned();
            lines.push('\n');
            lines
        }
    };
    text.strip_prefix("error: ").unwrap_or(&text).to_string()
}

fn main() -> ExitCode {
    // Once, before anything is read: a parser's panic in a guarded read is reported as an error.
    migstats::loader::install_panic_hook();
    migstats::output::catch_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: clap prints them to stdout, exit 0.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(0));
        }
        Err(e) => {
            // A usage error, in the tool's own error format, with clap's usage and tip after it.
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "migstats: error: {}", usage_error(e));
            return ExitCode::from(2);
        }
    };
    let config = match Config::from_cli(&cli, env()) {
        Ok(config) => config,
        Err(err) => {
            report(&err.messages());
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let mut warnings = Vec::new();
    let result = migstats::app::run(&config, &mut warnings);
    warn(&warnings);
    match (result, config.output.file.as_deref()) {
        (Ok(done), Some(path)) => {
            let written =
                migstats::output::write_file(path, &done.bytes).and_then(|()| {
                    match &done.sidecar {
                        Some((side, bytes)) => migstats::output::write_file(side, bytes),
                        None => Ok(()),
                    }
                });
            match written {
                Ok(()) => ExitCode::from(u8::try_from(done.code).unwrap_or(2)),
                Err(err) => {
                    report(&err.messages());
                    ExitCode::from(2)
                }
            }
        }
        (Ok(done), None) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&done.bytes).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::from(u8::try_from(done.code).unwrap_or(2)),
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    report(&[format!("cannot write output: {e}")]);
                    ExitCode::from(2)
                }
            }
        }
        (Err(err), _) => {
            report(&err.messages());
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
        }
    }
}
