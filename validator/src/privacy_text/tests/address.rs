//! Tests of the street-address detector.

use super::*;

#[test]
fn street_addresses() {
    assert_hits(
        Kind::Address,
        &[
            ("Lives at 14 Acacia Road with her gran", "14 Acacia Road"),
            ("Flat 3, 22 Mill Lane", "Flat 3, 22 Mill Lane"),
            ("moved to 7a Ferncroft Avenue", "7a Ferncroft Avenue"),
            ("Flat 2B Rowan Court", "Flat 2B Rowan Court"),
            (
                "Apartment 12 Quayside Heights",
                "Apartment 12 Quayside Heights",
            ),
            ("12 St Mary's Road", "12 St Mary's Road"),
            ("14-16 Upper Brook St", "14-16 Upper Brook St"),
            ("at 3 Hawthorn Crescent.", "3 Hawthorn Crescent"),
            ("(41 Quarry Street)", "41 Quarry Street"),
            ("né à 5 Rue Road", "5 Rue Road"),
        ],
    );
    assert_misses(
        Kind::Address,
        &[
            "Lot 2 Family Court",
            "Section 31 Family Court",
            "Ward 12 Victoria Park",
            "Year 10 Oak Lane",
            "14 acacia road",
            "14 Road",
            "14 Acacia",
            "014 Acacia Road",
            "12345 Acacia Road",
            "born 4 July 2011",
            "1:1 Staffing Lane",
            "£14 Acacia Road",
            "ref-14 Acacia Road",
            "14 Acacia Tree Field Mill Lane",
            "Flat rate of £40",
            "Flat 3",
            "flat 3 in the scheme",
            "Victoria Park and Stanley Park",
            "‘Flat’ 3 Road",
        ],
    );
}
