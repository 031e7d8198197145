//! The floor for `bench/`: what parsing a CSV costs with nothing done per row. The csv crate,
//! one reused `ByteRecord`, records counted. Run as
//! `target/release/examples/bare_parse FILE` (build: `cargo build --release --example bare_parse`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let mut reader = match csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bare_parse: {e}");
            return ExitCode::from(2);
        }
    };
    let mut record = csv::ByteRecord::new();
    let mut records: u64 = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => records += 1,
            Ok(false) => break,
            Err(e) => {
                eprintln!("bare_parse: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{records}");
    ExitCode::SUCCESS
}
