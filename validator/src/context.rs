//! The context of a process: what releases already published about it declare, so that a new
//! release is judged as part of its process, not alone.
//!
//! A release may refer to what an earlier release of its process published: a contract
//! release repeats its award, whose `relatedBids` name offers published in a `tenderUpdate`;
//! an admission names a tier its framework's tender declared. Judged alone, such a release
//! names things it does not hold. Every path that receives releases one at a time (the
//! server, which stores the earlier ones; a harvester, which has read them earlier in the
//! feed) gives the validator what those earlier releases declare, and the one rule holds
//! everywhere: a reference resolves against the releases of the same ocid in the input or in
//! the context.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::layers::semantic::{Target, declared_by};

/// What earlier releases declare, by ocid: awards, offers and refusals, tiers and children.
#[derive(Debug, Clone, Default)]
pub struct ProcessContext {
    declared: HashMap<String, HashSet<(Target, String)>>,
}

impl ProcessContext {
    /// An empty context: releases are judged with only the input's own releases.
    #[must_use]
    pub fn new() -> Self {
        ProcessContext::default()
    }

    /// Adds what `release` declares to the context of its process. A value that does not
    /// read as a release declares nothing.
    pub fn add(&mut self, release: &Value) {
        let Some(ocid) = release.get("ocid").and_then(Value::as_str) else {
            return;
        };
        let Ok(parsed) = serde_json::from_value::<pcds::Release>(release.clone()) else {
            return;
        };
        self.declared
            .entry(ocid.to_owned())
            .or_default()
            .extend(declared_by(&parsed));
    }

    /// How many processes the context knows of.
    #[must_use]
    pub fn processes(&self) -> usize {
        self.declared.len()
    }

    /// What the context knows of each process, to start an input's state from.
    pub(crate) fn declared(&self) -> &HashMap<String, HashSet<(Target, String)>> {
        &self.declared
    }
}
