//! What the commands hold while they read large inputs, measured as the peak resident set of
//! the real process on inputs several times apart in size.
//!
//! - `pcds validate` grows only with what must be remembered across releases (a fixed-size key
//!   for each release's ocid and id and for what each process declares): about a tenth of a
//!   kilobyte a release, bounded here at a fifth, never the findings a release raises or the
//!   release itself.
//! - `pcds compile` holds the processes in flight, never the input or the output: five times
//!   the input adds nothing but noise to its peak.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

use super::scratch;

/// The most the peak may grow per release between the two packages, in kilobytes.
const KB_PER_RELEASE: f64 = 0.2;

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
fn validating_a_package_ten_times_larger_grows_memory_by_at_most_a_fifth_of_a_kilobyte_a_release() {
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

/// The peak resident set, in kilobytes, of `pcds ARGS`, as the kernel counts it for a waited
/// child (`getrusage`), read by a small Python parent so no other test's children are counted.
fn peak_of_command(args: &[&std::ffi::OsStr]) -> u64 {
    let output = Command::new("python3")
        .arg("-c")
        .arg(
            "import resource, subprocess, sys\n\
             done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n\
             print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        )
        .arg(env!("CARGO_BIN_EXE_pcds"))
        .args(args)
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut fields = text.split_whitespace();
    assert_eq!(
        fields.next(),
        Some("0"),
        "the command succeeds: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    fields
        .next()
        .and_then(|kb| kb.parse().ok())
        .expect("a peak in kilobytes")
}

/// A release package of `processes` processes of two releases each, every release carrying
/// `padding` bytes of text, so the input is far larger than the process that compiles it.
fn padded_package(path: &Path, processes: usize, padding: usize) {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("creates"));
    let pad = "x".repeat(padding);
    write!(out, r#"{{"uri":"https://example.org/compile.json","version":"1.1","pcdsVersion":"0.2","publicationLevel":"partnership","publishedDate":"2026-01-01T00:00:00Z","publisher":{{"name":"Synthetic"}},"releases":["#).expect("writes");
    for i in 0..processes {
        for (n, (tag, day)) in [("tender", 1), ("award", 2)].into_iter().enumerate() {
            if i + n > 0 {
                write!(out, ",").expect("writes");
            }
            writeln!(out, r#"{{"ocid":"ocds-pcdsex-cmp-{i:05}","id":"r{n}","date":"2026-01-0{day}T00:00:00Z","tag":["{tag}"],"initiationType":"tender","processType":"placement","description":"{pad}"}}"#).expect("writes");
        }
    }
    writeln!(out, "]}}").expect("writes");
    out.flush().expect("writes");
}

#[test]
fn compiling_a_package_five_times_larger_takes_no_more_memory() {
    let dir = scratch("compile-memory");
    let (small, large) = (dir.join("small.json"), dir.join("large.json"));
    // 20 MB and 100 MB of releases.
    padded_package(&small, 100, 100_000);
    padded_package(&large, 500, 100_000);
    let input_mb = std::fs::metadata(&large).expect("a file").len() / 1_000_000;
    let peak = |input: &Path| {
        let out = dir.join("records.json");
        let peak = peak_of_command(&[
            "compile".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        let records: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
        (peak, records["records"].as_array().map_or(0, Vec::len))
    };
    let (small_peak, small_records) = peak(&small);
    let (large_peak, large_records) = peak(&large);
    assert_eq!((small_records, large_records), (100, 500));
    eprintln!("compile: peak {small_peak} kB for 20 MB, {large_peak} kB for {input_mb} MB");
    // The growth allowed is what the queues of processes in flight may hold at most, not the
    // 80 MB more input.
    assert!(
        large_peak.saturating_sub(small_peak) <= 16_000,
        "peak {small_peak} kB for 20 MB of releases, {large_peak} kB for {input_mb} MB"
    );
    assert!(
        large_peak < 50_000,
        "peak {large_peak} kB for {input_mb} MB: the input is held"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn publishing_a_package_ten_times_larger_takes_no_more_memory_in_the_client() {
    let dir = scratch("publish-memory");
    let db = dir.join("pcds.sqlite");
    let token = super::server::token(&db, "ocds-pcdsgn-");
    let server = super::server::Server::start(&db, &[]);
    let (small, large) = (dir.join("small.json"), dir.join("large.json"));
    for (path, releases) in [(&small, "1000"), (&large, "10000")] {
        let made = super::pcds()
            .args(["generate", "--releases", releases, "--out"])
            .arg(path)
            .output()
            .expect("runs");
        assert!(made.status.success(), "{made:?}");
    }
    let input_mb = std::fs::metadata(&large).expect("a file").len() / 1_000_000;
    let peak = |input: &Path| {
        peak_of_command(&[
            "publish".as_ref(),
            input.as_os_str(),
            "--to".as_ref(),
            server.url.as_ref(),
            "--token".as_ref(),
            token.as_ref(),
        ])
    };
    let small_peak = peak(&small);
    let large_peak = peak(&large);
    // The generator is deterministic: the small package's releases are the large one's first
    // thousand, which the server holds unchanged the second time.
    let feed = super::server::read_feed(&format!("{}/", server.url));
    assert_eq!(feed.len(), 10_000, "every release published once");
    eprintln!(
        "publish: client peak {small_peak} kB for 1,000 releases, {large_peak} kB for 10,000 ({input_mb} MB)"
    );
    // What the client holds is one batch being gathered and the batches in flight, whatever
    // the size of the file.
    assert!(
        large_peak.saturating_sub(small_peak) <= 16_000,
        "peak {small_peak} kB for 1,000 releases, {large_peak} kB for 10,000 ({input_mb} MB)"
    );
    assert!(
        large_peak < 80_000 && large_peak / 1000 < input_mb,
        "peak {large_peak} kB for {input_mb} MB: the input is held"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
