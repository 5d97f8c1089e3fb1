//! A whole top-level object: a package's header, or a lone release or record (one line of
//! JSON Lines), analysed apart from the input's state so that JSON Lines, whose every line is
//! such an object, are analysed on every core like the releases of a package.

use std::collections::HashSet;

use pcds::codelists::PublicationLevel;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::analyse::{Analysed, Candidates};
use super::place::{Source, place, place_parse_error};
use super::state::InputState;
use super::{DocumentKind, RunTotals, Validator, not_a_document};
use crate::finding::Finding;
use crate::layers::schema::Part;
use crate::locate::Position;
use crate::rules;
use crate::scan::Member;
use crate::strict;

/// What analysing a top-level object found, to apply in input order.
#[derive(Debug, Default)]
pub(super) struct ObjectOutcome {
    /// Findings on an object that could not be read (a repeated key, a member that is not
    /// JSON), which go into the report whatever its limit.
    unread: Vec<Finding>,
    /// What a readable object gave.
    read: Option<ObjectRead>,
}

/// What a readable top-level object gave.
#[derive(Debug, Default)]
struct ObjectRead {
    /// What kind of document it is, in words.
    kind: Option<String>,
    /// Whether it declares extensions.
    extensions: bool,
    /// Its findings and facts.
    analysed: Analysed,
    /// The publication level it claims.
    claimed: Option<PublicationLevel>,
}

impl ObjectOutcome {
    /// Applies the outcome to the input, in input order.
    pub(super) fn apply(self, input: &mut InputState<'_>, totals: &mut RunTotals) {
        input.report.findings.extend(self.unread);
        if let Some(read) = self.read {
            input.kind = read.kind;
            if read.extensions {
                input.declare_extensions();
            }
            input.apply(read.analysed, totals);
            input.claim_level(read.claimed);
        }
    }
}

impl Validator {
    /// Analyses a whole top-level object: a package's header (its releases were streamed
    /// as units), or a lone release or record, such as one line of JSON Lines. Touches no state,
    /// so it may run on a worker; [`ObjectOutcome::apply`] applies it in input order.
    pub(super) fn analyse_object(
        &self,
        members: &[Member],
        streamed: &[(String, usize)],
        start: Position,
    ) -> ObjectOutcome {
        let mut outcome = ObjectOutcome::default();
        let source = Source::Members { members, start };
        let mut object = Map::new();
        let mut keys: HashSet<&str> = HashSet::new();
        for (key, _) in streamed {
            if !keys.insert(key) {
                let finding = Finding::new(
                    &rules::PARSE_DUPLICATE_KEY,
                    format!("/{key}"),
                    format!("the key `{key}` appears twice in the same object"),
                );
                outcome.unread.push(finding.at(start.line, start.column));
                return outcome;
            }
        }
        for member in members {
            let pointer = format!("/{}", member.key.replace('~', "~0").replace('/', "~1"));
            if !keys.insert(&member.key) {
                let finding = Finding::new(
                    &rules::PARSE_DUPLICATE_KEY,
                    pointer,
                    format!("the key `{}` appears twice in the same object", member.key),
                );
                outcome
                    .unread
                    .push(finding.at(member.start.line, member.start.column));
                return outcome;
            }
            match strict::parse(&member.bytes) {
                Ok(value) => {
                    object.insert(member.key.clone(), value);
                }
                Err(finding) => {
                    let unit = Source::Unit {
                        bytes: &member.bytes,
                        start: member.start,
                        prefix: &pointer,
                    };
                    outcome
                        .unread
                        .push(place_parse_error(*finding, &pointer, &unit));
                    return outcome;
                }
            }
        }
        let value = Value::Object(object);
        let claimed = value
            .get("publicationLevel")
            .and_then(|l| PublicationLevel::deserialize(l).ok());
        let list = streamed.first().map(|(key, count)| (key.as_str(), *count));
        let kind = match list {
            Some(("records", _)) => Some(DocumentKind::RecordPackage),
            Some(_) if value.get("ocid").is_some() => Some(DocumentKind::Record),
            Some(_) => Some(DocumentKind::ReleasePackage),
            None => DocumentKind::detect(&value),
        };
        let mut read = ObjectRead {
            kind: kind.map(|k| k.describe().to_owned()),
            ..ObjectRead::default()
        };
        let mut findings = Vec::new();
        let mut analysed = Analysed::default();
        match (kind, list) {
            (
                Some(DocumentKind::ReleasePackage | DocumentKind::RecordPackage),
                Some((key, count)),
            ) => {
                let part = if key == "records" {
                    Part::RecordPackageHeader
                } else {
                    Part::ReleasePackageHeader
                };
                findings.extend(self.schemas.check(part, &value, ""));
                if let Some(version) = value.get("pcdsVersion").and_then(Value::as_str)
                    && version != pcds::PCDS_VERSION
                {
                    findings.push(Finding::new(
                        &rules::DOCUMENT_VERSION,
                        "/pcdsVersion",
                        format!(
                            "the package is written for PCDS {version}; this validator checks PCDS {}",
                            pcds::PCDS_VERSION
                        ),
                    ));
                }
                if value
                    .get("extensions")
                    .and_then(Value::as_array)
                    .is_some_and(|e| !e.is_empty())
                {
                    read.extensions = true;
                }
                if count == 0 {
                    findings.push(Finding::new(
                        &rules::SCHEMA_EMPTY,
                        format!("/{key}"),
                        "an empty list is not allowed: a package holds at least one item",
                    ));
                }
            }
            (Some(DocumentKind::Record), Some(_)) => {
                if !value.get("ocid").is_some_and(Value::is_string) {
                    findings.push(Finding::new(
                        &rules::SCHEMA_TYPE,
                        "/ocid",
                        "a record's `ocid` must be a string",
                    ));
                }
            }
            (Some(DocumentKind::Release), None) => {
                self.analyse_release(&value, "", true, &source, Candidates::Placed, &mut analysed)
            }
            (Some(DocumentKind::Record), None) => {
                self.analyse_record(&value, "", &source, Candidates::Placed, &mut analysed)
            }
            (Some(kind @ (DocumentKind::ReleasePackage | DocumentKind::RecordPackage)), None) => {
                let list = if kind == DocumentKind::RecordPackage {
                    "records"
                } else {
                    "releases"
                };
                findings.push(Finding::new(
                    &rules::SCHEMA_TYPE,
                    format!("/{list}"),
                    format!("`{list}` must be a list"),
                ));
            }
            (Some(DocumentKind::Release), Some(_)) | (None, _) => findings.push(not_a_document("")),
        }
        analysed
            .findings
            .extend(findings.into_iter().map(|f| place(f, &source)));
        read.analysed = analysed;
        read.claimed = claimed;
        outcome.read = Some(read);
        outcome
    }
}
