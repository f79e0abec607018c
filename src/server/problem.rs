//! Errors that cross the HTTP boundary, as RFC 9457 `application/problem+json`.

use crate::extract::ExtractError;
use crate::lang::Lang;
pub use crate::report::problem::{ACCEPTED_EN, ACCEPTED_ZH, FieldError, ProblemBody};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem to answer with: its body and the headers that go with it. Its `Debug` form, which
/// request logs show, names only the kind: details can echo what the client sent.
#[derive(Clone)]
pub struct Problem(Box<Details>);

#[derive(Clone)]
struct Details {
    body: ProblemBody,
    allow: Option<String>,
    /// Seconds after which a client may try again (503).
    retry_after: Option<u32>,
    /// Ask for a bearer token (401).
    www_authenticate: bool,
    /// Answered before the whole body was read: the connection cannot carry another request.
    close: bool,
}

impl std::fmt::Debug for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Problem({} {})", self.0.body.status, self.0.body.kind)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.0.body.status, self.0.body.title)
    }
}

impl Problem {
    fn new(status: StatusCode, slug: &'static str, lang: Lang, detail: String) -> Self {
        Self::from_body(ProblemBody::new(status.as_u16(), slug, lang, detail))
    }

    pub fn from_body(body: ProblemBody) -> Self {
        Self(Box::new(Details {
            body,
            allow: None,
            retry_after: None,
            www_authenticate: false,
            close: false,
        }))
    }

    /// Marks a problem answered before the whole body was read.
    fn with_body_unread(mut self) -> Self {
        self.0.close = true;
        self
    }

    /// Sets `instance` to the request's path.
    pub fn for_request(self, request: &HttpRequest) -> Self {
        self.for_path(request.path())
    }

    pub fn for_path(mut self, path: &str) -> Self {
        self.0.body.instance = Some(path.to_owned());
        self
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.0.body.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn malformed_json(line: usize, column: usize, lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            lang,
            lang.pick(
                format!("请求体不是合法的 JSON（第{line}行第{column}列附近）。请检查引号、逗号和括号。"),
                format!("The request body is not valid JSON (near line {line}, column {column}). Check quotes, commas and brackets."),
            ),
        )
    }

    pub fn validation(errors: Vec<FieldError>, lang: Lang) -> Self {
        Self::from_body(ProblemBody::validation(errors, lang))
    }

