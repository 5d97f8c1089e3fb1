//! People's names with no title or cue before them: a given name and a surname from the name
//! lists in `data/` (`Jamie Smith`, `Smith, Jamie`, `J. Smith`), or a given name after a word
//! for a person (`foster carer Jamie`, `mum, Lisa`).
//!
//! Precision matters more than recall here: a capital letter is weak evidence in titles and at
//! the start of sentences, and commissioning text is full of organisations and places named
//! after people. So a name needs two pieces of evidence (two listed names, or a listed name and
//! a word for a person next to it), the given-name list leaves out every name that is also an
//! everyday word (Will, May, Grace) or a place (Chester, Stanley), and a run of capitalised words
//! with a word of an organisation, building or street in it (`Smith Care Ltd`, `Grace House`,
//! `Victoria Park`) is not a person.

use std::collections::HashSet;

use super::address::STREET_TYPES;
use super::names::{ORGANISATION_WORDS, bare, listed};
use super::*;

/// The given names, lower case: see `data/README.md` for their source and how they were cut.
static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    word_set(&[
        include_str!("data/given-names.txt"),
        include_str!("data/given-names-added.txt"),
    ])
});

/// The surnames, lower case and without apostrophes (`obrien`): see `data/README.md`.
static SURNAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    word_set(&[
        include_str!("data/surnames.txt"),
        include_str!("data/surnames-added.txt"),
    ])
});

/// The words of the lists, one a line.
fn word_set(lists: &[&'static str]) -> HashSet<&'static str> {
    lists
        .iter()
        .flat_map(|list| list.lines())
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .collect()
}

/// Surnames that, capitalised, far more often name a street, place, building or everyday thing
/// (`Victoria Park`, `Lot 2. Price`): never a surname after a given name, and never one on the
/// weaker evidence of an initial or a comma.
const COMMON_WORDS: &[&str] = &[
    "bank", "banks", "best", "black", "bridge", "brook", "brooks", "brown", "care", "case",
    "chapel", "church", "close", "court", "cross", "day", "dean", "drive", "early", "east",
    "english", "fair", "farm", "field", "fields", "ford", "foster", "frank", "free", "french",
    "frost", "gardens", "gate", "gates", "golden", "good", "grace", "gray", "green", "grey",
    "grove", "hall", "hardy", "hart", "heath", "hill", "hills", "hope", "house", "judge", "king",
    "knight", "lake", "lane", "law", "lead", "little", "lodge", "long", "love", "major", "mark",
    "marsh", "may", "mill", "mills", "moor", "moss", "mount", "noble", "north", "page", "park",
    "parks", "place", "pope", "price", "rich", "rose", "short", "small", "snow", "south", "spring",
    "square", "stone", "street", "strong", "summer", "summers", "sweet", "swift", "vale", "view",
    "walk", "ward", "way", "well", "wells", "west", "white", "will", "winter", "wise", "wood",
    "woods", "young",
];

/// Words for people: before a given name they make it a person's (`foster carer Jamie`,
/// `Brother Aaron`). Compared without case.
const PERSON_WORDS: &[&str] = &[
    "aunt",
    "auntie",
    "aunty",
    "boy",
    "boyfriend",
    "brother",
    "carer",
    "carers",
    "child",
    "cousin",
    "dad",
    "daddy",
    "daughter",
    "father",
    "friend",
    "girl",
    "girlfriend",
    "gran",
    "grandad",
    "grandfather",
    "grandma",
    "grandmother",
    "grandpa",
    "granny",
    "guardian",
    "iro",
    "keyworker",
    "mother",
    "mum",
    "mummy",
    "nan",
    "nana",
    "nanna",
    "partner",
    "sibling",
    "sister",
    "son",
    "stepdad",
    "stepfather",
    "stepmother",
    "stepmum",
    "sw",
    "uncle",
    "worker",
];

/// Words that may come before a person word at the start of a run of capitalised words
/// (`Foster Carer Jamie Smith`, `Social Worker Daniel`).
const PERSON_WORD_MODIFIERS: &[&str] = &["birth", "family", "foster", "key", "social", "support"];

/// The longest run of capitalised words looked at; longer runs are titles or headings.
const LONGEST_RUN: usize = 5;

/// A name looked up in the lists: lower case, apostrophes dropped and accents taken off the
/// Latin letters that have them, into `buffer`. `None` for words the lists cannot hold.
fn key<'b>(word: &str, buffer: &'b mut [u8; 32]) -> Option<&'b str> {
    let mut length = 0;
    for c in bare(word).chars() {
        let letter = match c {
            'a'..='z' | 'A'..='Z' => c.to_ascii_lowercase(),
            '\'' | '’' => continue,
            'à'..='å' | 'À'..='Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            _ => return None,
        };
        *buffer.get_mut(length)? = letter as u8;
        length += 1;
    }
    std::str::from_utf8(&buffer[..length]).ok()
}

/// Whether `word` is in `list`, looked up as its [`key`].
fn in_list(list: &HashSet<&str>, word: &str) -> bool {
    let mut buffer = [0; 32];
    key(word, &mut buffer).is_some_and(|key| list.contains(key))
}

/// Whether `word` is a given name; in a hyphenated one, its first part (`Mary-Jane`).
fn given(word: &str) -> bool {
    let first = word.split('-').next().unwrap_or(word);
    letters(first) > 1 && in_list(&GIVEN_NAMES, first) && !common(first)
}

/// Whether `word` is a surname that may follow a given name; in a hyphenated one, any part
/// (`Thornton-Clarke`).
fn surname(word: &str) -> bool {
    word.split('-')
        .any(|part| letters(part) > 1 && in_list(&SURNAMES, part) && !common(part))
}

