//! A GOV.UK Content API page (`GET /api/content/<path>`): the attachments it lists, and the
//! choice of the newest file of a dataset among them.

use super::Kind;
use chrono::NaiveDate;
use serde::Deserialize;

/// The part of a Content API document `fetch` reads. Every field is optional so that a page
/// missing one is reported by what it lacks, not as unreadable JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Page {
    #[serde(default)]
    pub public_updated_at: Option<String>,
    #[serde(default)]
    pub details: Details,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Details {
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Attachment {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub file_size: Option<u64>,
}

/// The attachment chosen for a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub url: String,
    pub filename: String,
    pub file_size: Option<u64>,
    pub release_date: NaiveDate,
}

/// The newest file of `kind` the page lists: the latest date in a matching file name (on a tie,
/// the first listed). Err lists the files the page does have, for the message.
pub fn choose(kind: Kind, page: &Page) -> Result<Chosen, Vec<String>> {
    let mut best: Option<Chosen> = None;
    for a in &page.details.attachments {
        let (Some(url), Some(filename)) = (&a.url, &a.filename) else {
            continue;
        };
        let Some(date) = kind.release_date(filename) else {
            continue;
        };
        if !safe_filename(filename) {
            continue;
        }
        if best.as_ref().is_none_or(|b| date > b.release_date) {
            best = Some(Chosen {
                url: url.clone(),
                filename: filename.clone(),
                file_size: a.file_size,
                release_date: date,
            });
        }
    }
    best.ok_or_else(|| {
        page.details
            .attachments
            .iter()
            .map(|a| {
                a.filename
                    .clone()
                    .or_else(|| a.title.clone())
                    .unwrap_or_else(|| "(unnamed)".to_string())
            })
            .collect()
    })
}

/// A name safe to store in the cache as given: letters, digits, `.`, `_`, `-`, not starting
/// with a dot, at most 200 bytes. Published names are like this; anything else is refused.
pub fn safe_filename(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(json: &str) -> Page {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_newest_matching_file_is_chosen() {
        let p = page(
            r#"{"public_updated_at":"2025-11-14T09:30:00.000+00:00","details":{"attachments":[
              {"url":"https://assets.publishing.service.gov.uk/media/a/7_November_2025_Small_boats_-_time_series.ods","filename":"7_November_2025_Small_boats_-_time_series.ods","file_size":84000},
              {"url":"https://assets.publishing.service.gov.uk/media/b/14_November_2025_Small_boats_-_time_series.ods","filename":"14_November_2025_Small_boats_-_time_series.ods","file_size":84116},
              {"title":"An HTML attachment"}
            ]}}"#,
        );
        let c = choose(Kind::SmallBoats, &p).unwrap();
        assert_eq!(c.filename, "14_November_2025_Small_boats_-_time_series.ods");
        assert_eq!(c.file_size, Some(84116));
        assert_eq!(c.release_date, "2025-11-14".parse::<NaiveDate>().unwrap());
    }

    #[test]
    fn a_page_without_a_match_says_what_it_lists() {
        let p = page(
            r#"{"details":{"attachments":[{"url":"u","filename":"asylum-claims-datasets-jun-2025.xlsx"},{"title":"Notes"}]}}"#,
        );
        assert_eq!(
            choose(Kind::Returns, &p).unwrap_err(),
            vec!["asylum-claims-datasets-jun-2025.xlsx", "Notes"]
        );
        assert_eq!(
            choose(Kind::Returns, &page("{}")).unwrap_err(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unsafe_names_are_not_stored() {
        assert!(safe_filename("returns-datasets-dec-2025.xlsx"));
        for bad in [
            "",
            "../returns-datasets-dec-2025.xlsx",
            ".hidden",
            "a/b",
            "a\u{1b}[31m",
            "a b",
        ] {
            assert!(!safe_filename(bad), "{bad:?}");
        }
    }
}