    pub fn unsupported_media_type(got: Option<&str>, lang: Lang) -> Self {
        let got = got.unwrap_or("");
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            lang,
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
            lang,
            lang.pick(
                format!("检查服务正忙（同时进行的检查已达上限 {limit} 个），请稍后重试。"),
                format!("The service is busy ({limit} checks in progress, the limit); try again shortly."),
            ),
        );
        problem.0.retry_after = Some(1);
        problem
    }

    /// A budget of the process has no room for this request now: its memory, or the space for
    /// spooled batches.
    pub fn budget_full(
        budget: crate::server::budget::Budgeted,
        retry_after: u32,
        lang: Lang,
    ) -> Self {
        let detail = match budget {
            crate::server::budget::Budgeted::Memory => lang.pick(
                "检查服务正忙（正在处理的报告已占满内存上限），请稍后重试。",
                "The service is busy (the reports in progress fill its memory budget); try again shortly.",
            ),
            crate::server::budget::Budgeted::SpoolSpace => lang.pick(
                "检查服务正忙（正在处理的批量报告已占满临时存储空间），请稍后重试。",
                "The service is busy (the batches in progress fill its temporary storage); try again shortly.",
            ),
        };
        let mut problem = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            lang,
            detail.to_owned(),
        );
        problem.0.retry_after = Some(retry_after);
        problem
    }

    /// No valid API key.
    pub fn unauthorized(lang: Lang) -> Self {
        let mut problem = Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            lang,
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
            lang,
            lang.pick(
                format!("请求在 {seconds} 秒内没有发送完毕，请检查网络后重新提交。"),
                format!("The request was not received within {seconds} seconds; check the connection and send it again."),
            ),
        )
        .with_body_unread()
    }

    /// The client stopped sending in the middle of its body.
    pub fn request_stalled(lang: Lang) -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            lang,
            lang.pick(
                "请求体发送中途停顿过久，已停止接收。请检查网络后重新提交。",
                "The request body stopped arriving part-way; check the connection and send it again.",
            )
            .to_owned(),
        )
        .with_body_unread()
    }

    pub fn payload_too_large(limit: usize, lang: Lang) -> Self {
        let mib = limit as f64 / (1024.0 * 1024.0);
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            lang,
            lang.pick(
                format!("请求体超过上限 {mib:.1} MiB（{limit} 字节）。请删去附件或图片后只提交报告正文。"),
                format!("The request body exceeds the limit of {mib:.1} MiB ({limit} bytes). Send the report's text only."),
            ),
        )
        .with_body_unread()
    }

    /// A multipart form that arrived whole but is wrongly made; `detail` is already in the
    /// request's language, so the title follows the language it is written in.
    pub fn malformed_form(detail: &str) -> Self {
        let chinese = detail
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let lang = if chinese { Lang::Zh } else { Lang::En };
        Self::new(
            StatusCode::BAD_REQUEST,
            "malformed-form",
            lang,
            detail.to_owned(),
        )
    }

    /// A form of more parts than any real one has.
    pub fn too_many_parts(limit: usize, lang: Lang) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-many-parts",
            lang,
            lang.pick(
                format!("表单的字段过多（上限 {limit} 个）。请只提交报告文件和检查选项。"),
                format!("The form has too many parts (the limit is {limit}). Send the report and the check options only."),
            ),
        )
        .with_body_unread()
    }

    /// A browser call from an origin, or with a method or header, that CORS does not allow.
    pub fn cors_refused(reason: &str, lang: Lang) -> Self {
        let body = ProblemBody::new(
            StatusCode::BAD_REQUEST.as_u16(),
            "cors-refused",
            lang,
            lang.pick(
                "这个网页所在的地址（或它用的方法、请求头）未获准调用本服务。请运维人员把它加入 --cors-origins。".to_owned(),
                "This page's origin (or the method or headers it uses) may not call the service. Ask the operators to add it to --cors-origins.".to_owned(),
            ),
        );
        Self::from_body(body.because(reason))
    }

    /// `Accept-Encoding` refuses both codings the service has (identity and gzip).
    pub fn not_acceptable(lang: Lang) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            "encoding-not-acceptable",
            lang,
            lang.pick(
                "请求头 Accept-Encoding 拒绝了本服务能给出的全部编码（identity、gzip）。请去掉这个请求头，或允许 gzip。".to_owned(),
                "Accept-Encoding refuses every coding the service has (identity, gzip). Drop the header or allow gzip.".to_owned(),
            ),
        )
    }

    /// JSON in a charset nobody can name.
    pub fn unsupported_charset(charset: &str, lang: Lang) -> Self {
        let charset: String = charset.chars().take(40).collect();
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-charset",
            lang,
            lang.pick(
                format!("不认识字符集“{charset}”。JSON 请使用 UTF-8（也接受 GBK、GB18030）。"),
                format!("The charset “{charset}” is unknown. Send JSON in UTF-8 (GBK and GB18030 are taken too)."),
            ),
        )
    }

    pub fn invalid_utf8(lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-encoding",
            lang,
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
            lang,
            lang.pick(
                "请求体没有完整收到，请重新提交。",
                "The request body did not arrive whole; send it again.",
            )
            .to_owned(),
        )
        .with_body_unread()
    }

    pub fn bad_query(message: &str, lang: Lang) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-query",
            lang,
            lang.pick(
                format!("查询参数有误：{message}"),
                format!("The query string is invalid: {message}"),
            ),
        )
    }

    /// A document that could not be read, named by format and reason.
    pub fn unreadable(error: &ExtractError, lang: Lang) -> Self {
        Self::from_body(ProblemBody::unreadable(error, lang))
    }

    pub fn not_found(path: &str, lang: Lang) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            lang,
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
            lang,
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
            lang,
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
            lang,
            lang.pick(
                "检查时发生内部错误，报告未能检查。请稍后重试；如仍出错，请联系系统管理员。",
                "An internal error stopped the check. Try again later; if it persists, contact the administrator.",
            )
            .to_owned(),
        )
    }

    pub fn body(&self) -> &ProblemBody {
        &self.0.body
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status());
        if self.0.close {
            response.force_close();
        }
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
    headers_lang(request.headers())
}

/// The same, from the headers alone (before a request is routed).
pub fn headers_lang(headers: &header::HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Zh, Lang::from_accept_language)
}
