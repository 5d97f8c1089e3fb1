//! Semantic rules over one release, read into the `pcds` types: references resolve, ids are
//! unique, dates are in order, care rules hold. Prices are in `prices`.

use std::collections::{HashMap, HashSet};

use pcds::codelists::{
    AgeBand, PlacementType, ProcurementRoute, PublicationLevel, RelatedProcessRelationship,
    RelatedProcessScheme, ResponseType,
};
use pcds::{DateTime, OrganizationReference, Period, Release};

use crate::finding::Finding;
use crate::rules::{self, Rule};

/// A reference that may be resolved by another release of the same process, checked when the
/// whole input has been read.
#[derive(Debug, Clone)]
pub struct Deferred {
    /// What kind of object the reference names.
    pub target: Target,
    /// The id it names.
    pub id: String,
    /// The finding to report if nothing in the input resolves it.
    pub finding: Finding,
}

/// Objects a reference can name across the releases of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An award.
    Award,
    /// An offer or refusal.
    Bid,
}

/// What one release declares for references across releases of its process.
#[derive(Debug, Default)]
pub struct Declared {
    /// Award ids.
    pub awards: Vec<String>,
    /// Bid ids.
    pub bids: Vec<String>,
}

/// The results of checking one release.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings that stand on this release alone.
    pub findings: Vec<Finding>,
    /// References that other releases of the process may resolve.
    pub deferred: Vec<Deferred>,
    /// Ids this release declares.
    pub declared: Declared,
}

struct Check<'a> {
    prefix: &'a str,
    out: Outcome,
}

impl Check<'_> {
    fn report(&mut self, rule: &Rule, pointer: &str, message: String) {
        self.out.findings.push(Finding::new(
            rule,
            format!("{}{pointer}", self.prefix),
            message,
        ));
    }
}

/// Checks one release; `prefix` is its pointer within the document, `level` the publication
/// level its package claims (if any).
#[must_use]
pub fn check(release: &Release, prefix: &str, level: Option<&PublicationLevel>) -> Outcome {
    let mut check = Check {
        prefix,
        out: Outcome::default(),
    };
    references(&mut check, release);
    identifiers(&mut check, release);
    dates(&mut check, release);
    care(&mut check, release);
    super::prices::check(release, &mut |rule, pointer, message| {
        check.report(rule, &pointer, message)
    });
    if level == Some(&PublicationLevel::Open) {
        open_data(&mut check, release);
    }
    check.out.declared.awards = release.awards.iter().map(|a| a.id.clone()).collect();
    check.out.declared.bids = release
        .bids
        .iter()
        .flat_map(|b| &b.details)
        .map(|b| b.id.clone())
        .collect();
    check.out
}

