//! Proptest strategies for arbitrary, varied and *valid* PCDS values: every generated release
//! package is valid against the PCDS schema and the upstream OCDS 1.1.5 schema, and reads back
//! to the same value.
//!
//! What "valid" takes beyond the Rust types:
//! - strings are non-empty; identifiers (ocid, GSS code, Ofsted URN) have their published shape;
//!   URIs are absolute; dates are whole-second RFC 3339 times in 2015–2035 at `Z` or `+01:00`;
//! - amounts have at most two decimal places and stay below 10⁹ in magnitude, so they survive
//!   the trip through a JSON number exactly; percentages are 0–100;
//! - optional lists are often empty (and then not written); lists the types require hold at
//!   least one item;
//! - every element of a list with an `id` gets a distinct id (OCDS has `uniqueItems` on many
//!   lists, and PCDS ids are unique within their list);
//! - open codelists sometimes carry an unlisted code; closed ones only listed codes;
//! - unknown fields (kept in `additional_fields`) are named `x…` in camelCase, so they never
//!   collide with a PCDS field or an OCDS field whose schema could reject them.
//!
//! Every struct is built with struct-literal syntax, so adding a field to the model breaks this
//! file until the field is generated too.

use std::fmt::Debug;

use chrono::FixedOffset;
use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;
use rust_decimal::Decimal;

use pcds::codelist::Codelist;
use pcds::{
    AdditionalFields, Admission, Amendment, Amount, AppliedDiscount, Award, Bid, Bids, BlockTerms,
    ChildPrice, ChildProfile, Contract, CorePrice, DateTime, Discount, DiscountCondition, Document,
    Evaluation, EvaluationCriterion, FeeChange, FeeReviewTerms, FrameworkAgreementTechnique,
    FundingContribution, GeographicLimit, GssCode, Identifier, Implementation, Inspection, Lot,
    Occupancy, Ocid, OfstedUrn, Organization, OrganizationDetails, OrganizationReference,
    OutcomeMeasure, PackageMetadata, Percentage, Period, PlacementEnding, PlacementTerms, Price,
    PriceBreakdown, PriceSchedule, ProviderContact, Publisher, QualificationCriterion, Referral,
    RelatedProcess, Release, ReleasePackage, Score, Selection, ServicePrice, Setting, StatusChange,
    Techniques, Tender, Tier, Transaction, Value, VoidPeriod, VoidTerms, VolumeBand,
};

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

/// Non-empty text: mostly plain words, sometimes any printable Unicode.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[A-Z][a-z]{1,10}( [a-z]{1,10}){0,4}",
        1 => "\\PC{1,20}",
    ]
    .boxed()
}

/// A local identifier, e.g. `bid-0042`. Lists make theirs distinct with [`numbered`].
fn ident() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-z]{2,8}-[0-9]{1,4}",
        1 => "[A-Za-z0-9][A-Za-z0-9._:/-]{0,15}",
    ]
    .boxed()
}

/// An absolute `https` URI.
fn uri() -> BoxedStrategy<String> {
    (
        prop::sample::select(&["example.org", "example.com", "data.pcds.example"][..]),
        "[a-z]{1,8}",
        "[A-Za-z0-9]{1,12}",
        opt("[a-z]{1,6}"),
    )
        .prop_map(|(host, dir, leaf, ext)| match ext {
            Some(ext) => format!("https://{host}/{dir}/{leaf}.{ext}"),
            None => format!("https://{host}/{dir}/{leaf}"),
        })
        .boxed()
}

/// A whole-second time between 2015 and 2035, in UTC (`Z`) or British Summer Time (`+01:00`).
fn date_time() -> BoxedStrategy<DateTime> {
    // 2015-01-01T00:00:00Z ..= 2035-12-31T23:59:59Z
    (
        1_420_070_400_i64..=2_082_758_399_i64,
        prop::sample::select(&[0, 3600][..]),
    )
        .prop_map(|(seconds, offset)| {
            let utc = chrono::DateTime::from_timestamp(seconds, 0).expect("a time in range");
            let offset = FixedOffset::east_opt(offset).expect("a valid offset");
            DateTime(utc.with_timezone(&offset))
        })
        .boxed()
}

/// A decimal from `min` to `max` inclusive with 0–2 decimal places, with trailing fractional
/// zeros removed so that its scale is the one it reads back with (`12.50` is written `12.5`).
fn decimal(min: i64, max: i64) -> BoxedStrategy<Decimal> {
    (0_u32..=2)
        .prop_flat_map(move |scale| {
            let factor = 10_i64.pow(scale);
            (min * factor..=max * factor).prop_map(move |mantissa| {
                let mut mantissa = mantissa;
                let mut scale = scale;
                while scale > 0 && mantissa % 10 == 0 {
                    mantissa /= 10;
                    scale -= 1;
                }
                Decimal::new(mantissa, scale)
            })
        })
        .boxed()
}

