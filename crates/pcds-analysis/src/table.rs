//! The shape every answer takes: a table of keyed rows, each with the ocids behind it, which the
//! JSON, CSV and HTML renderings all read.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::summary::{Summary, suppress};

/// What a column holds, so renderers can format and align it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// A code or name the row is keyed by.
    Key,
    /// A count of children, referrals, agreements or responses.
    Count,
    /// Pounds sterling (weekly unless the column says otherwise).
    Money,
    /// A percentage.
    Percent,
    /// Any other number (hours, days, scores, an index).
    Number,
    /// A date.
    Date,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The column's name in JSON and CSV.
    pub id: String,
    /// The column's heading for people.
    pub title: String,
    /// What it holds.
    pub kind: Kind,
}

/// One row: its values by column id, whether it is suppressed, and the processes behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// The row's values, by column id; a suppressed row keeps only its keys.
    pub values: Map<String, Value>,
    /// Whether the row's numbers are withheld because it counts too few.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// The ocids of the processes the row was computed from (none for a suppressed row).
    pub ocids: Vec<String>,
}

/// How the HTML report draws a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// The column drawn as a bar or point.
    pub value: String,
    /// The column the whisker starts at, for a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<String>,
    /// The column the whisker ends at, for a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<String>,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// The table's stable name, used for its CSV file and its anchor in HTML.
    pub id: String,
    /// The question it answers.
    pub title: String,
    /// How it is computed, in a sentence or two.
    pub description: String,
    /// The columns, keys first.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
    /// How to draw it, when it has a chart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<Chart>,
}

impl Table {
    /// An empty table with key columns.
    #[must_use]
    pub fn new(id: &str, title: &str, description: &str) -> Self {
        Table {
            id: id.to_owned(),
            title: title.to_owned(),
            description: description.to_owned(),
            columns: Vec::new(),
            rows: Vec::new(),
            chart: None,
        }
    }

    /// Adds a column.
    #[must_use]
    pub fn column(mut self, id: &str, title: &str, kind: Kind) -> Self {
        self.columns.push(Column {
            id: id.to_owned(),
            title: title.to_owned(),
            kind,
        });
        self
    }

    /// Draws the table as bars of `value`, with whiskers from `low` to `high` when given.
    #[must_use]
    pub fn chart(mut self, value: &str, range: Option<(&str, &str)>) -> Self {
        self.chart = Some(Chart {
            value: value.to_owned(),
            low: range.map(|r| r.0.to_owned()),
            high: range.map(|r| r.1.to_owned()),
        });
        self
    }

    /// The row whose key columns hold `keys`, for readers of a report.
    #[must_use]
    pub fn row(&self, keys: &[&str]) -> Option<&Row> {
        let key_columns: Vec<&Column> = self
            .columns
            .iter()
            .filter(|c| c.kind == Kind::Key)
            .collect();
        self.rows.iter().find(|row| {
            key_columns.len() >= keys.len()
                && keys
                    .iter()
                    .zip(&key_columns)
                    .all(|(k, c)| row.values.get(&c.id).and_then(Value::as_str) == Some(*k))
        })
    }
}

/// A number as JSON, money and percentages to two decimal places.
#[must_use]
pub fn number(value: Decimal) -> Value {
    value
        .round_dp(2)
        .normalize()
        .to_f64()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// An optional number as JSON.
#[must_use]
pub fn maybe(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, number)
}

/// Children (or other things counted) in one cell of a breakdown, with their prices.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// How many are counted.
    pub n: u64,
    /// Each one's weekly total, when known.
    pub totals: Vec<Decimal>,
    /// Each one's weekly core fee, when known.
    pub cores: Vec<Decimal>,
    /// The processes behind the cell.
    pub ocids: BTreeSet<String>,
}

impl Cell {
    /// Counts one, with its prices.
    pub fn add(&mut self, ocid: &str, total: Option<Decimal>, core: Option<Decimal>) {
        self.n += 1;
        self.totals.extend(total);
        self.cores.extend(core);
        if !self.ocids.contains(ocid) {
            self.ocids.insert(ocid.to_owned());
        }
    }
}

/// The columns of a price distribution after its keys.
pub const DISTRIBUTION: [(&str, &str, Kind); 7] = [
    ("children", "Children", Kind::Count),
    (
        "totalLowerQuartile",
        "Weekly total: lower quartile",
        Kind::Money,
    ),
    ("totalMedian", "Weekly total: median", Kind::Money),
    (
        "totalUpperQuartile",
        "Weekly total: upper quartile",
        Kind::Money,
    ),
    ("coreLowerQuartile", "Core fee: lower quartile", Kind::Money),
    ("coreMedian", "Core fee: median", Kind::Money),
    ("coreUpperQuartile", "Core fee: upper quartile", Kind::Money),
];

