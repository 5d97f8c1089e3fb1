//! The connection bounds, on a real loopback listener: a limit on open connections and a
//! deadline for a request's headers, which also closes idle keep-alive connections.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use axum::routing::get;
use pcds_server::ConnectionLimits;

/// Serves a one-route app within `limits` on an ephemeral loopback port; the server stops
/// when the returned sender is dropped or sent to.
async fn start(limits: ConnectionLimits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let (address, stop, _) = serving(limits).await;
    (address, stop)
}

/// [`start`], with the task serving.
async fn serving(
    limits: ConnectionLimits,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds loopback");
    let address = listener.local_addr().expect("bound");
    let app = axum::Router::new().route("/", get(|| async { "ok" }));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(pcds_server::listen::serve(
        listener,
        app,
        limits,
        async move {
            let _ = stopped.await;
        },
    ));
    (address, stop, task)
}

/// Whether the server closes `stream` (the read ends) within `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    stream
        .set_read_timeout(Some(within))
        .expect("sets a timeout");
    let mut byte = [0u8; 1];
    matches!(stream.read(&mut byte), Ok(0))
}

fn get_root(address: SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("sets a timeout");
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("writes");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

fn limits(max_connections: usize, header_timeout: Duration) -> ConnectionLimits {
    ConnectionLimits {
        max_connections,
        header_timeout,
        shutdown_grace: Duration::from_secs(5),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_connections_are_closed_at_the_header_deadline() {
    let (address, _stop) = start(limits(16, Duration::from_millis(800))).await;
    tokio::task::spawn_blocking(move || {
        // Nothing sent at all.
        let mut idle = TcpStream::connect(address).expect("connects");
        let opened = Instant::now();
        assert!(closed_within(&mut idle, Duration::from_secs(10)));
        assert!(
            opened.elapsed() >= Duration::from_millis(700),
            "not before the deadline"
        );

        // Headers trickled in a byte at a time, never finished.
        let mut slow = TcpStream::connect(address).expect("connects");
        let opened = Instant::now();
        for byte in b"GET / HTTP/1.1\r\nHost: x\r\n" {
            if slow.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(closed_within(&mut slow, Duration::from_secs(10)));
        assert!(opened.elapsed() < Duration::from_secs(5));

        // A request answered on a keep-alive connection, which is then left idle.
        let mut kept = TcpStream::connect(address).expect("connects");
        kept.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("writes");
        kept.set_read_timeout(Some(Duration::from_secs(10)))
            .expect("sets a timeout");
        let mut answer = [0u8; 512];
        let n = kept.read(&mut answer).expect("an answer");
        assert!(answer[..n].starts_with(b"HTTP/1.1 200"));
        assert!(closed_within(&mut kept, Duration::from_secs(10)));
    })
    .await
    .expect("the client ran");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_limit_are_closed_and_the_server_recovers() {
    let (address, stop) = start(limits(2, Duration::from_secs(1))).await;
    tokio::task::spawn_blocking(move || {
        let held: Vec<TcpStream> = (0..2)
            .map(|_| TcpStream::connect(address).expect("connects"))
            .collect();
        // Give the server a moment to accept both.
        std::thread::sleep(Duration::from_millis(200));
        let mut third = TcpStream::connect(address).expect("the socket still connects");
        let refused = Instant::now();
        assert!(closed_within(&mut third, Duration::from_secs(10)));
        assert!(
            refused.elapsed() < Duration::from_millis(900),
            "closed at once, not at the header deadline"
        );
        drop(held);
        // Once the held connections are gone, requests are answered again.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if get_root(address).starts_with("HTTP/1.1 200") {
                break;
            }
            assert!(Instant::now() < deadline, "the server did not recover");
            std::thread::sleep(Duration::from_millis(100));
        }
    })
    .await
    .expect("the client ran");
    drop(stop);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_ends_serving() {
    let (address, stop, serving) = serving(limits(4, Duration::from_secs(5))).await;
    let answer = tokio::task::spawn_blocking(move || get_root(address))
        .await
        .expect("ran");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    stop.send(()).expect("the server is running");
    tokio::time::timeout(Duration::from_secs(10), serving)
        .await
        .expect("serving ends")
        .expect("joined")
        .expect("no error");
    assert!(
        TcpStream::connect(address).is_err(),
        "the listener is closed"
    );
}
