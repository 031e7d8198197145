//! Files this tool knows but does not read: reshapes of the Home Office tables made by others
//! (The National's small boats CSVs, the R package `asylum`'s derived tables). Each is told by
//! its header, and refused with what it is and which official file to give instead, rather
//! than read as a figures CSV and refused column by column.

use super::HeadRow;
use super::workbook;
use crate::error::{Error, Location, Problem, Result};

/// A reshape: the header names that tell it (all of them, any order, any case), what it is,
/// and the official file to use instead.
struct Reshape {
    names: &'static [&'static str],
    what: &'static str,
    instead: &'static str,
}

const DAILY: &str =
    "the Home Office small boats time series (ODS, sheet SB_01), or its SB_01 sheet saved as CSV";

/// Tried in order; the first whose names the header all has wins.
const RESHAPES: [Reshape; 8] = [
    Reshape {
        names: &[
            "full_date",
            "migrants_arrived",
            "cumulative_migrants_arrived",
        ],
        what: "The National's daily reshape of the Home Office small boats time series",
        instead: DAILY,
    },
    Reshape {
        names: &["n_year", "n_week", "migrants_arrived"],
        what: "The National's weekly totals derived from the Home Office small boats time series",
        instead: "the Home Office small boats time series (ODS; sheet SB_01 daily, SB_02 weekly), or one of those sheets saved as CSV; `series --by week` gives weeks",
    },
    Reshape {
        names: &["date_month", "migrants_arrived"],
        what: "The National's monthly totals derived from the Home Office small boats time series",
        instead: DAILY,
    },
    Reshape {
        names: &["n_year", "migrants_arrived", "migrants_per_boat"],
        what: "The National's yearly totals derived from the Home Office small boats time series",
        instead: DAILY,
    },
    Reshape {
        names: &["n_week"],
        what: "The National's wide table of cumulative weekly arrivals (one column per year)",
        instead: DAILY,
    },
    Reshape {
        names: &["month_short", "month_long"],
        what: "The National's wide table of cumulative monthly arrivals (one column per year)",
        instead: DAILY,
    },
    Reshape {
        names: &["nationality", "grant", "refused", "initial grant rate"],
        what: "a grant rate table derived from Asy_D02 (the R package asylum: main applicants, asylum cases, protection and other leave merged into Grant)",
        instead: "the Asy_D02 sheet of the Home Office asylum and resettlement detailed dataset (`Data - Asy_D02`), or that sheet saved as CSV",
    },
    Reshape {
        names: &["category", "enforced returns", "voluntary returns"],
        what: "a summary table of returns of asylum seekers (Home Office Ret_04/Ret_05, as reshaped by the R package asylum)",
        instead: "the Home Office returns detailed dataset: sheet `Data - Ret_D01` (by nationality) or `Data - Ret_D02` (by destination), or that sheet saved as CSV",
    },
];

/// An error naming the reshape when the first non-blank row of a CSV is one's header.
pub fn refuse(name: &str, rows: &[HeadRow]) -> Result<()> {
    let Some((line, header)) = rows
        .iter()
        .find(|(_, r)| r.iter().any(|c| !workbook::text(c).trim().is_empty()))
    else {
        return Ok(());
    };
    let names: Vec<String> = header
        .iter()
        .map(|c| workbook::text(c).trim().to_lowercase())
        .collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    match RESHAPES.iter().find(|r| r.names.iter().all(|n| has(n))) {
        Some(r) => Err(Error::invalid(Problem::new(
            Location::at(name, *line, None),
            format!("this is {}, which this tool does not read", r.what),
            format!("use {} instead", r.instead),
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    fn head(header: &str) -> Vec<HeadRow> {
        vec![(
            1,
            header
                .split(',')
                .map(|s| Data::String(s.to_string()))
                .collect(),
        )]
    }

    #[test]
    fn reshapes_are_named_and_others_pass() {
        let err = |h: &str| refuse("f.csv", &head(h)).unwrap_err().to_string();
        assert!(err("full_date,date_label,n_year,n_month,n_day,migrants_arrived,boats_arrived,migrants_per_boat,cumulative_migrants_arrived,cumulative_boats_arrived,migrants_per_boat_round").contains("daily reshape"));
        assert!(err("n_year,n_week,migrants_arrived,boats_arrived").contains("weekly totals"));
        assert!(err("n_week,2018,2019").contains("wide table"));
        assert!(
            err("Year,Nationality,Region,Grant,Refused,Initial grant rate").contains("Asy_D02")
        );
        assert!(refuse("f.csv", &head("id,metric,country")).is_ok());
        assert!(refuse("f.csv", &head("Date,Migrants arrived,Boats arrived")).is_ok());
    }
}