/// An amount: mostly everyday money, sometimes large, sometimes negative (the types and both
/// schemas allow it; the validator judges whether it makes sense).
fn amount() -> BoxedStrategy<Amount> {
    prop_oneof![
        6 => decimal(0, 20_000),
        2 => decimal(0, 999_999_999),
        1 => decimal(-999_999_999, 0),
    ]
    .prop_map(|d| Amount::new(d).expect("generated amounts are in range"))
    .boxed()
}

/// A small non-negative amount such as a score, a count of hours or a distance.
fn small_amount() -> BoxedStrategy<Amount> {
    decimal(0, 200)
        .prop_map(|d| Amount::new(d).expect("generated amounts are in range"))
        .boxed()
}

fn percentage() -> BoxedStrategy<Percentage> {
    decimal(0, 100)
        .prop_map(|d| Percentage::new(d).expect("a percentage between 0 and 100"))
        .boxed()
}

/// A count: mostly small, sometimes anything a `u32` holds.
fn count() -> BoxedStrategy<u32> {
    prop_oneof![4 => 0_u32..=30, 1 => any::<u32>()].boxed()
}

/// A count of at least 1.
fn positive() -> BoxedStrategy<u32> {
    prop_oneof![4 => 1_u32..=30, 1 => 1_u32..=u32::MAX].boxed()
}

fn ocid() -> BoxedStrategy<Ocid> {
    "ocds-[a-z0-9]{6}-[A-Za-z0-9][A-Za-z0-9._/-]{0,20}"
        .prop_map(|text| Ocid::new(text).expect("a valid ocid"))
        .boxed()
}

fn gss_code() -> BoxedStrategy<GssCode> {
    "[ENSW][0-9]{8}"
        .prop_map(|text| GssCode::new(text).expect("a valid GSS code"))
        .boxed()
}

fn ofsted_urn() -> BoxedStrategy<OfstedUrn> {
    prop_oneof!["SC[0-9]{6}", "[0-9]{7}"]
        .prop_map(|text| OfstedUrn::new(text).expect("a valid Ofsted URN"))
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Codelists, unknown fields, lists
// ---------------------------------------------------------------------------------------------

/// A code of codelist `T`: any listed code, or for an open list, one time in ten, a camelCase
/// code the list does not have.
fn code<T: Codelist + Debug + Clone + 'static>() -> BoxedStrategy<T> {
    let listed = prop::sample::select(T::INFO.codes)
        .prop_map(|c| T::from_code(c.code).expect("a listed code parses"));
    if T::INFO.open {
        prop_oneof![
            9 => listed,
            1 => "local[A-Z][a-z]{2,8}"
                .prop_map(|c| T::from_code(&c).expect("an open codelist keeps any code")),
        ]
        .boxed()
    } else {
        listed.boxed()
    }
}

/// Between `min` and `max` distinct codes of codelist `T`.
fn codes<T: Codelist + Debug + Clone + 'static>(min: usize, max: usize) -> BoxedStrategy<Vec<T>> {
    vec(code::<T>(), min..=max)
        .prop_map(|codes| {
            let mut distinct: Vec<T> = Vec::with_capacity(codes.len());
            for c in codes {
                if !distinct.iter().any(|d| d.code() == c.code()) {
                    distinct.push(c);
                }
            }
            distinct
        })
        .boxed()
}

/// Gives each item of a list a distinct id by appending its position (`-1`, `-2`, …).
fn numbered<T>(mut items: Vec<T>, id: fn(&mut T) -> &mut String) -> Vec<T> {
    for (index, item) in items.iter_mut().enumerate() {
        id(item).push_str(&format!("-{}", index + 1));
    }
    items
}

/// A field name no PCDS or OCDS object defines: `x` and camelCase words, e.g. `xLocalRef`.
fn extra_name() -> BoxedStrategy<String> {
    "x[A-Z][a-z]{2,8}([A-Z][a-z]{1,6})?".boxed()
}

fn extra_value() -> BoxedStrategy<serde_json::Value> {
    use serde_json::Value as Json;
    prop_oneof![
        3 => text().prop_map(Json::String),
        2 => any::<i64>().prop_map(Json::from),
        2 => any::<bool>().prop_map(Json::Bool),
        1 => vec(text(), 1..=2).prop_map(Json::from),
        1 => (extra_name(), text()).prop_map(|(k, v)| {
            let mut object = serde_json::Map::new();
            object.insert(k, Json::String(v));
            Json::Object(object)
        }),
    ]
    .boxed()
}

/// Unknown fields: none `odds` times in `odds + 1`, otherwise one or two.
fn extras_with(odds: u32) -> BoxedStrategy<AdditionalFields> {
    prop_oneof![
        odds => Just(AdditionalFields::new()),
        1 => vec((extra_name(), extra_value()), 1..=2)
            .prop_map(|fields| fields.into_iter().collect::<AdditionalFields>()),
    ]
    .boxed()
}

