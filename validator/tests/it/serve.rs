//! A tiny HTTP server on 127.0.0.1 for URL-input tests: real sockets, canned answers, a bounded
//! number of requests, and it stops by itself.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

/// Serves up to `requests` requests on an ephemeral loopback port; returns the base URL.
pub fn serve(body: &'static str, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds to loopback");
    let address = listener.local_addr().expect("has an address");
    thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clones"));
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_owned();
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let response = match path.as_str() {
                "/ok.json" => format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()),
                "/missing.json" => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
                "/loop.json" => "HTTP/1.1 302 Found\r\nLocation: /loop.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
                "/big.json" => "HTTP/1.1 200 OK\r\nContent-Length: 5000000000\r\nConnection: close\r\n\r\n{".to_owned(),
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