/// Whether `word` is one of the [`COMMON_WORDS`] or a street type (`Road`, `Avenue`).
fn common(word: &str) -> bool {
    listed(COMMON_WORDS, word, false) || listed(STREET_TYPES, word, false)
}

/// The number of letters in a word.
fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether `word` is an initial: one capital letter and a full stop.
fn initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.as_str() == "."
}

/// The length of the capitalised word, word in capitals or initial at the start of `text`:
/// letters with apostrophes and hyphens inside (`O'Brien`, `Thornton-Clarke`), and a full stop
/// after a single letter (`J.`).
fn word_at(text: &str) -> Option<usize> {
    let mut end = word_from(text, char::is_uppercase)?;
    let single = text.chars().next().is_some_and(|c| c.len_utf8() == end);
    if single && text[end..].starts_with('.') {
        end += 1;
    }
    Some(end)
}

/// The run of capitalised words starting at byte `start`, one space apart: their starts and
/// ends, and where the run ends. At most [`LONGEST_RUN`] + 1 words are kept.
fn run_at(text: &str, start: usize) -> (Vec<(usize, usize)>, usize) {
    let mut words = Vec::new();
    let mut at = start;
    let mut end = start;
    while let Some(length) = word_at(&text[at..]) {
        if words.len() <= LONGEST_RUN {
            words.push((at, at + length));
        }
        end = at + length;
        if !text[end..].starts_with(' ') {
            break;
        }
        at = end + 1;
    }
    (words, end)
}

/// Whether the text before byte `at` ends with a word for a person, perhaps followed by `is`,
/// `was`, a comma or a colon (`social worker Daniel`, `mum, Lisa`, `her carer is Sam`).
fn person_word_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', ',', ':']);
    let last = last_word(before);
    let before = if matches!(last, "is" | "was") {
        before[..before.len() - last.len()].trim_end()
    } else {
        before
    };
    listed(PERSON_WORDS, last_word(before), false)
}

/// The word of letters that `text` ends with.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// Whether the words of a run make up a name: a given name, perhaps a second given name or an
/// initial, and a surname (`Jamie Smith`, `Jamie Lee Smith`, `Jamie A. Smith`), or an initial
/// and a surname (`J. Patterson`), or, after a word for a person, a given name alone.
fn is_name(words: &[&str], after_person_word: bool) -> bool {
    match words {
        [one] => after_person_word && given(one),
        [first, last] if initial(first) => surname(last),
        [first, last] => given(first) && surname(last),
        [first, middle, last] => {
            given(first) && (given(middle) || initial(middle)) && surname(last)
        }
        _ => false,
    }
}

/// Where the text after a run of capitalised words ending at byte `end` says it belongs to an
/// organisation or a list of them: `&` or `and` and another capitalised word (`Smith & Jones`,
/// `Collins, Harper and Walker`).
fn joined_to_more(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    ["&", "and", "+"].iter().any(|joiner| {
        rest.strip_prefix(' ')
            .and_then(|rest| rest.strip_prefix(joiner))
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
    })
}

/// The name in a run, if it holds one: the part of `text` it covers.
fn name_in_run<'a>(text: &'a str, run: &[(usize, usize)], end: usize) -> Option<&'a str> {
    if run.len() > LONGEST_RUN || joined_to_more(text, end) {
        return None;
    }
    let words: Vec<&str> = run.iter().map(|&(start, end)| &text[start..end]).collect();
    if words
        .iter()
        .any(|word| listed(ORGANISATION_WORDS, word, true))
    {
        return None;
    }
    // `Foster Carer Jamie Smith`: the words for a person are evidence, not part of the name.
    let mut skip = 0;
    let mut person = person_word_before(text, run[0].0);
    while skip < words.len() {
        let word = words[skip];
        if listed(PERSON_WORDS, word, false) {
            person = true;
        } else if !listed(PERSON_WORD_MODIFIERS, word, false) {
            break;
        }
        skip += 1;
    }
    let words = &words[skip..];
    let run = &run[skip..];
    if words.is_empty() || !is_name(words, person) {
        return None;
    }
    Some(&text[run[0].0..run[run.len() - 1].1])
}

/// `Smith, Jamie`: a surname alone, a comma and a given name alone, when the run ending at
/// `end` is the surname.
fn surname_first<'a>(text: &'a str, run: &[(usize, usize)], end: usize) -> Option<&'a str> {
    let [(start, _)] = run else {
        return None;
    };
    let name = &text[*start..end];
    let given_at = end + 2;
    if !text[end..].starts_with(", ") || common(name) || !in_list(&SURNAMES, name) {
        return None;
    }
    let (next, next_end) = run_at(text, given_at);
    let [(first, first_end)] = next[..] else {
        return None;
    };
    (given(&text[first..first_end])
        && !joined_to_more(text, next_end)
        && !text[next_end..].starts_with(", "))
    .then(|| &text[*start..next_end])
}

/// The first person's name in `text` that has no title or cue before it.
pub(super) fn find_person(text: &str) -> Option<&str> {
    let mut at = 0;
    while at < text.len() {
        let Some(c) = char_at(text, at) else {
            break;
        };
        let starts_word = c.is_uppercase()
            && !char_before(text, at).is_some_and(|b| b.is_alphanumeric() || b == '\'');
        if !starts_word {
            at += c.len_utf8();
            continue;
        }
        let (run, end) = run_at(text, at);
        if let Some(name) = name_in_run(text, &run, end).or_else(|| surname_first(text, &run, end))
        {
            return Some(name);
        }
        at = end.max(at + c.len_utf8());
    }
    None
}
