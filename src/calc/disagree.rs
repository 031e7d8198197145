//! Files that disagree: two loaded files giving different values for the same metric, country
//! and period (the provisional daily series and the quarterly Irr_D01 for 2022, say). They are
//! never paired (see [`super::analyse`]); this finds them so that a reader is told.

use crate::domain::Figure;
use std::collections::BTreeMap;

/// One metric, country and period on which files disagree: the first figure of each file.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement<'a> {
    pub figures: Vec<&'a Figure>,
}

/// A grant rate or decision count by year of arrival (Irr_D03) measures something else than
/// one by year of decision (Asy_D02), so the two never disagree: they do not say the same thing.
fn by_arrival_year(f: &Figure) -> bool {
    f.rate_base.is_some_and(|b| b.cohort.is_some()) || f.id.starts_with("irr-d03-")
}

/// Every metric, country (ignoring case) and period for which two files give figures whose
/// stated ranges do not meet, in the order of the figures' first appearance.
pub fn disagreements(figures: &[Figure]) -> Vec<Disagreement<'_>> {
    let mut groups: BTreeMap<(usize, bool), Vec<&Figure>> = BTreeMap::new();
    let mut keys: BTreeMap<(&str, String, crate::domain::Period), usize> = BTreeMap::new();
    for f in figures {
        let next = keys.len();
        let k = *keys
            .entry((f.metric.as_str(), f.country.to_lowercase(), f.period))
            .or_insert(next);
        groups.entry((k, by_arrival_year(f))).or_default().push(f);
    }
    let mut out = Vec::new();
    for group in groups.into_values() {
        let mut per_file: Vec<&Figure> = Vec::new();
        for f in group {
            if !per_file
                .iter()
                .any(|g| g.origin.file == f.origin.file || g.unit != f.unit)
            {
                per_file.push(f);
            }
        }
        let apart = per_file.iter().enumerate().any(|(i, a)| {
            per_file
                .iter()
                .skip(i + 1)
                .any(|b| !a.stated_range().overlaps(&b.stated_range()))
        });
        if apart {
            out.push(Disagreement { figures: per_file });
        }
    }
    out.sort_by_key(|d| {
        d.figures
            .first()
            .and_then(|f| figures.iter().position(|g| std::ptr::eq(g, *f)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Origin, Period, Qualifier, Unit};
    use chrono::NaiveDate;

    fn fig(id: &str, file: &str, value: f64, qualifier: Qualifier, rounded_to: f64) -> Figure {
        let d = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap_or_default();
        Figure {
            id: id.to_string(),
            metric: "small_boat_arrivals".to_string(),
            country: "all".to_string(),
            period: Period::new(d(1, 1), d(12, 31)).unwrap_or_else(|| unreachable!()),
            value,
            unit: Unit::People,
            qualifier,
            rounded_to,
            stated_yoy_pct: None,
            source: "Home Office".to_string(),
            note: None,
            rate_base: None,
            derivation: None,
            origin: Origin {
                file: file.to_string(),
                line: 1,
            },
        }
    }

    #[test]
    fn exact_counts_from_two_files_that_differ_disagree() {
        let figures = vec![
            fig("a", "daily.ods [SB_01]", 45_755.0, Qualifier::Exact, 1.0),
            fig("b", "irr_d01.csv", 45_774.0, Qualifier::Exact, 1.0),
            fig("c", "article.csv", 46_000.0, Qualifier::About, 1000.0),
        ];
        let d = disagreements(&figures);
        assert_eq!(d.len(), 1);
        let ids: Vec<&str> = d[0].figures.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        // Figures that agree within their wording do not.
        assert!(disagreements(&figures[2..]).is_empty());
        let same = vec![
            fig("a", "x.csv", 45_755.0, Qualifier::Exact, 1.0),
            fig("b", "y.csv", 45_755.0, Qualifier::Exact, 1.0),
        ];
        assert!(disagreements(&same).is_empty());
        // One file's own two figures are not a disagreement between files.
        let one = vec![
            fig("a", "x.csv", 45_755.0, Qualifier::Exact, 1.0),
            fig("b", "x.csv", 45_774.0, Qualifier::Exact, 1.0),
        ];
        assert!(disagreements(&one).is_empty());
    }
}
