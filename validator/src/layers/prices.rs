//! Price rules: breakdowns add up, hourly prices state their hours, discounts have a size and a
//! starting point, weightings add up, values are plausible, fee changes match their type.

use rust_decimal::Decimal;

use pcds::codelists::{FeeChangeType, PriceBasis};
use pcds::{Discount, Price, PriceBreakdown, Release};

use crate::rules::{self, Rule};

/// The plausible range of a weekly placement price, in pounds.
const PLAUSIBLE_WEEKLY: (i64, i64) = (100, 40_000);

/// Checks every price in a release, reporting through `report(rule, pointer, message)`.
pub fn check(release: &Release, report: &mut dyn FnMut(&Rule, String, String)) {
    if let Some(evaluation) = release.tender.as_ref().and_then(|t| t.evaluation.as_ref()) {
        let total = evaluation.price_weighting.value() + evaluation.quality_weighting.value();
        if total != Decimal::ONE_HUNDRED {
            report(
                &rules::PRICE_WEIGHTING,
                "/tender/evaluation/priceWeighting".into(),
                format!("price and quality weightings add up to {total}, not 100"),
            );
        }
        if !evaluation.criteria.is_empty() {
            let criteria: Decimal = evaluation
                .criteria
                .iter()
                .map(|c| c.weighting.value())
                .sum();
            if criteria != Decimal::ONE_HUNDRED {
                report(
                    &rules::PRICE_WEIGHTING,
                    "/tender/evaluation/criteria".into(),
                    format!("the criteria's weightings add up to {criteria}, not 100"),
                );
            }
        }
    }
    for (i, bid) in release
        .bids
        .iter()
        .flat_map(|b| b.details.iter().enumerate())
    {
        if let Some(breakdown) = &bid.price_breakdown {
            let pointer = format!("/bids/details/{i}/priceBreakdown");
            check_breakdown(breakdown, &pointer, report);
            if let Some(value) = &bid.value
                && value.amount != breakdown.weekly_total.amount
            {
                report(
                    &rules::PRICE_VALUE_MISMATCH,
                    format!("/bids/details/{i}/value/amount"),
                    format!(
                        "the offer's value is {} but its breakdown's weekly total is {}",
                        value.amount, breakdown.weekly_total.amount
                    ),
                );
            }
        }
    }
    for (i, contract) in release.contracts.iter().enumerate() {
        if let Some(block) = &contract.block {
            if let Some(weekly) = block.price_per_place.weekly_equivalent() {
                plausible(
                    weekly,
                    &format!("/contracts/{i}/block/pricePerPlace/value/amount"),
                    report,
                );
            }
            for (j, band) in block.volume_bands.iter().enumerate() {
                plausible(
                    band.weekly_price_per_place.amount.value(),
                    &format!("/contracts/{i}/block/volumeBands/{j}/weeklyPricePerPlace/amount"),
                    report,
                );
            }
        }
        if let Some(placement) = &contract.placement {
            check_breakdown(
                &placement.weekly_price,
                &format!("/contracts/{i}/placement/weeklyPrice"),
                report,
            );
            check_discounts(
                &placement.discounts,
                &format!("/contracts/{i}/placement/discounts"),
                report,
            );
        }
        for (j, amendment) in contract.amendments.iter().enumerate() {
            let Some(change) = &amendment.fee_change else {
                continue;
            };
            if let Some(breakdown) = &change.new_weekly_price {
                check_breakdown(
                    breakdown,
                    &format!("/contracts/{i}/amendments/{j}/feeChange/newWeeklyPrice"),
                    report,
                );
            }
            let (before, after) = (
                change.previous_weekly_total.amount,
                change.new_weekly_total.amount,
            );
            let contradiction = match change.change_type {
                FeeChangeType::Uplift => {
                    (after <= before).then_some("an uplift, but the fee did not rise")
                }
                FeeChangeType::Reduction => {
                    (after >= before).then_some("a reduction, but the fee did not fall")
                }
                _ => None,
            };
            if let Some(contradiction) = contradiction {
                report(
                    &rules::PRICE_FEE_CHANGE,
                    format!("/contracts/{i}/amendments/{j}/feeChange/newWeeklyTotal/amount"),
                    format!("the change is {contradiction}: {before} became {after}"),
                );
            }
        }
    }
    super::price_history::check(release, report);
    for (i, award) in release.awards.iter().enumerate() {
        let Some(schedule) = award
            .admission
            .as_ref()
            .and_then(|a| a.price_schedule.as_ref())
        else {
            continue;
        };
        let pointer = format!("/awards/{i}/admission/priceSchedule");
        check_discounts(&schedule.discounts, &format!("{pointer}/discounts"), report);
        for (j, core) in schedule.core_prices.iter().enumerate() {
            plausible(
                core.weekly_price.amount.value(),
                &format!("{pointer}/corePrices/{j}/weeklyPrice/amount"),
                report,
            );
        }
    }
}

