//! Planted effects: synthetic pools built here, each with a number the report must give exactly.

use serde_json::{Value, json};

use crate::{Options, Pool, QuoteRequest, Report};

/// What one synthetic placement process looks like.
#[derive(Clone)]
struct Plant {
    council: &'static str,
    provider: &'static str,
    setting: &'static str,
    placement_type: &'static str,
    age_band: &'static str,
    need_level: &'static str,
    route: &'static str,
    urgency: &'static str,
    referred: &'static str,
    start: &'static str,
    weekly_total: u32,
    core_fee: u32,
    children: usize,
    per_group: bool,
    amendments: Value,
    discounts: Value,
    ending: Value,
}

impl Default for Plant {
    fn default() -> Self {
        Plant {
            council: "E06000018",
            provider: "GB-COH-00000001",
            setting: "SC100001",
            placement_type: "childrensHome",
            age_band: "10to15",
            need_level: "complex",
            route: "spotPurchase",
            urgency: "planned",
            // A Tuesday morning in BST.
            referred: "2025-06-10T09:30:00+01:00",
            start: "2025-06-16T00:00:00+01:00",
            weekly_total: 4000,
            core_fee: 4000,
            children: 1,
            per_group: false,
            amendments: json!([]),
            discounts: json!([]),
            ending: Value::Null,
        }
    }
}

fn release(n: usize, plant: &Plant) -> pcds::Release {
    let keys: Vec<String> = (1..=plant.children).map(|i| format!("child-{i}")).collect();
    let children: Vec<Value> = keys
        .iter()
        .map(|k| json!({"key": k, "ageBand": plant.age_band, "needLevel": plant.need_level}))
        .collect();
    let mut placement = json!({
        "placementType": plant.placement_type,
        "procurementRoute": plant.route,
        "needLevel": plant.need_level,
        "childKeys": keys,
        "settingId": plant.setting,
        "outOfArea": n.is_multiple_of(2),
        "weeklyPrice": {
            "coreFee": {"value": {"amount": plant.core_fee, "currency": "GBP"}, "basis": "perWeek"},
            "additionalServices": if plant.weekly_total > plant.core_fee {
                json!([{"service": "oneToOne", "price": {"value": {"amount": plant.weekly_total - plant.core_fee, "currency": "GBP"}, "basis": "perWeek"}}])
            } else { json!([]) },
            "weeklyTotal": {"amount": plant.weekly_total, "currency": "GBP"}
        },
        "discounts": plant.discounts,
    });
    if plant.per_group {
        placement["priceUnit"] = json!("perGroup");
    }
    let mut contract = json!({
        "id": "c1", "awardID": "a1", "agreementType": "individualPlacementAgreement",
        "period": {"startDate": plant.start},
        "placement": placement,
        "amendments": plant.amendments,
    });
    if !plant.ending.is_null() {
        contract["ending"] = plant.ending.clone();
    }
    let value = json!({
        "ocid": format!("ocds-pcdsex-t-{n:05}"),
        "id": format!("ocds-pcdsex-t-{n:05}-01"),
        "date": plant.start,
        "tag": ["tender", "award", "contract"],
        "initiationType": "tender",
        "processType": "placement",
        "parties": [
            {"id": "buyer", "name": "A council", "roles": ["buyer"], "details": {"gssCode": plant.council}},
            {"id": plant.provider, "name": "A provider", "roles": ["supplier", "tenderer"]}
        ],
        "buyer": {"id": "buyer"},
        "settings": [{"id": plant.setting, "providerId": plant.provider, "settingType": "childrensHome",
            "inspections": [{"date": "2024-01-10T00:00:00Z", "judgement": "good"}]}],
        "tender": {
            "id": "t1",
            "tenderPeriod": {"startDate": plant.referred},
            "providersContacted": [
                {"id": "p1", "provider": {"id": plant.provider}, "date": plant.referred}
            ],
            "referral": {
                "urgency": plant.urgency,
                "placementTypesSought": [plant.placement_type],
                "requestedStartDate": plant.start,
                "children": children,
                "homeCouncil": plant.council
            }
        },
        "awards": [{"id": "a1", "suppliers": [{"id": plant.provider}], "date": plant.start}],
        "contracts": [contract]
    });
    serde_json::from_value(value).expect("a synthetic release reads")
}

fn pool(plants: &[(usize, Plant)]) -> Pool {
    let mut pool = Pool::new(Options::default());
    let mut n = 0;
    for (count, plant) in plants {
        for _ in 0..*count {
            n += 1;
            pool.add(&release(n, plant));
        }
    }
    pool
}

