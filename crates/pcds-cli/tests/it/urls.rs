//! URL inputs: fetched over real HTTP from a loopback server, with limits and clear errors.

use pcds_validator::rules::BASE_DOCUMENT;

use super::pcds;
use super::serve::serve;

#[test]
fn a_url_is_fetched_and_validated() {
    let base = serve(BASE_DOCUMENT, 1);
    let output = pcds()
        .args(["validate", &format!("{base}/ok.json")])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("1 passed, 0 failed"), "{stdout}");
}

#[test]
fn network_failures_are_input_errors_with_codes() {
    let base = serve(BASE_DOCUMENT, 12);
    let cases = [
        ("missing.json", "PCDS-INPUT-004", "answered HTTP 404"),
        ("loop.json", "PCDS-INPUT-003", "more than 5 redirects"),
        ("big.json", "PCDS-INPUT-005", "larger than the limit"),
        (
            "slow.json",
            "PCDS-INPUT-003",
            "no complete answer within 1 seconds",
        ),
        (
            "trickle.json",
            "PCDS-INPUT-003",
            "no complete answer within 1 seconds",
        ),
    ];
    for (path, code, words) in cases {
        let started = std::time::Instant::now();
        let output = pcds()
            .args([
                "validate",
                "--timeout",
                "1",
                "--max-download",
                "1000000",
                &format!("{base}/{path}"),
            ])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{path}: {stderr}");
        assert!(
            stderr.contains(code) && stderr.contains(words),
            "{path}: {stderr}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{path}: the timeout bounds the whole answer"
        );
    }
}

#[test]
fn an_unreachable_host_is_an_input_error() {
    // A port nothing listens on: bind, take the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("binds")
        .local_addr()
        .expect("address")
        .port();
    let output = pcds()
        .args([
            "validate",
            "--timeout",
            "2",
            &format!("http://127.0.0.1:{port}/x.json"),
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("PCDS-INPUT-003") && stderr.contains("could not connect"),
        "{stderr}"
    );
}
