//! JSON Lines: PCDS releases (or packages, or records) one JSON value per line, the way feeds
//! are harvested and large exports are published.
//!
//! A line ends at `\n` (a `\r` before it is whitespace); blank lines are skipped; each other
//! line must hold one whole JSON value. A UTF-8 byte order mark at the very start is skipped,
//! as every PCDS tool skips it. Lines are numbered from 1, counting blank ones, so a
//! number always points at the line a text editor shows. [`Lines`] reads from any reader with a
//! bound on the length of a line, so one endless line cannot exhaust memory; [`parse`] reads a
//! text already in memory.

use std::io::{self, BufRead, Read as _};

use serde::de::DeserializeOwned;

/// The UTF-8 byte order mark, which some Windows tools write at the start of a text file.
pub const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Why a JSON Lines text could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonLinesError {
    /// The reader failed.
    #[error("line {line}: cannot read: {source}")]
    Io {
        /// The line being read.
        line: usize,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A line is longer than the bound.
    #[error("line {line} is longer than {limit} bytes")]
    TooLong {
        /// The line.
        line: usize,
        /// The bound, in bytes.
        limit: usize,
    },
    /// A line is not one JSON value of the expected shape.
    #[error("line {line}, column {column}: {source}")]
    NotJson {
        /// The line.
        line: usize,
        /// The 1-based column in the line.
        column: usize,
        /// What the JSON reader said.
        #[source]
        source: serde_json::Error,
    },
}

impl JsonLinesError {
    /// The 1-based line the error is on.
    #[must_use]
    pub fn line(&self) -> usize {
        match self {
            JsonLinesError::Io { line, .. }
            | JsonLinesError::TooLong { line, .. }
            | JsonLinesError::NotJson { line, .. } => *line,
        }
    }
}

/// One non-blank line: its 1-based number and its bytes, without the line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's number, counting from 1 and counting blank lines.
    pub number: usize,
    /// The line's bytes.
    pub bytes: Vec<u8>,
}

impl Line {
    /// The line read as one JSON value of type `T`.
    ///
    /// # Errors
    /// [`JsonLinesError::NotJson`] when it is not.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, JsonLinesError> {
        serde_json::from_slice(&self.bytes).map_err(|source| JsonLinesError::NotJson {
            line: self.number,
            column: source.column(),
            source,
        })
    }
}

/// The non-blank lines of a reader, each at most `limit` bytes long. After an error the
/// iterator ends.
pub struct Lines<R> {
    reader: R,
    limit: usize,
    number: usize,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    /// Reads `reader` line by line, refusing any line longer than `limit` bytes.
    pub fn new(reader: R, limit: usize) -> Self {
        Lines {
            reader,
            limit,
            number: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Line, JsonLinesError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut bytes = Vec::new();
            let read = (&mut self.reader)
                .take(self.limit as u64 + 1)
                .read_until(b'\n', &mut bytes);
            let line = self.number + 1;
            match read {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.number = line;
                    if line == 1 && bytes.starts_with(BYTE_ORDER_MARK) {
                        bytes.drain(..BYTE_ORDER_MARK.len());
                    }
                    if bytes.last() == Some(&b'\n') {
                        bytes.pop();
                    } else if bytes.len() > self.limit {
                        self.done = true;
                        return Some(Err(JsonLinesError::TooLong {
                            line,
                            limit: self.limit,
                        }));
                    }
                    if !bytes.iter().all(u8::is_ascii_whitespace) {
                        return Some(Ok(Line {
                            number: line,
                            bytes,
                        }));
                    }
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(JsonLinesError::Io { line, source }));
                }
            }
        }
        None
    }
}

/// Every non-blank line of `text`, each read as a `T`.
///
/// # Errors
/// The first line that is not a `T`, with its number.
pub fn parse<T: DeserializeOwned>(text: &[u8]) -> Result<Vec<T>, JsonLinesError> {
    Lines::new(text, usize::MAX - 1)
        .map(|line| line.and_then(|line| line.parse()))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn blank_lines_are_skipped_but_counted() {
        let text = b"{\"a\": 1}\r\n\n  \n[2]\n3";
        let lines: Vec<Line> = Lines::new(&text[..], 100)
            .collect::<Result<_, _>>()
            .expect("reads");
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 4, 5]);
        let values: Vec<Value> = parse(text).expect("parses");
        assert_eq!(values, [json!({"a": 1}), json!([2]), json!(3)]);
        assert!(parse::<Value>(b"").expect("empty").is_empty());
        let marked: Vec<Value> = parse(b"\xEF\xBB\xBF{}\n{}").expect("a BOM is skipped");
        assert_eq!(marked.len(), 2);
        assert!(
            parse::<Value>(b"{}\n\xEF\xBB\xBF{}").is_err(),
            "only at the start"
        );
    }

    #[test]
    fn a_bad_line_is_named_and_ends_the_reading() {
        let error = parse::<Value>(b"{}\n\n{\"a\": tru}\n{}").expect_err("line 3 is broken");
        assert_eq!(error.line(), 3);
        assert!(error.to_string().starts_with("line 3, column "), "{error}");
        let truncated = parse::<Value>(b"{}\n{\"a\": [1, 2").expect_err("cut off");
        assert_eq!(truncated.line(), 2);
        let wrong = parse::<Vec<u8>>(b"[1]\n\"x\"").expect_err("wrong type");
        assert_eq!(wrong.line(), 2);
    }

    #[test]
    fn a_line_longer_than_the_bound_is_refused_without_reading_it_all() {
        let long = [b"{}\n".as_slice(), &vec![b' '; 1000], b"1\n"].concat();
        let mut lines = Lines::new(&long[..], 100);
        assert_eq!(lines.next().expect("a line").expect("fine").number, 1);
        let Some(Err(JsonLinesError::TooLong {
            line: 2,
            limit: 100,
        })) = lines.next()
        else {
            panic!("the second line is too long");
        };
        assert!(lines.next().is_none(), "reading stops");
        let exact = [vec![b'1'; 100], b"\n".to_vec()].concat();
        assert_eq!(
            Lines::new(&exact[..], 100).count(),
            1,
            "a line of exactly the bound is read"
        );
    }
}
