//! Detectors for personal data in free text and in field names.
//!
//! What it is for: the privacy rules `PCDS-PRIV-001` to `PCDS-PRIV-008` ask whether a string
//! holds an email address, a UK phone number, a postcode or street address, a date of birth, an
//! NHS number, a unique pupil number or a person's name, and whether the name of a field the
//! standard does not define suggests personal data. [`scan`] and [`personal_field`] answer those
//! questions as pure functions over `&str`.
//!
//! What it is not for: choosing severities or wording findings (the fields layer does that), or
//! proving that text is safe. The detectors are heuristics, tuned so that ordinary
//! commissioning text (fees, dates, ocids, Ofsted URNs, company numbers, GSS codes, provider and
//! place names) does not trigger them while the shapes personal data takes in UK children's
//! services records do. `docs/src/concepts/privacy.md` states how much of a labelled corpus
//! they find and how often they fire on professional text; a test keeps those figures true.
//!
//! Text is matched after folding Unicode spaces, dashes and full-width characters to ASCII
//! (`fold`). Speed matters because [`scan`] sees every free-text string of datasets that run to
//! gigabytes: one pass over the bytes decides which detectors can match at all (phone and NHS
//! numbers need ten digits, a postcode needs a digit and two letters at the end of a word, an
//! email an `@`, a date of birth five digits or a word such as "born", a name a capital letter
//! or a title), so clean strings usually cost that pass alone. The patterns are compiled once
//! and none backtracks; the numeric, address and name detectors are hand-written scanners that
//! read each part of the text a bounded number of times, and the name lists are hash sets built
//! once.

use std::sync::LazyLock;

use regex::Regex;

/// What kind of personal data a piece of text seems to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An email address (`PCDS-PRIV-001`).
    Email,
    /// A UK phone number: a mobile, a geographic or `03` number (`PCDS-PRIV-002`).
    Phone,
    /// A full UK postcode, outward and inward code (`PCDS-PRIV-003`).
    Postcode,
    /// A date next to words such as "DOB", "born" or "date of birth", or a full date that the
    /// words around it make a child's (`PCDS-PRIV-004`).
    DateOfBirth,
    /// A ten-digit number with a valid NHS number check digit (`PCDS-PRIV-005`).
    NhsNumber,
    /// A unique pupil number: a letter and twelve digits (`PCDS-PRIV-006`).
    Upn,
    /// A person's name after a title ("Ms Holloway") or after "name:" or "called", or a given
    /// name and a surname from the name lists ("Jamie Smith", "Smith, Jamie") (`PCDS-PRIV-007`).
    Name,
    /// A street address: a house or flat number and a street or building name ("14 Acacia
    /// Road", "Flat 2B Rowan Court"), reported with postcodes (`PCDS-PRIV-003`).
    Address,
}

/// One match: the kind and the matched text (for the message; callers mask it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What the text seems to hold.
    pub kind: Kind,
    /// The part of the text that matched: the address, number, postcode or date, or the name
    /// (with its title, if it had one).
    pub text: String,
}

/// Scans free text; returns at most one hit per kind, in the order of [`Kind`].
///
/// The text is matched after folding Unicode spaces, dashes and full-width characters to ASCII
/// (see the `fold` module); each hit's text is the original text that matched.
#[must_use]
pub fn scan(text: &str) -> Vec<Hit> {
    let original = text;
    let folded = fold(original);
    let text: &str = &folded;
    let shape = Shape::of(text);
    let mut hits = Vec::new();
    let mut add = |kind, found: Option<&str>| {
        if let Some(found) = found {
            hits.push(Hit {
                kind,
                text: self::fold::original(original, text, found).to_owned(),
            });
        }
    };
    if shape.at {
        add(Kind::Email, find_email(text));
    }
    if shape.digits >= 10 {
        add(Kind::Phone, find_phone(text));
    }
    if shape.inward {
        add(Kind::Postcode, find_postcode(text));
    }
    if shape.digits >= 5 || (shape.birth && shape.digits > 0) {
        add(Kind::DateOfBirth, find_date_of_birth(text));
    }
    if shape.digits >= 10 && shape.longest_run >= 4 {
        add(Kind::NhsNumber, find_nhs_number(text));
    }
    if shape.longest_run >= 12 {
        add(Kind::Upn, find_upn(text));
    }
    if shape.name_cue || shape.capital {
        let cued = if shape.name_cue {
            find_name(text)
        } else {
            None
        };
        add(
            Kind::Name,
            cued.or_else(|| shape.capital.then(|| find_person(text)).flatten()),
        );
    }
    if shape.digits > 0 {
        add(Kind::Address, find_address(text));
    }
    hits
}

