//! Planning a story: who is placed, by which council, through which route and how urgently;
//! the referral and the providers it goes to. The offers and the agreement are planned in
//! `offers` and `agreement`.

use pcds::codelists::{
    AgeBand, AwardCriteria, AwardStatus, CategoryOfNeed, LegalStatus, Need, PlacementType,
    ProcurementCategory, ProcurementMethod, ProcurementRoute, RankingModel, TenderStatus, Urgency,
};
use pcds::{
    Amount, Award, ChildProfile, Evaluation, EvaluationCriterion, GeographicLimit, GssCode, Period,
    ProviderContact, Referral, Tender,
};

use super::agreement::{plan_ending, plan_fee_change};
use super::data::{COUNCILS, Council, DPS_CRITERIA, NeedProfile, REGIONS, region_councils};
use super::parts::{Kind, Provider, Result, child_key, extra, gbp, invalid, percent};
use super::stories::{Stage, Story};
use super::time::{self, DAY, HOUR, Minutes};
use super::{GenerateOptions, Rng};

/// What is decided first about a process, and the random stream the rest is drawn from.
pub(super) struct Plan {
    pub(super) rng: Rng,
    pub(super) seed: u64,
    pub(super) council: &'static Council,
    pub(super) home: GssCode,
    pub(super) kind: Kind,
    pub(super) route: ProcurementRoute,
    pub(super) urgency: Urgency,
    pub(super) word: &'static str,
    pub(super) profile: &'static NeedProfile,
    pub(super) siblings: i64,
    pub(super) placement_type: PlacementType,
}

