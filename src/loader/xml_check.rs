//! What a zip's XML parts are checked for before calamine parses them: every node (text, tag
//! with its attribute values, comment, processing instruction, CDATA, doctype) bounded in
//! length as bytes flow, by a lexer that ends nodes where quick-xml does; well formed to the
//! end; references within the sheet; and what calamine keeps for each element bounded in
//! number by fixed limits that do not grow with `--max-input-mb`: shared strings (their
//! declared count by the bytes that could carry it, too), styles, sheets, defined names.

use super::limits::{self, Limit, Limits, MAX_COLUMNS, MAX_ROWS, MAX_TEXT};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;
use std::io::{self, BufRead};

/// Shared strings calamine may reserve room for, whatever `--max-input-mb` says (24 bytes
/// each: 96 MiB at most). Official files hold a few thousand.
pub const MAX_SHARED_STRINGS: u64 = 1 << 22;
/// A shared-string table's `count` (uses of its strings across all sheets).
pub const MAX_STRING_USES: u64 = 1 << 26;
/// Style records (`xf`, `font`, `fill`, `border`, `numFmt`, `dxf`, `cellStyle`) in one part:
/// calamine builds a style per `xf`, copying its font, fill, border and format. Excel's own
/// maximum is 64,000 cell formats.
pub const MAX_STYLES: u64 = 65_536;
/// Bytes in one attribute value of a styles part (Excel: format codes of 255 characters).
pub const MAX_STYLE_ATTR: usize = 1024;
/// `<sheet>` entries in a workbook.
pub const MAX_SHEETS: u64 = 10_000;
/// `<definedName>` entries in a workbook, and the bytes of their text together.
pub const MAX_DEFINED_NAMES: u64 = 10_000;
pub const MAX_DEFINED_TEXT: u64 = 1 << 20;
/// Elements open at once.
const MAX_DEPTH: usize = 256;
/// The smallest shared string, `<si/>`: a declared count beyond the entry's bytes over this lies.
const SMALLEST_SI: u64 = 5;

/// Which node the lexer is in, mirroring where quick-xml ends each event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Node {
    #[default]
    Text,
    /// After `<`, before we know which kind; `n` bytes of `<!` or `<![CDATA[` matched.
    Open,
    Bang(u8),
    Tag(Option<u8>),
    Pi(bool),
    Comment(u8),
    CData(u8),
    Doctype(u32),
}

/// The length of the current XML node, fed byte by byte: fails past [`MAX_TEXT`] bytes.
#[derive(Debug, Default)]
pub struct NodeBound {
    node: Node,
    len: usize,
}

impl NodeBound {
    pub fn feed(&mut self, bytes: &[u8]) -> io::Result<()> {
        for &b in bytes {
            self.step(b);
            self.len += 1;
            if self.len > MAX_TEXT {
                return Err(limits::io_error(Limit::Text));
            }
        }
        Ok(())
    }

    fn step(&mut self, b: u8) {
        const CDATA: &[u8] = b"[CDATA[";
        let (next, ended) = match (self.node, b) {
            (Node::Text, b'<') => (Node::Open, true),
            (Node::Text, _) => (Node::Text, false),
            (Node::Open, b'!') => (Node::Bang(0), false),
            (Node::Open, b'?') => (Node::Pi(false), false),
            (Node::Open, b'>') => (Node::Text, true),
            (Node::Open, q @ (b'"' | b'\'')) => (Node::Tag(Some(q)), false),
            (Node::Open, _) => (Node::Tag(None), false),
            (Node::Bang(0), b'-') => (Node::Comment(1), false),
            (Node::Bang(n), _) if CDATA.get(usize::from(n)) == Some(&b) => {
                if usize::from(n) + 1 == CDATA.len() {
                    (Node::CData(0), false)
                } else {
                    (Node::Bang(n + 1), false)
                }
            }
            (Node::Bang(_), b'>') => (Node::Text, true),
            (Node::Bang(_), b'[') => (Node::Doctype(1), false),
            (Node::Bang(_), _) => (Node::Doctype(0), false),
            // `<!-` then `-`: inside the comment; its end is `-->`.
            (Node::Comment(1), b'-') => (Node::Comment(2), false),
            (Node::Comment(1), _) => (Node::Doctype(0), false),
            (Node::Comment(n), b'-') if n >= 2 => {
                (Node::Comment(if n >= 4 { 4 } else { n + 1 }), false)
            }
            (Node::Comment(4), b'>') => (Node::Text, true),
            (Node::Comment(_), _) => (Node::Comment(2), false),
            (Node::CData(n), b']') => (Node::CData((n + 1).min(2)), false),
            (Node::CData(2), b'>') => (Node::Text, true),
            (Node::CData(_), _) => (Node::CData(0), false),
            (Node::Pi(true), b'>') => (Node::Text, true),
            (Node::Pi(_), c) => (Node::Pi(c == b'?'), false),
            (Node::Tag(None), b'>') => (Node::Text, true),
            (Node::Tag(None), q @ (b'"' | b'\'')) => (Node::Tag(Some(q)), false),
            (Node::Tag(Some(q)), c) if c == q => (Node::Tag(None), false),
            (Node::Tag(t), _) => (Node::Tag(t), false),
            (Node::Doctype(0), b'>') => (Node::Text, true),
            (Node::Doctype(d), b'[') => (Node::Doctype(d.saturating_add(1)), false),
            (Node::Doctype(d), b']') => (Node::Doctype(d.saturating_sub(1)), false),
            (Node::Doctype(d), _) => (Node::Doctype(d), false),
        };
        if ended {
            self.len = 0;
        }
        self.node = next;
    }
}

