//! Example values for the field reference, taken from example documents: for each object and
//! field, the first value any example gives it, and for each object one whole example of it
//! (the fullest that is short enough to read, naming the file it came from).
//!
//! The documents are walked alongside the generated schemas, so a value is credited to the
//! object whose schema describes it. Release packages are walked as they are, and also as the
//! record packages compiled from them (with releases embedded, and with releases linked), so
//! record fields get examples too.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::release::{LinkedRelease, RecordRelease};
use crate::schema::{SchemaKind, generate};

/// Example values gathered from example documents, by object and field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Examples {
    values: BTreeMap<(String, String), Value>,
    whole: BTreeMap<String, WholeExample>,
}

/// One whole object from an example document.
#[derive(Debug, Clone, PartialEq)]
pub struct WholeExample {
    /// The object, as the document gives it.
    pub value: Value,
    /// The file name of the example it came from.
    pub file: String,
    /// The command that made it from that file, when it is not in the file itself (records
    /// are in the record package `pcds compile` makes).
    pub made_by: Option<&'static str>,
    /// How many lines it takes written as pretty JSON.
    pub lines: usize,
}

/// The most lines a whole example should take to be chosen for its fields; when every example
/// of an object is longer, the shortest is shown.
const WHOLE_EXAMPLE_LINES: usize = 80;

impl WholeExample {
    fn fields(&self) -> usize {
        self.value.as_object().map_or(0, Map::len)
    }

    /// Whether this example is a better one to show than `other`: short enough to read, and
    /// then the one with more fields (the first seen on a tie); if neither is short, the
    /// shorter.
    fn better_than(&self, other: &WholeExample) -> bool {
        let short = |e: &WholeExample| e.lines <= WHOLE_EXAMPLE_LINES;
        match (short(self), short(other)) {
            (true, false) => true,
            (false, true) => false,
            (true, true) => self.fields() > other.fields(),
            (false, false) => self.lines < other.lines,
        }
    }
}

impl Examples {
    /// No examples: every field is shown without one.
    #[must_use]
    pub fn none() -> Examples {
        Examples::default()
    }

    /// Gathers examples from release packages, such as the files in the repository's
    /// `examples/` directory, each with its file name, taken in the order given. Documents that
    /// are not release packages contribute what fits the schema, and nothing else.
    #[must_use]
    pub fn from_release_packages<'a>(
        packages: impl IntoIterator<Item = (&'a str, &'a Value)>,
    ) -> Examples {
        let packages: Vec<(&str, &Value)> = packages.into_iter().collect();
        let mut examples = Examples::default();
        let schema = generate(SchemaKind::ReleasePackage);
        let walker = Walker::new(&schema);
        for (name, package) in &packages {
            let mut walk = Walk {
                file: name,
                made_by: None,
                out: &mut examples,
            };
            walker.walk(&schema, package, Some("ReleasePackage"), &mut walk);
        }
        let schema = generate(SchemaKind::RecordPackage);
        let walker = Walker::new(&schema);
        for linked in [false, true] {
            for (name, package) in &packages {
                if let Some(records) = record_package(package, linked) {
                    let mut walk = Walk {
                        file: name,
                        made_by: Some(if linked {
                            "pcds compile --linked"
                        } else {
                            "pcds compile"
                        }),
                        out: &mut examples,
                    };
                    walker.walk(&schema, &records, Some("RecordPackage"), &mut walk);
                }
            }
        }
        examples
    }

    /// The whole example of `object` to show, if any document has one.
    #[must_use]
    pub fn whole(&self, object: &str) -> Option<&WholeExample> {
        self.whole.get(object)
    }

    /// The example value of `field` of the object `object`, if any document gives one.
    #[must_use]
    pub fn get(&self, object: &str, field: &str) -> Option<&Value> {
        self.values.get(&(object.to_owned(), field.to_owned()))
    }

    /// How many fields have an example.
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no field has an example.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    fn offer(&mut self, object: &str, field: &str, value: &Value) {
        self.values
            .entry((object.to_owned(), field.to_owned()))
            .or_insert_with(|| value.clone());
    }

    fn offer_whole(
        &mut self,
        object: &str,
        value: &Value,
        file: &str,
        made_by: Option<&'static str>,
    ) {
        let lines =
            serde_json::to_string_pretty(value).map_or(usize::MAX, |text| text.lines().count());
        let candidate = WholeExample {
            value: value.clone(),
            file: file.to_owned(),
            made_by,
            lines,
        };
        match self.whole.get_mut(object) {
            Some(current) if !candidate.better_than(current) => {}
            Some(current) => *current = candidate,
            None => {
                self.whole.insert(object.to_owned(), candidate);
            }
        }
    }
}

/// Where one document's values go, and the name they are credited to.
struct Walk<'w> {
    file: &'w str,
    made_by: Option<&'static str>,
    out: &'w mut Examples,
}

