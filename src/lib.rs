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
        } => {
            let args = commands::top::TopArgs {
                metric: metric.clone(),
                period: period.clone(),
                limit: *limit,
            };
            commands::top::run(&load(cli)?, &args)?
        }
        Command::Check { against } => {
            commands::check::run(&load(cli)?, against.as_deref(), &load_options(cli))?
        }
        Command::Sources => commands::sources::run(&load(cli)?)?,
        Command::Validate { files } => commands::validate::run(files, &load_options(cli).limits)?,
        Command::Schema { command } => return Ok((commands::schema::render(*command)?, 0)),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "migstats", &mut out);
            return Ok((out, 0));
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(Error::Output)?;
            return Ok((out, 0));
        }
    };
    let mut out = Vec::new();
    render::renderer(cli.format, terminal).render(&outcome.report, &mut out)?;
    Ok((out, outcome.exit_code))
}

fn load(cli: &Cli) -> Result<loader::Dataset> {
    // Silently ignoring --as-of on the bundled figures would look like it had been applied.
    let against = matches!(&cli.command, Command::Check { against: Some(_) });
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
        limits: loader::limits::Limits::from_mb(cli.max_input_mb),
        ..Default::default()
    }
}
