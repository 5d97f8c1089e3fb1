//! The facts the questions are answered from, read out of one process's compiled release.
//!
//! A compiled release is reduced to small rows as it arrives, so a pool of any size is analysed
//! from its facts alone. Children are what is counted: a sibling group under one agreement is as
//! many placements as it has children, each at its own share of the price.

use chrono::Utc;
use pcds::codelist::Codelist;
use pcds::codelists::{FeeChangeType, PriceUnit, ProcurementRoute, ProviderStatus, ResponseType};
use pcds::{Contract, DateTime, Release};
use rust_decimal::Decimal;

use crate::summary::pence;

/// The value a key takes when the data does not state it.
pub const NOT_STATED: &str = "notStated";

/// One child placed under an individual placement agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The process's ocid.
    pub ocid: String,
    /// The placing council: its GSS code, or its party id when it states none.
    pub council: String,
    /// The provider awarded the placement: its party id.
    pub provider: String,
    /// The setting's Ofsted URN.
    pub setting: Option<String>,
    /// The placement type code.
    pub placement_type: String,
    /// The child's age band code.
    pub age_band: String,
    /// The level of need the placement is priced for.
    pub need_level: String,
    /// The procurement route code.
    pub route: String,
    /// When the placement started.
    pub start: Option<DateTime>,
    /// When the referral went out: the tender period's start, or the first provider contacted.
    pub referred: Option<DateTime>,
    /// The referral's urgency code.
    pub urgency: String,
    /// This child's weekly total on the start date (its share of a group price).
    pub weekly_total: Option<Decimal>,
    /// This child's weekly core fee on the start date (its share of a group price).
    pub core_fee: Option<Decimal>,
    /// The Ofsted judgement of the setting at its latest inspection.
    pub ofsted: String,
    /// Whether the placement is outside the placing council's area.
    pub out_of_area: Option<bool>,
    /// The distance band code.
    pub distance_band: String,
    /// How many children the agreement covers.
    pub group_size: usize,
    /// The ending, for a placement that has ended.
    pub ending: Option<Ending>,
    /// Why the placement's price is not counted, when it is not.
    pub excluded_price: Option<&'static str>,
}

/// How a placement ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    /// The ending reason code.
    pub reason: String,
    /// Who initiated the ending.
    pub initiated_by: String,
    /// Whether the ending was planned.
    pub planned: bool,
    /// The placement's length in days, from its start to its last day inclusive.
    pub days: Option<i64>,
}

/// One agreement's price history and discounts (counted once per agreement, not per child).
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// The process's ocid.
    pub ocid: String,
    /// The placing council.
    pub council: String,
    /// The provider.
    pub provider: String,
    /// The placement type code.
    pub placement_type: String,
    /// When the agreement started.
    pub start: Option<DateTime>,
    /// Each price step: when it took effect, the weekly total, the core fee, and the change's
    /// type for steps after the first.
    pub steps: Vec<Step>,
    /// The ids of the discounts the agreement commits to.
    pub committed_discounts: Vec<String>,
    /// The ids of the committed discounts applied in any price in force.
    pub applied_discounts: Vec<String>,
}

/// One step of an agreement's price.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// When the step took effect.
    pub from: Option<DateTime>,
    /// The weekly total in force.
    pub weekly_total: Decimal,
    /// The weekly core fee in force, when known.
    pub core_fee: Option<Decimal>,
    /// For a fee change: its type code (`uplift`, `reduction`, `serviceChange`,
    /// `discountApplied`); `None` for the starting price.
    pub change: Option<String>,
    /// For a fee change: its trigger code.
    pub trigger: Option<String>,
    /// For a fee change: the change in the weekly total as a percentage of the total before it.
    pub change_percentage: Option<Decimal>,
}

