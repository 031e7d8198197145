//! The examples in the README, the guides in docs/ and bench/README.md are what the tool prints.
//! Every ```text block under a `<!-- readme-test -->` marker is run: each `$ [NAME=VALUE ]migstats ARGS` line (a trailing
//! `\` continues it) from the repository root with the fixture paths it names, and its output,
//! stdout then stderr, compared with the lines under it. A line `…` stands for any lines, so an
//! example may show only part of a long table; `$ echo $?` and the line after it give the exit
//! status. Lines are compared without trailing spaces, which editors strip.

use crate::common;
use crate::common::migstats;

const MARKER: &str = "<!-- readme-test";

/// The documents whose examples are run: (path from the repository root, text).
fn documents() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut guides: Vec<String> = std::fs::read_dir(format!("{root}/docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    guides.sort();
    let mut paths = vec!["README.md".to_string()];
    paths.extend(guides);
    paths.push("bench/README.md".to_string());
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(format!("{root}/{path}")).unwrap();
            (path, text)
        })
        .collect()
}

/// The marked blocks of `file`: (line number of the marker, the block's lines without its indent).
fn marked_blocks(file: &str, text: &str) -> Vec<(usize, Vec<String>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.trim_start().starts_with(MARKER) {
            continue;
        }
        let fence = lines[i + 1];
        assert_eq!(
            fence.trim(),
            "```text",
            "{file} line {}: marker not above a block",
            i + 1
        );
        let indent = fence.len() - fence.trim_start().len();
        let body: Vec<String> = lines[i + 2..]
            .iter()
            .take_while(|l| l.trim() != "```")
            .map(|l| l.get(indent..).unwrap_or("").trim_end().to_string())
            .collect();
        blocks.push((i + 1, body));
    }
    blocks
}

/// One command of a block: its words, environment and the output shown under it.
struct Example {
    env: Vec<(String, String)>,
    args: Vec<String>,
    expected: Vec<String>,
    status: Option<i32>,
}

/// Words as the shell splits them, for the quoting the README uses: "…" and '…', no escapes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if started {
                    out.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in {line}");
    if started {
        out.push(word);
    }
    out
}

fn examples(body: &[String]) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut lines = body.iter().peekable();
    while let Some(line) = lines.next() {
        if line == "$ echo $?" {
            let status = lines.next().expect("a status after echo $?");
            out.last_mut().expect("a command before echo $?").status =
                Some(status.parse().unwrap());
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let mut command = command.to_string();
            while let Some(head) = command.strip_suffix('\\') {
                let next = lines.next().expect("a continued line");
                command = format!("{} {}", head.trim_end(), next.trim());
            }
            let mut words = words(&command).into_iter().peekable();
            let mut env = Vec::new();
            while let Some((name, value)) = words.peek().and_then(|w| w.split_once('=')) {
                env.push((name.to_string(), value.to_string()));
                words.next();
            }
            assert_eq!(words.next().as_deref(), Some("migstats"), "{command}");
            out.push(Example {
                env,
                args: words.collect(),
                expected: Vec::new(),
                status: None,
            });
            continue;
        }
        out.last_mut()
            .expect("a block starts with a command")
            .expected
            .push(line.clone());
    }
    for example in &mut out {
        // A blank line only separates one command's output from the next.
        while example.expected.last().is_some_and(String::is_empty) {
            example.expected.pop();
        }
    }
    out
}

/// Whether `actual` matches `expected`, where a `…` line stands for any lines.
fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=actual.len()).any(|k| matches(rest, &actual[k..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line == first && matches(rest, more)),
    }
}

