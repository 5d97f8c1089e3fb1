//! Supply: who was asked, who offered, how fast, how far, and how concentrated the market is.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::facts::{Placement, Referral};
use crate::questions::prices::percent_of;
use crate::summary::Summary;
use crate::table::{Kind, Row, Table, counted, maybe, number};

fn median(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    let values: Vec<Decimal> = values.collect();
    Summary::of(&values).map(|s| s.median)
}

/// Referrals and their responses, by council and urgency.
pub fn referrals(referrals: &[Referral], threshold: u64) -> Vec<Table> {
    let mut cells: BTreeMap<Vec<String>, Vec<(&str, &Referral)>> = BTreeMap::new();
    for r in referrals {
        cells
            .entry(vec![r.council.clone(), r.urgency.clone()])
            .or_default()
            .push((r.ocid.as_str(), r));
    }
    let table = Table::new(
        "referrals",
        "Providers contacted, offers and refusals per referral, and how fast",
        "Per referral: the providers it was sent to, the offers and refusals that came back, \
         and the hours from the referral going out to the first offer and to the award (medians \
         over referrals).",
    )
    .column(
        "providersContacted",
        "Providers contacted (median)",
        Kind::Number,
    )
    .column("offers", "Offers (median)", Kind::Number)
    .column("refusals", "Refusals (median)", Kind::Number)
    .column(
        "hoursToOffer",
        "Hours to first offer (median)",
        Kind::Number,
    )
    .column("hoursToAward", "Hours to award (median)", Kind::Number)
    .chart("hoursToOffer", None);
    let first = counted(
        table,
        &[("council", "Council"), ("urgency", "Urgency")],
        ("referrals", "Referrals"),
        cells,
        threshold,
        |members, values| {
            let of = |f: fn(&Referral) -> Option<Decimal>| {
                maybe(median(members.iter().filter_map(|(_, r)| f(r))))
            };
            values.insert(
                "providersContacted".into(),
                of(|r| Some(Decimal::from(r.contacted))),
            );
            values.insert("offers".into(), of(|r| Some(Decimal::from(r.offers))));
            values.insert("refusals".into(), of(|r| Some(Decimal::from(r.refusals))));
            values.insert("hoursToOffer".into(), of(|r| r.hours_to_offer));
            values.insert("hoursToAward".into(), of(|r| r.hours_to_award));
        },
    );

    let mut reasons: BTreeMap<String, (u64, Vec<String>)> = BTreeMap::new();
    for r in referrals {
        for reason in &r.refusal_reasons {
            let entry = reasons.entry(reason.clone()).or_default();
            entry.0 += 1;
            entry.1.push(r.ocid.clone());
        }
    }
    let mut refusal = Table::new(
        "refusal-reasons",
        "Why providers refused",
        "Every refusal, by the reason the provider gave. Counts of providers' responses, not of \
         children.",
    )
    .column("reason", "Reason", Kind::Key)
    .column("refusals", "Refusals", Kind::Count)
    .chart("refusals", None);
    for (reason, (n, mut ocids)) in reasons {
        ocids.sort();
        ocids.dedup();
        let mut values = serde_json::Map::new();
        values.insert("reason".into(), Value::String(reason));
        values.insert("refusals".into(), Value::from(n));
        refusal.rows.push(Row {
            values,
            suppressed: false,
            ocids,
        });
    }
    vec![first, refusal]
}

