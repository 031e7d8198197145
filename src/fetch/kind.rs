//! The official releases `fetch` knows: which GOV.UK page lists each, how its files are named,
//! how big one may be, and the release date its file name carries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// "Migrants detected crossing the English Channel in small boats – time series" (weekly).
    SmallBoats,
    /// Illegal entry routes (formerly irregular migration) detailed dataset (quarterly).
    IrregularMigration,
    /// Asylum claims detailed datasets (quarterly).
    Asylum,
    /// Returns detailed dataset (quarterly).
    Returns,
}

const SMALL_BOATS_PAGE: &str =
    "/government/publications/migrants-detected-crossing-the-english-channel-in-small-boats";
const DATA_TABLES_PAGE: &str =
    "/government/statistical-data-sets/immigration-system-statistics-data-tables";

const MIB: u64 = 1024 * 1024;

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::SmallBoats,
        Kind::IrregularMigration,
        Kind::Asylum,
        Kind::Returns,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::SmallBoats => "small-boats",
            Kind::IrregularMigration => "irregular-migration",
            Kind::Asylum => "asylum",
            Kind::Returns => "returns",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Every name, for messages: `small-boats, irregular-migration, asylum, returns`.
    pub fn names() -> String {
        Kind::ALL.map(Kind::name).join(", ")
    }

    /// The GOV.UK page (Content API path) that lists this dataset's files.
    pub fn page(self) -> &'static str {
        match self {
            Kind::SmallBoats => SMALL_BOATS_PAGE,
            _ => DATA_TABLES_PAGE,
        }
    }

    /// Largest file accepted. The time series is under 100 KB; the detailed datasets run to
    /// tens of MB. A bigger body is refused rather than filling the disk.
    pub fn max_bytes(self) -> u64 {
        match self {
            Kind::SmallBoats => 16 * MIB,
            _ => 256 * MIB,
        }
    }

    /// Whether the release is the weekly daily series (whose age is worth a warning).
    pub fn is_daily(self) -> bool {
        self == Kind::SmallBoats
    }

    /// The release date a file name of this dataset carries, or None when the name is not one
    /// of this dataset's files. `14_November_2025_Small_boats_-_time_series.ods` → 2025-11-14;
    /// `returns-datasets-dec-2025.xlsx` → 2025-12-01 (month precision).
    pub fn release_date(self, filename: &str) -> Option<NaiveDate> {
        let lower = filename.to_ascii_lowercase();
        let (stem, ext) = lower.rsplit_once('.')?;
        let ok = match self {
            Kind::SmallBoats => {
                ext == "ods" && stem.contains("small_boats") && stem.contains("time_series")
            }
            Kind::IrregularMigration => {
                matches!(ext, "xlsx" | "ods")
                    && (stem.starts_with("illegal-entry-routes-to-the-uk-dataset")
                        || stem.starts_with("irregular-migration-to-the-uk-dataset"))
            }
            Kind::Asylum => {
                matches!(ext, "xlsx" | "ods") && stem.starts_with("asylum-claims-dataset")
            }
            Kind::Returns => matches!(ext, "xlsx" | "ods") && stem.starts_with("returns-dataset"),
        };
        if !ok {
            return None;
        }
        date_in(stem)
    }
}

/// The first `day month year` or `month year` in a file name's words (split on `_`, `-`, ` `).
fn date_in(stem: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = stem
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        // Month names by the one date grammar's table.
        let Some(month) = crate::domain::month_number(w) else {
            continue;
        };
        let Some(year) = words.get(i + 1).and_then(|y| year(y)) else {
            continue;
        };
        let day = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|d| d.parse::<u32>().ok())
            .and_then(|d| NaiveDate::from_ymd_opt(year, month, d));
        return day.or_else(|| NaiveDate::from_ymd_opt(year, month, 1));
    }
    None
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse::<i32>().ok())
        .flatten()
        .filter(|y| (2000..=2999).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn release_dates_come_from_the_published_file_names() {
        let sb = Kind::SmallBoats;
        assert_eq!(
            sb.release_date("14_November_2025_Small_boats_-_time_series.ods"),
            d("2025-11-14")
        );
        assert_eq!(
            sb.release_date("14_November_2025_Small_boats_-_time_series.xlsx"),
            None
        );
        assert_eq!(sb.release_date("Small_boats_weekly_notes.ods"), None);
        let irr = Kind::IrregularMigration;
        assert_eq!(
            irr.release_date("illegal-entry-routes-to-the-uk-dataset-dec-2025.xlsx"),
            d("2025-12-01")
        );
        assert_eq!(
            irr.release_date("irregular-migration-to-the-uk-dataset-sep-2024.xlsx"),
            d("2024-09-01")
        );
        assert_eq!(
            Kind::Asylum.release_date("asylum-claims-datasets-jun-2025.xlsx"),
            d("2025-06-01")
        );
        assert_eq!(
            Kind::Returns.release_date("returns-datasets-dec-2025.xlsx"),
            d("2025-12-01")
        );
        // A file of another dataset on the same page is not taken.
        assert_eq!(
            Kind::Returns.release_date("asylum-claims-datasets-jun-2025.xlsx"),
            None
        );
        // A matching name without a date cannot be ordered, so it is not taken either.
        assert_eq!(Kind::Returns.release_date("returns-datasets.xlsx"), None);
    }

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.name()), Some(k));
        }
        assert_eq!(Kind::parse("all"), None);
    }
}
