//! Quarterly sums → figures: every year ending a quarter the table has all four of, the
//! periods asked for, and for `series` single quarters and part years; per nationality and for
//! `all`, with ids and notes.

use super::{
    Aggregator, DECISION_FIGURES, DECISION_MEASURES, Nation, Quarters, TOTAL, quarter_label, trim,
    year_quarter,
};
use crate::domain::{
    Bucket, Cohort, Derivation, Figure, NOT_ROUNDED, Origin, Period, Qualifier, RateBase, RowKind,
    Unit,
};
use crate::error::{Error, Location, Problem, Result};
use crate::loader::detailed::layout::Table;
use crate::sanitize;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// An input error at `line` of `file`.
fn invalid(file: &str, line: u64, what: String, hint: String) -> Error {
    Error::invalid(Problem::new(Location::at(file, line, None), what, hint))
}

impl Aggregator {
    /// Derives figures for other choices from the same sums (the read-time filters, methods
    /// and main applicants, stay those it was read with).
    pub fn rechoose(&mut self, choices: &super::Choices) {
        self.choices.periods.clone_from(&choices.periods);
        self.choices.required = choices.required;
        self.choices.buckets = choices.buckets;
    }

    /// Every complete year (4 consecutive quarters present) for every series and for `all`.
    /// An error for a `--method` no row has, a period asked for that the table cannot give,
    /// or a nationality that is not UTF-8.
    pub fn finish(&self, file: &str) -> Result<Vec<Figure>> {
        self.check_methods(file)?;
        if let Some(p) = self.choices.required {
            self.check_required(&p, file)?;
        }
        let spans = self.spans();
        let mut named: BTreeMap<String, &Nation> = BTreeMap::new();
        for n in &self.nations {
            let name = std::str::from_utf8(&n.name).map_err(|_| {
                let what = "nationality is not valid UTF-8".to_string();
                invalid(
                    file,
                    n.first_line,
                    what,
                    "save the file as UTF-8".to_string(),
                )
            })?;
            if !name.trim().eq_ignore_ascii_case(TOTAL) {
                named.insert(name.to_string(), n);
            }
        }
        // `all`: every nationality's quarters summed (a "Total" row would count them twice).
        let mut all: Vec<Option<Quarters>> = vec![None; self.measures.len()];
        for n in named.values() {
            for (m, s) in n.series.iter().enumerate() {
                if let (Some(s), Some(slot)) = (s, all.get_mut(m)) {
                    slot.get_or_insert_with(Quarters::default).merge(s);
                }
            }
        }
        let mut slugs = Slugs::default();
        let mut out = Vec::new();
        let all_of = Series {
            file,
            country: "all",
            slug: "all",
            line: self.header_line,
        };
        self.emit(&all_of, &spans, &all, &mut out);
        slugs.taken.insert("all".to_string());
        for (name, n) in named {
            let slug = slugs.unique(&name);
            let of = Series {
                file,
                country: &name,
                slug: &slug,
                line: n.first_line,
            };
            self.emit(&of, &spans, &n.series, &mut out);
        }
        Ok(out)
    }