/// What one pass over the bytes of a text finds out, to skip the detectors that cannot match.
/// Each field is a necessary condition of some detector, never a sufficient one.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// How many ASCII digits the text has: phone and NHS numbers have at least ten.
    digits: usize,
    /// The longest run of consecutive digits: a UPN has twelve, an NHS number at least four.
    longest_run: usize,
    /// Whether the text has an `@`, which every email address has.
    at: bool,
    /// Whether a digit is followed by two letters and then no letter or digit: the inward code
    /// that ends every postcode (`2TT`).
    inward: bool,
    /// Whether the text has `born`, `birth`, `bday`, `b'day`, `dob` or `d.o.b` in any case.
    birth: bool,
    /// Whether the text has a capital letter (an ASCII one, or one of the Latin letters that
    /// UTF-8 writes with the lead byte `0xC3`, such as `É`): every name starts with one.
    capital: bool,
    /// Whether the text has a word that [`NAME_CUE`] starts with: a title, `name` or `names`
    /// in any case, `named` or `called`.
    name_cue: bool,
}

/// The titles that come before a name, in title and upper case (`Mr`, `MR`; not `mr`).
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master", "MR", "MRS", "MS", "MISS", "MX", "DR",
    "MASTER",
];

/// For each byte value: whether [`Shape::of`] needs to look at it more closely. Every other
/// byte only ends a run of digits.
static NOTABLE: [bool; 256] = {
    let mut notable = [false; 256];
    let mut byte = b'0';
    while byte <= b'9' {
        notable[byte as usize] = true;
        byte += 1;
    }
    let others = b"@bnc\xc3";
    let mut i = 0;
    while i < others.len() {
        notable[others[i] as usize] = true;
        i += 1;
    }
    let mut byte = b'A';
    while byte <= b'Z' {
        notable[byte as usize] = true;
        byte += 1;
    }
    notable
};

impl Shape {
    /// Reads `text` once. Most bytes need one table look-up; the context of the few that may
    /// start something is only looked at when they turn up.
    fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        let mut shape = Shape::default();
        let mut run = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            if !NOTABLE[usize::from(byte)] {
                run = 0;
            } else if byte.is_ascii_digit() {
                shape.digits += 1;
                run += 1;
                shape.longest_run = shape.longest_run.max(run);
                if !shape.inward {
                    let rest = &bytes[i + 1..];
                    shape.inward = rest.get(..2).is_some_and(|letters| {
                        letters.iter().all(u8::is_ascii_alphabetic)
                            && !rest.get(2).is_some_and(u8::is_ascii_alphanumeric)
                    });
                }
            } else {
                run = 0;
                shape.look_closer(bytes, i);
            }
        }
        shape
    }

    /// Looks at the notable byte `bytes[i]` that is not a digit.
    fn look_closer(&mut self, bytes: &[u8], i: usize) {
        let (before, rest) = (&bytes[..i], &bytes[i + 1..]);
        if bytes[i].is_ascii_uppercase() || bytes[i] == 0xc3 {
            self.capital = true;
        }
        match bytes[i] {
            b'@' => self.at = true,
            b'b' | b'B' if !self.birth => {
                self.birth = starts_with_ignoring_case(rest, b"orn")
                    || starts_with_ignoring_case(rest, b"day")
                    || starts_with_ignoring_case(rest, b"'day")
                    || starts_with_ignoring_case(rest, b"irth")
                    || ends_with_ignoring_case(before, b"do")
                    || ends_with_ignoring_case(before, b"d.o.");
            }
            b'M' | b'D' | b'N' | b'n' | b'c'
                if !self.name_cue && !before.last().is_some_and(u8::is_ascii_alphanumeric) =>
            {
                let word =
                    &bytes[i..i + 1 + rest.iter().take_while(|b| b.is_ascii_alphabetic()).count()];
                self.name_cue = TITLES.iter().any(|title| title.as_bytes() == word)
                    || word.eq_ignore_ascii_case(b"name")
                    || word.eq_ignore_ascii_case(b"names")
                    || word == b"named"
                    || word == b"called";
            }
            _ => {}
        }
    }
}

