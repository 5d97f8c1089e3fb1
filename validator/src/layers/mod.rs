//! The check layers. Each takes a parsed piece of a document and returns findings whose
//! pointers are within the whole document.
//!
//! - [`schema`]: the PCDS JSON Schema, translated into plain English (closed codelists included);
//! - [`fields`]: one schema-guided walk: open codelists, free text scanned for personal data,
//!   fields PCDS does not define, field coverage;
//! - [`ocds`]: OCDS 1.1.5 shapes of fields PCDS leaves to publishers;
//! - [`semantic`], [`prices`] and [`price_history`]: meaning, over the `pcds` types.

pub mod fields;
pub mod ocds;
pub mod price_history;
pub mod prices;
pub mod schema;
pub mod semantic;
pub mod suggest;
