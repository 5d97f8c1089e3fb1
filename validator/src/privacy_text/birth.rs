//! Dates of birth: a date next to a word such as "born", or a date that the words around it
//! make a child's: a child or an age right next to it, or a far earlier date than the others.

use super::*;

/// The words that make a nearby date a date of birth.
static BIRTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i-u)\b(?:d\.o\.b\.|d\.?o\.?b\b|date[\s_-]*of[\s_-]*birth|birth[\s_-]*date|birthday|b'?day\b|born\b)",
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

/// A date the [`DATE`] pattern found and [`plausible_date`] accepted.
struct Date {
    /// Where it starts and ends in the text.
    start: usize,
    end: usize,
    /// Its year, when written with four digits and the date has a day and a month too.
    year: Option<u32>,
}

/// The plausible dates in `text`, in order.
fn dates(text: &str) -> Vec<Date> {
    DATE.find_iter(text)
        .filter_map(|found| {
            // `2011-07-04T00:00:00Z`: the date without the `T` that starts the time.
            let date = found
                .as_str()
                .strip_suffix(['T', 't'])
                .filter(|date| date.ends_with(|c: char| c.is_ascii_digit()))
                .unwrap_or(found.as_str());
            if !plausible_date(date) {
                return None;
            }
            let numbers = date_numbers(date);
            let written_month = date.bytes().any(|b| b.is_ascii_alphabetic());
            let parts = numbers.iter().filter(|&&(_, length)| length > 0).count();
            let full = parts == 3 || (written_month && parts == 2);
            let year = numbers
                .iter()
                .find(|&&(_, length)| length == 4)
                .map(|&(year, _)| year)
                .filter(|_| full);
            Some(Date {
                start: found.start(),
                end: found.start() + date.len(),
                year,
            })
        })
        .collect()
}

/// Whether `date` is close to a birth word of `words` (their starts and ends, in order): up to
/// three words after it ("born in Walsall on 4 July 2011") or one word before it ("04/07/2011
/// (DOB)").
fn near_birth_word(text: &str, words: &[(usize, usize)], date: &Date) -> bool {
    // Birth words never overlap dates, so the words ending before the date come first.
    let after = words.partition_point(|&(_, word_end)| word_end <= date.start);
    let word_before = after.checked_sub(1).map(|i| words[i]);
    word_before.is_some_and(|(_, word_end)| close_enough(&text[word_end..date.start], 3))
        || words
            .get(after)
            .is_some_and(|&(word_start, _)| close_enough(&text[date.end..word_start], 1))
}

/// An age: `aged 9`, `age: 9`, `9 years old`, `9-year-old`, `9 yrs`, `9yo`.
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?xi-u)
        \b
        (?:
            aged? \s* :? \s* [0-9]{1,2}
          | [0-9]{1,2} \s* -? \s* (?:years? | yrs?) (?: \s* -? \s* old)?
          | [0-9]{1,2} \s* y/?o
        )
        \b",
    )
});

/// Words that make a nearby date a child's: a child, and an age band or sex that describes one.
static CHILD_WORD: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i-u)\b(?:child|young\s+person|yp|boy|girl|male|female|sibling|aged?|age\s+band)\b")
});

/// The people a date right after is the date of birth of (`Child 03/09/2015`, `girl,
/// 02/03/2014`, `sibling 2: 14/11/2016`). Compared without case.
const PERSON_NOUNS: &[&str] = &[
    "baby", "boy", "brother", "child", "cyp", "daughter", "girl", "infant", "person", "sibling",
    "sister", "son", "teenager", "twin", "yp",
];

/// Words around a date that say what happened on it or what it bounds, which makes it a
/// placement, contract or inspection date rather than a date of birth. Compared without case.
const EVENT_WORDS: &[&str] = &[
    "accepted",
    "after",
    "agreed",
    "and",
    "approved",
    "arrived",
    "as",
    "at",
    "awarded",
    "before",
    "began",
    "between",
    "by",
    "closed",
    "closes",
    "commenced",
    "commencing",
    "completed",
    "date",
    "dated",
    "deadline",
    "due",
    "effective",
    "end",
    "ended",
    "ending",
    "ends",
    "expired",
    "expires",
    "expiry",
    "extended",
    "from",
    "good",
    "granted",
    "held",
    "inadequate",
    "inspected",
    "inspection",
    "issued",
    "left",
    "listed",
    "made",
    "moved",
    "notice",
    "notified",
    "offered",
    "on",
    "onwards",
    "opened",
    "outstanding",
    "paid",
    "placed",
    "placement",
    "previously",
    "published",
    "received",
    "referral",
    "referred",
    "registered",
    "renewed",
    "requires",
    "review",
    "reviewed",
    "sent",
    "signed",
    "since",
    "start",
    "started",
    "starting",
    "starts",
    "submitted",
    "terminated",
    "till",
    "to",
    "until",
    "updated",
    "visit",
    "visited",
    "wc",
];

/// Whether `c` ends a clause, beyond which words say nothing about a date.
fn clause_end(c: char) -> bool {
    matches!(c, '.' | ';' | '!' | '?' | '|' | '\n')
}

/// The text of the clause just before `date`, after the previous date, at most 60 bytes.
fn clause_before<'a>(text: &'a str, dates: &[Date], i: usize) -> &'a str {
    let start = dates[i].start;
    let floor = i.checked_sub(1).map_or(0, |previous| dates[previous].end);
    let mut from = floor.max(start.saturating_sub(60));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    before
        .rfind(clause_end)
        .map_or(before, |at| &before[at + 1..])
}

