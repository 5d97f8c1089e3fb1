//! The workbook's layout, generated from the release schema: which sheets there are, what a
//! row of each one is, and which field of PCDS each column holds.
//!
//! Every sheet holds one kind of thing (a placement, an offer, a child in a referral); its
//! columns are the thing's fields, found by walking the schema. Nested objects become columns
//! of their own (`Weekly price – Core fee – Value – Amount`); a list of codes or ids is one cell
//! with the items separated by `;`; a list of small objects (a placement's additional services)
//! is a group of cells whose `;`-separated items line up; anything more deeply nested than that
//! is a cell of JSON text. The last column of every sheet, `Other fields (JSON)`, holds whatever
//! else a thing carries, so that a workbook exported from any dataset loses nothing.

use serde_json::{Map, Value};

use crate::sheets::{SHEETS, SheetSpec};

/// The title of the column on every sheet that holds the process's ocid.
pub const PROCESS: &str = "Process";
/// The title of the column on every sheet that holds the release's id.
pub const RELEASE: &str = "Release";
/// The title of the last column of every sheet: fields no other column holds, as JSON.
pub const OTHER_FIELDS: &str = "Other fields (JSON)";
/// The separator between the items of a list in one cell.
pub const LIST_SEPARATOR: char = ';';

/// What kind of value a column holds, which decides how a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text or an identifier.
    Text,
    /// A code from a codelist.
    Code,
    /// A whole number.
    Integer,
    /// A decimal number, such as an amount of money.
    Number,
    /// `TRUE` or `FALSE`.
    Boolean,
    /// A date and time with its UTC offset, or a spreadsheet date.
    DateTime,
    /// A value written as JSON text.
    Json,
}

impl Kind {
    /// The kind as the "how to fill this in" sheet names it.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Code => "code",
            Kind::Integer => "whole number",
            Kind::Number => "number",
            Kind::Boolean => "TRUE or FALSE",
            Kind::DateTime => "date and time",
            Kind::Json => "JSON",
        }
    }
}

/// How a column's cells map onto the thing a row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value at the column's path.
    Single,
    /// A list of values at the column's path, `;`-separated in the cell.
    List,
    /// One field of each object in the list at the first `array_at + 1` steps of the path;
    /// the cells of the group hold the items in the same order, `;`-separated.
    Parallel {
        /// The index in the path of the list's own name.
        array_at: usize,
    },
}

/// A codelist a column's codes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codes {
    /// The codelist's name, e.g. `placementType`.
    pub name: String,
    /// Every code, in the codelist's order.
    pub codes: Vec<String>,
    /// Whether codes outside the list are allowed.
    pub open: bool,
}

/// One column of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The title in the header row, unique within the sheet.
    pub title: String,
    /// What the column holds, from the field's description in the standard.
    pub description: String,
    /// The field's path from the thing a row describes, e.g. `["placement", "weeklyPrice"]`.
    pub path: Vec<String>,
    /// How the cells map onto the field.
    pub shape: Shape,
    /// How a cell is read.
    pub kind: Kind,
    /// Whether the thing must have this field.
    pub required: bool,
    /// The codelist, for a column of codes.
    pub codes: Option<Codes>,
}

impl Column {
    /// The field's path written as the reference does, e.g. `placement/weeklyPrice/coreFee`.
    #[must_use]
    pub fn field(&self) -> String {
        match self.shape {
            Shape::Parallel { array_at } => {
                let (list, leaf) = self.path.split_at(array_at + 1);
                format!("{}[]/{}", list.join("/"), leaf.join("/"))
            }
            Shape::List => format!("{}[]", self.path.join("/")),
            Shape::Single => self.path.join("/"),
        }
    }
}

/// One sheet of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's curated definition.
    pub spec: &'static SheetSpec,
    /// The data columns, after the key columns ([`PROCESS`], [`RELEASE`], then one per
    /// enclosing list) and before [`OTHER_FIELDS`].
    pub columns: Vec<Column>,
}

impl Sheet {
    /// The sheet's name, as on its tab.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.spec.name
    }

    /// Every header title in order: the keys, the data columns, then [`OTHER_FIELDS`].
    #[must_use]
    pub fn header(&self) -> Vec<String> {
        let mut header = vec![PROCESS.to_owned(), RELEASE.to_owned()];
        header.extend(self.spec.parent_keys.iter().map(|k| (*k).to_owned()));
        header.extend(self.columns.iter().map(|c| c.title.clone()));
        header.push(OTHER_FIELDS.to_owned());
        header
    }

    /// The number of key columns before the data columns.
    #[must_use]
    pub fn key_count(&self) -> usize {
        2 + self.spec.parent_keys.len()
    }
}

/// The whole workbook's layout: the package sheet's fields and every data sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The package's own fields (publisher, licence, publication level), one a row on the
    /// `Package` sheet.
    pub package: Vec<Column>,
    /// The data sheets, parents before the sheets whose rows sit inside theirs.
    pub sheets: Vec<Sheet>,
}

