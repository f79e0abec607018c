//! Why a report could not be checked, as an RFC 9457 problem detail: the shape the HTTP API
//! answers with and that batch lines (HTTP and CLI) carry for a file that could not be read.

use serde::Serialize;
use utoipa::ToSchema;

use crate::extract::{ExtractError, FileClass, Format, NotAReport};
use crate::lang::Lang;

pub const ACCEPTED_ZH: &str = "可提交：.docx、PDF（带文字层）、HTML、OFD、纯文本（UTF-8、GB18030/GBK、UTF-16）；安装 LibreOffice 后还可提交 .doc、.wps、.rtf。";
pub const ACCEPTED_EN: &str = "Accepted: .docx, PDF with a text layer, HTML, OFD, plain text (UTF-8, GB18030/GBK, UTF-16); .doc, .wps and .rtf where LibreOffice is installed.";

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
    /// A URI reference naming the kind of problem, relative to the service: `GET` it
    /// (`/problems/validation-failed`) for what it means and what to do; `/problems` lists all.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem, in the request's language (the same for every
    /// problem of a `type` in that language).
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
    /// How many errors there were when `errors` lists only the first 20.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors_total: Option<usize>,
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

/// Errors listed in one problem.
const MAX_ERRORS: usize = 20;

impl ProblemBody {
    /// A problem of the type `slug`, titled in `lang` as its page in problem_types.rs says.
    pub fn new(status: u16, slug: &str, lang: Lang, detail: String) -> Self {
        let kind = super::problem_types::describe(slug);
        debug_assert!(
            kind.is_some_and(|kind| kind.status == status),
            "problem type {slug} ({status}) has no page in problem_types.rs"
        );
        Self {
            kind: format!("/problems/{slug}"),
            title: kind.map_or("", |kind| kind.title(lang)).to_owned(),
            status,
            detail,
            instance: None,
            errors: Vec::new(),
            errors_total: None,
            reason: None,
        }
    }

    /// The technical cause, kept out of `detail` (which is in the clerk's language).
    pub fn because(mut self, reason: &str) -> Self {
        self.reason = Some(reason.to_owned());
        self
    }

    pub fn validation(errors: Vec<FieldError>, lang: Lang) -> Self {
        let mut body = Self::new(
            422,
            "validation-failed",
            lang,
            lang.pick(
                "请求内容有误，请按 errors 中的提示逐项修改。",
                "The request is not valid; fix each item listed in errors.",
            )
            .to_owned(),
        );
        if errors.len() > MAX_ERRORS {
            body.errors_total = Some(errors.len());
        }
        body.errors = errors;
        body.errors.truncate(MAX_ERRORS);
        body
    }

    /// A file found for a batch that could not be opened at all.
    pub fn unopenable(reason: &str, lang: Lang) -> Self {
        Self::new(
            422,
            "unopenable-file",
            lang,
            lang.pick("无法打开这个文件。", "This file cannot be opened.")
                .to_owned(),
        )
        .because(reason)
    }

