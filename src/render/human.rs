//! Numbers for people, in one place: thousands separators, `£` for gbp, `%` and `pp`, signs
//! on changes, `>`/`~`/`<` for qualifiers, and one rule for decimals. Machine outputs (JSON,
//! CSV) never go through here.

use crate::calc::{Change, ChangeKind};
use crate::domain::{Qualifier, Range, Unit};

/// Decimals shown for a value of this unit: whole people, boats and pounds; one decimal for
/// rates, ratios and percent changes.
fn decimals(unit: Unit) -> usize {
    match unit {
        Unit::People | Unit::Boats | Unit::Gbp => 0,
        Unit::Percent | Unit::Ratio => 1,
    }
}

/// `1234567.891` with 0 decimals → `1,234,568`. Non-finite values print as `n/a`.
pub fn grouped(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    // Whole numbers (most counts) skip float formatting; the text is the same.
    let s = if decimals == 0 && v.fract() == 0.0 && v.abs() < 1e15 {
        (v.abs() as u64).to_string()
    } else {
        format!("{:.*}", decimals, v.abs())
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    // No "-0": a value that rounds to zero is shown unsigned.
    let negative = v < 0.0 && out.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if negative { format!("-{out}") } else { out }
}

/// A value in its unit without qualifier: `27,000`, `£800,000`, `26.0%`, `52.3`.
pub fn amount(v: f64, unit: Unit) -> String {
    let n = grouped(v, decimals(unit));
    match unit {
        Unit::Gbp => match n.strip_prefix('-') {
            Some(rest) => format!("-£{rest}"),
            None => format!("£{n}"),
        },
        Unit::Percent => format!("{n}%"),
        Unit::People | Unit::Boats | Unit::Ratio => n,
    }
}

pub fn qualifier_mark(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::About => "~",
        Qualifier::Over => ">",
        Qualifier::Under => "<",
    }
}

/// A stated value as worded: `>27,000`, `~18,000`, `£800,000`.
pub fn stated(v: f64, q: Qualifier, unit: Unit) -> String {
    format!("{}{}", qualifier_mark(q), amount(v, unit))
}

/// A stated value in words: "more than 27,000", "around 18,000", "fewer than 500", "1,900".
pub fn wording(v: f64, q: Qualifier, unit: Unit) -> String {
    let words = match q {
        Qualifier::Exact => "",
        Qualifier::About => "around ",
        Qualifier::Over => "more than ",
        Qualifier::Under => "fewer than ",
    };
    format!("{words}{}", amount(v, unit))
}

/// A value worked back from a stated change: `~30,702 implied`.
pub fn implied(v: f64, unit: Unit) -> String {
    format!("~{} implied", amount(v, unit))
}

/// A difference in percentage points: `+30.0 pp`.
pub fn points(v: f64) -> String {
    format!("{} pp", signed(v, 1))
}

/// `30,568 to 31,718`
pub fn range(r: &Range, unit: Unit) -> String {
    // People and boats are whole: show the whole numbers inside the range, so an exact 299
    // (299 ± 0.5) reads "299 to 299", not "298 to 300" from rounding each half-way end.
    let whole = Range::new(r.low.ceil(), r.high.floor());
    let r = match unit {
        Unit::People | Unit::Boats if r.low.ceil() <= r.high.floor() => &whole,
        _ => r,
    };
    format!("{} to {}", amount(r.low, unit), amount(r.high, unit))
}

fn signed(v: f64, decimals: usize) -> String {
    let s = grouped(v, decimals);
    if s.starts_with('-')
        || s.bytes()
            .all(|b| !b.is_ascii_digit() || b == b'0' || b == b'.' || b == b',')
    {
        s
    } else {
        format!("+{s}")
    }
}

/// A computed change as people read it: `+50.0%`, or `-14.0 pp` for rates.
pub fn percent_or_points(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => points(v),
        _ => percent_change(v),
    }
}

/// `+50.0%`
pub fn percent_change(p: f64) -> String {
    format!("{}%", signed(p, 1))
}

/// `+9,000` in the unit's decimals (pounds keep their sign before `£`).
pub fn absolute_change(v: f64, unit: Unit) -> String {
    let s = signed(v, decimals(unit));
    match unit {
        Unit::Gbp => {
            let (sign, rest) = s.split_at(usize::from(s.starts_with(['+', '-'])));
            format!("{sign}£{rest}")
        }
        _ => s,
    }
}

