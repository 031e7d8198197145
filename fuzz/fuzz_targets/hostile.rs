//! Structure-aware: builds a valid XLSX, ODS or CSV around fuzzed values (sheet names, shared
//! strings and their declared count, cell references, repeat counts, date serials, text:s
//! counts, annotations, truncation points, one flipped byte) and runs the whole `--data`
//! dispatch on it. Flat bytes almost never get past the zip and XML parsers; these do. The
//! zip's central directory can then be rewritten: entries listed again, pointed into one
//! another, renamed to case-folded twins, sizes and counts declared absurdly, a zip64 end
//! record added.

#![no_main]

use arbitrary::Arbitrary;
use migstats::loader::limits::Limits;
use migstats::loader::source::Source;
use migstats::loader::{LoadOptions, read_source};
use std::io::Write;
use zip::write::SimpleFileOptions;

#[derive(Debug, Arbitrary)]
enum Kind {
    Xlsx,
    Ods,
    Csv,
}

#[derive(Debug, Arbitrary)]
enum Value {
    Number(f64),
    /// A date cell: an Excel serial (XLSX) or an ISO date text (ODS).
    Date(f64, String),
    Text(String),
    Shared(u16),
    Empty,
}

#[derive(Debug, Arbitrary)]
struct CellSpec {
    value: Value,
    /// A reference in place of the computed one (XLSX `r`).
    reference: Option<String>,
    /// ODS number-columns-repeated, as written (may be any text).
    repeat: Option<String>,
    /// ODS `<text:s text:c=..>` inside the text.
    spaces: Option<String>,
    annotation: bool,
}

#[derive(Debug, Arbitrary)]
struct RowSpec {
    cells: Vec<CellSpec>,
    /// XLSX row `r`, ODS number-rows-repeated.
    number: Option<String>,
}

/// Name spellings a case-folding reader takes for the same part.
#[derive(Debug, Arbitrary, Clone, Copy)]
enum Fold {
    Upper,
    UpperExtension,
    Backslashes,
    Alternate,
}

fn fold(name: &str, how: Fold) -> String {
    match how {
        Fold::Upper => name.to_ascii_uppercase(),
        Fold::UpperExtension => match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}.{}", ext.to_ascii_uppercase()),
            None => name.to_ascii_uppercase(),
        },
        Fold::Backslashes => name.replace('/', "\\"),
        Fold::Alternate => name
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect(),
    }
}

/// A part written a second time under a case-folded name (its own local header and bytes).
#[derive(Debug, Arbitrary)]
struct Twin {
    part: u8,
    how: Fold,
    /// Before the original in the directory rather than after it.
    first: bool,
    /// A shared-strings part declaring an absurd count, in place of the part's own bytes.
    hostile: Option<u32>,
}

/// A rewrite of the finished zip's central directory and end record.
#[derive(Debug, Arbitrary)]
enum DirTrick {
    /// List an entry again, pointing at the same local header.
    Duplicate { entry: u8, times: u8 },
    /// List an entry again under a case-folded name (the local header keeps the old one).
    Rename { entry: u8, how: Fold },
    /// Point an entry's local-header offset at another entry's, or into its bytes.
    Overlap { entry: u8, onto: u8, delta: u8 },
    /// Declare other sizes in the central record.
    Sizes {
        entry: u8,
        compressed: u32,
        size: u32,
    },
    /// Declare other entry counts in the end record.
    Counts { on_disk: u16, total: u16 },
    /// Move the declared directory size and offset.
    Bounds { size: i16, offset: i16 },
    /// Add a zip64 end record and locator (counts 0xFFFF in the old one); `lost` points the
    /// locator at nothing.
    Zip64 { entries: u64, lost: bool },
    /// Drop an entry from the directory.
    Drop { entry: u8 },
}

#[derive(Debug, Arbitrary)]
struct Input {
    kind: Kind,
    /// 0: SB_01, 1: a detailed sheet, else the fuzzed name.
    sheet_choice: u8,
    sheet_name: String,
    extra_sheets: u8,
    header: u8,
    rows: Vec<RowSpec>,
    shared: Vec<String>,
    unique_count: Option<String>,
    dimension: Option<String>,
    /// Cut the sheet XML (or CSV) at this byte.
    truncate: Option<u16>,
    /// Flip a byte of the finished file (CRC-32 must catch it inside an entry).
    flip: Option<(u16, u8)>,
    store: bool,
    twins: Vec<Twin>,
    dir: Vec<DirTrick>,
}

