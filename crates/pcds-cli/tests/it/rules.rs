//! Every rule has a test that triggers it (its catalogue example) and valid data that does not
//! (the base document and every example in `examples/`).

use pcds_validator::rules::{ALL, BASE_DOCUMENT, Patch};
use pcds_validator::{RunTotals, Validator};
use serde_json::Value;

use super::repo_root;

/// Applies a catalogue example's patches to a document.
fn apply(document: &mut Value, patches: &[Patch]) {
    for patch in patches {
        let (parent, last) = patch
            .pointer
            .rsplit_once('/')
            .expect("a pointer with a parent");
        let parent = document
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("{} has no parent in the base document", patch.pointer));
        let last = last.replace("~1", "/").replace("~0", "~");
        match (parent, patch.value.is_empty()) {
            (Value::Object(object), true) => {
                object.remove(&last);
            }
            (Value::Object(object), false) => {
                object.insert(
                    last,
                    serde_json::from_str(patch.value).expect("example values are JSON"),
                );
            }
            (Value::Array(items), remove) => {
                let index: usize = last.parse().expect("an array index");
                if remove {
                    items.remove(index);
                } else if index == items.len() {
                    items.push(serde_json::from_str(patch.value).expect("example values are JSON"));
                } else {
                    items[index] =
                        serde_json::from_str(patch.value).expect("example values are JSON");
                }
            }
            (other, _) => panic!("{} points into {other}", patch.pointer),
        }
    }
}

fn codes(validator: &Validator, bytes: &[u8]) -> Vec<&'static str> {
    let report = validator
        .check_reader("case", bytes, &mut RunTotals::default())
        .expect("reads");
    report
        .findings
        .iter()
        .map(|f| pcds_validator::rules::find(&f.code).map_or("(not in the catalogue)", |r| r.code))
        .collect()
}

#[test]
fn the_base_document_is_valid_and_triggers_nothing() {
    let validator = Validator::new().expect("builds");
    assert_eq!(
        codes(&validator, BASE_DOCUMENT.as_bytes()),
        Vec::<&str>::new()
    );
}

#[test]
fn every_example_file_triggers_nothing() {
    let validator = Validator::new().expect("builds");
    for entry in std::fs::read_dir(repo_root().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let report = validator
                .check_reader(
                    &path.display().to_string(),
                    std::fs::read(&path).expect("reads").as_slice(),
                    &mut RunTotals::default(),
                )
                .expect("reads");
            let found: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{} {} {}", f.code, f.pointer, f.message))
                .collect();
            assert!(
                found.is_empty(),
                "{} has findings:\n{}",
                path.display(),
                found.join("\n")
            );
        }
    }
}

#[test]
fn every_rule_is_triggered_by_its_example() {
    let validator = Validator::new().expect("builds");
    let base: Value = serde_json::from_str(BASE_DOCUMENT).expect("the base document is JSON");
    let mut missing = Vec::new();
    for rule in ALL {
        let bytes = if rule.raw_example.is_empty() {
            assert!(!rule.example.is_empty(), "{} has no example", rule.code);
            let mut document = base.clone();
            apply(&mut document, rule.example);
            serde_json::to_vec_pretty(&document).expect("writes")
        } else {
            rule.raw_example.as_bytes().to_vec()
        };
        let found = codes(&validator, &bytes);
        if !found.contains(&rule.code) {
            missing.push(format!("{}: its example gave {found:?}", rule.code));
        }
    }
    assert!(
        missing.is_empty(),
        "rules not triggered by their examples:\n{}",
        missing.join("\n")
    );
}

