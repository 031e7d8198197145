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
            min_base,
        } => {
            let args = commands::top::TopArgs {
                metric: metric.clone(),
                period: period.clone(),
                limit: *limit,
                min_base: *min_base as f64,
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
            let dataset = load_dataset(cli)?;
            if against.is_none() {
                loader::check_options_apply(&dataset.provenance.inputs, &load_options(cli))?;
            }
            commands::check::run(&dataset, against.as_deref(), window, &load_options(cli))?
        }
        Command::Sources => commands::sources::run(&load(cli)?)?,
        Command::Validate { files } => {
            // Its inputs are figures files: no daily series, no detailed table.
            let kinds = vec![loader::InputKind::Figures; files.len()];
            loader::check_options_apply(&kinds, &load_options(cli))?;
            commands::validate::run(files)?
        }
        Command::Schema { command } => {
            not_for(cli, "schema", "it always prints a JSON Schema")?;
            return Ok((commands::schema::render(*command)?, 0));
        }
        Command::Completions { shell } => {
            not_for(cli, "completions", "it prints a shell script")?;
            return Ok((
                commands::completions::render(*shell, &loader::bundled()?)?,
                0,
            ));
        }
        Command::Man => {
            not_for(cli, "man", "it prints a man page")?;
            return Ok((commands::man::render()?, 0));
        }
    };
    let format = format(cli)?;
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

/// The dataset, with every option checked to apply to some input: an option silently ignored
/// would look as if it had been applied.
fn load(cli: &Cli) -> Result<loader::Dataset> {
    let dataset = load_dataset(cli)?;
    loader::check_options_apply(&dataset.provenance.inputs, &load_options(cli))?;
    Ok(dataset)
}

fn load_dataset(cli: &Cli) -> Result<loader::Dataset> {
    loader::load(&cli.data, &load_options(cli))
}

/// `--format` given to a command that prints something of its own is a usage error, and so is
/// any option for reading files (it reads none).
fn not_for(cli: &Cli, command: &str, why: &str) -> Result<()> {
    loader::check_options_apply(&[], &load_options(cli))?;
    match cli.format {
        Some(f) => Err(Error::usage(
            format!("--format {} does not apply to {command}: {why}", f.name()),
            format!("leave --format out of {command}"),
        )),
        None => Ok(()),
    }
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
