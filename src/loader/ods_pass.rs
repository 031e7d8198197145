//! One pass over an ODS `content.xml` for every sheet read from it, in document order: a
//! reader thread walks the XML once and hands on, one message at a time, the rows of each
//! table the caller asks for as it comes to it; tables nobody asks for are passed over
//! unparsed, as before. Reading the sheets of a workbook in order inflates and parses the XML
//! once, however many sheets it has (it was once per sheet: 2,000 sheets, 2,000 walks).
//! A sheet asked for after the pass has gone by it starts a new pass.

use super::archive::Archive;
use super::ods::{self, CONTENT, Stop, TABLE_END, TABLE_START, Want};
use crate::error::{Error, Location, Problem, Result};
use calamine::Data;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

enum Msg {
    /// A table begins; the reader waits for the answer (read it or pass over it).
    Start(String),
    Row(u32, Vec<Data>),
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
    let outcome = archive.with_entry(CONTENT, true, |r, _| {
        Ok(ods::walk(
            r,
            Want::All,
            &mut |row, cells| match row {
                TABLE_START => {
                    let name = match cells.first() {
                        Some(Data::String(n)) => n.clone(),
                        _ => String::new(),
                    };
                    enough.store(false, Ordering::SeqCst);
                    tx.send(Msg::Start(name)).map_err(|_| stopped())?;
                    answers.recv().map_err(|_| stopped())
                }
                TABLE_END => tx.send(Msg::End).map(|_| true).map_err(|_| stopped()),
                _ => {
                    tx.send(Msg::Row(row, cells.to_vec()))
                        .map_err(|_| stopped())?;
                    Ok(!enough.load(Ordering::SeqCst))
                }
            },
            &mut names,
            max_cells,
        ))
    });
    let last = match outcome {
        Ok(Some(Ok(()))) | Ok(None) => Msg::Done,
        Ok(Some(Err(Stop::Caller(_)))) => return archive,
        Ok(Some(Err(stop))) => Msg::Failed(stop),
        Err(e) => Msg::Broken(e),
    };
    // The caller may have gone; then there is no one to tell.
    let _ = tx.send(last);
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
                // A row of a table the caller has had enough of: the reader was one ahead.
                Msg::Row(..) if !reading => {}
                Msg::Row(r, cells) => match each(r, &cells) {
                    Ok(true) => {}
                    Ok(false) => {
                        self.enough.store(true, Ordering::SeqCst);
                        return Ok(());
                    }
                    Err(e) => {
                        self.enough.store(true, Ordering::SeqCst);
                        return Err(e);
                    }
                },
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
