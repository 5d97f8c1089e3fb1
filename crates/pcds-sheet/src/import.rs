//! Rows into releases: the importer builds a release package from a workbook's tables and
//! remembers which cell every value came from, so that every finding about the package can
//! name the sheet, row and column to fix.
//!
//! Rows join releases by their `Process` and `Release` cells. Rows with the same process and a
//! blank release make one release that tells the process as it stands (as every example
//! does): it is tagged with the stages its rows reach, dated with the package unless the
//! `Releases` sheet says otherwise, and named after its content (the ocid and the start of a
//! SHA-256 digest), so a changed row gives a new release id and an unchanged one keeps it.
//! A party or setting row with a blank release belongs to every release of its process.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use pcds_validator::Finding;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::export::PACKAGE;
use crate::layout::{Layout, OTHER_FIELDS, PROCESS, RELEASE, Sheet};
use crate::locate::{Origin, Origins, Place};
use crate::nest::{insert, order};
use crate::row::{Problem, decode, lookup, set};
use crate::rules;
use crate::table::{Cell, Row, Table, Workbook};

/// What the importer is told beside the workbook.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The publisher's ocid prefix (`ocds-abc123`), put before a `Process` cell that is not a
    /// whole ocid.
    pub prefix: Option<String>,
    /// The publisher's name, which wins over the `Package` sheet's.
    pub publisher: Option<String>,
    /// The package's published date, which wins over the `Package` sheet's.
    pub published: Option<String>,
    /// The published date when neither `published` nor the `Package` sheet gives one: the
    /// caller's current time, say.
    pub default_published: Option<String>,
}

/// The release package built from a workbook, and how to point back at its cells.
#[derive(Debug)]
pub struct Imported {
    /// The release package.
    pub package: Value,
    /// Where each part of the package came from.
    pub origins: Origins,
    /// What was wrong with the workbook itself, each at its cell.
    pub findings: Vec<Finding>,
}

/// Builds a release package from a workbook.
#[must_use]
pub fn import(layout: &Layout, workbook: &Workbook, options: &ImportOptions) -> Imported {
    let mut builder = Builder::default();
    let package = builder.package(layout, workbook.table(PACKAGE), options);
    for table in &workbook.tables {
        let known = table.name.eq_ignore_ascii_case(PACKAGE)
            || layout.sheet(&table.name).is_some()
            || crate::xlsx::AUXILIARY
                .iter()
                .any(|a| a.eq_ignore_ascii_case(table.name.trim()));
        if !known && !table.rows.is_empty() {
            let near =
                pcds_validator::suggest_nearest(&table.name, layout.sheets.iter().map(Sheet::name));
            let finding = Finding::new(
                &rules::UNKNOWN_SHEET,
                "",
                format!(
                    "the sheet `{}` is not one of the template's; its {} row(s) were not imported",
                    table.name,
                    table.rows.len()
                ),
            );
            builder.findings.push(match near {
                Some(near) => finding.with_hint(format!("did you mean `{near}`?")),
                None => finding,
            });
        }
    }
    for sheet in &layout.sheets {
        if let Some(table) = workbook.table(sheet.name()) {
            builder.sheet(sheet, table, options);
        }
    }
    builder.process_wide(layout);
    let releases = builder.finish(&package);
    let mut package = package;
    package.insert("releases".into(), Value::Array(releases));
    Imported {
        package: Value::Object(package),
        origins: builder.origins,
        findings: builder.findings,
    }
}

/// A row of a sheet, read: which release and parents it names and the thing it describes.
struct Read {
    ocid: String,
    release: String,
    parents: Vec<String>,
    thing: Map<String, Value>,
    origin: Origin,
}

