//! Filters that find what the user means: `--metric`, `--country` and `--period` resolved
//! against what the dataset holds. Matching ignores case and accepts the labels tables print
//! ("small boat arrivals", "all nationalities") and adjectives of nationality ("Iraqi"); a
//! filter that matches nothing is a usage error listing what exists, with the nearest match.

use crate::domain::{Figure, Period, country_for_adjective};
use crate::error::{Error, Result};
use crate::sanitize::echo as shown;
use std::collections::BTreeSet;

/// Filters resolved to names and dates the dataset uses. None = no filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub metric: Option<String>,
    pub country: Option<String>,
    pub period: Option<Period>,
}

impl Selection {
    /// Resolves what the user typed against `figures`.
    pub fn resolve(
        figures: &[Figure],
        metric: Option<&str>,
        country: Option<&str>,
        period: Option<Period>,
    ) -> Result<Selection> {
        let metric = metric
            .map(|m| resolve_metric(figures.iter().map(|f| f.metric.as_str()), m))
            .transpose()?;
        let country = country
            .map(|c| {
                resolve_country(
                    figures
                        .iter()
                        .filter(|f| metric.as_ref().is_none_or(|m| *m == f.metric))
                        .map(|f| f.country.as_str()),
                    c,
                )
            })
            .transpose()?;
        Ok(Selection {
            metric,
            country,
            period,
        })
    }

    /// Metric and country match (the period is the command's to apply: it keeps the year
    /// before for comparison).
    pub fn accepts(&self, f: &Figure) -> bool {
        self.metric.as_ref().is_none_or(|m| *m == f.metric)
            && self
                .country
                .as_ref()
                .is_none_or(|c| c.eq_ignore_ascii_case(&f.country))
    }

    /// The figures that pass the metric and country filters.
    pub fn apply(&self, figures: &[Figure]) -> Vec<Figure> {
        figures
            .iter()
            .filter(|f| self.accepts(f))
            .cloned()
            .collect()
    }

    /// Whether `p` is the period asked for (any period when none was).
    pub fn in_period(&self, p: &Period) -> bool {
        self.period.is_none_or(|want| want == *p)
    }

    /// Err when a period was asked for and none of `periods` is it.
    pub fn require_period<'a>(&self, periods: impl IntoIterator<Item = &'a Period>) -> Result<()> {
        let Some(want) = self.period else {
            return Ok(());
        };
        let periods: BTreeSet<Period> = periods.into_iter().copied().collect();
        if periods.contains(&want) {
            return Ok(());
        }
        Err(no_period(&want, &periods))
    }
}

/// A period nothing has: list the periods there are, latest first.
pub fn no_period(want: &Period, periods: &BTreeSet<Period>) -> Error {
    let mut list: Vec<&Period> = periods.iter().collect();
    list.sort_by(|a, b| b.end.cmp(&a.end).then(a.start.cmp(&b.start)));
    let shown_list: Vec<String> = list
        .iter()
        .take(8)
        .map(|p| format!("\"{}\"", p.label()))
        .collect();
    let more = if list.len() > 8 { ", ..." } else { "" };
    Error::usage(
        format!(
            "no figures for the period {} ({} to {})",
            want.label(),
            want.start,
            want.end
        ),
        if shown_list.is_empty() {
            "nothing matches the other filters".to_string()
        } else {
            format!("periods with figures: {}{more}", shown_list.join(", "))
        },
    )
}

/// `Small boat arrivals`, `small-boat-arrivals` → `small_boat_arrivals`.
fn metric_key(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

/// The dataset's metric the text names.
pub fn resolve_metric<'a>(metrics: impl Iterator<Item = &'a str>, text: &str) -> Result<String> {
    let metrics: BTreeSet<&str> = metrics.collect();
    let key = metric_key(text);
    if let Some(m) = metrics.iter().find(|m| metric_key(m) == key) {
        return Ok((*m).to_string());
    }
    Err(not_found("metric", text, &key, metrics.iter().copied()))
}

const ALL: [&str; 5] = [
    "all",
    "all nationalities",
    "every nationality",
    "all countries",
    "total",
];

/// The dataset's country the text names: itself (any case), `all` for "all nationalities",
/// or the country of an adjective ("Iraqi" → Iraq).
pub fn resolve_country<'a>(countries: impl Iterator<Item = &'a str>, text: &str) -> Result<String> {
    let countries: BTreeSet<&str> = countries.collect();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let wanted = if ALL.iter().any(|a| a.eq_ignore_ascii_case(&words)) {
        "all"
    } else {
        country_for_adjective(&words).unwrap_or(&words)
    };
    if let Some(c) = countries.iter().find(|c| c.eq_ignore_ascii_case(wanted)) {
        return Ok((*c).to_string());
    }
    Err(not_found(
        "country",
        text,
        &wanted.to_lowercase(),
        countries.iter().copied(),
    ))
}

