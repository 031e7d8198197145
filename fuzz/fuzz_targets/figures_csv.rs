//! Arbitrary bytes as a figures CSV; the property checked is in `tests/support/oracle.rs`.

#![no_main]

#[path = "../../tests/support/oracle.rs"]
mod oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    oracle::check(data);
});
