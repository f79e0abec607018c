//! Errors that cross the HTTP boundary, as RFC 9457 `application/problem+json`.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::extract::{ExtractError, Format};
use crate::lang::Lang;

const ACCEPTED_ZH: &str = "可提交：.docx、PDF（带文字层）、HTML、OFD、纯文本（UTF-8、GB18030/GBK、UTF-16）；安装 LibreOffice 后还可提交 .doc、.wps、.rtf。";
const ACCEPTED_EN: &str = "Accepted: .docx, PDF with a text layer, HTML, OFD, plain text (UTF-8, GB18030/GBK, UTF-16); .doc, .wps and .rtf where LibreOffice is installed.";

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem detail.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation-failed",
    "title": "Request body failed validation",
    "status": 422,
    "detail": "请求内容有误，请按 errors 中的提示修改。",
    "instance": "/v1/checks",
    "errors": [{"pointer": "/year", "detail": "年份应在2000到2100之间。"}]
}))]
pub struct ProblemBody {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem (English, stable).
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request and what to do about it, in the request's language.
    pub detail: String,
    /// The request path.
    pub instance: Option<String>,
    /// For a body or parameters that failed validation: each problem and where it is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a document that cannot be read: the technical cause, in English, for whoever
    /// supports the service (`detail` is the sentence for the person who sent the document).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "these bytes are not text in any known encoding")]
    pub reason: Option<String>,
}

/// One invalid field: a JSON Pointer into the request body, or a query parameter's name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "/year")]
    pub pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    pub detail: String,
}

impl FieldError {
    pub fn at_pointer(pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            pointer: Some(pointer.into()),
            parameter: None,
            detail: detail.into(),
        }
    }

    pub fn at_parameter(parameter: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            pointer: None,
            parameter: Some(parameter.into()),
            detail: detail.into(),
        }
    }
}

/// A problem to answer with. Its `Debug` form, which request logs show, names only the kind:
/// details can echo what the client sent.
#[derive(Clone)]
pub struct Problem(Box<Details>);

#[derive(Clone)]
struct Details {
    status: StatusCode,
    slug: &'static str,
    title: &'static str,
    detail: String,
    instance: Option<String>,
    errors: Vec<FieldError>,
    reason: Option<String>,
    allow: Option<String>,
    /// Seconds after which a client may try again (503).
    retry_after: Option<u32>,
    /// Ask for a bearer token (401).
    www_authenticate: bool,
}

impl std::fmt::Debug for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Problem({} {})", self.0.status.as_u16(), self.0.slug)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.0.status.as_u16(), self.0.title)
    }
}

impl Problem {
    fn new(status: StatusCode, slug: &'static str, title: &'static str, detail: String) -> Self {
        Self(Box::new(Details {
            status,
            slug,
            title,
            detail,
            instance: None,
            errors: Vec::new(),
            reason: None,
            allow: None,
            retry_after: None,
            www_authenticate: false,
        }))
    }

    /// The technical cause, kept out of `detail` (which is in the clerk's language).
    fn because(mut self, reason: &str) -> Self {
        self.0.reason = Some(reason.to_owned());
        self
    }

