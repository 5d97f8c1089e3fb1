//! Excel workbooks: writing the template (or a dataset) with titles, notes, drop-down lists and
//! data validation, and reading a filled-in workbook back into tables, within bounds.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, Formula, Note, Workbook as XlsxWorkbook, Worksheet, XlsxError,
};

use crate::SheetError;
use crate::export::PACKAGE;
use crate::guide;
use crate::layout::{Column, Kind, Layout, Shape};
use crate::limits::Limits;
use crate::table::{Cell, Row, Table, Workbook};

/// The sheets of a workbook that hold no data: the guide and the code lists.
pub const AUXILIARY: [&str; 2] = [guide::GUIDE, CODES];
/// The sheet listing every codelist's codes, one list a column, for the drop-downs.
pub const CODES: &str = "Codes";

/// How many rows under the header of a sheet carry drop-down lists and data validation.
const VALIDATED_ROWS: u32 = 5_000;

/// The `.xlsx` bytes of a workbook: the guide, the package sheet, the data sheets and the
/// codes. The same layout and tables always give the same bytes.
pub fn write(layout: &Layout, workbook: &Workbook) -> Result<Vec<u8>, SheetError> {
    write_inner(layout, workbook).map_err(|e| SheetError::Write(e.to_string()))
}

fn write_inner(layout: &Layout, workbook: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut book = XlsxWorkbook::new();
    let fixed = ExcelDateTime::from_ymd(2025, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("PCDS workbook")
            .set_subject("Placement Contracting Data Standard")
            .set_creation_datetime(&fixed),
    );
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let text = Format::new().set_num_format("@");

    let guide_sheet = book.add_worksheet();
    guide_sheet.set_name(guide::GUIDE)?;
    guide::write_sheet(layout, guide_sheet, &bold, &wrap)?;

    let codes = codelists(layout);
    for table in &workbook.tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.name)?;
        if table.name == PACKAGE {
            sheet.set_column_width(0, 34)?;
            sheet.set_column_width(1, 60)?;
            for (c, title) in table.header.iter().enumerate() {
                sheet.write_string_with_format(0, col(c), title, &bold)?;
            }
            for row in &table.rows {
                for (c, cell) in row.cells.iter().enumerate() {
                    write_cell(sheet, row.number - 1, col(c), cell, &text)?;
                }
                if let Some(column) = layout
                    .package
                    .iter()
                    .find(|c| Cell::Text(c.title.clone()) == *row.cell(0))
                {
                    sheet.insert_note(row.number - 1, 0, &note(column))?;
                    validate(sheet, column, &codes, 1, row.number - 1, row.number - 1)?;
                }
            }
            sheet.set_freeze_panes(1, 1)?;
            continue;
        }
        let columns = layout
            .sheet(&table.name)
            .map(|s| (s.key_count(), &s.columns));
        for (c, title) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), title, &bold)?;
            sheet.set_column_width(col(c), width(table, c, title))?;
        }
        sheet.set_row_height(0, 45)?;
        if let Some((keys, columns)) = columns {
            for (i, column) in columns.iter().enumerate() {
                let c = col(keys + i);
                sheet.insert_note(0, c, &note(column))?;
                validate(sheet, column, &codes, c, 1, VALIDATED_ROWS)?;
            }
        }
        for row in &table.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                write_cell(sheet, row.number - 1, col(c), cell, &text)?;
            }
        }
        sheet.set_freeze_panes(1, 2)?;
        sheet.set_landscape();
        sheet.set_repeat_rows(0, 0)?;
    }

    let codes_sheet = book.add_worksheet();
    codes_sheet.set_name(CODES)?;
    for (c, (name, list)) in codes.iter().enumerate() {
        codes_sheet.write_string_with_format(0, col(c), name, &bold)?;
        codes_sheet.set_column_width(col(c), 22)?;
        for (r, code) in list.iter().enumerate() {
            codes_sheet.write_string(row_num(r + 1), col(c), code)?;
        }
    }
    codes_sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// A column's width in characters: enough for its longest value (up to 40), and for its
