//! The integration tests, one module per command or area, in one test binary: each separate
//! binary would link the whole crate again. Most run the `migstats` binary; some call the library
//! directly. `tests/alloc.rs` stays a binary of its own because it replaces the global allocator.
//! Run one module with `cargo test --test it summary::`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

mod common;
/// Shared with the cargo-fuzz target, which includes the same file.
#[path = "../support/oracle.rs"]
mod oracle;

mod chart;
mod chart_edges;
mod claim_corpus;
mod claim_language;
mod claims;
mod commands;
mod conventions;
mod corpus;
mod datapackage;
mod detailed;
mod detailed_errors;
mod errors;
mod exact;
mod fetch;
mod fetch_limits;
mod hostile;
mod html;
mod injection;
mod layers;
mod layout;
mod lines;
mod loader;
mod markdown;
mod output;
mod period;
mod pipe;
mod rates;
mod readme;
mod receipts;
mod releases;
mod robustness;
mod scaling;
mod schema;
mod small_boats;
mod sparkline;
mod summary;
mod tables;
mod termchart;
mod text;
mod top;
mod verdicts;
mod xlsx;
