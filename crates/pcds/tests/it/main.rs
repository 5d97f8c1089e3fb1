//! Integration tests of the standard: the published files, OCDS compatibility, the examples and
//! generated documents. One test binary keeps link times down.

mod codelists;
mod examples;
mod extension;
mod generated;
mod ocds;
mod privacy;
mod schema_quality;
mod spec_files;
mod strategies;
mod support;
