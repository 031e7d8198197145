//! One sentence read number by number: each becomes a level, the base of a change ("up from
//! 18,000"), a change ("up 51% on this point last year"), or a difference ("159 fewer than"),
//! and takes the period its own clause names.

use super::found::{Found, Shift, What};
use super::number::{Kind, Mention};
use super::vocab::{self, Direction};
use super::words::{Words, clause_of};
use super::{Claim, Extracted, NotUnderstood, Place, Stated, StatedChange, text_of};

mod place;
use crate::domain::{Period, Qualifier};
use chrono::{Datelike, NaiveDate};

enum Role {
    Value,
    Base(Option<Direction>),
    Change(Direction),
    Difference(Direction),
}

/// The state of one sentence's reading.
pub struct Reader<'a> {
    sentence: &'a str,
    words: &'a Words,
    periods: Vec<Found>,
    eve: NaiveDate,
    place: &'a Place,
    pub out: Vec<Extracted>,
    /// The claim a following base or change is measured on, and the clause its change was
    /// stated in.
    owner: Option<usize>,
    change_clause: Option<(usize, usize)>,
    /// The previous sentence's only figure: what a change with no metric word of its own
    /// ("This is up 51% on this point last year") is measured on.
    context: Option<Claim>,
    /// The files' one count of people, for a sentence whose subject only points at a figure.
    subject: Option<&'static str>,
}

impl<'a> Reader<'a> {
    pub fn new(
        sentence: &'a str,
        words: &'a Words,
        periods: Vec<Found>,
        date: NaiveDate,
        place: &'a Place,
    ) -> Self {
        Reader {
            sentence,
            words,
            periods,
            eve: date.pred_opt().unwrap_or(date),
            place,
            out: Vec::new(),
            owner: None,
            change_clause: None,
            context: None,
            subject: None,
        }
    }

    /// The previous sentence's figure, when it had exactly one.
    pub fn after(mut self, previous: Option<&Claim>) -> Self {
        self.context = previous.cloned();
        self
    }

    /// The count of people a sentence pointing at a figure is about.
    pub fn about(mut self, subject: Option<&'static str>) -> Self {
        self.subject = subject;
        self
    }

    /// Whether the sentence names no metric (nor boats) of its own.
    fn no_metric(&self) -> bool {
        let whole = (0, self.sentence.len());
        vocab::metric(self.words, whole, 0, |_| true).is_none() && !vocab::about_boats(self.words)
    }

    /// The previous sentence's figure, for a sentence that names no metric of its own.
    fn context(&self) -> Option<&Claim> {
        self.context.as_ref().filter(|_| self.no_metric())
    }

