//! Upload forms as OA systems really send them: part headers in GBK (a Windows client's file
//! name) or with control characters, file names as RFC 2047 encoded words (`=?utf-8?B?…?=`) or RFC 5987 `filename*`.
//! The parser we use refuses a part header that is not UTF-8, so such headers are transcoded as
//! the body streams in; the names are only ever shown in messages.

use std::borrow::Cow;

use actix_multipart::Multipart;
use actix_web::HttpRequest;
use actix_web::http::header::{self, ContentDisposition};
use actix_web::web::Bytes;
use base64::Engine as _;

use futures_util::StreamExt;

use super::body::Body;
use crate::extract::media_type_parameter;

/// The form of a request, its part headers made UTF-8 as the body streams through.
pub fn open(request: &HttpRequest, payload: Body) -> Multipart {
    let Some(boundary) = boundary(request) else {
        return Multipart::new(request.headers(), payload);
    };
    let transcoder = HeaderTranscoder::new(&boundary);
    let stream = futures_util::stream::unfold(
        (payload, transcoder, false),
        |(mut payload, mut transcoder, done)| async move {
            if done {
                return None;
            }
            match payload.next().await {
                Some(Ok(chunk)) => {
                    let out = transcoder.push(&chunk);
                    Some((Ok(out), (payload, transcoder, false)))
                }
                Some(Err(error)) => Some((Err(error), (payload, transcoder, true))),
                None => {
                    let rest = transcoder.finish();
                    Some((Ok(rest), (payload, transcoder, true)))
                }
            }
        },
    );
    // The parser may poll again after the end: a fused stream keeps answering that it ended.
    Multipart::new(request.headers(), stream.fuse())
}

fn boundary(request: &HttpRequest) -> Option<String> {
    let content_type = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    media_type_parameter(content_type, "boundary").map(str::to_owned)
}

/// Part headers longer than this are passed on as they are (the parser refuses them anyway).
const MAX_HEADER_BLOCK: usize = 16 * 1024;

/// Passes a multipart body through, rewriting each part header block that is not UTF-8 from
/// GB18030 to UTF-8. Holds back at most a delimiter's length of body, or one header block.
struct HeaderTranscoder {
    delimiter: Vec<u8>,
    pending: Vec<u8>,
    in_headers: bool,
}

impl HeaderTranscoder {
    fn new(boundary: &str) -> Self {
        Self {
            delimiter: format!("--{boundary}\r\n").into_bytes(),
            pending: Vec::new(),
            in_headers: false,
        }
    }

    fn push(&mut self, chunk: &[u8]) -> Bytes {
        self.pending.extend_from_slice(chunk);
        let mut out = Vec::with_capacity(self.pending.len());
        let mut at = 0;
        loop {
            let rest = &self.pending[at..];
            if self.in_headers {
                match find(rest, b"\r\n\r\n") {
                    Some(end) => {
                        out.extend_from_slice(&readable_headers(&rest[..end]));
                        at += end;
                        self.in_headers = false;
                    }
                    None if rest.len() > MAX_HEADER_BLOCK => self.in_headers = false,
                    None => break,
                }
            } else {
                match find(rest, &self.delimiter) {
                    Some(start) => {
                        let end = start + self.delimiter.len();
                        out.extend_from_slice(&rest[..end]);
                        at += end;
                        self.in_headers = true;
                    }
                    None => {
                        // The end may be the start of a delimiter split across chunks.
                        let keep = (self.delimiter.len() - 1).min(rest.len());
                        out.extend_from_slice(&rest[..rest.len() - keep]);
                        at += rest.len() - keep;
                        break;
                    }
                }
            }
        }
        self.pending.drain(..at);
        Bytes::from(out)
    }

    fn finish(&mut self) -> Bytes {
        Bytes::from(std::mem::take(&mut self.pending))
    }
}

/// A part header block the parser takes: UTF-8 (GB18030 read and rewritten), without control
/// characters (a form field named with one is still a field, named without it).
fn readable_headers(headers: &[u8]) -> Cow<'_, [u8]> {
    let text: Cow<'_, [u8]> = match std::str::from_utf8(headers) {
        Ok(_) => Cow::Borrowed(headers),
        Err(_) => Cow::Owned(
            encoding_rs::GB18030
                .decode(headers)
                .0
                .into_owned()
                .into_bytes(),
        ),
    };
    let is_control = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n')) || *b == 0x7f;
    if !text.iter().any(is_control) {
        return text;
    }
    Cow::Owned(
        text.iter()
            .map(|b| if is_control(b) { b'_' } else { *b })
            .collect(),
    )
}

