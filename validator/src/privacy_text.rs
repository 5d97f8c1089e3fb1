//! Detectors for personal data in free text and in field names.
//!
//! What it is for: the privacy rules `PCDS-PRIV-001` to `PCDS-PRIV-008` ask whether a string
//! holds an email address, a UK phone number, a postcode, a date of birth, an NHS number, a
//! unique pupil number or a person's name, and whether the name of a field the standard does not
//! define suggests personal data. [`scan`] and [`personal_field`] answer those questions as pure
//! functions over `&str`.
//!
//! What it is not for: choosing severities or wording findings (the fields layer does that), or
//! proving that text is safe. The detectors are heuristics, tuned so that ordinary
//! commissioning text (fees, dates, ocids, Ofsted URNs, company numbers, GSS codes) does not
//! trigger them while the shapes personal data takes in UK children's services records do.
//!
//! Speed matters because [`scan`] sees every free-text string of datasets that run to
//! gigabytes: one pass over the bytes decides which detectors can match at all (phone and NHS
//! numbers need ten digits, a postcode needs a digit and two letters at the end of a word, an
//! email an `@`, a date of birth a word such as "born", a name a title or "name"), so clean
//! strings usually cost that pass alone. The patterns are compiled once and none backtracks; the
//! numeric detectors are hand-written scanners.

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
    /// A date next to words such as "DOB", "born" or "date of birth" (`PCDS-PRIV-004`).
    DateOfBirth,
    /// A ten-digit number with a valid NHS number check digit (`PCDS-PRIV-005`).
    NhsNumber,
    /// A unique pupil number: a letter and twelve digits (`PCDS-PRIV-006`).
    Upn,
    /// A person's name after a title ("Ms Holloway") or after "name:" or "called"
    /// (`PCDS-PRIV-007`).
    Name,
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
#[must_use]
pub fn scan(text: &str) -> Vec<Hit> {
    let shape = Shape::of(text);
    let mut hits = Vec::new();
    let mut add = |kind, found: Option<&str>| {
        if let Some(found) = found {
            hits.push(Hit {
                kind,
                text: found.to_owned(),
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
    if shape.birth && shape.digits > 0 {
        add(Kind::DateOfBirth, find_date_of_birth(text));
    }
    if shape.digits >= 10 && shape.longest_run >= 4 {
        add(Kind::NhsNumber, find_nhs_number(text));
    }
    if shape.longest_run >= 12 {
        add(Kind::Upn, find_upn(text));
    }
    if shape.name_cue {
        add(Kind::Name, find_name(text));
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
    /// Whether the text has `born`, `birth`, `dob` or `d.o.b` in any case.
    birth: bool,
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
    let others = b"@bBMDNnc";
    let mut i = 0;
    while i < others.len() {
        notable[others[i] as usize] = true;
        i += 1;
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
        match bytes[i] {
            b'@' => self.at = true,
            b'b' | b'B' if !self.birth => {
                self.birth = starts_with_ignoring_case(rest, b"orn")
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

// Email ---------------------------------------------------------------------------------------

/// `local@domain.tld`: a local part of the characters people use, dot-separated domain labels
/// and a top-level domain of letters.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?-u:\b)",
    )
});

/// The first email address in `text`.
fn find_email(text: &str) -> Option<&str> {
    EMAIL.find(text).map(|found| found.as_str())
}

// Phone ---------------------------------------------------------------------------------------

/// What may separate the groups of digits of a phone number.
const PHONE_SEPARATORS: [&[u8]; 5] = [b" - ", b" ", b"-", b".", "\u{a0}".as_bytes()];

/// The first UK phone number in `text`: `07` mobiles and `01`, `02` and `03` numbers, written
/// with a leading `0`, `+44`, `0044` or `+44 (0)`, with the area code in brackets or not, and
/// with spaces, dashes or dots between groups of digits.
///
/// Written by hand rather than as a pattern so that the count of digits can be checked as the
/// groups are read: a number must have exactly the length its prefix calls for (nine or ten
/// digits after the `0`), which is what keeps dates, times, amounts and references out.
fn find_phone(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().find_map(|(start, &byte)| {
        if !matches!(byte, b'0' | b'+' | b'(') || !starts_alone(text, start) {
            return None;
        }
        let end = phone_at(bytes, start)?;
        ends_alone(text, end).then(|| &text[start..end])
    })
}

/// The number of ASCII digits at the start of `bytes`.
fn leading_digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The position after a separator at `at`, or `at` when there is none.
fn skip_phone_separator(bytes: &[u8], at: usize) -> usize {
    PHONE_SEPARATORS
        .iter()
        .find(|separator| bytes[at..].starts_with(separator))
        .map_or(at, |separator| at + separator.len())
}

/// Reads a phone number starting at byte `start`; returns where it ends.
fn phone_at(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start;
    // Digits of the national number (the digits after the leading 0) read so far, and the
    // first of them, which fixes how many there must be.
    let mut national = 0;
    let mut first = None;
    if bytes[at..].starts_with(b"+44") || bytes[at..].starts_with(b"0044") {
        at = skip_phone_separator(bytes, at + if bytes[at] == b'+' { 3 } else { 4 });
        if bytes[at..].starts_with(b"(0)") {
            at = skip_phone_separator(bytes, at + 3);
        } else if bytes.get(at) == Some(&b'0') {
            // `+44 07700 900123`: a common slip, still a phone number.
            at += 1;
        }
    } else if bytes[at] == b'(' {
        // `(0121) 496 0000`: the area code, with its 0, in brackets.
        let area = leading_digits(&bytes[at + 1..]);
        let close = at + 1 + area;
        if bytes.get(at + 1) != Some(&b'0')
            || !(3..=6).contains(&area)
            || bytes.get(close) != Some(&b')')
        {
            return None;
        }
        national = area - 1;
        first = Some(bytes[at + 2]);
        at = skip_phone_separator(bytes, close + 1);
    } else {
        // A leading 0 whose first group has at least three digits: `01-04-2025` is a date.
        if leading_digits(&bytes[at..]) < 3 {
            return None;
        }
        at += 1;
    }
    let mut end = None;
    loop {
        let run = leading_digits(&bytes[at..]);
        if run == 0 {
            break;
        }
        first = first.or(Some(bytes[at]));
        national += run;
        at += run;
        let length_fits = match first {
            Some(b'1') => national == 9 || national == 10,
            Some(b'2' | b'3' | b'7') => national == 10,
            _ => false,
        };
        if length_fits {
            end = Some(at);
        }
        let next = skip_phone_separator(bytes, at);
        if national >= 10 || next == at {
            break;
        }
        at = next;
    }
    end
}

// Postcode ------------------------------------------------------------------------------------

/// A full UK postcode: an outward code in one of the six formats, with the letters each
/// position allows, an optional space and an inward code (a digit and two letters other than
/// C, I, K, M, O and V).
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?xi-u)
        \b
        (?:
            [A-PR-UWYZ] [0-9] [0-9]?                   # A9 A99: M1, B15
          | [A-PR-UWYZ] [A-HK-Y] [0-9] [0-9]?          # AA9 AA99: CR0, LS12
          | [A-PR-UWYZ] [0-9] [A-HJKPSTUW]             # A9A: W1A
          | [A-PR-UWYZ] [A-HK-Y] [0-9] [ABEHMNPRVWXY]  # AA9A: SW1A, EC1A
        )
        \x20{0,2}
        [0-9] [ABD-HJLNP-UW-Z]{2}
        \b
        | \bGIR\x20?0AA\b
        ",
    )
});

/// The first full postcode in `text`.
fn find_postcode(text: &str) -> Option<&str> {
    POSTCODE
        .find_iter(text)
        .map(|found| found.as_str())
        .find(|postcode| {
            // `Y10 2nd term`, `KS2 3rd`: a lower-case ordinal is not an inward code.
            let letters = &postcode[postcode.len() - 2..];
            !matches!(letters, "st" | "nd" | "rd" | "th")
        })
}

// Date of birth -------------------------------------------------------------------------------

/// The words that make a nearby date a date of birth.
static BIRTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i-u)\b(?:d\.o\.b\.|d\.?o\.?b\b|date[\s_-]*of[\s_-]*birth|birth[\s_-]*date|birthday|born\b)",
    )
});

