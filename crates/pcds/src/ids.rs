//! Identifiers with a published shape: ocids, GSS codes and Ofsted URNs.
//!
//! Each is a string newtype that checks its shape on reading, with the same pattern in the
//! schema, so the types and the schema accept exactly the same identifiers.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, de};

/// Checks `text` against a pattern written as a list of character classes, each with a count.
/// The patterns here are simple enough that a small matcher keeps the model free of a regex
/// engine.
/// A character class and how many characters of it come next.
type Run = (fn(char) -> bool, usize);

fn matches(text: &str, parts: &[Run]) -> bool {
    let mut chars = text.chars();
    for (class, count) in parts {
        for _ in 0..*count {
            match chars.next() {
                Some(c) if class(c) => {}
                _ => return false,
            }
        }
    }
    chars.next().is_none()
}

macro_rules! identifier {
    (
        $(#[doc = $doc:literal])*
        $name:ident, $title:literal, $pattern:literal, $example:literal, $check:expr
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks the shape of `text` and wraps it.
            ///
            /// # Errors
            /// When `text` does not have the identifier's published shape.
            pub fn new(text: impl Into<String>) -> Result<Self, IdentifierError> {
                let text = text.into();
                let check: fn(&str) -> bool = $check;
                if check(&text) {
                    Ok($name(text))
                } else {
                    Err(IdentifierError { kind: $title, text, example: $example })
                }
            }

            /// The identifier as written.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The regular expression the schema uses for this identifier.
            pub const PATTERN: &'static str = $pattern;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $name::new(String::deserialize(deserializer)?).map_err(de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "title": $title,
                    "description": $crate::codelist::fold_doc(concat!($($doc, "\n"),*)),
                    "type": "string",
                    "pattern": $pattern,
                    "examples": [$example],
                })
            }
        }
    };
}

/// An identifier whose shape is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a valid {kind} (for example `{example}`)")]
pub struct IdentifierError {
    kind: &'static str,
    text: String,
    example: &'static str,
}

fn is_lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

identifier! {
    /// The open contracting id of a process: `ocds-`, the publisher's six-character prefix, a
    /// hyphen, then the publisher's own identifier for the process. One ocid per contracting
    /// process, never reused.
    Ocid, "Open contracting id", "^ocds-[a-z0-9]{6}-[A-Za-z0-9][A-Za-z0-9._/-]*$", "ocds-pcds01-wm-2025-0001",
    |t| {
        let Some(rest) = t.strip_prefix("ocds-") else { return false };
        let (prefix, local) = rest.split_at(rest.len().min(6));
        prefix.len() == 6
            && prefix.chars().all(is_lower_alnum)
            && local.strip_prefix('-').is_some_and(|local| {
                local.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                    && local.chars().all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c))
            })
    }
}

impl Ocid {
    /// The publisher prefix: `ocds-` and six characters, e.g. `ocds-pcds01`.
    #[must_use]
    pub fn prefix(&self) -> &str {
        &self.0[..11]
    }
}

/// A publisher's namespace of ocids, as a publishing token is scoped to: the OCDS prefix
/// (`ocds-` and six lower-case letters or digits), then any further segments of letters and
/// digits, each ending at a `-` separator, e.g. `ocds-pcdsex-bir-`.
///
/// A prefix always ends at a separator, so it holds whole segments only: `ocds-pcdsex-bi-`
/// does not contain `ocds-pcdsex-bir-2025-0001`. Written without its final `-`, it reads as
/// if it had one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OcidPrefix(String);

/// A text that is not an ocid prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an ocid prefix: `ocds-`, six lower-case letters or digits, then any segments \
     of letters and digits each followed by `-`, e.g. `ocds-pcdsex-bir-`"
)]
pub struct OcidPrefixError(String);

impl std::str::FromStr for OcidPrefix {
    type Err = OcidPrefixError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let whole = if text.ends_with('-') {
            text.to_owned()
        } else {
            format!("{text}-")
        };
        let refused = || OcidPrefixError(text.to_owned());
        let rest = whole.strip_prefix("ocds-").ok_or_else(refused)?;
        let mut segments = rest.split('-').collect::<Vec<_>>();
        // The text ends with `-`, so the last piece is empty.
        segments.pop();
        let Some((registered, local)) = segments.split_first() else {
            return Err(refused());
        };
        let registered_ok = registered.len() == 6 && registered.chars().all(is_lower_alnum);
        let local_ok = local
            .iter()
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()));
        if registered_ok && local_ok {
            Ok(OcidPrefix(whole))
        } else {
            Err(refused())
        }
    }
}

