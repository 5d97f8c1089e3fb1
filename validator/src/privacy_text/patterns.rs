//! Email addresses, phone numbers, postcodes, NHS numbers and unique pupil numbers.

use super::*;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?-u:\b)",
    )
});

/// The first email address in `text`.
pub(super) fn find_email(text: &str) -> Option<&str> {
    EMAIL.find(text).map(|found| found.as_str())
}

// Phone ---------------------------------------------------------------------------------------

/// What may separate the groups of digits of a phone number.
/// Unicode spaces and dashes are folded to these before matching.
const PHONE_SEPARATORS: [&[u8]; 4] = [b" - ", b" ", b"-", b"."];

/// The first UK phone number in `text`: `07` mobiles and `01`, `02` and `03` numbers, written
/// with a leading `0`, `+44`, `0044` or `+44 (0)`, with the area code in brackets or not, and
/// with spaces, dashes or dots between groups of digits.
///
/// Written by hand rather than as a pattern so that the count of digits can be checked as the
/// groups are read: a number must have exactly the length its prefix calls for (nine or ten
/// digits after the `0`), which is what keeps dates, times, amounts and references out.
pub(super) fn find_phone(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().find_map(|(start, &byte)| {
        if !matches!(byte, b'0' | b'+' | b'(') || !starts_alone(text, start) {
            return None;
        }
        let end = phone_at(bytes, start)?;
        (ends_alone(text, end) && !notice_identifier(&text[start..end])).then(|| &text[start..end])
    })
}

/// Whether a number has the shape of a Find a Tender notice identifier, six digits, a hyphen and
/// a year (`010867-2025`), which would otherwise read as a phone number.
fn notice_identifier(number: &str) -> bool {
    let bytes = number.as_bytes();
    bytes.len() == 11
        && bytes[6] == b'-'
        && bytes[..6].iter().all(u8::is_ascii_digit)
        && (bytes[7..9] == *b"19" || bytes[7..9] == *b"20")
        && bytes[9..].iter().all(u8::is_ascii_digit)
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
/// position allows, one or two spaces, a hyphen or nothing, and an inward code (a digit and two
/// letters other than C, I, K, M, O and V). Unicode spaces and dashes are folded to these
/// before matching.
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
        (?: \x20{1,2} | \x20?-\x20? )?          # B15 2TT, B152TT, B15-2TT
        [0-9] [ABD-HJLNP-UW-Z]{2}
        \b
        | \bGIR\x20?0AA\b
        ",
    )
});

/// The first full postcode in `text`.
pub(super) fn find_postcode(text: &str) -> Option<&str> {
    POSTCODE
        .find_iter(text)
        .find(|found| {
            let postcode = found.as_str();
            // `Y10 2nd term`, `KS2 3rd`: a lower-case ordinal is not an inward code.
            let letters = &postcode[postcode.len() - 2..];
            // `ref-AB1-2DE`: a hyphenated postcode inside an identifier is part of it.
            let joined = postcode.contains('-')
                && !(starts_alone(text, found.start()) && ends_alone(text, found.end()));
            !matches!(letters, "st" | "nd" | "rd" | "th") && !joined
        })
        .map(|found| found.as_str())
}

// NHS number ----------------------------------------------------------------------------------

/// Whether ten digits (with any separators) carry a valid NHS number check digit: the weights
/// 10 down to 2 on the first nine digits, the check digit 11 less the sum modulo 11, where 11
/// means 0 and 10 means the number is not valid. Numbers of one repeated digit are placeholders,
/// not NHS numbers.
pub(super) fn nhs_check_digit_valid(number: &str) -> bool {
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

/// The first NHS number in `text`: ten digits standing on their own, with a valid check digit,
/// written whole or in groups: 3-3-4 or 4-3-3 with spaces, hyphens or dots between the groups
/// (the same one each time), or 6-4 and 3-7 with a space. A number right after a word that says
/// what else it is (`PO 4531057902`, `invoice no. …`) is not taken for one.
pub(super) fn find_nhs_number(text: &str) -> Option<&str> {
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
            && !after_reference_word(&text[..at])
        {
            return Some(&text[at..end]);
        }
        at += run;
    }
    None
}

/// The groupings an NHS number is written in, as the lengths of its runs of digits, and
/// whether the separator between them may be a hyphen or a dot as well as a space.
const NHS_GROUPINGS: &[(&[usize], bool)] = &[
    (&[3, 3, 4], true),
    (&[4, 3, 3], true),
    (&[6, 4], false),
    (&[3, 7], false),
];

/// Where the ten digits of a possible NHS number starting at byte `start` with a run of `run`
/// digits end: the run itself if it has ten digits, or the runs after it that make up one of
/// the [`NHS_GROUPINGS`] (`943 476 5919`, `9434-765-919`, `943.476.5919`, `943476 5919`).
fn nhs_number_at(bytes: &[u8], start: usize, run: usize) -> Option<usize> {
    if run == 10 {
        return Some(start + run);
    }
    let separator = *bytes.get(start + run)?;
    NHS_GROUPINGS.iter().find_map(|&(groups, any_separator)| {
        if groups[0] != run
            || !(separator == b' ' || (any_separator && matches!(separator, b'-' | b'.')))
        {
            return None;
        }
        let mut end = start + run;
        for &group in &groups[1..] {
            if bytes.get(end) != Some(&separator) || leading_digits(&bytes[end + 1..]) != group {
                return None;
            }
            end += 1 + group;
        }
        Some(end)
    })
}

/// Words that, right before a ten-digit number, say it is a reference of another kind.
const REFERENCE_WORDS: &[&str] = &[
    "a/c",
    "account",
    "acct",
    "booking",
    "invoice",
    "inv",
    "order",
    "po",
    "receipt",
    "serial",
    "supplier",
    "tracking",
    "transaction",
    "ukprn",
    "vendor",
];

/// Whether `before`, the text before a number, ends with one of the [`REFERENCE_WORDS`],
/// perhaps followed by `no`, `number`, `num` or `ref` and punctuation (`PO no: `, `Invoice #`).
fn after_reference_word(before: &str) -> bool {
    let trim = |text: &str| text.trim_end_matches([' ', ':', '#', '.', '-']).len();
    let last_word = |end: usize| {
        let text = &before[..end];
        let start = text
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_alphanumeric() || c == '/')
            .last()
            .map_or(end, |(at, _)| at);
        &text[start..]
    };
    let mut end = trim(before);
    let word = last_word(end);
    if ["no", "number", "num", "ref"]
        .iter()
        .any(|filler| word.eq_ignore_ascii_case(filler))
    {
        end = trim(&before[..end - word.len()]);
    }
    let word = last_word(end);
    REFERENCE_WORDS
        .iter()
        .any(|reference| word.eq_ignore_ascii_case(reference))
}

// Unique pupil number -------------------------------------------------------------------------

/// A letter and twelve digits, as a word of its own.
static UPN: LazyLock<Regex> = LazyLock::new(|| regex(r"(?-u:\b)[A-Za-z][0-9]{12}(?-u:\b)"));

/// The first unique pupil number in `text`.
pub(super) fn find_upn(text: &str) -> Option<&str> {
    UPN.find_iter(text)
        .find(|found| starts_alone(text, found.start()) && ends_alone(text, found.end()))
        .map(|found| found.as_str())
}
