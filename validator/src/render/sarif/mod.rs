//! The SARIF format: SARIF 2.1.0, for code scanning (GitHub's, and any other SARIF viewer).
//!
//! One run, whose tool is `pcds` with every rule of the catalogue (so that viewers can show a
//! rule's description and help even for rules that found nothing), and one result per finding:
//!
//! - `ruleId` and `ruleIndex` name the rule; `level` is `error`, `warning` or `note`.
//! - `message.text` is the message, with the hint on a line of its own.
//! - The location's artifact is the input: a relative path as a relative URI with forward
//!   slashes (against `%SRCROOT%`, as GitHub expects), an absolute path as a `file:` URI, a URL
//!   as it is, and standard input as `stdin`. The region gives the line and column when known
//!   (columns count Unicode code points, as the run's `columnKind` says).
//! - The JSON pointer is the location's logical location and the result's `pointer` property.
//! - A finding in a spreadsheet cell (of data imported from a workbook) has no region: the
//!   line of the JSON generated from the spreadsheet would mean nothing. The cell is the first
//!   logical location instead (`fullyQualifiedName` the reference, e.g. `Placements!F12`,
//!   `name` the column's title, `kind` `element`), the result's `sheet`, `row` and `column`
//!   properties, and a line of the message, for viewers that show only the message.
//! - `partialFingerprints` holds a hash of the input, code and pointer (and a count of repeats),
//!   which does not change when lines move, so that viewers can follow a finding across runs.

mod uri;

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::{cell_place, hint_of};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::rules::{self, Rule};

/// The JSON schema the output claims.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where people learn about the standard.
const INFORMATION_URI: &str = "https://standard.pcds.org.uk/";

/// The name of the partial fingerprint the results carry.
const FINGERPRINT: &str = "pcdsFinding/v1";

/// Writes the report as a SARIF 2.1.0 log, pretty-printed and ending with a newline.
///
/// # Errors
/// When writing fails.
pub fn sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report)).map_err(io::Error::from)?;
    writeln!(out)
}

