//! The parts stories are built from: exact amounts, providers and their settings, and weekly
//! prices that add up.

use std::io;

use pcds::codelists::{
    AdditionalService, DiscountType, FundingSource, NeedLevel, OfstedJudgement, PartyRole,
    PriceBasis, ProviderType, SettingType,
};
use pcds::{
    AdditionalFields, Amount, AppliedDiscount, FundingContribution, GssCode, Identifier,
    Inspection, OfstedUrn, Organization, OrganizationDetails, OrganizationReference, Percentage,
    Price, PriceBreakdown, ServicePrice, Setting, Value,
};

use super::Rng;
use super::data::{
    Council, FOSTERING_NEEDS, NeedProfile, RESIDENTIAL_NEEDS, STEMS, SUFFIXES, SUPPORTED_NEEDS,
    region_councils,
};
use super::time::{self, DAY};

pub(super) type Result<T> = io::Result<T>;

/// Turns a failure to build a value of the standard into an I/O error: a bug in the generator.
pub(super) fn invalid(error: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("generated an invalid value: {error}"))
}

/// An exact decimal from an integer count of `10^-scale` units: `decimal(2750, 2)` is 27.5.
pub(super) fn decimal(value: i64, scale: u32) -> Result<Amount> {
    let unit = 10_i64.pow(scale);
    let (whole, mut fraction, mut digits) = (value / unit, value % unit, scale as usize);
    while digits > 0 && fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    let text = if digits == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction:0digits$}")
    };
    Amount::parse(&text).map_err(invalid)
}

pub(super) fn gbp(pence: i64) -> Result<Value> {
    Ok(Value::gbp(decimal(pence, 2)?))
}

/// A percentage from tenths of a percent: `percent(25)` is 2.5 %.
pub(super) fn percent(tenths: i64) -> Result<Percentage> {
    Percentage::new(decimal(tenths, 1)?.value()).ok_or_else(|| invalid(tenths))
}

/// Pounds and pence as the amendment descriptions write them: `947.60`.
pub(super) fn money_text(pence: i64) -> String {
    format!("{}.{:02}", pence / 100, pence % 100)
}

pub(super) fn extra() -> AdditionalFields {
    AdditionalFields::new()
}

/// What kind of care a process seeks; each kind has its own providers and prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Residential,
    Fostering,
    Supported,
}

impl Kind {
    fn of_provider(provider: u32) -> Kind {
        match provider % 5 {
            0 | 1 => Kind::Residential,
            2 | 3 => Kind::Fostering,
            _ => Kind::Supported,
        }
    }

    /// Which providers of each block of five provide this kind of care.
    fn slots(self) -> &'static [u32] {
        match self {
            Kind::Residential => &[0, 1],
            Kind::Fostering => &[2, 3],
            Kind::Supported => &[4],
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    pub(super) fn label(self) -> &'static str {
        [
            "Residential placement",
            "Foster placement",
            "Supported accommodation",
        ][self.index()]
    }

    pub(super) fn lot(self) -> (&'static str, &'static str) {
        match self {
            Kind::Fostering => ("lot-1", "fostering"),
            Kind::Residential => ("lot-2", "children's homes"),
            Kind::Supported => ("lot-3", "supported accommodation"),
        }
    }

    pub(super) fn needs(self) -> &'static [NeedProfile] {
        match self {
            Kind::Residential => RESIDENTIAL_NEEDS,
            Kind::Fostering => FOSTERING_NEEDS,
            Kind::Supported => SUPPORTED_NEEDS,
        }
    }
}

/// A fictional provider, identified by its index (0–199). Its kind and region follow from the
/// index, so every process that meets the provider sees the same organisation and settings.
#[derive(Debug, Clone, Copy)]
pub(super) struct Provider(pub u32);

impl Provider {
    /// The providers of one kind in one region.
    pub(super) fn pool(region: usize, kind: Kind) -> Vec<Provider> {
        let region = region as u32;
        (0..5)
            .flat_map(|j| {
                kind.slots()
                    .iter()
                    .map(move |k| Provider(5 * (8 * j + region) + k))
            })
            .collect()
    }

