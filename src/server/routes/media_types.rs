//! The media types a request may declare a document with, in one place. The format is always read
//! from the content; a declared type only names a text's charset and breaks ties.

use crate::extract::Format;

/// A zip of reports.
pub const ZIP: [&str; 2] = ["application/zip", "application/x-zip-compressed"];

/// Other names senders give the formats, and the type that says only "a file".
const ALIASES: [&str; 4] = [
    "application/xhtml+xml",
    "application/wps-office.wps",
    "text/rtf",
    "application/octet-stream",
];

/// Whether a body of this media type (its essence, in lower case) is taken as a document.
pub fn is_document(essence: &str) -> bool {
    Format::ALL.iter().any(|f| f.media_type() == essence)
        || ALIASES.contains(&essence)
        || ZIP.contains(&essence)
}

/// A media type's essence (before its parameters), in lower case.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a body of this media type (its essence) is JSON: `application/json` or a
/// `+json` suffix.
pub fn is_json(essence: &str) -> bool {
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Every media type a single check takes a document with, for the API document (a zip of
/// reports is for the batch).
pub fn accepted() -> Vec<&'static str> {
    let mut types: Vec<&'static str> = Format::ALL.iter().map(|f| f.media_type()).collect();
    types.extend(ALIASES);
    types
}

/// The media types the API documentation names for a report file, comma-separated; with a zip
/// of reports where the route unpacks one.
pub fn documented(with_zip: bool) -> String {
    let formats = Format::NATIVE.iter().map(|f| f.media_type());
    let zip = ZIP.iter().take(usize::from(with_zip)).copied();
    formats.chain(zip).collect::<Vec<_>>().join(", ")
}

/// The quality the request's `Accept` gives a media type (in lower case); 0 when it does not
/// name it.
pub fn acceptance(request: &actix_web::HttpRequest, media_type: &str) -> f32 {
    let accept = request
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    crate::text::weighted::weighted(accept)
        .filter(|(item, _)| item == media_type)
        .map(|(_, quality)| quality)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_and_alias_is_a_document_and_json_is_not() {
        for format in Format::ALL {
            assert!(is_document(format.media_type()), "{format:?}");
        }
        assert!(is_document("application/octet-stream"));
        assert!(is_document("application/x-zip-compressed"));
        assert!(!is_document("application/json"));
        assert!(!is_document("image/png"));
    }
}
