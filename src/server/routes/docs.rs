//! The API explorer (Swagger UI, vendored) at `/docs/` and the OpenAPI document it reads.

use actix_web::HttpResponse;
use actix_web::http::header;
use utoipa_swagger_ui::{Config, SwaggerUi};

pub const OPENAPI_PATH: &str = "/openapi.json";
/// Every file of the explorer.
pub const FILES_PATH: &str = "/docs/{_:.*}";

pub fn explorer(document: utoipa::openapi::OpenApi) -> SwaggerUi {
    SwaggerUi::new(FILES_PATH)
        .url(OPENAPI_PATH, document)
        .config(
            Config::new([OPENAPI_PATH])
                .try_it_out_enabled(true)
                // The online validator would send the spec off an intranet.
                .validator_url("none"),
        )
}

pub async fn redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}
