//! # PCDS: the Placement Contracting Data Standard
//!
//! The Rust types in this crate *are* the standard: the JSON Schemas, codelist CSVs and field
//! reference under `spec/` are generated from them. PCDS is a profile of the Open Contracting
//! Data Standard (OCDS) 1.1 for the market in children's foster and residential care
//! placements in England: every valid PCDS package is also a valid OCDS 1.1 package.
//!
//! What this crate is for: reading, building and writing PCDS data with exact money and coded
//! vocabularies, and generating the standard's published files. What it is not for: validation
//! beyond what the types enforce (see the `pcds-validator` crate), I/O, or networking.
//!
//! ```
//! let json = r#"{
//!   "ocid": "ocds-pcds01-doc-0001", "id": "ocds-pcds01-doc-0001-01",
//!   "date": "2025-03-14T17:45:00Z", "tag": ["tender"], "initiationType": "tender",
//!   "processType": "placement"
//! }"#;
//! let release: pcds::Release = serde_json::from_str(json).unwrap();
//! assert_eq!(release.ocid.prefix(), "ocds-pcds01");
//! ```
//!
//! ## Privacy by construction
//!
//! No type has a field that can hold a child's name, date of birth, address, postcode, NHS
//! number or unique pupil number. Children appear only as [`ChildProfile`]s of coded, coarse
//! attributes; settings only by Ofsted URN and council area. A package states the
//! [`PublicationLevel`](codelists::PublicationLevel) it is fit for.

#[macro_use]
pub mod codelist;
pub mod codelists;

mod award;
mod bid;
pub mod capacity;
mod common;
pub mod compile;
mod contract;
mod date;
pub mod extension;
pub mod feed;
pub mod generated;
mod ids;
pub mod json_lines;
mod money;
pub mod ocds;
mod party;
mod price_on_date;
mod pricing;
mod record_writer;
pub mod reference;
mod release;
pub mod schema;
pub mod spec;
mod tender;

pub use award::{Admission, Award, Selection, StatusChange};
pub use bid::{Bid, Bids, Score};
pub use common::{Amendment, Document, FeeChange, Period, RelatedProcess};
pub use compile::{CompileError, compile, record};
pub use contract::{
    BlockTerms, ChildPrice, Contract, Implementation, Occupancy, OutcomeMeasure, PlacementEnding,
    PlacementTerms, Transaction, VoidPeriod, VoidTerms, VolumeBand,
};
pub use date::{DateTime, DateTimeError};
pub use ids::{GssCode, IdentifierError, Ocid, OcidPrefix, OcidPrefixError, OfstedUrn};
pub use money::{Amount, AmountError, MAX_AMOUNT, Percentage, Value};
pub use party::{
    Identifier, Inspection, Organization, OrganizationDetails, OrganizationReference, Setting,
};
pub use price_on_date::{PriceSource, PriceStep};
pub use pricing::{
    AppliedDiscount, CorePrice, Discount, DiscountCondition, FeeReviewTerms, FundingContribution,
    Price, PriceBreakdown, PriceSchedule, ServicePrice,
};
pub use release::{
    LinkedRelease, PackageMetadata, Publisher, Record, RecordPackage, RecordRelease, Release,
    ReleasePackage,
};
pub use tender::{
    ChildProfile, Evaluation, EvaluationCriterion, FrameworkAgreementTechnique, GeographicLimit,
    Lot, ProviderContact, QualificationCriterion, Referral, Techniques, Tender, Tier,
};

/// Fields an object carries that this version of PCDS does not define (an OCDS extension, a
/// newer PCDS version, a publisher's own field), kept in the order read so that reading and
/// writing a document loses nothing.
pub type AdditionalFields = serde_json::Map<String, serde_json::Value>;

/// The version of the standard these types define, as written in `pcdsVersion`.
pub const PCDS_VERSION: &str = "0.2";

/// The OCDS version PCDS profiles, as written in a package's `version`.
pub const OCDS_VERSION: &str = "1.1";
