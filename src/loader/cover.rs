//! Citations for official files: publisher, table, file, licence, and the release's title and
//! date where the workbook's cover (or notes) sheet gives them. Text taken from a cover sheet
//! is bounded and stripped of control characters before it goes anywhere near output.

use super::SourceRef;
use super::detailed::layout::Table;
use super::workbook::{self, Workbook};
use chrono::NaiveDate;

/// Home Office data are Crown copyright, published under this licence.
pub const OGL: &str = "Open Government Licence v3.0";
const PUBLISHER: &str = "Home Office";
/// Rows of a cover sheet looked at; the title and date sit at the top.
const COVER_ROWS: u32 = 40;
/// Longest cover text kept.
const MAX_TEXT: usize = 160;

/// What a cover sheet says about the release.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Release {
    pub title: Option<String>,
    pub date: Option<String>,
    /// The day the workbook was last saved, from its document properties.
    pub saved: Option<NaiveDate>,
}

/// The release's title and date from the workbook's cover sheet (or its notes sheet), where it
/// has one. A cover that cannot be read gives nothing: it is never a reason to fail.
pub fn read(book: &mut Workbook) -> Release {
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.to_ascii_lowercase().contains("cover"))
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case("notes")))
        .cloned();
    let saved = book.saved();
    let Some(sheet) = sheet else {
        return Release {
            saved,
            ..Release::default()
        };
    };
    let mut cells: Vec<String> = Vec::new();
    let read = book.rows(&sheet, |r, row| {
        for cell in row {
            let text = match workbook::date(cell) {
                Some(d) if !matches!(cell, calamine::Data::String(_)) => {
                    d.format("%-d %B %Y").to_string()
                }
                _ => clean(&workbook::text(cell)),
            };
            if !text.is_empty() {
                cells.push(text);
            }
        }
        Ok(r + 1 < COVER_ROWS)
    });
    if read.is_err() {
        return Release {
            saved,
            ..Release::default()
        };
    }
    Release {
        saved,
        ..release_from(&cells)
    }
}

/// The title is the first phrase of some length that is not a logo's alt text; the date
/// follows a "Published"/"Release date" label, in the same cell or the next.
fn release_from(cells: &[String]) -> Release {
    let title = cells
        .iter()
        .find(|c| {
            c.split_whitespace().count() >= 4
                && !c.to_ascii_lowercase().contains("logo")
                && !c.contains('@')
        })
        .cloned();
    let mut date = None;
    for (i, c) in cells.iter().enumerate() {
        let lower = c.to_ascii_lowercase();
        // "Published: 21 August 2025", or "Release date" then the date; not "published weekly".
        let label = [
            "published",
            "release date",
            "date of publication",
            "publication date",
        ]
        .iter()
        .find_map(|l| lower.strip_prefix(l))
        .filter(|rest| rest.trim().is_empty() || rest.trim_start().starts_with(':'));
        if label.is_none() {
            continue;
        }
        let after = c
            .split_once(':')
            .map(|(_, rest)| rest.trim().to_string())
            .filter(|s| !s.is_empty());
        date = after
            .or_else(|| cells.get(i + 1).cloned())
            .filter(|d| d.bytes().any(|b| b.is_ascii_digit()));
        break;
    }
    Release {
        title,
        date,
        saved: None,
    }
}

/// Cover text as it may be shown: no control characters, one line, bounded.
fn clean(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = one_line.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() > MAX_TEXT {
        let short: String = joined.chars().take(MAX_TEXT).collect();
        format!("{short}…")
    } else {
        joined
    }
}

/// The file's own name, without the directories it was given with.
fn file_name(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned())
}

fn cite(mut s: SourceRef) -> SourceRef {
    let mut title = format!(
        "{}, {}",
        s.publisher.as_deref().unwrap_or(PUBLISHER),
        s.title
    );
    if let Some(t) = &s.release_title {
        title.push_str(&format!(", release \"{t}\""));
    }
    if let Some(d) = &s.release_date {
        title.push_str(&format!(", published {d}"));
    }
    if let Some(f) = &s.file {
        title.push_str(&format!("; file {}", file_name(f)));
    }
    if let Some(l) = &s.licence {
        title.push_str(&format!("; {l}"));
    }
    s.title = title;
    s
}

