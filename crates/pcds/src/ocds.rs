//! What PCDS takes from OCDS 1.1: the objects and fields the Open Contracting Data Standard
//! defines, so the field reference can say of each PCDS field whether it is an OCDS field or a
//! PCDS addition.
//!
//! The list is this crate's own statement of OCDS 1.1.5, not a copy of the upstream schema: each
//! object is named as PCDS names it, with the place in the upstream schema files where OCDS
//! defines its fields. A test reads the upstream schemas and checks that every object here lists
//! exactly the fields OCDS gives it, deprecated ones included.
//!
//! It also says what shape OCDS gives the fields PCDS leaves to publishers
//! ([`PUBLISHER_FIELDS`]), so the validator can keep data that carries them valid OCDS; a test
//! checks each shape against the upstream schema.

/// One object OCDS 1.1 defines, and its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OcdsObject {
    /// The object's name in PCDS, which is also its name in OCDS where OCDS names it.
    pub name: &'static str,
    /// The upstream schema file that defines it, e.g. `release-schema.json`.
    pub schema_file: &'static str,
    /// The JSON pointer, within that file, of the object's `properties`.
    pub pointer: &'static str,
    /// Every field OCDS 1.1.5 gives the object, deprecated ones included.
    pub fields: &'static [&'static str],
}

