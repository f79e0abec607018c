//! `GET /metrics`: what Prometheus scrapes, counted from real requests.

use crate::common::{document, fixture};
use crate::helpers::spawn_app;

#[tokio::test]
async fn checks_findings_missing_parts_and_failures_are_counted() {
    let app = spawn_app().await;
    let report = app.post_text("", fixture("zhuangshi-2023.txt")).await;
    assert_eq!(report.status(), 200);
    let unreadable = app
        .post_raw("application/pdf", document("hostile/truncated.pdf"))
        .await;
    assert_eq!(unreadable.status(), 422);

    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let text = response.text().await.unwrap();
    for line in [
        r#"nianbao_checks_total{verdict="not_compliant"} 1"#,
        r#"nianbao_missing_parts_total{part="shortcomings"} 1"#,
        r#"nianbao_missing_parts_total{part="first_responsible"} 1"#,
        r#"nianbao_findings_total{rule="part-missing",severity="error"} 2"#,
        r#"nianbao_extraction_failures_total{format="PDF",kind="malformed"} 1"#,
        r#"nianbao_http_requests_total{route="/v1/checks",method="POST",status="200"} 1"#,
        r#"nianbao_http_requests_total{route="/v1/checks",method="POST",status="422"} 1"#,
        "nianbao_checks_in_flight 0",
        "# EOF",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    assert!(
        text.contains(r#"nianbao_http_request_duration_seconds_count{route="/v1/checks"} 2"#),
        "{text}"
    );
    assert!(!text.contains("庄市"), "no report text in metrics");
}

#[tokio::test]
async fn a_single_check_refused_with_503_is_counted_as_rejected() {
    let app = crate::helpers::spawn_app_with(|settings| settings.max_in_flight = 0).await;
    let refused = app.post_text("", fixture("xixing-2024.txt")).await;
    assert_eq!(refused.status(), 503);
    let text = app.get("/metrics").await.text().await.unwrap();
    assert!(text.contains("nianbao_checks_rejected_total 1"), "{text}");
}
