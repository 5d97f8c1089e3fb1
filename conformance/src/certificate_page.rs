//! Certificates as self-contained HTML pages: no script, no external asset, readable on a
//! phone, every value escaped.

use std::fmt::Write as _;

use crate::certificate::{FeedCertificate, RunCertificate};
use crate::page::{escape, head, plural};

/// The "checked on, by, standard" list at the top of a certificate.
fn facts(page: &mut String, rows: &[(&str, &str)]) {
    page.push_str("<dl>");
    for (term, value) in rows {
        let _ = write!(page, "<dt>{}</dt><dd>{}</dd>", escape(term), escape(value));
    }
    page.push_str("</dl>\n");
}

fn mark(status: &str) -> (&'static str, &'static str) {
    match status {
        "passed" => ("met", "✔ passed"),
        "failed" => ("not-met", "✘ failed"),
        _ => ("not-applicable", "— not run"),
    }
}

fn codes(list: &[String]) -> String {
    if list.is_empty() {
        return "none".into();
    }
    list.iter()
        .map(|f| format!("<code>{}</code>", escape(f)))
        .collect::<Vec<_>>()
        .join("<br>")
}

impl RunCertificate {
    /// The certificate as a page an implementation's maker can publish.
    #[must_use]
    pub fn to_html(&self) -> String {
        let mut page = head("PCDS conformance certificate", &self.statement);
        let corpus = format!(
            "{} cases, SHA-256 {}",
            self.corpus.cases, self.corpus.sha256
        );
        facts(
            &mut page,
            &[
                ("Implementation", &self.implementation),
                ("Checked on", &self.checked_at),
                ("By", &self.tool),
                (
                    "Standard",
                    &format!("Placement Contracting Data Standard {}", self.pcds_version),
                ),
                ("Corpus", &corpus),
            ],
        );
        page.push_str("<p>Anyone can check that this is the corpus run here: <code>pcds conformance verify conformance-certificate.json conformance/cases</code> recomputes its digest.</p>\n");
        for class in &self.classes {
            let (style, text) = mark(&class.status);
            let _ = write!(
                page,
                "<h2><a href=\"{}\">{}</a>: <span class=\"{style}\">{text}</span></h2>\n<p>{}</p>\n<p>{} passed, {} failed.</p>\n",
                escape(&class.uri),
                escape(&class.title),
                escape(&class.meaning),
                plural(class.passed, "case", "cases"),
                class.failed,
            );
            if class.failures.is_empty() {
                continue;
            }
            page.push_str("<div class=\"wrap\"><table><thead><tr><th>Case</th><th>Expected, not reported</th><th>Reported, not expected</th></tr></thead><tbody>\n");
            for case in &class.failures {
                let unexpected = match &case.error {
                    Some(error) => format!("no answer: {}", escape(error)),
                    None => codes(&case.unexpected),
                };
                let _ = writeln!(
                    page,
                    "<tr><td><a href=\"{}\"><code>{}</code></a></td><td>{}</td><td>{unexpected}</td></tr>",
                    escape(&case.spec),
                    escape(&case.id),
                    codes(&case.missing),
                );
            }
            page.push_str("</tbody></table></div>\n");
            if class.failed > class.failures.len() {
                let _ = writeln!(
                    page,
                    "<p>and {} more.</p>",
                    class.failed - class.failures.len()
                );
            }
        }
        page.push_str("</main></body></html>\n");
        page
    }
}

impl FeedCertificate {
    /// The certificate as a page an endpoint's operator can publish.
    #[must_use]
    pub fn to_html(&self) -> String {
        let mut page = head("PCDS feed conformance certificate", &self.statement);
        let fetched = format!(
            "{}, {}, SHA-256 {}",
            plural(self.fetched.answers, "answer", "answers"),
            plural(
                usize::try_from(self.fetched.bytes).unwrap_or(usize::MAX),
                "byte",
                "bytes"
            ),
            self.fetched.sha256
        );
        let walked = format!(
            "{} and {}",
            plural(self.pages, "feed page", "feed pages"),
            plural(self.items, "item", "items")
        );
        facts(
            &mut page,
            &[
                ("Endpoint", &self.endpoint),
                ("Checked on", &self.checked_at),
                ("By", &self.tool),
                (
                    "Standard",
                    &format!("Placement Contracting Data Standard {}", self.pcds_version),
                ),
                ("Walked", &walked),
                ("Fetched", &fetched),
            ],
        );
        let (style, text) = mark(&self.status);
        let _ = writeln!(
            page,
            "<h2><a href=\"{}\">Feed</a>: <span class=\"{style}\">{text}</span></h2>\n<p>An endpoint that passes serves a discovery document, feed pages a harvester can walk in order, and records and releases that validate, as the feed protocol defines.</p>",
            escape(&self.class)
        );
        page.push_str("<div class=\"wrap\"><table><thead><tr><th>Check</th><th>Result</th><th>Details</th></tr></thead><tbody>\n");
        for check in &self.checks {
            let _ = writeln!(
                page,
                "<tr><td><code>{}</code> {}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
                escape(check.id),
                escape(check.title),
                if check.passed { "met" } else { "not-met" },
                if check.passed { "pass" } else { "fail" },
                check
                    .details
                    .iter()
                    .map(|d| escape(d))
                    .collect::<Vec<_>>()
                    .join("<br>")
            );
        }
        page.push_str("</tbody></table></div>\n<p>A feed changes as it is published to, so this certificate says what the endpoint served when it was checked; run <code>pcds conformance check-feed</code> again to check it now.</p>\n</main></body></html>\n");
        page
    }
}