/// title wrapped on three lines.
fn width(table: &crate::table::Table, column: usize, title: &str) -> f64 {
    let longest = table
        .rows
        .iter()
        .map(|row| row.cell(column).text().chars().count())
        .max()
        .unwrap_or(0);
    let title = title.chars().count().div_ceil(3);
    #[allow(clippy::cast_precision_loss)]
    let chars = longest.max(title) as f64;
    (chars + 2.0).clamp(10.0, 40.0)
}

/// Every codelist a column uses, in first-use order, with its codes.
fn codelists(layout: &Layout) -> Vec<(String, Vec<String>)> {
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    let all = layout
        .package
        .iter()
        .chain(layout.sheets.iter().flat_map(|s| s.columns.iter()));
    for column in all {
        if let Some(codes) = &column.codes
            && !lists.iter().any(|(name, _)| *name == codes.name)
        {
            lists.push((codes.name.clone(), codes.codes.clone()));
        }
    }
    lists
}

fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn row_num(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: &Cell,
    text: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(value) | Cell::Error(value) => {
            sheet.write_string_with_format(row, column, value, text)?;
        }
        Cell::Number(n) | Cell::Date(n) => {
            sheet.write_number(row, column, *n)?;
        }
        Cell::Bool(b) => {
            sheet.write_boolean(row, column, *b)?;
        }
    }
    Ok(())
}

/// The header's note: what the column holds and how to fill it in.
fn note(column: &Column) -> Note {
    let mut text = column.description.clone();
    text.push_str(&format!("\n\nField: {}. {}", column.field(), how(column)));
    Note::new(text)
        .set_author("PCDS")
        .set_width(360)
        .set_height(200)
}

/// How to fill a column in, in one sentence.
pub(crate) fn how(column: &Column) -> String {
    let what = match (column.kind, &column.codes) {
        (Kind::Code, Some(codes)) if codes.open => {
            format!("A code from the `{}` list (others allowed).", codes.name)
        }
        (Kind::Code, Some(codes)) => format!("A code from the `{}` list.", codes.name),
        (kind, _) => format!("{}.", capitalise(crate::cells::expected(kind))),
    };
    let shape = match column.shape {
        Shape::Single => "",
        Shape::List => " Several are separated by `;`.",
        Shape::Parallel { .. } => {
            " One item for each entry of the list, separated by `;`, in the same order as the other cells of its group."
        }
    };
    let required = if column.required { " Required." } else { "" };
    format!("{what}{shape}{required}")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The drop-down list or number check of a column, over rows `first..=last`.
fn validate(
    sheet: &mut Worksheet,
    column: &Column,
    codes: &[(String, Vec<String>)],
    c: u16,
    first: u32,
    last: u32,
) -> Result<(), XlsxError> {
    if column.shape != Shape::Single {
        return Ok(());
    }
    let rule = match (column.kind, &column.codes) {
        (Kind::Code, Some(list)) => {
            let Some(index) = codes.iter().position(|(name, _)| *name == list.name) else {
                return Ok(());
            };
            let letters = letters(index);
            let formula = format!("={CODES}!${letters}$2:${letters}${}", list.codes.len() + 1);
            let style = if list.open {
                DataValidationErrorStyle::Information
            } else {
                DataValidationErrorStyle::Stop
            };
            DataValidation::new()
                .allow_list_formula(Formula::new(formula))
                .set_error_style(style)
        }
        (Kind::Integer, _) => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(-2_000_000_000, 2_000_000_000)),
        (Kind::Number, _) => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1.0e12, 1.0e12))
        }
        (Kind::Boolean, _) => DataValidation::new().allow_list_strings(&["TRUE", "FALSE"])?,
        _ => return Ok(()),
    };
    let mut message = how(column);
    if message.chars().count() > 250 {
        message = message.chars().take(250).collect();
    }
    let title: String = column.title.chars().take(32).collect();
    let rule = rule.set_input_title(title)?.set_input_message(message)?;
    sheet.add_data_validation(first, c, last, c, &rule)?;
    Ok(())
}

