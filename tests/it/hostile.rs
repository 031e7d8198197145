//! Hostile input, the input side (`injection.rs` is the output side): every reproducer in
//! `tests/fixtures/hostile/` and every input too big to keep as a file (made here at run time)
//! exits 2 with a located message on stderr, nothing on stdout, no control bytes, and a peak RSS
//! under 512 MB (measured with wait4 on the child). A long timeout guards against hangs only; no
//! test measures speed. Also: stdin, `/dev/stdin`, process substitution and a FIFO give the file's
//! own output.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[path = "../support/rss.rs"]
pub mod rss;
use rss::{MAX_RSS_KB, migstats, refused, run};

/// Each reproducer and the message it must give. A file in the folder without a line here (or
/// the other way round) fails the test, so add both together.
const CASES: &[(&str, &str)] = &[
    (
        "xlsx-sst-unique-count-1e18.xlsx",
        "[xl/sharedStrings.xml]: shared string count '1000000000000000000' is not a count within",
    ),
    (
        "xlsx-sst-unique-count-1e15.xlsx",
        "[xl/sharedStrings.xml]: shared string count '1000000000000000' is not a count within",
    ),
    (
        "xlsx-absurd-cell-ref.xlsx",
        "cell reference 'ZZZZZZZZZZ99999999999999' is not a cell of a sheet",
    ),
    (
        "xlsx-absurd-row-ref.xlsx",
        "[xl/worksheets/sheet1.xml]: a row lies beyond row 1048576",
    ),
    // Read as a stream of cells, the far corner costs nothing: the sheet simply has no header.
    (
        "xlsx-a1-and-xfd1048576.xlsx",
        "[SB_01]:1: sheet 'SB_01' has no header naming",
    ),
    (
        "zip-xlsb-shared-strings-bin.xlsx",
        "a zip file, but neither XLSX (no xl/workbook.xml) nor ODS",
    ),
    (
        "zip-xlsb-styles-bin.xlsx",
        "a zip file, but neither XLSX (no xl/workbook.xml) nor ODS",
    ),
    (
        "xlsx-date-minus-1e12.xlsx",
        "[SB_01]:2:1: '-1000000000000' is not a date",
    ),
    (
        "ods-date-minus-1e12.ods",
        "[SB_01]:2:1: '-1000000000000' is not a date",
    ),
    (
        "ods-ends-inside-table.ods",
        "content.xml is not a readable spreadsheet: the XML ends before its elements are closed",
    ),
    (
        "ods-unclosed-annotation.ods",
        "content.xml is not a readable spreadsheet: ill-formed document",
    ),
    (
        "ods-repeat-16384-columns-5000-rows.ods",
        "[SB_01]: a sheet has more than 11184810 non-empty cells (official files are under 10 MB; raise the limit with --max-input-mb",
    ),
    (
        "ods-repeat-10000-columns-9000-rows.ods",
        "[SB_01]: a sheet has more than 11184810 non-empty cells",
    ),
    (
        "ods-text-s-1e9.ods",
        "[SB_01]: a cell or XML node is longer than 256 KiB",
    ),
    // A long text multiplied by a column repeat or by references to one shared string: the
    // fuzz target's first find (an out-of-memory at 1.25 GB), fixed by the row text limit.
    (
        "ods-long-text-repeated-16000-columns.ods",
        "[SB_01]: a row holds more than 1 MiB of text once repeated cells are counted",
    ),
    (
        "xlsx-long-shared-string-16384-times.xlsx",
        "[SB_01]: a row holds more than 1 MiB of text once repeated cells are counted",
    ),
    (
        "xlsx-zip-bomb-whitespace.xlsx",
        "a part of the zip is compressed more than 500 to 1 (a zip bomb?)",
    ),
    (
        "ods-zip-bomb-whitespace.ods",
        "a part of the zip is compressed more than 500 to 1 (a zip bomb?)",
    ),
    (
        "xlsx-huge-shared-string.xlsx",
        "a cell or XML node is longer than 256 KiB",
    ),
    (
        "xlsx-row-of-20000-cells.xlsx",
        "[Data - Irr_D01]: a cell lies beyond column 16384 (XFD)",
    ),
    (
        "xlsx-declared-3gb-entry.xlsx",
        "a part of the zip inflates to more than the 512 MB limit (official files are under 10 MB; raise the limit with --max-input-mb",
    ),
    (
        "xlsx-entry-larger-than-declared.xlsx",
        "File is larger than its declared uncompressed size",
    ),
    (
        "xlsx-stale-crc.xlsx",
        "xl/worksheets/sheet1.xml fails its CRC-32 check",
    ),
    // Each table's name is kept: their number is bounded.
    (
        "ods-20000-sheets.ods",
        "content.xml is not a readable spreadsheet: it holds more than 10000 tables",
    ),
    // Issue 23: parts found by folded names, as calamine finds them.
    (
        "xlsx-shared-strings-upper-case-ext.xlsx",
        "[xl/sharedStrings.XML]: shared string count '1000000000000000' is not a count within",
    ),
    (
        "xlsx-shared-strings-case-twin.xlsx",
        "the parts 'xl/sharedStrings.xml' and 'XL/SHAREDSTRINGS.XML' differ only in case",
    ),
    // A declared count is bounded by the bytes that could carry it.
    (
        "xlsx-sst-unique-count-beyond-its-bytes.xlsx",
        "[xl/sharedStrings.xml]: shared string count '2000000000' is not a count within 30 ",
    ),
    // 200 more listings of one local header: refused before any is inflated.
    (
        "zip-overlapping-entries.xlsx",
        "header inconsistency detected",
    ),
    // The entry count is read from the end records before the directory is parsed.
    (
        "zip64-claiming-9500000-entries.xlsx",
        "the zip holds more than 10000 parts",
    ),
    // Every node kind counts towards the node limit.
    (
        "xlsx-long-comment.xlsx",
        "a cell or XML node is longer than 256 KiB",
    ),
    (
        "xlsx-long-processing-instruction.xlsx",
        "a cell or XML node is longer than 256 KiB",
    ),
    (
        "xlsx-long-cdata.xlsx",
        "a cell or XML node is longer than 256 KiB",
    ),
    (
        "xlsx-long-attribute-value.xlsx",
        "a cell or XML node is longer than 256 KiB",
    ),
    // What calamine keeps per record is counted.
    (
        "xlsx-70000-styles.xlsx",
        "[xl/styles.xml]: more than 65536 style records",
    ),
    (
        "xlsx-long-font-name.xlsx",
        "[xl/styles.xml]: a style attribute is longer than 1024 bytes",
    ),
    (
        "xlsx-two-sheets-one-part.xlsx",
        "[xl/workbook.xml]: two sheets name the part 'rId1'",
    ),
    (
        "xlsx-10001-defined-names.xlsx",
        "[xl/workbook.xml]: more than 10000 defined names",
    ),
    (
        "xlsx-sheet-part-named-png.xlsx",
        "the XML part 'worksheets/sheet1.png' is not named .xml",
    ),
    (
        "ods-row-repeated-5555555-times.ods",
        "[SB_01]: a row lies beyond row 1048576",
    ),
    (
        "ods-10001-empty-tables.ods",
        "content.xml is not a readable spreadsheet: it holds more than 10000 tables",
    ),
];