#[derive(Default)]
struct Builder {
    releases: Vec<Map<String, Value>>,
    index: HashMap<(String, String), usize>,
    /// Whether a release's own fields came from a `Releases` row.
    described: Vec<bool>,
    stages: Vec<Vec<&'static str>>,
    /// Party and setting rows with a blank release, kept until every release is known.
    wide: Vec<(&'static str, Read)>,
    seen: BTreeSet<(usize, String, Vec<String>, String)>,
    origins: Origins,
    findings: Vec<Finding>,
}

impl Builder {
    fn package(
        &mut self,
        layout: &Layout,
        table: Option<&Table>,
        options: &ImportOptions,
    ) -> Map<String, Value> {
        let mut cells: HashMap<usize, Cell> = HashMap::new();
        let mut other = Cell::Empty;
        let mut places = Vec::new();
        if let Some(table) = table {
            for row in &table.rows {
                let title = row.cell(0).text();
                let title = title.trim();
                let value = row.cell(1).clone();
                if title.eq_ignore_ascii_case(OTHER_FIELDS) {
                    other = value;
                    places.push(Place::at_row(Vec::new(), OTHER_FIELDS, row.number));
                    continue;
                }
                match layout
                    .package
                    .iter()
                    .position(|c| c.title.eq_ignore_ascii_case(title))
                {
                    Some(i) => {
                        places.push(Place::at_row(
                            layout.package[i].path.clone(),
                            title,
                            row.number,
                        ));
                        cells.insert(i, value);
                    }
                    None if title.is_empty() && value.is_empty() => {}
                    None => {
                        let finding = Finding::new(
                            &rules::UNKNOWN_COLUMN,
                            "",
                            format!(
                                "`{title}` is not a field of the package; its value was not imported"
                            ),
                        );
                        self.findings.push(crate::locate::at_cell(
                            finding, PACKAGE, row.number, 0, "Field",
                        ));
                    }
                }
            }
        }
        let origin = Origin::new("", PACKAGE, 2, Rc::new(places));
        let empty = Cell::Empty;
        let (mut package, problems) =
            decode(&layout.package, |i| cells.get(&i).unwrap_or(&empty), &other);
        for problem in problems {
            self.problem(&problem, &layout.package, &origin);
        }
        self.origins.add(origin);
        if let Some(name) = &options.publisher {
            set(
                &mut package,
                &["publisher".into(), "name".into()],
                Value::String(name.clone()),
            );
        }
        if let Some(published) = &options.published {
            package.insert("publishedDate".into(), Value::String(published.clone()));
        }
        if let Some(published) = &options.default_published {
            package
                .entry("publishedDate")
                .or_insert_with(|| Value::String(published.clone()));
        }
        package
            .entry("version")
            .or_insert_with(|| Value::String("1.1".into()));
        package
            .entry("pcdsVersion")
            .or_insert_with(|| Value::String(pcds::PCDS_VERSION.into()));
        package
    }

    fn sheet(&mut self, sheet: &Sheet, table: &Table, options: &ImportOptions) {
        let header: Vec<String> = table.header.iter().map(|t| t.trim().to_owned()).collect();
        let find = |title: &str| header.iter().position(|h| h.eq_ignore_ascii_case(title));
        let process = find(PROCESS);
        let release = find(RELEASE);
        let parents: Vec<Option<usize>> = sheet.spec.parent_keys.iter().map(|k| find(k)).collect();
        let columns: Vec<Option<usize>> = sheet.columns.iter().map(|c| find(&c.title)).collect();
        let other = find(OTHER_FIELDS);
        let expected = sheet.header();
        for (i, title) in header.iter().enumerate() {
            if title.is_empty() || expected.iter().any(|e| e.eq_ignore_ascii_case(title)) {
                continue;
            }
            let filled = table.rows.iter().filter(|r| !r.cell(i).is_empty()).count();
            let near = pcds_validator::suggest_nearest(title, expected.iter().map(String::as_str));
            let finding = Finding::new(
                &rules::UNKNOWN_COLUMN,
                "",
                format!(
                    "`{title}` is not a column of this sheet; its {filled} filled cell(s) were not imported"
                ),
            );
            let finding = match near {
                Some(near) => finding.with_hint(format!("did you mean `{near}`?")),
                None => finding.with_hint(rules::UNKNOWN_COLUMN.hint),
            };
            self.findings
                .push(crate::locate::at_cell(finding, sheet.name(), 1, i, title));
        }
        let Some(process) = process.filter(|_| parents.iter().all(Option::is_some)) else {
            if !table.rows.is_empty() {
                let missing: Vec<&str> = std::iter::once(PROCESS)
                    .filter(|_| process.is_none())
                    .chain(
                        sheet
                            .spec
                            .parent_keys
                            .iter()
                            .zip(&parents)
                            .filter(|(_, p)| p.is_none())
                            .map(|(k, _)| *k),
                    )
                    .collect();
                let finding = Finding::new(
                    &rules::MISSING_KEY_COLUMN,
                    "",
                    format!(
                        "the sheet has no `{}` column, so none of its {} row(s) were imported",
                        missing.join("`, `"),
                        table.rows.len()
                    ),
                );
                self.findings
                    .push(crate::locate::at_cell(finding, sheet.name(), 1, 0, PROCESS));
            }
            return;
        };
        let mut places: Vec<Place> = sheet
            .columns
            .iter()
            .zip(&columns)
            .filter_map(|(c, i)| i.map(|i| Place::at_column(c.path.clone(), &c.title, i)))
            .collect();
        places.push(Place::at_column(Vec::new(), PROCESS, process));
        for (key, column) in sheet.spec.parent_keys.iter().zip(&parents) {
            if let Some(column) = column {
                places.push(Place::at_column(Vec::new(), key, *column));
            }
        }
        if let Some(other) = other {
            places.push(Place::at_column(
                vec![OTHER_FIELDS.into()],
                OTHER_FIELDS,
                other,
            ));
        }
        let places = Rc::new(places);
        let empty = Cell::Empty;
        for row in &table.rows {
            let origin = Origin::new("", sheet.name(), row.number, Rc::clone(&places));
            let Some(ocid) = self.ocid(row.cell(process), options, sheet, row, process) else {
                continue;
            };
            let release_id = release
                .map(|i| row.cell(i).text().trim().to_owned())
                .unwrap_or_default();
            let parent_ids: Vec<String> = parents
                .iter()
                .map(|p| {
                    p.map(|i| row.cell(i).text().trim().to_owned())
                        .unwrap_or_default()
                })
                .collect();
            let other_cell = other.map_or(&empty, |i| row.cell(i));
            let (thing, problems) = decode(
                &sheet.columns,
                |i| columns[i].map_or(&empty, |c| row.cell(c)),
                other_cell,
            );
            for problem in &problems {
                self.problem(problem, &sheet.columns, &origin);
            }
            let read = Read {
                ocid,
                release: release_id,
                parents: parent_ids,
                thing,
                origin,
            };
            if sheet.spec.process_wide && read.release.is_empty() {
                self.wide.push((sheet.spec.anchor, read));
            } else {
                self.place(sheet, read);
            }
        }
    }

