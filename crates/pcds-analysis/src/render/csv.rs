//! Tidy CSV tables: every answer as it appears in the report, and the facts themselves
//! (placements, prices over time, referrals and offers, framework admissions) for a spreadsheet,
//! R, DuckDB or a BI tool.
//!
//! The fact tables carry the pool's own level of detail (one row per child placed, with its
//! age band and level of need): they are for the partnership that holds the data, not for
//! open publication. The answer tables are suppressed like the report.

use std::fmt::Write as _;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use crate::facts::{Facts, uk_local};
use crate::render::cell_text;
use crate::table::Table;
use crate::{Pool, Report};

/// A CSV field: quoted when needed (RFC 4180), and text a spreadsheet would run as a formula
/// (starting `=`, `+`, `-`, `@`, a tab or a carriage return, and not a number) led by `'`.
#[must_use]
pub fn field(text: &str) -> String {
    if pcds::spec::runs_as_formula(text) {
        pcds::spec::csv_field(&format!("'{text}"))
    } else {
        pcds::spec::csv_field(text)
    }
}

fn line(out: &mut String, fields: &[String]) {
    let row: Vec<String> = fields.iter().map(|f| field(f)).collect();
    let _ = writeln!(out, "{}", row.join(","));
}

/// One answer as CSV: its columns, a `suppressed` column, and an `ocids` column (space
/// separated).
#[must_use]
pub fn table(table: &Table) -> String {
    let mut out = String::new();
    let mut header: Vec<String> = table.columns.iter().map(|c| c.id.clone()).collect();
    header.extend(["suppressed".to_owned(), "ocids".to_owned()]);
    line(&mut out, &header);
    for row in &table.rows {
        let mut fields: Vec<String> = table
            .columns
            .iter()
            .map(|c| cell_text(row.values.get(&c.id)))
            .collect();
        fields.push(row.suppressed.to_string());
        fields.push(row.ocids.join(" "));
        line(&mut out, &fields);
    }
    out
}

fn when(moment: Option<pcds::DateTime>) -> String {
    moment
        .map(uk_local)
        .map_or_else(String::new, |t: NaiveDateTime| {
            t.format("%Y-%m-%dT%H:%M:%S").to_string()
        })
}

fn day(moment: Option<pcds::DateTime>) -> String {
    moment.map_or_else(String::new, |t| uk_local(t).date().to_string())
}

fn amount(value: Option<Decimal>) -> String {
    value.map_or_else(String::new, |v| v.normalize().to_string())
}

/// The fact tables, each as a file name and its CSV text.
#[must_use]
pub fn facts(facts: &Facts) -> Vec<(&'static str, String)> {
    let mut placements = String::new();
    line(
        &mut placements,
        &[
            "ocid",
            "council",
            "provider",
            "setting",
            "placementType",
            "ageBand",
            "needLevel",
            "procurementRoute",
            "urgency",
            "referred",
            "startDate",
            "weeklyTotal",
            "coreFee",
            "ofstedJudgement",
            "outOfArea",
            "distanceBand",
            "groupSize",
            "endingReason",
            "endingInitiator",
            "endingPlanned",
            "lengthDays",
        ]
        .map(str::to_owned),
    );
    for p in &facts.placements {
        let ending = p.ending.as_ref();
        line(
            &mut placements,
            &[
                p.ocid.clone(),
                p.council.clone(),
                p.provider.clone(),
                p.setting.clone().unwrap_or_default(),
                p.placement_type.clone(),
                p.age_band.clone(),
                p.need_level.clone(),
                p.route.clone(),
                p.urgency.clone(),
                when(p.referred),
                day(p.start),
                amount(p.weekly_total),
                amount(p.core_fee),
                p.ofsted.clone(),
                p.out_of_area.map(|o| o.to_string()).unwrap_or_default(),
                p.distance_band.clone(),
                p.group_size.to_string(),
                ending.map(|e| e.reason.clone()).unwrap_or_default(),
                ending.map(|e| e.initiated_by.clone()).unwrap_or_default(),
                ending.map(|e| e.planned.to_string()).unwrap_or_default(),
                ending
                    .and_then(|e| e.days)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ],
        );
    }
    let mut prices = String::new();
    line(
        &mut prices,
        &[
            "ocid",
            "council",
            "provider",
            "placementType",
            "effectiveDate",
            "weeklyTotal",
            "coreFee",
            "change",
            "trigger",
            "changePercentage",
        ]
        .map(str::to_owned),
    );
    for a in &facts.agreements {
        for s in &a.steps {
            line(
                &mut prices,
                &[
                    a.ocid.clone(),
                    a.council.clone(),
                    a.provider.clone(),
                    a.placement_type.clone(),
                    day(s.from),
                    amount(Some(s.weekly_total)),
                    amount(s.core_fee),
                    s.change.clone().unwrap_or_default(),
                    s.trigger.clone().unwrap_or_default(),
                    amount(s.change_percentage),
                ],
            );
        }
    }
    let mut offers = String::new();
    line(
        &mut offers,
        &[
            "ocid",
            "council",
            "urgency",
            "placementType",
            "referred",
            "children",
            "providersContacted",
            "offers",
            "refusals",
            "refusalReasons",
            "hoursToOffer",
            "hoursToAward",
        ]
        .map(str::to_owned),
    );
    for r in &facts.referrals {
        line(
            &mut offers,
            &[
                r.ocid.clone(),
                r.council.clone(),
                r.urgency.clone(),
                r.placement_type.clone(),
                when(r.referred),
                r.children.to_string(),
                r.contacted.to_string(),
                r.offers.to_string(),
                r.refusals.to_string(),
                r.refusal_reasons.join(" "),
                amount(r.hours_to_offer),
                amount(r.hours_to_award),
            ],
        );
    }
    let mut admissions = String::new();
    line(
        &mut admissions,
        &[
            "framework",
            "council",
            "provider",
            "status",
            "since",
            "tier",
            "qualityScore",
            "pricePerQualityUnit",
        ]
        .map(str::to_owned),
    );
    for a in &facts.admissions {
        line(
            &mut admissions,
            &[
                a.ocid.clone(),
                a.council.clone(),
                a.provider.clone(),
                a.status.clone(),
                day(a.since),
                a.tier.clone(),
                amount(a.quality_score),
                amount(a.price_per_quality_unit),
            ],
        );
    }
    vec![
        ("placements.csv", placements),
        ("prices.csv", prices),
        ("offers.csv", offers),
        ("admissions.csv", admissions),
    ]
}

/// Every file `--format csv` writes: the fact tables, then one per answer.
#[must_use]
pub fn files(pool: &Pool, report: &Report) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = facts(&pool.facts)
        .into_iter()
        .map(|(name, text)| (name.to_owned(), text))
        .collect();
    for t in report.sections.iter().flat_map(|s| &s.tables) {
        files.push((format!("{}.csv", t.id), table(t)));
    }
    files
}
