//! The zip inside an XLSX or ODS, opened with limits: every entry read is inflated through a
//! guard that stops at the size limit and the compression-ratio limit as bytes come out (a
//! lying header cannot pass), and to its end, where the zip crate checks its CRC-32. XML
//! entries are also bounded in the length of any one text node or tag. [`Archive::verify`]
//! reads every entry this way and checks the XML that calamine will parse (XLSX), so calamine
//! only ever sees a zip and XML it can survive.

use super::limits::{
    self, Limit, Limits, MAX_COLUMNS, MAX_ENTRIES, MAX_RATIO, MAX_ROWS, MAX_TEXT, RATIO_FLOOR,
};
use super::source::Seekable;
use crate::error::{Error, Location, Problem, Result};
use quick_xml::events::{BytesStart, Event};
use std::io::{self, BufRead, BufReader, Read};
use zip::ZipArchive;

/// The ODS MIME type, stored uncompressed as the first entry `mimetype`.
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

pub struct Archive {
    pub file: String,
    pub limits: Limits,
    zip: ZipArchive<Seekable>,
}

impl Archive {
    pub fn open(file: &str, input: Seekable, limits: Limits) -> Result<Archive> {
        let zip = ZipArchive::new(input).map_err(|e| damaged(file, &e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Limit::Entries.error(file));
        }
        Ok(Archive {
            file: file.to_string(),
            limits,
            zip,
        })
    }

    /// Whether the zip is an OpenDocument spreadsheet (its `mimetype` entry says so).
    pub fn is_ods(&mut self) -> Result<bool> {
        if self.zip.index_for_name("mimetype").is_none() {
            return Ok(false);
        }
        let mime = self.with_entry("mimetype", false, |r| {
            let mut buf = Vec::new();
            r.take(256).read_to_end(&mut buf)?;
            Ok(buf)
        })?;
        Ok(mime.is_some_and(|m| m.trim_ascii() == ODS_MIME))
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Calls `read` with entry `name` inflating through the guards; None when there is no such
    /// entry. `xml` bounds the length of text nodes and tags too. An io error from `read`
    /// that is a limit becomes that limit's message; any other, a damaged-file message.
    pub fn with_entry<T>(
        &mut self,
        name: &str,
        xml: bool,
        read: impl FnOnce(&mut dyn BufRead) -> io::Result<T>,
    ) -> Result<Option<T>> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let file = self.file.clone();
        let limits = self.limits;
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| damaged(&file, &format!("{name}: {e}")))?;
        let declared = entry.size();
        let compressed = entry.compressed_size();
        if declared > limits.max_bytes {
            return Err(Limit::EntryBytes(limits.max_mb()).error(&file));
        }
        if declared > RATIO_FLOOR && declared / compressed.max(1) > MAX_RATIO {
            return Err(Limit::Ratio.error(&file));
        }
        let guard = Guard {
            inner: entry,
            out: 0,
            compressed,
            max: limits.max_bytes,
            max_mb: limits.max_mb(),
            xml,
            since_lt: 0,
        };
        let mut reader = BufReader::with_capacity(1 << 16, guard);
        match read(&mut reader) {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(match limits::limit_of(&e) {
                Some(limit) => limit.error(&file),
                None if e.to_string().contains("Invalid checksum") => damaged(
                    &file,
                    &format!("{name} fails its CRC-32 check (its bytes were changed)"),
                ),
                None => damaged(&file, &format!("{name}: {e}")),
            }),
        }
    }

    /// Reads every entry to its end through the guards (sizes, ratio, CRC-32) and checks every
    /// XML entry: well formed to its end, no node too long, cell and row references within
    /// the sheet, counts within the cell limit. Done before calamine opens an XLSX.
    pub fn verify(&mut self) -> Result<()> {
        let names: Vec<String> = self
            .zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<zip::result::ZipResult<_>>()
            .map_err(|e| damaged(&self.file, &e.to_string()))?;
        let limits = self.limits;
        for name in names {
            let xml = name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml");
            let file = self.file.clone();
            let checked = self.with_entry(&name, xml, |r| {
                if xml {
                    check_xml(r, &limits)
                } else {
                    io::copy(r, &mut io::sink()).map(|_| Ok(()))
                }
            })?;
            if let Some(Err(what)) = checked {
                return Err(Error::invalid(Problem::new(
                    Location::file(format!("{file} [{name}]")),
                    what,
                    "the file is damaged or was not made by a spreadsheet program; download it again",
                )));
            }
        }
        Ok(())
    }

    pub fn into_inner(self) -> Seekable {
        self.zip.into_inner()
    }
}

pub fn damaged(file: &str, what: &str) -> Error {
    Error::invalid(Problem::new(
        Location::file(file),
        format!(
            "not a readable spreadsheet: {}",
            what.chars().take(200).collect::<String>()
        ),
        "expected an ODS or XLSX file as published by the Home Office; it may be damaged or incomplete",
    ))
}

/// Inflated bytes of one entry, checked as they come out.
struct Guard<R> {
    inner: R,
    out: u64,
    compressed: u64,
    max: u64,
    max_mb: u64,
    /// Bound the run of bytes between `<`s (XML).
    xml: bool,
    since_lt: usize,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out = self.out.saturating_add(n as u64);
        if self.out > self.max {
            return Err(limits::io_error(Limit::EntryBytes(self.max_mb)));
        }
        if self.out > RATIO_FLOOR && self.out / self.compressed.max(1) > MAX_RATIO {
            return Err(limits::io_error(Limit::Ratio));
        }
        if self.xml {
            // The longest run without a '<' bounds every text node and tag.
            for &b in buf.get(..n).unwrap_or_default() {
                if b == b'<' {
                    self.since_lt = 0;
                } else {
                    self.since_lt += 1;
                    if self.since_lt > MAX_TEXT {
                        return Err(limits::io_error(Limit::Text));
                    }
                }
            }
        }
        Ok(n)
    }
}

