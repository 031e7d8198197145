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
    /// Ret_D02: returns by return destination (the country returned to, not a nationality).
    ReturnsByDestination,
    /// Ret_D03: foreign national offender returns by nationality.
    OffenderReturns,
    /// Irr_D02 / IER_D02: asylum applications by small boat arrivals.
    SmallBoatApplications,
    /// Asy_D01: asylum applications, all routes.
    Applications,
}

impl Table {
    /// In the order headers are tried: Irr_D02's header also names every column Asy_D01
    /// needs, so it comes first.
    pub const ALL: [Table; 8] = [
        Table::Arrivals,
        Table::SmallBoatDecisions,
        Table::Decisions,
        Table::Returns,
        Table::ReturnsByDestination,
        Table::OffenderReturns,
        Table::SmallBoatApplications,
        Table::Applications,
    ];

    /// Tag that starts every id derived from the table.
    pub fn tag(self) -> &'static str {
        match self {
            Table::Arrivals => "irr-d01",
            Table::Decisions => "asy-d02",
            Table::SmallBoatDecisions => "irr-d03",
            Table::Returns => "ret-d01",
            Table::ReturnsByDestination => "ret-d02",
            Table::OffenderReturns => "ret-d03",
            Table::SmallBoatApplications => "irr-d02",
            Table::Applications => "asy-d01",
        }
    }

    /// Name for messages and notes.
    pub fn name(self) -> &'static str {
        match self {
            Table::Arrivals => "Irr_D01/IER_D01",
            Table::Decisions => "Asy_D02",
            Table::SmallBoatDecisions => "Irr_D03/IER_D03",
            Table::Returns => "Ret_D01",
            Table::ReturnsByDestination => "Ret_D02",
            Table::OffenderReturns => "Ret_D03",
            Table::SmallBoatApplications => "Irr_D02/IER_D02",
            Table::Applications => "Asy_D01",
        }
    }

    /// What the country column of the table holds, for messages.
    pub fn country_column(self) -> &'static str {
        match self {
            Table::ReturnsByDestination => "return destination",
            _ => "nationality",
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
        } else if ends("retd02") {
            Some(Table::ReturnsByDestination)
        } else if ends("retd03") {
            Some(Table::OffenderReturns)
        } else if ends("irrd02") || ends("ierd02") {
            Some(Table::SmallBoatApplications)
        } else if ends("asyd01") {
            Some(Table::Applications)
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
            Table::ReturnsByDestination => (
                &[
                    &["Quarter"],
                    &["Return destination"],
                    &["Number of returns"],
                    &["Return type group"],
                ],
                &["Year"],
            ),
            Table::OffenderReturns => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Number of foreign national offender returns"],
                    &["Return destination group"],
                ],
                &["Year"],
            ),
            Table::SmallBoatApplications => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Applications"],
                    &["Asylum application"],
                    &["Applicant type"],
                ],
                &["Year"],
            ),
            // Every row counts: the category is the applicant type, which is also what
            // `--main-applicants` filters on.
            Table::Applications => (
                &[
                    &["Quarter"],
                    &["Nationality"],
                    &["Applications"],
                    &["Applicant type"],
                    &["Applicant type"],
                ],
                &["Year"],
            ),
        }
    }

    /// The header the table must have, for messages.
    pub fn expected_header(self) -> String {
        let mut names: Vec<String> = Vec::new();
        for alts in self.spec().0 {
            let name = alts.join(" or ");
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(", ")
    }
}

/// Where the columns a reader needs sit in one header row (0-based indexes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub table: Table,
    pub quarter: usize,
    /// Nationality, or the return destination (Ret_D02).
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
        assert_eq!(
            Table::from_sheet_name("Data - Ret_D02"),
            Some(Table::ReturnsByDestination)
        );
        assert_eq!(
            Table::from_sheet_name("Data_Ret_D03"),
            Some(Table::OffenderReturns)
        );
        assert_eq!(
            Table::from_sheet_name("Data - Irr_D02"),
            Some(Table::SmallBoatApplications)
        );
        assert_eq!(
            Table::from_sheet_name("Data_IER_D02"),
            Some(Table::SmallBoatApplications)
        );
        assert_eq!(
            Table::from_sheet_name("Data - Asy_D01"),
            Some(Table::Applications)
        );
        assert_eq!(Table::from_sheet_name("Data - Asy_D01a"), None);
        assert_eq!(Table::from_sheet_name("Irr_D04"), None);
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
        let ret_d02 = header(
            "Date,Year,Quarter,Return type group,Return type,Return destination,Return destination region,Number of returns",
        );
        let c = Columns::detect(&ret_d02).unwrap();
        assert_eq!(
            (c.table, c.nationality, c.count, c.category),
            (Table::ReturnsByDestination, 5, 7, 3)
        );
        let ret_d03 = header(
            "Date,Year,Quarter,Nationality,Region,Return destination group,Number of foreign national offender returns",
        );
        assert_eq!(
            Columns::detect(&ret_d03).map(|c| c.table),
            Some(Table::OffenderReturns)
        );
        let irr_d02 = header(
            "Date,Year,Quarter,Asylum application,Nationality,Region,Applicant type,UASC,Sex,Age Group,Applications",
        );
        let c = Columns::detect(&irr_d02).unwrap();
        assert_eq!(
            (c.table, c.category, c.applicant),
            (Table::SmallBoatApplications, 3, Some(6))
        );
        let asy_d01 = header(
            "Year,Quarter,Nationality,Region,Age,Sex,Applicant type,UASC,Location of application,Applications",
        );
        let c = Columns::detect(&asy_d01).unwrap();
        assert_eq!(
            (c.table, c.count, c.category, c.applicant),
            (Table::Applications, 9, 6, Some(6))
        );
        assert_eq!(Columns::detect(&header("id,metric,country")), None);
    }
}