impl Layout {
    /// The layout of this version of the standard, from its schemas.
    #[must_use]
    pub fn new() -> Layout {
        let release = pcds::schema::generate(pcds::schema::SchemaKind::Release);
        let package = pcds::schema::generate(pcds::schema::SchemaKind::ReleasePackage);
        Layout::from_schemas(&release, &package)
    }

    /// The layout for a release schema and a release package schema.
    #[must_use]
    pub fn from_schemas(release: &Value, package: &Value) -> Layout {
        let anchors: Vec<String> = SHEETS.iter().map(|s| plain(s.anchor)).collect();
        let sheets = SHEETS
            .iter()
            .map(|spec| {
                let walker = Walker {
                    root: release,
                    anchors: &anchors,
                };
                let mut columns = Vec::new();
                if let Some(schema) = walker.at_anchor(spec.anchor) {
                    walker.object(&schema, &plain(spec.anchor), &[], &[], &mut columns, 0);
                }
                unique_titles(&mut columns);
                Sheet { spec, columns }
            })
            .collect();
        let walker = Walker {
            root: package,
            anchors: &["releases".to_owned()],
        };
        let mut package_columns = Vec::new();
        walker.object(package, "", &[], &[], &mut package_columns, 0);
        package_columns.retain(|c| c.path.first().is_none_or(|p| p != "releases"));
        unique_titles(&mut package_columns);
        Layout {
            package: package_columns,
            sheets,
        }
    }

    /// The sheet with this name, compared without regard to case.
    #[must_use]
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

/// An anchor path without its list markers: `contracts[]/block` → `contracts/block`.
pub(crate) fn plain(anchor: &str) -> String {
    anchor.replace("[]", "")
}

/// Reads a schema, following `$ref`s into its `$defs`.
struct Walker<'a> {
    root: &'a Value,
    anchors: &'a [String],
}

/// How deep the walk goes before a field becomes a JSON cell; no PCDS object nests deeper.
const MAX_DEPTH: usize = 12;

impl Walker<'_> {
    /// The schema with its `$ref` followed, and the property's own title and description kept
    /// over the definition's.
    fn resolve(&self, schema: &Value) -> Value {
        let mut resolved = schema.clone();
        let mut hops = 0;
        while let Some(reference) = resolved.get("$ref").and_then(Value::as_str) {
            let target = reference
                .strip_prefix("#/$defs/")
                .and_then(|name| self.root.get("$defs")?.get(name))
                .cloned()
                .unwrap_or(Value::Null);
            let mut merged = target.as_object().cloned().unwrap_or_default();
            if let Some(own) = resolved.as_object() {
                for (key, value) in own {
                    if key != "$ref" {
                        merged.insert(key.clone(), value.clone());
                    }
                }
            }
            resolved = Value::Object(merged);
            hops += 1;
            if hops > MAX_DEPTH {
                break;
            }
        }
        resolved
    }

    /// The schema of the thing a sheet's row describes.
    fn at_anchor(&self, anchor: &str) -> Option<Value> {
        let mut schema = self.root.clone();
        for step in anchor.split('/').filter(|s| !s.is_empty()) {
            let (name, each) = match step.strip_suffix("[]") {
                Some(name) => (name, true),
                None => (step, false),
            };
            schema = self.resolve(schema.get("properties")?.get(name)?);
            if each {
                schema = self.resolve(schema.get("items")?);
            }
        }
        Some(schema)
    }

    /// The columns of an object's fields, under `prefix` (path and titles so far).
    fn object(
        &self,
        schema: &Value,
        absolute: &str,
        path: &[String],
        titles: &[String],
        columns: &mut Vec<Column>,
        depth: usize,
    ) {
        let empty = Map::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, property) in properties {
            let field_absolute = if absolute.is_empty() {
                name.clone()
            } else {
                format!("{absolute}/{name}")
            };
            // Other sheets hold anchored things, and the key columns a release's ocid and id.
            if self.anchors.contains(&field_absolute)
                || (absolute.is_empty()
                    && path.is_empty()
                    && matches!(name.as_str(), "ocid" | "id")
                    && self.anchors.contains(&String::new()))
            {
                continue;
            }
            let property = self.resolve(property);
            let mut field_path = path.to_vec();
            field_path.push(name.clone());
            let mut field_titles = titles.to_vec();
            field_titles.push(title_of(&property, name));
            let is_required = path.is_empty() && required.contains(&name.as_str());
            self.field(
                &property,
                &field_absolute,
                field_path,
                field_titles,
                is_required,
                columns,
                depth + 1,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &self,
        property: &Value,
        absolute: &str,
        path: Vec<String>,
        titles: Vec<String>,
        required: bool,
        columns: &mut Vec<Column>,
        depth: usize,
    ) {
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let column = |kind, shape, codes| Column {
            title: titles.join(" – "),
            description: description.clone(),
            path: path.clone(),
            shape,
            kind,
            required,
            codes,
        };
        match type_of(property) {
            "object" if depth < MAX_DEPTH && property.get("properties").is_some() => {
                self.object(property, absolute, &path, &titles, columns, depth);
            }
            "array" if depth < MAX_DEPTH => {
                let items = self.resolve(property.get("items").unwrap_or(&Value::Null));
                match type_of(&items) {
                    "object" => {
                        let mut inner = Vec::new();
                        self.object(&items, absolute, &[], &[], &mut inner, depth);
                        let flat = !inner.is_empty()
                            && inner
                                .iter()
                                .all(|c| c.shape == Shape::Single && c.kind != Kind::Json);
                        if flat {
                            let array_at = path.len() - 1;
                            for leaf in inner {
                                let mut leaf_path = path.clone();
                                leaf_path.extend(leaf.path);
                                columns.push(Column {
                                    title: format!("{} – {}", titles.join(" – "), leaf.title),
                                    description: leaf.description,
                                    path: leaf_path,
                                    shape: Shape::Parallel { array_at },
                                    kind: leaf.kind,
                                    required: false,
                                    codes: leaf.codes,
                                });
                            }
                        } else {
                            columns.push(column(Kind::Json, Shape::Single, None));
                        }
                    }
                    "array" => columns.push(column(Kind::Json, Shape::Single, None)),
                    _ => {
                        let (kind, codes) = scalar(&items);
                        columns.push(column(kind, Shape::List, codes));
                    }
                }
            }
            "object" | "array" => columns.push(column(Kind::Json, Shape::Single, None)),
            _ => {
                let (kind, codes) = scalar(property);
                columns.push(column(kind, Shape::Single, codes));
            }
        }
    }
}