fn references(check: &mut Check<'_>, release: &Release) {
    let parties: HashSet<&str> = release.parties.iter().map(|p| p.id.as_str()).collect();
    let settings: HashSet<&str> = release.settings.iter().map(|s| s.id.as_str()).collect();
    let party = |check: &mut Check<'_>,
                 rule: &Rule,
                 reference: &OrganizationReference,
                 pointer: String,
                 what: &str| {
        if !parties.contains(reference.id.as_str()) {
            check.report(
                rule,
                &format!("{pointer}/id"),
                format!("{what} `{}` is not in `parties`", reference.id),
            );
        }
    };
    if let Some(buyer) = &release.buyer {
        party(
            check,
            &rules::REF_PARTY,
            buyer,
            "/buyer".into(),
            "the buyer",
        );
    }
    for (i, setting) in release.settings.iter().enumerate() {
        if !parties.contains(setting.provider_id.as_str()) {
            check.report(
                &rules::REF_SETTING_PROVIDER,
                &format!("/settings/{i}/providerId"),
                format!(
                    "the provider `{}` of setting `{}` is not in `parties`",
                    setting.provider_id, setting.id
                ),
            );
        }
    }
    let setting_ref = |check: &mut Check<'_>, urn: &pcds::OfstedUrn, pointer: String| {
        if !settings.contains(urn.as_str()) {
            check.report(
                &rules::REF_SETTING,
                &pointer,
                format!("the setting `{urn}` is not in `settings`"),
            );
        }
    };
    if let Some(tender) = &release.tender {
        if let Some(entity) = &tender.procuring_entity {
            party(
                check,
                &rules::REF_PARTY,
                entity,
                "/tender/procuringEntity".into(),
                "the procuring entity",
            );
        }
        for (i, contact) in tender.providers_contacted.iter().enumerate() {
            party(
                check,
                &rules::REF_PARTY,
                &contact.provider,
                format!("/tender/providersContacted/{i}/provider"),
                "the provider contacted",
            );
        }
    }
    for (i, bid) in release
        .bids
        .iter()
        .flat_map(|b| b.details.iter().enumerate())
    {
        for (j, tenderer) in bid.tenderers.iter().enumerate() {
            party(
                check,
                &rules::REF_TENDERER,
                tenderer,
                format!("/bids/details/{i}/tenderers/{j}"),
                "the tenderer",
            );
        }
        if let Some(urn) = &bid.setting_id {
            setting_ref(check, urn, format!("/bids/details/{i}/settingId"));
        }
    }
    for (i, award) in release.awards.iter().enumerate() {
        for (j, supplier) in award.suppliers.iter().enumerate() {
            party(
                check,
                &rules::REF_SUPPLIER,
                supplier,
                format!("/awards/{i}/suppliers/{j}"),
                "the supplier",
            );
        }
        for (j, bid) in award.related_bids.iter().enumerate() {
            check.out.deferred.push(Deferred {
                target: Target::Bid,
                id: bid.clone(),
                finding: Finding::new(
                    &rules::REF_BID,
                    format!("{}/awards/{i}/relatedBids/{j}", check.prefix),
                    format!(
                        "the offer `{bid}` is not in `bids.details` of any release of this process"
                    ),
                ),
            });
        }
        for (j, urn) in award
            .admission
            .iter()
            .flat_map(|a| a.setting_ids.iter().enumerate())
        {
            setting_ref(check, urn, format!("/awards/{i}/admission/settingIds/{j}"));
        }
    }
    let framework_linked = release.related_processes.iter().any(|p| {
        p.relationship
            .contains(&RelatedProcessRelationship::Framework)
            && p.scheme == RelatedProcessScheme::Ocid
    });
    for (i, contract) in release.contracts.iter().enumerate() {
        check.out.deferred.push(Deferred {
            target: Target::Award,
            id: contract.award_id.clone(),
            finding: Finding::new(
                &rules::REF_AWARD_ID,
                format!("{}/contracts/{i}/awardID", check.prefix),
                format!(
                    "the award `{}` is not in `awards` of any release of this process",
                    contract.award_id
                ),
            ),
        });
        if let Some(placement) = &contract.placement {
            if matches!(
                placement.procurement_route,
                ProcurementRoute::FrameworkCallOff | ProcurementRoute::DpsMiniCompetition
            ) && !framework_linked
            {
                check.report(&rules::REF_FRAMEWORK, &format!("/contracts/{i}/placement/procurementRoute"), format!("the placement was bought by `{}` but `relatedProcesses` names no framework", placement.procurement_route));
            }
            if let Some(urn) = &placement.setting_id {
                setting_ref(check, urn, format!("/contracts/{i}/placement/settingId"));
            }
            let committed: HashSet<&str> =
                placement.discounts.iter().map(|d| d.id.as_str()).collect();
            for (j, applied) in placement.weekly_price.discounts.iter().enumerate() {
                if let Some(id) = &applied.discount_id
                    && !committed.contains(id.as_str())
                {
                    check.report(
                        &rules::REF_DISCOUNT,
                        &format!("/contracts/{i}/placement/weeklyPrice/discounts/{j}/discountId"),
                        format!("the discount `{id}` is not among the agreement's `discounts`"),
                    );
                }
            }
        }
        for (j, urn) in contract
            .block
            .iter()
            .flat_map(|b| b.setting_ids.iter().enumerate())
        {
            setting_ref(check, urn, format!("/contracts/{i}/block/settingIds/{j}"));
        }
        for (j, transaction) in contract
            .implementation
            .iter()
            .flat_map(|m| m.transactions.iter().enumerate())
        {
            for (role, reference) in [("payer", &transaction.payer), ("payee", &transaction.payee)]
            {
                if let Some(reference) = reference {
                    party(
                        check,
                        &rules::REF_PARTY,
                        reference,
                        format!("/contracts/{i}/implementation/transactions/{j}/{role}"),
                        &format!("the {role}"),
                    );
                }
            }
        }
        for (j, funding) in contract
            .placement
            .iter()
            .flat_map(|p| p.weekly_price.funding_contributions.iter().enumerate())
        {
            if let Some(funder) = &funding.funder {
                party(
                    check,
                    &rules::REF_PARTY,
                    funder,
                    format!("/contracts/{i}/placement/weeklyPrice/fundingContributions/{j}/funder"),
                    "the funder",
                );
            }
        }
    }
}

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

fn identifiers(check: &mut Check<'_>, release: &Release) {
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

fn dates(check: &mut Check<'_>, release: &Release) {
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
    }
}

fn care(check: &mut Check<'_>, release: &Release) {
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
            && let Some(latest) = admission.status_history.iter().max_by_key(|s| s.date)
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

/// Open data describes a child by age band only.
fn open_data(check: &mut Check<'_>, release: &Release) {
    if let Some(referral) = release.tender.as_ref().and_then(|t| t.referral.as_ref()) {
        for (i, child) in referral.children.iter().enumerate() {
            let details = [
                ("needs", !child.needs.is_empty()),
                ("needLevel", child.need_level.is_some()),
                ("categoryOfNeed", child.category_of_need.is_some()),
                ("legalStatus", child.legal_status.is_some()),
            ];
            for (field, present) in details {
                if present {
                    check.report(
                        &rules::PRIV_OPEN_CHILD,
                        &format!("/tender/referral/children/{i}/{field}"),
                        format!(
                            "open data may describe a child by age band only, not by `{field}`"
                        ),
                    );
                }
            }
        }
    }
    for (i, bid) in release
        .bids
        .iter()
        .flat_map(|b| b.details.iter().enumerate())
    {
        if !bid.needs_met.is_empty() {
            check.report(
                &rules::PRIV_OPEN_CHILD,
                &format!("/bids/details/{i}/needsMet"),
                "open data may not list the needs an offer meets: they are the child's needs"
                    .into(),
            );
        }
    }
}
