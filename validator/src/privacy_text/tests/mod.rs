//! Tests of the detectors: shared helpers and the tests of [`scan`] as a whole here, the tests of
//! each detector in the files beside this one, and the labelled corpus in [`corpus`].

use super::*;

mod address;
mod corpus;
mod fields;
mod names;
mod patterns;

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
            capital: true,
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
        "Abc ",
        "Abc, ",
        "J. ",
        "Mum, Abc ",
        "1/1/2014 ",
        "Child 1/1/2014 x ",
        "aged 9 ",
        "14 Acacia ",
        "Flat 1, ",
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