/// Dates as people write them: `04/07/2011`, `4.7.11`, `04-07-2011`, `2011-07-04`,
/// `4 July 2011`, `4th of July 2011`, `July 4, 2011`, `July 2011` and `4 July`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    regex(&format!(
        r"(?xi-u)
        \b
        (?:
            [0-9]{{1,2}} [./-] [0-9]{{1,2}} [./-] (?:[0-9]{{4}}|[0-9]{{2}}) \b
          | [0-9]{{4}} [./-] [0-9]{{1,2}} [./-] [0-9]{{1,2}} (?:T|\b)
          | [0-9]{{1,2}} (?:st|nd|rd|th)? \s+ (?:of\s+)? {month} \.? (?:,?\s+[0-9]{{4}})? \b
          | {month} \.? \s+ [0-9]{{1,2}} (?:st|nd|rd|th)? (?:,?\s+[0-9]{{4}})? \b
          | {month} \.? \s+ [0-9]{{4}} \b
        )"
    ))
});

/// The digit runs of a date, in order: up to three of them, each with its value and length.
fn date_numbers(date: &str) -> [(u32, usize); 3] {
    let mut numbers = [(0, 0); 3];
    let mut count = 0;
    let mut run = (0_u32, 0_usize);
    for byte in date.bytes().chain(std::iter::once(b' ')) {
        if byte.is_ascii_digit() {
            run = (run.0 * 10 + u32::from(byte - b'0'), run.1 + 1);
        } else if run.1 > 0 {
            if count < numbers.len() {
                numbers[count] = run;
                count += 1;
            }
            run = (0, 0);
        }
    }
    numbers
}

/// Whether a date the [`DATE`] pattern found is a real one: a day from 1 to 31, a month from 1
/// to 12, and in a numeric date the same separator twice.
fn plausible_date(date: &str) -> bool {
    let numbers = date_numbers(date);
    if date.bytes().any(|b| b.is_ascii_alphabetic()) {
        // A written month: the day, if there is one, is the number of one or two digits.
        return numbers
            .iter()
            .find(|&&(_, length)| (1..=2).contains(&length))
            .is_none_or(|&(day, _)| (1..=31).contains(&day));
    }
    let mut separators = date.bytes().filter(|b| !b.is_ascii_digit());
    if separators.next() != separators.next() {
        return false;
    }
    let (day, month) = if numbers[0].1 == 4 {
        (numbers[2].0, numbers[1].0)
    } else {
        (numbers[0].0, numbers[1].0)
    };
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// Whether the text between a birth word and a date is short enough for the two to belong
/// together: at most `max_words` words, no other number and no end of a sentence or clause.
fn close_enough(gap: &str, max_words: usize) -> bool {
    gap.len() <= 40
        && !gap
            .bytes()
            .any(|b| b.is_ascii_digit() || matches!(b, b'.' | b';' | b'!' | b'?' | b'|' | b'\n'))
        && gap
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .count()
            <= max_words
}

/// The first date in `text` that is close to a birth word: up to three words after it ("born
/// in Walsall on 4 July 2011") or one word before it ("04/07/2011 (DOB)"). A date alone is
/// not a date of birth.
fn find_date_of_birth(text: &str) -> Option<&str> {
    let words: Vec<(usize, usize)> = BIRTH_WORD
        .find_iter(text)
        .map(|found| (found.start(), found.end()))
        .collect();
    if words.is_empty() {
        return None;
    }
    DATE.find_iter(text).find_map(|found| {
        // `2011-07-04T00:00:00Z`: the date without the `T` that starts the time.
        let date = found
            .as_str()
            .strip_suffix(['T', 't'])
            .filter(|date| date.ends_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(found.as_str());
        if !plausible_date(date) {
            return None;
        }
        let (start, end) = (found.start(), found.start() + date.len());
        // Birth words never overlap dates, so the words ending before the date come first.
        let after = words.partition_point(|&(_, word_end)| word_end <= start);
        let word_before = after.checked_sub(1).map(|i| words[i]);
        let near = word_before.is_some_and(|(_, word_end)| close_enough(&text[word_end..start], 3))
            || words
                .get(after)
                .is_some_and(|&(word_start, _)| close_enough(&text[end..word_start], 1));
        near.then_some(date)
    })
}

// NHS number ----------------------------------------------------------------------------------

/// Whether ten digits (with any separators) carry a valid NHS number check digit: the weights
/// 10 down to 2 on the first nine digits, the check digit 11 less the sum modulo 11, where 11
/// means 0 and 10 means the number is not valid. Numbers of one repeated digit are placeholders,
/// not NHS numbers.
fn nhs_check_digit_valid(number: &str) -> bool {
    let mut digits = [0_u32; 10];
    let mut count = 0;
    for byte in number.bytes().filter(u8::is_ascii_digit) {
        if count == digits.len() {
            return false;
        }
        digits[count] = u32::from(byte - b'0');
        count += 1;
    }
    if count != digits.len() || digits.iter().all(|&digit| digit == digits[0]) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(digit, weight)| digit * weight)
        .sum();
    match 11 - sum % 11 {
        11 => digits[9] == 0,
        10 => false,
        check => digits[9] == check,
    }
}

/// The first NHS number in `text`: ten digits, alone or grouped 3-3-4 with a space or a
/// dash between groups, standing on their own, with a valid check digit.
fn find_nhs_number(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let run = leading_digits(&bytes[at..]);
        if run == 0 {
            at += 1;
            continue;
        }
        if let Some(end) = nhs_number_at(bytes, at, run)
            && starts_alone(text, at)
            && ends_alone(text, end)
            && nhs_check_digit_valid(&text[at..end])
        {
            return Some(&text[at..end]);
        }
        at += run;
    }
    None
}