    /// Every `--method` asked for must be a method of entry some row has (`all` always is).
    fn check_methods(&self, file: &str) -> Result<()> {
        if self.columns.table != Table::Arrivals {
            return Ok(());
        }
        let found: Vec<String> = self
            .categories
            .iter()
            .map(|c| String::from_utf8_lossy(trim(&c.value)).into_owned())
            .collect();
        for m in &self.choices.methods {
            let m = m.trim();
            if !m.eq_ignore_ascii_case("all") && !found.iter().any(|f| f.eq_ignore_ascii_case(m)) {
                return Err(invalid(
                    file,
                    self.header_line,
                    format!("no rows with Method of entry '{m}'"),
                    format!(
                        "methods in this file: {}",
                        found
                            .iter()
                            .map(|f| sanitize::echo(f))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// (first quarter, last quarter) of every span to derive: each year ending a quarter the
    /// table has all four of, then the periods asked for, then single quarters or part years.
    fn spans(&self) -> Vec<(i32, i32)> {
        let covered = |a: i32, b: i32| (a..=b).all(|p| self.coverage.contains(&p));
        let mut spans: Vec<(i32, i32)> = self
            .coverage
            .iter()
            .map(|q| (q - 3, *q))
            .filter(|(a, b)| covered(*a, *b))
            .collect();
        for p in &self.choices.periods {
            if let Some((a, b)) = quarter_span(p)
                && covered(a, b)
                && !spans.contains(&(a, b))
            {
                spans.push((a, b));
            }
        }
        let mut extra: Vec<(i32, i32)> = Vec::new();
        match self.choices.buckets {
            Some(Bucket::Quarter) => extra.extend(self.coverage.iter().map(|q| (*q, *q))),
            Some(Bucket::Year) => {
                // A year cut by the table's first or last quarter: its covered quarters.
                let (first, last) = (self.coverage.first(), self.coverage.last());
                if let (Some(&a), Some(&b)) = (first, last) {
                    if a.rem_euclid(4) != 0 {
                        let end = (a.div_euclid(4) * 4 + 3).min(b);
                        extra.extend([(a, end), (a - 4, end - 4)]);
                    }
                    if b.rem_euclid(4) != 3 {
                        let start = (b.div_euclid(4) * 4).max(a);
                        extra.extend([(start, b), (start - 4, b - 4)]);
                    }
                }
            }
            _ => {}
        }
        for (a, b) in extra {
            if covered(a, b) && !spans.contains(&(a, b)) {
                spans.push((a, b));
            }
        }
        spans
    }

    /// The figures of one series (a nationality, or `all`) for every span.
    fn emit(
        &self,
        of: &Series<'_>,
        spans: &[(i32, i32)],
        series: &[Option<Quarters>],
        out: &mut Vec<Figure>,
    ) {
        let decisions = matches!(
            self.columns.table,
            Table::Decisions | Table::SmallBoatDecisions
        );
        let figures = if decisions {
            DECISION_FIGURES
        } else {
            self.measures.len()
        };
        for (a, q) in spans {
            let Some(period) = quarters_period(*a, *q) else {
                continue;
            };
            let ctx = Ctx {
                table: self.columns.table,
                file: of.file,
                country: of.country,
                slug: of.slug,
                line: of.line,
                period,
                first_q: *a,
                q: *q,
                main_only: self.choices.main_applicants_only,
            };
            for (m, s) in series.iter().enumerate().take(figures) {
                if let (Some(s), Some(metric)) = (s, self.measures.get(m)) {
                    out.push(ctx.count(metric, s.sum(*a, *q)));
                }
            }
            if decisions {
                // A measure with no row anywhere is zero: India's 0 grants of 58 is a
                // rate of 0%, not a missing one.
                let year = |m: usize| {
                    series
                        .get(m)
                        .and_then(Option::as_ref)
                        .map_or(0.0, |s| s.sum(*a, *q))
                };
                let cohort = (self.columns.table == Table::SmallBoatDecisions).then(|| Cohort {
                    size: (0..DECISION_MEASURES.len()).map(year).sum(),
                    awaiting: year(2),
                    withdrawn: year(3),
                });
                if let Some(f) = ctx.rate(year(0), year(1), cohort) {
                    out.push(f);
                }
            }
        }
    }

    /// The user's period must be whole quarters, all of them in the table.
    fn check_required(&self, p: &Period, file: &str) -> Result<()> {
        let span = match (self.coverage.first(), self.coverage.last()) {
            (Some(a), Some(b)) => format!("{} to {}", quarter_label(*a), quarter_label(*b)),
            _ => "no quarter".to_string(),
        };
        let Some((a, b)) = quarter_span(p) else {
            return Err(invalid(
                file,
                self.header_line,
                format!(
                    "the period {} ({} to {}) is not made of whole quarters, and this table counts by quarter",
                    p.label(),
                    p.start,
                    p.end
                ),
                format!(
                    "ask for a quarter (2024-Q3), a calendar year or a year ending a quarter (year ending March 2025); the table covers {span}"
                ),
            ));
        };
        if let Some(missing) = (a..=b).find(|q| !self.coverage.contains(q)) {
            return Err(invalid(
                file,
                self.header_line,
                format!(
                    "the period {} needs {}, which the table does not have; it covers {span}",
                    p.label(),
                    quarter_label(missing)
                ),
                "choose whole quarters inside what the table covers".to_string(),
            ));
        }
        Ok(())
    }
}

/// Whose figures [`Aggregator::emit`] writes, and where they come from.
struct Series<'a> {
    file: &'a str,
    country: &'a str,
    slug: &'a str,
    /// The line their origin points at: where the nationality first appears, or the header.
    line: u64,
}

/// The quarter numbers a period spans, when it starts on a quarter's first day and ends on a
/// quarter's last day.
fn quarter_span(p: &Period) -> Option<(i32, i32)> {
    let number = |d: NaiveDate| year_quarter(d.year(), i32::try_from(d.month0() / 3 + 1).ok()?);
    let (a, b) = (number(p.start)?, number(p.end)?);
    (quarters_period(a, b)? == *p).then_some((a, b))
}

/// Quarters `a` to `b` as a period of days.
fn quarters_period(a: i32, b: i32) -> Option<Period> {
    let first = Period::quarter(a.div_euclid(4), u32::try_from(a.rem_euclid(4) + 1).ok()?)?;
    let last = Period::quarter(b.div_euclid(4), u32::try_from(b.rem_euclid(4) + 1).ok()?)?;
    Period::new(first.start, last.end)
}

/// What every figure of one series and period shares.
struct Ctx<'a> {
    table: Table,
    file: &'a str,
    country: &'a str,
    slug: &'a str,
    line: u64,
    period: Period,
    /// First and last quarter numbers of the period.
    first_q: i32,
    q: i32,
    main_only: bool,
}

impl Ctx<'_> {
    fn figure(
        &self,
        metric: &str,
        value: f64,
        unit: Unit,
        note: String,
        categories: String,
    ) -> Figure {
        let when = if self.period.is_calendar_year() {
            format!("{}", self.period.end.format("%Y"))
        } else if self.q - self.first_q == 3 {
            format!("ye-{}", self.period.end.format("%Y-%m"))
        } else {
            format!("{}-to-{}", self.period.start, self.period.end)
        };
        Figure {
            id: format!(
                "{}-{}-{}-{when}",
                self.table.tag(),
                metric.replace('_', "-"),
                self.slug
            ),
            metric: metric.to_string(),
            country: self.country.to_string(),
            period: self.period,
            value,
            unit,
            qualifier: Qualifier::Exact,
            // Counts are exact, and so are rates computed from them: a point, not a range.
            rounded_to: NOT_ROUNDED,
            stated_yoy_pct: None,
            source: "Home Office".to_string(),
            note: Some(note),
            rate_base: None,
            derivation: Some(Box::new(Derivation {
                sheet: self.table.name().to_string(),
                rows_are: RowKind::Quarter,
                first: quarter_label(self.first_q),
                last: quarter_label(self.q),
                count: u64::try_from(self.q - self.first_q + 1).unwrap_or(0),
                categories,
            })),
            origin: Origin {
                file: self.file.to_string(),
                line: self.line,
            },
        }
    }

    fn quarters(&self) -> String {
        if self.first_q == self.q {
            quarter_label(self.q)
        } else {
            format!(
                "{} to {}",
                quarter_label(self.first_q),
                quarter_label(self.q)
            )
        }
    }

    fn who(&self) -> &'static str {
        if self.main_only {
            "main applicants only"
        } else {
            "main applicants and dependants"
        }
    }

    fn count(&self, metric: &str, value: f64) -> Figure {
        let what = match (self.table, metric) {
            (Table::Arrivals, "small_boat_arrivals") => {
                "detections, method of entry Small boat arrivals".to_string()
            }
            (Table::Arrivals, m) => format!("detections, method of entry {}", m.replace('_', " ")),
            (_, "initial_grants") => format!(
                "initial decisions: Grant of Protection + Grant of Other Leave; {}",
                self.who()
            ),
            (_, "initial_refusals") => {
                format!("initial decisions: Refused; {}", self.who())
            }
            (Table::ReturnsByDestination, m) => {
                let group = match m {
                    "enforced_returns" => "return type group Enforced return",
                    "voluntary_returns" => "return type group Voluntary return",
                    "refused_entry_returns" => {
                        "return type group Refused entry at port and subsequently departed"
                    }
                    _ => "every return type group",
                };
                format!(
                    "{group}; by return destination: the country is where people were returned to, not their nationality"
                )
            }
            (Table::OffenderReturns, _) => {
                "returns of foreign national offenders, every return destination group".to_string()
            }
            (Table::SmallBoatApplications, _) => format!(
                "asylum applications raised by small boat arrivals, by quarter of arrival; {}",
                self.who()
            ),
            (Table::Applications, _) => {
                format!("asylum applications, all routes; {}", self.who())
            }
            (_, "enforced_returns") => "return type group Enforced return".to_string(),
            (_, "voluntary_returns") => "return type group Voluntary return".to_string(),
            (_, _) => "every return type group".to_string(),
        };
        let note = format!(
            "Home Office {}: {what}; {}",
            self.table.name(),
            self.quarters()
        );
        self.figure(metric, value, Unit::People, note, what)
    }

    /// The Home Office initial grant rate, with its counts; None when there was no grant or
    /// refusal. Over a cohort (Irr_D03) the note says so, and how much of it is decided.
    fn rate(&self, grants: f64, refusals: f64, cohort: Option<Cohort>) -> Option<Figure> {
        let decided = grants + refusals;
        if decided <= 0.0 {
            return None;
        }
        let base = RateBase {
            count: grants,
            base: decided,
            cohort,
        };
        let whose = match (cohort, base.share_decided_pct()) {
            (Some(c), Some(share)) => format!(
                "by year of arrival: small-boat arrivals in {}, of whom {decided} of {} ({share:.1}%) have an initial decision, {} await one and {} withdrew",
                self.quarters(),
                c.size,
                c.awaiting,
                c.withdrawn
            ),
            _ => format!("decisions made in {}", self.quarters()),
        };
        let note = format!(
            "Home Office {}: initial grant rate = (Grant of Protection + Grant of Other Leave) / (those + Refused) = {grants} / {decided}; withdrawn, administrative and awaiting outcomes excluded; {}; {whose}",
            self.table.name(),
            self.who(),
        );
        let categories = format!(
            "initial decisions: Grant of Protection + Grant of Other Leave, and Refused; {}",
            self.who()
        );
        let mut f = self.figure(
            "initial_grant_rate",
            base.percent(),
            Unit::Percent,
            note,
            categories,
        );
        f.rate_base = Some(base);
        Some(f)
    }
}

/// Slugs for ids, unique per nationality: a clash gets `-2`, `-3`... in name order.
#[derive(Default)]
struct Slugs {
    taken: std::collections::HashSet<String>,
}

impl Slugs {
    fn unique(&mut self, name: &str) -> String {
        let base = slug(name, '-');
        let base = if base.is_empty() {
            "unnamed".to_string()
        } else {
            base
        };
        let mut s = base.clone();
        let mut k = 2;
        while self.taken.contains(&s) {
            s = format!("{base}-{k}");
            k += 1;
        }
        self.taken.insert(s.clone());
        s
    }
}

/// Lowercase ASCII letters and digits; every other run of characters becomes one `sep`.
pub(super) fn slug(name: &str, sep: char) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
        }
    }
    while out.ends_with(sep) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Côte d'Ivoire", '-'), "c-te-d-ivoire");
        assert_eq!(slug("  Iraq ", '-'), "iraq");
        let mut s = Slugs::default();
        assert_eq!(s.unique("Congo (Brazzaville)"), "congo-brazzaville");
        assert_eq!(s.unique("Congo, Brazzaville"), "congo-brazzaville-2");
        assert_eq!(s.unique("***"), "unnamed");
    }

    #[test]
    fn periods_of_whole_quarters() {
        let p = |a: &str, b: &str| Period::new(a.parse().unwrap(), b.parse().unwrap()).unwrap();
        assert_eq!(
            quarters_period(2023 * 4, 2023 * 4),
            Some(p("2023-01-01", "2023-03-31"))
        );
        assert_eq!(
            quarter_span(&p("2024-04-01", "2025-03-31")),
            Some((2024 * 4 + 1, 2025 * 4))
        );
        assert_eq!(quarter_span(&p("2024-04-01", "2025-03-30")), None);
        assert_eq!(quarter_span(&p("2024-05-01", "2024-06-30")), None);
        assert_eq!(quarter_label(2023 * 4 + 1), "2023 Q2");
    }
}
