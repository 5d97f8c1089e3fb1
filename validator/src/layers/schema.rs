//! The JSON Schema layer: the PCDS schemas generated from the types, with every error
//! translated into a stable code and plain English.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator as Compiled};
use pcds::schema::{SchemaKind, generate};
use pcds::{GssCode, Ocid, OfstedUrn};
use serde_json::Value;

use crate::finding::Finding;
use crate::layers::suggest;
use crate::rules;

/// What a piece of a document is checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A whole release.
    Release,
    /// A whole record.
    Record,
    /// A link to a release, inside a record.
    LinkedRelease,
    /// A release package without its `releases`.
    ReleasePackageHeader,
    /// A record package without its `records`.
    RecordPackageHeader,
}

/// The compiled schemas.
pub struct Schemas {
    release: Compiled,
    record: Compiled,
    linked_release: Compiled,
    release_package_header: Compiled,
    record_package_header: Compiled,
}

/// A generated schema failed to compile: a bug in the generator, reported, never a panic.
#[derive(Debug, thiserror::Error)]
#[error("the generated {part} schema does not compile: {message}")]
pub struct SchemaError {
    part: &'static str,
    message: String,
}

impl Schemas {
    /// Compiles the schemas generated from the `pcds` types.
    ///
    /// # Errors
    /// When a generated schema does not compile.
    pub fn new() -> Result<Self, SchemaError> {
        let release_package = generate(SchemaKind::ReleasePackage);
        let record_package = generate(SchemaKind::RecordPackage);
        let mut linked = generate(SchemaKind::Record);
        if let Some(root) = linked.as_object_mut() {
            root.insert("$ref".into(), Value::String("#/$defs/LinkedRelease".into()));
            for key in ["type", "properties", "required"] {
                root.remove(key);
            }
        }
        Ok(Schemas {
            release: compile("release", &generate(SchemaKind::Release))?,
            record: compile("record", &generate(SchemaKind::Record))?,
            linked_release: compile("linked release", &linked)?,
            release_package_header: compile(
                "release package",
                &without(release_package, "releases"),
            )?,
            record_package_header: compile("record package", &without(record_package, "records"))?,
        })
    }

    /// Checks a part of a document; `prefix` is the part's pointer within the document.
    #[must_use]
    pub fn check(&self, part: Part, value: &Value, prefix: &str) -> Vec<Finding> {
        let compiled = match part {
            Part::Release => &self.release,
            Part::Record => &self.record,
            Part::LinkedRelease => &self.linked_release,
            Part::ReleasePackageHeader => &self.release_package_header,
            Part::RecordPackageHeader => &self.record_package_header,
        };
        if compiled.is_valid(value) {
            return Vec::new();
        }
        let mut findings: Vec<Finding> = compiled
            .iter_errors(value)
            .map(|e| translate(&e, prefix))
            .collect();
        findings.sort_by(|a, b| {
            a.pointer
                .cmp(&b.pointer)
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        findings
            .dedup_by(|a, b| a.pointer == b.pointer && a.code == b.code && a.message == b.message);
        findings
    }
}

fn compile(part: &'static str, schema: &Value) -> Result<Compiled, SchemaError> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| SchemaError {
            part,
            message: e.to_string(),
        })
}

/// A package schema without its list of releases or records, which are checked one by one.
fn without(mut schema: Value, list: &str) -> Value {
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        properties.remove(list);
    }
    if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
        required.retain(|r| r != list);
    }
    schema
}

