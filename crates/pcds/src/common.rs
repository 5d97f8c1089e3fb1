//! OCDS building blocks PCDS uses unchanged or extends: periods, documents, amendments and
//! related processes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{
    DocumentType, FeeChangeTrigger, FeeChangeType, PriceBase, RelatedProcessRelationship,
    RelatedProcessScheme,
};
use crate::date::DateTime;
use crate::money::{Percentage, Value};
use crate::pricing::PriceBreakdown;

/// A span of time. Either end may be open.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// When the period starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime>,
    /// When the period ends (for a placement: the planned or actual end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime>,
    /// The latest the period could end if every extension were used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_extent_date: Option<DateTime>,
    /// The length of the period in whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_in_days: Option<u32>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A document about a process, published elsewhere and linked. Never a document about a child:
/// referral forms, "All About Me" and care plans are not published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// The document's id, unique within its list.
    pub id: String,
    /// The kind of document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<DocumentType>,
    /// The document's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the document is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the document can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub url: Option<String>,
    /// When the document was first published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<DateTime>,
    /// The document's media type, e.g. `application/pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A change to a referral, award or agreement. In PCDS, fee reviews and uplifts are amendments
/// to the placement agreement, with the change to the weekly fee in `feeChange`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    /// The amendment's id, unique within its list.
    pub id: String,
    /// When the amendment was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime>,
    /// Why the change was made, e.g. `Annual fee review under the framework's terms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// What changed, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The `id` of the release that held the values before the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(rename = "amendsReleaseID")]
    pub amends_release_id: Option<String>,
    /// The `id` of the release that holds the values after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(rename = "releaseID")]
    pub release_id: Option<String>,
    /// For a change to a fee: the weekly fee before and after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_change: Option<FeeChange>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A change to a weekly fee: a review, an uplift, a reduction, a change of services or a
/// discount starting to apply.
///
/// Fee changes are the only way a placement's price changes: the agreement's `weeklyPrice` is
/// the price agreed at its start and is never rewritten. The weekly price on a date is the
/// `newWeeklyTotal` of the latest fee change effective on or before that date, or the starting
/// price when there is none (see `Contract::weekly_price_on`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeeChange {
    /// What kind of change it was.
    #[serde(rename = "type")]
    pub change_type: FeeChangeType,
    /// What caused the change: a review, a change of needs, a discount starting or ending.
    pub trigger: FeeChangeTrigger,
    /// For an uplift or reduction: the size of the change, as a percentage of `appliesTo`
    /// (always positive; `type` says which way the fee moved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Percentage>,
    /// For an uplift or reduction: the part of the weekly price `percentage` is taken of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<PriceBase>,
    /// The total weekly fee before the change.
    pub previous_weekly_total: Value,
    /// The total weekly fee from `effectiveDate`.
    pub new_weekly_total: Value,
    /// The date the new fee applies from, e.g. 1 April for an annual review.
    pub effective_date: DateTime,
    /// The weekly price from `effectiveDate`, taken apart, so that the core fee and the
    /// services stay known after the change. Its weekly total is `newWeeklyTotal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_weekly_price: Option<PriceBreakdown>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A link from this process to another: for a placement, the framework or DPS it was called off
/// from, or the block contract it uses a place in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RelatedProcess {
    /// The link's id, unique within its list.
    pub id: String,
    /// How the other process relates to this one, e.g. `framework`.
    pub relationship: Vec<RelatedProcessRelationship>,
    /// The other process's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The scheme of `identifier`: `ocid` for another PCDS or OCDS process.
    pub scheme: RelatedProcessScheme,
    /// The other process's identifier, e.g. the framework's ocid.
    pub identifier: String,
    /// Where the other process's data can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub uri: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}
