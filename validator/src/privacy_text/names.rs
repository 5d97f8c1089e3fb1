//! People's names in free text.

use super::*;

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
pub(super) const ORGANISATION_WORDS: &[&str] = &[
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
pub(super) fn bare(word: &str) -> &str {
    let word = word.trim_end_matches('.');
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix(['\'', '’']))
        .unwrap_or(word)
}

/// Whether `word` is in `list`, ignoring case and a possessive `'s`, and with `plural` also
/// a final `s` (`providers called`, `Acme Homes`). [`NOT_NAMES`] is matched without it, since
/// names such as `Wes` would otherwise read as `we`.
pub(super) fn listed(list: &[&str], word: &str, plural: bool) -> bool {
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
pub(super) fn find_name(text: &str) -> Option<&str> {
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
