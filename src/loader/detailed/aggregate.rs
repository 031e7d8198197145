//! Rows → quarterly sums per nationality → year-long figures ([`yearly`]). Rows are added one
//! at a time and dropped; what is kept is one small vector of quarterly sums per nationality and
//! measure, so memory grows with the number of series, never with the number of rows.

mod hash;
mod yearly;

use super::layout::{Columns, Table};
use crate::domain::text::{self, TextKind};
use crate::domain::{Bucket, Period};
use crate::error::Problems;
use crate::sanitize;
use hash::FastMap;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What to count beyond the defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices {
    /// Count main applicants only (decisions); otherwise main applicants and dependants.
    pub main_applicants_only: bool,
    /// Methods of entry other than small boats to count as their own metric; `all` for every one.
    pub methods: Vec<String>,
    /// Also derive these periods where they are whole quarters the table has (others are
    /// skipped: a stated figure for another span simply has no official counterpart).
    pub periods: Vec<Period>,
    /// The period the user asked for: it must be whole quarters the table has, else an error
    /// saying what the table allows.
    pub required: Option<Period>,
    /// `series`: quarter buckets derive every single quarter; year buckets also derive the
    /// covered quarters of a year the table has only part of, and the same quarters a year
    /// earlier.
    pub buckets: Option<Bucket>,
}

/// The fields of one row, whatever it was read from. CSV fields borrow; spreadsheet numbers
/// are written out as text.
pub trait Fields {
    fn width(&self) -> usize;
    fn field(&self, i: usize) -> Cow<'_, [u8]>;
}

impl Fields for csv::ByteRecord {
    fn width(&self) -> usize {
        csv::ByteRecord::len(self)
    }
    fn field(&self, i: usize) -> Cow<'_, [u8]> {
        Cow::Borrowed(self.get(i).unwrap_or_default())
    }
}

/// A row that cannot be counted: the column (0-based) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub column: Option<usize>,
    pub what: String,
    pub hint: &'static str,
}

impl RowError {
    /// Into `problems` at `line`; false once they are full (stop reading).
    pub fn report(self, problems: &mut Problems, line: u64) -> bool {
        let column = self.column.map(|c| c as u64 + 1);
        problems.at(line, column, self.what, self.hint)
    }
}

fn row_error(column: Option<usize>, what: String, hint: &'static str) -> RowError {
    RowError { column, what, hint }
}

/// Quarterly sums, indexed by quarter number minus `first`.
#[derive(Debug, Clone, Default)]
struct Quarters {
    first: i32,
    sums: Vec<f64>,
}

impl Quarters {
    fn add(&mut self, q: i32, v: f64) {
        if self.sums.is_empty() {
            self.first = q;
        }
        if q < self.first {
            let grow = usize::try_from(self.first - q).unwrap_or(0);
            self.sums.splice(0..0, std::iter::repeat_n(0.0, grow));
            self.first = q;
        }
        let i = usize::try_from(q - self.first).unwrap_or(0);
        if i >= self.sums.len() {
            self.sums.resize(i + 1, 0.0);
        }
        if let Some(s) = self.sums.get_mut(i) {
            *s += v;
        }
    }

