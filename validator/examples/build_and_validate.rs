//! Builds a PCDS release package with the `pcds` types, writes it as JSON, and validates it with
//! the `pcds-validator` library: first as built, then with a mistake the types cannot catch.
//!
//! The documentation's developer guide shows this file; run it from the repository with
//! `cargo run -p pcds-validator --example build_and_validate`. It prints the package and the
//! findings, and exits 0 when the package is valid and the mistake is found.

use std::error::Error;
use std::process::ExitCode;

use pcds::codelists::{
    AdditionalService, AgeBand, AgreementType, AwardStatus, ContractStatus, DistanceBand,
    InitiationType, NeedLevel, PartyRole, PlacementType, PriceBasis, ProcessType,
    ProcurementMethod, ProcurementRoute, ProviderType, PublicationLevel, ReleaseTag, SettingType,
    TenderStatus, Urgency,
};
use pcds::{
    AdditionalFields, Amount, Award, ChildProfile, Contract, DateTime, GssCode, Identifier, Ocid,
    OfstedUrn, Organization, OrganizationDetails, OrganizationReference, PackageMetadata, Period,
    PlacementTerms, Price, PriceBreakdown, Publisher, Referral, Release, ReleasePackage,
    ServicePrice, Setting, Tender, Value,
};
use pcds_validator::{Severity, Validator};

/// An amount in pounds sterling, from its decimal text.
fn gbp(amount: &str) -> Result<Value, Box<dyn Error>> {
    Ok(Value::gbp(Amount::parse(amount)?))
}

/// A price per week in pounds sterling.
fn weekly(amount: &str) -> Result<Price, Box<dyn Error>> {
    Ok(Price {
        value: gbp(amount)?,
        basis: PriceBasis::PerWeek,
        units_per_week: None,
        additional_fields: AdditionalFields::new(),
    })
}

/// A party of the release, identified by its org-id.
fn party(
    scheme: &str,
    id: &str,
    name: &str,
    roles: Vec<PartyRole>,
    details: OrganizationDetails,
) -> Organization {
    Organization {
        id: format!("{scheme}-{id}"),
        name: Some(name.to_owned()),
        identifier: Some(Identifier {
            scheme: scheme.to_owned(),
            id: id.to_owned(),
            legal_name: None,
            uri: None,
            additional_fields: AdditionalFields::new(),
        }),
        additional_identifiers: Vec::new(),
        roles,
        details: Some(details),
        additional_fields: AdditionalFields::new(),
    }
}

/// A reference to a party by its id.
fn reference(id: &str) -> OrganizationReference {
    OrganizationReference {
        id: id.to_owned(),
        name: None,
        additional_fields: AdditionalFields::new(),
    }
}

