//! `migstats completions SHELL`: the shell's completion script, offering the bundled dataset's
//! metrics and countries for `--metric` and `--country` (and file names only where a file is
//! meant). The values are offered, not enforced: `--data` files may hold others.

use super::Cli;
use crate::error::Result;
use crate::loader::Dataset;
use clap::builder::PossibleValuesParser;
use clap::{Arg, CommandFactory, ValueHint};
use std::collections::BTreeSet;

/// Metrics the Home Office readers derive (loader/small_boats.rs, loader/detailed), offered
/// with the bundled dataset's own.
const OFFICIAL_METRICS: [&str; 7] = [
    "small_boat_arrivals",
    "small_boats",
    "people_per_boat",
    "initial_grant_rate",
    "returns",
    "enforced_returns",
    "voluntary_returns",
];

pub fn render(shell: clap_complete::Shell, dataset: &Dataset) -> Result<Vec<u8>> {
    let metrics: BTreeSet<String> = dataset
        .figures
        .iter()
        .map(|f| f.metric.clone())
        .chain(OFFICIAL_METRICS.iter().map(|m| m.to_string()))
        .collect();
    let countries: BTreeSet<String> = dataset.figures.iter().map(|f| f.country.clone()).collect();
    let offer = |values: &BTreeSet<String>| {
        let values = values.clone();
        move |a: Arg| a.value_parser(PossibleValuesParser::new(values))
    };
    let files = |a: Arg| a.value_hint(ValueHint::FilePath);
    let mut cmd = Cli::command()
        .mut_arg("data", files)
        .mut_arg("output", files);
    // Every command taking --metric or --country (summary, figures, series, top, …).
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut s| {
            for (arg, values) in [("metric", &metrics), ("country", &countries)] {
                if s.get_arguments().any(|a| a.get_id() == arg) {
                    s = s.mut_arg(arg, offer(values));
                }
            }
            for arg in ["against", "files", "data", "output"] {
                if s.get_arguments().any(|a| a.get_id() == arg) {
                    s = s.mut_arg(arg, files);
                }
            }
            s
        });
    }
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "migstats", &mut out);
    Ok(out)
}