/// "Home Office, small boats time series (provisional), SB_01, to 20 Aug 2026; file …; OGL".
pub fn daily_source(file: &str, release: &Release, last: Option<NaiveDate>) -> SourceRef {
    sheet_source(file, release, last, "SB_01", "sheet SB_01")
}

/// "Home Office, small boats time series (provisional), sheet SB_02 (weekly), to 17 Aug 2026;
/// file …; OGL".
pub fn weekly_source(file: &str, release: &Release, last: Option<NaiveDate>) -> SourceRef {
    sheet_source(file, release, last, "SB_02", "sheet SB_02 (weekly)")
}

/// A sheet of the small boats time series, with the last day its rows reach.
fn sheet_source(
    file: &str,
    release: &Release,
    last: Option<NaiveDate>,
    table: &str,
    sheet: &str,
) -> SourceRef {
    let mut what = format!("small boats time series (provisional), {sheet}");
    if let Some(d) = last {
        what.push_str(&format!(", to {}", d.format("%-d %b %Y")));
    }
    cite(SourceRef {
        title: what,
        publisher: Some(PUBLISHER.to_string()),
        table: Some(table.to_string()),
        file: Some(file.to_string()),
        licence: Some(OGL.to_string()),
        release_title: release.title.clone(),
        release_date: release.date.clone(),
        file_saved: release.saved.map(|d| d.to_string()),
        data_to: last.map(|d| d.to_string()),
        ..Default::default()
    })
}

/// "Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01; file …; OGL".
pub fn detailed_source(file: &str, table: Table, release: &Release) -> SourceRef {
    let dataset = match table {
        Table::Arrivals | Table::SmallBoatDecisions | Table::SmallBoatApplications => {
            "Irregular migration detailed dataset"
        }
        Table::Decisions | Table::Applications => "Asylum and resettlement detailed dataset",
        Table::Returns | Table::ReturnsByDestination | Table::OffenderReturns => {
            "Returns detailed dataset"
        }
    };
    cite(SourceRef {
        title: format!("{dataset}, {}", table.name()),
        publisher: Some(PUBLISHER.to_string()),
        table: Some(table.name().to_string()),
        file: Some(file.to_string()),
        licence: Some(OGL.to_string()),
        release_title: release.title.clone(),
        release_date: release.date.clone(),
        file_saved: release.saved.map(|d| d.to_string()),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn title_and_date_come_from_the_cover() {
        let r = release_from(&cells(&[
            "Home Office logo",
            "Migrants detected crossing the English Channel in small boats",
            "Frequency:",
            "published weekly",
            "Email:",
            "MigrationStatsEnquiries@homeoffice.gov.uk",
        ]));
        assert_eq!(
            r.title.as_deref(),
            Some("Migrants detected crossing the English Channel in small boats")
        );
        // "published weekly" is not a "Published:" label.
        assert_eq!(r.date, None);
        let r = release_from(&cells(&[
            "Irregular migration to the UK, year ending June 2025",
            "Published: 21 August 2025",
        ]));
        assert_eq!(r.date.as_deref(), Some("21 August 2025"));
        let r = release_from(&cells(&["Test copy", "Release date", "21 August 2025"]));
        assert_eq!(r.title, None);
        assert_eq!(r.date.as_deref(), Some("21 August 2025"));
    }

    #[test]
    fn cover_text_is_cleaned_and_bounded() {
        assert_eq!(clean("a\u{1b}[31mb\n c"), "a [31mb c");
        assert_eq!(clean(&"x".repeat(500)).chars().count(), MAX_TEXT + 1);
    }

    #[test]
    fn citations_name_publisher_table_file_and_licence() {
        let s = detailed_source(
            "/data/irregular_migration.csv",
            Table::Arrivals,
            &Release::default(),
        );
        assert_eq!(
            s.title,
            "Home Office, Irregular migration detailed dataset, Irr_D01/IER_D01; file irregular_migration.csv; Open Government Licence v3.0"
        );
        let d = daily_source(
            "sb.ods",
            &Release::default(),
            NaiveDate::from_ymd_opt(2026, 8, 20),
        );
        assert_eq!(
            d.title,
            "Home Office, small boats time series (provisional), sheet SB_01, to 20 Aug 2026; file sb.ods; Open Government Licence v3.0"
        );
    }
}