/// A referral and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct Referral {
    /// The process's ocid.
    pub ocid: String,
    /// The placing council.
    pub council: String,
    /// The urgency code.
    pub urgency: String,
    /// The first placement type sought.
    pub placement_type: String,
    /// When the referral went out.
    pub referred: Option<DateTime>,
    /// How many children the referral is for.
    pub children: usize,
    /// How many providers were sent it.
    pub contacted: usize,
    /// How many offered.
    pub offers: usize,
    /// How many refused.
    pub refusals: usize,
    /// The refusal reason codes given.
    pub refusal_reasons: Vec<String>,
    /// Hours from the referral to the first offer.
    pub hours_to_offer: Option<Decimal>,
    /// Hours from the referral to the award.
    pub hours_to_award: Option<Decimal>,
}

/// One provider's place on a framework or DPS.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    /// The framework's ocid.
    pub ocid: String,
    /// The council (or lead council) running it.
    pub council: String,
    /// The provider.
    pub provider: String,
    /// The provider's name, when given.
    pub provider_name: Option<String>,
    /// The provider's standing now.
    pub status: String,
    /// Since when, for a suspended or excluded provider: the latest change to that standing.
    pub since: Option<DateTime>,
    /// The tier code or id.
    pub tier: String,
    /// The quality score carried into evaluations.
    pub quality_score: Option<Decimal>,
    /// The evaluated weekly price divided by the quality score.
    pub price_per_quality_unit: Option<Decimal>,
}

/// One period of a block or cost-and-volume contract.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockPeriod {
    /// The contract's ocid.
    pub ocid: String,
    /// The contract's id.
    pub contract: String,
    /// The council.
    pub council: String,
    /// The provider.
    pub provider: String,
    /// The period's first day.
    pub from: Option<DateTime>,
    /// The period's last day.
    pub to: Option<DateTime>,
    /// Places reserved.
    pub reserved: u32,
    /// Places filled throughout the period (for an occupancy entry).
    pub filled: Option<u32>,
    /// Places empty (for a void).
    pub empty: Option<u32>,
    /// What the council paid for the empty places (for a void).
    pub void_cost: Option<Decimal>,
}

/// An outcome indicator measured for a placement.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The process's ocid.
    pub ocid: String,
    /// The provider.
    pub provider: String,
    /// The indicator code.
    pub indicator: String,
    /// The value measured.
    pub value: Decimal,
    /// Whether it is the baseline.
    pub baseline: bool,
}

/// Every fact read from one compiled release.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Children placed.
    pub placements: Vec<Placement>,
    /// Individual placement agreements.
    pub agreements: Vec<Agreement>,
    /// The referral, for a placement process that has one.
    pub referrals: Vec<Referral>,
    /// Framework admissions.
    pub admissions: Vec<Admission>,
    /// Block contract periods and voids.
    pub blocks: Vec<BlockPeriod>,
    /// Outcome measures.
    pub outcomes: Vec<Outcome>,
}

