//! Row pieces several commands share, and the JSON document every command emits.

use super::yoy_rows::{PreviousKind, PreviousOut};
use crate::calc::series::Trend;
use crate::calc::{Change, ChangeKind, ClaimStatus};
use crate::domain::{Bucket, Figure, Period, PeriodKind, Qualifier, Range, RateBase, Unit};
use crate::loader::Provenance;
use crate::render::sparkline::{MARKS, sparkline};
use crate::render::{Column, FlatSink, Grid, Report, ReportView, Tone, human, wording};
use schemars::JsonSchema;
use serde::Serialize;

/// Bumped on any breaking change to any command's JSON; additions keep the version.
pub const SCHEMA_VERSION: u32 = 1;

/// The one JSON document a command writes.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Document<R> {
    /// Version of this document's shape; bumped on any breaking change.
    pub schema_version: u32,
    /// The command that produced it, e.g. `summary`.
    pub command: String,
    /// Where the figures came from.
    pub dataset: Provenance,
    pub rows: Vec<R>,
    /// What a reader must know about the rows as a whole: files that disagree on a figure,
    /// rows left out of a ranking. Absent when there is nothing to say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A period with its derived label.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PeriodOut {
    /// First day, ISO `YYYY-MM-DD`, inclusive.
    pub start: String,
    /// Last day, ISO `YYYY-MM-DD`, inclusive.
    pub end: String,
    /// Derived label, e.g. "year ending March 2025", "1 Jan – 15 Aug 2025", "2024".
    pub label: String,
    /// The typed period, for row order, people's output and typed cells; the fields above
    /// say it in JSON.
    #[serde(skip)]
    #[schemars(skip)]
    pub span: Period,
}

impl From<&Period> for PeriodOut {
    fn from(p: &Period) -> Self {
        PeriodOut {
            start: p.start.to_string(),
            end: p.end.to_string(),
            label: p.label(),
            span: *p,
        }
    }
}

impl PeriodOut {
    /// The label under the name of its kind: `year to date` over `1 Jan – 15 Aug 2025`. A
    /// label that names its kind ("year ending March 2025") stands alone.
    pub fn kind(&self) -> PeriodKind {
        self.span.kind()
    }

    pub fn text(&self) -> String {
        match self.kind().name() {
            Some(name) if !self.label.starts_with("year ending") => {
                format!("{name}\n{}", self.label)
            }
            _ => self.label.clone(),
        }
    }
}

/// The counts behind a rate: `count` of `base`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct RateBaseOut {
    /// What the rate counts (an initial grant rate: grants of protection or other leave).
    pub count: f64,
    /// What the rate is computed on (an initial grant rate: grants + refusals).
    pub base: f64,
    /// For a rate over a cohort by year of arrival (Irr_D03/IER_D03); absent for a rate over
    /// the decisions made in a period (Asy_D02).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohort: Option<CohortOut>,
}

/// A cohort of arrivals and how much of it the rate covers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct CohortOut {
    /// Everyone the table lists for the cohort, whatever the outcome.
    pub size: f64,
    /// Still awaiting an initial decision.
    pub awaiting: f64,
    /// Withdrawn before a decision.
    pub withdrawn: f64,
    /// 100 × base ÷ size: the part of the cohort the rate speaks for.
    pub share_decided_pct: f64,
}

impl From<&RateBase> for RateBaseOut {
    fn from(b: &RateBase) -> Self {
        RateBaseOut {
            count: b.count,
            base: b.base,
            cohort: b.cohort.map(|c| CohortOut {
                size: c.size,
                awaiting: c.awaiting,
                withdrawn: c.withdrawn,
                share_decided_pct: b.share_decided_pct().unwrap_or(0.0),
            }),
        }
    }
}

/// A figure as stated, with the range its wording allows.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StatedOut {
    pub id: String,
    pub period: PeriodOut,
    pub value: f64,
    pub qualifier: Qualifier,
    /// The step the stated value was rounded to; 0 = not rounded (an exact count, or a rate
    /// computed from exact counts).
    pub rounded_to: f64,
    /// Values consistent with the wording (docs/methodology.md, "Stated ranges"); low = high =
    /// value when not rounded.
    pub range: Range,
    /// The counts a rate is computed from; absent for counts and for rates stated without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_base: Option<RateBaseOut>,
}

impl From<&Figure> for StatedOut {
    fn from(f: &Figure) -> Self {
        StatedOut {
            id: f.id.clone(),
            period: (&f.period).into(),
            value: f.value,
            qualifier: f.qualifier,
            rounded_to: f.rounded_to,
            range: f.stated_range(),
            rate_base: f.rate_base.as_ref().map(RateBaseOut::from),
        }
    }
}

