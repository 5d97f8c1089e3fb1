//! Agreements over time and the contracts around them: discounts, uplifts, framework standing
//! and quality, block contracts, and how placements end.

use std::collections::BTreeMap;

use chrono::Datelike;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::facts::{
    Admission, Agreement, BlockPeriod, Outcome, Placement, is_price_change, uk_local,
};
use crate::questions::prices::percent_of;
use crate::summary::Summary;
use crate::table::{Kind, Row, Table, counted, maybe};

fn date(value: Option<pcds::DateTime>) -> Value {
    value.map_or(Value::Null, |d| {
        Value::String(uk_local(d).date().to_string())
    })
}

/// Discounts committed in agreements against discounts applied in a price in force, by
/// provider.
pub fn discounts(agreements: &[Agreement], threshold: u64) -> Table {
    let mut cells: BTreeMap<Vec<String>, Vec<(&str, &Agreement)>> = BTreeMap::new();
    for a in agreements
        .iter()
        .filter(|a| !a.committed_discounts.is_empty())
    {
        cells
            .entry(vec![a.provider.clone()])
            .or_default()
            .push((a.ocid.as_str(), a));
    }
    counted(
        Table::new(
            "discounts",
            "Discounts committed against discounts applied",
            "Per provider, over agreements that commit to a discount: the discounts committed, \
             those applied in a price in force at any time (the starting price or a fee change \
             naming the discount), and the share applied.",
        )
        .column("committed", "Discounts committed", Kind::Count)
        .column("applied", "Discounts applied", Kind::Count)
        .column("appliedPercentage", "Applied %", Kind::Percent)
        .chart("appliedPercentage", None),
        &[("provider", "Provider")],
        ("agreements", "Agreements"),
        cells,
        threshold,
        |members, values| {
            let committed: usize = members
                .iter()
                .map(|(_, a)| a.committed_discounts.len())
                .sum();
            let applied: usize = members
                .iter()
                .map(|(_, a)| {
                    a.committed_discounts
                        .iter()
                        .filter(|id| a.applied_discounts.contains(id))
                        .count()
                })
                .sum();
            values.insert("committed".into(), Value::from(committed));
            values.insert("applied".into(), Value::from(applied));
            values.insert(
                "appliedPercentage".into(),
                maybe(percent_of(Decimal::from(applied), Decimal::from(committed))),
            );
        },
    )
}

/// Fee changes by the year they took effect and their type: how much prices moved.
pub fn price_changes(agreements: &[Agreement], threshold: u64) -> Table {
    let mut cells: BTreeMap<Vec<String>, Vec<(&str, Decimal)>> = BTreeMap::new();
    for a in agreements {
        for step in &a.steps {
            let (Some(change), Some(from), Some(percentage)) =
                (&step.change, step.from, step.change_percentage)
            else {
                continue;
            };
            let kind = if is_price_change(change) {
                change.clone()
            } else {
                format!(
                    "{change} ({})",
                    step.trigger.as_deref().unwrap_or("notStated")
                )
            };
            cells
                .entry(vec![uk_local(from).year().to_string(), kind])
                .or_default()
                .push((a.ocid.as_str(), percentage));
        }
    }
    counted(
        Table::new(
            "price-changes",
            "Price changes over time",
            "Every fee change by the year it took effect and its type (uplift, reduction, a \
             discount starting): the change in the weekly total as a percentage of the total \
             before it.",
        )
        .column("medianPercentage", "Median change %", Kind::Percent)
        .column("lowerQuartilePercentage", "Lower quartile %", Kind::Percent)
        .column("upperQuartilePercentage", "Upper quartile %", Kind::Percent)
        .chart(
            "medianPercentage",
            Some(("lowerQuartilePercentage", "upperQuartilePercentage")),
        ),
        &[("year", "Year effective"), ("change", "Change")],
        ("changes", "Fee changes"),
        cells,
        threshold,
        |members, values| {
            let changes: Vec<Decimal> = members.iter().map(|(_, p)| *p).collect();
            let summary = Summary::of(&changes);
            values.insert(
                "medianPercentage".into(),
                maybe(summary.as_ref().map(|s| s.median)),
            );
            values.insert(
                "lowerQuartilePercentage".into(),
                maybe(summary.as_ref().map(|s| s.lower_quartile)),
            );
            values.insert(
                "upperQuartilePercentage".into(),
                maybe(summary.as_ref().map(|s| s.upper_quartile)),
            );
        },
    )
}

