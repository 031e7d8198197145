//! One file per command. Each turns a dataset into rows (via the calculator) and a [`Report`].

pub mod changes;
pub mod chart;
pub mod check;
pub mod claims;
pub mod fetch;
pub mod figures;
pub mod revisions;
pub mod schema;
pub mod select;
pub mod series;
pub mod sources;
pub mod summary;
pub mod top;
pub mod validate;

use crate::render::Report;

/// What a command hands back to `main`: what to print, and the exit code on success.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    /// 0, or 1 when `check` found an inconsistency.
    pub exit_code: i32,
}

impl From<Report> for Outcome {
    fn from(report: Report) -> Self {
        Outcome {
            report,
            exit_code: 0,
        }
    }
}