/// A table of weekly price distributions, one row per cell, with small cells suppressed (and
/// their complements). `keys` are the key columns' ids and titles, in cell-key order.
#[must_use]
pub fn distribution(
    mut table: Table,
    keys: &[(&str, &str)],
    cells: BTreeMap<Vec<String>, Cell>,
    threshold: u64,
) -> Table {
    let extra = std::mem::take(&mut table.columns);
    for (id, title) in keys {
        table = table.column(id, title, Kind::Key);
    }
    for (id, title, kind) in DISTRIBUTION {
        table = table.column(id, title, kind);
    }
    table.columns.extend(extra);
    table = table.chart(
        "totalMedian",
        Some(("totalLowerQuartile", "totalUpperQuartile")),
    );
    keyed_rows(
        &mut table,
        keys,
        cells,
        |c| c.n,
        threshold,
        |cell, values| {
            values.insert("children".into(), Value::from(cell.n));
            let shown = |prices: &[Decimal]| {
                (prices.len() as u64 >= threshold.max(1))
                    .then(|| Summary::of(prices))
                    .flatten()
            };
            for (prefix, summary) in [("total", shown(&cell.totals)), ("core", shown(&cell.cores))]
            {
                let s = summary.as_ref();
                values.insert(
                    format!("{prefix}LowerQuartile"),
                    maybe(s.map(|s| s.lower_quartile)),
                );
                values.insert(format!("{prefix}Median"), maybe(s.map(|s| s.median)));
                values.insert(
                    format!("{prefix}UpperQuartile"),
                    maybe(s.map(|s| s.upper_quartile)),
                );
            }
            cell.ocids.into_iter().collect()
        },
    );
    table
}

/// A table of counts, one row per cell, suppressed like a distribution. `value` adds further
/// columns to a visible row from its cell's members.
pub fn counted<T>(
    mut table: Table,
    keys: &[(&str, &str)],
    count: (&str, &str),
    cells: BTreeMap<Vec<String>, Vec<(&str, T)>>,
    threshold: u64,
    mut value: impl FnMut(&[(&str, T)], &mut Map<String, Value>),
) -> Table {
    // Keys first, then the count, then the columns the caller declared.
    let extra = std::mem::take(&mut table.columns);
    for (id, title) in keys {
        table = table.column(id, title, Kind::Key);
    }
    table = table.column(count.0, count.1, Kind::Count);
    table.columns.extend(extra);
    keyed_rows(
        &mut table,
        keys,
        cells,
        |members| members.len() as u64,
        threshold,
        |members, values| {
            values.insert(count.0.to_owned(), Value::from(members.len()));
            value(&members, values);
            let ocids: BTreeSet<String> = members.iter().map(|(o, _)| (*o).to_owned()).collect();
            ocids.into_iter().collect()
        },
    );
    table
}

/// Writes a decimal as a JSON number, to two decimal places (for `serialize_with`).
///
/// # Errors
/// When the serializer fails.
pub fn serialize_decimal<S: serde::Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    number(*value).serialize(s)
}

/// Writes an optional decimal as a JSON number or null (for `serialize_with`).
///
/// # Errors
/// When the serializer fails.
pub fn serialize_maybe<S: serde::Serializer>(
    value: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    maybe(*value).serialize(s)
}

/// Adds one row per cell, keyed by the cell's key: suppressed (keys only, no ocids) when its
/// count or its complement calls for it, else filled by `fill`, which returns the row's ocids.
fn keyed_rows<C>(
    table: &mut Table,
    keys: &[(&str, &str)],
    cells: BTreeMap<Vec<String>, C>,
    count: impl Fn(&C) -> u64,
    threshold: u64,
    mut fill: impl FnMut(C, &mut Map<String, Value>) -> Vec<String>,
) {
    let names: Vec<Vec<String>> = cells.keys().cloned().collect();
    let counts: Vec<u64> = cells.values().map(&count).collect();
    let hidden = suppress(&names, &counts, threshold);
    for ((key, cell), hidden) in cells.into_iter().zip(hidden) {
        let mut values = Map::new();
        for ((id, _), part) in keys.iter().zip(key) {
            values.insert((*id).to_owned(), Value::String(part));
        }
        let ocids = if hidden {
            Vec::new()
        } else {
            fill(cell, &mut values)
        };
        table.rows.push(Row {
            values,
            suppressed: hidden,
            ocids,
        });
    }
}
