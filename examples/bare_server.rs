//! The peer `bench/throughput.sh` measures nianbao against: an actix-web server that only reads
//! the same JSON body (`{"text": …}`, deserialised with serde as nianbao does) and answers a
//! small JSON. What it serves per second is the ceiling an HTTP service of this stack has here.
//!
//!     cargo run --release --example bare_server -- 127.0.0.1:8081

use actix_web::{App, HttpResponse, HttpServer, web};
use serde::Deserialize;

#[derive(Deserialize)]
struct CheckRequest {
    text: String,
}

async fn check(body: web::Json<CheckRequest>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "chars": body.text.chars().count() }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8081".into());
    HttpServer::new(|| {
        App::new()
            .app_data(web::JsonConfig::default().limit(16 * 1024 * 1024))
            .route("/v1/checks", web::post().to(check))
    })
    .bind(addr)?
    .run()
    .await
}
