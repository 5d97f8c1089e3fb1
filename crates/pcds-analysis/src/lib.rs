//! # Answers from pooled PCDS data
//!
//! A regional commissioning group pools its councils' PCDS data to learn what placements cost,
//! who supplies them and how they end. This crate answers those questions from compiled releases:
//! weekly price distributions by every dimension commissioners compare, differential pricing
//! between councils, the premium for a Friday afternoon referral, framework against spot prices,
//! discounts and uplifts, framework tiers and suspensions, supply and market concentration, block
//! contract occupancy and voids, and how placements end. Each answer is a [`Table`] whose rows
//! list the ocids behind them; cells counting fewer children than a threshold are suppressed with
//! their complements.
//!
//! Every price is the weekly price in force on the relevant date by the standard's rule
//! ([`pcds::Contract::weekly_price_on`]), in weekly equivalents, core fee and total apart, and
//! counts children: a sibling group is as many placements as it has children.
//!
//! ```
//! let package: pcds::ReleasePackage = serde_json::from_str(include_str!(
//!     "../../../examples/sibling-group-foster-placement.json"
//! ))
//! .unwrap();
//! let mut pool = pcds_analysis::Pool::new(pcds_analysis::Options::default());
//! for release in &package.releases {
//!     pool.add(release);
//! }
//! let report = pool.report();
//! // Three siblings placed together under one agreement are three children.
//! assert_eq!(report.coverage.children, 3);
//! ```
//!
//! What it is not for: reading files (the `pcds analyse` command reads and compiles them) or
//! drawing (see [`render`]).

pub mod facts;
pub mod questions;
pub mod quote;
pub mod render;
pub mod summary;
pub mod table;
mod uk_time;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

pub use facts::Facts;
pub use questions::Section;
pub use quote::{Quote, QuoteRequest};
pub use summary::Summary;
pub use table::{Column, Kind, Row, Table};

/// How the analysis is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Cells counting fewer than this many children (or referrals, agreements, measures) are
    /// suppressed. At least 1.
    pub suppress_below: u64,
    /// Only placements started, referrals made and fee changes effective on or after this UK
    /// date.
    pub from: Option<NaiveDate>,
    /// … and on or before this UK date.
    pub to: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            suppress_below: 10,
            from: None,
            to: None,
        }
    }
}

/// The facts of every process added, and what was left out and why.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    options: Options,
    /// The facts kept.
    pub facts: Facts,
    processes: u64,
    councils: BTreeSet<String>,
    excluded: BTreeMap<String, u64>,
}

/// What a report was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// The councils whose data is in the pool.
    pub councils: Vec<String>,
    /// Processes (records) analysed.
    pub records: u64,
    /// Children placed, counted once per child per agreement.
    pub children: u64,
    /// Referrals.
    pub referrals: u64,
    /// The first and last placement start dates (UK dates).
    pub first_start: Option<String>,
    /// …
    pub last_start: Option<String>,
    /// What was left out, and how many of each.
    pub excluded: BTreeMap<String, u64>,
}

/// The whole answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The version of the standard the data was read as.
    pub pcds_version: &'static str,
    /// The suppression threshold.
    pub suppress_below: u64,
    /// The period asked for, as UK dates.
    pub period: Period,
    /// What the report covers.
    pub coverage: Coverage,
    /// The answers.
    pub sections: Vec<Section>,
}

/// A period of UK dates, either end open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub from: Option<String>,
    /// The last day.
    pub to: Option<String>,
}

impl Report {
    /// The table with this id, in any section.
    #[must_use]
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.sections
            .iter()
            .flat_map(|s| &s.tables)
            .find(|t| t.id == id)
    }
}

impl Pool {
    /// An empty pool.
    #[must_use]
    pub fn new(options: Options) -> Self {
        Pool {
            options: Options {
                suppress_below: options.suppress_below.max(1),
                ..options
            },
            ..Pool::default()
        }
    }