/// The record package compiled from a release package, as `pcds compile` builds it: the same
/// metadata, the package's URI in `packages`, and one record per ocid. With `linked`, each
/// record links to its releases (by the package URI and the release id) instead of embedding
/// them.
fn record_package(package: &Value, linked: bool) -> Option<Value> {
    let mut records = crate::compile::record_package(vec![package.clone()]).ok()?;
    if linked {
        let uri = records.metadata.uri.clone();
        for record in &mut records.records {
            for release in &mut record.releases {
                if let RecordRelease::Embedded(embedded) = release {
                    *release = RecordRelease::Linked(LinkedRelease {
                        url: format!("{uri}#{}", embedded.id),
                        date: embedded.date,
                        tag: embedded.tag.clone(),
                        additional_fields: crate::AdditionalFields::new(),
                    });
                }
            }
        }
    }
    serde_json::to_value(records).ok()
}

/// Walks documents alongside one schema, resolving its `$defs`.
struct Walker<'a> {
    defs: Option<&'a Map<String, Value>>,
}

impl<'a> Walker<'a> {
    fn new(schema: &'a Value) -> Self {
        Walker {
            defs: schema.get("$defs").and_then(Value::as_object),
        }
    }

    /// The definition a schema refers to, with its name.
    fn resolve(&self, schema: &'a Value) -> Option<(&'a str, &'a Value)> {
        let name = schema.get("$ref")?.as_str()?.strip_prefix("#/$defs/")?;
        Some((name, self.defs?.get(name)?))
    }

    /// Whether `value` has the shape `schema` describes, as far as telling the options of an
    /// `anyOf` apart needs: its type, and for an object its required fields.
    fn fits(&self, schema: &Value, value: &Value) -> bool {
        if let Some((_, def)) = self.resolve(schema) {
            return self.fits(def, value);
        }
        if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            return options.iter().any(|o| self.fits(o, value));
        }
        let type_fits = match schema.get("type").and_then(Value::as_str) {
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            Some("string") => value.is_string(),
            Some("number") => value.is_number(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("boolean") => value.is_boolean(),
            _ => true,
        };
        type_fits
            && schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .all(|field| value.get(field).is_some())
    }

    /// Credits each field of `value` to `owner` (the object `schema` describes, when it is one)
    /// and walks into the field's value.
    fn walk(&self, schema: &'a Value, value: &Value, owner: Option<&str>, out: &mut Walk<'_>) {
        if let Some((name, def)) = self.resolve(schema) {
            let owner = if def.get("properties").is_some() {
                Some(name)
            } else {
                owner
            };
            return self.walk(def, value, owner, out);
        }
        if let (Some(owner), Value::Object(_)) = (owner, value)
            && schema.get("properties").is_some()
        {
            out.out.offer_whole(owner, value, out.file, out.made_by);
        }
        if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            if let Some(option) = options.iter().find(|o| self.fits(o, value)) {
                self.walk(option, value, owner, out);
            }
            return;
        }
        match value {
            Value::Object(fields) => {
                let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                    return;
                };
                for (field, item) in fields {
                    if let Some(property) = properties.get(field) {
                        if let Some(owner) = owner {
                            out.out.offer(owner, field, item);
                        }
                        self.walk(property, item, None, out);
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for item in items {
                        self.walk(item_schema, item, None, out);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Examples;

    #[test]
    fn values_are_credited_to_the_object_that_holds_them() {
        let package = json!({
            "uri": "https://example.org/p.json", "version": "1.1", "pcdsVersion": "0.2",
            "publicationLevel": "open", "publishedDate": "2025-03-14T17:45:00Z",
            "publisher": {"name": "Example council"},
            "releases": [{
                "ocid": "ocds-pcdsex-doc-1", "id": "ocds-pcdsex-doc-1-01",
                "date": "2025-03-14T17:45:00Z", "tag": ["tender"], "initiationType": "tender",
                "processType": "placement",
                "tender": {"id": "t1", "referral": {
                    "urgency": "emergency", "placementTypesSought": ["childrensHome"],
                    "requestedStartDate": "2025-03-14T17:45:00Z",
                    "children": [{"key": "child-1", "ageBand": "10to15"}], "homeCouncil": "E08000031"
                }}
            }]
        });
        let examples = Examples::from_release_packages([("doc.json", &package)]);
        assert_eq!(
            examples.get("Referral", "urgency"),
            Some(&json!("emergency"))
        );
        assert_eq!(examples.get("Tender", "id"), Some(&json!("t1")));
        assert_eq!(
            examples.get("Publisher", "name"),
            Some(&json!("Example council"))
        );
        assert_eq!(
            examples.get("LinkedRelease", "url"),
            Some(&json!("https://example.org/p.json#ocds-pcdsex-doc-1-01"))
        );
        assert_eq!(
            examples.get("RecordPackage", "packages"),
            Some(&json!(["https://example.org/p.json"]))
        );
        assert!(examples.get("Record", "compiledRelease").is_some());
        let referral = examples.whole("Referral").expect("a whole referral");
        assert_eq!(referral.value["urgency"], json!("emergency"));
        assert_eq!(
            (referral.file.as_str(), referral.made_by),
            ("doc.json", None)
        );
        assert!(
            examples
                .whole("Record")
                .is_some_and(|r| r.made_by.is_some() && r.file == "doc.json")
        );
        assert!(Examples::none().is_empty());
    }
}
