//! The streaming scanner: splits an input into units small enough to check one at a time.
//!
//! A release package of any size is read through a fixed buffer. The scanner follows only the
//! outline of the JSON (strings, brackets, commas), copies each element of the top-level
//! `releases` or `records` array into its own [`Unit`], hands it over, and forgets it; every
//! other top-level member (the package metadata) is kept and handed over with the
//! [`DocumentEnd`]. A top-level array is split into its items the same way, and several
//! newline-separated documents (JSON Lines) one after another. Memory therefore grows with the
//! largest release, never with the input.
//!
//! The scanner does not check JSON syntax inside units: each unit is parsed strictly afterwards
//! (see `strict`). It reports only what breaks the outline, such as an input that ends early.

use std::io::{self, Read};

use crate::finding::Finding;
use crate::locate::Position;
use crate::rules;

/// Which top-level list a unit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// The `releases` array of a release package or record.
    Releases,
    /// The `records` array of a record package.
    Records,
    /// A top-level JSON array.
    Array,
}

/// One element of a top-level list, as raw bytes.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The 0-based number of the document the unit belongs to (several for JSON Lines).
    pub document: usize,
    /// The list it came from.
    pub container: Container,
    /// Its index in the list.
    pub index: usize,
    /// Whether the enclosing object had an `ocid` member before this unit (so the list is a
    /// record's `releases`, not a package's).
    pub in_record: bool,
    /// Where its first byte is in the input.
    pub start: Position,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A top-level member that was not streamed, e.g. a package's `publisher`.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's key.
    pub key: String,
    /// Where its value starts.
    pub start: Position,
    /// The value's bytes.
    pub bytes: Vec<u8>,
}

/// What a finished top-level document was.
#[derive(Debug, Clone)]
pub enum Outline {
    /// An object: its members that were not streamed, and how many units each streamed list
    /// held.
    Object {
        /// Members kept whole.
        members: Vec<Member>,
        /// Streamed lists and their lengths, e.g. `("releases", 120)`.
        streamed: Vec<(String, usize)>,
    },
    /// A top-level array, streamed as units.
    Array {
        /// How many items it held.
        items: usize,
    },
    /// A top-level value that is neither an object nor an array.
    Scalar {
        /// Its bytes.
        bytes: Vec<u8>,
    },
}

/// The end of one top-level document.
#[derive(Debug, Clone)]
pub struct DocumentEnd {
    /// The 0-based number of the document.
    pub document: usize,
    /// Where it started.
    pub start: Position,
    /// What it was.
    pub outline: Outline,
}

/// What the scanner hands over, in input order.
#[derive(Debug)]
pub enum Event {
    /// A unit to check.
    Unit(Unit),
    /// A top-level member that says how the units after it are judged, the package's
    /// `publicationLevel`, handed over as soon as it is read so that findings that depend on
    /// it need not wait for the end of the document. It comes again with the [`DocumentEnd`].
    Claim(Member),
    /// A document has ended.
    DocumentEnd(DocumentEnd),
    /// The outline is broken; scanning stops after this.
    Broken(Finding),
}

/// Why scanning stopped early: the input could not be read (not a data error).
pub type ReadError = io::Error;

/// Scans `reader`, calling `handle` for each event. Returns the number of bytes read.
///
/// # Errors
/// When reading fails; data errors arrive as [`Event::Broken`].
pub fn scan<R: Read>(reader: R, mut handle: impl FnMut(Event)) -> Result<u64, ReadError> {
    let mut scanner = Scanner::new(reader);
    let result = scanner.documents(&mut handle);
    match result {
        Ok(()) => Ok(scanner.consumed),
        Err(Stop::Read(e)) => Err(e),
        Err(Stop::Broken(finding)) => {
            handle(Event::Broken(*finding));
            Ok(scanner.consumed)
        }
    }
}

enum Stop {
    Read(io::Error),
    Broken(Box<Finding>),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Read(e)
    }
}

const BUFFER: usize = 256 * 1024;

/// Bytes that end a run of plain value bytes.
const DELIMITERS: &[u8] = b"\"{[}],: \t\n\r";

