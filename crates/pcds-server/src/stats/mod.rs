//! Aggregate statistics: placements and weekly prices by placement type, age band, council and
//! quarter, from each process's compiled release, with small numbers suppressed.
//!
//! Suppression works in two steps, the way official statistics do it. Primary: a cell with
//! fewer placements than the threshold shows no count and no prices. Complementary: a suppressed
//! cell must not be recoverable by subtracting the visible cells of its row from a total that
//! another breakdown shows, so in every line of cells that differ in one dimension only, a lone
//! suppressed cell takes the smallest visible cell of that line with it; this repeats until no
//! line has a lone suppressed cell. No totals are published.

use std::collections::BTreeMap;

use pcds_analysis::summary::{percentile, suppress};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

/// A dimension statistics can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    /// The placement type of the agreement (`placementType` codelist).
    PlacementType,
    /// The age band of the children referred: their common band, `mixed` for a sibling group
    /// across bands, `notStated` when the referral gives none.
    AgeBand,
    /// The placing council: the buyer's GSS code, or its party id when it has none.
    Council,
    /// The quarter the placement started, e.g. `2025-Q2`.
    Quarter,
}

impl Dimension {
    /// Every dimension, in the default order.
    pub const ALL: [Dimension; 4] = [
        Dimension::PlacementType,
        Dimension::AgeBand,
        Dimension::Council,
        Dimension::Quarter,
    ];

    /// The dimension's name in queries and output.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Dimension::PlacementType => "placementType",
            Dimension::AgeBand => "ageBand",
            Dimension::Council => "council",
            Dimension::Quarter => "quarter",
        }
    }

    /// Reads a comma-separated list such as `placementType,quarter`.
    ///
    /// # Errors
    /// With a message naming the unknown or repeated dimension.
    pub fn parse_list(list: &str) -> Result<Vec<Dimension>, String> {
        let mut dimensions = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let dimension = Dimension::ALL
                .into_iter()
                .find(|d| d.name() == name)
                .ok_or_else(|| {
                    format!(
                        "`{name}` is not a dimension; use any of placementType, ageBand, council, quarter"
                    )
                })?;
            if dimensions.contains(&dimension) {
                return Err(format!("`{name}` is given twice"));
            }
            dimensions.push(dimension);
        }
        if dimensions.is_empty() {
            return Err("name at least one dimension".into());
        }
        Ok(dimensions)
    }
}

/// One placement, reduced to what the statistics use.
#[derive(Debug, Clone, PartialEq)]
struct Placement {
    keys: [String; 4],
    weekly_price: Option<Decimal>,
}

/// Collects placements from compiled releases, then tabulates them.
#[derive(Debug, Default)]
pub struct Tabulator {
    placements: Vec<Placement>,
}

impl Tabulator {
    /// Adds every placement agreement of one compiled release.
    pub fn add(&mut self, compiled: &Value) {
        let age_band = age_band(compiled);
        let council = council(compiled);
        for contract in compiled["contracts"].as_array().into_iter().flatten() {
            let placement = &contract["placement"];
            let Some(placement_type) = placement["placementType"].as_str() else {
                continue;
            };
            let start = contract["period"]["startDate"]
                .as_str()
                .or_else(|| contract["dateSigned"].as_str());
            let weekly_total = &placement["weeklyPrice"]["weeklyTotal"];
            let weekly_price = (weekly_total["currency"] == "GBP")
                .then(|| decimal(&weekly_total["amount"]))
                .flatten();
            self.placements.push(Placement {
                keys: [
                    placement_type.to_owned(),
                    age_band.clone(),
                    council.clone(),
                    start
                        .and_then(quarter)
                        .unwrap_or_else(|| "notStated".into()),
                ],
                weekly_price,
            });
        }
    }

    /// How many placements were added.
    #[must_use]
    pub fn len(&self) -> usize {
        self.placements.len()
    }

    /// Whether no placement was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.placements.is_empty()
    }

    /// The table broken down by `dimensions`, suppressing cells under `threshold` placements.
    #[must_use]
    pub fn table(&self, dimensions: &[Dimension], threshold: u64) -> Value {
        let index = |d: &Dimension| Dimension::ALL.iter().position(|x| x == d).unwrap_or(0);
        let mut cells: BTreeMap<Vec<String>, Vec<Option<Decimal>>> = BTreeMap::new();
        for placement in &self.placements {
            let key = dimensions
                .iter()
                .map(|d| placement.keys[index(d)].clone())
                .collect();
            cells.entry(key).or_default().push(placement.weekly_price);
        }
        let keys: Vec<Vec<String>> = cells.keys().cloned().collect();
        let counts: Vec<u64> = cells.values().map(|v| v.len() as u64).collect();
        let suppressed = suppress(&keys, &counts, threshold);
        let rows: Vec<Value> = cells
            .into_iter()
            .zip(suppressed)
            .map(|((key, prices), hidden)| {
                let mut row = serde_json::Map::new();
                for (d, value) in dimensions.iter().zip(key) {
                    row.insert(d.name().into(), json!(value));
                }
                if hidden {
                    row.insert("placements".into(), Value::Null);
                    row.insert("suppressed".into(), json!(true));
                } else {
                    row.insert("placements".into(), json!(prices.len()));
                    let mut known: Vec<Decimal> = prices.into_iter().flatten().collect();
                    known.sort();
                    if known.len() as u64 >= threshold.max(1) {
                        row.insert("weeklyPrice".into(), summary(&known));
                    }
                }
                Value::Object(row)
            })
            .collect();
        json!({
            "dimensions": dimensions.iter().map(|d| d.name()).collect::<Vec<_>>(),
            "suppressBelow": threshold,
            "cells": rows,
        })
    }
}

fn summary(sorted: &[Decimal]) -> Value {
    let total: Decimal = sorted.iter().sum();
    let mean = total / Decimal::from(sorted.len());
    json!({
        "currency": "GBP",
        "basis": "perWeek",
        "mean": number(mean),
        "lowerQuartile": number(percentile(sorted, 1, 4)),
        "median": number(percentile(sorted, 1, 2)),
        "upperQuartile": number(percentile(sorted, 3, 4)),
    })
}

fn number(value: Decimal) -> Value {
    value
        .round_dp(2)
        .to_f64()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => n
            .to_string()
            .parse()
            .ok()
            .or_else(|| n.as_f64().and_then(|f| Decimal::try_from(f).ok())),
        _ => None,
    }
}

fn age_band(compiled: &Value) -> String {
    let mut bands: Vec<&str> = compiled["tender"]["referral"]["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["ageBand"].as_str())
        .collect();
    bands.sort_unstable();
    bands.dedup();
    match bands.as_slice() {
        [] => "notStated".into(),
        [one] => (*one).to_owned(),
        _ => "mixed".into(),
    }
}

fn council(compiled: &Value) -> String {
    let Some(buyer) = compiled["buyer"]["id"].as_str() else {
        return "notStated".into();
    };
    compiled["parties"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["id"] == buyer)
        .and_then(|p| p["details"]["gssCode"].as_str())
        .unwrap_or(buyer)
        .to_owned()
}

/// `2025-Q2` for any date-time in April to June 2025, by its calendar date as written.
fn quarter(date: &str) -> Option<String> {
    let year = date.get(0..4)?.parse::<u32>().ok()?;
    let month = date.get(5..7)?.parse::<u32>().ok()?;
    (1..=12)
        .contains(&month)
        .then(|| format!("{year}-Q{}", (month - 1) / 3 + 1))
}

#[cfg(test)]
mod tests;
