//! `migstats schema COMMAND`: the JSON Schema of a command's `--format json` document,
//! generated from the same Rust types that produce it. Copies live in `docs/schema/`.

use super::check::CheckRow;
use super::claims::ClaimRow;
use super::fetch::FetchRow;
use super::figures::FigureRow;
use super::revisions::RevisionRow;
use super::series::SeriesRow;
use super::sources::SourceRow;
use super::top::TopRow;
use super::validate::ValidRow;
use crate::error::{Error, Result};
use crate::report::JsonCommand;
use crate::report::yoy::YoyRow;
use crate::report::{Document, SCHEMA_VERSION};

pub fn schema(command: JsonCommand) -> schemars::Schema {
    let mut schema = match command {
        JsonCommand::Summary | JsonCommand::Changes => schemars::schema_for!(Document<YoyRow>),
        JsonCommand::Figures => schemars::schema_for!(Document<FigureRow>),
        JsonCommand::Check => schemars::schema_for!(Document<CheckRow>),
        JsonCommand::CheckClaims => schemars::schema_for!(Document<ClaimRow>),
        JsonCommand::Sources => schemars::schema_for!(Document<SourceRow>),
        JsonCommand::Validate => schemars::schema_for!(Document<ValidRow>),
        JsonCommand::Top => schemars::schema_for!(Document<TopRow>),
        JsonCommand::Series => schemars::schema_for!(Document<SeriesRow>),
        JsonCommand::Fetch => schemars::schema_for!(Document<FetchRow>),
        JsonCommand::Revisions => schemars::schema_for!(Document<RevisionRow>),
    };
    schema.insert(
        "title".into(),
        format!("migstats {} --format json", command.name()).into(),
    );
    // Pin what a consumer may rely on: this version, this command.
    let pins = [
        ("schema_version", serde_json::json!(SCHEMA_VERSION)),
        ("command", serde_json::json!(command.name())),
    ];
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        for (name, value) in pins {
            if let Some(obj) = props.get_mut(name).and_then(|p| p.as_object_mut()) {
                obj.insert("const".into(), value);
            }
        }
    }
    schema
}

/// The schema as pretty JSON with a final newline, as shipped in `docs/schema/`.
pub fn render(command: JsonCommand) -> Result<Vec<u8>> {
    let mut out =
        serde_json::to_vec_pretty(&schema(command)).map_err(|e| Error::Output(e.into()))?;
    out.push(b'\n');
    Ok(out)
}
