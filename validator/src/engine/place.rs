//! Placing findings at the line and column their pointer names.

use crate::finding::Finding;
use crate::locate::{self, Position};
use crate::scan::Member;

/// Where a piece of the input came from, to place findings in it.
pub enum Source<'a> {
    /// A unit or member: its bytes, where they start, and their pointer in the document.
    Unit {
        /// The bytes.
        bytes: &'a [u8],
        /// Where they start in the input.
        start: Position,
        /// Their pointer in the document.
        prefix: &'a str,
    },
    /// A document assembled from top-level members.
    Members {
        /// The members.
        members: &'a [Member],
        /// Where the document starts.
        start: Position,
    },
}

/// Places a finding at the line and column its pointer names.
pub fn place(finding: Finding, source: &Source<'_>) -> Finding {
    match source {
        Source::Unit { bytes, prefix, .. } => {
            let relative = finding.pointer.strip_prefix(prefix).unwrap_or("");
            let position = locate::locate(bytes, relative);
            place_at(finding, source, position)
        }
        Source::Members { members, start } => {
            let key = finding
                .pointer
                .split('/')
                .nth(1)
                .unwrap_or_default()
                .replace("~1", "/")
                .replace("~0", "~");
            match members.iter().find(|m| m.key == key) {
                Some(member) => {
                    let member_prefix = finding
                        .pointer
                        .split('/')
                        .take(2)
                        .collect::<Vec<_>>()
                        .join("/");
                    place(
                        finding,
                        &Source::Unit {
                            bytes: &member.bytes,
                            start: member.start,
                            prefix: &member_prefix,
                        },
                    )
                }
                None => finding.at(start.line, start.column),
            }
        }
    }
}

/// The farthest column a snippet is padded out to.
const MAX_PADDING: usize = 4096;

/// Places a finding at a position relative to a unit's start, with the text of its line.
pub fn place_at(finding: Finding, source: &Source<'_>, relative: Position) -> Finding {
    let Source::Unit { bytes, start, .. } = source else {
        return finding;
    };
    let (line, column) = if relative.line == 1 {
        (start.line, start.column + relative.column - 1)
    } else {
        (start.line + relative.line - 1, relative.column)
    };
    let finding = finding.at(line, column);
    // On the unit's first line the text is padded out to the unit's column, so the caret
    // lines up; far into a minified line that padding would cost more than the snippet is
    // worth, and the finding keeps its line, column and pointer without one.
    let text = locate::line_text(bytes, relative.line).and_then(|text| {
        if relative.line != 1 {
            Some(text)
        } else if start.column <= MAX_PADDING {
            Some(format!(
                "{}{text}",
                " ".repeat(start.column.saturating_sub(1))
            ))
        } else {
            None
        }
    });
    finding.with_source_line(text)
}

/// Places a parse error, whose position is relative to the bytes parsed.
pub fn place_parse_error(mut finding: Finding, pointer: &str, source: &Source<'_>) -> Finding {
    pointer.clone_into(&mut finding.pointer);
    let relative = Position {
        line: finding.line.unwrap_or(1),
        column: finding.column.unwrap_or(1),
    };
    place_at(finding, source, relative)
}
