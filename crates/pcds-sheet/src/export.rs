//! A dataset as a workbook: every release's things on their sheets, one row each.

use serde_json::{Map, Value};

use crate::layout::{Layout, OTHER_FIELDS, Sheet, plain};
use crate::row::encode;
use crate::table::{Cell, Row, Table, Workbook};

/// The title of the package sheet, which holds the package's own fields one a row.
pub const PACKAGE: &str = "Package";
/// The header of the package sheet.
pub const PACKAGE_HEADER: [&str; 2] = ["Field", "Value"];

/// The workbook of a release package's metadata (`package`, without its releases) and its
/// releases. An empty list of releases gives the empty template.
#[must_use]
pub fn workbook(layout: &Layout, package: &Map<String, Value>, releases: &[Value]) -> Workbook {
    let mut tables = vec![package_table(layout, package)];
    for sheet in &layout.sheets {
        tables.push(sheet_table(layout, sheet, releases));
    }
    Workbook { tables }
}

fn package_table(layout: &Layout, package: &Map<String, Value>) -> Table {
    let mut metadata = package.clone();
    metadata.remove("releases");
    let (cells, rest) = encode(&layout.package, &metadata, &[]);
    let mut rows: Vec<Row> = layout
        .package
        .iter()
        .zip(cells)
        .map(|(column, cell)| vec![Cell::Text(column.title.clone()), cell])
        .chain(std::iter::once(vec![
            Cell::Text(OTHER_FIELDS.to_owned()),
            rest.map_or(Cell::Empty, |v| Cell::Text(v.to_string())),
        ]))
        .enumerate()
        .map(|(i, cells)| Row {
            number: row_number(i),
            cells,
        })
        .collect();
    rows.shrink_to_fit();
    Table {
        name: PACKAGE.to_owned(),
        header: PACKAGE_HEADER.map(str::to_owned).to_vec(),
        rows,
    }
}

fn sheet_table(layout: &Layout, sheet: &Sheet, releases: &[Value]) -> Table {
    let skip = held_elsewhere(layout, sheet);
    let mut rows = Vec::new();
    for release in releases {
        let Some(object) = release.as_object() else {
            continue;
        };
        let key = |field: &str| {
            object
                .get(field)
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .map_or(Cell::Empty, Cell::Text)
        };
        for (parents, thing) in things(object, sheet.spec.anchor) {
            let (cells, rest) = encode(&sheet.columns, thing, &skip);
            let mut row = vec![key("ocid"), key("id")];
            row.extend(parents.into_iter().map(Cell::Text));
            row.extend(cells);
            row.push(rest.map_or(Cell::Empty, |v| Cell::Text(v.to_string())));
            rows.push(Row {
                number: row_number(rows.len()),
                cells: row,
            });
        }
    }
    Table {
        name: sheet.name().to_owned(),
        header: sheet.header(),
        rows,
    }
}

/// The spreadsheet row number of the `i`th row under the header.
fn row_number(i: usize) -> u32 {
    u32::try_from(i + 2).unwrap_or(u32::MAX)
}

/// The fields of a sheet's things that other sheets (or the key columns) hold, as paths from
/// the thing.
pub(crate) fn held_elsewhere(layout: &Layout, sheet: &Sheet) -> Vec<String> {
    let own = plain(sheet.spec.anchor);
    let mut skip: Vec<String> = layout
        .sheets
        .iter()
        .map(|other| plain(other.spec.anchor))
        .filter_map(|other| {
            if own.is_empty() {
                (!other.is_empty()).then_some(other)
            } else {
                other.strip_prefix(&format!("{own}/")).map(str::to_owned)
            }
        })
        .collect();
    if own.is_empty() {
        skip.extend(["ocid".to_owned(), "id".to_owned()]);
    }
    skip
}

/// Every thing at an anchor in a release, with the ids of the things enclosing it (`#n`, the
/// 1-based position, for one without an id).
pub(crate) fn things<'a>(
    release: &'a Map<String, Value>,
    anchor: &str,
) -> Vec<(Vec<String>, &'a Map<String, Value>)> {
    let steps: Vec<&str> = anchor.split('/').filter(|s| !s.is_empty()).collect();
    let mut found = Vec::new();
    collect(release, &steps, Vec::new(), &mut found);
    found
}

fn collect<'a>(
    at: &'a Map<String, Value>,
    steps: &[&str],
    parents: Vec<String>,
    found: &mut Vec<(Vec<String>, &'a Map<String, Value>)>,
) {
    let Some((step, rest)) = steps.split_first() else {
        found.push((parents, at));
        return;
    };
    match step.strip_suffix("[]") {
        Some(name) => {
            let Some(items) = at.get(name).and_then(Value::as_array) else {
                return;
            };
            for (i, item) in items.iter().enumerate() {
                let Some(item) = item.as_object() else {
                    continue;
                };
                let mut parents = parents.clone();
                if !rest.is_empty() {
                    parents.push(id_of(item, i));
                }
                collect(item, rest, parents, found);
            }
        }
        None => {
            if let Some(inner) = at.get(*step).and_then(Value::as_object) {
                collect(inner, rest, parents, found);
            }
        }
    }
}

/// How a row names the enclosing thing: its `id`, or `#n` for the `n`th without one.
pub(crate) fn id_of(item: &Map<String, Value>, index: usize) -> String {
    match item.get("id") {
        Some(Value::String(id)) if !id.starts_with('#') => id.clone(),
        _ => format!("#{}", index + 1),
    }
}
