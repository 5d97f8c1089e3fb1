//! The tender: for a placement, the referral sent to providers; for a framework or DPS, the
//! call for providers to qualify.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{
    AgeBand, AwardCriteria, CategoryOfNeed, CriterionType, FrameworkAgreementMethod, LegalStatus,
    Need, NeedLevel, OfstedJudgement, PlacementType, ProcurementCategory, ProcurementMethod,
    RankingModel, TenderStatus, Urgency,
};
use crate::common::{Amendment, Document, Period};
use crate::date::DateTime;
use crate::ids::GssCode;
use crate::money::{Amount, Percentage, Value};
use crate::party::OrganizationReference;

/// What is being bought and how: the referral of a placement process, or the terms of a
/// framework or DPS competition. The OCDS `Tender` object with PCDS additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tender {
    /// The tender's id, unique within the process.
    pub id: String,
    /// A short title, e.g. `Residential placement, emergency` (never a child's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What is sought, in words. Must not identify a child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The tender's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TenderStatus>,
    /// The organisation running the process, when not the buyer (e.g. a regional hub).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procuring_entity: Option<OrganizationReference>,
    /// How providers were asked: `selective` for a framework or DPS, `limited` for a spot
    /// search, `direct` for a single provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement_method: Option<ProcurementMethod>,
    /// More about the method, e.g. `DPS mini-competition, lot 2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement_method_details: Option<String>,
    /// Always `services`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_procurement_category: Option<ProcurementCategory>,
    /// How the decision will be made; `ratedCriteria` when `evaluation` gives weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_criteria: Option<AwardCriteria>,
    /// When providers could respond: from the referral being sent to the response deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender_period: Option<Period>,
    /// For a framework or DPS: the period it runs (its period of validity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_period: Option<Period>,
    /// For a framework or DPS: the most that may be spent under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// How many providers responded with an offer or application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_tenderers: Option<u32>,
    /// The providers that responded with an offer or application.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tenderers: Vec<OrganizationReference>,
    /// For a placement: the child's needs and what is sought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
    /// For a placement: each provider the referral was sent to, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers_contacted: Vec<ProviderContact>,
    /// How offers or applications are scored: price and quality weights and criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
    /// For a framework or DPS: its lots (categories), e.g. by placement type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lots: Vec<Lot>,
    /// For a framework or DPS: what providers must meet to be admitted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualification_criteria: Vec<QualificationCriterion>,
    /// For a framework or DPS: the techniques it uses, in the fields of the OCDS techniques
    /// extension, as England's central procurement platform publishes them, so that a
    /// council's framework notice there and its PCDS data describe the arrangement alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub techniques: Option<Techniques>,
    /// For a framework or DPS with tiers of its own: each tier an admission may be placed in.
    /// The common tiers (`preferred`, `reservePreferred`, `other`) need no declaration.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Documents about the tender, such as the framework terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Changes made to the tender after it went out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A referral: the need a placement must meet, in coded, coarse terms. There is no field for a
/// child's name, date of birth, address, postcode, NHS number or unique pupil number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    /// How soon the placement is needed.
    pub urgency: Urgency,
    /// The placement types the council will consider, most preferred first.
    pub placement_types_sought: Vec<PlacementType>,
    /// When the placement should start.
    pub requested_start_date: DateTime,
    /// How long the placement is expected to last, in days; absent when open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_duration_in_days: Option<u32>,
    /// The child, or each child of a sibling group, described only by coded attributes. Each
    /// has a `key` the process's agreements name it by.
    pub children: Vec<ChildProfile>,
    /// For a sibling group: whether the children must be placed together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_together: Option<bool>,
    /// The GSS code of the placing council's area (the child's home council).
    pub home_council: GssCode,
    /// Where the placement may be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geographic_limit: Option<GeographicLimit>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One child in a referral, in coded, coarse attributes only. In open data, only the age band
