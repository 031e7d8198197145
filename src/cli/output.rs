//! The output target, decided once: the format (a chart's SVG or text included), the file,
//! and for a terminal its colour and width.

use super::{ColorChoice, OutputArgs};
use crate::error::{Error, Result};
use crate::render::{Format, Terminal};
use std::path::PathBuf;

/// What a command produces, which decides the formats it can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Produces {
    /// Rows: a table, JSON, CSV, Markdown, text or XLSX.
    Rows,
    /// A chart: SVG or text.
    Chart,
    /// A document of its own (a JSON Schema, a script, a man page), written as it is.
    Document,
}

/// Where and how the result is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub format: Format,
    /// `-o FILE`; None writes to stdout.
    pub file: Option<PathBuf>,
    /// CSV starts with a byte-order mark.
    pub bom: bool,
    pub terminal: Terminal,
    /// A chart's CSV data in FILE.csv has its words in FILE.json beside it.
    pub sidecar: Option<PathBuf>,
    /// `check --publisher --url`: the fact-check page's ClaimReview draft.
    pub review: Option<crate::render::Review>,
}

/// What `main` knows of where stdout goes, read from the process once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Env {
    /// stdout is a terminal.
    pub tty: bool,
    /// stderr is a terminal (`fetch` draws its progress bar there).
    pub stderr_tty: bool,
    /// NO_COLOR is set and not empty.
    pub no_color: bool,
    /// COLUMNS, when it holds a width.
    pub columns: Option<u16>,
    /// The terminal's own width, when stdout is one.
    pub terminal_width: Option<u16>,
}

/// The output: format, file, colour and width, decided once.
pub fn decide(produces: Produces, given: &OutputArgs, env: Env) -> Result<Output> {
    // `-o -` is stdout, as if no -o were given: the format comes from --format, the layout
    // and colour from the terminal.
    let stdout_named = given
        .output
        .as_deref()
        .is_some_and(|p| p.as_os_str() == "-");
    let owned;
    let given = if stdout_named {
        owned = OutputArgs {
            output: None,
            ..given.clone()
        };
        &owned
    } else {
        given
    };
    let format = match produces {
        Produces::Chart => chart_format(given, env.tty)?,
        // Written as it is: the format is never asked.
        Produces::Document => Format::Text,
        Produces::Rows => format(given)?,
    };
    if produces != Produces::Chart && format == Format::Alt {
        return Err(Error::usage(
            "--format alt applies only to chart: alt text describes a chart",
            "say migstats chart … --format alt",
        ));
    }
    if given.bom && !matches!(format, Format::Csv | Format::ChartCsv) {
        return Err(Error::usage(
            "--bom applies only to CSV output",
            "add --format csv, or write to a .csv file",
        ));
    }
    // A workbook is a zip: its bytes on a terminal are garbage, and can upset it (gzip refuses
    // the same way).
    if format == Format::Xlsx && given.output.is_none() && env.tty {
        return Err(Error::usage(
            "XLSX is binary and is not written to a terminal",
            "use -o FILE.xlsx, or redirect stdout: > out.xlsx",
        ));
    }
    let choice = given.color.unwrap_or(ColorChoice::Auto);
    // A file gets the natural layout and no colour, whatever the terminal.
    let terminal = match given.output {
        Some(_) => Terminal {
            color: choice == ColorChoice::Always,
            width: None,
            tty: false,
        },
        None => Terminal {
            color: match choice {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => env.tty && !env.no_color,
            },
            // Piped with COLUMNS unset: the natural width, so output is the same everywhere.
            width: match (env.tty, env.columns) {
                (_, Some(c)) if c > 0 => Some(c),
                (true, _) => env.terminal_width,
                (false, _) => None,
            },
            tty: env.tty,
        },
    };
    let sidecar = match (format, &given.output) {
        (Format::ChartCsv, Some(path)) => Some(path.with_extension("json")),
        _ => None,
    };
    Ok(Output {
        format,
        file: given.output.clone(),
        bom: given.bom,
        terminal,
        sidecar,
        review: None,
    })
}

/// The output format: --format, else the --output file's extension, else a table.
fn format(given: &OutputArgs) -> Result<Format> {
    Ok(match (given.format, &given.output) {
        (Some(f), _) => f,
        (None, None) => Format::Table,
        (None, Some(path)) => Format::from_extension(path).ok_or_else(|| {
            Error::usage(
                format!("cannot tell the format of {} from its name", path.display()),
                "name it .json, .csv, .md, .txt, .xlsx or (check) .html, or say --format; SVG charts come from `migstats chart`",
            )
        })?,
    })
}