fn value<'a>(report: &'a Report, table: &str, keys: &[&str], column: &str) -> &'a Value {
    let table = report
        .table(table)
        .unwrap_or_else(|| panic!("no table {table}"));
    let row = table
        .row(keys)
        .unwrap_or_else(|| panic!("no row {keys:?} in {}: {:#?}", table.id, table.rows));
    row.values.get(column).unwrap_or(&Value::Null)
}

#[test]
fn a_friday_afternoon_premium_is_measured_against_monday_to_thursday() {
    let friday = Plant {
        // Friday 13 June 2025, 14:00 BST, written in UTC.
        referred: "2025-06-13T13:00:00Z",
        weekly_total: 4400,
        core_fee: 4400,
        ..Plant::default()
    };
    let report = pool(&[(10, Plant::default()), (10, friday)]).report();
    let keys = ["childrensHome", "10to15", "complex"];
    assert_eq!(
        value(
            &report,
            "friday-afternoon-premium",
            &keys,
            "premiumPercentage"
        ),
        &json!(10.0)
    );
    assert_eq!(
        value(
            &report,
            "friday-afternoon-premium",
            &keys,
            "fridayAfternoonMedian"
        ),
        &json!(4400.0)
    );
    assert_eq!(
        value(
            &report,
            "friday-afternoon-premium",
            &keys,
            "mondayToThursdayChildren"
        ),
        &json!(10)
    );
    assert_eq!(
        value(
            &report,
            "prices-by-referral-time",
            &["5 Friday", "12:00-16:59"],
            "totalMedian"
        ),
        &json!(4400.0)
    );
}

#[test]
fn a_setting_charging_two_councils_differently_shows_its_spread() {
    let other = Plant {
        council: "E06000019",
        weekly_total: 4500,
        core_fee: 4500,
        ..Plant::default()
    };
    let report = pool(&[(10, Plant::default()), (10, other)]).report();
    let keys = ["SC100001", "childrensHome", "10to15", "complex", "2025-Q2"];
    let table = "differential-pricing-by-setting";
    assert_eq!(value(&report, table, &keys, "spread"), &json!(500.0));
    assert_eq!(
        value(&report, table, &keys, "spreadPercentage"),
        &json!(12.5)
    );
    assert_eq!(
        value(&report, table, &keys, "lowestCouncil"),
        &json!("E06000018")
    );
    assert_eq!(
        value(&report, table, &keys, "highestCouncil"),
        &json!("E06000019")
    );
    let row = report
        .table(table)
        .and_then(|t| t.row(&keys))
        .expect("a row");
    assert_eq!(
        row.ocids.len(),
        20,
        "every process behind the row is listed"
    );
}

#[test]
fn a_sibling_group_counts_each_child_at_its_share() {
    let siblings = Plant {
        placement_type: "fosterCare",
        age_band: "1to4",
        need_level: "standard",
        weekly_total: 3000,
        core_fee: 3000,
        children: 3,
        per_group: true,
        ..Plant::default()
    };
    let report = pool(&[(4, siblings), (10, Plant::default())]).report();
    assert_eq!(report.coverage.children, 22);
    assert_eq!(
        value(&report, "prices-by-ageBand", &["1to4"], "children"),
        &json!(12)
    );
    assert_eq!(
        value(&report, "prices-by-ageBand", &["1to4"], "totalMedian"),
        &json!(1000.0)
    );
    assert_eq!(
        value(&report, "prices-by-ageBand", &["1to4"], "coreMedian"),
        &json!(1000.0)
    );
}