/// The SARIF log of a report.
fn log(report: &Report) -> Value {
    // Every catalogue rule, then any code a finding has that the catalogue does not, so that
    // every result's rule is in the driver.
    let mut codes: Vec<&str> = rules::ALL.iter().map(|rule| rule.code).collect();
    let mut descriptors: Vec<Value> = rules::ALL.iter().map(descriptor).collect();
    for finding in report.inputs.iter().flat_map(|input| &input.findings) {
        if !codes.contains(&finding.code.as_ref()) {
            codes.push(finding.code.as_ref());
            descriptors.push(json!({
                "id": finding.code,
                "defaultConfiguration": { "level": level(finding.severity) },
            }));
        }
    }

    let mut results = Vec::new();
    let mut repeats: HashMap<u64, usize> = HashMap::new();
    for input in &report.inputs {
        for finding in &input.findings {
            let index = codes
                .iter()
                .position(|code| *code == finding.code)
                .unwrap_or_default();
            let hash = fingerprint(&input.name, finding);
            let repeat = repeats.entry(hash).or_default();
            *repeat += 1;
            results.push(result(
                &input.name,
                finding,
                index,
                format!("{hash:016x}:{repeat}"),
            ));
        }
    }

    let mut run = json!({
        "tool": {
            "driver": {
                "name": "pcds",
                "informationUri": INFORMATION_URI,
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    // Findings left out of the report are told as notifications of the run, one per input
    // and rule, so a viewer shows that the results are not all there is.
    let notifications: Vec<Value> = report
        .inputs
        .iter()
        .flat_map(|input| {
            input.omitted.iter().map(move |omitted| {
                json!({
                    "level": level(omitted.severity),
                    "message": {"text": format!(
                        "{}: {} more {} finding(s) counted but not reported (--max-findings)",
                        input.name, omitted.count, omitted.code
                    )},
                    "associatedRule": {"id": omitted.code},
                })
            })
        })
        .chain(report.inputs.iter().flat_map(|input| {
            // Rules that judge a dataset and were not judged on this input, so a viewer does
            // not read their absence as a pass.
            input.not_judged.iter().map(move |note| {
                json!({
                    "level": "note",
                    "message": {"text": format!("{}: {} not judged: {}", input.name, note.code, note.reason)},
                    "associatedRule": {"id": note.code},
                })
            })
        }))
        .collect();
    if !notifications.is_empty() {
        run["invocations"] = json!([{
            "executionSuccessful": true,
            "toolExecutionNotifications": notifications,
        }]);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    })
}

/// A rule as a SARIF reporting descriptor.
fn descriptor(rule: &Rule) -> Value {
    let layer = serde_json::to_value(rule.layer).unwrap_or(Value::Null);
    json!({
        "id": rule.code,
        "name": pascal_case(rule.title),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.description },
        "help": { "text": rule.hint },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": ["pcds", layer] },
    })
}

/// A finding as a SARIF result.
fn result(input: &str, finding: &Finding, rule_index: usize, fingerprint: String) -> Value {
    let mut text = finding.message.clone();
    if let Some(cell) = &finding.cell {
        text.push_str("\ncell: ");
        text.push_str(&cell_place(cell));
    }
    if let Some(hint) = hint_of(finding) {
        text.push_str("\nhint: ");
        text.push_str(hint);
    }

    let (uri, base) = uri::artifact_uri(input);
    let mut artifact = Map::new();
    artifact.insert("uri".into(), uri.into());
    if let Some(base) = base {
        artifact.insert("uriBaseId".into(), base.into());
    }
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), artifact.into());
    let line = finding
        .line
        .filter(|line| *line >= 1 && finding.cell.is_none());
    if let Some(line) = line {
        let mut region = Map::new();
        region.insert("startLine".into(), line.into());
        if let Some(column) = finding.column.filter(|column| *column >= 1) {
            region.insert("startColumn".into(), column.into());
        }
        physical.insert("region".into(), region.into());
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), physical.into());
    let mut logical = Vec::new();
    let mut properties = Map::new();
    properties.insert("pointer".into(), finding.pointer.clone().into());
    if let Some(cell) = &finding.cell {
        logical.push(json!({
            "name": cell.column,
            "fullyQualifiedName": cell.reference,
            "kind": "element",
        }));
        properties.insert("sheet".into(), cell.sheet.clone().into());
        properties.insert("row".into(), cell.row.into());
        properties.insert("column".into(), cell.column.clone().into());
    }
    if !finding.pointer.is_empty() {
        logical.push(json!({
            "name": last_segment(&finding.pointer),
            "fullyQualifiedName": finding.pointer,
            "kind": "value",
        }));
    }
    if !logical.is_empty() {
        location.insert("logicalLocations".into(), logical.into());
    }

    json!({
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": [location],
        "partialFingerprints": { FINGERPRINT: fingerprint },
        "properties": properties,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `AwardSupplierNotInParties` from `Award supplier not in parties`: each word capitalised,
/// anything but letters and digits dropped.
fn pascal_case(title: &str) -> String {
    let mut name = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.extend(chars);
        }
    }
    name
}

/// The last reference token of a JSON pointer, unescaped.
fn last_segment(pointer: &str) -> String {
    let token = pointer.rsplit('/').next().unwrap_or(pointer);
    token.replace("~1", "/").replace("~0", "~")
}