/// Every OCDS 1.1 object PCDS uses or shares a name with, with all its OCDS fields.
pub const OBJECTS: &[OcdsObject] = &[
    OcdsObject {
        name: "ReleasePackage",
        schema_file: "release-package-schema.json",
        pointer: "/properties",
        fields: &[
            "uri",
            "version",
            "extensions",
            "publishedDate",
            "releases",
            "publisher",
            "license",
            "publicationPolicy",
        ],
    },
    OcdsObject {
        name: "RecordPackage",
        schema_file: "record-package-schema.json",
        pointer: "/properties",
        fields: &[
            "uri",
            "version",
            "extensions",
            "publisher",
            "license",
            "publicationPolicy",
            "publishedDate",
            "packages",
            "records",
        ],
    },
    OcdsObject {
        name: "Publisher",
        schema_file: "release-package-schema.json",
        pointer: "/properties/publisher/properties",
        fields: &["name", "scheme", "uid", "uri"],
    },
    OcdsObject {
        name: "Record",
        schema_file: "record-package-schema.json",
        pointer: "/definitions/record/properties",
        fields: &["ocid", "releases", "compiledRelease", "versionedRelease"],
    },
    OcdsObject {
        name: "LinkedRelease",
        schema_file: "record-package-schema.json",
        pointer: "/definitions/record/properties/releases/oneOf/0/items/properties",
        fields: &["url", "date", "tag"],
    },
    OcdsObject {
        name: "Release",
        schema_file: "release-schema.json",
        pointer: "/properties",
        fields: &[
            "ocid",
            "id",
            "date",
            "tag",
            "initiationType",
            "parties",
            "buyer",
            "planning",
            "tender",
            "awards",
            "contracts",
            "language",
            "relatedProcesses",
        ],
    },
    OcdsObject {
        name: "Planning",
        schema_file: "release-schema.json",
        pointer: "/definitions/Planning/properties",
        fields: &["rationale", "budget", "documents", "milestones"],
    },
    OcdsObject {
        name: "Tender",
        schema_file: "release-schema.json",
        pointer: "/definitions/Tender/properties",
        fields: &[
            "id",
            "title",
            "description",
            "status",
            "procuringEntity",
            "items",
            "value",
            "minValue",
            "procurementMethod",
            "procurementMethodDetails",
            "procurementMethodRationale",
            "mainProcurementCategory",
            "additionalProcurementCategories",
            "awardCriteria",
            "awardCriteriaDetails",
            "submissionMethod",
            "submissionMethodDetails",
            "tenderPeriod",
            "enquiryPeriod",
            "hasEnquiries",
            "eligibilityCriteria",
            "awardPeriod",
            "contractPeriod",
            "numberOfTenderers",
            "tenderers",
            "documents",
            "milestones",
            "amendments",
            "amendment",
        ],
    },
    OcdsObject {
        name: "Award",
        schema_file: "release-schema.json",
        pointer: "/definitions/Award/properties",
        fields: &[
            "id",
            "title",
            "description",
            "status",
            "date",
            "value",
            "suppliers",
            "items",
            "contractPeriod",
            "documents",
            "amendments",
            "amendment",
        ],
    },
    OcdsObject {
        name: "Contract",
        schema_file: "release-schema.json",
        pointer: "/definitions/Contract/properties",
        fields: &[
            "id",
            "awardID",
            "title",
            "description",
            "status",
            "period",
            "value",
            "items",
            "dateSigned",
            "documents",
            "implementation",
            "relatedProcesses",
            "milestones",
            "amendments",
            "amendment",
        ],
    },
    OcdsObject {
        name: "Implementation",
        schema_file: "release-schema.json",
        pointer: "/definitions/Implementation/properties",
        fields: &["transactions", "milestones", "documents"],
    },
    OcdsObject {
        name: "Milestone",
        schema_file: "release-schema.json",
        pointer: "/definitions/Milestone/properties",
        fields: &[
            "id",
            "title",
            "type",
            "description",
            "code",
            "dueDate",
            "dateMet",
            "dateModified",
            "status",
            "documents",
        ],
    },
    OcdsObject {
        name: "Document",
        schema_file: "release-schema.json",
        pointer: "/definitions/Document/properties",
        fields: &[
            "id",
            "documentType",
            "title",
            "description",
            "url",
            "datePublished",
            "dateModified",
            "format",
            "language",
        ],
    },
    OcdsObject {
        name: "Budget",
        schema_file: "release-schema.json",
        pointer: "/definitions/Budget/properties",
        fields: &[
            "id",
            "description",
            "amount",
            "project",
            "projectID",
            "uri",
            "source",
        ],
    },
    OcdsObject {
        name: "Transaction",
        schema_file: "release-schema.json",
        pointer: "/definitions/Transaction/properties",
        fields: &[
            "id",
            "source",
            "date",
            "value",
            "payer",
            "payee",
            "uri",
            "amount",
            "providerOrganization",
            "receiverOrganization",
        ],
    },
    OcdsObject {
        name: "OrganizationReference",
        schema_file: "release-schema.json",
        pointer: "/definitions/OrganizationReference/properties",
        fields: &[
            "name",
            "id",
            "identifier",
            "address",
            "additionalIdentifiers",
            "contactPoint",
        ],
    },
    OcdsObject {
        name: "Organization",
        schema_file: "release-schema.json",
        pointer: "/definitions/Organization/properties",
        fields: &[
            "name",
            "id",
            "identifier",
            "additionalIdentifiers",
            "address",
            "contactPoint",
            "roles",
            "details",
        ],
    },
    OcdsObject {
        name: "Item",
        schema_file: "release-schema.json",
        pointer: "/definitions/Item/properties",
        fields: &[
            "id",
            "description",
            "classification",
            "additionalClassifications",
            "quantity",
            "unit",
        ],
    },
    OcdsObject {
        name: "Amendment",
        schema_file: "release-schema.json",
        pointer: "/definitions/Amendment/properties",
        fields: &[
            "date",
            "rationale",
            "id",
            "description",
            "amendsReleaseID",
            "releaseID",
            "changes",
        ],
    },
    OcdsObject {
        name: "Classification",
        schema_file: "release-schema.json",
        pointer: "/definitions/Classification/properties",
        fields: &["scheme", "id", "description", "uri"],
    },
    OcdsObject {
        name: "Identifier",
        schema_file: "release-schema.json",
        pointer: "/definitions/Identifier/properties",
        fields: &["scheme", "id", "legalName", "uri"],
    },
    OcdsObject {
        name: "Address",
        schema_file: "release-schema.json",
        pointer: "/definitions/Address/properties",
        fields: &[
            "streetAddress",
            "locality",
            "region",
            "postalCode",
            "countryName",
        ],
    },
    OcdsObject {
        name: "ContactPoint",
        schema_file: "release-schema.json",
        pointer: "/definitions/ContactPoint/properties",
        fields: &["name", "email", "telephone", "faxNumber", "url"],
    },
    OcdsObject {
        name: "Value",
        schema_file: "release-schema.json",
        pointer: "/definitions/Value/properties",
        fields: &["amount", "currency"],
    },
    OcdsObject {
        name: "Period",
        schema_file: "release-schema.json",
        pointer: "/definitions/Period/properties",
        fields: &["startDate", "endDate", "maxExtentDate", "durationInDays"],
    },
    OcdsObject {
        name: "RelatedProcess",
        schema_file: "release-schema.json",
        pointer: "/definitions/RelatedProcess/properties",
        fields: &["id", "relationship", "title", "scheme", "identifier", "uri"],
    },
];

