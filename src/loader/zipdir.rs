//! Checks on a zip's directory made the way its readers will read it: the entry count read
//! from the end-of-central-directory record (and its zip64 record) before the directory is
//! parsed, entries that share bytes or disagree with their local headers refused, and names
//! compared as calamine looks them up (`\` as `/`, ASCII case folded), so no part can hide
//! behind a twin whose name differs only in case.

use super::limits::MAX_ENTRIES;
use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};

const EOCD: &[u8; 4] = b"PK\x05\x06";
const EOCD64_LOCATOR: &[u8; 4] = b"PK\x06\x07";
const EOCD64: &[u8; 4] = b"PK\x06\x06";
/// The fixed part of the end-of-central-directory record.
const EOCD_LEN: usize = 22;
/// The zip64 locator, just before the end record.
const LOCATOR_LEN: u64 = 20;
/// The fixed part of the zip64 end record, up to and including its entry count.
const EOCD64_LEN: usize = 40;

/// What the end of a zip says about its directory, before the directory is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    /// At most this many entries, in every end record the file holds.
    Entries(u64),
    /// A zip64 end record that is not where its locator says.
    LostZip64,
}

fn u16_at(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 2)
        .and_then(|s| <[u8; 2]>::try_from(s).ok())
        .map_or(0, |a| u64::from(u16::from_le_bytes(a)))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

/// The largest entry count any end record in the last 64 KiB declares (a reader may take any
/// of them), following a zip64 locator to its record. Reads at most 64 KiB and 56 bytes.
pub fn declared_entries<R: Read + Seek>(r: &mut R) -> io::Result<Declared> {
    let len = r.seek(SeekFrom::End(0))?;
    let tail_len = len.min((EOCD_LEN + usize::from(u16::MAX)) as u64);
    let tail_start = len - tail_len;
    r.seek(SeekFrom::Start(tail_start))?;
    let mut tail = Vec::new();
    r.take(tail_len).read_to_end(&mut tail)?;
    let mut most = 0u64;
    let mut at = tail.len().saturating_sub(EOCD_LEN);
    loop {
        if tail.get(at..at + 4) == Some(EOCD.as_slice()) {
            let count = u16_at(&tail, at + 8).max(u16_at(&tail, at + 10));
            most = most.max(count);
            let eocd_offset = tail_start + at as u64;
            if eocd_offset >= LOCATOR_LEN {
                let locator = eocd_offset - LOCATOR_LEN;
                r.seek(SeekFrom::Start(locator))?;
                let mut loc = [0u8; LOCATOR_LEN as usize];
                if r.read_exact(&mut loc).is_ok() && loc.get(..4) == Some(EOCD64_LOCATOR) {
                    match zip64_entries(r, u64_at(&loc, 8))? {
                        Some(n) => most = most.max(n),
                        None => return Ok(Declared::LostZip64),
                    }
                }
            }
        }
        if at == 0 {
            break;
        }
        at -= 1;
    }
    Ok(Declared::Entries(most))
}

/// The entry count of the zip64 end record at `offset`; None when there is none there.
fn zip64_entries<R: Read + Seek>(r: &mut R, offset: u64) -> io::Result<Option<u64>> {
    r.seek(SeekFrom::Start(offset))?;
    let mut rec = [0u8; EOCD64_LEN];
    if r.read_exact(&mut rec).is_err() || rec.get(..4) != Some(EOCD64.as_slice()) {
        return Ok(None);
    }
    Ok(Some(u64_at(&rec, 24).max(u64_at(&rec, 32))))
}

/// Whether a declared count is within [`MAX_ENTRIES`].
pub fn within_limit(declared: Declared) -> bool {
    matches!(declared, Declared::Entries(n) if n <= MAX_ENTRIES as u64)
}

/// A name as calamine looks it up: `\` read as `/`, ASCII letters in lower case.
pub fn folded(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// The first pair of names that are one name once folded, if any.
pub fn folded_twins<'a>(names: impl Iterator<Item = &'a str>) -> Option<(String, String)> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for name in names {
        if let Some(first) = seen.insert(folded(name), name) {
            return Some((first.to_string(), name.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn eocd(count: u16, zip64_at: Option<u64>) -> Vec<u8> {
        let mut b = vec![0u8; 100];
        if let Some(offset) = zip64_at {
            let mut rec = EOCD64.to_vec();
            rec.extend([0u8; 20]);
            rec.extend(9_500_000u64.to_le_bytes());
            rec.extend(9_500_000u64.to_le_bytes());
            rec.extend([0u8; 16]);
            b.truncate(offset as usize);
            b.extend(rec);
            b.extend(EOCD64_LOCATOR);
            b.extend([0u8; 4]);
            b.extend(offset.to_le_bytes());
            b.extend(1u32.to_le_bytes());
        }
        b.extend(EOCD);
        b.extend([0u8; 4]);
        b.extend(count.to_le_bytes());
        b.extend(count.to_le_bytes());
        b.extend([0xFF; 8]);
        b.extend([0u8; 2]);
        b
    }

    #[test]
    fn the_entry_count_is_read_from_the_end_records() {
        let plain = declared_entries(&mut Cursor::new(eocd(7, None))).unwrap();
        assert_eq!(plain, Declared::Entries(7));
        assert!(within_limit(plain));
        let big = declared_entries(&mut Cursor::new(eocd(0xFFFF, Some(10)))).unwrap();
        assert_eq!(big, Declared::Entries(9_500_000));
        assert!(!within_limit(big));
        // A locator pointing at nothing: refused rather than searched for.
        let mut lost = eocd(0xFFFF, Some(10));
        lost[10] = b'X';
        assert_eq!(
            declared_entries(&mut Cursor::new(lost)).unwrap(),
            Declared::LostZip64
        );
    }

    #[test]
    fn names_that_fold_to_one_are_twins() {
        let names = ["xl/sharedStrings.xml", "a", "XL/SHAREDSTRINGS.XML"];
        assert_eq!(
            folded_twins(names.into_iter()),
            Some((
                "xl/sharedStrings.xml".to_string(),
                "XL/SHAREDSTRINGS.XML".to_string()
            ))
        );
        assert_eq!(
            folded_twins(["a\\b", "A/B"].into_iter()).map(|t| t.0),
            Some("a\\b".into())
        );
        assert_eq!(folded_twins(["a", "b"].into_iter()), None);
    }
}
