//! The OpenAPI document, collected from the routes by utoipa-actix-web.

pub mod examples;

use actix_web::App;
use utoipa::OpenApi;
use utoipa::openapi::RefOr;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{AllOfBuilder, Object, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa_actix_web::AppExt;

use crate::server::problem::{FieldError, ProblemBody};
use crate::server::request_id;
use crate::server::routes::batch::BatchFormat;
use crate::server::routes::{self, media_types};
use utoipa::openapi::encoding::Encoding;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "nianbao (年报)",
        description = "Checks Chinese rule-of-law government annual reports (法治政府建设年度报告) against \
the content the rules require: the four required parts of the 督察规定 (measures and results, \
shortcomings and their causes, the principal leaders' first-responsible duties, next year's plans), \
their order, the report year and the publication deadline.\n\n\
Spans in results count Unicode code points of the submitted text, from 0; lines and columns count \
from 1. Messages are in Simplified Chinese, or in English with `lang: \"en\"` or `Accept-Language: en`. \
Errors are RFC 9457 `application/problem+json`.",
        contact(name = "The operators of this service"),
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    // Relative: the document is served by the service it describes, on whatever host it runs.
    servers((url = "/", description = "The service that serves this document")),
    tags(
        (name = "checks", description = "Check a report."),
        (name = "rules", description = "The rules and the rule set they apply."),
        (name = "health", description = "Liveness and readiness for orchestrators.")
    ),
    components(schemas(ProblemBody, FieldError, BatchFormat))
)]
pub struct ApiDoc;

/// The document the running service serves at `/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut document) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::configure)
        .split_for_parts();
    require_text_or_file(&mut document);
    describe_security(&mut document);
    describe_headers(&mut document);
    list_document_media_types(&mut document);
    name_file_types(&mut document);
    document
}

/// The media types a form's `file` part (and the single check's `previous`, last year's report)
/// may have, from the one list the handlers use.
fn name_file_types(document: &mut utoipa::openapi::OpenApi) {
    for (path, item) in document.paths.paths.iter_mut() {
        let with_zip = path.ends_with("/batch");
        let form = item
            .post
            .as_mut()
            .and_then(|post| post.request_body.as_mut())
            .and_then(|body| match body {
                RefOr::T(body) => body.content.get_mut("multipart/form-data"),
                RefOr::Ref(_) => None,
            });
        if let Some(RefOr::T(form)) = form {
            let mut encoding = Encoding::default();
            encoding.content_type = Some(media_types::documented(with_zip));
            if !with_zip {
                form.encoding
                    .insert("previous".to_owned(), encoding.clone());
            }
            form.encoding.insert("file".to_owned(), encoding);
        }
    }
}

/// API keys are optional: off until the operator sets some, then `Authorization: Bearer <key>`
/// (the scheme in any case) on every `/v1/` path. Each such operation says so, and may answer
/// 401.
fn describe_security(document: &mut utoipa::openapi::OpenApi) {
    let scheme = HttpBuilder::new()
        .scheme(HttpAuthScheme::Bearer)
        .description(Some(
            "An API key, when the service is started with `--api-keys` or `--api-keys-file`; \
without keys no authentication is needed.",
        ))
        .build();
    document
        .components
        .get_or_insert_with(Default::default)
        .add_security_scheme(API_KEY_SCHEME, SecurityScheme::Http(scheme));
    let unauthorized = problem_response("An API key is required and was missing or wrong.");
    let probe_unauthorized =
        problem_response("Started with `--protect-probes` and keys: the key was missing or wrong.");
    for (path, item) in document.paths.paths.iter_mut() {
        let refusal = if path.starts_with("/v1/") {
            &unauthorized
        } else {
            &probe_unauthorized
        };
        for operation in [item.get.as_mut(), item.post.as_mut()]
            .into_iter()
            .flatten()
        {
            // No requirement, or the key: a service without keys takes requests without one.
            operation.security = Some(vec![
                SecurityRequirement::default(),
                SecurityRequirement::new(API_KEY_SCHEME, Vec::<String>::new()),
            ]);
            operation
                .responses
                .responses
                .insert("401".to_owned(), RefOr::T(refusal.clone()));
        }
    }
}

