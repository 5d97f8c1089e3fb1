//! Escaping text for XML and HTML: element content and attribute values in double quotes.
//! The JUnit renderer, the conformance suite's JUnit and the HTML conformance report all write
//! through these, so a value from a document can never open a tag or end an attribute.

/// Whether XML 1.0 allows the character at all.
pub(crate) fn allowed(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{a}' | '\u{d}'
        | '\u{20}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}'
        | '\u{10000}'..='\u{10ffff}')
}

fn escape(value: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            // A parser turns a literal carriage return into a newline, and in an attribute
            // turns every whitespace character into a space: references keep them.
            '\r' => out.push_str("&#13;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            c => out.extend(c.escape_default()),
        }
    }
    out
}

/// Text escaped for an attribute value in double quotes; characters XML does not allow are
/// written as Rust escapes such as `\u{1b}`.
#[must_use]
pub fn attribute(value: &str) -> String {
    escape(value, true)
}

/// Text escaped for element content (HTML too).
#[must_use]
pub fn text(value: &str) -> String {
    escape(value, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(
            text("<a href=\"x\">&</a>"),
            "&lt;a href=\"x\"&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(attribute("\"'\n"), "&quot;&apos;&#10;");
        assert_eq!(text("a\u{1b}b\r"), "a\\u{1b}b&#13;");
    }
}