/// Every byte JSON allows outside a string that is not a delimiter: those of numbers and of
/// `true`, `false` and `null`.
const SCALAR: &[u8] = b"0123456789+-.eEtrufalsn";

/// A byte as a message names it.
fn describe(byte: u8) -> String {
    match byte {
        0 => "a NUL byte".into(),
        b'!'..=b'~' => format!("`{}`", char::from(byte)),
        _ => format!("the byte 0x{byte:02X}"),
    }
}

struct Scanner<R> {
    reader: R,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    consumed: u64,
    eof: bool,
}

impl<R: Read> Scanner<R> {
    fn new(reader: R) -> Self {
        Scanner {
            reader,
            buffer: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            consumed: 0,
            eof: false,
        }
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn broken(&self, message: impl Into<String>) -> Stop {
        let position = self.position();
        Stop::Broken(Box::new(
            Finding::new(&rules::PARSE_SYNTAX, "", message).at(position.line, position.column),
        ))
    }

    fn peek(&mut self) -> Result<Option<u8>, Stop> {
        if self.start == self.end {
            if self.eof {
                return Ok(None);
            }
            let read = loop {
                match self.reader.read(&mut self.buffer) {
                    Ok(read) => break read,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(Stop::Read(e)),
                }
            };
            self.start = 0;
            self.end = read;
            if read == 0 {
                self.eof = true;
                return Ok(None);
            }
        }
        Ok(Some(self.buffer[self.start]))
    }

    /// Consumes the byte just peeked, keeping the line and column.
    fn advance(&mut self, byte: u8) {
        self.start += 1;
        self.consumed += 1;
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    fn expect_byte(&mut self, what: &str) -> Result<u8, Stop> {
        match self.peek()? {
            Some(byte) => Ok(byte),
            None => Err(self.broken(format!("the input ends too soon: expected {what}"))),
        }
    }

    /// Skips white space; returns whether it crossed a line break.
    fn skip_space(&mut self) -> Result<bool, Stop> {
        let mut newline = false;
        while let Some(byte @ (b' ' | b'\t' | b'\n' | b'\r')) = self.peek()? {
            newline |= byte == b'\n';
            self.advance(byte);
        }
        Ok(newline)
    }

    fn documents(&mut self, handle: &mut impl FnMut(Event)) -> Result<(), Stop> {
        // A UTF-8 byte order mark is allowed at the very start.
        if self.peek()? == Some(0xEF) {
            let bom = [0xEF, 0xBB, 0xBF];
            if self.buffer[self.start..self.end].starts_with(&bom) {
                self.start += 3;
                self.consumed += 3;
            }
        }
        self.skip_space()?;
        if self.peek()?.is_none() {
            return Err(self.broken("the input is empty"));
        }
        let mut document = 0;
        loop {
            self.document(document, handle)?;
            document += 1;
            let newline = self.skip_space()?;
            if self.peek()?.is_none() {
                return Ok(());
            }
            if !newline {
                return Err(self.broken(
                    "unexpected text after the document; JSON Lines put one document on each line",
                ));
            }
        }
    }

    fn document(&mut self, document: usize, handle: &mut impl FnMut(Event)) -> Result<(), Stop> {
        let start = self.position();
        let outline = match self.expect_byte("a JSON value")? {
            b'{' => self.object(document, handle)?,
            b'[' => {
                let items = self.list(document, Container::Array, false, handle)?;
                Outline::Array { items }
            }
            _ => {
                let mut bytes = Vec::new();
                self.capture(&mut bytes)?;
                Outline::Scalar { bytes }
            }
        };
        handle(Event::DocumentEnd(DocumentEnd {
            document,
            start,
            outline,
        }));
        Ok(())
    }

    fn object(&mut self, document: usize, handle: &mut impl FnMut(Event)) -> Result<Outline, Stop> {
        self.advance(b'{');
        let mut members = Vec::new();
        let mut streamed = Vec::new();
        self.skip_space()?;
        if self.expect_byte("a key or `}`")? == b'}' {
            self.advance(b'}');
            return Ok(Outline::Object { members, streamed });
        }
        loop {
            self.skip_space()?;
            if self.expect_byte("a key")? != b'"' {
                return Err(self.broken("expected a key in double quotes"));
            }
            let mut raw = Vec::new();
            self.capture(&mut raw)?;
            let Ok(key) = serde_json::from_slice::<String>(&raw) else {
                return Err(self.broken("a key is not a well-formed JSON string"));
            };
            self.skip_space()?;
            if self.expect_byte("`:`")? != b':' {
                return Err(self.broken("expected `:` after a key"));
            }
            self.advance(b':');
            self.skip_space()?;
            let container = match key.as_str() {
                "releases" => Some(Container::Releases),
                "records" => Some(Container::Records),
                _ => None,
            };
            match container {
                Some(container) if self.expect_byte("a value")? == b'[' => {
                    let in_record = members.iter().any(|m: &Member| m.key == "ocid");
                    let count = self.list(document, container, in_record, handle)?;
                    streamed.push((key, count));
                }
                _ => {
                    let start = self.position();
                    let mut bytes = Vec::new();
                    self.capture(&mut bytes)?;
                    let member = Member { key, start, bytes };
                    if member.key == "publicationLevel" {
                        handle(Event::Claim(member.clone()));
                    }
                    members.push(member);
                }
            }
            self.skip_space()?;
            match self.expect_byte("`,` or `}`")? {
                b',' => self.advance(b','),
                b'}' => {
                    self.advance(b'}');
                    return Ok(Outline::Object { members, streamed });
                }
                _ => return Err(self.broken("expected `,` or `}` after a value")),
            }
        }
    }

    /// Streams the items of an array as units; returns how many there were.
    fn list(
        &mut self,
        document: usize,
        container: Container,
        in_record: bool,
        handle: &mut impl FnMut(Event),
    ) -> Result<usize, Stop> {
        self.advance(b'[');
        self.skip_space()?;
        if self.expect_byte("a value or `]`")? == b']' {
            self.advance(b']');
            return Ok(0);
        }
        let mut index = 0;
        loop {
            self.skip_space()?;
            let start = self.position();
            let mut bytes = Vec::new();
            self.capture(&mut bytes)?;
            handle(Event::Unit(Unit {
                document,
                container,
                index,
                in_record,
                start,
                bytes,
            }));
            index += 1;
            self.skip_space()?;
            match self.expect_byte("`,` or `]`")? {
                b',' => self.advance(b','),
                b']' => {
                    self.advance(b']');
                    return Ok(index);
                }
                _ => return Err(self.broken("expected `,` or `]` after a list item")),
            }
        }
    }

    /// Copies one value's bytes: a string, a whole object or array (by depth, without
    /// recursion), or a scalar up to the next delimiter.
    fn capture(&mut self, out: &mut Vec<u8>) -> Result<(), Stop> {
        let mut depth = 0usize;
        loop {
            let Some(byte) = self.peek()? else {
                if depth == 0 && !out.is_empty() {
                    // A scalar that ends the input.
                    return Ok(());
                }
                return Err(self.broken("the input ends too soon, inside a value"));
            };
            match byte {
                b'"' => self.string(out)?,
                b'{' | b'[' => {
                    depth += 1;
                    out.push(byte);
                    self.advance(byte);
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    out.push(byte);
                    self.advance(byte);
                }
                b'}' | b']' | b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => {
                    if out.is_empty() {
                        return Err(self.broken("expected a value"));
                    }
                    return Ok(());
                }
                _ if DELIMITERS.contains(&byte) => {
                    // Punctuation and white space inside an object or array.
                    out.push(byte);
                    self.advance(byte);
                }
                _ if !SCALAR.contains(&byte) => {
                    // JSON has no other byte outside a string: stop at it, so that a binary
                    // file or an endless device is not read to its end.
                    return Err(self.broken(format!(
                        "{} cannot appear outside a string; the input is not JSON",
                        describe(byte)
                    )));
                }
                _ => {
                    // Copy a run of plain bytes at once; a run holds no line break.
                    let available = &self.buffer[self.start..self.end];
                    let run = available
                        .iter()
                        .position(|b| DELIMITERS.contains(b) || !SCALAR.contains(b))
                        .unwrap_or(available.len());
                    let chunk = &available[..run];
                    out.extend_from_slice(chunk);
                    self.column += chunk.iter().filter(|&&b| b & 0xC0 != 0x80).count();
                    self.consumed += run as u64;
                    self.start += run;
                }
            }
            if depth == 0 && !out.is_empty() && matches!(out.last(), Some(b'}' | b']' | b'"')) {
                return Ok(());
            }
        }
    }

    /// Copies a string, quotes included, honouring escapes.
    fn string(&mut self, out: &mut Vec<u8>) -> Result<(), Stop> {
        out.push(b'"');
        self.advance(b'"');
        loop {
            let available = &self.buffer[self.start..self.end];
            if let Some(stop) = available
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b == b'\n')
            {
                out.extend_from_slice(&available[..stop]);
                let run = &self.buffer[self.start..self.start + stop];
                let columns = run.iter().filter(|&&b| b & 0xC0 != 0x80).count();
                self.start += stop;
                self.consumed += stop as u64;
                self.column += columns;
            } else {
                out.extend_from_slice(available);
                let columns = available.iter().filter(|&&b| b & 0xC0 != 0x80).count();
                self.consumed += available.len() as u64;
                self.start = self.end;
                self.column += columns;
            }
            let Some(byte) = self.peek()? else {
                return Err(self.broken("the input ends too soon, inside a string"));
            };
            match byte {
                b'"' => {
                    out.push(b'"');
                    self.advance(b'"');
                    return Ok(());
                }
                b'\\' => {
                    out.push(b'\\');
                    self.advance(b'\\');
                    let Some(escaped) = self.peek()? else {
                        return Err(self.broken("the input ends too soon, inside a string"));
                    };
                    out.push(escaped);
                    self.advance(escaped);
                }
                b'\n' => {
                    // Not valid JSON; the strict parse of the unit reports it. Keep going so
                    // the outline stays in step.
                    out.push(b'\n');
                    self.advance(b'\n');
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Container, Event, Outline, scan};

    /// Scans `input` through a reader that hands over a few bytes at a time, so every buffer
    /// boundary case is crossed.
    fn events(input: &str) -> Vec<Event> {
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(3);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut events = Vec::new();
        scan(Trickle(input.as_bytes()), |e| events.push(e)).expect("reads");
        events
    }

    fn units(events: &[Event]) -> Vec<(Container, usize, String, usize, usize)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Unit(u) => Some((
                    u.container,
                    u.index,
                    String::from_utf8_lossy(&u.bytes).into_owned(),
                    u.start.line,
                    u.start.column,
                )),
                _ => None,
            })
            .collect()
    }

    fn broken(events: &[Event]) -> Option<(String, Option<usize>)> {
        events.iter().find_map(|e| match e {
            Event::Broken(f) => Some((f.message.clone(), f.line)),
            _ => None,
        })
    }

    #[test]
    fn a_claimed_level_is_handed_over_before_the_releases_after_it() {
        let early = events(
            r#"{"uri": "u", "publicationLevel": "open", "releases": [{"id": "a"}], "x": 1}"#,
        );
        let order: Vec<&str> = early
            .iter()
            .map(|e| match e {
                Event::Claim(m) if m.key == "publicationLevel" && m.bytes == br#""open""# => {
                    "claim"
                }
                Event::Claim(_) => "wrong claim",
                Event::Unit(_) => "unit",
                Event::DocumentEnd(_) => "end",
                Event::Broken(_) => "broken",
            })
            .collect();
        assert_eq!(order, ["claim", "unit", "end"]);
        // A level after the releases is handed over too, only later: the end still has it.
        let late = events(r#"{"releases": [{"id": "a"}], "publicationLevel": "open"}"#);
        assert!(matches!(late[0], Event::Unit(_)));
        assert!(matches!(late[1], Event::Claim(_)));
    }

    #[test]
    fn streams_the_releases_of_a_package() {
        let input = "{\"uri\": \"x\",\n \"releases\": [\n  {\"id\": \"a\\\"]\", \"n\": [1, {\"é\": 2}]},\n  {\"id\": \"b\"}\n ],\n \"version\": \"1.1\"}";
        let events = events(input);
        assert_eq!(
            units(&events),
            [
                (
                    Container::Releases,
                    0,
                    "{\"id\": \"a\\\"]\", \"n\": [1, {\"é\": 2}]}".to_owned(),
                    3,
                    3
                ),
                (Container::Releases, 1, "{\"id\": \"b\"}".to_owned(), 4, 3),
            ]
        );
        let Some(Event::DocumentEnd(end)) = events.last() else {
            panic!("the document ends")
        };
        let Outline::Object { members, streamed } = &end.outline else {
            panic!("an object")
        };
        let keys: Vec<(&str, usize, usize)> = members
            .iter()
            .map(|m| (m.key.as_str(), m.start.line, m.start.column))
            .collect();
        assert_eq!(keys, [("uri", 1, 9), ("version", 6, 13)]);
        assert_eq!(streamed, &[("releases".to_owned(), 2)]);
        assert!(broken(&events).is_none());
    }

    #[test]
    fn splits_arrays_and_json_lines() {
        let events = events("[{\"a\": 1}, 2, \"three\"]\n{\"ocid\": \"x\", \"releases\": [{}]}\n7");
        let found = units(&events);
        assert_eq!(found.len(), 4);
        assert_eq!(
            found[2],
            (Container::Array, 2, "\"three\"".to_owned(), 1, 15)
        );
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Unit(u) if u.in_record && u.document == 1))
        );
        assert!(events.iter().any(|e| matches!(e, Event::DocumentEnd(d) if d.document == 2 && matches!(d.outline, Outline::Scalar { .. }))));
        assert!(broken(&events).is_none());
    }

    #[test]
    fn reports_a_broken_outline_with_its_position() {
        assert_eq!(
            broken(&events("")),
            Some(("the input is empty".to_owned(), Some(1)))
        );
        assert!(
            broken(&events("{\"releases\": [{\"a\": 1},"))
                .is_some_and(|(m, _)| m.contains("ends too soon"))
        );
        assert!(broken(&events("{} {}")).is_some_and(|(m, _)| m.contains("JSON Lines")));
        assert!(broken(&events("{\"a\" 1}")).is_some_and(|(m, _)| m.contains("`:`")));
        assert!(
            broken(&events("{\"a\": \"unterminated"))
                .is_some_and(|(m, _)| m.contains("inside a string"))
        );
    }

    #[test]
    fn a_byte_json_never_has_outside_a_string_stops_the_scan_at_once() {
        use std::io::Read as _;
        let mut found = Vec::new();
        let endless_zeros = std::io::repeat(0).take(1 << 32);
        let consumed = scan(endless_zeros, |event| found.push(event)).expect("reads");
        assert!(consumed < 1 << 20, "read {consumed} bytes of zeros");
        assert_eq!(
            broken(&found),
            Some((
                "a NUL byte cannot appear outside a string; the input is not JSON".to_owned(),
                Some(1)
            ))
        );
        let binary = [b"{\"releases\": [1, ".as_slice(), &[0xFF; 1 << 20]].concat();
        let mut found = Vec::new();
        let consumed = scan(binary.as_slice(), |event| found.push(event)).expect("reads");
        assert!(consumed < 1 << 17, "read {consumed} bytes");
        assert!(
            broken(&found).is_some_and(|(m, _)| m.starts_with("the byte 0xFF cannot appear")),
            "{:?}",
            broken(&found)
        );
        // Within strings, any text is fine.
        assert_eq!(broken(&events("{\"a\": \"\u{0}\u{ff}x\"}")), None);
    }

    #[test]
    fn deep_nesting_is_not_recursion() {
        let deep = format!(
            "{{\"releases\": [{}{}]}}",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        let events = events(&deep);
        assert_eq!(units(&events).len(), 1);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let events = events("\u{feff}{\"releases\": [{}]}");
        assert_eq!(units(&events).len(), 1);
        assert!(broken(&events).is_none());
    }
}
