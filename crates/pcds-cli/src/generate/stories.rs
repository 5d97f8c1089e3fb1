//! One placement process, from referral to ending, planned from a seed and told as releases.
//!
//! A [`Story`] holds the parts of one process (parties, referral, offers, award, agreement) and
//! assembles each release from them on demand, so that memory stays at one process however many
//! releases are written.

use pcds::codelists::{
    ContractStatus, EndingInitiator, EndingReason, FeeChangeTrigger, FeeChangeType, InitiationType,
    PartyRole, PriceBase, ProcessType, ProcurementRoute, RelatedProcessRelationship,
    RelatedProcessScheme, ReleaseTag, TenderStatus,
};
use pcds::{
    Amendment, Award, Bid, Bids, Contract, FeeChange, GssCode, Identifier, Implementation, Ocid,
    Organization, OrganizationDetails, OrganizationReference, OutcomeMeasure, Percentage,
    PlacementEnding, RelatedProcess, Release, Setting, Tender,
};

use super::data::{Council, REGIONS};
use super::parts::{Pricing, Provider, Result, extra, gbp, invalid};
use super::time::{self, DAY, Minutes};

/// The kinds of release a story is told in, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// The referral goes out.
    Referral,
    /// Offers and refusals are in.
    Offers,
    /// An offer is chosen.
    Award,
    /// The placement agreement is made.
    Agreement,
    /// Referral, award and agreement in one release, as emergency placements are often told.
    AllAtOnce,
    /// The fee changes.
    FeeChange,
    /// The placement ends.
    Ending,
}

/// A change to the agreed fee: an annual uplift or a change of services.
pub(super) struct FeeChangePlan {
    pub(super) kind: FeeChangeType,
    pub(super) trigger: FeeChangeTrigger,
    /// For an uplift of the core fee: its percentage.
    pub(super) percentage: Option<Percentage>,
    pub(super) effective: Minutes,
    pub(super) date: Minutes,
    pub(super) before: Pricing,
    pub(super) after: Pricing,
    pub(super) rationale: &'static str,
    pub(super) description: String,
}

/// The ending of a placement.
pub(super) struct EndingPlan {
    pub(super) date: Minutes,
    pub(super) reason: EndingReason,
    pub(super) planned: bool,
    pub(super) initiated_by: EndingInitiator,
    pub(super) notice_days: Option<u32>,
    pub(super) outcomes: Vec<OutcomeMeasure>,
}

/// One placement process, planned in full and told release by release.
pub(super) struct Story {
    pub(super) ocid: String,
    pub(super) stages: Vec<Stage>,
    pub(super) dates: Vec<Minutes>,
    pub(super) council: &'static Council,
    pub(super) route: ProcurementRoute,
    pub(super) contacted: Vec<Provider>,
    pub(super) offered: Vec<bool>,
    pub(super) winner: usize,
    pub(super) tender: Tender,
    pub(super) bids: Vec<Bid>,
    pub(super) settings: Vec<Setting>,
    pub(super) winning_bid: usize,
    pub(super) award: Award,
    pub(super) contract: Contract,
    /// When the placement starts.
    pub(super) start: Minutes,
    pub(super) fee_change: Option<FeeChangePlan>,
    pub(super) ending: Option<EndingPlan>,
}

impl Story {
    /// How many releases the story is told in.
    pub(super) fn len(&self) -> usize {
        self.stages.len()
    }

    fn release_id(&self, index: usize) -> String {
        format!("{}-{:02}", self.ocid, index + 1)
    }

    fn buyer(&self) -> Result<Organization> {
        let c = self.council;
        Ok(Organization {
            id: format!("GB-LAE-{}", c.lae),
            name: Some(c.name.into()),
            identifier: Some(Identifier {
                scheme: "GB-LAE".into(),
                id: c.lae.into(),
                legal_name: Some(c.name.into()),
                uri: None,
                additional_fields: extra(),
            }),
            additional_identifiers: Vec::new(),
            roles: vec![PartyRole::Buyer],
            details: Some(OrganizationDetails {
                gss_code: Some(GssCode::new(c.gss).map_err(invalid)?),
                dfe_number: Some(c.dfe.into()),
                ..OrganizationDetails::default()
            }),
            additional_fields: extra(),
        })
    }

