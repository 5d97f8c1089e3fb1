//! Planning the responses to a referral, and the choice among the offers.

use pcds::codelists::{DistanceBand, ResponseType, SelectionBasis};
use pcds::{Amount, Bid, Score, Selection, Setting};

use super::data::{DPS_CRITERIA, OFFER_NOTES, REFUSALS};
use super::parts::{Pricing, Provider, Result, decimal, extra, gbp, invalid};
use super::plan::Plan;
use super::time::{self, Minutes};

/// The responses to a referral, in the order they arrived.
pub(super) struct Offers {
    pub(super) bids: Vec<Bid>,
    /// The price of each bid that is an offer.
    pub(super) prices: Vec<Option<Pricing>>,
    /// The setting of each bid that is an offer.
    pub(super) settings: Vec<Option<Setting>>,
    /// The contacted provider each bid came from.
    pub(super) from: Vec<usize>,
}

impl Plan {
    /// Each contacted provider's response: an offer, a refusal, or silence until the deadline.
    /// At least one provider offers. With a `premium`, every offer's core fee is raised by that
    /// percentage here, where its price is decided, so the bid, the choice among the offers, the
    /// award and the agreement all follow from the raised price. The premium draws nothing from
    /// the random stream: the process is otherwise the one it would be without it.
    pub(super) fn offers(
        &mut self,
        contacted: &[Provider],
        from: Minutes,
        deadline: Minutes,
        premium: Option<u32>,
    ) -> Result<Offers> {
        let rng = &mut self.rng;
        let mut responses: Vec<(Minutes, usize, ResponseType)> = (0..contacted.len())
            .map(|c| match rng.below(100) {
                0..=44 => (rng.range(from, deadline - 5), c, ResponseType::Offer),
                45..=84 => (rng.range(from, deadline - 5), c, ResponseType::Refusal),
                _ => (deadline, c, ResponseType::NoResponse),
            })
            .collect();
        if !responses.iter().any(|r| r.2 == ResponseType::Offer) {
            let chosen = rng.below(responses.len() as u64) as usize;
            responses[chosen] = (rng.range(from, deadline - 5), chosen, ResponseType::Offer);
        }
        responses.sort_by_key(|&(date, contact, _)| (date, contact));
        let mut offers = Offers {
            bids: Vec::new(),
            prices: Vec::new(),
            settings: Vec::new(),
            from: Vec::new(),
        };
        for (i, (date, contact, response)) in responses.into_iter().enumerate() {
            let provider = contacted[contact];
            let mut bid = Bid {
                id: format!("bid-{:02}", i + 1),
                date: time::uk(date)?,
                tenderers: vec![provider.reference()],
                response: response.clone(),
                value: None,
                price_breakdown: None,
                setting_id: None,
                placement_type: None,
                needs_met: Vec::new(),
                distance_band: None,
                refusal_reason: None,
                description: Some("No response by the deadline.".into()),
                scores: Vec::new(),
                total_score: None,
                rank: None,
                additional_fields: extra(),
            };
            let (mut price, mut setting) = (None, None);
            if response == ResponseType::Offer {
                let rng = &mut self.rng;
                let mut pricing = Pricing::new(rng, self.kind, &self.profile.level, self.siblings);
                if let Some(percent) = premium {
                    pricing.raise_core(percent);
                }
                let offered =
                    provider.setting(rng.below(provider.settings().into()) as u32, self.seed)?;
                let local = offered.council_area.as_ref() == Some(&self.home);
                bid.distance_band = Some(match (local, rng.below(3)) {
                    (true, 0) => DistanceBand::Under5Miles,
                    (true, 1) => DistanceBand::From5To10Miles,
                    (true, _) | (false, 0) => DistanceBand::From10To20Miles,
                    (false, 1) => DistanceBand::From20To50Miles,
                    _ => DistanceBand::Over50Miles,
                });
                let all = rng.chance(60);
                let needs = self.profile.needs.iter();
                bid.needs_met = needs.filter(|_| all || rng.chance(70)).cloned().collect();
                bid.value = Some(gbp(pricing.total())?);
                bid.price_breakdown = Some(pricing.breakdown(false)?);
                bid.setting_id = Some(offered.id.clone());
                bid.placement_type = Some(self.placement_type.clone());
                bid.description = Some((*rng.pick(&OFFER_NOTES)).into());
                (price, setting) = (Some(pricing), Some(offered));
            } else if response == ResponseType::Refusal {
                let (_, reason, text) = self.rng.weighted(REFUSALS, |r| r.0);
                bid.refusal_reason = Some(reason.clone());
                bid.description = Some((*text).into());
            }
            offers.bids.push(bid);
            offers.prices.push(price);
            offers.settings.push(setting);
            offers.from.push(contact);
        }
        Ok(offers)
    }

    /// Chooses an offer: by total score in a DPS mini-competition (scoring every offer), else
    /// the offer meeting the most needs at the lowest price.
    pub(super) fn choose(&mut self, offers: &mut Offers) -> Result<(usize, Selection)> {
        let total = |i: usize| offers.prices[i].as_ref().map(Pricing::total);
        let valid: Vec<(usize, i64)> = (0..offers.bids.len())
            .filter_map(|i| total(i).map(|t| (i, t)))
            .collect();
        let (winner, basis, why) = if self.dps() {
            let lowest = valid.iter().map(|&(_, t)| t).min().unwrap_or(1);
            let mut ranking = Vec::new();
            for &(i, offer) in &valid {
                let price = (4_000 * lowest + offer / 2) / offer;
                let mut sum = price;
                let mut scores = vec![score("price", decimal(price, 2)?, 40)];
                for (id, _, weighting, _) in DPS_CRITERIA {
                    let maximum = 60 * weighting / 100;
                    let tenths = maximum * self.rng.range(4, 10);
                    sum += tenths * 10;
                    scores.push(score(id, decimal(tenths, 1)?, maximum));
                }
                offers.bids[i].scores = scores;
                offers.bids[i].total_score = Some(decimal(sum, 2)?);
                ranking.push((std::cmp::Reverse(sum), i));
            }
            ranking.sort_unstable();
            for (rank, &(_, i)) in ranking.iter().enumerate() {
                offers.bids[i].rank = Some(rank as u32 + 1);
            }
            let why = "Highest total score in the mini-competition.";
            (ranking[0].1, SelectionBasis::HighestScore, why)
        } else {
            let met = |i: usize| offers.bids[i].needs_met.len();
            let (best, _) = (valid.iter().copied())
                .min_by_key(|&(i, t)| (std::cmp::Reverse(met(i)), t, i))
                .ok_or_else(|| invalid("a referral without offers"))?;
            match (valid.len(), met(best) == self.profile.needs.len()) {
                (1, _) => (best, SelectionBasis::OnlyOffer, "The only offer received."),
                (_, true) => (
                    best,
                    SelectionBasis::BestMatch,
                    "Met every listed need at the lowest weekly price of the offers that did.",
                ),
                _ => (
                    best,
                    SelectionBasis::BestMatch,
                    "No offer met every listed need; this offer met the most.",
                ),
            }
        };
        let selection = Selection {
            basis,
            bids_put_to_parents_or_carers: Vec::new(),
            description: Some(why.into()),
            additional_fields: extra(),
        };
        Ok((winner, selection))
    }
}

fn score(criterion: &str, score: Amount, maximum: i64) -> Score {
    Score {
        criterion_id: criterion.into(),
        score,
        maximum: Amount::from(maximum),
        weighted_score: None,
        additional_fields: extra(),
    }
}
