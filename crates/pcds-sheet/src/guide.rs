//! The "how to fill this in" sheet, and the same guide as the column reference: which column
//! holds which field of the standard.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::export::PACKAGE;
use crate::layout::{Column, Layout, OTHER_FIELDS, PROCESS, RELEASE};
use crate::xlsx::how;

/// The guide sheet's name.
pub const GUIDE: &str = "How to fill this in";

/// The guide's opening paragraphs.
pub const INTRODUCTION: &[&str] = &[
    "This workbook holds placement data in the Placement Contracting Data Standard (PCDS): one sheet for each kind of thing, one row for each thing. Fill in the sheets you have data for and leave the others empty.",
    "Package: who publishes the data and under which licence. Fill it in once.",
    "Every row starts with Process: your reference for the placement search, framework or contract the row is about. Type the whole ocid (ocds-abc123-2025-0001), or your own reference with the prefix given to the importer (pcds import --prefix ocds-abc123).",
    "Leave Release blank: the importer makes one release for each process from all of its rows. Parties and Settings rows with a blank Release belong to every release of their process.",
    "Rows of Price schedule, Block contracts, Fee changes, Outcomes and Payments also name the award or contract they belong to, in their third column.",
    "Never type a child's name, date of birth, address, NHS number or any other detail that could identify them, in any cell: children are described only by the coded columns of the Children sheet, and keyed by a reference that means nothing outside the council. The importer checks every text cell and reports personal data by its cell.",
    "Codes: pick from the drop-down list (the Codes sheet lists every code list). Several codes in one cell are separated by ;. Columns whose titles share a start, such as the additional services of a weekly price, list one item each, in the same order, separated by ;.",
    "Dates: type a date, or an exact date and time with its UTC offset, such as 2025-03-14T17:45:00Z. A date typed in a cell is read as UK local time.",
    "Other fields (JSON), the last column of every sheet, holds fields no column holds; leave it blank.",
    "Then run: pcds import this-workbook.xlsx --prefix ocds-abc123 --publisher \"Your council\" --output package.json. Every problem is reported at its sheet, row and column, e.g. Placements!F12.",
];

/// One line of the column reference: sheet, column title, field, how to fill it in, and what
/// it means.
fn lines(layout: &Layout) -> Vec<[String; 5]> {
    let mut lines = Vec::new();
    let key = |sheet: &str, title: &str, field: &str, how: &str, what: &str| {
        [sheet, title, field, how, what].map(str::to_owned)
    };
    for column in &layout.package {
        lines.push(line(PACKAGE, column));
    }
    for sheet in &layout.sheets {
        let name = sheet.name();
        lines.push(key(
            name,
            PROCESS,
            "ocid",
            "Text. Required.",
            "The process the row is about: its ocid, or your reference with --prefix.",
        ));
        lines.push(key(
            name,
            RELEASE,
            "id",
            "Text.",
            "The release the row belongs to; blank for one release per process.",
        ));
        for parent in sheet.spec.parent_keys {
            lines.push(key(
                name,
                parent,
                "(enclosing id)",
                "Text. Required.",
                "The id of the award or contract the row belongs to.",
            ));
        }
        for column in &sheet.columns {
            lines.push(line(name, column));
        }
        lines.push(key(
            name,
            OTHER_FIELDS,
            "(any)",
            "A JSON object.",
            "Fields no other column holds.",
        ));
    }
    lines
}

fn line(sheet: &str, column: &Column) -> [String; 5] {
    [
        sheet.to_owned(),
        column.title.clone(),
        column.field(),
        how(column),
        column.description.clone(),
    ]
}

