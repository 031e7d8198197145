//! Which Home Office detailed table a sheet or CSV holds, told from its sheet name and header
//! names (never the file name), and where each column the reader needs sits.

/// The tables read. Irr_D01 was renamed IER_D01 in December 2025 with the same columns, and
/// likewise Irr_D03 → IER_D03; the old names tag the figures' ids either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Irr_D01 / IER_D01: detections by method of entry.
    Arrivals,
    /// Asy_D02: initial decisions on all asylum applications.
    Decisions,
    /// Irr_D03 / IER_D03: initial decisions for small boat arrivals.
    SmallBoatDecisions,
    /// Ret_D01: returns by nationality.
    Returns,
}

impl Table {
    pub const ALL: [Table; 4] = [
        Table::Arrivals,
        Table::SmallBoatDecisions,
        Table::Decisions,
        Table::Returns,
    ];

    /// Tag that starts every id derived from the table.
    pub fn tag(self) -> &'static str {
        match self {
            Table::Arrivals => "irr-d01",
            Table::Decisions => "asy-d02",
            Table::SmallBoatDecisions => "irr-d03",
            Table::Returns => "ret-d01",
        }
    }

    /// Name for messages and notes.
    pub fn name(self) -> &'static str {
        match self {
            Table::Arrivals => "Irr_D01/IER_D01",
            Table::Decisions => "Asy_D02",
            Table::SmallBoatDecisions => "Irr_D03/IER_D03",
            Table::Returns => "Ret_D01",
        }
    }

    /// The table a sheet name announces (`Data - Irr_D01`, `Data_IER_D01`, `Data_Asy_D02`...).
    pub fn from_sheet_name(name: &str) -> Option<Table> {
        let squashed: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let ends = |s: &str| squashed.ends_with(s);
        if ends("irrd01") || ends("ierd01") {
            Some(Table::Arrivals)
        } else if ends("irrd03") || ends("ierd03") {
            Some(Table::SmallBoatDecisions)
        } else if ends("asyd02") {
            Some(Table::Decisions)
        } else if ends("retd01") {
            Some(Table::Returns)
        } else {
            None
        }
    }

    /// Column names, each with the names it may go by: required first, then optional.
    fn spec(self) -> (&'static [&'static [&'static str]], &'static [&'static str]) {
        match self {
            Table::Arrivals => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Number of detections"],
                    &["Method of entry"],
                ],
                &["Year"],
            ),
            Table::Decisions => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Decisions"],
                    &["Case outcome group"],
                    &["Applicant type"],
                ],
                &["Year", "Case type"],
            ),
            Table::SmallBoatDecisions => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Decisions"],
                    &["Asylum Case Outcome Group"],
                    &["Applicant type"],
                ],
                &["Year", "Case type"],
            ),
            Table::Returns => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Number of returns"],
                    &["Return type group"],
                ],
                &["Year"],
            ),
        }
    }

    /// The header the table must have, for messages.
    pub fn expected_header(self) -> String {
        self.spec()
            .0
            .iter()
            .map(|alts| alts.join(" or "))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where the columns a reader needs sit in one header row (0-based indexes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub table: Table,
    pub quarter: usize,
    pub nationality: usize,
    pub count: usize,
    /// Method of entry, outcome group or return type group.
    pub category: usize,
    /// Applicant type (decisions only).
    pub applicant: Option<usize>,
    pub year: Option<usize>,
    /// Case type (Asy_D02 from 2023 on): only asylum cases count towards the grant rate.
    pub case_type: Option<usize>,
    /// Number of fields in the header row.
    pub width: usize,
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Columns {
    /// The columns of `table` in a header row, if it names every required one.
    pub fn locate(table: Table, header: &[String]) -> Option<Columns> {
        let names: Vec<String> = header.iter().map(|n| normalise(n)).collect();
        let find = |alts: &[&str]| {
            alts.iter()
                .find_map(|a| names.iter().position(|n| *n == normalise(a)))
        };
        let (required, optional) = table.spec();
        let mut found = Vec::with_capacity(required.len());
        for alts in required {
            found.push(find(alts)?);
        }
        let opt = |name: &str| find(&[name]);
        let at = |i: usize| found.get(i).copied();
        Some(Columns {
            table,
            quarter: at(0)?,
            nationality: at(1)?,
            count: at(2)?,
            category: at(3)?,
            applicant: at(4),
            year: opt(optional.first().copied().unwrap_or("Year")),
            case_type: optional.get(1).and_then(|n| opt(n)),
            width: header.len(),
        })
    }

    /// The first table whose header this is.
    pub fn detect(header: &[String]) -> Option<Columns> {
        Table::ALL.iter().find_map(|t| Columns::locate(*t, header))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(s: &str) -> Vec<String> {
        s.split(',').map(String::from).collect()
    }

    #[test]
    fn sheet_names_old_and_new() {
        assert_eq!(
            Table::from_sheet_name("Data - Irr_D01"),
            Some(Table::Arrivals)
        );
        assert_eq!(
            Table::from_sheet_name("Data_IER_D01"),
            Some(Table::Arrivals)
        );
        assert_eq!(
            Table::from_sheet_name("Data_IER_D03"),
            Some(Table::SmallBoatDecisions)
        );
        assert_eq!(
            Table::from_sheet_name("Data - Asy_D02"),
            Some(Table::Decisions)
        );
        assert_eq!(Table::from_sheet_name("Data_Ret_D01"), Some(Table::Returns));
        assert_eq!(Table::from_sheet_name("Irr_D02"), None);
        assert_eq!(Table::from_sheet_name("Notes"), None);
    }

    #[test]
    fn headers_are_told_apart() {
        let d01 = header(
            "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections",
        );
        let c = Columns::detect(&d01).unwrap();
        assert_eq!(
            (c.table, c.quarter, c.category, c.nationality, c.count),
            (Table::Arrivals, 1, 2, 3, 7)
        );
        let asy = header(
            "Year,Quarter,Nationality,Region,Case type,Case outcome group,Case outcome,Age,Sex,Applicant type,UASC,Decisions",
        );
        let c = Columns::detect(&asy).unwrap();
        assert_eq!(c.table, Table::Decisions);
        assert_eq!((c.case_type, c.applicant), (Some(4), Some(9)));
        let d03 = header(
            "Year,Quarter,Nationality,Region,Asylum Case Outcome,Asylum Case Outcome Group,Applicant type,UASC,Sex,Age Group,Decisions",
        );
        assert_eq!(
            Columns::detect(&d03).map(|c| c.table),
            Some(Table::SmallBoatDecisions)
        );
        assert_eq!(Columns::detect(&header("id,metric,country")), None);
    }
}
