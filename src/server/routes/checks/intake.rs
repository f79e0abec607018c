//! The ways a report comes in on `POST /v1/checks`: JSON (`text`, or a base64 `file`), a
//! multipart form with a `file` part, or the document itself as the body with its media type.

use std::borrow::Cow;

use actix_multipart::Multipart;
use actix_web::HttpRequest;
use actix_web::http::header;
use base64::Engine as _;
use futures_util::StreamExt;

use super::params;
use super::request::{
    CheckQuery, CheckRequest, OptionSource, data_error_detail, field_errors, json_pointer,
    option_field_errors, validate,
};
use crate::engine::Input;
use crate::extract::media_type_parameter;
use crate::lang::Lang;
use crate::rules::CheckOptions;
use crate::server::budget::Share;
use crate::server::problem::{FieldError, Problem};
use crate::server::routes::body::{Body, hold, json_limit, multipart_problem, read_body};
use crate::server::routes::{form, media_types};

/// Form fields longer than this are no option values.
const FIELD_LIMIT: usize = 4096;

pub struct Submission {
    pub input: Input,
    /// The same issuer's report of the year before, to compare with.
    pub previous: Option<Input>,
    pub options: CheckOptions,
}

/// The submission, its bytes held in `share` of the memory budget as they arrive.
pub async fn receive(
    request: &HttpRequest,
    payload: Body,
    query: CheckQuery,
    limit: usize,
    header_lang: Lang,
    share: &mut Share,
) -> Result<Submission, Problem> {
    let lang = query.lang.unwrap_or(header_lang);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let essence = content_type.as_deref().map(media_types::essence);
    match essence.as_deref() {
        Some("multipart/form-data") => {
            let multipart = form::open(request, payload);
            from_form(multipart, query, limit, lang, share).await
        }
        Some(json) if media_types::is_json(json) => {
            let body = read_body(payload, request, json_limit(limit), lang, share).await?;
            // The parsed request (a text, or a file decoded from base64) beside the body.
            hold(share, body.len() * 2, lang).await?;
            let body = json_in_utf8(&body, content_type.as_deref(), lang)?;
            from_json(&body, query, header_lang, limit)
        }
        Some(other) if !media_types::is_document(other) => Err(Problem::unsupported_media_type(
            content_type.as_deref(),
            lang,
        )),
        _ => {
            // Without a copy: the body's buffer becomes the document's.
            let bytes = Vec::from(read_body(payload, request, limit, lang, share).await?);
            Ok(Submission {
                input: Input::Bytes {
                    bytes,
                    media_type: content_type,
                },
                previous: None,
                options: validate(query.values(), OptionSource::Parameters, lang)?,
            })
        }
    }
}

/// JSON as OA systems send it: with a UTF-8 byte order mark (Windows tools), or in the charset
/// the media type names (`application/json;charset=GBK`); read as UTF-8 without them.
fn json_in_utf8<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    lang: Lang,
) -> Result<Cow<'a, [u8]>, Problem> {
    let charset = content_type.and_then(|value| media_type_parameter(value, "charset"));
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let Some(label) = charset else {
        return Ok(Cow::Borrowed(body));
    };
    match encoding_rs::Encoding::for_label(label.as_bytes()) {
        Some(encoding) if encoding == encoding_rs::UTF_8 => Ok(Cow::Borrowed(body)),
        Some(encoding) => {
            let (text, _, _) = encoding.decode(body);
            Ok(Cow::Owned(text.into_owned().into_bytes()))
        }
        None => Err(Problem::unsupported_charset(label, lang)),
    }
}

/// Base64 as senders write it: with line breaks, a `data:…;base64,` prefix (a browser's
/// FileReader), the URL-safe alphabet, or without padding.
fn decode_base64(content: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let content = content.trim_start();
    let content = match content.strip_prefix("data:") {
        Some(url) => url.split_once(',').map_or(url, |(_, data)| data),
        None => content,
    };
    let standard: String = content
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            other => other,
        })
        .collect();
    const LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    LENIENT.decode(standard)
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
    let input = json_input(request.text, request.file, "", limit, lang, &mut errors)?;
    let previous = match request.previous {
        Some(previous) => {
            errors.extend(
                field_errors(validator::Validate::validate(&previous), lang)
                    .into_iter()
                    .map(|(field, detail)| {
                        FieldError::at_pointer(format!("/previous/{field}"), detail)
                    }),
            );
            json_input(
                previous.text,
                previous.file,
                "/previous",
                limit,
                lang,
                &mut errors,
            )?
        }
        None => None,
    };
    match (input, options) {
        (Some(input), Ok(options)) if errors.is_empty() => Ok(Submission {
            input,
            previous,
            options,
        }),
        _ => Err(Problem::validation(errors, lang)),
    }
}

