//! PCDS in spreadsheets, for the people who hold placement data in Excel.
//!
//! - [`template`]: the workbook a placement officer fills in, generated from the release
//!   schema, with the same sheets as CSV files.
//! - [`import`]: a filled-in workbook (or a directory of CSV files) as a release package, with
//!   every value remembering its cell, so that each finding names the sheet, row and column.
//! - [`export::workbook`]: any dataset as the same workbook; importing it gives back the same
//!   releases.
//!
//! ```
//! let layout = pcds_sheet::Layout::new();
//! let placements = layout.sheet("Placements").unwrap();
//! assert!(placements.header().iter().any(|t| t.contains("Weekly price")));
//! ```

mod cells;
mod csv;
pub mod export;
mod guide;
pub mod import;
mod layout;
mod limits;
mod locate;
mod nest;
mod row;
pub mod rules;
mod sheets;
mod table;
mod xlsx;

use std::io::Read;
use std::path::Path;

pub use guide::{GUIDE, INTRODUCTION, markdown as reference_page};
pub use import::{ImportOptions, Imported, import};
pub use layout::{Codes, Column, Kind, Layout, OTHER_FIELDS, PROCESS, RELEASE, Shape, Sheet};
pub use limits::Limits;
pub use locate::Origins;
pub use sheets::{SHEETS, SheetSpec};
pub use table::{Cell, Row, Table, Workbook};

/// Why a spreadsheet could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The input is not a workbook or CSV (`PCDS-SHEET-001`).
    #[error("not a spreadsheet: {0}")]
    NotASpreadsheet(String),
    /// The input passes a bound of [`Limits`] (`PCDS-SHEET-010`).
    #[error("too large: {0}")]
    TooLarge(String),
    /// The input could not be read.
    #[error("cannot read `{0}`: {1}")]
    Io(String, String),
    /// The workbook could not be written.
    #[error("cannot write the workbook: {0}")]
    Write(String),
}

impl SheetError {
    /// The stable code of the error.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::NotASpreadsheet(_) => rules::NOT_A_SPREADSHEET.code,
            SheetError::TooLarge(_) => rules::TOO_LARGE.code,
            SheetError::Io(..) => "PCDS-IO-001",
            SheetError::Write(_) => "PCDS-IO-002",
        }
    }
}

/// A regular file's bytes, refused past the size bound before it is read (and a FIFO or a
/// device refused outright, so that nothing blocks or reads without end).
pub(crate) fn read_bounded(path: &Path, limits: &Limits) -> Result<Vec<u8>, SheetError> {
    let io = |e: std::io::Error| SheetError::Io(path.display().to_string(), e.to_string());
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(SheetError::NotASpreadsheet(format!(
            "`{}` is not a regular file",
            path.display()
        )));
    }
    limits.check_size(metadata.len())?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    limits.check_size(bytes.len() as u64)?;
    Ok(bytes)
}

/// The tables of an input: an `.xlsx` workbook, a CSV file, or a directory of CSV files. Any
/// other file is refused with a [`SheetError::NotASpreadsheet`] that says what it looks like.
pub fn read(path: &Path, limits: &Limits) -> Result<Workbook, SheetError> {
    if path.is_dir() {
        return csv::read(path, limits);
    }
    let bytes = read_bounded(path, limits)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    read_bytes(&name, &bytes, is_csv, limits)
}

/// The tables of an input's bytes; `csv` says the input is named as a CSV file.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    csv: bool,
    limits: &Limits,
) -> Result<Workbook, SheetError> {
    limits.check_size(bytes.len() as u64)?;
    let start = bytes
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(bytes)
        .trim_ascii_start();
    if bytes.starts_with(b"PK\x03\x04") {
        return xlsx::read(bytes, limits);
    }
    let looks_like = if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        Some(
            "an old binary Excel workbook (.xls) or another Office file: save it as Excel Workbook (.xlsx)",
        )
    } else if start.starts_with(b"{") || start.starts_with(b"[") {
        Some("JSON: check it with `pcds validate` instead")
    } else if bytes.starts_with(b"%PDF") {
        Some("a PDF document")
    } else if bytes.is_empty() {
        Some("an empty file")
    } else {
        None
    };
    match looks_like {
        Some(what) => Err(SheetError::NotASpreadsheet(format!("the input is {what}"))),
        None if csv => Ok(Workbook {
            tables: vec![csv::parse(name, bytes, limits)?],
        }),
        None => Err(SheetError::NotASpreadsheet(
            "the input is neither an .xlsx workbook nor a .csv file".to_owned(),
        )),
    }
}

/// The `.xlsx` bytes of a workbook in the template's layout.
pub fn to_xlsx(layout: &Layout, workbook: &Workbook) -> Result<Vec<u8>, SheetError> {
    xlsx::write(layout, workbook)
}

/// A workbook as CSV files: each table's file name (`Placements.csv`) and text.
#[must_use]
pub fn to_csv(workbook: &Workbook) -> Vec<(String, String)> {
    workbook
        .tables
        .iter()
        .map(|table| (format!("{}.csv", table.name), csv::write(table)))
        .collect()
}

/// The template's files, by path under `spec/template/`: the workbook, each sheet as a CSV
/// file under `csv/`, and the column reference `columns.csv`.
pub fn template(layout: &Layout) -> Result<Vec<(String, Vec<u8>)>, SheetError> {
    let mut package = serde_json::Map::new();
    package.insert("version".into(), "1.1".into());
    package.insert("pcdsVersion".into(), pcds::PCDS_VERSION.into());
    let workbook = export::workbook(layout, &package, &[]);
    let mut files = vec![("pcds-template.xlsx".to_owned(), to_xlsx(layout, &workbook)?)];
    for (name, text) in to_csv(&workbook) {
        files.push((format!("csv/{name}"), text.into_bytes()));
    }
    files.push((
        "columns.csv".to_owned(),
        guide::columns_csv(layout).into_bytes(),
    ));
    Ok(files)
}