/// Column letters: 0 → `A`, 26 → `AA`.
fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The most columns a sheet may use; the widest sheet of the template has about a hundred.
const MAX_COLUMNS: u32 = 2_048;

/// The tables of an `.xlsx` file's bytes. The guide and the codes sheets are read too (and
/// ignored by the importer). Cells are read one at a time, never as a rectangle, so a sheet
/// with one cell in its far corner costs one cell, not seventeen billion.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Workbook, SheetError> {
    limits.check_zip(bytes)?;
    let not_a_workbook = |e: calamine::XlsxError| SheetError::NotASpreadsheet(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let names = book.sheet_names();
    if names.len() > limits.max_sheets {
        return Err(SheetError::TooLarge(format!(
            "{} sheets, more than the {} the importer reads",
            names.len(),
            limits.max_sheets
        )));
    }
    let mut tables = Vec::new();
    for name in names {
        let mut rows: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
        let mut reader = book.worksheet_cells_reader(&name).map_err(not_a_workbook)?;
        while let Some(found) = reader.next_cell().map_err(not_a_workbook)? {
            let (row, column) = found.get_position();
            if row as usize > limits.max_rows {
                return Err(SheetError::TooLarge(format!(
                    "the sheet `{name}` has more than {} rows",
                    limits.max_rows
                )));
            }
            if column >= MAX_COLUMNS {
                return Err(SheetError::TooLarge(format!(
                    "the sheet `{name}` uses more than {MAX_COLUMNS} columns"
                )));
            }
            let value = cell(found.get_value());
            if value != Cell::Empty {
                rows.entry(row).or_default().push((column, value));
            }
        }
        tables.push(table(name, rows));
    }
    Ok(Workbook { tables })
}

/// A sheet's cells as a table: its first used row is the header, and rows keep the numbers
/// the spreadsheet shows.
fn table(name: String, rows: BTreeMap<u32, Vec<(u32, Cell)>>) -> Table {
    let dense = |cells: Vec<(u32, Cell)>| {
        let width = cells
            .iter()
            .map(|(c, _)| *c as usize + 1)
            .max()
            .unwrap_or(0);
        let mut row = vec![Cell::Empty; width];
        for (column, value) in cells {
            row[column as usize] = value;
        }
        row
    };
    let mut rows = rows.into_iter();
    let header = rows
        .next()
        .map(|(_, cells)| {
            dense(cells)
                .iter()
                .map(|c| c.text().trim().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let rows = rows
        .map(|(number, cells)| Row {
            number: number.saturating_add(1),
            cells: dense(cells),
        })
        .filter(|row| row.cells.iter().any(|c| !c.is_empty()))
        .collect();
    Table { name, header, rows }
}

fn cell(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        #[allow(clippy::cast_precision_loss)]
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(n) => Cell::Number(*n),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => Cell::Date(d.as_f64()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_cell_at(row: u32, column: u16) -> Vec<u8> {
        let mut book = XlsxWorkbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Process").expect("writes");
        sheet.write_string(row, column, "x").expect("writes");
        book.save_to_buffer().expect("saves")
    }

    #[test]
    fn a_cell_in_the_far_corner_is_refused_without_filling_the_rectangle() {
        let limits = Limits::default();
        let far = read(&one_cell_at(1_048_575, 16_383), &limits).expect_err("refused");
        assert_eq!(far.code(), "PCDS-SHEET-010", "{far}");
        let wide = read(&one_cell_at(1, 16_000), &limits).expect_err("refused");
        assert_eq!(wide.code(), "PCDS-SHEET-010", "{wide}");
        let near = read(&one_cell_at(3, 4), &limits).expect("reads");
        let table = &near.tables[0];
        assert_eq!(table.header, vec!["Process".to_owned()]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(
            table.rows[0].number, 4,
            "rows keep their spreadsheet numbers"
        );
        assert_eq!(table.rows[0].cell(4), &Cell::Text("x".into()));
    }
}
