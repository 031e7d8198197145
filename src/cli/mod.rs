//! The command line (README.md, "Commands"), parsed by clap. Kept apart from the work so `main`
//! stays thin and completions and the man page are generated from the same definition.

pub mod completions;
pub mod config;
pub mod man;
pub mod options;
pub mod output;

use crate::domain::{Bucket, GrammarError, PeriodExpr, parse_date};
use crate::render::Format;
use crate::report::JsonCommand;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "migstats",
    version,
    about = "UK irregular-migration figures: year-on-year changes with honest ranges, claim checks, and the Home Office's own files",
    after_help = "Examples:\n  migstats summary\n  migstats --format json summary | jq '.rows[].change'\n  migstats --data my-figures.csv summary\n\nExit status: 0 ok, 1 check found an inconsistency, 2 usage, input or data error.\n\nOptions may come before the command or after it; each command's --help lists the ones it takes."
)]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Every option of the commands that load a dataset: where figures are read from, what one
/// input may cost, the cache, and the output.
#[derive(Debug, Clone, Default, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub cache: CacheArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Where figures are read from, and what is derived from official files.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Read figures from this file instead of the bundled dataset (repeatable; ids must be unique across files); `latest:small-boats` (or irregular-migration, asylum, returns) reads the newest release `fetch` cached; `-` is stdin.
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,

    /// Detailed datasets: count main applicants only in initial decisions and asylum
    /// applications (default: main applicants and dependants).
    #[arg(long)]
    pub main_applicants: bool,

    /// Irr_D01/IER_D01: also count this method of entry as its own metric, e.g. "Inadequately
    /// documented air arrivals" (repeatable; `all` for every method).
    #[arg(long = "method", value_name = "METHOD")]
    pub methods: Vec<String>,

    /// For Home Office daily files: derive year-to-date and 12-month figures ending this day
    /// (2025-08-15, 15/08/2025 or 15 Aug 2025; default the file's last day). Relative periods
    /// (ytd, last 12 months, since DATE) end on it.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub as_of: Option<NaiveDate>,
}

/// How much one input may cost.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Input")]
pub struct LimitArgs {
    /// Largest input read, in MB (also the largest part of a spreadsheet once unzipped) [default: 512]; see docs/security-and-limits.md.
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_input_mb: Option<u64>,
}

/// Where fetched releases are kept.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Input")]
pub struct CacheArgs {
    /// Where `fetch` keeps releases (default: $MIGSTATS_CACHE_DIR, else the user's cache directory + /migstats).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// What is written, and where.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format [default: from the --output file's extension, else table]. chart takes
    /// only text (the chart drawn in text).
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,

    /// Write to FILE instead of stdout; the format follows its extension (.json, .csv, .md,
    /// .txt, .xlsx; chart: .svg or .txt) unless --format says otherwise. Written whole or not
    /// at all.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// CSV: start with a byte-order mark, so Excel reads the file as UTF-8.
    #[arg(long)]
    pub bom: bool,

    /// Colour in tables and text charts: auto = only on a terminal and when NO_COLOR is unset [default: auto].
    #[arg(long, value_enum, ignore_case = true)]
    pub color: Option<ColorChoice>,
}

/// `-o FILE` alone, for commands that print a document of their own (schema, completions, man).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Output")]
pub struct FileArgs {
    /// Write to FILE instead of stdout, whole or not at all.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Dates on the command line: the one date grammar.
fn date_arg(text: &str) -> Result<NaiveDate, GrammarError> {
    parse_date(text)
}

fn period_arg(text: &str) -> Result<PeriodExpr, GrammarError> {
    PeriodExpr::parse(text)
}

fn month_arg(text: &str) -> Result<u32, String> {
    crate::domain::parse_month(text)
}

/// `--metric`, `--country` and `--period`, shared by every command that lists figures.
#[derive(Debug, Clone, Default, Args)]
pub struct Select {
    /// Only this metric: its name or the label tables print ("small boat arrivals").
    #[arg(long)]
    pub metric: Option<String>,
    /// Only this nationality, any case: a name ("Iraq"), an adjective ("Iraqi"), or `all` /
    /// "all nationalities".
    #[arg(long)]
    pub country: Option<String>,
    /// Only this period: 2025, 2025-Q3, Q3 2025, first half of 2025, 2025-07, July 2025, year
    /// ending March 2025, YE Mar 2025, 12 months to June 2025, 2025-07-01..2025-07-31, 1 Jan
    /// 2025 to 30 Jun 2025, ytd, last 12 months, since 2024-07-05, since July 2024. From a
    /// daily file any period inside it is derived, with the same span a year earlier.
    #[arg(long, value_name = "PERIOD", value_parser = period_arg)]
    pub period: Option<PeriodExpr>,
}

/// `chart KIND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Year-to-date running totals by day of the year, one line per year.
    Cumulative,
    /// Monthly bars, each with the same month a year earlier.
    Monthly,
    /// Horizontal bars of nationalities with their shares of the total.
    Top,
}

