//! The command line (SPEC §5), parsed by clap. Kept apart from the work so `main` stays thin
//! and completions and the man page are generated from the same definition.

use crate::commands::schema::JsonCommand;
use crate::render::Format;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "migstats",
    version,
    about = "UK irregular-migration figures: year-on-year changes with honest ranges, claim checks, and the Home Office's own files",
    after_help = "Examples:\n  migstats summary\n  migstats --format json summary | jq '.rows[].change'\n  migstats --data my-figures.csv summary\n\nExit status: 0 ok, 1 check found an inconsistency, 2 usage, input or data error."
)]
pub struct Cli {
    /// Read figures from this file instead of the bundled dataset (repeatable; ids must be unique across files).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,

    /// Output format [default: from the --output file's extension, else table]. Not for
    /// schema, completions or man, which print their own.
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub format: Option<Format>,

    /// Write to FILE instead of stdout; the format follows its extension (.json, .csv, .md,
    /// .txt, .xlsx) unless --format says otherwise. Written whole or not at all.
    #[arg(short = 'o', long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// CSV: start with a byte-order mark, so Excel reads the file as UTF-8.
    #[arg(long, global = true)]
    pub bom: bool,

    /// Colour in tables: auto = only on a terminal and when NO_COLOR is unset.
    #[arg(long, global = true, value_enum, ignore_case = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Detailed datasets: count main applicants only in initial decisions (default: main
    /// applicants and dependants).
    #[arg(long, global = true)]
    pub main_applicants: bool,

    /// Irr_D01/IER_D01: also count this method of entry as its own metric, e.g. "Inadequately
    /// documented air arrivals" (repeatable; `all` for every method).
    #[arg(long = "method", global = true, value_name = "METHOD")]
    pub methods: Vec<String>,

    /// For Home Office daily files: derive year-to-date and 12-month figures ending this day (YYYY-MM-DD; default the file's last day).
    #[arg(long, global = true, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,

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

    /// Every figure, optionally filtered; `--format csv` writes the figures schema.
    #[command(
        after_help = "Examples:\n  migstats figures --country Iraq\n  migstats figures --format csv > figures.csv && migstats --data figures.csv summary"
    )]
    Figures {
        /// Only this metric, e.g. small_boat_arrivals.
        #[arg(long)]
        metric: Option<String>,
        /// Only this country (case-insensitive); `all` for every nationality.
        #[arg(long)]
        country: Option<String>,
        /// Only periods starting on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Only periods ending on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        until: Option<NaiveDate>,
    },

    /// Every year-on-year comparison, with change ranges.
    #[command(after_help = "Example:\n  migstats changes --format csv")]
    Changes,

    /// Nationalities ranked for a metric and period, with share of the total and change.
    #[command(
        after_help = "Examples:\n  migstats --data Data_IER_D01.csv top\n  migstats --data irr_d01.xlsx top --period \"year ending March 2024\" --limit 5\n  migstats --data asy_d02.csv top --metric initial_grant_rate --period 2023-01-01..2023-12-31\n  migstats --data irr_d03.csv top --metric initial_grant_rate --min-base 50"
    )]
    Top {
        /// Metric to rank by.
        #[arg(long, default_value = "small_boat_arrivals")]
        metric: String,
        /// A period label such as "2023" or "year ending March 2024", or START..END dates
        /// (default: the latest period).
        #[arg(long)]
        period: Option<String>,
        /// How many nationalities to list (0 for every one).
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Rank a rate only if it is computed on at least this many decisions; the others are
        /// counted, not ranked.
        #[arg(long, value_name = "N", default_value_t = crate::commands::top::DEFAULT_MIN_BASE)]
        min_base: usize,
    },

    /// Every stated claim with its status; exit 1 if any is inconsistent.
    #[command(
        after_help = "Examples:\n  migstats check || echo 'a claim does not hold'\n  migstats check --against small-boats-time-series.ods\n  migstats check --against small-boats-time-series.ods --window 14"
    )]
    Check {
        /// Also check each stated figure against the official figure this file gives for the same metric, country and period.
        #[arg(long, value_name = "PATH")]
        against: Option<PathBuf>,
        /// With --against: also test every cut-off (last day counted) this many days either side of a stated period's end, where the file gives it [default: 7; at most 31].
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::calc::MAX_WINDOW_DAYS)))]
        window: Option<u32>,
    },

    /// Provenance of the dataset and of each figure.
    #[command(after_help = "Example:\n  migstats sources --format markdown")]
    Sources,

    /// Check figures CSVs and report every problem with line and column; exit 2 if any.
    #[command(after_help = "Example:\n  migstats validate my-figures.csv")]
    Validate {
        /// Files in the figures schema.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },

    /// Print the JSON Schema of a command's `--format json` output.
    #[command(after_help = "Example:\n  migstats schema summary > summary.schema.json")]
    Schema {
        #[arg(value_enum, ignore_case = true)]
        command: JsonCommand,
    },

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  migstats completions bash > ~/.local/share/bash-completion/completions/migstats"
    )]
    Completions {
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff).
    #[command(after_help = "Example:\n  migstats man > migstats.1 && man ./migstats.1")]
    Man,
}
