//! `pcds import` and `pcds export-sheet`, run as a user runs them: the template filled in and
//! imported, an error planted in each of ten kinds of cell and each reported at its cell in
//! every format, a generated dataset through a workbook and back, and inputs that are not
//! spreadsheets refused with a coded finding.

use std::path::{Path, PathBuf};

use pcds_sheet::{Cell, Layout, Workbook};
use serde_json::{Map, Value};

use super::{pcds, repo_root, scratch};

mod import;
mod libreoffice;
mod refusals;
mod round_trip;

pub fn example(name: &str) -> (Map<String, Value>, Vec<Value>) {
    let text = std::fs::read_to_string(repo_root().join("examples").join(name)).expect("reads");
    let mut package: Map<String, Value> = serde_json::from_str(&text).expect("JSON");
    let releases = package
        .remove("releases")
        .and_then(|r| r.as_array().cloned())
        .expect("releases");
    (package, releases)
}

/// Sets a cell of a table by its row number and column title, adding the column when the
/// table has none of that title.
pub fn set(workbook: &mut Workbook, sheet: &str, row: u32, title: &str, cell: Cell) {
    let table = workbook
        .tables
        .iter_mut()
        .find(|t| t.name == sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let column = match table.header.iter().position(|h| h == title) {
        Some(column) => column,
        None => {
            table.header.push(title.to_owned());
            table.header.len() - 1
        }
    };
    let row = table
        .rows
        .iter_mut()
        .find(|r| r.number == row)
        .unwrap_or_else(|| panic!("no row {row} on {sheet}"));
    if row.cells.len() <= column {
        row.cells.resize(column + 1, Cell::Empty);
    }
    row.cells[column] = cell;
}

/// The title of the column holding a field on a sheet.
pub fn title(layout: &Layout, sheet: &str, field: &str) -> String {
    layout
        .sheet(sheet)
        .and_then(|s| s.columns.iter().find(|c| c.field() == field))
        .unwrap_or_else(|| panic!("no column for {field} on {sheet}"))
        .title
        .clone()
}

/// The spreadsheet letters of the column titled `title` on a sheet of a workbook.
pub fn letters(workbook: &Workbook, sheet: &str, title: &str) -> String {
    let table = workbook.table(sheet).expect("the sheet");
    let mut n = table
        .header
        .iter()
        .position(|h| h == title)
        .expect("the column")
        + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(char::from(
            b'A' + u8::try_from((n - 1) % 26).expect("small"),
        ));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Writes an example as a workbook at `path`, and returns its metadata and releases.
pub fn example_workbook(name: &str, path: &Path) -> (Map<String, Value>, Vec<Value>) {
    let layout = Layout::new();
    let (metadata, releases) = example(name);
    write_xlsx(
        &layout,
        &pcds_sheet::export::workbook(&layout, &metadata, &releases),
        path,
    );
    (metadata, releases)
}

pub fn write_xlsx(layout: &Layout, workbook: &Workbook, path: &Path) {
    let bytes = pcds_sheet::to_xlsx(layout, workbook).expect("writes");
    std::fs::write(path, bytes).expect("writes the workbook");
}

/// A workbook of a real placement with an error planted in each of ten kinds of cell, and the
/// code and cell reference each must be reported at.
pub fn planted(dir: &Path) -> (PathBuf, Vec<(String, String)>) {
    let layout = Layout::new();
    let (metadata, releases) = example("placement-disruption-early-ending.json");
    let mut book = pcds_sheet::export::workbook(&layout, &metadata, &releases);
    let mut expected = Vec::new();
    let plant = |book: &mut Workbook,
                 expected: &mut Vec<(String, String)>,
                 sheet: &str,
                 row: u32,
                 column: &str,
                 cell: Cell,
                 code: &str| {
        set(book, sheet, row, column, cell);
        let quoted = if sheet.contains(' ') {
            format!("'{sheet}'")
        } else {
            sheet.to_owned()
        };
        expected.push((
            code.to_owned(),
            format!("{quoted}!{}{row}", letters(book, sheet, column)),
        ));
    };
    // 1. Text in a column of whole numbers.
    let duration = title(&layout, "Referrals", "referral/expectedDurationInDays");
    plant(
        &mut book,
        &mut expected,
        "Referrals",
        2,
        &duration,
        Cell::Text("a year".into()),
        "PCDS-SHEET-004",
    );
    // 2. A code not in its codelist.
    let age = title(&layout, "Children", "ageBand");
    plant(
        &mut book,
        &mut expected,
        "Children",
        2,
        &age,
        Cell::Text("10to16".into()),
        "PCDS-CODE-001",
    );
    // 3. A blank required cell.
    plant(
        &mut book,
        &mut expected,
        "Payments",
        2,
        "ID",
        Cell::Empty,
        "PCDS-SCHEMA-001",
    );
    // 4. A column the sheet does not have: reported at its title, in the header row.
    set(
        &mut book,
        "Placements",
        2,
        "Notes",
        Cell::Text("call back".into()),
    );
    expected.push((
        "PCDS-SHEET-003".into(),
        format!("Placements!{}1", letters(&book, "Placements", "Notes")),
    ));
    // 5. A duplicated row.
    let contacts = book
        .tables
        .iter_mut()
        .find(|t| t.name == "Providers contacted")
        .expect("sheet");
    let mut copy = contacts.rows[0].clone();
    copy.number = contacts.rows.last().expect("rows").number + 1;
    let duplicate_row = copy.number;
    contacts.rows.push(copy.clone());
    expected.push((
        "PCDS-SHEET-006".into(),
        format!("'Providers contacted'!A{duplicate_row}"),
    ));
    // 6. A row without its process.
    let mut orphan = copy;
    orphan.number += 1;
    let no_process_row = orphan.number;
    contacts.rows.push(orphan);
    plant(
        &mut book,
        &mut expected,
        "Providers contacted",
        no_process_row,
        "Process",
        Cell::Empty,
        "PCDS-SHEET-007",
    );
    let id = title(&layout, "Providers contacted", "id");
    set(
        &mut book,
        "Providers contacted",
        no_process_row,
        &id,
        Cell::Text("contact-09".into()),
    );
    // 7. A row of a contract no row holds.
    let payments = book
        .tables
        .iter_mut()
        .find(|t| t.name == "Payments")
        .expect("sheet");
    let mut stray = payments.rows.last().expect("rows").clone();
    stray.number += 1;
    let stray_row = stray.number;
    payments.rows.push(stray);
    set(
        &mut book,
        "Payments",
        stray_row,
        "ID",
        Cell::Text("invoice-99".into()),
    );
    plant(
        &mut book,
        &mut expected,
        "Payments",
        stray_row,
        "Contract ID",
        Cell::Text("ipa-9".into()),
        "PCDS-SHEET-008",
    );
    // 8. Lists of a group that do not line up.
    let tenderer_names = title(&layout, "Referrals", "tenderers[]/name");
    plant(
        &mut book,
        &mut expected,
        "Referrals",
        2,
        &tenderer_names,
        Cell::Text("Wrenfield Care Ltd".into()),
        "PCDS-SHEET-005",
    );
    // 9. Other fields that are not JSON.
    plant(
        &mut book,
        &mut expected,
        "Releases",
        2,
        pcds_sheet::OTHER_FIELDS,
        Cell::Text("{not json".into()),
        "PCDS-SHEET-009",
    );
    // 10. A child's name in a text cell.
    let description = title(&layout, "Placements", "description");
    plant(
        &mut book,
        &mut expected,
        "Placements",
        2,
        &description,
        Cell::Text("Placement for Jamie Smith, who is settling in".into()),
        "PCDS-PRIV-007",
    );
    let path = dir.join("planted.xlsx");
    write_xlsx(&layout, &book, &path);
    (path, expected)
}

pub fn normalise(value: &Value) -> Value {
    match value {
        Value::Number(n) => serde_json::Number::from_f64(n.as_f64().unwrap_or_default())
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalise(v))).collect())
        }
        other => other.clone(),
    }
}

/// Runs `pcds` with `args`, asserts it exits 0 (showing its output when not), and returns
/// its standard output.
pub fn succeeds(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let output = pcds().args(args).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "pcds {args:?}:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Imports `input` to `out`, asserting it succeeds, and returns the package written.
pub fn import_ok(input: &Path, out: &Path) -> Value {
    succeeds(&[
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    serde_json::from_slice(&std::fs::read(out).expect("written")).expect("JSON")
}

/// Imports `input` with a JSON report, and returns the exit code and the report.
pub fn import_report(input: &Path, dir: &Path) -> (Option<i32>, Value) {
    let output = pcds()
        .arg("import")
        .arg(input)
        .args(["--format", "json", "-o"])
        .arg(dir.join("out.json"))
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&output.stdout).expect("a JSON report");
    (output.status.code(), report)
}
