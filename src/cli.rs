//! The command line (SPEC §5), parsed by clap. Kept apart from the work so `main` stays thin
//! and completions and the man page are generated from the same definition.

use crate::render::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "migstats",
    version,
    about = "UK irregular-migration figures: year-on-year changes with honest ranges, claim checks, and the Home Office's own files",
    after_help = "Examples:\n  migstats summary\n  migstats --format json summary | jq '.rows[].change'\n  migstats --data my-figures.csv summary"
)]
pub struct Cli {
    /// Read figures from this file instead of the bundled dataset (repeatable).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,

    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Colour in tables: auto follows the terminal and NO_COLOR.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Headline figures with year-on-year change, ranges, implied values and claim status.
    #[command(after_help = "Example:\n  migstats summary --format json")]
    Summary,
}
