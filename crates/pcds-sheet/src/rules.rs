//! The importer's own rules, `PCDS-SHEET-*`: what can be wrong with a workbook before its data
//! is PCDS at all. They live in the validator's catalogue beside its own rules, so that every
//! renderer and `pcds explain` knows them.

pub use pcds_validator::rules::spreadsheet::*;
