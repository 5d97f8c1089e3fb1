//! Certificates a product can show: of a run of the corpus against an implementation (which
//! classes it passes, on which corpus), and of a check of a live endpoint against the `feed`
//! class. Like a dataset's report, each carries the date, the tool and standard versions, a
//! digest of what was checked, the verdict per class with what failed it, and a statement to
//! cite. [`verify_corpus`] re-checks a run certificate's corpus digest against a corpus.

use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::case::{CorpusError, case_files};
use crate::classes::CLASSES;
use crate::dataset::digest;
use crate::feed::{CheckResult, FeedClient, FeedReport, Fetched};
use crate::page::day;
use crate::runner::RunResult;

/// How many failing cases a class of a certificate lists; all are counted.
pub const FAILURES_SHOWN: usize = 20;

/// A corpus, as a certificate names it: how many case files, and one digest over them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CorpusDigest {
    /// How many case files the corpus holds.
    pub cases: usize,
    /// The SHA-256 of the corpus's manifest: one line per case file, in class and file order,
    /// of the file's own SHA-256, two spaces and its path under the corpus directory
    /// (`core/dates-in-order.json`), as `sha256sum` prints it.
    pub sha256: String,
}

/// The digest of the corpus under `cases_dir`, so a certificate says which cases were run and
/// anyone can check it against their copy.
///
/// # Errors
/// When the corpus cannot be read.
pub fn corpus_digest(cases_dir: &Path) -> Result<CorpusDigest, CorpusError> {
    let mut manifest = String::new();
    let files = case_files(cases_dir)?;
    for (class, path) in &files {
        let io = |source| CorpusError::Io {
            path: path.clone(),
            source,
        };
        let (sha256, _) = digest(std::fs::File::open(path).map_err(io)?).map_err(io)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        manifest.push_str(&format!("{sha256}  {class}/{name}\n"));
    }
    Ok(CorpusDigest {
        cases: files.len(),
        sha256: hex(&Sha256::digest(manifest.as_bytes())),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A case an implementation failed: what it missed, what it reported that it should not have,
/// or why it gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedCase {
    /// The case's id.
    pub id: String,
    /// The section of the specification it tests.
    pub spec: String,
    /// Findings expected but not reported, as `CODE at POINTER`.
    pub missing: Vec<String>,
    /// Findings reported but not expected.
    pub unexpected: Vec<String>,
    /// Why there was no answer, when there was none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A class's result in a run certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassResult {
    /// The class's short name.
    pub id: String,
    /// Its stable URI.
    pub uri: String,
    /// Its title.
    pub title: String,
    /// What passing it means.
    pub meaning: String,
    /// `passed` (every case of the class passed), `failed`, or `not run` (the run left the
    /// class out).
    pub status: String,
    /// Cases passed.
    pub passed: usize,
    /// Cases failed.
    pub failed: usize,
    /// The first [`FAILURES_SHOWN`] cases that failed.
    pub failures: Vec<FailedCase>,
}

/// A certificate of a run of the conformance corpus against an implementation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunCertificate {
    /// When it was run (RFC 3339, UTC).
    pub checked_at: String,
    /// The tool that ran it, with its version (`pcds 0.1.0`).
    pub tool: String,
    /// The PCDS version the corpus tests.
    pub pcds_version: String,
    /// The implementation under test, as its maker names it.
    pub implementation: String,
    /// The corpus run.
    pub corpus: CorpusDigest,
    /// Each document class's result.
    pub classes: Vec<ClassResult>,
    /// A sentence the implementation's maker can cite.
    pub statement: String,
}

impl RunCertificate {
    /// The certificate of `run`, made on `corpus`, naming the implementation `implementation`.
    #[must_use]
    pub fn new(
        run: &RunResult,
        implementation: String,
        corpus: CorpusDigest,
        checked_at: String,
        tool: String,
    ) -> RunCertificate {
        let classes = CLASSES
            .iter()
            .filter(|class| !class.endpoint)
            .map(|class| {
                let tally = run.classes.get(class.id);
                let failures = run
                    .failures()
                    .filter(|c| c.class == class.id)
                    .take(FAILURES_SHOWN)
                    .map(|c| FailedCase {
                        id: c.id.clone(),
                        spec: c.spec.clone(),
                        missing: c.missing().iter().map(ToString::to_string).collect(),
                        unexpected: c.unexpected().iter().map(ToString::to_string).collect(),
                        error: c.actual.as_ref().err().cloned(),
                    })
                    .collect();
                ClassResult {
                    id: class.id.to_owned(),
                    uri: class.uri(),
                    title: class.title.to_owned(),
                    meaning: class.description.to_owned(),
                    status: match tally {
                        None => "not run",
                        Some(t) if t.failed == 0 => "passed",
                        Some(_) => "failed",
                    }
                    .to_owned(),
                    passed: tally.map_or(0, |t| t.passed),
                    failed: tally.map_or(0, |t| t.failed),
                    failures,
                }
            })
            .collect();
        let mut certificate = RunCertificate {
            checked_at,
            tool,
            pcds_version: pcds::PCDS_VERSION.to_owned(),
            implementation,
            corpus,
            classes,
            statement: String::new(),
        };
        certificate.statement = certificate.statement();
        certificate
    }

    /// Whether any class that was run failed.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.classes.iter().any(|c| c.status == "failed")
    }

    /// "Implementation I passes the conformance classes A, B of PCDS 0.2 (N of N cases of the
    /// corpus with SHA-256 X); it fails C. Checked on DATE by pcds VERSION."
    fn statement(&self) -> String {
        let names = |status: &str| {
            crate::page::ids_with(
                self.classes
                    .iter()
                    .map(|c| (c.id.as_str(), c.status.as_str())),
                status,
            )
        };
        let (passed, failed) = (names("passed"), names("failed"));
        let run: usize = self.classes.iter().map(|c| c.passed + c.failed).sum();
        let cases_passed: usize = self.classes.iter().map(|c| c.passed).sum();
        let mut statement = format!(
            "Implementation {} passes {} of PCDS {} ({cases_passed} of {run} cases passed, of the corpus of {} cases with SHA-256 {})",
            self.implementation,
            if passed.is_empty() {
                "no conformance class".to_owned()
            } else {
                format!("the conformance classes {passed}")
            },
            self.pcds_version,
            self.corpus.cases,
            self.corpus.sha256
        );
        if !failed.is_empty() {
            statement.push_str(&format!("; it fails {failed}"));
        }
        let not_run = names("not run");
        if !not_run.is_empty() {
            statement.push_str(&format!("; {not_run} not run"));
        }
        statement.push_str(&format!(
            ". Checked on {} by {}.",
            day(&self.checked_at),
            self.tool
        ));
        statement
    }
}

