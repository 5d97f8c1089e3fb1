//! The spreadsheet importer's rules (`pcds import`, in the `pcds-sheet` crate): what can be
//! wrong with a workbook before its data is PCDS at all. Everything after that (a blank
//! required cell, a code not in its codelist, a price that does not add up) is a rule of the
//! validator, reported at the cell it came from. They are kept apart from [`super::ALL`],
//! which lists what the validator itself reports, and found by [`super::find`] all the same.

use super::{Layer, Rule};
use crate::finding::Severity;

macro_rules! rules {
    ($( $name:ident = $code:literal, $title:literal, $description:literal, $hint:literal; )+) => {
        $(
            #[doc = concat!("`", $code, "`: ", $title, ".")]
            pub const $name: Rule = Rule {
                code: $code,
                severity: Severity::Error,
                layer: Layer::Spreadsheet,
                title: $title,
                description: $description,
                hint: $hint,
                example: &[],
                raw_example: "",
            };
        )+

        /// Every rule of the importer, in catalogue order.
        pub const ALL: &[Rule] = &[$( $name ),+];
    };
}

rules! {
    NOT_A_SPREADSHEET = "PCDS-SHEET-001", "Not a spreadsheet",
        "The input is not an Excel workbook (`.xlsx`), a CSV file or a directory of CSV files: for example a JSON file, an old binary `.xls` workbook, or a damaged download. Nothing in it was imported.",
        "Save the workbook as Excel Workbook (.xlsx), or each sheet as CSV UTF-8";
    UNKNOWN_SHEET = "PCDS-SHEET-002", "Unknown sheet",
        "A sheet's name is not one of the template's sheets, so its rows were not imported.",
        "Rename the sheet to one of the template's, or move its rows to the right sheet";
    UNKNOWN_COLUMN = "PCDS-SHEET-003", "Unknown column",
        "A column's title is not one of its sheet's columns, so its cells were not imported.",
        "Use the column titles of the template; a field the standard does not define goes in `Other fields (JSON)`";
    WRONG_TYPE = "PCDS-SHEET-004", "Wrong type of value",
        "A cell does not hold the kind of value its column does: text in a column of numbers, a number in a column of TRUE or FALSE, or a formula that gives an error.",
        "Type the value as the column's description says: numbers without units, dates as dates, TRUE or FALSE";
    MISALIGNED_LIST = "PCDS-SHEET-005", "Lists do not line up",
        "The cells of a group of `;`-separated lists (the services, prices and bases of one placement, say) hold different numbers of items, so which price goes with which service is unknown.",
        "Give every cell of the group the same number of `;`-separated items, leaving an item blank where it has no value";
    DUPLICATE_ROW = "PCDS-SHEET-006", "Duplicated row",
        "Two rows of a sheet describe the same thing: the same process, release, enclosing thing and id (or, for one thing per parent, the same parent). The second was not imported.",
        "Delete the repeated row, or give the thing a new id";
    MISSING_KEY = "PCDS-SHEET-007", "Row without its process",
        "A row's `Process` cell is blank, or is not an ocid and no `--prefix` was given to make one, so the row belongs to no process.",
        "Fill in the process: the ocid, or the council's own reference with `--prefix` given";
    NO_PARENT = "PCDS-SHEET-008", "Row of a missing thing",
        "A row names an enclosing thing (a contract, an award) that no row of the enclosing sheet holds in the same release, so the row has nowhere to go.",
        "Add the enclosing thing's row, or correct the id in the row's key column";
    BAD_OTHER_FIELDS = "PCDS-SHEET-009", "Other fields that do not fit",
        "A row's `Other fields (JSON)` cell is not a JSON object, or gives a field that one of the row's columns also gives.",
        "Write the cell as a JSON object of fields no column holds, e.g. `{\"note\": \"…\"}`";
    TOO_LARGE = "PCDS-SHEET-010", "Spreadsheet too large",
        "The input is larger than the importer reads: its file size, its size unpacked, its number of sheets or its number of rows passes a limit. Nothing past the limit was imported.",
        "Split the data into several workbooks, one per period or per team";
    MISSING_KEY_COLUMN = "PCDS-SHEET-011", "Sheet without its key columns",
        "A sheet with rows has no `Process` column, or no column for the enclosing thing its rows belong to, so none of its rows can be placed.",
        "Keep the template's first columns: `Process`, `Release` and the sheet's key columns";
}
