//! Tests of the detectors.

use super::fields::field_words;
use super::patterns::nhs_check_digit_valid;
use super::*;

/// The text of the hit of `kind` in `text`, if any.
fn hit(text: &str, kind: Kind) -> Option<String> {
    scan(text)
        .into_iter()
        .find(|hit| hit.kind == kind)
        .map(|hit| hit.text)
}

/// Asserts that each text has a hit of `kind` with the expected matched text.
fn assert_hits(kind: Kind, cases: &[(&str, &str)]) {
    for (text, expected) in cases {
        assert_eq!(
            hit(text, kind).as_deref(),
            Some(*expected),
            "{kind:?} in {text:?}"
        );
    }
}

/// Asserts that no text has a hit of `kind`.
fn assert_misses(kind: Kind, texts: &[&str]) {
    for text in texts {
        assert_eq!(hit(text, kind), None, "{kind:?} in {text:?}");
    }
}

/// Ordinary commissioning text that must not trigger any detector.
const CLEAN: &[&str] = &[
    "Emergency referral for a children's home placement within 40 miles",
    "Weekly fee £4,250.50 from 01/04/2025",
    "Called off lot 2 of ocds-pcds01-wm-framework-2024",
    "Ofsted URN SC900001 rated Good on 2024-11-20",
    "Provider gave 28 days' notice",
    "GB-COH-01234567",
    "E08000025",
    "Annual fee review under the framework terms",
    "Named provider on the DPS",
    "ocds-pcds01-wm-2025-0001",
    "Placement started 04/07/2025 and ended 2025-10-31T17:00:00Z",
    "Fee uplift of 3.5% agreed on 1 April 2025; new weekly total £4,398.27",
    "Two-bed solo home, 1:1 staffing 08:00-22:00, waking night",
    "Referral sent 14:05, 6 offers received by 17:30 on 03/03/2025",
    "Child aged 10 to 15, home council E08000025, distance band 20 to 50 miles",
    "Provider name: Oak Lodge Care Ltd",
    "Name of provider: Acme Fostering",
    "Master Services Agreement 2024/25, schedule 3",
    "Meeting held on MS Teams with the placement officer",
    "Year 10 2nd term: education provided on site by Barnardo's",
    "Offer refused: no vacancy until Q3 2025",
    "Price per hour £32.50 for 20 hours a week of 1:1 support",
    "Framework reference WM-CR-2024-0117, lot 3, call-off 0042",
    "Company number 01234567, charity number 1123456",
    "Contact the placement team via the portal",
    "Costs are borne by the council from 01/04/2025",
    "Ms B and Mr C attended the panel",
    "A home called Oak Lodge, a provider called Acme Fostering",
    "Referrals are made by the duty social worker",
];

#[test]
fn clean_commissioning_text_has_no_hits() {
    for text in CLEAN {
        assert_eq!(scan(text), Vec::new(), "{text:?}");
    }
}

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
fn names() {
    assert_hits(
        Kind::Name,
        &[
            ("Referral made by Ms Holloway", "Ms Holloway"),
            ("Referral made by Ms Holloway.", "Ms Holloway"),
            ("Mr. J Smith attended", "Mr. J Smith"),
            ("Mr J. Smith attended", "Mr J. Smith"),
            ("spoke to Mrs O'Brien today", "Mrs O'Brien"),
            ("Mx Taylor-Jones", "Mx Taylor-Jones"),
            ("seen by Dr Patel", "Dr Patel"),
            ("Master Jayden Smith", "Master Jayden Smith"),
            ("MR SMITH", "MR SMITH"),
            ("Miss Zoë Ávila", "Miss Zoë Ávila"),
            ("child's name: Jayden", "Jayden"),
            ("Name: Jayden Smith", "Jayden Smith"),
            ("NAME: JAYDEN", "JAYDEN"),
            ("a boy called Tom", "Tom"),
            ("her name is Zoë", "Zoë"),
            ("a girl named Ava, aged 9", "Ava"),
            ("known to the team, called \"Kai\"", "Kai"),
            ("Mr Wes Streeting", "Mr Wes Streeting"),
            ("Miss Childs", "Miss Childs"),
            ("Name:\n“Jayden”", "Jayden"),
        ],
    );
    assert_misses(
        Kind::Name,
        &[
            "Mr",
            "Referral made by Mr",
            "Mr smith",
            "mr Smith",
            "Ms B was placed",
            "Mr A B",
            "Children's Trust",
            "Name of provider: Oak Lodge",
            "Provider name: Acme Care Ltd",
            "Setting name: Oak House",
            "Provider's name is Acme",
            "name: N/A",
            "Name: Unknown",
            "Name: Not known",
            "Name: TBC",
            "Name: Child A",
            "Called off lot 2",
            "Called Off Contract",
            "Named provider on the DPS",
            "The provider was called on Monday",
            "a provider called Acme",
            "a home called Oak Lodge",
            "a course called Understanding Trauma",
            "Master Services Agreement",
            "MASTER AGREEMENT",
            "MS Teams meeting",
            "Dr Barnardo's Homes",
            "called CAMHS for advice",
            "Name:",
            "name-calling between peers",
            "Her name isn't known",
            "the so-called Pathway Model",
            "also called Staying Put",
            "previously called Horizon",
            "two providers called Acme and Zenith",
        ],
    );
}

