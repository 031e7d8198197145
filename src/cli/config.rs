//! The one config stage: turns the parsed command line into a typed [`Config`]. Every rule
//! about which options go together lives under it, decided before anything is read: which
//! options a command takes ([`super::options`]), the output target ([`super::output`]), each
//! command's own arguments and the load options (here). Nothing after it looks at [`Cli`].

use super::options::{self, Given};
use super::output::{self, Env, Output, Produces};
use super::{ChartKind, Cli, Command, InputArgs, Select};
use crate::domain::{Bucket, Period, PeriodExpr};
use crate::error::{Error, Result};
use crate::loader::{LoadOptions, detailed, limits::Limits};
use crate::render::Format;
use crate::report::JsonCommand;
use crate::sentences;
use chrono::NaiveDate;
use std::path::PathBuf;

/// What to run, with every option checked and decided.
#[derive(Debug, Clone)]
pub struct Config {
    pub job: Job,
    /// `--data` as given: files, `-`, or `latest:NAME` (resolved by `fetch`).
    pub data: Vec<PathBuf>,
    pub cache_dir: Option<PathBuf>,
    /// How inputs are read and what is derived from them (the period is resolved on load).
    pub load: LoadOptions,
    pub output: Output,
}

/// One command, with its own arguments typed.
#[derive(Debug, Clone)]
pub enum Job {
    Summary {
        select: Select,
    },
    Figures {
        select: Select,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    },
    Changes {
        select: Select,
    },
    Top {
        metric: String,
        period: Option<PeriodExpr>,
        limit: usize,
        min_base: f64,
    },
    /// `check --claim` / `check --text`.
    Claims {
        source: sentences::Source,
        /// The publication date.
        date: NaiveDate,
        /// Official files: `--against`, then `--data`.
        official: Vec<PathBuf>,
        window: u32,
    },
    /// `check` of the dataset's stated figures.
    Check {
        select: Select,
        against: Option<PathBuf>,
        window: u32,
    },
    Series {
        select: Select,
        by: Bucket,
        cumulative: bool,
        rank: bool,
        month: Option<u32>,
    },
    Chart {
        kind: ChartKind,
        select: Select,
        limit: usize,
    },
    Sources,
    Validate {
        files: Vec<PathBuf>,
    },
    Fetch {
        dataset: String,
        timeout: std::time::Duration,
        /// Draw a progress bar on stderr for large downloads (a terminal, no `--quiet`).
        progress: bool,
    },
    Revisions {
        old: PathBuf,
        new: PathBuf,
    },
    Schema {
        command: JsonCommand,
    },
    Completions {
        shell: clap_complete::Shell,
    },
    Man,
}

/// `check --publisher NAME --url URL` (clap requires both): a ClaimReview draft, which only
/// the HTML page carries.
fn review(command: &Command, output: &Output) -> Result<Option<crate::render::Review>> {
    let Command::Check {
        publisher: Some(publisher),
        url: Some(url),
        ..
    } = command
    else {
        return Ok(None);
    };
    if output.format != crate::render::Format::Html {
        return Err(Error::usage(
            "--publisher and --url apply only to the HTML page: they are its ClaimReview's",
            "write the page: -o check.html, or --format html",
        ));
    }
    Ok(Some(crate::render::Review {
        publisher: publisher.clone(),
        url: url.clone(),
    }))
}

impl Config {
    pub fn from_cli(cli: &Cli, env: Env) -> Result<Config> {
        let given: Given = options::given(cli)?;
        let mut job = job(&cli.command, &given.input)?;
        if let Job::Fetch { progress, .. } = &mut job {
            *progress &= env.stderr_tty;
        }
        let produces = match job {
            Job::Chart { .. } => Produces::Chart,
            Job::Schema { .. } | Job::Completions { .. } | Job::Man => Produces::Document,
            _ => Produces::Rows,
        };
        let mut output = output::decide(produces, &given.output, env)?;
        output.review = review(&cli.command, &output)?;
        if output.format == crate::render::Format::Html
            && !matches!(job, Job::Check { .. } | Job::Claims { .. })
        {
            return Err(Error::usage(
                "--format html applies only to check: the page is a fact-check",
                "say migstats check … -o check.html",
            ));
        }
        let mut load = LoadOptions {
            as_of: given.input.as_of,
            detailed: detailed::Choices {
                main_applicants_only: given.input.main_applicants,
                methods: given.input.methods.clone(),
                ..Default::default()
            },
            limits: Limits::from_mb(
                given
                    .limit
                    .max_input_mb
                    .unwrap_or(crate::loader::limits::DEFAULT_MAX_INPUT_MB),
            ),
            ..Default::default()
        };
        derived(&job, &output, &mut load);
        Ok(Config {
            job,
            data: given.input.data,
            cache_dir: given.cache.cache_dir,
            load,
            output,
        })
    }
}

