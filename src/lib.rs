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

use cli::{Cli, Command};
use commands::Outcome;
use error::Result;
use render::Terminal;

/// Runs a parsed command line. Returns the bytes to write to stdout and the exit code; nothing
/// is written here, so a failure leaves stdout untouched.
pub fn run(cli: &Cli, terminal: Terminal) -> Result<(Vec<u8>, i32)> {
    let outcome: Outcome = match &cli.command {
        Command::Summary => commands::summary::run(&load(cli)?)?,
    };
    let mut out = Vec::new();
    render::renderer(cli.format, terminal).render(&outcome.report, &mut out)?;
    Ok((out, outcome.exit_code))
}

fn load(cli: &Cli) -> Result<loader::Dataset> {
    loader::load(&cli.data, &loader::LoadOptions::default())
}