    pub(super) fn kind(self) -> Kind {
        Kind::of_provider(self.0)
    }

    pub(super) fn charity(self) -> bool {
        self.kind() == Kind::Fostering && self.0.is_multiple_of(3)
    }

    pub(super) fn id(self) -> String {
        if self.charity() {
            format!("GB-CHC-{:07}", 10_000 + self.0)
        } else {
            format!("GB-COH-{:08}", 10_000 + self.0)
        }
    }

    pub(super) fn name(self) -> String {
        let stem = STEMS[self.0 as usize % STEMS.len()];
        let suffix = SUFFIXES[self.kind().index()][(self.0 as usize / STEMS.len()) % 5];
        format!("{stem} {suffix}")
    }

    pub(super) fn reference(self) -> OrganizationReference {
        OrganizationReference {
            id: self.id(),
            name: Some(self.name()),
            additional_fields: extra(),
        }
    }

    pub(super) fn organization(self, roles: Vec<PartyRole>) -> Organization {
        let name = self.name();
        let legal = name
            .strip_suffix(" Ltd")
            .map_or(name.clone(), |s| format!("{s} Limited"));
        let identifier = |scheme: &str, id: String| Identifier {
            scheme: scheme.into(),
            id,
            legal_name: Some(legal.clone()),
            uri: None,
            additional_fields: extra(),
        };
        let company = format!("{:08}", 10_000 + self.0);
        let (main, additional) = if self.charity() {
            let charity = format!("{:07}", 10_000 + self.0);
            (
                identifier("GB-CHC", charity),
                vec![identifier("GB-COH", company)],
            )
        } else {
            (identifier("GB-COH", company), Vec::new())
        };
        Organization {
            id: self.id(),
            name: Some(name),
            identifier: Some(main),
            additional_identifiers: additional,
            roles,
            details: Some(OrganizationDetails {
                provider_type: Some(if self.charity() {
                    ProviderType::Voluntary
                } else {
                    ProviderType::Private
                }),
                ..OrganizationDetails::default()
            }),
            additional_fields: extra(),
        }
    }

    pub(super) fn settings(self) -> u32 {
        [4, 1, 2][self.kind().index()]
    }

    /// The provider's setting number `s`: the same for every process of a dataset.
    pub(super) fn setting(self, s: u32, seed: u64) -> Result<Setting> {
        let number = u64::from(self.0 * 100 + s);
        let mut rng = Rng::new(seed.rotate_left(17) ^ number.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let region = (self.0 / 5 % 8) as usize;
        let councils: Vec<&Council> = region_councils(region).collect();
        let kind = self.kind();
        let registered = match kind {
            Kind::Residential => Some(rng.range(1, 6) as u32),
            Kind::Fostering => None,
            Kind::Supported => Some(rng.range(4, 12) as u32),
        };
        let registration = time::at(rng.range(2004, 2021), 1, 1, 0, 0) + rng.range(0, 364) * DAY;
        let mut inspections = Vec::new();
        let mut when = registration + rng.range(180, 400) * DAY;
        while when < time::at(2023, 3, 1, 0, 0) && inspections.len() < 3 {
            let judgement = match rng.below(100) {
                0..=14 => OfstedJudgement::Outstanding,
                15..=74 => OfstedJudgement::Good,
                75..=94 => OfstedJudgement::RequiresImprovement,
                _ => OfstedJudgement::Inadequate,
            };
            inspections.push(Inspection {
                date: time::uk(when)?,
                judgement,
                additional_fields: extra(),
            });
            when += rng.range(300, 900) * DAY;
        }
        if let Some(last) = inspections.last_mut()
            && last.judgement == OfstedJudgement::Inadequate
        {
            last.judgement = OfstedJudgement::RequiresImprovement;
        }
        Ok(Setting {
            id: OfstedUrn::new(format!("SC9{:03}{s:02}", self.0)).map_err(invalid)?,
            provider_id: self.id(),
            setting_type: [
                SettingType::ChildrensHome,
                SettingType::IndependentFosteringAgency,
                SettingType::SupportedAccommodation,
            ][kind.index()]
            .clone(),
            council_area: Some(GssCode::new(rng.pick(&councils).gss).map_err(invalid)?),
            registered_places: registered,
            registration_date: Some(time::uk(registration)?),
            inspections,
            additional_fields: extra(),
        })
    }
}

/// One service bought on top of the core fee.
#[derive(Debug, Clone)]
pub(super) struct Service {
    pub service: AdditionalService,
    pub text: String,
    pub basis: PriceBasis,
    /// Pence per unit.
    pub rate: i64,
    pub units: Option<i64>,
}

impl Service {
    pub(super) fn new(
        service: AdditionalService,
        text: String,
        basis: PriceBasis,
        rate: i64,
    ) -> Self {
        Service {
            service,
            text,
            basis,
            rate,
            units: None,
        }
    }

