//! Arbitrary bytes as a file given to `--data`: the whole dispatch (workbook sniffing, the
//! small boats SB_01 reader, the detailed-dataset readers, the figures CSV reader) must not
//! panic, and whatever loads must go through the calculator.

#![no_main]

use migstats::loader::limits::Limits;
use migstats::loader::source::Source;
use migstats::loader::{LoadOptions, read_source};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The uncaught dispatch: a panic must reach libFuzzer, not become an error message.
    let Ok(source) = Source::from_bytes("fuzz", data.to_vec(), Limits::default()) else {
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
