//! Prices: what a placement costs, broken down, and the price schedules frameworks agree.
//!
//! Every price states its basis (per hour, night, week, month or year) and can be normalised to
//! a weekly equivalent, so prices from different councils and providers compare directly.

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{
    AdditionalService, AgeBand, DiscountType, FeeReviewMechanism, FundingSource, NeedLevel,
    PlacementType, PriceBase, PriceBasis, ServiceLevel,
};
use crate::common::Period;
use crate::date::DateTime;
use crate::money::{Amount, Percentage, Value};
use crate::party::OrganizationReference;

/// An amount of money for a unit of time or service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    /// The amount and currency for one unit of `basis`.
    pub value: Value,
    /// What the amount is for: per hour, day, night, week, month or year.
    pub basis: PriceBasis,
    /// How many units a week are bought, e.g. 20 hours of 1:1 staffing. Required for
    /// `perHour`; for other bases it overrides the default (7 days or nights a week).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_per_week: Option<Amount>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

impl Price {
    /// The price as a weekly amount, rounded to the penny (half away from zero): per day and per
    /// night × 7 (or `unitsPerWeek`), per week × 1, per month × 12 ÷ 52, per year ÷ 52, per
    /// hour × `unitsPerWeek`. `None` for an hourly price with no hours a week stated.
    #[must_use]
    pub fn weekly_equivalent(&self) -> Option<Decimal> {
        let amount = self.value.amount.value();
        let units = self.units_per_week.map(Amount::value);
        let weekly = match self.basis {
            PriceBasis::PerHour => amount * units?,
            PriceBasis::PerDay | PriceBasis::PerNight => amount * units.unwrap_or(Decimal::from(7)),
            PriceBasis::PerWeek => amount * units.unwrap_or(Decimal::ONE),
            PriceBasis::PerMonth => amount * Decimal::from(12) / Decimal::from(52),
            PriceBasis::PerYear => amount / Decimal::from(52),
        };
        Some(weekly.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// A weekly price taken apart: the core fee, each additional service, each discount, and the
/// total the council pays each week.
///
/// The parts add up: the weekly equivalent of the core fee plus those of the services, less the
/// discounts, equals `weeklyTotal` (the validator checks this to the penny).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PriceBreakdown {
    /// The core fee: accommodation, care and the staffing every child in the setting receives.
    pub core_fee: Price,
    /// Services bought on top of the core fee.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_services: Vec<ServicePrice>,
    /// Discounts taken off the weekly price.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<AppliedDiscount>,
    /// The total weekly price after discounts.
    pub weekly_total: Value,
    /// Who pays what share of the weekly total, where social care, education and health share
    /// the cost (a tri-partite arrangement).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding_contributions: Vec<FundingContribution>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

impl PriceBreakdown {
    /// The weekly total computed from the parts: core fee plus services less discounts. `None`
    /// when a part has no weekly equivalent (an hourly price with no hours stated).
    #[must_use]
    pub fn computed_weekly_total(&self) -> Option<Decimal> {
        let mut total = self.core_fee.weekly_equivalent()?;
        for service in &self.additional_services {
            total += service.price.weekly_equivalent()?;
        }
        for discount in &self.discounts {
            total -= discount.weekly_amount.amount.value();
        }
        Some(total)
    }
}

/// The price of one additional service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrice {
    /// The service.
    pub service: AdditionalService,
    /// What exactly is provided, e.g. `Waking night staff member, 7 nights`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the service costs.
    pub price: Price,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A discount taken off a weekly price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AppliedDiscount {
    /// The `id` of the committed discount (in the agreement's or price schedule's `discounts`)
    /// this applies, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_id: Option<String>,
    /// The kind of discount.
    #[serde(rename = "type")]
    pub discount_type: DiscountType,
    /// The percentage taken off, when the discount is a percentage: of the part of the price
    /// its committed discount's `appliesTo` names, or of the core fee when it names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Percentage>,
    /// The amount taken off each week, as a positive number.
    pub weekly_amount: Value,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One funder's weekly share of a placement's cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FundingContribution {
    /// The budget the money comes from.
    pub source: FundingSource,
    /// The organisation paying, when it is not the buyer (e.g. an integrated care board).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<OrganizationReference>,
    /// The amount paid each week.
    pub weekly_amount: Value,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A discount a provider commits to, and when it applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Discount {
    /// The discount's id, unique within its list; applied discounts refer to it.
    pub id: String,
    /// The kind of discount.
    #[serde(rename = "type")]
    pub discount_type: DiscountType,
    /// The percentage off, for a percentage discount, taken of `appliesTo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Percentage>,
    /// For a percentage discount: the part of the weekly price the percentage is taken of,
    /// `coreFee` (the core fee alone) or `coreAndServices` (the core fee and every additional
    /// service). Absent means `coreFee`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<PriceBase>,
    /// The amount off, for a fixed discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Price>,
    /// When the discount starts to apply. A discount always states its starting point.
    pub applies_from: DiscountCondition,
    /// The discount's terms in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// The point from which a discount applies. Give at least one condition; all that are given
/// must hold. A discount that starts after a time (`afterMonths`, `afterWeeks`, a later
/// `fromDate`) is not part of the agreement's starting price: it begins with a fee change
/// amendment triggered `discountStarting`, effective no earlier than the condition allows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiscountCondition {
    /// Applies once the placement has lasted this many whole months: 9 means from day one of
    /// the tenth month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_months: Option<u32>,
    /// Applies once the placement has lasted this many whole weeks: 12 means from the first
    /// day of the thirteenth week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_weeks: Option<u32>,
    /// Applies from this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_date: Option<DateTime>,
    /// Applies while the buyer (or the buyer's group) has at least this many placements with
    /// the provider at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_placements: Option<u32>,
    /// Applies when at least this many siblings are placed together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_siblings: Option<u32>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// How and when a fee is reviewed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeeReviewTerms {
    /// How the new fee is worked out.
    pub mechanism: FeeReviewMechanism,
    /// The month of the year reviews take effect (1 January … 12 December); 4 for the common
    /// 1 April review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 12))]
    pub review_month: Option<u8>,
    /// How many months between reviews; usually 12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub frequency_in_months: Option<u32>,
    /// For a `fixedPercentage` review: the percentage each review adds, e.g. 3 for 3 %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Percentage>,
    /// The price index used, for `priceIndex` reviews, e.g. `CPI`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// The largest uplift a review may give, as a percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_uplift: Option<Percentage>,
    /// Whether the fee may go up between reviews. Frameworks often fix core prices so that they
    /// may fall but never rise outside a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increases_between_reviews: Option<bool>,
    /// The terms in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A provider's prices on a framework or DPS: core weekly fees by placement type, age band and
/// level of need, additional-service prices, committed discounts and fee review terms. Every
/// placement called off the framework starts from these prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PriceSchedule {
    /// The schedule's id, unique within the release.
    pub id: String,
    /// When these prices apply.
    pub period: Period,
    /// Core weekly fees.
    pub core_prices: Vec<CorePrice>,
    /// Prices for additional services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_service_prices: Vec<ServicePrice>,
    /// Discounts the provider commits to for every placement under the framework.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
    /// How these prices are reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_review: Option<FeeReviewTerms>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// One core weekly fee in a price schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CorePrice {
    /// The price's id, unique within its schedule.
    pub id: String,
    /// The `id` of the framework lot the price belongs to, when the framework has lots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot_id: Option<String>,
    /// The placement type the price is for.
    pub placement_type: PlacementType,
    /// The age band the price is for; absent when it applies to every age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// The level of need the price is for; absent when it applies to every level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_level: Option<NeedLevel>,
    /// The service level the price is for: absent means `standard`. Emergency and
    /// out-of-hours premiums are separate price lines with their own service level, never a
    /// level of need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<ServiceLevel>,
    /// The core weekly fee.
    pub weekly_price: Value,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Amount;

    fn price(amount: &str, basis: PriceBasis, units: Option<&str>) -> Price {
        Price {
            value: Value::gbp(Amount::parse(amount).expect("amount")),
            basis,
            units_per_week: units.map(|u| Amount::parse(u).expect("units")),
            additional_fields: AdditionalFields::new(),
        }
    }

    fn weekly(p: &Price) -> String {
        p.weekly_equivalent()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn weekly_equivalents() {
        assert_eq!(weekly(&price("4200", PriceBasis::PerWeek, None)), "4200");
        assert_eq!(weekly(&price("180", PriceBasis::PerNight, None)), "1260");
        assert_eq!(weekly(&price("100", PriceBasis::PerDay, Some("5"))), "500");
        assert_eq!(weekly(&price("3000", PriceBasis::PerMonth, None)), "692.31");
        assert_eq!(weekly(&price("52000", PriceBasis::PerYear, None)), "1000");
        assert_eq!(
            weekly(&price("25.50", PriceBasis::PerHour, Some("20"))),
            "510.00"
        );
        assert!(
            price("25.50", PriceBasis::PerHour, None)
                .weekly_equivalent()
                .is_none()
        );
    }
}
