//! One walk over each release, guided by the schema: open codelists, free text scanned for
//! personal data, fields the standard does not define (personal-data names, OCDS shapes), and
//! field coverage.

use std::collections::HashMap;

use pcds::codelist::CodelistInfo;
use pcds::schema::{SchemaKind, generate};
use serde_json::{Map, Value};

use crate::finding::Finding;
use crate::layers::{ocds, suggest};
use crate::privacy_text::{self, Kind};
use crate::rules;

/// A field of the standard, as the walk sees it.
#[derive(Debug, Default)]
struct Node {
    /// The node's index, for coverage.
    index: usize,
    /// Members of an object, by key.
    children: HashMap<String, Node>,
    /// The items of a list.
    items: Option<Box<Node>>,
    /// The codelist of a string field, when it has one.
    codelist: Option<&'static CodelistInfo>,
    /// Whether the field is free text, scanned for personal data.
    free_text: bool,
}

/// The walk's map of the release schema.
pub struct Fields {
    root: Node,
    /// The path of every node, by index, e.g. `tender/referral/children[]/ageBand`.
    paths: Vec<String>,
}

impl Fields {
    /// Builds the map from the generated release schema.
    #[must_use]
    pub fn new() -> Self {
        let schema = generate(SchemaKind::Release);
        let defs = schema
            .get("$defs")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut paths = Vec::new();
        let root = build(&schema, &defs, String::new(), "", &mut paths, 0);
        Fields { root, paths }
    }

    /// How many fields the map has (for coverage counters).
    #[must_use]
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// The path of a field by index.
    #[must_use]
    pub fn path(&self, index: usize) -> &str {
        &self.paths[index]
    }

    /// Walks one release at `prefix`, adding findings and marking the fields it has in `seen`
    /// (one flag per field).
    pub fn walk(
        &self,
        release: &Value,
        prefix: &str,
        seen: &mut [bool],
        findings: &mut Vec<Finding>,
    ) {
        let mut pointer = prefix.to_owned();
        walk_known(&self.root, release, &mut pointer, seen, findings);
    }
}

impl Default for Fields {
    fn default() -> Self {
        Self::new()
    }
}

fn resolve<'a>(schema: &'a Value, defs: &'a Map<String, Value>) -> &'a Value {
    let mut schema = schema;
    for _ in 0..16 {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(name) => match defs.get(name) {
                Some(def) => schema = def,
                None => break,
            },
            None => break,
        }
    }
    schema
}

fn build(
    schema: &Value,
    defs: &Map<String, Value>,
    path: String,
    key: &str,
    paths: &mut Vec<String>,
    depth: usize,
) -> Node {
    let index = paths.len();
    paths.push(path.clone());
    let mut node = Node {
        index,
        ..Node::default()
    };
    if depth > 24 {
        return node;
    }
    let resolved = resolve(schema, defs);
    if let Some(name) = resolved.get("codelist").and_then(Value::as_str) {
        node.codelist = pcds::codelists::find(name.trim_end_matches(".csv"));
    }
    let plain_string = resolved.get("type").and_then(Value::as_str) == Some("string")
        && !["format", "pattern", "enum", "codelist"]
            .iter()
            .any(|k| resolved.get(*k).is_some());
    node.free_text = plain_string && key != "id" && !key.ends_with("Id") && !key.ends_with("ID");
    if let Some(properties) = resolved.get("properties").and_then(Value::as_object) {
        for (child, child_schema) in properties {
            let child_path = if path.is_empty() {
                child.clone()
            } else {
                format!("{path}/{child}")
            };
            node.children.insert(
                child.clone(),
                build(child_schema, defs, child_path, child, paths, depth + 1),
            );
        }
    }
    if let Some(items) = resolved.get("items") {
        node.items = Some(Box::new(build(
            items,
            defs,
            format!("{path}[]"),
            key,
            paths,
            depth + 1,
        )));
    }
    // An untagged choice (a record's releases) is walked through its first object form.
    if let Some(first) = resolved
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
    {
        let inner = build(first, defs, path.clone(), key, paths, depth + 1);
        node.children = inner.children;
    }
    node
}

fn push(pointer: &mut String, token: &str) -> usize {
    let length = pointer.len();
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
    length
}

