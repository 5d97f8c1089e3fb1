//! Agreements: individual placement agreements, block and cost-and-volume contracts, framework
//! agreements, and what happens under them (payments, outcomes, the ending).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{
    AgreementType, ContractStatus, DistanceBand, EndingInitiator, EndingReason, NeedLevel,
    OutcomeIndicator, PlacementType, PriceUnit, ProcurementRoute, VoidCosting,
};
use crate::common::{Amendment, Document, Period};
use crate::date::DateTime;
use crate::ids::{GssCode, OfstedUrn};
use crate::money::{Amount, Percentage, Value};
use crate::party::OrganizationReference;
use crate::pricing::{Discount, FeeReviewTerms, Price, PriceBreakdown};

/// An agreement made after an award: the OCDS `Contract` object with PCDS additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    /// The agreement's id, unique within the process.
    pub id: String,
    /// The `id` of the award this agreement follows.
    #[serde(rename = "awardID")]
    pub award_id: String,
    /// A short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The agreement in words. Must not identify a child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The agreement's status: `active` while the placement runs, `terminated` once it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ContractStatus>,
    /// What kind of agreement this is.
    pub agreement_type: AgreementType,
    /// When the agreement runs: for a placement, its start and its planned or actual end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The agreement's total value, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// When the agreement was signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_signed: Option<DateTime>,
    /// For an individual placement agreement: the placement's terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<PlacementTerms>,
    /// For a block or cost-and-volume contract: the places reserved and their prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<BlockTerms>,
    /// For a placement that has ended: when and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<PlacementEnding>,
    /// Payments made and outcomes measured under the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    /// Documents about the agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Changes to the agreement: fee reviews, uplifts, changes of services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// The terms of an individual placement agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlacementTerms {
    /// The kind of placement.
    pub placement_type: PlacementType,
    /// How the placement was sourced. A `frameworkCallOff` or `dpsMiniCompetition` names its
    /// framework in the release's `relatedProcesses` (relationship `framework`).
    pub procurement_route: ProcurementRoute,
    /// For a call-off: the `id` of the framework lot it was called off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_lot_id: Option<String>,
    /// For a call-off: the `id` of the line (`corePrices` entry) of the provider's framework
    /// price schedule the core fee was priced from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_schedule_line_id: Option<String>,
    /// The level of need the placement is priced for, as the framework's price lines use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_level: Option<NeedLevel>,
    /// The `key`s of the referral's children this agreement is for. A sibling group placed
    /// under one agreement lists every child; children placed under separate agreements are
    /// each named by their own. Counts of placements count these children.
    pub child_keys: Vec<String>,
    /// For an agreement covering more than one child: whether `weeklyPrice` is each child's
    /// price (`perChild`) or one price for the group (`perGroup`). Required when `childKeys` has
    /// more than one entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_unit: Option<PriceUnit>,
    /// For a `perGroup` price: the group's weekly total split into each child's share, when
    /// the agreement states one. The shares add up to the weekly total.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_prices: Vec<ChildPrice>,
    /// For foster care: a key for the foster carer household, meaningful only to the
    /// publisher (never a carer's name, address or approval number). Children whose
    /// agreements share a household key live in one home, as do children in residential
    /// care whose agreements share a `settingId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub household_key: Option<String>,
    /// The Ofsted URN of the setting (a `settings` entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting_id: Option<OfstedUrn>,
    /// The GSS code of the council area the placement is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_council_area: Option<GssCode>,
    /// Whether the placement is outside the placing council's area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_area: Option<bool>,
    /// How far the placement is from the child's home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_band: Option<DistanceBand>,
    /// The weekly price agreed at the start of the agreement, taken apart. Later changes are
    /// fee change amendments; this price is never rewritten.
    pub weekly_price: PriceBreakdown,
    /// Discounts agreed, including those that apply only later (e.g. long-term).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
    /// How the fee is reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_review: Option<FeeReviewTerms>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One child's share of a group's weekly price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildPrice {
    /// The `key` of the child, one of the agreement's `childKeys`.
    pub child_key: String,
    /// The child's share of the weekly total.
    pub weekly_total: Value,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// Places reserved in advance under a block or cost-and-volume contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BlockTerms {
    /// The kind of placement the places are for.
    pub placement_type: PlacementType,
    /// How many places are reserved.
    #[schemars(range(min = 1))]
    pub reserved_places: u32,
    /// The price of one place, whether filled or not.
    pub price_per_place: Price,
    /// The Ofsted URNs of the settings the places are in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setting_ids: Vec<OfstedUrn>,
    /// What the council pays for an empty place (a void) and for how long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub void_terms: Option<VoidTerms>,
    /// For cost and volume: lower prices per place as the number of placements rises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_bands: Vec<VolumeBand>,
    /// Periods when reserved places stood empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voids: Vec<VoidPeriod>,
    /// How many reserved places were filled, period by period (for example each month), so
    /// that occupancy and the cost of a filled place can be read over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occupancy: Vec<Occupancy>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// What happens when a reserved place is empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VoidTerms {
    /// The share of the place's price the council still pays while it is empty.
    pub payment_percentage: Percentage,
    /// How a void is costed: by the day or by the whole week.
    pub costing: VoidCosting,
    /// The most days a place may stand empty before the council may release it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_void_days: Option<u32>,
    /// How many referrals the provider may refuse for a reserved place before the void payment
    /// stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusals_allowed: Option<u32>,
    /// The terms in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One step of a cost-and-volume price scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VolumeBand {
    /// The band applies from this many placements at once.
    pub minimum_placements: u32,
    /// The weekly price per place in this band.
    pub weekly_price_per_place: Value,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// How many reserved places were filled over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Occupancy {
    /// The entry's id, unique within the contract.
    pub id: String,
    /// The period, from its first day to its last (inclusive).
    pub period: Period,
    /// How many reserved places were filled throughout the period.
    pub places_filled: u32,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A time when reserved places stood empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VoidPeriod {
    /// The void's id, unique within the contract.
    pub id: String,
    /// When the places were empty: `startDate` is the first empty day and `endDate` the last
    /// (inclusive, read as calendar days in the offset each is written with).
    pub period: Period,
    /// How many places were empty.
    #[schemars(range(min = 1))]
    pub places: u32,
    /// Why, in words, e.g. `No suitable referral matched`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// How and why a placement ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlacementEnding {
    /// The placement's last day.
    pub date: DateTime,
    /// Why it ended.
    pub reason: EndingReason,
    /// Whether the ending was planned (`true`) or a disruption (`false`).
    pub planned: bool,
    /// Who gave notice or asked for the ending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiated_by: Option<EndingInitiator>,
    /// When notice was given: on or before the last day. A provider's notice on a placement
    /// is the date commissioners count a disruption from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_date: Option<DateTime>,
    /// How many days' notice was given: the days from `noticeDate` to the last day, when both
    /// are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days: Option<u32>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// What happened under an agreement: payments and outcomes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Implementation {
    /// Payments made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transactions: Vec<Transaction>,
    /// Outcome indicators measured during the placement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeMeasure>,
    /// Documents about the implementation, such as monitoring reports (never about a child).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// The payment's id, unique within the agreement.
    pub id: String,
    /// When the payment was made.
    pub date: DateTime,
    /// The amount paid.
    pub value: Value,
    /// Who paid (a party of the release).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<OrganizationReference>,
    /// Who was paid (a party of the release).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<OrganizationReference>,
    /// The weeks of care the payment covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_covered: Option<Period>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One outcome indicator measured over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeMeasure {
    /// The measure's id, unique within the agreement.
    pub id: String,
    /// What was measured.
    pub indicator: OutcomeIndicator,
    /// The period measured.
    pub period: Period,
    /// The value measured, in the indicator's unit (see the codelist).
    pub value: Amount,
    /// Whether this is the baseline: the measure taken at or before the placement's start,
    /// against which later measures of the same indicator are compared. Absent means not a
    /// baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<bool>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}
