//! The cumulative chart drawn in text: one braille line per year on a grid of dots, the
//! latest point and the same day a year earlier marked, the day axis and the legend.

use super::*;

/// Braille cells: each 2 dots wide and 4 high, remembering the last line drawn through it.
struct Dots {
    cols: usize,
    cells: Vec<(u8, Option<usize>)>,
}

impl Dots {
    fn new(cols: usize, rows: usize) -> Self {
        Dots {
            cols,
            cells: vec![(0, None); cols * rows],
        }
    }

    fn set(&mut self, x: usize, y: usize, owner: usize) {
        // The dots of U+2800..U+28FF: bits 0-2 and 6 down the left, 3-5 and 7 down the right.
        let bit: u8 = match (x % 2, y % 4) {
            (0, 0) => 0x01,
            (0, 1) => 0x02,
            (0, 2) => 0x04,
            (0, _) => 0x40,
            (_, 0) => 0x08,
            (_, 1) => 0x10,
            (_, 2) => 0x20,
            _ => 0x80,
        };
        if let Some(cell) = self.cells.get_mut((y / 4) * self.cols + x / 2) {
            cell.0 |= bit;
            cell.1 = Some(owner);
        }
    }

    /// A straight run of dots from one point to the next (Bresenham), so a steep rise is
    /// drawn whole.
    fn segment(&mut self, from: (usize, usize), to: (usize, usize), owner: usize) {
        let (mut x, mut y) = (from.0 as i64, from.1 as i64);
        let (x1, y1) = (to.0 as i64, to.1 as i64);
        let (dx, dy) = ((x1 - x).abs(), -(y1 - y).abs());
        let (sx, sy) = (if x < x1 { 1 } else { -1 }, if y < y1 { 1 } else { -1 });
        let mut err = dx + dy;
        loop {
            self.set(x as usize, y as usize, owner);
            if x == x1 && y == y1 {
                break;
            }
            let e2 = 2 * err;
            if e2 >= dy {
                err += dy;
                x += sx;
            }
            if e2 <= dx {
                err += dx;
                y += sy;
            }
        }
    }

    fn cell(&self, col: usize, row: usize) -> (u8, Option<usize>) {
        self.cells
            .get(row * self.cols + col)
            .copied()
            .unwrap_or((0, None))
    }
}

pub(super) fn cumulative(
    page: &mut Page,
    chart: &Chart,
    lines: &[Line],
    note: Option<&str>,
    now: Option<(u32, f64)>,
    then: Option<(u32, f64)>,
) {
    let Frame {
        top,
        ticks,
        label_w,
        names,
        margin,
        cols,
    } = frame(page.width, lines);
    let (dots_w, dots_h) = (2 * cols, 4 * PLOT_ROWS);
    let x_of = |day: u32| -> usize {
        let day = f64::from(day.clamp(1, 366) - 1);
        ((day / 365.0) * (dots_w - 1) as f64).round() as usize
    };
    let y_of = |v: f64| -> usize {
        let f = if top > 0.0 {
            (v / top).clamp(0.0, 1.0)
        } else {
            0.0
        };
        dots_h - 1 - (f * (dots_h - 1) as f64).round() as usize
    };
    let mut dots = Dots::new(cols, PLOT_ROWS);
    for (i, line) in lines.iter().enumerate() {
        let mut prev: Option<(usize, usize)> = None;
        for &(day, v) in &line.points {
            let at = (x_of(day).min(dots_w - 1), y_of(v));
            dots.segment(prev.unwrap_or(at), at, i);
            prev = Some(at);
        }
    }
    // The latest point, and the figure the note compares it with, marked.
    let latest = lines.len().checked_sub(1);
    let cell_of = |p: (u32, f64)| (x_of(p.0).min(dots_w - 1) / 2, y_of(p.1) / 4);
    let mut marks: Vec<((usize, usize), char, usize)> = Vec::new();
    if let (Some(p), Some(i)) = (then, latest.and_then(|i| i.checked_sub(1))) {
        marks.push((cell_of(p), THEN_MARK, i));
    }
    if let (Some(p), Some(i)) = (now, latest) {
        marks.push((cell_of(p), NOW_MARK, i));
    }
    let margin_names = margin_names(lines, margin > 0, &y_of);
    page.para(&chart.y_label, None);
    let tick_rows: Vec<(usize, &str)> = ticks
        .iter()
        .map(|(v, t)| (y_of(*v) / 4, t.as_str()))
        .collect();
    for row in 0..PLOT_ROWS {
        let mut line = Vec::new();
        match tick_rows.iter().find(|t| t.0 == row) {
            Some((_, text)) => line.push(seg(format!("{text:>label_w$}┤"), None)),
            None => line.push(seg(format!("{:label_w$}│", ""), None)),
        }
        let mut run = String::new();
        let mut run_code = None;
        for col in 0..cols {
            let (bits, owner) = dots.cell(col, row);
            let mark = marks.iter().rev().find(|m| m.0 == (col, row));
            let (c, owner) = match mark {
                Some(&(_, c, i)) => (c, Some(i)),
                None if bits == 0 => (' ', None),
                None => (
                    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' '),
                    owner,
                ),
            };
            let code = owner.map(|i| line_colour(i, lines.len()));
            if code != run_code && !run.is_empty() {
                line.push(seg(std::mem::take(&mut run), run_code));
            }
            run_code = code;
            run.push(c);
        }
        line.push(seg(run, run_code));
        if let Some(i) = margin_names.get(row).copied().flatten() {
            let name = names.get(i).cloned().unwrap_or_default();
            line.push(seg(format!(" {name}"), Some(line_colour(i, lines.len()))));
        }
        page.lines.push(line);
    }
    day_axis(page, cols, label_w, &x_of);
    page.para(&chart.x_label, None);
    legend(page, &names, latest, note, now.is_some(), then.is_some());
}

