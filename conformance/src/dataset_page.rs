//! The conformance report of a dataset as one self-contained HTML page: no script, no
//! external asset, readable on a phone, every value escaped.

use std::fmt::Write as _;

use crate::dataset::DatasetReport;
use crate::page::{escape, head, plural};

impl DatasetReport {
    /// The report as a page a vendor can publish or hand to a council.
    #[must_use]
    pub fn to_html(&self) -> String {
        let mut page = head("PCDS conformance report", &self.statement);
        let claimed = self
            .claimed_level
            .as_deref()
            .map_or_else(|| "none".to_owned(), escape);
        let _ = writeln!(
            page,
            "<dl><dt>Checked on</dt><dd>{}</dd><dt>By</dt><dd>{}</dd><dt>Standard</dt><dd>Placement Contracting Data Standard {}</dd><dt>Publication level the data claims</dt><dd>{claimed}</dd></dl>",
            escape(&self.checked_at),
            escape(&self.tool),
            escape(&self.pcds_version)
        );
        page.push_str("<h2>What was checked</h2>\n<div class=\"wrap\"><table><thead><tr><th>File</th><th>What it is</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>\n");
        for input in &self.inputs {
            let _ = writeln!(
                page,
                "<tr><td><code>{}</code></td><td>{}, {}</td><td>{}</td><td><code>{}</code></td></tr>",
                escape(&input.name),
                escape(input.kind.as_deref().unwrap_or("unreadable")),
                plural(
                    usize::try_from(input.releases).unwrap_or(usize::MAX),
                    "release",
                    "releases"
                ),
                plural(
                    usize::try_from(input.bytes).unwrap_or(usize::MAX),
                    "byte",
                    "bytes"
                ),
                escape(&input.sha256)
            );
        }
        page.push_str("</tbody></table></div>\n<p>Anyone can check that these are the files judged here: <code>pcds conformance verify conformance-report.json FILE…</code> recomputes each digest.</p>\n");
        for class in &self.classes {
            let mark = match class.status.as_str() {
                "met" => "✔ met",
                "not applicable" => "— not applicable",
                _ => "✘ not met",
            };
            let level = if class.id == "open-data" {
                "Judged as if published openly, whatever level the data claims: this is the class a dataset must meet before it is published as open data.".to_owned()
            } else {
                format!(
                    "Judged at the level the data claims ({}).",
                    escape(&class.judged_at)
                )
            };
            let _ = write!(
                page,
                "<h2><a href=\"{}\">{}</a>: <span class=\"{}\">{mark}</span></h2>\n<p>{}</p>\n<p>{level} {}, {}.</p>\n",
                escape(&class.uri),
                escape(&class.title),
                class.status.replace(' ', "-"),
                escape(&class.meaning),
                plural(class.errors, "error", "errors"),
                plural(class.warnings, "warning", "warnings"),
            );
            if class.findings.is_empty() {
                continue;
            }
            page.push_str("<div class=\"wrap\"><table><thead><tr><th>Rule</th><th>Severity</th><th>Count</th><th>First places</th></tr></thead><tbody>\n");
            for group in &class.findings {
                let places: Vec<String> = group
                    .locations
                    .iter()
                    .map(|l| {
                        let line = l.line.map(|n| format!(":{n}")).unwrap_or_default();
                        format!(
                            "<code>{}{line}</code> <code>{}</code>",
                            escape(&l.input),
                            escape(if l.pointer.is_empty() {
                                "/"
                            } else {
                                &l.pointer
                            })
                        )
                    })
                    .collect();
                let _ = writeln!(
                    page,
                    "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
                    escape(&group.code),
                    escape(&group.title),
                    escape(&group.severity),
                    group.count,
                    places.join("<br>"),
                    if group.count > group.locations.len() {
                        format!("<br>and {} more", group.count - group.locations.len())
                    } else {
                        String::new()
                    }
                );
            }
            page.push_str("</tbody></table></div>\n");
        }
        page.push_str("<p>Findings are listed by rule and place only; what a finding found is never repeated here, so the report holds no personal data.</p>\n</main></body></html>\n");
        page
    }
}