/// Unknown fields, rarely: for the objects deep in the model.
fn extras() -> BoxedStrategy<AdditionalFields> {
    extras_with(12)
}

/// Unknown fields, now and then: for the main objects (release, tender, award, organisation…).
fn extras_often() -> BoxedStrategy<AdditionalFields> {
    extras_with(3)
}

// ---------------------------------------------------------------------------------------------
// Building blocks: values, periods, documents, amendments, related processes
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn value()(amount in amount(), currency in code(), additional_fields in extras()) -> Value {
        Value { amount, currency, additional_fields }
    }
}

prop_compose! {
    fn period()(
        start_date in opt(date_time()),
        end_date in opt(date_time()),
        max_extent_date in opt(date_time()),
        duration_in_days in opt(count()),
        additional_fields in extras(),
    ) -> Period {
        Period { start_date, end_date, max_extent_date, duration_in_days, additional_fields }
    }
}

prop_compose! {
    fn document()(
        id in ident(),
        document_type in opt(code()),
        title in opt(text()),
        description in opt(text()),
        url in opt(uri()),
        date_published in opt(date_time()),
        format in opt(prop::sample::select(&["application/pdf", "text/html", "text/csv"][..])),
        additional_fields in extras(),
    ) -> Document {
        Document {
            id,
            document_type,
            title,
            description,
            url,
            date_published,
            format: format.map(str::to_owned),
            additional_fields,
        }
    }
}

fn documents() -> BoxedStrategy<Vec<Document>> {
    vec(document(), 0..=2)
        .prop_map(|d| numbered(d, |d| &mut d.id))
        .boxed()
}

prop_compose! {
    fn fee_change()(
        (change_type, trigger, percentage, applies_to)
            in (code(), code(), opt(percentage()), opt(code())),
        previous_weekly_total in value(),
        new_weekly_total in value(),
        effective_date in date_time(),
        new_weekly_price in opt(price_breakdown()),
        additional_fields in extras(),
    ) -> FeeChange {
        FeeChange {
            change_type,
            trigger,
            percentage,
            applies_to,
            previous_weekly_total,
            new_weekly_total,
            effective_date,
            new_weekly_price,
            additional_fields,
        }
    }
}

prop_compose! {
    fn amendment()(
        id in ident(),
        date in opt(date_time()),
        rationale in opt(text()),
        description in opt(text()),
        amends_release_id in opt(ident()),
        release_id in opt(ident()),
        fee_change in opt(fee_change()),
        additional_fields in extras(),
    ) -> Amendment {
        Amendment {
            id,
            date,
            rationale,
            description,
            amends_release_id,
            release_id,
            fee_change,
            additional_fields,
        }
    }
}

fn amendments() -> BoxedStrategy<Vec<Amendment>> {
    vec(amendment(), 0..=2)
        .prop_map(|a| numbered(a, |a| &mut a.id))
        .boxed()
}

prop_compose! {
    fn related_process()(
        id in ident(),
        relationship in codes(1, 2),
        title in opt(text()),
        scheme in code(),
        identifier in prop_oneof![3 => ocid().prop_map(|o| o.to_string()), 1 => ident()],
        uri in opt(uri()),
        additional_fields in extras(),
    ) -> RelatedProcess {
        RelatedProcess { id, relationship, title, scheme, identifier, uri, additional_fields }
    }
}

// ---------------------------------------------------------------------------------------------
// Parties and settings
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn identifier()(
        scheme in prop_oneof![
            3 => prop::sample::select(&["GB-COH", "GB-CHC", "GB-LAE", "GB-SC"][..]).prop_map(str::to_owned),
            1 => "[A-Z]{2}-[A-Z]{2,4}",
        ],
        id in "[0-9A-Z]{2,10}",
        legal_name in opt(text()),
        uri in opt(uri()),
        additional_fields in extras(),
    ) -> Identifier {
        Identifier { scheme, id, legal_name, uri, additional_fields }
    }
}

prop_compose! {
    fn organization_details()(
        provider_type in opt(code()),
        gss_code in opt(gss_code()),
        dfe_number in opt("[0-9]{3}"),
        additional_fields in extras(),
    ) -> OrganizationDetails {
        OrganizationDetails { provider_type, gss_code, dfe_number, additional_fields }
    }
}

prop_compose! {
    fn organization()(
        id in prop_oneof![3 => "GB-(COH|CHC|LAE)-[0-9A-Z]{4,8}", 1 => ident()],
        name in opt(text()),
        identifier in opt(identifier()),
        additional_identifiers in vec(identifier(), 0..=2)
            .prop_map(|i| numbered(i, |i| &mut i.id)),
        roles in codes(0, 3),
        details in opt(organization_details()),
        additional_fields in extras_often(),
    ) -> Organization {
        Organization { id, name, identifier, additional_identifiers, roles, details, additional_fields }
    }
}