#[test]
fn a_long_term_discount_from_week_40_then_an_uplift_are_each_measured() {
    // The discount starts on the first day of week 40 (273 days after 16 June 2025), the uplift
    // on 1 April 2026.
    let amendments = json!([
        {"id": "d", "feeChange": {"type": "discountApplied", "trigger": "discountStarting",
            "previousWeeklyTotal": {"amount": 4000, "currency": "GBP"},
            "newWeeklyTotal": {"amount": 3800, "currency": "GBP"},
            "effectiveDate": "2026-03-16T00:00:00Z",
            "newWeeklyPrice": {
                "coreFee": {"value": {"amount": 4000, "currency": "GBP"}, "basis": "perWeek"},
                "discounts": [{"discountId": "long-term", "type": "longTermPlacement", "percentage": 5,
                    "weeklyAmount": {"amount": 200, "currency": "GBP"}}],
                "weeklyTotal": {"amount": 3800, "currency": "GBP"}}}},
        {"id": "u", "feeChange": {"type": "uplift", "trigger": "annualReview", "percentage": 3,
            "appliesTo": "coreAndServices",
            "previousWeeklyTotal": {"amount": 3800, "currency": "GBP"},
            "newWeeklyTotal": {"amount": 3914, "currency": "GBP"},
            "effectiveDate": "2026-04-01T00:00:00+01:00"}}
    ]);
    let discounts = json!([{"id": "long-term", "type": "longTermPlacement", "percentage": 5,
        "appliesFrom": {"afterWeeks": 39}}]);
    let planted = Plant {
        amendments,
        discounts,
        ..Plant::default()
    };
    let report = pool(&[
        (10, planted),
        (
            10,
            Plant {
                provider: "GB-COH-00000002",
                ..Plant::default()
            },
        ),
    ])
    .report();
    assert_eq!(
        value(
            &report,
            "price-changes",
            &["2026", "uplift"],
            "medianPercentage"
        ),
        &json!(3.0)
    );
    assert_eq!(
        value(&report, "price-changes", &["2026", "uplift"], "changes"),
        &json!(10)
    );
    assert_eq!(
        value(
            &report,
            "price-changes",
            &["2026", "discountApplied (discountStarting)"],
            "medianPercentage"
        ),
        &json!(-5.0)
    );
    assert_eq!(
        value(&report, "discounts", &["GB-COH-00000001"], "committed"),
        &json!(10)
    );
    assert_eq!(
        value(
            &report,
            "discounts",
            &["GB-COH-00000001"],
            "appliedPercentage"
        ),
        &json!(100.0)
    );
    // The price on the start date is the starting price, not the latest.
    assert_eq!(
        value(
            &report,
            "prices-by-provider",
            &["GB-COH-00000001"],
            "totalMedian"
        ),
        &json!(4000.0)
    );
}

#[test]
fn small_cells_stay_suppressed_with_their_complement() {
    let small = Plant {
        council: "E06000020",
        ..Plant::default()
    };
    let middle = Plant {
        council: "E06000019",
        ..Plant::default()
    };
    let report = pool(&[(30, Plant::default()), (12, middle), (3, small.clone())]).report();
    let table = report.table("prices-by-council").expect("a table");
    let small_row = table.row(&["E06000020"]).expect("the small council");
    assert!(small_row.suppressed);
    assert!(
        small_row.ocids.is_empty(),
        "a suppressed row names no process"
    );
    assert_eq!(small_row.values.get("children"), None);
    // Alone it could be recovered from a total, so the next smallest goes too.
    assert!(
        table
            .row(&["E06000019"])
            .expect("the middle council")
            .suppressed
    );
    assert!(
        !table
            .row(&["E06000018"])
            .expect("the large council")
            .suppressed
    );
    // A quote on three like placements says it cannot answer.
    let quote = pool(&[(3, small.clone())]).quote(&QuoteRequest {
        placement_type: "childrensHome".into(),
        age_band: "10to15".into(),
        ..QuoteRequest::default()
    });
    assert!(quote.comparisons[0].suppressed);
    assert!(quote.comparisons[0].weekly_total.is_none());
}

#[test]
fn a_quote_places_an_offer_in_the_planted_distribution() {
    let plants: Vec<(usize, Plant)> = (0..20u32)
        .map(|i| {
            (
                1,
                Plant {
                    placement_type: "fosterCare",
                    age_band: "5to9",
                    need_level: "standard",
                    weekly_total: 900 + 10 * i,
                    core_fee: 900 + 10 * i,
                    council: if i % 2 == 0 { "E06000018" } else { "E06000019" },
                    ..Plant::default()
                },
            )
        })
        .collect();
    let pool = pool(&plants);
    let quote = pool.quote(&QuoteRequest {
        placement_type: "fosterCare".into(),
        age_band: "5to9".into(),
        need_level: Some("standard".into()),
        council: Some("E06000018".into()),
        weekly_price: Some(rust_decimal::Decimal::from(1000)),
        ..QuoteRequest::default()
    });
    let all = &quote.comparisons[0];
    let summary = all.weekly_total.as_ref().expect("enough to answer");
    assert_eq!(summary.n, 20);
    assert_eq!(summary.median, rust_decimal::Decimal::from(995));
    assert_eq!(summary.lower_quartile.to_string(), "947.50");
    assert_eq!(
        all.percentile_of_offer.map(|p| p.to_string()),
        Some("52.5".into())
    );
    // Ten in the council, which is the threshold: answered.
    assert_eq!(quote.comparisons[1].scope, "council");
    assert_eq!(
        quote.comparisons[1].weekly_total.as_ref().map(|s| s.n),
        Some(10)
    );
}

