//! What PCDS takes from OCDS 1.1: the objects and fields the Open Contracting Data Standard
//! defines, so the field reference can say of each PCDS field whether it is an OCDS field or a
//! PCDS addition.
//!
//! The list is this crate's own statement of OCDS 1.1.5, not a copy of the upstream schema: each
//! object is named as PCDS names it, with the place in the upstream schema files where OCDS
//! defines its fields. A test reads the upstream schemas and checks that every object here lists
//! exactly the fields OCDS gives it, deprecated ones included.

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
    }
}
