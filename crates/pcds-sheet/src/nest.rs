//! Putting a row's thing in its place in a release: inside the enclosing things its key
//! columns name, at the anchor of its sheet.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::export::id_of;

/// A release's fields with the identifying ones first, as publishers write them.
pub(crate) fn order(release: Map<String, Value>) -> Map<String, Value> {
    let first = ["ocid", "id", "date", "tag", "initiationType", "processType"];
    let mut ordered = Map::new();
    let mut rest: BTreeMap<usize, (String, Value)> = BTreeMap::new();
    for (i, (key, value)) in release.into_iter().enumerate() {
        match first.iter().position(|f| *f == key) {
            Some(p) => {
                rest.insert(p, (key, value));
            }
            None => {
                rest.insert(first.len() + i, (key, value));
            }
        }
    }
    for (_, (key, value)) in rest {
        ordered.insert(key, value);
    }
    ordered
}

/// Puts a thing at its anchor in a release, inside the enclosing things its row names, and
/// returns its pointer from the release; or the list and id of the enclosing thing missing.
pub(crate) fn insert(
    release: &mut Map<String, Value>,
    anchor: &str,
    parents: &[String],
    thing: Map<String, Value>,
) -> Result<String, (String, String)> {
    let steps: Vec<&str> = anchor.split('/').collect();
    let mut pointer = String::new();
    let mut at = release;
    let mut parents = parents.iter();
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        let (name, each) = match step.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*step, false),
        };
        pointer.push('/');
        pointer.push_str(name);
        if last {
            if each {
                let list = at.entry(name).or_insert_with(|| Value::Array(Vec::new()));
                if !list.is_array() {
                    *list = Value::Array(Vec::new());
                }
                if let Value::Array(items) = list {
                    pointer.push_str(&format!("/{}", items.len()));
                    items.push(Value::Object(thing));
                }
            } else {
                at.insert(name.to_owned(), Value::Object(thing));
            }
            return Ok(pointer);
        }
        if each {
            let wanted = parents.next().cloned().unwrap_or_default();
            let found =
                at.get_mut(name)
                    .and_then(Value::as_array_mut)
                    .and_then(|items| {
                        items.iter_mut().enumerate().find(|(n, item)| {
                            item.as_object().is_some_and(|o| id_of(o, *n) == wanted)
                        })
                    });
            match found {
                Some((n, Value::Object(item))) => {
                    pointer.push_str(&format!("/{n}"));
                    at = item;
                }
                _ => return Err((name.to_owned(), wanted)),
            }
        } else {
            let entry = at.entry(name).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            match entry {
                Value::Object(inner) => at = inner,
                _ => return Err((name.to_owned(), String::new())),
            }
        }
    }
    Ok(pointer)
}
