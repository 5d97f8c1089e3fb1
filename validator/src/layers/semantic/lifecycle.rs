//! Identifiers, dates, care rules and what open data may say about a child.

use std::collections::{HashMap, HashSet};

use pcds::codelists::{AgeBand, PlacementType, ResponseType};
use pcds::{DateTime, Period, Release};

use super::Check;
use crate::finding::Finding;
use crate::rules;

/// Reports the second and later entries of a list that reuse an id.
fn unique<'a>(check: &mut Check<'_>, list: &str, ids: impl IntoIterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for (i, id) in ids.into_iter().enumerate() {
        if !seen.insert(id) {
            check.report(
                &rules::ID_DUPLICATE,
                &format!("{list}/{i}/id"),
                format!(
                    "the id `{id}` is used twice in `{}`",
                    list.trim_start_matches('/')
                ),
            );
        }
    }
}

pub(super) fn identifiers(check: &mut Check<'_>, release: &Release) {
    unique(
        check,
        "/parties",
        release.parties.iter().map(|p| p.id.as_str()),
    );
    unique(
        check,
        "/settings",
        release.settings.iter().map(|s| s.id.as_str()),
    );
    unique(
        check,
        "/awards",
        release.awards.iter().map(|a| a.id.as_str()),
    );
    unique(
        check,
        "/contracts",
        release.contracts.iter().map(|c| c.id.as_str()),
    );
    unique(
        check,
        "/relatedProcesses",
        release.related_processes.iter().map(|p| p.id.as_str()),
    );
    if let Some(bids) = &release.bids {
        unique(
            check,
            "/bids/details",
            bids.details.iter().map(|b| b.id.as_str()),
        );
    }
    if let Some(tender) = &release.tender {
        unique(
            check,
            "/tender/providersContacted",
            tender.providers_contacted.iter().map(|p| p.id.as_str()),
        );
        unique(
            check,
            "/tender/lots",
            tender.lots.iter().map(|l| l.id.as_str()),
        );
        unique(
            check,
            "/tender/qualificationCriteria",
            tender.qualification_criteria.iter().map(|q| q.id.as_str()),
        );
        if let Some(evaluation) = &tender.evaluation {
            unique(
                check,
                "/tender/evaluation/criteria",
                evaluation.criteria.iter().map(|c| c.id.as_str()),
            );
        }
    }
    for (i, contract) in release.contracts.iter().enumerate() {
        unique(
            check,
            &format!("/contracts/{i}/amendments"),
            contract.amendments.iter().map(|a| a.id.as_str()),
        );
        if let Some(placement) = &contract.placement {
            unique(
                check,
                &format!("/contracts/{i}/placement/discounts"),
                placement.discounts.iter().map(|d| d.id.as_str()),
            );
        }
        if let Some(implementation) = &contract.implementation {
            unique(
                check,
                &format!("/contracts/{i}/implementation/transactions"),
                implementation.transactions.iter().map(|t| t.id.as_str()),
            );
            unique(
                check,
                &format!("/contracts/{i}/implementation/outcomes"),
                implementation.outcomes.iter().map(|o| o.id.as_str()),
            );
        }
        if let Some(block) = &contract.block {
            unique(
                check,
                &format!("/contracts/{i}/block/voids"),
                block.voids.iter().map(|v| v.id.as_str()),
            );
        }
        unique(
            check,
            &format!("/contracts/{i}/documents"),
            contract.documents.iter().map(|d| d.id.as_str()),
        );
    }
    if let Some(tender) = &release.tender {
        unique(
            check,
            "/tender/documents",
            tender.documents.iter().map(|d| d.id.as_str()),
        );
    }
    for (i, award) in release.awards.iter().enumerate() {
        unique(
            check,
            &format!("/awards/{i}/documents"),
            award.documents.iter().map(|d| d.id.as_str()),
        );
        if let Some(schedule) = award
            .admission
            .as_ref()
            .and_then(|a| a.price_schedule.as_ref())
        {
            let pointer = format!("/awards/{i}/admission/priceSchedule");
            unique(
                check,
                &format!("{pointer}/corePrices"),
                schedule.core_prices.iter().map(|c| c.id.as_str()),
            );
            unique(
                check,
                &format!("{pointer}/discounts"),
                schedule.discounts.iter().map(|d| d.id.as_str()),
            );
        }
    }
}

