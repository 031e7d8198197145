//! A fact-check page: one self-contained HTML file (inline CSS, inline SVG, no script to run,
//! nothing loaded from the network) with each claim's verdict, receipt, a chart of its period
//! against the year before and the citation; with a publisher and URL, a ClaimReview JSON-LD
//! draft. Every piece of text is escaped for where it stands.

use super::{Renderer, Report, Tone, human};
use crate::domain::Unit;
use crate::error::{Error, Result};
use crate::sanitize;
use serde_json::json;

/// Who publishes the review, for the ClaimReview draft (`--publisher`, `--url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub publisher: String,
    pub url: String,
}

/// One bar of a claim's chart: the official figure for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// "1 Jan – 19 Aug 2025".
    pub label: String,
    pub value: f64,
}

/// One claim on the page, in words already: the renderer only lays it out.
#[derive(Debug, Clone, PartialEq)]
pub struct PageClaim {
    /// The sentence the claim is in.
    pub sentence: String,
    /// The words claimed ("More than 27,000").
    pub claim: String,
    /// The claim's period as read ("1 Jan – 19 Aug 2025").
    pub period: String,
    /// The verdict's word ("consistent").
    pub verdict: String,
    pub tone: Tone,
    /// The verdict for a ClaimReview's `alternateName` ("Consistent with the official figures").
    pub rating: String,
    /// The copy-ready paragraph.
    pub paragraph: String,
    /// The receipt as (label, value) rows.
    pub receipt: Vec<(String, String)>,
    /// The claim's period, then the year before where the file gives it.
    pub bars: Vec<Bar>,
    pub unit: Unit,
    /// What the chart shows ("small boat arrivals").
    pub measure: String,
    /// The release cited, with the licence's attribution.
    pub citation: String,
    /// The release's title, for `isBasedOn`.
    pub release: Option<String>,
    /// The release's address, where known (a file from the `fetch` cache).
    pub release_url: Option<String>,
    /// The claim's publication date, ISO.
    pub date: Option<String>,
}

/// What a fact-check page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub title: String,
    pub claims: Vec<PageClaim>,
    /// Lines under the claims (counts, sources).
    pub notes: Vec<String>,
}

/// Writes the page of a `check` report.
pub struct HtmlRenderer {
    pub review: Option<Review>,
}