/// Framework admissions: tiers, quality and price per unit of quality, and who is suspended or
/// excluded since when. About providers, not children: nothing is suppressed.
pub fn frameworks(admissions: &[Admission]) -> Vec<Table> {
    let mut quality = Table::new(
        "framework-quality",
        "Price per unit of quality on frameworks",
        "Each provider admitted to a framework or DPS: its tier, its quality score and its \
         evaluated weekly price divided by that score, as the framework published them.",
    )
    .column("framework", "Framework", Kind::Key)
    .column("provider", "Provider", Kind::Key)
    .column("tier", "Tier", Kind::Key)
    .column("status", "Standing", Kind::Key)
    .column("qualityScore", "Quality score", Kind::Number)
    .column(
        "pricePerQualityUnit",
        "Price per unit of quality",
        Kind::Money,
    )
    .chart("pricePerQualityUnit", None);
    let mut standing = Table::new(
        "framework-suspensions",
        "Providers suspended or excluded from frameworks",
        "Every admission whose standing now is suspended or excluded, and since when (the \
         latest change to that standing for the whole provider).",
    )
    .column("framework", "Framework", Kind::Key)
    .column("provider", "Provider", Kind::Key)
    .column("status", "Standing", Kind::Key)
    .column("since", "Since", Kind::Date);
    for a in admissions {
        let mut values = serde_json::Map::new();
        values.insert("framework".into(), Value::String(a.ocid.clone()));
        values.insert(
            "provider".into(),
            Value::String(
                a.provider_name
                    .clone()
                    .unwrap_or_else(|| a.provider.clone()),
            ),
        );
        values.insert("status".into(), Value::String(a.status.clone()));
        if a.since.is_some() {
            let mut row = values.clone();
            row.insert("since".into(), date(a.since));
            standing.rows.push(Row {
                values: row,
                suppressed: false,
                ocids: vec![a.ocid.clone()],
            });
        }
        values.insert("tier".into(), Value::String(a.tier.clone()));
        values.insert("qualityScore".into(), maybe(a.quality_score));
        values.insert(
            "pricePerQualityUnit".into(),
            maybe(a.price_per_quality_unit),
        );
        quality.rows.push(Row {
            values,
            suppressed: false,
            ocids: vec![a.ocid.clone()],
        });
    }
    vec![quality, standing]
}

/// Block and cost-and-volume contracts: occupancy and the cost of voids, period by period.
/// About places, not children: nothing is suppressed.
pub fn blocks(periods: &[BlockPeriod]) -> Vec<Table> {
    let mut occupancy = Table::new(
        "block-occupancy",
        "How full block contracts are",
        "Each period a block or cost-and-volume contract reports: the places reserved, the \
         places filled throughout, and the share filled.",
    )
    .column("contract", "Contract", Kind::Key)
    .column("provider", "Provider", Kind::Key)
    .column("from", "From", Kind::Date)
    .column("to", "To", Kind::Date)
    .column("reserved", "Places reserved", Kind::Count)
    .column("filled", "Places filled", Kind::Count)
    .column("occupancyPercentage", "Occupancy %", Kind::Percent)
    .chart("occupancyPercentage", None);
    let mut voids = Table::new(
        "block-voids",
        "What empty places cost",
        "Each void of a block contract: the places empty, from the first empty day to the last, \
         and what the council paid for them under the contract's void terms (the standard's \
         void cost rule).",
    )
    .column("contract", "Contract", Kind::Key)
    .column("provider", "Provider", Kind::Key)
    .column("from", "From", Kind::Date)
    .column("to", "To", Kind::Date)
    .column("empty", "Places empty", Kind::Count)
    .column("voidCost", "Void cost £", Kind::Money)
    .chart("voidCost", None);
    for b in periods {
        let mut values = serde_json::Map::new();
        values.insert(
            "contract".into(),
            Value::String(format!("{}/{}", b.ocid, b.contract)),
        );
        values.insert("provider".into(), Value::String(b.provider.clone()));
        values.insert("from".into(), date(b.from));
        values.insert("to".into(), date(b.to));
        let row = |values| Row {
            values,
            suppressed: false,
            ocids: vec![b.ocid.clone()],
        };
        if let Some(filled) = b.filled {
            values.insert("reserved".into(), Value::from(b.reserved));
            values.insert("filled".into(), Value::from(filled));
            values.insert(
                "occupancyPercentage".into(),
                maybe(percent_of(Decimal::from(filled), Decimal::from(b.reserved))),
            );
            occupancy.rows.push(row(values));
        } else if let Some(empty) = b.empty {
            values.insert("empty".into(), Value::from(empty));
            values.insert("voidCost".into(), maybe(b.void_cost));
            voids.rows.push(row(values));
        }
    }
    vec![occupancy, voids]
}

