//! Price rules over time: discounts are their stated percentage and start when their condition
//! allows, fee changes state their percentage and base, agree with it, and chain into one price
//! history (the model's weekly-price-on-a-date rule).

use chrono::{Duration, Months};
use rust_decimal::{Decimal, RoundingStrategy};

use pcds::codelists::{FeeChangeTrigger, FeeChangeType, FeeReviewMechanism, PriceBase};
use pcds::{
    Contract, DateTime, Discount, FeeChange, FeeReviewTerms, PriceBreakdown, PriceSource, Release,
};

use crate::rules::{self, Rule};

/// Amounts agree when they differ by at most a penny: publishers round a percentage to the
/// penny in different directions.
const PENNY: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

type Report<'a> = dyn FnMut(&Rule, String, String) + 'a;

/// Checks the price history of every agreement in a release, and fee review terms.
pub fn check(release: &Release, report: &mut Report<'_>) {
    for (i, contract) in release.contracts.iter().enumerate() {
        let Some(placement) = &contract.placement else {
            continue;
        };
        let pointer = format!("/contracts/{i}/placement");
        if let Some(review) = &placement.fee_review {
            fee_review(review, &format!("{pointer}/feeReview"), report);
        }
        let start = contract.period.as_ref().and_then(|p| p.start_date);
        discounts_applied(
            &placement.weekly_price,
            &placement.discounts,
            &format!("{pointer}/weeklyPrice"),
            report,
        );
        for (j, applied) in placement.weekly_price.discounts.iter().enumerate() {
            let committed = applied
                .discount_id
                .as_ref()
                .and_then(|id| placement.discounts.iter().find(|d| d.id == *id));
            if let Some(discount) = committed
                && let Some(start) = start
                && starts_after(discount, start)
            {
                report(
                    &rules::PRICE_DISCOUNT_EARLY,
                    format!("{pointer}/weeklyPrice/discounts/{j}/discountId"),
                    format!(
                        "the discount `{}` starts only after a time, but is taken off the starting price",
                        discount.id
                    ),
                );
            }
        }
        history(contract, i, start, report);
    }
    for (i, award) in release.awards.iter().enumerate() {
        if let Some(review) = award
            .admission
            .as_ref()
            .and_then(|a| a.price_schedule.as_ref())
            .and_then(|s| s.fee_review.as_ref())
        {
            fee_review(
                review,
                &format!("/awards/{i}/admission/priceSchedule/feeReview"),
                report,
            );
        }
    }
}

fn fee_review(review: &FeeReviewTerms, pointer: &str, report: &mut Report<'_>) {
    if review.mechanism == FeeReviewMechanism::FixedPercentage && review.percentage.is_none() {
        report(
            &rules::PRICE_REVIEW_PERCENTAGE,
            format!("{pointer}/mechanism"),
            "the fee is reviewed by a fixed percentage but the terms do not state it".into(),
        );
    }
}

