//! A check's receipt: which release, file (and its sha256), sheet and rows an official figure
//! came from, the arithmetic that gave it, and how far the stated figure is from it.

use super::notes::statistics_label;
use crate::domain::{Figure, Range, Release, RowKind, Unit};
use crate::loader::SourceRef;
use crate::render::human;
use schemars::JsonSchema;
use serde::Serialize;

/// The rows of the official table an official figure sums.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RowsUsed {
    /// What one row is: `day`, `week` or `quarter`.
    pub rows_are: RowKind,
    /// First row summed: an ISO day, or a quarter ("2024 Q3").
    pub first: String,
    /// Last row summed.
    pub last: String,
    /// How many rows were summed.
    pub count: u64,
    /// The categories summed in them, in the table's words.
    pub categories: String,
}

/// Where an official figure comes from and how it was worked out, down to the table's rows.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Receipt {
    /// Publisher of the release ("Home Office").
    pub publisher: Option<String>,
    /// The release's title, from the workbook's cover sheet.
    pub release: Option<String>,
    /// The release's date as the cover sheet words it, or the cache manifest's date.
    pub release_date: Option<String>,
    /// Where the release was downloaded from (a file read from the `fetch` cache).
    pub url: Option<String>,
    /// The file's base name (never a path on this machine).
    pub file: Option<String>,
    /// sha256 of the file read, hex (of a stream, the bytes read from it); null without one.
    pub sha256: Option<String>,
    /// The sheet or table read ("SB_01", "Asy_D02").
    pub sheet: Option<String>,
    /// The UK Statistics Authority's label for that table ("provisional management
    /// information", "accredited official statistics").
    pub statistics: Option<String>,
    /// The last day the file's daily series covers.
    pub data_to: Option<String>,
    /// The rows summed; null for a figure not derived from a table's rows.
    pub rows: Option<RowsUsed>,
    /// The arithmetic in words: "sum of 231 days = 27,997", "grants 12 ÷ (12 + 25) decided =
    /// 32.4%".
    pub arithmetic: Option<String>,
    /// The official value, unrounded.
    pub official: f64,
    /// What the statement's wording and rounding allow.
    pub stated_range: Range,
    /// official − stated, when the statement has a value.
    pub difference: Option<f64>,
    /// The licence of the data.
    pub licence: Option<String>,
    /// The release cited in one line, as the sources are (without the file or licence).
    pub cited: Option<String>,
}

/// A path's file name, without its directories.
pub fn base_name(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned())
}

impl Receipt {
    /// The receipt of `official`, cited by the first of `sources` that names its file (with
    /// the cache's `releases` for a URL), against a statement allowing `stated`.
    pub fn new(
        official: &Figure,
        sources: &[SourceRef],
        releases: &[Release],
        stated: Range,
        difference: Option<f64>,
    ) -> Receipt {
        let d = official.derivation.as_deref();
        // A workbook's figures name their sheet too: the source citing that sheet first.
        let sheet = d.map(|d| d.sheet.as_str());
        let source = sources
            .iter()
            .filter(|s| s.cites(&official.origin.file))
            .find(|s| sheet.is_none() || s.table.as_deref() == sheet)
            .or_else(|| sources.iter().find(|s| s.cites(&official.origin.file)));
        let file = source.and_then(|s| s.file.as_deref()).map(base_name);
        let release = file
            .as_deref()
            .and_then(|f| releases.iter().find(|r| r.filename == f));
        let table = sheet
            .map(str::to_string)
            .or_else(|| source.and_then(|s| s.table.clone()));
        Receipt {
            publisher: source.and_then(|s| s.publisher.clone()),
            release: source.and_then(|s| s.release_title.clone()),
            release_date: source
                .and_then(|s| s.release_date.clone())
                .or_else(|| release.map(|r| r.release_date.clone())),
            url: release.map(|r| r.url.clone()),
            file,
            sha256: source.and_then(|s| s.sha256.clone()),
            statistics: table
                .as_deref()
                .and_then(statistics_label)
                .map(str::to_string),
            sheet: table,
            data_to: source.and_then(|s| s.data_to.clone()),
            rows: d.map(|d| RowsUsed {
                rows_are: d.rows_are,
                first: d.first.clone(),
                last: d.last.clone(),
                count: d.count,
                categories: d.categories.clone(),
            }),
            arithmetic: arithmetic(official),
            official: official.value,
            stated_range: stated,
            difference,
            licence: source.and_then(|s| s.licence.clone()),
            cited: source
                .and_then(|s| s.title.split("; file ").next())
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
        }
    }

