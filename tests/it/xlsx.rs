//! Every command's XLSX as a spreadsheet user needs it: numbers as number cells, days as date
//! cells, moments as date-time cells, yes/no as booleans, read back with calamine and checked
//! against the command's CSV value by value; thousands separators and one-decimal percents in
//! the styles, a filter and a frozen header in the sheet XML; never written to a terminal.

use crate::common::{fixture, migstats};
use calamine::{Data, DataType, Reader};
use std::io::Read;
use std::path::Path;

const NOV: &str = "14_November_2025_Small_boats_-_time_series.ods";
const AUG: &str = "Small_boats_time_series_as_of_2026-08-20.ods";
const CLAIM: &str = "More than 27,000 people have made the dangerous journey so far this year, up from around 18,000 in the same period last year.";

/// Columns that hold a label which may look like a number ("2024") and is rightly text.
const LABELS: [&str; 2] = ["period_label", "label"];

fn is_percent(name: &str) -> bool {
    name.ends_with("_pct") || name.contains("percent")
}

/// What a cell of each type matched, for a test to insist on.
#[derive(Default, Debug)]
pub(crate) struct Seen {
    pub(crate) numbers: usize,
    percents: usize,
    pub(crate) dates: usize,
    booleans: usize,
}

/// The XLSX written by `cmd` (already holding its arguments, run with `-o FILE`) read back
/// against the CSV `csv`: each cell the CSV's value in its own type.
fn compare(path: &Path, csv_text: &str, sheet: &str, what: &str) -> (calamine::Range<Data>, Seen) {
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let mut book = calamine::open_workbook_auto(path).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![sheet.to_string(), "Sources".to_string()],
        "{what}"
    );
    let range = book.worksheet_range(sheet).unwrap();
    assert_eq!(range.height(), records.len(), "{what}");
    let header: Vec<String> = records[0].iter().map(String::from).collect();
    let mut seen = Seen::default();
    for (r, record) in records.iter().enumerate().skip(1) {
        for (c, text) in record.iter().enumerate() {
            let name = header[c].as_str();
            let at = format!("{what} row {r} {name}");
            let cell = range.get((r, c)).unwrap_or(&Data::Empty);
            match cell {
                Data::Float(v) if is_percent(name) => {
                    seen.percents += 1;
                    let want: f64 = text.parse().unwrap();
                    assert!(
                        (v * 100.0 - want).abs() <= 1e-9 * want.abs().max(1.0),
                        "{at}: {v} is not {want}%"
                    );
                }
                Data::Float(v) => {
                    seen.numbers += 1;
                    assert_eq!(text.parse::<f64>().unwrap(), *v, "{at}");
                }
                Data::DateTime(_) => {
                    seen.dates += 1;
                    let shown = if text.len() == 10 {
                        cell.as_date().unwrap().to_string()
                    } else {
                        // A moment, in UTC.
                        let at = chrono::DateTime::parse_from_rfc3339(text).unwrap();
                        assert_eq!(cell.as_datetime(), Some(at.naive_utc()), "{at}");
                        text.to_string()
                    };
                    assert_eq!(shown, text, "{at}");
                }
                Data::Bool(b) => {
                    seen.booleans += 1;
                    assert_eq!(b.to_string(), text, "{at}");
                }
                Data::String(s) => {
                    assert_eq!(s, text, "{at}");
                    // Text that a spreadsheet would take for a number, a day or a yes/no is a
                    // cell written in the wrong type.
                    if !LABELS.contains(&name) {
                        assert!(s.parse::<f64>().is_err(), "{at}: number as text {s:?}");
                    }
                    assert!(
                        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err(),
                        "{at}: day as text {s:?}"
                    );
                    assert!(s != "true" && s != "false", "{at}: boolean as text");
                }
                Data::Empty => assert_eq!(text, "", "{at}"),
                other => panic!("{at}: {other:?}"),
            }
        }
    }
    (range, seen)
}

/// `args` run twice: to an XLSX file, and as CSV on stdout; compared by [`compare`].
pub(crate) fn xlsx_and_csv(args: &[&str], sheet: &str) -> (calamine::Range<Data>, Seen, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let out = migstats().args(args).arg("-o").arg(&path).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?} {out:?}");
    let csv = migstats()
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(matches!(csv.status.code(), Some(0 | 1)), "{csv:?}");
    let text = String::from_utf8(csv.stdout).unwrap();
    let (range, seen) = compare(&path, &text, sheet, &format!("{args:?}"));
    (range, seen, std::fs::read(&path).unwrap())
}