/// Where the ten digits of a possible NHS number starting at byte `start` with a run of `run`
/// digits end: the run itself if it has ten digits, or the runs after it, one separator apart,
/// that make up the groups 3, 3 and 4 (`943 476 5919`, `943-476-5919`, `943476 5919`).
fn nhs_number_at(bytes: &[u8], start: usize, run: usize) -> Option<usize> {
    // The lengths the runs after the first may have, given the length of those before.
    let mut wanted: &[usize] = match run {
        10 => return Some(start + run),
        3 => &[3, 7],
        6 => &[4],
        _ => return None,
    };
    let mut end = start + run;
    let mut digits = run;
    loop {
        if !matches!(bytes.get(end), Some(b' ' | b'-')) {
            return None;
        }
        let next = leading_digits(&bytes[end + 1..]);
        if !wanted.contains(&next) {
            return None;
        }
        end += 1 + next;
        digits += next;
        if digits == 10 {
            return Some(end);
        }
        wanted = &[4];
    }
}

// Unique pupil number -------------------------------------------------------------------------

/// A letter and twelve digits, as a word of its own.
static UPN: LazyLock<Regex> = LazyLock::new(|| regex(r"(?-u:\b)[A-Za-z][0-9]{12}(?-u:\b)"));

/// The first unique pupil number in `text`.
fn find_upn(text: &str) -> Option<&str> {
    UPN.find_iter(text)
        .find(|found| starts_alone(text, found.start()) && ends_alone(text, found.end()))
        .map(|found| found.as_str())
}

// Name ----------------------------------------------------------------------------------------

/// What comes before a name: one of the [`TITLES`], or `name:`, `name is`, `called` or
/// `named`.
static NAME_CUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?-u)\b(?:{titles})\b\.?|\b(?i:names?)\b(?:[ \t]*[:=]|[ \t]+(?i:is|was)\b)|\b(?:called|named)\b",
        titles = TITLES.join("|")
    ))
});

/// Capitalised words that follow a title or "name:" but are not names: articles, pronouns,
/// placeholders for a withheld name, and words that turn `Master` or `MS` into something else
/// (`Master Services Agreement`, `MS Teams`). Compared without case, after removing `'s`.
const NOT_NAMES: &[&str] = &[
    "a",
    "above",
    "access",
    "agreement",
    "all",
    "an",
    "and",
    "anon",
    "anonymous",
    "another",
    "any",
    "as",
    "at",
    "baby",
    "barnardo",
    "barnardos",
    "be",
    "below",
    "by",
    "camhs",
    "child",
    "children",
    "class",
    "confidential",
    "contract",
    "copy",
    "council",
    "data",
    "december",
    "degree",
    "dps",
    "each",
    "ehcp",
    "every",
    "excel",
    "february",
    "file",
    "for",
    "forms",
    "framework",
    "friday",
    "from",
    "he",
    "her",
    "hidden",
    "him",
    "his",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "january",
    "key",
    "lado",
    "list",
    "lot",
    "master",
    "me",
    "miss",
    "monday",
    "mr",
    "mrs",
    "ms",
    "mx",
    "my",
    "na",
    "nhs",
    "nil",
    "no",
    "none",
    "not",
    "november",
    "null",
    "october",
    "of",
    "office",
    "ofsted",
    "on",
    "one",
    "or",
    "other",
    "our",
    "outlook",
    "panel",
    "per",
    "placement",
    "plan",
    "please",
    "powerpoint",
    "provider",
    "record",
    "records",
    "redacted",
    "referral",
    "removed",
    "same",
    "saturday",
    "schedule",
    "see",
    "sen",
    "send",
    "september",
    "service",
    "services",
    "sharepoint",
    "she",
    "some",
    "sunday",
    "tba",
    "tbc",
    "tbd",
    "team",
    "teams",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "to",
    "tuesday",
    "unknown",
    "unnamed",
    "vendor",
    "was",
    "we",
    "wednesday",
    "windows",
    "with",
    "withheld",
    "word",
    "xx",
    "xxx",
    "yes",
    "you",
    "your",
];

/// Words that make a run of capitalised words an organisation or a place rather than a person
/// (`Children's Trust`, `Oak Lodge`, `Acme Care Ltd`). Common surnames (Hall, West, Foster,
/// Young) are left out on purpose.
const ORGANISATION_WORDS: &[&str] = &[
    "academy",
    "accommodation",
    "agency",
    "alliance",
    "association",
    "authority",
    "borough",
    "care",
    "centre",
    "charity",
    "children",
    "childrens",
    "cic",
    "clinic",
    "college",
    "community",
    "company",
    "consortium",
    "council",
    "county",
    "education",
    "fostering",
    "foundation",
    "framework",
    "group",
    "health",
    "healthcare",
    "holdings",
    "home",
    "homes",
    "hospital",
    "house",
    "inc",
    "limited",
    "living",
    "llp",
    "lodge",
    "ltd",
    "network",
    "partnership",
    "placements",
    "plc",
    "project",
    "residential",
    "school",
    "service",
    "services",
    "society",
    "solutions",
    "support",
    "supported",
    "therapeutic",
    "trust",
    "university",
    "youth",
];

/// Nouns (and a few adverbs) that, before "name:" or "called", say an organisation or thing is
/// being named, not a person (`provider name: Acme`, `a home called Oak Lodge`, `a course called Understanding
/// Trauma`).
const THING_NOUNS: &[&str] = &[
    "agency",
    "also",
    "app",
    "approach",
    "area",
    "authority",
    "board",
    "body",
    "brand",
    "building",
    "business",
    "category",
    "charity",
    "code",
    "college",
    "commonly",
    "column",
    "company",
    "consortium",
    "contract",
    "contractor",
    "council",
    "course",
    "display",
    "document",
    "dps",
    "entity",
    "establishment",
    "event",
    "facility",
    "field",
    "file",
    "firm",
    "formerly",
    "form",
    "framework",
    "fund",
    "group",
    "home",
    "house",
    "initiative",
    "legal",
    "list",
    "location",
    "lot",
    "meeting",
    "model",
    "module",
    "now",
    "network",
    "officially",
    "operator",
    "organisation",
    "organization",
    "package",
    "panel",
    "partnership",
    "placement",
    "plan",
    "platform",
    "policy",
    "previously",
    "premises",
    "process",
    "product",
    "programme",
    "program",
    "project",
    "property",
    "provider",
    "region",
    "registered",
    "report",
    "road",
    "route",
    "scheme",
    "school",
    "service",
    "session",
    "setting",
    "sometimes",
    "site",
    "street",
    "supplier",
    "system",
    "team",
    "template",
    "tool",
    "town",
    "trading",
    "training",
    "type",
    "unit",
    "vendor",
    "venue",
    "village",
    "website",
    "workshop",
];

