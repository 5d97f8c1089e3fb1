//! Releases, records and the packages that carry them: the top of the standard.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::award::Award;
use crate::bid::Bids;
use crate::codelists::{InitiationType, ProcessType, PublicationLevel, ReleaseTag};
use crate::common::RelatedProcess;
use crate::contract::Contract;
use crate::date::DateTime;
use crate::ids::Ocid;
use crate::party::{Organization, OrganizationReference, Setting};
use crate::tender::Tender;

/// A release: what was known about one contracting process at one moment, e.g. a referral
/// sent, offers received, a placement agreed, a fee uplifted, a placement ended. An OCDS 1.1
/// release with PCDS additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    /// The process's open contracting id: the publisher's ocid prefix and a local id. Every
    /// release about the same placement search, framework or block contract has the same ocid.
    pub ocid: Ocid,
    /// The release's id, unique within the ocid. Publishers often use the ocid and a
    /// timestamp or sequence number.
    #[schemars(length(min = 1))]
    pub id: String,
    /// When this release was published (for a release describing an event, on or after the
    /// event).
    pub date: DateTime,
    /// The stages of the process this release describes.
    #[schemars(length(min = 1))]
    pub tag: Vec<ReleaseTag>,
    /// How the process was started; always `tender`.
    pub initiation_type: InitiationType,
    /// The kind of process: a placement, a framework, a DPS, a block or a cost-and-volume
    /// contract.
    pub process_type: ProcessType,
    /// The language of the release's text, as an IETF language tag; `en` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Every organisation the release mentions: councils, hubs and providers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Organization>,
    /// The council buying (a party of the release).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer: Option<OrganizationReference>,
    /// The registered settings the release mentions, by Ofsted URN.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<Setting>,
    /// The referral (for a placement) or the competition (for a framework or DPS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender: Option<Tender>,
    /// Providers' offers and refusals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bids: Option<Bids>,
    /// Decisions: the offer chosen, or providers admitted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    /// Agreements: placement agreements, block contracts, framework agreements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
    /// Other processes this one relates to, e.g. the framework a placement was called off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_processes: Vec<RelatedProcess>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// The organisation publishing a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Publisher {
    /// The publisher's name, e.g. a council or a regional marketplace.
    pub name: String,
    /// The register the `uid` comes from, e.g. `GB-LAE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The publisher's identifier in `scheme`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// A web address for the publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub uri: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// The metadata every PCDS package carries: where it lives, who published it, when, under what
/// licence, for whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PackageMetadata {
    /// Where this package can be read: its permanent URI.
    #[schemars(url)]
    pub uri: String,
    /// The OCDS version the package follows: `1.1`.
    #[schemars(regex(pattern = r"^1\.1$"))]
    pub version: String,
    /// The PCDS version the package follows, e.g. `0.1`.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+$"))]
    pub pcds_version: String,
    /// Who may see the data: `open` for open publication, `partnership` for pooling within a
    /// regional partnership. The validator checks the data against the level it claims.
    pub publication_level: PublicationLevel,
    /// When the package was published.
    pub published_date: DateTime,
    /// Who published the package.
    pub publisher: Publisher,
    /// The URI of the licence the data is published under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub license: Option<String>,
    /// The URI of the publisher's publication policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub publication_policy: Option<String>,
    /// URIs of the OCDS extensions the data uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(url))]
    pub extensions: Vec<String>,
}

impl PackageMetadata {
    /// The metadata of a package `publisher` publishes at `uri` on `published`, for readers at
    /// `level`, following the OCDS and PCDS versions of this crate.
    #[must_use]
    pub fn new(
        uri: impl Into<String>,
        publisher: impl Into<String>,
        level: PublicationLevel,
        published: DateTime,
    ) -> Self {
        PackageMetadata {
            uri: uri.into(),
            version: crate::OCDS_VERSION.to_owned(),
            pcds_version: crate::PCDS_VERSION.to_owned(),
            publication_level: level,
            published_date: published,
            publisher: Publisher {
                name: publisher.into(),
                scheme: None,
                uid: None,
                uri: None,
                additional_fields: AdditionalFields::new(),
            },
            license: None,
            publication_policy: None,
            extensions: Vec::new(),
        }
    }
}

/// A release package: the unit of publication, holding one or more releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReleasePackage {
    /// Where, by whom, when and for whom the package was published.
    #[serde(flatten)]
    pub metadata: PackageMetadata,
    /// The releases.
    #[schemars(length(min = 1))]
    pub releases: Vec<Release>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A record: everything published about one process, gathered under its ocid, with the
/// compiled current state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// The process's ocid.
    pub ocid: Ocid,
    /// Every release about the process, oldest first: embedded in full, or linked.
    #[schemars(length(min = 1))]
    pub releases: Vec<RecordRelease>,
    /// The process's current state: all its releases merged by the OCDS merge rules, tagged
    /// `compiled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compiled_release: Option<Release>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A release in a record: embedded in full, or a link to where it is published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RecordRelease {
    /// The whole release.
    Embedded(Box<Release>),
    /// A link to the release.
    Linked(LinkedRelease),
}

/// A link to a release published elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkedRelease {
    /// The URL of the release package holding the release, with a fragment naming the release
    /// where useful.
    #[schemars(url)]
    pub url: String,
    /// The release's date.
    pub date: DateTime,
    /// The release's tags.
    #[schemars(length(min = 1))]
    pub tag: Vec<ReleaseTag>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A record package: records for one or more processes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordPackage {
    /// Where, by whom, when and for whom the package was published.
    #[serde(flatten)]
    pub metadata: PackageMetadata,
    /// URIs of the release packages the records were compiled from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(url))]
    pub packages: Vec<String>,
    /// The records.
    #[schemars(length(min = 1))]
    pub records: Vec<Record>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

impl RecordPackage {
    /// A record package of `records`, with `metadata`, compiled from the release packages at
    /// the `packages` URIs (none when the releases were not read from published packages).
    #[must_use]
    pub fn new(metadata: PackageMetadata, packages: Vec<String>, records: Vec<Record>) -> Self {
        RecordPackage {
            metadata,
            packages,
            records,
            additional_fields: AdditionalFields::new(),
        }
    }
}
