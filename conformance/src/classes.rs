//! Conformance classes: what a product can claim to support, each with a stable URI, like OGC
//! API conformance classes.

use serde::Serialize;

/// The base of every class URI.
pub const CLASS_BASE_URI: &str = "https://standard.pcds.org.uk/0.2/conformance/";

/// A conformance class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Class {
    /// The class's short name, used as its directory under `cases/`.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// What a product claiming the class does.
    pub description: &'static str,
    /// The rule-code prefixes whose findings count against the class when a dataset is checked
    /// (`pcds conformance report`).
    pub rules: &'static [&'static str],
    /// Whether the class is about a live publishing endpoint rather than documents.
    pub endpoint: bool,
}

impl Class {
    /// The class's stable URI.
    #[must_use]
    pub fn uri(&self) -> String {
        format!("{CLASS_BASE_URI}{}", self.id)
    }
}

/// Every class, in the order they are presented.
pub const CLASSES: &[Class] = &[
    Class {
        id: "core",
        title: "Core",
        description: "Valid release and record packages: well-formed JSON, the schema, codelists, unique identifiers, references that resolve, dates in order, one ocid prefix, care rules, and OCDS compatibility.",
        rules: &[
            "PCDS-PARSE-",
            "PCDS-DOC-",
            "PCDS-SCHEMA-",
            "PCDS-CODE-",
            "PCDS-REF-",
            "PCDS-ID-",
            "PCDS-DATE-",
            "PCDS-PUB-",
            "PCDS-CARE-001",
            "PCDS-CARE-004",
            "PCDS-OCDS-",
        ],
        endpoint: false,
    },
    Class {
        id: "pricing",
        title: "Pricing",
        description: "Price breakdowns that add up, weekly equivalents, committed and applied discounts with their starting points, fee reviews and uplifts, plausible values.",
        rules: &["PCDS-PRICE-"],
        endpoint: false,
    },
    Class {
        id: "framework",
        title: "Frameworks and DPS",
        description: "Framework and DPS processes: lots, qualification, price schedules, provider admission and status history, and placements linked to the framework they were called off.",
        rules: &["PCDS-CARE-002", "PCDS-REF-005"],
        endpoint: false,
    },
    Class {
        id: "outcomes",
        title: "Outcomes",
        description: "What happens after a placement starts: payments, outcome indicators, endings and their reasons.",
        rules: &["PCDS-CARE-003"],
        endpoint: false,
    },
    Class {
        id: "open-data",
        title: "Open data",
        description: "Safe for open publication: no direct identifiers in free text or in fields of any name, no child-level detail beyond age band, no rare combinations of child attributes.",
        rules: &["PCDS-PRIV-"],
        endpoint: false,
    },
    Class {
        id: "feed",
        title: "Publishing feed",
        description: "A publishing endpoint: discovery document, paged change feed with a stable order and a `next` link, content types, and every item valid. Checked against a live URL, not with document cases.",
        rules: &[],
        endpoint: true,
    },
];

/// Looks up a class by its id.
#[must_use]
pub fn find(id: &str) -> Option<&'static Class> {
    CLASSES.iter().find(|c| c.id == id)
}

/// Whether a rule code counts against a class.
#[must_use]
pub fn counts_against(class: &Class, code: &str) -> bool {
    class.rules.iter().any(|prefix| code.starts_with(prefix))
}