/// A part of the workbook's zip, as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The number format of cell `at` ("N2") of the first sheet.
fn number_format(xlsx: &[u8], at: &str) -> String {
    let sheet = part(xlsx, "xl/worksheets/sheet1.xml");
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let cell = doc
        .descendants()
        .find(|n| n.has_tag_name("c") && n.attribute("r") == Some(at))
        .unwrap_or_else(|| panic!("no cell {at}"));
    let style: usize = cell.attribute("s").unwrap_or("0").parse().unwrap();
    let styles = part(xlsx, "xl/styles.xml");
    let doc = roxmltree::Document::parse(&styles).unwrap();
    let xf = doc
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .nth(style)
        .unwrap();
    let id = xf.attribute("numFmtId").unwrap();
    match id {
        "0" => "General".to_string(),
        "3" => "#,##0".to_string(),
        "9" => "0%".to_string(),
        "10" => "0.00%".to_string(),
        _ => doc
            .descendants()
            .find(|n| n.has_tag_name("numFmt") && n.attribute("numFmtId") == Some(id))
            .and_then(|n| n.attribute("formatCode"))
            .unwrap()
            .to_string(),
    }
}

/// The spreadsheet letter of column `c` (0 = A).
fn letter(c: usize) -> String {
    let mut c = c + 1;
    let mut s = String::new();
    while c > 0 {
        let r = (c - 1) % 26;
        s.insert(0, char::from(b'A' + r as u8));
        c = (c - 1) / 26;
    }
    s
}

fn column(range: &calamine::Range<Data>, name: &str) -> usize {
    (0..range.width())
        .find(|&c| range.get((0, c)) == Some(&Data::String(name.into())))
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn every_command_writes_numbers_dates_and_booleans_in_their_types() {
    let nov = fixture(NOV);
    let aug = fixture(AUG);
    let irr = fixture("detailed/irr_d01.csv");
    let ok = fixture("ok/all-edge-cases.csv");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--data", &nov, "summary"], "summary"),
        (vec!["figures"], "figures"),
        (vec!["changes"], "changes"),
        (vec!["--data", &irr, "top"], "top"),
        (vec!["check", "--against", &nov], "check"),
        (
            vec![
                "check",
                "--claim",
                CLAIM,
                "--date",
                "2025-08-20",
                "--against",
                &nov,
            ],
            "check-claims",
        ),
        (vec!["--data", &aug, "series", "--by", "month"], "series"),
        (vec!["sources"], "figure sources"),
        (vec!["revisions", &nov, &aug], "revisions"),
        (vec!["validate", &ok], "validate"),
    ];
    for (args, sheet) in &cases {
        let (_, seen, _) = xlsx_and_csv(args, sheet);
        // Every command's sheet has numbers; all but validate's have days.
        if *sheet != "validate" {
            assert!(seen.numbers > 0 && seen.dates > 0, "{args:?}: {seen:?}");
        }
    }
    // Pinned: revisions' counts and days were text; series' `partial` was the string 'false'.
    let (range, seen, _) = xlsx_and_csv(&["revisions", &nov, &aug], "revisions");
    assert_eq!(
        range
            .get((1, 1))
            .and_then(DataType::as_date)
            .map(|d| d.to_string()),
        Some("2025-11-14".into())
    );
    assert_eq!(
        range.get((1, column(&range, "people_after"))),
        Some(&Data::Float(18_294.0))
    );
    assert!(seen.numbers > 20, "{seen:?}");
    let (range, seen, _) = xlsx_and_csv(&["--data", &aug, "series", "--by", "month"], "series");
    let partial = column(&range, "partial");
    assert_eq!(range.get((1, partial)), Some(&Data::Bool(false)));
    assert!(seen.booleans > 1, "{seen:?}");
    // The last month of the August 2026 release ends on the 20th: partial.
    assert_eq!(
        range.get((range.height() - 1, partial)),
        Some(&Data::Bool(true))
    );
}