/// may appear (see the privacy rules); the other attributes are partnership-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChildProfile {
    /// A key for the child, unique within the process and meaningful only inside it:
    /// `child-` and a number, `child-1`, `child-2`, … in the order the referral lists the
    /// children. Agreements say which children they are for by this key. Its fixed form means it
    /// can never carry a name, initials or a case number.
    #[schemars(regex(pattern = r"^child-[1-9][0-9]{0,2}$"))]
    pub key: String,
    /// The child's age band.
    pub age_band: AgeBand,
    /// The needs the placement must meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
    /// The overall level of need, as the framework's prices use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_level: Option<NeedLevel>,
    /// The DfE category of need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_of_need: Option<CategoryOfNeed>,
    /// The legal basis on which the child is looked after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_status: Option<LegalStatus>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// Where a placement may be.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeographicLimit {
    /// The furthest the placement may be from the child's home, in miles (straight line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_miles: Option<Amount>,
    /// The council areas the placement may be in, by GSS code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub council_areas: Vec<GssCode>,
    /// Whether a placement outside the home council's area is acceptable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_area_acceptable: Option<bool>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A provider the referral was sent to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProviderContact {
    /// The contact's id, unique within the list.
    pub id: String,
    /// The provider, a party of the release.
    pub provider: OrganizationReference,
    /// When the referral reached the provider.
    pub date: DateTime,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// How offers or applications are scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// How price and quality combine into a ranking. With `priceDividedByQuality` the
    /// weightings still say how the quality score was built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking_model: Option<RankingModel>,
    /// The weight of price in the overall score, as a percentage (e.g. 50).
    pub price_weighting: Percentage,
    /// The weight of quality in the overall score, as a percentage (price and quality add up to
    /// 100).
    pub quality_weighting: Percentage,
    /// The quality criteria and their weights within the quality score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<EvaluationCriterion>,
    /// For a points model: the most points an offer can score in all, when it is not 100. Each
    /// criterion then states its `maximumPoints`, and they add up to this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_points: Option<Amount>,
    /// Offers scoring within this percentage of the best may be put to the child's parents or
    /// carers to choose, e.g. 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_margin: Option<Percentage>,
    /// The most offers that may be put to parents or carers, e.g. 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_choices: Option<u32>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One quality criterion offers are scored on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EvaluationCriterion {
    /// The criterion's id; scores refer to it.
    pub id: String,
    /// What is scored, e.g. `Needs met`, `Location`, `Core competency`.
    pub title: String,
    /// The criterion's weight within the quality score, as a percentage.
    pub weighting: Percentage,
    /// For a points model: the most points the criterion gives (its weighted maximum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_points: Option<Amount>,
    /// How the criterion is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A lot (category) of a framework or DPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lot {
    /// The lot's id, unique within the tender.
    pub id: String,
    /// The lot's title, e.g. `Lot 1: Residential children's homes`.
    pub title: String,
    /// What the lot covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The placement types bought under the lot.
    pub placement_types: Vec<PlacementType>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A test providers must pass, or are scored on, to join a framework or DPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QualificationCriterion {
    /// The criterion's id, unique within the tender.
    pub id: String,
    /// What is tested, e.g. `Financial standing`, `Safeguarding`, `Workforce`.
    pub title: String,
    /// Whether the criterion is pass/fail or weighted.
    #[serde(rename = "type")]
    pub criterion_type: CriterionType,
    /// For a weighted criterion: its weight, as a percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<Percentage>,
    /// For an Ofsted criterion: the lowest judgement a provider's settings may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_ofsted_judgement: Option<OfstedJudgement>,
    /// The criterion in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A tier of a framework or DPS that declares its own tiers, in order of preference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    /// The tier's id: admissions name their tier by it.
    pub id: String,
    /// The tier's title, e.g. `Tier 1: preferred providers`.
    pub title: String,
    /// The tier's place in the order of preference: 1 receives referrals first.
    #[schemars(range(min = 1))]
    pub order: u32,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// The procurement techniques a framework or DPS uses, in the shape of the OCDS techniques
/// extension (`tender.techniques`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Techniques {
    /// Whether the process establishes a framework agreement: `true` for a framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_framework_agreement: Option<bool>,
    /// How placements are awarded under the framework agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_agreement: Option<FrameworkAgreementTechnique>,
    /// Whether the process establishes a dynamic purchasing system: `true` for a DPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_dynamic_purchasing_system: Option<bool>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A framework agreement's technique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkAgreementTechnique {
    /// How placements are awarded: by call-off without a competition, by mini-competition, or
    /// both.
    pub method: FrameworkAgreementMethod,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}
