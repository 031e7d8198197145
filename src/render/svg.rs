//! SVG charts (800×500) drawn with plotters' SVG backend: running totals as lines, buckets as
//! paired bars, a ranking as horizontal bars. The chart command hands over a finished [`Chart`];
//! nothing is computed here but the scales. Every chart has a `<title>` and a `<desc>` (its
//! alt text) for screen readers, a title and a statistical subtitle, and its source, release
//! and statistics label at the foot; no text is smaller than [`TEXT`] px.

pub use super::chart::{Bar, Body, Chart, Line, Ranked};
use super::chart::{MONTH_STARTS, axis_decimals, number, older, value, value_decimals};
use crate::error::{Error, Result};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 500;

/// The smallest text drawn, in px: axis labels, legends, values, the source line.
const TEXT: f64 = 13.0;
/// plotters writes a font of size `s` as `font-size` s ÷ 1.24: sizes are given as px × this.
const PX: f64 = 1.24;
/// Height of the title and subtitle above the plot.
const HEAD: u32 = 78;

/// A sans-serif font `px` pixels high in the SVG.
fn font(px: f64) -> FontDesc<'static> {
    ("sans-serif", px * PX).into_font()
}
/// Characters of the source line per line of the foot at [`TEXT`] px (an 800 px chart).
const FOOT_CHARS: usize = 112;
/// Pixels between one month's pair of bars and the next.
const PAIR_GAP: u32 = 10;
/// The opacity a partial bucket's bars (and their legend swatch) are drawn at: lighter, and
/// hatched over in [`hatched`].
const PARTIAL: f64 = 0.35;

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale print.
const LATEST: RGBColor = RGBColor(0, 114, 178); // blue
const OLDER: [RGBColor; 6] = [
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(213, 94, 0),    // vermilion
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(120, 120, 120), // grey
];

/// Input text reaches the chart only through here: control characters are not allowed in XML.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn fail<E: std::fmt::Display>(e: E) -> Error {
    Error::usage(
        format!("cannot draw the chart: {e}"),
        "report this as a bug",
    )
}

/// An axis a little (`room`, 1.08 for 8%) above the highest value, so the top line or bar is not
/// on the frame. All zero (or nothing) still spans 0 to 10: plotters needs a range, and labels
/// 0 to 10 say "none" plainly. Never infinite, however large the values.
fn ceiling(max: f64, room: f64) -> f64 {
    if max.is_finite() && max > 0.0 {
        (max * room).clamp(1e-6, f64::MAX)
    } else {
        10.0
    }
}

/// `chart` as an 800×500 SVG document.
pub struct SvgRenderer;

impl super::Renderer for SvgRenderer {
    fn render(&self, report: &super::Report, out: &mut Vec<u8>) -> Result<()> {
        out.extend(render(report.chart()?)?);
        Ok(())
    }
}

pub fn render(chart: &Chart) -> Result<Vec<u8>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        // The licence's attribution statement on a line of its own, after the source.
        let source = clean(&chart.source);
        let mut foot_lines = Vec::new();
        for part in split_attribution(&source) {
            foot_lines.extend(wrap(part, FOOT_CHARS));
        }
        let foot_height = 8 + 17 * u32::try_from(foot_lines.len()).unwrap_or(1);
        let (head, rest) = root.split_vertically(HEAD);
        let (main, foot) = rest.split_vertically(HEIGHT - HEAD - foot_height);
        head.draw(&Text::new(
            clean(&chart.title),
            (14, 10),
            font(20.0).style(FontStyle::Bold).color(&BLACK),
        ))
        .map_err(fail)?;
        // Two lines of subtitle at most: it says what is counted, not the finding.
        for (i, line) in (0i32..).zip(wrap(&clean(&chart.subtitle), 96).iter().take(2)) {
            head.draw(&Text::new(
                line.clone(),
                (14, 38 + 18 * i),
                font(14.0).color(&BLACK.mix(0.75)),
            ))
            .map_err(fail)?;
        }
        for (i, line) in (0i32..).zip(&foot_lines) {
            foot.draw(&Text::new(
                line.clone(),
                (14, 2 + 17 * i),
                font(TEXT).color(&BLACK.mix(0.75)),
            ))
            .map_err(fail)?;
        }
        match &chart.body {
            Body::Cumulative {
                lines,
                note,
                latest,
                year_before,
            } => cumulative(&main, chart, lines, note.as_deref(), *latest, *year_before)?,
            Body::Monthly(bars) => monthly(&main, chart, bars)?,
            Body::Top(rows) => top(&main, chart, rows)?,
        }
        root.present().map_err(fail)?;
    }
    let svg = hatched(&svg);
    let svg = match &chart.body {
        Body::Cumulative { note: Some(n), .. } => haloed(&svg, &clean(n)),
        _ => svg,
    };
    Ok(described(&svg, chart).into_bytes())
}

