//! Documents generated from arbitrary model values are valid PCDS, valid OCDS 1.1.5, and read
//! back to the same values.

use proptest::prelude::*;

use super::strategies;
use super::support::{errors, ocds_release_package, pcds_release_package};

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_packages_are_valid_pcds_and_ocds_and_round_trip(package in strategies::release_package()) {
        let document = serde_json::to_value(&package).expect("writes");
        if let Some(errors) = errors(pcds_release_package(), &document) {
            prop_assert!(false, "not valid PCDS:\n{errors}\n{document:#}");
        }
        if let Some(errors) = errors(ocds_release_package(), &document) {
            prop_assert!(false, "not valid OCDS 1.1.5:\n{errors}\n{document:#}");
        }
        let read: pcds::ReleasePackage = serde_json::from_value(document.clone()).expect("reads back");
        prop_assert_eq!(read, package);
    }
}