    pub(super) fn per_hour(service: AdditionalService, text: &str, rate: i64, hours: i64) -> Self {
        let text = format!(
            "{text}, {hours} hour{} a week",
            if hours == 1 { "" } else { "s" }
        );
        Service {
            units: Some(hours),
            ..Service::new(service, text, PriceBasis::PerHour, rate)
        }
    }

    pub(super) fn weekly(&self) -> i64 {
        let default = match self.basis {
            PriceBasis::PerDay | PriceBasis::PerNight => 7,
            _ => 1,
        };
        self.rate * self.units.unwrap_or(default)
    }
}

/// A weekly price in pence, kept in parts so that every breakdown adds up exactly.
#[derive(Debug, Clone)]
pub(super) struct Pricing {
    /// The core weekly fee, in pence.
    pub core: i64,
    pub services: Vec<Service>,
    /// The sibling discount, in tenths of a percent of the core fee.
    pub sibling: Option<i64>,
}

impl Pricing {
    pub(super) fn new(rng: &mut Rng, kind: Kind, level: &NeedLevel, children: i64) -> Self {
        use AdditionalService as S;
        use NeedLevel as L;
        let high = matches!(level, L::Complex | L::Specialist | L::Enhanced);
        let mut services = Vec::new();
        let core = match kind {
            Kind::Residential => {
                if rng.chance(50) {
                    let hours = *rng.pick(&[14, 21, 28, 35, 42, 56]);
                    let rate = 50 * rng.range(48, 64);
                    services.push(Service::per_hour(
                        S::Staffing1To1,
                        "1:1 staffing",
                        rate,
                        hours,
                    ));
                }
                if rng.chance(25) {
                    let text = "Waking night staff member, 7 nights".to_owned();
                    let rate = 500 * rng.range(28, 38);
                    services.push(Service::new(
                        S::WakingNight,
                        text,
                        PriceBasis::PerNight,
                        rate,
                    ));
                }
                if rng.chance(20) {
                    let text = "Weekly therapy from the provider's clinical team".to_owned();
                    let rate = 2_500 * rng.range(6, 18);
                    services.push(Service::new(S::Therapy, text, PriceBasis::PerWeek, rate));
                }
                if rng.chance(15) {
                    let text = "On-site education, 5 days a week".to_owned();
                    let rate = 500 * rng.range(18, 32);
                    let mut education = Service::new(S::Education, text, PriceBasis::PerDay, rate);
                    education.units = Some(5);
                    services.push(education);
                }
                5_000
                    * if high {
                        rng.range(90, 180)
                    } else {
                        rng.range(70, 130)
                    }
            }
            Kind::Fostering => {
                if rng.chance(35) {
                    let rate = 100 * rng.range(26, 36);
                    let hours = rng.range(2, 6);
                    let text = "Supervised family time";
                    services.push(Service::per_hour(S::SupervisedContact, text, rate, hours));
                }
                if rng.chance(25) {
                    let text = "School transport".to_owned();
                    let rate = 500 * rng.range(8, 24);
                    services.push(Service::new(S::Transport, text, PriceBasis::PerWeek, rate));
                }
                if rng.chance(15) {
                    let rate = 500 * rng.range(12, 17);
                    services.push(Service::per_hour(S::Therapy, "Play therapy", rate, 1));
                }
                let each = 500
                    * if high {
                        rng.range(200, 280)
                    } else {
                        rng.range(150, 230)
                    };
                each * children
            }
            Kind::Supported => {
                if rng.chance(40) {
                    let rate = 50 * rng.range(44, 56);
                    let hours = rng.range(5, 15);
                    let text = "Independence skills support";
                    services.push(Service::per_hour(S::IndependenceSupport, text, rate, hours));
                }
                if rng.chance(20) {
                    let rate = 500 * rng.range(9, 12);
                    let hours = rng.range(1, 3);
                    let text = "Mental health practitioner";
                    services.push(Service::per_hour(S::MentalHealthSupport, text, rate, hours));
                }
                2_500 * rng.range(36, 80)
            }
        };
        let sibling = (children > 1).then(|| *rng.pick(&[50, 100]));
        Pricing {
            core,
            services,
            sibling,
        }
    }

