//! `migstats check --claim "…"` and `check --text ARTICLE`: claims as written, read by the
//! sentence reader ([`crate::sentences`]) and checked with the same machinery as `check
//! --against` (verdicts, stronger figures, cut-offs). Each number in a sentence becomes one row:
//! a figure with its verdict, or `not_understood` with what was missing.

use super::Outcome;
use super::check::{self, CheckRow, CutoffOut, StrongerOut};
use crate::calc::ClaimStatus;
use crate::domain::{Figure, Qualifier, Range, Release, Unit};
use crate::error::Result;
use crate::loader::{self, LoadOptions, Provenance};
use crate::render::{Cell, Column, Grid, Page, human};
use crate::report::{self as rows, PeriodOut, Rows};
use crate::report::{Field, Receipt};
use crate::sentences::{self as reader, Claim, Direction, Extracted, Place, Source, Stated};

mod checks;
mod guards;
mod official;
mod publish;
mod record;
mod releases;
mod verdicts;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashSet;
use std::path::PathBuf;
use verdicts::{Context, verdicts};

/// The JSON document's `command` (and `migstats schema check-claims`): its rows differ from
/// `check`'s.
pub const COMMAND: &str = "check-claims";

/// A claim row's verdict: a check status, or `not_understood`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Consistent,
    Understated,
    Overstated,
    Inconsistent,
    NotCheckable,
    /// A number the extractor could not place; `missing` says which part.
    NotUnderstood,
}

impl From<ClaimStatus> for Status {
    fn from(s: ClaimStatus) -> Self {
        match s {
            ClaimStatus::Consistent => Status::Consistent,
            ClaimStatus::Understated => Status::Understated,
            ClaimStatus::Overstated => Status::Overstated,
            ClaimStatus::Inconsistent => Status::Inconsistent,
            ClaimStatus::NotCheckable => Status::NotCheckable,
        }
    }
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::NotUnderstood => "not understood",
            Status::Consistent => ClaimStatus::Consistent.as_str(),
            Status::Understated => ClaimStatus::Understated.as_str(),
            Status::Overstated => ClaimStatus::Overstated.as_str(),
            Status::Inconsistent => ClaimStatus::Inconsistent.as_str(),
            Status::NotCheckable => ClaimStatus::NotCheckable.as_str(),
        }
    }
}

/// How the sentence words the figure: a figure's qualifier, or `range` for "between 5,000 and
/// 5,500" (then `value` is the low end and `stated_range` the range as stated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimQualifier {
    Exact,
    About,
    Over,
    Under,
    Range,
}

impl From<Qualifier> for ClaimQualifier {
    fn from(q: Qualifier) -> Self {
        match q {
            Qualifier::Exact => ClaimQualifier::Exact,
            Qualifier::About => ClaimQualifier::About,
            Qualifier::Over => ClaimQualifier::Over,
            Qualifier::Under => ClaimQualifier::Under,
        }
    }
}

/// Where in the sentence the claim is, in characters (not bytes), end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    /// The words: hedge and number, "More than 27,000".
    pub text: String,
}

/// A change the sentence states for the figure, and its check.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StatedChangeOut {
    /// The words that state it: "up from around 18,000 in the same period last year".
    pub words: String,
    pub direction: Option<Direction>,
    /// Percent change stated (+14; −33.3 for "down by a third").
    pub percent: Option<f64>,
    /// Id of the figure it is measured from ("up from X"), when the sentence gives one.
    pub base_id: Option<String>,
    /// Against the same period a year earlier (then `percent` is the figure's `stated_yoy_pct`).
    pub year_on_year: bool,
    /// Check of a year-on-year percent against the figures (`check`'s stated change); null
    /// when there is no percent to check.
    pub status: Option<ClaimStatus>,
}

