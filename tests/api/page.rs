//! The drafter's page: served by nianbao itself, with everything it needs, from this origin only.

use crate::helpers::{problem, spawn_app};

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_their_types() {
    let app = spawn_app().await;
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.starts_with("default-src 'self'"), "{policy}");
    let html = page.text().await.unwrap();
    assert!(html.contains("法治政府建设年度报告检查"));
    for asset in ["/assets/app.js", "/assets/app.css"] {
        assert!(html.contains(asset), "{asset} is linked from the page");
    }
    for (path, media_type) in [
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/app.css", "text/css; charset=utf-8"),
        ("/assets/sample.txt", "text/plain; charset=utf-8"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["content-type"], media_type, "{path}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    }
    let sample = app.get("/assets/sample.txt").await.text().await.unwrap();
    assert!(sample.contains("2023年庄市街道法治政府建设工作报告"));
}

#[tokio::test]
async fn the_page_names_no_other_origin() {
    let app = spawn_app().await;
    for path in ["/", "/assets/app.js", "/assets/app.css"] {
        let body = app.get(path).await.text().await.unwrap();
        for foreign in ["http://", "https://", "//cdn", "fonts.googleapis"] {
            assert!(!body.contains(foreign), "{path} refers to {foreign}");
        }
    }
}

#[tokio::test]
async fn unknown_assets_and_other_methods_get_problems() {
    let app = spawn_app().await;
    let body = problem(app.get("/assets/missing.js").await, 404).await;
    assert_eq!(body["type"], "/problems/not-found");
    let response = app
        .client
        .post(app.url("/"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "GET");
    problem(response, 405).await;
}

#[tokio::test]
async fn the_rules_page_renders_every_rule_from_its_doc_in_either_language() {
    let app = spawn_app().await;
    let rules: serde_json::Value = app.get("/v1/rules").await.json().await.unwrap();
    let page = app.get("/rules").await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("<h1>全部规则"));
    for rule in rules.as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(
            html.contains(&format!("<section class=\"card rule-doc\" id=\"{id}\">")),
            "{id}"
        );
        assert!(
            html.contains(&format!("<h2>{}</h2>", rule["title"].as_str().unwrap())),
            "{id}"
        );
        // A rule that fixes says so in its heading line, and only such a rule.
        let start = html.find(&format!("id=\"{id}\">")).unwrap();
        let meta_line = &html[start..start + html[start..].find("</p>").unwrap()];
        assert_eq!(
            meta_line.contains("给出确定的更正"),
            rule["fixable"] == true,
            "{id}"
        );
    }
    assert!(html.contains("<h3>如何修改</h3>"));
    let english = app.get("/rules?lang=en").await.text().await.unwrap();
    assert!(english.contains("<h2>A required part is missing</h2>"));
    assert!(english.contains("<h3>How to fix</h3>"));
}

#[tokio::test]
async fn the_favicon_is_served_and_linked() {
    let app = spawn_app().await;
    let icon = app.get("/favicon.ico").await;
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    assert!(icon.text().await.unwrap().starts_with("<svg"));
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains("<link rel=\"icon\" href=\"/favicon.ico\""));
}