/// How placements end: by reason, by who ended them, by provider; how long they last; and the
/// outcomes measured per provider.
pub fn stability(placements: &[Placement], outcomes: &[Outcome], threshold: u64) -> Vec<Table> {
    let ended: Vec<&Placement> = placements.iter().filter(|p| p.ending.is_some()).collect();
    let by =
        |name: &str, title: &str, id: &str, key: fn(&Placement) -> String| {
            let mut cells: BTreeMap<Vec<String>, Vec<(&str, &Placement)>> = BTreeMap::new();
            for p in &ended {
                cells
                    .entry(vec![key(p)])
                    .or_default()
                    .push((p.ocid.as_str(), p));
            }
            counted(
            Table::new(
                &format!("endings-by-{id}"),
                &format!("Placements ended, by {title}"),
                "Children whose placement has ended, the share of endings that were planned, and \
                 the median length of those placements in days (first to last day).",
            )
            .column("plannedPercentage", "Planned %", Kind::Percent)
            .column("medianDays", "Median length (days)", Kind::Number)
            .chart("children", None),
            &[(id, name)],
            ("children", "Children"),
            cells,
            threshold,
            |members, values| {
                let planned = members
                    .iter()
                    .filter(|(_, p)| p.ending.as_ref().is_some_and(|e| e.planned))
                    .count();
                values.insert(
                    "plannedPercentage".into(),
                    maybe(percent_of(Decimal::from(planned), Decimal::from(members.len()))),
                );
                let days: Vec<Decimal> = members
                    .iter()
                    .filter_map(|(_, p)| p.ending.as_ref()?.days.map(Decimal::from))
                    .collect();
                values.insert("medianDays".into(), maybe(Summary::of(&days).map(|s| s.median)));
            },
        )
        };
    let reason = by("Reason", "reason", "reason", |p| {
        p.ending
            .as_ref()
            .map(|e| e.reason.clone())
            .unwrap_or_default()
    });
    let initiator = by("Ended by", "who ended them", "initiator", |p| {
        p.ending
            .as_ref()
            .map(|e| e.initiated_by.clone())
            .unwrap_or_default()
    });
    let provider = by("Provider", "provider", "provider", |p| p.provider.clone());
    let length = by("Placement type", "placement type", "placementType", |p| {
        p.placement_type.clone()
    });

    let mut cells: BTreeMap<Vec<String>, Vec<(&str, Decimal)>> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| !o.baseline) {
        cells
            .entry(vec![o.provider.clone(), o.indicator.clone()])
            .or_default()
            .push((o.ocid.as_str(), o.value));
    }
    let measured = counted(
        Table::new(
            "outcomes-by-provider",
            "Outcomes measured, by provider",
            "Outcome measures (baselines left out) per provider and indicator: how many, and \
             their median in the indicator's unit.",
        )
        .column("median", "Median value", Kind::Number)
        .chart("median", None),
        &[("provider", "Provider"), ("indicator", "Indicator")],
        ("measures", "Measures"),
        cells,
        threshold,
        |members, values| {
            let v: Vec<Decimal> = members.iter().map(|(_, v)| *v).collect();
            values.insert("median".into(), maybe(Summary::of(&v).map(|s| s.median)));
        },
    );
    vec![reason, initiator, provider, length, measured]
}
