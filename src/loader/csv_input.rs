//! The bytes a CSV reader consumes, watched for what the csv crate does not tell: a quoted
//! field still open at the end of input (it ends the field silently, so a stray quote would
//! swallow the rest of the file into one cell), and the line a record really starts on.
//! [`InputWatch`] is shared by the figures reader and the small boats CSV reader;
//! [`LineStarts`], only lines, by the detailed tables' reader.

use std::collections::VecDeque;
use std::io::Read;

const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Watches the bytes the csv reader consumes, following the CSV grammar as the csv crate reads
/// it by default (RFC 4180, any of `\r\n`, `\n`, `\r` ending a record), for what that reader
/// does not tell: that a quoted field is still open at the end of input (it ends the field
/// silently), and on which line a record starts (its positions point at the blank lines or the
/// `\n` of a `\r\n` before the record, a line or more too early: BurntSushi/rust-csv#395).
pub(super) struct InputWatch<R> {
    inner: R,
    state: Quoting,
    /// Bytes of a UTF-8 byte order mark seen so far, which the csv crate skips; None once
    /// anything else has been seen.
    bom: Option<usize>,
    /// Offset of the next byte.
    offset: u64,
    /// Line of the next byte: `\r\n`, `\n` and `\r` each end a line.
    line: u64,
    after_cr: bool,
    /// Field number of the next byte within its record.
    field: u64,
    /// Only record ends (or nothing) seen since the last record.
    between_records: bool,
    /// Line and field number of the quote that opened the current quoted field.
    opened: (u64, u64),
    eof: bool,
    /// Offset and line of each record start the csv reader has not yet reached. Holds no more
    /// than the reader's read-ahead.
    starts: VecDeque<(u64, u64)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: closes it, unless another quote follows.
    QuoteInQuoted,
}

impl<R> InputWatch<R> {
    pub(super) fn new(inner: R) -> Self {
        InputWatch {
            inner,
            state: Quoting::FieldStart,
            bom: Some(0),
            offset: 0,
            line: 1,
            after_cr: false,
            field: 1,
            between_records: true,
            opened: (1, 1),
            eof: false,
            starts: VecDeque::new(),
        }
    }

    /// The line a record the csv reader places at `position` really starts on: that of the
    /// first record start at or after it.
    pub(super) fn record_line(&mut self, position: &csv::Position) -> u64 {
        while self
            .starts
            .front()
            .is_some_and(|(offset, _)| *offset < position.byte())
        {
            self.starts.pop_front();
        }
        self.starts
            .front()
            .map_or(position.line(), |(_, line)| *line)
    }

    fn observe(&mut self, b: u8) {
        use Quoting::*;
        let offset = self.offset;
        self.offset += 1;
        if let Some(seen) = self.bom {
            if BOM.get(seen) == Some(&b) {
                self.bom = Some(seen + 1);
                return;
            }
            self.bom = None;
        }
        let line = self.line;
        if b == b'\r' || (b == b'\n' && !self.after_cr) {
            self.line += 1;
        }
        self.after_cr = b == b'\r';
        let record_end = b == b'\r' || b == b'\n';
        if self.state != Quoted && self.between_records && !record_end {
            self.starts.push_back((offset, line));
            self.between_records = false;
        }
        match (self.state, b) {
            (Quoted, b'"') => self.state = QuoteInQuoted,
            (Quoted, _) => {}
            (FieldStart, b'"') => {
                self.state = Quoted;
                self.opened = (line, self.field);
            }
            (QuoteInQuoted, b'"') => self.state = Quoted,
            (_, b',') => {
                self.field += 1;
                self.state = FieldStart;
            }
            _ if record_end => {
                self.field = 1;
                self.state = FieldStart;
                self.between_records = true;
            }
            _ => self.state = Unquoted,
        }
    }

    /// Where the quoted field left open at the end of input starts, if there is one.
    pub(super) fn unclosed_quote(&self) -> Option<(u64, u64)> {
        (self.eof && self.state == Quoting::Quoted).then_some(self.opened)
    }
}

impl<R: Read> InputWatch<R> {
    /// After the reader gave up on an overlong record: if it stopped inside a quoted field, reads
    /// on (a chunk at a time, keeping nothing; `more` lets each chunk past the record limit)
    /// until the field closes or the input ends. Where it never closes, its start: the real
    /// problem to report rather than the record's length.
    pub(super) fn never_closed(&mut self, more: impl Fn()) -> Option<(u64, u64)> {
        let mut chunk = vec![0; 1 << 16];
        while matches!(self.state, Quoting::Quoted | Quoting::QuoteInQuoted) && !self.eof {
            more();
            // A read of 0 bytes sets `eof`, which ends the loop.
            if self.read(&mut chunk).is_err() {
                return None;
            }
        }
        self.unclosed_quote()
    }
}