/// A word without a possessive `'s` or a final full stop, for comparing with the word lists.
fn bare(word: &str) -> &str {
    let word = word.trim_end_matches('.');
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix(['\'', '’']))
        .unwrap_or(word)
}

/// Whether `word` is in `list`, ignoring case and a possessive `'s`, and with `plural` also
/// a final `s` (`providers called`, `Acme Homes`). [`NOT_NAMES`] is matched without it, since
/// names such as `Wes` would otherwise read as `we`.
fn listed(list: &[&str], word: &str, plural: bool) -> bool {
    let word = bare(word);
    let is = |candidate: &str| {
        list.iter()
            .any(|listed| listed.eq_ignore_ascii_case(candidate))
    };
    is(word) || (plural && word.strip_suffix(['s', 'S']).is_some_and(is))
}

/// The number of letters in a word.
fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// The length in bytes of the capitalised word at the start of `text`, if it starts with one.
/// Apostrophes and hyphens between letters belong to the word (`O'Brien`, `Taylor-Jones`); a
/// single letter keeps a full stop after it (`J.`).
fn capitalised_word(text: &str) -> Option<usize> {
    let first = text.chars().next().filter(|c| c.is_uppercase())?;
    let mut end = first.len_utf8();
    let mut count = 1;
    while let Some(c) = char_at(text, end) {
        let joiner = matches!(c, '\'' | '’' | '-')
            && char_at(text, end + c.len_utf8()).is_some_and(char::is_alphabetic);
        if c.is_alphabetic() {
            count += 1;
        } else if !joiner {
            break;
        }
        end += c.len_utf8();
    }
    if count == 1 && text[end..].starts_with('.') {
        end += 1;
    }
    Some(end)
}

/// Where the capitalised words at byte `start` of `text` end, if they look like a person's
/// name: up to four words one space apart, where the first that is not an initial has two
/// letters or more and is not in [`NOT_NAMES`], and none is in [`ORGANISATION_WORDS`]. Initials
/// alone (`Ms B`) are how names are anonymised, so they are not a name. With `allow_capitals`
/// false, a name in capitals (`called CAMHS`) is taken for an acronym.
fn person_name_end(text: &str, start: usize, allow_capitals: bool) -> Option<usize> {
    let mut words = Vec::with_capacity(4);
    let mut at = start;
    while words.len() < 4 {
        let Some(length) = capitalised_word(&text[at..]) else {
            break;
        };
        words.push(&text[at..at + length]);
        at += length;
        if !text[at..].starts_with(' ') {
            break;
        }
        at += 1;
    }
    let name = words.iter().find(|word| letters(word) > 1)?;
    let end = start + words.iter().map(|word| word.len() + 1).sum::<usize>() - 1;
    let capitals = name.chars().all(|c| !c.is_lowercase());
    let organisation = words
        .iter()
        .any(|word| listed(ORGANISATION_WORDS, word, true));
    (!listed(NOT_NAMES, name, false) && !organisation && (allow_capitals || !capitals))
        .then_some(end)
}

/// The word that ends just before byte `at`, skipping spaces.
fn word_before(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    &before[start..]
}

/// The first person's name in `text`: a title and a name (`Ms Holloway`, `Mr. J Smith`), or a
/// name after `name:`, `name is`, `called` or `named` (`child's name: Jayden`, `a boy called
/// Tom`), unless a noun before the cue says a thing is being named (`provider name: Acme`).
fn find_name(text: &str) -> Option<&str> {
    NAME_CUE.find_iter(text).find_map(|cue| {
        let lower_first = cue.as_str().as_bytes()[0].to_ascii_lowercase();
        if matches!(lower_first, b'n' | b'c') {
            // `so-called Pathway`, `provider name: Acme`, `a home called Oak Lodge`.
            if char_before(text, cue.start()) == Some('-')
                || listed(THING_NOUNS, word_before(text, cue.start()), true)
            {
                return None;
            }
            let rest = &text[cue.end()..];
            let name = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘')
            });
            let start = cue.end() + rest.len() - name.len();
            if start - cue.end() > 4 {
                return None;
            }
            let allow_capitals = lower_first == b'n' && !cue.as_str().starts_with("named");
            let end = person_name_end(text, start, allow_capitals)?;
            Some(&text[start..end])
        } else {
            // A title: one or two spaces, or none after a full stop (`Mr.Smith`).
            let rest = &text[cue.end()..];
            let name = rest.trim_start_matches([' ', '\t', '\u{a0}']);
            let spaces = rest.len() - name.len();
            if spaces > 2 || (spaces == 0 && !cue.as_str().ends_with('.')) {
                return None;
            }
            let end = person_name_end(text, cue.end() + spaces, true)?;
            Some(&text[cue.start()..end])
        }
    })
}

// Field names ---------------------------------------------------------------------------------

/// Splits a field name into lower-case words at separators, at changes from lower to upper
/// case, at the end of a run of capitals (`NHSNumber`) and between letters and digits.
fn field_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if let Some(&previous) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (previous.is_lowercase() && c.is_uppercase())
                || (previous.is_uppercase() && c.is_uppercase() && next_lower)
                || (previous.is_alphabetic() && c.is_numeric())
                || (previous.is_numeric() && c.is_alphabetic());
            if boundary && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// People whose name a field called `…Name` would hold, as the ends of the words before
/// `name` run together: `childName`, `youngPersonName`, `socialWorkerName`, `firstName`,
/// `surname` (`sur`), `forename` (`fore`).
const PERSON_ROLES: &[&str] = &[
    "applicant",
    "author",
    "baby",
    "birth",
    "brother",
    "carer",
    "child",
    "children",
    "christian",
    "clinician",
    "contact",
    "daughter",
    "doctor",
    "family",
    "father",
    "first",
    "fore",
    "full",
    "given",
    "grandchild",
    "guardian",
    "infant",
    "last",
    "learner",
    "maiden",
    "manager",
    "middle",
    "mother",
    "nick",
    "nurse",
    "officer",
    "parent",
    "patient",
    "people",
    "person",
    "preferred",
    "pupil",
    "referrer",
    "resident",
    "serviceuser",
    "sibling",
    "sister",
    "staff",
    "student",
    "sur",
    "teacher",
    "therapist",
    "worker",
];

/// Abbreviations for people that are only trusted as the whole prefix (`ypName`), since as
/// word endings they would match too much.
const PERSON_ABBREVIATIONS: &[&str] = &["cla", "cyp", "lac", "sw", "yp"];

/// Whether the words before `name`, run together, end with a person's role.
fn names_a_person(prefix: &str) -> bool {
    let role = |prefix: &str| {
        PERSON_ABBREVIATIONS.contains(&prefix)
            || PERSON_ROLES.iter().any(|role| prefix.ends_with(role))
    };
    !prefix.is_empty() && (role(prefix) || prefix.strip_suffix('s').is_some_and(role))
}