/// A foster placement: the referral, the agreement and its weekly price. The child appears
/// only by age band, so the package is fit to publish as open data.
fn placement() -> Result<Release, Box<dyn Error>> {
    let council = party(
        "GB-LAE",
        "COV",
        "Coventry City Council",
        vec![PartyRole::Buyer],
        OrganizationDetails {
            gss_code: Some(GssCode::new("E08000026")?),
            dfe_number: Some("331".into()),
            ..OrganizationDetails::default()
        },
    );
    let provider = party(
        "GB-COH",
        "00000099",
        "Example Fostering Ltd",
        vec![PartyRole::Supplier],
        OrganizationDetails {
            provider_type: Some(ProviderType::Private),
            ..OrganizationDetails::default()
        },
    );
    let setting = OfstedUrn::new("SC999999")?;
    let start: DateTime = "2025-09-01T10:00:00+01:00".parse()?;
    let weekly_price = PriceBreakdown {
        core_fee: weekly("900.00")?,
        additional_services: vec![ServicePrice {
            service: AdditionalService::Transport,
            description: Some("School transport, up to 10 miles each way".into()),
            price: weekly("45.00")?,
            additional_fields: AdditionalFields::new(),
        }],
        discounts: Vec::new(),
        weekly_total: gbp("945.00")?,
        funding_contributions: Vec::new(),
        additional_fields: AdditionalFields::new(),
    };
    Ok(Release {
        ocid: Ocid::new("ocds-pcdsex-dev-2025-0001")?,
        id: "ocds-pcdsex-dev-2025-0001-01".into(),
        date: "2025-09-02T12:00:00+01:00".parse()?,
        tag: vec![ReleaseTag::Tender, ReleaseTag::Award, ReleaseTag::Contract],
        initiation_type: InitiationType::Tender,
        process_type: ProcessType::Placement,
        language: None,
        buyer: Some(reference(&council.id)),
        settings: vec![Setting {
            id: setting.clone(),
            provider_id: provider.id.clone(),
            setting_type: SettingType::IndependentFosteringAgency,
            council_area: Some(GssCode::new("E08000026")?),
            registered_places: None,
            registration_date: None,
            inspections: Vec::new(),
            additional_fields: AdditionalFields::new(),
        }],
        tender: Some(Tender {
            id: "referral".into(),
            title: Some("Foster placement, planned".into()),
            description: None,
            status: Some(TenderStatus::Complete),
            procuring_entity: None,
            procurement_method: Some(ProcurementMethod::Direct),
            procurement_method_details: None,
            main_procurement_category: None,
            award_criteria: None,
            tender_period: None,
            contract_period: None,
            value: None,
            number_of_tenderers: None,
            tenderers: Vec::new(),
            referral: Some(Referral {
                urgency: Urgency::Planned,
                placement_types_sought: vec![PlacementType::FosterCare],
                requested_start_date: start,
                expected_duration_in_days: None,
                children: vec![ChildProfile {
                    key: "child-1".into(),
                    age_band: AgeBand::Age5To9,
                    needs: Vec::new(),
                    need_level: None,
                    category_of_need: None,
                    legal_status: None,
                    additional_fields: AdditionalFields::new(),
                }],
                place_together: None,
                home_council: GssCode::new("E08000026")?,
                geographic_limit: None,
                additional_fields: AdditionalFields::new(),
            }),
            providers_contacted: Vec::new(),
            evaluation: None,
            lots: Vec::new(),
            qualification_criteria: Vec::new(),
            techniques: None,
            tiers: Vec::new(),
            documents: Vec::new(),
            amendments: Vec::new(),
            additional_fields: AdditionalFields::new(),
        }),
        bids: None,
        awards: vec![Award {
            id: "award-1".into(),
            title: None,
            description: None,
            status: Some(AwardStatus::Active),
            date: Some(start),
            value: Some(gbp("945.00")?),
            suppliers: vec![reference(&provider.id)],
            contract_period: None,
            related_bids: Vec::new(),
            selection: None,
            admission: None,
            documents: Vec::new(),
            amendments: Vec::new(),
            additional_fields: AdditionalFields::new(),
        }],
        contracts: vec![Contract {
            id: "ipa-1".into(),
            award_id: "award-1".into(),
            title: None,
            description: None,
            status: Some(ContractStatus::Active),
            agreement_type: AgreementType::IndividualPlacementAgreement,
            period: Some(Period {
                start_date: Some(start),
                ..Period::default()
            }),
            value: None,
            date_signed: None,
            placement: Some(PlacementTerms {
                placement_type: PlacementType::FosterCare,
                procurement_route: ProcurementRoute::DirectAward,
                framework_lot_id: None,
                setting_id: Some(setting),
                placement_council_area: Some(GssCode::new("E08000026")?),
                out_of_area: Some(false),
                distance_band: Some(DistanceBand::Under5Miles),
                price_schedule_line_id: None,
                need_level: Some(NeedLevel::Standard),
                child_keys: vec!["child-1".into()],
                price_unit: None,
                child_prices: Vec::new(),
                household_key: Some("household-1".into()),
                weekly_price,
                discounts: Vec::new(),
                fee_review: None,
                additional_fields: AdditionalFields::new(),
            }),
            block: None,
            ending: None,
            implementation: None,
            documents: Vec::new(),
            amendments: Vec::new(),
            additional_fields: AdditionalFields::new(),
        }],
        parties: vec![council, provider],
        related_processes: Vec::new(),
        additional_fields: AdditionalFields::new(),
    })
}

/// Validates a package, prints its findings, and returns the codes of those that are errors.
fn check(validator: &Validator, package: &ReleasePackage) -> Result<Vec<String>, Box<dyn Error>> {
    let document = serde_json::to_value(package)?;
    let findings = validator.validate(&document);
    for finding in &findings {
        println!(
            "{}[{}] at {}: {}",
            finding.severity, finding.code, finding.pointer, finding.message
        );
    }
    Ok(findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code.to_string())
        .collect())
}

fn main() -> Result<ExitCode, Box<dyn Error>> {
    let release = placement()?;
    let mut package = ReleasePackage {
        metadata: PackageMetadata {
            uri: "https://example.org/pcds/dev-example.json".into(),
            version: pcds::OCDS_VERSION.into(),
            pcds_version: pcds::PCDS_VERSION.into(),
            publication_level: PublicationLevel::Open,
            published_date: "2025-09-02T12:00:00+01:00".parse()?,
            publisher: Publisher {
                name: "Coventry City Council (synthetic example data)".into(),
                scheme: Some("GB-LAE".into()),
                uid: Some("COV".into()),
                uri: None,
                additional_fields: AdditionalFields::new(),
            },
            license: None,
            publication_policy: None,
            extensions: Vec::new(),
        },
        releases: vec![release],
        additional_fields: AdditionalFields::new(),
    };
    println!("{}", serde_json::to_string_pretty(&package)?);

    // The types enforce shapes: codes, identifiers, exact amounts. The validator checks what
    // they cannot, such as a price breakdown that adds up.
    let validator = Validator::new()?;
    let errors = check(&validator, &package)?;
    println!("as built: {} error(s)", errors.len());

    // A weekly total that does not add up is well-typed, but wrong.
    if let Some(terms) = package.releases[0].contracts[0].placement.as_mut() {
        if let Some(total) = terms.weekly_price.computed_weekly_total() {
            println!("the parts add up to {total} a week");
        }
        terms.weekly_price.weekly_total = gbp("954.00")?;
    }
    let mistakes = check(&validator, &package)?;
    println!("with a wrong total: {mistakes:?}");

    let caught = mistakes.iter().any(|code| code == "PCDS-PRICE-001");
    Ok(if errors.is_empty() && caught {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
