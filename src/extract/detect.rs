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
    if let Some(kind) = NotAReport::sniff(bytes) {
        return Err(ExtractError::NotAReport(kind));
    }
    if declared.starts_with("text/html")
        || declared.starts_with("application/xhtml")
        || looks_like_html(head)
    {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// A file that no report can be, known by its first bytes: a picture, a program, an archive
/// other than zip. Named to the sender as what it is (“这是一张图片（PNG）”), which says more
/// than “this text cannot be read”.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotAReport {
    Png,
    Jpeg,
    Gif,
    Bmp,
    Tiff,
    Webp,
    WindowsProgram,
    LinuxProgram,
    MacProgram,
    Rar,
    SevenZip,
    Gzip,
}

/// What kind of file it is, for the sentence that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileClass {
    Image,
    Program,
    Archive,
}

impl NotAReport {
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        let at =
            |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
        let kind = if at(0, b"\x89PNG\r\n\x1a\n") {
            Self::Png
        } else if at(0, &[0xFF, 0xD8, 0xFF]) {
            Self::Jpeg
        } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
            Self::Gif
        } else if at(0, b"BM") && le_u32(bytes, 2) == Some(bytes.len() as u32) {
            // “BM” opens English text too: a bitmap also gives its own length.
            Self::Bmp
        } else if at(0, b"II*\0") || at(0, b"MM\0*") {
            Self::Tiff
        } else if at(0, b"RIFF") && at(8, b"WEBP") {
            Self::Webp
        } else if at(0, b"MZ") && le_u32(bytes, 0x3C).is_some_and(|pe| at(pe as usize, b"PE\0\0")) {
            Self::WindowsProgram
        } else if at(0, b"\x7fELF") {
            Self::LinuxProgram
        } else if [
            [0xFE, 0xED, 0xFA, 0xCE],
            [0xFE, 0xED, 0xFA, 0xCF],
            [0xCE, 0xFA, 0xED, 0xFE],
            [0xCF, 0xFA, 0xED, 0xFE],
        ]
        .iter()
        .any(|magic| at(0, magic))
        {
            Self::MacProgram
        } else if at(0, b"Rar!\x1a\x07") {
            Self::Rar
        } else if at(0, b"7z\xbc\xaf\x27\x1c") {
            Self::SevenZip
        } else if at(0, &[0x1F, 0x8B]) {
            Self::Gzip
        } else {
            return None;
        };
        Some(kind)
    }

    pub fn class(self) -> FileClass {
        match self {
            Self::Png | Self::Jpeg | Self::Gif | Self::Bmp | Self::Tiff | Self::Webp => {
                FileClass::Image
            }
            Self::WindowsProgram | Self::LinuxProgram | Self::MacProgram => FileClass::Program,
            Self::Rar | Self::SevenZip | Self::Gzip => FileClass::Archive,
        }
    }

    /// The file type's name, in parentheses after what it is.
    pub fn name(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
            Self::Gif => "GIF",
            Self::Bmp => "BMP",
            Self::Tiff => "TIFF",
            Self::Webp => "WebP",
            Self::WindowsProgram => lang.pick("Windows 程序", "a Windows executable"),
            Self::LinuxProgram => lang.pick("Linux 程序", "a Linux executable"),
            Self::MacProgram => lang.pick("macOS 程序", "a macOS executable"),
            Self::Rar => "RAR",
            Self::SevenZip => "7z",
            Self::Gzip => "gzip",
        }
    }
}

impl std::fmt::Display for NotAReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let class = match self.class() {
            FileClass::Image => "an image",
            FileClass::Program => "a program",
            FileClass::Archive => "an archive",
        };
        write!(f, "{class} ({})", self.name(crate::lang::Lang::En))
    }
}

fn le_u32(bytes: &[u8], offset: usize) -> Option<u32> {
    let four = bytes.get(offset..offset + 4)?;
    Some(u32::from_le_bytes(four.try_into().ok()?))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(bytes: &[u8]) -> Result<Format, ExtractError> {
        detect(bytes, None, &Limits::default())
    }

    #[test]
    fn pictures_programs_and_other_archives_are_named_for_what_they_are() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            detected(png),
            Err(ExtractError::NotAReport(NotAReport::Png))
        );
        assert_eq!(
            detected(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Err(ExtractError::NotAReport(NotAReport::Jpeg))
        );
        assert_eq!(
            detected(b"GIF89a\x01\0\x01\0"),
            Err(ExtractError::NotAReport(NotAReport::Gif))
        );
        let mut exe = vec![0u8; 0x90];
        exe[..2].copy_from_slice(b"MZ");
        exe[0x3C] = 0x80;
        exe[0x80..0x84].copy_from_slice(b"PE\0\0");
        assert_eq!(
            detected(&exe),
            Err(ExtractError::NotAReport(NotAReport::WindowsProgram))
        );
        assert_eq!(
            detected(b"\x7fELF\x02\x01\x01"),
            Err(ExtractError::NotAReport(NotAReport::LinuxProgram))
        );
        assert_eq!(
            detected(b"Rar!\x1a\x07\x01\0"),
            Err(ExtractError::NotAReport(NotAReport::Rar))
        );
        assert_eq!(NotAReport::Png.class(), FileClass::Image);
    }

    #[test]
    fn text_that_opens_like_a_magic_number_is_still_text() {
        for text in [
            "BM 2024 annual report".as_bytes(),
            "MZ街道2024年法治政府建设情况报告".as_bytes(),
            "GIF 动图不是报告".as_bytes(),
        ] {
            assert_eq!(detected(text), Ok(Format::Text));
        }
    }
}