/// Whether `corpus_dir` holds the corpus a run certificate names: `None` when it does, or what
/// differs.
///
/// # Errors
/// When the corpus cannot be read.
pub fn verify_corpus(
    certificate: &RunCertificate,
    corpus_dir: &Path,
) -> Result<Option<String>, CorpusError> {
    let found = corpus_digest(corpus_dir)?;
    Ok((found != certificate.corpus).then(|| {
        format!(
            "the corpus is not the one the certificate was made on: the certificate says {} cases with SHA-256 {}, the directory holds {} cases with SHA-256 {}",
            certificate.corpus.cases, certificate.corpus.sha256, found.cases, found.sha256
        )
    }))
}

/// A [`FeedClient`] that digests every body it fetches, in order, so a feed certificate can
/// say exactly what was checked.
pub struct DigestingClient<'c> {
    inner: &'c dyn FeedClient,
    seen: Mutex<(Sha256, usize, u64)>,
}

impl<'c> DigestingClient<'c> {
    /// Wraps `inner`.
    #[must_use]
    pub fn new(inner: &'c dyn FeedClient) -> Self {
        DigestingClient {
            inner,
            seen: Mutex::new((Sha256::new(), 0, 0)),
        }
    }

    /// What was fetched: the SHA-256 of every body in the order fetched, how many answers
    /// and how many bytes.
    #[must_use]
    pub fn finish(self) -> FetchedDigest {
        let (hasher, answers, bytes) = self
            .seen
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        FetchedDigest {
            answers,
            bytes,
            sha256: hex(&hasher.finalize()),
        }
    }
}

impl FeedClient for DigestingClient<'_> {
    fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Fetched, String> {
        let fetched = self.inner.get(url, headers)?;
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        seen.0.update(&fetched.body);
        seen.1 += 1;
        seen.2 += fetched.body.len() as u64;
        Ok(fetched)
    }
}

/// What a feed check fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FetchedDigest {
    /// How many answers the endpoint gave.
    pub answers: usize,
    /// How many bytes of body they held.
    pub bytes: u64,
    /// The SHA-256 of every body, concatenated in the order fetched.
    pub sha256: String,
}

/// A certificate of a check of a live endpoint (or a static export) against the `feed` class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedCertificate {
    /// When it was checked (RFC 3339, UTC).
    pub checked_at: String,
    /// The tool that checked it, with its version.
    pub tool: String,
    /// The PCDS version the endpoint was judged under.
    pub pcds_version: String,
    /// The endpoint's discovery URL.
    pub endpoint: String,
    /// The feed class's URI.
    pub class: String,
    /// `passed` or `failed`.
    pub status: String,
    /// Feed pages walked.
    pub pages: usize,
    /// Feed items seen.
    pub items: usize,
    /// What was fetched, digested.
    pub fetched: FetchedDigest,
    /// Every check, in order.
    pub checks: Vec<CheckResult>,
    /// A sentence the endpoint's operator can cite.
    pub statement: String,
}

