//! From a finding about the built package back to the cell a person fixes.
//!
//! Every thing the importer builds remembers its row ([`Origin`]): the sheet, the row number,
//! and which column holds which field ([`Place`]). A finding's JSON pointer is matched to the
//! deepest thing that holds it, and the rest of the pointer to the column of that field.

use std::collections::BTreeMap;
use std::rc::Rc;

use pcds_validator::{CellRef, Finding};

use crate::layout::{OTHER_FIELDS, PROCESS};

/// Where one field of a row sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The field's path from the row's thing (empty for a key column).
    pub path: Vec<String>,
    /// The column's title.
    pub title: String,
    /// The 0-based column index in the file.
    pub column: usize,
    /// The row, when the field has a row of its own (the `Package` sheet lists fields down).
    pub row: Option<u32>,
}

impl Place {
    /// A field in a column of the row.
    #[must_use]
    pub fn at_column(path: Vec<String>, title: &str, column: usize) -> Place {
        Place {
            path,
            title: title.to_owned(),
            column,
            row: None,
        }
    }

    /// A field on a row of its own, its value in the second column.
    #[must_use]
    pub fn at_row(path: Vec<String>, title: &str, row: u32) -> Place {
        Place {
            path,
            title: title.to_owned(),
            column: 1,
            row: Some(row),
        }
    }
}

/// The row a thing of the package came from.
#[derive(Debug, Clone)]
pub struct Origin {
    pointer: String,
    sheet: Rc<str>,
    row: u32,
    places: Rc<Vec<Place>>,
}

impl Origin {
    /// A row of a sheet, whose thing is at `pointer` in the package.
    #[must_use]
    pub fn new(pointer: &str, sheet: &str, row: u32, places: Rc<Vec<Place>>) -> Origin {
        Origin {
            pointer: pointer.to_owned(),
            sheet: Rc::from(sheet),
            row,
            places,
        }
    }

    /// The same row, for its thing placed at `pointer`.
    #[must_use]
    pub fn at(&self, pointer: String) -> Origin {
        Origin {
            pointer,
            ..self.clone()
        }
    }

    fn cell(&self, place: &Place) -> CellRef {
        CellRef::new(
            &*self.sheet,
            place.row.unwrap_or(self.row),
            place.column,
            &place.title,
        )
    }

    /// The finding at the cell of the field at `path` (a path from the row's thing).
    #[must_use]
    pub fn finding_at_path(&self, finding: Finding, path: &[String]) -> Finding {
        let place = self.best(path);
        match place {
            Some(place) => finding.in_cell(self.cell(place)),
            None => finding,
        }
    }

    /// The finding at the row's cell in the column titled `title`.
    #[must_use]
    pub fn finding_at_title(&self, finding: Finding, title: &str) -> Finding {
        match self.places.iter().find(|p| p.title == title) {
            Some(place) => finding.in_cell(self.cell(place)),
            None => self.finding_at_process(finding),
        }
    }

    /// The finding at the row's `Process` cell, for a finding about the whole row.
    #[must_use]
    pub fn finding_at_process(&self, finding: Finding) -> Finding {
        self.finding_at_title_or_first(finding, PROCESS)
    }

    fn finding_at_title_or_first(&self, finding: Finding, title: &str) -> Finding {
        let place = self
            .places
            .iter()
            .find(|p| p.title == title)
            .or_else(|| self.places.first());
        match place {
            Some(place) => finding.in_cell(self.cell(place)),
            None => finding,
        }
    }

    /// The place of the field at `path`: the column of the field or of the field that holds
    /// it, else the first column of a field inside it, else the other-fields cell, else the
    /// row's `Process` cell.
    fn best(&self, path: &[String]) -> Option<&Place> {
        let holding = self
            .places
            .iter()
            .filter(|p| !p.path.is_empty() && path.starts_with(&p.path))
            .max_by_key(|p| p.path.len());
        let inside = || {
            self.places
                .iter()
                .find(|p| !path.is_empty() && p.path.starts_with(path))
        };
        let other = || {
            self.places
                .iter()
                .find(|p| !path.is_empty() && p.title == OTHER_FIELDS)
        };
        let process = || self.places.iter().find(|p| p.title == PROCESS);
        holding
            .or_else(inside)
            .or_else(other)
            .or_else(process)
            .or_else(|| self.places.first())
    }
}

/// Every row the package came from, by the pointer of its thing.
#[derive(Debug, Default)]
pub struct Origins {
    by_pointer: BTreeMap<String, Origin>,
    first_of_release: BTreeMap<usize, String>,
}

impl Origins {
    /// Remembers a row.
    pub fn add(&mut self, origin: Origin) {
        if let Some(release) = release_of(&origin.pointer) {
            self.first_of_release
                .entry(release)
                .or_insert_with(|| origin.pointer.clone());
        }
        self.by_pointer.insert(origin.pointer.clone(), origin);
    }

    /// The finding at the cell its pointer came from; unchanged when no row holds it.
    #[must_use]
    pub fn locate(&self, finding: Finding) -> Finding {
        let pointer = finding.pointer.clone();
        let mut candidate = pointer.as_str();
        let origin = loop {
            if let Some(origin) = self.by_pointer.get(candidate) {
                break Some(origin);
            }
            if candidate.is_empty() {
                break None;
            }
            // A release with no row of its own: the first row that built it.
            if let Some(release) = release_of(candidate).filter(|_| depth(candidate) == 2) {
                break self
                    .first_of_release
                    .get(&release)
                    .and_then(|p| self.by_pointer.get(p));
            }
            candidate = candidate.rsplit_once('/').map_or("", |(head, _)| head);
        };
        let Some(origin) = origin else {
            return finding;
        };
        let mut path: Vec<String> = if pointer.starts_with(&origin.pointer) {
            pointer[origin.pointer.len()..]
                .split('/')
                .filter(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
                .map(|s| s.replace("~1", "/").replace("~0", "~"))
                .collect()
        } else {
            Vec::new()
        };
        if finding.code == pcds_validator::rules::SCHEMA_REQUIRED.code
            && let Some(name) = finding.message.split('`').nth(1)
        {
            path.push(name.to_owned());
        }
        origin.finding_at_path(finding, &path)
    }
}

/// The index of the release a pointer is in.
fn release_of(pointer: &str) -> Option<usize> {
    pointer
        .strip_prefix("/releases/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

fn depth(pointer: &str) -> usize {
    pointer.matches('/').count()
}

/// A finding at a cell given by hand: a header or a key the importer checks itself.
#[must_use]
pub fn at_cell(finding: Finding, sheet: &str, row: u32, column: usize, title: &str) -> Finding {
    finding.in_cell(CellRef::new(sheet, row, column, title))
}