/// `+50.0%` over `+45.9% to +60.0%`; for rates `-14.0 pp` over `-15.0 to -13.0 pp`.
pub fn change_headline(c: &Change) -> String {
    // A range that reads the same as the change at display precision (exact counts) is noise.
    let with_range = |head: String, r: &Range, unit: Unit| {
        let (low, high) = match unit {
            Unit::Percent => (signed(r.low, 1), signed(r.high, 1)),
            _ => (percent_change(r.low), percent_change(r.high)),
        };
        let same = |s: &str| head.strip_suffix(" pp").unwrap_or(&head) == s;
        if same(&low) && same(&high) {
            head
        } else {
            // As change_range writes it, from the ends already formatted.
            let pp = if unit == Unit::Percent { " pp" } else { "" };
            format!("{head}\n{low} to {high}{pp}")
        }
    };
    match c.kind {
        ChangeKind::Points => with_range(
            format!("{} pp", signed(c.absolute, 1)),
            &c.absolute_range,
            Unit::Percent,
        ),
        ChangeKind::Percent => match (c.percent, c.percent_range) {
            (Some(p), Some(r)) => with_range(percent_change(p), &r, Unit::People),
            (Some(p), None) => format!("{} (range unbounded)", percent_change(p)),
            // Previous value 0 (or so small the percent overflows).
            (None, _) => super::NOTHING.to_string(),
        },
    }
}

/// A range of changes: `+45.9% to +60.0%`, or `-11.0 to -9.0 pp` for rates.
pub fn change_range(r: &Range, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{} to {} pp", signed(r.low, 1), signed(r.high, 1)),
        _ => format!("{} to {}", percent_change(r.low), percent_change(r.high)),
    }
}

/// `+14%` for a stated change; points for rates.
pub fn stated_change(v: f64, unit: Unit) -> String {
    let decimals = if v.fract() == 0.0 { 0 } else { 1 };
    match unit {
        Unit::Percent => format!("{} pp", signed(v, decimals)),
        _ => format!("{}%", signed(v, decimals)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::change_between;

    #[test]
    fn numbers_are_grouped_and_signed() {
        assert_eq!(grouped(1_234_567.891, 0), "1,234,568");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(-700.0, 0), "-700");
        assert_eq!(grouped(-0.04, 1), "0.0");
        assert_eq!(grouped(f64::NAN, 0), "n/a");
        assert_eq!(amount(800_000.0, Unit::Gbp), "£800,000");
        assert_eq!(amount(26.0, Unit::Percent), "26.0%");
        assert_eq!(stated(27_000.0, Qualifier::Over, Unit::People), ">27,000");
        assert_eq!(stated(18_000.0, Qualifier::About, Unit::People), "~18,000");
        assert_eq!(absolute_change(9_000.0, Unit::People), "+9,000");
        assert_eq!(absolute_change(-700.0, Unit::People), "-700");
        assert_eq!(absolute_change(0.0, Unit::People), "0");
        assert_eq!(absolute_change(-5.0, Unit::Gbp), "-£5");
        assert_eq!(stated_change(14.0, Unit::People), "+14%");
        assert_eq!(range(&Range::new(298.5, 299.5), Unit::People), "299 to 299");
        assert_eq!(
            range(&Range::new(17_500.0, 18_500.0), Unit::People),
            "17,500 to 18,500"
        );
        assert_eq!(range(&Range::new(52.5, 53.5), Unit::Ratio), "52.5 to 53.5");
    }

    #[test]
    fn change_headlines() {
        let c = change_between(
            Unit::People,
            27_000.0,
            Range::new(27_000.0, 28_000.0),
            18_000.0,
            Range::new(17_500.0, 18_500.0),
        );
        assert_eq!(change_headline(&c), "+50.0%\n+45.9% to +60.0%");
        let c = change_between(
            Unit::Percent,
            26.0,
            Range::new(25.5, 26.5),
            40.0,
            Range::new(39.5, 40.5),
        );
        assert_eq!(change_headline(&c), "-14.0 pp\n-15.0 to -13.0 pp");
        // Exact counts: a range that reads as the change itself is left out…
        let exact = |v: f64| Range::new(v - 0.5, v + 0.5);
        let c = change_between(
            Unit::People,
            5_545.0,
            exact(5_545.0),
            9_088.0,
            exact(9_088.0),
        );
        assert_eq!(change_headline(&c), "-39.0%");
        // …but kept where it differs at that precision.
        let c = change_between(
            Unit::People,
            2_545.0,
            exact(2_545.0),
            4_574.0,
            exact(4_574.0),
        );
        assert_eq!(change_headline(&c), "-44.4%\n-44.4% to -44.3%");
    }
}
