//! The weekly price on a date: the one rule every reader of PCDS uses to say what a placement
//! cost on a given day.
//!
//! An individual placement agreement's `placement.weeklyPrice` is the price agreed at its start
//! and is never rewritten. Every later change is a fee change amendment (`amendments[].feeChange`)
//! with the date it takes effect. So the weekly price on a date is:
//!
//! 1. nothing, when the date is before the agreement's start (`period.startDate`) or after the
//!    placement's last day (`ending.date`);
//! 2. otherwise the `newWeeklyTotal` of the fee change with the latest `effectiveDate` on or
//!    before the date (for equal effective dates, the one listed last);
//! 3. otherwise the starting price, `placement.weeklyPrice.weeklyTotal`.
//!
//! The core fee in force follows the same steps: a fee change that gives `newWeeklyPrice` states
//! it; a change of the core fee only (`appliesTo: coreFee`) moves it by the change in the total;
//! a discount starting or ending leaves it as it was; any other change leaves it unknown.

use rust_decimal::Decimal;

use crate::codelists::{FeeChangeTrigger, FeeChangeType, PriceBase};
use crate::common::{Amendment, FeeChange};
use crate::contract::Contract;
use crate::date::DateTime;
use crate::pricing::PriceBreakdown;

/// Where a step of a placement's price history comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PriceSource<'a> {
    /// The price agreed at the start: `placement.weeklyPrice`.
    Agreement,
    /// A fee change amendment.
    FeeChange(&'a Amendment),
}

/// One step of a placement's price history: the weekly price from a date until the next step.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceStep<'a> {
    /// When the price takes effect: the agreement's start for the first step (absent when the
    /// agreement states no start), the fee change's `effectiveDate` for the others.
    pub from: Option<DateTime>,
    /// The weekly total in force, after discounts.
    pub weekly_total: Decimal,
    /// The weekly equivalent of the core fee in force, when it is known.
    pub core_weekly: Option<Decimal>,
    /// The breakdown in force, when the step states one.
    pub breakdown: Option<&'a PriceBreakdown>,
    /// Where the step comes from.
    pub source: PriceSource<'a>,
}

impl Contract {
    /// The placement's price history: the starting price, then each fee change in order of
    /// `effectiveDate` (list order for equal dates). Empty for an agreement without placement
    /// terms.
    #[must_use]
    pub fn price_history(&self) -> Vec<PriceStep<'_>> {
        let Some(placement) = &self.placement else {
            return Vec::new();
        };
        let start = &placement.weekly_price;
        let mut steps = vec![PriceStep {
            from: self.period.as_ref().and_then(|p| p.start_date),
            weekly_total: start.weekly_total.amount.value(),
            core_weekly: start.core_fee.weekly_equivalent(),
            breakdown: Some(start),
            source: PriceSource::Agreement,
        }];
        let mut changes: Vec<(&Amendment, &FeeChange)> = self
            .amendments
            .iter()
            .filter_map(|a| a.fee_change.as_ref().map(|c| (a, c)))
            .collect();
        changes.sort_by_key(|(_, change)| change.effective_date);
        for (amendment, change) in changes {
            let previous = steps
                .last()
                .map_or(start.core_fee.weekly_equivalent(), |s| s.core_weekly);
            let total = change.new_weekly_total.amount.value();
            let core_weekly = match &change.new_weekly_price {
                Some(breakdown) => breakdown.core_fee.weekly_equivalent(),
                None => core_after(change, previous),
            };
            steps.push(PriceStep {
                from: Some(change.effective_date),
                weekly_total: total,
                core_weekly,
                breakdown: change.new_weekly_price.as_ref(),
                source: PriceSource::FeeChange(amendment),
            });
        }
        steps
    }

    /// The weekly price in force on `date`, by the rule of the standard (see the module
    /// documentation). `None` for an agreement without placement terms, or a date outside the
    /// placement.
    #[must_use]
    pub fn weekly_price_on(&self, date: DateTime) -> Option<PriceStep<'_>> {
        if self
            .period
            .as_ref()
            .and_then(|p| p.start_date)
            .is_some_and(|start| date < start)
            || self.ending.as_ref().is_some_and(|e| date > e.date)
        {
            return None;
        }
        let mut history = self.price_history();
        let index = history
            .iter()
            .rposition(|step| step.from.is_none_or(|from| from <= date))?;
        Some(history.swap_remove(index))
    }
}