/// Reads the facts of one compiled release.
#[must_use]
pub fn read(release: &Release) -> Facts {
    let mut facts = Facts::default();
    let ocid = release.ocid.as_str().to_owned();
    let council = council(release);
    let tender = release.tender.as_ref();
    let referral = tender.and_then(|t| t.referral.as_ref());
    let referred = tender
        .and_then(|t| t.tender_period.as_ref())
        .and_then(|p| p.start_date)
        .or_else(|| tender.and_then(|t| t.providers_contacted.iter().map(|c| c.date).min()));
    let urgency = referral.map_or(NOT_STATED.to_owned(), |r| r.urgency.code().to_owned());

    for contract in &release.contracts {
        let provider = supplier(release, contract);
        if let Some(terms) = &contract.placement {
            read_placement(
                release,
                contract,
                &mut facts,
                &PlacementContext {
                    ocid: &ocid,
                    council: &council,
                    provider: &provider,
                    referred,
                    urgency: &urgency,
                },
                terms,
            );
        }
        if let Some(block) = &contract.block {
            for entry in &block.occupancy {
                facts.blocks.push(BlockPeriod {
                    ocid: ocid.clone(),
                    contract: contract.id.clone(),
                    council: council.clone(),
                    provider: provider.clone(),
                    from: entry.period.start_date,
                    to: entry.period.end_date,
                    reserved: block.reserved_places,
                    filled: Some(entry.places_filled),
                    empty: None,
                    void_cost: None,
                });
            }
            for void in &block.voids {
                facts.blocks.push(BlockPeriod {
                    ocid: ocid.clone(),
                    contract: contract.id.clone(),
                    council: council.clone(),
                    provider: provider.clone(),
                    from: void.period.start_date,
                    to: void.period.end_date,
                    reserved: block.reserved_places,
                    filled: None,
                    empty: Some(void.places),
                    void_cost: block.void_cost(void),
                });
            }
        }
    }

    if let Some(referral) = referral {
        let details = release.bids.as_ref().map_or(&[][..], |b| &b.details[..]);
        let offers: Vec<_> = details
            .iter()
            .filter(|b| b.response == ResponseType::Offer)
            .collect();
        let refusals: Vec<_> = details
            .iter()
            .filter(|b| b.response == ResponseType::Refusal)
            .collect();
        let first_offer = offers.iter().map(|b| b.date).min();
        let award = release.awards.iter().filter_map(|a| a.date).min();
        facts.referrals.push(Referral {
            ocid: ocid.clone(),
            council: council.clone(),
            urgency: urgency.clone(),
            placement_type: referral
                .placement_types_sought
                .first()
                .map_or(NOT_STATED.to_owned(), |t| t.code().to_owned()),
            referred,
            children: referral.children.len(),
            contacted: tender.map_or(0, |t| t.providers_contacted.len()),
            offers: offers.len(),
            refusals: refusals.len(),
            refusal_reasons: refusals
                .iter()
                .map(|b| {
                    b.refusal_reason
                        .as_ref()
                        .map_or(NOT_STATED.to_owned(), |r| r.code().to_owned())
                })
                .collect(),
            hours_to_offer: hours_between(referred, first_offer),
            hours_to_award: hours_between(referred, award),
        });
    }

    for award in &release.awards {
        let Some(admission) = &award.admission else {
            continue;
        };
        let provider = award
            .suppliers
            .first()
            .map_or(NOT_STATED.to_owned(), |s| s.id.clone());
        let latest = admission
            .status_history
            .iter()
            .filter(|c| c.setting_id.is_none() && c.status == admission.status)
            .max_by_key(|c| c.date);
        let standing_matters = matches!(
            admission.status,
            ProviderStatus::Suspended | ProviderStatus::Excluded
        );
        facts.admissions.push(Admission {
            ocid: ocid.clone(),
            council: council.clone(),
            provider_name: party_name(release, &provider),
            provider,
            status: admission.status.code().to_owned(),
            since: latest.filter(|_| standing_matters).map(|c| c.date),
            tier: admission
                .tier
                .as_ref()
                .map_or(NOT_STATED.to_owned(), |t| t.code().to_owned()),
            quality_score: admission.quality_score.map(pcds::Amount::value),
            price_per_quality_unit: admission.price_per_quality_unit.map(pcds::Amount::value),
        });
    }
    facts
}

struct PlacementContext<'a> {
    ocid: &'a str,
    council: &'a str,
    provider: &'a str,
    referred: Option<DateTime>,
    urgency: &'a str,
}

