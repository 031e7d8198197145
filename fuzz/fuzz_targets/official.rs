//! Arbitrary bytes as a file given to `--data`: the whole dispatch (workbook sniffing, the
//! small boats SB_01 reader, the detailed-dataset readers, the figures CSV reader) must not
//! panic, and whatever loads must go through the calculator.

#![no_main]

use migstats::loader::{LoadOptions, read_path};
use std::path::PathBuf;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The readers take a path (workbooks are opened by calamine from a file): write the input
    // to a per-process file in memory-backed /dev/shm.
    let path = PathBuf::from(format!("/dev/shm/migstats-fuzz-{}", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(figures) = read_path(&path, &LoadOptions::default()) {
        for a in migstats::calc::analyse(&figures) {
            if let Some(c) = a.change {
                assert!(c.absolute.is_finite(), "non-finite change from {:?}", a.current);
            }
        }
    }
});