    /// Release number `index` of the story.
    pub(super) fn release(&self, index: usize) -> Result<Release> {
        let stage = self.stages[index];
        let id = self.release_id(index);
        let mut parties = vec![self.buyer()?];
        let mut release = Release {
            ocid: Ocid::new(self.ocid.clone()).map_err(invalid)?,
            id: id.clone(),
            date: time::uk(self.dates[index])?,
            tag: Vec::new(),
            initiation_type: InitiationType::Tender,
            process_type: ProcessType::Placement,
            language: Some("en".into()),
            parties: Vec::new(),
            buyer: Some(OrganizationReference {
                id: parties[0].id.clone(),
                name: parties[0].name.clone(),
                additional_fields: extra(),
            }),
            settings: Vec::new(),
            tender: None,
            bids: None,
            awards: Vec::new(),
            contracts: Vec::new(),
            related_processes: self.related_processes(),
            additional_fields: extra(),
        };
        let decided = matches!(stage, Stage::Award | Stage::AllAtOnce);
        match stage {
            Stage::Referral => {
                release.tag = vec![ReleaseTag::Tender];
                for p in &self.contacted {
                    parties.push(p.organization(vec![PartyRole::InterestedParty]));
                }
                release.tender = Some(self.tender.clone());
            }
            Stage::Offers | Stage::Award | Stage::AllAtOnce => {
                release.tag = match stage {
                    Stage::Offers => vec![ReleaseTag::TenderUpdate],
                    Stage::Award => vec![ReleaseTag::Award],
                    _ => vec![ReleaseTag::Tender, ReleaseTag::Award, ReleaseTag::Contract],
                };
                for (i, p) in self.contacted.iter().enumerate() {
                    let roles = match (self.offered[i], decided && i == self.winner) {
                        (true, true) => vec![PartyRole::Tenderer, PartyRole::Supplier],
                        (true, false) => vec![PartyRole::Tenderer],
                        _ => vec![PartyRole::InterestedParty],
                    };
                    parties.push(p.organization(roles));
                }
                release.settings.clone_from(&self.settings);
                let mut tender = self.tender.clone();
                tender.tenderers = (self.contacted.iter().zip(&self.offered))
                    .filter(|(_, offered)| **offered)
                    .map(|(p, _)| p.reference())
                    .collect();
                tender.number_of_tenderers = Some(tender.tenderers.len() as u32);
                if decided {
                    tender.status = Some(TenderStatus::Complete);
                    release.awards = vec![self.award.clone()];
                }
                release.tender = Some(tender);
                release.bids = Some(Bids {
                    details: self.bids.clone(),
                    additional_fields: extra(),
                });
                if stage == Stage::AllAtOnce {
                    release.contracts = vec![self.contract.clone()];
                }
            }
            Stage::Agreement | Stage::FeeChange | Stage::Ending => {
                let winner = self.contacted[self.winner];
                parties.push(winner.organization(vec![PartyRole::Tenderer, PartyRole::Supplier]));
                let setting = self.bids[self.winning_bid].setting_id.as_ref();
                release.settings = (self.settings.iter())
                    .filter(|s| Some(&s.id) == setting)
                    .cloned()
                    .collect();
                let mut award = self.award.clone();
                award.related_bids.clear();
                award.selection = None;
                release.awards = vec![award];
                release.contracts = vec![self.agreement_at(index)?];
                release.tag = match stage {
                    Stage::Agreement => vec![ReleaseTag::Contract],
                    Stage::FeeChange => vec![ReleaseTag::ContractAmendment],
                    _ if self.ending.as_ref().is_some_and(|e| !e.outcomes.is_empty()) => {
                        vec![ReleaseTag::ContractTermination, ReleaseTag::Implementation]
                    }
                    _ => vec![ReleaseTag::ContractTermination],
                };
            }
        }
        release.parties = parties;
        Ok(release)
    }

    fn related_processes(&self) -> Vec<RelatedProcess> {
        let region = &REGIONS[self.council.region];
        let (kind, title) = match self.route {
            ProcurementRoute::FrameworkCallOff => ("fw", region.framework),
            ProcurementRoute::DpsMiniCompetition => ("dps", region.dps),
            _ => return Vec::new(),
        };
        vec![RelatedProcess {
            id: "framework".into(),
            relationship: vec![RelatedProcessRelationship::Framework],
            title: Some(title.into()),
            scheme: RelatedProcessScheme::Ocid,
            identifier: format!("ocds-pcdsgn-{kind}-{}-2024", region.key),
            uri: None,
            additional_fields: extra(),
        }]
    }

    /// The agreement as it stands in release `index`: with the fee change once it has been
    /// published, and with the ending in the release that reports it.
    fn agreement_at(&self, index: usize) -> Result<Contract> {
        let mut contract = self.contract.clone();
        let changed = self.stages[..=index]
            .iter()
            .position(|s| *s == Stage::FeeChange);
        if let (Some(at), Some(change)) = (changed, &self.fee_change) {
            // The starting price stays as agreed: the change and the price from then on are the
            // amendment's.
            contract.amendments = vec![Amendment {
                id: "amendment-1".into(),
                date: Some(time::uk(change.date)?),
                rationale: Some(change.rationale.into()),
                description: Some(change.description.clone()),
                amends_release_id: Some(self.release_id(at - 1)),
                release_id: Some(self.release_id(at)),
                fee_change: Some(FeeChange {
                    change_type: change.kind.clone(),
                    trigger: change.trigger.clone(),
                    percentage: change.percentage,
                    applies_to: change.percentage.map(|_| PriceBase::CoreFee),
                    previous_weekly_total: gbp(change.before.total())?,
                    new_weekly_total: gbp(change.after.total())?,
                    effective_date: time::uk(change.effective)?,
                    new_weekly_price: Some(change.after.breakdown(true)?),
                    additional_fields: extra(),
                }),
                additional_fields: extra(),
            }];
        }
        if let (Stage::Ending, Some(ending)) = (self.stages[index], &self.ending) {
            contract.status = Some(ContractStatus::Terminated);
            if let Some(period) = contract.period.as_mut() {
                let start = self.start;
                period.end_date = Some(time::uk(ending.date)?);
                period.duration_in_days = Some(((ending.date - start) / DAY) as u32);
            }
            contract.ending = Some(PlacementEnding {
                date: time::uk(ending.date)?,
                reason: ending.reason.clone(),
                planned: ending.planned,
                initiated_by: Some(ending.initiated_by.clone()),
                notice_date: match ending.notice_days {
                    Some(days) => Some(time::uk(ending.date - DAY * i64::from(days))?),
                    None => None,
                },
                notice_days: ending.notice_days,
                additional_fields: extra(),
            });
            if !ending.outcomes.is_empty() {
                contract.implementation = Some(Implementation {
                    outcomes: ending.outcomes.clone(),
                    ..Implementation::default()
                });
            }
        }
        Ok(contract)
    }
}