    /// The files' one count of people, for a sentence with no metric of its own whose subject
    /// only points at a figure ("This is up 51%…", "the provisional total … is 20,101"), when no
    /// previous sentence gives one.
    fn subject(&self) -> Option<&'static str> {
        let points = vocab::points_at_figure(self.words);
        self.subject
            .filter(|_| self.context.is_none() && points && self.no_metric())
    }

    fn claim(&self, i: usize) -> Option<&Claim> {
        match self.out.get(i) {
            Some(Extracted::Claim(c)) => Some(c),
            _ => None,
        }
    }

    fn claim_mut(&mut self, i: usize) -> Option<&mut Claim> {
        match self.out.get_mut(i) {
            Some(Extracted::Claim(c)) => Some(c),
            _ => None,
        }
    }

    fn not_understood(&mut self, span: (usize, usize), missing: Vec<&'static str>) {
        let clause = clause_of(self.sentence, span.0);
        let counted = |m: &str| m != "initial_grant_rate" && m != "people_per_boat";
        let metric = (!missing.contains(&"metric"))
            .then(|| vocab::metric(self.words, clause, span.0, counted))
            .flatten()
            .map(|(m, _)| m);
        self.out.push(Extracted::NotUnderstood(NotUnderstood {
            span,
            missing,
            metric,
        }));
    }

    /// One number.
    pub fn read(&mut self, m: &Mention) {
        let hedge = vocab::hedge(self.words, self.sentence, m.start);
        let head = hedge.map_or(m.start, |(_, s)| s);
        let span = (head, m.end);
        let before = self.words.last_before(head, 3);
        let after = self.words.first_after(m.end, 2);
        let clause = clause_of(self.sentence, m.start);
        let bracketed = self
            .sentence
            .get(..head)
            .is_some_and(|b| b.trim_end().ends_with('('));
        let changed_here = self.change_clause == Some(clause) || bracketed;
        let role = match (m.kind, vocab::base_marker(&before)) {
            (Kind::Percent, _) if after.first() != Some(&"of") => {
                match vocab::percent_change(&before, &after) {
                    Some(d) => Role::Change(d),
                    None => Role::Value,
                }
            }
            // "close to 20,000, more than double the 8,420": a comma ends the number's phrase.
            (Kind::Count, _)
                if !self.phrase_ends(m.end) && vocab::difference(&before, &after).is_some() =>
            {
                vocab::difference(&before, &after).map_or(Role::Value, Role::Difference)
            }
            (_, Some(direction)) if self.owner.is_some() => Role::Base(direction),
            (Kind::Count, None) if self.owner.is_some() && changed_here => Role::Base(None),
            _ => Role::Value,
        };
        match role {
            Role::Change(d) => self.change(m, span, clause, d, hedge),
            Role::Difference(d) => self.difference(m, span, clause, d, hedge),
            Role::Value => self.value(m, span, clause, hedge, &before),
            Role::Base(d) => self.base(m, span, clause, d, hedge),
        }
    }

    /// Whether punctuation follows the text at `at`, ending its phrase.
    fn phrase_ends(&self, at: usize) -> bool {
        self.sentence
            .get(at..)
            .is_some_and(|rest| rest.trim_start().starts_with([',', ';', ':', '–', '—']))
    }

    fn value(
        &mut self,
        m: &Mention,
        span: (usize, usize),
        clause: (usize, usize),
        hedge: Option<(Qualifier, usize)>,
        before: &[&str],
    ) {
        match self.place_level(m, hedge, span, clause) {
            Ok(mut claim) => {
                if let Some(d) = vocab::to_marker(before) {
                    claim.change = Some(self.change_words(clause, Some(d), false));
                }
                self.owner = Some(self.out.len());
                self.change_clause = None;
                self.out.push(Extracted::Claim(Box::new(claim)));
            }
            Err(missing) => self.not_understood(span, missing),
        }
    }

    fn base(
        &mut self,
        m: &Mention,
        span: (usize, usize),
        clause: (usize, usize),
        d: Option<Direction>,
        hedge: Option<(Qualifier, usize)>,
    ) {
        let Some(i) = self.owner else {
            return;
        };
        let main = self.claim(i).cloned();
        match self.place(m, hedge, span, clause, main.as_ref()) {
            Ok(claim) => {
                let index = self.out.len();
                let base_period = claim.figure.period;
                self.out.push(Extracted::Claim(Box::new(claim)));
                let words = text_of(self.sentence, clause);
                if let Some(c) = self.claim_mut(i) {
                    let yoy = c.figure.period.year_before() == Some(base_period);
                    let change = c.change.get_or_insert(StatedChange {
                        words: String::new(),
                        direction: d,
                        percent: None,
                        base: None,
                        year_on_year: yoy,
                        against: None,
                    });
                    if change.base.is_none() {
                        change.base = Some(index);
                    }
                    change.direction = change.direction.or(d);
                    change.year_on_year |= yoy;
                    change.against = change.against.or(Some(base_period));
                    if change.words.is_empty() {
                        change.words = words;
                    }
                }
            }
            Err(missing) => self.not_understood(span, missing),
        }
    }

    fn change_words(
        &self,
        clause: (usize, usize),
        direction: Option<Direction>,
        yoy: bool,
    ) -> StatedChange {
        StatedChange {
            words: text_of(self.sentence, clause),
            direction,
            percent: None,
            base: None,
            year_on_year: yoy,
            against: None,
        }
    }

    /// The period a change at `at` is measured against: the first period after it in its
    /// clause that comparison words lead to ("on the same period of 2023", "than at this stage
    /// in 2023", "compared with the first three months of 2022").
    fn comparison(&self, at: usize, clause: (usize, usize)) -> Option<Found> {
        self.periods.iter().copied().find(|p| {
            p.start >= at
                && p.end <= clause.1
                && !matches!(p.what, What::Reference | What::Future | What::Unfinished(_))
                && self.words.0.iter().any(|w| {
                    w.start >= at && w.end <= p.start && vocab::COMPARING.contains(&w.text.as_str())
                })
        })
    }

    /// The period a number or change is for, other than `not`: in its clause (nearest), else
    /// the nearest before it in the sentence.
    fn own_period(&self, at: usize, clause: (usize, usize), not: Option<Found>) -> Option<Found> {
        let usable = |p: &&Found| {
            // Not `not`, nor words inside it ("last year" in "the same point last year"), nor
            // after it in the clause ("than … between January and June in 2022").
            let inside = not.is_some_and(|n| n.start <= p.start && p.end <= n.end);
            let after = not.is_some_and(|n| p.start >= n.start && p.start < clause.1);
            !inside && !after && !matches!(p.what, What::Reference) && p.start != p.end
        };
        // A period before the number with "after", "when", "as" or "before" between them is
        // another event's ("reached on Saturday after 288 people crossed … on Friday").
        let other_event = |p: &&Found| {
            p.end <= at
                && self.words.0.iter().any(|w| {
                    w.start >= p.end
                        && w.end <= at
                        && matches!(
                            w.text.as_str(),
                            "after" | "when" | "as" | "before" | "while"
                        )
                })
        };
        self.periods
            .iter()
            .filter(usable)
            .filter(|p| p.start >= clause.0 && p.start < clause.1)
            .filter(|p| !other_event(p))
            .min_by_key(|p| p.start.abs_diff(at))
            .or_else(|| {
                self.periods
                    .iter()
                    .filter(usable)
                    .rev()
                    .find(|p| p.end <= at)
            })
            .or_else(|| self.periods.iter().filter(usable).find(|p| p.start >= at))
            .copied()
    }

    /// The period of the sentence that a "same point in another year" is counted from: the
    /// first dates it names, else the year to the day before publication.
    fn current(&self) -> Option<(Period, bool)> {
        self.periods
            .iter()
            .filter(|p| !self.compared_with(p))
            .find_map(|p| match p.what {
                What::Dates { period, to_eve } => Some((period, to_eve)),
                _ => None,
            })
            .or_else(|| {
                let jan1 = NaiveDate::from_ymd_opt(self.eve.year(), 1, 1)?;
                Period::new(jan1, self.eve).map(|p| (p, true))
            })
    }

    /// Whether words just before `p` make it what something is compared with ("higher than in
    /// 2023", "compared with 2022"), not a period of the sentence's own.
    fn compared_with(&self, p: &Found) -> bool {
        self.words
            .last_before(p.start, 3)
            .iter()
            .any(|w| matches!(*w, "than" | "compared" | "against" | "versus" | "vs"))
    }

    /// Whether the words just before `p` say it is a whole year ("the whole of 2023", "all of
    /// 2023", "the entire year").
    fn whole_year_words(&self, p: Found) -> bool {
        self.words
            .last_before(p.start, 3)
            .iter()
            .any(|w| matches!(*w, "whole" | "all" | "entire" | "entirety" | "full"))
    }

    /// Resolves found period words against `main`'s period (or the sentence's current one).
    fn resolve(&self, found: Found, main: Option<(Period, bool)>) -> Option<(Period, bool)> {
        match found.what {
            What::Dates { period, to_eve } => Some((period, to_eve)),
            What::Before(shift) => {
                let (p, to_eve) = main.or_else(|| self.current())?;
                shift.apply(p).map(|q| (q, to_eve))
            }
            What::Reference | What::Future | What::Unfinished(_) => None,
        }
    }

    /// A stated change: attached to the figure it is measured on, or a row of its own.
    fn change(
        &mut self,
        m: &Mention,
        span: (usize, usize),
        clause: (usize, usize),
        d: Direction,
        hedge: Option<(Qualifier, usize)>,
    ) {
        let signed = match d {
            Direction::Up => m.value,
            Direction::Down => -m.value,
        };
        let free = self
            .owner
            .and_then(|i| self.claim(i))
            .is_some_and(|c| c.change.as_ref().is_none_or(|x| x.percent.is_none()));
        let index = match (self.owner, free) {
            (Some(i), true) => i,
            _ => match self.measured(m, span, clause, hedge, Stated::Change) {
                Ok(claim) => {
                    self.out.push(Extracted::Claim(Box::new(claim)));
                    self.out.len() - 1
                }
                Err(missing) => return self.not_understood(span, missing),
            },
        };
        self.owner = Some(index);
        self.change_clause = Some(clause);
        let comparison = self.comparison(m.end, clause);
        let yoy_words = vocab::YEAR_ON_YEAR
            .iter()
            .any(|p| !self.words.find(p, clause).is_empty());
        let words = text_of(self.sentence, clause);
        let resolved = self.against(index, comparison, yoy_words);
        if let Some(c) = self.claim_mut(index) {
            let change = c.change.get_or_insert(StatedChange {
                words: words.clone(),
                direction: Some(d),
                percent: None,
                base: None,
                year_on_year: false,
                against: None,
            });
            change.percent = Some(signed);
            change.words = words;
            change.direction = Some(d);
            change.against = change.against.or(resolved);
            change.year_on_year |=
                yoy_words || (resolved.is_some() && resolved == c.figure.period.year_before());
            if change.year_on_year && c.stated == Stated::Level {
                c.figure.stated_yoy_pct = Some(signed);
            }
        }
    }

    /// The comparison period of the change on claim `index`.
    fn against(&self, index: usize, comparison: Option<Found>, yoy: bool) -> Option<Period> {
        let c = self.claim(index)?;
        let current = (c.figure.period, c.to_eve);
        let year_before = c.figure.period.year_before();
        match comparison {
            // "down 10% on last year" said of July: July last year; "67% higher than in 2023"
            // said of this year so far: the same span of 2023.
            Some(f) => self.resolve(f, Some(current)).map(|(p, _)| {
                let earlier_year = p.is_calendar_year()
                    && p.start.year() < c.figure.period.start.year()
                    && !c.figure.period.is_calendar_year()
                    && !self.whole_year_words(f);
                match Shift::Year(p.start.year()).apply(c.figure.period) {
                    Some(same_span) if earlier_year => same_span,
                    _ => p,
                }
            }),
            // "down by 20% this year": a running total's change is on the same span a year
            // earlier; so is one the words call year on year.
            None if yoy || c.to_eve => year_before,
            None => None,
        }
    }

    /// A difference: "159 fewer than", "an increase of 96 crossings compared with".
    fn difference(
        &mut self,
        m: &Mention,
        span: (usize, usize),
        clause: (usize, usize),
        d: Direction,
        hedge: Option<(Qualifier, usize)>,
    ) {
        match self.measured(m, span, clause, hedge, Stated::Difference) {
            Ok(mut claim) => {
                let index = self.out.len();
                claim.change = Some(self.change_words(clause, Some(d), false));
                self.out.push(Extracted::Claim(Box::new(claim)));
                let comparison = self.comparison(m.end, clause);
                let resolved = self.against(index, comparison, false);
                if let Some(ch) = self.claim_mut(index).and_then(|c| c.change.as_mut()) {
                    ch.against = resolved;
                }
                self.owner = Some(index);
                self.change_clause = Some(clause);
            }
            Err(missing) => self.not_understood(span, missing),
        }
    }

    /// A change or difference of its own: metric, country and period from the figure it is
    /// measured on, else from its words; a change with no period of its own stated is for the
    /// latest span like the one it is compared with ("15% down on … January 2025").
    fn measured(
        &self,
        m: &Mention,
        span: (usize, usize),
        clause: (usize, usize),
        hedge: Option<(Qualifier, usize)>,
        stated: Stated,
    ) -> Result<Claim, Vec<&'static str>> {
        let owner = self.owner.and_then(|i| self.claim(i));
        let main = owner.filter(|c| c.stated != Stated::Difference);
        let context = self.context().filter(|_| owner.is_none());
        let count = Mention {
            kind: Kind::Count,
            ..m.clone()
        };
        let mut claim = self.place(&count, hedge, span, clause, main.or(context))?;
        claim.stated = stated;
        claim.figure.stated_yoy_pct = None;
        if let Some(c) = main {
            claim.figure.period = c.figure.period;
            claim.period_inferred = c.period_inferred;
            claim.to_eve = c.to_eve;
            claim.period_words.clone_from(&c.period_words);
            claim.change = None;
        } else {
            // Its own period is not the one it is compared with.
            let comparison = self.comparison(m.end, clause);
            // A period in a later clause ("…, and 30% below the figure for January 2024") is
            // that clause's, not this change's.
            let own = self
                .own_period(m.start, clause, comparison)
                .filter(|f| f.start < clause.1);
            if let Some((f, p)) = own.and_then(|f| Some((f, self.twelve_months_to(f, context)?))) {
                claim.figure.period = p;
                claim.to_eve = false;
                claim.period_words = text_of(self.sentence, (f.start, f.end));
                return Ok(claim);
            }
            if own.is_some_and(|f| matches!(f.what, What::Unfinished(_) | What::Future)) {
                return Err(vec![
                    "a period that had ended by the day before publication",
                ]);
            }
            let own = own.filter(|f| matches!(f.what, What::Dates { .. }));
            let (period, to_eve, words) = match own.and_then(|f| self.resolve(f, None)) {
                Some((p, e)) => (p, e, own.map(|f| text_of(self.sentence, (f.start, f.end)))),
                None => {
                    claim.period_inferred = context.is_none();
                    let (p, e) = match context {
                        Some(c) => (c.figure.period, c.to_eve),
                        None => comparison
                            .and_then(|f| self.resolve(f, None))
                            .and_then(|(p, _)| latest_like(p, self.eve))
                            .ok_or_else(|| vec!["period"])?,
                    };
                    let words = context.map(|c| c.period_words.clone());
                    (p, e, words)
                }
            };
            claim.figure.period = period;
            claim.to_eve = to_eve;
            claim.period_words = words.unwrap_or_default();
        }
        Ok(claim)
    }

    /// "the 12 months to November 2023" in a November article, after a sentence counting to
    /// 7 November: the twelve months to that day, the latest the words give for that month.
    fn twelve_months_to(&self, f: Found, context: Option<&Claim>) -> Option<Period> {
        let What::Unfinished(named) = f.what else {
            return None;
        };
        let end = context?.figure.period.end;
        let month = NaiveDate::from_ymd_opt(named.end.year(), named.end.month(), 1)?;
        if end < month || end > named.end || end > self.eve {
            return None;
        }
        let start = end
            .checked_sub_months(chrono::Months::new(12))?
            .succ_opt()?;
        Period::new(start, end)
    }

    /// Changes in words: "doubled", "down by a third".
    pub fn word_changes(&mut self) {
        let whole = (0, self.sentence.len());
        for (phrase, pct) in vocab::WORD_CHANGES {
            for (s, e) in self.words.find(phrase, whole) {
                let target = self
                    .out
                    .iter_mut()
                    .filter_map(|x| match x {
                        Extracted::Claim(c) if c.change.is_none() => Some(&mut **c),
                        _ => None,
                    })
                    .min_by_key(|c| c.span.0.abs_diff(s));
                if let Some(c) = target {
                    c.change = Some(StatedChange {
                        words: self.sentence.get(s..e).unwrap_or_default().to_string(),
                        direction: Some(if pct > 0.0 {
                            Direction::Up
                        } else {
                            Direction::Down
                        }),
                        percent: Some(pct),
                        base: None,
                        year_on_year: false,
                        against: None,
                    });
                }
            }
        }
    }
}

/// The latest span like `p`, a whole number of years later, that ends by `eve`.
fn latest_like(p: Period, eve: NaiveDate) -> Option<(Period, bool)> {
    let years = eve.year() - p.start.year();
    (1..=years.max(0)).rev().find_map(|n| {
        let q = Period::new(
            p.start
                .checked_add_months(chrono::Months::new(12 * u32::try_from(n).ok()?))?,
            p.end
                .checked_add_months(chrono::Months::new(12 * u32::try_from(n).ok()?))?,
        )?;
        let q = if p.is_whole_months() {
            Period::month(q.start.year(), q.start.month())
                .filter(|_| q.start.month() == q.end.month())
                .unwrap_or(q)
        } else {
            q
        };
        (q.end <= eve).then_some((q, false))
    })
}