/// Out-of-area placements and distance bands, by council.
pub fn distance(placements: &[Placement], threshold: u64) -> Vec<Table> {
    let mut by_council: BTreeMap<Vec<String>, Vec<(&str, &Placement)>> = BTreeMap::new();
    let mut bands: BTreeMap<Vec<String>, Vec<(&str, &Placement)>> = BTreeMap::new();
    for p in placements {
        by_council
            .entry(vec![p.council.clone()])
            .or_default()
            .push((p.ocid.as_str(), p));
        bands
            .entry(vec![p.council.clone(), p.distance_band.clone()])
            .or_default()
            .push((p.ocid.as_str(), p));
    }
    let out = counted(
        Table::new(
            "out-of-area",
            "Children placed outside their council's area",
            "The share of children whose placement is outside the placing council's area, of \
             those whose agreement says.",
        )
        .column("outOfAreaPercentage", "Out of area %", Kind::Percent)
        .chart("outOfAreaPercentage", None),
        &[("council", "Council")],
        ("children", "Children"),
        by_council,
        threshold,
        |members, values| {
            let known: Vec<bool> = members.iter().filter_map(|(_, p)| p.out_of_area).collect();
            let out = known.iter().filter(|o| **o).count();
            values.insert(
                "outOfAreaPercentage".into(),
                maybe(percent_of(Decimal::from(out), Decimal::from(known.len()))),
            );
        },
    );
    let band = counted(
        Table::new(
            "distance-bands",
            "How far from home children are placed",
            "Children by the distance band of their placement, per council.",
        )
        .chart("children", None),
        &[("council", "Council"), ("distanceBand", "Distance band")],
        ("children", "Children"),
        bands,
        threshold,
        |_, _| {},
    );
    vec![out, band]
}

/// Each provider's share of the children placed, per council and across the pool, and the
/// Herfindahl-Hirschman index of concentration.
pub fn market(placements: &[Placement], threshold: u64) -> Vec<Table> {
    let mut shares: BTreeMap<Vec<String>, Vec<(&str, &Placement)>> = BTreeMap::new();
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_council: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for p in placements {
        for council in [p.council.as_str(), ALL] {
            shares
                .entry(vec![council.to_owned(), p.provider.clone()])
                .or_default()
                .push((p.ocid.as_str(), p));
            *totals.entry(council.to_owned()).or_default() += 1;
            *per_council
                .entry(council.to_owned())
                .or_default()
                .entry(p.provider.clone())
                .or_default() += 1;
        }
    }
    let mut share = counted(
        Table::new(
            "market-share",
            "Providers' share of children placed",
            "Children placed with each provider, as a share of the council's children (and of \
             the whole pool, council `all`).",
        )
        .column("sharePercentage", "Share %", Kind::Percent)
        .chart("sharePercentage", None),
        &[("council", "Council"), ("provider", "Provider")],
        ("children", "Children"),
        shares,
        threshold,
        |_, _| {},
    );
    // A share is of the row's council (or the pool's) total.
    for row in &mut share.rows {
        if row.suppressed {
            continue;
        }
        let council = row.values["council"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let n = row.values["children"].as_u64().unwrap_or(0);
        let total = totals.get(&council).copied().unwrap_or(0);
        row.values.insert(
            "sharePercentage".into(),
            maybe(percent_of(Decimal::from(n), Decimal::from(total))),
        );
    }
    let mut hhi = Table::new(
        "market-concentration",
        "How concentrated each council's market is",
        "The Herfindahl-Hirschman index: the sum of the squares of every provider's percentage \
         share of the children placed, from near 0 (many small providers) to 10,000 (one \
         provider). Above 2,500 is commonly read as highly concentrated.",
    )
    .column("council", "Council", Kind::Key)
    .column("children", "Children", Kind::Count)
    .column("providers", "Providers", Kind::Count)
    .column("hhi", "HHI", Kind::Number)
    .chart("hhi", None);
    for (council, providers) in per_council {
        let total = totals.get(&council).copied().unwrap_or(0);
        let mut values = serde_json::Map::new();
        values.insert("council".into(), Value::String(council.clone()));
        if total < threshold {
            hhi.rows.push(Row {
                values,
                suppressed: true,
                ocids: Vec::new(),
            });
            continue;
        }
        let index: Decimal = providers
            .values()
            .map(|n| {
                let share = Decimal::from(*n) * Decimal::ONE_HUNDRED / Decimal::from(total);
                share * share
            })
            .sum();
        values.insert("children".into(), Value::from(total));
        values.insert("providers".into(), Value::from(providers.len()));
        values.insert("hhi".into(), number(index.round_dp(0)));
        let mut ocids: Vec<String> = placements
            .iter()
            .filter(|p| council == ALL || p.council == council)
            .map(|p| p.ocid.clone())
            .collect();
        ocids.sort();
        ocids.dedup();
        hhi.rows.push(Row {
            values,
            suppressed: false,
            ocids,
        });
    }
    vec![share, hhi]
}

/// The key standing for the whole pool in per-council tables.
pub const ALL: &str = "all";
