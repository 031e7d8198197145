//! OpenDocument spreadsheets, read by our own streaming reader of `content.xml` rather than
//! calamine's: calamine builds every sheet as a dense range (a repeat count of 16,384 columns
//! times 1,048,576 rows is asked for in full) and loops forever on some truncated files.
//! Here one row is in memory at a time, empty repeats cost nothing, non-empty repeats are
//! counted against the cell limit before they are handed on, text is bounded as it grows,
//! and the XML must be well formed to its end.

use super::archive::Archive;
use super::ods_pass::Pass;
use crate::error::{Error, Location, Problem, Result};
use calamine::Data;

use super::ods_xml::{CONTENT, Want, stop_error, walk};

pub struct Ods {
    file: String,
    /// The archive, while no pass over its content is under way.
    archive: Option<Archive>,
    /// The pass under way: the sheets are read in one walk of `content.xml`.
    pass: Option<Pass>,
    /// Walks of `content.xml` started for rows (one for sheets read in order).
    passes: usize,
    names: Vec<String>,
}

impl Ods {
    /// Reads `content.xml` once to its end: the sheet names, and a check that the XML is
    /// whole (a truncated file is refused here, not half-read).
    pub fn open(mut archive: Archive) -> Result<Ods> {
        let mut names = Vec::new();
        let file = archive.file.clone();
        let outcome = archive.with_entry(CONTENT, true, |r, _| {
            Ok(walk(
                r,
                Want::Names,
                &mut |_, _| Ok(true),
                &mut names,
                u64::MAX,
            ))
        })?;
        match outcome {
            None => Err(Error::invalid(Problem::new(
                Location::file(&file),
                "the spreadsheet has no content.xml",
                "expected an ODS file as published by the Home Office; it may be damaged",
            ))),
            Some(Err(stop)) => Err(stop_error(stop, &file)),
            Some(Ok(())) => Ok(Ods {
                file,
                archive: Some(archive),
                pass: None,
                passes: 0,
                names,
            }),
        }
    }

    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// Calls `each` with every non-empty row of sheet `name` (0-based row number, cells from
    /// column A) until it returns Ok(false). Sheets read in document order share one walk of
    /// `content.xml` ([`Pass`]); a sheet behind the walk starts another.
    pub fn rows(
        &mut self,
        name: &str,
        max_cells: u64,
        each: &mut dyn FnMut(u32, &[Data]) -> Result<bool>,
    ) -> Result<()> {
        let label = format!("{} [{name}]", self.file);
        let archive = match (self.pass.take(), self.archive.take()) {
            (Some(pass), _) if pass.ahead(name) => Err(pass),
            (Some(pass), _) => Ok(pass.finish(&self.file)?),
            (None, Some(archive)) => Ok(archive),
            (None, None) => {
                return Err(Error::invalid(Problem::new(
                    Location::file(&label),
                    "the sheet cannot be read: an earlier read of this file failed",
                    "the file may be damaged; download it again",
                )));
            }
        };
        let mut pass = match archive {
            Err(pass) => pass,
            Ok(archive) => {
                self.passes += 1;
                Pass::start(archive, max_cells)?
            }
        };
        let read = pass.rows(name, &label, each);
        self.pass = Some(pass);
        read
    }
}

#[cfg(test)]
mod tests;