/// How a cumulative chart is laid out across `width` columns: the scale's top and ticks, the
/// ticks' width, the lines' names and the margin they take, and the plot's columns.
struct Frame {
    top: f64,
    ticks: Vec<(f64, String)>,
    label_w: usize,
    names: Vec<String>,
    margin: usize,
    cols: usize,
}

fn frame(width: usize, lines: &[Line]) -> Frame {
    let max = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let top = nice(max);
    let values: Vec<f64> = (0..=4).rev().map(|i| top * f64::from(i) / 4.0).collect();
    let decimals = tick_decimals(&values);
    let ticks: Vec<(f64, String)> = values.iter().map(|v| (*v, number(*v, decimals))).collect();
    let label_w = ticks.iter().map(|t| t.1.chars().count()).max().unwrap_or(1);
    let names: Vec<String> = lines
        .iter()
        .map(|l| sanitize::cap_columns(&sanitize::escape(&l.name), NAME_MAX).to_string())
        .collect();
    let margin = 1 + names.iter().map(|n| n.width()).max().unwrap_or(0);
    let mut cols = width.saturating_sub(label_w + 1 + margin);
    // Too narrow to spare: the years are in the legend anyway.
    let margin = if cols < 20 {
        cols += margin;
        0
    } else {
        margin
    };
    let cols = cols.max(1);
    Frame {
        top,
        ticks,
        label_w,
        names,
        margin,
        cols,
    }
}

/// The day axis of a cumulative chart: a tick and a name at each month that has room for its
/// name.
fn day_axis(page: &mut Page, cols: usize, label_w: usize, x_of: &dyn Fn(u32) -> usize) {
    let mut axis: Vec<char> = vec!['─'; cols];
    let mut names_row: Vec<char> = vec![' '; cols];
    let mut free_from = 0;
    for (day, name) in MONTH_STARTS {
        let col = x_of(day) / 2;
        if col < free_from || col + name.len() > cols {
            continue;
        }
        if let Some(c) = axis.get_mut(col) {
            *c = '┬';
        }
        for (k, ch) in name.chars().enumerate() {
            if let Some(c) = names_row.get_mut(col + k) {
                *c = ch;
            }
        }
        free_from = col + name.len() + 1;
    }
    let pad = " ".repeat(label_w);
    page.lines.push(vec![seg(
        format!("{pad}└{}", axis.into_iter().collect::<String>()),
        None,
    )]);
    page.lines.push(vec![seg(
        format!("{pad} {}", names_row.into_iter().collect::<String>()),
        None,
    )]);
}

/// The legend of a cumulative chart: the marks, then every line in its colour.
fn legend(
    page: &mut Page,
    names: &[String],
    latest: Option<usize>,
    note: Option<&str>,
    now: bool,
    then: bool,
) {
    let count = names.len();
    let name_of = |i: Option<usize>| i.and_then(|i| names.get(i)).cloned().unwrap_or_default();
    if now {
        let mut words = vec![seg(NOW_MARK.to_string(), Some(LATEST))];
        words.push(seg(format!("{} (latest):", name_of(latest)), Some(LATEST)));
        let note = note
            .map(|n| sanitize::escape(n).into_owned())
            .unwrap_or_default();
        words.extend(note.split(' ').map(|w| seg(w, None)));
        page.flow(words);
    }
    if then {
        let i = latest.and_then(|i| i.checked_sub(1));
        let code = i.map(|i| line_colour(i, count));
        let mut words = vec![seg(THEN_MARK.to_string(), code)];
        words.push(seg(format!("{},", name_of(i)), code));
        words.extend(
            "the same day a year earlier"
                .split(' ')
                .map(|w| seg(w, None)),
        );
        page.flow(words);
    }
    let mut words = vec![seg("Lines:", None)];
    words.extend(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| seg(n.clone(), Some(line_colour(i, count)))),
    );
    page.flow(words);
}

/// Whole years named in the right margin at the row they end on, the latest first: for each
/// plot row, the line named there.
fn margin_names(lines: &[Line], room: bool, y_of: &dyn Fn(f64) -> usize) -> Vec<Option<usize>> {
    let mut margin_names: Vec<Option<usize>> = vec![None; PLOT_ROWS];
    if room {
        for (i, line) in lines.iter().enumerate().rev() {
            let Some(&(day, v)) = line.points.last() else {
                continue;
            };
            if day < 335 {
                continue;
            }
            let want = y_of(v) / 4;
            let free = (0..PLOT_ROWS)
                .flat_map(|d| [want + d, want.wrapping_sub(d)])
                .find(|r| margin_names.get(*r).is_some_and(Option::is_none));
            if let Some(slot) = free.and_then(|r| margin_names.get_mut(r)) {
                *slot = Some(i);
            }
        }
    }
    margin_names
}