/// The guide sheet.
pub(crate) fn write_sheet(
    layout: &Layout,
    sheet: &mut Worksheet,
    bold: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 36)?;
    sheet.set_column_width(2, 36)?;
    sheet.set_column_width(3, 40)?;
    sheet.set_column_width(4, 80)?;
    sheet.write_string_with_format(0, 0, "PCDS workbook: how to fill this in", bold)?;
    let mut row = 2;
    for paragraph in INTRODUCTION {
        sheet.merge_range(row, 0, row, 4, paragraph, wrap)?;
        #[allow(clippy::cast_precision_loss)]
        let lines = (paragraph.chars().count() as f64 / 200.0).ceil().max(1.0);
        sheet.set_row_height(row, 15.0 * lines + 3.0)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "Sheets", bold)?;
    row += 1;
    for spec in layout.sheets.iter().map(|s| s.spec) {
        sheet.write_string(row, 0, spec.name)?;
        let text = format!("One row is {}.", spec.row);
        sheet.merge_range(row, 1, row, 4, &text, wrap)?;
        #[allow(clippy::cast_precision_loss)]
        let lines = (text.chars().count() as f64 / 180.0).ceil().max(1.0);
        sheet.set_row_height(row, 15.0 * lines)?;
        row += 1;
    }
    row += 1;
    for (c, title) in [
        "Sheet",
        "Column",
        "Field",
        "How to fill it in",
        "What it holds",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(row, u16::try_from(c).unwrap_or(0), *title, bold)?;
    }
    row += 1;
    let widths = [22.0, 36.0, 36.0, 40.0, 80.0];
    for line in lines(layout) {
        let mut tallest = 1.0_f64;
        for (c, text) in line.iter().enumerate() {
            sheet.write_string_with_format(row, u16::try_from(c).unwrap_or(0), text, wrap)?;
            #[allow(clippy::cast_precision_loss)]
            let lines = (text.chars().count() as f64 / widths[c]).ceil();
            tallest = tallest.max(lines);
        }
        sheet.set_row_height(row, 15.0 * tallest)?;
        row += 1;
    }
    Ok(())
}

/// The column reference as CSV: one line per column of every sheet.
#[must_use]
pub fn columns_csv(layout: &Layout) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(["sheet", "column", "field", "how", "description"]);
    for line in lines(layout) {
        let _ = writer.write_record(&line);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The column reference as a Markdown page of the documentation.
#[must_use]
pub fn markdown(layout: &Layout) -> String {
    let mut page = String::from(
        "<!-- Generated by `pcds schema` from the types: do not edit. -->\n\n# Spreadsheet template\n\n",
    );
    page.push_str("The template (`spec/template/pcds-template.xlsx`, and the same sheets as CSV files beside it) is generated from the release schema. This page says which column of which sheet holds which field of the standard. `pcds import` reads a filled-in copy; `pcds export-sheet` writes any dataset as the same workbook.\n\n");
    for paragraph in INTRODUCTION {
        page.push_str(&format!("- {}\n", paragraph.replace('|', "\\|")));
    }
    let mut current = "";
    for [sheet, title, field, how, what] in lines(layout) {
        if sheet != current {
            let row = layout
                .sheet(&sheet)
                .map(|s| format!("One row is {}.\n\n", s.spec.row))
                .unwrap_or_else(|| {
                    "The package's own fields, one a row: the field's title in column A, its value in column B.\n\n".to_owned()
                });
            page.push_str(&format!(
                "\n## {sheet}\n\n{row}| Column | Field | How to fill it in | What it holds |\n|---|---|---|---|\n"
            ));
            current = layout.sheet(&sheet).map_or(PACKAGE, |s| s.name());
        }
        let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
        page.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            cell(&title),
            cell(&field),
            cell(&how),
            cell(&what)
        ));
    }
    page.push_str("\n## Import rules\n\nWhat can be wrong with a workbook before its data is PCDS. Every other finding is a rule of the validator ([rules](rules.md)), reported at the cell its value came from.\n\n| Code | Rule | What it means | How to fix it |\n|---|---|---|---|\n");
    for rule in crate::rules::ALL {
        page.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.code,
            rule.title,
            rule.description.replace('|', "\\|"),
            rule.hint.replace('|', "\\|")
        ));
    }
    page
}
