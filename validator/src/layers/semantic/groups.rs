//! Rules for children in groups, framework admissions and the evaluation of offers: which child
//! an agreement is for and whom its price is for, tiers and setting-level status, scores,
//! ranks and parent or carer choice.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use pcds::codelists::{
    FrameworkTier, OfstedJudgement, PlacementType, PriceUnit, ProcessType, ProcurementRoute,
    ProviderStatus, ResponseType, SelectionBasis,
};
use pcds::{Admission, Release};

use super::{Check, Target};
use crate::rules;

/// Children in groups: every agreement names referral children, states whom a price for
/// several is for, and splits a group price into shares that add up.
pub(super) fn children(check: &mut Check<'_>, release: &Release) {
    if let Some(referral) = release.tender.as_ref().and_then(|t| t.referral.as_ref()) {
        let mut seen = HashSet::new();
        for (i, child) in referral.children.iter().enumerate() {
            if !seen.insert(child.key.as_str()) {
                check.report(
                    &rules::ID_DUPLICATE,
                    &format!("/tender/referral/children/{i}/key"),
                    format!(
                        "the child key `{}` is used twice in the referral",
                        child.key
                    ),
                );
            }
        }
    }
    for (i, contract) in release.contracts.iter().enumerate() {
        let Some(placement) = &contract.placement else {
            continue;
        };
        let pointer = format!("/contracts/{i}/placement");
        for (j, key) in placement.child_keys.iter().enumerate() {
            check.defer(
                Target::Child,
                key,
                &rules::GROUP_CHILD_UNKNOWN,
                &format!("{pointer}/childKeys/{j}"),
                format!("no child of this process's referral has the key `{key}` (in any release)"),
            );
        }
        let several = placement.child_keys.len() > 1;
        if several && placement.price_unit.is_none() {
            check.report(
                &rules::GROUP_PRICE_UNIT,
                &format!("{pointer}/childKeys"),
                format!(
                    "the agreement is for {} children but does not say whether its price is per child or per group (`priceUnit`)",
                    placement.child_keys.len()
                ),
            );
        }
        if several && is_foster(&placement.placement_type) && placement.household_key.is_none() {
            check.report(
                &rules::GROUP_HOUSEHOLD,
                &format!("{pointer}/childKeys"),
                format!(
                    "the foster care agreement is for {} children but gives no `householdKey`",
                    placement.child_keys.len()
                ),
            );
        }
        if placement.child_prices.is_empty() {
            continue;
        }
        let shares = format!("{pointer}/childPrices");
        if placement.price_unit != Some(PriceUnit::PerGroup) {
            check.report(
                &rules::GROUP_CHILD_PRICES,
                &shares,
                "children's shares are given but the price is not a `perGroup` price".into(),
            );
        }
        for (j, share) in placement.child_prices.iter().enumerate() {
            if !placement.child_keys.contains(&share.child_key) {
                check.report(
                    &rules::GROUP_CHILD_PRICES,
                    &format!("{shares}/{j}/childKey"),
                    format!(
                        "the share is for `{}`, which is not one of the agreement's `childKeys`",
                        share.child_key
                    ),
                );
            }
        }
        let sum: Decimal = placement
            .child_prices
            .iter()
            .map(|s| s.weekly_total.amount.value())
            .sum();
        let total = placement.weekly_price.weekly_total.amount.value();
        if sum != total {
            check.report(
                &rules::GROUP_CHILD_PRICES,
                &shares,
                format!("the children's shares add up to {sum} but the weekly total is {total}"),
            );
        }
    }
}

