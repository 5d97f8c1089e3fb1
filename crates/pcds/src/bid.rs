//! Providers' responses to a referral: offers and refusals. Follows the shape of the OCDS bids
//! extension (`bids.details`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{DistanceBand, Need, PlacementType, RefusalReason, ResponseType};
use crate::date::DateTime;
use crate::ids::OfstedUrn;
use crate::money::{Amount, Value};
use crate::party::OrganizationReference;
use crate::pricing::PriceBreakdown;

/// The responses received to a referral or tender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bids {
    /// Each provider's response: an offer, a refusal, or no response.
    pub details: Vec<Bid>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One provider's response to a referral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bid {
    /// The response's id, unique within the process; awards refer to it.
    pub id: String,
    /// When the provider responded.
    pub date: DateTime,
    /// The provider that responded (a party of the release).
    pub tenderers: Vec<OrganizationReference>,
    /// Whether the provider offered a placement or declined.
    pub response: ResponseType,
    /// For an offer: the total weekly price offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// For an offer: the weekly price taken apart into core fee, services and discounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_breakdown: Option<PriceBreakdown>,
    /// For an offer: the Ofsted URN of the setting offered (a `settings` entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting_id: Option<OfstedUrn>,
    /// For an offer: the kind of placement offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_type: Option<PlacementType>,
    /// For an offer: which of the referral's needs the provider says it can meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs_met: Vec<Need>,
    /// For an offer: how far the setting is from the child's home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_band: Option<DistanceBand>,
    /// For a refusal: why the provider declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_reason: Option<RefusalReason>,
    /// More about the response, in words. Must not identify a child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The offer's score on each evaluation criterion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    /// The offer's overall weighted score, out of 100 (or out of the evaluation's
    /// `totalPoints`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_score: Option<Amount>,
    /// The offer's rank among the offers (1 is best).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rank: Option<u32>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// An offer's score on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// The `id` of the criterion in `tender.evaluation.criteria`, or `price` for the price
    /// score.
    pub criterion_id: String,
    /// The raw score given on the criterion's own scale, e.g. 8 out of 10.
    pub score: Amount,
    /// The highest raw score possible on the criterion, e.g. 10.
    pub maximum: Amount,
    /// The score after weighting: the points it adds to the offer's `totalScore`. When every
    /// score of an offer states it, the total score is their sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_score: Option<Amount>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}