    fn ocid(
        &mut self,
        cell: &Cell,
        options: &ImportOptions,
        sheet: &Sheet,
        row: &Row,
        column: usize,
    ) -> Option<String> {
        let text = cell.text().trim().to_owned();
        let ocid = if text.starts_with("ocds-") {
            Some(text.clone())
        } else if text.is_empty() {
            None
        } else {
            options
                .prefix
                .as_ref()
                .map(|p| format!("{}-{text}", p.trim_end_matches('-')))
        };
        if ocid.is_none() {
            let message = if text.is_empty() {
                "the row's `Process` is blank, so it belongs to no process".to_owned()
            } else {
                "the row's `Process` is not an ocid and no `--prefix` was given to make one"
                    .to_owned()
            };
            let finding =
                Finding::new(&rules::MISSING_KEY, "", message).with_hint(rules::MISSING_KEY.hint);
            self.findings.push(crate::locate::at_cell(
                finding,
                sheet.name(),
                row.number,
                column,
                PROCESS,
            ));
        }
        ocid
    }

    /// The index of the release a row names, made when it is the first row to name it.
    fn release(&mut self, ocid: &str, id: &str) -> usize {
        let key = (ocid.to_owned(), id.to_owned());
        if let Some(i) = self.index.get(&key) {
            return *i;
        }
        let mut release = Map::new();
        release.insert("ocid".into(), Value::String(ocid.to_owned()));
        if !id.is_empty() {
            release.insert("id".into(), Value::String(id.to_owned()));
        }
        self.releases.push(release);
        self.described.push(false);
        self.stages.push(Vec::new());
        let i = self.releases.len() - 1;
        self.index.insert(key, i);
        i
    }

    fn place(&mut self, sheet: &Sheet, read: Read) {
        let r = self.release(&read.ocid, &read.release);
        if let Some(stage) = sheet.spec.stage
            && !self.stages[r].contains(&stage)
        {
            self.stages[r].push(stage);
        }
        let anchor = sheet.spec.anchor;
        if anchor.is_empty() {
            if self.described[r] {
                self.duplicate(&read, "this release already has a row");
                return;
            }
            self.described[r] = true;
            for (key, value) in read.thing {
                self.releases[r].insert(key, value);
            }
            self.origins.add(read.origin.at(format!("/releases/{r}")));
            return;
        }
        let id = match read.thing.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let key = (r, anchor.to_owned(), read.parents.clone(), id.clone());
        if (!sheet.spec.is_list() || !id.is_empty()) && !self.seen.insert(key) {
            let what = if sheet.spec.is_list() {
                format!("the id `{id}`")
            } else {
                "its parent".to_owned()
            };
            self.duplicate(&read, &format!("another row of this release has {what}"));
            return;
        }
        match insert(&mut self.releases[r], anchor, &read.parents, read.thing) {
            Ok(relative) => {
                self.origins
                    .add(read.origin.at(format!("/releases/{r}{relative}")));
            }
            Err((name, wanted)) => {
                let finding = Finding::new(
                    &rules::NO_PARENT,
                    "",
                    format!(
                        "no row of this release holds the `{name}` item `{wanted}` this row belongs to; the row was not imported"
                    ),
                )
                .with_hint(rules::NO_PARENT.hint);
                let key = sheet.spec.parent_keys.first().copied().unwrap_or(PROCESS);
                self.findings
                    .push(read.origin.finding_at_title(finding, key));
            }
        }
    }

