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
pub mod output;
pub mod render;
pub mod sanitize;
pub mod sentences;

use cli::{Cli, Command};
use commands::{Outcome, figures::Filter, select::Selection};
use domain::{Bucket, Period, PeriodExpr};
use error::{Error, Result};
use render::{Format, Terminal};

/// Runs a parsed command line. Returns the bytes to write to stdout and the exit code, and adds
/// to `warnings` lines for stderr (a stale cached release); nothing is written here, so a
/// failure leaves stdout untouched.
pub fn run(cli: &Cli, terminal: Terminal, warnings: &mut Vec<String>) -> Result<(Vec<u8>, i32)> {
    warnings.extend(stale_releases(cli));
    let outcome: Outcome = match &cli.command {
        Command::Summary { select } => {
            let marks = sparklines(cli, Some(Bucket::Month))?;
            let (dataset, selection) = selected(cli, select, &[], None, marks)?;
            commands::summary::run(&dataset, &selection)?
        }
        Command::Figures {
            select,
            since,
            until,
        } => {
            // Both ends given: a daily file derives that span too, so it is never just empty.
            let extra: Vec<Period> = since
                .zip(*until)
                .and_then(|(s, e)| Period::new(s, e))
                .into_iter()
                .collect();
            let (dataset, selection) = selected(cli, select, &extra, None, None)?;
            let filter = Filter {
                metric: selection.metric.clone(),
                country: selection.country.clone(),
                since: *since,
                until: *until,
                period: selection.period,
            };
            commands::figures::run(&dataset, &filter)?
        }
        Command::Changes { select } => {
            let (dataset, selection) = selected(cli, select, &[], None, None)?;
            commands::changes::run(&dataset, &selection)?
        }
        Command::Top {
            metric,
            period,
            limit,
            min_base,
        } => {
            let (dataset, period) = load_period(cli, period.as_ref(), &[], None, None)?;
            let metric = commands::select::resolve_metric(
                dataset.figures.iter().map(|f| f.metric.as_str()),
                metric,
            )?;
            let args = commands::top::TopArgs {
                metric,
                period,
                limit: *limit,
                min_base: *min_base as f64,
            };
            commands::top::run(&dataset, &args)?
        }
        Command::Check {
            against,
            window,
            claim,
            text,
            date,
            select,
        } if claim.is_some() || text.is_some() => {
            if select.metric.is_some() || select.country.is_some() || select.period.is_some() {
                return Err(Error::usage(
                    "--metric, --country and --period do not apply to --claim or --text",
                    "the sentence itself says what is claimed",
                ));
            }
            let source = match (claim, text) {
                (Some(c), _) => commands::claims::Source::Claim(c.clone()),
                (None, Some(t)) => commands::claims::Source::Text(t.clone()),
                (None, None) => {
                    return Err(Error::usage("nothing to read", "give --claim or --text"));
                }
            };
            let mut official: Vec<std::path::PathBuf> = against.to_vec();
            official.extend(cli.data.iter().cloned());
            let (official, _) = resolve(cli, &official)?;
            if let (Some(days), true) = (window, official.is_empty()) {
                return Err(Error::usage(
                    format!("--window {days} applies only with a file to check against"),
                    "add --against FILE or --data FILE",
                ));
            }
            let mut notes = Vec::new();
            let outcome = commands::claims::run(
                &source,
                date.ok_or_else(|| {
                    Error::usage(
                        "a claim needs its publication date",
                        "give --date YYYY-MM-DD, the day the sentence was published: it anchors \"so far this year\" and no figure is checked past the day before it",
                    )
                })?,
                &official,
                window.unwrap_or(calc::DEFAULT_WINDOW_DAYS),
                &load_options(cli),
                &mut notes,
            )?;
            // CSV has a row only for figures: the numbers not understood go to stderr.
            if cli.format == Some(render::Format::Csv) {
                warnings.extend(notes);
            }
            outcome
        }
        Command::Check {
            against,
            window,
            date,
            select,
            ..
        } => {
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
            let window = window.unwrap_or(calc::DEFAULT_WINDOW_DAYS);
            let (dataset, selection) = selected(cli, select, &[], None, None)?;
            let against = match against.first() {
                Some(path) => resolve(cli, std::slice::from_ref(path))?.0.pop(),
                None => None,
            };
            commands::check::run(
                &dataset,
                &selection,
                against.as_deref(),
                window,
                &load_options(cli),
            )?
        }
        Command::Series {
            by,
            select,
            cumulative,
            rank,
            month,
        } => {
            let by = commands::series::bucket(by.map(Bucket::from), *cumulative, *month)?;
            let marks = sparklines(cli, commands::series::marks(by))?;
            let (dataset, selection) = selected(cli, select, &[], Some(by), marks)?;
            let args = commands::series::SeriesArgs {
                by,
                cumulative: *cumulative,
                rank: *rank,
                month: *month,
            };
            commands::series::run(&dataset, &selection, &args)?
        }
        Command::Chart {
            kind,
            select,
            limit,
        } => {
            let form = commands::chart::form(cli.format, cli.output.as_deref(), terminal.tty)?;
            let chart = match kind {
                cli::ChartKind::Cumulative => {
                    let (dataset, selection) = selected(cli, select, &[], Some(Bucket::Day), None)?;
                    commands::chart::cumulative(&dataset, &selection)?
                }
                cli::ChartKind::Monthly => {
                    let (dataset, selection) =
                        selected(cli, select, &[], Some(Bucket::Month), None)?;
                    commands::chart::monthly(&dataset, &selection)?
                }
                cli::ChartKind::Top => {
                    if select.country.is_some() {
                        return Err(Error::usage(
                            "chart top ranks every nationality",
                            "leave out --country",
                        ));
                    }
                    let (dataset, period) =
                        load_period(cli, select.period.as_ref(), &[], None, None)?;
                    let metric = commands::select::resolve_metric(
                        dataset.figures.iter().map(|f| f.metric.as_str()),
                        select.metric.as_deref().unwrap_or("small_boat_arrivals"),
                    )?;
                    let args = commands::top::TopArgs {
                        metric,
                        period,
                        limit: usize::try_from(*limit).unwrap_or(10),
                        min_base: commands::top::DEFAULT_MIN_BASE as f64,
                    };
                    commands::chart::top(&dataset, &args)?
                }
            };
            let bytes = match form {
                commands::chart::Form::Svg => render::svg::render(&chart)?,
                commands::chart::Form::Text => {
                    render::termchart::render(&chart, terminal.width, terminal.color)?
                }
            };
            return Ok((bytes, 0));
        }
        Command::Sources => commands::sources::run(&load(cli, &load_options(cli))?)?,
        Command::Fetch { dataset, timeout } => {
            // It downloads and derives nothing: options for reading files apply to nothing.
            loader::check_options_apply(&[], &load_options(cli))?;
            commands::fetch::run(
                dataset,
                cli.cache_dir.as_deref(),
                std::time::Duration::from_secs(*timeout),
                warnings,
            )?
        }
        Command::Revisions { old, new } => {
            // It compares the releases' rows as published, with no derivation options.
            loader::check_options_apply(&[], &load_options(cli))?;
            let (paths, _) = resolve(cli, &[old.clone(), new.clone()])?;
            match paths.as_slice() {
                [old, new] => commands::revisions::run(old, new, &load_options(cli).limits)?,
                _ => {
                    return Err(Error::usage(
                        "give two releases",
                        "migstats revisions OLD NEW",
                    ));
                }
            }
        }
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
                "name it .json, .csv, .md, .txt or .xlsx, or say --format; SVG charts come from `migstats chart`",
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
/// would look as if it had been applied. `check --against` is the exception: its official file
/// is read later, and is what `--as-of` applies to.
fn load(cli: &Cli, options: &loader::LoadOptions) -> Result<loader::Dataset> {
    let against = matches!(
        &cli.command,
        Command::Check { against, .. } if !against.is_empty()
    );
    let (paths, releases) = resolve(cli, &cli.data)?;
    let mut dataset = loader::load(&paths, options)?;
    if !against {
        loader::check_options_apply(&dataset.provenance.inputs, options)?;
    }
    dataset.provenance.releases = releases;
    Ok(dataset)
}

/// `latest:NAME` sources become the cached release's path, checked against the manifest; other
/// paths pass through. Done before the loader opens anything, so the loader only sees files.
fn resolve(
    cli: &Cli,
    sources: &[std::path::PathBuf],
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

/// A warning for each `latest:NAME` the command line reads whose cached daily series is stale.
/// Read from the manifest once here, as a command may load its data more than once; a missing
/// cache is reported by the load itself.
fn stale_releases(cli: &Cli) -> Vec<String> {
    let mut sources: Vec<&std::path::Path> = cli.data.iter().map(|p| p.as_path()).collect();
    match &cli.command {
        Command::Check { against, .. } => sources.extend(against.iter().map(|p| p.as_path())),
        Command::Revisions { old, new } => sources.extend([old.as_path(), new.as_path()]),
        _ => {}
    }
    let mut kinds: Vec<fetch::Kind> = sources
        .into_iter()
        .filter_map(|s| fetch::latest_name(s)?.ok())
        .collect();
    kinds.dedup();
    // Most runs name no `latest:` source: then there is no manifest to read.
    if kinds.is_empty() {
        return Vec::new();
    }
    let Ok(cache) = fetch::Cache::locate(cli.cache_dir.as_deref()) else {
        return Vec::new();
    };
    let Ok(manifest) = cache.manifest() else {
        return Vec::new();
    };
    kinds
        .into_iter()
        .filter_map(|k| fetch::staleness(manifest.latest(k)?, fetch::today()))
        .collect()
}

/// Loads the dataset with the period asked for resolved and derived. A relative period (ytd,
/// last 12 months, since DATE) ends on `--as-of`, else on the data's last day, which only a
/// first read can tell.
fn load_period(
    cli: &Cli,
    period: Option<&PeriodExpr>,
    extra: &[Period],
    buckets: Option<Bucket>,
    marks: Option<Bucket>,
) -> Result<(loader::Dataset, Option<Period>)> {
    let mut options = load_options(cli);
    options.periods.extend_from_slice(extra);
    options.buckets = buckets;
    options.marks = marks;
    let Some(expr) = period else {
        return Ok((load(cli, &options)?, None));
    };
    let anchor = match (expr.is_relative(), cli.as_of) {
        (false, _) => None,
        (true, Some(day)) => Some(day),
        (true, None) => load(cli, &load_options(cli))?
            .figures
            .iter()
            .map(|f| f.period.end)
            .max(),
    };
    let resolved = expr
        .resolve(anchor)
        .map_err(|e| Error::usage(format!("--period: {}", e.what), e.hint))?;
    options.period = Some(resolved);
    Ok((load(cli, &options)?, Some(resolved)))
}

/// Marks of `size` for sparklines, which only a table shows: no other format derives them.
fn sparklines(cli: &Cli, size: Option<Bucket>) -> Result<Option<Bucket>> {
    // A format error is reported here, before the data are loaded, not after.
    Ok(match format(cli)? {
        Format::Table => size,
        _ => None,
    })
}

/// Loads for `--period`, then resolves `--metric` and `--country` against what was loaded and
/// keeps only their figures (every year before included).
fn selected(
    cli: &Cli,
    select: &cli::Select,
    extra: &[Period],
    buckets: Option<Bucket>,
    marks: Option<Bucket>,
) -> Result<(loader::Dataset, Selection)> {
    let (mut dataset, period) = load_period(cli, select.period.as_ref(), extra, buckets, marks)?;
    let selection = Selection::resolve(
        &dataset.figures,
        select.metric.as_deref(),
        select.country.as_deref(),
        period,
    )?;
    dataset.figures = selection.apply(&dataset.figures);
    Ok((dataset, selection))
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
            ..Default::default()
        },
        limits: loader::limits::Limits::from_mb(cli.max_input_mb),
        ..Default::default()
    }
}