    /// The receipt in lines for people: where from, which rows, the arithmetic, the distance.
    pub fn lines(&self, unit: Unit) -> Vec<String> {
        let mut lines = Vec::new();
        let mut from: Vec<String> = Vec::new();
        if let Some(r) = &self.release {
            let mut release = format!("release \"{r}\"");
            if let Some(d) = &self.release_date {
                release.push_str(&format!(" ({d})"));
            }
            from.push(release);
        }
        if let Some(f) = &self.file {
            from.push(format!("file {f}"));
        }
        if let Some(s) = &self.sheet {
            from.push(format!("sheet {s}"));
        }
        if let Some(l) = &self.statistics {
            from.push(l.clone());
        }
        if !from.is_empty() {
            lines.push(format!("From {}.", from.join(", ")));
        }
        if let Some(url) = &self.url {
            lines.push(format!("Downloaded from {url}."));
        }
        if let Some(sha) = &self.sha256 {
            // A terminal wraps notes at its width, which the full hash is wider than: its
            // first 16 digits here, every digit in JSON, CSV, XLSX and the page.
            lines.push(format!("sha256 begins {}.", sha.get(..16).unwrap_or(sha)));
        }
        if let Some(r) = &self.rows {
            let (first, last) = (row_label(&r.first), row_label(&r.last));
            let span = if r.first == r.last {
                first
            } else {
                format!("{first} to {last}")
            };
            lines.push(format!(
                "Rows: {span}, {} {}{}; {}.",
                human::grouped(r.count as f64, 0),
                r.rows_are.as_str(),
                if r.count == 1 { "" } else { "s" },
                r.categories
            ));
        }
        if let Some(a) = &self.arithmetic {
            lines.push(format!("Arithmetic: {a}."));
        }
        // An exact figure's range reads as one number, not "711 to 711".
        let range = human::range(&self.stated_range, unit);
        let range = match range.split_once(" to ") {
            Some((a, b)) if a == b => a.to_string(),
            _ => range,
        };
        let mut stated = format!("Stated: {range}");
        if let Some(d) = self.difference {
            stated.push_str(&format!("; difference {}", human::absolute_change(d, unit)));
        }
        lines.push(format!("{stated}."));
        lines
    }
}

impl Receipt {
    /// The release cited in one line for a reader: as the sources cite it, else `Home Office,
    /// "Migrants detected crossing the English Channel in small boats", table SB_01, data to
    /// 13 Nov 2025 (provisional management information)`; without a release title, the file's
    /// name stands in for it.
    pub fn citation(&self) -> String {
        if let Some(c) = &self.cited {
            return c.clone();
        }
        let mut parts: Vec<String> = vec![
            self.publisher
                .clone()
                .unwrap_or_else(|| "Home Office".to_string()),
        ];
        match (&self.release, &self.file) {
            (Some(r), _) => parts.push(format!("\"{r}\"")),
            (None, Some(f)) => parts.push(format!("file {f}")),
            _ => {}
        }
        if let Some(d) = &self.release_date {
            parts.push(format!("published {d}"));
        }
        if let Some(s) = &self.sheet {
            parts.push(format!("table {s}"));
        }
        if let Some(d) = &self.data_to {
            parts.push(format!("data to {}", row_label(d)));
        }
        let mut line = parts.join(", ");
        if let Some(l) = &self.statistics {
            line.push_str(&format!(" ({l})"));
        }
        line
    }
}

