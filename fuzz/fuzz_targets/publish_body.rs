//! Any bytes as the body of `POST /releases`, as JSON and as JSON Lines, with a valid token:
//! the server must answer with a status and a JSON error or success, never panic, and store
//! nothing unless it answered 201.

#![no_main]

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, header};
use libfuzzer_sys::fuzz_target;
use pcds::codelists::PublicationLevel;
use pcds_server::{AppState, Site, Store, Validators, router};
use tower::ServiceExt as _;

struct Harness {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    store: Arc<Store>,
    token: String,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("pcds-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("creates a scratch directory");
        let store = Arc::new(Store::open(&dir.join("fuzz.sqlite")).expect("opens"));
        let token = store
            .create_token("Fuzz", &"ocds-pcdsex-".parse().expect("a prefix"))
            .expect("creates")
            .secret;
        let site = Site {
            base_url: "http://127.0.0.1:1".into(),
            name: "Fuzz".into(),
            publication_level: PublicationLevel::Partnership,
            license: None,
            page_size: 100,
        };
        let validators = Validators::new(PublicationLevel::Partnership).expect("compiles");
        let state = AppState::new(store.clone(), Arc::new(validators), site, 1 << 20, 10);
        Harness {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime"),
            router: router(state, None, None),
            store,
            token,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let harness = harness();
    for media in ["application/json", "application/x-ndjson"] {
        let before = harness.store.count().expect("counts");
        let request = Request::post("/releases")
            .header(header::CONTENT_TYPE, media)
            .header(header::AUTHORIZATION, format!("Bearer {}", harness.token))
            .body(Body::from(data.to_vec()))
            .expect("a request");
        let response = harness
            .runtime
            .block_on(harness.router.clone().oneshot(request))
            .expect("the router answers");
        let status = response.status().as_u16();
        assert!(status != 500, "a body made the server fail");
        if status != 201 {
            assert_eq!(
                harness.store.count().expect("counts"),
                before,
                "{status} stored something"
            );
        }
    }
});
