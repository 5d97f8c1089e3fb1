//! One thing as one row: the cells of a thing's fields, and the thing a row's cells describe.
//!
//! Writing a row takes every field a column can hold; what is left (a value that does not fit
//! its column, a field the standard does not define) goes to the row's `Other fields (JSON)`
//! cell, so reading the row back gives the same thing.

use serde_json::{Map, Value};

use crate::cells::{self, WrongType};
use crate::layout::{Column, Kind, LIST_SEPARATOR, Shape};
use crate::table::Cell;

/// What went wrong reading one cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The cell does not hold what its column expects.
    WrongType {
        /// The column's index in the layout.
        column: usize,
        /// What was expected and found.
        error: WrongType,
    },
    /// The cells of a group of lined-up lists hold different numbers of items.
    Misaligned {
        /// The first column of the group with a count unlike the others.
        column: usize,
        /// The number of items in that cell.
        items: usize,
        /// The number of items in the group's first filled cell.
        expected: usize,
    },
    /// The other-fields cell is not a JSON object.
    OtherNotObject,
    /// The other-fields cell gives a field a column also gives.
    Conflict {
        /// The field's path.
        field: String,
    },
}

/// The cells of a thing, one per column, and what no column holds.
#[must_use]
pub fn encode(
    columns: &[Column],
    thing: &Map<String, Value>,
    skip: &[String],
) -> (Vec<Cell>, Option<Value>) {
    let mut rest = thing.clone();
    for path in skip {
        let steps: Vec<String> = path.split('/').map(str::to_owned).collect();
        remove(&mut rest, &steps);
    }
    let mut cells = vec![Cell::Empty; columns.len()];
    for (i, column) in columns.iter().enumerate() {
        let Some(value) = lookup(&rest, &column.path).cloned() else {
            continue;
        };
        match column.shape {
            Shape::Single => {
                if let Some(cell) = cells::write(&value, column.kind) {
                    cells[i] = cell;
                    remove(&mut rest, &column.path);
                }
            }
            Shape::List => {
                let items = value.as_array().filter(|items| {
                    !items.is_empty() && items.iter().all(|v| cells::fits_list_item(v, column.kind))
                });
                if let Some(items) = items {
                    cells[i] = Cell::Text(join(items.iter().map(cells::list_item_text)));
                    remove(&mut rest, &column.path);
                }
            }
            Shape::Parallel { .. } => {}
        }
    }
    for group in groups(columns) {
        let list_path = &columns[group[0]].path[..=array_at(&columns[group[0]])];
        let Some(items) = lookup(&rest, list_path).and_then(Value::as_array).cloned() else {
            continue;
        };
        if let Some(group_cells) = encode_group(columns, &group, &items) {
            for (i, cell) in group.iter().zip(group_cells) {
                cells[*i] = cell;
            }
            remove(&mut rest, list_path);
        }
    }
    let rest = (!rest.is_empty()).then_some(Value::Object(rest));
    (cells, rest)
}

/// The cells of a group of lined-up lists, or `None` when some item does not fit them.
fn encode_group(columns: &[Column], group: &[usize], items: &[Value]) -> Option<Vec<Cell>> {
    if items.is_empty() {
        return None;
    }
    let mut texts = vec![Vec::with_capacity(items.len()); group.len()];
    for item in items {
        let mut rest = item.as_object()?.clone();
        let mut any = false;
        for (k, i) in group.iter().enumerate() {
            let column = &columns[*i];
            let leaf = &column.path[array_at(column) + 1..];
            match lookup(&rest, leaf).cloned() {
                Some(value) if cells::fits_list_item(&value, column.kind) => {
                    texts[k].push(cells::list_item_text(&value));
                    remove(&mut rest, leaf);
                    any = true;
                }
                Some(_) => return None,
                None => texts[k].push(String::new()),
            }
        }
        if !any || !rest.is_empty() {
            return None;
        }
    }
    Some(
        texts
            .into_iter()
            .map(|items| {
                if items.iter().all(String::is_empty) {
                    Cell::Empty
                } else {
                    Cell::Text(join(items.into_iter()))
                }
            })
            .collect(),
    )
}

/// Items joined into one cell: `a; b; c`.
fn join(items: impl Iterator<Item = String>) -> String {
    let mut text = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            text.push(LIST_SEPARATOR);
            if !item.is_empty() {
                text.push(' ');
            }
        }
        text.push_str(&item);
    }
    text
}

/// A cell's `;`-separated items, trimmed; an empty list for a blank cell.
fn split(cell: &Cell) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    cell.text()
        .split(LIST_SEPARATOR)
        .map(|item| item.trim().to_owned())
        .collect()
}