#[test]
fn examples_trigger_their_rule_at_the_pointer_they_change() {
    // The finding points at (or inside, or at the parent of) what the example changed.
    let validator = Validator::new().expect("builds");
    let base: Value = serde_json::from_str(BASE_DOCUMENT).expect("JSON");
    for rule in ALL
        .iter()
        .filter(|r| r.raw_example.is_empty() && r.example.len() == 1)
    {
        let mut document = base.clone();
        apply(&mut document, rule.example);
        let bytes = serde_json::to_vec_pretty(&document).expect("writes");
        let report = validator
            .check_reader("case", bytes.as_slice(), &mut RunTotals::default())
            .expect("reads");
        let changed = rule.example[0].pointer;
        let finding = report
            .findings
            .iter()
            .find(|f| f.code == rule.code)
            .expect("triggered (checked above)");
        let related = finding.pointer.starts_with(changed)
            || changed.starts_with(&finding.pointer)
            || ["PCDS-REF-005", "PCDS-PRIV-009"].contains(&rule.code);
        assert!(
            related,
            "{} points at `{}` but the example changed `{changed}`",
            rule.code, finding.pointer
        );
        assert!(
            finding.line.is_some_and(|l| l >= 1),
            "{} has no line",
            rule.code
        );
    }
}

#[test]
fn findings_are_located_on_the_right_line() {
    let validator = Validator::new().expect("builds");
    let text = BASE_DOCUMENT.replacen(
        "\"refusalReason\": \"noVacancy\"",
        "\"refusalReason\": \"noVacancies\"",
        1,
    );
    let report = validator
        .check_reader("case", text.as_bytes(), &mut RunTotals::default())
        .expect("reads");
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == "PCDS-CODE-002")
        .expect("an open-codelist warning");
    let line = text
        .lines()
        .position(|l| l.contains("noVacancies"))
        .expect("present")
        + 1;
    assert_eq!(finding.line, Some(line));
    assert_eq!(finding.hint.as_deref(), Some("did you mean `noVacancy`?"));
    assert!(
        finding
            .source_line
            .as_deref()
            .is_some_and(|s| s.contains("noVacancies"))
    );
}

#[test]
fn near_misses_do_not_trigger() {
    let validator = Validator::new().expect("builds");
    let base: Value = serde_json::from_str(BASE_DOCUMENT).expect("JSON");
    let cases: &[(&str, &[Patch])] = &[
        // A 16-year-old may be placed in supported accommodation.
        (
            "PCDS-CARE-001",
            &[
                Patch {
                    pointer: "/releases/0/tender/referral/placementTypesSought/0",
                    value: "\"supportedAccommodation\"",
                },
                Patch {
                    pointer: "/releases/0/tender/referral/children/0/ageBand",
                    value: "\"16to17\"",
                },
            ],
        ),
        // An hourly price that states its hours is fine.
        (
            "PCDS-PRICE-002",
            &[
                Patch {
                    pointer: "/releases/0/contracts/0/placement/weeklyPrice/additionalServices/0/price/basis",
                    value: "\"perHour\"",
                },
                Patch {
                    pointer: "/releases/0/contracts/0/placement/weeklyPrice/additionalServices/0/price/value/amount",
                    value: "30",
                },
                Patch {
                    pointer: "/releases/0/contracts/0/placement/weeklyPrice/additionalServices/0/price/unitsPerWeek",
                    value: "7",
                },
            ],
        ),
        // A spot purchase needs no framework.
        (
            "PCDS-REF-005",
            &[
                Patch {
                    pointer: "/releases/0/relatedProcesses",
                    value: "",
                },
                Patch {
                    pointer: "/releases/0/contracts/0/placement/procurementRoute",
                    value: "\"spotPurchase\"",
                },
            ],
        ),
        // Open data may give a child's age band.
        (
            "PCDS-PRIV-009",
            &[
                Patch {
                    pointer: "/publicationLevel",
                    value: "\"open\"",
                },
                Patch {
                    pointer: "/releases/0/tender/referral/children",
                    value: "[{\"key\": \"child-1\", \"ageBand\": \"10to15\"}]",
                },
                Patch {
                    pointer: "/releases/0/bids/details/0/needsMet",
                    value: "",
                },
            ],
        ),
        // A date in free text is not a date of birth.
        (
            "PCDS-PRIV-004",
            &[Patch {
                pointer: "/releases/0/tender/description",
                value: "\"Placement from 04/07/2025 for 12 weeks\"",
            }],
        ),
        // Prices with pence add up exactly.
        (
            "PCDS-PRICE-001",
            &[
                Patch {
                    pointer: "/releases/0/contracts/0/placement/weeklyPrice/coreFee/value/amount",
                    value: "4250.55",
                },
                Patch {
                    pointer: "/releases/0/contracts/0/placement/weeklyPrice/weeklyTotal/amount",
                    value: "4400.55",
                },
                Patch {
                    pointer: "/releases/0/contracts/0/placement/weeklyPrice/fundingContributions/0/weeklyAmount/amount",
                    value: "3400.55",
                },
                // The fee change starts from the starting price, and is still 3% of it.
                Patch {
                    pointer: "/releases/0/contracts/0/amendments/0/feeChange/previousWeeklyTotal/amount",
                    value: "4400.55",
                },
                Patch {
                    pointer: "/releases/0/contracts/0/amendments/0/feeChange/newWeeklyTotal/amount",
                    value: "4532.57",
                },
            ],
        ),
    ];
    for (code, patches) in cases {
        let mut document = base.clone();
        apply(&mut document, patches);
        let found = codes(
            &validator,
            &serde_json::to_vec_pretty(&document).expect("writes"),
        );
        assert!(
            !found.contains(code),
            "{code} fired on a near miss: {found:?}"
        );
        assert!(
            found.is_empty(),
            "near miss for {code} has findings: {found:?}"
        );
    }
}

