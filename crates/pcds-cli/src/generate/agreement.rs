//! Planning the individual placement agreement and what happens under it: a change to the
//! fee, and the ending with the outcomes measured while the placement ran.

use pcds::codelists::{
    AdditionalService, AgreementType, ContractStatus, DiscountType, DistanceBand, EndingInitiator,
    EndingReason, FeeChangeTrigger, FeeChangeType, FeeReviewMechanism, OutcomeIndicator, PriceUnit,
    ProcurementRoute,
};
use pcds::{
    Amount, Contract, Discount, DiscountCondition, FeeReviewTerms, OutcomeMeasure, Period,
    PlacementTerms, Setting,
};

use super::Rng;
use super::data::SPOT_FEE_REVIEWS;
use super::parts::{
    Kind, Pricing, Result, Service, child_key, decimal, extra, money_text, percent,
};
use super::plan::Plan;
use super::stories::{EndingPlan, FeeChangePlan};
use super::time::{self, DAY, HOUR, Minutes};

impl Plan {
    /// The individual placement agreement as first signed.
    pub(super) fn agreement(
        &mut self,
        pricing: &Pricing,
        setting: &Setting,
        distance_band: Option<DistanceBand>,
        start: Minutes,
        signed: Minutes,
    ) -> Result<Contract> {
        let spot = self.spot();
        let mut discounts = Vec::new();
        if let Some(tenths) = pricing.sibling {
            let text = format!(
                "Sibling discount: {}% off the core fee while two or more siblings are placed together.",
                decimal(tenths, 1)?
            );
            let from = DiscountCondition {
                minimum_siblings: Some(2),
                ..DiscountCondition::default()
            };
            discounts.push(discount(
                "sibling",
                DiscountType::Sibling,
                tenths,
                from,
                text,
            )?);
        }
        if !spot {
            let tenths = *self.rng.pick(&[30, 50]);
            let text = format!(
                "Framework long-term discount: {}% off the core fee from day one of the tenth month.",
                decimal(tenths, 1)?
            );
            let from = DiscountCondition {
                after_months: Some(9),
                ..DiscountCondition::default()
            };
            discounts.push(discount(
                "longTerm",
                DiscountType::LongTerm,
                tenths,
                from,
                text,
            )?);
        }
        let (mechanism, index, terms) = if spot {
            self.rng.pick(SPOT_FEE_REVIEWS).clone()
        } else {
            let terms = "Framework terms: the core fee is reviewed each 1 April and rises by at most 3%; additional services are fixed.";
            (FeeReviewMechanism::Negotiated, None, terms)
        };
        let label = self.kind.label().to_lowercase();
        Ok(Contract {
            id: "ipa-1".into(),
            award_id: "award-1".into(),
            title: Some(format!("Individual placement agreement: {label}")),
            description: None,
            status: Some(ContractStatus::Active),
            agreement_type: AgreementType::IndividualPlacementAgreement,
            period: Some(Period {
                start_date: Some(time::uk(start)?),
                ..Period::default()
            }),
            value: None,
            date_signed: Some(time::uk(signed)?),
            placement: Some(PlacementTerms {
                placement_type: self.placement_type.clone(),
                procurement_route: self.route.clone(),
                framework_lot_id: (!spot).then(|| self.kind.lot().0.to_owned()),
                setting_id: Some(setting.id.clone()),
                placement_council_area: setting.council_area.clone(),
                out_of_area: Some(setting.council_area.as_ref() != Some(&self.home)),
                distance_band,
                // The generated frameworks publish no schedules; a call-off names the line as
                // the framework's first price line for the placement type.
                price_schedule_line_id: (self.route == ProcurementRoute::FrameworkCallOff)
                    .then(|| "core-1".to_owned()),
                need_level: Some(self.profile.level.clone()),
                child_keys: (1..=self.siblings).map(child_key).collect(),
                price_unit: (self.siblings > 1).then_some(PriceUnit::PerGroup),
                child_prices: Vec::new(),
                household_key: (self.kind == Kind::Fostering)
                    .then(|| format!("household-{}", self.rng.range(100, 999))),
                weekly_price: pricing.breakdown(true)?,
                discounts,
                fee_review: Some(FeeReviewTerms {
                    mechanism,
                    review_month: Some(4),
                    percentage: None,
                    frequency_in_months: Some(12),
                    index: index.map(str::to_owned),
                    maximum_uplift: if spot { None } else { Some(percent(30)?) },
                    increases_between_reviews: (!spot).then_some(false),
                    description: Some(terms.into()),
                    additional_fields: extra(),
                }),
                additional_fields: extra(),
            }),
            block: None,
            ending: None,
            implementation: None,
            documents: Vec::new(),
            amendments: Vec::new(),
            additional_fields: extra(),
        })
    }
}