/// The thing a row's cells describe, with every problem found reading them. `cell(i)` is the
/// row's cell for layout column `i` (blank when the sheet has no such column).
pub fn decode<'a>(
    columns: &[Column],
    cell: impl Fn(usize) -> &'a Cell,
    other: &Cell,
) -> (Map<String, Value>, Vec<Problem>) {
    let mut thing = Map::new();
    let mut problems = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        match column.shape {
            Shape::Single => match cells::read(cell(i), column.kind) {
                Ok(Some(value)) => set(&mut thing, &column.path, value),
                Ok(None) => {}
                Err(error) => problems.push(Problem::WrongType { column: i, error }),
            },
            Shape::List => {
                let mut items = Vec::new();
                for item in split(cell(i)).into_iter().filter(|t| !t.is_empty()) {
                    match cells::read(&Cell::Text(item), column.kind) {
                        Ok(Some(value)) => items.push(value),
                        Ok(None) => {}
                        Err(error) => problems.push(Problem::WrongType { column: i, error }),
                    }
                }
                if !items.is_empty() {
                    set(&mut thing, &column.path, Value::Array(items));
                }
            }
            Shape::Parallel { .. } => {}
        }
    }
    for group in groups(columns) {
        let list_path = columns[group[0]].path[..=array_at(&columns[group[0]])].to_vec();
        let split_cells: Vec<(usize, Vec<String>)> =
            group.iter().map(|i| (*i, split(cell(*i)))).collect();
        let Some(count) = split_cells.iter().map(|(_, s)| s.len()).find(|n| *n > 0) else {
            continue;
        };
        if let Some((column, items)) = split_cells
            .iter()
            .find(|(_, s)| !s.is_empty() && s.len() != count)
        {
            problems.push(Problem::Misaligned {
                column: *column,
                items: items.len(),
                expected: count,
            });
            continue;
        }
        let mut items = vec![Map::new(); count];
        for (i, texts) in &split_cells {
            let column = &columns[*i];
            let leaf = &column.path[array_at(column) + 1..];
            for (item, text) in items.iter_mut().zip(texts) {
                match cells::read(&Cell::Text(text.clone()), column.kind) {
                    Ok(Some(value)) => set(item, leaf, value),
                    Ok(None) => {}
                    Err(error) => problems.push(Problem::WrongType { column: *i, error }),
                }
            }
        }
        set(
            &mut thing,
            &list_path,
            Value::Array(items.into_iter().map(Value::Object).collect()),
        );
    }
    match cells::read(other, Kind::Json) {
        Ok(Some(Value::Object(extra))) => {
            for (key, value) in extra {
                merge(&mut thing, key, value, "", &mut problems);
            }
        }
        Ok(Some(_)) => problems.push(Problem::OtherNotObject),
        Ok(None) => {}
        Err(_) => problems.push(Problem::OtherNotObject),
    }
    (thing, problems)
}

/// Adds a field from the other-fields cell, merging objects a column has begun.
fn merge(
    into: &mut Map<String, Value>,
    key: String,
    value: Value,
    prefix: &str,
    problems: &mut Vec<Problem>,
) {
    let field = format!("{prefix}{key}");
    match (into.get_mut(&key), value) {
        (None, value) => {
            into.insert(key, value);
        }
        (Some(Value::Object(existing)), Value::Object(extra)) => {
            for (k, v) in extra {
                merge(existing, k, v, &format!("{field}/"), problems);
            }
        }
        (Some(_), _) => problems.push(Problem::Conflict { field }),
    }
}

/// The columns of each group of lined-up lists, in layout order.
fn groups(columns: &[Column]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        if let Shape::Parallel { array_at: at } = column.shape {
            let list = &column.path[..=at];
            match groups
                .iter_mut()
                .find(|g| columns[g[0]].path[..=array_at(&columns[g[0]])] == *list)
            {
                Some(group) => group.push(i),
                None => groups.push(vec![i]),
            }
        }
    }
    groups
}

fn array_at(column: &Column) -> usize {
    match column.shape {
        Shape::Parallel { array_at } => array_at,
        _ => column.path.len().saturating_sub(1),
    }
}

/// The value at a path of field names.
#[must_use]
pub fn lookup<'a>(thing: &'a Map<String, Value>, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let value = thing.get(first)?;
    if rest.is_empty() {
        Some(value)
    } else {
        lookup(value.as_object()?, rest)
    }
}

/// Sets the value at a path, making the objects on the way.
pub fn set(thing: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        thing.insert(first.clone(), value);
        return;
    }
    let entry = thing
        .entry(first.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    if let Value::Object(inner) = entry {
        set(inner, rest, value);
    }
}

/// Removes the value at a path, and any object the removal leaves empty.
pub fn remove(thing: &mut Map<String, Value>, path: &[String]) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        thing.remove(first);
        return;
    }
    if let Some(Value::Object(inner)) = thing.get_mut(first) {
        remove(inner, rest);
        if inner.is_empty() {
            thing.remove(first);
        }
    }
}