/// Whether a field name, split into `words`, is for a person's name: a word ending in `name`
/// after a person's role (`childName`, `childFirstName`, `surname`, `nickname`), or `nameOf`
/// and a role (`nameOfChild`). Plain `name` and the names of things (`providerName`,
/// `legalName`, `settingName`) are not.
fn is_person_name_field(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, word)| {
        let Some(stem) = word
            .strip_suffix("names")
            .or_else(|| word.strip_suffix("name"))
        else {
            return false;
        };
        let prefix = words[..i].concat() + stem;
        let of_person = stem.is_empty()
            && words.get(i + 1).is_some_and(|next| next == "of")
            && words.get(i + 2).is_some_and(|role| names_a_person(role));
        names_a_person(&prefix) || of_person
    })
}

/// Whether a field name, split into `words` and run together as `joined`, is for an address:
/// it has the word `street`, or `address` that is not an email, web or network address and not
/// `addressed`, `addressee` or `addressing`.
fn is_address_field(words: &[String], joined: &str) -> bool {
    const NOT_POSTAL: &[&str] = &[
        "email", "mail", "web", "website", "url", "ip", "ipv4", "ipv6", "mac", "internet",
        "server", "host", "wallet",
    ];
    words.iter().any(|word| word == "street")
        || joined.match_indices("address").any(|(at, _)| {
            let before = &joined[..at];
            let after = &joined[at + "address".len()..];
            !["ed", "ee", "ing"]
                .iter()
                .any(|ending| after.starts_with(ending))
                && !NOT_POSTAL.iter().any(|kind| before.ends_with(kind))
        })
}