/// The core fee after a change that does not state its breakdown.
fn core_after(change: &FeeChange, previous: Option<Decimal>) -> Option<Decimal> {
    let previous = previous?;
    if matches!(
        change.trigger,
        FeeChangeTrigger::DiscountStarting | FeeChangeTrigger::DiscountEnding
    ) || change.change_type == FeeChangeType::DiscountApplied
    {
        return Some(previous);
    }
    (change.applies_to == Some(PriceBase::CoreFee)).then(|| {
        previous + change.new_weekly_total.amount.value()
            - change.previous_weekly_total.amount.value()
    })
}

#[cfg(test)]
mod tests {
    use crate::Contract;

    fn contract(amendments: &str) -> Contract {
        let json = format!(
            r#"{{"id": "c1", "awardID": "a1", "agreementType": "individualPlacementAgreement",
            "period": {{"startDate": "2025-01-06T00:00:00Z"}},
            "placement": {{"placementType": "childrensHome", "procurementRoute": "spotPurchase",
              "childKeys": ["child-1"],
              "weeklyPrice": {{"coreFee": {{"value": {{"amount": 4000, "currency": "GBP"}}, "basis": "perWeek"}},
                "additionalServices": [{{"service": "wakingNight", "price": {{"value": {{"amount": 500, "currency": "GBP"}}, "basis": "perWeek"}}}}],
                "weeklyTotal": {{"amount": 4500, "currency": "GBP"}}}}}},
            "amendments": {amendments}}}"#
        );
        serde_json::from_str(&json).expect("contract")
    }

    fn change(id: &str, date: &str, before: u32, after: u32, base: &str, trigger: &str) -> String {
        format!(
            r#"{{"id": "{id}", "feeChange": {{"type": "uplift", "trigger": "{trigger}",
            "percentage": 2, "appliesTo": "{base}",
            "previousWeeklyTotal": {{"amount": {before}, "currency": "GBP"}},
            "newWeeklyTotal": {{"amount": {after}, "currency": "GBP"}},
            "effectiveDate": "{date}"}}}}"#
        )
    }

    fn on(contract: &Contract, date: &str) -> Option<(String, Option<String>)> {
        contract
            .weekly_price_on(date.parse().expect("date"))
            .map(|s| {
                (
                    s.weekly_total.to_string(),
                    s.core_weekly.map(|c| c.to_string()),
                )
            })
    }

    #[test]
    fn the_starting_price_holds_until_the_first_change() {
        let c = contract("[]");
        assert_eq!(on(&c, "2025-01-05T23:59:59Z"), None);
        assert_eq!(
            on(&c, "2025-01-06T00:00:00Z"),
            Some(("4500".into(), Some("4000".into())))
        );
        assert_eq!(
            on(&c, "2030-01-01T00:00:00Z"),
            Some(("4500".into(), Some("4000".into())))
        );
    }

    #[test]
    fn changes_apply_in_effective_order_whatever_their_list_order() {
        // Listed newest first: the rule orders by effective date, not by position.
        let c = contract(&format!(
            "[{}, {}]",
            change(
                "a2",
                "2026-04-01T00:00:00+01:00",
                4580,
                4660,
                "coreFee",
                "annualReview"
            ),
            change(
                "a1",
                "2025-04-01T00:00:00+01:00",
                4500,
                4580,
                "coreFee",
                "annualReview"
            ),
        ));
        assert_eq!(
            on(&c, "2025-03-31T22:59:59Z"),
            Some(("4500".into(), Some("4000".into())))
        );
        // Midnight in British Summer Time is 23:00 the day before in UTC.
        assert_eq!(
            on(&c, "2025-03-31T23:00:00Z"),
            Some(("4580".into(), Some("4080".into())))
        );
        assert_eq!(
            on(&c, "2026-06-01T00:00:00Z"),
            Some(("4660".into(), Some("4160".into())))
        );
    }

    #[test]
    fn the_core_fee_is_unknown_after_a_change_to_the_whole_price() {
        let c = contract(&format!(
            "[{}]",
            change(
                "a1",
                "2025-04-01T00:00:00Z",
                4500,
                4590,
                "coreAndServices",
                "annualReview"
            )
        ));
        assert_eq!(on(&c, "2025-05-01T00:00:00Z"), Some(("4590".into(), None)));
    }

    #[test]
    fn no_price_after_the_placement_ended() {
        let mut c = contract("[]");
        c.ending = serde_json::from_str(
            r#"{"date": "2025-06-30T00:00:00Z", "reason": "planned", "planned": true}"#,
        )
        .ok();
        assert!(c.ending.is_some(), "ending parses");
        assert!(on(&c, "2025-06-30T00:00:00Z").is_some());
        assert_eq!(on(&c, "2025-07-01T00:00:00Z"), None);
    }
}
