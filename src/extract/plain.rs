//! Plain text in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and the other
//! encodings office systems still write: the declared charset, else a BOM, else valid UTF-8,
//! else a guess by chardetng without a country hint (with one it takes GBK for Big5).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use super::{ExtractError, Extracted, Format, media_type_parameter};

/// Control characters allowed in text besides line breaks and tabs would be rare; more than this
/// share of them means the bytes are no text at all.
const MAX_CONTROL_SHARE: f64 = 0.01;

pub fn extract(bytes: &[u8], media_type: Option<&str>) -> Result<Extracted, ExtractError> {
    let (text, encoding) = decode(bytes, charset(media_type))?;
    ensure_text(&text, Format::Text)?;
    let mut extracted = Extracted::new(text, Format::Text);
    extracted.source.encoding = Some(encoding.name().to_owned());
    Ok(extracted)
}

/// Refuses decoded "text" that is really binary data: NULs or many control characters.
pub fn ensure_text(text: &str, format: Format) -> Result<(), ExtractError> {
    let chars = text.chars().count().max(1);
    if memchr::memchr(0, text.as_bytes()).is_some()
        || controls(text) as f64 > MAX_CONTROL_SHARE * chars as f64
    {
        return Err(ExtractError::Malformed {
            format,
            reason: "these bytes are not text in any known encoding".into(),
        });
    }
    Ok(())
}

/// Control characters other than line breaks, tabs and form feeds, counted on the bytes (which
/// the compiler does many at a time) rather than on decoded characters: C0 and DEL are one byte
/// each, C1 (U+0080..U+009F) is 0xC2 and a byte of 0x80..=0x9F.
fn controls(text: &str) -> usize {
    let bytes = text.as_bytes();
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F;
    // Summed in a byte per chunk that it cannot overflow, so the compiler adds many at a time.
    let one_byte: usize = bytes
        .chunks(u8::MAX as usize)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(is_control(b)))))
        .sum();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    one_byte + c1
}

/// The `charset` parameter of a media type.
fn charset(media_type: Option<&str>) -> Option<&str> {
    media_type_parameter(media_type?, "charset")
}

pub fn decode(
    bytes: &[u8],
    declared: Option<&str>,
) -> Result<(String, &'static Encoding), ExtractError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok((without_replacements(encoding, &bytes[bom..])?, encoding));
    }
    if let Some(label) = declared {
        let encoding = Encoding::for_label(label.as_bytes())
            .ok_or_else(|| ExtractError::Unsupported(format!("the charset “{label}”")))?;
        return Ok((without_replacements(encoding, bytes)?, encoding));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    Ok((without_replacements(encoding, bytes)?, encoding))
}

fn without_replacements(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, ExtractError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ExtractError::Malformed {
            format: Format::Text,
            reason: format!("the bytes are not valid {}", encoding.name()),
        });
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte count agrees with the definition, `char::is_control`.
        #[test]
        fn controls_are_counted_as_characters_are(text in "[a\u{0}-\u{1f}\u{7f}-\u{a0}¢你\n\t]{0,40}") {
            let by_char = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .count();
            prop_assert_eq!(controls(&text), by_char);
        }
    }

    const REPORT: &str =
        "一、2024年推进法治政府建设的主要举措和成效\n全年办理行政复议案件41件，答复及时。";

    #[test]
    fn gb18030_is_detected_not_assumed() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(REPORT);
        let (text, encoding) = decode(&bytes, None).unwrap();
        assert_eq!(text, REPORT);
        assert_eq!(encoding.name(), "GBK");
    }

    #[test]
    fn utf16_with_bom_and_utf8_with_bom() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(REPORT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, None).unwrap().0, REPORT);
        let utf8 = [b"\xEF\xBB\xBF".as_slice(), REPORT.as_bytes()].concat();
        assert_eq!(decode(&utf8, None).unwrap(), (REPORT.to_owned(), UTF_8));
    }

    #[test]
    fn a_declared_charset_wins() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(REPORT);
        assert_eq!(decode(&bytes, Some("gb18030")).unwrap().0, REPORT);
        assert!(decode(&bytes, Some("no-such-charset")).is_err());
    }

    #[test]
    fn binary_is_no_text() {
        assert!(extract(&[0, 159, 146, 150, 0, 1, 2, 3], None).is_err());
    }
}
