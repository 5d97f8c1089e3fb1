//! The bounds on what the importer reads, so that no workbook exhausts a machine: a file's
//! size, its size unpacked (a small `.xlsx` can unpack to gigabytes), its sheets and rows.

use std::io::{Cursor, Read};

use crate::SheetError;

/// The bounds on one import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes (a workbook, or each CSV file).
    pub max_bytes: u64,
    /// The most a workbook may unpack to, in bytes.
    pub max_unpacked: u64,
    /// The most sheets (or CSV files).
    pub max_sheets: usize,
    /// The most rows in one sheet.
    pub max_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_unpacked: 512 * 1024 * 1024,
            max_sheets: 64,
            max_rows: 200_000,
        }
    }
}

impl Limits {
    /// Checks a workbook's size and the sizes its zip directory declares, before anything is
    /// unpacked.
    pub fn check_zip(&self, bytes: &[u8]) -> Result<(), SheetError> {
        self.check_size(bytes.len() as u64)?;
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| SheetError::NotASpreadsheet(format!("not a zip archive: {e}")))?;
        if archive.len() > 10_000 {
            return Err(SheetError::TooLarge(format!(
                "{} parts, more than a workbook has",
                archive.len()
            )));
        }
        let mut unpacked: u64 = 0;
        for i in 0..archive.len() {
            // Count what each part really unpacks to, not what its header claims: a lying
            // header must not let a small file unpack without end.
            let entry = archive
                .by_index(i)
                .map_err(|e| SheetError::NotASpreadsheet(e.to_string()))?;
            let allowance = self.max_unpacked.saturating_sub(unpacked).saturating_add(1);
            let read = std::io::copy(&mut entry.take(allowance), &mut std::io::sink())
                .map_err(|e| SheetError::NotASpreadsheet(format!("a damaged part: {e}")))?;
            unpacked = unpacked.saturating_add(read);
            if unpacked > self.max_unpacked {
                return Err(SheetError::TooLarge(format!(
                    "it unpacks to more than the {} bytes the importer reads",
                    self.max_unpacked
                )));
            }
        }
        Ok(())
    }

    /// Checks one file's size.
    pub fn check_size(&self, bytes: u64) -> Result<(), SheetError> {
        if bytes > self.max_bytes {
            return Err(SheetError::TooLarge(format!(
                "{bytes} bytes, more than the {} the importer reads",
                self.max_bytes
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Vec<u8> {
        crate::template(&crate::Layout::new()).expect("generates")[0]
            .1
            .clone()
    }

    #[test]
    fn a_workbook_that_unpacks_past_the_bound_is_refused_before_it_is_read() {
        let bytes = template();
        let tight = Limits {
            max_unpacked: 10_000,
            ..Limits::default()
        };
        let refused = crate::read_bytes("t", &bytes, false, &tight).expect_err("refused");
        assert_eq!(refused.code(), "PCDS-SHEET-010", "{refused}");
        assert!(crate::read_bytes("t", &bytes, false, &Limits::default()).is_ok());
    }

    #[test]
    fn sheets_and_rows_past_their_bounds_are_refused() {
        let bytes = template();
        let few_sheets = Limits {
            max_sheets: 3,
            ..Limits::default()
        };
        let refused = crate::read_bytes("t", &bytes, false, &few_sheets).expect_err("refused");
        assert_eq!(refused.code(), "PCDS-SHEET-010");
        let few_rows = Limits {
            max_rows: 2,
            ..Limits::default()
        };
        let csv = b"Process,Release\na,1\nb,2\nc,3\nd,4\n";
        let refused = crate::read_bytes("Releases", csv, true, &few_rows).expect_err("refused");
        assert_eq!(refused.code(), "PCDS-SHEET-010", "{refused}");
        let big = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let refused = crate::read_bytes("Releases", csv, true, &big).expect_err("refused");
        assert_eq!(refused.code(), "PCDS-SHEET-010");
    }

    #[test]
    fn malformed_csv_is_not_a_spreadsheet() {
        let limits = Limits::default();
        let unterminated = b"Process,Release\n\"ocds-abc123-1,1\n";
        // An unterminated quote runs to the end of the file: one field, not an error, in
        // RFC 4180 readers; what must not happen is a panic or a silent row.
        let table = crate::read_bytes("Releases", unterminated, true, &limits).expect("reads");
        assert_eq!(table.tables[0].rows.len(), 1);
        let nul = b"Process,Release\n\0\0\0\n";
        let refused = crate::read_bytes("Releases", nul, true, &limits).expect_err("refused");
        assert_eq!(refused.code(), "PCDS-SHEET-001");
    }
}