/// Every agreement states the level of need it is priced for, and a framework call-off the
/// line of the provider's price schedule it was priced from.
pub(super) fn pricing_basis(check: &mut Check<'_>, release: &Release) {
    for (i, contract) in release.contracts.iter().enumerate() {
        let Some(placement) = &contract.placement else {
            continue;
        };
        let pointer = format!("/contracts/{i}/placement");
        if placement.need_level.is_none() {
            check.report(
                &rules::PRICE_BASIS,
                &pointer,
                "the agreement does not say the level of need it is priced for (`needLevel`)"
                    .into(),
            );
        }
        if placement.procurement_route == ProcurementRoute::FrameworkCallOff
            && placement.price_schedule_line_id.is_none()
        {
            check.report(
                &rules::PRICE_BASIS,
                &pointer,
                "the call-off does not name the line of the framework price schedule it was priced from (`priceScheduleLineId`)"
                    .into(),
            );
        }
    }
}

fn is_foster(placement_type: &PlacementType) -> bool {
    matches!(
        placement_type,
        PlacementType::FosterCare
            | PlacementType::SpecialistFosterCare
            | PlacementType::ParentAndChildFosterCare
            | PlacementType::EmergencyFosterCare
            | PlacementType::KinshipFosterCare
    )
}

/// How good a judgement is: higher is better; `None` for a setting not yet inspected.
fn rank(judgement: &OfstedJudgement) -> Option<u8> {
    match judgement {
        OfstedJudgement::Outstanding => Some(4),
        OfstedJudgement::Good => Some(3),
        OfstedJudgement::RequiresImprovement => Some(2),
        OfstedJudgement::Inadequate => Some(1),
        _ => None,
    }
}

/// Framework admissions: declared tiers, setting-level status changes and the inspections
/// that caused them, and settings below the framework's minimum judgement.
/// A framework or DPS says so in the OCDS techniques fields, as the central procurement
/// platform's notice for it does.
pub(super) fn techniques(check: &mut Check<'_>, release: &Release) {
    let (field, what) = match release.process_type {
        ProcessType::Framework => ("hasFrameworkAgreement", "framework"),
        ProcessType::DynamicPurchasingSystem => {
            ("hasDynamicPurchasingSystem", "dynamic purchasing system")
        }
        _ => return,
    };
    let Some(tender) = &release.tender else {
        return;
    };
    let techniques = tender.techniques.as_ref();
    let stated = match field {
        "hasFrameworkAgreement" => techniques.and_then(|t| t.has_framework_agreement),
        _ => techniques.and_then(|t| t.has_dynamic_purchasing_system),
    };
    if stated != Some(true) {
        let pointer = match techniques {
            Some(_) => format!("/tender/techniques/{field}"),
            None => "/tender".to_owned(),
        };
        check.report(
            &rules::FRAME_TECHNIQUES,
            &pointer,
            format!("the process is a {what} but `tender.techniques.{field}` is not `true`"),
        );
    }
}

pub(super) fn admissions(check: &mut Check<'_>, release: &Release) {
    let minimum = release
        .tender
        .iter()
        .flat_map(|t| &t.qualification_criteria)
        .filter_map(|c| c.minimum_ofsted_judgement.as_ref().and_then(rank))
        .max();
    for (i, award) in release.awards.iter().enumerate() {
        let Some(admission) = &award.admission else {
            continue;
        };
        let pointer = format!("/awards/{i}/admission");
        if let Some(FrameworkTier::Unlisted(tier)) = &admission.tier {
            check.defer(
                Target::Tier,
                tier,
                &rules::FRAME_TIER,
                &format!("{pointer}/tier"),
                format!(
                    "the tier `{tier}` is not a common tier and is not declared in `tender.tiers` of any release of this process"
                ),
            );
        }
        settings_history(check, release, admission, &pointer);
        if let Some(minimum) = minimum {
            below_minimum(check, release, admission, &pointer, minimum);
        }
    }
}