impl Story {
    /// Plans process number `number` of the dataset generated with `options`. A Friday premium
    /// applies when the referral goes out on a Friday at or after 12:00 UK time.
    pub(super) fn new(options: &GenerateOptions, number: u64) -> Result<Story> {
        let mut plan = Plan::new(options.seed, number)?;
        let rng = &mut plan.rng;
        let day = time::at(2023, 4, 3, 0, 0) + rng.range(0, 910) * DAY;
        let (sent, deadline, requested) = match plan.urgency {
            Urgency::Emergency => {
                let sent = day + 5 * rng.range(180, 240);
                (
                    sent,
                    sent + 30 * rng.range(4, 6),
                    sent + HOUR * rng.range(3, 5),
                )
            }
            Urgency::Urgent => (
                day + 5 * rng.range(108, 192),
                day + DAY * rng.range(1, 2) + 12 * HOUR,
                day + DAY * rng.range(2, 6) + 10 * HOUR,
            ),
            _ => (
                day + 5 * rng.range(108, 192),
                day + DAY * rng.range(3, 7) + 12 * HOUR,
                day + DAY * rng.range(10, 30) + 10 * HOUR,
            ),
        };
        let wanted = match plan.route {
            ProcurementRoute::SpotPurchase => rng.range(4, 8),
            ProcurementRoute::FrameworkCallOff => rng.range(3, 6),
            _ => rng.range(4, 7),
        };
        let contacted = rng.sample(
            &Provider::pool(plan.council.region, plan.kind),
            wanted as usize,
        );
        let mut contacts = Vec::new();
        let mut last_contact = sent;
        for (i, provider) in contacted.iter().enumerate() {
            last_contact += rng.range(1, 4);
            contacts.push(ProviderContact {
                id: format!("contact-{:02}", i + 1),
                provider: provider.reference(),
                date: time::uk(last_contact)?,
                additional_fields: extra(),
            });
        }
        let tender = plan.referral(contacts, sent, deadline, requested)?;
        let premium = options
            .friday_premium
            .filter(|_| time::friday_afternoon(sent));
        let mut offers = plan.offers(&contacted, last_contact + 5, deadline, premium)?;
        let (winning_bid, selection) = plan.choose(&mut offers)?;
        let pricing = offers.prices[winning_bid]
            .clone()
            .ok_or_else(|| invalid("a winner"))?;
        let setting = offers.settings[winning_bid]
            .clone()
            .ok_or_else(|| invalid("a setting"))?;

        let rng = &mut plan.rng;
        let award_date = deadline
            + match plan.urgency {
                Urgency::Emergency => 15,
                Urgency::Urgent => HOUR * rng.range(1, 4),
                _ => DAY * rng.range(1, 3),
            };
        let start = requested.max(award_date + 2 * HOUR);
        let signed = match plan.urgency {
            Urgency::Planned => (award_date + DAY).min(start),
            _ => time::midnight(start) + DAY * rng.range(1, 3) + 11 * HOUR,
        };
        let provider = contacted[offers.from[winning_bid]];
        let award = Award {
            id: "award-1".into(),
            title: Some(format!("{}: {}", plan.kind.label(), provider.name())),
            description: None,
            status: Some(AwardStatus::Active),
            date: Some(time::uk(award_date)?),
            value: Some(gbp(pricing.total())?),
            suppliers: vec![provider.reference()],
            contract_period: Some(Period {
                start_date: Some(time::uk(start)?),
                ..Period::default()
            }),
            related_bids: vec![offers.bids[winning_bid].id.clone()],
            selection: Some(selection),
            admission: None,
            documents: Vec::new(),
            amendments: Vec::new(),
            additional_fields: extra(),
        };
        let band = offers.bids[winning_bid].distance_band.clone();
        let contract = plan.agreement(&pricing, &setting, band, start, signed)?;

        // How far the story goes, and what happens after the agreement.
        let rng = &mut plan.rng;
        let depth = *rng.pick(&[1, 2, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6]);
        let agreed = signed.max(start) + 3 * HOUR;
        let mut stages = vec![
            Stage::Referral,
            Stage::Offers,
            Stage::Award,
            Stage::Agreement,
        ];
        let mut dates = vec![last_contact + 5, deadline + 10, award_date + 30, agreed];
        stages.truncate(depth.min(4));
        dates.truncate(depth.min(4));
        if plan.urgency == Urgency::Emergency && depth >= 4 && rng.chance(50) {
            stages = vec![Stage::AllAtOnce];
            dates = vec![agreed];
        }
        let spot = plan.route == ProcurementRoute::SpotPurchase;
        let fee_change = if depth == 5 || (depth == 6 && rng.chance(50)) {
            let change = plan_fee_change(rng, &pricing, start, spot)?;
            stages.push(Stage::FeeChange);
            dates.push(change.date + 30);
            Some(change)
        } else {
            None
        };
        let ending = if depth == 6 {
            let ending = plan_ending(rng, plan.kind, start, fee_change.as_ref())?;
            stages.push(Stage::Ending);
            dates.push(time::midnight(ending.date) + DAY * rng.range(1, 14) + 10 * HOUR);
            Some(ending)
        } else {
            None
        };
        let offered = (0..contacted.len())
            .map(|c| {
                (0..offers.bids.len()).any(|b| offers.from[b] == c && offers.prices[b].is_some())
            })
            .collect();
        Ok(Story {
            ocid: format!(
                "ocds-pcdsgn-{}-{:06}",
                plan.council.lae.to_lowercase(),
                number + 1
            ),
            stages,
            dates,
            council: plan.council,
            route: plan.route,
            contacted,
            offered,
            winner: offers.from[winning_bid],
            tender,
            bids: offers.bids,
            settings: offers.settings.into_iter().flatten().collect(),
            winning_bid,
            award,
            contract,
            start,
            fee_change,
            ending,
        })
    }
}

