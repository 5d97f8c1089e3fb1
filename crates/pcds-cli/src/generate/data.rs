//! The fixed tables the generator draws on: real councils with their real codes, the regions
//! they buy through, fictional provider names, and the needs referrals describe.

use pcds::codelists::{FeeReviewMechanism, Need, NeedLevel, RefusalReason};

/// An English council with children's services. Codes are real: GB-LAE register code, ONS GSS
/// code and DfE local authority number.
pub(super) struct Council {
    pub lae: &'static str,
    pub name: &'static str,
    pub gss: &'static str,
    pub dfe: &'static str,
    /// Index into [`REGIONS`].
    pub region: usize,
}

/// A regional purchasing group, with the framework and the dynamic purchasing system its
/// councils call placements off.
pub(super) struct Region {
    pub key: &'static str,
    pub framework: &'static str,
    pub dps: &'static str,
}

pub(super) const REGIONS: [Region; 8] = [
    Region {
        key: "wm",
        framework: "West Midlands Regional Framework for Children's Placements 2024-2028",
        dps: "West Midlands Children's Homes Dynamic Purchasing System 2024-2029",
    },
    Region {
        key: "nw",
        framework: "North West Children's Placements Framework 2023-2027",
        dps: "North West Residential Care Dynamic Purchasing System 2023-2028",
    },
    Region {
        key: "yh",
        framework: "Yorkshire and the Humber Placements Framework 2024-2028",
        dps: "Yorkshire and the Humber Children's Homes Dynamic Purchasing System 2024-2029",
    },
    Region {
        key: "ne",
        framework: "North East Regional Placements Framework 2023-2027",
        dps: "North East Residential Dynamic Purchasing System 2023-2028",
    },
    Region {
        key: "em",
        framework: "East Midlands Fostering and Residential Framework 2024-2028",
        dps: "East Midlands Children's Homes Dynamic Purchasing System 2024-2029",
    },
    Region {
        key: "ldn",
        framework: "London Children's Placements Framework 2024-2028",
        dps: "South London Residential Dynamic Purchasing System 2024-2029",
    },
    Region {
        key: "se",
        framework: "South and East Children's Placements Framework 2023-2027",
        dps: "South and East Residential Dynamic Purchasing System 2023-2028",
    },
    Region {
        key: "sw",
        framework: "South West Peninsula Placements Framework 2024-2028",
        dps: "South West Children's Homes Dynamic Purchasing System 2024-2029",
    },
];

macro_rules! councils {
    ($( $lae:literal, $name:literal, $gss:literal, $dfe:literal, $region:literal; )+) => {
        pub(super) const COUNCILS: &[Council] = &[
            $( Council { lae: $lae, name: $name, gss: $gss, dfe: $dfe, region: $region }, )+
        ];
    };
}

councils! {
    "BIR", "Birmingham City Council", "E08000025", "330", 0;
    "COV", "Coventry City Council", "E08000026", "331", 0;
    "DUD", "Dudley Metropolitan Borough Council", "E08000027", "332", 0;
    "SAW", "Sandwell Metropolitan Borough Council", "E08000028", "333", 0;
    "SOL", "Solihull Metropolitan Borough Council", "E08000029", "334", 0;
    "WLL", "Walsall Metropolitan Borough Council", "E08000030", "335", 0;
    "WLV", "City of Wolverhampton Council", "E08000031", "336", 0;
    "MAN", "Manchester City Council", "E08000003", "352", 1;
    "LIV", "Liverpool City Council", "E08000012", "341", 1;
    "LAN", "Lancashire County Council", "E10000017", "888", 1;
    "LDS", "Leeds City Council", "E08000035", "383", 2;
    "SHF", "Sheffield City Council", "E08000019", "373", 2;
    "BRD", "City of Bradford Metropolitan District Council", "E08000032", "380", 2;
    "NET", "Newcastle City Council", "E08000021", "391", 3;
    "GAT", "Gateshead Council", "E08000037", "390", 3;
    "SND", "Sunderland City Council", "E08000024", "394", 3;
    "DUR", "Durham County Council", "E06000047", "840", 3;
    "NTT", "Nottinghamshire County Council", "E10000024", "891", 4;
    "DER", "Derby City Council", "E06000015", "831", 4;
    "LCE", "Leicester City Council", "E06000016", "856", 4;
    "LBH", "London Borough of Lambeth", "E09000022", "208", 5;
    "CRY", "London Borough of Croydon", "E09000008", "306", 5;
    "SWK", "London Borough of Southwark", "E09000028", "210", 5;
    "HCK", "London Borough of Hackney", "E09000012", "204", 5;
    "KEN", "Kent County Council", "E10000016", "886", 6;
    "SRY", "Surrey County Council", "E10000030", "936", 6;
    "HAM", "Hampshire County Council", "E10000014", "850", 6;
    "HRT", "Hertfordshire County Council", "E10000015", "919", 6;
    "ESS", "Essex County Council", "E10000012", "881", 6;
    "BST", "Bristol City Council", "E06000023", "801", 7;
    "PLY", "Plymouth City Council", "E06000026", "879", 7;
    "DEV", "Devon County Council", "E10000008", "878", 7;
    "CON", "Cornwall Council", "E06000052", "908", 7;
}

/// The councils of one region.
pub(super) fn region_councils(region: usize) -> impl Iterator<Item = &'static Council> {
    COUNCILS.iter().filter(move |c| c.region == region)
}