fn settings_history(check: &mut Check<'_>, release: &Release, admission: &Admission, at: &str) {
    for (j, change) in admission.status_history.iter().enumerate() {
        let pointer = format!("{at}/statusHistory/{j}");
        if let Some(setting) = &change.setting_id
            && !admission.setting_ids.contains(setting)
        {
            check.report(
                &rules::FRAME_SETTING_STATUS,
                &format!("{pointer}/settingId"),
                format!("the setting `{setting}` is not one of the admission's `settingIds`"),
            );
        }
        let Some(date) = change.inspection_date else {
            continue;
        };
        let inspected = change.setting_id.as_ref().is_some_and(|setting| {
            release
                .settings
                .iter()
                .filter(|s| s.id == *setting)
                .flat_map(|s| &s.inspections)
                .any(|inspection| inspection.date == date)
        });
        // A setting published elsewhere cannot be checked here; one named in this release can.
        let knowable = change
            .setting_id
            .as_ref()
            .is_none_or(|setting| release.settings.iter().any(|s| s.id == *setting));
        if !inspected && knowable {
            check.report(
                &rules::FRAME_INSPECTION,
                &format!("{pointer}/inspectionDate"),
                match &change.setting_id {
                    Some(setting) => {
                        format!("the setting `{setting}` has no inspection dated {date}")
                    }
                    None => {
                        "an inspection caused the change but the entry names no `settingId`".into()
                    }
                },
            );
        }
    }
}

fn below_minimum(
    check: &mut Check<'_>,
    release: &Release,
    admission: &Admission,
    at: &str,
    minimum: u8,
) {
    if admission.status != ProviderStatus::Admitted {
        return;
    }
    for (j, urn) in admission.setting_ids.iter().enumerate() {
        let Some(latest) = release
            .settings
            .iter()
            .filter(|s| s.id == *urn)
            .flat_map(|s| &s.inspections)
            .max_by_key(|inspection| inspection.date)
        else {
            continue;
        };
        if rank(&latest.judgement).is_none_or(|r| r >= minimum) {
            continue;
        }
        let standing = admission
            .status_history
            .iter()
            .filter(|c| c.setting_id.as_ref() == Some(urn) && c.date >= latest.date)
            .max_by_key(|c| c.date)
            .map(|c| &c.status);
        if standing.is_none_or(|s| *s == ProviderStatus::Admitted) {
            check.report(
                &rules::FRAME_BELOW_MINIMUM,
                &format!("{at}/settingIds/{j}"),
                format!(
                    "the setting `{urn}` was judged `{}` on {}, below the framework's minimum, and is still admitted",
                    latest.judgement, latest.date
                ),
            );
        }
    }
}

