//! What one input accumulates, applied in input order: the rules that span releases (release
//! ids written once, one ocid prefix, references across the releases of a process, rare
//! combinations of child attributes), coverage, and the report.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use pcds::codelists::PublicationLevel;

use super::RunTotals;
use super::analyse::Analysed;
use super::keys;
use crate::context::ProcessContext;
use crate::finding::{Finding, Severity};
use crate::layers::semantic::Target;
use crate::report::{InputReport, NotJudged, Omitted};
use crate::rules;

/// The fewest children an input must describe, by default, before rare combinations of their
/// attributes are judged. A smaller input is most often a slice of a dataset (one process
/// sent to a server, one day's export), where nearly every child is rare and the finding says
/// nothing about the dataset; its report says the rule was not judged instead, so no input
/// passes it silently.
pub const RARE_COMBINATION_MINIMUM_CHILDREN: usize = 10;

/// How many children must share a combination for it not to be rare.
pub const RARE_COMBINATION_THRESHOLD: usize = 3;

/// What one input accumulates while it is read.
pub struct InputState<'c> {
    /// What earlier releases of each process declare, for references the input cannot resolve
    /// itself; borrowed, so a large context is never copied per input.
    context: &'c ProcessContext,
    pub report: InputReport,
    /// The most findings the report keeps; the rest are counted in `omitted`.
    max_findings: usize,
    /// The fewest children for rare combinations to be judged.
    rare_minimum: usize,
    omitted: BTreeMap<Cow<'static, str>, (Severity, u64)>,
    /// The publication level: given on the command line, or claimed by the package.
    pub level: Option<PublicationLevel>,
    /// Whether the level was given on the command line (a package's claim does not replace it).
    pub level_given: bool,
    pub kind: Option<String>,
    pub documents: usize,
    /// Open-data findings held until the package says whether it is open.
    open_only: Vec<Finding>,
    prefix: Option<String>,
    prefixes_reported: HashSet<String>,
    // What is remembered across releases is held as fixed-size keys (see `keys`), so memory
    // grows by a few dozen bytes a release whatever the length of its ids.
    /// Each (ocid, release id) read.
    release_ids: HashSet<u128>,
    /// Each (ocid, kind of object, id) a release declared.
    declared: HashSet<u128>,
    /// Each ocid whose releases declared a child of a referral.
    declares_children: HashSet<u128>,
    deferred: Vec<(String, Target, String, Finding)>,
    combinations: HashMap<String, (usize, Finding)>,
    /// Each (ocid, child's place in the referral) counted.
    counted_children: HashSet<u128>,
    children: usize,
    /// Whether the package declares extensions, which may define fields PCDS does not.
    extensions: bool,
    /// The starting weekly total of each agreement, by (ocid, agreement id), as first read.
    starting_prices: HashMap<u128, String>,
}

/// The key of what a process declares.
fn declaration(ocid: &str, target: Target, id: &str) -> u128 {
    keys::key(&[ocid.as_bytes(), &[target as u8], id.as_bytes()])
}

impl<'c> InputState<'c> {
    pub fn new(
        name: &str,
        level: Option<PublicationLevel>,
        max_findings: Option<usize>,
        rare_minimum: usize,
        context: &'c ProcessContext,
    ) -> Self {
        InputState {
            context,
            report: InputReport {
                name: name.to_owned(),
                ..InputReport::default()
            },
            max_findings: max_findings.unwrap_or(usize::MAX),
            rare_minimum,
            omitted: BTreeMap::new(),
            level_given: level.is_some(),
            level,
            kind: None,
            documents: 0,
            open_only: Vec::new(),
            prefix: None,
            prefixes_reported: HashSet::new(),
            release_ids: HashSet::new(),
            declared: HashSet::new(),
            declares_children: HashSet::new(),
            deferred: Vec::new(),
            combinations: HashMap::new(),
            counted_children: HashSet::new(),
            children: 0,
            extensions: false,
            starting_prices: HashMap::new(),
        }
    }

    /// Adds a finding to the report, or counts it when the report holds as many as it keeps.
    pub fn add(&mut self, finding: Finding) {
        if self.report.findings.len() < self.max_findings {
            self.report.findings.push(finding);
        } else {
            self.omitted
                .entry(finding.code)
                .or_insert((finding.severity, 0))
                .1 += 1;
        }
    }

    /// Adds findings, in order, as [`InputState::add`].
    pub fn add_all(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings {
            self.add(finding);
        }
    }