/// What one part is, for the counts that apply to it.
pub struct Part<'a> {
    pub limits: &'a Limits,
    /// The entry's declared inflated size: no count can need more bytes than it has.
    pub size: u64,
}

/// Counts kept while one part is read.
#[derive(Default)]
struct Counts {
    cells: u64,
    styles: u64,
    sheets: u64,
    names: u64,
    name_text: u64,
    in_name: usize,
    in_styles: bool,
    sheet_ids: HashSet<Vec<u8>>,
    sheet_targets: HashSet<String>,
}

type Checked = std::result::Result<(), String>;

/// Errors from the XML checks: io (limits) pass through, the rest say what is wrong.
pub fn check_xml(r: &mut dyn BufRead, part: &Part) -> io::Result<Checked> {
    let limits = part.limits;
    let mut reader = super::archive::xml_reader(r);
    let mut buf = Vec::new();
    let mut depth: usize = 0;
    let mut counts = Counts::default();
    // Inside a shared-string table, and the text in it so far.
    let mut in_sst = false;
    let mut shared_text: u64 = 0;
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(quick_xml::Error::Io(e)) => {
                return Err(match limits::limit_of(&e) {
                    Some(l) => limits::io_error(l),
                    None => io::Error::new(e.kind(), e.to_string()),
                });
            }
            Err(e) => return Ok(Err(format!("malformed XML: {e}"))),
        };
        let checked = match &event {
            Event::Start(e) => {
                depth += 1;
                in_sst |= e.local_name().as_ref() == "sst";
                if depth > MAX_DEPTH {
                    return Ok(Err(format!("XML nested more than {MAX_DEPTH} deep")));
                }
                if counts.in_name > 0 {
                    counts.in_name += 1;
                }
                check_element(e, part, &mut counts, false)
            }
            Event::Empty(e) => check_element(e, part, &mut counts, true),
            Event::Text(t) => {
                if in_sst {
                    shared_text = shared_text.saturating_add(t.len() as u64);
                    if shared_text > limits.max_shared_text() {
                        return Err(limits::io_error(Limit::SharedText(
                            limits.max_shared_text() >> 20,
                        )));
                    }
                }
                name_text(&mut counts, t.len())
            }
            Event::GeneralRef(t) => name_text(&mut counts, t.len() + 2),
            Event::CData(t) => name_text(&mut counts, t.len()),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                counts.in_name = counts.in_name.saturating_sub(1);
                Ok(())
            }
            Event::Eof => break,
            _ => Ok(()),
        };
        if let Err(what) = checked {
            return Ok(Err(what));
        }
    }
    if depth != 0 {
        return Ok(Err("XML ends before its elements are closed".into()));
    }
    Ok(Ok(()))
}

fn name_text(counts: &mut Counts, len: usize) -> Checked {
    if counts.in_name > 0 {
        counts.name_text = counts.name_text.saturating_add(len as u64);
        if counts.name_text > MAX_DEFINED_TEXT {
            return Err(format!(
                "the defined names hold more than {} KiB of text",
                MAX_DEFINED_TEXT >> 10
            ));
        }
    }
    Ok(())
}

/// One more of something calamine keeps, within `max`.
fn count(n: &mut u64, max: u64, what: &str) -> Checked {
    *n += 1;
    if *n > max {
        return Err(format!("more than {max} {what}"));
    }
    Ok(())
}

