//! Parties (councils and providers) and the settings where children live.
//!
//! No party or setting carries an address or a named contact: councils are identified by GSS
//! code and org-id, providers by Companies House or Charity Commission number, settings by
//! Ofsted URN. Children's homes' locations are confidential, so a setting's place is given only
//! as the council area it is in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::AdditionalFields;
use crate::codelists::{OfstedJudgement, PartyRole, ProviderType, SettingType};
use crate::date::DateTime;
use crate::ids::{GssCode, OfstedUrn};

/// An organisation taking part in a process: a council, a regional hub, a provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// The party's id within this release, used by every reference to it. Conventionally the
    /// org-id of its main identifier, e.g. `GB-COH-01234567`.
    pub id: String,
    /// The organisation's common name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The organisation's main identifier in an org-id.guide register: `GB-LAE` for councils,
    /// `GB-COH` for companies, `GB-CHC` for charities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// Other identifiers of the same organisation, for example a charity's company number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_identifiers: Vec<Identifier>,
    /// The parts the organisation plays in this process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<PartyRole>,
    /// What PCDS records about the organisation beyond OCDS: its provider type, or a council's
    /// GSS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<OrganizationDetails>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// An organisation's registered identifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// The org-id.guide register prefix, e.g. `GB-COH` (Companies House), `GB-CHC` (Charity
    /// Commission for England and Wales), `GB-LAE` (local authorities in England).
    pub scheme: String,
    /// The identifier within that register, e.g. a company number `01234567`.
    pub id: String,
    /// The organisation's legally registered name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    /// A web address for the organisation's entry in the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub uri: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// PCDS details about an organisation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationDetails {
    /// For a provider: the kind of organisation, as a council records it in SSDA903.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_type: Option<ProviderType>,
    /// For a council: the ONS GSS code of its area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gss_code: Option<GssCode>,
    /// For a council: its three-digit DfE local authority number, e.g. `330` for Birmingham.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{3}$"))]
    pub dfe_number: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A reference to a party of the same release, by its `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationReference {
    /// The `id` of an entry in the release's `parties`.
    pub id: String,
    /// The organisation's name, repeated for readers of this object alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

/// A registered setting: a children's home, fostering agency, residential school or supported
/// accommodation service. Identified only by its Ofsted URN. For foster care the setting is the
/// fostering agency: its carers' homes are never listed, so a foster placement's council area
/// (`placementCouncilArea`) may differ from the agency's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Setting {
    /// The setting's Ofsted URN, which every reference to the setting uses.
    pub id: OfstedUrn,
    /// The `id` of the party that runs the setting.
    pub provider_id: String,
    /// The kind of setting, as Ofsted registers it.
    pub setting_type: SettingType,
    /// The GSS code of the council area the setting is in. The only location PCDS gives for a
    /// setting: addresses of children's homes are confidential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council_area: Option<GssCode>,
    /// The number of children the setting is registered to care for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_places: Option<u32>,
    /// When the setting was registered with Ofsted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_date: Option<DateTime>,
    /// Ofsted's overall judgements of the setting, oldest first. The latest inspection is the
    /// setting's current rating.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inspections: Vec<Inspection>,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}

impl Setting {
    /// The judgement of the most recent inspection, if any.
    #[must_use]
    pub fn current_judgement(&self) -> Option<&OfstedJudgement> {
        self.inspections
            .iter()
            .max_by_key(|i| i.date)
            .map(|i| &i.judgement)
    }
}

/// One Ofsted inspection's overall effectiveness judgement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// When the inspection took place (its last day).
    pub date: DateTime,
    /// The overall effectiveness judgement.
    pub judgement: OfstedJudgement,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: AdditionalFields,
}