prop_compose! {
    fn organization_reference()(
        id in prop_oneof![3 => "GB-(COH|CHC|LAE)-[0-9A-Z]{4,8}", 1 => ident()],
        name in opt(text()),
        additional_fields in extras(),
    ) -> OrganizationReference {
        OrganizationReference { id, name, additional_fields }
    }
}

/// Between `min` and `max` references to distinct parties.
fn organization_references(min: usize, max: usize) -> BoxedStrategy<Vec<OrganizationReference>> {
    vec(organization_reference(), min..=max)
        .prop_map(|r| numbered(r, |r| &mut r.id))
        .boxed()
}

prop_compose! {
    fn inspection()(date in date_time(), judgement in code(), additional_fields in extras()) -> Inspection {
        Inspection { date, judgement, additional_fields }
    }
}

prop_compose! {
    fn setting()(
        id in ofsted_urn(),
        provider_id in ident(),
        setting_type in code(),
        council_area in opt(gss_code()),
        registered_places in opt(count()),
        registration_date in opt(date_time()),
        inspections in vec(inspection(), 0..=3),
        additional_fields in extras(),
    ) -> Setting {
        Setting {
            id,
            provider_id,
            setting_type,
            council_area,
            registered_places,
            registration_date,
            inspections,
            additional_fields,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Prices
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn price()(
        value in value(),
        basis in code(),
        units_per_week in opt(small_amount()),
        additional_fields in extras(),
    ) -> Price {
        Price { value, basis, units_per_week, additional_fields }
    }
}

prop_compose! {
    fn service_price()(
        service in code(),
        description in opt(text()),
        price in price(),
        additional_fields in extras(),
    ) -> ServicePrice {
        ServicePrice { service, description, price, additional_fields }
    }
}

prop_compose! {
    fn applied_discount()(
        discount_id in opt(ident()),
        discount_type in code(),
        percentage in opt(percentage()),
        weekly_amount in value(),
        additional_fields in extras(),
    ) -> AppliedDiscount {
        AppliedDiscount { discount_id, discount_type, percentage, weekly_amount, additional_fields }
    }
}

prop_compose! {
    fn funding_contribution()(
        source in code(),
        funder in opt(organization_reference()),
        weekly_amount in value(),
        additional_fields in extras(),
    ) -> FundingContribution {
        FundingContribution { source, funder, weekly_amount, additional_fields }
    }
}

prop_compose! {
    fn price_breakdown()(
        core_fee in price(),
        additional_services in vec(service_price(), 0..=3),
        discounts in vec(applied_discount(), 0..=2),
        weekly_total in value(),
        funding_contributions in vec(funding_contribution(), 0..=3),
        additional_fields in extras(),
    ) -> PriceBreakdown {
        PriceBreakdown {
            core_fee,
            additional_services,
            discounts,
            weekly_total,
            funding_contributions,
            additional_fields,
        }
    }
}

prop_compose! {
    fn discount_condition()(
        after_months in opt(0_u32..=36),
        after_weeks in opt(0_u32..=104),
        from_date in opt(date_time()),
        minimum_placements in opt(count()),
        minimum_siblings in opt(count()),
        additional_fields in extras(),
    ) -> DiscountCondition {
        DiscountCondition {
            after_months,
            after_weeks,
            from_date,
            minimum_placements,
            minimum_siblings,
            additional_fields,
        }
    }
}

prop_compose! {
    fn discount()(
        id in ident(),
        discount_type in code(),
        percentage in opt(percentage()),
        applies_to in opt(code()),
        amount in opt(price()),
        applies_from in discount_condition(),
        description in opt(text()),
        additional_fields in extras(),
    ) -> Discount {
        Discount {
            id,
            discount_type,
            percentage,
            applies_to,
            amount,
            applies_from,
            description,
            additional_fields,
        }
    }
}

fn discounts() -> BoxedStrategy<Vec<Discount>> {
    vec(discount(), 0..=2)
        .prop_map(|d| numbered(d, |d| &mut d.id))
        .boxed()
}

prop_compose! {
    fn fee_review_terms()(
        mechanism in code(),
        review_month in opt(1_u8..=12),
        frequency_in_months in opt(positive()),
        index in opt(prop_oneof![
            prop::sample::select(&["CPI", "RPI", "CPIH"][..]).prop_map(str::to_owned),
            text(),
        ]),
        (percentage, maximum_uplift) in (opt(percentage()), opt(percentage())),
        increases_between_reviews in opt(any::<bool>()),
        description in opt(text()),
        additional_fields in extras(),
    ) -> FeeReviewTerms {
        FeeReviewTerms {
            mechanism,
            review_month,
            frequency_in_months,
            percentage,
            index,
            maximum_uplift,
            increases_between_reviews,
            description,
            additional_fields,
        }
    }
}

prop_compose! {
    fn core_price()(
        id in ident(),
        lot_id in opt(ident()),
        placement_type in code(),
        age_band in opt(code()),
        need_level in opt(code()),
        service_level in opt(code()),
        weekly_price in value(),
        additional_fields in extras(),
    ) -> CorePrice {
        CorePrice {
            id,
            lot_id,
            placement_type,
            age_band,
            need_level,
            service_level,
            weekly_price,
            additional_fields,
        }
    }
}

prop_compose! {
    fn price_schedule()(
        id in ident(),
        period in period(),
        core_prices in vec(core_price(), 1..=3).prop_map(|c| numbered(c, |c| &mut c.id)),
        additional_service_prices in vec(service_price(), 0..=2),
        discounts in discounts(),
        fee_review in opt(fee_review_terms()),
        additional_fields in extras(),
    ) -> PriceSchedule {
        PriceSchedule {
            id,
            period,
            core_prices,
            additional_service_prices,
            discounts,
            fee_review,
            additional_fields,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tender
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn child_profile()(
        key in "child-[1-9][0-9]{0,2}",
        age_band in code(),
        needs in codes(0, 4),
        need_level in opt(code()),
        category_of_need in opt(code()),
        legal_status in opt(code()),
        additional_fields in extras(),
    ) -> ChildProfile {
        ChildProfile { key, age_band, needs, need_level, category_of_need, legal_status, additional_fields }
    }
}

prop_compose! {
    fn geographic_limit()(
        radius_miles in opt(small_amount()),
        council_areas in vec(gss_code(), 0..=3),
        out_of_area_acceptable in opt(any::<bool>()),
        additional_fields in extras(),
    ) -> GeographicLimit {
        GeographicLimit { radius_miles, council_areas, out_of_area_acceptable, additional_fields }
    }
}

prop_compose! {
    fn referral()(
        urgency in code(),
        placement_types_sought in codes(1, 3),
        requested_start_date in date_time(),
        expected_duration_in_days in opt(count()),
        children in vec(child_profile(), 1..=3),
        place_together in opt(any::<bool>()),
        home_council in gss_code(),
        geographic_limit in opt(geographic_limit()),
        additional_fields in extras_often(),
    ) -> Referral {
        Referral {
            urgency,
            placement_types_sought,
            requested_start_date,
            expected_duration_in_days,
            children,
            place_together,
            home_council,
            geographic_limit,
            additional_fields,
        }
    }
}

prop_compose! {
    fn provider_contact()(
        id in ident(),
        provider in organization_reference(),
        date in date_time(),
        additional_fields in extras(),
    ) -> ProviderContact {
        ProviderContact { id, provider, date, additional_fields }
    }
}

prop_compose! {
    fn evaluation_criterion()(
        id in ident(),
        title in text(),
        weighting in percentage(),
        maximum_points in opt(small_amount()),
        description in opt(text()),
        additional_fields in extras(),
    ) -> EvaluationCriterion {
        EvaluationCriterion { id, title, weighting, maximum_points, description, additional_fields }
    }
}

prop_compose! {
    fn techniques()(
        has_framework_agreement in opt(any::<bool>()),
        framework_agreement in opt((code(), extras()).prop_map(|(method, additional_fields)| {
            FrameworkAgreementTechnique { method, additional_fields }
        })),
        has_dynamic_purchasing_system in opt(any::<bool>()),
        additional_fields in extras(),
    ) -> Techniques {
        Techniques {
            has_framework_agreement,
            framework_agreement,
            has_dynamic_purchasing_system,
            additional_fields,
        }
    }
}

prop_compose! {
    fn tier()(
        id in ident(),
        title in text(),
        order in positive(),
        additional_fields in extras(),
    ) -> Tier {
        Tier { id, title, order, additional_fields }
    }
}

prop_compose! {
    fn evaluation()(
        ranking_model in opt(code()),
        price_weighting in percentage(),
        quality_weighting in percentage(),
        criteria in vec(evaluation_criterion(), 0..=3).prop_map(|c| numbered(c, |c| &mut c.id)),
        total_points in opt(small_amount()),
        choice_margin in opt(percentage()),
        maximum_choices in opt(count()),
        additional_fields in extras(),
    ) -> Evaluation {
        Evaluation {
            ranking_model,
            price_weighting,
            quality_weighting,
            criteria,
            total_points,
            choice_margin,
            maximum_choices,
            additional_fields,
        }
    }
}

prop_compose! {
    fn lot()(
        id in ident(),
        title in text(),
        description in opt(text()),
        placement_types in codes(1, 3),
        additional_fields in extras(),
    ) -> Lot {
        Lot { id, title, description, placement_types, additional_fields }
    }
}

prop_compose! {
    fn qualification_criterion()(
        id in ident(),
        title in text(),
        criterion_type in code(),
        weighting in opt(percentage()),
        minimum_ofsted_judgement in opt(code()),
        description in opt(text()),
        additional_fields in extras(),
    ) -> QualificationCriterion {
        QualificationCriterion {
            id,
            title,
            criterion_type,
            weighting,
            minimum_ofsted_judgement,
            description,
            additional_fields,
        }
    }
}

prop_compose! {
    fn tender()(
        (id, title, description, status) in (ident(), opt(text()), opt(text()), opt(code())),
        (procuring_entity, procurement_method, procurement_method_details, main_procurement_category)
            in (opt(organization_reference()), opt(code()), opt(text()), opt(code())),
        (award_criteria, tender_period, contract_period, value)
            in (opt(code()), opt(period()), opt(period()), opt(value())),
        (number_of_tenderers, tenderers, referral)
            in (opt(count()), organization_references(0, 3), opt(referral())),
        providers_contacted in vec(provider_contact(), 0..=3)
            .prop_map(|p| numbered(p, |p| &mut p.id)),
        evaluation in opt(evaluation()),
        lots in vec(lot(), 0..=3).prop_map(|l| numbered(l, |l| &mut l.id)),
        qualification_criteria in vec(qualification_criterion(), 0..=2)
            .prop_map(|q| numbered(q, |q| &mut q.id)),
        (techniques, tiers) in (
            opt(techniques()),
            vec(tier(), 0..=2).prop_map(|t| numbered(t, |t| &mut t.id)),
        ),
        documents in documents(),
        amendments in amendments(),
        additional_fields in extras_often(),
    ) -> Tender {
        Tender {
            id,
            title,
            description,
            status,
            procuring_entity,
            procurement_method,
            procurement_method_details,
            main_procurement_category,
            award_criteria,
            tender_period,
            contract_period,
            value,
            number_of_tenderers,
            tenderers,
            referral,
            providers_contacted,
            evaluation,
            lots,
            qualification_criteria,
            techniques,
            tiers,
            documents,
            amendments,
            additional_fields,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bids
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn score()(
        criterion_id in prop_oneof![1 => Just("price".to_owned()), 3 => ident()],
        score in small_amount(),
        maximum in small_amount(),
        weighted_score in opt(small_amount()),
        additional_fields in extras(),
    ) -> Score {
        Score { criterion_id, score, maximum, weighted_score, additional_fields }
    }
}

prop_compose! {
    fn bid()(
        (id, date, tenderers, response) in (ident(), date_time(), organization_references(1, 2), code()),
        (value, price_breakdown, setting_id, placement_type)
            in (opt(value()), opt(price_breakdown()), opt(ofsted_urn()), opt(code())),
        (needs_met, distance_band, refusal_reason, description)
            in (codes(0, 3), opt(code()), opt(code()), opt(text())),
        scores in vec(score(), 0..=3),
        total_score in opt(small_amount()),
        rank in opt(positive()),
        additional_fields in extras_often(),
    ) -> Bid {
        Bid {
            id,
            date,
            tenderers,
            response,
            value,
            price_breakdown,
            setting_id,
            placement_type,
            needs_met,
            distance_band,
            refusal_reason,
            description,
            scores,
            total_score,
            rank,
            additional_fields,
        }
    }
}

prop_compose! {
    fn bids()(
        details in vec(bid(), 1..=3).prop_map(|b| numbered(b, |b| &mut b.id)),
        additional_fields in extras(),
    ) -> Bids {
        Bids { details, additional_fields }
    }
}

// ---------------------------------------------------------------------------------------------
// Awards
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn selection()(
        basis in code(),
        bids_put_to_parents_or_carers in vec(ident(), 0..=3),
        description in opt(text()),
        additional_fields in extras(),
    ) -> Selection {
        Selection { basis, bids_put_to_parents_or_carers, description, additional_fields }
    }
}

prop_compose! {
    fn status_change()(
        date in date_time(),
        status in code(),
        reason in opt(text()),
        setting_id in opt(ofsted_urn()),
        inspection_date in opt(date_time()),
        additional_fields in extras(),
    ) -> StatusChange {
        StatusChange { date, status, reason, setting_id, inspection_date, additional_fields }
    }
}

prop_compose! {
    fn admission()(
        status_history in vec(status_change(), 1..=3),
        lot_ids in vec(ident(), 0..=2),
        setting_ids in vec(ofsted_urn(), 0..=2),
        quality_score in opt(small_amount()),
        (price_per_quality_unit, rank, tier) in (opt(small_amount()), opt(positive()), opt(code())),
        price_schedule in opt(price_schedule()),
        additional_fields in extras(),
    ) -> Admission {
        // The standing now is that of the latest change.
        let status = status_history
            .iter()
            .max_by_key(|change| change.date)
            .map(|change| change.status.clone())
            .expect("at least one status change");
        Admission {
            status,
            status_history,
            lot_ids,
            setting_ids,
            quality_score,
            price_per_quality_unit,
            rank,
            tier,
            price_schedule,
            additional_fields,
        }
    }
}

prop_compose! {
    fn award()(
        (id, title, description, status, date)
            in (ident(), opt(text()), opt(text()), opt(code()), opt(date_time())),
        (value, suppliers, contract_period)
            in (opt(value()), organization_references(1, 2), opt(period())),
        related_bids in vec(ident(), 0..=2),
        selection in opt(selection()),
        admission in opt(admission()),
        documents in documents(),
        amendments in amendments(),
        additional_fields in extras_often(),
    ) -> Award {
        Award {
            id,
            title,
            description,
            status,
            date,
            value,
            suppliers,
            contract_period,
            related_bids,
            selection,
            admission,
            documents,
            amendments,
            additional_fields,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Contracts
// ---------------------------------------------------------------------------------------------

prop_compose! {
    fn placement_terms()(
        (placement_type, procurement_route, framework_lot_id, setting_id)
            in (code(), code(), opt(ident()), opt(ofsted_urn())),
        (placement_council_area, out_of_area, distance_band)
            in (opt(gss_code()), opt(any::<bool>()), opt(code())),
        (price_schedule_line_id, need_level, child_keys, price_unit)
            in (opt(ident()), opt(code()), (1_usize..=3).prop_map(|n| (1..=n).map(|k| format!("child-{k}")).collect::<Vec<_>>()), opt(code())),
        (child_prices, household_key) in (vec(child_price(), 0..=2), opt("household-[0-9]{1,4}")),
        weekly_price in price_breakdown(),
        discounts in discounts(),
        fee_review in opt(fee_review_terms()),
        additional_fields in extras(),
    ) -> PlacementTerms {
        PlacementTerms {
            placement_type,
            procurement_route,
            framework_lot_id,
            price_schedule_line_id,
            need_level,
            child_keys,
            price_unit,
            child_prices,
            household_key,
            setting_id,
            placement_council_area,
            out_of_area,
            distance_band,
            weekly_price,
            discounts,
            fee_review,
            additional_fields,
        }
    }
}

prop_compose! {
    fn child_price()(
        child_key in "child-[0-9]{1,3}",
        weekly_total in value(),
        additional_fields in extras(),
    ) -> ChildPrice {
        ChildPrice { child_key, weekly_total, additional_fields }
    }
}

prop_compose! {
    fn void_terms()(
        payment_percentage in percentage(),
        costing in code(),
        maximum_void_days in opt(count()),
        refusals_allowed in opt(count()),
        description in opt(text()),
        additional_fields in extras(),
    ) -> VoidTerms {
        VoidTerms {
            payment_percentage,
            costing,
            maximum_void_days,
            refusals_allowed,
            description,
            additional_fields,
        }
    }
}

prop_compose! {
    fn volume_band()(
        minimum_placements in count(),
        weekly_price_per_place in value(),
        additional_fields in extras(),
    ) -> VolumeBand {
        VolumeBand { minimum_placements, weekly_price_per_place, additional_fields }
    }
}

prop_compose! {
    fn void_period()(
        id in ident(),
        period in period(),
        places in positive(),
        reason in opt(text()),
        additional_fields in extras(),
    ) -> VoidPeriod {
        VoidPeriod { id, period, places, reason, additional_fields }
    }
}

prop_compose! {
    fn block_terms()(
        placement_type in code(),
        reserved_places in positive(),
        price_per_place in price(),
        setting_ids in vec(ofsted_urn(), 0..=3),
        void_terms in opt(void_terms()),
        volume_bands in vec(volume_band(), 0..=3),
        voids in vec(void_period(), 0..=2).prop_map(|v| numbered(v, |v| &mut v.id)),
        occupancy in vec(occupancy(), 0..=2).prop_map(|o| numbered(o, |o| &mut o.id)),
        additional_fields in extras(),
    ) -> BlockTerms {
        BlockTerms {
            placement_type,
            reserved_places,
            price_per_place,
            setting_ids,
            void_terms,
            volume_bands,
            voids,
            occupancy,
            additional_fields,
        }
    }
}

prop_compose! {
    fn occupancy()(
        id in ident(),
        period in period(),
        places_filled in count(),
        additional_fields in extras(),
    ) -> Occupancy {
        Occupancy { id, period, places_filled, additional_fields }
    }
}

prop_compose! {
    fn placement_ending()(
        date in date_time(),
        reason in code(),
        planned in any::<bool>(),
        initiated_by in opt(code()),
        notice_date in opt(date_time()),
        notice_days in opt(count()),
        additional_fields in extras(),
    ) -> PlacementEnding {
        PlacementEnding { date, reason, planned, initiated_by, notice_date, notice_days, additional_fields }
    }
}

prop_compose! {
    fn transaction()(
        id in ident(),
        date in date_time(),
        value in value(),
        payer in opt(organization_reference()),
        payee in opt(organization_reference()),
        period_covered in opt(period()),
        additional_fields in extras(),
    ) -> Transaction {
        Transaction { id, date, value, payer, payee, period_covered, additional_fields }
    }
}

prop_compose! {
    fn outcome_measure()(
        id in ident(),
        indicator in code(),
        period in period(),
        value in small_amount(),
        baseline in opt(any::<bool>()),
        additional_fields in extras(),
    ) -> OutcomeMeasure {
        OutcomeMeasure { id, indicator, period, value, baseline, additional_fields }
    }
}

prop_compose! {
    fn implementation()(
        transactions in vec(transaction(), 0..=3).prop_map(|t| numbered(t, |t| &mut t.id)),
        outcomes in vec(outcome_measure(), 0..=3).prop_map(|o| numbered(o, |o| &mut o.id)),
        documents in documents(),
        additional_fields in extras(),
    ) -> Implementation {
        Implementation { transactions, outcomes, documents, additional_fields }
    }
}

prop_compose! {
    fn contract()(
        (id, award_id, title, description, status)
            in (ident(), ident(), opt(text()), opt(text()), opt(code())),
        (agreement_type, period, value, date_signed)
            in (code(), opt(period()), opt(value()), opt(date_time())),
        placement in opt(placement_terms()),
        block in opt(block_terms()),
        ending in opt(placement_ending()),
        implementation in opt(implementation()),
        documents in documents(),
        amendments in amendments(),
        additional_fields in extras_often(),
    ) -> Contract {
        Contract {
            id,
            award_id,
            title,
            description,
            status,
            agreement_type,
            period,
            value,
            date_signed,
            placement,
            block,
            ending,
            implementation,
            documents,
            amendments,
            additional_fields,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Releases and packages
// ---------------------------------------------------------------------------------------------

prop_compose! {
    /// An arbitrary valid release.
    pub fn release()(
        (ocid, id, date, tag) in (ocid(), ident(), date_time(), codes(1, 3)),
        (initiation_type, process_type, language)
            in (code(), code(), opt(prop::sample::select(&["en", "cy", "en-GB"][..]))),
        parties in vec(organization(), 0..=3).prop_map(|p| numbered(p, |p| &mut p.id)),
        buyer in opt(organization_reference()),
        settings in vec(setting(), 0..=2),
        tender in opt(tender()),
        bids in opt(bids()),
        awards in vec(award(), 0..=2).prop_map(|a| numbered(a, |a| &mut a.id)),
        contracts in vec(contract(), 0..=2).prop_map(|c| numbered(c, |c| &mut c.id)),
        related_processes in vec(related_process(), 0..=2)
            .prop_map(|r| numbered(r, |r| &mut r.id)),
        additional_fields in extras_often(),
    ) -> Release {
        Release {
            ocid,
            id,
            date,
            tag,
            initiation_type,
            process_type,
            language: language.map(str::to_owned),
            parties,
            buyer,
            settings,
            tender,
            bids,
            awards,
            contracts,
            related_processes,
            additional_fields,
        }
    }
}

prop_compose! {
    fn publisher()(
        name in text(),
        scheme in opt(prop_oneof![Just("GB-LAE".to_owned()), "[A-Z]{2}-[A-Z]{2,4}"]),
        uid in opt("[A-Z0-9]{3,10}"),
        uri in opt(uri()),
        additional_fields in extras(),
    ) -> Publisher {
        Publisher { name, scheme, uid, uri, additional_fields }
    }
}

prop_compose! {
    fn package_metadata()(
        uri in uri(),
        pcds_version in prop_oneof![3 => Just(pcds::PCDS_VERSION.to_owned()), 1 => "[0-9]{1,2}\\.[0-9]{1,2}"],
        publication_level in code(),
        published_date in date_time(),
        publisher in publisher(),
        license in opt(uri()),
        publication_policy in opt(uri()),
        extensions in vec(uri(), 0..=2),
    ) -> PackageMetadata {
        PackageMetadata {
            uri,
            version: pcds::OCDS_VERSION.to_owned(),
            pcds_version,
            publication_level,
            published_date,
            publisher,
            license,
            publication_policy,
            extensions,
        }
    }
}

prop_compose! {
    /// An arbitrary valid release package of one to three releases, each with a distinct id.
    pub fn release_package()(
        metadata in package_metadata(),
        releases in vec(release(), 1..=3).prop_map(|r| numbered(r, |r| &mut r.id)),
        additional_fields in extras(),
    ) -> ReleasePackage {
        ReleasePackage { metadata, releases, additional_fields }
    }
}