    /// A document that could not be read, named by format and reason.
    pub fn unreadable(error: &ExtractError, lang: Lang) -> Self {
        let accepted = lang.pick(ACCEPTED_ZH, ACCEPTED_EN);
        match error {
            ExtractError::Unsupported(what) => Self::new(
                415,
                "unsupported-format",
                lang,
                lang.pick(
                    format!("无法识别这份文件的格式。{accepted}"),
                    format!("This document format is not supported. {accepted}"),
                ),
            )
            .because(what),
            ExtractError::ConverterMissing { format } => Self::new(
                415,
                "converter-missing",
                lang,
                lang.pick(
                    format!("{}文件需要 LibreOffice 转换，本服务未安装。请另存为 .docx 或 PDF 后提交。{accepted}", format.zh_name().trim_start()),
                    format!("{format} files need LibreOffice, which this service does not have. Save as .docx or PDF and send it again. {accepted}"),
                ),
            ),
            ExtractError::TooLarge {
                quantity, limit, ..
            } => Self::new(
                413,
                "document-too-large",
                lang,
                lang.pick(
                    format!("文件过大：{}超过上限 {limit}。请拆分或精简后再提交。", quantity.name_zh()),
                    format!("The document is too large: more {} than the limit of {limit}. Split it or make it smaller.", quantity.unit_en()),
                ),
            )
            .because(&error.to_string()),
            ExtractError::Malformed { format, reason } => Self::new(
                422,
                "unreadable-document",
                lang,
                lang.pick(
                    format!("无法读取这份{}文件，文件可能已损坏。请重新导出后提交。", format.zh_name()),
                    format!("This {format} document cannot be read; it may be damaged. Export it again."),
                ),
            )
            .because(reason),
            ExtractError::Encrypted { format } => Self::new(
                422,
                "encrypted-document",
                lang,
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
                422,
                "no-text",
                lang,
                lang.pick(
                    format!("这份{}文件中没有可读取的文字（扫描件或图片？）。请提交 Word 原文或带文字层的 PDF。", format.zh_name()),
                    format!("This {format} document has no text to read (a scan or an image?). Send the Word file or a PDF with a text layer."),
                ),
            ),
            ExtractError::Timeout { seconds } => Self::new(
                422,
                "extraction-timeout",
                lang,
                lang.pick(
                    format!("读取这份文件超过 {seconds} 秒，已停止。请另存为 .docx 或 PDF 后提交。"),
                    format!("Reading this document took over {seconds} s and was stopped. Save it as .docx or PDF."),
                ),
            ),
            ExtractError::BadArchive(reason) => Self::new(
                422,
                "unreadable-archive",
                lang,
                lang.pick(
                    "无法从压缩包中读取这份报告。请重新打包，或逐份提交。",
                    "This report cannot be read from the archive. Pack it again, or send the reports one by one.",
                )
                .to_owned(),
            )
            .because(reason),
            ExtractError::NotAReport(kind) => Self::new(
                415,
                "not-a-report-file",
                lang,
                not_a_report_sentence(*kind, lang, accepted),
            )
            .because(&error.to_string()),
            ExtractError::Empty => Self::new(
                422,
                "empty-document",
                lang,
                lang.pick("提交的文件是空的（0 字节）。", "The document is empty (0 bytes).").to_owned(),
            ),
        }
    }
}

/// “这是一张图片（PNG），不是报告文件。”, then what is accepted.
fn not_a_report_sentence(kind: NotAReport, lang: Lang, accepted: &str) -> String {
    let name = kind.name(lang);
    let (zh, en) = match kind.class() {
        FileClass::Image => ("一张图片", "an image"),
        FileClass::Program => ("一个程序", "a program"),
        FileClass::Archive => ("一个压缩包", "an archive"),
    };
    lang.pick(
        format!("这是{zh}（{name}），不是报告文件。{accepted}"),
        format!("This is {en} ({name}), not a report file. {accepted}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Quantity;

    #[test]
    fn a_document_too_large_is_told_in_the_clerks_language() {
        let error = ExtractError::TooLarge {
            quantity: Quantity::PdfPages,
            found: 900,
            limit: 500,
        };
        let zh = ProblemBody::unreadable(&error, Lang::Zh);
        assert_eq!(zh.status, 413);
        assert_eq!(
            zh.detail,
            "文件过大：PDF 的页数超过上限 500。请拆分或精简后再提交。"
        );
        assert_eq!(
            zh.reason.as_deref(),
            Some("900 PDF pages exceed the limit of 500")
        );
        let en = ProblemBody::unreadable(&error, Lang::En);
        assert!(en.detail.contains("more PDF pages than the limit of 500"));
        assert_eq!(en.title, "Document too large");
        assert_eq!(zh.title, "文件过大");
    }

    #[test]
    fn a_picture_is_named_as_one() {
        let error = ExtractError::NotAReport(NotAReport::Png);
        let zh = ProblemBody::unreadable(&error, Lang::Zh);
        assert_eq!(zh.status, 415);
        assert!(
            zh.detail.starts_with("这是一张图片（PNG），不是报告文件。"),
            "{}",
            zh.detail
        );
        assert_eq!(zh.title, "不是报告文件");
        let en = ProblemBody::unreadable(&error, Lang::En);
        assert!(
            en.detail
                .starts_with("This is an image (PNG), not a report file.")
        );
        assert_eq!(en.title, "File is not a report");
        let exe = ProblemBody::unreadable(
            &ExtractError::NotAReport(NotAReport::WindowsProgram),
            Lang::Zh,
        );
        assert!(
            exe.detail
                .starts_with("这是一个程序（Windows 程序），不是报告文件。")
        );
    }
}
