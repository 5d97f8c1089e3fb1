//! Tests of the planted Friday afternoon premium: without it the output is unchanged, with it
//! exactly the offers to Friday afternoon referrals are dearer, and the data stays valid.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use pcds::{Bid, Release, ReleasePackage};
use pcds_validator::{Options, RunTotals, Severity, Validator};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{GenerateOptions, release_package};

fn generate(options: &GenerateOptions) -> Vec<u8> {
    let mut bytes = Vec::new();
    let written = release_package(options, &mut bytes).expect("generates");
    assert_eq!(written, bytes.len() as u64);
    bytes
}

fn planted(releases: u64, seed: u64, percent: u32) -> GenerateOptions {
    GenerateOptions {
        friday_premium: Some(percent),
        ..GenerateOptions::new(releases, seed)
    }
}

/// The 64-bit FNV-1a hash of `bytes`: enough to notice any change in a generated file.
fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

#[test]
fn without_a_premium_the_output_is_what_it_always_was() {
    // Lengths and digests of `pcds generate --releases R --seed S` as written before the
    // premium existed. Only a deliberate change to the generated data may change them.
    let before: [(u64, u64, usize, u64); 3] = [
        (1, 1, 6_638, 0xB016_5F7D_823A_5956),
        (300, 7, 2_732_297, 0x1879_9BAA_640F_B3DD),
        (2_000, 42, 17_452_259, 0x252B_60E9_747D_2FCF),
    ];
    for (releases, seed, length, hash) in before {
        let bytes = generate(&GenerateOptions::new(releases, seed));
        assert_eq!(
            (bytes.len(), digest(&bytes)),
            (length, hash),
            "--releases {releases} --seed {seed} changed"
        );
    }
    let default = GenerateOptions {
        releases: 300,
        ..GenerateOptions::default()
    };
    assert_eq!(default.friday_premium, None);
    assert_eq!(generate(&default), generate(&GenerateOptions::new(300, 1)));
    assert_ne!(
        generate(&planted(2_000, 42, 20)),
        generate(&GenerateOptions::new(2_000, 42)),
        "2,000 releases hold no Friday afternoon referral"
    );
}

#[test]
fn a_premium_outside_one_to_one_hundred_percent_is_refused() {
    for percent in [0, 101, u32::MAX] {
        let mut bytes = Vec::new();
        let error = release_package(&planted(10, 1, percent), &mut bytes)
            .expect_err("an out-of-range premium");
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
        assert!(bytes.is_empty(), "wrote {} bytes", bytes.len());
    }
    for percent in [1, 100] {
        let package = String::from_utf8(generate(&planted(3, 1, percent))).expect("UTF-8");
        assert!(package.contains(&format!("/seed-1-friday-premium-{percent}/")));
    }
}

/// Whether a referral sent at `sent` went out on a Friday at or after 12:00 UK local time:
/// GMT, or BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October. Worked out from the instant alone, whatever offset the data wrote.
fn friday_afternoon_in_the_uk(sent: &pcds::DateTime) -> bool {
    let utc = sent.0.with_timezone(&Utc);
    let change = |month: u32| {
        let last = NaiveDate::from_ymd_opt(utc.year(), month, 31).expect("March and October");
        let sunday = last - Duration::days(i64::from(last.weekday().num_days_from_sunday()));
        Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0).expect("01:00"))
    };
    let summer = change(3) <= utc && utc < change(10);
    let local = utc + Duration::hours(i64::from(summer));
    local.weekday() == Weekday::Fri && local.hour() >= 12
}

/// The releases of each process, in order, keyed by ocid.
fn processes(package: &ReleasePackage) -> Vec<(String, Vec<&Release>)> {
    let mut list: Vec<(String, Vec<&Release>)> = Vec::new();
    for release in &package.releases {
        let ocid = release.ocid.to_string();
        match list.last_mut() {
            Some((last, releases)) if *last == ocid => releases.push(release),
            _ => list.push((ocid, vec![release])),
        }
    }
    list
}

/// When the process's referral went out: `tender.tenderPeriod.startDate` of its first release.
fn referral_sent(process: &[&Release]) -> pcds::DateTime {
    let tender = process[0]
        .tender
        .as_ref()
        .expect("the first release has the referral");
    let period = tender.tender_period.as_ref().expect("a tender period");
    period.start_date.expect("a start date")
}

/// The offers of a process by bid id (the same list in every release that has bids).
fn offers<'a>(process: &[&'a Release]) -> HashMap<String, &'a Bid> {
    let bids = process.iter().filter_map(|r| r.bids.as_ref());
    let details = bids.flat_map(|b| &b.details);
    let priced = details.filter(|bid| bid.price_breakdown.is_some());
    priced.map(|bid| (bid.id.clone(), bid)).collect()
}

/// The id of the offer the process awarded, when it got as far as an award.
fn winning_bid(process: &[&Release]) -> Option<String> {
    let awards = process.iter().flat_map(|r| &r.awards);
    awards.flat_map(|a| a.related_bids.first()).next().cloned()
}