/// `series --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl From<By> for Bucket {
    fn from(b: By) -> Bucket {
        match b {
            By::Day => Bucket::Day,
            By::Week => Bucket::Week,
            By::Month => Bucket::Month,
            By::Quarter => Bucket::Quarter,
            By::Year => Bucket::Year,
        }
    }
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
    ///
    /// From a daily file the table adds a Trend column: the months of each row's period as a
    /// sparkline.
    #[command(
        after_help = "Examples:\n  migstats summary --format json\n  migstats --data small-boats.ods summary --period \"July 2025\""
    )]
    Summary {
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// Every figure, optionally filtered; `--format csv` writes the figures schema.
    #[command(
        after_help = "Examples:\n  migstats figures --country Iraq\n  migstats figures --format csv > figures.csv && migstats --data figures.csv summary"
    )]
    Figures {
        #[command(flatten)]
        select: Select,
        /// Only periods starting on or after this day.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        since: Option<NaiveDate>,
        /// Only periods ending on or before this day.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        until: Option<NaiveDate>,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// Every year-on-year comparison, with change ranges.
    #[command(after_help = "Example:\n  migstats changes --format csv")]
    Changes {
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// Nationalities ranked for a metric and period, with share of the total and change.
    #[command(
        after_help = "Examples:\n  migstats --data Data_IER_D01.csv top\n  migstats --data irr_d01.xlsx top --period \"year ending March 2024\" --limit 5\n  migstats --data asy_d02.csv top --metric initial_grant_rate --period 2023-01-01..2023-12-31\n  migstats --data irr_d03.csv top --metric initial_grant_rate --min-base 50"
    )]
    Top {
        /// Metric to rank by.
        #[arg(long, default_value = "small_boat_arrivals")]
        metric: String,
        /// The period, in the period grammar ("2023", "year ending March 2024", 2024-Q3,
        /// START..END; default: the latest period).
        #[arg(long, value_parser = period_arg)]
        period: Option<PeriodExpr>,
        /// How many nationalities to list (0 for every one).
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Rank a rate only if it is computed on at least this many decisions; the others are
        /// counted, not ranked.
        #[arg(long, value_name = "N", default_value_t = crate::calc::DEFAULT_MIN_BASE)]
        min_base: usize,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// Every stated claim with its status; exit 1 if any is inconsistent.
    #[command(
        after_help = "Examples:\n  migstats check || echo 'a claim does not hold'\n  migstats check --against small-boats-time-series.ods\n  migstats check --against small-boats-time-series.ods --window 14\n  migstats check --date 2025-08-20 --against small-boats-time-series.ods \\\n      --claim \"More than 27,000 people have crossed so far this year\"\n  migstats check --text article.txt --date 2025-08-20 --data latest:small-boats"
    )]
    Check {
        /// Also check each stated figure against the official figure this file gives for the same metric, country and period (repeatable with --claim or --text).
        #[arg(long, value_name = "PATH")]
        against: Vec<PathBuf>,
        /// With --against: also test every cut-off (last day counted) this many days either side of a stated period's end, where the file gives it [default: 7; at most 31].
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::calc::MAX_WINDOW_DAYS)))]
        window: Option<u32>,
        /// Check a claim as written: one sentence, read for its figures (metric, country,
        /// period, wording, value, stated change). Checked against --against/--data files.
        #[arg(long, value_name = "SENTENCE", conflicts_with = "text")]
        claim: Option<String>,
        /// Check every claim in an article: a text file, or - for stdin, split into sentences.
        #[arg(long, value_name = "FILE")]
        text: Option<PathBuf>,
        /// With --claim or --text: the publication date, which anchors "so far this year",
        /// "last year", "last month"; required, as no figure is checked past the day before it.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// With an HTML page (-o check.html): who publishes the fact-check, for the page's
        /// ClaimReview draft (schema.org JSON-LD); needs --url.
        #[arg(long, value_name = "NAME", requires = "url")]
        publisher: Option<String>,
        /// With --publisher: the address the fact-check will be published at.
        #[arg(long, value_name = "URL", requires = "publisher")]
        url: Option<String>,
        #[command(flatten)]
        select: Select,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// One row per day, week, month, quarter or year, with the same bucket a year earlier.
    ///
    /// From a daily file the table adds a Trend column: a sparkline of the smaller buckets
    /// inside each row (a year's months, a quarter's or a month's weeks, a week's days).
    #[command(
        after_help = "Examples:\n  migstats --data small-boats.ods series --by week\n  migstats --data small-boats.ods series --by month --month August --rank\n  migstats --data small-boats.ods series --cumulative --period \"since 2024-01-01\""
    )]
    Series {
        /// Bucket size (default month); weeks run Monday to Sunday, as the Home Office's
        /// weekly sheet SB_02.
        #[arg(long, value_enum)]
        by: Option<By>,
        #[command(flatten)]
        select: Select,
        /// Running totals from 1 January, one column per year (implies --by day).
        #[arg(long)]
        cumulative: bool,
        /// Complete buckets sorted by value, with their rank (busiest on record first).
        #[arg(long)]
        rank: bool,
        /// Only this calendar month across years: August, Aug or 8 (implies --by month).
        #[arg(long, value_parser = month_arg)]
        month: Option<u32>,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// A chart: running totals by year, months against a year earlier, or a ranking of
    /// nationalities. On a terminal it is drawn in text (braille lines, block bars) fitted to
    /// the width; piped or to -o FILE.svg it is an 800×500 SVG. --format text draws text
    /// anywhere, COLUMNS wide (else 80); -o FILE.txt writes text 80 columns wide, whatever
    /// COLUMNS says.
    #[command(
        after_help = "Examples:\n  migstats --data small-boats.ods chart cumulative                 # in text on a terminal\n  migstats --data small-boats.ods chart cumulative -o cumulative.svg\n  migstats --data small-boats.ods chart monthly --period 2025 > monthly.svg\n  COLUMNS=60 migstats --data small-boats.ods chart monthly --format text > monthly.txt\n  migstats --data irr_d01.csv chart top --period 2024 --limit 8 -o top.svg"
    )]
    Chart {
        #[arg(value_enum, ignore_case = true)]
        kind: ChartKind,
        #[command(flatten)]
        select: Select,
        /// With `top`: how many nationalities to draw.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=40))]
        limit: u64,
        #[command(flatten)]
        common: CommonArgs,
    },

    /// Provenance of the dataset and of each figure.
    #[command(after_help = "Example:\n  migstats sources --format markdown")]
    Sources {
        #[command(flatten)]
        common: CommonArgs,
    },

    /// Check figures CSVs and report every problem with line and column; exit 2 if any.
    #[command(after_help = "Example:\n  migstats validate my-figures.csv")]
    Validate {
        /// Files in the figures schema.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// Download the newest official release of each dataset from GOV.UK into the cache.
    #[command(
        after_help = "Examples:\n  migstats fetch small-boats && migstats --data latest:small-boats summary\n  migstats fetch --format json   # every dataset"
    )]
    Fetch {
        /// Which dataset.
        #[arg(default_value = "all", value_parser = ["small-boats", "irregular-migration", "asylum", "returns", "all"])]
        dataset: String,
        /// Give up on a connection, answer or read after this many seconds.
        #[arg(long, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
        /// No progress bar on stderr (one is drawn for a download of several MB when stderr is
        /// a terminal).
        #[arg(long, short = 'q')]
        quiet: bool,
        #[command(flatten)]
        cache: CacheArgs,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// Two releases of the small boats time series compared: revised days, days added, year totals.
    #[command(
        after_help = "Example:\n  migstats revisions 14_November_2025_Small_boats_-_time_series.ods latest:small-boats"
    )]
    Revisions {
        /// The older release (a file, or latest:small-boats).
        old: PathBuf,
        /// The newer release.
        new: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        cache: CacheArgs,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// Print the JSON Schema of a command's `--format json` output.
    #[command(after_help = "Example:\n  migstats schema summary > summary.schema.json")]
    Schema {
        #[arg(value_enum, ignore_case = true)]
        command: JsonCommand,
        #[command(flatten)]
        output: FileArgs,
    },

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  migstats completions bash > ~/.local/share/bash-completion/completions/migstats"
    )]
    Completions {
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
        #[command(flatten)]
        output: FileArgs,
    },

    /// Print the man page (roff).
    #[command(after_help = "Example:\n  migstats man > migstats.1 && man ./migstats.1")]
    Man {
        #[command(flatten)]
        output: FileArgs,
    },
}