    /// The options the pool was made with.
    #[must_use]
    pub fn options(&self) -> &Options {
        &self.options
    }

    fn in_period(&self, date: Option<pcds::DateTime>) -> bool {
        within(&self.options, date)
    }

    /// Adds one process's compiled release (or its only release).
    pub fn add(&mut self, compiled: &pcds::Release) {
        let mut read = facts::read(compiled);
        self.processes += 1;
        let before = read.placements.len();
        read.placements.retain(|p| self.in_period(p.start));
        self.count_excluded(
            "children placed outside the period asked for",
            before - read.placements.len(),
        );
        for p in &read.placements {
            if let Some(reason) = p.excluded_price {
                *self
                    .excluded
                    .entry(format!("prices left out: {reason}"))
                    .or_default() += 1;
            } else if p.core_fee.is_none() {
                *self
                    .excluded
                    .entry(
                        "core fees left out: the core fee in force has no weekly equivalent \
                         (an hourly price with no hours a week, or a change to the whole price)"
                            .to_owned(),
                    )
                    .or_default() += 1;
            }
            self.councils.insert(p.council.clone());
        }
        // Fee changes count by the date they took effect, whenever the agreement started;
        // discounts by the agreements started in the period.
        for a in &mut read.agreements {
            a.steps
                .retain(|s| s.change.is_none() || within(&self.options, s.from));
            if !within(&self.options, a.start) {
                a.committed_discounts.clear();
                a.applied_discounts.clear();
            }
        }
        let before = read.referrals.len();
        read.referrals.retain(|r| self.in_period(r.referred));
        self.count_excluded(
            "referrals made outside the period asked for",
            before - read.referrals.len(),
        );
        for r in &read.referrals {
            self.councils.insert(r.council.clone());
        }
        read.blocks.retain(|b| self.in_period(b.from));
        self.facts.placements.append(&mut read.placements);
        self.facts.agreements.append(&mut read.agreements);
        self.facts.referrals.append(&mut read.referrals);
        self.facts.admissions.append(&mut read.admissions);
        self.facts.blocks.append(&mut read.blocks);
        self.facts.outcomes.append(&mut read.outcomes);
    }

    /// Records that `n` things were left out for `reason` (for example releases that did not
    /// read), so the report's coverage says so.
    pub fn count_excluded(&mut self, reason: &str, n: usize) {
        if n > 0 {
            *self.excluded.entry(reason.to_owned()).or_default() += n as u64;
        }
    }

    /// The report: coverage and every answer.
    #[must_use]
    pub fn report(&self) -> Report {
        let starts: Vec<NaiveDate> = self
            .facts
            .placements
            .iter()
            .filter_map(|p| p.start.map(|s| facts::uk_local(s).date()))
            .collect();
        Report {
            pcds_version: pcds::PCDS_VERSION,
            suppress_below: self.options.suppress_below,
            period: Period {
                from: self.options.from.map(|d| d.to_string()),
                to: self.options.to.map(|d| d.to_string()),
            },
            coverage: Coverage {
                councils: self.councils.iter().cloned().collect(),
                records: self.processes,
                children: self.facts.placements.len() as u64,
                referrals: self.facts.referrals.len() as u64,
                first_start: starts.iter().min().map(ToString::to_string),
                last_start: starts.iter().max().map(ToString::to_string),
                excluded: self.excluded.clone(),
            },
            sections: questions::answer(self, self.options.suppress_below),
        }
    }
}

/// Whether a moment falls on a UK date within the options' period (always, when none is set).
fn within(options: &Options, date: Option<pcds::DateTime>) -> bool {
    if options.from.is_none() && options.to.is_none() {
        return true;
    }
    let Some(date) = date.map(|d| facts::uk_local(d).date()) else {
        return false;
    };
    options.from.is_none_or(|from| date >= from) && options.to.is_none_or(|to| date <= to)
}

#[cfg(test)]
mod tests;
