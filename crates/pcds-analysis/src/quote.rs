//! Is this offer fair? Where a weekly price sits among the pooled prices of like placements.

use pcds::codelist::Codelist;
use pcds::codelists::ResponseType;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::Pool;
use crate::facts::{NOT_STATED, Placement};
use crate::questions::prices::quarter;
use crate::summary::{Summary, pence};

/// A placement described for a quote: what it is, and optionally the price offered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteRequest {
    /// The placement type code.
    pub placement_type: String,
    /// The child's age band code.
    pub age_band: String,
    /// The level of need code; any level when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_level: Option<String>,
    /// The urgency code; any urgency when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    /// The council (GSS code or party id) to compare within as well as the whole pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    /// The quarter (e.g. `2025-Q3`) to compare within as well.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    /// The weekly price offered, per child.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::table::serialize_maybe"
    )]
    pub weekly_price: Option<Decimal>,
}

impl QuoteRequest {
    /// The request an offer makes: the first offer in `release`, described by its referral, at
    /// its weekly total shared between the children referred. `None` when the release holds no
    /// offer with a placement type.
    #[must_use]
    pub fn from_offer(release: &pcds::Release) -> Option<Self> {
        let referral = release.tender.as_ref()?.referral.as_ref();
        let offer = release
            .bids
            .as_ref()?
            .details
            .iter()
            .find(|b| b.response == ResponseType::Offer)?;
        let placement_type = offer
            .placement_type
            .as_ref()
            .or_else(|| referral?.placement_types_sought.first())?
            .code()
            .to_owned();
        let child = referral.and_then(|r| r.children.first());
        let children = referral.map_or(1, |r| r.children.len().max(1));
        let total = offer
            .price_breakdown
            .as_ref()
            .map(|b| b.weekly_total.amount.value())
            .or_else(|| offer.value.as_ref().map(|v| v.amount.value()));
        Some(QuoteRequest {
            placement_type,
            age_band: child.map_or(NOT_STATED.to_owned(), |c| c.age_band.code().to_owned()),
            need_level: child
                .and_then(|c| c.need_level.as_ref())
                .map(|n| n.code().to_owned()),
            urgency: referral.map(|r| r.urgency.code().to_owned()),
            council: None,
            quarter: None,
            weekly_price: total.map(|t| pence(t / Decimal::from(children))),
        })
    }

    fn matches(&self, p: &Placement) -> bool {
        p.placement_type == self.placement_type
            && p.age_band == self.age_band
            && self.need_level.as_ref().is_none_or(|n| &p.need_level == n)
            && self.urgency.as_ref().is_none_or(|u| &p.urgency == u)
    }
}

/// The pooled prices of like placements in one scope (the pool, a council, a quarter).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// What is compared: `pool`, `council`, `quarter` or `councilAndQuarter`.
    pub scope: String,
    /// Whether too few like placements were found to answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// The distribution of like placements' weekly totals (absent when suppressed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekly_total: Option<Summary>,
    /// The percentage of like placements priced below the offer (ties count half).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::table::serialize_maybe"
    )]
    pub percentile_of_offer: Option<Decimal>,
    /// The offer less the median, as a percentage of the median.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::table::serialize_maybe"
    )]
    pub offer_against_median_percentage: Option<Decimal>,
    /// The ocids of the like placements (absent when suppressed).
    pub ocids: Vec<String>,
}

/// The answer to a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// What was asked.
    pub request: QuoteRequest,
    /// The suppression threshold.
    pub suppress_below: u64,
    /// The comparisons, the whole pool first.
    pub comparisons: Vec<Comparison>,
}

/// Which like placements a comparison keeps.
type Scope = Box<dyn Fn(&Placement) -> bool>;

impl Pool {
    /// Where a described placement's price sits among the pool's like placements: same type and
    /// age band, and the need level and urgency when given; across the pool, and within the
    /// council and quarter when given.
    #[must_use]
    pub fn quote(&self, request: &QuoteRequest) -> Quote {
        let threshold = self.options().suppress_below;
        let like: Vec<&Placement> = self
            .facts
            .placements
            .iter()
            .filter(|p| request.matches(p) && p.weekly_total.is_some())
            .collect();
        let mut scopes: Vec<(&str, Scope)> = vec![("pool", Box::new(|_| true))];
        if let Some(council) = request.council.clone() {
            scopes.push(("council", Box::new(move |p| p.council == council)));
        }
        if let Some(q) = request.quarter.clone() {
            scopes.push(("quarter", Box::new(move |p| quarter(p) == q)));
        }
        if let (Some(council), Some(q)) = (request.council.clone(), request.quarter.clone()) {
            scopes.push((
                "councilAndQuarter",
                Box::new(move |p| p.council == council && quarter(p) == q),
            ));
        }
        let comparisons = scopes
            .into_iter()
            .map(|(scope, keep)| {
                let members: Vec<&&Placement> = like.iter().filter(|p| keep(p)).collect();
                let prices: Vec<Decimal> = members.iter().filter_map(|p| p.weekly_total).collect();
                if (prices.len() as u64) < threshold {
                    return Comparison {
                        scope: scope.to_owned(),
                        suppressed: true,
                        weekly_total: None,
                        percentile_of_offer: None,
                        offer_against_median_percentage: None,
                        ocids: Vec::new(),
                    };
                }
                let summary = Summary::of(&prices);
                let mut ocids: Vec<String> = members.iter().map(|p| p.ocid.clone()).collect();
                ocids.sort();
                ocids.dedup();
                Comparison {
                    scope: scope.to_owned(),
                    suppressed: false,
                    percentile_of_offer: request
                        .weekly_price
                        .and_then(|price| Summary::rank_of(&prices, price)),
                    offer_against_median_percentage: request
                        .weekly_price
                        .zip(summary.as_ref())
                        .and_then(|(price, s)| {
                            crate::questions::prices::percent_of(price - s.median, s.median)
                        }),
                    weekly_total: summary,
                    ocids,
                }
            })
            .collect();
        Quote {
            request: request.clone(),
            suppress_below: threshold,
            comparisons,
        }
    }
}
