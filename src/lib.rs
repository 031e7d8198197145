//! `migstats`: a statistics reporter for UK irregular-migration figures.
//!
//! Data flows one way: [`cli`] (arguments → one typed [`cli::config::Config`]) → [`app`]
//! (sources resolved, loaded once, dispatched) → [`loader`] (bytes → checked figures) →
//! [`calc`] (year-on-year changes, implied values, claim checks) → [`commands`] (rows for one
//! command) → [`report`] (the document and its rows) → [`render`] (one file per format, charts
//! too). [`sentences`] reads claims out of prose; [`fetch`] downloads official releases into a
//! local cache that `--data latest:NAME` reads. See ARCHITECTURE.md.

pub mod app;
pub mod calc;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod fetch;
pub mod loader;
pub mod output;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod sentences;
