//! The ways a report comes in on `POST /v1/checks`: JSON (`text`, or a base64 `file`), a
//! multipart form with a `file` part, or the document itself as the body with its media type.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpRequest, web};
use base64::Engine as _;
use futures_util::StreamExt;

use super::request::{
    CheckQuery, CheckRequest, OptionSource, data_error_detail, field_errors, json_pointer,
    option_field_errors, validate,
};
use crate::engine::Input;
use crate::lang::Lang;
use crate::rules::CheckOptions;
use crate::server::problem::{FieldError, Problem};
use crate::server::routes::body::{Body, multipart_problem, read_body};
use crate::server::routes::media_types;

/// Form fields longer than this are no option values.
const FIELD_LIMIT: usize = 4096;

pub struct Submission {
    pub input: Input,
    pub options: CheckOptions,
}

pub async fn receive(
    request: &HttpRequest,
    payload: Body,
    query: CheckQuery,
    limit: usize,
    header_lang: Lang,
) -> Result<Submission, Problem> {
    let lang = query.lang.unwrap_or(header_lang);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let essence = content_type
        .as_deref()
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("multipart/form-data") => {
            let multipart = Multipart::new(request.headers(), payload);
            from_form(multipart, query, limit, lang).await
        }
        Some(json)
            if json == "application/json"
                || (json.starts_with("application/") && json.ends_with("+json")) =>
        {
            let body = read_body(payload, request, limit, lang).await?;
            from_json(&body, query, header_lang, limit)
        }
        Some(other) if !media_types::is_document(other) => Err(Problem::unsupported_media_type(
            content_type.as_deref(),
            lang,
        )),
        _ => {
            let bytes = read_body(payload, request, limit, lang).await?.to_vec();
            Ok(Submission {
                input: Input::Bytes {
                    bytes,
                    media_type: content_type,
                },
                options: validate(query.values(), OptionSource::Parameters, lang)?,
            })
        }
    }
}

fn from_json(
    body: &[u8],
    query: CheckQuery,
    header_lang: Lang,
    limit: usize,
) -> Result<Submission, Problem> {
    let query_lang = query.lang.unwrap_or(header_lang);
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let mut request: CheckRequest =
        serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let inner = e.inner();
            if inner.is_data() {
                let pointer = json_pointer(e.path());
                let detail = data_error_detail(&pointer, &inner.to_string(), query_lang);
                Problem::validation(vec![FieldError::at_pointer(pointer, detail)], query_lang)
            } else {
                Problem::malformed_json(inner.line(), inner.column(), query_lang)
            }
        })?;
    let lang = request.lang.or(query.lang).unwrap_or(header_lang);
    let mut errors: Vec<FieldError> = field_errors(validator::Validate::validate(&request), lang)
        .into_iter()
        .map(|(field, detail)| FieldError::at_pointer(format!("/{field}"), detail))
        .collect();
    let query_values = query.values();
    // The query string is checked on its own: a field the body repeats must not hide a mistake.
    validate(query_values.clone(), OptionSource::Parameters, lang)?;
    let options = request.values().or(query_values).validate(lang);
    if let Err(wrong) = &options {
        errors.extend(option_field_errors(wrong, OptionSource::Body, lang));
    }
    let input = match (request.text, request.file) {
        (Some(text), None) => Some(Input::Text(text)),
        (None, Some(file)) => {
            let encoded: String = file.content_base64.split_whitespace().collect();
            match base64::engine::general_purpose::STANDARD.decode(encoded) {
                Ok(bytes) if bytes.len() > limit => {
                    return Err(Problem::payload_too_large(limit, lang));
                }
                Ok(bytes) => Some(Input::bytes(bytes)),
                Err(_) => {
                    let detail = lang.pick(
                        "文件内容不是有效的 base64 编码。",
                        "The file content is not valid base64.",
                    );
                    errors.push(FieldError::at_pointer("/file/content_base64", detail));
                    None
                }
            }
        }
        (text, _) => {
            let pointer = if text.is_some() { "/file" } else { "/text" };
            let detail = lang.pick(
                "请给出 text（报告全文）或 file（报告文件）二者之一。",
                "Give either text (the report's text) or file (the report as a file), not both or neither.",
            );
            errors.push(FieldError::at_pointer(pointer, detail));
            None
        }
    };
    match (input, options) {
        (Some(input), Ok(options)) if errors.is_empty() => Ok(Submission { input, options }),
        _ => Err(Problem::validation(errors, lang)),
    }
}

