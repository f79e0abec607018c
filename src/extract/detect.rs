//! Which format a document is, from its content.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ExtractError, Limits, zipped};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Docx,
    Pdf,
    Html,
    Ofd,
    Doc,
    Wps,
    Rtf,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Text,
        Format::Docx,
        Format::Pdf,
        Format::Html,
        Format::Ofd,
        Format::Doc,
        Format::Wps,
        Format::Rtf,
    ];

    /// Read without a converter: what the API documentation names for a report file.
    pub const NATIVE: [Format; 5] = [
        Format::Text,
        Format::Html,
        Format::Pdf,
        Format::Docx,
        Format::Ofd,
    ];

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
            Format::Html => "text/html",
            Format::Ofd => "application/ofd",
            Format::Doc => "application/msword",
            Format::Wps => "application/vnd.ms-works",
            Format::Rtf => "application/rtf",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Pdf => "PDF",
            Format::Html => "HTML",
            Format::Ofd => "OFD",
            Format::Doc => "doc",
            Format::Wps => "WPS",
            Format::Rtf => "RTF",
        }
    }
}

impl Format {
    /// The format's name in a Chinese sentence (“这份{}文件”), spaced where it is Latin.
    pub fn zh_name(self) -> &'static str {
        match self {
            Format::Text => "文本",
            Format::Html => "网页",
            Format::Docx => " .docx ",
            Format::Pdf => " PDF ",
            Format::Ofd => " OFD ",
            Format::Doc => " .doc ",
            Format::Wps => " WPS ",
            Format::Rtf => " RTF ",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn detect(
    bytes: &[u8],
    media_type: Option<&str>,
    limits: &Limits,
) -> Result<Format, ExtractError> {
    let declared = media_type.unwrap_or("").to_ascii_lowercase();
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip whose directory cannot be read is named after what it was declared to be.
        let declared_as = if declared.contains("ofd") {
            Format::Ofd
        } else {
            Format::Docx
        };
        let names = zipped::entry_names(bytes, declared_as, limits)?;
        return if names.iter().any(|n| n == "word/document.xml") {
            Ok(Format::Docx)
        } else if names.iter().any(|n| n.eq_ignore_ascii_case("OFD.xml")) {
            Ok(Format::Ofd)
        } else {
            Err(ExtractError::Unsupported(
                "a zip archive that is neither .docx nor OFD; a zip of reports is checked with POST /v1/checks/batch".into(),
            ))
        };
    }
    if bytes.starts_with(OLE2) {
        let wps = declared.contains("works") || declared.contains("wps");
        return Ok(if wps { Format::Wps } else { Format::Doc });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Ok(Format::Rtf);
    }
    if declared.starts_with("text/html")
        || declared.starts_with("application/xhtml")
        || looks_like_html(head)
    {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

fn looks_like_html(head: &[u8]) -> bool {
    let start = String::from_utf8_lossy(head)
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<') && start.contains("<body"))
}

/// A parameter of a media type (`charset` of `text/plain; charset=GBK`, a form's `boundary`),
/// its name in any case, its value unquoted.
pub fn media_type_parameter<'a>(media_type: &'a str, name: &str) -> Option<&'a str> {
    media_type.split(';').skip(1).find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"'))
    })
}