    /// Sets `instance` to the request's path.
    pub fn for_request(mut self, request: &HttpRequest) -> Self {
        self.0.instance = Some(request.path().to_owned());
        self
    }

    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    pub fn malformed_json(line: usize, column: usize, lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "Malformed JSON",
            lang.pick(
                format!("请求体不是合法的 JSON（第{line}行第{column}列附近）。请检查引号、逗号和括号。"),
                format!("The request body is not valid JSON (near line {line}, column {column}). Check quotes, commas and brackets."),
            ),
        )
    }

    pub fn validation(errors: Vec<FieldError>, lang: Lang) -> Self {
        let mut problem = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation-failed",
            "Request failed validation",
            lang.pick(
                "请求内容有误，请按 errors 中的提示逐项修改。",
                "The request is not valid; fix each item listed in errors.",
            )
            .to_owned(),
        );
        problem.0.errors = errors;
        problem
    }

    pub fn unsupported_media_type(got: Option<&str>, lang: Lang) -> Self {
        let got = got.unwrap_or("");
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            lang.pick(
                format!("不支持内容类型“{got}”。请以 JSON、multipart/form-data 或文件本身的类型提交报告。{ACCEPTED_ZH}"),
                format!("Content type “{got}” is not supported. Send JSON, multipart/form-data, or the document with its own media type. {ACCEPTED_EN}"),
            ),
        )
    }

    /// Too many checks in flight: the service sheds load rather than queueing without bound.
    pub fn overloaded(limit: usize, lang: Lang) -> Self {
        let mut problem = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "Too many checks in progress",
            lang.pick(
                format!("检查服务正忙（同时进行的检查已达上限 {limit} 个），请稍后重试。"),
                format!("The service is busy ({limit} checks in progress, the limit); try again shortly."),
            ),
        );
        problem.0.retry_after = Some(1);
        problem
    }

    /// No valid API key.
    pub fn unauthorized(lang: Lang) -> Self {
        let mut problem = Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "API key required",
            lang.pick(
                "此服务需要 API 密钥：请在请求头中加上 Authorization: Bearer <密钥>。密钥请向系统管理员索取。",
                "This service needs an API key: send Authorization: Bearer <key>. Ask the administrator for one.",
            )
            .to_owned(),
        );
        problem.0.www_authenticate = true;
        problem
    }

    /// The client sent the request too slowly.
    pub fn request_timeout(seconds: u64, lang: Lang) -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            "Request sent too slowly",
            lang.pick(
                format!("请求在 {seconds} 秒内没有发送完毕，请检查网络后重新提交。"),
                format!("The request was not received within {seconds} seconds; check the connection and send it again."),
            ),
        )
    }

    pub fn payload_too_large(limit: usize, lang: Lang) -> Self {
        let mib = limit as f64 / (1024.0 * 1024.0);
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            "Request body too large",
            lang.pick(
                format!("请求体超过上限 {mib:.1} MiB（{limit} 字节）。请删去附件或图片后只提交报告正文。"),
                format!("The request body exceeds the limit of {mib:.1} MiB ({limit} bytes). Send the report's text only."),
            ),
        )
    }

    pub fn invalid_utf8(lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-encoding",
            "Text is not UTF-8",
            lang.pick(
                "报告文本不是 UTF-8 编码。请另存为 UTF-8 文本后再提交。",
                "The report text is not UTF-8. Save it as UTF-8 and send it again.",
            )
            .to_owned(),
        )
    }

    pub fn bad_request_body(lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "incomplete-body",
            "Request body could not be read",
            lang.pick(
                "请求体没有完整收到，请重新提交。",
                "The request body did not arrive whole; send it again.",
            )
            .to_owned(),
        )
    }

    pub fn bad_query(message: &str, lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-query",
            "Invalid query string",
            lang.pick(
                format!("查询参数有误：{message}"),
                format!("The query string is invalid: {message}"),
            ),
        )
    }

    /// A document that could not be read, named by format and reason.
    pub fn unreadable(error: &ExtractError, lang: Lang) -> Self {
        let accepted = lang.pick(ACCEPTED_ZH, ACCEPTED_EN);
        match error {
            ExtractError::Unsupported(what) => Self::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-format",
                "Unsupported document format",
                lang.pick(
                    format!("无法识别这份文件的格式。{accepted}"),
                    format!("This document format is not supported. {accepted}"),
                ),
            )
            .because(what),
            ExtractError::ConverterMissing { format } => Self::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "converter-missing",
                "Document format needs a converter",
                lang.pick(
                    format!("{}文件需要 LibreOffice 转换，本服务未安装。请另存为 .docx 或 PDF 后提交。{accepted}", format.zh_name().trim_start()),
                    format!("{format} files need LibreOffice, which this service does not have. Save as .docx or PDF and send it again. {accepted}"),
                ),
            ),
            ExtractError::TooLarge { what, limit } => Self::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "document-too-large",
                "Document too large",
                lang.pick(
                    format!("文件过大：{what}，上限为 {limit}。"),
                    format!("The document is too large: {what}; the limit is {limit}."),
                ),
            ),
            ExtractError::Malformed { format, reason } => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unreadable-document",
                "Document cannot be read",
                lang.pick(
                    format!("无法读取这份{}文件，文件可能已损坏。请重新导出后提交。", format.zh_name()),
                    format!("This {format} document cannot be read; it may be damaged. Export it again."),
                ),
            )
            .because(reason),
            ExtractError::Encrypted { format } => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "encrypted-document",
                "Document is encrypted",
                lang.pick(
                    format!("这份{}文件已加密，无法读取。请提交未加密的文件。", format.zh_name()),
                    format!("This {format} document is encrypted. Send an unencrypted copy."),
                ),
            ),
            ExtractError::NoText {
                format: Format::Text,
            } => Self::validation(
                vec![FieldError::at_pointer(
                    "",
                    lang.pick("报告文本为空，请粘贴报告全文。", "The report text is empty; send the whole report."),
                )],
                lang,
            ),
            ExtractError::NoText { format } => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "no-text",
                "Document has no text",
                lang.pick(
                    format!("这份{}文件中没有可读取的文字（扫描件或图片？）。请提交 Word 原文或带文字层的 PDF。", format.zh_name()),
                    format!("This {format} document has no text to read (a scan or an image?). Send the Word file or a PDF with a text layer."),
                ),
            ),
            ExtractError::Timeout { seconds } => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "extraction-timeout",
                "Document took too long to read",
                lang.pick(
                    format!("读取这份文件超过 {seconds} 秒，已停止。请另存为 .docx 或 PDF 后提交。"),
                    format!("Reading this document took over {seconds} s and was stopped. Save it as .docx or PDF."),
                ),
            ),
            ExtractError::BadArchive(reason) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unreadable-archive",
                "Archive cannot be read",
                lang.pick(
                    "无法从压缩包中读取这份报告。请重新打包，或逐份提交。",
                    "This report cannot be read from the archive. Pack it again, or send the reports one by one.",
                )
                .to_owned(),
            )
            .because(reason),
            ExtractError::Empty => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "empty-document",
                "Document is empty",
                lang.pick("提交的文件是空的（0 字节）。", "The document is empty (0 bytes).").to_owned(),
            ),
        }
    }

    pub fn not_found(path: &str, lang: Lang) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Not found",
            lang.pick(
                format!("没有“{path}”这个地址。接口说明见 /docs/。"),
                format!("There is nothing at “{path}”. The API is described at /docs/."),
            ),
        )
    }

    pub fn unknown_rule(id: &str, lang: Lang) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "unknown-rule",
            "Unknown rule",
            lang.pick(
                format!("没有编号为“{id}”的规则。全部规则见 /v1/rules。"),
                format!("There is no rule “{id}”. All rules are listed at /v1/rules."),
            ),
        )
    }

    pub fn method_not_allowed(method: &str, allowed: &[&str], lang: Lang) -> Self {
        let list = allowed.join(", ");
        let mut problem = Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            lang.pick(
                format!("此地址不接受 {method} 请求，可用：{list}。"),
                format!("This address does not accept {method}; it accepts {list}."),
            ),
        );
        problem.0.allow = Some(list);
        problem
    }

    pub fn internal(lang: Lang) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
            lang.pick(
                "检查时发生内部错误，报告未能检查。请稍后重试；如仍出错，请联系系统管理员。",
                "An internal error stopped the check. Try again later; if it persists, contact the administrator.",
            )
            .to_owned(),
        )
    }

    pub fn body(&self) -> ProblemBody {
        ProblemBody {
            kind: format!("/problems/{}", self.0.slug),
            title: self.0.title.to_owned(),
            status: self.0.status.as_u16(),
            detail: self.0.detail.clone(),
            instance: self.0.instance.clone(),
            errors: self.0.errors.clone(),
            reason: self.0.reason.clone(),
        }
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        self.0.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.0.status);
        response.insert_header(ContentType(
            PROBLEM_JSON.parse().expect("a valid media type"),
        ));
        if let Some(allow) = &self.0.allow {
            response.insert_header((header::ALLOW, allow.clone()));
        }
        if self.0.www_authenticate {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let Some(seconds) = self.0.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        response.json(self.body())
    }
}

/// The language a request asks for in its `Accept-Language` header.
pub fn request_lang(request: &HttpRequest) -> Lang {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Zh, Lang::from_accept_language)
}
