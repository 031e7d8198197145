//! Placing one number: what it counts, for whom, and for which period, from the words nearest
//! to it.

use super::Reader;
use crate::domain::{Figure, Origin, Period, Qualifier, Unit};
use crate::sentences::found::{Found, What};
use crate::sentences::number::{Kind, Mention};
use crate::sentences::vocab;
use crate::sentences::{Claim, Extracted, Stated, text_of};
use chrono::{Datelike, NaiveDate};

impl Reader<'_> {
    /// Metric, country, period and wording for one number; Err with what is missing.
    /// A level of its own: as [`Self::place`], but a period its clause compares it with
    /// ("29,578 … compared to 29,437 in 2023") is not its period.
    pub(super) fn place_level(
        &self,
        m: &Mention,
        hedge: Option<(Qualifier, usize)>,
        span: (usize, usize),
        clause: (usize, usize),
    ) -> Result<Claim, Vec<&'static str>> {
        let compared = self.compared_after(m.end, clause);
        self.place_beside(m, hedge, span, clause, None, compared)
    }

    pub(super) fn place(
        &self,
        m: &Mention,
        hedge: Option<(Qualifier, usize)>,
        span: (usize, usize),
        clause: (usize, usize),
        main: Option<&Claim>,
    ) -> Result<Claim, Vec<&'static str>> {
        self.place_beside(m, hedge, span, clause, main, None)
    }

    fn place_beside(
        &self,
        m: &Mention,
        hedge: Option<(Qualifier, usize)>,
        span: (usize, usize),
        clause: (usize, usize),
        main: Option<&Claim>,
        compared: Option<Found>,
    ) -> Result<Claim, Vec<&'static str>> {
        let mut missing = Vec::new();
        let (metric, unit) = match main {
            Some(c) => (Some(c.figure.metric.clone()), c.figure.unit),
            None => self.metric(m, clause),
        };
        if metric.is_none() {
            missing.push("metric");
        }
        let country = self.country(m, clause, main, unit);
        if country.is_none() {
            missing.push("partner country");
        }
        let direct = self.direct_period(m);
        let found = direct.or_else(|| self.own_period(m.start, clause, compared));
        if direct.is_none() && self.unread_span(clause) {
            missing.push("period: its clause names a span this reader does not resolve");
            return Err(missing);
        }
        if found.is_some_and(|f| f.what == What::Future) {
            missing.push("a period that had begun by the day before publication");
        }
        if found.is_some_and(|f| matches!(f.what, What::Unfinished(_))) {
            missing.push("a period that had ended by the day before publication (twelve months to a month not yet over)");
        }
        let main_period = main.map(|c| (c.figure.period, c.to_eve));
        let found = found.map(|f| self.already(f, clause));
        let period = found
            .and_then(|f| self.resolve(f, main_period))
            .map(|(p, e)| self.span_carried(main.or(self.list_head(m, clause)), direct, p, e))
            .map(|(p, e)| self.whole_year(clause, self.month_carried(m, found, p), e));
        if period.is_none() && !missing.iter().any(|x| x.starts_with("a period")) {
            missing.push("period");
        }
        let (Some(metric), Some(country), Some((period, to_eve))) = (metric, country, period)
        else {
            return Err(missing);
        };
        let period_words = found
            .map(|p| text_of(self.sentence, (p.start, p.end)))
            .unwrap_or_default();
        Ok(self.figure(
            m,
            hedge,
            span,
            clause,
            (metric, unit, country),
            period,
            to_eve,
            period_words,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn figure(
        &self,
        m: &Mention,
        hedge: Option<(Qualifier, usize)>,
        span: (usize, usize),
        clause: (usize, usize),
        (metric, unit, country): (String, Unit, String),
        period: Period,
        to_eve: bool,
        period_words: String,
    ) -> Claim {
        let range = m.high.map(|high| (m.value, high));
        let qualifier = match range {
            Some(_) => Qualifier::About,
            None => hedge.map_or(Qualifier::Exact, |(q, _)| q),
        };
        // An agreed sum of money is set, not counted: stated exactly, it is not rounded.
        let rounded_to = if let Some((low, high)) = range {
            high - low
        } else if unit == Unit::Gbp && qualifier == Qualifier::Exact {
            crate::domain::NOT_ROUNDED
        } else {
            m.rounded_to
        };
        let concept = (metric == "returns" && vocab::says_deported(self.words, clause))
            .then_some(vocab::DEPORTED)
            .or_else(|| (self.subject() == Some(metric.as_str())).then_some(vocab::FROM_FILES));
        let whole = (0, self.sentence.len());
        let source = if self.words.find("home office", whole).is_empty() {
            "claim"
        } else {
            "Home Office"
        };
        Claim {
            span,
            figure: Figure {
                id: format!("s{}-{}", self.place.sentence, self.out.len() + 1),
                metric,
                country,
                period,
                value: range.map_or(m.value, |(low, high)| f64::midpoint(low, high)),
                unit,
                qualifier,
                rounded_to,
                stated_yoy_pct: None,
                source: source.to_string(),
                note: Some(self.sentence.trim().to_string()),
                rate_base: None,
                derivation: None,
                origin: Origin {
                    file: self.place.file.clone(),
                    line: self.place.line,
                },
            },
            period_words,
            to_eve,
            change: None,
            concept,
            stated: Stated::Level,
            range,
            record: None,
            period_inferred: false,
        }
    }

    /// The first period after `at` in `clause` that words of comparison lead to ("compared to
    /// … in 2023", "than in 2022"; not "on", which also names days).
    fn compared_after(&self, at: usize, clause: (usize, usize)) -> Option<Found> {
        self.periods.iter().copied().find(|p| {
            p.start >= at
                && p.start < clause.1
                && self.words.0.iter().any(|w| {
                    w.start >= at
                        && w.end <= p.start
                        && matches!(
                            w.text.as_str(),
                            "compared" | "than" | "versus" | "vs" | "against"
                        )
                })
        })
    }

    /// Period words right after the number ("45 in 2019", "3,254, in 2024").
    fn direct_period(&self, m: &Mention) -> Option<Found> {
        // "similar levels to 2018 (9,236)", "the same point last year (16,712)": a number in
        // brackets right after period words is that period's.
        let head = self.sentence.get(..m.start).unwrap_or_default().trim_end();
        if let Some(open) = head.strip_suffix('(') {
            let end = open.trim_end().len();
            let named = self
                .periods
                .iter()
                .copied()
                .find(|p| p.end == end && !matches!(p.what, What::Reference | What::Future));
            if named.is_some() {
                return named;
            }
            // A bare year: "to 2018 (9,236)".
            let year = self
                .words
                .before(end)
                .filter(|w| w.end == end)
                .and_then(|w| {
                    let y = w.text.parse::<i32>().ok().filter(|_| w.text.len() == 4)?;
                    let period = Period::calendar_year(y).filter(|p| p.end <= self.eve)?;
                    Some(Found {
                        start: w.start,
                        end: w.end,
                        what: What::Dates {
                            period,
                            to_eve: false,
                        },
                    })
                });
            if year.is_some() {
                return year;
            }
        }
        // "the 2023 total of 29,437", "2021's total of 28,526": the period right before it.
        let before: Vec<&crate::sentences::words::Word> =
            self.words.0.iter().filter(|w| w.end <= m.start).collect();
        // "… the total for 2024 to 21,063": the period right after the total.
        if let [.., total, _, _, to] = before.as_slice()
            && total.text == "total"
            && matches!(to.text.as_str(), "to" | "at" | "of")
            && let Some(named) = self.periods.iter().copied().find(|p| {
                matches!(p.what, What::Dates { .. }) && p.start > total.end && p.end <= to.start
            })
        {
            return Some(named);
        }
        // "bringing the annual total to 25,436": this year's, to the day before publication.
        if let [.., the, annual, total, to] = before.as_slice()
            && the.text == "the"
            && matches!(annual.text.as_str(), "annual" | "yearly")
            && total.text == "total"
            && to.text == "to"
            && let Some(period) = NaiveDate::from_ymd_opt(self.eve.year(), 1, 1)
                .and_then(|jan1| Period::new(jan1, self.eve))
        {
            return Some(Found {
                start: annual.start,
                end: total.end,
                what: What::Dates {
                    period,
                    to_eve: true,
                },
            });
        }
        // "bringing the 2024 total to 21,063": to the day before publication for this year;
        // "the 2022 record of 45,774": that year.
        if let [.., total, of] = before.as_slice()
            && matches!(total.text.as_str(), "total" | "figure" | "tally" | "record")
            && matches!(of.text.as_str(), "of" | "to" | "at")
        {
            let named = self.periods.iter().copied().find(|p| {
                !matches!(p.what, What::Reference)
                    && p.end <= total.start
                    && total.start - p.end <= 3
            });
            if named.is_some() {
                return named;
            }
            // A bare year as the total's adjective: "the 2023 total of".
            let year = before
                .iter()
                .rev()
                .nth(2)
                .map(|w| w.text.trim_end_matches("'s"))
                .filter(|t| t.len() == 4)
                .and_then(|t| t.parse::<i32>().ok());
            let this_year = year == Some(self.eve.year());
            let year = year.and_then(Period::calendar_year).and_then(|y| {
                if this_year {
                    Period::new(y.start, self.eve)
                } else {
                    Some(y).filter(|y| y.end <= self.eve)
                }
            });
            if let (Some(period), Some(w)) = (year, before.iter().rev().nth(2)) {
                return Some(Found {
                    start: w.start,
                    end: w.end,
                    what: What::Dates {
                        period,
                        to_eve: this_year,
                    },
                });
            }
        }
        let next = self.words.after(m.end)?;
        let next = if matches!(next.text.as_str(), "in" | "for" | "during" | "on") {
            next
        } else {
            self.words
                .after(next.end)
                .filter(|_| self.words.first_after(m.end, 1) == ["people"])?
        };
        self.periods
            .iter()
            .copied()
            .find(|p| p.start == next.start && !matches!(p.what, What::Reference))
    }

    /// Whether the clause has words for a span of time outside every period phrase found
    /// ("over the past seven days", "the weekend", "the same date in 2024"): the number is
    /// for that span, which this reader does not resolve, not for a period named elsewhere.
    fn unread_span(&self, clause: (usize, usize)) -> bool {
        let words = &self.words.0;
        words.iter().enumerate().any(|(i, w)| {
            let before = i
                .checked_sub(1)
                .and_then(|k| words.get(k))
                .map_or("", |b| b.text.as_str());
            // "seven days", "this month", "the past week", "the same date": a span of its own;
            // "a single day", "in a month", "the highest month" are not.
            let spans = vocab::SPAN_WORDS.contains(&w.text.as_str())
                && (vocab::SPAN_OPENERS.contains(&before)
                    || before.chars().all(|c| c.is_ascii_digit()) && !before.is_empty()
                    || matches!(w.text.as_str(), "weekend" | "fortnight"));
            w.start >= clause.0
                && w.end <= clause.1
                && spans
                && !self
                    .periods
                    .iter()
                    .any(|p| p.start <= w.start && w.end <= p.end)
        })
    }

    /// "13,489 in the first half of 2024, up from 11,433 in 2023": a base or listed number given
    /// with a bare year is the main figure's span (a month or more of one year) in that year;
    /// words for a whole year keep the year.
    fn span_carried(
        &self,
        main: Option<&Claim>,
        direct: Option<Found>,
        p: Period,
        to_eve: bool,
    ) -> (Period, bool) {
        let Some(c) = main else {
            return (p, to_eve);
        };
        let span = c.figure.period;
        let bare_year = direct.is_some() && p.is_calendar_year();
        let years = span.start.year() - p.start.year();
        // A day or a week is not a span a writer elides ("800 on Saturday, and 29,437 in 2023").
        let part_year = (span.end - span.start).num_days() >= 27;
        if !bare_year
            || !part_year
            || span.is_calendar_year()
            || years <= 0
            || span.start.year() != span.end.year()
        {
            return (p, to_eve);
        }
        let shifted = (0..years).try_fold(span, |q, _| q.year_before());
        match shifted {
            Some(q) => (q, false),
            None => (p, to_eve),
        }
    }

    /// A bare year after a month named earlier in the sentence is that month of the year:
    /// "in January 2018; 45 in 2019", "in December was 3,254, in 2024".
    fn month_carried(&self, m: &Mention, found: Option<Found>, p: Period) -> Period {
        let bare_year = p.is_calendar_year() && found == self.direct_period(m);
        let month = self.periods.iter().find_map(|f| match f.what {
            What::Dates { period, .. }
                if f.end <= m.start
                    && (period.start.year(), period.start.month())
                        == (period.end.year(), period.end.month())
                    && period.start.day() == 1 =>
            {
                Some(period.start.month())
            }
            _ => None,
        });
        match (bare_year, month) {
            (true, Some(month)) => Period::month(p.start.year(), month)
                .filter(|q| q.end <= self.eve)
                .unwrap_or(p),
            _ => p,
        }
    }

    /// "last year, when more than 25,000 people had already made the journey": by the same point
    /// of last year, not the whole of it.
    fn already(&self, f: Found, clause: (usize, usize)) -> Found {
        let last_year = matches!(f.what, What::Dates { period, .. }
            if period.is_calendar_year() && period.start.year() == self.eve.year() - 1);
        let says = ["already", "by then", "by that point"]
            .iter()
            .any(|w| !self.words.find(w, clause).is_empty());
        // The running total of this year to the day before publication, a year earlier.
        let same_day = chrono::NaiveDate::from_ymd_opt(self.eve.year(), 1, 1)
            .and_then(|jan1| Period::new(jan1, self.eve))
            .and_then(|p| p.year_before());
        match same_day {
            Some(period) if last_year && says => Found {
                what: What::Dates {
                    period,
                    to_eve: false,
                },
                ..f
            },
            _ => f,
        }
    }

    /// "when the yearly total ended up at 45,755": the whole calendar year.
    fn whole_year(&self, clause: (usize, usize), p: Period, to_eve: bool) -> (Period, bool) {
        let says = vocab::WHOLE_YEAR
            .iter()
            .any(|w| !self.words.find(w, clause).is_empty());
        match Period::calendar_year(p.start.year()).filter(|y| says && y.end <= self.eve) {
            Some(year) => (year, false),
            None => (p, to_eve),
        }
    }

    fn metric(&self, m: &Mention, clause: (usize, usize)) -> (Option<String>, Unit) {
        let whole = (0, self.sentence.len());
        let words = self.words;
        match m.kind {
            Kind::Pounds => (vocab::pays(words).then(|| "funding".to_string()), Unit::Gbp),
            Kind::Percent => {
                let rate = |x: &str| x == "initial_grant_rate";
                let found = vocab::metric(words, clause, m.start, rate)
                    .or_else(|| vocab::metric(words, whole, m.start, rate));
                (found.map(|(x, _)| x.to_string()), Unit::Percent)
            }
            Kind::Count if vocab::counts_boats(words, m.end) => {
                (Some("small_boats".to_string()), Unit::Boats)
            }
            Kind::Count => {
                let count = |x: &str| x != "initial_grant_rate";
                let found = vocab::metric(words, clause, m.start, count)
                    .map(|(x, _)| x)
                    .or_else(|| self.listed(m, clause))
                    .or_else(|| vocab::metric(words, whole, m.start, count).map(|(x, _)| x));
                let found = found
                    .filter(|x| *x != "people_per_boat" || vocab::about_boats(words))
                    .or_else(|| self.subject())
                    .map(|x| match x {
                        // Applications by people who crossed in small boats: Irr_D02's count.
                        "asylum_applications" if vocab::by_boat_arrivals(words) => {
                            "small_boat_asylum_applications"
                        }
                        x => x,
                    });
                let unit = match found {
                    Some("people_per_boat") => Unit::Ratio,
                    Some("small_boats") => Unit::Boats,
                    _ => Unit::People,
                };
                (found.map(str::to_string), unit)
            }
        }
    }

    /// The figure a listed number follows ("12,644 by the same date in 2024, 10,601 in 2023"):
    /// the last level read, when only a comma or "and" stands between.
    fn list_head(&self, m: &Mention, clause: (usize, usize)) -> Option<&Claim> {
        let gap_ok = self
            .words
            .before(m.start)
            .is_none_or(|w| w.text == "and" || w.end <= clause.0);
        let last = self.out.iter().rev().find_map(|x| match x {
            Extracted::Claim(c) if c.stated == Stated::Level => Some(&**c),
            _ => None,
        })?;
        gap_ok.then_some(last)
    }

    /// A number in a list after another figure ("164 in 2019 and 43 in 2018"): the same
    /// metric as the figure before it.
    fn listed(&self, m: &Mention, clause: (usize, usize)) -> Option<&'static str> {
        let gap_ok = self
            .words
            .before(m.start)
            .is_none_or(|w| w.text == "and" || w.end <= clause.0);
        let last = self.out.iter().rev().find_map(|x| match x {
            Extracted::Claim(c) if c.stated == Stated::Level => Some(c),
            _ => None,
        })?;
        if !gap_ok {
            return None;
        }
        vocab::known_metric(&last.figure.metric)
    }

    fn country(
        &self,
        m: &Mention,
        clause: (usize, usize),
        main: Option<&Claim>,
        unit: Unit,
    ) -> Option<String> {
        let whole = (0, self.sentence.len());
        match main {
            Some(c) => Some(c.figure.country.clone()),
            None => vocab::country(self.words, clause, m.start)
                .or_else(|| {
                    // A deal's partner is often named outside the number's clause.
                    (unit == Unit::Gbp)
                        .then(|| vocab::country(self.words, whole, m.start))
                        .flatten()
                })
                .map(str::to_string)
                .or_else(|| (unit != Unit::Gbp).then(|| "all".to_string())),
        }
    }
}
