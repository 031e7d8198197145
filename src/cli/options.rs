//! Which options each command takes, and the options given before the command and after it
//! merged into one set. An option a command does not take is an error, never ignored: it would
//! look as if it had been applied.

use super::{CacheArgs, Cli, Command, CommonArgs, FileArgs, InputArgs, LimitArgs, OutputArgs};
use crate::error::{Error, Result};

/// The options given before the command and after it, as one set.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub input: InputArgs,
    pub limit: LimitArgs,
    pub cache: CacheArgs,
    pub output: OutputArgs,
}

/// The option groups a command takes after its name (None: it takes none of that group), and
/// why it takes no others.
struct Groups<'a> {
    command: &'static str,
    why: &'static str,
    input: Option<&'a InputArgs>,
    limit: Option<&'a LimitArgs>,
    cache: Option<&'a CacheArgs>,
    output: Option<&'a OutputArgs>,
    /// `-o FILE` alone (schema, completions, man).
    file: Option<&'a FileArgs>,
}

/// A command that loads a dataset: it takes every option.
fn loads<'a>(command: &'static str, common: &'a CommonArgs) -> Groups<'a> {
    Groups {
        input: Some(&common.input),
        limit: Some(&common.limits),
        cache: Some(&common.cache),
        output: Some(&common.output),
        ..only(command, "")
    }
}

/// A command that takes none of the groups, and why.
fn only(command: &'static str, why: &'static str) -> Groups<'static> {
    Groups {
        command,
        why,
        input: None,
        limit: None,
        cache: None,
        output: None,
        file: None,
    }
}

/// What each command takes: a declarative table.
fn groups(command: &Command) -> Groups<'_> {
    match command {
        Command::Summary { common, .. } => loads("summary", common),
        Command::Figures { common, .. } => loads("figures", common),
        Command::Changes { common, .. } => loads("changes", common),
        Command::Top { common, .. } => loads("top", common),
        Command::Check { common, .. } => loads("check", common),
        Command::Series { common, .. } => loads("series", common),
        Command::Chart { common, .. } => loads("chart", common),
        Command::Sources { common, .. } => loads("sources", common),
        Command::Validate { limits, output, .. } => Groups {
            limit: Some(limits),
            output: Some(output),
            ..only("validate", "it checks the figures files it is given")
        },
        Command::Fetch { cache, output, .. } => Groups {
            cache: Some(cache),
            output: Some(output),
            ..only("fetch", "it downloads releases and derives nothing")
        },
        Command::Revisions {
            limits,
            cache,
            output,
            ..
        } => Groups {
            limit: Some(limits),
            cache: Some(cache),
            output: Some(output),
            ..only("revisions", "it compares the releases' rows as published")
        },
        Command::Schema { output, .. } => Groups {
            file: Some(output),
            ..only("schema", "it always prints a JSON Schema")
        },
        Command::Completions { output, .. } => Groups {
            file: Some(output),
            ..only("completions", "it prints a shell script")
        },
        Command::Man { output } => Groups {
            file: Some(output),
            ..only("man", "it prints a man page")
        },
    }
}

/// The options of `cli` merged for its command; an error for one the command does not take.
pub fn given(cli: &Cli) -> Result<Given> {
    let g = groups(&cli.command);
    let input = merge_input(&cli.common.input, g.input, &g)?;
    let limit = merge_limit(&cli.common.limits, g.limit, &g)?;
    let cache = merge_cache(&cli.common.cache, g.cache, &g)?;
    let output = match (g.output, g.file) {
        (Some(own), _) => merge_output(&cli.common.output, own)?,
        (None, file) => document_output(&cli.common.output, file, &g)?,
    };
    Ok(Given {
        input,
        limit,
        cache,
        output,
    })
}

/// `schema`, `completions` and `man` print a document of their own: only `-o FILE` applies.
fn document_output(top: &OutputArgs, file: Option<&FileArgs>, g: &Groups) -> Result<OutputArgs> {
    if let Some(f) = top.format {
        return Err(Error::usage(
            format!(
                "--format {} does not apply to {}: {}",
                f.name(),
                g.command,
                g.why
            ),
            format!("leave --format out of {}", g.command),
        ));
    }
    refuse(top.bom, "--bom", g)?;
    refuse(top.color.is_some(), "--color", g)?;
    Ok(OutputArgs {
        output: one(
            top.output.clone(),
            file.and_then(|f| f.output.clone()),
            "--output",
        )?,
        ..Default::default()
    })
}

/// An option given to a command that does not take it.
fn refuse(given: bool, option: &str, g: &Groups) -> Result<()> {
    if given {
        return Err(Error::usage(
            format!("{option} does not apply to {}: {}", g.command, g.why),
            format!(
                "leave {option} out; `migstats {} --help` lists what it takes",
                g.command
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

fn merge_input(top: &InputArgs, own: Option<&InputArgs>, g: &Groups) -> Result<InputArgs> {
    let Some(own) = own else {
        refuse(!top.data.is_empty(), "--data", g)?;
        refuse(top.main_applicants, "--main-applicants", g)?;
        refuse(!top.methods.is_empty(), "--method", g)?;
        refuse(top.as_of.is_some(), "--as-of", g)?;
        return Ok(InputArgs::default());
    };
    Ok(InputArgs {
        data: top.data.iter().chain(&own.data).cloned().collect(),
        main_applicants: top.main_applicants || own.main_applicants,
        methods: top.methods.iter().chain(&own.methods).cloned().collect(),
        as_of: one(top.as_of, own.as_of, "--as-of")?,
    })
}

fn merge_limit(top: &LimitArgs, own: Option<&LimitArgs>, g: &Groups) -> Result<LimitArgs> {
    let Some(own) = own else {
        refuse(top.max_input_mb.is_some(), "--max-input-mb", g)?;
        return Ok(LimitArgs::default());
    };
    Ok(LimitArgs {
        max_input_mb: one(top.max_input_mb, own.max_input_mb, "--max-input-mb")?,
    })
}

fn merge_cache(top: &CacheArgs, own: Option<&CacheArgs>, g: &Groups) -> Result<CacheArgs> {
    let Some(own) = own else {
        refuse(top.cache_dir.is_some(), "--cache-dir", g)?;
        return Ok(CacheArgs::default());
    };
    Ok(CacheArgs {
        cache_dir: one(top.cache_dir.clone(), own.cache_dir.clone(), "--cache-dir")?,
    })
}

fn merge_output(top: &OutputArgs, own: &OutputArgs) -> Result<OutputArgs> {
    Ok(OutputArgs {
        format: one(top.format, own.format, "--format")?,
        output: one(top.output.clone(), own.output.clone(), "--output")?,
        bom: top.bom || own.bom,
        color: one(top.color, own.color, "--color")?,
    })
}
