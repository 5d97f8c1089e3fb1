//! The questions, each answered as tables, grouped in the sections of the report.

pub mod contracts;
pub mod prices;
pub mod supply;

use serde::Serialize;

use crate::Pool;
use crate::table::Table;

/// A group of related answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// The section's stable name.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// Its tables.
    pub tables: Vec<Table>,
}

fn section(id: &str, title: &str, tables: Vec<Table>) -> Section {
    Section {
        id: id.to_owned(),
        title: title.to_owned(),
        tables,
    }
}

/// Every section, answered from the pool.
pub(crate) fn answer(pool: &Pool, threshold: u64) -> Vec<Section> {
    let placements = &pool.facts.placements;
    let mut premium = prices::referral_time(placements, threshold);
    premium.push(prices::framework_against_spot(placements, threshold));
    let mut over_time = vec![
        contracts::discounts(&pool.facts.agreements, threshold),
        contracts::price_changes(&pool.facts.agreements, threshold),
    ];
    over_time.extend(contracts::frameworks(&pool.facts.admissions));
    let mut supply = supply::referrals(&pool.facts.referrals, threshold);
    supply.extend(supply::distance(placements, threshold));
    supply.extend(supply::market(placements, threshold));
    vec![
        section(
            "prices",
            "Weekly prices",
            prices::distributions(placements, threshold),
        ),
        section(
            "differential-pricing",
            "Differential pricing",
            vec![
                prices::differential(placements, "provider", threshold),
                prices::differential(placements, "setting", threshold),
            ],
        ),
        section(
            "premiums",
            "Premiums: when, how urgent, which route",
            premium,
        ),
        section("agreements", "Discounts, uplifts and frameworks", over_time),
        section("supply", "Supply", supply),
        section(
            "blocks",
            "Block and cost-and-volume contracts",
            contracts::blocks(&pool.facts.blocks),
        ),
        section(
            "stability",
            "Stability and outcomes",
            contracts::stability(placements, &pool.facts.outcomes, threshold),
        ),
    ]
}
