//! The OpenAPI document and the Swagger UI, served without anything from outside.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

fn committed() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn committed_openapi_document_is_what_the_code_generates() {
    let generated: Value = serde_json::from_str(&nianbao::server::openapi_json()).unwrap();
    assert!(
        generated == committed(),
        "openapi/openapi.json is stale: run `cargo run -- openapi > openapi/openapi.json`"
    );
}

#[tokio::test]
async fn the_service_serves_the_committed_document() {
    let app = spawn_app().await;
    let served: Value = app.get("/openapi.json").await.json().await.unwrap();
    assert_eq!(served, committed());
}

#[tokio::test]
async fn every_operation_is_described_with_examples() {
    let app = spawn_app().await;
    let document = committed();
    let paths = document["paths"].as_object().unwrap();
    for path in [
        "/v1/checks",
        "/v1/rules",
        "/v1/rules/{id}",
        "/v1/ruleset",
        "/healthz",
        "/readyz",
    ] {
        assert!(paths.contains_key(path), "{path}");
    }
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(
                operation["summary"].is_string(),
                "{method} {path} has a summary"
            );
            for (status, response) in operation["responses"].as_object().unwrap() {
                assert!(
                    response["description"].is_string(),
                    "{method} {path} {status}"
                );
            }
        }
    }
    let check = &document["paths"]["/v1/checks"]["post"];
    let request = &document["components"]["schemas"]["CheckRequest"]["allOf"];
    let example = request[0]["example"]["text"].as_str().unwrap();
    assert!(example.contains("法治政府建设"));
    // Generated clients carry every example in their code: none runs to kilobytes.
    assert!(example.len() < 4096, "{} bytes", example.len());
    let whole = serde_json::to_string(&document).unwrap();
    assert!(
        whole.len() < 80_000,
        "the document is {} bytes",
        whole.len()
    );
    assert_eq!(
        request[1]["oneOf"],
        json!([
            {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
            {"type": "object", "required": ["file"], "properties": {"file": {"$ref": "#/components/schemas/FileUpload"}}}
        ]),
        "text or file, not both"
    );
    let rules: Vec<Value> = app.get("/v1/rules").await.json().await.unwrap();
    let ids: Vec<&Value> = rules.iter().map(|rule| &rule["id"]).collect();
    let rule_id = &document["components"]["schemas"]["RuleId"]["enum"];
    assert_eq!(rule_id.as_array().unwrap().iter().collect::<Vec<_>>(), ids);
    let form = &check["requestBody"]["content"]["multipart/form-data"];
    assert!(
        form["encoding"]["file"]["contentType"]
            .as_str()
            .unwrap()
            .contains("application/pdf")
    );
    // Every media type the server takes a document with is listed.
    for media_type in [
        "text/html",
        "application/msword",
        "application/octet-stream",
    ] {
        assert!(
            check["requestBody"]["content"][media_type].is_object(),
            "{media_type}"
        );
    }
    // An OA system's own fields (userId …) are taken and ignored.
    assert_ne!(
        document["components"]["schemas"]["CheckForm"]["additionalProperties"],
        false
    );
    assert_eq!(
        document["components"]["securitySchemes"]["apiKey"]["scheme"],
        "bearer"
    );
    assert!(check["responses"]["401"]["content"]["application/problem+json"].is_object());
    assert!(check["requestBody"]["content"]["text/plain"]["example"].is_string());
    let report = &check["responses"]["200"]["content"]["application/json"]["example"];
    assert_eq!(report["compliant"], false);
    for status in ["400", "413", "415", "422"] {
        assert!(
            check["responses"][status]["content"]["application/problem+json"].is_object(),
            "{status}"
        );
    }
}

#[tokio::test]
async fn swagger_ui_is_vendored_and_its_online_validator_is_off() {
    let app = spawn_app().await;
    let redirect = app.client.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(redirect.url().path(), "/docs/");
    let page = app.get("/docs/").await.text().await.unwrap();
    assert!(page.contains("swagger-ui"));
    assert!(!page.contains("://cdn"), "no CDN");
    let initializer = app
        .get("/docs/swagger-initializer.js")
        .await
        .text()
        .await
        .unwrap();
    let compact: String = initializer.split_whitespace().collect();
    assert!(
        compact.contains(r#""validatorUrl":"none""#),
        "{initializer}"
    );
    assert!(initializer.contains("/openapi.json"));
}
