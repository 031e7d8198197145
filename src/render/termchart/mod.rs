//! Charts as text for a terminal: the same [`Chart`] the SVG renderer draws, as Unicode braille
//! (running totals) and eighth-block bars (months, rankings), fitted to a width and never wider.
//! Colour is ANSI and only when asked for; input text (titles, names) is shown escaped.

use super::chart::{
    Bar, Body, Chart, Line, MONTH_STARTS, Ranked, number, older, value, value_decimals,
};
use super::table::wrap;
use crate::error::{Error, Result};
use crate::sanitize;
use unicode_width::UnicodeWidthStr;

mod cumulative;
use cumulative::cumulative;

/// Columns when the width is not known (no terminal, no COLUMNS).
pub const DEFAULT_WIDTH: usize = 80;
/// Narrowest width drawn: below it axis labels and values leave no room for a chart.
pub const MIN_WIDTH: usize = 30;
/// Rows of the running-totals plot, each four braille dots high.
const PLOT_ROWS: usize = 12;
/// Fewest cells a bar may have beside its label before labels go on lines of their own.
const MIN_BAR: usize = 10;
/// Columns of a line's name kept in the right margin of the running-totals plot.
const NAME_MAX: usize = 8;

/// The SVG's colours in the terminal's own 16: the latest year or this month blue (bold),
/// then the older years; a year earlier yellow, for the SVG's orange.
const LATEST: &str = "1;34";
const OLDER: [&str; 6] = ["33", "32", "35", "31", "36", "90"];
const TITLE: &str = "1";
const FAINT: &str = "2";
const NOW_MARK: char = '●';
const THEN_MARK: char = '○';

/// Draws `chart` as lines of text at most `width` screen columns wide (None: [`DEFAULT_WIDTH`]).
/// `chart` drawn in text, `width` columns wide (None: 80).
pub struct TextChartRenderer {
    pub width: Option<u16>,
    pub color: bool,
}

impl super::Renderer for TextChartRenderer {
    fn render(&self, report: &super::Report, out: &mut Vec<u8>) -> Result<()> {
        out.extend(render(report.chart()?, self.width, self.color)?);
        Ok(())
    }
}

pub fn render(chart: &Chart, width: Option<u16>, color: bool) -> Result<Vec<u8>> {
    let width = width.map_or(DEFAULT_WIDTH, usize::from);
    if width < MIN_WIDTH {
        return Err(Error::usage(
            format!("a text chart needs at least {MIN_WIDTH} columns, and there are {width}"),
            "widen the terminal or set COLUMNS, or write SVG with -o chart.svg",
        ));
    }
    let mut page = Page {
        width,
        color,
        lines: Vec::new(),
    };
    page.para(&chart.title, Some(TITLE));
    // What is counted and its statistics label, as under the SVG's title.
    if !chart.subtitle.is_empty() {
        page.para(&chart.subtitle, Some(FAINT));
    }
    match &chart.body {
        Body::Cumulative {
            lines,
            note,
            latest,
            year_before,
        } => cumulative(
            &mut page,
            chart,
            lines,
            note.as_deref(),
            *latest,
            *year_before,
        ),
        Body::Monthly(bars) => monthly(&mut page, chart, bars),
        Body::Top(rows) => top(&mut page, chart, rows),
    }
    page.para(&chart.source, Some(FAINT));
    Ok(page.finish())
}

/// A run of text in one colour (None: the terminal's own).
struct Seg {
    text: String,
    code: Option<&'static str>,
}

fn seg(text: impl Into<String>, code: Option<&'static str>) -> Seg {
    Seg {
        text: text.into(),
        code,
    }
}

/// The lines of a chart, each a list of runs. Colour codes are added only when written out,
/// so the layout counts only columns that are seen (by display width: a CJK character is two).
struct Page {
    width: usize,
    color: bool,
    lines: Vec<Vec<Seg>>,
}

impl Page {
    /// Input text, escaped and word-wrapped to the width.
    fn para(&mut self, text: &str, code: Option<&'static str>) {
        for line in wrap(&sanitize::escape(text), self.width) {
            self.lines.push(vec![seg(line, code)]);
        }
    }

