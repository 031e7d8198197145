//! `migstats man`: the man page, one page for the whole tool. clap_mangen's own subcommand
//! section names pages such as migstats-summary(1) that do not exist, so the subcommands are
//! written here, each with its options, followed by ENVIRONMENT and EXIT STATUS.

use super::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;
use clap_mangen::Man;

/// Every variable the tool reads.
const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBCOLUMNS\fR
Width to lay tables out in. Set, it wins; unset, a terminal's own width is used, and output to a pipe or file is laid out at its natural width (the same on every machine). A table wider than this is printed one block per row.
.TP
\fBNO_COLOR\fR
When set and not empty, tables are not coloured (unless \fB\-\-color always\fR).
"#;

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
0
Success.
.TP
1
\fBcheck\fR found a claim the data rule out.
.TP
2
Usage, input or data error; nothing is written to standard output or to the \fB\-o\fR file.
"#;

pub fn render() -> Result<Vec<u8>> {
    let cmd = Cli::command();
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    let io = Error::Output;
    man.render_title(&mut out).map_err(io)?;
    man.render_name_section(&mut out).map_err(io)?;
    man.render_synopsis_section(&mut out).map_err(io)?;
    man.render_description_section(&mut out).map_err(io)?;
    man.render_options_section(&mut out).map_err(io)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        let name = format!("migstats {}", sub.get_name());
        out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        if let Some(about) = sub.get_about() {
            out.extend_from_slice(format!("{}\n", roff_text(&about.to_string())).as_bytes());
        }
        // The subcommand's own options, under its heading rather than a second OPTIONS.
        let mut own = Vec::new();
        Man::new(sub.clone().bin_name(&name))
            .render_options_section(&mut own)
            .map_err(io)?;
        let own = String::from_utf8_lossy(&own).replace(".SH OPTIONS\n", ".PP\n");
        out.extend_from_slice(own.as_bytes());
    }
    out.extend_from_slice(ENVIRONMENT.as_bytes());
    out.extend_from_slice(EXIT_STATUS.as_bytes());
    man.render_extra_section(&mut out).map_err(io)?;
    man.render_version_section(&mut out).map_err(io)?;
    Ok(out)
}

/// Plain text for roff: backslashes and a leading dot or quote would be read as requests.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\\\").replace('-', "\\-");
    if s.starts_with(['.', '\'']) {
        format!("\\&{s}")
    } else {
        s
    }
}