#[test]
fn every_hostile_reproducer_is_refused_with_its_message() {
    let dir = common::fixture("hostile");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        // The injection-* files are the output side's, listed in injection.rs.
        .filter(|n| !n.ends_with(".py") && !n.starts_with("injection-"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/fixtures/hostile and CASES differ");
    for (file, what) in CASES {
        refused(&format!("{dir}/{file}"), what, &[]);
    }
}

#[test]
fn a_raised_input_limit_does_not_raise_the_declared_count_limits() {
    // 100 GB allowed: the cell budget grows with it, the shared-string count limit does not
    // (2e9 strings reserved up front was 48 GB).
    let file = format!(
        "{}/xlsx-sst-unique-count-beyond-its-bytes.xlsx",
        common::fixture("hostile")
    );
    refused(
        &file,
        "shared string count '2000000000' is not a count within 30 ",
        &["--max-input-mb", "102400"],
    );
}

#[test]
fn an_xls_workbook_is_refused_not_handed_to_calamine() {
    let dir = tempfile::tempdir().unwrap();
    // XLS (OLE) is not read at all: calamine's XLS reader is not given hostile bytes.
    let xls = dir.path().join("old.xls");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(&xls, ole).unwrap();
    refused(
        xls.to_str().unwrap(),
        "this is an Excel 97-2003 (XLS) or password-protected workbook, which is not read",
        &[],
    );
}

#[test]
fn inputs_too_big_to_keep_as_files_are_refused_before_memory_is_spent() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();

    // An endless device: read as a stream, stopped by the record limit.
    refused("/dev/zero", "a CSV record is longer than 1 MiB", &[]);

    // A 2 GB sparse file: refused from its size before a byte is read.
    let sparse = path("sparse.csv");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    refused(
        &sparse,
        "the input is larger than the 512 MB limit (official files are under 10 MB; raise the limit with --max-input-mb",
        &[],
    );
    // ... and the limit is the one asked for.
    let two_mb = path("two-mb.csv");
    std::fs::write(&two_mb, "id\n".repeat(700_000)).unwrap();
    refused(
        &two_mb,
        "the input is larger than the 1 MB limit",
        &["--max-input-mb", "1"],
    );

    // A header of two million columns.
    let wide = path("wide.csv");
    std::fs::write(&wide, "a,".repeat(2_000_000)).unwrap();
    refused(&wide, "a CSV record is longer than 1 MiB", &[]);

    // An SB_01 CSV whose quoted field never closes (that reader held the whole file before):
    // past the record limit, the rest is read without being kept to tell this apart ...
    let unclosed = path("unclosed.csv");
    let mut text = String::from("Date,Migrants arrived,Boats arrived\n2024-01-01,1,\"");
    text.push_str(&"x".repeat(3 << 20));
    std::fs::write(&unclosed, &text).unwrap();
    refused(
        &unclosed,
        ":2:3: quoted field is never closed: it runs from here to the end of the file",
        &[],
    );
    // ... from a quoted field that does close, 3 MB later.
    let closed = path("closed.csv");
    text.push_str("\",1\n2024-01-02,1,1\n");
    std::fs::write(&closed, &text).unwrap();
    refused(&closed, "a CSV record is longer than 1 MiB", &[]);
}

#[test]
fn tables_that_multiply_series_or_figures_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let header =
        "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections\n";
    // A new nationality on every row, each spanning 1900 to 2200: 1,200 quarterly sums apiece.
    let mut text = String::from(header);
    for i in 0..1_200 {
        let (year, q) = if i % 2 == 0 { (1900, 1) } else { (2200, 4) };
        text.push_str(&format!(
            "{year},{year} Q{q},Small boat arrivals,Land{i},R,Male,18 to 24,1\n"
        ));
    }
    let nations = path("nations.csv");
    std::fs::write(&nations, text).unwrap();
    refused(
        &nations,
        ":1002:4: more than 1000 different nationalities",
        &[],
    );
    // A new category on every row: each is looked for among all the others.
    let mut text = String::from(header);
    for i in 0..1_200 {
        text.push_str(&format!("2024,2024 Q1,Method {i},Iraq,R,Male,18 to 24,1\n"));
    }
    let categories = path("categories.csv");
    std::fs::write(&categories, text).unwrap();
    refused(
        &categories,
        ":1002:3: more than 1000 different values in this column",
        &[],
    );
    // Figures held in memory: one per KB of the input limit.
    let mut text = String::from(
        "id,metric,country,period_start,period_end,value,unit,qualifier,rounded_to,source\n",
    );
    for i in 0..1_100 {
        text.push_str(&format!(
            "f-{i},returns,all,2024-01-01,2024-12-31,1,people,exact,1,Test\n"
        ));
    }
    let figures = path("figures.csv");
    std::fs::write(&figures, text).unwrap();
    refused(
        &figures,
        "the file holds more than 1024 figures (official files are under 10 MB; raise the limit with --max-input-mb",
        &["--max-input-mb", "1"],
    );
    let r = run(
        migstats().args(["--data", &figures, "summary"]),
        Stdio::null(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn files_far_longer_than_one_record_are_read_whole() {
    // The record limit counts one record at a time: 100,000 days (1.9 MB) of SB_01 CSV, read
    // from a file and from a pipe, give the sum of their counts.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("days.csv");
    let mut text = String::from("Date,Migrants arrived,Boats arrived,Notes\n");
    let first = chrono::NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    for (i, day) in first.iter_days().take(100_000).enumerate() {
        text.push_str(&format!("{day},{},1,\n", i % 7));
    }
    std::fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();
    let args = [
        "--format",
        "csv",
        "--data",
        file,
        "figures",
        "--metric",
        "small_boat_arrivals",
        "--since",
        "2000-01-01",
        "--until",
        "2000-12-31",
    ];
    let out = output(&args, Stdio::null());
    let want = "small-boat-arrivals-2000,small_boat_arrivals,all,2000-01-01,2000-12-31,";
    let line = String::from_utf8(out.clone())
        .unwrap()
        .lines()
        .find(|l| l.starts_with(want))
        .map(str::to_string)
        .unwrap_or_default();
    // 2000 has 366 days: day i of the file counts i % 7.
    let start = (chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() - first).num_days();
    let sum: i64 = (start..start + 366).map(|i| i % 7).sum();
    assert!(line.starts_with(&format!("{want}{sum},")), "{line}");
    let mut piped = args;
    piped[3] = "-";
    assert_eq!(
        output(&piped, Stdio::from(std::fs::File::open(&path).unwrap())),
        out
    );
}

#[test]
fn stdin_of_endless_zeros_is_refused() {
    let r = run(
        migstats().args(["--data", "-", "summary"]),
        Stdio::from(std::fs::File::open("/dev/zero").unwrap()),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("a CSV record is longer than 1 MiB"),
        "{}",
        r.stderr
    );
    assert!(r.rss_kb < MAX_RSS_KB, "peak RSS {} KB", r.rss_kb);
}

/// The output for `data` read as a file, to compare the other ways of giving it with.
fn output(args: &[&str], stdin: Stdio) -> Vec<u8> {
    let r = run(migstats().args(args), stdin);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert!(!r.stdout.is_empty());
    r.stdout
}

#[test]
fn stdin_dev_stdin_process_substitution_and_a_fifo_read_like_the_file() {
    for name in [
        "SB_01_as_of_2025-11-13.csv",
        "14_November_2025_Small_boats_-_time_series.ods",
        "SB_01_as_of_2025-11-13.xlsx",
        "detailed/irr_d01.csv",
    ] {
        let file = common::fixture(name);
        let open = || Stdio::from(std::fs::File::open(&file).unwrap());
        let expected = output(
            &["--format", "csv", "--data", &file, "changes"],
            Stdio::null(),
        );
        let piped = |args: &[&str]| output(args, open());
        assert_eq!(
            piped(&["--format", "csv", "--data", "-", "changes"]),
            expected,
            "{name} on stdin"
        );
        assert_eq!(
            piped(&["--format", "csv", "--data", "/dev/stdin", "changes"]),
            expected,
            "{name} as /dev/stdin"
        );
        // `cat f | migstats --data -`: a real pipe rather than a redirected file.
        let r = run(
            Command::new("bash").args([
                "-c",
                &format!(
                    "cat '{file}' | '{}' --format csv --data - changes",
                    assert_cmd::cargo::cargo_bin("migstats").display()
                ),
            ]),
            Stdio::null(),
        );
        assert_eq!(
            (r.code, &r.stdout),
            (0, &expected),
            "{name} through cat |: {}",
            r.stderr
        );
        let r = run(
            Command::new("bash").args([
                "-c",
                &format!(
                    "'{}' --format csv --data <(cat '{file}') changes",
                    assert_cmd::cargo::cargo_bin("migstats").display()
                ),
            ]),
            Stdio::null(),
        );
        assert_eq!(
            (r.code, &r.stdout),
            (0, &expected),
            "{name} as <(cat): {}",
            r.stderr
        );

        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let bytes = std::fs::read(&file).unwrap();
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&fifo)
                    .unwrap()
                    .write_all(&bytes)
                    .unwrap();
            })
        };
        let got = output(
            &[
                "--format",
                "csv",
                "--data",
                fifo.to_str().unwrap(),
                "changes",
            ],
            Stdio::null(),
        );
        writer.join().unwrap();
        assert_eq!(got, expected, "{name} through a FIFO");
    }
}