fn run(example: &Example) -> (Vec<String>, i32) {
    let mut cmd = migstats();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("MIGSTATS_CACHE_DIR")
        .args(&example.args);
    for (name, value) in &example.env {
        cmd.env(name, value);
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    (lines, out.status.code().unwrap())
}

#[test]
fn every_marked_example_prints_what_the_readme_shows() {
    let documents = documents();
    let blocks: Vec<(&str, usize, Vec<String>)> = documents
        .iter()
        .flat_map(|(file, text)| {
            marked_blocks(file, text)
                .into_iter()
                .map(move |(line, body)| (file.as_str(), line, body))
        })
        .collect();
    // The examples users copy first; a marker lost in an edit must not pass quietly.
    let in_readme = blocks.iter().filter(|(f, ..)| *f == "README.md").count();
    assert!(
        in_readme >= 5,
        "only {in_readme} marked blocks in README.md"
    );
    assert!(blocks.len() >= 30, "only {} marked blocks", blocks.len());
    let mut failures = Vec::new();
    for (file, line, body) in &blocks {
        for example in examples(body) {
            let (actual, status) = run(&example);
            let shown = example.args.join(" ");
            let error = actual.iter().any(|l| l.starts_with("migstats: error:"));
            let expected_status = example.status.unwrap_or(if error { 2 } else { 0 });
            if status != expected_status {
                failures.push(format!(
                    "{file} line {line}: `migstats {shown}` exited {status}, expected {expected_status}"
                ));
            }
            if !matches(&example.expected, &actual) {
                failures.push(format!(
                    "{file} line {line}: `migstats {shown}` printed:\n{}\n--- {file} shows:\n{}",
                    actual.join("\n"),
                    example.expected.join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The JSON row shown in docs/formats-and-json.md is the returns row of `migstats --format json
/// summary`.
#[test]
fn the_json_row_shown_is_the_one_printed() {
    let (_, text) = documents()
        .into_iter()
        .find(|(file, _)| file == "docs/formats-and-json.md")
        .unwrap();
    let start = text.find("```json\n{\n  \"metric\": \"returns\"").unwrap() + "```json\n".len();
    let end = start + text[start..].find("```").unwrap();
    let shown: serde_json::Value = serde_json::from_str(&text[start..end]).unwrap();
    let doc = common::json(&["--format", "json", "summary"]);
    let printed = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "returns-2024-25")
        .unwrap();
    assert_eq!(&shown, printed);
}

/// The SVG charts in docs/ (shown in the README and docs/charts-and-outputs.md) are what the
/// commands listed there draw now.
#[test]
fn the_charts_shown_are_the_ones_drawn() {
    let daily = "tests/fixtures/Small_boats_time_series_as_of_2026-08-20.ods";
    let charts: [(&str, &[&str]); 3] = [
        (
            "chart-cumulative.svg",
            &["--data", daily, "chart", "cumulative"],
        ),
        ("chart-monthly.svg", &["--data", daily, "chart", "monthly"]),
        (
            "chart-top.svg",
            &[
                "--data",
                "tests/fixtures/detailed/irr_d01.csv",
                "chart",
                "top",
                "--period",
                "2023",
            ],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in charts {
        let drawn = dir.path().join(name);
        let out = migstats()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .arg("-o")
            .arg(&drawn)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let shipped = std::fs::read(format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(
            std::fs::read(&drawn).unwrap() == shipped,
            "docs/{name} is stale: run `migstats {} -o docs/{name}`",
            args.join(" ")
        );
    }
}

#[test]
fn a_wildcard_line_stands_for_any_lines_and_nothing_else_does() {
    let v = |s: &[&str]| s.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert!(matches(&v(&["a", "…", "d"]), &v(&["a", "b", "c", "d"])));
    assert!(matches(&v(&["a", "…", "d"]), &v(&["a", "d"])));
    assert!(matches(&v(&["…"]), &v(&[])));
    assert!(!matches(&v(&["a", "…", "d"]), &v(&["a", "b", "c"])));
    assert!(!matches(&v(&["a", "b"]), &v(&["a", "b", "c"])));
    assert_eq!(
        words(r#"--period "July 2025" --claim 'a "b"' x"#),
        ["--period", "July 2025", "--claim", r#"a "b""#, "x"]
    );
}