/// A value for people, with the counts behind a rate: `18.2% (2 of 11)`, and for a cohort
/// rate how much of the cohort is decided, so that no cohort rate is read without it.
pub fn value_text(
    value: f64,
    qualifier: Qualifier,
    unit: Unit,
    base: Option<&RateBaseOut>,
) -> String {
    let stated = crate::render::human::stated(value, qualifier, unit);
    match base {
        None => stated,
        Some(b) => {
            let mut s = format!(
                "{stated} ({} of {})",
                human::grouped(b.count, 0),
                human::grouped(b.base, 0)
            );
            if let Some(c) = &b.cohort {
                s.push_str(&format!(
                    "\n{} decided",
                    human::amount(c.share_decided_pct, Unit::Percent)
                ));
            }
            s
        }
    }
}

/// CSV columns of a rate's counts, as [`rate_base_fields`] writes them (empty when none).
pub const RATE_BASE_COLUMNS: [&str; 6] = [
    "rate_count",
    "rate_base",
    "cohort_size",
    "cohort_awaiting",
    "cohort_withdrawn",
    "cohort_share_decided_pct",
];

/// A rate's counts in [`RATE_BASE_COLUMNS`] order.
pub fn rate_base_values(b: Option<&RateBaseOut>) -> [Option<f64>; 6] {
    let c = b.and_then(|b| b.cohort);
    [
        b.map(|b| b.count),
        b.map(|b| b.base),
        c.map(|c| c.size),
        c.map(|c| c.awaiting),
        c.map(|c| c.withdrawn),
        c.map(|c| c.share_decided_pct),
    ]
}

pub fn rate_base_fields(sink: &mut dyn FlatSink, b: Option<&RateBaseOut>) {
    for v in rate_base_values(b) {
        sink.number_opt(v);
    }
}

/// What every command's rows provide for the renderers.
pub trait Rows: Serialize + JsonSchema + Sized {
    /// Columns and formatted cells for people.
    fn human(rows: &[Self]) -> Grid;
    /// For a terminal table: [`Rows::human`] with what only a terminal shows (a sparkline
    /// column), and the notes saying how to read it.
    fn terminal(rows: &[Self]) -> (Grid, Vec<String>) {
        (Self::human(rows), Vec::new())
    }
    /// CSV column names.
    fn flat_columns() -> Vec<&'static str>;
    /// One row's unrounded values for CSV, in [`Rows::flat_columns`] order.
    fn write_flat(&self, sink: &mut dyn FlatSink);
    /// Whether the row has a CSV row at all (a number `check --claim` did not understand has
    /// no figure to write).
    fn in_flat(&self) -> bool {
        true
    }
    /// Lines under the table.
    fn notes(_rows: &[Self], _dataset: &Provenance) -> Vec<String> {
        Vec::new()
    }
    /// A sentence per row for `--format text`. By default each row's columns as
    /// `Column: value; …`, for commands whose rows are not figures (sources, validate).
    fn sentences(rows: &[Self], _dataset: &Provenance) -> Vec<String> {
        let (grid, _) = crate::render::for_people(Self::human(rows));
        grid.rows
            .iter()
            .map(|row| {
                let parts: Vec<String> = grid
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| format!("{}: {}", c.name, cell.text.replace('\n', ", ")))
                    .collect();
                format!("{}.", parts.join("; ").trim_end_matches('.'))
            })
            .collect()
    }
}

/// A command's rows in their JSON document; each renderer asks only for the form it needs.
#[derive(Debug)]
struct Built<R> {
    document: Document<R>,
}

