//! One pass over an ODS `content.xml` for every sheet read from it, in document order: a
//! reader thread walks the XML once and hands on, a few dozen rows a message, the rows of each
//! table the caller asks for as it comes to it; tables nobody asks for are passed over
//! unparsed, as before. Reading the sheets of a workbook in order inflates and parses the XML
//! once, however many sheets it has (it was once per sheet: 2,000 sheets, 2,000 walks).
//! A sheet asked for after the pass has gone by it starts a new pass.

use super::archive::Archive;
use super::ods_xml::{self as ods, CONTENT, Stop, TABLE_END, TABLE_START, Want};
use crate::error::{Error, Location, Problem, Result};
use calamine::Data;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Rows a message carries, and the cells at which one is sent however few rows it has: one
/// message a row cost two thread switches a row (a row repeated a million times: 10 s).
const BATCH_ROWS: usize = 64;
const BATCH_CELLS: usize = 4096;

enum Msg {
    /// A table begins; the reader waits for the answer (read it or pass over it).
    Start(String),
    Rows(Vec<(u32, Vec<Data>)>),
    /// The table being read has ended.
    End,
    /// The XML is read to its end.
    Done,
    Failed(Stop),
    Broken(Error),
}

/// A pass under way: messages from the reader, the answers it waits for, and the names of the
/// tables it has gone by.
pub struct Pass {
    rx: Receiver<Msg>,
    answer: SyncSender<bool>,
    /// Set when the caller has had enough of the table being read.
    enough: Arc<AtomicBool>,
    handle: JoinHandle<Archive>,
    passed: HashSet<String>,
    done: bool,
}

/// The reader thread's side: the archive, and back when the pass ends.
fn reader(
    mut archive: Archive,
    max_cells: u64,
    tx: SyncSender<Msg>,
    answers: Receiver<bool>,
    enough: Arc<AtomicBool>,
) -> Archive {
    let stopped = || Error::Invalid(Vec::new());
    let mut names = Vec::new();
    let mut batch: Vec<(u32, Vec<Data>)> = Vec::new();
    let mut cells_held = 0;
    let send_rows = |batch: &mut Vec<(u32, Vec<Data>)>, cells_held: &mut usize| {
        *cells_held = 0;
        if batch.is_empty() {
            return Ok(());
        }
        tx.send(Msg::Rows(std::mem::take(batch)))
            .map_err(|_| stopped())
    };
    let outcome = archive.with_entry(CONTENT, true, |r, _| {
        let walked = ods::walk(
            r,
            Want::All,
            &mut |row, cells| match row {
                TABLE_START => {
                    send_rows(&mut batch, &mut cells_held)?;
                    let name = match cells.first() {
                        Some(Data::String(n)) => n.clone(),
                        _ => String::new(),
                    };
                    enough.store(false, Ordering::SeqCst);
                    tx.send(Msg::Start(name)).map_err(|_| stopped())?;
                    answers.recv().map_err(|_| stopped())
                }
                TABLE_END => {
                    send_rows(&mut batch, &mut cells_held)?;
                    tx.send(Msg::End).map(|_| true).map_err(|_| stopped())
                }
                _ => {
                    cells_held += cells.len().max(1);
                    batch.push((row, cells.to_vec()));
                    if batch.len() >= BATCH_ROWS || cells_held >= BATCH_CELLS {
                        send_rows(&mut batch, &mut cells_held)?;
                    }
                    Ok(!enough.load(Ordering::SeqCst))
                }
            },
            &mut names,
            max_cells,
        );
        Ok(walked)
    });
    let last = match outcome {
        Ok(Some(Ok(()))) | Ok(None) => Msg::Done,
        Ok(Some(Err(Stop::Caller(_)))) => return archive,
        Ok(Some(Err(stop))) => Msg::Failed(stop),
        Err(e) => Msg::Broken(e),
    };
    // The rows read before the end, then the end; the caller may have gone, and then there is
    // no one to tell.
    if send_rows(&mut batch, &mut cells_held).is_ok() {
        let _ = tx.send(last);
    }
    archive
}

impl Pass {
    pub fn start(archive: Archive, max_cells: u64) -> Result<Pass> {
        let (tx, rx) = sync_channel(0);
        let (answer, answers) = sync_channel(1);
        let enough = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&enough);
        let file = archive.file.clone();
        let handle = std::thread::Builder::new()
            .name("ods-content".into())
            .spawn(move || reader(archive, max_cells, tx, answers, flag))
            .map_err(|e| failed(&file, &e.to_string()))?;
        Ok(Pass {
            rx,
            answer,
            enough,
            handle,
            passed: HashSet::new(),
            done: false,
        })
    }

    /// Whether this pass can still reach table `name` (it has not gone by one of that name).
    pub fn ahead(&self, name: &str) -> bool {
        !self.done && !self.passed.contains(name)
    }

    /// Ends the pass and takes the archive back.
    pub fn finish(self, file: &str) -> Result<Archive> {
        drop(self.rx);
        drop(self.answer);
        self.handle
            .join()
            .map_err(|_| failed(file, "the spreadsheet parser failed"))
    }

    /// Calls `each` with the rows of the next table named `name` until it returns Ok(false).
    /// `label` names the sheet in messages.
    pub fn rows(
        &mut self,
        name: &str,
        label: &str,
        each: &mut dyn FnMut(u32, &[Data]) -> Result<bool>,
    ) -> Result<()> {
        let mut reading = false;
        loop {
            let Ok(msg) = self.rx.recv() else {
                self.done = true;
                return Err(failed(label, "the spreadsheet parser failed"));
            };
            match msg {
                Msg::Start(table) => {
                    reading = table == name;
                    self.passed.insert(table);
                    if self.answer.send(reading).is_err() {
                        self.done = true;
                        return Err(failed(label, "the spreadsheet parser failed"));
                    }
                }
                // Rows of a table the caller has had enough of: the reader was a message ahead.
                Msg::Rows(..) if !reading => {}
                Msg::Rows(rows) => {
                    for (r, cells) in rows {
                        match each(r, &cells) {
                            Ok(true) => {}
                            Ok(false) => {
                                self.enough.store(true, Ordering::SeqCst);
                                return Ok(());
                            }
                            Err(e) => {
                                self.enough.store(true, Ordering::SeqCst);
                                return Err(e);
                            }
                        }
                    }
                }
                Msg::End if reading => return Ok(()),
                Msg::End => {}
                Msg::Done => {
                    self.done = true;
                    return Ok(());
                }
                Msg::Failed(stop) => {
                    self.done = true;
                    return Err(ods::stop_error(stop, label));
                }
                Msg::Broken(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
        }
    }
}

fn failed(file: &str, what: &str) -> Error {
    Error::invalid(Problem::new(
        Location::file(file),
        format!("could not read {file} ({what})"),
        "the file may be damaged; download it again",
    ))
}