/// A report given in JSON as `text` or `file` (under `at`: the report's own, or `/previous`);
/// what is wrong is added to `errors`, a file past the limit refused at once.
fn json_input(
    text: Option<String>,
    file: Option<super::FileUpload>,
    at: &str,
    limit: usize,
    lang: Lang,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Input>, Problem> {
    Ok(match (text, file) {
        (Some(text), None) => Some(Input::Text(text)),
        (None, Some(file)) => match decode_base64(&file.content_base64) {
            Ok(bytes) if bytes.len() > limit => {
                return Err(Problem::payload_too_large(limit, lang));
            }
            Ok(bytes) => Some(Input::bytes(bytes)),
            Err(_) => {
                let detail = lang.pick(
                    "文件内容不是有效的 base64 编码。",
                    "The file content is not valid base64.",
                );
                errors.push(FieldError::at_pointer(
                    format!("{at}/file/content_base64"),
                    detail,
                ));
                None
            }
        },
        (text, _) => {
            let pointer = if text.is_some() { "file" } else { "text" };
            let detail = lang.pick(
                "请给出 text（报告全文）或 file（报告文件）二者之一。",
                "Give either text (the report's text) or file (the report as a file), not both or neither.",
            );
            errors.push(FieldError::at_pointer(format!("{at}/{pointer}"), detail));
            None
        }
    })
}

/// Parts a check form may have: the file and every option, with room for repeated lists.
const MAX_FORM_PARTS: usize = 200;

/// A form with a `file` part (or a `text` field) and the same options as the query string.
async fn from_form(
    mut form: Multipart,
    query: CheckQuery,
    limit: usize,
    lang: Lang,
    share: &mut Share,
) -> Result<Submission, Problem> {
    // The query string is checked on its own first: a field the form repeats (and so wins)
    // must not hide a mistake in the query.
    let query_values = query.values();
    validate(query_values.clone(), OptionSource::Parameters, lang)?;
    let mut file: Option<(Vec<u8>, Option<String>)> = None;
    let mut previous: Option<(Vec<u8>, Option<String>)> = None;
    let mut text: Option<String> = None;
    let mut fields = Vec::new();
    let mut total = 0usize;
    let mut parts = 0;
    while let Some(part) = form.next().await {
        parts += 1;
        if parts > MAX_FORM_PARTS {
            return Err(Problem::too_many_parts(MAX_FORM_PARTS, lang));
        }
        let mut part = part.map_err(|e| multipart_problem(&e, lang))?;
        let name = part.name().unwrap_or("").to_owned();
        // The report is the part named file, or else the first part with a file name (OA
        // systems name it attachment, upload, fileData …).
        let has_file_name = part
            .content_disposition()
            .is_some_and(|d| d.get_filename().is_some() || d.get_filename_ext().is_some());
        let is_file = name == "file" || (has_file_name && file.is_none() && name != "previous");
        let media_type = part.content_type().map(|m| m.to_string());
        let mut bytes = Vec::new();
        let mut overlong = false;
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|e| multipart_problem(&e, lang))?;
            total += chunk.len();
            if total > limit {
                return Err(Problem::payload_too_large(limit, lang));
            }
            hold(share, total, lang).await?;
            // A field of the sender's own longer than any option: not ours, dropped.
            overlong |= !is_file
                && name != "text"
                && name != "previous"
                && bytes.len() + chunk.len() > FIELD_LIMIT;
            if !overlong {
                bytes.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            _ if is_file => file = Some((bytes, media_type)),
            // Last year's report: a file, or its text typed into the field.
            "previous" => previous = Some((bytes, media_type)),
            _ if overlong => {}
            "text" => {
                text = Some(String::from_utf8(bytes).map_err(|_| Problem::invalid_utf8(lang))?)
            }
            // An empty field is an option left blank, as HTML forms send it.
            _ if bytes.iter().all(u8::is_ascii_whitespace) => {}
            _ => fields.push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    let from_form = params::read(fields, lang)?;
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
        previous: previous.map(|(bytes, media_type)| Input::Bytes { bytes, media_type }),
        options: validate(values, OptionSource::Parameters, lang)?,
    })
}
