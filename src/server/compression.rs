//! gzip for the clients that ask for it (`Accept-Encoding`), as integrators expect of an API whose
//! answers and OpenAPI document run to tens of kilobytes. Not for the batch's NDJSON: a deflate
//! stream holds its lines back until a block fills, and each line must reach the client as its
//! report finishes.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{Error, ResponseError};

use crate::server::problem::{Problem, request_lang};

/// The batch route (`routes::batch`), whose answer is a stream.
const BATCH_PATH: &str = "/v1/checks/batch";

/// Wraps actix's `Compress` from outside: the batch stream is never compressed, and a client
/// that refuses every coding the service has gets a problem, not actix's plain-text 406.
pub async fn negotiate(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if request.path() == BATCH_PATH {
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    let response = next.call(request).await?;
    if response.status() != StatusCode::NOT_ACCEPTABLE {
        return Ok(response.map_into_boxed_body());
    }
    let request = response.request().clone();
    let problem = Problem::not_acceptable(request_lang(&request)).for_request(&request);
    Ok(ServiceResponse::new(request, problem.error_response()))
}