impl OcidPrefix {
    /// The prefix, ending with `-`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `ocid` is in this namespace.
    #[must_use]
    pub fn contains(&self, ocid: &str) -> bool {
        ocid.len() > self.0.len() && ocid.starts_with(&self.0)
    }

    /// Whether one of the two namespaces holds the other, so that both could name one ocid.
    #[must_use]
    pub fn overlaps(&self, other: &OcidPrefix) -> bool {
        self.0.starts_with(&other.0) || other.0.starts_with(&self.0)
    }
}

impl std::fmt::Display for OcidPrefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

identifier! {
    /// An ONS GSS code for a local authority area: a country letter (`E` England, `W` Wales,
    /// `S` Scotland, `N` Northern Ireland) and eight digits. Councils with children's services
    /// in England have `E06` (unitary), `E08` (metropolitan district), `E09` (London borough) or
    /// `E10` (county) codes.
    GssCode, "GSS code", "^[ENSW][0-9]{8}$", "E08000025",
    |t| matches(t, &[(|c| "ENSW".contains(c), 1), (|c| c.is_ascii_digit(), 8)])
}

impl GssCode {
    /// Whether this is the code of an English council with children's services (E06, E08, E09
    /// or E10).
    #[must_use]
    pub fn is_english_childrens_services_authority(&self) -> bool {
        ["E06", "E08", "E09", "E10"]
            .iter()
            .any(|p| self.0.starts_with(p))
    }
}

identifier! {
    /// An Ofsted unique reference number (URN) for a registered setting: `SC` and six digits, or
    /// seven digits for newer registrations. Settings are identified only by URN, never by
    /// address.
    OfstedUrn, "Ofsted URN", "^(SC[0-9]{6}|[0-9]{7})$", "SC123456",
    |t| matches(t, &[(|c| c == 'S', 1), (|c| c == 'C', 1), (|c| c.is_ascii_digit(), 6)])
        || matches(t, &[(|c| c.is_ascii_digit(), 7)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocid_prefixes_hold_whole_segments_only() {
        let bir: OcidPrefix = "ocds-pcdsex-bir-".parse().expect("valid");
        assert_eq!("ocds-pcdsex-bir".parse::<OcidPrefix>(), Ok(bir.clone()));
        assert!(bir.contains("ocds-pcdsex-bir-2025-0001"));
        assert!(!bir.contains("ocds-pcdsex-birx-2025-0001"));
        assert!(
            !bir.contains("ocds-pcdsex-bir-"),
            "the prefix alone is no ocid"
        );
        let registered: OcidPrefix = "ocds-pcdsex".parse().expect("valid");
        assert!(registered.contains("ocds-pcdsex-bir-1"));
        assert!(!registered.contains("ocds-pcdsexx-1"));
        assert!(registered.overlaps(&bir) && bir.overlaps(&registered));
        let other: OcidPrefix = "ocds-pcdsex-bi-".parse().expect("valid");
        assert!(!other.overlaps(&bir));
        assert!(!other.contains("ocds-pcdsex-bir-1"));
        for bad in [
            "ocds-abc",
            "ocds-abc123456-",
            "ocds-PCDSEX-",
            "ocds-pcdsex--",
            "ocds-pcdsex-b.r-",
            "pcdsex-bir-",
            "",
            "ocds-",
        ] {
            assert!(bad.parse::<OcidPrefix>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ocids() {
        let ocid = Ocid::new("ocds-pcds01-wm-2025-0001").expect("valid");
        assert_eq!(ocid.prefix(), "ocds-pcds01");
        for bad in [
            "ocds-pcds1-x",
            "ocds-PCDS01-x",
            "pcds01-x",
            "ocds-pcds01-",
            "ocds-pcds01x",
            "ocds-pcds01- x",
        ] {
            assert!(Ocid::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gss_codes() {
        assert!(
            GssCode::new("E09000022")
                .expect("valid")
                .is_english_childrens_services_authority()
        );
        assert!(
            !GssCode::new("E07000001")
                .expect("valid")
                .is_english_childrens_services_authority()
        );
        for bad in ["E0900002", "X09000022", "e09000022", "E090000221"] {
            assert!(GssCode::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ofsted_urns() {
        for good in ["SC123456", "2012345"] {
            assert!(OfstedUrn::new(good).is_ok(), "{good}");
        }
        for bad in ["SC12345", "sc123456", "123456", "SC1234567", "EY123456"] {
            assert!(OfstedUrn::new(bad).is_err(), "{bad}");
        }
    }
}