impl FeedCertificate {
    /// The certificate of a feed check.
    #[must_use]
    pub fn new(
        report: FeedReport,
        fetched: FetchedDigest,
        checked_at: String,
        tool: String,
    ) -> FeedCertificate {
        let passed = report.passed();
        let failed: Vec<&str> = report
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.id)
            .collect();
        let statement = format!(
            "Endpoint {} {} the feed conformance class of PCDS {} ({} of {} checks passed over {} feed pages and {} items; {} answers of {} bytes with SHA-256 {}){}. Checked on {} by {tool}.",
            report.url,
            if passed { "meets" } else { "does not meet" },
            pcds::PCDS_VERSION,
            report.checks.len() - failed.len(),
            report.checks.len(),
            report.pages,
            report.items,
            fetched.answers,
            fetched.bytes,
            fetched.sha256,
            if failed.is_empty() {
                String::new()
            } else {
                format!("; it fails {}", failed.join(", "))
            },
            day(&checked_at),
        );
        FeedCertificate {
            checked_at,
            tool,
            pcds_version: pcds::PCDS_VERSION.to_owned(),
            endpoint: report.url,
            class: report.class,
            status: if passed { "passed" } else { "failed" }.to_owned(),
            pages: report.pages,
            items: report.items,
            fetched,
            checks: report.checks,
            statement,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::load;
    use crate::runner::{Implementation, run};
    use crate::{Case, FindingId};

    /// An implementation that answers every case as expected except those of one class,
    /// where it reports nothing.
    struct Blind(&'static str);

    impl Implementation for Blind {
        fn name(&self) -> String {
            "blind".into()
        }
        fn check(&self, case: &Case) -> Result<Vec<FindingId>, String> {
            if case.class == self.0 {
                Ok(Vec::new())
            } else {
                Ok(case.expected_set().into_iter().collect())
            }
        }
    }

    #[test]
    fn a_certificate_names_the_corpus_and_the_classes_passed_and_failed() {
        let dir = crate::cases_dir();
        let mut cases = load(&dir).expect("the corpus loads");
        cases.retain(|c| c.class != "outcomes");
        let result = run(&cases, &Blind("open-data"));
        let corpus = corpus_digest(&dir).expect("digests");
        assert_eq!(corpus.cases, load(&dir).expect("loads").len());
        let certificate = RunCertificate::new(
            &result,
            "Acme Exporter 3.2".into(),
            corpus.clone(),
            "2026-12-01T10:00:00Z".into(),
            "pcds 0.1.0".into(),
        );
        let status = |id: &str| {
            certificate
                .classes
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.status.clone())
        };
        assert_eq!(status("core").as_deref(), Some("passed"));
        assert_eq!(status("open-data").as_deref(), Some("failed"));
        assert_eq!(status("outcomes").as_deref(), Some("not run"));
        let privacy = certificate
            .classes
            .iter()
            .find(|c| c.id == "open-data")
            .expect("the class");
        let privacy_cases = cases.iter().filter(|c| c.class == "open-data").count();
        let failing = cases
            .iter()
            .filter(|c| c.class == "open-data" && !c.expected_set().is_empty())
            .count();
        assert_eq!(
            (privacy.failed, privacy.passed),
            (failing, privacy_cases - failing)
        );
        assert_eq!(privacy.failures.len(), failing.min(FAILURES_SHOWN));
        assert!(!privacy.failures[0].missing.is_empty());
        assert!(certificate.failed());
        assert!(
            certificate.statement.starts_with(
                "Implementation Acme Exporter 3.2 passes the conformance classes core, pricing, framework of PCDS"
            ),
            "{}",
            certificate.statement
        );
        assert!(certificate.statement.contains(&format!(
            "of the corpus of {} cases with SHA-256 {}); it fails open-data; outcomes not run. Checked on 2026-12-01 by pcds 0.1.0.",
            corpus.cases, corpus.sha256
        )), "{}", certificate.statement);
        assert_eq!(verify_corpus(&certificate, &dir).expect("reads"), None);
    }

    #[test]
    fn a_changed_case_changes_the_corpus_digest() {
        let scratch = std::env::temp_dir().join(format!("pcds-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(scratch.join("core")).expect("creates");
        std::fs::write(scratch.join("core/a.json"), "{}\n").expect("writes");
        let before = corpus_digest(&scratch).expect("digests");
        assert_eq!(before.cases, 1);
        std::fs::write(scratch.join("core/a.json"), "{} \n").expect("writes");
        let after = corpus_digest(&scratch).expect("digests");
        assert_ne!(before.sha256, after.sha256);
        // A file renamed is a different corpus too, even with the same bytes.
        std::fs::rename(scratch.join("core/a.json"), scratch.join("core/b.json")).expect("moves");
        assert_ne!(
            corpus_digest(&scratch).expect("digests").sha256,
            after.sha256
        );
        let _ = std::fs::remove_dir_all(&scratch);
    }

    struct Pages;

    impl FeedClient for Pages {
        fn get(&self, url: &str, _: &[(&str, &str)]) -> Result<Fetched, String> {
            Ok(Fetched {
                status: 200,
                body: url.as_bytes().to_vec(),
                ..Fetched::default()
            })
        }
    }

    #[test]
    fn the_digesting_client_digests_every_body_in_order() {
        let client = DigestingClient::new(&Pages);
        client.get("ab", &[]).expect("answers");
        client.get("c", &[]).expect("answers");
        let fetched = client.finish();
        assert_eq!((fetched.answers, fetched.bytes), (2, 3));
        assert_eq!(fetched.sha256, digest(&b"abc"[..]).expect("digests").0);
    }
}
