//! Starts the real service on a free port, as the binary does, and talks to it over HTTP.

use std::sync::{Arc, LazyLock};

use nianbao::Engine;
use nianbao::Limits;
use nianbao::server::{Application, Settings};
use serde_json::Value;

/// Compiled once per test binary, like the service does once at start-up.
static ENGINE: LazyLock<Arc<Engine>> =
    LazyLock::new(|| Arc::new(Engine::default().with_limits(limits())));

/// The limits the binary runs with: PDF and HTML read by the real binary in its worker mode.
pub fn limits() -> Limits {
    Limits {
        worker: Some(env!("CARGO_BIN_EXE_nianbao").into()),
        ..Limits::default()
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = Settings::with_addr("127.0.0.1:0");
    settings.workers = Some(1);
    adjust(&mut settings);
    start(&settings, ENGINE.clone())
}

/// The app with other limits on reading documents.
pub async fn spawn_app_with_limits(adjust: impl FnOnce(&mut Limits)) -> TestApp {
    let mut limits = limits();
    adjust(&mut limits);
    let mut settings = Settings::with_addr("127.0.0.1:0");
    settings.workers = Some(1);
    start(&settings, Arc::new(Engine::default().with_limits(limits)))
}

fn start(settings: &Settings, engine: Arc<Engine>) -> TestApp {
    let application = Application::build(settings, engine).expect("the app starts");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn post_json(&self, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/v1/checks"))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Checks a text with options and returns the check report, asserting a 200.
    pub async fn check(&self, body: Value) -> Value {
        let response = self.post_json(&body).await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    pub async fn check_text(&self, text: &str) -> Value {
        self.check(serde_json::json!({ "text": text })).await
    }

    pub async fn post_raw(
        &self,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.post_raw_to("/v1/checks", content_type, body).await
    }

    /// Posts a body of this content type to a path.
    pub async fn post_raw_to(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Posts plain text with options in the query string (`"year=2024&lang=en"`).
    pub async fn post_text(
        &self,
        query: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/v1/checks?{query}")))
            .header("content-type", "text/plain; charset=utf-8")
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Posts a `multipart/form-data` form to a path (with its query string, if any).
    pub async fn post_form(&self, path: &str, form: reqwest::multipart::Form) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .multipart(form)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }
}

/// Asserts an RFC 9457 problem with a status and returns its body.
pub async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["type"].as_str().unwrap().starts_with("/problems/"));
    assert!(!body["title"].as_str().unwrap().is_empty());
    assert!(!body["detail"].as_str().unwrap().is_empty());
    body
}