fn hourly_without_hours(
    price: &Price,
    pointer: &str,
    report: &mut dyn FnMut(&Rule, String, String),
) {
    if price.basis == PriceBasis::PerHour && price.units_per_week.is_none() {
        report(
            &rules::PRICE_HOURLY,
            format!("{pointer}/basis"),
            "the price is per hour but does not say how many hours a week (`unitsPerWeek`)".into(),
        );
    }
}

fn plausible(weekly: Decimal, pointer: &str, report: &mut dyn FnMut(&Rule, String, String)) {
    let (low, high) = PLAUSIBLE_WEEKLY;
    if weekly < Decimal::from(low) || weekly > Decimal::from(high) {
        report(
            &rules::PRICE_IMPLAUSIBLE,
            pointer.to_owned(),
            format!(
                "a weekly price of £{weekly} is outside the plausible range of £{low} to £{high}"
            ),
        );
    }
}

fn check_breakdown(
    breakdown: &PriceBreakdown,
    pointer: &str,
    report: &mut dyn FnMut(&Rule, String, String),
) {
    hourly_without_hours(&breakdown.core_fee, &format!("{pointer}/coreFee"), report);
    for (j, service) in breakdown.additional_services.iter().enumerate() {
        hourly_without_hours(
            &service.price,
            &format!("{pointer}/additionalServices/{j}/price"),
            report,
        );
    }
    let total = breakdown.weekly_total.amount.value();
    if let Some(computed) = breakdown.computed_weekly_total()
        && computed != total
    {
        report(
            &rules::PRICE_SUM,
            format!("{pointer}/weeklyTotal/amount"),
            format!("the parts add up to {computed} a week but the weekly total is {total}"),
        );
    }
    plausible(total, &format!("{pointer}/weeklyTotal/amount"), report);
    if !breakdown.funding_contributions.is_empty() {
        let funded: Decimal = breakdown
            .funding_contributions
            .iter()
            .map(|f| f.weekly_amount.amount.value())
            .sum();
        if funded != total {
            report(
                &rules::PRICE_FUNDING,
                format!("{pointer}/fundingContributions"),
                format!("the funding shares add up to {funded} but the weekly total is {total}"),
            );
        }
    }
}

fn check_discounts(
    discounts: &[Discount],
    pointer: &str,
    report: &mut dyn FnMut(&Rule, String, String),
) {
    for (j, discount) in discounts.iter().enumerate() {
        if discount.percentage.is_none() && discount.amount.is_none() {
            report(
                &rules::PRICE_DISCOUNT_SIZE,
                format!("{pointer}/{j}"),
                format!(
                    "the discount `{}` gives neither a `percentage` nor an `amount`",
                    discount.id
                ),
            );
        }
        let from = &discount.applies_from;
        if from.after_months.is_none()
            && from.from_date.is_none()
            && from.minimum_placements.is_none()
            && from.minimum_siblings.is_none()
        {
            report(
                &rules::PRICE_DISCOUNT_START,
                format!("{pointer}/{j}/appliesFrom"),
                format!(
                    "the discount `{}` does not say when it applies",
                    discount.id
                ),
            );
        }
    }
}