#[test]
fn fetch_writes_its_size_as_a_number_and_its_days_and_moments_as_dates() {
    use crate::fetch::{NOV as NOV_FILE, Reply, fetch, ods, publishing};
    let server = publishing(Reply::Ok(
        "application/vnd.oasis.opendocument.spreadsheet",
        ods(NOV_FILE),
    ));
    let cache = tempfile::tempdir().unwrap();
    let out = fetch(&server, cache.path(), &["--format", "csv"]);
    assert!(out.status.success(), "{out:?}");
    let csv = String::from_utf8(out.stdout).unwrap();
    // Fetched again, nothing is downloaded, and the row is the same but for its status.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fetch.xlsx");
    let out = fetch(&server, cache.path(), &["-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let csv = csv.replace("downloaded", "up_to_date");
    let (range, seen) = compare(&path, &csv, "fetch", "fetch");
    assert_eq!(
        range.get((1, column(&range, "size"))),
        Some(&Data::Float(84_116.0))
    );
    // release_date, public_updated_at and fetched_at.
    assert_eq!(seen.dates, 3, "{seen:?}");
}

#[test]
fn thousands_separators_one_decimal_percents_a_filter_and_a_frozen_header() {
    let irr = fixture("detailed/irr_d01.csv");
    let (range, seen, xlsx) = xlsx_and_csv(&["--data", &irr, "top"], "top");
    assert!(seen.percents > 0, "{seen:?}");
    let value = column(&range, "value");
    let share = column(&range, "share_pct");
    let start = column(&range, "period_start");
    assert_eq!(
        number_format(&xlsx, &format!("{}2", letter(value))),
        "#,##0"
    );
    assert_eq!(number_format(&xlsx, &format!("{}2", letter(share))), "0.0%");
    assert_eq!(
        number_format(&xlsx, &format!("{}2", letter(start))),
        "yyyy-mm-dd"
    );
    // A share is a fraction of one, as a spreadsheet's percent is.
    let Some(Data::Float(v)) = range.get((1, share)) else {
        panic!()
    };
    assert!(*v > 0.0 && *v < 1.0, "{v}");
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let filter = doc
        .descendants()
        .find(|n| n.has_tag_name("autoFilter"))
        .unwrap();
    let last = format!("{}{}", letter(range.width() - 1), range.height());
    assert_eq!(filter.attribute("ref"), Some(format!("A1:{last}").as_str()));
    let pane = doc.descendants().find(|n| n.has_tag_name("pane")).unwrap();
    assert_eq!(pane.attribute("state"), Some("frozen"));
    assert_eq!(pane.attribute("topLeftCell"), Some("A2"));
    // Every column is given a width, none so wide it pushes the rest off screen.
    let widths: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("col"))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert!(
        !widths.is_empty() && widths.iter().all(|w| (6.0..=70.0).contains(w)),
        "{widths:?}"
    );
    // A date column fits its ten characters.
    let col = doc
        .descendants()
        .filter(|n| n.has_tag_name("col"))
        .find(|n| n.attribute("min") == Some(&(start + 1).to_string()))
        .unwrap();
    assert!(col.attribute("width").unwrap().parse::<f64>().unwrap() >= 10.0);
}

#[test]
fn xlsx_is_not_written_to_a_terminal_and_dash_is_stdout() {
    // A pseudo-terminal as stdout: refused, exit 2, with how to write it instead.
    let (mut master, mut slave) = (0, 0);
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0);
    use std::os::fd::FromRawFd;
    let tty = unsafe { std::fs::File::from_raw_fd(slave) };
    let _master = unsafe { std::fs::File::from_raw_fd(master) };
    for args in [
        vec!["summary", "--format", "xlsx"],
        vec!["summary", "--format", "xlsx", "-o", "-"],
    ] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("migstats"))
            .args(&args)
            .stdout(tty.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("migstats: error: XLSX is binary and is not written to a terminal")
                && err.contains("use -o FILE.xlsx, or redirect"),
            "{err}"
        );
    }
    // Piped, `-o -` is stdout: the workbook's bytes, and a table without --format.
    let out = migstats()
        .args(["summary", "--format", "xlsx", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    let table = migstats().args(["summary", "-o", "-"]).output().unwrap();
    assert!(table.status.success(), "{table:?}");
    assert_eq!(
        table.stdout,
        migstats().arg("summary").output().unwrap().stdout
    );
}