/// Whether `bytes` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignoring_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// Whether `bytes` ends with `suffix`, ignoring ASCII case.
fn ends_with_ignoring_case(bytes: &[u8], suffix: &[u8]) -> bool {
    bytes.len() >= suffix.len() && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Compiles one of this module's patterns.
///
/// Case-insensitive patterns are ASCII-only (`(?i-u)`): the crate builds `regex` without its
/// `unicode-case` feature, and Unicode case folding would not help with these patterns anyway.
/// Word boundaries are ASCII (`\b` with `-u`, or `(?-u:\b)`), which keeps the fast engines in
/// play on non-ASCII text.
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the privacy patterns are valid regular expressions")
}

/// The character before byte offset `at`, if any.
fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character at byte offset `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// The length of the word at the start of `text` when its first letter passes `first`:
/// letters, with apostrophes and hyphens inside it (`O'Brien`, `Ash-Tree`).
fn word_from(text: &str, first: impl Fn(char) -> bool) -> Option<usize> {
    let start = text.chars().next().filter(|c| first(*c))?;
    let mut end = start.len_utf8();
    while let Some(c) = char_at(text, end) {
        let inner = matches!(c, '\'' | '’' | '-')
            && char_at(text, end + c.len_utf8()).is_some_and(char::is_alphabetic);
        if !(c.is_alphabetic() || inner) {
            break;
        }
        end += c.len_utf8();
    }
    Some(end)
}

/// Whether a number or code starting at byte `start` stands on its own, rather than
/// continuing a word, an identifier (`GB-COH-01234567`, `ocds-pcds01-wm-2025-0001`), a decimal
/// or an amount of money.
fn starts_alone(text: &str, start: usize) -> bool {
    let Some(before) = char_before(text, start) else {
        return true;
    };
    if before.is_alphanumeric() || matches!(before, '£' | '$' | '€') {
        return false;
    }
    let joined_to = char_before(text, start - before.len_utf8());
    match before {
        '-' | '_' | '/' | '\\' => !joined_to.is_some_and(char::is_alphanumeric),
        '.' | ',' => !joined_to.is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// Whether a number or code ending at byte `end` stands on its own: the mirror image of
/// [`starts_alone`].
fn ends_alone(text: &str, end: usize) -> bool {
    let Some(after) = char_at(text, end) else {
        return true;
    };
    if after.is_alphanumeric() {
        return false;
    }
    let joined_to = char_at(text, end + after.len_utf8());
    match after {
        '-' | '_' | '/' | '\\' => !joined_to.is_some_and(char::is_alphanumeric),
        '.' | ',' => !joined_to.is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

mod address;
mod birth;
mod fields;
mod fold;
mod names;
mod patterns;
mod people;
#[cfg(test)]
mod tests;

use self::address::find_address;
use self::birth::find_date_of_birth;
pub use self::fields::personal_field;
use self::fold::fold;
use self::names::find_name;
use self::patterns::{find_email, find_nhs_number, find_phone, find_postcode, find_upn};
use self::people::find_person;