#[test]
fn the_stdin_figures_are_the_official_ones() {
    // Pinned from the real file: 1 Jan – 13 Nov 2025 against the same span of 2024.
    let file = common::fixture("SB_01_as_of_2025-11-13.csv");
    let out = output(
        &[
            "--format",
            "csv",
            "--data",
            "-",
            "figures",
            "--metric",
            "small_boat_arrivals",
        ],
        Stdio::from(std::fs::File::open(&file).unwrap()),
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("2025-01-01,2025-11-13,39075,")),
        "{text}"
    );
    assert!(Path::new(&file).exists());
}

#[test]
fn a_workbook_on_stdin_is_held_once() {
    // 96 MB stored in a zip with no workbook in it: read into memory, refused after the zip's
    // directory is read. A second copy of the stream would put the peak past twice its size.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("xl/media/image1.png", stored).unwrap();
    let block: Vec<u8> = (0..1u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for _ in 0..96 {
        w.write_all(&block).unwrap();
    }
    w.finish().unwrap();
    let r = run(
        migstats().args(["--data", "-", "summary"]),
        Stdio::from(std::fs::File::open(&path).unwrap()),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("neither XLSX"), "{}", r.stderr);
    assert!(
        r.rss_kb < 180 * 1024,
        "peak RSS {} KB for a 96 MB stream",
        r.rss_kb
    );
}

#[test]
fn a_workbook_listing_more_sheets_than_the_limit_is_refused() {
    // calamine keeps every `<sheet>` of xl/workbook.xml, each 60 bytes here: 10,001 of them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheets.xlsx");
    let sheets: String = (0..10_001)
        .map(|i| format!(r#"<sheet name="S{i}" sheetId="{}" r:id="rId{i}"/>"#, i + 1))
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId0" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#.to_string(),
        ),
    ];
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, text) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    refused(
        path.to_str().unwrap(),
        "[xl/workbook.xml]: more than 10000 sheets",
        &[],
    );
}

#[test]
fn a_row_repeated_past_the_last_row_is_refused_in_moments() {
    // Handed on row by row to the sheet's reader, a million repeats once cost two thread
    // switches each: 10 s of CPU for an 826-byte file. Now a few dozen rows go in a message.
    let file = common::fixture("hostile/ods-row-repeated-5555555-times.ods");
    let r = refused(&file, "a row lies beyond row 1048576", &[]);
    assert!(r.cpu.as_secs_f64() < 5.0, "{:?} of CPU", r.cpu);
}