impl<R: Rows + std::fmt::Debug> ReportView for Built<R> {
    fn write_json(&self, out: &mut Vec<u8>) -> crate::error::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.document)
            .map_err(|e| crate::error::Error::Output(e.into()))
    }

    fn human(&self) -> Grid {
        R::human(&self.document.rows)
    }

    fn terminal(&self) -> (Grid, Vec<String>) {
        R::terminal(&self.document.rows)
    }

    fn write_flat(&self, sink: &mut dyn FlatSink) {
        for name in R::flat_columns() {
            sink.text(name);
        }
        sink.end_row();
        for row in self.document.rows.iter().filter(|r| r.in_flat()) {
            row.write_flat(sink);
            sink.end_row();
        }
    }

    fn notes(&self) -> Vec<String> {
        let mut notes = self.document.notes.clone();
        notes.extend(R::notes(&self.document.rows, &self.document.dataset));
        notes
    }

    fn sentences(&self) -> Vec<String> {
        R::sentences(&self.document.rows, &self.document.dataset)
    }

    fn command(&self) -> &str {
        &self.document.command
    }

    fn about(&self) -> Vec<(String, String)> {
        let d = &self.document.dataset;
        let mut lines = vec![("Dataset".to_string(), d.title.clone())];
        if let Some(v) = &d.version {
            lines.push(("Version".to_string(), v.clone()));
        }
        lines.push((
            "Licence".to_string(),
            licence(d).unwrap_or_else(|| "not stated in the files read".to_string()),
        ));
        for s in &d.sources {
            let text = match &s.path {
                Some(path) => format!("{} ({path})", s.title),
                None => s.title.clone(),
            };
            lines.push(("Source".to_string(), text));
        }
        for f in &d.files {
            lines.push(("File".to_string(), f.clone()));
        }
        lines.push((
            "Produced by".to_string(),
            format!(
                "migstats {} {}",
                env!("CARGO_PKG_VERSION"),
                self.document.command
            ),
        ));
        lines
    }
}

/// Builds the report every renderer reads.
pub fn report<R: Rows + std::fmt::Debug + 'static>(
    command: &str,
    dataset: &Provenance,
    rows: Vec<R>,
) -> Report {
    report_with_notes(command, dataset, rows, Vec::new())
}

/// [`report`], with notes on the rows as a whole (in the JSON document and under the table).
pub fn report_with_notes<R: Rows + std::fmt::Debug + 'static>(
    command: &str,
    dataset: &Provenance,
    rows: Vec<R>,
    notes: Vec<String>,
) -> Report {
    Box::new(Built {
        document: Document {
            schema_version: SCHEMA_VERSION,
            command: command.to_string(),
            dataset: dataset.clone(),
            rows,
            notes,
        },
    })
}

/// `grid` with a `Trend` column after its `Value`: each row's sparkline, blank for a row
/// without one; and the note saying what a mark is. The grid as it was when no row has one.
pub fn with_trends<'a>(
    mut grid: Grid,
    trends: impl Iterator<Item = Option<&'a Trend>>,
) -> (Grid, Vec<String>) {
    let trends: Vec<Option<&Trend>> = trends.collect();
    let mut sizes: Vec<Bucket> = Vec::new();
    for t in trends.iter().flatten() {
        if !sizes.contains(&t.size) {
            sizes.push(t.size);
        }
    }
    if sizes.is_empty() {
        return (grid, Vec::new());
    }
    let at = grid
        .columns
        .iter()
        .position(|c| c.name == "Value")
        .map_or(grid.columns.len(), |i| i + 1);
    grid.columns.insert(at, Column::left(TREND));
    for (row, trend) in grid.rows.iter_mut().zip(&trends) {
        let text = trend.map(|t| sparkline(&t.values)).unwrap_or_default();
        row.insert(at.min(row.len()), text.into());
    }
    let each: Vec<&str> = sizes.iter().map(|s| s.as_str()).collect();
    let [lowest, .., highest] = MARKS;
    let mut note = format!(
        "{TREND}: one mark a {} of the row's period",
        each.join(" or ")
    );
    // A day is never cut, and its count is its own daily average.
    if sizes.iter().any(|s| *s != Bucket::Day) {
        note.push_str(&format!(
            ", the first and last cut to it; a count is shown as its daily average, so short and cut {}s compare fairly",
            each.join(" and ")
        ));
    }
    note.push_str(&format!(
        "; {lowest} is none and {highest} the row's highest"
    ));
    if trends.iter().flatten().any(|t| t.values.contains(&None)) {
        note.push_str("; a blank: no figure for that one (no counts, or no boats to divide by)");
    }
    note.push('.');
    (grid, vec![note])
}

/// The header of the sparkline column.
const TREND: &str = "Trend";

/// `small boat arrivals` over `Iraq` (or `all nationalities`). A cohort rate says it is one:
/// a rate by year of arrival is not the rate of decisions made in a year.
pub fn series_label(metric: &str, country: &str, base: Option<&RateBaseOut>) -> String {
    let country = if country == "all" {
        "all nationalities"
    } else {
        country
    };
    let cohort = if base.is_some_and(|b| b.cohort.is_some()) {
        "\n(small-boat arrivals, by year of arrival)"
    } else {
        ""
    };
    format!("{}{cohort}\n{country}", metric.replace('_', " "))
}

pub fn claim_tone(status: ClaimStatus) -> Tone {
    match status {
        // Understated and overstated claims hold; only their wording is weaker than the data.
        ClaimStatus::Consistent | ClaimStatus::Understated | ClaimStatus::Overstated => Tone::Good,
        ClaimStatus::Inconsistent => Tone::Bad,
        ClaimStatus::NotCheckable => Tone::Muted,
    }
}

