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
pub mod render;
pub mod sanitize;

use clap::CommandFactory;
use cli::{Cli, Command};
use commands::{Outcome, figures::Filter};
use error::{Error, Result};
use render::Terminal;

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
            commands::validate::run(files, &load_options(cli).limits)?
        }
        Command::Schema { command } => {
            not_for(cli, "schema", "it always prints a JSON Schema")?;
            return Ok((commands::schema::render(*command)?, 0));
        }
        Command::Completions { shell } => {
            not_for(cli, "completions", "it prints a shell script")?;
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "migstats", &mut out);
            return Ok((out, 0));
        }
        Command::Man => {
            not_for(cli, "man", "it prints a man page")?;
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(Error::Output)?;
            return Ok((out, 0));
        }
    };
    let mut out = Vec::new();
    render::renderer(cli.format.unwrap_or_default(), terminal).render(&outcome.report, &mut out)?;
    Ok((out, outcome.exit_code))
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
        limits: loader::limits::Limits::from_mb(cli.max_input_mb),
        ..Default::default()
    }
}
