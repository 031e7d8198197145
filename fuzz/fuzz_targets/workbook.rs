//! Arbitrary bytes as a spreadsheet: calamine's ODS/XLSX/XLS parsing and migstats' cell helpers
//! must not panic. `official.rs` feeds bytes through the official-file readers themselves.

#![no_main]

use calamine::Reader;
use migstats::loader::workbook::{date, find_header, number, text};
use std::io::Cursor;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(mut sheets) = calamine::open_workbook_auto_from_rs(Cursor::new(data)) else {
        return;
    };
    for name in sheets.sheet_names() {
        let Ok(range) = sheets.worksheet_range(&name) else {
            continue;
        };
        let _ = find_header(range.rows(), &["Date", "Migrants arrived"], &["Notes"], 20);
        for row in range.rows().take(2000) {
            for cell in row {
                let _ = (text(cell), number(cell), date(cell));
            }
        }
    }
});