    /// Words (already escaped), each in its colour, packed into lines of the width.
    fn flow(&mut self, words: Vec<Seg>) {
        let mut line: Vec<Seg> = Vec::new();
        let mut used = 0;
        for word in words {
            let n = word.text.width();
            if used > 0 && used + 1 + n > self.width {
                self.lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(seg(" ", None));
                used += 1;
            }
            used += n;
            line.push(word);
        }
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    /// The text, each line cut at the width should a layout ever run over it.
    fn finish(self) -> Vec<u8> {
        let mut out = String::new();
        for line in self.lines {
            let mut room = self.width;
            let mut text = String::new();
            for run in line {
                let shown = sanitize::cap_columns(&run.text, room);
                room = room.saturating_sub(shown.width());
                match (self.color, run.code) {
                    (true, Some(code)) if !shown.trim().is_empty() => {
                        text.push_str(&format!("\u{1b}[{code}m{shown}\u{1b}[0m"));
                    }
                    _ => text.push_str(shown),
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out.into_bytes()
    }
}

/// The top of a value axis: the highest value rounded up to 1, 2, 2.5 or 5 times a power of
/// ten, so its ticks read round; 0 to 10 when there is nothing above 0.
fn nice(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 10.0;
    }
    let step = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * step)
        .find(|c| c.is_finite() && *c >= max)
        .unwrap_or(max)
}

/// The fewest decimals (at most 6) that write every tick exactly: 12,500 needs none, 2.5 one.
fn tick_decimals(ticks: &[f64]) -> usize {
    (0..6)
        .find(|d| {
            let scale = 10f64.powi(*d);
            ticks.iter().all(|v| {
                let x = v * scale;
                // A tick that rounds to 0 is not written exactly, however close it is.
                *v == 0.0
                    || !x.is_finite()
                    || (x.round() != 0.0 && (x - x.round()).abs() <= 1e-9 * x.abs())
            })
        })
        .unwrap_or(6) as usize
}

/// The colour of line `i` of `count`: the latest blue, the others as in the SVG.
fn line_colour(i: usize, count: usize) -> &'static str {
    match older(i, count) {
        None => LATEST,
        Some(k) => OLDER.get(k % OLDER.len()).copied().unwrap_or(LATEST),
    }
}

/// A bar of `cells` character cells at most, in eighths: at least one eighth for any value
/// above 0, so a small value still shows.
fn bar(value: f64, max: f64, cells: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if !(max > 0.0 && value > 0.0) {
        return String::new();
    }
    let eighths = cells * 8;
    let n = ((value / max).clamp(0.0, 1.0) * eighths as f64).round() as usize;
    let n = n.clamp(1, eighths.max(1));
    format!(
        "{}{}",
        "█".repeat(n / 8),
        PARTS.get(n % 8).copied().unwrap_or("")
    )
}

/// One bar to lay out: its label (escaped), value, the text written after it, and colour.
struct BarRow {
    label: String,
    value: f64,
    text: String,
    code: &'static str,
}

/// A name on lines of at most `width` columns: whole words, a word wider than the width cut with `…`.
fn name_lines(name: &str, width: usize) -> Vec<String> {
    let words: Vec<String> = name
        .split(' ')
        .map(|w| {
            if w.width() > width {
                format!("{}…", sanitize::cap_columns(w, width.saturating_sub(1)))
            } else {
                w.to_string()
            }
        })
        .collect();
    wrap(&words.join(" "), width)
}

/// Horizontal bars, each after its label; when the labels leave too little room, each label
/// goes on its own lines above its bar.
fn bars(page: &mut Page, rows: &[BarRow]) {
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let count = |s: &str| s.width();
    let label_w = rows.iter().map(|r| count(&r.label)).max().unwrap_or(0);
    let text_w = rows.iter().map(|r| count(&r.text)).max().unwrap_or(0);
    let beside = label_w + 1 + MIN_BAR + 1 + text_w <= page.width;
    if beside {
        let cells = page.width - label_w - 2 - text_w;
        for r in rows {
            let pad = label_w - count(&r.label);
            page.lines.push(vec![
                seg(format!("{}{} ", r.label, " ".repeat(pad)), None),
                seg(bar(r.value, max, cells), Some(r.code)),
                seg(format!(" {}", r.text), None),
            ]);
        }
    } else {
        let cells = page.width.saturating_sub(text_w + 1).max(1);
        for r in rows {
            for line in name_lines(&r.label, page.width) {
                page.lines.push(vec![seg(line, None)]);
            }
            page.lines.push(vec![
                seg(bar(r.value, max, cells), Some(r.code)),
                seg(format!(" {}", r.text), None),
            ]);
        }
    }
}

/// The label of the bar a year earlier: "Sep 2024" under "Sep 2025" shows as "    2024", so
/// each pair reads as one month.
fn earlier(label: &str, previous: Option<String>) -> String {
    let Some(previous) = previous else {
        return "a year earlier".to_string();
    };
    match (label.split_once(' '), previous.split_once(' ')) {
        (Some((month, _)), Some((same, year))) if month == same => {
            format!("{} {year}", " ".repeat(month.width()))
        }
        _ => previous,
    }
}

fn monthly(page: &mut Page, chart: &Chart, months: &[Bar]) {
    let values: Vec<f64> = months
        .iter()
        .flat_map(|b| std::iter::once(b.value).chain(b.previous))
        .collect();
    let decimals = value_decimals(&values);
    let escaped = |s: &str| sanitize::escape(s).into_owned();
    let mut rows = Vec::new();
    for b in months {
        rows.push(BarRow {
            label: escaped(&b.label),
            value: b.value,
            text: value(b.value, decimals),
            code: LATEST,
        });
        if let Some(p) = b.previous {
            rows.push(BarRow {
                label: earlier(&escaped(&b.label), b.previous_label.as_deref().map(escaped)),
                value: p,
                text: value(p, decimals),
                code: OLDER[0],
            });
        }
    }
    // The swatches say which bar is which only in colour; without, the labels do.
    let mut words = vec![seg(format!("{}:", escaped(&chart.y_label)), None)];
    words.push(seg("each", None));
    if page.color {
        words.push(seg("month", None));
        words.push(seg("█,", Some(LATEST)));
    } else {
        words.push(seg("month,", None));
    }
    words.extend(
        "then the same month a year earlier"
            .split(' ')
            .map(|w| seg(w, None)),
    );
    if page.color {
        words.push(seg("█", Some(OLDER[0])));
    }
    page.flow(words);
    if chart.x_label != "Month" {
        page.para(&chart.x_label, None);
    }
    bars(page, &rows);
}

fn top(page: &mut Page, chart: &Chart, ranked: &[Ranked]) {
    let values: Vec<f64> = ranked.iter().map(|r| r.value).collect();
    let decimals = value_decimals(&values);
    let rows: Vec<BarRow> = ranked
        .iter()
        .map(|r| {
            let written = value(r.value, decimals);
            BarRow {
                label: sanitize::escape(&r.label).into_owned(),
                value: r.value,
                text: match r.share_pct.filter(|s| s.is_finite()) {
                    Some(s) => format!("{written} ({}%)", number(s, 1)),
                    None => written,
                },
                code: LATEST,
            }
        })
        .collect();
    page.para(&format!("{}: {}", chart.y_label, chart.x_label), None);
    bars(page, &rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(out: &[u8]) -> Vec<String> {
        String::from_utf8(out.to_vec())
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn ranked(names: &[(&str, f64)]) -> Chart {
        Chart {
            title: "A title".to_string(),
            subtitle: String::new(),
            y_label: "Nationality".to_string(),
            x_label: "People (share of the total)".to_string(),
            source: "Source: Test.".to_string(),
            alt: String::new(),
            notes: Vec::new(),
            table: Default::default(),
            body: Body::Top(
                names
                    .iter()
                    .map(|(n, v)| Ranked {
                        label: n.to_string(),
                        value: *v,
                        share_pct: Some(50.0),
                    })
                    .collect(),
            ),
        }
    }

    #[test]
    fn bars_are_drawn_in_eighths() {
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 4), "██");
        assert_eq!(bar(1.0, 8.0, 1), "▏");
        assert_eq!(bar(3.0, 8.0, 1), "▍");
        // Tiny but not zero: one eighth; zero: nothing.
        assert_eq!(bar(1e-9, 10.0, 4), "▏");
        assert_eq!(bar(0.0, 10.0, 4), "");
        assert_eq!(bar(0.0, 0.0, 4), "");
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice(45_755.0), 50_000.0);
        assert_eq!(nice(20_000.0), 20_000.0);
        assert_eq!(nice(2_100.0), 2_500.0);
        assert_eq!(nice(0.0), 10.0);
        assert_eq!(nice(f64::MAX), f64::MAX);
        assert!(nice(5e-324) >= 5e-324);
        assert_eq!(tick_decimals(&[50_000.0, 37_500.0, 12_500.0, 0.0]), 0);
        assert_eq!(tick_decimals(&[10.0, 7.5, 2.5, 0.0]), 1);
        assert_eq!(tick_decimals(&[5.0, 3.75, 1.25, 0.0]), 2);
        assert_eq!(tick_decimals(&[1e300, 7.5e299]), 0);
        assert_eq!(tick_decimals(&[5e-324]), 6);
    }