fn read_placement(
    release: &Release,
    contract: &Contract,
    facts: &mut Facts,
    context: &PlacementContext<'_>,
    terms: &pcds::PlacementTerms,
) {
    let referral = release.tender.as_ref().and_then(|t| t.referral.as_ref());
    let start = contract.period.as_ref().and_then(|p| p.start_date);
    let at_start = start.and_then(|s| contract.weekly_price_on(s));
    let group_size = terms.child_keys.len().max(1);
    let per_group = terms.price_unit == Some(PriceUnit::PerGroup) && group_size > 1;
    let setting = terms.setting_id.as_ref().map(|s| s.as_str().to_owned());
    let ofsted = setting
        .as_ref()
        .and_then(|urn| release.settings.iter().find(|s| s.id.as_str() == urn))
        .and_then(pcds::Setting::current_judgement)
        .map_or(NOT_STATED.to_owned(), |j| j.code().to_owned());
    let ending = contract.ending.as_ref().map(|e| Ending {
        reason: e.reason.code().to_owned(),
        initiated_by: e
            .initiated_by
            .as_ref()
            .map_or(NOT_STATED.to_owned(), |i| i.code().to_owned()),
        planned: e.planned,
        days: start.map(|s| (e.date.0.date_naive() - s.0.date_naive()).num_days() + 1),
    });
    let gbp = terms.weekly_price.weekly_total.currency == pcds::codelists::Currency::Gbp;
    let excluded_price = if start.is_none() {
        Some("the agreement states no start date, so no price is in force on a date")
    } else if !gbp {
        Some("the price is not in pounds sterling")
    } else if at_start.is_none() {
        Some("no price is in force on the start date")
    } else {
        None
    };
    for (index, key) in terms.child_keys.iter().enumerate().take(group_size) {
        let child = referral.and_then(|r| r.children.iter().find(|c| &c.key == key));
        let need_level = terms
            .need_level
            .as_ref()
            .or_else(|| child.and_then(|c| c.need_level.as_ref()))
            .map_or(NOT_STATED.to_owned(), |n| n.code().to_owned());
        let share = |amount: Decimal| -> Decimal {
            if !per_group {
                return amount;
            }
            // A stated share of a group price is that child's; otherwise the group price is
            // split evenly, the last child taking what rounding leaves.
            let even = pence(amount / Decimal::from(group_size));
            if index + 1 == group_size {
                amount - even * Decimal::from(group_size - 1)
            } else {
                even
            }
        };
        let stated_share = per_group
            .then(|| terms.child_prices.iter().find(|p| &p.child_key == key))
            .flatten()
            .map(|p| p.weekly_total.amount.value());
        let in_force = at_start.as_ref().filter(|_| excluded_price.is_none());
        let start_total = terms.weekly_price.weekly_total.amount.value();
        let weekly_total = in_force.map(|step| match stated_share {
            // A stated share is of the starting price: it moves with the price in proportion.
            Some(stated) if start_total.is_zero() || step.weekly_total == start_total => stated,
            Some(stated) => pence(stated * step.weekly_total / start_total),
            None => share(step.weekly_total),
        });
        let core_fee = in_force.and_then(|step| step.core_weekly).map(share);
        facts.placements.push(Placement {
            ocid: context.ocid.to_owned(),
            council: context.council.to_owned(),
            provider: context.provider.to_owned(),
            setting: setting.clone(),
            placement_type: terms.placement_type.code().to_owned(),
            age_band: child.map_or(NOT_STATED.to_owned(), |c| c.age_band.code().to_owned()),
            need_level,
            route: terms.procurement_route.code().to_owned(),
            start,
            referred: context.referred,
            urgency: context.urgency.to_owned(),
            weekly_total,
            core_fee,
            ofsted: ofsted.clone(),
            out_of_area: terms.out_of_area,
            distance_band: terms
                .distance_band
                .as_ref()
                .map_or(NOT_STATED.to_owned(), |d| d.code().to_owned()),
            group_size,
            ending: ending.clone(),
            excluded_price,
        });
    }

    let history = contract.price_history();
    let mut applied: Vec<String> = history
        .iter()
        .filter_map(|s| s.breakdown)
        .flat_map(|b| b.discounts.iter().filter_map(|d| d.discount_id.clone()))
        .collect();
    applied.sort();
    applied.dedup();
    let mut previous: Option<Decimal> = None;
    let steps = history
        .iter()
        .map(|step| {
            let (change, trigger) = match step.source {
                pcds::PriceSource::Agreement => (None, None),
                pcds::PriceSource::FeeChange(amendment) => {
                    let fee = amendment.fee_change.as_ref();
                    (
                        fee.map(|f| f.change_type.code().to_owned()),
                        fee.map(|f| f.trigger.code().to_owned()),
                    )
                }
            };
            let change_percentage = previous
                .filter(|p| !p.is_zero() && change.is_some())
                .map(|p| ((step.weekly_total - p) * Decimal::ONE_HUNDRED / p).round_dp(2));
            previous = Some(step.weekly_total);
            Step {
                from: step.from,
                weekly_total: step.weekly_total,
                core_fee: step.core_weekly,
                change,
                trigger,
                change_percentage,
            }
        })
        .collect();
    facts.agreements.push(Agreement {
        ocid: context.ocid.to_owned(),
        council: context.council.to_owned(),
        provider: context.provider.to_owned(),
        placement_type: terms.placement_type.code().to_owned(),
        start,
        steps,
        committed_discounts: terms.discounts.iter().map(|d| d.id.clone()).collect(),
        applied_discounts: applied,
    });
    if let Some(implementation) = &contract.implementation {
        for measure in &implementation.outcomes {
            facts.outcomes.push(Outcome {
                ocid: context.ocid.to_owned(),
                provider: context.provider.to_owned(),
                indicator: measure.indicator.code().to_owned(),
                value: measure.value.value(),
                baseline: measure.baseline.unwrap_or(false),
            });
        }
    }
}

