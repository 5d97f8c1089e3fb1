//! OCDS compatibility for fields PCDS does not define but OCDS 1.1.5 does.
//!
//! PCDS keeps fields it does not define, so a publisher may carry OCDS fields such as `planning`
//! or `items`. Those must still have the shape OCDS gives them, or OCDS tools reject the data.
//! Everything PCDS itself defines is already valid OCDS (a test checks the generated documents
//! against the upstream schema).

use serde_json::Value;

use pcds::ocds::{FieldShape as Shape, MILESTONE_STATUS};

use crate::finding::Finding;
use crate::rules;

/// Whether OCDS 1.1.5 defines a field of this name that PCDS leaves to publishers.
#[must_use]
pub fn defines(key: &str) -> bool {
    pcds::ocds::publisher_field(key).is_some()
}

/// Checks a field PCDS does not define against the shape OCDS gives it, if OCDS defines it.
pub fn check_field(key: &str, value: &Value, pointer: &str, findings: &mut Vec<Finding>) {
    let Some(shape) = pcds::ocds::publisher_field(key) else {
        return;
    };
    let wrong = |expected: &str| {
        Finding::new(
            &rules::OCDS_FIELD,
            pointer,
            format!(
                "OCDS 1.1.5 defines `{key}` as {expected}, but it is {}",
                kind(value)
            ),
        )
    };
    match shape {
        Shape::Object if !value.is_object() => findings.push(wrong("an object")),
        Shape::String if !value.is_string() => findings.push(wrong("a string")),
        Shape::Boolean if !value.is_boolean() => findings.push(wrong("`true` or `false`")),
        Shape::StringList
            if !value
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string)) =>
        {
            findings.push(wrong("a list of strings"));
        }
        Shape::IdentifiedList | Shape::Milestones => {
            let Some(items) = value.as_array() else {
                findings.push(wrong("a list of objects"));
                return;
            };
            for (i, item) in items.iter().enumerate() {
                let id_ok = item.get("id").is_some_and(|id| {
                    id.as_str().is_some_and(|s| !s.is_empty()) || id.is_i64() || id.is_u64()
                });
                if !item.is_object() || !id_ok {
                    findings.push(Finding::new(
                        &rules::OCDS_FIELD,
                        format!("{pointer}/{i}"),
                        format!(
                            "OCDS 1.1.5 requires each entry of `{key}` to be an object with an `id`"
                        ),
                    ));
                }
                if matches!(shape, Shape::Milestones)
                    && let Some(status) = item.get("status")
                    && !status
                        .as_str()
                        .is_some_and(|s| MILESTONE_STATUS.contains(&s))
                {
                    findings.push(
                        Finding::new(
                            &rules::OCDS_CODE,
                            format!("{pointer}/{i}/status"),
                            format!("{status} is not a code of the closed OCDS codelist `milestoneStatus`"),
                        )
                        .with_hint(format!("use one of {}", MILESTONE_STATUS.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))),
                    );
                }
            }
        }
        _ => {}
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::check_field;

    fn codes(key: &str, value: serde_json::Value) -> Vec<String> {
        let mut findings = Vec::new();
        check_field(key, &value, "/x", &mut findings);
        findings.iter().map(|f| f.code.to_string()).collect()
    }

    #[test]
    fn ocds_shapes() {
        assert_eq!(
            codes("planning", json!({"rationale": "x"})),
            Vec::<&str>::new()
        );
        assert_eq!(codes("planning", json!("none")), ["PCDS-OCDS-001"]);
        assert_eq!(
            codes("items", json!([{"id": "1"}, {"id": 2}])),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes("items", json!([{"description": "no id"}])),
            ["PCDS-OCDS-001"]
        );
        assert_eq!(
            codes("milestones", json!([{"id": "m", "status": "met"}])),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes("milestones", json!([{"id": "m", "status": "done"}])),
            ["PCDS-OCDS-002"]
        );
        assert_eq!(codes("xLocal", json!(1)), Vec::<&str>::new());
    }
}