/// A declared count: a number within `max`.
fn declared(value: &[u8], max: u64, what: &str) -> Checked {
    let n = std::str::from_utf8(value)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok());
    if n.is_none_or(|n| n > max) {
        return Err(format!(
            "{what} '{}' is not a count within {max}",
            String::from_utf8_lossy(value)
                .chars()
                .take(40)
                .collect::<String>()
        ));
    }
    Ok(())
}

/// Limits on what calamine would trust: counts it reserves memory for, records it keeps, and
/// references it turns into positions.
fn check_element(e: &BytesStart, part: &Part, counts: &mut Counts, empty: bool) -> Checked {
    let local = e.local_name();
    let name = local.as_ref();
    match name {
        "c" | "si" => count(
            &mut counts.cells,
            part.limits.max_cells(),
            "non-empty cells",
        )
        .map_err(|_| Limit::Cells(part.limits.max_cells()).to_string())?,
        "styleSheet" => counts.in_styles = true,
        "xf" | "font" | "fill" | "border" | "numFmt" | "dxf" | "cellStyle" => {
            count(&mut counts.styles, MAX_STYLES, "style records")?;
        }
        "sheet" => count(&mut counts.sheets, MAX_SHEETS, "sheets")?,
        "definedName" => {
            count(&mut counts.names, MAX_DEFINED_NAMES, "defined names")?;
            if !empty {
                counts.in_name = 1;
            }
        }
        _ => {}
    }
    let mut rel_type: Option<Vec<u8>> = None;
    let mut rel_target: Option<String> = None;
    for attr in e.attributes().with_checks(false) {
        let attr = attr.map_err(|e| format!("malformed XML attribute: {e}"))?;
        let key = attr.key.local_name();
        let value = attr.value.as_bytes();
        if counts.in_styles && value.len() > MAX_STYLE_ATTR {
            return Err(format!(
                "a style attribute is longer than {MAX_STYLE_ATTR} bytes"
            ));
        }
        match (name, key.as_ref()) {
            // calamine reserves room for `uniqueCount` strings up front.
            ("sst", "uniqueCount") => {
                let max = MAX_SHARED_STRINGS.min(part.size / SMALLEST_SI);
                declared(value, max, "shared string count")?;
            }
            ("sst", "count") => declared(value, MAX_STRING_USES, "shared string use count")?,
            ("sheet", "id") if !counts.sheet_ids.insert(value.to_vec()) => {
                return Err(format!(
                    "two sheets name the part '{}'",
                    String::from_utf8_lossy(value)
                        .chars()
                        .take(40)
                        .collect::<String>()
                ));
            }
            ("Relationship", "Type") => rel_type = Some(value.to_vec()),
            ("Relationship", "Target") => {
                rel_target = Some(String::from_utf8_lossy(value).into_owned());
            }
            ("c", "r") => check_ref(value, true)?,
            ("row", "r") => {
                let row = std::str::from_utf8(value)
                    .ok()
                    .and_then(|v| v.parse::<u32>().ok());
                if row.is_none_or(|r| r == 0 || r > MAX_ROWS) {
                    return Err(Limit::Rows.to_string());
                }
            }
            ("dimension" | "mergeCell" | "selection" | "autoFilter", "ref" | "sqref") => {
                for part in value.split(|b| *b == b' ' || *b == b':') {
                    if !part.is_empty() {
                        check_ref(part, false)?;
                    }
                }
            }
            _ => {}
        }
    }
    if let (Some(t), Some(target)) = (rel_type, rel_target) {
        check_relationship(&t, &target, counts)?;
    }
    Ok(())
}

/// Relationship types whose parts calamine parses as XML.
const XML_PARTS: &[&[u8]] = &[
    b"/officeDocument",
    b"/worksheet",
    b"/chartsheet",
    b"/dialogsheet",
    b"/sharedStrings",
    b"/styles",
    b"/theme",
    b"/table",
    b"/pivotTable",
    b"/pivotCacheDefinition",
    b"/drawing",
    b"/comments",
    b"/sheetMetadata",
];

/// A part calamine parses as XML must be named like one (so it is checked as one), and no two
/// sheets may be one part (each would be parsed again in full).
fn check_relationship(rel_type: &[u8], target: &str, counts: &mut Counts) -> Checked {
    if !XML_PARTS.iter().any(|t| rel_type.ends_with(t)) {
        return Ok(());
    }
    let folded = super::zipdir::folded(target);
    let shown = || target.chars().take(80).collect::<String>();
    if !is_xml_name(&folded) {
        return Err(format!("the XML part '{}' is not named .xml", shown()));
    }
    let sheet = [b"/worksheet".as_slice(), b"/chartsheet", b"/dialogsheet"]
        .iter()
        .any(|t| rel_type.ends_with(t));
    if sheet && !counts.sheet_targets.insert(folded) {
        return Err(format!("two sheets name the part '{}'", shown()));
    }
    Ok(())
}

