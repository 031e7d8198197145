//! The library's layers, read from its source: each top-level module uses only modules of a
//! lower layer (`crate::NAME` in code, grouped `use crate::{…}` included), so data flows one
//! way, arguments → config → loader → calc → commands → report → render, and no lower layer
//! ties upward. ARCHITECTURE.md draws the same table.

use std::collections::BTreeSet;
use std::path::Path;

/// Each top-level module and its layer: a module may use only those of a lower layer.
const LAYERS: [(&str, u8); 13] = [
    ("app", 8),
    ("cli", 7),
    ("commands", 7),
    ("report", 6),
    ("render", 5),
    ("fetch", 4),
    ("sentences", 4),
    ("calc", 4),
    ("loader", 3),
    ("output", 3),
    ("domain", 2),
    ("error", 2),
    ("sanitize", 1),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level modules a line of code names through `crate::`.
fn named(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every (user, used, file) tie from one top-level module to another.
fn ties() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let top = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for used in named(line) {
                if used != top && !used.is_empty() {
                    out.push((top.clone(), used, rel.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_top_level_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p
                .file_name()?
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            (p.is_dir() || p.extension().is_some_and(|e| e == "rs")).then_some(name)
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    for m in &modules {
        assert!(layer(m).is_some(), "src/{m} has no layer in LAYERS");
    }
}

#[test]
fn no_module_uses_one_of_its_own_layer_or_above() {
    let ties = ties();
    assert!(
        ties.len() > 50,
        "the source was not read: {} ties",
        ties.len()
    );
    let upward: Vec<String> = ties
        .iter()
        .filter(|(user, used, _)| match (layer(user), layer(used)) {
            (Some(a), Some(b)) => b >= a,
            _ => false,
        })
        .map(|(user, used, file)| format!("{file}: {user} uses {used}"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        upward.is_empty(),
        "ties upward or sideways:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_reading_of_ties_finds_grouped_imports() {
    assert_eq!(named("use crate::{calc, fetch};"), ["calc", "fetch"]);
    assert_eq!(named("let x = crate::cli::config::Job::Man;"), ["cli"]);
    assert!(named("use super::Rows;").is_empty());
}
