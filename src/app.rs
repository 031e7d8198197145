//! Runs one [`Config`]: resolves `latest:` sources, loads the dataset, dispatches to the
//! command, and renders its report in the format the config chose. Nothing is written here,
//! so a failure leaves stdout untouched.

use crate::cli::config::{Config, Job};
use crate::cli::{self, ChartKind, Select};
use crate::commands::{self, Outcome, figures::Filter, select::Selection, series::SeriesArgs};
use crate::domain::{Period, PeriodExpr};
use crate::error::{Error, Result};
use crate::loader::{self, Dataset, LoadOptions};
use crate::render::{self, Format};
use crate::{calc, fetch};
use std::path::PathBuf;

/// What a run produced: the bytes for stdout (or `-o FILE`), the exit code, and a sidecar
/// file to write beside it (a chart's CSV data has its words in FILE.json).
#[derive(Debug)]
pub struct Produced {
    pub bytes: Vec<u8>,
    pub code: i32,
    pub sidecar: Option<(PathBuf, Vec<u8>)>,
}

/// What the run produced; `warnings` gets lines for stderr (a stale cached release, numbers a
/// CSV has no row for).
pub fn run(config: &Config, warnings: &mut Vec<String>) -> Result<Produced> {
    let (bytes, code, outcome) = produce(config, warnings)?;
    let sidecar = match (&config.output.sidecar, outcome) {
        (Some(path), Some(outcome)) => Some((
            path.clone(),
            render::datawrapper::sidecar(outcome.report.chart()?)?,
        )),
        _ => None,
    };
    Ok(Produced {
        bytes,
        code,
        sidecar,
    })
}