impl Receipt {
    /// The receipt as (label, value) rows, every digit of the sha256 included: the page's.
    pub fn table(&self, unit: Unit) -> Vec<(String, String)> {
        let mut t: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                t.push((k.to_string(), v));
            }
        };
        put("Official figure", Some(human::amount(self.official, unit)));
        put("Stated", Some(human::range(&self.stated_range, unit)));
        put("Difference", self.difference.map(|d| difference(d, unit)));
        put("Arithmetic", self.arithmetic.clone());
        put(
            "Rows",
            self.rows.as_ref().map(|r| {
                format!(
                    "{} to {}, {} {}{}",
                    row_label(&r.first),
                    row_label(&r.last),
                    human::grouped(r.count as f64, 0),
                    r.rows_are.as_str(),
                    if r.count == 1 { "" } else { "s" }
                )
            }),
        );
        put(
            "Categories",
            self.rows.as_ref().map(|r| r.categories.clone()),
        );
        put("Release", self.release.clone());
        put("Release date", self.release_date.clone());
        put("Release address", self.url.clone());
        put("File", self.file.clone());
        put("sha256", self.sha256.clone());
        put("Sheet", self.sheet.clone());
        put("Statistics", self.statistics.clone());
        put("Data to", self.data_to.as_deref().map(row_label));
        t
    }
}

/// An ISO day as people read it ("19 Aug 2025"); a quarter as it is.
fn row_label(s: &str) -> String {
    s.parse::<chrono::NaiveDate>()
        .map_or_else(|_| s.to_string(), |d| d.format("%-d %b %Y").to_string())
}

/// "sum of 231 days = 27,997"; "grants 12 ÷ (12 + 25) decided = 32.4%".
fn arithmetic(f: &Figure) -> Option<String> {
    if let Some(b) = &f.rate_base {
        return Some(format!(
            "grants {} ÷ ({} + {}) decided = {}",
            human::grouped(b.count, 0),
            human::grouped(b.count, 0),
            human::grouped(b.base - b.count, 0),
            human::amount(f.value, f.unit)
        ));
    }
    let d = f.derivation.as_deref()?;
    let rows = format!(
        "{} {}{}",
        human::grouped(d.count as f64, 0),
        d.rows_are.as_str(),
        if d.count == 1 { "" } else { "s" }
    );
    Some(match f.unit {
        Unit::Ratio => format!(
            "people ÷ boats over {rows} = {}",
            human::amount(f.value, f.unit)
        ),
        _ => format!("sum of {rows} = {}", human::amount(f.value, f.unit)),
    })
}

/// The receipt in a sentence for a paragraph: " Its wording allows 27,000 to 28,000; the
/// official figure (sum of 231 days = 27,997) is 997 above the stated 27,000."
pub fn receipt_words(x: &Receipt, stated: Option<f64>, unit: Unit) -> String {
    let how = x
        .arithmetic
        .as_ref()
        .map_or_else(String::new, |a| format!(" ({a})"));
    let distance = match (x.difference, stated) {
        (Some(d), Some(v)) if d != 0.0 => format!(
            " is {} {} the stated {}",
            match unit {
                // A rate's distance is in percentage points, not percent.
                Unit::Percent => format!("{:.1} percentage points", d.abs()),
                _ => human::amount(d.abs(), unit),
            },
            if d > 0.0 { "above" } else { "below" },
            human::amount(v, unit)
        ),
        (Some(_), Some(_)) => " equals the stated value".to_string(),
        _ => String::new(),
    };
    if distance.is_empty() && how.is_empty() {
        return String::new();
    }
    let official = if distance.is_empty() {
        format!(
            " The official figure{how} is {}",
            human::amount(x.official, unit)
        )
    } else {
        format!(" The official figure{how}{distance}")
    };
    // A range that reads as one number ("294 to 294") says nothing more.
    let (low, high) = (
        human::amount(x.stated_range.low, unit),
        human::amount(x.stated_range.high, unit),
    );
    let allows = if low == high {
        String::new()
    } else {
        format!(
            "; the wording allows {}",
            human::range(&x.stated_range, unit)
        )
    };
    format!("{official}{allows}.")
}

/// official − stated for people: `+997`, or for a rate `+5.6 pp`.
fn difference(d: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => human::points(d),
        _ => human::absolute_change(d, unit),
    }
}
