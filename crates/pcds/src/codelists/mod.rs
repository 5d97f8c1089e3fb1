//! Every codelist of the standard.
//!
//! [`ALL`] lists them in publication order; `spec/codelists/` holds one CSV per entry.

mod child;
mod market;
mod ocds;
mod pricing;

pub use child::{AgeBand, CategoryOfNeed, LegalStatus, Need, NeedLevel, Urgency};
pub use market::{
    AgreementType, DistanceBand, EndingInitiator, EndingReason, FrameworkAgreementMethod,
    FrameworkTier, OfstedJudgement, OutcomeIndicator, PlacementType, ProcessType, ProcurementRoute,
    ProviderStatus, ProviderType, PublicationLevel, RankingModel, RefusalReason, ResponseType,
    SelectionBasis, SettingType,
};
pub use ocds::{
    AwardCriteria, AwardStatus, ContractStatus, Currency, DocumentType, InitiationType, PartyRole,
    ProcurementCategory, ProcurementMethod, RelatedProcessRelationship, RelatedProcessScheme,
    ReleaseTag, TenderStatus,
};
pub use pricing::{
    AdditionalService, CriterionType, DiscountType, FeeChangeTrigger, FeeChangeType,
    FeeReviewMechanism, FundingSource, PriceBase, PriceBasis, PriceUnit, ServiceLevel, VoidCosting,
};

use crate::codelist::{Codelist, CodelistInfo};

/// Every codelist of the standard, PCDS's own first, then those taken from OCDS.
pub const ALL: &[CodelistInfo] = &[
    ProcessType::INFO,
    PublicationLevel::INFO,
    PlacementType::INFO,
    ProviderType::INFO,
    SettingType::INFO,
    OfstedJudgement::INFO,
    ProcurementRoute::INFO,
    AgreementType::INFO,
    AgeBand::INFO,
    Need::INFO,
    NeedLevel::INFO,
    CategoryOfNeed::INFO,
    LegalStatus::INFO,
    Urgency::INFO,
    ResponseType::INFO,
    RefusalReason::INFO,
    DistanceBand::INFO,
    SelectionBasis::INFO,
    RankingModel::INFO,
    ProviderStatus::INFO,
    FrameworkTier::INFO,
    FrameworkAgreementMethod::INFO,
    EndingReason::INFO,
    EndingInitiator::INFO,
    OutcomeIndicator::INFO,
    PriceBasis::INFO,
    PriceUnit::INFO,
    ServiceLevel::INFO,
    AdditionalService::INFO,
    DiscountType::INFO,
    FeeChangeType::INFO,
    FeeChangeTrigger::INFO,
    PriceBase::INFO,
    FeeReviewMechanism::INFO,
    FundingSource::INFO,
    VoidCosting::INFO,
    CriterionType::INFO,
    ReleaseTag::INFO,
    InitiationType::INFO,
    TenderStatus::INFO,
    ProcurementMethod::INFO,
    ProcurementCategory::INFO,
    AwardStatus::INFO,
    ContractStatus::INFO,
    Currency::INFO,
    PartyRole::INFO,
    RelatedProcessRelationship::INFO,
    RelatedProcessScheme::INFO,
    DocumentType::INFO,
    AwardCriteria::INFO,
];

/// Finds a codelist by its file stem (e.g. `placementType`) or its type name (e.g.
/// `PlacementType`).
#[must_use]
pub fn find(name: &str) -> Option<&'static CodelistInfo> {
    ALL.iter()
        .find(|info| info.name == name || info.type_name == name)
}