/// The shape OCDS 1.1.5 gives a field that PCDS does not define, which a publisher may still
/// carry: OCDS tools reject the data when the field has another shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldShape {
    /// An object.
    Object,
    /// A string.
    String,
    /// `true` or `false`.
    Boolean,
    /// A list of strings.
    StringList,
    /// A list of objects, each with a non-empty `id`.
    IdentifiedList,
    /// Milestones: a list of objects, each with an `id`, whose `status` is a code of the closed
    /// OCDS list [`MILESTONE_STATUS`].
    Milestones,
}

/// The OCDS 1.1.5 fields PCDS leaves to publishers, by name, with the shape OCDS gives them.
/// Each is a field of an object in [`OBJECTS`], and means the same wherever OCDS uses the name.
pub const PUBLISHER_FIELDS: &[(&str, FieldShape)] = &[
    ("planning", FieldShape::Object),
    ("budget", FieldShape::Object),
    ("address", FieldShape::Object),
    ("contactPoint", FieldShape::Object),
    ("minValue", FieldShape::Object),
    ("enquiryPeriod", FieldShape::Object),
    ("awardPeriod", FieldShape::Object),
    ("amendment", FieldShape::Object),
    ("classification", FieldShape::Object),
    ("hasEnquiries", FieldShape::Boolean),
    ("eligibilityCriteria", FieldShape::String),
    ("awardCriteriaDetails", FieldShape::String),
    ("procurementMethodRationale", FieldShape::String),
    ("submissionMethodDetails", FieldShape::String),
    ("submissionMethod", FieldShape::StringList),
    ("additionalProcurementCategories", FieldShape::StringList),
    ("items", FieldShape::IdentifiedList),
    ("milestones", FieldShape::Milestones),
];

/// The codes of the closed OCDS 1.1.5 codelist `milestoneStatus`.
pub const MILESTONE_STATUS: &[&str] = &["scheduled", "met", "notMet", "partiallyMet"];

/// The shape OCDS gives `field`, when it is one of the [`PUBLISHER_FIELDS`].
#[must_use]
pub fn publisher_field(field: &str) -> Option<FieldShape> {
    PUBLISHER_FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, shape)| *shape)
}

/// The OCDS object PCDS names `name`, if OCDS defines one.
#[must_use]
pub fn object(name: &str) -> Option<&'static OcdsObject> {
    OBJECTS.iter().find(|o| o.name == name)
}

/// Whether `field` of the PCDS object `object` is a field OCDS 1.1 defines there (as opposed to
/// a PCDS addition).
#[must_use]
pub fn is_ocds_field(object: &str, field: &str) -> bool {
    self::object(object).is_some_and(|o| o.fields.contains(&field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_lookups_work() {
        for (i, a) in OBJECTS.iter().enumerate() {
            assert!(
                OBJECTS[i + 1..].iter().all(|b| b.name != a.name),
                "{}",
                a.name
            );
        }
        assert!(is_ocds_field("Tender", "procuringEntity"));
        assert!(!is_ocds_field("Tender", "referral"));
        assert!(!is_ocds_field("Referral", "urgency"));
        assert_eq!(publisher_field("items"), Some(FieldShape::IdentifiedList));
        assert_eq!(publisher_field("referral"), None);
    }

    #[test]
    fn every_publisher_field_is_a_field_of_a_listed_object() {
        for (field, _) in PUBLISHER_FIELDS {
            assert!(
                OBJECTS.iter().any(|o| o.fields.contains(field)),
                "`{field}` is in no OCDS object of OBJECTS"
            );
        }
    }
}