/// First words of the fictional providers' names.
#[rustfmt::skip]
pub(super) const STEMS: [&str; 40] = [
    "Ashgrove", "Beacon", "Brightpath", "Cedar House", "Coppice", "Dovecote", "Elmstead",
    "Fenwick", "Foxglove", "Greenacre", "Harbour", "Hawthorn", "Heatherbank", "Hollybrook",
    "Juniper", "Kestrel", "Kingfisher", "Lakeside", "Larchwood", "Meadowlark", "Millbrook",
    "Nightingale", "Northstar", "Oakfield", "Orchard", "Pinewood", "Primrose", "Quayside",
    "Redwood", "Riverside", "Rowan", "Silverbirch", "Stonebridge", "Summerhill", "Thornbury",
    "Valley View", "Westwood", "Willowbank", "Yew Tree", "Bluebell",
];

/// Endings of providers' names, by what they provide: children's homes, fostering, supported
/// accommodation.
#[rustfmt::skip]
pub(super) const SUFFIXES: [[&str; 5]; 3] = [
    ["Children's Homes Ltd", "Care Ltd", "Residential Care Ltd", "Care Group Ltd",
        "Children's Services Ltd"],
    ["Fostering Ltd", "Foster Care", "Family Placements Ltd", "Fostering Services Ltd",
        "Foster Families"],
    ["Housing and Support Ltd", "Supported Living Ltd", "Young People's Services Ltd",
        "Pathways Ltd", "Futures Ltd"],
];

/// The needs a referral lists for one child, and the level of need they add up to. A few
/// profiles per kind of placement keep combinations common, as in real referral data.
pub(super) struct NeedProfile {
    pub needs: &'static [Need],
    pub level: NeedLevel,
}

macro_rules! profiles {
    ($name:ident: $( [$($need:ident),*] $level:ident; )+) => {
        pub(super) static $name: &[NeedProfile] = &[
            $( NeedProfile { needs: &[$(Need::$need),*], level: NeedLevel::$level }, )+
        ];
    };
}

profiles! { RESIDENTIAL_NEEDS:
    [MissingEpisodes, CriminalExploitation, BehaviourThatChallenges] Complex;
    [SexualExploitation, MissingEpisodes, SelfHarm] Complex;
    [LearningDisabilityAutism, BehaviourThatChallenges] Specialist;
    [MentalHealth, SelfHarm] Complex;
    [BehaviourThatChallenges, EducationSen] Enhanced;
    [Therapeutic, MentalHealth] Enhanced;
}

profiles! { FOSTERING_NEEDS:
    [] Standard;
    [EducationSen] Standard;
    [Therapeutic] Enhanced;
    [EducationSen, MentalHealth] Enhanced;
    [Disability] Enhanced;
}

profiles! { SUPPORTED_NEEDS:
    [UnaccompaniedAsylumSeeking] Standard;
    [MentalHealth] Enhanced;
    [YouthJustice] Enhanced;
}

/// Why providers refuse a referral, how often (out of 100), and how they say so.
#[rustfmt::skip]
pub(super) static REFUSALS: &[(u64, RefusalReason, &str)] = &[
    (45, RefusalReason::NoVacancy, "No vacancy within the radius."),
    (20, RefusalReason::CannotMeetNeeds, "Cannot meet the needs listed on the referral."),
    (15, RefusalReason::MatchingRisk, "Matching assessment found a risk to the children already placed."),
    (8, RefusalReason::Location, "The only vacancy is too far from school and family."),
    (7, RefusalReason::Staffing, "Not enough staff to take a new placement safely."),
    (5, RefusalReason::Timescale, "Cannot start by the requested date."),
];

/// What providers say with an offer.
pub(super) const OFFER_NOTES: [&str; 4] = [
    "Can start on the requested date.",
    "Matching assessment completed; the setting can meet the needs listed.",
    "Offer at the provider's usual rates for this level of need.",
    "Offer subject to an introductory visit.",
];

/// How spot placements' fees are reviewed: mechanism, price index, terms.
#[rustfmt::skip]
pub(super) static SPOT_FEE_REVIEWS: &[(FeeReviewMechanism, Option<&str>, &str)] = &[
    (FeeReviewMechanism::Negotiated, None, "The core fee is reviewed each 1 April by negotiation."),
    (FeeReviewMechanism::NationalLivingWage, None,
        "The core fee is reviewed each 1 April in line with the National Living Wage."),
    (FeeReviewMechanism::PriceIndex, Some("CPI"),
        "The core fee is reviewed each 1 April in line with CPI."),
];

/// The quality criteria of a DPS mini-competition: id, title, weighting within quality, and
/// how it is scored. The weightings add up to 100.
#[rustfmt::skip]
pub(super) const DPS_CRITERIA: [(&str, &str, i64, &str); 5] = [
    ("needs", "Needs met", 35,
        "Each need on the referral the offer meets, scored against the provider's evidence."),
    ("outcomes", "Ability to meet outcomes", 25,
        "Short method statement on how the placement will meet the care plan outcomes."),
    ("location", "Location", 10, "Distance from the child's home and school."),
    ("coreCompetency", "Core competency", 20,
        "The provider's quality score from DPS qualification."),
    ("features", "Specific features", 10, "Features asked for on the referral."),
];