/// The JSON spelling of a unit-like enum (`not_checkable`), for CSV.
pub fn serde_plain<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// CSV columns naming a figure's series and period, as [`series_fields`] writes them.
pub const SERIES_COLUMNS: [&str; 7] = [
    "id",
    "metric",
    "country",
    "unit",
    "period_start",
    "period_end",
    "period_label",
];

pub fn series_fields(
    sink: &mut dyn FlatSink,
    id: &str,
    metric: &str,
    country: &str,
    unit: crate::domain::Unit,
    period: &PeriodOut,
) {
    for field in [id, metric, country, unit.as_str()] {
        sink.text(field);
    }
    sink.date(period.span.start);
    sink.date(period.span.end);
    sink.text(&period.label);
}

/// CSV columns of a stated figure after its series: [`stated_fields`] writes both.
pub const STATED_VALUE_COLUMNS: [&str; 5] = [
    "value",
    "qualifier",
    "rounded_to",
    "range_low",
    "range_high",
];

pub fn stated_fields(
    sink: &mut dyn FlatSink,
    s: &StatedOut,
    metric: &str,
    country: &str,
    unit: crate::domain::Unit,
) {
    series_fields(sink, &s.id, metric, country, unit, &s.period);
    sink.number(s.value);
    sink.text(s.qualifier.as_str());
    sink.number(s.rounded_to);
    sink.number(s.range.low);
    sink.number(s.range.high);
}

/// CSV columns of a change, as [`change_fields`] writes them (empty when there is none).
pub const CHANGE_COLUMNS: [&str; 7] = [
    "change_kind",
    "change_absolute",
    "change_absolute_low",
    "change_absolute_high",
    "change_percent",
    "change_percent_low",
    "change_percent_high",
];

pub fn change_fields(sink: &mut dyn FlatSink, c: Option<&Change>) {
    sink.text(&c.map(|c| serde_plain(c.kind)).unwrap_or_default());
    sink.number_opt(c.map(|c| c.absolute));
    sink.number_opt(c.map(|c| c.absolute_range.low));
    sink.number_opt(c.map(|c| c.absolute_range.high));
    sink.number_opt(c.and_then(|c| c.percent));
    sink.number_opt(c.and_then(|c| c.percent_range).map(|r| r.low));
    sink.number_opt(c.and_then(|c| c.percent_range).map(|r| r.high));
}

/// A change for people: the absolute change over the percent and its range (points for rates).
pub fn change_text(c: &Change, unit: crate::domain::Unit) -> String {
    match c.kind {
        ChangeKind::Points => human::change_headline(c),
        ChangeKind::Percent => format!(
            "{}\n{}",
            human::absolute_change(c.absolute, unit),
            human::change_headline(c)
        ),
    }
}

/// The licence of the figures: the dataset's, or the one every cited official file shares.
pub fn licence(d: &Provenance) -> Option<String> {
    if let Some(l) = &d.licence {
        return Some(l.clone());
    }
    let mut licences = d.sources.iter().map(|s| s.licence.as_deref());
    let first = licences.next()??;
    licences
        .all(|l| l == Some(first))
        .then(|| first.to_string())
}

/// A sentence's start: `more than 27,000 people…` → `More than 27,000 people…`.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A figure in a sentence: `More than 27,000 people crossed … between 1 January and 15 August
/// 2025`.
pub fn figure_sentence(
    metric: &str,
    country: &str,
    s: &StatedOut,
    unit: crate::domain::Unit,
) -> String {
    let amount = wording::value(s.value, s.qualifier, unit);
    capitalised(&format!(
        "{} {}",
        wording::subject(metric, country, &amount),
        wording::period(&s.period.span)
    ))
}

/// The year before in a sentence: `around 18,000`, or `about 30,702, worked back from the
/// stated change`.
pub fn previous_words(p: &PreviousOut, unit: crate::domain::Unit) -> String {
    match p.kind {
        PreviousKind::Figure => {
            wording::value(p.value, p.qualifier.unwrap_or(Qualifier::Exact), unit)
        }
        PreviousKind::Implied => format!(
            "about {}, worked back from the stated change",
            human::amount(p.value, unit)
        ),
    }
}

/// Whether a comparison rests on a worded, rounded (to more than a unit) or worked-back
/// figure, so its range is worth saying; an exact published count's ±0.5 is not.
pub fn hedged(current: &StatedOut, previous: &PreviousOut) -> bool {
    let wide = |r: &Range| r.high - r.low > 1.0 + 1e-9;
    current.qualifier != Qualifier::Exact
        || previous.kind == PreviousKind::Implied
        || previous.qualifier.is_some_and(|q| q != Qualifier::Exact)
        || wide(&current.range)
        || wide(&previous.range)
}