    /// Raises the core fee by `percent` percent, rounded to the penny (half away from zero).
    /// Additional services keep their rates; the sibling discount, the weekly total and every
    /// breakdown follow from the new core fee.
    pub(super) fn raise_core(&mut self, percent: u32) {
        let scaled = self.core * (100 + i64::from(percent));
        self.core = (scaled + 50 * scaled.signum()) / 100;
    }

    pub(super) fn discount(&self) -> i64 {
        self.sibling
            .map_or(0, |tenths| (self.core * tenths + 500) / 1_000)
    }

    pub(super) fn total(&self) -> i64 {
        self.core + self.services.iter().map(Service::weekly).sum::<i64>() - self.discount()
    }

    /// The breakdown; `committed` names the agreement's sibling discount, which only an
    /// agreement has.
    pub(super) fn breakdown(&self, committed: bool) -> Result<PriceBreakdown> {
        let price = |pence: i64, basis: PriceBasis, units: Option<i64>| -> Result<Price> {
            Ok(Price {
                value: gbp(pence)?,
                basis,
                units_per_week: units.map(Amount::from),
                additional_fields: extra(),
            })
        };
        let mut services = Vec::new();
        for s in &self.services {
            services.push(ServicePrice {
                service: s.service.clone(),
                description: Some(s.text.clone()),
                price: price(s.rate, s.basis.clone(), s.units)?,
                additional_fields: extra(),
            });
        }
        let mut discounts = Vec::new();
        if let Some(tenths) = self.sibling {
            discounts.push(AppliedDiscount {
                discount_id: committed.then(|| "sibling".to_owned()),
                discount_type: DiscountType::Sibling,
                percentage: Some(percent(tenths)?),
                weekly_amount: gbp(self.discount())?,
                additional_fields: extra(),
            });
        }
        let education: i64 = self
            .services
            .iter()
            .filter(|s| s.service == AdditionalService::Education)
            .map(Service::weekly)
            .sum();
        let mut funding = Vec::new();
        if education > 0 {
            for (source, pence) in [
                (FundingSource::SocialCare, self.total() - education),
                (FundingSource::Education, education),
            ] {
                funding.push(FundingContribution {
                    source,
                    funder: None,
                    weekly_amount: gbp(pence)?,
                    additional_fields: extra(),
                });
            }
        }
        Ok(PriceBreakdown {
            core_fee: price(self.core, PriceBasis::PerWeek, None)?,
            additional_services: services,
            discounts,
            weekly_total: gbp(self.total())?,
            funding_contributions: funding,
            additional_fields: extra(),
        })
    }
}

/// The key of the `n`th child (from 1) of a referral, as the generated data writes it.
pub(super) fn child_key(n: i64) -> String {
    format!("child-{n}")
}
