//! The cost of empty reserved places: the one rule for what a void costs under a block or
//! cost-and-volume contract.
//!
//! A void's days run from its `startDate` to its `endDate` inclusive, as calendar days in the
//! offset each date is written with. Days beyond the contract's `maximumVoidDays` are not paid.
//! The paid days cost, for each empty place, the place's weekly price times the void payment
//! percentage: a seventh of it a day when voids are costed `perDay`, the whole of it for each
//! whole week when costed `perWeek` (days short of a whole week cost nothing). The result is
//! rounded to the penny, half away from zero.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::codelists::VoidCosting;
use crate::common::Period;
use crate::contract::{BlockTerms, VoidPeriod};

/// The number of calendar days a period covers, first and last day included; `None` when
/// either end is missing or the end is before the start.
#[must_use]
pub fn days_inclusive(period: &Period) -> Option<u32> {
    let start = period.start_date?.0.date_naive();
    let end = period.end_date?.0.date_naive();
    let days = (end - start).num_days();
    u32::try_from(days + 1).ok().filter(|d| *d > 0)
}

impl BlockTerms {
    /// What the council pays for a void under these terms (see the module documentation).
    /// `None` when the contract states no void terms, the place's price has no weekly
    /// equivalent, or the void's period is incomplete.
    #[must_use]
    pub fn void_cost(&self, void: &VoidPeriod) -> Option<Decimal> {
        let terms = self.void_terms.as_ref()?;
        let weekly = self.price_per_place.weekly_equivalent()?;
        let mut days = days_inclusive(&void.period)?;
        if let Some(maximum) = terms.maximum_void_days {
            days = days.min(maximum);
        }
        let share = terms.payment_percentage.value() / Decimal::ONE_HUNDRED;
        let weeks = match terms.costing {
            VoidCosting::PerDay => Decimal::from(days) / Decimal::from(7),
            VoidCosting::PerWeek => Decimal::from(days / 7),
        };
        let cost = weekly * share * weeks * Decimal::from(void.places);
        Some(cost.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

#[cfg(test)]
mod tests {
    use crate::BlockTerms;

    fn terms(costing: &str, maximum: Option<u32>) -> BlockTerms {
        let maximum = maximum.map_or(String::new(), |m| format!(r#", "maximumVoidDays": {m}"#));
        serde_json::from_str(&format!(
            r#"{{"placementType": "childrensHome", "reservedPlaces": 4,
            "pricePerPlace": {{"value": {{"amount": 4850, "currency": "GBP"}}, "basis": "perWeek"}},
            "voidTerms": {{"paymentPercentage": 80, "costing": "{costing}"{maximum}}}}}"#
        ))
        .expect("block terms")
    }

    fn void(start: &str, end: &str, places: u32) -> crate::VoidPeriod {
        serde_json::from_str(&format!(
            r#"{{"id": "v", "period": {{"startDate": "{start}", "endDate": "{end}"}}, "places": {places}}}"#
        ))
        .expect("void")
    }

    fn cost(terms: &BlockTerms, void: &crate::VoidPeriod) -> String {
        terms
            .void_cost(void)
            .map(|c| c.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_month_of_voids_has_one_cost() {
        // 31 days of July, two places, 80% of £4,850 a week.
        let july = void("2024-07-01T00:00:00+01:00", "2024-07-31T23:59:59+01:00", 2);
        assert_eq!(cost(&terms("perDay", None), &july), "34365.71");
        // Four whole weeks are paid; the three days left over are not.
        assert_eq!(cost(&terms("perWeek", None), &july), "31040.00");
        // Paid for at most 28 days.
        assert_eq!(cost(&terms("perDay", Some(28)), &july), "31040.00");
    }

    #[test]
    fn days_are_calendar_days_in_the_dates_own_offset() {
        // Midnight in British Summer Time is 23:00 UTC the day before: still one day.
        let day = void("2024-07-01T00:00:00+01:00", "2024-07-01T23:59:59+01:00", 1);
        assert_eq!(cost(&terms("perDay", None), &day), "554.29");
        assert_eq!(cost(&terms("perWeek", None), &day), "0");
        let open = void("2024-07-01T00:00:00+01:00", "2024-06-30T00:00:00+01:00", 1);
        assert_eq!(cost(&terms("perDay", None), &open), "");
    }
}