    fn duplicate(&mut self, read: &Read, why: &str) {
        let finding = Finding::new(
            &rules::DUPLICATE_ROW,
            "",
            format!("the row repeats a thing: {why}; it was not imported"),
        )
        .with_hint(rules::DUPLICATE_ROW.hint);
        self.findings.push(read.origin.finding_at_process(finding));
    }

    /// Adds each party and setting row with a blank release to every release of its process.
    fn process_wide(&mut self, layout: &Layout) {
        for (anchor, read) in std::mem::take(&mut self.wide) {
            let Some(sheet) = layout.sheets.iter().find(|s| s.spec.anchor == anchor) else {
                continue;
            };
            let mut targets: Vec<String> = self
                .index
                .keys()
                .filter(|(ocid, _)| *ocid == read.ocid)
                .map(|(_, id)| id.clone())
                .collect();
            targets.sort_by_key(|id| self.index[&(read.ocid.clone(), id.clone())]);
            if targets.is_empty() {
                targets.push(String::new());
            }
            for id in targets {
                let copy = Read {
                    ocid: read.ocid.clone(),
                    release: id,
                    parents: read.parents.clone(),
                    thing: read.thing.clone(),
                    origin: read.origin.clone(),
                };
                self.place(sheet, copy);
            }
        }
    }

    /// The releases, with what a release built from rows needs and no row gave.
    fn finish(&mut self, package: &Map<String, Value>) -> Vec<Value> {
        let published = package.get("publishedDate").cloned();
        let mut releases = Vec::with_capacity(self.releases.len());
        for (r, mut release) in std::mem::take(&mut self.releases).into_iter().enumerate() {
            if !release.contains_key("tag") && !self.stages[r].is_empty() {
                let tags = self.stages[r]
                    .iter()
                    .map(|s| Value::String((*s).to_owned()))
                    .collect();
                release.insert("tag".into(), Value::Array(tags));
            }
            if let Some(published) = &published {
                release.entry("date").or_insert_with(|| published.clone());
            }
            release
                .entry("initiationType")
                .or_insert_with(|| Value::String("tender".into()));
            let placement = lookup(&release, &["tender".into(), "referral".into()]).is_some()
                || release
                    .get("contracts")
                    .and_then(Value::as_array)
                    .is_some_and(|c| c.iter().any(|c| c.get("placement").is_some()));
            if placement {
                release
                    .entry("processType")
                    .or_insert_with(|| Value::String("placement".into()));
            }
            if !release.contains_key("id") {
                let digest = Sha256::digest(Value::Object(release.clone()).to_string());
                let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
                let ocid = release
                    .get("ocid")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                release.insert("id".into(), Value::String(format!("{ocid}-{hex}")));
            }
            releases.push(Value::Object(order(release)));
        }
        releases
    }

    fn problem(&mut self, problem: &Problem, columns: &[crate::layout::Column], origin: &Origin) {
        let (rule, path, message) = match problem {
            Problem::WrongType { column, error } => (
                &rules::WRONG_TYPE,
                columns[*column].path.clone(),
                format!("expected {}, found {}", error.expected, error.found),
            ),
            Problem::Misaligned {
                column,
                items,
                expected,
            } => (
                &rules::MISALIGNED_LIST,
                columns[*column].path.clone(),
                format!(
                    "this cell lists {items} item(s) where the others of its group list {expected}"
                ),
            ),
            Problem::OtherNotObject => (
                &rules::BAD_OTHER_FIELDS,
                vec![OTHER_FIELDS.to_owned()],
                "`Other fields (JSON)` is not a JSON object".to_owned(),
            ),
            Problem::Conflict { field } => (
                &rules::BAD_OTHER_FIELDS,
                vec![OTHER_FIELDS.to_owned()],
                format!(
                    "`Other fields (JSON)` gives `{field}`, which a column of the row also gives"
                ),
            ),
        };
        let finding = Finding::new(rule, "", message).with_hint(rule.hint);
        self.findings.push(origin.finding_at_path(finding, &path));
    }
}
