//! CSV files: one a sheet, named after the sheet, for councils without Excel. Text that a
//! spreadsheet would run as a formula ([`pcds::spec::runs_as_formula`]) is written behind an
//! apostrophe, as spreadsheets do themselves, and read back without it.

use std::path::Path;

use crate::SheetError;
use crate::limits::Limits;
use crate::table::{Cell, Row, Table, Workbook, number_text};

/// The tables of a directory of CSV files (each `*.csv`, in name order) or of one CSV file.
pub fn read(path: &Path, limits: &Limits) -> Result<Workbook, SheetError> {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| SheetError::Io(path.display().to_string(), e.to_string()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                    && p.metadata().is_ok_and(|m| m.is_file())
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(SheetError::NotASpreadsheet(
                "the directory holds no `.csv` files".to_owned(),
            ));
        }
        files
    } else {
        vec![path.to_owned()]
    };
    if files.len() > limits.max_sheets {
        return Err(SheetError::TooLarge(format!(
            "{} CSV files, more than the {} the importer reads",
            files.len(),
            limits.max_sheets
        )));
    }
    let mut tables = Vec::new();
    for file in files {
        let bytes = crate::read_bounded(&file, limits)?;
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        tables.push(parse(&name, &bytes, limits)?);
    }
    Ok(Workbook { tables })
}

/// One CSV file's table.
pub fn parse(name: &str, bytes: &[u8], limits: &Limits) -> Result<Table, SheetError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        SheetError::NotASpreadsheet(format!(
            "`{name}.csv` is not UTF-8 text: save it as CSV UTF-8"
        ))
    })?;
    if text.contains('\0') {
        return Err(SheetError::NotASpreadsheet(format!(
            "`{name}.csv` holds binary data, not text"
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            SheetError::NotASpreadsheet(format!("`{name}.csv` is not well-formed CSV: {e}"))
        })?;
        if grid.len() > limits.max_rows {
            return Err(SheetError::TooLarge(format!(
                "`{name}.csv` has more than {} rows",
                limits.max_rows
            )));
        }
        grid.push(
            record
                .iter()
                .map(|field| Cell::Text(unguard(field)))
                .collect(),
        );
    }
    Ok(table_from_grid(name.to_owned(), grid))
}

/// Text as written, without the apostrophe that kept a spreadsheet from running it.
fn unguard(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if pcds::spec::runs_as_formula(rest) => rest.to_owned(),
        _ => field.to_owned(),
    }
}

/// Text as written to a CSV file: behind an apostrophe when a spreadsheet would run it.
fn guard(text: &str) -> String {
    if pcds::spec::runs_as_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A grid's first row as the header and the rest as rows (row 2 onwards, as a spreadsheet
/// numbers them), blank rows left out.
fn table_from_grid(name: String, grid: Vec<Vec<Cell>>) -> Table {
    let mut rows = grid.into_iter();
    let header = rows
        .next()
        .map(|cells| cells.iter().map(|c| c.text().trim().to_owned()).collect())
        .unwrap_or_default();
    let rows = rows
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(|(i, cells)| Row {
            number: u32::try_from(i).unwrap_or(u32::MAX - 2) + 2,
            cells,
        })
        .collect();
    Table { name, header, rows }
}

/// A table as CSV text.
#[must_use]
pub fn write(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(&table.header);
    for row in &table.rows {
        let fields: Vec<String> = (0..table.header.len().max(row.cells.len()))
            .map(|i| match row.cell(i) {
                Cell::Empty => String::new(),
                Cell::Text(text) | Cell::Error(text) => guard(text),
                Cell::Number(n) | Cell::Date(n) => number_text(*n),
                cell @ Cell::Bool(_) => cell.text(),
            })
            .collect();
        let _ = writer.write_record(&fields);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