/// A fee change after the agreement: a change of 1:1 hours at an early placement review, or the
/// annual uplift of the core fee on the next 1 April.
pub(super) fn plan_fee_change(
    rng: &mut Rng,
    before: &Pricing,
    start: Minutes,
    spot: bool,
) -> Result<FeeChangePlan> {
    let mut after = before.clone();
    let one_to_one =
        (after.services.iter_mut()).find(|s| s.service == AdditionalService::Staffing1To1);
    let (kind, trigger, percentage, effective, rationale, description) = match one_to_one {
        Some(service) if rng.chance(35) => {
            let old = service.units.unwrap_or(7);
            let new = if old >= 14 {
                old - 7 * rng.range(1, old / 7 - 1)
            } else {
                old + 7
            };
            *service = Service::per_hour(
                AdditionalService::Staffing1To1,
                "1:1 staffing",
                service.rate,
                new,
            );
            let text = format!(
                "1:1 staffing changed from {old} to {new} hours a week after the placement review ({} to {} a week).",
                money_text(before.total()),
                money_text(after.total())
            );
            let effective = time::midnight(start) + DAY * rng.range(28, 56);
            (
                FeeChangeType::ServiceChange,
                FeeChangeTrigger::ChangeOfNeeds,
                None,
                effective,
                "Placement review of 1:1 support",
                text,
            )
        }
        _ => {
            let tenths = if spot {
                *rng.pick(&[20, 30, 40, 50, 60])
            } else {
                *rng.pick(&[20, 25, 30])
            };
            after.core = (before.core * (1_000 + tenths) + 500) / 1_000;
            let effective = time::next_april(start);
            let text = format!(
                "Core fee raised by {}% from 1 April {} ({} to {} a week).",
                decimal(tenths, 1)?,
                time::year(effective),
                money_text(before.core),
                money_text(after.core)
            );
            let why = if spot {
                "Annual fee review"
            } else {
                "Annual fee review under the framework terms"
            };
            (
                FeeChangeType::Uplift,
                FeeChangeTrigger::AnnualReview,
                Some(percent(tenths)?),
                effective,
                why,
                text,
            )
        }
    };
    Ok(FeeChangePlan {
        kind,
        trigger,
        percentage,
        effective,
        date: effective + DAY * rng.range(3, 20) + 10 * HOUR,
        before: before.clone(),
        after,
        rationale,
        description,
    })
}

/// How and when the placement ends: after the fee change if there was one, else before the
/// next fee review; with outcome measures for most placements.
pub(super) fn plan_ending(
    rng: &mut Rng,
    kind: Kind,
    start: Minutes,
    change: Option<&FeeChangePlan>,
) -> Result<EndingPlan> {
    let (earliest, latest) = match change {
        Some(change) => (change.date + 7 * DAY, change.date + 200 * DAY),
        None => {
            let latest = (time::next_april(start) - DAY).min(start + 150 * DAY);
            (start + 4 * DAY, latest.max(start + 10 * DAY))
        }
    };
    let date = time::midnight(earliest)
        + DAY * rng.range(0, (latest - earliest) / DAY)
        + HOUR * rng.range(10, 17);
    let planned = rng.chance(65);
    let (reason, initiated_by, notice_days) = if planned {
        let reason = match (kind, rng.below(4)) {
            (Kind::Supported, _) | (Kind::Residential, 3) => EndingReason::IndependentLiving,
            (Kind::Fostering, 3) => EndingReason::SpecialGuardianship,
            (_, 0 | 1) => EndingReason::CarePlan,
            _ => EndingReason::ReturnedHome,
        };
        (reason, EndingInitiator::Planned, Some(28))
    } else {
        match rng.below(6) {
            0 => (
                EndingReason::ProviderNoticeBehaviour,
                EndingInitiator::Provider,
                Some(28),
            ),
            1 => (
                EndingReason::ProviderNoticeOther,
                EndingInitiator::Provider,
                Some(28),
            ),
            2 => (
                EndingReason::CouncilDecision,
                EndingInitiator::Council,
                Some(14),
            ),
            3 => (EndingReason::ChildRequest, EndingInitiator::Child, None),
            4 => (EndingReason::Allegation, EndingInitiator::Council, None),
            _ => (
                EndingReason::StandardsConcern,
                EndingInitiator::Council,
                None,
            ),
        }
    };
    let mut outcomes = Vec::new();
    if rng.chance(60) {
        let measured = [
            (
                OutcomeIndicator::SchoolAttendance,
                decimal(rng.range(600, 1_000), 1)?,
            ),
            (
                OutcomeIndicator::MissingEpisodes,
                Amount::from(rng.range(0, 6)),
            ),
            (
                OutcomeIndicator::HealthAssessmentOnTime,
                Amount::from(i64::from(rng.chance(85))),
            ),
            (
                OutcomeIndicator::CarePlanGoalsMet,
                Amount::from(i64::from(rng.chance(60))),
            ),
        ];
        for (indicator, value) in measured {
            if rng.chance(70) {
                outcomes.push(OutcomeMeasure {
                    id: format!("outcome-{:02}", outcomes.len() + 1),
                    indicator,
                    period: Period {
                        start_date: Some(time::uk(start)?),
                        end_date: Some(time::uk(date)?),
                        ..Period::default()
                    },
                    value,
                    baseline: None,
                    additional_fields: extra(),
                });
            }
        }
    }
    Ok(EndingPlan {
        date,
        reason,
        planned,
        initiated_by,
        notice_days,
        outcomes,
    })
}

/// A discount the agreement commits to.
fn discount(
    id: &str,
    discount_type: DiscountType,
    tenths: i64,
    applies_from: DiscountCondition,
    description: String,
) -> Result<Discount> {
    Ok(Discount {
        id: id.into(),
        discount_type,
        percentage: Some(percent(tenths)?),
        applies_to: None,
        amount: None,
        applies_from,
        description: Some(description),
        additional_fields: extra(),
    })
}
