//! Distributions of weekly prices and the suppression of small cells.
//!
//! Suppression works in two steps, the way official statistics do it. Primary: a cell counting
//! fewer children than the threshold shows no count, no prices and no ocids. Complementary: a
//! suppressed cell must not be recoverable by subtracting the visible cells of its line from a
//! total another breakdown shows, so in every line of cells that differ in one key only, a lone
//! suppressed cell takes the smallest visible cell of that line with it; this repeats until no
//! line has a lone suppressed cell. No totals are published.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// The spread of a set of weekly amounts: how many, the quartiles and the extremes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// How many values (children) the summary is of.
    pub n: u64,
    /// The lowest value.
    #[serde(serialize_with = "crate::table::serialize_decimal")]
    pub minimum: Decimal,
    /// The value a quarter of the way up.
    #[serde(serialize_with = "crate::table::serialize_decimal")]
    pub lower_quartile: Decimal,
    /// The middle value.
    #[serde(serialize_with = "crate::table::serialize_decimal")]
    pub median: Decimal,
    /// The value three quarters of the way up.
    #[serde(serialize_with = "crate::table::serialize_decimal")]
    pub upper_quartile: Decimal,
    /// The highest value.
    #[serde(serialize_with = "crate::table::serialize_decimal")]
    pub maximum: Decimal,
}

impl Summary {
    /// The summary of `values`, or `None` when there are none. Quartiles interpolate between
    /// neighbours (the method spreadsheets call `QUARTILE.INC`), rounded to the penny.
    #[must_use]
    pub fn of(values: &[Decimal]) -> Option<Self> {
        let mut sorted = values.to_vec();
        sorted.sort();
        let last = *sorted.last()?;
        Some(Summary {
            n: sorted.len() as u64,
            minimum: sorted[0],
            lower_quartile: pence(percentile(&sorted, 1, 4)),
            median: pence(percentile(&sorted, 1, 2)),
            upper_quartile: pence(percentile(&sorted, 3, 4)),
            maximum: last,
        })
    }

    /// Where `value` sits among the values summarised, as the percentage of them below it
    /// (values equal to it count half), rounded to one decimal place.
    #[must_use]
    pub fn rank_of(values: &[Decimal], value: Decimal) -> Option<Decimal> {
        if values.is_empty() {
            return None;
        }
        let below = values.iter().filter(|v| **v < value).count();
        let equal = values.iter().filter(|v| **v == value).count();
        let rank = (Decimal::from(below) + Decimal::from(equal) / Decimal::TWO)
            * Decimal::ONE_HUNDRED
            / Decimal::from(values.len());
        Some(rank.round_dp(1))
    }
}

/// Rounds to the penny, half away from zero.
#[must_use]
pub fn pence(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// The percentile `numerator/denominator` of sorted values, interpolating between neighbours.
///
/// # Panics
/// Never: an empty slice gives zero.
#[must_use]
pub fn percentile(sorted: &[Decimal], numerator: u32, denominator: u32) -> Decimal {
    if sorted.is_empty() {
        return Decimal::ZERO;
    }
    let last = sorted.len() - 1;
    let position = Decimal::from(last) * Decimal::from(numerator) / Decimal::from(denominator);
    let below = position.floor().to_usize().unwrap_or(0).min(last);
    let above = (below + 1).min(last);
    let fraction = position - Decimal::from(below);
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// Which cells to hide: primary suppression of cells counting fewer than `threshold`, then
/// complementary suppression until no line of cells (cells whose keys differ in one position
/// only) has a lone hidden cell. `keys[i]` and `counts[i]` describe cell `i`.
#[must_use]
pub fn suppress(keys: &[Vec<String>], counts: &[u64], threshold: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = counts.iter().map(|c| *c < threshold).collect();
    let width = keys.first().map_or(0, Vec::len);
    loop {
        let mut changed = false;
        for dimension in 0..width {
            let mut lines: BTreeMap<Vec<&String>, Vec<usize>> = BTreeMap::new();
            for (i, key) in keys.iter().enumerate() {
                let rest: Vec<&String> = key
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != dimension)
                    .map(|(_, k)| k)
                    .collect();
                lines.entry(rest).or_default().push(i);
            }
            for cells in lines.values() {
                if cells.iter().filter(|i| hidden[**i]).count() != 1 {
                    continue;
                }
                if let Some(smallest) = cells
                    .iter()
                    .filter(|i| !hidden[**i])
                    .min_by_key(|i| (counts[**i], **i))
                {
                    hidden[*smallest] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return hidden;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|v| Decimal::from(*v)).collect()
    }

    #[test]
    fn quartiles_interpolate_like_a_spreadsheet() {
        let s = Summary::of(&d(&[4, 1, 3, 2])).expect("values");
        assert_eq!(s.n, 4);
        assert_eq!(s.minimum, Decimal::ONE);
        assert_eq!(s.lower_quartile.to_string(), "1.75");
        assert_eq!(s.median.to_string(), "2.50");
        assert_eq!(s.upper_quartile.to_string(), "3.25");
        assert_eq!(s.maximum, Decimal::from(4));
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn a_rank_counts_ties_as_half() {
        let values = d(&[100, 200, 300, 400]);
        assert_eq!(
            Summary::rank_of(&values, Decimal::from(300)),
            Some(Decimal::new(625, 1))
        );
        assert_eq!(
            Summary::rank_of(&values, Decimal::from(50)),
            Some(Decimal::ZERO)
        );
        assert_eq!(
            Summary::rank_of(&values, Decimal::from(500)),
            Some(Decimal::ONE_HUNDRED)
        );
        assert_eq!(Summary::rank_of(&[], Decimal::ONE), None);
    }

    #[test]
    fn a_lone_hidden_cell_takes_the_smallest_visible_one_with_it() {
        let keys: Vec<Vec<String>> = ["a", "b", "c"]
            .iter()
            .map(|k| vec![(*k).to_owned()])
            .collect();
        assert_eq!(suppress(&keys, &[3, 12, 20], 10), [true, true, false]);
        assert_eq!(suppress(&keys, &[30, 12, 20], 10), [false, false, false]);
        assert_eq!(suppress(&keys, &[3, 4, 20], 10), [true, true, false]);
    }
}