/// Keeps a form field; a rule list given in several fields (as forms send a list) becomes one
/// comma-separated list.
fn add_field(fields: &mut BTreeMap<String, String>, name: String, value: String) {
    let is_list = name == "enable" || name == "disable";
    match fields.get_mut(&name) {
        Some(list) if is_list => {
            list.push(',');
            list.push_str(&value);
        }
        Some(_) => {}
        None => {
            fields.insert(name, value);
        }
    }
}

/// Parts a check form may have: the file and every option, with room for repeated lists.
const MAX_FORM_PARTS: usize = 200;

/// A form with a `file` part (or a `text` field) and the same options as the query string.
async fn from_form(
    mut form: Multipart,
    query: CheckQuery,
    limit: usize,
    lang: Lang,
) -> Result<Submission, Problem> {
    // The query string is checked on its own first: a field the form repeats (and so wins)
    // must not hide a mistake in the query.
    let query_values = query.values();
    validate(query_values.clone(), OptionSource::Parameters, lang)?;
    let mut file: Option<(Vec<u8>, Option<String>)> = None;
    let mut text: Option<String> = None;
    let mut fields = BTreeMap::new();
    let mut total = 0usize;
    let mut parts = 0;
    while let Some(part) = form.next().await {
        parts += 1;
        if parts > MAX_FORM_PARTS {
            return Err(Problem::too_many_parts(MAX_FORM_PARTS, lang));
        }
        let mut part = part.map_err(|e| multipart_problem(&e, lang))?;
        let name = part.name().unwrap_or("").to_owned();
        let media_type = part.content_type().map(|m| m.to_string());
        let field_limit = if name == "file" || name == "text" {
            limit
        } else {
            FIELD_LIMIT
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|e| multipart_problem(&e, lang))?;
            total += chunk.len();
            if total > limit || bytes.len() + chunk.len() > field_limit {
                return Err(Problem::payload_too_large(limit, lang));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => file = Some((bytes, media_type)),
            "text" => {
                text = Some(String::from_utf8(bytes).map_err(|_| Problem::invalid_utf8(lang))?)
            }
            // An empty field is an option left blank, as HTML forms send it.
            _ if bytes.iter().all(u8::is_ascii_whitespace) => {}
            _ => add_field(
                &mut fields,
                name,
                String::from_utf8_lossy(&bytes).into_owned(),
            ),
        }
    }
    let encoded = serde_urlencoded::to_string(&fields).unwrap_or_default();
    let from_form = web::Query::<CheckQuery>::from_query(&encoded)
        .map_err(|e| Problem::bad_query(&e.to_string(), lang))?
        .into_inner();
    let values = from_form.values().or(query_values);
    let lang = values.lang.unwrap_or(lang);
    let input = match (file, text) {
        (Some((bytes, media_type)), _) => Input::Bytes { bytes, media_type },
        (None, Some(text)) => Input::Text(text),
        (None, None) => {
            let detail = lang.pick(
                "请在表单的 file 字段附上报告文件。",
                "Attach the report in the form's file field.",
            );
            return Err(Problem::validation(
                vec![FieldError::at_parameter("file", detail)],
                lang,
            ));
        }
    };
    Ok(Submission {
        input,
        options: validate(values, OptionSource::Parameters, lang)?,
    })
}
