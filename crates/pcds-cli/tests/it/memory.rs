//! What `pcds validate` holds while it reads a release package: the README says memory grows
//! only with what must be remembered across releases (each release's ocid and id, what each
//! process declares), at most about a kilobyte a release, never with the findings a release
//! raises or the release itself. Measured as the peak resident set of the real process on two
//! packages ten times apart in size.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

use super::scratch;

/// The most the peak may grow per release between the two packages, in kilobytes.
const KB_PER_RELEASE: f64 = 1.0;

/// A partnership package of `releases` small releases, each describing three children in the
/// detail only partnership data may hold: a reader that held open-data findings until it knew
/// the level would hold twelve a release.
fn package(path: &Path, releases: usize) {
    let mut text = String::from(
        r#"{"uri":"https://example.org/memory.json","version":"1.1","pcdsVersion":"0.2","publicationLevel":"partnership","publishedDate":"2026-01-01T00:00:00Z","publisher":{"name":"Synthetic"},"releases":["#,
    );
    for i in 0..releases {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"ocid":"ocds-pcdsex-mem-{i}","id":"r1","date":"2026-01-01T00:00:00Z","tag":["tender"],"initiationType":"tender","tender":{{"id":"referral","referral":{{"children":["#));
        for k in 0..3 {
            if k > 0 {
                text.push(',');
            }
            text.push_str(&format!(r#"{{"key":"child-{k}","ageBand":"5to9","needLevel":"standard","categoryOfNeed":"abuseOrNeglect","legalStatus":"interimCareOrder"}}"#));
        }
        text.push_str("]}}}\n");
    }
    text.push_str("]}\n");
    std::fs::write(path, text).expect("writes the package");
}

fn status_field(pid: u32, file: &str, field: &str) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The peak resident set of `pcds validate` on `path`, in kilobytes. The report (a thousand
/// findings, far more than a pipe holds) is left unread until the process has read the whole
/// input and its peak has stopped moving, so the process cannot end, nor free anything,
/// before its peak is read.
fn peak_kb(path: &Path) -> u64 {
    let size = std::fs::metadata(path).expect("a file").len();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcds"))
        .args(["validate", "--format", "json", "--threads", "2"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let pid = child.id();
    let mut peak = 0;
    let mut still = 0;
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let read = status_field(pid, "io", "rchar:").unwrap_or(0);
        let now = status_field(pid, "status", "VmHWM:").expect("the process is running");
        still = if now == peak { still + 1 } else { 0 };
        peak = now;
        if read >= size && still >= 10 {
            break;
        }
    }
    let mut report = Vec::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_end(&mut report)
        .expect("reads the report");
    let status = child.wait().expect("ends");
    assert_eq!(
        status.code(),
        Some(1),
        "the releases have errors, by design"
    );
    let report: serde_json::Value = serde_json::from_slice(&report).expect("a JSON report");
    assert_eq!(
        report["inputs"][0]["findings"].as_array().map(Vec::len),
        Some(1000),
        "the report filled the pipe, so the peak was read before the end"
    );
    peak
}

#[test]
fn validating_a_package_ten_times_larger_grows_memory_by_at_most_a_kilobyte_a_release() {
    let dir = scratch("memory");
    let (small, large) = (3_000, 30_000);
    package(&dir.join("small.json"), small);
    package(&dir.join("large.json"), large);
    let small_peak = peak_kb(&dir.join("small.json"));
    let large_peak = peak_kb(&dir.join("large.json"));
    let per_release = large_peak.saturating_sub(small_peak) as f64 / (large - small) as f64;
    assert!(
        per_release <= KB_PER_RELEASE,
        "peak {small_peak} kB for {small} releases, {large_peak} kB for {large}: {per_release:.2} kB a release"
    );
    eprintln!(
        "peak {small_peak} kB for {small} releases, {large_peak} kB for {large}: {per_release:.2} kB a release"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
