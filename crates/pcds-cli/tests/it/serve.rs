//! Tiny HTTP servers on 127.0.0.1 for tests: one with canned answers for a bounded number of
//! requests, and a static file host, as a council's web server would serve an export.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

/// Reads a request's head: its path and its `If-None-Match` header, if any.
fn read_request(stream: &std::net::TcpStream) -> (String, Option<String>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clones"));
    let mut request_line = String::new();
    let _ = reader.read_line(&mut request_line);
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let mut if_none_match = None;
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_owned());
        }
        header.clear();
    }
    (path, if_none_match)
}

/// Serves up to `requests` requests on an ephemeral loopback port; returns the base URL.
pub fn serve(body: &'static str, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds to loopback");
    let address = listener.local_addr().expect("has an address");
    thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let (path, _) = read_request(&stream);
            let response = match path.as_str() {
                "/ok.json" => format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()),
                "/missing.json" => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
                "/loop.json" => "HTTP/1.1 302 Found\r\nLocation: /loop.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
                "/big.json" => "HTTP/1.1 200 OK\r\nContent-Length: 5000000000\r\nConnection: close\r\n\r\n{".to_owned(),
                "/trickle.json" => {
                    // Headers at once, then a byte of body every 400 ms: each read is quick,
                    // the whole answer is not.
                    thread::spawn(move || {
                        let head = "HTTP/1.1 200 OK\r\nContent-Length: 60\r\nConnection: close\r\n\r\n";
                        if stream.write_all(head.as_bytes()).is_err() {
                            return;
                        }
                        for _ in 0..60 {
                            thread::sleep(Duration::from_millis(400));
                            if stream.write_all(b" ").is_err() {
                                return;
                            }
                        }
                    });
                    continue;
                }
                "/slow.json" => {
                    thread::sleep(Duration::from_millis(2500));
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".to_owned()
                }
                _ => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{address}")
}

/// Serves the files under `root` on an ephemeral loopback port, as a static host does: GET
/// only, JSON and CSV media types by extension, an ETag from the contents with `304` for a
/// matching `If-None-Match`, and `404` for anything else. Returns the base URL.
pub fn static_files(root: &std::path::Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds to loopback");
    let address = listener.local_addr().expect("has an address");
    let root = root.to_owned();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let root = root.clone();
            thread::spawn(move || {
                let (path, if_none_match) = read_request(&stream);
                let file = root.join(path.trim_start_matches('/'));
                let contents = (!path.contains(".."))
                    .then(|| std::fs::read(&file).ok())
                    .flatten();
                let response = match contents {
                    Some(body) => {
                        let etag = format!(
                            "\"{:x}-{}\"",
                            body.iter()
                                .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b))),
                            body.len()
                        );
                        if if_none_match.as_deref() == Some(etag.as_str()) {
                            format!("HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n").into_bytes()
                        } else {
                            let kind = if path.ends_with(".csv") {
                                "text/csv"
                            } else {
                                "application/json"
                            };
                            let mut answer = format!("HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
                            answer.extend(body);
                            answer
                        }
                    }
                    None => {
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_vec()
                    }
                };
                let _ = stream.write_all(&response);
            });
        }
    });
    format!("http://{address}")
}