impl<R: Read> Read for InputWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        for &b in buf.iter().take(n) {
            self.observe(b);
        }
        Ok(n)
    }
}

/// The lines a CSV's records start on, for a reader that needs nothing else from the bytes (a
/// detailed table of a million rows): the line ends are found with `memchr` and only the byte
/// after each is looked at, where [`InputWatch`] follows every byte through the CSV grammar.
/// Lines end at `\n` (or `\r\n`); a file whose lines end in a bare `\r` gets the csv crate's
/// own count.
pub(super) struct LineStarts<R> {
    inner: R,
    /// Offset of the next byte.
    offset: u64,
    /// Line of the next byte.
    line: u64,
    /// The byte before `offset`.
    last: u8,
    /// Where the line ends before the next line with content began.
    run: Option<u64>,
    /// A line starts at `offset` (a `\n` ended the last read).
    pending: bool,
    /// (where the line ends before it began, offset, line) of each line with content not yet
    /// passed by the csv reader.
    starts: VecDeque<(u64, u64, u64)>,
}

impl<R> LineStarts<R> {
    pub(super) fn new(inner: R) -> Self {
        LineStarts {
            inner,
            offset: 0,
            line: 1,
            last: 0,
            run: None,
            pending: false,
            starts: VecDeque::new(),
        }
    }

    /// The line a record the csv reader places at `position` starts on: the first line with
    /// content at or after it, when only line ends lie between (the csv reader places a record
    /// at the `\n` of the `\r\n` before it, or at blank lines before it).
    pub(super) fn record_line(&mut self, position: &csv::Position) -> u64 {
        let at = position.byte();
        while self.starts.front().is_some_and(|(_, start, _)| *start < at) {
            self.starts.pop_front();
        }
        match self.starts.front() {
            Some((run, _, line)) if *run <= at => *line,
            _ => position.line(),
        }
    }

    /// A line starts at `at` with byte `first`: one with content is remembered.
    fn line_start(&mut self, at: u64, first: u8) {
        if first != b'\r' && first != b'\n' {
            let run = self.run.take().unwrap_or(at);
            self.starts.push_back((run, at, self.line));
        }
    }
}

impl<R: Read> Read for LineStarts<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = buf.get(..n).unwrap_or_default();
        let Some(&end) = chunk.last() else {
            return Ok(n);
        };
        if std::mem::take(&mut self.pending)
            && let Some(&first) = chunk.first()
        {
            self.line_start(self.offset, first);
        }
        for i in memchr::memchr_iter(b'\n', chunk) {
            let p = self.offset + i as u64;
            let before = i.checked_sub(1).and_then(|b| chunk.get(b)).copied();
            if self.run.is_none() {
                let cr = before.unwrap_or(self.last) == b'\r';
                self.run = Some(if cr { p.saturating_sub(1) } else { p });
            }
            self.line += 1;
            match chunk.get(i + 1) {
                Some(&first) => self.line_start(p + 1, first),
                None => self.pending = true,
            }
        }
        self.last = end;
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::LineStarts;
    use std::io::Read;

    /// Gives at most `n` bytes a read, so that line ends fall across reads.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            let (now, rest) = self.0.split_at(n);
            buf[..n].copy_from_slice(now);
            self.0 = rest;
            Ok(n)
        }
    }

    #[test]
    fn records_start_on_their_lines_however_the_bytes_arrive() {
        let lines = ["\u{feff}a,b", "", "c,\"d\ne\"", "", "", "f,g", "h,i"];
        for eol in ["\n", "\r\n"] {
            let text = lines.join(eol) + eol;
            for chunk in [1, 2, 4, 7, 1 << 16] {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(LineStarts::new(Trickle(text.as_bytes(), chunk)));
                let mut record = csv::ByteRecord::new();
                let mut got = Vec::new();
                while reader.read_byte_record(&mut record).unwrap() {
                    let p = record.position().unwrap();
                    got.push(reader.get_mut().record_line(p));
                }
                assert_eq!(got, vec![1, 3, 7, 8], "{eol:?} chunk {chunk}");
            }
        }
    }
}