fn penny(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Every discount in a breakdown that states a percentage (itself or through its committed
/// discount) is that percentage of its base: the core fee unless the committed discount says
/// `coreAndServices`.
fn discounts_applied(
    breakdown: &PriceBreakdown,
    committed: &[Discount],
    pointer: &str,
    report: &mut Report<'_>,
) {
    for (j, applied) in breakdown.discounts.iter().enumerate() {
        let commitment = applied
            .discount_id
            .as_ref()
            .and_then(|id| committed.iter().find(|d| d.id == *id));
        let Some(percentage) = applied
            .percentage
            .or_else(|| commitment.and_then(|d| d.percentage))
        else {
            continue;
        };
        let (base, what) = match commitment.and_then(|d| d.applies_to.as_ref()) {
            Some(PriceBase::CoreAndServices) => {
                (core_and_services(breakdown), "core fee and services")
            }
            _ => (breakdown.core_fee.weekly_equivalent(), "core fee"),
        };
        let Some(base) = base else {
            continue;
        };
        let expected = penny(base * percentage.value() / Decimal::ONE_HUNDRED);
        let amount = applied.weekly_amount.amount.value();
        if (expected - amount).abs() > PENNY {
            report(
                &rules::PRICE_DISCOUNT_PERCENTAGE,
                format!("{pointer}/discounts/{j}"),
                format!(
                    "{}% of the {what} ({base} a week) is {expected}, but the discount takes off {amount}",
                    percentage.value()
                ),
            );
        }
    }
}

/// The weekly equivalents of the core fee and every additional service, before discounts.
fn core_and_services(breakdown: &PriceBreakdown) -> Option<Decimal> {
    let mut sum = breakdown.core_fee.weekly_equivalent()?;
    for service in &breakdown.additional_services {
        sum += service.price.weekly_equivalent()?;
    }
    Some(sum)
}

/// The earliest date a time-conditioned discount may apply from, for an agreement starting on
/// `start`; `None` when the discount has no condition of time.
fn earliest(discount: &Discount, start: DateTime) -> Option<DateTime> {
    let from = &discount.applies_from;
    let mut earliest: Option<DateTime> = None;
    let mut later = |candidate: Option<DateTime>| {
        if let Some(candidate) = candidate {
            earliest = Some(earliest.map_or(candidate, |e| e.max(candidate)));
        }
    };
    later(
        from.after_months
            .and_then(|m| start.0.checked_add_months(Months::new(m)))
            .map(DateTime),
    );
    later(
        from.after_weeks
            .and_then(|w| start.0.checked_add_signed(Duration::weeks(i64::from(w))))
            .map(DateTime),
    );
    later(from.from_date);
    earliest
}

fn starts_after(discount: &Discount, start: DateTime) -> bool {
    earliest(discount, start).is_some_and(|e| e > start)
}

/// The fee changes of an agreement: their terms, their percentage, and the chain from the
/// starting price.
fn history(contract: &Contract, i: usize, start: Option<DateTime>, report: &mut Report<'_>) {
    let Some(placement) = &contract.placement else {
        return;
    };
    let steps = contract.price_history();
    for pair in steps.windows(2) {
        let (before, step) = (&pair[0], &pair[1]);
        let PriceSource::FeeChange(amendment) = step.source else {
            continue;
        };
        let Some(change) = &amendment.fee_change else {
            continue;
        };
        let Some(j) = contract
            .amendments
            .iter()
            .position(|a| std::ptr::eq(a, amendment))
        else {
            continue;
        };
        let pointer = format!("/contracts/{i}/amendments/{j}/feeChange");
        let previous = change.previous_weekly_total.amount.value();
        if previous != before.weekly_total {
            report(
                &rules::PRICE_HISTORY,
                format!("{pointer}/previousWeeklyTotal/amount"),
                format!(
                    "the fee was {} a week before this change took effect, not {previous}",
                    before.weekly_total
                ),
            );
        }
        if let Some(breakdown) = &change.new_weekly_price {
            if breakdown.weekly_total.amount != change.new_weekly_total.amount {
                report(
                    &rules::PRICE_HISTORY,
                    format!("{pointer}/newWeeklyPrice/weeklyTotal/amount"),
                    format!(
                        "the new breakdown totals {} but `newWeeklyTotal` is {}",
                        breakdown.weekly_total.amount, change.new_weekly_total.amount
                    ),
                );
            }
            discounts_applied(
                breakdown,
                &placement.discounts,
                &format!("{pointer}/newWeeklyPrice"),
                report,
            );
        }
        terms(change, before, &pointer, report);
        if let Some(start) = start {
            discount_start(change, &placement.discounts, start, &pointer, report);
        }
    }
}

/// An uplift or reduction states its percentage and base, and is that percentage of the base.
fn terms(change: &FeeChange, before: &pcds::PriceStep<'_>, pointer: &str, report: &mut Report<'_>) {
    let directed = matches!(
        change.change_type,
        FeeChangeType::Uplift | FeeChangeType::Reduction
    );
    let (Some(percentage), Some(base)) = (change.percentage, change.applies_to.clone()) else {
        if directed {
            report(
                &rules::PRICE_CHANGE_TERMS,
                pointer.to_owned(),
                format!(
                    "the {} does not state its `percentage` and `appliesTo`",
                    change.change_type
                ),
            );
        }
        return;
    };
    let total_change =
        change.new_weekly_total.amount.value() - change.previous_weekly_total.amount.value();
    let (old, new) = match base {
        PriceBase::DiscountedTotal => (
            Some(change.previous_weekly_total.amount.value()),
            Some(change.new_weekly_total.amount.value()),
        ),
        PriceBase::CoreFee => {
            let old = before.core_weekly;
            let new = match &change.new_weekly_price {
                Some(b) => b.core_fee.weekly_equivalent(),
                None => old.map(|o| o + total_change),
            };
            (old, new)
        }
        _ => {
            let old = before.breakdown.and_then(core_and_services);
            let new = match &change.new_weekly_price {
                Some(b) => core_and_services(b),
                None => old.map(|o| o + total_change),
            };
            (old, new)
        }
    };
    let (Some(old), Some(new)) = (old, new) else {
        return;
    };
    let expected = penny(old * percentage.value() / Decimal::ONE_HUNDRED);
    let actual = (new - old).abs();
    if (expected - actual).abs() > PENNY {
        report(
            &rules::PRICE_CHANGE_PERCENTAGE,
            format!("{pointer}/percentage"),
            format!(
                "{}% of {old} ({base}) is {expected}, but that part of the price changed by {actual}",
                percentage.value()
            ),
        );
    }
}

/// A fee change that starts a discount takes effect no earlier than the discount allows.
fn discount_start(
    change: &FeeChange,
    committed: &[Discount],
    start: DateTime,
    pointer: &str,
    report: &mut Report<'_>,
) {
    if change.trigger != FeeChangeTrigger::DiscountStarting
        && change.change_type != FeeChangeType::DiscountApplied
    {
        return;
    }
    let started: Vec<&Discount> = match &change.new_weekly_price {
        Some(breakdown) => breakdown
            .discounts
            .iter()
            .filter_map(|a| a.discount_id.as_ref())
            .filter_map(|id| committed.iter().find(|d| d.id == *id))
            .collect(),
        None => committed.iter().collect(),
    };
    let latest_allowed = started.iter().filter_map(|d| earliest(d, start)).min();
    // Conditions count whole days: "from day one of the tenth month" is that day's midnight.
    if let Some(earliest) = latest_allowed
        && change.effective_date.0.date_naive() < earliest.0.date_naive()
    {
        report(
            &rules::PRICE_DISCOUNT_EARLY,
            format!("{pointer}/effectiveDate"),
            format!(
                "the discount starts on {} but cannot apply before {earliest}",
                change.effective_date
            ),
        );
    }
}