/// A chart is SVG, drawn in text, its alt text or its data: `--format text` or `-o FILE.txt`
/// draw text, `--format alt` writes the alt text, `--format csv` or `-o FILE.csv` the data
/// (with a FILE.json sidecar), `-o FILE.svg` SVG; with none of them, text on a terminal and
/// SVG into a pipe (so `chart … > c.svg` is SVG).
fn chart_format(given: &OutputArgs, tty: bool) -> Result<Format> {
    let asked = match given.format {
        None => None,
        Some(Format::Text) => Some(Format::TextChart),
        Some(Format::Alt) => Some(Format::Alt),
        Some(Format::Csv) => Some(Format::ChartCsv),
        Some(f) => {
            return Err(Error::usage(
                format!(
                    "--format {} does not apply to chart: it draws SVG, or text with --format text",
                    f.name()
                ),
                "say --format text for a text chart, alt for its alt text, csv for its data, or leave --format out",
            ));
        }
    };
    let named = given.output.as_deref().map(|path| {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        (path, ext)
    });
    let by_name = |ext: &str| match ext {
        "txt" => Some(Format::TextChart),
        "svg" => Some(Format::Svg),
        "csv" => Some(Format::ChartCsv),
        _ => None,
    };
    match (asked, named) {
        (Some(f), None) => Ok(f),
        (None, None) => Ok(if tty { Format::TextChart } else { Format::Svg }),
        // Alt text is text: any name takes it.
        (Some(Format::Alt), Some(_)) => Ok(Format::Alt),
        (asked, Some((path, ext))) => {
            let named = ext.as_deref().and_then(by_name);
            match (asked, named) {
                (None, Some(f)) => Ok(f),
                (Some(a), Some(n)) if a == n => Ok(a),
                // A text chart in a .txt file only; CSV data in a .csv file only.
                (Some(a), Some(_)) => Err(Error::usage(
                    format!(
                        "--format {} writes {}, and {} is named for another",
                        a.name(),
                        match a {
                            Format::ChartCsv => "the chart's data",
                            _ => "a text chart",
                        },
                        path.display()
                    ),
                    match a {
                        Format::ChartCsv => "name the file .csv, or leave --format out",
                        _ => "name the file .txt, or leave --format out for SVG",
                    },
                )),
                (_, None) => Err(Error::usage(
                    format!("chart writes SVG or a text chart, not {}", path.display()),
                    "name the file .svg, .txt for a text chart, or .csv for its data",
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn text_on_a_terminal_or_when_asked_for_svg_otherwise() {
        let text = Some(Format::Text);
        let file = |name: &str| Some(Path::new(name).to_path_buf());
        let cases = [
            (None, None, true, Format::TextChart),
            (None, None, false, Format::Svg),
            (text, None, false, Format::TextChart),
            (text, None, true, Format::TextChart),
            (None, file("c.svg"), false, Format::Svg),
            (None, file("C.SVG"), true, Format::Svg),
            (None, file("c.txt"), false, Format::TextChart),
            (text, file("c.TXT"), true, Format::TextChart),
            (None, file("c.csv"), false, Format::ChartCsv),
            (Some(Format::Csv), None, true, Format::ChartCsv),
            (Some(Format::Alt), None, true, Format::Alt),
            (Some(Format::Alt), file("alt.txt"), false, Format::Alt),
        ];
        for (format, output, tty, want) in cases {
            assert_eq!(
                chart_format(
                    &OutputArgs {
                        format,
                        output: output.clone(),
                        ..Default::default()
                    },
                    tty
                )
                .ok(),
                Some(want),
                "{format:?} {output:?} {tty}"
            );
        }
        for (format, output) in [
            (Some(Format::Json), None),
            (Some(Format::Table), None),
            (text, file("c.svg")),
            (Some(Format::Csv), file("c.txt")),
            (None, file("c.json")),
            (None, file("chart")),
        ] {
            assert!(
                chart_format(
                    &OutputArgs {
                        format,
                        output,
                        ..Default::default()
                    },
                    true
                )
                .is_err()
            );
        }
    }
}
