//! What each problem `type` (`/problems/{slug}`) means and what the sender does about it. The
//! service serves a page for each at that path, so a `type` in an answer can be looked up;
//! a problem of a type not listed here is a bug (debug builds assert it).

/// A problem type: its slug, its status, its title and what to do, in Chinese and in English.
// The texts are for the server's pages; the engine alone reads the slug and the status.
#[cfg_attr(not(feature = "server"), allow(dead_code))]
#[derive(Debug, Clone, Copy)]
pub struct ProblemType {
    pub slug: &'static str,
    pub status: u16,
    /// The problem's `title`: (English, Chinese).
    pub title: (&'static str, &'static str),
    pub zh: &'static str,
    pub en: &'static str,
}

const fn kind(
    slug: &'static str,
    status: u16,
    title: (&'static str, &'static str),
    zh: &'static str,
    en: &'static str,
) -> ProblemType {
    ProblemType {
        slug,
        status,
        title,
        zh,
        en,
    }
}

impl ProblemType {
    /// The title in `lang`.
    pub fn title(&self, lang: crate::lang::Lang) -> &'static str {
        lang.pick(self.title.1, self.title.0)
    }
}

pub const PROBLEM_TYPES: &[ProblemType] = &[
    kind(
        "malformed-json",
        400,
        ("Malformed JSON", "JSON 格式有误"),
        "请求体不是合法的 JSON。检查引号、逗号和括号；JSON 须为 UTF-8（也接受 GBK，需在 Content-Type 中写明 charset）。",
        "The body is not valid JSON. Check quotes, commas and brackets; JSON is UTF-8 (or GBK with its charset in Content-Type).",
    ),
    kind(
        "malformed-form",
        400,
        ("Malformed form", "上传表单格式有误"),
        "上传表单格式不正确：边界、类型或某个部分的头部有误。请用 multipart/form-data 重新上传。",
        "The upload form is not well made: its boundary, type or a part's headers. Send it again as multipart/form-data.",
    ),
    kind(
        "invalid-encoding",
        400,
        ("Text is not UTF-8", "文本编码有误"),
        "文本不是声明的编码。请另存为 UTF-8 后再提交。",
        "The text is not in the encoding it declares. Save it as UTF-8 and send it again.",
    ),
    kind(
        "incomplete-body",
        400,
        ("Request body could not be read", "请求体不完整"),
        "请求体没有完整收到（连接中断或长度不符）。请重新提交。",
        "The request body did not arrive whole (the connection broke, or its length was wrong). Send it again.",
    ),
    kind(
        "malformed-request",
        400,
        ("Malformed request", "请求格式有误"),
        "请求行或请求头不符合 HTTP 格式，服务无法理解这个请求。请检查调用方的 HTTP 客户端或代理。",
        "The request line or headers are not valid HTTP, so the service cannot understand the request. Check the calling system's HTTP client or proxy.",
    ),
    kind(
        "invalid-query",
        400,
        ("Invalid query string", "查询参数有误"),
        "查询参数无法解析。",
        "The query string cannot be parsed.",
    ),
    kind(
        "cors-refused",
        400,
        ("Cross-origin request refused", "跨域调用被拒绝"),
        "浏览器中的网页所在地址（或所用方法、请求头）未获准跨域调用本服务。请运维人员把该地址加入 --cors-origins。",
        "A page in a browser, from an origin (or with a method or headers) not allowed to call the service across origins. Ask the operators to add the origin to --cors-origins.",
    ),
    kind(
        "unauthorized",
        401,
        ("API key required", "需要访问密钥"),
        "本服务要求访问密钥：请在请求头中加上 Authorization: Bearer <密钥>。密钥向运维人员索取。",
        "This service requires an API key: add Authorization: Bearer <key>. Ask its operators for one.",
    ),
    kind(
        "not-found",
        404,
        ("Not found", "没有这个地址"),
        "没有这个地址。可用的接口见 /openapi.json 和 /docs/。",
        "There is nothing at this address. The API is listed at /openapi.json and /docs/.",
    ),
    kind(
        "unknown-rule",
        404,
        ("Unknown rule", "没有这条规则"),
        "没有这个编号的规则。全部规则见 GET /v1/rules。",
        "No rule has this id. GET /v1/rules lists them all.",
    ),
    kind(
        "method-not-allowed",
        405,
        ("Method not allowed", "不接受这种请求方法"),
        "此地址不接受这种请求方法；响应头 Allow 列出可用的方法。",
        "This address does not take this method; the Allow header lists those it takes.",
    ),
    kind(
        "encoding-not-acceptable",
        406,
        ("No acceptable content coding", "没有可接受的内容编码"),
        "请求头 Accept-Encoding 拒绝了本服务能给出的全部编码（identity 即不压缩、gzip）。去掉这个请求头，或允许 gzip。",
        "Accept-Encoding refuses every coding the service has (identity, that is uncompressed, and gzip). Drop the header or allow gzip.",
    ),
    kind(
        "request-timeout",
        408,
        ("Request sent too slowly", "请求发送过慢"),
        "请求在规定时间内没有发送完（或中途停顿过久）。请检查网络后重新提交。",
        "The request was not sent within the time allowed, or stalled too long. Check the connection and send it again.",
    ),
    kind(
        "headers-too-large",
        431,
        ("Request headers too large", "请求头过大"),
        "请求头过大（过长的 Cookie，或请求头过多）。请减少请求头后重新提交。",
        "The request headers are too large (a long cookie, or too many headers). Send fewer or shorter headers.",
    ),
    kind(
        "payload-too-large",
        413,
        ("Request body too large", "请求体过大"),
        "请求体超过上限（默认 10 MiB）。请删去附件或图片后只提交报告正文。",
        "The body is larger than the limit (10 MiB by default). Send the report without attachments or pictures.",
    ),
    kind(
        "too-many-parts",
        413,
        ("Form has too many parts", "表单部分过多"),
        "表单的部分过多。请只提交报告文件和检查选项。",
        "The form has too many parts. Send the report and the check options only.",
    ),
    kind(
        "document-too-large",
        413,
        ("Document too large", "文件过大"),
        "文件解开后过大（页数、对象数、解压后大小或字数超过上限）。请拆分或精简后再提交。",
        "The document is too large once unpacked (pages, objects, unpacked size or characters over the limits). Split it or make it smaller.",
    ),
    kind(
        "unsupported-media-type",
        415,
        ("Unsupported media type", "不支持的内容类型"),
        "不接受这种 Content-Type。可提交 JSON、上传表单，或 .docx、PDF、HTML、OFD、纯文本文件本身。",
        "This Content-Type is not taken. Send JSON, an upload form, or the .docx, PDF, HTML, OFD or text file itself.",
    ),
    kind(
        "unsupported-charset",
        415,
        ("Unsupported charset", "不认识的字符集"),
        "不认识请求声明的字符集。JSON 请使用 UTF-8（也接受 GBK、GB18030）。",
        "The declared charset is unknown. Send JSON in UTF-8 (GBK and GB18030 are taken too).",
    ),
    kind(
        "unsupported-format",
        415,
        ("Unsupported document format", "无法识别的文件格式"),
        "无法识别文件的格式。请提交 .docx、PDF、HTML、OFD 或纯文本。",
        "The document format is not recognised. Send .docx, PDF, HTML, OFD or plain text.",
    ),
    kind(
        "converter-missing",
        415,
        ("Document format needs a converter", "这种格式需要转换器"),
        "这种格式（.doc、.wps、.rtf）需要 LibreOffice 转换，本服务未安装。请另存为 .docx 或 PDF。",
        "This format (.doc, .wps, .rtf) needs LibreOffice, which this service does not have. Save it as .docx or PDF.",
    ),
    kind(
        "not-a-report-file",
        415,
        ("File is not a report", "不是报告文件"),
        "提交的是图片、程序或 zip 以外的压缩包，不是报告。请提交报告的 .docx、PDF、HTML、OFD 或纯文本文件；扫描件请先转为带文字层的 PDF。",
        "The file is a picture, a program or an archive other than zip, not a report. Send the report's .docx, PDF, HTML, OFD or text file; a scan needs a text layer first.",
    ),
    kind(
        "validation-failed",
        422,
        ("Request failed validation", "请求内容有误"),
        "请求中有字段或参数不符合要求；errors 逐项列出位置（pointer 或 parameter）和原因。",
        "A field or parameter is not valid; errors lists each with its place (pointer or parameter) and why.",
    ),
    kind(
        "unopenable-file",
        422,
        ("File cannot be opened", "文件无法打开"),
        "文件无法打开。请确认提交的是报告文件本身。",
        "The file cannot be opened. Make sure the report file itself was sent.",
    ),
    kind(
        "unreadable-document",
        422,
        ("Document cannot be read", "文件无法读取"),
        "文件已损坏或不完整，无法读取。请重新导出后提交。",
        "The document is damaged or incomplete and cannot be read. Export it again and send it.",
    ),
    kind(
        "encrypted-document",
        422,
        ("Document is encrypted", "文件已加密"),
        "文件设有密码或加密，无法读取。请去掉保护后提交。",
        "The document is password-protected or encrypted. Remove the protection and send it again.",
    ),
    kind(
        "no-text",
        422,
        ("Document has no text", "文件中没有文字"),
        "文件中没有可读的文字（可能是扫描件或图片）。请提交带文字层的版本。",
        "The document has no text to read (a scan or pictures). Send a version with a text layer.",
    ),
    kind(
        "empty-document",
        422,
        ("Document is empty", "文件是空的"),
        "文件中没有内容。",
        "The document is empty.",
    ),
    kind(
        "unreadable-archive",
        422,
        ("Archive cannot be read", "压缩包无法读取"),
        "压缩包无法解开，或其中没有报告文件。",
        "The archive cannot be unpacked, or has no reports in it.",
    ),
    kind(
        "extraction-timeout",
        422,
        ("Document took too long to read", "读取文件超时"),
        "文件在规定时间内没有读完（默认 30 秒）。请精简文件或改交 .docx。",
        "The document could not be read within the time allowed (30 s by default). Make it smaller or send a .docx.",
    ),
    kind(
        "overloaded",
        503,
        ("Too many checks in progress", "检查服务正忙"),
        "正在进行的检查过多。请按 Retry-After 给出的秒数稍后重试。",
        "Too many checks are in progress. Try again after the seconds Retry-After gives.",
    ),
    kind(
        "internal",
        500,
        ("Internal error", "内部错误"),
        "服务内部出错，报告没有检查。请稍后重试；若反复出现，请把响应头 X-Request-Id 告诉运维人员。",
        "An internal error; the report was not checked. Try again later; if it happens again, give the operators the X-Request-Id header.",
    ),
];

/// The problem type of a slug, if it is one.
pub fn describe(slug: &str) -> Option<&'static ProblemType> {
    PROBLEM_TYPES.iter().find(|t| t.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_statuses_are_errors() {
        let mut slugs: Vec<&str> = PROBLEM_TYPES.iter().map(|t| t.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), PROBLEM_TYPES.len());
        assert!(PROBLEM_TYPES.iter().all(|t| (400..600).contains(&t.status)));
    }
}
