//! Structure-aware: builds a valid XLSX, ODS or CSV around fuzzed values (sheet names, shared
//! strings and their declared count, cell references, repeat counts, date serials, text:s
//! counts, annotations, truncation points, one flipped byte) and runs the whole `--data`
//! dispatch on it. Flat bytes almost never get past the zip and XML parsers; these do.

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
    &["id", "metric", "country", "period_start", "period_end", "value", "unit", "qualifier", "rounded_to", "source"],
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
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
            x += &format!(r#"<c r="{}1" t="inlineStr"><is><t>{h}</t></is></c>"#, col_name(c));
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
                        format!(r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#, esc(s))
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
        let mut sst = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#);
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
            x += &format!(r#"<table:table table:name="S{i}"><table:table-row><table:table-cell/></table:table-row></table:table>"#);
        }
        x += &format!(r#"<table:table table:name="{}"><table:table-row>"#, esc(&self.sheet()));
        for h in self.header() {
            x += &format!(r#"<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>"#);
        }
        x += "</table:table-row>";
        for row in &self.rows {
            match &row.number {
                Some(n) => x += &format!(r#"<table:table-row table:number-rows-repeated="{}">"#, esc(n)),
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
                    Value::Number(f) => format!(r#"<table:table-cell{rep} office:value-type="float" office:value="{f}">{note}<text:p>{f}</text:p></table:table-cell>"#),
                    Value::Date(_, d) => format!(r#"<table:table-cell{rep} office:value-type="date" office:date-value="{}">{note}<text:p>{}</text:p></table:table-cell>"#, esc(d), esc(d)),
                    Value::Text(s) => format!(r#"<table:table-cell{rep} office:value-type="string">{note}<text:p>{}{spaces}</text:p></table:table-cell>"#, esc(s)),
                    Value::Shared(i) => format!(r#"<table:table-cell{rep} office:value-type="float" office:value="{i}"/>"#),
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
        self.zip(&files, Some("application/vnd.oasis.opendocument.spreadsheet"))
    }

    fn zip(&self, files: &[(&str, String)], mime: Option<&str>) -> zip::result::ZipResult<Vec<u8>> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let packed = if self.store {
            stored
        } else {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
        };
        if let Some(m) = mime {
            w.start_file("mimetype", stored)?;
            w.write_all(m.as_bytes())?;
        }
        for (name, text) in files {
            w.start_file(*name, packed)?;
            w.write_all(text.as_bytes())?;
        }
        Ok(w.finish()?.into_inner())
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
                assert!(c.absolute.is_finite(), "non-finite change from {:?}", a.current);
            }
        }
    }
});
