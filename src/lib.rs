//! `migstats`: a statistics reporter for UK irregular-migration figures.
//!
//! Data flows one way: [`loader`] (bytes → checked figures) → [`calc`] (year-on-year changes,
//! implied values, claim checks) → [`commands`] (rows for one command) → [`render`] (table,
//! JSON, CSV, Markdown). [`run`] wires them for `main`.

pub mod calc;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod loader;
pub mod output;
pub mod render;
pub mod sanitize;

use cli::{Cli, Command};
use commands::{Outcome, figures::Filter};
use error::{Error, Result};
use render::{Format, Terminal};

/// Runs a parsed command line. Returns the bytes to write to stdout and the exit code; nothing
/// is written here, so a failure leaves stdout untouched.
pub fn run(cli: &Cli, terminal: Terminal) -> Result<(Vec<u8>, i32)> {
    let format = format(cli)?;
    let outcome: Outcome = match &cli.command {
        Command::Summary => commands::summary::run(&load(cli)?)?,
        Command::Figures {
            metric,
            country,
            since,
            until,
        } => {
            let filter = Filter {
                metric: metric.clone(),
                country: country.clone(),
                since: *since,
                until: *until,
            };
            commands::figures::run(&load(cli)?, &filter)?
        }
        Command::Changes => commands::changes::run(&load(cli)?)?,
        Command::Top {
            metric,
            period,
            limit,
        } => {
            let args = commands::top::TopArgs {
                metric: metric.clone(),
                period: period.clone(),
                limit: *limit,
            };
            commands::top::run(&load(cli)?, &args)?
        }
        Command::Check { against, window } => {
            if let (Some(days), None) = (window, against) {
                return Err(Error::usage(
                    format!("--window {days} applies only with --against FILE"),
                    "cut-offs are tested against an official daily file: add --against FILE",
                ));
            }
            let window = window.unwrap_or(calc::DEFAULT_WINDOW_DAYS);
            commands::check::run(&load(cli)?, against.as_deref(), window, &load_options(cli))?
        }
        Command::Sources => commands::sources::run(&load(cli)?)?,
        Command::Validate { files } => commands::validate::run(files)?,
        Command::Schema { command } => return Ok((commands::schema::render(*command)?, 0)),
        Command::Completions { shell } => {
            return Ok((
                commands::completions::render(*shell, &loader::bundled()?)?,
                0,
            ));
        }
        Command::Man => return Ok((commands::man::render()?, 0)),
    };
    let mut out = Vec::new();
    if cli.bom {
        // Excel reads a CSV without one as its local code page: "–" becomes "â€“".
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    render::renderer(format, terminal).render(&outcome.report, &mut out)?;
    Ok((out, outcome.exit_code))
}

/// The output format: --format, else the --output file's extension, else a table.
pub fn format(cli: &Cli) -> Result<Format> {
    let format = match (cli.format, &cli.output) {
        (Some(f), _) => f,
        (None, None) => Format::Table,
        (None, Some(path)) => Format::from_extension(path).ok_or_else(|| {
            Error::usage(
                format!("cannot tell the format of {} from its name", path.display()),
                "name it .json, .csv, .md, .txt or .xlsx, or say --format",
            )
        })?,
    };
    if cli.bom && format != Format::Csv {
        return Err(Error::usage(
            "--bom applies only to CSV output",
            "add --format csv, or write to a .csv file",
        ));
    }
    Ok(format)
}

fn load(cli: &Cli) -> Result<loader::Dataset> {
    // Silently ignoring --as-of on the bundled figures would look like it had been applied.
    let against = matches!(
        &cli.command,
        Command::Check {
            against: Some(_),
            ..
        }
    );
    if let (Some(day), true, false) = (cli.as_of, cli.data.is_empty(), against) {
        return Err(Error::usage(
            format!("--as-of {day} applies only to Home Office daily files"),
            "give one with --data FILE, or use check --against FILE",
        ));
    }
    loader::load(&cli.data, &load_options(cli))
}

fn load_options(cli: &Cli) -> loader::LoadOptions {
    loader::LoadOptions {
        as_of: cli.as_of,
        detailed: loader::detailed::Choices {
            main_applicants_only: cli.main_applicants,
            methods: cli.methods.clone(),
        },
        ..Default::default()
    }
}