#[test]
fn hits_come_once_per_kind_in_kind_order() {
    let text = "Ms Holloway (jo@example.org, 07700 900123, 07700 900124) lives at B15 2TT; \
                DOB 04/07/2011, NHS 943 476 5919, UPN A123456789012, also b@example.org";
    let kinds: Vec<Kind> = scan(text).iter().map(|hit| hit.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Email,
            Kind::Phone,
            Kind::Postcode,
            Kind::DateOfBirth,
            Kind::NhsNumber,
            Kind::Upn,
            Kind::Name
        ]
    );
    assert_eq!(hit(text, Kind::Email).as_deref(), Some("jo@example.org"));
    assert_eq!(hit(text, Kind::Phone).as_deref(), Some("07700 900123"));
}

#[test]
fn empty_and_non_ascii_text() {
    assert_eq!(scan(""), Vec::new());
    assert_eq!(scan("Placement à Lyon — 20 km, coût £4 250"), Vec::new());
    assert_eq!(scan("£££€€€0"), Vec::new());
    assert_eq!(
        hit("Élodie’s carer: 07700 900123", Kind::Phone).as_deref(),
        Some("07700 900123")
    );
}

#[test]
fn rule_examples_are_detected() {
    // The examples of the rule catalogue, as the strings they put in the description.
    assert_eq!(
        hit("Contact jo.bloggs@example.org for details", Kind::Email).as_deref(),
        Some("jo.bloggs@example.org")
    );
    assert_eq!(
        hit("Call 07700 900123 after 6pm", Kind::Phone).as_deref(),
        Some("07700 900123")
    );
    assert_eq!(
        hit("Placement near B15 2TT preferred", Kind::Postcode).as_deref(),
        Some("B15 2TT")
    );
    assert_eq!(
        hit(
            "Young person (DOB 04/07/2011) needs a placement",
            Kind::DateOfBirth
        )
        .as_deref(),
        Some("04/07/2011")
    );
    assert_eq!(
        hit("Health ref 943 476 5919", Kind::NhsNumber).as_deref(),
        Some("943 476 5919")
    );
    assert_eq!(
        hit("School record A123456789012 attached", Kind::Upn).as_deref(),
        Some("A123456789012")
    );
    assert_eq!(
        hit("Referral made by Ms Holloway", Kind::Name).as_deref(),
        Some("Ms Holloway")
    );
    assert_eq!(personal_field("dateOfBirth"), Some("a date of birth"));
}

#[test]
fn personal_field_names() {
    let cases = [
        ("childName", "a person's name"),
        ("child_name", "a person's name"),
        ("child-name", "a person's name"),
        ("CHILD_NAME", "a person's name"),
        ("childname", "a person's name"),
        ("childsName", "a person's name"),
        ("firstName", "a person's name"),
        ("first_names", "a person's name"),
        ("forename", "a person's name"),
        ("surname", "a person's name"),
        ("lastName", "a person's name"),
        ("fullName", "a person's name"),
        ("givenName", "a person's name"),
        ("familyName", "a person's name"),
        ("middleName", "a person's name"),
        ("nickname", "a person's name"),
        ("youngPersonName", "a person's name"),
        ("carerName", "a person's name"),
        ("fosterCarerName", "a person's name"),
        ("parentName", "a person's name"),
        ("motherName", "a person's name"),
        ("socialWorkerName", "a person's name"),
        ("contactName", "a person's name"),
        ("emergencyContactName", "a person's name"),
        ("childFirstName", "a person's name"),
        ("surnameAtBirth", "a person's name"),
        ("nameOfChild", "a person's name"),
        ("ypName", "a person's name"),
        ("dob", "a date of birth"),
        ("DOB", "a date of birth"),
        ("childDob", "a date of birth"),
        ("dateOfBirth", "a date of birth"),
        ("date_of_birth", "a date of birth"),
        ("DateOfBirth", "a date of birth"),
        ("birthDate", "a date of birth"),
        ("birthday", "a date of birth"),
        ("yearOfBirth", "a year of birth"),
        ("address", "an address"),
        ("streetAddress", "an address"),
        ("homeAddress", "an address"),
        ("home_address", "an address"),
        ("addressLine1", "an address"),
        ("address_line_2", "an address"),
        ("street", "an address"),
        ("postcode", "a postcode"),
        ("postCode", "a postcode"),
        ("postalCode", "a postcode"),
        ("homePostcode", "a postcode"),
        ("zip", "a postcode"),
        ("zipCode", "a postcode"),
        ("nhsNumber", "an NHS number"),
        ("NHSNumber", "an NHS number"),
        ("nhs_no", "an NHS number"),
        ("nhsNo", "an NHS number"),
        ("childNhsNumber", "an NHS number"),
        ("upn", "a unique pupil number"),
        ("UPN", "a unique pupil number"),
        ("childUpn", "a unique pupil number"),
        ("uniquePupilNumber", "a unique pupil number"),
        ("email", "an email address"),
        ("e-mail", "an email address"),
        ("emailAddress", "an email address"),
        ("contactEmail", "an email address"),
        ("phone", "a phone number"),
        ("phoneNumber", "a phone number"),
        ("telephone", "a phone number"),
        ("telephoneNumber", "a phone number"),
        ("mobile", "a phone number"),
        ("mobileNumber", "a phone number"),
        ("carerMobile", "a phone number"),
        ("tel", "a phone number"),
        ("contactTel", "a phone number"),
        ("niNumber", "a National Insurance number"),
        ("NINumber", "a National Insurance number"),
        ("nino", "a National Insurance number"),
        ("nationalInsuranceNumber", "a National Insurance number"),
        ("national_insurance", "a National Insurance number"),
    ];
    for (field, expected) in cases {
        assert_eq!(personal_field(field), Some(expected), "{field}");
    }
}