/// Each rect drawn at [`PARTIAL`] opacity (a partial bucket, its swatch) with white diagonal
/// hatching over it, so "partial" reads without colour too; plotters draws no patterns, so
/// the pattern is defined here and each such rect gets a hatched copy above it.
fn hatched(svg: &str) -> String {
    let mark = format!("opacity=\"{PARTIAL}\"");
    if !svg.contains(&mark) {
        return svg.to_string();
    }
    let mut out = String::with_capacity(svg.len() + 1024);
    let mut rest = svg;
    while let Some(at) = rest.find("<rect ") {
        let Some(len) = rest[at..].find("/>").map(|e| e + 2) else {
            break;
        };
        let rect = &rest[at..at + len];
        out.push_str(&rest[..at + len]);
        if rect.contains(&mark) {
            let copy = rect
                .replacen(&mark, "opacity=\"1\"", 1)
                .replacen("fill=\"#", "data-partial=\"#", 1)
                .replacen("<rect ", "\n<rect fill=\"url(#partial-hatch)\" ", 1);
            out.push_str(&copy);
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    // The pattern, first in the document.
    match out.find('>') {
        Some(end) => {
            out.insert_str(
                end + 1,
                "\n<defs><pattern id=\"partial-hatch\" width=\"6\" height=\"6\" \
                 patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" \
                 y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#FFFFFF\" stroke-width=\"2\"/></pattern></defs>",
            );
            out
        }
        None => out,
    }
}

/// The text element holding `note` with a white halo, so it reads where it crosses lines.
fn haloed(svg: &str, note: &str) -> String {
    let body = format!(">\n{}\n</text>", xml(note));
    let Some(at) = svg.find(&body) else {
        return svg.to_string();
    };
    let Some(open) = svg[..at].rfind("<text ") else {
        return svg.to_string();
    };
    let mut out = svg.to_string();
    out.insert_str(
        open + "<text ".len(),
        "paint-order=\"stroke\" stroke=\"#FFFFFF\" stroke-width=\"4\" stroke-linejoin=\"round\" ",
    );
    out
}

/// `svg` with a `<title>` and a `<desc>` (the alt text) first inside the root element, which
/// is named an image labelled by them, as screen readers expect.
fn described(svg: &str, chart: &Chart) -> String {
    let Some(open) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(end) = svg[open..].find('>').map(|e| open + e) else {
        return svg.to_string();
    };
    let (head, tail) = svg.split_at(end);
    let tag = head.replacen(
        "<svg",
        "<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\"",
        1,
    );
    format!(
        "{tag}>\n<title id=\"chart-title\">{}</title>\n<desc id=\"chart-desc\">{}</desc>{}",
        xml(&clean(&chart.title)),
        xml(&clean(&chart.alt)),
        tail.strip_prefix('>').unwrap_or(tail)
    )
}

/// The source line before the licence's attribution statement, and the statement.
fn split_attribution(source: &str) -> Vec<&str> {
    match source.find(super::wording::OGL_ATTRIBUTION) {
        Some(at) if at > 0 => vec![source[..at].trim_end(), &source[at..]],
        _ => vec![source],
    }
}

/// Text escaped for XML content.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` broken at spaces into lines of at most `width` characters (a longer word whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn cumulative(
    area: &Area<'_>,
    chart: &Chart,
    lines: &[Line],
    note: Option<&str>,
    latest: Option<(u32, f64)>,
    year_before: Option<(u32, f64)>,
) -> Result<()> {
    let max = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let top = ceiling(max, 1.08);
    let decimals = axis_decimals(top);
    let mut ctx = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(70)
        // A tick at each month's first day, named after its month, as the text chart does.
        .build_cartesian_2d(
            (1u32..366u32).with_key_points(MONTH_STARTS.iter().map(|m| m.0).collect()),
            0.0..top,
        )
        .map_err(fail)?;
    ctx.configure_mesh()
        .x_desc(clean(&chart.x_label))
        .y_desc(clean(&chart.y_label))
        .label_style(font(TEXT))
        .axis_desc_style(font(TEXT))
        .y_label_formatter(&|v| number(*v, decimals))
        .x_label_formatter(&|d| month_of(*d))
        .light_line_style(WHITE)
        .draw()
        .map_err(fail)?;
    for (i, line) in lines.iter().enumerate() {
        let (colour, width) = match older(i, lines.len()) {
            None => (LATEST, 3),
            Some(k) => (OLDER.get(k % OLDER.len()).copied().unwrap_or(LATEST), 1),
        };
        let style = colour.stroke_width(width);
        ctx.draw_series(LineSeries::new(line.points.iter().copied(), style))
            .map_err(fail)?
            .label(clean(&line.name))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
    }
    // The latest point, and the figure the note compares it with, marked.
    ctx.draw_series(
        latest
            .into_iter()
            .map(|p| Circle::new(p, 5, LATEST.filled()))
            .chain(year_before.map(|p| Circle::new(p, 5, BLACK.stroke_width(2)))),
    )
    .map_err(fail)?;
    if let (Some(text), Some((day, value))) = (note, latest) {
        let anchor = Pos::new(HPos::Right, VPos::Bottom);
        ctx.draw_series(std::iter::once(Text::new(
            clean(text),
            (day, value),
            font(TEXT).color(&BLACK).pos(anchor),
        )))
        .map_err(fail)?;
    }
    ctx.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(font(TEXT))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(fail)?;
    Ok(())
}

/// The month that starts on a day of the year (a non-leap year: the axis is a guide, not a
/// date); no name for any other day.
fn month_of(day: u32) -> String {
    MONTH_STARTS
        .iter()
        .find(|(s, _)| *s == day)
        .map_or("", |(_, m)| m)
        .to_string()
}

fn monthly(area: &Area<'_>, chart: &Chart, bars: &[Bar]) -> Result<()> {
    let max = bars
        .iter()
        .flat_map(|b| [b.value, b.previous.unwrap_or(0.0)])
        .fold(0.0, f64::max);
    // Room above the tallest bar for the legend, which sits in the upper left (a line more
    // when it names a partial month).
    let room = if bars.iter().any(|b| b.partial) {
        1.5
    } else {
        1.35
    };
    let top = ceiling(max, room);
    let decimals = axis_decimals(top);
    let n = u32::try_from(bars.len()).unwrap_or(u32::MAX);
    let mut ctx = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(70)
        // 0..n-1 segmented is n slots, one per month (0..n would leave an empty one at the
        // right); a single month gets 0..1, the slot after it empty.
        .build_cartesian_2d(
            (0u32..n.saturating_sub(1).max(1)).into_segmented(),
            0.0..top,
        )
        .map_err(fail)?;
    let labels: Vec<String> = bars.iter().map(|b| clean(&b.label)).collect();
    ctx.configure_mesh()
        .disable_x_mesh()
        .x_desc(clean(&chart.x_label))
        .y_desc(clean(&chart.y_label))
        .label_style(font(TEXT))
        .axis_desc_style(font(TEXT))
        .y_label_formatter(&|v| number(*v, decimals))
        .x_labels(bars.len().min(12))
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                labels.get(*i as usize).cloned().unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        })
        .draw()
        .map_err(fail)?;
    // Each month's segment holds two bars: the year before (left, orange), this one (right),
    // with a gap between one month's pair and the next. A partial month is drawn lighter,
    // outlined, and named in the legend.
    let style = |colour: RGBColor, partial: bool| {
        if partial {
            colour.mix(PARTIAL).filled()
        } else {
            colour.filled()
        }
    };
    let half = PAIR_GAP / 2;
    let pair = |i: usize, b: &Bar, previous: bool| -> Option<Vec<Rectangle<_>>> {
        let i = u32::try_from(i).ok()?;
        let (colour, value, from, to, margin) = if previous {
            let value = b.previous?;
            let span = (SegmentValue::Exact(i), SegmentValue::CenterOf(i));
            (OLDER[0], value, span.0, span.1, (half, 0))
        } else {
            let span = (SegmentValue::CenterOf(i), SegmentValue::Exact(i + 1));
            (LATEST, b.value, span.0, span.1, (0, half))
        };
        let mut bar = Rectangle::new(
            [(from.clone(), value), (to.clone(), 0.0)],
            style(colour, b.partial),
        );
        bar.set_margin(0, 0, margin.0, margin.1);
        let mut shapes = vec![bar];
        if b.partial {
            let mut outline = Rectangle::new([(from, value), (to, 0.0)], colour.stroke_width(2));
            outline.set_margin(0, 0, margin.0, margin.1);
            shapes.push(outline);
        }
        Some(shapes)
    };
    let previous = OLDER[0].filled();
    let current = LATEST.filled();
    ctx.draw_series(
        bars.iter()
            .enumerate()
            .filter_map(|(i, b)| pair(i, b, true))
            .flatten(),
    )
    .map_err(fail)?
    .label("Same month a year earlier")
    .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], previous));
    ctx.draw_series(
        bars.iter()
            .enumerate()
            .filter_map(|(i, b)| pair(i, b, false))
            .flatten(),
    )
    .map_err(fail)?
    .label("This month")
    .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], current));
    if let Some(partial) = bars.iter().find(|b| b.partial) {
        let light = LATEST.mix(PARTIAL).filled();
        ctx.draw_series(std::iter::empty::<Rectangle<(SegmentValue<u32>, f64)>>())
            .map_err(fail)?
            .label(format!(
                "{}: partial month, against the same days a year earlier",
                clean(&partial.label)
            ))
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + Rectangle::new([(0, -5), (12, 5)], light)
                    + Rectangle::new([(0, -5), (12, 5)], LATEST.stroke_width(2))
            });
    }
    ctx.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(font(TEXT))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(fail)?;
    Ok(())
}