impl Plan {
    /// Who is placed, by which council, through which route and how urgently.
    fn new(seed: u64, number: u64) -> Result<Plan> {
        let mut rng = Rng::new(seed ^ number.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29));
        let council = rng.pick(COUNCILS);
        let kind = match rng.below(100) {
            0..=54 => Kind::Fostering,
            55..=89 => Kind::Residential,
            _ => Kind::Supported,
        };
        let route = match (kind, rng.below(100)) {
            (Kind::Residential, 0..=44) | (Kind::Fostering, 0..=39) | (Kind::Supported, 0..=49) => {
                ProcurementRoute::SpotPurchase
            }
            (Kind::Residential, 45..=69) => ProcurementRoute::DpsMiniCompetition,
            _ => ProcurementRoute::FrameworkCallOff,
        };
        let (urgency, word) = match rng.below(100) {
            0..=19 => (Urgency::Emergency, "emergency"),
            20..=54 => (Urgency::Urgent, "urgent"),
            _ => (Urgency::Planned, "planned"),
        };
        let siblings = if kind == Kind::Fostering && rng.chance(15) {
            rng.range(2, 3)
        } else {
            1
        };
        let profile = rng.pick(kind.needs());
        let placement_type = match kind {
            Kind::Residential => PlacementType::ChildrensHome,
            Kind::Supported => PlacementType::SupportedAccommodation,
            Kind::Fostering if urgency == Urgency::Emergency => PlacementType::EmergencyFosterCare,
            Kind::Fostering if profile.needs.len() > 1 => PlacementType::SpecialistFosterCare,
            Kind::Fostering => PlacementType::FosterCare,
        };
        Ok(Plan {
            rng,
            seed,
            council,
            home: GssCode::new(council.gss).map_err(invalid)?,
            kind,
            route,
            urgency,
            word,
            profile,
            siblings,
            placement_type,
        })
    }

    pub(super) fn spot(&self) -> bool {
        self.route == ProcurementRoute::SpotPurchase
    }

    pub(super) fn dps(&self) -> bool {
        self.route == ProcurementRoute::DpsMiniCompetition
    }

    /// The children in coded attributes only. Siblings are told apart by age band, as the
    /// schema keeps the items of a list unique.
    fn children(&mut self) -> Vec<ChildProfile> {
        let rng = &mut self.rng;
        let asylum = self
            .profile
            .needs
            .contains(&Need::UnaccompaniedAsylumSeeking);
        let legal = match rng.below(100) {
            _ if asylum => LegalStatus::Section20,
            0..=29 => LegalStatus::InterimCareOrder,
            30..=69 => LegalStatus::FullCareOrder,
            _ => LegalStatus::Section20,
        };
        let category = match rng.below(100) {
            _ if asylum => CategoryOfNeed::AbsentParenting,
            0..=59 => CategoryOfNeed::AbuseOrNeglect,
            60..=74 => CategoryOfNeed::FamilyDysfunction,
            75..=89 => CategoryOfNeed::FamilyInAcuteStress,
            _ => CategoryOfNeed::AbsentParenting,
        };
        let bands = [AgeBand::Age1To4, AgeBand::Age5To9, AgeBand::Age10To15];
        let mut sibling_bands = rng.sample(&[2, 1, 0], self.siblings as usize);
        sibling_bands.sort_unstable_by(|a, b| b.cmp(a));
        let mut children = Vec::new();
        for band in sibling_bands {
            let age_band = match (self.kind, rng.below(100)) {
                _ if self.siblings > 1 => bands[band].clone(),
                (Kind::Supported, _) | (Kind::Residential, 75..) | (Kind::Fostering, 90..) => {
                    AgeBand::Age16To17
                }
                (Kind::Residential, 0..=4) | (Kind::Fostering, 20..=49) => AgeBand::Age5To9,
                (Kind::Fostering, 0..=19) => AgeBand::Age1To4,
                _ => AgeBand::Age10To15,
            };
            children.push(ChildProfile {
                key: child_key(children.len() as i64 + 1),
                age_band,
                needs: self.profile.needs.to_vec(),
                need_level: Some(self.profile.level.clone()),
                category_of_need: Some(category.clone()),
                legal_status: Some(legal.clone()),
                additional_fields: extra(),
            });
        }
        children
    }

    /// The referral as it goes out.
    fn referral(
        &mut self,
        contacts: Vec<ProviderContact>,
        sent: Minutes,
        deadline: Minutes,
        requested: Minutes,
    ) -> Result<Tender> {
        let children = self.children();
        let (kind, word, siblings) = (self.kind, self.word, self.siblings);
        let (lot, lot_name) = kind.lot();
        let region = &REGIONS[self.council.region];
        let framework = if self.dps() {
            region.dps
        } else {
            region.framework
        };
        let what = [
            "a children's home",
            "a foster placement",
            "supported accommodation",
        ];
        let what = what[kind.index()];
        let capital = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
        let route = if self.dps() {
            "DPS mini-competition"
        } else {
            "Framework call-off"
        };
        let (method, details, description) = if self.spot() {
            (
                ProcurementMethod::Limited,
                format!("Spot search, {word}"),
                format!("{capital} referral for {what}, sent to spot providers."),
            )
        } else {
            (
                ProcurementMethod::Selective,
                format!("{route}, lot {} ({lot_name})", &lot[4..]),
                format!(
                    "{capital} referral for {what} to the {lot_name} providers on the {framework}."
                ),
            )
        };
        let mut sought = vec![self.placement_type.clone()];
        if kind == Kind::Fostering && self.placement_type != PlacementType::FosterCare {
            sought.push(PlacementType::FosterCare);
        }
        let rng = &mut self.rng;
        let mut areas = Vec::new();
        if rng.chance(50) {
            areas.push(self.home.clone());
            let others = region_councils(self.council.region).filter(|c| c.gss != self.council.gss);
            for c in others.take(2) {
                areas.push(GssCode::new(c.gss).map_err(invalid)?);
            }
        }
        let duration = match (&self.urgency, rng.below(10)) {
            (Urgency::Emergency, _) => Some(7 * rng.range(4, 13) as u32),
            (_, 0..=2) => None,
            _ => Some(30 * rng.range(3, 24) as u32),
        };
        let radius = Amount::from(*rng.pick(&[10, 15, 20, 25, 30, 50]));
        let title = match siblings {
            1 => format!("{}, {word}", kind.label()),
            _ => format!("{}, sibling group of {siblings}, {word}", kind.label()),
        };
        Ok(Tender {
            id: "referral".into(),
            title: Some(title),
            description: Some(description),
            status: Some(TenderStatus::Active),
            procuring_entity: None,
            procurement_method: Some(method),
            procurement_method_details: Some(details),
            main_procurement_category: Some(ProcurementCategory::Services),
            award_criteria: self.dps().then_some(AwardCriteria::RatedCriteria),
            tender_period: Some(Period {
                start_date: Some(time::uk(sent)?),
                end_date: Some(time::uk(deadline)?),
                ..Period::default()
            }),
            contract_period: None,
            value: None,
            number_of_tenderers: None,
            tenderers: Vec::new(),
            referral: Some(Referral {
                urgency: self.urgency.clone(),
                placement_types_sought: sought,
                requested_start_date: time::uk(requested)?,
                expected_duration_in_days: duration,
                children,
                place_together: (siblings > 1).then_some(true),
                home_council: self.home.clone(),
                geographic_limit: Some(GeographicLimit {
                    radius_miles: Some(radius),
                    council_areas: areas,
                    out_of_area_acceptable: Some(true),
                    ..GeographicLimit::default()
                }),
                additional_fields: extra(),
            }),
            providers_contacted: contacts,
            evaluation: if self.dps() {
                Some(evaluation()?)
            } else {
                None
            },
            lots: Vec::new(),
            qualification_criteria: Vec::new(),
            techniques: None,
            tiers: Vec::new(),
            documents: Vec::new(),
            amendments: Vec::new(),
            additional_fields: extra(),
        })
    }
}

/// The quality and price weightings of a DPS mini-competition.
fn evaluation() -> Result<Evaluation> {
    let mut criteria = Vec::new();
    for (id, title, weighting, description) in DPS_CRITERIA {
        criteria.push(EvaluationCriterion {
            id: id.into(),
            title: title.into(),
            weighting: percent(weighting * 10)?,
            maximum_points: None,
            description: Some(description.into()),
            additional_fields: extra(),
        });
    }
    Ok(Evaluation {
        ranking_model: Some(RankingModel::WeightedPriceQuality),
        price_weighting: percent(400)?,
        quality_weighting: percent(600)?,
        criteria,
        total_points: None,
        choice_margin: None,
        maximum_choices: None,
        additional_fields: extra(),
    })
}