/// `Source: Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01; file …;
/// Open Government Licence v3.0` for each official file read: the footer a figure is cited by.
pub fn source_notes(d: &Provenance) -> Vec<String> {
    d.sources
        .iter()
        .filter(|s| s.file.is_some())
        .map(|s| format!("Source: {}", s.title))
        .collect()
}

/// The citation of the official file a figure was read from (a sheet's figures name the file
/// and the sheet); None for figures from a figures file or the bundled dataset.
pub fn citation_of<'a>(d: &'a Provenance, origin_file: &str) -> Option<&'a str> {
    d.sources
        .iter()
        .find(|s| s.cites(origin_file))
        .map(|s| s.title.as_str())
}

/// Notes on files that disagree: "small boat arrivals, all nationalities, 2022: 45,755 in
/// daily.ods [SB_01]; 45,774 in irr_d01.csv". A long list is cut short and says how much.
pub fn disagreement_notes(figures: &[Figure]) -> Vec<String> {
    const SHOWN: usize = 10;
    let all = crate::calc::disagreements(figures);
    let mut notes: Vec<String> = all
        .iter()
        .take(SHOWN)
        .filter_map(|d| {
            let first = d.figures.first()?;
            let values: Vec<String> = d
                .figures
                .iter()
                .map(|f| {
                    format!(
                        "{} in {}",
                        human::stated(f.value, f.qualifier, f.unit),
                        f.origin.file
                    )
                })
                .collect();
            Some(format!(
                "Files disagree on {}, {}: {}. Figures are never paired across them.",
                series_label(&first.metric, &first.country, None).replace('\n', ", "),
                first.period.label(),
                values.join("; ")
            ))
        })
        .collect();
    if all.len() > SHOWN {
        notes.push(format!(
            "Files disagree on {} more figures (figures --format json lists every figure).",
            all.len() - SHOWN
        ));
    }
    notes
}

/// `Dataset: <title> (version 1.0.0)`, the first note under a table.
/// A release read from the cache adds its name, date and sha256.
pub fn dataset_note(d: &Provenance) -> String {
    let mut note = match &d.version {
        Some(v) => format!("Dataset: {} (version {v})", d.title),
        None => format!("Dataset: {}", d.title),
    };
    for r in &d.releases {
        note.push_str(&format!(
            "; release {} of {} (file {}), sha256 {}",
            r.dataset, r.release_date, r.filename, r.sha256
        ));
    }
    note
}

/// The year before for people: `~18,000` as stated, `18.2% (2 of 11)` for a rate with its
/// counts, or `~30,702 implied`.
pub fn previous_value_text(p: &PreviousOut, unit: crate::domain::Unit) -> String {
    match p.kind {
        PreviousKind::Figure => value_text(
            p.value,
            p.qualifier.unwrap_or(Qualifier::Exact),
            unit,
            p.rate_base.as_ref(),
        ),
        PreviousKind::Implied => human::implied(p.value, unit),
    }
}

/// CSV columns of the previous rate's counts, as [`previous_rate_base_fields`] writes them.
pub const PREVIOUS_RATE_BASE_COLUMNS: [&str; 3] = [
    "previous_rate_count",
    "previous_rate_base",
    "previous_cohort_share_decided_pct",
];

pub fn previous_rate_base_fields(sink: &mut dyn FlatSink, p: Option<&PreviousOut>) {
    let b = p.and_then(|p| p.rate_base.as_ref());
    sink.number_opt(b.map(|b| b.count));
    sink.number_opt(b.map(|b| b.base));
    sink.number_opt(b.and_then(|b| b.cohort).map(|c| c.share_decided_pct));
}

/// CSV columns of the year before, as [`previous_fields`] writes them (empty when there is none).
pub const PREVIOUS_COLUMNS: [&str; 5] = [
    "previous_kind",
    "previous_id",
    "previous_value",
    "previous_low",
    "previous_high",
];

pub fn previous_fields(sink: &mut dyn FlatSink, p: Option<&PreviousOut>) {
    sink.text(&p.map(|p| serde_plain(p.kind)).unwrap_or_default());
    sink.text(p.and_then(|p| p.id.as_deref()).unwrap_or_default());
    sink.number_opt(p.map(|p| p.value));
    sink.number_opt(p.map(|p| p.range.low));
    sink.number_opt(p.map(|p| p.range.high));
}
