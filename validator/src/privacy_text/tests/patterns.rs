//! Tests of the detectors of email addresses, phone numbers, postcodes, dates of birth, NHS
//! numbers and unique pupil numbers.

use super::super::patterns::nhs_check_digit_valid;
use super::*;

#[test]
fn emails() {
    assert_hits(
        Kind::Email,
        &[
            (
                "Contact jo.bloggs@example.org for details",
                "jo.bloggs@example.org",
            ),
            (
                "JO_BLOGGS+care@Example.Co.UK.",
                "JO_BLOGGS+care@Example.Co.UK",
            ),
            ("email:a.b@council.gov.uk", "a.b@council.gov.uk"),
            (
                "(placements@wolverhampton.gov.uk)",
                "placements@wolverhampton.gov.uk",
            ),
            ("mailto:o'neill@example.com", "o'neill@example.com"),
        ],
    );
    assert_misses(
        Kind::Email,
        &[
            "Rate @ £40/hour",
            "Follow @PCDS for updates",
            "user@localhost",
            "jo at example dot org",
            "@",
            "a@b",
            "price@4.50",
            "jo@example.org5",
        ],
    );
}

#[test]
fn phones() {
    assert_hits(
        Kind::Phone,
        &[
            ("Call 07700 900123 after 6pm", "07700 900123"),
            ("07700900123", "07700900123"),
            ("mobile 07700-900-123.", "07700-900-123"),
            ("Tel 0121 496 0000", "0121 496 0000"),
            ("Tel (0121) 496 0000", "(0121) 496 0000"),
            ("(020) 7946 0000", "(020) 7946 0000"),
            ("020 7946 0000", "020 7946 0000"),
            ("+44 7700 900123", "+44 7700 900123"),
            ("+447700900123", "+447700900123"),
            ("+44 (0)121 496 0000", "+44 (0)121 496 0000"),
            ("+44 07700 900123", "+44 07700 900123"),
            ("0044 20 7946 0000", "0044 20 7946 0000"),
            ("0300 123 4567", "0300 123 4567"),
            ("01632 960001", "01632 960001"),
            ("016977 2345", "016977 2345"),
            ("tel:01632960001", "01632960001"),
            ("Mob.07700900123", "07700900123"),
            ("0121 - 496 - 0000", "0121 - 496 - 0000"),
            ("07700.900.123", "07700.900.123"),
            ("call 07700 900123 2 times", "07700 900123"),
            ("07700\u{a0}900123", "07700\u{a0}900123"),
            ("+44 (0) 121 496 0000", "+44 (0) 121 496 0000"),
            ("(07700) 900123", "(07700) 900123"),
        ],
    );
    assert_misses(
        Kind::Phone,
        &[
            "£4,250.50",
            "£07700900123",
            "01/04/2025",
            "01-04-2025 10:00",
            "01.04.2025",
            "2025-04-01",
            "09:00-17:00",
            "0900 1700 0800 1600",
            "ocds-pcds01-wm-2025-0001",
            "ocds-pcds01-wm-07700900123",
            "SC123456",
            "GB-COH-01234567",
            "2025",
            "E08000025",
            "0800 123 4567",
            "0121 496",
            "07700 900",
            "07700 9001234",
            "0123 4567 8901 2345",
            "00000000000",
            "ref 2025/07700900123",
            "07700900123A",
            "1234567890",
        ],
    );
}

