//! The one config stage: turns the parsed command line into a typed [`Config`]. Every rule
//! about which options go together lives here, decided before anything is read: which options
//! a command takes, the output format (SVG and text charts included), file, colour and width,
//! and the load options. Nothing after it looks at [`Cli`].

use super::{
    CacheArgs, ChartKind, Cli, ColorChoice, Command, FileArgs, InputArgs, LimitArgs, OutputArgs,
    Select,
};
use crate::domain::{Bucket, Period, PeriodExpr};
use crate::error::{Error, Result};
use crate::loader::{LoadOptions, detailed, limits::Limits};
use crate::render::{Format, Terminal};
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

/// Where and how the result is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub format: Format,
    /// `-o FILE`; None writes to stdout.
    pub file: Option<PathBuf>,
    /// CSV starts with a byte-order mark.
    pub bom: bool,
    pub terminal: Terminal,
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
        date: Option<NaiveDate>,
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

/// What `main` knows of where stdout goes, read from the process once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Env {
    /// stdout is a terminal.
    pub tty: bool,
    /// NO_COLOR is set and not empty.
    pub no_color: bool,
    /// COLUMNS, when it holds a width.
    pub columns: Option<u16>,
    /// The terminal's own width, when stdout is one.
    pub terminal_width: Option<u16>,
}

/// The options a command takes, named as on the command line, and why the others don't apply.
struct Takes {
    command: &'static str,
    why: &'static str,
}

/// Options given before the command and after it, as one set.
struct Given {
    input: InputArgs,
    limit: LimitArgs,
    cache: CacheArgs,
    output: OutputArgs,
}