#[test]
fn the_catalogue_page_is_up_to_date() {
    let path = repo_root().join(pcds_validator::rules::CATALOGUE_PAGE);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = pcds_validator::rules::catalogue_markdown();
    assert!(
        committed == generated,
        "{} is stale; run `cargo run -p pcds-cli -- rules --format markdown > {}`",
        path.display(),
        pcds_validator::rules::CATALOGUE_PAGE
    );
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in ALL {
        assert!(seen.insert(rule.code), "{} is listed twice", rule.code);
        let parts: Vec<&str> = rule.code.split('-').collect();
        assert!(
            parts.len() == 3
                && parts[0] == "PCDS"
                && parts[2].len() == 3
                && parts[2].chars().all(|c| c.is_ascii_digit()),
            "{}",
            rule.code
        );
        assert!(
            !rule.title.ends_with('.') && !rule.hint.ends_with('.'),
            "{}: no trailing periods",
            rule.code
        );
    }
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    // Many releases with findings of every kind, including ones that span releases.
    let base: Value = serde_json::from_str(BASE_DOCUMENT).expect("JSON");
    let mut package = base.clone();
    let template = base["releases"][0].clone();
    let mut releases = Vec::new();
    for (i, rule) in ALL.iter().filter(|r| r.raw_example.is_empty()).enumerate() {
        let mut document = base.clone();
        apply(&mut document, rule.example);
        for (j, release) in document["releases"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let mut release = release;
            if release.get("id").is_some() && j == 0 {
                release["id"] = Value::String(format!("release-{i}"));
            }
            releases.push(release);
        }
    }
    releases.push(template);
    package["releases"] = Value::Array(releases);
    let bytes = serde_json::to_vec_pretty(&package).expect("writes");
    let run = |threads| {
        let validator = Validator::with_options(pcds_validator::Options {
            threads: Some(threads),
            ..Default::default()
        })
        .expect("builds");
        let report = validator
            .check_reader("many", bytes.as_slice(), &mut RunTotals::default())
            .expect("reads");
        report
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {:?}:{:?} {}",
                    f.code, f.pointer, f.line, f.column, f.message
                )
            })
            .collect::<Vec<_>>()
    };
    let one = run(1);
    assert!(
        one.len() > 40,
        "the document has many findings: {}",
        one.len()
    );
    assert_eq!(one, run(3));
}