/// "no country 'Irak'; did you mean 'Iraq'?", with what exists as the hint.
fn not_found<'a>(what: &str, text: &str, key: &str, have: impl Iterator<Item = &'a str>) -> Error {
    let have: Vec<&str> = have.collect();
    let nearest: Vec<String> = nearest(key, &have)
        .iter()
        .map(|n| format!("'{n}'"))
        .collect();
    let message = if nearest.is_empty() {
        format!("no {what} '{}'", shown(text.trim()))
    } else {
        format!(
            "no {what} '{}'; did you mean {}?",
            shown(text.trim()),
            nearest.join(" or ")
        )
    };
    let listed: Vec<&str> = have.iter().take(30).copied().collect();
    let more = if have.len() > 30 {
        format!(", ... ({} in all)", have.len())
    } else {
        String::new()
    };
    let plural = if what == "country" {
        "countries"
    } else {
        "metrics"
    };
    Error::usage(
        message,
        if listed.is_empty() {
            format!("no {plural} match the other filters")
        } else {
            format!("{plural} in this dataset: {}{more}", listed.join(", "))
        },
    )
}

/// Spelling that sounds alike counts as alike: `Irak` is `Iraq`, `Kuweit` near `Kuwait`.
fn sound(text: &str) -> String {
    metric_key(text)
        .replace("ph", "f")
        .chars()
        .map(|c| match c {
            'q' | 'c' => 'k',
            'y' => 'i',
            '_' => ' ',
            other => other,
        })
        .collect()
}

/// The closest names by edit distance on how they sound (ties all given, up to three), or
/// else a name that contains the text or is contained in it; empty when nothing is close.
fn nearest<'a>(key: &str, have: &[&'a str]) -> Vec<&'a str> {
    let k = sound(key);
    let scored: Vec<(usize, &str)> = have
        .iter()
        .map(|h| (strsim::levenshtein(&k, &sound(h)), *h))
        .collect();
    if let Some(best) = scored.iter().map(|(d, _)| *d).min()
        && best <= (key.chars().count() / 3).max(2)
    {
        return scored
            .iter()
            .filter(|(d, _)| *d == best)
            .map(|(_, h)| *h)
            .take(3)
            .collect();
    }
    have.iter()
        .filter(|h| {
            let h = metric_key(h);
            key.len() >= 3 && (h.contains(key) || key.contains(h.as_str()))
        })
        .take(3)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const METRICS: [&str; 4] = [
        "small_boat_arrivals",
        "small_boats",
        "people_per_boat",
        "initial_grant_rate",
    ];
    const COUNTRIES: [&str; 5] = ["all", "Iraq", "Afghanistan", "Iran", "Eritrea"];

    fn metric(t: &str) -> std::result::Result<String, String> {
        resolve_metric(METRICS.into_iter(), t).map_err(|e| e.to_string())
    }

    fn country(t: &str) -> std::result::Result<String, String> {
        resolve_country(COUNTRIES.into_iter(), t).map_err(|e| e.to_string())
    }

    #[test]
    fn metrics_by_name_or_printed_label() {
        assert_eq!(
            metric("small_boat_arrivals").unwrap(),
            "small_boat_arrivals"
        );
        assert_eq!(
            metric("Small boat arrivals").unwrap(),
            "small_boat_arrivals"
        );
        assert_eq!(metric("people-per-boat").unwrap(), "people_per_boat");
        let e = metric("grant_rate").unwrap_err();
        assert!(
            e.starts_with("no metric 'grant_rate'; did you mean 'initial_grant_rate'?"),
            "{e}"
        );
        assert!(
            e.contains("metrics in this dataset: initial_grant_rate, people_per_boat"),
            "{e}"
        );
        let e = metric("small boat arivals").unwrap_err();
        assert!(e.contains("did you mean 'small_boat_arrivals'?"), "{e}");
        let e = metric("funding").unwrap_err();
        assert!(e.starts_with("no metric 'funding' ("), "{e}");
    }

    #[test]
    fn countries_by_name_label_or_adjective() {
        assert_eq!(country("iraq").unwrap(), "Iraq");
        assert_eq!(country("Iraqi").unwrap(), "Iraq");
        assert_eq!(country("Afghan").unwrap(), "Afghanistan");
        assert_eq!(country("all nationalities").unwrap(), "all");
        assert_eq!(country("ALL").unwrap(), "all");
        let e = country("Irak").unwrap_err();
        assert!(
            e.starts_with("no country 'Irak'; did you mean 'Iraq'?"),
            "{e}"
        );
        assert!(
            e.contains("countries in this dataset: Afghanistan, Eritrea, Iran, Iraq, all"),
            "{e}"
        );
        let e = country("Afganistan").unwrap_err();
        assert!(
            e.starts_with("no country 'Afganistan'; did you mean 'Afghanistan'?"),
            "{e}"
        );
        let e = country("Ira").unwrap_err();
        assert!(
            e.starts_with("no country 'Ira'; did you mean 'Iran' or 'Iraq'?"),
            "{e}"
        );
        let e = country("Syrian").unwrap_err();
        assert!(e.starts_with("no country 'Syrian'"), "{e}");
        assert!(!e.contains("did you mean"), "{e}");
    }
}