/// One number read from a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ClaimRow {
    /// The sentence, as read.
    pub sentence: String,
    /// Line of the input the sentence starts on.
    pub line: u64,
    pub span: SpanOut,
    /// Id of the figure (`s2-1`: sentence 2, first number); null when not understood.
    pub id: Option<String>,
    pub metric: Option<String>,
    pub country: Option<String>,
    pub unit: Option<Unit>,
    pub period: Option<PeriodOut>,
    /// The words that gave the period: "so far this year".
    pub period_words: Option<String>,
    pub qualifier: Option<ClaimQualifier>,
    /// The number as stated (a range's low end).
    pub value: Option<f64>,
    /// The step the written value implies (27,000 → 1,000); 0 = not rounded.
    pub rounded_to: Option<f64>,
    pub stated_range: Option<Range>,
    pub stated_change: Option<StatedChangeOut>,
    /// When the wording names another concept than the metric checked ("deported").
    pub concept_note: Option<String>,
    pub status: Status,
    /// The official value for the same metric, country and period; null without one.
    pub data_value: Option<f64>,
    /// Where `data_value` comes from.
    pub data_basis: Option<String>,
    pub stronger: Option<StrongerOut>,
    /// The verdict at each cut-off in the window; a period running to the day before
    /// publication is only tested at cut-offs on or before its end.
    pub cutoffs: Vec<CutoffOut>,
    /// For `not_understood`: which parts the sentence did not give ("metric", "period").
    pub missing: Vec<String>,
    /// For `not_checkable`: why, and what would answer it; on a level whose stated change was
    /// given no verdict (its `stated_change.status` null), why not.
    pub reason: Option<String>,
    /// A single day the words call the highest, checked against every earlier day of the span
    /// they name; null when the words make no such claim (or it could not be read).
    pub record: Option<record::RecordOut>,
    /// Where `data_value` comes from, down to the table's rows, and its arithmetic; null
    /// without one.
    pub receipt: Option<Receipt>,
    /// With several releases of the table checked against: the release current at
    /// publication (whose verdict `status` is) and what the newest gives; null otherwise.
    pub releases: Option<releases::ReleasesOut>,
    #[serde(skip)]
    #[schemars(skip)]
    figure: Option<Figure>,
    /// The period runs to the day before publication ("so far this year").
    #[serde(skip)]
    #[schemars(skip)]
    to_eve: bool,
    #[serde(skip)]
    #[schemars(skip)]
    check: Option<CheckRow>,
    /// The claim as read, for a change or difference checked against the data.
    #[serde(skip)]
    #[schemars(skip)]
    claim: Option<Claim>,
    /// A running total checked to a file's last day, short of the day before publication
    /// ([`checks::to_file_end`]): the span it was checked over.
    #[serde(skip)]
    #[schemars(skip)]
    checked_to: Option<crate::domain::Period>,
    /// The day the sentence was published (the page's ClaimReview).
    #[serde(skip)]
    #[schemars(skip)]
    published: Option<NaiveDate>,
    /// The official figure for the same span a year earlier, labelled (the page's chart).
    #[serde(skip)]
    #[schemars(skip)]
    year_before: Option<(String, f64)>,
}

/// Numbers read from one article, at most: a real one states a few dozen, and each costs a
/// row and a check, so a file of bare numbers stops here (with a warning) rather than growing.
pub const MAX_NUMBERS: usize = 2_000;

/// The official files a claim is checked against, and the releases among them read from the
/// `fetch` cache (their addresses, for receipts).
#[derive(Debug, Clone, Copy)]
pub struct Against<'a> {
    pub paths: &'a [PathBuf],
    pub releases: &'a [Release],
}

