//! Rules for capacity contracts (block and cost-and-volume): voids and occupancy within the
//! places reserved and the contract's period, and void lengths that match their dates.

use pcds::capacity::days_inclusive;
use pcds::{DateTime, Period, Release};

use super::Check;
use crate::rules;

pub(super) fn check(check: &mut Check<'_>, release: &Release) {
    for (i, contract) in release.contracts.iter().enumerate() {
        let Some(block) = &contract.block else {
            continue;
        };
        let start = contract.period.as_ref().and_then(|p| p.start_date);
        let end = contract
            .period
            .as_ref()
            .and_then(|p| p.max_extent_date.or(p.end_date));
        let at = format!("/contracts/{i}/block");
        for (j, void) in block.voids.iter().enumerate() {
            let pointer = format!("{at}/voids/{j}");
            if void.places > block.reserved_places {
                check.report(
                    &rules::BLOCK_PLACES,
                    &format!("{pointer}/places"),
                    format!(
                        "{} places stood empty, but the contract reserves {}",
                        void.places, block.reserved_places
                    ),
                );
            }
            within(check, &void.period, start, end, &pointer, "the void");
            if let (Some(stated), Some(days)) =
                (void.period.duration_in_days, days_inclusive(&void.period))
                && stated != days
            {
                check.report(
                    &rules::BLOCK_VOID_DAYS,
                    &format!("{pointer}/period/durationInDays"),
                    format!(
                        "the void runs {days} days from its first to its last day, not {stated}"
                    ),
                );
            }
        }
        for (j, entry) in block.occupancy.iter().enumerate() {
            let pointer = format!("{at}/occupancy/{j}");
            if entry.places_filled > block.reserved_places {
                check.report(
                    &rules::BLOCK_PLACES,
                    &format!("{pointer}/placesFilled"),
                    format!(
                        "{} places were filled, but the contract reserves {}",
                        entry.places_filled, block.reserved_places
                    ),
                );
            }
            within(
                check,
                &entry.period,
                start,
                end,
                &pointer,
                "the occupancy period",
            );
        }
    }
}

/// A void or occupancy period falls within the contract's period (to its furthest extent).
fn within(
    check: &mut Check<'_>,
    period: &Period,
    start: Option<DateTime>,
    end: Option<DateTime>,
    pointer: &str,
    what: &str,
) {
    if let (Some(first), Some(start)) = (period.start_date, start)
        && first.0.date_naive() < start.0.date_naive()
    {
        check.report(
            &rules::BLOCK_PERIOD,
            &format!("{pointer}/period/startDate"),
            format!("{what} starts on {first}, before the contract starts on {start}"),
        );
    }
    if let (Some(last), Some(end)) = (period.end_date, end)
        && last.0.date_naive() > end.0.date_naive()
    {
        check.report(
            &rules::BLOCK_PERIOD,
            &format!("{pointer}/period/endDate"),
            format!("{what} ends on {last}, after the contract ends on {end}"),
        );
    }
}
