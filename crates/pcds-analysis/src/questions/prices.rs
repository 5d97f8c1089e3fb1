//! Prices: distributions, differential pricing, the time-of-referral premium, framework against
//! spot, and Ofsted judgement against price.

use std::collections::BTreeMap;

use chrono::{Datelike, Timelike, Weekday};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::facts::{NOT_STATED, Placement, is_framework_route, uk_local};
use crate::summary::{Summary, pence};
use crate::table::{Cell, Kind, Row, Table, distribution, number};

/// The dimensions prices are broken down by, one table each.
const DIMENSIONS: [(&str, &str); 9] = [
    ("placementType", "Placement type"),
    ("ageBand", "Age band"),
    ("needLevel", "Level of need"),
    ("council", "Council"),
    ("provider", "Provider"),
    ("setting", "Setting"),
    ("procurementRoute", "Procurement route"),
    ("quarter", "Quarter started"),
    ("ofstedJudgement", "Ofsted judgement"),
];

fn key(p: &Placement, dimension: &str) -> String {
    match dimension {
        "placementType" => p.placement_type.clone(),
        "ageBand" => p.age_band.clone(),
        "needLevel" => p.need_level.clone(),
        "council" => p.council.clone(),
        "provider" => p.provider.clone(),
        "setting" => p.setting.clone().unwrap_or_else(|| NOT_STATED.to_owned()),
        "procurementRoute" => p.route.clone(),
        "quarter" => quarter(p),
        "ofstedJudgement" => p.ofsted.clone(),
        _ => NOT_STATED.to_owned(),
    }
}

/// `2025-Q2` for a placement that started in April to June 2025 (UK time).
pub fn quarter(p: &Placement) -> String {
    p.start.map_or_else(
        || NOT_STATED.to_owned(),
        |s| {
            let local = uk_local(s);
            format!("{}-Q{}", local.year(), (local.month() - 1) / 3 + 1)
        },
    )
}

/// Like placements: the same type, age band and level of need.
fn like(p: &Placement) -> Vec<String> {
    vec![
        p.placement_type.clone(),
        p.age_band.clone(),
        p.need_level.clone(),
    ]
}

const LIKE: [(&str, &str); 3] = [
    ("placementType", "Placement type"),
    ("ageBand", "Age band"),
    ("needLevel", "Level of need"),
];

/// One weekly price distribution per dimension.
pub fn distributions(placements: &[Placement], threshold: u64) -> Vec<Table> {
    DIMENSIONS
        .iter()
        .map(|(id, title)| {
            let mut cells: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
            for p in placements {
                cells
                    .entry(vec![key(p, id)])
                    .or_default()
                    .add(&p.ocid, p.weekly_total, p.core_fee);
            }
            distribution(
                Table::new(
                    &format!("prices-by-{id}"),
                    &format!("Weekly price by {}", title.to_lowercase()),
                    "Each child's weekly price in force on the day the placement started (a sibling \
                     group's price shared between its children), core fee and total apart.",
                ),
                &[(id, title)],
                cells,
                threshold,
            )
        })
        .collect()
}