    #[test]
    fn long_names_go_above_their_bars_and_a_word_too_long_is_cut() {
        let chart = ranked(&[
            ("Democratic Republic of the Congo", 10.0),
            (&"W".repeat(50), 5.0),
        ]);
        let out = lines(&render(&chart, Some(40), false).unwrap_or_default());
        assert!(out.iter().all(|l| l.width() <= 40), "{out:#?}");
        assert!(
            out.contains(&"Democratic Republic of the Congo".to_string()),
            "{out:#?}"
        );
        assert!(out.contains(&format!("{}…", "W".repeat(39))), "{out:#?}");
        // Wide enough: the name beside its bar, the shorter names padded to it.
        let chart = ranked(&[("Democratic Republic of the Congo", 10.0), ("Iraq", 5.0)]);
        let out = lines(&render(&chart, Some(120), false).unwrap_or_default());
        assert!(
            out.iter()
                .any(|l| l.starts_with(&format!("Iraq{} █", " ".repeat(28))))
        );
        assert!(
            out.iter()
                .any(|l| l.starts_with("Democratic Republic of the Congo █")),
            "{out:#?}"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let chart = ranked(&[("Ira\u{1b}[31mq", 10.0)]);
        let out = render(&chart, Some(60), false).unwrap_or_default();
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("Ira\\u{1b}[31mq"), "{text}");
    }

    #[test]
    fn too_narrow_is_an_error_not_an_overflow() {
        let chart = ranked(&[("Iraq", 10.0)]);
        assert!(render(&chart, Some(29), false).is_err());
        assert!(render(&chart, Some(30), false).is_ok());
    }
}