/// Describes a JSON value's type in words.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "`null`".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string `{}`", clip(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn clip(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn expected(kind: &TypeKind) -> String {
    let name = |t: &str| match t {
        "integer" => "a whole number".to_owned(),
        "number" => "a number".to_owned(),
        "string" => "a string".to_owned(),
        "boolean" => "`true` or `false`".to_owned(),
        "array" => "a list".to_owned(),
        "object" => "an object".to_owned(),
        "null" => "`null`".to_owned(),
        other => other.to_owned(),
    };
    match kind {
        TypeKind::Single(t) => name(&t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| name(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

/// What a pattern stands for, in words.
fn pattern_meaning(pattern: &str) -> Option<&'static str> {
    Some(match pattern {
        p if p == Ocid::PATTERN => {
            "an ocid: `ocds-`, a six-character lowercase prefix, `-`, then an id, e.g. `ocds-pcds01-wm-2025-0001`"
        }
        p if p == GssCode::PATTERN => {
            "a GSS code: a country letter and eight digits, e.g. `E08000025`"
        }
        p if p == OfstedUrn::PATTERN => {
            "an Ofsted URN: `SC` and six digits, or seven digits, e.g. `SC123456`"
        }
        r"^1\.1$" => "the OCDS version `1.1`",
        r"^[0-9]+\.[0-9]+$" => "a version such as `0.1`",
        r"^[0-9]{3}$" => "a three-digit DfE number such as `330`",
        _ => return None,
    })
}

fn translate(error: &ValidationError<'_>, prefix: &str) -> Finding {
    let pointer = format!("{prefix}{}", error.instance_path());
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let finding = Finding::new(
                &rules::SCHEMA_REQUIRED,
                pointer,
                format!("the required field `{name}` is missing"),
            );
            // A misspelling of the missing field beside it is the likeliest cause.
            let near = instance
                .as_object()
                .and_then(|o| super::suggest::nearest(name, o.keys().map(String::as_str)))
                .filter(|near| *near != name);
            match near {
                Some(near) => {
                    finding.with_hint(format!("`{near}` is here: did you mean `{name}`?"))
                }
                None => finding,
            }
        }
        ValidationErrorKind::Type { kind } => Finding::new(
            &rules::SCHEMA_TYPE,
            pointer,
            format!(
                "{} is not allowed here: expected {}",
                describe(instance),
                expected(kind)
            ),
        ),
        ValidationErrorKind::Format { format } => {
            let wanted = match format.as_str() {
                "date-time" => "an RFC 3339 date-time with an offset, e.g. `2025-03-14T17:45:00Z`",
                "uri" => "an absolute URI, e.g. `https://example.org/data.json`",
                other => other,
            };
            Finding::new(
                &rules::SCHEMA_FORMAT,
                pointer,
                format!("{} is not {wanted}", describe(instance)),
            )
        }
        ValidationErrorKind::Pattern { pattern } => {
            let wanted = pattern_meaning(pattern)
                .map_or_else(|| format!("text matching `{pattern}`"), str::to_owned);
            Finding::new(
                &rules::SCHEMA_FORMAT,
                pointer,
                format!("{} is not {wanted}", describe(instance)),
            )
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => Finding::new(
            &rules::SCHEMA_RANGE,
            pointer,
            format!("{} is below the minimum of {limit}", describe(instance)),
        ),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => Finding::new(
            &rules::SCHEMA_RANGE,
            pointer,
            format!("{} is above the maximum of {limit}", describe(instance)),
        ),
        ValidationErrorKind::MinLength { .. } => Finding::new(
            &rules::SCHEMA_EMPTY,
            pointer,
            "an empty string is not allowed: omit the field instead",
        ),
        ValidationErrorKind::MinItems { .. } => Finding::new(
            &rules::SCHEMA_EMPTY,
            pointer,
            "an empty list is not allowed: omit the field instead",
        ),
        ValidationErrorKind::Enum { options } => closed_code(instance, options, pointer),
        ValidationErrorKind::UniqueItems => Finding::new(
            &rules::SCHEMA_OTHER,
            pointer,
            "the list holds the same item more than once",
        ),
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            Finding::new(
                &rules::SCHEMA_OTHER,
                pointer,
                format!(
                    "{} matches none of the forms allowed here",
                    describe(instance)
                ),
            )
        }
        _ => Finding::new(&rules::SCHEMA_OTHER, pointer, error.to_string()),
    }
}

/// A code outside a closed codelist, named by the list whose codes the schema allows, with the
/// nearest code suggested.
fn closed_code(instance: &Value, options: &Value, pointer: String) -> Finding {
    let allowed: Vec<&str> = options
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let list = pcds::codelists::ALL.iter().find(|info| {
        info.codes.len() == allowed.len()
            && info.codes.iter().zip(&allowed).all(|(c, a)| c.code == *a)
    });
    let named = list.map_or_else(String::new, |info| format!(" `{}`", info.name));
    let code = instance.as_str().unwrap_or_default();
    let mut finding = Finding::new(
        &rules::CODE_CLOSED,
        pointer,
        format!(
            "{} is not a code of the closed codelist{named}",
            describe(instance)
        ),
    );
    if let Some(nearest) = suggest::nearest(code, allowed.iter().copied()) {
        finding = finding.with_hint(format!("did you mean `{nearest}`?"));
    } else if allowed.len() <= 8 {
        finding = finding.with_hint(format!(
            "use one of {}",
            allowed
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    finding
}