fn period(check: &mut Check<'_>, period: Option<&Period>, pointer: &str) {
    if let Some(Period {
        start_date: Some(start),
        end_date: Some(end),
        ..
    }) = period
        && end < start
    {
        check.report(
            &rules::DATE_PERIOD,
            &format!("{pointer}/endDate"),
            format!("the period ends on `{end}`, before it starts on `{start}`"),
        );
    }
}

fn after(
    check: &mut Check<'_>,
    earlier: Option<&DateTime>,
    later: Option<&DateTime>,
    pointer: &str,
    what: &str,
) {
    if let (Some(earlier), Some(later)) = (earlier, later)
        && later < earlier
    {
        check.report(
            &rules::DATE_ORDER,
            pointer,
            format!("{what}: `{later}` is before `{earlier}`"),
        );
    }
}

pub(super) fn dates(check: &mut Check<'_>, release: &Release) {
    let sent = release
        .tender
        .as_ref()
        .and_then(|t| t.tender_period.as_ref())
        .and_then(|p| p.start_date.as_ref());
    if let Some(tender) = &release.tender {
        period(check, tender.tender_period.as_ref(), "/tender/tenderPeriod");
        period(
            check,
            tender.contract_period.as_ref(),
            "/tender/contractPeriod",
        );
        for (i, contact) in tender.providers_contacted.iter().enumerate() {
            after(
                check,
                sent,
                Some(&contact.date),
                &format!("/tender/providersContacted/{i}/date"),
                "a provider was contacted before the referral was sent",
            );
        }
    }
    let mut bid_dates = HashMap::new();
    for (i, bid) in release
        .bids
        .iter()
        .flat_map(|b| b.details.iter().enumerate())
    {
        after(
            check,
            sent,
            Some(&bid.date),
            &format!("/bids/details/{i}/date"),
            "a response is dated before the referral was sent",
        );
        after(
            check,
            Some(&bid.date),
            Some(&release.date),
            "/date",
            "the release is dated before a response it reports",
        );
        bid_dates.insert(bid.id.as_str(), bid.date);
    }
    for (i, award) in release.awards.iter().enumerate() {
        period(
            check,
            award.contract_period.as_ref(),
            &format!("/awards/{i}/contractPeriod"),
        );
        for bid in &award.related_bids {
            after(
                check,
                bid_dates.get(bid.as_str()),
                award.date.as_ref(),
                &format!("/awards/{i}/date"),
                "the award is dated before the offer it accepts",
            );
        }
        after(
            check,
            award.date.as_ref(),
            Some(&release.date),
            "/date",
            "the release is dated before an award it reports",
        );
    }
    for (i, contract) in release.contracts.iter().enumerate() {
        period(
            check,
            contract.period.as_ref(),
            &format!("/contracts/{i}/period"),
        );
        let start = contract.period.as_ref().and_then(|p| p.start_date.as_ref());
        if let Some(ending) = &contract.ending {
            after(
                check,
                start,
                Some(&ending.date),
                &format!("/contracts/{i}/ending/date"),
                "the placement ends before it starts",
            );
            after(
                check,
                ending.notice_date.as_ref(),
                Some(&ending.date),
                &format!("/contracts/{i}/ending/noticeDate"),
                "notice was given after the placement's last day",
            );
            after(
                check,
                Some(&ending.date),
                Some(&release.date),
                "/date",
                "the release is dated before the ending it reports",
            );
        }
        for (j, transaction) in contract
            .implementation
            .iter()
            .flat_map(|m| m.transactions.iter().enumerate())
        {
            period(
                check,
                transaction.period_covered.as_ref(),
                &format!("/contracts/{i}/implementation/transactions/{j}/periodCovered"),
            );
        }
        for (j, outcome) in contract
            .implementation
            .iter()
            .flat_map(|m| m.outcomes.iter().enumerate())
        {
            period(
                check,
                Some(&outcome.period),
                &format!("/contracts/{i}/implementation/outcomes/{j}/period"),
            );
        }
        for (j, void) in contract
            .block
            .iter()
            .flat_map(|b| b.voids.iter().enumerate())
        {
            period(
                check,
                Some(&void.period),
                &format!("/contracts/{i}/block/voids/{j}/period"),
            );
        }
        // A release reports payments made and amendments agreed: it cannot be dated before them.
        for transaction in contract.implementation.iter().flat_map(|m| &m.transactions) {
            after(
                check,
                Some(&transaction.date),
                Some(&release.date),
                "/date",
                "the release is dated before a payment it reports",
            );
        }
        for amendment in &contract.amendments {
            after(
                check,
                amendment.date.as_ref(),
                Some(&release.date),
                "/date",
                "the release is dated before an amendment it reports",
            );
        }
    }
    for (i, award) in release.awards.iter().enumerate() {
        if let Some(schedule) = award
            .admission
            .as_ref()
            .and_then(|a| a.price_schedule.as_ref())
        {
            period(
                check,
                Some(&schedule.period),
                &format!("/awards/{i}/admission/priceSchedule/period"),
            );
        }
    }
}