/// Whether a fee change type is a change of price (an uplift or a reduction).
#[must_use]
pub fn is_price_change(code: &str) -> bool {
    code == FeeChangeType::Uplift.code() || code == FeeChangeType::Reduction.code()
}

/// Whether a procurement route code is a framework or DPS route.
#[must_use]
pub fn is_framework_route(code: &str) -> bool {
    [
        ProcurementRoute::FrameworkCallOff,
        ProcurementRoute::DpsMiniCompetition,
        ProcurementRoute::LocalFramework,
        ProcurementRoute::SubRegionalArrangement,
    ]
    .iter()
    .any(|r| r.code() == code)
}

/// The buying council: its GSS code, or its party id.
fn council(release: &Release) -> String {
    let Some(buyer) = &release.buyer else {
        return NOT_STATED.to_owned();
    };
    release
        .parties
        .iter()
        .find(|p| p.id == buyer.id)
        .and_then(|p| p.details.as_ref())
        .and_then(|d| d.gss_code.as_ref())
        .map_or_else(|| buyer.id.clone(), |g| g.as_str().to_owned())
}

/// The provider of an agreement: the supplier of its award, or the provider running its setting.
fn supplier(release: &Release, contract: &Contract) -> String {
    release
        .awards
        .iter()
        .find(|a| a.id == contract.award_id)
        .and_then(|a| a.suppliers.first())
        .map(|s| s.id.clone())
        .or_else(|| {
            let urn = contract.placement.as_ref()?.setting_id.as_ref()?;
            release
                .settings
                .iter()
                .find(|s| &s.id == urn)
                .map(|s| s.provider_id.clone())
        })
        .unwrap_or_else(|| NOT_STATED.to_owned())
}

fn party_name(release: &Release, id: &str) -> Option<String> {
    release
        .parties
        .iter()
        .find(|p| p.id == id)
        .and_then(|p| p.name.clone())
}

fn hours_between(from: Option<DateTime>, to: Option<DateTime>) -> Option<Decimal> {
    let minutes = (to?.0 - from?.0).num_minutes();
    (minutes >= 0).then(|| (Decimal::from(minutes) / Decimal::from(60)).round_dp(1))
}

/// The UK wall-clock time of a moment.
#[must_use]
pub fn uk_local(moment: DateTime) -> chrono::NaiveDateTime {
    crate::uk_time::local(moment.0.with_timezone(&Utc))
}