#[test]
fn suspensions_and_voids_are_reported_as_published() {
    let framework: pcds::Release = serde_json::from_str(include_str!(
        "../../../examples/framework-establishment-with-suspension.json"
    ))
    .map(|p: pcds::ReleasePackage| p.releases.into_iter().next_back().expect("a release"))
    .expect("the example reads");
    let block: pcds::ReleasePackage = serde_json::from_str(include_str!(
        "../../../examples/block-contract-with-voids.json"
    ))
    .expect("the example reads");
    let mut pool = Pool::new(Options::default());
    pool.add(&framework);
    for release in &block.releases {
        pool.add(release);
    }
    let report = pool.report();
    let suspended = report.table("framework-suspensions").expect("a table");
    assert!(
        !suspended.rows.is_empty(),
        "the example's suspension is listed"
    );
    assert!(
        suspended
            .rows
            .iter()
            .all(|r| r.values["status"] == "suspended" || r.values["status"] == "excluded")
    );
    let hawthorn = suspended
        .rows
        .iter()
        .find(|r| r.values["provider"] == "Hawthorn Residential Care Ltd")
        .expect("the suspended provider");
    assert_eq!(hawthorn.values["since"], json!("2025-07-02"));
    // Two places empty for the 28 days of 1 to 28 July, paid at 80% of £4,850 a week by the
    // whole week: 4 weeks × £3,880 × 2.
    let voids = report.table("block-voids").expect("a table");
    let july = voids
        .rows
        .iter()
        .find(|r| r.values["from"] == "2024-07-01")
        .expect("the July void");
    assert_eq!(july.values["empty"], json!(2));
    assert_eq!(july.values["voidCost"], json!(31040.0));
    let occupancy = report.table("block-occupancy").expect("a table");
    assert!(
        occupancy
            .rows
            .iter()
            .any(|r| r.values["from"] == "2024-07-01"
                && r.values["occupancyPercentage"] == json!(50.0)),
        "{:#?}",
        occupancy.rows
    );
}

#[test]
fn what_cannot_be_priced_is_counted_and_said() {
    let mut pool = Pool::new(Options::default());
    let mut hourly = serde_json::to_value(release(1, &Plant::default())).expect("a value");
    hourly["contracts"][0]["placement"]["weeklyPrice"]["coreFee"]["basis"] = json!("perHour");
    pool.add(&serde_json::from_value(hourly).expect("reads"));
    let mut undated = serde_json::to_value(release(2, &Plant::default())).expect("a value");
    undated["contracts"][0]
        .as_object_mut()
        .expect("a contract")
        .remove("period");
    pool.add(&serde_json::from_value(undated).expect("reads"));
    let report = pool.report();
    assert_eq!(report.coverage.children, 2, "both children are counted");
    let excluded = &report.coverage.excluded;
    assert_eq!(
        excluded.get("core fees left out: the core fee in force has no weekly equivalent (an hourly price with no hours a week, or a change to the whole price)"),
        Some(&1),
        "{excluded:?}"
    );
    assert_eq!(
        excluded.get(
            "prices left out: the agreement states no start date, so no price is in force on a date"
        ),
        Some(&1),
        "{excluded:?}"
    );
    assert_eq!(
        pool.facts.placements[0].weekly_total,
        Some(rust_decimal::Decimal::from(4000))
    );
    assert_eq!(pool.facts.placements[0].core_fee, None);
    assert_eq!(pool.facts.placements[1].weekly_total, None);
}

#[test]
fn a_period_keeps_fee_changes_by_when_they_took_effect() {
    let uplift = json!([{"id": "u", "feeChange": {"type": "uplift", "trigger": "annualReview",
        "percentage": 3, "appliesTo": "coreFee",
        "previousWeeklyTotal": {"amount": 4000, "currency": "GBP"},
        "newWeeklyTotal": {"amount": 4120, "currency": "GBP"},
        "effectiveDate": "2026-04-01T00:00:00+01:00"}}]);
    let plant = Plant {
        amendments: uplift,
        ..Plant::default()
    };
    let mut pool = Pool::new(Options {
        suppress_below: 1,
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        to: None,
    });
    pool.add(&release(1, &plant));
    let report = pool.report();
    // The placement started in 2025, before the period: not counted, but its 2026 uplift is.
    assert_eq!(report.coverage.children, 0);
    assert_eq!(
        value(
            &report,
            "price-changes",
            &["2026", "uplift"],
            "medianPercentage"
        ),
        &json!(3.0)
    );
}
