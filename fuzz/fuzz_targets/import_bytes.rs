//! Any bytes as a spreadsheet for `pcds import`: as an `.xlsx` workbook and as a CSV file, the
//! reader must answer with tables or a coded refusal, and the importer with a package and its
//! findings, never a panic.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pcds_sheet::{ImportOptions, Layout, Limits};

fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(Layout::new)
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_bytes: 1 << 20,
        max_unpacked: 16 << 20,
        max_sheets: 32,
        max_rows: 2_000,
    };
    for csv in [false, true] {
        match pcds_sheet::read_bytes("Placements", data, csv, &limits) {
            Ok(workbook) => {
                let imported = pcds_sheet::import(layout(), &workbook, &ImportOptions::default());
                assert!(imported.package.get("releases").is_some_and(|r| r.is_array()));
            }
            Err(error) => assert!(error.code().starts_with("PCDS-")),
        }
    }
});