#[test]
fn postcodes() {
    assert_hits(
        Kind::Postcode,
        &[
            ("Placement near B15 2TT preferred", "B15 2TT"),
            ("SW1A 1AA", "SW1A 1AA"),
            ("M1 1AE", "M1 1AE"),
            ("CR0 2RH", "CR0 2RH"),
            ("b15 2tt", "b15 2tt"),
            ("B152TT", "B152TT"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("W1A 0AX", "W1A 0AX"),
            ("(LS1 4AP)", "LS1 4AP"),
            ("Wolverhampton, WV1 1SH.", "WV1 1SH"),
            ("GIR 0AA", "GIR 0AA"),
            ("B15  2TT", "B15  2TT"),
        ],
    );
    assert_misses(
        Kind::Postcode,
        &[
            "B15",
            "near B15, south of the city",
            "E08000025",
            "SC123456",
            "ocds-pcds01-wm-2025-0001",
            "Y10 2nd term",
            "KS2 3rd year",
            "Q1 2025",
            "lot 2",
            "GB-COH-01234567",
            "B15 2T",
            "B15 2TTX",
            "AB1 2CI",
            "QA1 2AB",
        ],
    );
}

#[test]
fn dates_of_birth() {
    assert_hits(
        Kind::DateOfBirth,
        &[
            (
                "Young person (DOB 04/07/2011) needs a placement",
                "04/07/2011",
            ),
            ("D.O.B. 4.7.11", "4.7.11"),
            ("date of birth: 2011-07-04", "2011-07-04"),
            ("Date-of-birth 04/07/2011", "04/07/2011"),
            ("born on 4 July 2011", "4 July 2011"),
            ("born 4th of July 2011", "4th of July 2011"),
            ("Born July 4, 2011", "July 4, 2011"),
            ("born March 2011", "March 2011"),
            ("birthday is 04-07-2011", "04-07-2011"),
            ("04/07/2011 (DOB)", "04/07/2011"),
            ("dob=2011-07-04T00:00:00Z", "2011-07-04"),
            ("born in Walsall on 04/07/2011", "04/07/2011"),
            ("birth date 4 Jul 2011", "4 Jul 2011"),
            ("Her birthday is 4 July", "4 July"),
            ("birthday 4 Oct", "4 Oct"),
            ("born 4 August", "4 August"),
            ("D.O.B: 04.07.2011", "04.07.2011"),
            ("DoB 4/7/2011", "4/7/2011"),
        ],
    );
    assert_misses(
        Kind::DateOfBirth,
        &[
            "placement started 04/07/2025",
            "DOB withheld; placement started 04/07/2025",
            "No DOB. Placement started 04/07/2025",
            "born 2011, placed 04/07/2025",
            "Child born 2011, placement started 04/07/2025",
            "DOB 31/13/2011",
            "DOB 32/12/2011",
            "DOB 04/07-2011",
            "Osborne House from 04/07/2025",
            "unborn baby, referral 04/07/2025",
            "the costs born by the council from 01/04/2025",
            "placement started 04/07/2025 for a child born in Walsall",
            "born in 2011",
        ],
    );
}

#[test]
fn nhs_numbers() {
    assert_hits(
        Kind::NhsNumber,
        &[
            ("Health ref 943 476 5919", "943 476 5919"),
            ("9434765919", "9434765919"),
            ("943-476-5919", "943-476-5919"),
            ("NHS no:9434765919.", "9434765919"),
            ("NHS number 401 023 2137", "401 023 2137"),
            // The check digit 11 is written 0.
            ("4000000020", "4000000020"),
            ("943476 5919", "943476 5919"),
            ("943 4765919", "943 4765919"),
            ("refs 12 943 476 5919", "943 476 5919"),
        ],
    );
    assert_misses(
        Kind::NhsNumber,
        &[
            "943 476 5918",
            "1234567890",
            // A check digit of 10 makes any number invalid.
            "4000000080",
            "0000000000",
            "1111111111",
            "£9434765919",
            "94347659190",
            "19434765919",
            "ocds-pcds01-wm-9434765919",
            "1.9434765919",
            "943 476 59190",
            "943  476 5919",
            "9434 76 5919",
            "943 476 591 9",
            "943_476_5919",
        ],
    );
}

#[test]
fn nhs_check_digit() {
    assert!(nhs_check_digit_valid("9434765919"));
    assert!(nhs_check_digit_valid("943 476 5919"));
    assert!(!nhs_check_digit_valid("9434765910"));
    assert!(!nhs_check_digit_valid("943476591"));
    assert!(!nhs_check_digit_valid("94347659190"));
}

#[test]
fn unique_pupil_numbers() {
    assert_hits(
        Kind::Upn,
        &[
            ("School record A123456789012 attached", "A123456789012"),
            ("UPN: Z999999999999.", "Z999999999999"),
        ],
    );
    assert_misses(
        Kind::Upn,
        &[
            "A12345678901",
            "A1234567890123",
            "AB123456789012",
            "ocds-pcds01-A123456789012",
            "SC123456",
            "E08000025",
            "A123456789012B",
        ],
    );
}

#[test]
fn postcodes_with_hyphens_and_unicode_spaces() {
    assert_hits(
        Kind::Postcode,
        &[
            ("near AB1-2DE", "AB1-2DE"),
            ("near AB1 - 2DE", "AB1 - 2DE"),
            ("AB2\u{a0}3FG", "AB2\u{a0}3FG"),
            ("AB7\u{2009}8RS.", "AB7\u{2009}8RS"),
            ("AB5\u{202f}6NP", "AB5\u{202f}6NP"),
            ("AB8\u{2013}9TU", "AB8\u{2013}9TU"),
            ("ＡＢ１ ２ＤＥ", "ＡＢ１ ２ＤＥ"),
        ],
    );
    assert_misses(
        Kind::Postcode,
        &[
            "ref-AB1-2DE",
            "AB1-2DE-3",
            "AB1--2DE",
            "AB1-2CD",
            "B15\u{a0}2T",
        ],
    );
}

#[test]
fn nhs_numbers_in_other_groupings() {
    assert_hits(
        Kind::NhsNumber,
        &[
            ("9434 765 919", "9434 765 919"),
            ("9434-765-919", "9434-765-919"),
            ("943.476.5919", "943.476.5919"),
            ("9434.765.919", "9434.765.919"),
            (
                "NHS: 943\u{2013}476\u{2013}5919",
                "943\u{2013}476\u{2013}5919",
            ),
            ("943\u{a0}476\u{a0}5919", "943\u{a0}476\u{a0}5919"),
            ("９４３４７６５９１９", "９４３４７６５９１９"),
            ("NHS number: 943 476 5919", "943 476 5919"),
        ],
    );
    assert_misses(
        Kind::NhsNumber,
        &[
            "943-476 5919",
            "943.476-5919",
            "9434.765 919",
            "943476-5919",
            "943-4765919",
            "943.4765919",
            "9434 765 918",
            "PO 9434765919",
            "Purchase order no. 9434765919",
            "Invoice #9434765919",
            "UKPRN: 9434765919",
            "Find a Tender 943476-2025",
        ],
    );
}

#[test]
fn notice_identifiers_are_not_phone_numbers() {
    assert_misses(
        Kind::Phone,
        &[
            "Tender notice 010867-2025 closes at noon",
            "Find a Tender 017373-2023",
        ],
    );
    assert_hits(Kind::Phone, &[("Call 07700–900–314", "07700–900–314")]);
}

#[test]
fn folding_keeps_ascii_text_borrowed_and_maps_hits_back() {
    use std::borrow::Cow;

    use super::super::fold::{fold, original};

    assert!(matches!(fold("B15 2TT"), Cow::Borrowed(_)));
    assert!(matches!(fold("Placement à Lyon"), Cow::Borrowed(_)));
    assert_eq!(fold("B15\u{a0}2TT\u{2014}９"), "B15 2TT-9");
    let text = "é AB1\u{a0}2DE ü";
    let folded = fold(text);
    let found = &folded[3..10];
    assert_eq!(found, "AB1 2DE");
    assert_eq!(original(text, &folded, found), "AB1\u{a0}2DE");
    assert_eq!(original(text, &folded, &folded[0..0]), "");
}

#[test]
fn dates_of_birth_from_context() {
    assert_hits(
        Kind::DateOfBirth,
        &[
            ("Young person (2012-05-17) needs a home", "2012-05-17"),
            ("girl, 02/03/2014, referred by the duty team", "02/03/2014"),
            ("Child A: 3 March 2014", "3 March 2014"),
            ("sibling 2: 14/11/2016", "14/11/2016"),
            ("aged 9, 2016-02-11", "2016-02-11"),
            ("19/08/2014 (aged 10)", "19/08/2014"),
            ("10 years old (19/08/2014)", "19/08/2014"),
            ("a 9-year-old, 2016-02-11", "2016-02-11"),
            ("bday 5 June 2012", "5 June 2012"),
            ("b’day 05/06/2012", "05/06/2012"),
            ("Start 01/04/2025, 14/06/2012, male", "14/06/2012"),
            ("Placed 2025-04-01; girl 2014-06-14", "2014-06-14"),
        ],
    );
    assert_misses(
        Kind::DateOfBirth,
        &[
            "Child placed on 01/04/2025",
            "Child (aged 9) placed 01/04/2025",
            "Boy aged 14, 2025-06-01 start",
            "Referral for a child aged 12, received 2025-01-14",
            "Young person aged 16, placement ended 31/03/2025",
            "Child 01/04/2019 - 31/03/2025",
            "Girl: 01/04/2019 to 31/03/2025",
            "Child aged 10 to 15: framework from 01/04/2016 to 31/03/2025",
            "The home was Outstanding (2016-02-11) and Good (2024-11-20); children aged 8 to 17",
            "Registered 12/05/2009; last inspected 2024-11-20; boys aged 10 to 17",
            "Children aged 10 to 15, 2014 to 2025",
            "aged 9, March 2016",
            "Child 31/13/2014",
            "girl, 02/03/14",
            "Start 01/04/2025, 14/06/2002, male",
            "14/06/2012 and 01/04/2025",
        ],
    );
}
