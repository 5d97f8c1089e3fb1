//! OCDS compatibility: PCDS is a profile of OCDS 1.1, so its closed codelists are subsets of
//! the upstream lists and every example is valid OCDS 1.1.5.

use std::collections::BTreeSet;

use pcds::codelist::Codelist;
use pcds::codelists;

use super::support::{csv_column, errors, ocds_dir, ocds_release_package};

fn upstream_codes(file: &str) -> BTreeSet<String> {
    csv_column(
        &ocds_dir().join("codelists").join(format!("{file}.csv")),
        "Code",
    )
    .into_iter()
    .collect()
}

#[test]
fn ocds_codelists_are_subsets_of_the_upstream_lists() {
    let mirrored = [
        codelists::ReleaseTag::INFO,
        codelists::InitiationType::INFO,
        codelists::TenderStatus::INFO,
        codelists::ProcurementMethod::INFO,
        codelists::ProcurementCategory::INFO,
        codelists::AwardStatus::INFO,
        codelists::ContractStatus::INFO,
        codelists::Currency::INFO,
        codelists::PartyRole::INFO,
        codelists::RelatedProcessRelationship::INFO,
        codelists::RelatedProcessScheme::INFO,
        codelists::DocumentType::INFO,
        codelists::AwardCriteria::INFO,
    ];
    for info in mirrored {
        let upstream = upstream_codes(info.name);
        assert!(!upstream.is_empty(), "{}.csv is empty upstream", info.name);
        for code in info.codes {
            assert!(
                upstream.contains(code.code),
                "`{}` is not in the upstream OCDS {} codelist",
                code.code,
                info.name
            );
            assert_eq!(
                code.external,
                [code.code],
                "{}: an OCDS code maps to itself",
                info.name
            );
        }
    }
}

#[test]
fn closed_status_lists_match_upstream_exactly_where_pcds_uses_them_all() {
    // PCDS narrows some closed OCDS lists (one currency, one category); these it keeps whole.
    for info in [
        codelists::ReleaseTag::INFO,
        codelists::TenderStatus::INFO,
        codelists::AwardStatus::INFO,
        codelists::ContractStatus::INFO,
    ] {
        let ours: BTreeSet<String> = info.codes.iter().map(|c| c.code.to_owned()).collect();
        assert_eq!(ours, upstream_codes(info.name), "{}", info.name);
    }
}

#[test]
fn every_example_is_valid_ocds_1_1_5() {
    let examples = super::examples::release_packages();
    assert!(!examples.is_empty());
    for (path, document) in examples {
        if let Some(errors) = errors(ocds_release_package(), &document) {
            panic!("{} is not valid OCDS 1.1.5:\n{errors}", path.display());
        }
    }
}

#[test]
fn the_ocds_check_catches_what_ocds_forbids() {
    // The upstream schema is really applied: an unknown release tag fails it.
    let mut document = super::examples::release_packages()
        .into_iter()
        .next()
        .expect("an example")
        .1;
    document["releases"][0]["tag"] = serde_json::json!(["placementAgreed"]);
    assert!(errors(ocds_release_package(), &document).is_some());
}
