//! `migstats schema COMMAND`: the JSON Schema of a command's `--format json` document,
//! generated from the same Rust types that produce it. Copies live in `docs/schema/`.

use super::check::CheckRow;
use super::figures::FigureRow;
use super::rows::Document;
use super::sources::SourceRow;
use super::validate::ValidRow;
use super::yoy_rows::YoyRow;
use crate::error::{Error, Result};
use clap::ValueEnum;

/// Commands that write a JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonCommand {
    Summary,
    Figures,
    Changes,
    Check,
    Sources,
    Validate,
}

impl JsonCommand {
    pub fn name(self) -> &'static str {
        match self {
            JsonCommand::Summary => "summary",
            JsonCommand::Figures => "figures",
            JsonCommand::Changes => "changes",
            JsonCommand::Check => "check",
            JsonCommand::Sources => "sources",
            JsonCommand::Validate => "validate",
        }
    }
}

pub fn schema(command: JsonCommand) -> schemars::Schema {
    let mut schema = match command {
        JsonCommand::Summary | JsonCommand::Changes => schemars::schema_for!(Document<YoyRow>),
        JsonCommand::Figures => schemars::schema_for!(Document<FigureRow>),
        JsonCommand::Check => schemars::schema_for!(Document<CheckRow>),
        JsonCommand::Sources => schemars::schema_for!(Document<SourceRow>),
        JsonCommand::Validate => schemars::schema_for!(Document<ValidRow>),
    };
    schema.insert(
        "title".into(),
        format!("migstats {} --format json", command.name()).into(),
    );
    schema
}

/// The schema as pretty JSON with a final newline, as shipped in `docs/schema/`.
pub fn render(command: JsonCommand) -> Result<Vec<u8>> {
    let mut out =
        serde_json::to_vec_pretty(&schema(command)).map_err(|e| Error::Output(e.into()))?;
    out.push(b'\n');
    Ok(out)
}
