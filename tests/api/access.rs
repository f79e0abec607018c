//! Optional API keys and the CORS allow-list for browser-based OA front ends.

use reqwest::Method;

use crate::common::fixture;
use crate::helpers::{problem, spawn_app_with};

const OA: &str = "https://oa.example.gov.cn";

#[tokio::test]
async fn with_keys_configured_the_api_needs_one_and_probes_stay_open() {
    let app = spawn_app_with(|s| s.api_keys = Some("first-key-0001, second-key-0002".into())).await;
    let check = |key: Option<&'static str>| {
        let mut request = app
            .client
            .post(app.url("/v1/checks"))
            .header("content-type", "text/plain; charset=utf-8")
            .body(fixture("wuxing-2024.txt"));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        request.send()
    };
    let refused = check(None).await.unwrap();
    assert_eq!(refused.headers()["www-authenticate"], "Bearer");
    assert!(refused.headers().contains_key("x-request-id"));
    let body = problem(refused, 401).await;
    assert_eq!(body["type"], "/problems/unauthorized");
    problem(check(Some("second-key-000")).await.unwrap(), 401).await;
    assert_eq!(check(Some("second-key-0002")).await.unwrap().status(), 200);
    for open in ["/healthz", "/readyz", "/metrics", "/", "/openapi.json"] {
        assert_eq!(app.get(open).await.status(), 200, "{open}");
    }
}

#[tokio::test]
async fn keys_from_a_file_and_protected_probes() {
    let file = std::env::temp_dir().join(format!("nianbao-keys-{}.txt", std::process::id()));
    std::fs::write(&file, "# keys of the OA systems\nfile-key-abc\n\n").unwrap();
    let path = file.clone();
    let app = spawn_app_with(move |s| {
        s.api_keys_file = Some(path);
        s.protect_probes = true;
    })
    .await;
    std::fs::remove_file(file).unwrap();
    problem(app.get("/healthz").await, 401).await;
    let ok = app
        .client
        .get(app.url("/v1/rules"))
        .bearer_auth("file-key-abc")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn listed_origins_may_call_from_a_browser_and_others_may_not() {
    let app = spawn_app_with(|s| {
        s.cors_origins = vec![OA.into()];
        s.api_keys = Some("browser-key-1".into());
    })
    .await;
    let preflight = |origin: &'static str| {
        app.client
            .request(Method::OPTIONS, app.url("/v1/checks"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .send()
    };
    let allowed = preflight(OA).await.unwrap();
    assert_eq!(allowed.status(), 200, "a preflight needs no key");
    assert_eq!(allowed.headers()["access-control-allow-origin"], OA);
    let other = preflight("https://elsewhere.example.com").await.unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));

    let response = app
        .client
        .get(app.url("/v1/rules"))
        .header("origin", OA)
        .bearer_auth("browser-key-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], OA);
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("x-request-id"), "{exposed}");
}

#[tokio::test]
async fn no_spelling_of_a_guarded_path_reaches_a_handler_without_a_key() {
    let app = spawn_app_with(|s| {
        s.api_keys = Some("only-key-0001".into());
        s.protect_probes = true;
    })
    .await;
    for path in [
        "/%761/checks",
        "/v%31/checks",
        "//v1/checks",
        "/v1//checks",
        "/docs/../v1/checks",
        "/%76%31/%63%68%65%63%6b%73",
    ] {
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", "text/plain; charset=utf-8")
            .body(fixture("wuxing-2024.txt"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{path}");
    }
    for path in [
        "/%68ealthz",
        "/%6detrics",
        "/%761/rules",
        "/v1/rules/%70art-missing",
    ] {
        assert_eq!(app.get(path).await.status(), 401, "{path}");
    }
    let lower = app
        .client
        .get(app.url("/v1/rules"))
        .header("authorization", "bearer only-key-0001")
        .send()
        .await
        .unwrap();
    assert_eq!(lower.status(), 200, "the scheme is case-insensitive");
}