/// What a command derives beyond its figures: the buckets of a series or chart, the marks of a
/// table's sparklines (only a table shows them), both ends of `figures --since/--until`.
fn derived(job: &Job, output: &Output, load: &mut LoadOptions) {
    let table = output.format == Format::Table;
    // A small boats workbook's weekly sheet is read for weeks, and for the prevention figures
    // only it has; every other output reads the daily sheet alone, as it always has.
    let prevented = |select: &crate::cli::Select| {
        select.metric.as_deref().is_some_and(|m| {
            let m = m.trim().replace(' ', "_").to_ascii_lowercase();
            crate::loader::small_boats::weekly::PREVENTED.contains(&m.as_str())
        })
    };
    load.prevented = match job {
        Job::Series { select, .. }
        | Job::Summary { select }
        | Job::Figures { select, .. }
        | Job::Changes { select } => prevented(select),
        _ => false,
    };
    load.weekly = load.prevented
        || matches!(
            job,
            Job::Series {
                by: Bucket::Week,
                ..
            }
        );
    match job {
        Job::Summary { .. } if table => load.marks = Some(Bucket::Month),
        Job::Series { by, .. } => {
            load.buckets = Some(*by);
            load.marks = if table { by.marks() } else { None };
        }
        // A chart draws the latest six years' running totals, or twelve months and each one a
        // year earlier: buckets are derived only for those years, however long the file.
        Job::Chart { kind, .. } => {
            (load.buckets, load.latest_years) = match kind {
                ChartKind::Cumulative => (Some(Bucket::Day), Some(6)),
                ChartKind::Monthly => (Some(Bucket::Month), Some(2)),
                ChartKind::Top => (None, None),
            }
        }
        // Both ends given: a daily file derives that span too, so it is never just empty.
        Job::Figures { since, until, .. } => load
            .periods
            .extend(since.zip(*until).and_then(|(s, e)| Period::new(s, e))),
        _ => {}
    }
}

/// The command's job: its own arguments, typed and checked.
fn job(command: &Command, input: &InputArgs) -> Result<Job> {
    Ok(match command {
        Command::Summary { select, .. } => Job::Summary {
            select: select.clone(),
        },
        Command::Figures {
            select,
            since,
            until,
            ..
        } => Job::Figures {
            select: select.clone(),
            since: *since,
            until: *until,
        },
        Command::Changes { select, .. } => Job::Changes {
            select: select.clone(),
        },
        Command::Top {
            metric,
            period,
            limit,
            min_base,
            ..
        } => Job::Top {
            metric: metric.clone(),
            period: *period,
            limit: *limit,
            min_base: *min_base as f64,
        },
        Command::Check { .. } => check(command, input)?,
        Command::Series {
            by,
            select,
            cumulative,
            rank,
            month,
            ..
        } => Job::Series {
            select: select.clone(),
            by: bucket(by.map(Bucket::from), *cumulative, *month)?,
            cumulative: *cumulative,
            rank: *rank,
            month: *month,
        },
        Command::Chart {
            kind,
            select,
            limit,
            ..
        } => {
            if *kind == ChartKind::Top && select.country.is_some() {
                return Err(Error::usage(
                    "chart top ranks every nationality",
                    "leave out --country",
                ));
            }
            Job::Chart {
                kind: *kind,
                select: select.clone(),
                limit: usize::try_from(*limit).unwrap_or(10),
            }
        }
        Command::Sources { .. } => Job::Sources,
        Command::Validate { files, .. } => Job::Validate {
            files: files.clone(),
        },
        Command::Fetch {
            dataset,
            timeout,
            quiet,
            ..
        } => Job::Fetch {
            dataset: dataset.clone(),
            timeout: std::time::Duration::from_secs(*timeout),
            progress: !quiet,
        },
        Command::Revisions { old, new, .. } => Job::Revisions {
            old: old.clone(),
            new: new.clone(),
        },
        Command::Schema { command, .. } => Job::Schema { command: *command },
        Command::Completions { shell, .. } => Job::Completions { shell: *shell },
        Command::Man { .. } => Job::Man,
    })
}