fn top(area: &Area<'_>, chart: &Chart, rows: &[Ranked]) -> Result<()> {
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    // Room on the right for the value and share written after the longest bar.
    let top = ceiling(max, 1.08 * 1.15);
    let decimals = axis_decimals(top);
    let values: Vec<f64> = rows.iter().map(|r| r.value).collect();
    let value_decimals = value_decimals(&values);
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let names: Vec<String> = rows.iter().map(|r| clean(&r.label)).collect();
    let mut ctx = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(150)
        // 0..n-1 segmented is n slots: one per row. One row alone would be a range of no
        // height (its bar drawn upside down): it gets 0..1, and the slot above stays empty.
        .build_cartesian_2d(
            0.0..top,
            (0u32..n.saturating_sub(1).max(1)).into_segmented(),
        )
        .map_err(fail)?;
    ctx.configure_mesh()
        .disable_y_mesh()
        .x_desc(clean(&chart.x_label))
        .y_desc(clean(&chart.y_label))
        .label_style(font(TEXT))
        .axis_desc_style(font(TEXT))
        .x_label_formatter(&|v| number(*v, decimals))
        // Names are drawn beside the bars below: an axis of one segment has no labels.
        // (`y_labels(0)` overflows inside plotters.)
        .y_labels(rows.len())
        .y_label_formatter(&|_| String::new())
        .draw()
        .map_err(fail)?;
    let style = LATEST.filled();
    ctx.draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
        let k = n.checked_sub(1 + u32::try_from(i).ok()?)?;
        let mut bar = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(k)),
                (r.value, SegmentValue::Exact(k + 1)),
            ],
            style,
        );
        bar.set_margin(4, 4, 0, 0);
        Some(bar)
    }))
    .map_err(fail)?;
    let value_font = font(TEXT)
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    ctx.draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
        let k = n.checked_sub(1 + u32::try_from(i).ok()?)?;
        let written = value(r.value, value_decimals);
        let text = match r.share_pct.filter(|s| s.is_finite()) {
            Some(s) => format!(" {written} ({}%)", number(s, 1)),
            None => format!(" {written}"),
        };
        Some(
            EmptyElement::at((r.value, SegmentValue::CenterOf(k)))
                + Text::new(text, (4, 0), value_font.clone()),
        )
    }))
    .map_err(fail)?;
    let right = font(TEXT)
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    ctx.draw_series(names.iter().enumerate().filter_map(|(i, name)| {
        let k = n.checked_sub(1 + u32::try_from(i).ok()?)?;
        Some(
            EmptyElement::at((0.0, SegmentValue::CenterOf(k)))
                + Text::new(name.clone(), (-8, 0), right.clone()),
        )
    }))
    .map_err(fail)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_text_is_escaped_and_control_characters_dropped() {
        let chart = Chart {
            title: "A <b>&\u{1b}[31m title".to_string(),
            subtitle: "People <i>".to_string(),
            y_label: "People".to_string(),
            x_label: "Nationality".to_string(),
            source: "Source: \"x\" & <y>".to_string(),
            alt: "Bar chart </desc><script>".to_string(),
            notes: Vec::new(),
            table: Default::default(),
            body: Body::Top(vec![Ranked {
                label: "</text><script>alert(1)</script>".to_string(),
                value: 5.0,
                share_pct: Some(50.0),
            }]),
        };
        let svg = String::from_utf8(render(&chart).unwrap()).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert!(texts.contains(&"A <b>& [31m title"), "{texts:?}");
        assert!(texts.contains(&"Source: \"x\" & <y>"), "{texts:?}");
        assert!(
            texts.contains(&"</text><script>alert(1)</script>"),
            "{texts:?}"
        );
        assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
        // The alt text is the <desc>'s text, escaped: it closes nothing.
        let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
        assert_eq!(desc.text(), Some("Bar chart </desc><script>"));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("A <b>& [31m title"));
        assert!(!svg.contains('\u{1b}'));
    }
}