/// Parts checked as XML, by their folded names.
pub fn is_xml_name(folded: &str) -> bool {
    [".xml", ".rels", ".vml"]
        .iter()
        .any(|s| folded.ends_with(s))
}

/// Parts no reader parses as XML (images, printer settings, macros), by their folded names:
/// only their sizes, ratio and CRC-32 are checked. Every other part is bounded in node length.
pub fn is_binary_name(folded: &str) -> bool {
    const BINARY: &[&str] = &[
        ".png", ".jpg", ".jpeg", ".jfif", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp",
        ".ico", ".bin", ".pict",
    ];
    BINARY.iter().any(|s| folded.ends_with(s))
}

/// An A1 reference within XFD1048576 (`$` allowed where `strict` is false).
pub fn check_ref(r: &[u8], strict: bool) -> Checked {
    let bad = || {
        format!(
            "cell reference '{}' is not a cell of a sheet (A1 to XFD1048576)",
            String::from_utf8_lossy(r)
                .chars()
                .take(40)
                .collect::<String>()
        )
    };
    let r: Vec<u8> = if strict {
        r.to_vec()
    } else {
        r.iter().copied().filter(|b| *b != b'$').collect()
    };
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = r.split_at(letters);
    if letters > 3 || (strict && (letters == 0 || row.is_empty())) {
        return Err(bad());
    }
    let col_n = col.iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    if col_n > MAX_COLUMNS {
        return Err(Limit::Columns.to_string());
    }
    if !row.is_empty() {
        if row.len() > 7 || !row.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        let n = std::str::from_utf8(row)
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0);
        if n == 0 || n > MAX_ROWS {
            return Err(Limit::Rows.to_string());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longest(xml: &[u8]) -> io::Result<()> {
        NodeBound::default().feed(xml)
    }

    #[test]
    fn every_node_kind_is_bounded_in_length() {
        let long = "a<b".repeat(MAX_TEXT / 3 + 10);
        for (open, close) in [
            ("<!--", "-->"),
            ("<?pi ", "?>"),
            ("<![CDATA[", "]]>"),
            ("<a b=\"", "\"/>"),
            ("<a b='", "'/>"),
            ("<!DOCTYPE x [", "]>"),
        ] {
            let xml = format!("<r>{open}{long}{close}</r>");
            let e = longest(xml.as_bytes()).unwrap_err();
            assert_eq!(limits::limit_of(&e), Some(Limit::Text), "{open}");
        }
        // The same bytes split into many short nodes pass.
        let short = format!(
            "<r>{}</r>",
            "<!-- a > b -->x<![CDATA[ ]] > ]]><a b='>'/>".repeat(20_000)
        );
        assert!(longest(short.as_bytes()).is_ok());
        assert!(longest("x".repeat(MAX_TEXT + 1).as_bytes()).is_err());
    }

    fn check(xml: &str, limits: Limits, size: u64) -> Checked {
        check_xml(
            &mut xml.as_bytes(),
            &Part {
                limits: &limits,
                size,
            },
        )
        .unwrap()
    }

    #[test]
    fn declared_counts_have_a_fixed_limit_and_one_from_their_bytes() {
        let sst = |n: u64| format!("<sst uniqueCount=\"{n}\"></sst>");
        let huge = Limits::from_mb(1 << 20);
        assert!(check(&sst(MAX_SHARED_STRINGS), huge, u64::MAX).is_ok());
        let e = check(&sst(2_000_000_000), huge, u64::MAX).unwrap_err();
        assert_eq!(
            e,
            "shared string count '2000000000' is not a count within 4194304"
        );
        assert!(check(&sst(20), Limits::default(), 100).is_ok());
        assert!(check(&sst(21), Limits::default(), 100).is_err());
        let uses = format!("<sst count=\"{}\"></sst>", MAX_STRING_USES + 1);
        assert!(check(&uses, huge, u64::MAX).is_err());
    }

    #[test]
    fn references_are_within_the_sheet() {
        assert!(check_ref(b"A1", true).is_ok());
        assert!(check_ref(b"XFD1048576", true).is_ok());
        assert!(check_ref(b"XFE1", true).is_err());
        assert!(check_ref(b"A1048577", true).is_err());
        assert!(check_ref(b"ZZZZZZZZZZ99999999999999", true).is_err());
        assert!(check_ref(b"A0", true).is_err());
        assert!(check_ref(b"$A$1", false).is_ok());
    }
}