/// The bytes and exit code, and the outcome they were rendered from (None for a document
/// written as it is).
fn produce(config: &Config, warnings: &mut Vec<String>) -> Result<(Vec<u8>, i32, Option<Outcome>)> {
    warnings.extend(stale(config));
    let outcome: Outcome = match &config.job {
        Job::Summary { select } => {
            let (dataset, selection) = selected(config, select)?;
            commands::summary::run(&dataset, &selection)?
        }
        Job::Figures {
            select,
            since,
            until,
        } => figures(config, select, *since, *until)?,
        Job::Changes { select } => {
            let (dataset, selection) = selected(config, select)?;
            commands::changes::run(&dataset, &selection)?
        }
        Job::Top { .. } | Job::Chart { .. } => ranked(config)?,
        Job::Claims { .. } => claims(config, warnings)?,
        Job::Check { .. } => check(config)?,
        Job::Series { .. } => series(config)?,
        Job::Sources => commands::sources::run(&load(config, &config.load)?)?,
        Job::Fetch {
            dataset,
            timeout,
            progress,
        } => commands::fetch::run(
            dataset,
            config.cache_dir.as_deref(),
            *timeout,
            *progress,
            warnings,
        )?,
        Job::Revisions { old, new } => revisions(config, old, new)?,
        Job::Validate { files } => commands::validate::run(files, &config.load.limits)?,
        Job::Schema { command } => return Ok((commands::schema::render(*command)?, 0, None)),
        Job::Completions { shell } => {
            return Ok((
                cli::completions::render(*shell, &loader::bundled()?)?,
                0,
                None,
            ));
        }
        Job::Man => return Ok((cli::man::render()?, 0, None)),
    };
    let mut out = Vec::new();
    if config.output.bom {
        // Excel reads a CSV without one as its local code page: "–" becomes "â€“".
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    render::renderer_with(
        config.output.format,
        config.output.terminal,
        config.output.review.as_ref(),
    )
    .render(&outcome.report, &mut out)?;
    Ok((out, outcome.exit_code, Some(outcome)))
}

/// A warning for each `latest:NAME` read whose cached daily series is stale.
fn stale(config: &Config) -> Vec<String> {
    let mut sources: Vec<&std::path::Path> = config.data.iter().map(|p| p.as_path()).collect();
    match &config.job {
        Job::Claims { official, .. } => sources = official.iter().map(|p| p.as_path()).collect(),
        Job::Check {
            against: Some(a), ..
        } => sources.push(a),
        Job::Revisions { old, new } => sources.extend([old.as_path(), new.as_path()]),
        _ => {}
    }
    fetch::stale(&sources, config.cache_dir.as_deref())
}

fn resolve(
    config: &Config,
    sources: &[PathBuf],
) -> Result<(Vec<PathBuf>, Vec<crate::domain::Release>)> {
    fetch::resolve_sources(sources, config.cache_dir.as_deref())
}

/// The dataset, with every option checked to apply to some input: an option silently ignored
/// would look as if it had been applied. `check --against` is the exception: its official file
/// is read later, and is what `--as-of` applies to.
fn load(config: &Config, options: &LoadOptions) -> Result<Dataset> {
    let (paths, releases) = resolve(config, &config.data)?;
    let dataset = loader::load(&paths, options)?;
    checked(config, dataset, releases)
}

fn checked(
    config: &Config,
    mut dataset: Dataset,
    releases: Vec<crate::domain::Release>,
) -> Result<Dataset> {
    if !matches!(
        config.job,
        Job::Check {
            against: Some(_),
            ..
        }
    ) {
        loader::check_options_apply(&dataset.provenance.inputs, &config.load)?;
    }
    dataset.provenance.releases = releases;
    Ok(dataset)
}

/// Loads the dataset with the period asked for resolved and derived. A relative period (ytd,
/// last 12 months, since DATE) ends on `--as-of`, else on the data's last day, which the one
/// read of the inputs tells.
fn load_period(config: &Config, period: Option<&PeriodExpr>) -> Result<(Dataset, Option<Period>)> {
    let Some(expr) = period else {
        return Ok((load(config, &config.load)?, None));
    };
    let resolve = |anchor| {
        expr.resolve(anchor)
            .map_err(|e| Error::usage(format!("--period: {}", e.what), e.hint))
    };
    if expr.is_relative() && config.load.as_of.is_none() {
        let (paths, releases) = self::resolve(config, &config.data)?;
        let (dataset, period) = loader::load_anchored(&paths, &config.load, resolve)?;
        return Ok((checked(config, dataset, releases)?, Some(period)));
    }
    let period = resolve(config.load.as_of.filter(|_| expr.is_relative()))?;
    let options = LoadOptions {
        period: Some(period),
        ..config.load.clone()
    };
    Ok((load(config, &options)?, Some(period)))
}

/// Loads for `--period`, then resolves `--metric` and `--country` against what was loaded and
/// keeps only their figures (every year before included).
fn selected(config: &Config, select: &Select) -> Result<(Dataset, Selection)> {
    let (mut dataset, period) = load_period(config, select.period.as_ref())?;
    let selection = Selection::resolve(
        &dataset.figures,
        select.metric.as_deref(),
        select.country.as_deref(),
        period,
    )?;
    dataset.figures = selection.apply(&dataset.figures);
    Ok((dataset, selection))
}

fn figures(
    config: &Config,
    select: &Select,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> Result<Outcome> {
    let (dataset, selection) = selected(config, select)?;
    let filter = Filter {
        metric: selection.metric.clone(),
        country: selection.country.clone(),
        since,
        until,
        period: selection.period,
    };
    commands::figures::run(&dataset, &filter)
}

fn series(config: &Config) -> Result<Outcome> {
    let Job::Series {
        select,
        by,
        cumulative,
        rank,
        month,
    } = &config.job
    else {
        return Err(Error::usage("not a series", "migstats series --help"));
    };
    let (dataset, selection) = selected(config, select)?;
    let args = SeriesArgs {
        by: *by,
        cumulative: *cumulative,
        rank: *rank,
        month: *month,
    };
    commands::series::run(&dataset, &selection, &args)
}

/// `top` and the three charts (`chart top` ranks as `top` does).
fn ranked(config: &Config) -> Result<Outcome> {
    let (metric, period, limit, min_base) = match &config.job {
        Job::Top {
            metric,
            period,
            limit,
            min_base,
        } => (metric.as_str(), period.as_ref(), *limit, *min_base),
        Job::Chart {
            kind: ChartKind::Top,
            select,
            limit,
        } => (
            select.metric.as_deref().unwrap_or("small_boat_arrivals"),
            select.period.as_ref(),
            *limit,
            calc::DEFAULT_MIN_BASE as f64,
        ),
        Job::Chart { kind, select, .. } => {
            let (dataset, selection) = selected(config, select)?;
            let chart = match kind {
                ChartKind::Cumulative => commands::chart::cumulative(&dataset, &selection)?,
                _ => commands::chart::monthly(&dataset, &selection)?,
            };
            return Ok(render::Report::Chart(Box::new(chart)).into());
        }
        _ => return Err(Error::usage("not a ranking", "migstats top --help")),
    };
    let (dataset, period) = load_period(config, period)?;
    let metric = commands::select::resolve_metric(
        dataset.figures.iter().map(|f| f.metric.as_str()),
        metric,
    )?;
    let args = commands::top::TopArgs {
        metric,
        period,
        limit,
        min_base,
    };
    match config.job {
        Job::Chart { .. } => {
            Ok(render::Report::Chart(Box::new(commands::chart::top(&dataset, &args)?)).into())
        }
        _ => commands::top::run(&dataset, &args),
    }
}

/// `check --claim` / `check --text`: the sentences read, checked against the official files.
fn claims(config: &Config, warnings: &mut Vec<String>) -> Result<Outcome> {
    let Job::Claims {
        source,
        date,
        official,
        window,
    } = &config.job
    else {
        return Err(Error::usage("not a claim", "migstats check --help"));
    };
    let (official, releases) = resolve(config, official)?;
    let mut notes = Vec::new();
    let outcome = commands::claims::run(
        source,
        *date,
        commands::claims::Against {
            paths: &official,
            releases: &releases,
        },
        *window,
        &config.load,
        warnings,
        &mut notes,
    )?;
    // CSV has a row only for figures: the numbers not understood go to stderr.
    if config.output.format == Format::Csv {
        warnings.extend(notes);
    }
    Ok(outcome)
}

/// `check`: the dataset's stated figures, against one official file if given.
fn check(config: &Config) -> Result<Outcome> {
    let Job::Check {
        select,
        against,
        window,
    } = &config.job
    else {
        return Err(Error::usage("not a check", "migstats check --help"));
    };
    let (dataset, selection) = selected(config, select)?;
    let (against, releases) = match against {
        Some(path) => {
            let (mut paths, releases) = resolve(config, std::slice::from_ref(path))?;
            (paths.pop(), releases)
        }
        None => (None, Vec::new()),
    };
    commands::check::run(
        &dataset,
        &selection,
        against.as_deref(),
        &releases,
        *window,
        &config.load,
    )
}

/// `revisions`: two releases, either of them `latest:small-boats`.
fn revisions(config: &Config, old: &std::path::Path, new: &std::path::Path) -> Result<Outcome> {
    let (paths, _) = resolve(config, &[old.to_path_buf(), new.to_path_buf()])?;
    match paths.as_slice() {
        [old, new] => commands::revisions::run(old, new, &config.load.limits),
        _ => Err(Error::usage(
            "give two releases",
            "migstats revisions OLD NEW",
        )),
    }
}
