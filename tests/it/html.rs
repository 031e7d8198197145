//! The fact-check page: one self-contained HTML5 document (parsed as a browser parses it), with
//! no script to run and nothing loaded from the network, each claim's verdict, receipt, chart
//! and citation, and a ClaimReview JSON-LD draft whose text cannot end its element.

use crate::common::{fixture, migstats};
use scraper::{Html, Selector};

const SENTENCE: &str = "More than 27,000 people have made the dangerous journey so far this year, \
                        up from around 18,000 in the same period last year";

fn page(extra: &[&str], sentence: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check.html");
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let out = migstats()
        .args([
            "check",
            "--claim",
            sentence,
            "--date",
            "2025-08-20",
            "--against",
            &ods,
        ])
        .args(["-o", path.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&path).unwrap()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// No element loads anything: no script source, stylesheet link, image, frame or media, and no
/// `url(` in the CSS; addresses may stand in text and in JSON-LD only.
fn assert_self_contained(html: &str, doc: &Html) {
    assert!(!html.to_ascii_lowercase().contains("<script src"), "{html}");
    let loads: Vec<String> = select(
        doc,
        "[src], link, img, iframe, object, embed, video, audio, source",
    )
    .iter()
    .map(|el| el.html())
    .collect();
    assert!(loads.is_empty(), "loads something: {loads:?}");
    for el in select(doc, "[href]") {
        let href = el.value().attr("href").unwrap_or_default();
        assert!(
            !href.starts_with("http://") && !href.starts_with("https://"),
            "{}",
            el.html()
        );
    }
    for style in select(doc, "style") {
        let css = style.text().collect::<String>();
        assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
    }
    for script in select(doc, "script") {
        assert_eq!(
            script.value().attr("type"),
            Some("application/ld+json"),
            "only data blocks: {}",
            script.html()
        );
    }
}

fn reviews(doc: &Html) -> Vec<serde_json::Value> {
    select(doc, "script[type=\"application/ld+json\"]")
        .iter()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
        .collect()
}

#[test]
fn the_page_holds_each_verdict_receipt_chart_and_citation_and_loads_nothing() {
    let html = page(&[], SENTENCE);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_self_contained(&html, &doc);
    let articles = select(&doc, "article");
    assert_eq!(articles.len(), 2);
    let first = articles[0].text().collect::<String>();
    assert!(first.contains("consistent"), "{first}");
    assert!(first.contains("sum of 231 days = 27,997"), "{first}");
    assert!(first.contains("a8887dfe05fc093fb99e389f9d433504702b04ce2c8b18e98036b5ce4ab20bb7"));
    assert!(first.contains("provisional management information"));
    assert!(first.contains(
        "Contains public sector information licensed under the Open Government Licence v3.0."
    ));
    // Its chart: the claim's period against the same span a year earlier, with its words.
    let svg = select(&doc, "article:first-of-type svg");
    assert_eq!(svg.len(), 1);
    let desc = select(&doc, "article:first-of-type svg desc")[0]
        .text()
        .collect::<String>();
    assert_eq!(
        desc,
        "1 Jan – 19 Aug 2025: 27,997; 1 Jan – 19 Aug 2024: 19,294"
    );
    assert_eq!(select(&doc, "article:first-of-type svg rect").len(), 2);
    // Without --publisher and --url, no ClaimReview.
    assert!(reviews(&doc).is_empty());
}

#[test]
fn with_a_publisher_and_url_each_claim_has_a_claim_review_draft() {
    let html = page(
        &[
            "--publisher",
            "Example Fact Check",
            "--url",
            "https://example.org/c/1",
        ],
        SENTENCE,
    );
    let doc = Html::parse_document(&html);
    assert_self_contained(&html, &doc);
    let reviews = reviews(&doc);
    assert_eq!(reviews.len(), 2);
    let r = &reviews[0];
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["url"], "https://example.org/c/1#claim-1");
    assert_eq!(reviews[1]["url"], "https://example.org/c/1#claim-2");
    assert_eq!(r["author"]["name"], "Example Fact Check");
    assert_eq!(
        r["claimReviewed"],
        "More than 27,000: small boat arrivals, 1 Jan – 19 Aug 2025"
    );
    assert_eq!(
        r["reviewRating"]["alternateName"],
        "Consistent with the official figures"
    );
    assert_eq!(r["itemReviewed"]["@type"], "Claim");
    assert_eq!(r["itemReviewed"]["datePublished"], "2025-08-20");
    assert_eq!(
        r["isBasedOn"]["name"],
        "Migrants detected crossing the English Channel in small boats"
    );
    assert_eq!(
        reviews[1]["reviewRating"]["alternateName"],
        "Inconsistent with the official figures"
    );
}

#[test]
fn text_from_input_never_becomes_markup_or_ends_the_json_ld() {
    let sentence = "More than 27,000 people </script><img src=x onerror=alert(1)> have crossed \
                    so far this year";
    let html = page(
        &[
            "--publisher",
            "A </script><b>\"&'",
            "--url",
            "https://example.org/?a=1&b=</script>",
        ],
        sentence,
    );
    let doc = Html::parse_document(&html);
    assert_self_contained(&html, &doc);
    assert!(select(&doc, "b").is_empty(), "{html}");
    // Not a `<` at all inside a data block (`\u003c`), so nothing in it can end it.
    for script in select(&doc, "script") {
        let text = script.text().collect::<String>();
        assert!(!text.contains('<'), "{text}");
    }
    let reviews = reviews(&doc);
    assert!(!reviews.is_empty());
    assert_eq!(reviews[0]["author"]["name"], "A </script><b>\"&'");
    assert_eq!(
        reviews[0]["url"],
        "https://example.org/?a=1&b=</script>#claim-1"
    );
}

#[test]
fn html_is_check_only_and_a_review_needs_the_page() {
    let out = migstats()
        .args(["summary", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let out = migstats()
        .args([
            "check",
            "--claim",
            SENTENCE,
            "--date",
            "2025-08-20",
            "--against",
            &ods,
        ])
        .args(["--publisher", "X", "--url", "https://example.org/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTML page"));
}

#[test]
fn check_against_writes_the_page_of_the_dataset_stated_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figures.html");
    let ods = fixture("14_November_2025_Small_boats_-_time_series.ods");
    let out = migstats()
        .args(["check", "--against", &ods, "-o", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one claim is inconsistent");
    let html = std::fs::read_to_string(&path).unwrap();
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_self_contained(&html, &doc);
    let articles = select(&doc, "article");
    assert_eq!(articles.len(), 8);
    let first = articles[0].text().collect::<String>();
    assert!(first.contains("sum of 227 days = 27,997"), "{first}");
    assert!(!html.contains("tests/fixtures"), "no path on this machine");
}
