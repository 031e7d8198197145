//! Stated figures against official ones (SPEC §3, claim check): a stated figure is consistent
//! when the official value for the same metric, country and period lies inside its stated range.

use super::ClaimStatus;
use crate::domain::{Figure, Period};
use std::collections::HashMap;

/// One stated figure and the official figure that reproduces it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureCheck<'a> {
    pub stated: &'a Figure,
    /// Same metric, country (case-insensitive), period and unit.
    pub official: Option<&'a Figure>,
    /// official − stated.
    pub difference: Option<f64>,
    pub status: ClaimStatus,
}

/// Whether an official value bears out a stated figure.
pub fn check_stated_figure(stated: &Figure, official: f64) -> ClaimStatus {
    if stated.stated_range().contains(official) {
        ClaimStatus::Consistent
    } else {
        ClaimStatus::Inconsistent
    }
}

/// Every stated figure, in order, against the first matching official figure.
pub fn check_against<'a>(stated: &'a [Figure], official: &'a [Figure]) -> Vec<FigureCheck<'a>> {
    let mut index: HashMap<(&str, String, Period), &Figure> = HashMap::new();
    for f in official {
        index
            .entry((&f.metric, f.country.to_lowercase(), f.period))
            .or_insert(f);
    }
    stated
        .iter()
        .map(|s| {
            let official = index
                .get(&(s.metric.as_str(), s.country.to_lowercase(), s.period))
                .copied()
                .filter(|o| o.unit == s.unit);
            FigureCheck {
                stated: s,
                official,
                difference: official.map(|o| o.value - s.value),
                status: official.map_or(ClaimStatus::NotCheckable, |o| {
                    check_stated_figure(s, o.value)
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Origin, Qualifier, Unit};

    fn fig(id: &str, start: &str, end: &str, value: f64, q: Qualifier, r: f64) -> Figure {
        Figure {
            id: id.into(),
            metric: "small_boat_arrivals".into(),
            country: "all".into(),
            period: Period::new(start.parse().unwrap(), end.parse().unwrap()).unwrap(),
            value,
            unit: Unit::People,
            qualifier: q,
            rounded_to: r,
            stated_yoy_pct: None,
            source: "t".into(),
            note: None,
            rate_base: None,
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn the_article_pair_against_the_daily_series() {
        use Qualifier::*;
        let stated = [
            fig("c25", "2025-01-01", "2025-08-15", 27_000.0, Over, 1000.0),
            fig("c24", "2024-01-01", "2024-08-15", 18_000.0, About, 1000.0),
            fig("other", "2024-01-01", "2024-08-14", 18_000.0, About, 1000.0),
        ];
        // Values as the official side would give them; the test is of the comparison only.
        let official = [
            fig("o24", "2024-01-01", "2024-08-15", 18_574.0, Exact, 1.0),
            fig("o25", "2025-01-01", "2025-08-15", 27_997.0, Exact, 1.0),
        ];
        let got = check_against(&stated, &official);
        let status: Vec<_> = got.iter().map(|c| c.status).collect();
        assert_eq!(
            status,
            vec![
                ClaimStatus::Consistent,
                ClaimStatus::Inconsistent,
                ClaimStatus::NotCheckable
            ]
        );
        assert_eq!(got[0].official.map(|o| o.id.as_str()), Some("o25"));
        assert_eq!(got[0].difference, Some(997.0));
        assert_eq!(got[1].difference, Some(574.0));
        assert_eq!(got[2].difference, None);
    }

    #[test]
    fn range_edges_are_inside() {
        let over = fig(
            "x",
            "2025-01-01",
            "2025-01-02",
            27_000.0,
            Qualifier::Over,
            1000.0,
        );
        assert_eq!(
            check_stated_figure(&over, 27_000.0),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_figure(&over, 28_000.0),
            ClaimStatus::Consistent
        );
        assert_eq!(
            check_stated_figure(&over, 26_999.0),
            ClaimStatus::Inconsistent
        );
        assert_eq!(
            check_stated_figure(&over, 28_001.0),
            ClaimStatus::Inconsistent
        );
    }

    #[test]
    fn a_different_unit_does_not_match() {
        let stated = [fig(
            "a",
            "2025-01-01",
            "2025-01-02",
            5.0,
            Qualifier::Exact,
            1.0,
        )];
        let mut boats = fig("b", "2025-01-01", "2025-01-02", 5.0, Qualifier::Exact, 1.0);
        boats.unit = Unit::Boats;
        let official = [boats];
        assert_eq!(
            check_against(&stated, &official)[0].status,
            ClaimStatus::NotCheckable
        );
    }
}