    /// Applies one analysed unit, in input order. Its candidate findings are placed (located
    /// in the unit's text) only when kept, which few are.
    pub fn apply(&mut self, mut analysed: Analysed, totals: &mut RunTotals) {
        self.add_all(std::mem::take(&mut analysed.findings));
        let open_only = std::mem::take(&mut analysed.open_only);
        match &self.level {
            Some(PublicationLevel::Open) => {
                for finding in open_only {
                    self.add(analysed.place(finding));
                }
            }
            Some(_) => {}
            None => self
                .open_only
                .extend(open_only.into_iter().map(|f| analysed.place(f))),
        }
        let releases = std::mem::take(&mut analysed.releases);
        for facts in releases {
            self.report.releases += 1;
            for index in facts.seen {
                if let Some(count) = totals.coverage.get_mut(index as usize) {
                    *count += 1;
                }
            }
            if !facts.ocid.is_empty() {
                totals.ocids.insert(keys::key(&[facts.ocid.as_bytes()]));
                if let Some(id) = facts.id
                    && !self
                        .release_ids
                        .insert(keys::key(&[facts.ocid.as_bytes(), id.as_bytes()]))
                    && let Some(finding) = facts.repeated_id
                {
                    self.add(analysed.place(finding));
                }
                if let Ok(ocid) = pcds::Ocid::new(facts.ocid.as_str()) {
                    let this = ocid.prefix().to_owned();
                    match &self.prefix {
                        None => self.prefix = Some(this),
                        Some(first)
                            if *first != this && self.prefixes_reported.insert(this.clone()) =>
                        {
                            if let Some(finding) = facts.other_prefix {
                                let mut finding = analysed.place(finding);
                                finding.message = finding.message.replace("{first}", first);
                                self.add(finding);
                            }
                        }
                        Some(_) => {}
                    }
                }
            }
            for (target, id) in &facts.declared {
                self.declared.insert(declaration(&facts.ocid, *target, id));
                if *target == Target::Child {
                    self.declares_children
                        .insert(keys::key(&[facts.ocid.as_bytes()]));
                }
            }
            let declared = &self.declared;
            // A reference that what was read so far (or the context) resolves is settled now:
            // what a process declares only grows, so it stays resolved. Only references to
            // what comes later in the input, or to nothing, wait for the end, so memory grows
            // with those, not with every reference of every release.
            let earlier = self.context.declared().get(&facts.ocid);
            let waiting = facts.deferred.into_iter().filter(|(target, id, _)| {
                !(declared.contains(&declaration(&facts.ocid, *target, id))
                    || earlier.is_some_and(|d| d.contains(&(*target, id.clone()))))
            });
            self.deferred.extend(waiting.map(|(target, id, finding)| {
                (facts.ocid.clone(), target, id, analysed.place(finding))
            }));
            for (contract, total, finding) in facts.starting_prices {
                let agreement = keys::key(&[facts.ocid.as_bytes(), contract.as_bytes()]);
                match self.starting_prices.entry(agreement) {
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(total);
                    }
                    std::collections::hash_map::Entry::Occupied(first) if *first.get() != total => {
                        let mut finding = analysed.place(finding);
                        finding.message = finding.message.replace("{first}", first.get());
                        self.add(finding);
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {}
                }
            }
            // A child is counted once per process, however many releases repeat the referral.
            for (index, (key, finding)) in facts.children.into_iter().enumerate() {
                if self
                    .counted_children
                    .insert(keys::key(&[facts.ocid.as_bytes(), &index.to_le_bytes()]))
                {
                    self.children += 1;
                    self.combinations
                        .entry(key)
                        .or_insert_with(|| (0, analysed.place(finding)))
                        .0 += 1;
                }
            }
        }
    }

    /// A document's package has said what level it claims: releases held open-data findings
    /// until now.
    pub fn claim_level(&mut self, level: Option<PublicationLevel>) {
        if !self.level_given {
            self.level = level;
        }
        let held = std::mem::take(&mut self.open_only);
        if self.level == Some(PublicationLevel::Open) {
            self.add_all(held);
        }
    }

    /// The package declares extensions: a field PCDS does not define may be theirs, which the
    /// validator cannot know without fetching them, so such findings become information.
    pub fn declare_extensions(&mut self) {
        self.extensions = true;
    }

    /// Resolves what waited for the whole input and returns the report.
    pub fn finish(mut self) -> InputReport {
        if self.extensions {
            for finding in &mut self.report.findings {
                if finding.code == rules::SCHEMA_UNKNOWN_FIELD.code {
                    finding.severity = Severity::Info;
                    finding
                        .message
                        .push_str(" (it may be defined by an extension the package declares)");
                }
            }
            if let Some(omitted) = self.omitted.get_mut(rules::SCHEMA_UNKNOWN_FIELD.code) {
                omitted.0 = Severity::Info;
            }
        }
        for (ocid, target, id, finding) in std::mem::take(&mut self.deferred) {
            let earlier = self.context.declared().get(&ocid);
            // A child key is checked only against a referral the input (or its context) holds:
            // an agreement published on its own, without its process's referral, cannot be
            // judged here.
            let unknowable = target == Target::Child
                && !self
                    .declares_children
                    .contains(&keys::key(&[ocid.as_bytes()]))
                && !earlier.is_some_and(|d| d.iter().any(|(t, _)| *t == Target::Child));
            let resolved = unknowable
                || self.declared.contains(&declaration(&ocid, target, &id))
                || earlier.is_some_and(|d| d.contains(&(target, id.clone())));
            if !resolved {
                self.add(finding);
            }
        }
        if self.children > 0 && self.children < self.rare_minimum {
            self.report.not_judged.push(NotJudged {
                code: rules::PRIV_RARE_COMBINATION.code.into(),
                reason: format!(
                    "this input describes {} {}, and rare combinations are judged over {} or more (in a smaller slice of a dataset nearly every child is rare): validate the whole dataset as one input, or, if this is the whole dataset, give `--rare-combination-minimum 1`",
                    self.children,
                    if self.children == 1 { "child" } else { "children" },
                    self.rare_minimum
                ),
            });
        } else if self.children >= self.rare_minimum {
            let mut rare: Vec<(usize, Finding)> = self
                .combinations
                .drain()
                .map(|(_, v)| v)
                .filter(|(count, _)| *count < RARE_COMBINATION_THRESHOLD)
                .collect();
            rare.sort_by_key(|(_, f)| (f.line, f.column));
            for (count, mut finding) in rare {
                finding.message = format!(
                    "only {count} of the {} children in this input share {}",
                    self.children, finding.message
                );
                self.add(finding);
            }
        }
        self.report
            .findings
            .sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
        self.report.omitted = std::mem::take(&mut self.omitted)
            .into_iter()
            .map(|(code, (severity, count))| Omitted {
                code,
                severity,
                count,
            })
            .collect();
        self.report.kind = match (self.documents, self.kind) {
            (0 | 1, kind) => kind,
            (n, _) => Some(format!("JSON Lines, {n} documents")),
        };
        self.report
    }
}
