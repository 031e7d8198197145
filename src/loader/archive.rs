//! The zip inside an XLSX or ODS, opened with limits: every entry read is inflated through a
//! guard that stops at the size limit and the compression-ratio limit as bytes come out (a
//! lying header cannot pass), and to its end, where the zip crate checks its CRC-32. XML
//! entries are also bounded in the length of any one text node or tag. [`Archive::verify`]
//! reads every entry this way and checks the XML that calamine will parse (XLSX), so calamine
//! only ever sees a zip and XML it can survive.

use super::limits::{self, Limit, Limits, MAX_ENTRIES, MAX_RATIO, RATIO_FLOOR};
use super::source::Seekable;
use super::xml_check::{self, NodeBound, Part};
use super::zipdir;
use crate::error::{Error, Location, Problem, Result};
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
    /// Opens the zip after checking its directory the way its readers will read it: the entry
    /// count from the end records before the directory is parsed, no entries sharing bytes or
    /// disagreeing with their local headers, no two names that are one once case is folded.
    pub fn open(file: &str, mut input: Seekable, limits: Limits) -> Result<Archive> {
        let declared =
            zipdir::declared_entries(&mut input).map_err(|e| damaged(file, &e.to_string()))?;
        if !zipdir::within_limit(declared) {
            return Err(Limit::Entries.error(file));
        }
        let mut zip = ZipArchive::new(input).map_err(|e| damaged(file, &e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Limit::Entries.error(file));
        }
        if let Err(e) = zip.validate_header_consistency() {
            return Err(damaged(file, &e.to_string()));
        }
        let names: Vec<String> = zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<zip::result::ZipResult<_>>()
            .map_err(|e| damaged(file, &e.to_string()))?;
        if let Some((a, b)) = zipdir::folded_twins(names.iter().map(String::as_str)) {
            return Err(damaged(
                file,
                &format!(
                    "the parts '{}' and '{}' differ only in case, and a reader takes either",
                    crate::sanitize::cap(&a, 80),
                    crate::sanitize::cap(&b, 80)
                ),
            ));
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
        let mime = self.with_entry("mimetype", false, |r, _| {
            let mut buf = Vec::new();
            r.take(256).read_to_end(&mut buf)?;
            Ok(buf)
        })?;
        Ok(mime.is_some_and(|m| m.trim_ascii() == ODS_MIME))
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Calls `read` with entry `name` inflating through the guards and its declared size; None
    /// when there is no such entry. `xml` bounds the length of every XML node too. An io error from `read`
    /// that is a limit becomes that limit's message; any other, a damaged-file message.
    pub fn with_entry<T>(
        &mut self,
        name: &str,
        xml: bool,
        read: impl FnOnce(&mut dyn BufRead, u64) -> io::Result<T>,
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
            nodes: xml.then(NodeBound::default),
        };
        let mut reader = BufReader::with_capacity(1 << 16, guard);
        match read(&mut reader, declared) {
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

    /// Reads every entry to its end through the guards (sizes, ratio, CRC-32), bounds the nodes
    /// of every entry that is not an image or other binary, and checks every XML entry (named
    /// so in any case): well formed to its end, no node too long, cell and row references
    /// within the sheet, counts within their limits. Done before calamine opens an XLSX.
    pub fn verify(&mut self) -> Result<()> {
        let names: Vec<String> = self
            .zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<zip::result::ZipResult<_>>()
            .map_err(|e| damaged(&self.file, &e.to_string()))?;
        let limits = self.limits;
        for name in names {
            let folded = zipdir::folded(&name);
            let xml = xml_check::is_xml_name(&folded);
            let bounded = xml || !xml_check::is_binary_name(&folded);
            let file = self.file.clone();
            let checked = self.with_entry(&name, bounded, |r, size| {
                if xml {
                    xml_check::check_xml(
                        r,
                        &Part {
                            limits: &limits,
                            size,
                        },
                    )
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
    /// The length of the XML node being read, bounded (every entry a reader may parse).
    nodes: Option<NodeBound>,
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
        if let Some(nodes) = &mut self.nodes {
            nodes.feed(buf.get(..n).unwrap_or_default())?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zipped(entries: &[(&str, &[u8])]) -> Seekable {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(bytes).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        Seekable::memory(bytes)
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
}