#[test]
fn innocuous_field_names() {
    for field in [
        "name",
        "Name",
        "names",
        "title",
        "legalName",
        "providerName",
        "settingName",
        "tradingName",
        "frameworkName",
        "lotName",
        "fileName",
        "hostname",
        "displayName",
        "parentOrganisationName",
        "parentCompanyName",
        "childrensHomeName",
        "homeName",
        "schemeName",
        "ethnicity",
        "gender",
        "sex",
        "ageBand",
        "needs",
        "placementType",
        "publicationLevel",
        "ipAddress",
        "webAddress",
        "websiteAddress",
        "issuesAddressed",
        "concernsAddressed",
        "nhsTrust",
        "nhsNotes",
        "mobileApp",
        "zipFile",
        "phoneCallsMade",
        "hotelName",
        "adobeId",
        "telemetry",
        "birthOrder",
        "emailSent",
        "uri",
        "id",
        "",
        "_",
        "minimumName",
    ] {
        assert_eq!(personal_field(field), None, "{field}");
    }
}

#[test]
fn field_words_split_like_people_write_keys() {
    assert_eq!(field_words("NHSNumber"), ["nhs", "number"]);
    assert_eq!(field_words("childFirstName"), ["child", "first", "name"]);
    assert_eq!(field_words("address_line-2"), ["address", "line", "2"]);
    assert_eq!(field_words("addressLine1"), ["address", "line", "1"]);
    assert_eq!(field_words("DOB"), ["dob"]);
    assert_eq!(field_words("  "), Vec::<String>::new());
}

#[test]
fn shape_records_what_the_detectors_need() {
    let shape = Shape::of("Mr X, b15 2tt, 943 476 5919 A123456789012 born@x");
    assert_eq!(shape.digits, 3 + 10 + 12);
    assert_eq!(shape.longest_run, 12);
    assert!(shape.at && shape.inward && shape.birth && shape.name_cue);
    assert_eq!(
        Shape::of("Weekly fee £4,250.50"),
        Shape {
            digits: 6,
            longest_run: 3,
            ..Shape::default()
        }
    );
    assert!(Shape::of("D.O.B").birth && Shape::of("DoB").birth && Shape::of("BIRTHDAY").birth);
    assert!(
        Shape::of("NAME:").name_cue && Shape::of("was called").name_cue && Shape::of("DR").name_cue
    );
    assert!(!Shape::of("Children's home in Dudley; notice given").name_cue);
    assert!(!Shape::of("Manchester, March, filename, Dramatic, NAMED, recalled").name_cue);
    // `2nd` has the shape of an inward code; the postcode pattern decides.
    assert!(Shape::of("2nd").inward && !Shape::of("2nds").inward && !Shape::of("2 TT").inward);
}

#[test]
fn large_clean_text_scans_in_linear_time() {
    // No timing assertion: a pattern that backtracked would not finish.
    let sentence = "Emergency referral for a children's home placement within 40 miles; \
                    weekly fee £4,250.50 from 01/04/2025, called off lot 2 of \
                    ocds-pcds01-wm-framework-2024 (Ofsted URN SC900001, rated Good on \
                    2024-11-20). Provider gave 28 days' notice @ 09:00. ";
    let text = sentence.repeat(1_000_000 / sentence.len() + 1);
    assert!(text.len() >= 1_000_000);
    assert_eq!(scan(&text), Vec::new());
}

#[test]
fn adversarial_text_scans_in_linear_time() {
    // Long runs of the characters each detector starts from or keeps reading.
    for unit in [
        "0 ",
        "0-",
        "(0",
        "+44 ",
        "a.",
        "a@",
        "@a.",
        "Mr ",
        "Mr A ",
        "name: ",
        "called ",
        "born ",
        "1/1/",
        "DOB 31/13/2011 ",
        "B1 ",
        "9",
        "A",
        "é",
    ] {
        let text = unit.repeat(250_000 / unit.len());
        let _ = scan(&text);
    }
    let digits = "7".repeat(1_000_000);
    assert_eq!(scan(&digits), Vec::new());
}