/// An offer's core fee, in pounds.
fn core(bid: &Bid) -> Decimal {
    let breakdown = bid.price_breakdown.as_ref().expect("an offer's price");
    breakdown.core_fee.value.amount.value()
}

/// `pounds` raised by `percent` percent, rounded to the penny, half away from zero.
fn raised(pounds: Decimal, percent: u32) -> Decimal {
    let factor = Decimal::from(100 + percent) / Decimal::ONE_HUNDRED;
    (pounds * factor).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn a_friday_premium_raises_exactly_the_offers_to_friday_afternoon_referrals() {
    let (releases, seed, percent) = (4_000, 5, 20);
    let read = |bytes: Vec<u8>| -> ReleasePackage {
        serde_json::from_slice(&bytes).expect("reads as a release package")
    };
    let base = read(generate(&GenerateOptions::new(releases, seed)));
    let dearer = read(generate(&planted(releases, seed, percent)));
    let (base, dearer) = (processes(&base), processes(&dearer));
    assert_eq!(base.len(), dearer.len(), "the same processes");
    let (mut friday, mut other, mut same_winner, mut offers_seen) = (0, 0, 0, 0);
    for ((ocid, before), (planted_ocid, after)) in base.iter().zip(&dearer) {
        assert_eq!(ocid, planted_ocid);
        let ids = |p: &[&Release]| p.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(before), ids(after), "{ocid}: the same releases");
        let sent = referral_sent(before);
        assert_eq!(sent, referral_sent(after), "{ocid}: the same referral");
        let has_contract = after.iter().any(|r| !r.contracts.is_empty());
        if !friday_afternoon_in_the_uk(&sent) {
            for (b, a) in before.iter().zip(after) {
                let value = |r: &Release| serde_json::to_value(r).expect("serialises");
                assert_eq!(value(b), value(a), "{}: changed, though sent {sent}", b.id);
            }
            other += usize::from(has_contract);
            continue;
        }
        // Every offer is dearer by the premium on its core fee; its services are unchanged.
        let (was, now) = (offers(before), offers(after));
        assert_eq!(was.len(), now.len(), "{ocid}: the same offers");
        for (id, bid) in &was {
            let planted_bid = now.get(id).expect("the same offer ids");
            assert_eq!(core(planted_bid), raised(core(bid), percent), "{ocid} {id}");
            let services = |b: &Bid| {
                let breakdown = b.price_breakdown.as_ref().expect("a price");
                serde_json::to_value(&breakdown.additional_services).expect("serialises")
            };
            assert_eq!(services(planted_bid), services(bid), "{ocid} {id}");
            offers_seen += 1;
        }
        if !has_contract {
            continue;
        }
        // The agreement's core fee is the awarded offer's, 20% above what that offer was
        // without the premium; with the same winner, 20% above the agreement without it.
        let won = winning_bid(after).expect("a contract follows an award");
        let won_before = was.get(&won).expect("the awarded offer");
        let same = winning_bid(before).as_ref() == Some(&won);
        for (b, a) in before.iter().zip(after) {
            for (i, contract) in a.contracts.iter().enumerate() {
                let placement = contract.placement.as_ref().expect("a placement");
                let fee = placement.weekly_price.core_fee.value.amount.value();
                assert_eq!(fee, raised(core(won_before), percent), "{}", a.id);
                if same {
                    let was = b.contracts[i].placement.as_ref().expect("a placement");
                    let was = was.weekly_price.core_fee.value.amount.value();
                    assert_eq!(fee, raised(was, percent), "{}", a.id);
                }
            }
        }
        friday += 1;
        same_winner += usize::from(same);
    }
    assert!(friday >= 30, "only {friday} Friday afternoon agreements");
    assert!(other >= 300, "only {other} other agreements");
    assert!(
        offers_seen >= 100,
        "only {offers_seen} Friday afternoon offers"
    );
    // A premium on the core fee alone can reorder offers with different services, so now and
    // then another offer wins; nearly always the same one does.
    assert!(same_winner * 10 >= friday * 9, "{same_winner} of {friday}");
}

#[test]
fn planted_data_passes_validation() {
    let validator = Validator::with_options(Options {
        threads: Some(2),
        ..Options::default()
    })
    .expect("the schemas compile");
    let errors = |bytes: &[u8]| -> Vec<String> {
        let report =
            (validator.check_reader("generated", bytes, &mut RunTotals::default())).expect("reads");
        (report.findings.iter())
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} at {}: {}", f.code, f.pointer, f.message))
            .collect()
    };
    for percent in [20, 100] {
        let bytes = generate(&planted(3_000, 5, percent));
        let found = errors(&bytes);
        assert!(found.is_empty(), "{percent}%: {found:#?}");
        // The check can fail: a weekly price whose core fee no longer adds up is an error.
        let mut document: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let releases = document["releases"].as_array_mut().expect("releases");
        let contract = (releases.iter_mut())
            .find_map(|r| r.pointer_mut("/contracts/0/placement/weeklyPrice/coreFee/value"))
            .expect("an agreement");
        contract["amount"] = serde_json::json!(1);
        let broken = serde_json::to_vec(&document).expect("serialises");
        assert!(!errors(&broken).is_empty(), "a broken price passed");
    }
}
