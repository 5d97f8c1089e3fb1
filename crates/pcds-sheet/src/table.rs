//! A workbook as the importer and exporter see it: named tables of typed cells, whatever file
//! format they came from or go to.

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text, as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A spreadsheet date: days since 1899-12-30, the fraction being the time of day.
    Date(f64),
    /// A formula's error value, such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing (blank text counts as nothing).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a spreadsheet shows a plain value.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(true) => "TRUE".to_owned(),
            Cell::Bool(false) => "FALSE".to_owned(),
            Cell::Date(serial) => crate::cells::date_time_text(*serial),
            Cell::Error(error) => error.clone(),
        }
    }
}

/// A number written as it was typed: `42`, not `42.0`.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's number as the spreadsheet shows it (the header is row 1).
    pub number: u32,
    /// The cells, one for each header column (missing cells are [`Cell::Empty`]).
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in a column, [`Cell::Empty`] past the row's end.
    #[must_use]
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// One sheet of a workbook, or one CSV file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The sheet's name (a CSV file's name without `.csv`).
    pub name: String,
    /// The header row's titles.
    pub header: Vec<String>,
    /// The rows under the header, blank rows left out.
    pub rows: Vec<Row>,
}

/// A whole workbook: its tables in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    /// The tables, in the order of the tabs.
    pub tables: Vec<Table>,
}

impl Workbook {
    /// The table with this name, compared without regard to case.
    #[must_use]
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.name.trim().eq_ignore_ascii_case(name))
    }
}
