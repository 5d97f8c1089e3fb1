//! Finds where a JSON pointer's value starts in the input, as a line and column, and the text
//! of that line.
//!
//! Only run for values that have findings, so it favours simplicity over speed: it walks the
//! bytes once, skipping values it does not need, with no recursion (hostile nesting cannot
//! overflow the stack).

/// A position in the input: 1-based line and column (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Where the value at `pointer` starts in `bytes`, or where its nearest existing ancestor
/// starts when the pointer names something absent (a missing required field is reported at
/// its parent).
#[must_use]
pub fn locate(bytes: &[u8], pointer: &str) -> Position {
    let mut cursor = Cursor { bytes, at: 0 };
    cursor.skip_space();
    let mut found = cursor.at;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        match cursor.enter(&token) {
            Some(at) => found = at,
            None => break,
        }
    }
    position(bytes, found)
}

/// The line and column of a byte offset.
#[must_use]
pub fn position(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position { line, column }
}

/// The text of a 1-based line of `bytes`, without its line ending, trimmed to a readable width.
#[must_use]
pub fn line_text(bytes: &[u8], line: usize) -> Option<String> {
    let text = bytes.split(|&b| b == b'\n').nth(line.checked_sub(1)?)?;
    let text = String::from_utf8_lossy(text);
    let text = text.trim_end_matches('\r');
    Some(if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text.to_owned()
    })
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Moves into the member or item named by `token` of the value at the cursor, returning the
    /// offset where that child's value starts.
    fn enter(&mut self, token: &str) -> Option<usize> {
        self.skip_space();
        match self.peek()? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let key_start = self.at;
                    self.skip_value()?;
                    let key: String =
                        serde_json::from_slice(&self.bytes[key_start..self.at]).ok()?;
                    self.skip_space();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    self.skip_space();
                    if key == token {
                        return Some(self.at);
                    }
                    self.skip_value()?;
                    self.skip_space();
                    if self.peek()? != b',' {
                        return None;
                    }
                    self.at += 1;
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                self.at += 1;
                for _ in 0..index {
                    self.skip_space();
                    self.skip_value()?;
                    self.skip_space();
                    if self.peek()? != b',' {
                        return None;
                    }
                    self.at += 1;
                }
                self.skip_space();
                (self.peek()? != b']').then_some(self.at)
            }
            _ => None,
        }
    }

    /// Skips one value: a string, an object or array (tracking depth, not recursing), or a
    /// scalar.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    loop {
                        match self.peek()? {
                            b'\\' => self.at += 2,
                            b'"' => {
                                self.at += 1;
                                break;
                            }
                            _ => self.at += 1,
                        }
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                }
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth > 0 => self.at += 1,
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' => return Some(()),
                _ => self.at += 1,
            }
            if depth == 0
                && !matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'.' || c == b'-' || c == b'+')
            {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Position, line_text, locate};

    const DOC: &str =
        "{\n  \"a\": [1, {\"b\": \"x\\\"y\", \"c\": [true]}],\n  \"d/e\": {\"f\": null}\n}";

    #[test]
    fn finds_values() {
        assert_eq!(locate(DOC.as_bytes(), ""), Position { line: 1, column: 1 });
        assert_eq!(
            locate(DOC.as_bytes(), "/a"),
            Position { line: 2, column: 8 }
        );
        assert_eq!(
            locate(DOC.as_bytes(), "/a/1/c/0"),
            Position {
                line: 2,
                column: 32
            }
        );
        assert_eq!(
            locate(DOC.as_bytes(), "/d~1e/f"),
            Position {
                line: 3,
                column: 16
            }
        );
    }

    #[test]
    fn absent_values_fall_back_to_their_parent() {
        assert_eq!(
            locate(DOC.as_bytes(), "/a/1/zzz"),
            Position {
                line: 2,
                column: 12
            }
        );
        assert_eq!(
            locate(DOC.as_bytes(), "/a/9"),
            Position { line: 2, column: 8 }
        );
    }

    #[test]
    fn survives_broken_and_hostile_input() {
        for input in [
            "",
            "{",
            "{\"a\"",
            "[[[[[[",
            "\"unterminated",
            "{\"a\": [1, 2",
        ] {
            let _ = locate(input.as_bytes(), "/a/1");
        }
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(locate(deep.as_bytes(), "/0/0/0").line, 1);
    }

    #[test]
    fn gives_line_text() {
        assert_eq!(
            line_text(DOC.as_bytes(), 3).as_deref(),
            Some("  \"d/e\": {\"f\": null}")
        );
        assert_eq!(line_text(DOC.as_bytes(), 9), None);
    }
}
