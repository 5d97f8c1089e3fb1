//! The work done on each unit, independently of every other: parsing and every layer that
//! needs only the unit itself. Runs on worker threads; what depends on other units (duplicate
//! release ids, ocid prefixes, references across releases, rare combinations) is returned as
//! facts for the in-order pass in `state`.

use serde::Deserialize;
use serde_json::Value;

use super::place::{Source, place, place_parse_error};
use super::{DocumentKind, Validator};
use crate::finding::Finding;
use crate::layers::schema::Part;
use crate::layers::semantic::{self, Target};
use crate::rules;
use crate::scan::{Container, Unit};
use crate::strict;

/// What one release contributes to the checks that span the input. Its findings are candidates,
/// most of which are never reported (a release id is rarely repeated): when the release came
/// from a streamed unit they are left unplaced, and placed by [`Analysed::place`] only when kept.
#[derive(Debug, Default)]
pub struct ReleaseFacts {
    /// The release's ocid, as written.
    pub ocid: String,
    /// The release's id, as written.
    pub id: Option<String>,
    /// A finding for a repeated release id, reported if the id was seen before.
    pub repeated_id: Option<Finding>,
    /// A finding for a differing ocid prefix, reported if the prefix differs.
    pub other_prefix: Option<Finding>,
    /// What the release declares for references across the releases of its process.
    pub declared: Vec<(Target, String)>,
    /// References that other releases of the process may resolve.
    pub deferred: Vec<(Target, String, Finding)>,
    /// Each agreement's starting weekly total, by agreement id, with a finding to report
    /// if an earlier release of the process gave another.
    pub starting_prices: Vec<(String, String, Finding)>,
    /// Each child's combination of attributes, with a finding for it.
    pub children: Vec<(String, Finding)>,
    /// The fields the release has, by index.
    pub seen: Vec<u32>,
}

/// The result of analysing one unit.
#[derive(Debug, Default)]
pub struct Analysed {
    /// Findings that stand on the unit alone, placed.
    pub findings: Vec<Finding>,
    /// Findings that apply only if the data is open: unplaced when `unit` is kept.
    pub open_only: Vec<Finding>,
    /// Facts about each release in the unit.
    pub releases: Vec<ReleaseFacts>,
    /// The streamed unit the candidate findings (`open_only` and each release's facts) are
    /// placed in when kept; `None` when they were placed as they were made.
    pub unit: Option<UnitText>,
}

/// A streamed unit's bytes, kept until its candidate findings are settled.
#[derive(Debug)]
pub struct UnitText {
    bytes: Vec<u8>,
    start: crate::locate::Position,
    prefix: String,
}

impl Analysed {
    /// Places a candidate finding of this unit, when it is to be reported.
    pub fn place(&self, finding: Finding) -> Finding {
        match &self.unit {
            Some(unit) => place(
                finding,
                &Source::Unit {
                    bytes: &unit.bytes,
                    start: unit.start,
                    prefix: &unit.prefix,
                },
            ),
            None => finding,
        }
    }
}

/// Whether the candidate findings of a release are placed as they are made (a document read
/// whole, whose bytes are not kept) or left for [`Analysed::place`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Candidates {
    /// Placed as made.
    Placed,
    /// Left unplaced; the unit's bytes are kept in [`Analysed::unit`].
    Unplaced,
}

impl Validator {
    /// Analyses one unit of a streamed input.
    pub(super) fn analyse_unit(&self, unit: Unit) -> Analysed {
        let prefix = match unit.container {
            Container::Releases => format!("/releases/{}", unit.index),
            Container::Records => format!("/records/{}", unit.index),
            Container::Array => format!("/{}", unit.index),
        };
        let source = Source::Unit {
            bytes: &unit.bytes,
            start: unit.start,
            prefix: &prefix,
        };
        let mut out = Analysed::default();
        let value = match strict::parse(&unit.bytes) {
            Ok(value) => value,
            Err(finding) => {
                out.findings
                    .push(place_parse_error(*finding, &prefix, &source));
                return out;
            }
        };
        self.analyse_value(&unit, &value, &prefix, &source, &mut out);
        drop(value);
        out.unit = Some(UnitText {
            bytes: unit.bytes,
            start: unit.start,
            prefix,
        });
        out
    }

    /// Every layer on a unit's value, its candidate findings left unplaced.
    fn analyse_value(
        &self,
        unit: &Unit,
        value: &Value,
        prefix: &str,
        source: &Source<'_>,
        out: &mut Analysed,
    ) {
        let lazy = Candidates::Unplaced;
        match unit.container {
            Container::Releases if unit.in_record && value.get("ocid").is_none() => {
                let findings = self.schemas.check(Part::LinkedRelease, value, prefix);
                out.findings
                    .extend(findings.into_iter().map(|f| place(f, source)));
            }
            Container::Releases => self.analyse_release(value, prefix, true, source, lazy, out),
            Container::Records => self.analyse_record(value, prefix, source, lazy, out),
            Container::Array => match DocumentKind::detect(value) {
                Some(DocumentKind::Release) => {
                    self.analyse_release(value, prefix, true, source, lazy, out)
                }
                Some(DocumentKind::Record) => self.analyse_record(value, prefix, source, lazy, out),
                _ => out
                    .findings
                    .push(place(super::not_a_document(prefix), source)),
            },
        }
    }

