//! Writing a record package one record at a time, so a compiler never holds every record.
//!
//! The bytes written are exactly those of `serde_json::to_string_pretty` on the whole package
//! followed by a newline: a package written in pieces reads, and compares, the same as one
//! written whole.

use std::io::{self, Write};

use crate::release::{Record, RecordPackage};

/// What a whole package's pretty text says where its (empty) list of records stands.
const EMPTY_RECORDS: &str = "\n  \"records\": []";

/// Writes a record package to `W` in pieces: the package's metadata when made, then each
/// record as it is given, then the end of the package on [`RecordPackageWriter::finish`].
///
/// The records are written in the order given; a reader of the package sees them in that order.
pub struct RecordPackageWriter<W: Write> {
    out: W,
    /// The package's text after its list of records: `]`, any fields after it, `}` and a newline.
    tail: String,
    records: u64,
}

impl<W: Write> RecordPackageWriter<W> {
    /// Starts a package with the metadata, package URIs and unknown fields of `package` (its
    /// records, if any, are not written: give each to [`RecordPackageWriter::record`]).
    ///
    /// # Errors
    /// When writing fails.
    pub fn new(mut out: W, package: &RecordPackage) -> io::Result<Self> {
        let mut empty = package.clone();
        empty.records.clear();
        let text = serde_json::to_string_pretty(&empty).map_err(io::Error::other)?;
        let at = text.find(EMPTY_RECORDS).ok_or_else(|| {
            io::Error::other("a record package's text has no top-level list of records")
        })?;
        let open = at + EMPTY_RECORDS.len() - 1;
        out.write_all(&text.as_bytes()[..open])?;
        let mut tail = text[open..].to_owned();
        tail.push('\n');
        Ok(RecordPackageWriter {
            out,
            tail,
            records: 0,
        })
    }

    /// Writes one record's text, as [`record_text`] gives it.
    ///
    /// # Errors
    /// When writing fails.
    pub fn record_text(&mut self, text: &str) -> io::Result<()> {
        self.out
            .write_all(if self.records == 0 { b"\n" } else { b",\n" })?;
        self.out.write_all(text.as_bytes())?;
        self.records += 1;
        Ok(())
    }

    /// Writes one record.
    ///
    /// # Errors
    /// When writing fails.
    pub fn record(&mut self, record: &Record) -> io::Result<()> {
        let text = record_text(record)?;
        self.record_text(&text)
    }

    /// How many records have been written.
    #[must_use]
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Ends the package and hands back the writer, flushed.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(mut self) -> io::Result<W> {
        if self.records > 0 {
            self.out.write_all(b"\n  ")?;
        }
        self.out.write_all(self.tail.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One record's text as it stands inside a pretty-printed record package: indented two levels.
/// Making this text is most of the work of writing a record, so a caller may make it on another
/// thread and hand it to [`RecordPackageWriter::record_text`].
///
/// # Errors
/// When the record cannot be written as JSON.
pub fn record_text(record: &Record) -> io::Result<String> {
    let text = serde_json::to_string_pretty(record).map_err(io::Error::other)?;
    // JSON text holds no raw newline inside a string, so every line break is the printer's.
    let mut indented = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            indented.push('\n');
        }
        indented.push_str("    ");
        indented.push_str(line);
    }
    Ok(indented)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> RecordPackage {
        let text = include_str!("../../../examples/placement-release-history.json");
        let releases: serde_json::Value = serde_json::from_str(text).expect("an example");
        crate::compile::record_package(vec![releases]).expect("compiles")
    }

    #[test]
    fn a_package_written_in_pieces_is_the_package_written_whole() {
        let whole = package();
        let mut expected = serde_json::to_string_pretty(&whole).expect("writes");
        expected.push('\n');
        let mut writer = RecordPackageWriter::new(Vec::new(), &whole).expect("starts");
        for record in &whole.records {
            writer.record(record).expect("writes");
        }
        assert_eq!(writer.records(), whole.records.len() as u64);
        let written = String::from_utf8(writer.finish().expect("ends")).expect("UTF-8");
        assert_eq!(written, expected);
    }

    #[test]
    fn a_package_of_several_records_reads_back_with_each_in_order() {
        let one = package();
        let mut second = one.records[0].clone();
        second.ocid = crate::Ocid::new("ocds-pcdsex-second").expect("an ocid");
        let mut writer = RecordPackageWriter::new(Vec::new(), &one).expect("starts");
        writer.record(&one.records[0]).expect("writes");
        writer.record(&second).expect("writes");
        let written = writer.finish().expect("ends");
        let read: RecordPackage = serde_json::from_slice(&written).expect("a record package");
        assert_eq!(read.records, vec![one.records[0].clone(), second]);
        assert_eq!(read.metadata, one.metadata);
    }
}
