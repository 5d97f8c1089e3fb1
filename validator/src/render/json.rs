//! The JSON format: the report itself, for programs.
//!
//! An object with the format's `version` (1; it changes only when a field is removed or
//! changes meaning, never when one is added), then the report's fields:
//!
//! ```json
//! {
//!   "version": 1,
//!   "inputs": [
//!     {
//!       "name": "examples/placements.json",
//!       "kind": "release package",
//!       "bytes": 5120,
//!       "releases": 3,
//!       "findings": [
//!         {
//!           "code": "PCDS-REF-001",
//!           "severity": "error",
//!           "pointer": "/releases/0/awards/0/suppliers/0/id",
//!           "line": 12,
//!           "column": 19,
//!           "message": "supplier `GB-COH-99999999` is not in `parties`"
//!         }
//!       ]
//!     }
//!   ],
//!   "summary": { "inputs": 1, "failed": 1, "fail_on": "error", "...": "..." }
//! }
//! ```
//!
//! A finding about data imported from a spreadsheet may have a `cell` instead of a `line` and
//! `column`: `"cell": {"sheet": "Placements", "row": 12, "column": "Weekly price",
//! "reference": "Placements!F12"}` (see [`CellRef`](crate::CellRef)).

use std::io::{self, Write};

use serde::Serialize;

use crate::report::Report;

/// The version of the JSON format.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Versioned<'a> {
    version: u32,
    #[serde(flatten)]
    report: &'a Report,
}

/// Writes the report as pretty-printed JSON with a top-level `version`, ending with a newline.
///
/// # Errors
/// When writing fails.
pub fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let versioned = Versioned {
        version: VERSION,
        report,
    };
    serde_json::to_writer_pretty(&mut *out, &versioned).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::render::sample;

    fn render(report: &Report) -> String {
        let mut out = Vec::new();
        json(report, &mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the output is UTF-8")
    }

    #[test]
    fn parses_back_with_codes_and_counts() {
        let text = render(&sample::report());
        assert!(text.ends_with("}\n"));
        let value: Value = serde_json::from_str(&text).expect("the output is JSON");
        let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["version", "inputs", "summary"]);
        assert_eq!(value["version"], 1);

        let inputs = value["inputs"].as_array().expect("inputs");
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0]["name"], "examples/placements.json");
        assert_eq!(inputs[0]["kind"], "release package");
        let codes: Vec<&str> = inputs[0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["code"].as_str().expect("a code"))
            .collect();
        assert_eq!(
            codes,
            [
                "PCDS-PRICE-005",
                "PCDS-SCHEMA-002",
                "PCDS-REF-001",
                "PCDS-CODE-002",
                "PCDS-REF-001",
                "PCDS-PUB-001"
            ]
        );
        let supplier = &inputs[0]["findings"][2];
        assert_eq!(supplier["line"], 12);
        assert_eq!(supplier["column"], 19);
        assert_eq!(supplier["pointer"], "/releases/0/awards/0/suppliers/0/id");
        assert!(
            supplier.get("source_line").is_none(),
            "source lines are for people"
        );
        assert!(inputs[0]["findings"][4].get("line").is_none());
        assert_eq!(inputs[1]["findings"], Value::Array(Vec::new()));

        let summary = &value["summary"];
        assert_eq!(summary["inputs"], 2);
        assert_eq!(summary["failed"], 1);
        assert_eq!(summary["fail_on"], "error");
        assert_eq!(summary["releases"], 4);
        assert_eq!(summary["ocids"], 3);
        assert_eq!(summary["by_severity"]["error"], 4);
        assert_eq!(summary["by_severity"]["warning"], 1);
        assert_eq!(summary["by_severity"]["info"], 1);
        assert_eq!(summary["by_code"]["PCDS-REF-001"], 2);
        assert_eq!(summary["by_code"]["PCDS-PRICE-005"], 1);
        assert_eq!(summary["coverage"][0]["path"], "ocid");
        assert_eq!(summary["coverage"][0]["releases"], 4);
    }

    #[test]
    fn findings_in_cells_carry_their_cell_instead_of_a_line() {
        let text = render(&sample::cells());
        let value: Value = serde_json::from_str(&text).expect("the output is JSON");
        let workbook = &value["inputs"][0]["findings"];
        let price = &workbook[0];
        assert_eq!(
            price["cell"],
            serde_json::json!({
                "sheet": "Placements",
                "row": 12,
                "column": "Weekly price",
                "reference": "Placements!F12",
            })
        );
        assert_eq!(
            price["pointer"], "/releases/2/contracts/0/placement/weeklyPrice/coreFee/value/amount",
            "the pointer stays: it identifies the finding"
        );
        assert!(price.get("line").is_none() && price.get("column").is_none());
        assert_eq!(workbook[1]["cell"]["reference"], "'Fee changes'!C4");
        assert!(
            workbook[2].get("cell").is_none(),
            "a finding about the whole document"
        );
        let supplier = &value["inputs"][1]["findings"][0];
        assert!(supplier.get("cell").is_none());
        assert_eq!(supplier["line"], 12);
        assert_eq!(supplier["column"], 19);
        // A program reads the findings back with their cells (the source lines, for people,
        // are not written, and cell findings have none).
        let read: Vec<crate::Finding> = serde_json::from_value(workbook.clone()).expect("findings");
        assert_eq!(read, sample::cells().inputs[0].findings);
    }

    #[test]
    fn hostile_strings_round_trip() {
        let text = render(&sample::hostile_report());
        let value: Value = serde_json::from_str(&text).expect("the output is JSON");
        assert_eq!(
            value["inputs"][0]["findings"][0]["message"],
            sample::HOSTILE
        );
        assert_eq!(value["inputs"][0]["findings"][0]["hint"], sample::HOSTILE);
        assert!(!text.contains('\0') && !text.contains('\x1b'));
    }
}