/// The schema's type, `object` when it has properties and names none.
fn type_of(schema: &Value) -> &str {
    match schema.get("type") {
        Some(Value::String(t)) => t,
        _ if schema.get("properties").is_some() => "object",
        _ => "",
    }
}

/// The kind and codelist of a scalar field.
fn scalar(schema: &Value) -> (Kind, Option<Codes>) {
    if let Some(name) = schema.get("codelist").and_then(Value::as_str) {
        let name = name.trim_end_matches(".csv").to_owned();
        let codes = pcds::codelists::ALL
            .iter()
            .find(|info| info.name == name)
            .map(|info| info.codes.iter().map(|c| c.code.to_owned()).collect())
            .unwrap_or_default();
        let open = schema
            .get("openCodelist")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        return (Kind::Code, Some(Codes { name, codes, open }));
    }
    let kind = match type_of(schema) {
        "integer" => Kind::Integer,
        "number" => Kind::Number,
        "boolean" => Kind::Boolean,
        "string" if schema.get("format").and_then(Value::as_str) == Some("date-time") => {
            Kind::DateTime
        }
        "string" => Kind::Text,
        _ => Kind::Json,
    };
    (kind, None)
}

/// A field's title: the schema's, or the field name spelt out.
fn title_of(schema: &Value, name: &str) -> String {
    schema
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| name.to_owned())
}

/// Makes every title in a sheet unique by adding the field's path to repeats.
fn unique_titles(columns: &mut [Column]) {
    let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
    for column in columns.iter_mut() {
        if titles.iter().filter(|t| **t == column.title).count() > 1 {
            column.title = format!("{} ({})", column.title, column.field());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_has_columns_with_unique_titles() {
        let layout = Layout::new();
        for sheet in &layout.sheets {
            assert!(!sheet.columns.is_empty(), "{} has no columns", sheet.name());
            let header = sheet.header();
            let mut seen = std::collections::BTreeSet::new();
            for title in &header {
                assert!(
                    seen.insert(title.to_lowercase()),
                    "{}: `{title}` twice",
                    sheet.name()
                );
            }
        }
        assert!(layout.package.iter().any(|c| c.field() == "publisher/name"));
    }

    #[test]
    fn placement_prices_are_columns_with_codes() {
        let layout = Layout::new();
        let placements = layout.sheet("placements").expect("a placements sheet");
        let fee = placements
            .columns
            .iter()
            .find(|c| c.field() == "placement/weeklyPrice/coreFee/value/amount")
            .expect("the core fee amount");
        assert_eq!(fee.kind, Kind::Number);
        let kind = placements
            .columns
            .iter()
            .find(|c| c.field() == "placement/placementType")
            .expect("the placement type");
        assert_eq!(kind.kind, Kind::Code);
        assert!(kind.codes.as_ref().is_some_and(|c| !c.codes.is_empty()));
        let services = placements
            .columns
            .iter()
            .find(|c| c.field() == "placement/weeklyPrice/additionalServices[]/service")
            .expect("services line up as a group");
        assert!(matches!(services.shape, Shape::Parallel { .. }));
    }
}