/// The same provider (or setting) charging different councils for like placements started in
/// the same quarter.
pub fn differential(placements: &[Placement], by: &str, threshold: u64) -> Table {
    let title = if by == "setting" {
        "Setting"
    } else {
        "Provider"
    };
    let mut groups: BTreeMap<Vec<String>, BTreeMap<String, Cell>> = BTreeMap::new();
    for p in placements.iter().filter(|p| p.weekly_total.is_some()) {
        let mut group = vec![key(p, by)];
        group.extend(like(p));
        group.push(quarter(p));
        groups
            .entry(group)
            .or_default()
            .entry(p.council.clone())
            .or_default()
            .add(&p.ocid, p.weekly_total, p.core_fee);
    }
    let mut table = Table::new(
        &format!("differential-pricing-by-{by}"),
        &format!(
            "The same {} charging councils differently",
            title.to_lowercase()
        ),
        "For like placements (same type, age band and level of need, started in the same \
         quarter), each council's median weekly total; the spread is the highest median less the \
         lowest, and as a percentage of the lowest. Councils with fewer children than the \
         threshold are left out; a group needs two councils left to compare.",
    )
    .column(by, title, Kind::Key);
    for (id, title) in LIKE {
        table = table.column(id, title, Kind::Key);
    }
    table = table
        .column("quarter", "Quarter started", Kind::Key)
        .column("councils", "Councils compared", Kind::Count)
        .column("lowestCouncil", "Lowest-charged council", Kind::Key)
        .column("lowestMedian", "Its median weekly total", Kind::Money)
        .column("lowestChildren", "Its children", Kind::Count)
        .column("highestCouncil", "Highest-charged council", Kind::Key)
        .column("highestMedian", "Its median weekly total", Kind::Money)
        .column("highestChildren", "Its children", Kind::Count)
        .column("spread", "Spread £/week", Kind::Money)
        .column("spreadPercentage", "Spread %", Kind::Percent)
        .chart("spreadPercentage", None);
    for (group, councils) in groups {
        let visible: Vec<(String, Summary, &Cell)> = councils
            .iter()
            .filter(|(_, cell)| cell.n >= threshold)
            .filter_map(|(council, cell)| Some((council.clone(), Summary::of(&cell.totals)?, cell)))
            .collect();
        if visible.len() < 2 {
            continue;
        }
        let lowest = visible
            .iter()
            .min_by_key(|(_, s, _)| s.median)
            .expect("two councils");
        let highest = visible
            .iter()
            .max_by_key(|(_, s, _)| s.median)
            .expect("two councils");
        let spread = highest.1.median - lowest.1.median;
        let mut values = serde_json::Map::new();
        let names = [by, "placementType", "ageBand", "needLevel", "quarter"];
        for (name, part) in names.iter().zip(group) {
            values.insert((*name).to_owned(), Value::String(part));
        }
        values.insert("councils".into(), Value::from(visible.len()));
        values.insert("lowestCouncil".into(), Value::String(lowest.0.clone()));
        values.insert("lowestMedian".into(), number(lowest.1.median));
        values.insert("lowestChildren".into(), Value::from(lowest.2.n));
        values.insert("highestCouncil".into(), Value::String(highest.0.clone()));
        values.insert("highestMedian".into(), number(highest.1.median));
        values.insert("highestChildren".into(), Value::from(highest.2.n));
        values.insert("spread".into(), number(spread));
        values.insert(
            "spreadPercentage".into(),
            crate::table::maybe(percent_of(spread, lowest.1.median)),
        );
        let mut ocids: Vec<String> = visible
            .iter()
            .flat_map(|(_, _, c)| c.ocids.iter().cloned())
            .collect();
        ocids.sort();
        ocids.dedup();
        table.rows.push(Row {
            values,
            suppressed: false,
            ocids,
        });
    }
    table
}

/// `part` as a percentage of `whole`, to two decimal places.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| pence(part * Decimal::ONE_HUNDRED / whole))
}

/// The hour band of a UK local time.
pub fn hour_band(hour: u32) -> &'static str {
    match hour {
        0..=8 => "00:00-08:59",
        9..=11 => "09:00-11:59",
        12..=16 => "12:00-16:59",
        _ => "17:00-23:59",
    }
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "1 Monday",
        Weekday::Tue => "2 Tuesday",
        Weekday::Wed => "3 Wednesday",
        Weekday::Thu => "4 Thursday",
        Weekday::Fri => "5 Friday",
        Weekday::Sat => "6 Saturday",
        Weekday::Sun => "7 Sunday",
    }
}