/// Linear whatever the bytes (a body of dashes cannot make it slow).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// A part's file name for messages and batch lines: `filename*` (RFC 5987) first, then
/// `filename`, with RFC 2047 encoded words decoded.
pub fn file_name(disposition: &ContentDisposition) -> Option<String> {
    if let Some(extended) = disposition.get_filename_ext() {
        let label = extended.charset.to_string();
        let encoding =
            encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        return Some(encoding.decode(&extended.value).0.into_owned());
    }
    disposition.get_filename().map(decode_encoded_words)
}

/// "=?utf-8?B?5bm05oqlLmRvY3g=?=" → "年报.docx"; text that is no encoded word stays as it is.
fn decode_encoded_words(name: &str) -> String {
    let mut decoded = String::new();
    let mut rest = name;
    while let Some(start) = rest.find("=?") {
        let Some(word) = encoded_word(&rest[start..]) else {
            decoded.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        };
        // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
        let before = &rest[..start];
        let between_words = before.trim().is_empty() && !decoded.is_empty();
        if !between_words {
            decoded.push_str(before);
        }
        decoded.push_str(&word.0);
        rest = &rest[start + word.1..];
    }
    decoded.push_str(rest);
    decoded
}

/// One encoded word at the start of `text`: its text and its length in bytes.
fn encoded_word(text: &str) -> Option<(String, usize)> {
    let inner = text.strip_prefix("=?")?;
    let (charset, inner) = inner.split_once('?')?;
    let (kind, inner) = inner.split_once('?')?;
    let (payload, _) = inner.split_once("?=")?;
    let length = 2 + charset.len() + 1 + kind.len() + 1 + payload.len() + 2;
    let bytes = match kind {
        "B" | "b" => base64::engine::general_purpose::STANDARD
            .decode(payload)
            .ok()?,
        "Q" | "q" => quoted_printable(payload)?,
        _ => return None,
    };
    let encoding = encoding_rs::Encoding::for_label(charset.as_bytes())?;
    Some((encoding.decode(&bytes).0.into_owned(), length))
}

fn quoted_printable(payload: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(payload.len());
    let mut chars = payload.bytes();
    while let Some(b) = chars.next() {
        match b {
            b'_' => bytes.push(b' '),
            b'=' => {
                let high = (chars.next()? as char).to_digit(16)?;
                let low = (chars.next()? as char).to_digit(16)?;
                bytes.push((high * 16 + low) as u8);
            }
            other => bytes.push(other),
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_decoded() {
        assert_eq!(
            decode_encoded_words("=?utf-8?B?5bm05oqlLmRvY3g=?="),
            "年报.docx"
        );
        assert_eq!(
            decode_encoded_words("=?GBK?Q?=C4=EA=B1=A8?= =?utf-8?Q?.docx?="),
            "年报.docx"
        );
        assert_eq!(decode_encoded_words("report=?.docx"), "report=?.docx");
    }

    #[test]
    fn gbk_part_headers_become_utf8() {
        let mut body =
            b"--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"".to_vec();
        body.extend_from_slice(&encoding_rs::GBK.encode("年报.docx").0);
        body.extend_from_slice(b"\"\r\n\r\nDATA\r\n--X--\r\n");
        // Fed in small chunks, as a slow client sends it: delimiters and headers split.
        let mut transcoder = HeaderTranscoder::new("X");
        let mut fixed = Vec::new();
        for chunk in body.chunks(5) {
            fixed.extend_from_slice(&transcoder.push(chunk));
        }
        fixed.extend_from_slice(&transcoder.finish());
        let text = std::str::from_utf8(&fixed).unwrap();
        assert!(text.contains("filename=\"年报.docx\""), "{text}");
        assert_eq!(&*readable_headers(b"name=\"\x0e;\""), b"name=\"_;\"");
        assert!(text.ends_with("\r\n\r\nDATA\r\n--X--\r\n"));
    }
}
