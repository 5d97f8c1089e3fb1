//! Semantic rules over one release, read into the `pcds` types: references resolve, ids are
//! unique, dates are in order, care rules hold. Prices are in `prices`.

use std::collections::HashSet;

use pcds::codelists::{ProcurementRoute, RelatedProcessRelationship, RelatedProcessScheme};
use pcds::{OrganizationReference, Release};

use crate::finding::Finding;
use crate::rules::{self, Rule};

mod capacity;
mod groups;
mod lifecycle;
pub use self::lifecycle::open_data;
use self::lifecycle::{care, dates, identifiers};

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
    /// A child of the referral, by key.
    Child,
    /// A tier a framework declares.
    Tier,
}

/// The results of checking one release.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings that stand on this release alone.
    pub findings: Vec<Finding>,
    /// References that other releases of the process may resolve.
    pub deferred: Vec<Deferred>,
    /// Ids this release declares, each with the kind of object it names.
    pub declared: Vec<(Target, String)>,
}

pub(super) struct Check<'a> {
    prefix: &'a str,
    out: Outcome,
}

impl Check<'_> {
    pub(super) fn report(&mut self, rule: &Rule, pointer: &str, message: String) {
        self.out.findings.push(Finding::new(
            rule,
            format!("{}{pointer}", self.prefix),
            message,
        ));
    }

    /// A reference to `id` that another release of the process may resolve: `finding` (at
    /// `pointer` within the release) is reported if nothing in the input declares it.
    pub(super) fn defer(
        &mut self,
        target: Target,
        id: &str,
        rule: &Rule,
        pointer: &str,
        message: String,
    ) {
        self.out.deferred.push(Deferred {
            target,
            id: id.to_owned(),
            finding: Finding::new(rule, format!("{}{pointer}", self.prefix), message),
        });
    }
}

/// Checks one release; `prefix` is its pointer within the document. What open data may say
/// about a child is checked on the raw value by [`open_data`].
#[must_use]
pub fn check(release: &Release, prefix: &str) -> Outcome {
    let mut check = Check {
        prefix,
        out: Outcome::default(),
    };
    references(&mut check, release);
    identifiers(&mut check, release);
    dates(&mut check, release);
    care(&mut check, release);
    groups::children(&mut check, release);
    groups::pricing_basis(&mut check, release);
    groups::admissions(&mut check, release);
    groups::techniques(&mut check, release);
    groups::evaluation(&mut check, release);
    capacity::check(&mut check, release);
    super::prices::check(release, &mut |rule, pointer, message| {
        check.report(rule, &pointer, message)
    });
    check.out.declared = declared_by(release);
    check.out
}

/// What a release declares that other releases of its process may refer to: its awards,
/// offers and refusals, tiers, and the referral's children.
pub fn declared_by(release: &Release) -> Vec<(Target, String)> {
    let mut declared: Vec<(Target, String)> = release
        .awards
        .iter()
        .map(|a| (Target::Award, a.id.clone()))
        .collect();
    declared.extend(
        release
            .bids
            .iter()
            .flat_map(|b| &b.details)
            .map(|b| (Target::Bid, b.id.clone())),
    );
    if let Some(tender) = &release.tender {
        declared.extend(tender.tiers.iter().map(|t| (Target::Tier, t.id.clone())));
        declared.extend(
            tender
                .referral
                .iter()
                .flat_map(|r| &r.children)
                .map(|c| (Target::Child, c.key.clone())),
        );
    }
    declared
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
            check.defer(
                Target::Bid,
                bid,
                &rules::REF_BID,
                &format!("/awards/{i}/relatedBids/{j}"),
                format!(
                    "the offer `{bid}` is not in `bids.details` of any release of this process"
                ),
            );
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
        check.defer(
            Target::Award,
            &contract.award_id,
            &rules::REF_AWARD_ID,
            &format!("/contracts/{i}/awardID"),
            format!(
                "the award `{}` is not in `awards` of any release of this process",
                contract.award_id
            ),
        );
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