/// `check`: the claims read from a sentence or an article, or the dataset's own claims.
fn check(command: &Command, input: &InputArgs) -> Result<Job> {
    let Command::Check {
        against,
        window,
        claim,
        text,
        date,
        select,
        ..
    } = command
    else {
        return Err(Error::usage("not a check", "migstats check --help"));
    };
    let source = match (claim, text) {
        (Some(c), _) => Some(sentences::Source::Claim(c.clone())),
        (None, Some(t)) => Some(sentences::Source::Text(t.clone())),
        (None, None) => None,
    };
    if let Some(source) = source {
        if select.metric.is_some() || select.country.is_some() || select.period.is_some() {
            return Err(Error::usage(
                "--metric, --country and --period do not apply to --claim or --text",
                "the sentence itself says what is claimed",
            ));
        }
        let mut official: Vec<PathBuf> = against.to_vec();
        official.extend(input.data.iter().cloned());
        if let (Some(days), true) = (window, official.is_empty()) {
            return Err(Error::usage(
                format!("--window {days} applies only with a file to check against"),
                "add --against FILE or --data FILE",
            ));
        }
        // No figure is checked past the day before publication: the date is not guessed.
        let date = date.ok_or_else(|| {
            Error::usage(
                "a claim needs its publication date",
                "give --date YYYY-MM-DD, the day the sentence was published: it anchors \"so far this year\" and no figure is checked past the day before it",
            )
        })?;
        return Ok(Job::Claims {
            source,
            date,
            official,
            window: window.unwrap_or(crate::calc::DEFAULT_WINDOW_DAYS),
        });
    }
    if date.is_some() {
        return Err(Error::usage(
            "--date applies only with --claim or --text",
            "it is the publication date of the claim read",
        ));
    }
    if let (Some(days), true) = (window, against.is_empty()) {
        return Err(Error::usage(
            format!("--window {days} applies only with --against FILE"),
            "cut-offs are tested against an official daily file: add --against FILE",
        ));
    }
    if against.len() > 1 {
        return Err(Error::usage(
            "the dataset's figures are checked against one --against file",
            "give one --against FILE; several are read only with --claim or --text",
        ));
    }
    Ok(Job::Check {
        select: select.clone(),
        against: against.first().cloned(),
        window: window.unwrap_or(crate::calc::DEFAULT_WINDOW_DAYS),
    })
}

/// `series`' bucket: `--cumulative` means days and `--month` months; another `--by` with
/// either is an error rather than silently overridden. Default: months.
fn bucket(by: Option<Bucket>, cumulative: bool, month: Option<u32>) -> Result<Bucket> {
    match (by, cumulative, month) {
        (_, true, Some(_)) => Err(Error::usage(
            "--cumulative and --month do not go together",
            "running totals run from 1 January; use --period to narrow them",
        )),
        (Some(b), true, None) if b != Bucket::Day => Err(Error::usage(
            "--cumulative adds up days",
            "leave out --by, or use --by day",
        )),
        (Some(b), false, Some(_)) if b != Bucket::Month => Err(Error::usage(
            "--month compares one calendar month across years",
            "leave out --by, or use --by month",
        )),
        (_, true, None) => Ok(Bucket::Day),
        (_, false, Some(_)) => Ok(Bucket::Month),
        (b, false, None) => Ok(b.unwrap_or(Bucket::Month)),
    }
}