/// The evaluation of offers: scores within their maximum, one response per rank, and parent or
/// carer choice among offers within the margin.
pub(super) fn evaluation(check: &mut Check<'_>, release: &Release) {
    let bids: Vec<_> = release.bids.iter().flat_map(|b| &b.details).collect();
    let model = release.tender.as_ref().and_then(|t| t.evaluation.as_ref());
    let out_of = model
        .and_then(|e| e.total_points)
        .map_or(Decimal::ONE_HUNDRED, |t| t.value());
    if let Some(evaluation) = model
        && let Some(total) = evaluation.total_points
    {
        let stated: Option<Decimal> = evaluation
            .criteria
            .iter()
            .map(|c| c.maximum_points.map(|m| m.value()))
            .sum();
        match stated {
            None => check.report(
                &rules::EVAL_POINTS,
                "/tender/evaluation/totalPoints",
                format!(
                    "the evaluation gives {total} points in all, but not every criterion states its `maximumPoints`"
                ),
            ),
            Some(sum) if !evaluation.criteria.is_empty() && sum != total.value() => check.report(
                &rules::EVAL_POINTS,
                "/tender/evaluation/totalPoints",
                format!("the criteria's maximum points add up to {sum}, not the total of {total}"),
            ),
            Some(_) => {}
        }
    }
    let mut ranks: HashMap<u32, usize> = HashMap::new();
    for (i, bid) in bids.iter().enumerate() {
        for (j, score) in bid.scores.iter().enumerate() {
            if score.score.value() > score.maximum.value() {
                check.report(
                    &rules::EVAL_SCORE_MAXIMUM,
                    &format!("/bids/details/{i}/scores/{j}/score"),
                    format!(
                        "the score {} is above the criterion's maximum of {}",
                        score.score, score.maximum
                    ),
                );
            }
        }
        if let Some(total) = bid.total_score
            && total.value() > out_of
        {
            check.report(
                &rules::EVAL_SCORE_MAXIMUM,
                &format!("/bids/details/{i}/totalScore"),
                format!("the total score {total} is above the most possible, {out_of}"),
            );
        }
        let weighted: Option<Decimal> = bid
            .scores
            .iter()
            .map(|s| s.weighted_score.map(|w| w.value()))
            .sum();
        if let (Some(total), Some(sum)) = (bid.total_score, weighted)
            && !bid.scores.is_empty()
            && (sum - total.value()).abs() > Decimal::new(1, 2)
        {
            check.report(
                &rules::EVAL_TOTAL,
                &format!("/bids/details/{i}/scores"),
                format!("the weighted scores add up to {sum}, but the total score is {total}"),
            );
        }
        if let Some(rank) = bid.rank {
            if let Some(first) = ranks.get(&rank) {
                check.report(
                    &rules::EVAL_RANK,
                    &format!("/bids/details/{i}/rank"),
                    format!(
                        "the response `{}` has rank {rank}, as `{}` has",
                        bid.id, bids[*first].id
                    ),
                );
            } else {
                ranks.insert(rank, i);
            }
        }
    }
    let Some(evaluation) = release.tender.as_ref().and_then(|t| t.evaluation.as_ref()) else {
        return;
    };
    let best = bids
        .iter()
        .filter(|b| b.response == ResponseType::Offer)
        .filter_map(|b| b.total_score.map(|s| s.value()))
        .max();
    let scores: HashMap<&str, Decimal> = bids
        .iter()
        .filter_map(|b| b.total_score.map(|s| (b.id.as_str(), s.value())))
        .collect();
    for (i, award) in release.awards.iter().enumerate() {
        let Some(selection) = &award.selection else {
            continue;
        };
        if selection.basis != SelectionBasis::ParentCarerChoice {
            continue;
        }
        let pointer = format!("/awards/{i}/selection");
        let put = &selection.bids_put_to_parents_or_carers;
        for (j, id) in put.iter().enumerate() {
            check.defer(
                Target::Bid,
                id,
                &rules::REF_BID,
                &format!("{pointer}/bidsPutToParentsOrCarers/{j}"),
                format!(
                    "the offer `{id}` put to parents or carers is not in `bids.details` of any release of this process"
                ),
            );
        }
        if let Some(maximum) = evaluation.maximum_choices
            && put.len() > maximum as usize
        {
            check.report(
                &rules::EVAL_CHOICE_MARGIN,
                &format!("{pointer}/bidsPutToParentsOrCarers"),
                format!(
                    "{} offers were put to parents or carers; the evaluation allows {maximum}",
                    put.len()
                ),
            );
        }
        let (Some(margin), Some(best)) = (evaluation.choice_margin, best) else {
            continue;
        };
        let lowest = best * (Decimal::ONE_HUNDRED - margin.value()) / Decimal::ONE_HUNDRED;
        let mut reported = HashSet::new();
        let named = put
            .iter()
            .enumerate()
            .map(|(j, id)| (format!("{pointer}/bidsPutToParentsOrCarers/{j}"), id))
            .chain(
                award
                    .related_bids
                    .iter()
                    .enumerate()
                    .map(|(j, id)| (format!("/awards/{i}/relatedBids/{j}"), id)),
            );
        for (at, id) in named {
            if let Some(score) = scores.get(id.as_str())
                && *score < lowest
                && reported.insert(id.clone())
            {
                check.report(
                    &rules::EVAL_CHOICE_MARGIN,
                    &at,
                    format!(
                        "the offer `{id}` scored {score}, more than {}% below the best score of {best}",
                        margin.value()
                    ),
                );
            }
        }
    }
}