    /// A record: its own fields against the record schema, each entry of `releases` against the
    /// release or linked-release schema (so a broken entry gets precise findings, not "matches
    /// none of the forms"), then the compiled release.
    pub(super) fn analyse_record(
        &self,
        value: &Value,
        prefix: &str,
        source: &Source<'_>,
        candidates: Candidates,
        out: &mut Analysed,
    ) {
        let entries = format!("{prefix}/releases/");
        let findings = self.schemas.check(Part::Record, value, prefix);
        out.findings.extend(
            findings
                .into_iter()
                .filter(|f| !f.pointer.starts_with(&entries))
                .map(|f| place(f, source)),
        );
        for (i, entry) in value
            .get("releases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let pointer = format!("{entries}{i}");
            if entry.get("ocid").is_some() {
                self.analyse_release(entry, &pointer, true, source, candidates, out);
            } else {
                let findings = self.schemas.check(Part::LinkedRelease, entry, &pointer);
                out.findings
                    .extend(findings.into_iter().map(|f| place(f, source)));
            }
        }
        if let Some(compiled) = value.get("compiledRelease") {
            self.analyse_release(
                compiled,
                &format!("{prefix}/compiledRelease"),
                false,
                source,
                candidates,
                out,
            );
            // A compiled release is the merged state of the releases, commonly under the id of
            // the latest one: it does not count as that id written twice.
            if let Some(facts) = out.releases.last_mut() {
                facts.repeated_id = None;
                facts.id = None;
            }
        }
    }

    /// Every layer on one release.
    pub(super) fn analyse_release(
        &self,
        value: &Value,
        prefix: &str,
        with_schema: bool,
        source: &Source<'_>,
        candidates: Candidates,
        out: &mut Analysed,
    ) {
        let candidate = |finding: Finding| match candidates {
            Candidates::Placed => place(finding, source),
            Candidates::Unplaced => finding,
        };
        let mut findings = if with_schema {
            self.schemas.check(Part::Release, value, prefix)
        } else {
            Vec::new()
        };
        let mut seen = vec![false; self.fields.len()];
        self.fields.walk(value, prefix, &mut seen, &mut findings);
        let mut facts = ReleaseFacts {
            seen: seen
                .iter()
                .enumerate()
                .filter(|(_, s)| **s)
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            ..ReleaseFacts::default()
        };
        if let Some(ocid) = value.get("ocid").and_then(Value::as_str) {
            ocid.clone_into(&mut facts.ocid);
            facts.id = value.get("id").and_then(Value::as_str).map(str::to_owned);
            if let Some(id) = &facts.id {
                let finding = Finding::new(
                    &rules::ID_RELEASE_REPEATED,
                    format!("{prefix}/id"),
                    format!("the release id `{id}` is used twice for the process `{ocid}`"),
                );
                facts.repeated_id = Some(candidate(finding));
            }
            if let Ok(parsed) = pcds::Ocid::new(ocid) {
                let finding = Finding::new(
                    &rules::PUB_OCID_PREFIX,
                    format!("{prefix}/ocid"),
                    format!(
                        "the ocid prefix `{}` differs from `{{first}}`, used earlier in this input",
                        parsed.prefix()
                    ),
                );
                facts.other_prefix = Some(candidate(finding));
            }
        }
        // What open data may say about a child is read from the value itself, so that an error
        // elsewhere in the release cannot hide child detail.
        out.open_only.extend(
            semantic::open_data(value, prefix)
                .into_iter()
                .map(candidate),
        );
        if let Ok(release) = pcds::Release::deserialize(value) {
            let outcome = semantic::check(&release, prefix);
            findings.extend(outcome.findings);
            facts.declared = outcome.declared;
            facts.deferred = outcome
                .deferred
                .into_iter()
                .map(|d| (d.target, d.id, candidate(d.finding)))
                .collect();
            facts.children = children(&release, prefix, &candidate);
            facts.starting_prices = starting_prices(&release, prefix, &candidate);
        }
        out.findings
            .extend(findings.into_iter().map(|f| place(f, source)));
        out.releases.push(facts);
    }
}

/// The starting weekly total of each agreement in a release, which every release of the
/// process must repeat unchanged (changes are fee change amendments).
fn starting_prices(
    release: &pcds::Release,
    prefix: &str,
    candidate: &dyn Fn(Finding) -> Finding,
) -> Vec<(String, String, Finding)> {
    release
        .contracts
        .iter()
        .enumerate()
        .filter_map(|(i, contract)| {
            let total = contract.placement.as_ref()?.weekly_price.weekly_total.amount;
            let finding = Finding::new(
                &rules::PRICE_REWRITTEN,
                format!("{prefix}/contracts/{i}/placement/weeklyPrice/weeklyTotal/amount"),
                format!(
                    "the agreement `{}` starts at {total} a week here but at {{first}} in an earlier release of this process",
                    contract.id
                ),
            );
            Some((contract.id.clone(), total.to_string(), candidate(finding)))
        })
        .collect()
}

/// Each child's combination of attributes, for the rare-combination rule.
fn children(
    release: &pcds::Release,
    prefix: &str,
    candidate: &dyn Fn(Finding) -> Finding,
) -> Vec<(String, Finding)> {
    let Some(referral) = release.tender.as_ref().and_then(|t| t.referral.as_ref()) else {
        return Vec::new();
    };
    referral
        .children
        .iter()
        .enumerate()
        .map(|(i, child)| {
            let mut needs: Vec<&str> = child
                .needs
                .iter()
                .map(pcds::codelist::Codelist::code)
                .collect();
            needs.sort_unstable();
            let legal = child
                .legal_status
                .as_ref()
                .map_or("-", pcds::codelist::Codelist::code);
            let key = format!(
                "age band `{}`, home council `{}`, needs `{}`, legal status `{legal}`",
                child.age_band,
                referral.home_council,
                if needs.is_empty() {
                    "-".to_owned()
                } else {
                    needs.join("+")
                }
            );
            let finding = Finding::new(
                &rules::PRIV_RARE_COMBINATION,
                format!("{prefix}/tender/referral/children/{i}"),
                key.clone(),
            );
            (key, candidate(finding))
        })
        .collect()
}