/// The text of the clause just after `date`, up to the next date, at most 60 bytes.
fn clause_after<'a>(text: &'a str, dates: &[Date], i: usize) -> &'a str {
    let end = dates[i].end;
    let ceiling = dates.get(i + 1).map_or(text.len(), |next| next.start);
    let mut to = ceiling.min(end + 60);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = &text[end..to];
    after.find(clause_end).map_or(after, |at| &after[..at])
}

/// The words of `text`: runs of letters and digits.
fn words_of(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether `word` is one of `list`, ignoring case.
fn one_of(list: &[&str], word: &str) -> bool {
    list.iter().any(|listed| listed.eq_ignore_ascii_case(word))
}

/// Whether the words around the date `i` make it the date of an event or one end of a range:
/// an [`EVENT_WORDS`] word among the three words before it in its clause or the two after it
/// before a comma or bracket, or a dash or slash joining it to the next or previous date.
fn event_date(text: &str, dates: &[Date], i: usize) -> bool {
    let before = clause_before(text, dates, i);
    let after = clause_after(text, dates, i);
    let joined = |gap: &str| matches!(gap.trim(), "-" | "/");
    // `01/04/2025 start`, but not `girl, 02/03/2014, referred by the duty team`.
    let phrase_after = after.split([',', '(', ')']).next().unwrap_or(after);
    words_of(before)
        .rev()
        .take(3)
        .any(|word| one_of(EVENT_WORDS, word))
        || words_of(phrase_after)
            .take(2)
            .any(|word| one_of(EVENT_WORDS, word))
        || (i > 0 && before.len() == dates[i].start - dates[i - 1].end && joined(before))
        || (i + 1 < dates.len()
            && after.len() == dates[i + 1].start - dates[i].end
            && joined(after))
}

/// Whether a person the date belongs to comes right before it: one of the [`PERSON_NOUNS`],
/// then only punctuation and perhaps a label of one or two characters (`sibling 2:`).
fn person_before(text: &str, dates: &[Date], i: usize) -> bool {
    let before = clause_before(text, dates, i);
    let mut words = words_of(before).rev();
    let gap_is_punctuation = before
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ':' | ',' | '-' | '['));
    let Some(last) = words.next() else {
        return false;
    };
    if !gap_is_punctuation.ends_with(last) {
        return false;
    }
    let noun = if last.chars().count() <= 2 && !one_of(PERSON_NOUNS, last) {
        words.next()
    } else {
        Some(last)
    };
    noun.is_some_and(|noun| one_of(PERSON_NOUNS, noun))
}

/// Whether an age of `ages` (their starts and ends, in order) is right next to the date, with
/// only spaces, commas, colons, dashes or brackets between (`aged 9, 2016-02-11`, `19/08/2014
/// (aged 10)`).
fn age_next_to(text: &str, ages: &[(usize, usize)], date: &Date) -> bool {
    let separators = |gap: &str| {
        gap.len() <= 4
            && gap
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ':' | '-'))
    };
    let after = ages.partition_point(|&(_, end)| end <= date.start);
    let before = after.checked_sub(1).map(|i| ages[i]);
    before.is_some_and(|(_, end)| separators(&text[end..date.start]))
        || ages
            .get(after)
            .is_some_and(|&(start, _)| start >= date.end && separators(&text[date.end..start]))
}

/// The most years a date of birth may come before the latest date of a text with a child in it
/// for the distance alone to make it one, and the fewest.
const CHILDHOOD: std::ops::RangeInclusive<u32> = 5..=17;

/// The first date of birth in `text`: a date close to a birth word ("born 4 July 2011", "DOB
/// 04/07/2011"), or a full date with a four-digit year that no word around it makes the date of
/// an event ("placed on", "from", "until", "Good (…)") and that is a child's: right after a
/// child ("girl, 02/03/2014"), right next to an age ("aged 9, 2016-02-11"), or, in a text about
/// a child, 5 to 17 years before its latest date.
pub(super) fn find_date_of_birth(text: &str) -> Option<&str> {
    let dates = dates(text);
    if dates.is_empty() {
        return None;
    }
    let words: Vec<(usize, usize)> = BIRTH_WORD
        .find_iter(text)
        .map(|found| (found.start(), found.end()))
        .collect();
    if let Some(date) = dates
        .iter()
        .find(|date| near_birth_word(text, &words, date))
    {
        return Some(&text[date.start..date.end]);
    }
    if dates.iter().all(|date| date.year.is_none()) {
        return None;
    }
    let ages: Vec<(usize, usize)> = AGE
        .find_iter(text)
        .map(|found| (found.start(), found.end()))
        .collect();
    let latest = dates.iter().filter_map(|date| date.year).max();
    let about_a_child = dates.len() > 1 && CHILD_WORD.is_match(text);
    (0..dates.len())
        .find(|&i| {
            let Some(year) = dates[i].year else {
                return false;
            };
            let far_before = about_a_child
                && latest.is_some_and(|latest| CHILDHOOD.contains(&latest.saturating_sub(year)));
            !event_date(text, &dates, i)
                && (person_before(text, &dates, i)
                    || age_next_to(text, &ages, &dates[i])
                    || far_before)
        })
        .map(|i| &text[dates[i].start..dates[i].end])
}