fn walk_known(
    node: &Node,
    value: &Value,
    pointer: &mut String,
    seen: &mut [bool],
    findings: &mut Vec<Finding>,
) {
    if let Some(flag) = seen.get_mut(node.index) {
        *flag = true;
    }
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let length = push(pointer, key);
                match node.children.get(key) {
                    Some(child_node) => walk_known(child_node, child, pointer, seen, findings),
                    None if !node.children.is_empty() => {
                        unknown_field(node, key, child, pointer, findings)
                    }
                    None => walk_unknown(child, pointer, findings),
                }
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            if let Some(item_node) = &node.items {
                for (i, item) in items.iter().enumerate() {
                    let length = push(pointer, &i.to_string());
                    walk_known(item_node, item, pointer, seen, findings);
                    pointer.truncate(length);
                }
            }
        }
        Value::String(text) => {
            if let Some(info) = node.codelist
                && info.open
                && info.find(text).is_none()
                && !text.is_empty()
            {
                let mut finding = Finding::new(
                    &rules::CODE_OPEN,
                    pointer.clone(),
                    format!(
                        "`{text}` is not a code of the open codelist `{}`",
                        info.name
                    ),
                );
                if let Some(nearest) = suggest::nearest(text, info.codes.iter().map(|c| c.code)) {
                    finding = finding.with_hint(format!("did you mean `{nearest}`?"));
                }
                findings.push(finding);
            }
            if node.free_text {
                scan_text(text, pointer, findings);
            }
        }
        _ => {}
    }
}

/// A member the standard does not define at a place where it defines others.
fn unknown_field(
    node: &Node,
    key: &str,
    value: &Value,
    pointer: &str,
    findings: &mut Vec<Finding>,
) {
    if let Some(what) = privacy_text::personal_field(key) {
        findings.push(Finding::new(
            &rules::PRIV_FIELD_NAME,
            pointer,
            format!("the field `{key}` is not part of PCDS and its name suggests {what}"),
        ));
    } else if !ocds::defines(key) {
        let mut finding = Finding::new(
            &rules::SCHEMA_UNKNOWN_FIELD,
            pointer,
            format!("the field `{key}` is not defined here by PCDS or OCDS"),
        );
        let mut defined: Vec<&str> = node.children.keys().map(String::as_str).collect();
        defined.sort_unstable();
        if let Some(nearest) = suggest::nearest(key, defined) {
            finding = finding.with_hint(format!("did you mean `{nearest}`?"));
        }
        findings.push(finding);
    }
    ocds::check_field(key, value, pointer, findings);
    if let Value::String(text) = value {
        scan_text_of_field(key, text, pointer, findings);
    } else {
        let mut inner = pointer.to_owned();
        walk_unknown(value, &mut inner, findings);
    }
}

/// Inside fields the standard does not define: every key is checked for personal-data names
/// and every string scanned.
fn walk_unknown(value: &Value, pointer: &mut String, findings: &mut Vec<Finding>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let length = push(pointer, key);
                if let Some(what) = privacy_text::personal_field(key) {
                    findings.push(Finding::new(
                        &rules::PRIV_FIELD_NAME,
                        pointer.clone(),
                        format!(
                            "the field `{key}` is not part of PCDS and its name suggests {what}"
                        ),
                    ));
                }
                if let Value::String(text) = child {
                    scan_text_of_field(key, text, pointer, findings);
                } else {
                    walk_unknown(child, pointer, findings);
                }
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let length = push(pointer, &i.to_string());
                walk_unknown(item, pointer, findings);
                pointer.truncate(length);
            }
        }
        Value::String(text) => scan_text(text, pointer, findings),
        _ => {}
    }
}

/// Scans the string value of a field the standard does not define. A street address in a field
/// whose name already says it holds one (`streetAddress`) is reported once, as that field
/// (`PCDS-PRIV-008`), not again as text.
fn scan_text_of_field(key: &str, text: &str, pointer: &str, findings: &mut Vec<Finding>) {
    let address_field = privacy_text::personal_field(key) == Some("an address");
    scan_hits(
        privacy_text::scan(text)
            .into_iter()
            .filter(|hit| !(address_field && hit.kind == Kind::Address)),
        pointer,
        findings,
    );
}

fn scan_text(text: &str, pointer: &str, findings: &mut Vec<Finding>) {
    scan_hits(privacy_text::scan(text), pointer, findings);
}

/// Reports the hits of a scan of the text at `pointer`.
fn scan_hits(
    hits: impl IntoIterator<Item = privacy_text::Hit>,
    pointer: &str,
    findings: &mut Vec<Finding>,
) {
    for hit in hits {
        let (rule, what) = match hit.kind {
            Kind::Email => (&rules::PRIV_EMAIL, "an email address"),
            Kind::Phone => (&rules::PRIV_PHONE, "a phone number"),
            Kind::Postcode => (&rules::PRIV_POSTCODE, "a postcode"),
            Kind::DateOfBirth => (&rules::PRIV_DATE_OF_BIRTH, "a date of birth"),
            Kind::NhsNumber => (&rules::PRIV_NHS_NUMBER, "an NHS number"),
            Kind::Upn => (&rules::PRIV_UPN, "a unique pupil number"),
            Kind::Name => (&rules::PRIV_NAME, "a person's name"),
            Kind::Address => (&rules::PRIV_POSTCODE, "a street address"),
        };
        findings.push(Finding::new(
            rule,
            pointer,
            format!(
                "the text seems to hold {what} (`{}`)",
                crate::finding::mask(&hit.text)
            ),
        ));
    }
}