const HEADERS: [&[&str]; 3] = [
    &["Date", "Migrants arrived", "Boats arrived", "Notes"],
    &[
        "Year",
        "Quarter",
        "Method of entry",
        "Nationality",
        "Region",
        "Sex",
        "Age Group",
        "Number of detections",
    ],
    &[
        "id",
        "metric",
        "country",
        "period_start",
        "period_end",
        "value",
        "unit",
        "qualifier",
        "rounded_to",
        "source",
    ],
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        s.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl Input {
    fn sheet(&self) -> String {
        match self.sheet_choice % 4 {
            0 => "SB_01".into(),
            1 => "Data - Irr_D01".into(),
            2 => "Data_Asy_D02".into(),
            _ => self.sheet_name.clone(),
        }
    }

    fn header(&self) -> &'static [&'static str] {
        HEADERS[usize::from(self.header) % HEADERS.len()]
    }

    fn cut(&self, mut xml: String) -> String {
        if let Some(t) = self.truncate {
            let mut at = usize::from(t).min(xml.len());
            while !xml.is_char_boundary(at) {
                at -= 1;
            }
            xml.truncate(at);
        }
        xml
    }

    fn xlsx_sheet(&self) -> String {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        );
        if let Some(d) = &self.dimension {
            x += &format!(r#"<dimension ref="{}"/>"#, esc(d));
        }
        x += "<sheetData>";
        x += r#"<row r="1">"#;
        for (c, h) in self.header().iter().enumerate() {
            x += &format!(
                r#"<c r="{}1" t="inlineStr"><is><t>{h}</t></is></c>"#,
                col_name(c)
            );
        }
        x += "</row>";
        for (i, row) in self.rows.iter().enumerate() {
            let r = i + 2;
            match &row.number {
                Some(n) => x += &format!(r#"<row r="{}">"#, esc(n)),
                None => x += &format!(r#"<row r="{r}">"#),
            }
            for (c, cell) in row.cells.iter().enumerate() {
                let at = cell
                    .reference
                    .as_deref()
                    .map(esc)
                    .unwrap_or_else(|| format!("{}{r}", col_name(c)));
                x += &match &cell.value {
                    Value::Number(f) => format!(r#"<c r="{at}"><v>{f}</v></c>"#),
                    Value::Date(f, _) => format!(r#"<c r="{at}" s="1"><v>{f}</v></c>"#),
                    Value::Text(s) => {
                        format!(
                            r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                            esc(s)
                        )
                    }
                    Value::Shared(i) => format!(r#"<c r="{at}" t="s"><v>{i}</v></c>"#),
                    Value::Empty => format!(r#"<c r="{at}"/>"#),
                };
            }
            x += "</row>";
        }
        x += "</sheetData></worksheet>";
        self.cut(x)
    }

    fn xlsx(&self) -> zip::result::ZipResult<Vec<u8>> {
        let sheet = self.sheet();
        let mut sheets = format!(r#"<sheet name="{}" sheetId="1" r:id="rId1"/>"#, esc(&sheet));
        let mut rels = String::from(
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
        );
        for i in 0..self.extra_sheets % 8 {
            sheets += &format!(r#"<sheet name="S{i}" sheetId="{}" r:id="rIdx{i}"/>"#, i + 2);
            rels += &format!(
                r#"<Relationship Id="rIdx{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
            );
        }
        let mut sst = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#,
        );
        if let Some(u) = &self.unique_count {
            sst += &format!(r#" uniqueCount="{}""#, esc(u));
        }
        sst += ">";
        for s in &self.shared {
            sst += &format!("<si><t>{}</t></si>", esc(s));
        }
        sst += "</sst>";
        let files: Vec<(&str, String)> = vec![
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.into()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
            ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#)),
            ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#)),
            ("xl/styles.xml", r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.into()),
            ("xl/sharedStrings.xml", sst),
            ("xl/worksheets/sheet1.xml", self.xlsx_sheet()),
        ];
        self.zip(&files, None)
    }

    fn ods_content(&self) -> String {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#,
        );
        for i in 0..self.extra_sheets % 8 {
            x += &format!(
                r#"<table:table table:name="S{i}"><table:table-row><table:table-cell/></table:table-row></table:table>"#
            );
        }
        x += &format!(
            r#"<table:table table:name="{}"><table:table-row>"#,
            esc(&self.sheet())
        );
        for h in self.header() {
            x += &format!(
                r#"<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>"#
            );
        }
        x += "</table:table-row>";
        for row in &self.rows {
            match &row.number {
                Some(n) => {
                    x += &format!(
                        r#"<table:table-row table:number-rows-repeated="{}">"#,
                        esc(n)
                    )
                }
                None => x += "<table:table-row>",
            }
            for cell in &row.cells {
                let rep = cell
                    .repeat
                    .as_deref()
                    .map(|r| format!(r#" table:number-columns-repeated="{}""#, esc(r)))
                    .unwrap_or_default();
                let note = if cell.annotation {
                    "<office:annotation><text:p>note</text:p></office:annotation>"
                } else {
                    ""
                };
                let spaces = cell
                    .spaces
                    .as_deref()
                    .map(|c| format!(r#"<text:s text:c="{}"/>"#, esc(c)))
                    .unwrap_or_default();
                x += &match &cell.value {
                    Value::Number(f) => format!(
                        r#"<table:table-cell{rep} office:value-type="float" office:value="{f}">{note}<text:p>{f}</text:p></table:table-cell>"#
                    ),
                    Value::Date(_, d) => format!(
                        r#"<table:table-cell{rep} office:value-type="date" office:date-value="{}">{note}<text:p>{}</text:p></table:table-cell>"#,
                        esc(d),
                        esc(d)
                    ),
                    Value::Text(s) => format!(
                        r#"<table:table-cell{rep} office:value-type="string">{note}<text:p>{}{spaces}</text:p></table:table-cell>"#,
                        esc(s)
                    ),
                    Value::Shared(i) => format!(
                        r#"<table:table-cell{rep} office:value-type="float" office:value="{i}"/>"#
                    ),
                    Value::Empty => format!(r#"<table:table-cell{rep}/>"#),
                };
            }
            x += "</table:table-row>";
        }
        x += "</table:table></office:spreadsheet></office:body></office:document-content>";
        self.cut(x)
    }

    fn ods(&self) -> zip::result::ZipResult<Vec<u8>> {
        let files: Vec<(&str, String)> = vec![
            ("META-INF/manifest.xml", r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.into()),
            ("content.xml", self.ods_content()),
        ];
        self.zip(
            &files,
            Some("application/vnd.oasis.opendocument.spreadsheet"),
        )
    }

    fn zip(&self, files: &[(&str, String)], mime: Option<&str>) -> zip::result::ZipResult<Vec<u8>> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let packed = if self.store {
            stored
        } else {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
        };
        if let Some(m) = mime {
            w.start_file("mimetype", stored)?;
            w.write_all(m.as_bytes())?;
        }
        let twin_bytes = |t: &Twin| -> (String, String) {
            let (name, text) = &files[usize::from(t.part) % files.len()];
            let bytes = match t.hostile {
                Some(n) => format!(
                    r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}"><si><t>x</t></si></sst>"#
                ),
                None => text.clone(),
            };
            (fold(name, t.how), bytes)
        };
        let twins = || self.twins.iter().take(4);
        for t in twins().filter(|t| t.first) {
            let (name, text) = twin_bytes(t);
            w.start_file(name, packed)?;
            w.write_all(text.as_bytes())?;
        }
        for (name, text) in files {
            w.start_file(*name, packed)?;
            w.write_all(text.as_bytes())?;
        }
        for t in twins().filter(|t| !t.first) {
            let (name, text) = twin_bytes(t);
            w.start_file(name, packed)?;
            w.write_all(text.as_bytes())?;
        }
        Ok(self.rewrite(w.finish()?.into_inner()))
    }

    /// Applies the directory tricks to a zip as the zip crate writes it: local entries, then
    /// the central directory, then a 22-byte end record without a comment.
    fn rewrite(&self, zip: Vec<u8>) -> Vec<u8> {
        if self.dir.is_empty() {
            return zip;
        }
        let u16_at = |b: &[u8], at: usize| usize::from(u16::from_le_bytes([b[at], b[at + 1]]));
        let u32_at =
            |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
        let Some(end) = zip.len().checked_sub(22) else {
            return zip;
        };
        if zip[end..end + 4] != *b"PK\x05\x06" {
            return zip;
        }
        let cd_size = u32_at(&zip, end + 12) as usize;
        let cd_at = u32_at(&zip, end + 16) as usize;
        let mut records: Vec<Vec<u8>> = Vec::new();
        let mut at = cd_at;
        while at + 46 <= cd_at + cd_size && at + 46 <= end {
            let len = 46 + u16_at(&zip, at + 28) + u16_at(&zip, at + 30) + u16_at(&zip, at + 32);
            records.push(zip[at..(at + len).min(end)].to_vec());
            at += len;
        }
        if records.is_empty() {
            return zip;
        }
        let mut counts: Option<(u16, u16)> = None;
        let mut bounds = (0i64, 0i64);
        let mut zip64: Option<(u64, bool)> = None;
        for trick in self.dir.iter().take(8) {
            let n = records.len().max(1);
            let pick = |i: u8| usize::from(i) % n;
            match *trick {
                DirTrick::Duplicate { entry, times } => {
                    let r = records.get(pick(entry)).cloned().unwrap_or_default();
                    for _ in 0..times {
                        records.push(r.clone());
                    }
                }
                DirTrick::Rename { entry, how } => {
                    let Some(mut r) = records.get(pick(entry)).cloned() else {
                        continue;
                    };
                    let len = u16_at(&r, 28);
                    if let Some(name) = r.get(46..46 + len) {
                        let folded = fold(&String::from_utf8_lossy(name), how);
                        if folded.len() == len {
                            r[46..46 + len].copy_from_slice(folded.as_bytes());
                        }
                    }
                    records.push(r);
                }
                DirTrick::Overlap { entry, onto, delta } => {
                    let target = records.get(pick(onto)).map(|r| u32_at(r, 42));
                    if let (Some(t), Some(r)) = (target, records.get_mut(pick(entry))) {
                        let offset = t.wrapping_add(u32::from(delta));
                        r[42..46].copy_from_slice(&offset.to_le_bytes());
                    }
                }
                DirTrick::Sizes {
                    entry,
                    compressed,
                    size,
                } => {
                    if let Some(r) = records.get_mut(pick(entry)) {
                        r[20..24].copy_from_slice(&compressed.to_le_bytes());
                        r[24..28].copy_from_slice(&size.to_le_bytes());
                    }
                }
                DirTrick::Counts { on_disk, total } => counts = Some((on_disk, total)),
                DirTrick::Bounds { size, offset } => bounds = (i64::from(size), i64::from(offset)),
                DirTrick::Zip64 { entries, lost } => zip64 = Some((entries, lost)),
                DirTrick::Drop { entry } => {
                    if records.len() > 1 {
                        records.remove(pick(entry));
                    }
                }
            }
        }
        let mut out = zip[..cd_at].to_vec();
        for r in &records {
            out.extend_from_slice(r);
        }
        let size = (out.len() - cd_at) as i64 + bounds.0;
        let offset = cd_at as i64 + bounds.1;
        let listed = records.len().min(0xFFFF) as u16;
        let (mut on_disk, mut total) = counts.unwrap_or((listed, listed));
        if let Some((entries, lost)) = zip64 {
            let record_at = out.len() as u64;
            out.extend_from_slice(b"PK\x06\x06");
            out.extend_from_slice(&44u64.to_le_bytes());
            out.extend_from_slice(&[45, 0, 45, 0]);
            out.extend_from_slice(&[0; 8]);
            out.extend_from_slice(&entries.to_le_bytes());
            out.extend_from_slice(&entries.to_le_bytes());
            out.extend_from_slice(&(size.max(0) as u64).to_le_bytes());
            out.extend_from_slice(&(offset.max(0) as u64).to_le_bytes());
            out.extend_from_slice(b"PK\x06\x07");
            out.extend_from_slice(&[0; 4]);
            let locator = if lost { record_at + 7 } else { record_at };
            out.extend_from_slice(&locator.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
            on_disk = 0xFFFF;
            total = 0xFFFF;
        }
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&on_disk.to_le_bytes());
        out.extend_from_slice(&total.to_le_bytes());
        out.extend_from_slice(&(size.clamp(0, u32::MAX.into()) as u32).to_le_bytes());
        out.extend_from_slice(&(offset.clamp(0, u32::MAX.into()) as u32).to_le_bytes());
        out.extend_from_slice(&[0; 2]);
        out
    }

    fn csv(&self) -> Vec<u8> {
        let mut s = self.header().join(",");
        s.push('\n');
        for row in &self.rows {
            let fields: Vec<String> = row
                .cells
                .iter()
                .map(|c| match &c.value {
                    Value::Number(f) => f.to_string(),
                    Value::Date(_, d) => d.clone(),
                    Value::Text(t) => t.clone(),
                    Value::Shared(i) => i.to_string(),
                    Value::Empty => String::new(),
                })
                .collect();
            s += &fields.join(",");
            s.push('\n');
        }
        self.cut(s).into_bytes()
    }

    fn bytes(&self) -> Option<Vec<u8>> {
        let mut bytes = match self.kind {
            Kind::Xlsx => self.xlsx().ok()?,
            Kind::Ods => self.ods().ok()?,
            Kind::Csv => self.csv(),
        };
        if let Some((at, xor)) = self.flip
            && !bytes.is_empty()
        {
            let i = usize::from(at) % bytes.len();
            bytes[i] ^= xor;
        }
        Some(bytes)
    }
}

libfuzzer_sys::fuzz_target!(|input: Input| {
    let Some(bytes) = input.bytes() else { return };
    // To replay an artifact: HOSTILE_DUMP=file.bin hostile artifact writes the file it built.
    if let Some(path) = std::env::var_os("HOSTILE_DUMP") {
        let _ = std::fs::write(path, &bytes);
    }
    let Ok(source) = Source::from_bytes("fuzz", bytes, Limits::default()) else {
        return;
    };
    if let Ok(input) = read_source(source, &LoadOptions::default()) {
        let figures = input.figures;
        for a in migstats::calc::analyse(&figures) {
            if let Some(c) = a.change {
                assert!(
                    c.absolute.is_finite(),
                    "non-finite change from {:?}",
                    a.current
                );
            }
        }
    }
});
