//! Small helpers over quick-xml: entity references are resolved only for the five predefined
//! entities and character references; anything else (external entities) is dropped, never
//! fetched.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};

/// The text an entity reference stands for, if it is one XML defines itself.
pub fn entity(reference: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c.to_string());
    }
    let text = match reference.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    };
    Some(text.to_owned())
}

/// An attribute's value by its local name (`w:val` → `val`).
pub fn attr(element: &BytesStart, local: &str) -> Option<String> {
    element.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// An element's name without its prefix (`w:p` → `p`).
pub fn local<'a>(element: &'a BytesStart) -> &'a str {
    element.local_name().into_inner()
}