/// A quick-xml reader that checks end tags match.
pub fn xml_reader<R: BufRead>(r: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(r);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.trim_text(false);
    reader
}

/// Errors from the XML checks: io (limits) pass through, the rest say what is wrong.
fn check_xml(r: &mut dyn BufRead, limits: &Limits) -> io::Result<std::result::Result<(), String>> {
    let mut reader = xml_reader(r);
    let mut buf = Vec::new();
    let mut depth: usize = 0;
    let mut cells: u64 = 0;
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
        match event {
            Event::Start(e) => {
                depth += 1;
                in_sst |= e.local_name().as_ref() == "sst";
                if depth > 256 {
                    return Ok(Err("XML nested more than 256 deep".into()));
                }
                if let Err(what) = check_element(&e, limits, &mut cells) {
                    return Ok(Err(what));
                }
            }
            Event::Empty(e) => {
                if let Err(what) = check_element(&e, limits, &mut cells) {
                    return Ok(Err(what));
                }
            }
            Event::Text(t) if in_sst => {
                shared_text = shared_text.saturating_add(t.len() as u64);
                if shared_text > limits.max_shared_text() {
                    return Err(limits::io_error(Limit::SharedText(
                        limits.max_shared_text() >> 20,
                    )));
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Ok(Err("XML ends before its elements are closed".into()));
    }
    Ok(Ok(()))
}

/// Limits on what calamine would trust: counts it reserves memory for, and references it
/// turns into positions.
fn check_element(
    e: &BytesStart,
    limits: &Limits,
    cells: &mut u64,
) -> std::result::Result<(), String> {
    let local = e.local_name();
    let name = local.as_ref();
    if matches!(name, "c" | "si") {
        *cells += 1;
        if *cells > limits.max_cells() {
            return Err(Limit::Cells(limits.max_cells()).to_string());
        }
    }
    for attr in e.attributes().with_checks(false) {
        let attr = attr.map_err(|e| format!("malformed XML attribute: {e}"))?;
        let key = attr.key.local_name();
        let value = attr.value.as_bytes();
        match (name, key.as_ref()) {
            // calamine reserves room for `uniqueCount` strings up front (`count`, the number of
            // uses, it ignores).
            ("sst", "uniqueCount") => {
                let n = std::str::from_utf8(value)
                    .ok()
                    .and_then(|v| v.trim().parse::<u64>().ok());
                if n.is_none_or(|n| n > limits.max_cells()) {
                    return Err(format!(
                        "shared string count '{}' is not a count within {}",
                        String::from_utf8_lossy(value)
                            .chars()
                            .take(40)
                            .collect::<String>(),
                        limits.max_cells()
                    ));
                }
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
    Ok(())
}

/// An A1 reference within XFD1048576 (`$` allowed where `strict` is false).
fn check_ref(r: &[u8], strict: bool) -> std::result::Result<(), String> {
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
    use std::io::{Cursor, Write};
    use std::sync::Arc;

    fn zipped(entries: &[(&str, &[u8])]) -> Seekable {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(bytes).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        Seekable::Memory(Cursor::new(Arc::from(bytes)))
    }

    fn verify(entries: &[(&str, &[u8])], limits: Limits) -> Result<()> {
        Archive::open("t.xlsx", zipped(entries), limits)?.verify()
    }

    #[test]
    fn an_entry_larger_than_the_limit_is_refused() {
        // 2 MB of varied digits (ratio well under the bomb limit) against a 1 MB limit.
        let text: String = (0..300_000u32)
            .map(|i| format!("{:06}", i.wrapping_mul(2_654_435_761) % 1_000_000))
            .collect();
        let err = verify(&[("xl/a.bin", text.as_bytes())], Limits::from_mb(1))
            .unwrap_err()
            .messages();
        assert_eq!(
            err,
            vec![
                "t.xlsx: a part of the zip inflates to more than the 1 MB limit (official files are under 10 MB; raise the limit with --max-input-mb if this file is genuine)"
            ]
        );
        assert!(verify(&[("xl/a.bin", text.as_bytes())], Limits::from_mb(3)).is_ok());
    }

    #[test]
    fn shared_strings_are_bounded_in_total_as_well_as_one_by_one() {
        let mut sst = String::from("<sst>");
        for i in 0..2000 {
            sst.push_str(&format!("<si><t>{i:01000}</t></si>"));
        }
        sst.push_str("</sst>");
        let entries = [("xl/sharedStrings.xml", sst.as_bytes())];
        let err = verify(&entries, Limits::from_mb(8)).unwrap_err().messages();
        assert_eq!(
            err,
            vec![
                "t.xlsx: the shared strings hold more than 1 MB of text (official files are under 10 MB; raise the limit with --max-input-mb if this file is genuine)"
            ]
        );
        assert!(verify(&entries, Limits::from_mb(32)).is_ok());
    }

    #[test]
    fn xml_must_be_whole() {
        let err = verify(&[("xl/workbook.xml", b"<a><b></b>")], Limits::default())
            .unwrap_err()
            .messages();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].starts_with("t.xlsx [xl/workbook.xml]: XML ends before its elements are closed"),
            "{err:?}"
        );
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