    fn get(&self, q: i32) -> f64 {
        usize::try_from(q - self.first)
            .ok()
            .and_then(|i| self.sums.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// Quarters `first` to `last`, inclusive.
    fn sum(&self, first: i32, last: i32) -> f64 {
        (first..=last).map(|x| self.get(x)).sum()
    }

    fn merge(&mut self, other: &Quarters) {
        for (i, v) in other.sums.iter().enumerate() {
            self.add(other.first + i as i32, *v);
        }
    }
}

struct Nation {
    name: Box<[u8]>,
    /// Line (CSV) or row (sheet) where the nationality first appears, for messages.
    first_line: u64,
    /// Per measure; None until a row counts towards it.
    series: Vec<Option<Quarters>>,
}

/// What one category value (method of entry, outcome group, return type group) adds to.
struct Category {
    value: Box<[u8]>,
    measures: Vec<usize>,
}

/// Running sums for one table.
pub struct Aggregator {
    columns: Columns,
    choices: Choices,
    /// Metric name of each measure.
    measures: Vec<String>,
    categories: Vec<Category>,
    /// Category value → index: each distinct value is matched once, then looked up.
    category_index: FastMap<Box<[u8]>, usize>,
    /// Per value length (below [`BY_LENGTH`] bytes), the category last seen with it: the
    /// values of a real table differ in length, so one comparison settles a row, whatever
    /// order the values come in.
    by_length: [usize; BY_LENGTH],
    index: FastMap<Box<[u8]>, usize>,
    /// Nationality lowercased → index: `IRAQ` and `Iraq` are one series (the first spelling
    /// names it). Consulted only for a spelling not seen before.
    folded: FastMap<Box<[u8]>, usize>,
    nations: Vec<Nation>,
    /// Quarters present anywhere in the table: a year is complete only if all four are.
    coverage: BTreeSet<i32>,
    /// The quarter last added to `coverage`: rows come in runs of one quarter.
    last_covered: Option<i32>,
    /// The last quarter text read and its number.
    last_quarter: QuarterCache,
    /// The last Year text read and the year, for quarters written as a bare `1` to `4`.
    last_year: QuarterCache,
    header_line: u64,
}

/// Value lengths [`Aggregator::category`] remembers a category for.
const BY_LENGTH: usize = 64;
/// Categories matched by a linear scan before the index is consulted.
const FEW_CATEGORIES: usize = 8;
/// Different nationalities in one table: the Home Office tables list about 220. Each holds up
/// to 1,200 quarterly sums per measure, so a hostile file naming a new one on every row would
/// otherwise take gigabytes.
pub const MAX_NATIONALITIES: usize = 1_000;
/// Spellings of them (`IRAQ`, `Iraq`) kept for the fast lookup.
const MAX_SPELLINGS: usize = 4 * MAX_NATIONALITIES;
/// Different values in the category column (a dozen in real tables).
pub const MAX_CATEGORIES: usize = 1_000;

/// The Home Office names of the outcome groups that make up the initial grant rate.
const GRANTS: [&[u8]; 2] = [b"grant of protection", b"grant of other leave"];
const REFUSED: &[u8] = b"refused";
/// Irr_D03's other outcome groups: a cohort is everyone in it, decided or not.
const AWAITING: &[u8] = b"awaiting initial decision";
const WITHDRAWN: &[u8] = b"withdrawn";
/// Measures of a decisions table: the first two become figures, the cohort ones only
/// describe a cohort rate's base.
const DECISION_MEASURES: [&str; 5] = [
    "initial_grants",
    "initial_refusals",
    "cohort_awaiting",
    "cohort_withdrawn",
    "cohort_other_outcomes",
];
/// How many of [`DECISION_MEASURES`] are figures of their own.
const DECISION_FIGURES: usize = 2;
/// A row some tables carry with every nationality summed: never a nationality, never in `all`.
const TOTAL: &str = "total";
const SMALL_BOATS: &[u8] = b"small boat arrivals";
/// Ret_D02's third return type group.
const REFUSED_ENTRY: &[u8] = b"refused entry at port and subsequently departed";
/// Irr_D02's Asylum application value for arrivals who claimed asylum.
const APPLICATION_RAISED: &[u8] = b"asylum application raised";

impl Aggregator {
    pub fn new(columns: Columns, choices: &Choices, header_line: u64) -> Aggregator {
        let measures: &[&str] = match columns.table {
            Table::Arrivals => &["small_boat_arrivals"],
            Table::Decisions | Table::SmallBoatDecisions => &DECISION_MEASURES,
            Table::Returns => &["returns", "enforced_returns", "voluntary_returns"],
            Table::ReturnsByDestination => &[
                "returns",
                "enforced_returns",
                "voluntary_returns",
                "refused_entry_returns",
            ],
            Table::OffenderReturns => &["fno_returns"],
            Table::SmallBoatApplications => &["small_boat_asylum_applications"],
            Table::Applications => &["asylum_applications"],
        };
        Aggregator {
            columns,
            choices: choices.clone(),
            measures: measures.iter().map(|m| m.to_string()).collect(),
            categories: Vec::new(),
            category_index: FastMap::default(),
            by_length: [usize::MAX; BY_LENGTH],
            index: FastMap::default(),
            folded: FastMap::default(),
            nations: Vec::new(),
            coverage: BTreeSet::new(),
            last_covered: None,
            last_quarter: QuarterCache::default(),
            last_year: QuarterCache::default(),
            header_line,
        }
    }

    /// Counts one data row. `line` is where it sits, for messages.
    pub fn add<F: Fields + ?Sized>(&mut self, row: &F, line: u64) -> Result<(), RowError> {
        let c = self.columns;
        if row.width() <= c.count.max(c.nationality).max(c.category).max(c.quarter) {
            return Err(row_error(
                None,
                format!("row has {} fields, the header has {}", row.width(), c.width),
                "check for a missing comma or an unclosed quote",
            ));
        }
        let quarter = self.quarter(row)?;
        if self.last_covered != Some(quarter) {
            self.coverage.insert(quarter);
            self.last_covered = Some(quarter);
        }
        // A row no chosen metric counts costs no more than its quarter and category.
        let Some(category) = self.category(trim(&row.field(c.category))) else {
            return Err(row_error(
                Some(c.category),
                format!("more than {MAX_CATEGORIES} different values in this column"),
                "a Home Office table has a dozen; this file is not one",
            ));
        };
        let Some(measures) = self.categories.get(category).map(|c| &c.measures) else {
            return Ok(());
        };
        if measures.is_empty() {
            return Ok(());
        }
        if let Some(i) = c.applicant
            && self.choices.main_applicants_only
            && !trim(&row.field(i)).eq_ignore_ascii_case(b"main applicant")
        {
            return Ok(());
        }
        if let Some(i) = c.case_type
            && contains_ignore_case(&row.field(i), b"resettlement")
        {
            return Ok(());
        }
        let value = count(&row.field(c.count)).map_err(|what| {
            row_error(Some(c.count), what, "counts are whole numbers such as 1234")
        })?;
        let nationality = row.field(c.nationality);
        let nationality = trim(&nationality);
        if nationality.is_empty() {
            return Err(row_error(
                Some(c.nationality),
                format!("{} is empty", c.table.country_column()),
                "every row names a country",
            ));
        }
        let n = match self.index.get(nationality) {
            Some(n) => *n,
            None => {
                if self.index.len() >= MAX_SPELLINGS || self.nations.len() >= MAX_NATIONALITIES {
                    return Err(row_error(
                        Some(c.nationality),
                        format!("more than {MAX_NATIONALITIES} different nationalities"),
                        "a Home Office table has about 220; this file is not one",
                    ));
                }
                // A spelling not seen before: checked once, not on every row.
                if let Ok(name) = std::str::from_utf8(nationality)
                    && let Err(refusal) = text::check("nationality", TextKind::Name, name)
                {
                    return Err(RowError {
                        column: Some(c.nationality),
                        what: refusal.what,
                        hint: refusal.hint,
                    });
                }
                self.nation(nationality, line)
            }
        };
        let measure_count = self.measures.len();
        let (Some(cat), Some(nation)) = (self.categories.get(category), self.nations.get_mut(n))
        else {
            return Ok(());
        };
        if nation.series.len() < measure_count {
            nation.series.resize(measure_count, None);
        }
        for m in &cat.measures {
            if let Some(s) = nation.series.get_mut(*m) {
                s.get_or_insert_with(Quarters::default).add(quarter, value);
            }
        }
        Ok(())
    }

    /// Quarter number (year × 4 + quarter − 1) from `2023 Q1`, or from a bare `1` and the Year.
    fn quarter<F: Fields + ?Sized>(&mut self, row: &F) -> Result<i32, RowError> {
        let c = self.columns;
        let raw = row.field(c.quarter);
        let raw = trim(&raw);
        if let Some(q) = self.last_quarter.get(raw) {
            return Ok(q);
        }
        let bad = || {
            row_error(
                Some(c.quarter),
                format!(
                    "quarter '{}' is not of the form 2024 Q2",
                    sanitize::echo(&String::from_utf8_lossy(raw))
                ),
                "the Home Office writes quarters as '2024 Q2'",
            )
        };
        let q = match raw {
            [y1, y2, y3, y4, rest @ ..] if rest.len() >= 2 => {
                let year = digits(&[*y1, *y2, *y3, *y4]).ok_or_else(bad)?;
                let rest = trim(rest);
                let qn = match rest {
                    [b'Q' | b'q', d @ b'1'..=b'4'] => i32::from(d - b'0'),
                    _ => return Err(bad()),
                };
                let q = year_quarter(year, qn).ok_or_else(bad)?;
                self.last_quarter.set(raw, q);
                q
            }
            [d @ b'1'..=b'4'] => {
                let Some(yc) = c.year else {
                    return Err(bad());
                };
                let y = row.field(yc);
                let y = trim(&y);
                if let Some(year) = self.last_year.get(y) {
                    return year_quarter(year, i32::from(d - b'0')).ok_or_else(bad);
                }
                let year = std::str::from_utf8(y)
                    .ok()
                    .and_then(|s| s.parse::<f64>().ok())
                    .filter(|v| v.fract() == 0.0 && (1900.0..=2200.0).contains(v))
                    .map(|v| v as i32)
                    .ok_or_else(|| {
                        row_error(
                            Some(yc),
                            format!(
                                "year '{}' is not a year",
                                sanitize::echo(&String::from_utf8_lossy(y))
                            ),
                            "years are written like 2024",
                        )
                    })?;
                self.last_year.set(y, year);
                year_quarter(year, i32::from(d - b'0')).ok_or_else(bad)?
            }
            _ => return Err(bad()),
        };
        Ok(q)
    }

    /// Index of a category value, added on first sight.
    /// The category's index; None when there are already [`MAX_CATEGORIES`] others.
    fn category(&mut self, value: &[u8]) -> Option<usize> {
        let slot = self.by_length.get(value.len()).copied();
        if let Some(i) = slot
            && let Some(c) = self.categories.get(i)
            && *c.value == *value
        {
            return Some(i);
        }
        // A table has a handful of categories: comparing lengths first settles most rows
        // without hashing; a file with many goes through the index.
        let few = self.categories.iter().take(FEW_CATEGORIES);
        if let Some(i) = few
            .clone()
            .position(|c| c.value.len() == value.len() && *c.value == *value)
            .or_else(|| self.category_index.get(value).copied())
        {
            self.remember(value, i);
            return Some(i);
        }
        if self.categories.len() >= MAX_CATEGORIES {
            return None;
        }
        let measures = self.measures_for(value);
        self.categories.push(Category {
            value: value.into(),
            measures,
        });
        let i = self.categories.len() - 1;
        self.category_index.insert(value.into(), i);
        self.remember(value, i);
        Some(i)
    }

    fn remember(&mut self, value: &[u8], category: usize) {
        if let Some(slot) = self.by_length.get_mut(value.len()) {
            *slot = category;
        }
    }

    fn measures_for(&mut self, value: &[u8]) -> Vec<usize> {
        let lower = value.to_ascii_lowercase();
        match self.columns.table {
            Table::Arrivals => {
                if lower == SMALL_BOATS {
                    return vec![0];
                }
                let name = String::from_utf8_lossy(value).trim().to_string();
                let wanted =
                    self.choices.methods.iter().any(|m| {
                        m.eq_ignore_ascii_case("all") || m.trim().eq_ignore_ascii_case(&name)
                    });
                let metric = metric_name(&name);
                if !wanted || metric.is_empty() {
                    return Vec::new();
                }
                match self.measures.iter().position(|m| *m == metric) {
                    Some(i) => vec![i],
                    None => {
                        self.measures.push(metric);
                        vec![self.measures.len() - 1]
                    }
                }
            }
            Table::Decisions | Table::SmallBoatDecisions => {
                let cohort = self.columns.table == Table::SmallBoatDecisions;
                if GRANTS.contains(&lower.as_slice()) {
                    vec![0]
                } else if lower == REFUSED {
                    vec![1]
                } else if !cohort {
                    // Asy_D02 counts decisions made in a period: nothing else is a base.
                    Vec::new()
                } else if lower == AWAITING {
                    vec![2]
                } else if lower == WITHDRAWN {
                    vec![3]
                } else {
                    vec![4]
                }
            }
            Table::Returns => match lower.as_slice() {
                b"enforced return" => vec![0, 1],
                b"voluntary return" => vec![0, 2],
                // Refused entry at port and subsequently departed: in the total only.
                _ => vec![0],
            },
            Table::ReturnsByDestination => match lower.as_slice() {
                b"enforced return" => vec![0, 1],
                b"voluntary return" => vec![0, 2],
                REFUSED_ENTRY => vec![0, 3],
                _ => vec![0],
            },
            // Every return destination group (home country, EU member state, other country).
            Table::OffenderReturns | Table::Applications => vec![0],
            // Small boat arrivals who raised no asylum application are not applications.
            Table::SmallBoatApplications => {
                if lower == APPLICATION_RAISED {
                    vec![0]
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// Index of a nationality's series, created on first sight. Spellings that differ only in
    /// case share one series; allocation happens only for a spelling not seen before.
    fn nation(&mut self, name: &[u8], line: u64) -> usize {
        if let Some(n) = self.index.get(name) {
            return *n;
        }
        let folded = name.to_ascii_lowercase();
        let n = match self.folded.get(folded.as_slice()) {
            Some(n) => *n,
            None => {
                let n = self.nations.len();
                self.nations.push(Nation {
                    name: name.into(),
                    first_line: line,
                    series: Vec::new(),
                });
                self.folded.insert(folded.into(), n);
                n
            }
        };
        self.index.insert(name.into(), n);
        n
    }
}

/// `2023 Q1` → its number (or `2023` → 2023), in a fixed buffer so that a change of quarter
/// allocates nothing.
#[derive(Default)]
struct QuarterCache {
    text: [u8; 16],
    len: usize,
    quarter: i32,
}

impl QuarterCache {
    fn get(&self, raw: &[u8]) -> Option<i32> {
        (self.len > 0 && self.text.get(..self.len) == Some(raw)).then_some(self.quarter)
    }

    fn set(&mut self, raw: &[u8], quarter: i32) {
        if let Some(slot) = self.text.get_mut(..raw.len()) {
            slot.copy_from_slice(raw);
            self.len = raw.len();
            self.quarter = quarter;
        }
    }
}

/// `Inadequately documented air arrivals` → `inadequately_documented_air_arrivals`.
fn metric_name(method: &str) -> String {
    yearly::slug(method, '_')
}

fn year_quarter(year: i32, q: i32) -> Option<i32> {
    ((1900..=2200).contains(&year) && (1..=4).contains(&q)).then_some(year * 4 + q - 1)
}

fn quarter_label(q: i32) -> String {
    format!("{} Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
}

fn digits(b: &[u8]) -> Option<i32> {
    b.iter().try_fold(0i32, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + i32::from(d - b'0'))
    })
}

fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// A count from its text without allocating: `1234`, `1,234`, `12.0`. Err describes the text.
fn count(raw: &[u8]) -> Result<f64, String> {
    let t = trim(raw);
    if t.len() <= 15
        && t.first().is_some_and(u8::is_ascii_digit)
        && t.iter().all(|b| b.is_ascii_digit() || *b == b',')
    {
        let mut v: u64 = 0;
        for b in t {
            if b.is_ascii_digit() {
                v = v * 10 + u64::from(b - b'0');
            }
        }
        return Ok(v as f64);
    }
    let shown = || sanitize::echo(&String::from_utf8_lossy(t));
    let v = std::str::from_utf8(t)
        .ok()
        .and_then(|s| s.replace(',', "").parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("count '{}' is not a number", shown()))?;
    if v < 0.0 {
        return Err(format!("count '{}' is negative", shown()));
    }
    Ok(v)
}

#[cfg(test)]
mod tests;