/// Extracts every claim from `source` published on `date`, and checks them against the
/// official files `against` (none: every figure is not checkable). `warnings` get what stderr
/// always shows (an article cut at [`MAX_NUMBERS`]); `not_understood` a line per number not
/// understood.
pub fn run(
    source: &Source,
    date: NaiveDate,
    against: Against<'_>,
    window: u32,
    options: &LoadOptions,
    warnings: &mut Vec<String>,
    not_understood: &mut Vec<String>,
) -> Result<Outcome> {
    let Against {
        paths: against,
        releases,
    } = against;
    let (file, sentences) = reader::read(source)?;
    // The files are read first, once: a claim that names no metric ("This is up 51% on this
    // point last year") is about the files' only count of people, when they have one.
    let mut inputs = against
        .iter()
        .map(|path| {
            Ok((
                loader::read_file(path, options)?,
                path.display().to_string(),
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let subject = official::only_people_count(inputs.iter().map(|(i, _)| i));
    let metrics: HashSet<String> = inputs
        .iter()
        .flat_map(|(i, _)| i.figures.iter().map(|f| f.metric.clone()))
        .collect();
    let rows = read_sentences(&file, &sentences, date, subject, warnings);
    let figures: Vec<Figure> = rows.iter().filter_map(|r| r.figure.clone()).collect();
    let mut official_sets = Vec::new();
    let mut provenance = Provenance {
        name: "claims".to_string(),
        title: format!("Figures read from {file}, published {date}"),
        files: vec![file.clone()],
        ..Provenance::default()
    };
    let checking = !against.is_empty() && rows.iter().any(|r| r.claim.is_some());
    if checking {
        official_sets =
            official::read_official(&rows, &mut inputs, window, options, date, &mut provenance)?;
    }
    let context = Context {
        figures: &figures,
        releases,
        window,
        date,
        options,
        metrics: &metrics,
        checking,
        against: !against.is_empty(),
    };
    let history = match releases::history(&inputs, releases, date) {
        Ok(h) => h,
        Err(warning) => {
            warnings.push(warning);
            None
        }
    };
    let mut inputs: Vec<Option<(loader::Input, String)>> = inputs.into_iter().map(Some).collect();
    let mut rows = match &history {
        None => {
            let all: Vec<usize> = (0..inputs.len()).collect();
            verdicts(rows, &mut inputs, &official_sets, &all, &context)
        }
        Some(h) => {
            let files = inputs.len();
            let then = h
                .at_the_time(files)
                .map(|files| verdicts(rows.clone(), &mut inputs, &official_sets, &files, &context));
            let now = verdicts(rows, &mut inputs, &official_sets, &h.now(files), &context);
            h.merge(then, now)
        }
    };
    for r in &mut rows {
        r.published = Some(date);
    }
    let inconsistent = rows.iter().any(|r| {
        r.record
            .as_ref()
            .is_some_and(|x| x.status == ClaimStatus::Inconsistent)
            || r.status == Status::Inconsistent
            || r.stated_change
                .as_ref()
                .is_some_and(|c| c.status == Some(ClaimStatus::Inconsistent))
    });
    not_understood.extend(not_understood_warnings(&rows));
    Ok(Outcome {
        report: rows::report(COMMAND, &provenance, rows),
        exit_code: i32::from(inconsistent),
    })
}

/// Every number of every sentence as a row, up to [`MAX_NUMBERS`] (then a warning).
fn read_sentences(
    file: &str,
    sentences: &[(u64, String)],
    date: NaiveDate,
    subject: Option<&'static str>,
    warnings: &mut Vec<String>,
) -> Vec<ClaimRow> {
    let mut rows = Vec::new();
    let mut previous: Option<Claim> = None;
    for (n, (line, sentence)) in sentences.iter().enumerate() {
        let place = Place {
            file: file.to_string(),
            line: *line,
            sentence: n + 1,
        };
        // "This" in a later sentence points into the text before it, not at the files.
        let subject = subject.filter(|_| n == 0);
        let found = reader::extract_after(sentence, date, &place, previous.as_ref(), subject);
        if rows.len() + found.len() > MAX_NUMBERS {
            warnings.push(format!(
                "{file}: only the first {} numbers were read (at most {MAX_NUMBERS} an article); the text from line {line} on was not",
                rows.len()
            ));
            break;
        }
        // Only a sentence with exactly one figure gives the next one its context.
        previous = match found.as_slice() {
            [Extracted::Claim(c)] => Some((**c).clone()),
            _ => None,
        };
        let ids: Vec<Option<String>> = found
            .iter()
            .map(|x| match x {
                Extracted::Claim(c) => Some(c.figure.id.clone()),
                Extracted::NotUnderstood(_) => None,
            })
            .collect();
        for x in found {
            rows.push(row(sentence, *line, x, &ids));
        }
    }
    rows
}

fn chars(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count())
}

fn row(sentence: &str, line: u64, x: Extracted, ids: &[Option<String>]) -> ClaimRow {
    let (span, claim, missing, named) = match x {
        Extracted::Claim(c) => (c.span, Some(*c), Vec::new(), None),
        Extracted::NotUnderstood(n) => (n.span, None, n.missing, n.metric),
    };
    let span = SpanOut {
        start: chars(sentence, span.0),
        end: chars(sentence, span.1),
        text: sentence.get(span.0..span.1).unwrap_or_default().to_string(),
    };
    let mut r = ClaimRow {
        sentence: sentence.to_string(),
        line,
        span,
        id: None,
        metric: named.map(str::to_string),
        country: None,
        unit: None,
        period: None,
        period_words: None,
        qualifier: None,
        value: None,
        rounded_to: None,
        stated_range: None,
        stated_change: None,
        concept_note: None,
        status: Status::NotUnderstood,
        data_value: None,
        data_basis: None,
        stronger: None,
        cutoffs: Vec::new(),
        missing: missing.into_iter().map(str::to_string).collect(),
        reason: None,
        record: None,
        receipt: None,
        releases: None,
        checked_to: None,
        figure: None,
        to_eve: false,
        check: None,
        claim: None,
        published: None,
        year_before: None,
    };
    if let Some(c) = claim {
        fill(&mut r, c, ids);
    }
    r
}

fn fill(r: &mut ClaimRow, c: Claim, ids: &[Option<String>]) {
    let f = &c.figure;
    r.id = Some(f.id.clone());
    r.metric = Some(f.metric.clone());
    r.country = Some(f.country.clone());
    r.unit = Some(f.unit);
    r.period = Some((&f.period).into());
    r.period_words = Some(c.period_words.clone()).filter(|w| !w.is_empty());
    r.qualifier = Some(f.qualifier.into());
    r.value = Some(f.value);
    r.rounded_to = Some(f.rounded_to);
    r.stated_range = Some(f.stated_range());
    if let Some((low, high)) = c.range {
        r.qualifier = Some(ClaimQualifier::Range);
        r.value = Some(low);
        r.stated_range = Some(Range { low, high });
    }
    r.stated_change = c.change.as_ref().map(|s| StatedChangeOut {
        words: s.words.clone(),
        direction: s.direction,
        percent: s.percent,
        base_id: s.base.and_then(|i| ids.get(i).cloned().flatten()),
        year_on_year: s.year_on_year,
        status: None,
    });
    r.concept_note = c.concept.map(str::to_string);
    r.status = Status::NotCheckable;
    r.to_eve = c.to_eve;
    if c.stated == Stated::Change {
        // Only a change is stated: no level to show or check.
        r.qualifier = None;
        r.value = None;
        r.rounded_to = None;
        r.stated_range = None;
    }
    if c.stated == Stated::Level {
        r.figure = Some(c.figure.clone());
    }
    r.claim = Some(c);
}

impl Rows for ClaimRow {
    fn human(rows: &[Self]) -> Grid {
        Grid {
            columns: vec![
                Column::right("Line"),
                Column::left("Claim"),
                Column::left("Figure"),
                Column::left("Period"),
                Column::right("Data"),
                Column::left("Status"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    let figure = match (&r.metric, &r.country) {
                        (Some(m), Some(c)) => rows::series_label(m, c, None),
                        (Some(m), None) => {
                            format!("{}\nmissing: {}", m.replace('_', " "), r.missing.join(", "))
                        }
                        _ => format!("missing: {}", r.missing.join(", ")),
                    };
                    let period = match (&r.period, &r.period_words) {
                        (Some(p), Some(w)) => format!("{}\n\"{w}\"", p.label),
                        (Some(p), None) => p.label.clone(),
                        _ => String::new(),
                    };
                    let data = match (r.data_value, r.unit) {
                        (Some(v), Some(u)) => human::amount(v, u),
                        _ => String::new(),
                    };
                    let mut status = r.status.as_str().to_string();
                    if let Some(c) = &r.check {
                        if let Some(s) = &c.stronger {
                            status.push_str(&format!(
                                "\n\"{}\" holds",
                                human::wording(s.value, s.qualifier, c.unit)
                            ));
                        }
                        if c.cutoffs.iter().any(|x| x.status != c.status) {
                            status.push_str("\nvaries with the cut-off");
                        }
                    }
                    if let Some((p, s)) = r
                        .stated_change
                        .as_ref()
                        .and_then(|ch| ch.percent.zip(ch.status))
                    {
                        status.push_str(&format!(
                            "\nchange {}: {}",
                            human::stated_change(p, Unit::People),
                            s.as_str()
                        ));
                    }
                    let tone = publish::tone(r.status);
                    vec![
                        Cell::from(r.line.to_string()),
                        format!("\"{}\"", r.span.text).into(),
                        figure.into(),
                        period.into(),
                        data.into(),
                        Cell::toned(status, tone),
                    ]
                })
                .collect(),
        }
    }

    /// The figures schema (docs/formats-and-json.md): extracted claims read back with `--data`.
    fn fields() -> Vec<Field<Self>> {
        // The figures schema, so the CSV reads back as input; rows without a figure have no
        // CSV row (`in_flat`).
        fn figure(r: &ClaimRow) -> Option<&Figure> {
            r.figure.as_ref()
        }
        let mut fields = vec![
            Field::text("id", move |r: &Self| figure(r).map_or("", |f| &f.id)),
            Field::text("metric", move |r: &Self| {
                figure(r).map_or("", |f| &f.metric)
            }),
            Field::text("country", move |r: &Self| {
                figure(r).map_or("", |f| &f.country)
            }),
            Field::date("period_start", move |r: &Self| {
                figure(r).map(|f| f.period.start)
            }),
            Field::date("period_end", move |r: &Self| {
                figure(r).map(|f| f.period.end)
            }),
            Field::number("value", move |r: &Self| figure(r).map(|f| f.value)),
            Field::text("unit", move |r: &Self| {
                figure(r).map_or("", |f| f.unit.as_str())
            }),
            Field::text("qualifier", move |r: &Self| {
                figure(r).map_or("", |f| f.qualifier.as_str())
            }),
            Field::number("rounded_to", move |r: &Self| {
                figure(r).map(|f| f.rounded_to)
            }),
            Field::number("stated_yoy_pct", move |r: &Self| {
                figure(r).and_then(|f| f.stated_yoy_pct)
            }),
            Field::text("source", move |r: &Self| {
                figure(r).map_or("", |f| &f.source)
            }),
            Field::text("note", move |r: &Self| {
                figure(r)
                    .and_then(|f| f.note.as_deref())
                    .unwrap_or_default()
            }),
        ];
        // The verdict and its receipt after the figures schema; read back, they are ignored.
        fields.extend([
            Field::new("status", |r: &Self, s| s.text(&rows::serde_plain(r.status))),
            Field::number("data_value", |r: &Self| r.data_value),
            Field::number("stated_low", |r: &Self| r.stated_range.map(|x| x.low)),
            Field::number("stated_high", |r: &Self| r.stated_range.map(|x| x.high)),
            Field::number("difference", |r: &Self| {
                r.receipt.as_ref().and_then(|x| x.difference)
            }),
            Field::new("cutoffs", |r: &Self, s| {
                s.text(&check::cutoffs_cell(&r.cutoffs))
            }),
            Field::text("reason", |r: &Self| r.reason.as_deref().unwrap_or_default()),
        ]);
        fields.extend(rows::receipt(|r: &Self| r.receipt.as_ref()));
        fields.push(Field::text("releases", |r: &Self| {
            r.releases.as_ref().map_or("", |x| x.words.as_str())
        }));
        fields
    }

    /// One paragraph per number a journalist can paste: the verdict in words, the official
    /// figure for the period, the caveats and the citation; no ids.
    fn sentences(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        rows.iter()
            .map(|r| publish::paragraph(r, dataset))
            .collect()
    }

    /// Each number read as a claim, with its verdict, receipt, chart and citation.
    fn page(rows: &[Self], dataset: &Provenance) -> Option<Page> {
        publish::page(rows, dataset, Self::notes(rows, dataset))
    }

    /// A number not understood has no figure: it has no CSV row, and is listed on stderr.
    fn in_flat(&self) -> bool {
        self.figure.is_some()
    }

    fn notes(rows: &[Self], dataset: &Provenance) -> Vec<String> {
        let mut notes: Vec<String> = rows
            .iter()
            .filter_map(|r| r.check.as_ref().and_then(CheckRow::cutoff_note))
            .collect();
        for r in rows {
            if let (Some(receipt), Some(unit)) = (&r.receipt, r.unit) {
                notes.push(format!(
                    "Line {}, \"{}\": {}",
                    r.line,
                    r.span.text,
                    receipt.lines(unit).join(" ")
                ));
            }
        }
        for r in rows {
            let concept = r
                .concept_note
                .as_ref()
                .map(|n| format!("Line {}: {n}.", r.line));
            let reason = r
                .reason
                .as_ref()
                .filter(|_| r.status == Status::NotCheckable || r.checked_to.is_some())
                .map(|why| format!("Line {}, \"{}\": {why}.", r.line, r.span.text));
            let releases = r
                .releases
                .as_ref()
                .map(|x| format!("Line {}, \"{}\": {}.", r.line, r.span.text, x.words));
            for note in concept
                .into_iter()
                .chain(reason)
                .chain(record::note(r))
                .chain(releases)
            {
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
        notes.push(format!(
            "{} number{} read: {} consistent, {} understated, {} overstated, {} inconsistent, {} not checkable, {} not understood.",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            count(Status::Consistent),
            count(Status::Understated),
            count(Status::Overstated),
            count(Status::Inconsistent),
            count(Status::NotCheckable),
            count(Status::NotUnderstood),
        ));
        notes.extend(rows::source_notes(dataset));
        notes
    }
}

/// Lines naming each number not understood, for stderr when the output (CSV) has no row for
/// them.
fn not_understood_warnings(outcome_rows: &[ClaimRow]) -> Vec<String> {
    outcome_rows
        .iter()
        .filter(|r| r.status == Status::NotUnderstood)
        .map(|r| {
            format!(
                "line {}: \"{}\" not understood: missing {}",
                r.line,
                crate::sanitize::echo(&r.span.text),
                r.missing.join(", ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_header_is_the_figures_schema_then_the_verdict_so_it_reads_back() {
        use crate::loader::figures_csv::{CHECK_COLUMNS, COLUMNS};
        let written = rows::names(&ClaimRow::fields());
        let expected: Vec<&str> = COLUMNS
            .iter()
            .chain(CHECK_COLUMNS.iter())
            .copied()
            .collect();
        assert_eq!(written, expected);
    }
}