/// Prices by the weekday and hour band the referral went out, and by urgency, and the Friday
/// afternoon premium for like placements.
pub fn referral_time(placements: &[Placement], threshold: u64) -> Vec<Table> {
    let mut by_time: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
    let mut by_urgency: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
    let mut premium: BTreeMap<Vec<String>, [Cell; 2]> = BTreeMap::new();
    for p in placements {
        by_urgency
            .entry(vec![p.placement_type.clone(), p.urgency.clone()])
            .or_default()
            .add(&p.ocid, p.weekly_total, p.core_fee);
        let Some(referred) = p.referred else { continue };
        let local = uk_local(referred);
        by_time
            .entry(vec![
                weekday(local.weekday()).to_owned(),
                hour_band(local.hour()).to_owned(),
            ])
            .or_default()
            .add(&p.ocid, p.weekly_total, p.core_fee);
        let side = match local.weekday() {
            Weekday::Fri if local.hour() >= 12 => 0,
            Weekday::Mon | Weekday::Tue | Weekday::Wed | Weekday::Thu => 1,
            _ => continue,
        };
        premium.entry(like(p)).or_default()[side].add(&p.ocid, p.weekly_total, p.core_fee);
    }
    let time = distribution(
        Table::new(
            "prices-by-referral-time",
            "Weekly price by when the referral went out",
            "The weekday and hour band of the referral in UK local time (GMT or BST), and the \
             weekly price in force when the placement started.",
        ),
        &[("weekday", "Weekday"), ("hourBand", "Hour band (UK time)")],
        by_time,
        threshold,
    );
    let urgency = distribution(
        Table::new(
            "prices-by-urgency",
            "Weekly price by urgency",
            "The referral's urgency, within each placement type.",
        ),
        &[("placementType", "Placement type"), ("urgency", "Urgency")],
        by_urgency,
        threshold,
    );
    let table = compare(
        Table::new(
            "friday-afternoon-premium",
            "What a Friday afternoon referral costs",
            "For like placements (same type, age band and level of need): the median weekly total of \
             placements referred on a Friday from 12:00 UK time, against those referred Monday to \
             Thursday; the premium is the difference as a percentage of the Monday-to-Thursday \
             median. Both sides need at least the threshold of children.",
        ),
        premium,
        [
            ("fridayAfternoon", "Friday afternoon"),
            ("mondayToThursday", "Monday to Thursday"),
        ],
        ("premiumPercentage", "Premium %"),
        threshold,
    );
    vec![time, urgency, table]
}

/// Framework or DPS prices against spot prices for like placements.
pub fn framework_against_spot(placements: &[Placement], threshold: u64) -> Table {
    let mut groups: BTreeMap<Vec<String>, [Cell; 2]> = BTreeMap::new();
    for p in placements {
        let side = if is_framework_route(&p.route) {
            0
        } else if p.route == "spotPurchase" {
            1
        } else {
            continue;
        };
        groups.entry(like(p)).or_default()[side].add(&p.ocid, p.weekly_total, p.core_fee);
    }
    compare(
        Table::new(
            "framework-against-spot",
            "Framework and DPS prices against spot purchases",
            "For like placements (same type, age band and level of need): the median weekly total \
             of placements called off a framework, DPS or other arrangement, against spot purchases; \
             the difference is the framework median less the spot median, as a percentage of the \
             spot median.",
        ),
        groups,
        [("framework", "Framework or DPS"), ("spot", "Spot")],
        ("differencePercentage", "Difference %"),
        threshold,
    )
}

/// Two sides of like placements compared: per group, each side's children and median weekly
/// total, and the first side's median less the second's as a percentage of the second's. A group
/// where either side has fewer children with a price than the threshold is shown suppressed.
fn compare(
    mut table: Table,
    groups: BTreeMap<Vec<String>, [Cell; 2]>,
    sides: [(&str, &str); 2],
    difference: (&str, &str),
    threshold: u64,
) -> Table {
    for (id, title) in LIKE {
        table = table.column(id, title, Kind::Key);
    }
    for (id, title) in sides {
        table = table
            .column(
                &format!("{id}Children"),
                &format!("{title}: children"),
                Kind::Count,
            )
            .column(
                &format!("{id}Median"),
                &format!("{title}: median"),
                Kind::Money,
            );
    }
    table = table
        .column(difference.0, difference.1, Kind::Percent)
        .chart(difference.0, None);
    let visible = |cell: &Cell| {
        (cell.totals.len() as u64 >= threshold.max(1))
            .then(|| Summary::of(&cell.totals))
            .flatten()
    };
    for (group, cells) in groups {
        let mut values = serde_json::Map::new();
        for ((id, _), part) in LIKE.iter().zip(group) {
            values.insert((*id).to_owned(), Value::String(part));
        }
        let (Some(first), Some(second)) = (visible(&cells[0]), visible(&cells[1])) else {
            table.rows.push(Row {
                values,
                suppressed: true,
                ocids: Vec::new(),
            });
            continue;
        };
        for ((id, _), (cell, summary)) in sides
            .iter()
            .zip([(&cells[0], &first), (&cells[1], &second)])
        {
            values.insert(format!("{id}Children"), Value::from(cell.n));
            values.insert(format!("{id}Median"), number(summary.median));
        }
        values.insert(
            difference.0.to_owned(),
            crate::table::maybe(percent_of(first.median - second.median, second.median)),
        );
        table.rows.push(Row {
            values,
            suppressed: false,
            ocids: cells[0].ocids.union(&cells[1].ocids).cloned().collect(),
        });
    }
    table
}