/// A check takes a document with any media type it reads (or none at all): the document lists
/// each, with the schema of the body it is.
fn list_document_media_types(document: &mut utoipa::openapi::OpenApi) {
    let Some(post) = document
        .paths
        .paths
        .get_mut("/v1/checks")
        .and_then(|item| item.post.as_mut())
    else {
        return;
    };
    let Some(RefOr::T(body)) = post.request_body.as_mut() else {
        return;
    };
    for media_type in media_types::accepted() {
        // Plain text has its own schema (already listed); HTML and RTF are documents.
        let schema = "DocumentBytes";
        body.content
            .entry(media_type.to_owned())
            .or_insert_with(|| {
                RefOr::T(
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name(schema)))
                        .build(),
                )
            });
    }
}

/// Every answer carries `X-Request-Id` (the caller's, or one made up), and every 503 a
/// `Retry-After`.
fn describe_headers(document: &mut utoipa::openapi::OpenApi) {
    let request_id = HeaderBuilder::new()
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .description(Some(
            "The request's id: the one sent in `X-Request-Id`, or one made up. Every log line of the request carries it.",
        ))
        .build();
    let retry_after = HeaderBuilder::new()
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1)),
        ))
        .description(Some("Seconds to wait before trying again."))
        .build();
    for item in document.paths.paths.values_mut() {
        for operation in [item.get.as_mut(), item.post.as_mut()]
            .into_iter()
            .flatten()
        {
            for (status, response) in operation.responses.responses.iter_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                response
                    .headers
                    .insert(request_id::HEADER.to_string(), RefOr::T(request_id.clone()));
                if status == "503" {
                    response
                        .headers
                        .entry("Retry-After".to_owned())
                        .or_insert_with(|| RefOr::T(retry_after.clone()));
                }
            }
        }
    }
}

/// A response that is a problem (`application/problem+json`).
fn problem_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemBody")))
                .build(),
        )
        .build()
}

/// The name of the API-key scheme in the document.
const API_KEY_SCHEME: &str = "apiKey";

/// A JSON check request has `text` or `file`, never both (either may be given as null, as
/// the other optional fields may): say so, so that clients (and schema-driven testers) do not
/// send both.
fn require_text_or_file(document: &mut utoipa::openapi::OpenApi) {
    let Some(schema) = document
        .components
        .as_mut()
        .and_then(|components| components.schemas.get_mut("CheckRequest"))
    else {
        return;
    };
    let fields = std::mem::replace(schema, Schema::Object(Object::new()).into());
    // The file branch names its schema: `{type: object}` alone makes generators type it as an
    // empty record.
    let exactly_one = OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .required("text")
                .property("text", ObjectBuilder::new().schema_type(Type::String)),
        )
        .item(
            ObjectBuilder::new()
                .required("file")
                .property("file", Ref::from_schema_name("FileUpload")),
        );
    *schema = AllOfBuilder::new().item(fields).item(exactly_one).into();
}

/// The document as committed in `openapi/openapi.json`.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::facts::year::YEARS;

    /// Schema attributes take only literals: this keeps the documented year range the one the
    /// options are validated against.
    #[test]
    fn every_documented_year_has_the_range_options_are_validated_against() {
        let document: Value = serde_json::from_str(&super::document_json()).unwrap();
        let schemas = &document["components"]["schemas"];
        let mut years = Vec::new();
        for form in [
            &schemas["CheckRequest"],
            &schemas["CheckForm"],
            &document["paths"],
        ] {
            collect_years(form, &mut years);
        }
        assert_eq!(
            years.len(),
            4,
            "JSON, form, and the two query strings: {years:?}"
        );
        for year in years {
            assert_eq!(year["minimum"], *YEARS.start(), "{year}");
            assert_eq!(year["maximum"], *YEARS.end(), "{year}");
        }
    }

    fn collect_years<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
        // Iterative: the document is ours, but the habit costs nothing.
        let mut stack = vec![value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(map) => {
                    if let Some(year) = map.get("properties").and_then(|p| p.get("year")) {
                        found.push(year);
                    }
                    if map.get("name").and_then(Value::as_str) == Some("year") {
                        found.extend(map.get("schema"));
                    }
                    stack.extend(map.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
}
