//! Line numbers in messages and figure origins are the lines an editor shows, whatever the line
//! ends, blank lines, byte order mark or multi-line quoted fields (the csv crate's own positions
//! are off after blank lines and `\r\n`: BurntSushi/rust-csv#395).

use migstats::loader::figures_csv::read_figures;

const HEADER: &str = "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,stated_yoy_pct,source,note";

fn row(id: &str, note: &str) -> String {
    format!("{id},m,all,2025-01-01,2025-12-31,1,people,exact,1,,HO,{note}")
}

/// The lines of a file, joined with `eol`; `{eol}` inside a line becomes `eol` too.
fn file(lines: &[String], eol: &str, bom: bool) -> Vec<u8> {
    let text = lines.join("\n").replace('\n', eol);
    let mut bytes = if bom {
        b"\xef\xbb\xbf".to_vec()
    } else {
        Vec::new()
    };
    bytes.extend(text.into_bytes());
    bytes
}

#[test]
fn figures_know_the_line_they_start_on() {
    let lines = vec![
        String::new(),               // 1: blank before the header
        HEADER.to_string(),          // 2
        row("a", "plain"),           // 3
        String::new(),               // 4
        "   ".to_string(),           // 5: spaces only
        row("b", "\"two\nlines\""),  // 6-7
        row("c", ""),                // 8
        String::new(),               // 9
        String::new(),               // 10
        row("d", "\"x,\"\"y\"\"\""), // 11
        String::new(),               // 12: trailing
    ];
    for eol in ["\n", "\r\n", "\r"] {
        for bom in [false, true] {
            let figs = read_figures("t.csv", file(&lines, eol, bom).as_slice())
                .unwrap_or_else(|p| panic!("{eol:?} {bom}: {p:?}"));
            let got: Vec<(&str, u64)> = figs
                .iter()
                .map(|f| (f.id.as_str(), f.origin.line))
                .collect();
            assert_eq!(
                got,
                vec![("a", 3), ("b", 6), ("c", 8), ("d", 11)],
                "{eol:?} bom={bom}"
            );
        }
    }
}

#[test]
fn problems_name_the_line_they_are_on() {
    let lines = vec![
        HEADER.to_string(),              // 1
        String::new(),                   // 2
        row("a", "\"one\ntwo\nthree\""), // 3-5
        String::new(),                   // 6
        row("B", ""),                    // 7: bad id
        row("c", "\"never closed"),      // 8: unclosed quote in column 12
        row("d", ""),                    // 9 (swallowed by the open quote)
    ];
    for eol in ["\n", "\r\n", "\r"] {
        let problems = read_figures("t.csv", file(&lines, eol, false).as_slice()).unwrap_err();
        let got: Vec<String> = problems.iter().map(|p| p.location.to_string()).collect();
        assert_eq!(
            got,
            vec!["t.csv:7:1", "t.csv:8:12"],
            "{eol:?}: {problems:?}"
        );
    }
}

/// The first message of `migstats --data FILE summary` on `bytes`, written to a temporary file.
fn first_problem(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = crate::common::migstats()
        .args(["--data", path.to_str().unwrap(), "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap_or_default();
    first
        .split_once(name)
        .map_or(first, |(_, rest)| rest)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn official_csvs_name_the_line_a_bad_row_is_on_whatever_the_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let sb01 = [
        "Date,Migrants arrived,Boats arrived,Boats arrived - involved in uncontrolled landings,Notes".to_string(),
        "2025-01-01,1,1,0,".to_string(),
        String::new(),
        "2025-01-02,2,1,0,\"two\nlines\"".to_string(),
        "2025-01-0x,3,1,0,".to_string(), // 6
    ];
    let detailed = [
        String::new(),
        "\"Irr_D01: Detections of irregular migration\nto the UK\"".to_string(),
        "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections"
            .to_string(),
        "2024,2024 Q1,Small boat arrivals,\"Iraq\",Middle East,Male,18 to 24,5".to_string(),
        String::new(),
        "   ".to_string(),
        String::new(),
        "2024,2024 Q9,Small boat arrivals,Iraq,Middle East,Male,18 to 24,5".to_string(), // 9 (the title takes lines 2-3)
    ];
    for eol in ["\n", "\r\n"] {
        for bom in [false, true] {
            let at =
                |name, lines: &[String]| first_problem(dir.path(), name, &file(lines, eol, bom));
            assert_eq!(at("sb01.csv", &sb01), ":6:1:", "SB_01 {eol:?} bom={bom}");
            assert_eq!(
                at("irr.csv", &detailed),
                ":9:2:",
                "Irr_D01 {eol:?} bom={bom}"
            );
        }
    }
    // Lines ending in a bare \r: the SB_01 reader follows them too.
    assert_eq!(
        first_problem(dir.path(), "sb01.csv", &file(&sb01, "\r", false)),
        ":6:1:"
    );
}