/// A stable 64-bit FNV-1a hash of the input's name, the finding's code and its pointer.
fn fingerprint(input: &str, finding: &Finding) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    for part in [input, &finding.code, &finding.pointer] {
        // A NUL after each part keeps ("ab", "c") and ("a", "bc") apart.
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    const SARIF_SCHEMA: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/sarif-2.1.0/sarif-schema-2.1.0.json"
    );

    fn render(report: &Report) -> Value {
        let mut out = Vec::new();
        sarif(report, &mut out).expect("writing to a Vec cannot fail");
        assert_eq!(out.last(), Some(&b'\n'));
        serde_json::from_slice(&out).expect("the output is JSON")
    }

    /// Checks a log against the SARIF 2.1.0 schema, and that its results point at its rules.
    fn check(log: &Value) {
        let text = std::fs::read_to_string(SARIF_SCHEMA)
            .unwrap_or_else(|e| panic!("the SARIF schema must be at {SARIF_SCHEMA}: {e}"));
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "not valid SARIF:\n{}", errors.join("\n"));

        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        for result in run["results"].as_array().expect("results") {
            let id = result["ruleId"].as_str().expect("a ruleId");
            let index = result["ruleIndex"].as_u64().expect("a ruleIndex") as usize;
            assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
            assert_eq!(rules.iter().filter(|rule| rule["id"] == id).count(), 1);
            if let Some(region) = result["locations"][0]["physicalLocation"].get("region") {
                assert!(region["startLine"].as_u64().expect("a startLine") >= 1);
                assert!(
                    result["properties"].get("sheet").is_none(),
                    "a finding in a cell has no line: {result}"
                );
            }
        }
    }

    #[test]
    fn valid_sarif() {
        let log = render(&sample::report());
        check(&log);
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(driver["name"], "pcds");
        assert_eq!(driver["informationUri"], INFORMATION_URI);
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        let rules = driver["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), rules::ALL.len());
        let supplier = &rules[rules::ALL
            .iter()
            .position(|r| r.code == "PCDS-REF-001")
            .expect("in the catalogue")];
        assert_eq!(supplier["name"], "AwardSupplierNotInParties");
        assert_eq!(
            supplier["shortDescription"]["text"],
            "Award supplier not in parties"
        );
        assert_eq!(supplier["help"]["text"], rules::REF_SUPPLIER.hint);
        assert_eq!(supplier["defaultConfiguration"]["level"], "error");

        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), 6);
        let levels: Vec<_> = results
            .iter()
            .map(|r| r["level"].as_str().expect("a level"))
            .collect();
        assert_eq!(
            levels,
            ["warning", "error", "error", "note", "error", "error"]
        );

        let supplier = &results[2];
        assert_eq!(supplier["ruleId"], "PCDS-REF-001");
        assert_eq!(
            supplier["message"]["text"],
            "supplier `GB-COH-99999999` is not in `parties`\nhint: `parties` has `GB-COH-09999999`: did you mean that?"
        );
        let location = &supplier["locations"][0];
        assert_eq!(
            location["physicalLocation"]["artifactLocation"]["uri"],
            "examples/placements.json"
        );
        assert_eq!(
            location["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
        assert_eq!(
            location["physicalLocation"]["region"],
            json!({"startLine": 12, "startColumn": 19})
        );
        assert_eq!(
            location["logicalLocations"][0]["fullyQualifiedName"],
            "/releases/0/awards/0/suppliers/0/id"
        );
        assert_eq!(location["logicalLocations"][0]["name"], "id");
        assert_eq!(
            supplier["properties"]["pointer"],
            "/releases/0/awards/0/suppliers/0/id"
        );
        // The rule's own hint when the finding has none.
        assert!(
            results[1]["message"]["text"]
                .as_str()
                .expect("text")
                .ends_with(&format!("\nhint: {}", rules::SCHEMA_TYPE.hint))
        );

        // No line, no region; an empty pointer, no logical location.
        assert!(
            results[4]["locations"][0]["physicalLocation"]
                .get("region")
                .is_none()
        );
        assert!(results[5]["locations"][0].get("logicalLocations").is_none());

        // Fingerprints are distinct and do not depend on lines.
        let prints: Vec<_> = results
            .iter()
            .map(|r| r["partialFingerprints"][FINGERPRINT].clone())
            .collect();
        for (i, print) in prints.iter().enumerate() {
            assert!(!prints[..i].contains(print));
        }
        let mut moved = sample::report();
        for finding in &mut moved.inputs[0].findings {
            finding.line = finding.line.map(|line| line + 10);
        }
        let moved = render(&moved);
        assert_eq!(
            moved["runs"][0]["results"][2]["partialFingerprints"],
            supplier["partialFingerprints"]
        );
    }

    #[test]
    fn findings_in_cells_are_logical_locations_without_a_region() {
        let log = render(&sample::cells());
        check(&log);
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), 4);

        let price = &results[0];
        let location = &price["locations"][0];
        assert_eq!(
            location["physicalLocation"],
            json!({"artifactLocation": {"uri": "returns/placements.xlsx", "uriBaseId": "%SRCROOT%"}}),
            "the workbook, with no line of the JSON generated from it"
        );
        assert_eq!(
            location["logicalLocations"],
            json!([
                {
                    "name": "Weekly price",
                    "fullyQualifiedName": "Placements!F12",
                    "kind": "element",
                },
                {
                    "name": "amount",
                    "fullyQualifiedName": "/releases/2/contracts/0/placement/weeklyPrice/coreFee/value/amount",
                    "kind": "value",
                },
            ])
        );
        assert_eq!(
            price["properties"],
            json!({
                "pointer": "/releases/2/contracts/0/placement/weeklyPrice/coreFee/value/amount",
                "sheet": "Placements",
                "row": 12,
                "column": "Weekly price",
            })
        );
        assert_eq!(
            price["message"]["text"],
            format!(
                "weekly price `425000` is over £40,000 a week\ncell: Placements!F12 (sheet \"Placements\", row 12, column \"Weekly price\")\nhint: {}",
                rules::PRICE_IMPLAUSIBLE.hint
            )
        );
        assert_eq!(
            results[1]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "'Fee changes'!C4"
        );

        // The ordinary findings are as they always were.
        let prefixes = &results[2];
        assert!(prefixes["locations"][0].get("logicalLocations").is_none());
        assert_eq!(prefixes["properties"], json!({"pointer": ""}));
        let supplier = &results[3];
        assert_eq!(
            supplier["locations"][0]["physicalLocation"]["region"],
            json!({"startLine": 12, "startColumn": 19})
        );
        assert!(supplier["properties"].get("sheet").is_none());
    }

    #[test]
    fn hostile_strings_and_unknown_codes() {
        let log = render(&sample::hostile_report());
        check(&log);
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(
            results[0]["message"]["text"],
            format!("{}\nhint: {}", sample::HOSTILE, sample::HOSTILE)
        );
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dir%20with%20space/odd%20%3Cname%3E%20&%20%22q%22.json"
        );
        assert_eq!(results[1]["ruleId"], "PCDS-TEST-999");
        assert_eq!(
            results[1]["locations"][0]["logicalLocations"][0]["name"],
            "x~y/\u{e9}"
        );
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        assert_eq!(rules.len(), rules::ALL.len() + 1);
    }

    #[test]
    fn the_schema_check_is_not_vacuous() {
        let mut log = render(&sample::report());
        log["runs"][0]["results"][0]["level"] = json!("fatal");
        log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
        let result = std::panic::catch_unwind(|| check(&log));
        let message = result
            .expect_err("an invalid log fails the check")
            .downcast::<String>()
            .expect("a message");
        assert!(message.contains("fatal"), "{message}");
        assert!(message.contains("startLine"), "{message}");
    }

    #[test]
    fn findings_left_out_are_notifications_of_the_run() {
        let log = render(&sample::truncated());
        check(&log);
        let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .expect("notifications");
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0]["level"], "error");
        assert_eq!(notes[0]["associatedRule"]["id"], "PCDS-SCHEMA-001");
        assert!(
            notes[0]["message"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("41 more PCDS-SCHEMA-001")),
            "{notes:?}"
        );
        assert!(
            render(&sample::report())["runs"][0]
                .get("invocations")
                .is_none(),
            "a whole report has no notifications"
        );
    }

    #[test]
    fn rules_not_judged_are_notes_of_the_run() {
        let mut report = sample::report();
        report.inputs[0].not_judged.push(crate::report::NotJudged {
            code: "PCDS-PRIV-010".into(),
            reason: "this input describes 2 children".into(),
        });
        let log = render(&report);
        check(&log);
        let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .expect("notifications");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0]["level"], "note");
        assert_eq!(notes[0]["associatedRule"]["id"], "PCDS-PRIV-010");
        assert!(
            notes[0]["message"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("PCDS-PRIV-010 not judged: this input describes 2")),
            "{notes:?}"
        );
    }

    #[test]
    fn empty_report_is_valid() {
        let log = render(&Report::new(Vec::new(), Severity::Error, 0, Vec::new()));
        check(&log);
        assert_eq!(log["runs"][0]["results"], json!([]));
    }

    #[test]
    fn rule_names() {
        assert_eq!(
            pascal_case("Contract awardID matches no award"),
            "ContractAwardIDMatchesNoAward"
        );
        assert_eq!(
            pascal_case("Call-off without its framework"),
            "CallOffWithoutItsFramework"
        );
        assert_eq!(
            pascal_case("Supported accommodation for a child under 16"),
            "SupportedAccommodationForAChildUnder16"
        );
        let mut names: Vec<String> = rules::ALL
            .iter()
            .map(|rule| pascal_case(rule.title))
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), rules::ALL.len(), "rule names are unique");
    }
}
