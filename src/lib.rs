//! `migstats`: a statistics reporter for UK irregular-migration figures.
//!
//! Data flows one way: [`loader`] (bytes → checked figures) → [`calc`] (year-on-year changes,
//! implied values, claim checks) → [`commands`] (rows for one command) → [`render`] (table,
//! JSON, CSV, Markdown). [`fetch`] downloads official releases into a local cache that
//! `--data latest:NAME` reads. [`run`] wires them for `main`.

pub mod calc;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod fetch;
pub mod loader;
pub mod render;
pub mod sanitize;

use clap::CommandFactory;
use cli::{Cli, Command};
use commands::{Outcome, figures::Filter};
use error::{Error, Result};
use render::Terminal;

/// Runs a parsed command line. Returns the bytes to write to stdout and the exit code, and adds
/// to `warnings` lines for stderr (a stale cached release); nothing is written here, so a
/// failure leaves stdout untouched.
pub fn run(cli: &Cli, terminal: Terminal, warnings: &mut Vec<String>) -> Result<(Vec<u8>, i32)> {
    let outcome: Outcome = match &cli.command {
        Command::Summary => commands::summary::run(&load(cli, warnings)?)?,
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
            commands::figures::run(&load(cli, warnings)?, &filter)?
        }
        Command::Changes => commands::changes::run(&load(cli, warnings)?)?,
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
            commands::top::run(&load(cli, warnings)?, &args)?
        }
        Command::Check { against, window } => {
            if let (Some(days), None) = (window, against) {
                return Err(Error::usage(
                    format!("--window {days} applies only with --against FILE"),
                    "cut-offs are tested against an official daily file: add --against FILE",
                ));
            }
            let window = window.unwrap_or(calc::DEFAULT_WINDOW_DAYS);
            let against = match against {
                Some(path) => resolve(cli, std::slice::from_ref(path), warnings)?.0.pop(),
                None => None,
            };
            commands::check::run(
                &load(cli, warnings)?,
                against.as_deref(),
                window,
                &load_options(cli),
            )?
        }
        Command::Sources => commands::sources::run(&load(cli, warnings)?)?,
        Command::Fetch { dataset, timeout } => commands::fetch::run(
            dataset,
            cli.cache_dir.as_deref(),
            std::time::Duration::from_secs(*timeout),
            warnings,
        )?,
        Command::Revisions { old, new } => {
            let (paths, _) = resolve(cli, &[old.clone(), new.clone()], warnings)?;
            match paths.as_slice() {
                [old, new] => commands::revisions::run(old, new)?,
                _ => {
                    return Err(Error::usage(
                        "give two releases",
                        "migstats revisions OLD NEW",
                    ));
                }
            }
        }
        Command::Validate { files } => commands::validate::run(files)?,
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

fn load(cli: &Cli, warnings: &mut Vec<String>) -> Result<loader::Dataset> {
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
    let (paths, releases) = resolve(cli, &cli.data, warnings)?;
    let mut dataset = loader::load(&paths, &load_options(cli))?;
    dataset.provenance.releases = releases;
    Ok(dataset)
}

/// `latest:NAME` sources become the cached release's path (checked against the manifest, with
/// a warning when a daily series is stale); other paths pass through. Done before the loader
/// opens anything, so the loader only ever sees files.
fn resolve(
    cli: &Cli,
    sources: &[std::path::PathBuf],
    warnings: &mut Vec<String>,
) -> Result<(Vec<std::path::PathBuf>, Vec<domain::Release>)> {
    let mut paths = Vec::with_capacity(sources.len());
    let mut releases = Vec::new();
    for source in sources {
        let Some(kind) = fetch::latest_name(source) else {
            paths.push(source.clone());
            continue;
        };
        let cache = fetch::Cache::locate(cli.cache_dir.as_deref()).map_err(Error::invalid)?;
        let (path, entry) = fetch::resolve(kind?, &cache)?;
        warnings.extend(fetch::staleness(&entry, fetch::today()));
        releases.push(domain::Release {
            dataset: entry.dataset.name().to_string(),
            filename: entry.filename,
            release_date: entry.release_date.to_string(),
            sha256: entry.sha256,
            url: entry.url,
            public_updated_at: entry.public_updated_at,
            fetched_at: entry.fetched_at,
        });
        paths.push(path);
    }
    Ok((paths, releases))
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