pub(super) fn care(check: &mut Check<'_>, release: &Release) {
    if let Some(referral) = release.tender.as_ref().and_then(|t| t.referral.as_ref())
        && let Some(at) = referral
            .placement_types_sought
            .iter()
            .position(|t| *t == PlacementType::SupportedAccommodation)
        && referral
            .children
            .iter()
            .any(|c| c.age_band != AgeBand::Age16To17)
    {
        check.report(
            &rules::CARE_SUPPORTED_AGE,
            &format!("/tender/referral/placementTypesSought/{at}"),
            "supported accommodation is sought for a child not aged 16 or 17".into(),
        );
    }
    for (i, award) in release.awards.iter().enumerate() {
        if let Some(admission) = &award.admission
            && let Some(latest) = admission
                .status_history
                .iter()
                .filter(|s| s.setting_id.is_none())
                .max_by_key(|s| s.date)
            && latest.status != admission.status
        {
            check.report(
                &rules::CARE_PROVIDER_STATUS,
                &format!("/awards/{i}/admission/status"),
                format!(
                    "the status is `{}` but the latest entry of `statusHistory` says `{}`",
                    admission.status, latest.status
                ),
            );
        }
    }
    for (i, contract) in release.contracts.iter().enumerate() {
        if contract.ending.is_some()
            && contract.status != Some(pcds::codelists::ContractStatus::Terminated)
        {
            check.report(
                &rules::CARE_ENDED_ACTIVE,
                &format!("/contracts/{i}/status"),
                "the placement has an ending but the agreement is not `terminated`".into(),
            );
        }
    }
    for (i, bid) in release
        .bids
        .iter()
        .flat_map(|b| b.details.iter().enumerate())
    {
        match bid.response {
            ResponseType::Offer if bid.value.is_none() => {
                check.report(
                    &rules::CARE_RESPONSE,
                    &format!("/bids/details/{i}"),
                    "the offer gives no weekly price (`value`)".into(),
                );
            }
            ResponseType::Refusal if bid.refusal_reason.is_none() => {
                check.report(
                    &rules::CARE_RESPONSE,
                    &format!("/bids/details/{i}"),
                    "the refusal gives no `refusalReason`".into(),
                );
            }
            _ => {}
        }
    }
}

/// Open data describes a child by age band only. Read from the release as JSON, so that an
/// error elsewhere in the release cannot hide child detail; the findings apply only when the
/// data is open.
#[must_use]
pub fn open_data(release: &serde_json::Value, prefix: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let children = release
        .pointer("/tender/referral/children")
        .and_then(serde_json::Value::as_array);
    for (i, child) in children.into_iter().flatten().enumerate() {
        for field in ["needs", "needLevel", "categoryOfNeed", "legalStatus"] {
            if child.get(field).is_some() {
                findings.push(Finding::new(
                    &rules::PRIV_OPEN_CHILD,
                    format!("{prefix}/tender/referral/children/{i}/{field}"),
                    format!("open data may describe a child by age band only, not by `{field}`"),
                ));
            }
        }
    }
    let bids = release
        .pointer("/bids/details")
        .and_then(serde_json::Value::as_array);
    for (i, bid) in bids.into_iter().flatten().enumerate() {
        if bid.get("needsMet").is_some() {
            findings.push(Finding::new(
                &rules::PRIV_OPEN_CHILD,
                format!("{prefix}/bids/details/{i}/needsMet"),
                "open data may not list the needs an offer meets: they are the child's needs",
            ));
        }
    }
    findings
}
