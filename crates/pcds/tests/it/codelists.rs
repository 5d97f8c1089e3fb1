//! The codelists: well-formed, exported faithfully, mapped to the codes councils report.

use std::collections::BTreeSet;

use pcds::codelist::{Codelist, CodelistInfo};
use pcds::codelists::{self, ALL};

#[test]
fn every_codelist_is_well_formed() {
    let mut names = BTreeSet::new();
    for info in ALL {
        assert!(
            names.insert(info.name),
            "codelist {} is listed twice",
            info.name
        );
        assert!(
            !info.title.is_empty() && !info.description.is_empty(),
            "{} lacks a title or description",
            info.name
        );
        let mut codes = BTreeSet::new();
        for code in info.codes {
            assert!(
                codes.insert(code.code),
                "{}: `{}` is listed twice",
                info.name,
                code.code
            );
            assert!(
                !code.title.is_empty() && !code.description.is_empty(),
                "{}: `{}` lacks a title or description",
                info.name,
                code.code
            );
        }
        if info.mapping.is_some() {
            assert!(
                info.codes.iter().any(|c| !c.external.is_empty()),
                "{} names a mapping but maps no code",
                info.name
            );
        }
    }
}

#[test]
fn csv_files_list_every_code_with_its_mapping() {
    let dir = super::support::repo_root().join("spec/codelists");
    for info in ALL {
        let path = dir.join(format!("{}.csv", info.name));
        let rows =
            super::support::parse_csv(&std::fs::read_to_string(&path).expect("the CSV exists"));
        assert_eq!(
            rows[0],
            [
                "Code",
                "Title",
                "Description",
                "External scheme",
                "External codes"
            ]
        );
        assert!(
            rows.iter().all(|row| row.len() == 5),
            "{}.csv has a row without five fields",
            info.name
        );
        let codes: Vec<&str> = rows[1..].iter().map(|row| row[0].as_str()).collect();
        let expected: Vec<&str> = info.codes.iter().map(|c| c.code).collect();
        assert_eq!(codes, expected, "{}.csv", info.name);
    }
    let csv = std::fs::read_to_string(dir.join("placementType.csv")).expect("exists");
    assert!(csv.contains("childrensHome,Children's home,"), "{csv}");
    assert!(csv.contains(",SSDA903 PLACE (2024-25),K2\n"), "{csv}");
}

fn external_codes(info: &CodelistInfo) -> BTreeSet<&'static str> {
    info.codes
        .iter()
        .flat_map(|c| c.external.iter().copied())
        .collect()
}

#[test]
fn ssda903_codes_of_the_contracting_market_are_all_mapped() {
    let covered = |info: &CodelistInfo, wanted: &[&str]| {
        let mapped = external_codes(info);
        let missing: Vec<&&str> = wanted.iter().filter(|c| !mapped.contains(**c)).collect();
        assert!(
            missing.is_empty(),
            "{} maps no code to {missing:?}",
            info.name
        );
    };
    covered(
        &codelists::PlacementType::INFO,
        &[
            "U1", "U2", "U3", "U4", "U5", "U6", "K1", "K2", "K3", "S1", "R2", "R3", "Z1",
        ],
    );
    covered(
        &codelists::ProviderType::INFO,
        &["PR1", "PR2", "PR3", "PR4", "PR5"],
    );
    covered(
        &codelists::LegalStatus::INFO,
        &[
            "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
        ],
    );
    covered(
        &codelists::CategoryOfNeed::INFO,
        &["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"],
    );
    covered(
        &codelists::EndingReason::INFO,
        &[
            "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
            "CUSTOD", "OTHER", "E11", "E12", "E3", "E4A", "E4B", "E41", "E45", "E46", "E47", "E48",
            "E5", "E6", "E7", "E8", "E9", "E14", "E17",
        ],
    );
}

#[test]
fn closed_lists_refuse_unknown_codes_and_open_lists_keep_them() {
    assert_eq!(
        codelists::PlacementType::from_code("childrensHome"),
        Some(codelists::PlacementType::ChildrensHome)
    );
    assert_eq!(codelists::PlacementType::from_code("childrenshome"), None);
    let error = serde_json::from_str::<codelists::PlacementType>("\"igloo\"").expect_err("closed");
    assert!(
        error
            .to_string()
            .contains("`igloo` is not a code of the closed codelist `placementType`"),
        "{error}"
    );
    let need: codelists::Need =
        serde_json::from_str("\"equineTherapy\"").expect("open lists keep unknown codes");
    assert_eq!(need, codelists::Need::Unlisted("equineTherapy".into()));
    assert_eq!(
        serde_json::to_string(&need).expect("writes"),
        "\"equineTherapy\""
    );
    assert!(
        serde_json::from_str::<codelists::Need>("\"\"").is_err(),
        "an empty code is never valid"
    );
}