impl Config {
    pub fn from_cli(cli: &Cli, env: Env) -> Result<Config> {
        let (job, given) = job(cli)?;
        let output = output(&job, &given.output, env)?;
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
    match job {
        Job::Summary { .. } if table => load.marks = Some(Bucket::Month),
        Job::Series { by, .. } => {
            load.buckets = Some(*by);
            load.marks = if table { by.marks() } else { None };
        }
        Job::Chart { kind, .. } => {
            load.buckets = match kind {
                ChartKind::Cumulative => Some(Bucket::Day),
                ChartKind::Monthly => Some(Bucket::Month),
                ChartKind::Top => None,
            }
        }
        // Both ends given: a daily file derives that span too, so it is never just empty.
        Job::Figures { since, until, .. } => load
            .periods
            .extend(since.zip(*until).and_then(|(s, e)| Period::new(s, e))),
        _ => {}
    }
}

/// The command's job, and the options given before and after it merged; an option the
/// command does not take is an error.
fn job(cli: &Cli) -> Result<(Job, Given)> {
    let (job, takes, (input, limit, cache, output)) = match &cli.command {
        Command::Summary {
            select,
            input,
            limits: limit,
            cache,
            output,
        } => (
            Job::Summary {
                select: select.clone(),
            },
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Figures {
            select,
            since,
            until,
            input,
            limits: limit,
            cache,
            output,
        } => (
            Job::Figures {
                select: select.clone(),
                since: *since,
                until: *until,
            },
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Changes {
            select,
            input,
            limits: limit,
            cache,
            output,
        } => (
            Job::Changes {
                select: select.clone(),
            },
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Top {
            metric,
            period,
            limit: n,
            min_base,
            input,
            limits: limit,
            cache,
            output,
        } => (
            Job::Top {
                metric: metric.clone(),
                period: *period,
                limit: *n,
                min_base: *min_base as f64,
            },
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Check {
            input,
            limits: limit,
            cache,
            output,
            ..
        } => (
            check(&cli.command, &cli.input, input)?,
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Series {
            by,
            select,
            cumulative,
            rank,
            month,
            input,
            limits: limit,
            cache,
            output,
        } => (
            Job::Series {
                select: select.clone(),
                by: bucket(by.map(Bucket::from), *cumulative, *month)?,
                cumulative: *cumulative,
                rank: *rank,
                month: *month,
            },
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Chart {
            kind,
            select,
            limit: n,
            input,
            limits: limit,
            cache,
            output,
        } => {
            if *kind == ChartKind::Top && select.country.is_some() {
                return Err(Error::usage(
                    "chart top ranks every nationality",
                    "leave out --country",
                ));
            }
            (
                Job::Chart {
                    kind: *kind,
                    select: select.clone(),
                    limit: usize::try_from(*n).unwrap_or(10),
                },
                LOADS,
                (Some(input), Some(limit), Some(cache), Some(output)),
            )
        }
        Command::Sources {
            input,
            limits: limit,
            cache,
            output,
        } => (
            Job::Sources,
            LOADS,
            (Some(input), Some(limit), Some(cache), Some(output)),
        ),
        Command::Validate {
            files,
            limits: limit,
            output,
        } => (
            Job::Validate {
                files: files.clone(),
            },
            Takes {
                command: "validate",
                why: "it checks the figures files it is given",
            },
            (None, Some(limit), None, Some(output)),
        ),
        Command::Fetch {
            dataset,
            timeout,
            cache,
            output,
        } => (
            Job::Fetch {
                dataset: dataset.clone(),
                timeout: std::time::Duration::from_secs(*timeout),
            },
            Takes {
                command: "fetch",
                why: "it downloads releases and derives nothing",
            },
            (None, None, Some(cache), Some(output)),
        ),
        Command::Revisions {
            old,
            new,
            limits: limit,
            cache,
            output,
        } => (
            Job::Revisions {
                old: old.clone(),
                new: new.clone(),
            },
            Takes {
                command: "revisions",
                why: "it compares the releases' rows as published",
            },
            (None, Some(limit), Some(cache), Some(output)),
        ),
        Command::Schema { command, output } => {
            return own_document(cli, Job::Schema { command: *command }, "schema", output);
        }
        Command::Completions { shell, output } => {
            return own_document(
                cli,
                Job::Completions { shell: *shell },
                "completions",
                output,
            );
        }
        Command::Man { output } => return own_document(cli, Job::Man, "man", output),
    };
    let given = Given {
        input: merge_input(&cli.input, input, &takes)?,
        limit: merge_limit(&cli.limits, limit, &takes)?,
        cache: merge_cache(&cli.cache, cache, &takes)?,
        output: merge_output(&cli.output, output)?,
    };
    Ok((job, given))
}

/// What the commands that load a dataset take: every option.
const LOADS: Takes = Takes {
    command: "",
    why: "",
};

/// `schema`, `completions` and `man` print a document of their own: only `-o FILE` applies.
fn own_document(
    cli: &Cli,
    job: Job,
    command: &'static str,
    file: &FileArgs,
) -> Result<(Job, Given)> {
    let why = match command {
        "schema" => "it always prints a JSON Schema",
        "completions" => "it prints a shell script",
        _ => "it prints a man page",
    };
    let takes = Takes { command, why };
    let o = &cli.output;
    if let Some(f) = o.format {
        // The wording `--format` has always had for these commands.
        return Err(Error::usage(
            format!("--format {} does not apply to {command}: {why}", f.name()),
            format!("leave --format out of {command}"),
        ));
    }
    merge_input(&cli.input, None, &takes)?;
    merge_limit(&cli.limits, None, &takes)?;
    merge_cache(&cli.cache, None, &takes)?;
    refuse(o.bom, "--bom", &takes)?;
    refuse(o.color.is_some(), "--color", &takes)?;
    let output = OutputArgs {
        output: one(o.output.clone(), file.output.clone(), "--output")?,
        ..Default::default()
    };
    Ok((
        job,
        Given {
            input: InputArgs::default(),
            limit: LimitArgs::default(),
            cache: CacheArgs::default(),
            output,
        },
    ))
}

/// An option given to a command that does not take it.
fn refuse(given: bool, option: &str, takes: &Takes) -> Result<()> {
    if given {
        return Err(Error::usage(
            format!(
                "{option} does not apply to {}: {}",
                takes.command, takes.why
            ),
            format!(
                "leave {option} out; `migstats {} --help` lists what it takes",
                takes.command
            ),
        ));
    }
    Ok(())
}

/// A single-valued option given both before the command and after it.
fn one<T: PartialEq>(before: Option<T>, after: Option<T>, option: &str) -> Result<Option<T>> {
    match (before, after) {
        (Some(a), Some(b)) if a != b => Err(Error::usage(
            format!("{option} is given twice, with two values"),
            format!("give {option} once, before the command or after it"),
        )),
        (a, b) => Ok(a.or(b)),
    }
}

fn merge_input(top: &InputArgs, own: Option<&InputArgs>, takes: &Takes) -> Result<InputArgs> {
    let Some(own) = own else {
        refuse(!top.data.is_empty(), "--data", takes)?;
        refuse(top.main_applicants, "--main-applicants", takes)?;
        refuse(!top.methods.is_empty(), "--method", takes)?;
        refuse(top.as_of.is_some(), "--as-of", takes)?;
        return Ok(InputArgs::default());
    };
    Ok(InputArgs {
        data: top.data.iter().chain(&own.data).cloned().collect(),
        main_applicants: top.main_applicants || own.main_applicants,
        methods: top.methods.iter().chain(&own.methods).cloned().collect(),
        as_of: one(top.as_of, own.as_of, "--as-of")?,
    })
}

fn merge_limit(top: &LimitArgs, own: Option<&LimitArgs>, takes: &Takes) -> Result<LimitArgs> {
    let Some(own) = own else {
        refuse(top.max_input_mb.is_some(), "--max-input-mb", takes)?;
        return Ok(LimitArgs::default());
    };
    Ok(LimitArgs {
        max_input_mb: one(top.max_input_mb, own.max_input_mb, "--max-input-mb")?,
    })
}

fn merge_cache(top: &CacheArgs, own: Option<&CacheArgs>, takes: &Takes) -> Result<CacheArgs> {
    let Some(own) = own else {
        refuse(top.cache_dir.is_some(), "--cache-dir", takes)?;
        return Ok(CacheArgs::default());
    };
    Ok(CacheArgs {
        cache_dir: one(top.cache_dir.clone(), own.cache_dir.clone(), "--cache-dir")?,
    })
}

/// Every command but `schema`, `completions` and `man` takes the output options.
fn merge_output(top: &OutputArgs, own: Option<&OutputArgs>) -> Result<OutputArgs> {
    let own = own.cloned().unwrap_or_default();
    Ok(OutputArgs {
        format: one(top.format, own.format, "--format")?,
        output: one(top.output.clone(), own.output.clone(), "--output")?,
        bom: top.bom || own.bom,
        color: one(top.color, own.color, "--color")?,
    })
}

/// `check`: the claims read from a sentence or an article, or the dataset's own claims.
fn check(command: &Command, top: &InputArgs, own: &InputArgs) -> Result<Job> {
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
    let data: Vec<&PathBuf> = top.data.iter().chain(&own.data).collect();
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
        official.extend(data.into_iter().cloned());
        if let (Some(days), true) = (window, official.is_empty()) {
            return Err(Error::usage(
                format!("--window {days} applies only with a file to check against"),
                "add --against FILE or --data FILE",
            ));
        }
        return Ok(Job::Claims {
            source,
            date: *date,
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

/// The output: format, file, colour and width, decided once.
fn output(job: &Job, given: &OutputArgs, env: Env) -> Result<Output> {
    let format = match job {
        Job::Chart { .. } => chart_format(given, env.tty)?,
        Job::Schema { .. } | Job::Completions { .. } | Job::Man => Format::Text,
        _ => format(given)?,
    };
    if given.bom && format != Format::Csv {
        return Err(Error::usage(
            "--bom applies only to CSV output",
            "add --format csv, or write to a .csv file",
        ));
    }
    let choice = given.color.unwrap_or(ColorChoice::Auto);
    // A file gets the natural layout and no colour, whatever the terminal.
    let terminal = match given.output {
        Some(_) => Terminal {
            color: choice == ColorChoice::Always,
            width: None,
            tty: false,
        },
        None => Terminal {
            color: match choice {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => env.tty && !env.no_color,
            },
            // Piped with COLUMNS unset: the natural width, so output is the same everywhere.
            width: match (env.tty, env.columns) {
                (_, Some(c)) if c > 0 => Some(c),
                (true, _) => env.terminal_width,
                (false, _) => None,
            },
            tty: env.tty,
        },
    };
    Ok(Output {
        format,
        file: given.output.clone(),
        bom: given.bom,
        terminal,
    })
}

/// The output format: --format, else the --output file's extension, else a table.
fn format(given: &OutputArgs) -> Result<Format> {
    Ok(match (given.format, &given.output) {
        (Some(f), _) => f,
        (None, None) => Format::Table,
        (None, Some(path)) => Format::from_extension(path).ok_or_else(|| {
            Error::usage(
                format!("cannot tell the format of {} from its name", path.display()),
                "name it .json, .csv, .md, .txt or .xlsx, or say --format; SVG charts come from `migstats chart`",
            )
        })?,
    })
}

/// A chart is SVG or drawn in text: `--format text` or `-o FILE.txt` draw text, `-o FILE.svg`
/// SVG; with neither, text on a terminal and SVG into a pipe (so `chart … > c.svg` is SVG).
fn chart_format(given: &OutputArgs, tty: bool) -> Result<Format> {
    if let Some(f) = given.format.filter(|f| *f != Format::Text) {
        return Err(Error::usage(
            format!(
                "--format {} does not apply to chart: it draws SVG, or text with --format text",
                f.name()
            ),
            "say --format text for a text chart, or leave --format out",
        ));
    }
    let named = given.output.as_deref().map(|path| {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        (path, ext)
    });
    match (given.format, named) {
        (Some(_), None) => Ok(Format::TextChart),
        (None, None) => Ok(if tty { Format::TextChart } else { Format::Svg }),
        (_, Some((_, Some(ext)))) if ext == "txt" => Ok(Format::TextChart),
        (None, Some((_, Some(ext)))) if ext == "svg" => Ok(Format::Svg),
        (Some(_), Some((path, Some(ext)))) if ext == "svg" => Err(Error::usage(
            format!(
                "--format text draws a text chart, and {} is named .svg",
                path.display()
            ),
            "name the file .txt, or leave --format out for SVG",
        )),
        (_, Some((path, _))) => Err(Error::usage(
            format!("chart writes SVG or a text chart, not {}", path.display()),
            "name the file .svg, or .txt for a text chart",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn text_on_a_terminal_or_when_asked_for_svg_otherwise() {
        let text = Some(Format::Text);
        let file = |name: &str| Some(Path::new(name).to_path_buf());
        let cases = [
            (None, None, true, Format::TextChart),
            (None, None, false, Format::Svg),
            (text, None, false, Format::TextChart),
            (text, None, true, Format::TextChart),
            (None, file("c.svg"), false, Format::Svg),
            (None, file("C.SVG"), true, Format::Svg),
            (None, file("c.txt"), false, Format::TextChart),
            (text, file("c.TXT"), true, Format::TextChart),
        ];
        for (format, output, tty, want) in cases {
            assert_eq!(
                chart_format(
                    &OutputArgs {
                        format,
                        output: output.clone(),
                        ..Default::default()
                    },
                    tty
                )
                .ok(),
                Some(want),
                "{format:?} {output:?} {tty}"
            );
        }
        for (format, output) in [
            (Some(Format::Json), None),
            (Some(Format::Table), None),
            (text, file("c.svg")),
            (None, file("c.json")),
            (None, file("chart")),
        ] {
            assert!(
                chart_format(
                    &OutputArgs {
                        format,
                        output,
                        ..Default::default()
                    },
                    true
                )
                .is_err()
            );
        }
    }
}
