//! Folding the Unicode look-alikes of spaces, hyphens and ASCII characters before matching.
//!
//! Text pasted from word processors and web pages writes `B15 2TT` with a non-breaking space,
//! `943–476–5919` with en dashes and sometimes digits in their full-width forms. The detectors
//! match ASCII, so [`fold`] maps those characters to the ASCII ones they stand for: the few
//! folds of Unicode's compatibility normalisation (NFKC) that matter here, by hand, which needs
//! no tables and keeps plain ASCII text free of any copy. Every fold maps one character to one
//! character, so a match in the folded text maps back to the same characters of the original
//! ([`original`]).

use std::borrow::Cow;

/// The ASCII character `c` stands for, or `c` itself: Unicode spaces become a space, hyphens,
/// dashes and the minus sign a hyphen, curly single quotes an apostrophe, and the full-width forms of ASCII characters (`９`,
/// `Ａ`, `＠`) those characters.
fn fold_char(c: char) -> char {
    match c {
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            ' '
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' => '-',
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// `text` with every character [`fold_char`] changes folded: borrowed, with no copy, when
/// nothing changes, which is always the case for ASCII text.
pub(super) fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.chars().all(|c| fold_char(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(fold_char).collect())
    }
}

/// The part of `original` that `found`, a slice of `folded` (the [`fold`] of `original`),
/// was folded from.
pub(super) fn original<'a>(original: &'a str, folded: &str, found: &str) -> &'a str {
    let start = found.as_ptr().addr().wrapping_sub(folded.as_ptr().addr());
    if original.as_ptr() == folded.as_ptr() {
        return start
            .checked_add(found.len())
            .and_then(|end| original.get(start..end))
            .unwrap_or_default();
    }
    let skip = folded
        .get(..start)
        .map_or(0, |before| before.chars().count());
    let count = found.chars().count();
    let mut offsets = original
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(original.len()))
        .skip(skip);
    let from = offsets.next().unwrap_or(original.len());
    let to = offsets
        .nth(count.saturating_sub(1))
        .unwrap_or(original.len());
    let to = if count == 0 { from } else { to };
    &original[from..to]
}
