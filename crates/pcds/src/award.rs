//! Awards: the offer chosen for a child, or a provider admitted to a framework or DPS.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{AwardStatus, FrameworkTier, ProviderStatus, SelectionBasis};
use crate::common::{Amendment, Document, Period};
use crate::date::DateTime;
use crate::ids::OfstedUrn;
use crate::money::{Amount, Value};
use crate::party::OrganizationReference;
use crate::pricing::PriceSchedule;

/// A decision. In a placement process, the offer chosen (with `selection`); in a framework or
/// DPS, one provider's admission (with `admission`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Award {
    /// The award's id, unique within the process; agreements refer to it.
    pub id: String,
    /// A short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The decision in words. Must not identify a child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The award's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AwardStatus>,
    /// When the decision was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime>,
    /// For a placement: the total weekly price awarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The provider awarded or admitted (a party of the release).
    pub suppliers: Vec<OrganizationReference>,
    /// The period the resulting agreement is expected to run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_period: Option<Period>,
    /// For a placement: the `id`s of the offers (in `bids.details`) this award accepts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_bids: Vec<String>,
    /// For a placement: why this offer was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<Selection>,
    /// For a framework or DPS: the provider's admission, status history and prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission: Option<Admission>,
    /// Documents about the award.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Changes made to the award.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// Why an offer was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// The basis of the choice.
    pub basis: SelectionBasis,
    /// When the child's parents or carers chose: the `id`s of the offers (in `bids.details`)
    /// put to them. Every one must score within the evaluation's `choiceMargin` of the best.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bids_put_to_parents_or_carers: Vec<String>,
    /// The choice in words. Must not identify a child or family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A provider's place on a framework or DPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Admission {
    /// The provider's standing now: the status of the latest entry in `statusHistory`.
    pub status: ProviderStatus,
    /// Every change of standing, oldest first: admission, suspension, re-admission, exclusion.
    pub status_history: Vec<StatusChange>,
    /// The `id`s of the framework lots the provider is admitted to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lot_ids: Vec<String>,
    /// The Ofsted URNs of the provider's settings admitted (entries of `settings`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setting_ids: Vec<OfstedUrn>,
    /// The provider's quality score from qualification, carried into evaluations ("core
    /// competency").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_score: Option<Amount>,
    /// For a framework ranked by `priceDividedByQuality`: the provider's evaluated weekly price
    /// divided by its quality score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_quality_unit: Option<Amount>,
    /// The provider's rank among those admitted to the same lot (1 is best).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rank: Option<u32>,
    /// The tier the evaluation placed the provider in: a common tier, or the `id` of one of
    /// the framework's `tender.tiers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<FrameworkTier>,
    /// The provider's prices under the framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_schedule: Option<PriceSchedule>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One change in a provider's standing on a framework or DPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// When the change took effect.
    pub date: DateTime,
    /// The standing from that date.
    pub status: ProviderStatus,
    /// Why, e.g. `Ofsted judgement fell to Inadequate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When the change applies to one setting only (one of the admission's `settingIds`): its
    /// Ofsted URN. Absent when it applies to the whole provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting_id: Option<OfstedUrn>,
    /// When an inspection caused the change: the date of that inspection, an entry of the
    /// setting's `inspections`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection_date: Option<DateTime>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}