/// Whether a field name (a JSON key the standard does not define) suggests personal data:
/// returns a short plain-English description of what it suggests, e.g. `Some("a date of
/// birth")`.
///
/// Case and separators do not matter: `dateOfBirth`, `date_of_birth`, `date-of-birth` and
/// `DATEOFBIRTH` are the same. Attributes PCDS codes deliberately (gender, ethnicity, age) are
/// not personal-data names here, and neither is plain `name`, which organisations have.
#[must_use]
pub fn personal_field(name: &str) -> Option<&'static str> {
    let words = field_words(name);
    let joined = words.concat();
    let has_word = |wanted: &[&str]| words.iter().any(|word| wanted.contains(&word.as_str()));
    let word_then = |word: &str, next: &[&str]| {
        words
            .windows(2)
            .any(|pair| pair[0] == word && next.contains(&pair[1].as_str()))
    };
    let contains = |parts: &[&str]| parts.iter().any(|part| joined.contains(part));
    let ends = |parts: &[&str]| parts.iter().any(|part| joined.ends_with(part));
    let last_word = words.last().map_or("", String::as_str);

    if has_word(&["dob", "dobs"]) || contains(&["dateofbirth", "birthdate", "birthday"]) {
        return Some("a date of birth");
    }
    if contains(&["yearofbirth", "birthyear"]) {
        return Some("a year of birth");
    }
    if contains(&["nhsnumber", "chinumber"])
        || ends(&["nhsno", "nhsnum", "nhsid"])
        || word_then("nhs", &["no", "num", "id"])
    {
        return Some("an NHS number");
    }
    if has_word(&["upn", "upns"])
        || ends(&["upn"])
        || contains(&["uniquepupilnumber", "uniquepupilno"])
    {
        return Some("a unique pupil number");
    }
    if has_word(&["nino"])
        || contains(&["nationalinsurance"])
        || word_then("ni", &["number", "no", "num"])
    {
        return Some("a National Insurance number");
    }
    if ends(&["email", "emails"]) || contains(&["emailaddress", "emailaddr", "emailid"]) {
        return Some("an email address");
    }
    if ends(&["phone", "phones", "mobile", "landline"])
        || contains(&[
            "phonenumber",
            "phoneno",
            "telephone",
            "mobilenumber",
            "mobileno",
            "telno",
            "telnumber",
        ])
        || last_word == "tel"
    {
        return Some("a phone number");
    }
    if contains(&["postcode", "postalcode", "zipcode"]) || last_word == "zip" {
        return Some("a postcode");
    }
    if is_address_field(&words, &joined) {
        return Some("an address");
    }
    if is_person_name_field(&words) {
        return Some("a person's name");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the hit of `kind` in `text`, if any.
    fn hit(text: &str, kind: Kind) -> Option<String> {
        scan(text)
            .into_iter()
            .find(|hit| hit.kind == kind)
            .map(|hit| hit.text)
    }

    /// Asserts that each text has a hit of `kind` with the expected matched text.
    fn assert_hits(kind: Kind, cases: &[(&str, &str)]) {
        for (text, expected) in cases {
            assert_eq!(
                hit(text, kind).as_deref(),
                Some(*expected),
                "{kind:?} in {text:?}"
            );
        }
    }

    /// Asserts that no text has a hit of `kind`.
    fn assert_misses(kind: Kind, texts: &[&str]) {
        for text in texts {
            assert_eq!(hit(text, kind), None, "{kind:?} in {text:?}");
        }
    }

    /// Ordinary commissioning text that must not trigger any detector.
    const CLEAN: &[&str] = &[
        "Emergency referral for a children's home placement within 40 miles",
        "Weekly fee £4,250.50 from 01/04/2025",
        "Called off lot 2 of ocds-pcds01-wm-framework-2024",
        "Ofsted URN SC900001 rated Good on 2024-11-20",
        "Provider gave 28 days' notice",
        "GB-COH-01234567",
        "E08000025",
        "Annual fee review under the framework terms",
        "Named provider on the DPS",
        "ocds-pcds01-wm-2025-0001",
        "Placement started 04/07/2025 and ended 2025-10-31T17:00:00Z",
        "Fee uplift of 3.5% agreed on 1 April 2025; new weekly total £4,398.27",
        "Two-bed solo home, 1:1 staffing 08:00-22:00, waking night",
        "Referral sent 14:05, 6 offers received by 17:30 on 03/03/2025",
        "Child aged 10 to 15, home council E08000025, distance band 20 to 50 miles",
        "Provider name: Oak Lodge Care Ltd",
        "Name of provider: Acme Fostering",
        "Master Services Agreement 2024/25, schedule 3",
        "Meeting held on MS Teams with the placement officer",
        "Year 10 2nd term: education provided on site by Barnardo's",
        "Offer refused: no vacancy until Q3 2025",
        "Price per hour £32.50 for 20 hours a week of 1:1 support",
        "Framework reference WM-CR-2024-0117, lot 3, call-off 0042",
        "Company number 01234567, charity number 1123456",
        "Contact the placement team via the portal",
        "Costs are borne by the council from 01/04/2025",
        "Ms B and Mr C attended the panel",
        "A home called Oak Lodge, a provider called Acme Fostering",
        "Referrals are made by the duty social worker",
    ];

    #[test]
    fn clean_commissioning_text_has_no_hits() {
        for text in CLEAN {
            assert_eq!(scan(text), Vec::new(), "{text:?}");
        }
    }

    #[test]
    fn emails() {
        assert_hits(
            Kind::Email,
            &[
                (
                    "Contact jo.bloggs@example.org for details",
                    "jo.bloggs@example.org",
                ),
                (
                    "JO_BLOGGS+care@Example.Co.UK.",
                    "JO_BLOGGS+care@Example.Co.UK",
                ),
                ("email:a.b@council.gov.uk", "a.b@council.gov.uk"),
                (
                    "(placements@wolverhampton.gov.uk)",
                    "placements@wolverhampton.gov.uk",
                ),
                ("mailto:o'neill@example.com", "o'neill@example.com"),
            ],
        );
        assert_misses(
            Kind::Email,
            &[
                "Rate @ £40/hour",
                "Follow @PCDS for updates",
                "user@localhost",
                "jo at example dot org",
                "@",
                "a@b",
                "price@4.50",
                "jo@example.org5",
            ],
        );
    }

    #[test]
    fn phones() {
        assert_hits(
            Kind::Phone,
            &[
                ("Call 07700 900123 after 6pm", "07700 900123"),
                ("07700900123", "07700900123"),
                ("mobile 07700-900-123.", "07700-900-123"),
                ("Tel 0121 496 0000", "0121 496 0000"),
                ("Tel (0121) 496 0000", "(0121) 496 0000"),
                ("(020) 7946 0000", "(020) 7946 0000"),
                ("020 7946 0000", "020 7946 0000"),
                ("+44 7700 900123", "+44 7700 900123"),
                ("+447700900123", "+447700900123"),
                ("+44 (0)121 496 0000", "+44 (0)121 496 0000"),
                ("+44 07700 900123", "+44 07700 900123"),
                ("0044 20 7946 0000", "0044 20 7946 0000"),
                ("0300 123 4567", "0300 123 4567"),
                ("01632 960001", "01632 960001"),
                ("016977 2345", "016977 2345"),
                ("tel:01632960001", "01632960001"),
                ("Mob.07700900123", "07700900123"),
                ("0121 - 496 - 0000", "0121 - 496 - 0000"),
                ("07700.900.123", "07700.900.123"),
                ("call 07700 900123 2 times", "07700 900123"),
                ("07700\u{a0}900123", "07700\u{a0}900123"),
                ("+44 (0) 121 496 0000", "+44 (0) 121 496 0000"),
                ("(07700) 900123", "(07700) 900123"),
            ],
        );
        assert_misses(
            Kind::Phone,
            &[
                "£4,250.50",
                "£07700900123",
                "01/04/2025",
                "01-04-2025 10:00",
                "01.04.2025",
                "2025-04-01",
                "09:00-17:00",
                "0900 1700 0800 1600",
                "ocds-pcds01-wm-2025-0001",
                "ocds-pcds01-wm-07700900123",
                "SC123456",
                "GB-COH-01234567",
                "2025",
                "E08000025",
                "0800 123 4567",
                "0121 496",
                "07700 900",
                "07700 9001234",
                "0123 4567 8901 2345",
                "00000000000",
                "ref 2025/07700900123",
                "07700900123A",
                "1234567890",
            ],
        );
    }

    #[test]
    fn postcodes() {
        assert_hits(
            Kind::Postcode,
            &[
                ("Placement near B15 2TT preferred", "B15 2TT"),
                ("SW1A 1AA", "SW1A 1AA"),
                ("M1 1AE", "M1 1AE"),
                ("CR0 2RH", "CR0 2RH"),
                ("b15 2tt", "b15 2tt"),
                ("B152TT", "B152TT"),
                ("EC1A 1BB", "EC1A 1BB"),
                ("W1A 0AX", "W1A 0AX"),
                ("(LS1 4AP)", "LS1 4AP"),
                ("Wolverhampton, WV1 1SH.", "WV1 1SH"),
                ("GIR 0AA", "GIR 0AA"),
                ("B15  2TT", "B15  2TT"),
            ],
        );
        assert_misses(
            Kind::Postcode,
            &[
                "B15",
                "near B15, south of the city",
                "E08000025",
                "SC123456",
                "ocds-pcds01-wm-2025-0001",
                "Y10 2nd term",
                "KS2 3rd year",
                "Q1 2025",
                "lot 2",
                "GB-COH-01234567",
                "B15 2T",
                "B15 2TTX",
                "AB1 2CI",
                "QA1 2AB",
            ],
        );
    }

    #[test]
    fn dates_of_birth() {
        assert_hits(
            Kind::DateOfBirth,
            &[
                (
                    "Young person (DOB 04/07/2011) needs a placement",
                    "04/07/2011",
                ),
                ("D.O.B. 4.7.11", "4.7.11"),
                ("date of birth: 2011-07-04", "2011-07-04"),
                ("Date-of-birth 04/07/2011", "04/07/2011"),
                ("born on 4 July 2011", "4 July 2011"),
                ("born 4th of July 2011", "4th of July 2011"),
                ("Born July 4, 2011", "July 4, 2011"),
                ("born March 2011", "March 2011"),
                ("birthday is 04-07-2011", "04-07-2011"),
                ("04/07/2011 (DOB)", "04/07/2011"),
                ("dob=2011-07-04T00:00:00Z", "2011-07-04"),
                ("born in Walsall on 04/07/2011", "04/07/2011"),
                ("birth date 4 Jul 2011", "4 Jul 2011"),
                ("Her birthday is 4 July", "4 July"),
                ("birthday 4 Oct", "4 Oct"),
                ("born 4 August", "4 August"),
                ("D.O.B: 04.07.2011", "04.07.2011"),
                ("DoB 4/7/2011", "4/7/2011"),
            ],
        );
        assert_misses(
            Kind::DateOfBirth,
            &[
                "placement started 04/07/2025",
                "DOB withheld; placement started 04/07/2025",
                "No DOB. Placement started 04/07/2025",
                "born 2011, placed 04/07/2025",
                "Child born 2011, placement started 04/07/2025",
                "DOB 31/13/2011",
                "DOB 32/12/2011",
                "DOB 04/07-2011",
                "Osborne House from 04/07/2025",
                "unborn baby, referral 04/07/2025",
                "the costs born by the council from 01/04/2025",
                "placement started 04/07/2025 for a child born in Walsall",
                "born in 2011",
            ],
        );
    }

    #[test]
    fn nhs_numbers() {
        assert_hits(
            Kind::NhsNumber,
            &[
                ("Health ref 943 476 5919", "943 476 5919"),
                ("9434765919", "9434765919"),
                ("943-476-5919", "943-476-5919"),
                ("NHS no:9434765919.", "9434765919"),
                ("NHS number 401 023 2137", "401 023 2137"),
                // The check digit 11 is written 0.
                ("4000000020", "4000000020"),
                ("943476 5919", "943476 5919"),
                ("943 4765919", "943 4765919"),
                ("refs 12 943 476 5919", "943 476 5919"),
            ],
        );
        assert_misses(
            Kind::NhsNumber,
            &[
                "943 476 5918",
                "1234567890",
                // A check digit of 10 makes any number invalid.
                "4000000080",
                "0000000000",
                "1111111111",
                "£9434765919",
                "94347659190",
                "19434765919",
                "ocds-pcds01-wm-9434765919",
                "1.9434765919",
                "943 476 59190",
                "943  476 5919",
                "9434 76 5919",
                "943 476 591 9",
                "943_476_5919",
            ],
        );
    }

    #[test]
    fn nhs_check_digit() {
        assert!(nhs_check_digit_valid("9434765919"));
        assert!(nhs_check_digit_valid("943 476 5919"));
        assert!(!nhs_check_digit_valid("9434765910"));
        assert!(!nhs_check_digit_valid("943476591"));
        assert!(!nhs_check_digit_valid("94347659190"));
    }

    #[test]
    fn unique_pupil_numbers() {
        assert_hits(
            Kind::Upn,
            &[
                ("School record A123456789012 attached", "A123456789012"),
                ("UPN: Z999999999999.", "Z999999999999"),
            ],
        );
        assert_misses(
            Kind::Upn,
            &[
                "A12345678901",
                "A1234567890123",
                "AB123456789012",
                "ocds-pcds01-A123456789012",
                "SC123456",
                "E08000025",
                "A123456789012B",
            ],
        );
    }

    #[test]
    fn names() {
        assert_hits(
            Kind::Name,
            &[
                ("Referral made by Ms Holloway", "Ms Holloway"),
                ("Referral made by Ms Holloway.", "Ms Holloway"),
                ("Mr. J Smith attended", "Mr. J Smith"),
                ("Mr J. Smith attended", "Mr J. Smith"),
                ("spoke to Mrs O'Brien today", "Mrs O'Brien"),
                ("Mx Taylor-Jones", "Mx Taylor-Jones"),
                ("seen by Dr Patel", "Dr Patel"),
                ("Master Jayden Smith", "Master Jayden Smith"),
                ("MR SMITH", "MR SMITH"),
                ("Miss Zoë Ávila", "Miss Zoë Ávila"),
                ("child's name: Jayden", "Jayden"),
                ("Name: Jayden Smith", "Jayden Smith"),
                ("NAME: JAYDEN", "JAYDEN"),
                ("a boy called Tom", "Tom"),
                ("her name is Zoë", "Zoë"),
                ("a girl named Ava, aged 9", "Ava"),
                ("known to the team, called \"Kai\"", "Kai"),
                ("Mr Wes Streeting", "Mr Wes Streeting"),
                ("Miss Childs", "Miss Childs"),
                ("Name:\n“Jayden”", "Jayden"),
            ],
        );
        assert_misses(
            Kind::Name,
            &[
                "Mr",
                "Referral made by Mr",
                "Mr smith",
                "mr Smith",
                "Ms B was placed",
                "Mr A B",
                "Children's Trust",
                "Name of provider: Oak Lodge",
                "Provider name: Acme Care Ltd",
                "Setting name: Oak House",
                "Provider's name is Acme",
                "name: N/A",
                "Name: Unknown",
                "Name: Not known",
                "Name: TBC",
                "Name: Child A",
                "Called off lot 2",
                "Called Off Contract",
                "Named provider on the DPS",
                "The provider was called on Monday",
                "a provider called Acme",
                "a home called Oak Lodge",
                "a course called Understanding Trauma",
                "Master Services Agreement",
                "MASTER AGREEMENT",
                "MS Teams meeting",
                "Dr Barnardo's Homes",
                "called CAMHS for advice",
                "Name:",
                "name-calling between peers",
                "Her name isn't known",
                "the so-called Pathway Model",
                "also called Staying Put",
                "previously called Horizon",
                "two providers called Acme and Zenith",
            ],
        );
    }

    #[test]
    fn hits_come_once_per_kind_in_kind_order() {
        let text = "Ms Holloway (jo@example.org, 07700 900123, 07700 900124) lives at B15 2TT; \
                    DOB 04/07/2011, NHS 943 476 5919, UPN A123456789012, also b@example.org";
        let kinds: Vec<Kind> = scan(text).iter().map(|hit| hit.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Email,
                Kind::Phone,
                Kind::Postcode,
                Kind::DateOfBirth,
                Kind::NhsNumber,
                Kind::Upn,
                Kind::Name
            ]
        );
        assert_eq!(hit(text, Kind::Email).as_deref(), Some("jo@example.org"));
        assert_eq!(hit(text, Kind::Phone).as_deref(), Some("07700 900123"));
    }

    #[test]
    fn empty_and_non_ascii_text() {
        assert_eq!(scan(""), Vec::new());
        assert_eq!(scan("Placement à Lyon — 20 km, coût £4 250"), Vec::new());
        assert_eq!(scan("£££€€€0"), Vec::new());
        assert_eq!(
            hit("Élodie’s carer: 07700 900123", Kind::Phone).as_deref(),
            Some("07700 900123")
        );
    }

    #[test]
    fn rule_examples_are_detected() {
        // The examples of the rule catalogue, as the strings they put in the description.
        assert_eq!(
            hit("Contact jo.bloggs@example.org for details", Kind::Email).as_deref(),
            Some("jo.bloggs@example.org")
        );
        assert_eq!(
            hit("Call 07700 900123 after 6pm", Kind::Phone).as_deref(),
            Some("07700 900123")
        );
        assert_eq!(
            hit("Placement near B15 2TT preferred", Kind::Postcode).as_deref(),
            Some("B15 2TT")
        );
        assert_eq!(
            hit(
                "Young person (DOB 04/07/2011) needs a placement",
                Kind::DateOfBirth
            )
            .as_deref(),
            Some("04/07/2011")
        );
        assert_eq!(
            hit("Health ref 943 476 5919", Kind::NhsNumber).as_deref(),
            Some("943 476 5919")
        );
        assert_eq!(
            hit("School record A123456789012 attached", Kind::Upn).as_deref(),
            Some("A123456789012")
        );
        assert_eq!(
            hit("Referral made by Ms Holloway", Kind::Name).as_deref(),
            Some("Ms Holloway")
        );
        assert_eq!(personal_field("dateOfBirth"), Some("a date of birth"));
    }

    #[test]
    fn personal_field_names() {
        let cases = [
            ("childName", "a person's name"),
            ("child_name", "a person's name"),
            ("child-name", "a person's name"),
            ("CHILD_NAME", "a person's name"),
            ("childname", "a person's name"),
            ("childsName", "a person's name"),
            ("firstName", "a person's name"),
            ("first_names", "a person's name"),
            ("forename", "a person's name"),
            ("surname", "a person's name"),
            ("lastName", "a person's name"),
            ("fullName", "a person's name"),
            ("givenName", "a person's name"),
            ("familyName", "a person's name"),
            ("middleName", "a person's name"),
            ("nickname", "a person's name"),
            ("youngPersonName", "a person's name"),
            ("carerName", "a person's name"),
            ("fosterCarerName", "a person's name"),
            ("parentName", "a person's name"),
            ("motherName", "a person's name"),
            ("socialWorkerName", "a person's name"),
            ("contactName", "a person's name"),
            ("emergencyContactName", "a person's name"),
            ("childFirstName", "a person's name"),
            ("surnameAtBirth", "a person's name"),
            ("nameOfChild", "a person's name"),
            ("ypName", "a person's name"),
            ("dob", "a date of birth"),
            ("DOB", "a date of birth"),
            ("childDob", "a date of birth"),
            ("dateOfBirth", "a date of birth"),
            ("date_of_birth", "a date of birth"),
            ("DateOfBirth", "a date of birth"),
            ("birthDate", "a date of birth"),
            ("birthday", "a date of birth"),
            ("yearOfBirth", "a year of birth"),
            ("address", "an address"),
            ("streetAddress", "an address"),
            ("homeAddress", "an address"),
            ("home_address", "an address"),
            ("addressLine1", "an address"),
            ("address_line_2", "an address"),
            ("street", "an address"),
            ("postcode", "a postcode"),
            ("postCode", "a postcode"),
            ("postalCode", "a postcode"),
            ("homePostcode", "a postcode"),
            ("zip", "a postcode"),
            ("zipCode", "a postcode"),
            ("nhsNumber", "an NHS number"),
            ("NHSNumber", "an NHS number"),
            ("nhs_no", "an NHS number"),
            ("nhsNo", "an NHS number"),
            ("childNhsNumber", "an NHS number"),
            ("upn", "a unique pupil number"),
            ("UPN", "a unique pupil number"),
            ("childUpn", "a unique pupil number"),
            ("uniquePupilNumber", "a unique pupil number"),
            ("email", "an email address"),
            ("e-mail", "an email address"),
            ("emailAddress", "an email address"),
            ("contactEmail", "an email address"),
            ("phone", "a phone number"),
            ("phoneNumber", "a phone number"),
            ("telephone", "a phone number"),
            ("telephoneNumber", "a phone number"),
            ("mobile", "a phone number"),
            ("mobileNumber", "a phone number"),
            ("carerMobile", "a phone number"),
            ("tel", "a phone number"),
            ("contactTel", "a phone number"),
            ("niNumber", "a National Insurance number"),
            ("NINumber", "a National Insurance number"),
            ("nino", "a National Insurance number"),
            ("nationalInsuranceNumber", "a National Insurance number"),
            ("national_insurance", "a National Insurance number"),
        ];
        for (field, expected) in cases {
            assert_eq!(personal_field(field), Some(expected), "{field}");
        }
    }

    #[test]
    fn innocuous_field_names() {
        for field in [
            "name",
            "Name",
            "names",
            "title",
            "legalName",
            "providerName",
            "settingName",
            "tradingName",
            "frameworkName",
            "lotName",
            "fileName",
            "hostname",
            "displayName",
            "parentOrganisationName",
            "parentCompanyName",
            "childrensHomeName",
            "homeName",
            "schemeName",
            "ethnicity",
            "gender",
            "sex",
            "ageBand",
            "needs",
            "placementType",
            "publicationLevel",
            "ipAddress",
            "webAddress",
            "websiteAddress",
            "issuesAddressed",
            "concernsAddressed",
            "nhsTrust",
            "nhsNotes",
            "mobileApp",
            "zipFile",
            "phoneCallsMade",
            "hotelName",
            "adobeId",
            "telemetry",
            "birthOrder",
            "emailSent",
            "uri",
            "id",
            "",
            "_",
            "minimumName",
        ] {
            assert_eq!(personal_field(field), None, "{field}");
        }
    }

    #[test]
    fn field_words_split_like_people_write_keys() {
        assert_eq!(field_words("NHSNumber"), ["nhs", "number"]);
        assert_eq!(field_words("childFirstName"), ["child", "first", "name"]);
        assert_eq!(field_words("address_line-2"), ["address", "line", "2"]);
        assert_eq!(field_words("addressLine1"), ["address", "line", "1"]);
        assert_eq!(field_words("DOB"), ["dob"]);
        assert_eq!(field_words("  "), Vec::<String>::new());
    }

    #[test]
    fn shape_records_what_the_detectors_need() {
        let shape = Shape::of("Mr X, b15 2tt, 943 476 5919 A123456789012 born@x");
        assert_eq!(shape.digits, 3 + 10 + 12);
        assert_eq!(shape.longest_run, 12);
        assert!(shape.at && shape.inward && shape.birth && shape.name_cue);
        assert_eq!(
            Shape::of("Weekly fee £4,250.50"),
            Shape {
                digits: 6,
                longest_run: 3,
                ..Shape::default()
            }
        );
        assert!(Shape::of("D.O.B").birth && Shape::of("DoB").birth && Shape::of("BIRTHDAY").birth);
        assert!(
            Shape::of("NAME:").name_cue
                && Shape::of("was called").name_cue
                && Shape::of("DR").name_cue
        );
        assert!(!Shape::of("Children's home in Dudley; notice given").name_cue);
        assert!(!Shape::of("Manchester, March, filename, Dramatic, NAMED, recalled").name_cue);
        // `2nd` has the shape of an inward code; the postcode pattern decides.
        assert!(Shape::of("2nd").inward && !Shape::of("2nds").inward && !Shape::of("2 TT").inward);
    }

    #[test]
    fn large_clean_text_scans_in_linear_time() {
        // No timing assertion: a pattern that backtracked would not finish.
        let sentence = "Emergency referral for a children's home placement within 40 miles; \
                        weekly fee £4,250.50 from 01/04/2025, called off lot 2 of \
                        ocds-pcds01-wm-framework-2024 (Ofsted URN SC900001, rated Good on \
                        2024-11-20). Provider gave 28 days' notice @ 09:00. ";
        let text = sentence.repeat(1_000_000 / sentence.len() + 1);
        assert!(text.len() >= 1_000_000);
        assert_eq!(scan(&text), Vec::new());
    }

    #[test]
    fn adversarial_text_scans_in_linear_time() {
        // Long runs of the characters each detector starts from or keeps reading.
        for unit in [
            "0 ",
            "0-",
            "(0",
            "+44 ",
            "a.",
            "a@",
            "@a.",
            "Mr ",
            "Mr A ",
            "name: ",
            "called ",
            "born ",
            "1/1/",
            "DOB 31/13/2011 ",
            "B1 ",
            "9",
            "A",
            "é",
        ] {
            let text = unit.repeat(250_000 / unit.len());
            let _ = scan(&text);
        }
        let digits = "7".repeat(1_000_000);
        assert_eq!(scan(&digits), Vec::new());
    }
}
