//! Street addresses in free text: a house number, a street name and a street type
//! (`14 Acacia Road`), or a flat number and the building or street (`Flat 2B Rowan Court`).

use super::*;

/// The last word of a street name: the street types of UK addresses, in full and abbreviated.
pub(super) const STREET_TYPES: &[&str] = &[
    "Alley",
    "Approach",
    "Ave",
    "Avenue",
    "Bank",
    "Boulevard",
    "Broadway",
    "Brow",
    "Chase",
    "Cl",
    "Close",
    "Court",
    "Cres",
    "Crescent",
    "Croft",
    "Ct",
    "Dr",
    "Drive",
    "Drove",
    "Embankment",
    "Esplanade",
    "Gardens",
    "Gate",
    "Gdns",
    "Green",
    "Grove",
    "Heights",
    "Hill",
    "Lane",
    "Ln",
    "Meadow",
    "Meadows",
    "Mews",
    "Mount",
    "Parade",
    "Park",
    "Pde",
    "Pl",
    "Place",
    "Quay",
    "Rd",
    "Rise",
    "Road",
    "Row",
    "Sq",
    "Square",
    "St",
    "Street",
    "Tce",
    "Terrace",
    "Vale",
    "View",
    "Walk",
    "Way",
    "Wharf",
    "Wynd",
    "Yard",
];

/// The last word of a building's name after a flat number (`Flat 3 Rowan Court`), besides the
/// [`STREET_TYPES`].
const BUILDING_TYPES: &[&str] = &[
    "Block",
    "Buildings",
    "Apartments",
    "House",
    "Lodge",
    "Mansions",
    "Point",
    "Tower",
];

/// Words that, before a number, make it something other than a house number (`Lot 2 Family
/// Court`, `Section 31 Care Orders`). Compared without case.
const NUMBER_LABELS: &[&str] = &[
    "annex",
    "appendix",
    "article",
    "band",
    "bed",
    "beds",
    "chapter",
    "clause",
    "cohort",
    "day",
    "days",
    "figure",
    "grade",
    "group",
    "hour",
    "hours",
    "item",
    "key",
    "kpi",
    "level",
    "lot",
    "lots",
    "no",
    "number",
    "option",
    "page",
    "para",
    "paragraph",
    "part",
    "phase",
    "reg",
    "regulation",
    "room",
    "round",
    "schedule",
    "section",
    "stage",
    "standard",
    "step",
    "table",
    "tier",
    "version",
    "ward",
    "week",
    "weeks",
    "year",
    "years",
];

/// The words that start a flat number.
const FLAT_WORDS: &[&str] = &["Flat", "Apartment", "Apt", "FLAT"];

/// The length of the word of letters (with apostrophes and hyphens inside it) at the start
/// of `text`, if it starts with a capital: `Mary's`, `Ash-Tree`.
fn capitalised(text: &str) -> Option<usize> {
    word_from(text, |c| c.is_ascii_uppercase())
}

/// The length of a house or flat number at the start of `bytes`: one to four digits and an
/// optional letter (`14`, `7a`, `2B`), or a range of two (`14-16`).
fn house_number(bytes: &[u8]) -> Option<usize> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=4).contains(&digits) || bytes[0] == b'0' {
        return None;
    }
    let mut end = digits;
    if bytes.get(end) == Some(&b'-') {
        let more = bytes[end + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if (1..=4).contains(&more) {
            end += 1 + more;
        }
    }
    if bytes.get(end).is_some_and(u8::is_ascii_alphabetic)
        && !bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
    {
        end += 1;
    }
    (!bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)).then_some(end)
}

/// Where a street or building name starting at byte `at` ends: one to three capitalised words
/// one space apart, the last a street type (or a building type when `building` is true), and
/// at least one before it. `None` when there is no such name.
fn street_end(text: &str, at: usize, building: bool) -> Option<usize> {
    let mut end = at;
    let mut words = 0;
    loop {
        let length = capitalised(&text[end..])?;
        let word = &text[end..end + length];
        end += length;
        let street_type =
            STREET_TYPES.contains(&word) || (building && BUILDING_TYPES.contains(&word));
        if street_type && words > 0 {
            return Some(end);
        }
        words += 1;
        if words > 3 || !text[end..].starts_with(' ') {
            return None;
        }
        end += 1;
    }
}

/// The word that ends just before byte `at`, skipping spaces and punctuation, and where it
/// starts.
fn previous_word(text: &str, at: usize) -> (usize, &str) {
    let before = text[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(before.len(), |(i, _)| i);
    (start, &before[start..])
}

/// The first street address in `text`: a house number standing on its own and a street name
/// ending in a street type (`14 Acacia Road`, `7a Ferncroft Ave`), with a flat number before it
/// if there is one (`Flat 3, 22 Mill Lane`); or a flat number and a building or street name
/// (`Flat 2B Rowan Court`). A number after a word such as `Lot`, `Section` or `Year` is not a
/// house number.
pub(super) fn find_address(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let Some(length) = house_number(&bytes[at..]) else {
            at += bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            continue;
        };
        let number_end = at + length;
        let (label_start, label) = previous_word(text, at);
        let flat = FLAT_WORDS.contains(&label);
        let alone = char_before(text, at)
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | ',' | '"' | '“' | '‘'));
        if alone && !NUMBER_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label)) {
            let start = if flat { label_start } else { at };
            let rest = &text[number_end..];
            let name = rest.strip_prefix(", ").unwrap_or(rest);
            let name = name.strip_prefix(' ').unwrap_or(name);
            let name_at = number_end + rest.len() - name.len();
            let direct = name_at > number_end && rest.starts_with(' ');
            if (direct || (flat && name_at > number_end))
                && let Some(end) = street_end(text, name_at, flat)
            {
                return Some(&text[start..end]);
            }
            if flat
                && name_at > number_end
                && let Some(house) = house_number(&bytes[name_at..])
                && text[name_at + house..].starts_with(' ')
                && let Some(end) = street_end(text, name_at + house + 1, false)
            {
                return Some(&text[start..end]);
            }
        }
        at = number_end;
    }
    None
}