/// Text for HTML content and attribute values: escaped as the tool escapes all input text
/// (controls, bidirectional marks), then `& < > " '` as entities.
fn esc(text: &str) -> String {
    let text = sanitize::escape(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:16px/1.5 Georgia,serif;color:#1b1b1b;max-width:46em;margin:2em auto;padding:0 1em}\
h1{font:bold 1.6em/1.2 Arial,sans-serif}\
h2{font:bold 1.15em/1.3 Arial,sans-serif;margin:0 0 .4em}\
article{border-top:3px solid #1b1b1b;padding:1em 0 1.5em}\
blockquote{margin:0 0 .8em;padding-left:.8em;border-left:4px solid #b1b4b6;font-style:italic}\
.verdict{display:inline-block;font:bold .9em Arial,sans-serif;padding:.15em .5em;color:#fff;border-radius:3px}\
.good{background:#00703c}.bad{background:#d4351c}.warn{background:#8a5a00}.muted{background:#505a5f}\
table{border-collapse:collapse;font:.85em/1.4 Arial,sans-serif;margin:.6em 0;width:100%}\
th{text-align:left;vertical-align:top;padding:.2em .8em .2em 0;white-space:nowrap;color:#505a5f}\
td{padding:.2em 0;overflow-wrap:anywhere}\
.cite{font-size:.85em;color:#505a5f}\
svg{display:block;margin:.6em 0}\
footer{font:.8em Arial,sans-serif;color:#505a5f;border-top:1px solid #b1b4b6;padding-top:.6em}";

impl Renderer for HtmlRenderer {
    fn render(&self, report: &Report, out: &mut Vec<u8>) -> Result<()> {
        let page = report.rows()?.page().ok_or_else(|| {
            Error::usage(
                "--format html applies only to check: the page is a fact-check",
                "say migstats check … -o check.html",
            )
        })?;
        out.extend_from_slice(self.html(&page).as_bytes());
        Ok(())
    }
}

impl HtmlRenderer {
    fn html(&self, page: &Page) -> String {
        let mut h = String::new();
        h.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.push_str(&format!("<title>{}</title>\n", esc(&page.title)));
        h.push_str(&format!("<style>{STYLE}</style>\n"));
        if let Some(review) = &self.review {
            for (i, c) in page.claims.iter().enumerate() {
                h.push_str(&claim_review(i, c, review));
            }
        }
        h.push_str("</head>\n<body>\n");
        h.push_str(&format!("<h1>{}</h1>\n", esc(&page.title)));
        for (i, c) in page.claims.iter().enumerate() {
            h.push_str(&article(i, c));
        }
        h.push_str("<footer>\n");
        for n in &page.notes {
            h.push_str(&format!("<p>{}</p>\n", esc(n)));
        }
        h.push_str(&format!(
            "<p>Made with migstats {}; checked against the official files named above.</p>\n",
            env!("CARGO_PKG_VERSION")
        ));
        h.push_str("</footer>\n</body>\n</html>\n");
        h
    }
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Bad => "bad",
        Tone::Plain => "warn",
        Tone::Muted => "muted",
    }
}

fn article(i: usize, c: &PageClaim) -> String {
    let mut h = format!("<article id=\"claim-{}\">\n", i + 1);
    h.push_str(&format!(
        "<h2>\u{201c}{}\u{201d} <span class=\"verdict {}\">{}</span></h2>\n",
        esc(&c.claim),
        tone_class(c.tone),
        esc(&c.verdict)
    ));
    h.push_str(&format!("<blockquote>{}</blockquote>\n", esc(&c.sentence)));
    h.push_str(&format!("<p>{}</p>\n", esc(&c.paragraph)));
    if let Some(svg) = bars(i, c) {
        h.push_str(&svg);
    }
    if !c.receipt.is_empty() {
        h.push_str(
            "<table>\n<caption style=\"text-align:left;font-weight:bold\">Receipt</caption>\n",
        );
        for (k, v) in &c.receipt {
            h.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                esc(k),
                esc(v)
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str(&format!("<p class=\"cite\">{}</p>\n", esc(&c.citation)));
    h.push_str("</article>\n");
    h
}

/// Two bars (the claim's period and the year before), or one: an inline SVG with its own
/// title and description, values written on the bars.
fn bars(i: usize, c: &PageClaim) -> Option<String> {
    if c.bars.is_empty() {
        return None;
    }
    let max = c.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    if max <= 0.0 || !max.is_finite() {
        return None;
    }
    let (width, row, label_w, bar_w) = (600.0, 34.0, 190.0, 330.0);
    let height = row * c.bars.len() as f64 + 8.0;
    let desc: Vec<String> = c
        .bars
        .iter()
        .map(|b| format!("{}: {}", b.label, human::amount(b.value, c.unit)))
        .collect();
    let title = format!("{}, official figures", c.measure);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"t{i} d{i}\" font-family=\"Arial, sans-serif\" font-size=\"13\">\n<title id=\"t{i}\">{}</title>\n<desc id=\"d{i}\">{}</desc>\n",
        esc(&title),
        esc(&desc.join("; "))
    );
    for (k, b) in c.bars.iter().enumerate() {
        let y = 4.0 + row * k as f64;
        let w = (b.value / max * bar_w).max(1.0);
        // The claim's own period in ink, the year before in grey.
        let fill = if k == 0 { "#1d70b8" } else { "#b1b4b6" };
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1b1b1b\">{}</text>\n",
            label_w - 8.0,
            y + 18.0,
            esc(&b.label)
        ));
        s.push_str(&format!(
            "<rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{fill}\"/>\n",
            row - 10.0
        ));
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" fill=\"#1b1b1b\">{}</text>\n",
            label_w + w + 6.0,
            y + 18.0,
            esc(&human::amount(b.value, c.unit))
        ));
    }
    s.push_str("</svg>\n");
    Some(s)
}

/// A schema.org ClaimReview draft for one claim, as JSON-LD in a data block (not a script
/// that runs). `<` is written `\u003c`, so no text can close the element; `>` and `&` too.
fn claim_review(i: usize, c: &PageClaim, review: &Review) -> String {
    // Each review its own address: the page's, at the claim's article (unless it names a
    // fragment of its own).
    let url = if review.url.contains('#') {
        review.url.clone()
    } else {
        format!("{}#claim-{}", review.url, i + 1)
    };
    let mut based_on = json!({
        "@type": "Dataset",
        "name": c.release.clone().unwrap_or_else(|| c.citation.clone()),
    });
    if let (Some(url), Some(obj)) = (&c.release_url, based_on.as_object_mut()) {
        obj.insert("url".to_string(), json!(url));
    }
    let mut item = json!({
        "@type": "Claim",
        "appearance": { "@type": "CreativeWork", "text": c.sentence },
    });
    if let (Some(date), Some(obj)) = (&c.date, item.as_object_mut()) {
        obj.insert("datePublished".to_string(), json!(date));
    }
    let doc = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        // The claim itself, not the sentence: a sentence may make several.
        "claimReviewed": format!("{}: {}, {}", c.claim, c.measure, c.period),
        "author": { "@type": "Organization", "name": review.publisher },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": c.rating,
        },
        "itemReviewed": item,
        "isBasedOn": based_on,
        "reviewBody": c.paragraph,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    let text = sanitize::json(&text)
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!("<script type=\"application/ld+json\">\n{text}\n</script>\n")
}
