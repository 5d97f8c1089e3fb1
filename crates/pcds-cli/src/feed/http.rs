//! A small blocking HTTP client with a time limit and a size limit on every answer.

use std::io::Read;

use pcds_conformance::feed::{FeedClient, Fetched};

use super::FeedError;

/// The client the feed commands share.
pub struct HttpClient {
    client: reqwest::blocking::Client,
    max_bytes: u64,
    limits: crate::input::Limits,
}

impl HttpClient {
    /// A client that gives up after `timeout_seconds` and refuses answers over `max_bytes`.
    ///
    /// # Errors
    /// When the TLS stack cannot be set up.
    pub fn new(timeout_seconds: u64, max_bytes: u64) -> Result<HttpClient, FeedError> {
        let limits = crate::input::Limits {
            max_download: max_bytes,
            timeout_seconds,
            max_redirects: 5,
        };
        let client = crate::input::fetch::client(&limits).map_err(|e| FeedError::Network {
            url: String::new(),
            reason: e.to_string(),
        })?;
        Ok(HttpClient {
            client,
            max_bytes,
            limits,
        })
    }

    /// GETs a URL.
    ///
    /// # Errors
    /// When no complete answer arrives within the limits.
    pub fn fetch(&self, url: &str, headers: &[(&str, &str)]) -> Result<Fetched, FeedError> {
        let mut request = self.client.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.answer(url, request)
    }

    /// POSTs a body with a bearer token.
    ///
    /// # Errors
    /// When no complete answer arrives within the limits.
    pub fn post(
        &self,
        url: &str,
        token: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<Fetched, FeedError> {
        let request = self
            .client
            .post(url)
            .bearer_auth(token)
            .header("Content-Type", content_type)
            .body(body);
        self.answer(url, request)
    }

    /// DELETEs a URL with a bearer token.
    ///
    /// # Errors
    /// When no complete answer arrives within the limits.
    pub fn delete(&self, url: &str, token: &str) -> Result<Fetched, FeedError> {
        let request = self.client.delete(url).bearer_auth(token);
        self.answer(url, request)
    }

    fn answer(
        &self,
        url: &str,
        request: reqwest::blocking::RequestBuilder,
    ) -> Result<Fetched, FeedError> {
        let network = |reason: String| FeedError::Network {
            url: url.to_owned(),
            reason,
        };
        let started = std::time::Instant::now();
        let response = request
            .send()
            .map_err(|e| network(crate::input::fetch::describe(&e, &self.limits)))?;
        if response
            .content_length()
            .is_some_and(|l| l > self.max_bytes)
        {
            return Err(network(format!(
                "the answer is larger than the limit of {} bytes",
                self.max_bytes
            )));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut fetched = Fetched {
            status: response.status().as_u16(),
            content_type: header("content-type"),
            etag: header("etag"),
            last_modified: header("last-modified"),
            body: Vec::new(),
        };
        crate::input::fetch::Capped::new(response, &self.limits, started)
            .read_to_end(&mut fetched.body)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::InvalidData => {
                    network(e.to_string())
                }
                _ => network(format!("the answer broke off: {e}")),
            })?;
        Ok(fetched)
    }
}

impl FeedClient for HttpClient {
    fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Fetched, String> {
        self.fetch(url, headers).map_err(|e| e.to_string())
    }
}

/// Reads a JSON answer, turning error statuses into [`FeedError::Refused`] with the server's
/// error code and findings when it sent them.
pub(super) fn json_answer(url: &str, fetched: &Fetched) -> Result<serde_json::Value, FeedError> {
    let parsed: Option<serde_json::Value> = serde_json::from_slice(&fetched.body).ok();
    if !(200..300).contains(&fetched.status) {
        let error = parsed.as_ref().map(|v| &v["error"]);
        return Err(FeedError::Refused {
            url: url.to_owned(),
            status: fetched.status,
            code: error.and_then(|e| e["code"].as_str()).map(str::to_owned),
            message: error
                .and_then(|e| e["message"].as_str())
                .unwrap_or("no explanation was given")
                .to_owned(),
            // The server sends the validator's own findings. Codes this version does not know
            // are kept; a finding with a severity it does not know is left out (the server's
            // message still counts every error).
            findings: error
                .and_then(|e| e["findings"].as_array())
                .map(|all| {
                    all.iter()
                        .filter_map(|f| serde_json::from_value(f.clone()).ok())
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    parsed.ok_or_else(|| FeedError::Protocol {
        url: url.to_owned(),
        reason: "the answer is not JSON".into(),
    })
}
