//! The theme's East Asian fonts, which runs name as `minorEastAsia` / `majorEastAsia`.

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::extract::xml::{attr, local};

#[derive(Debug, Default)]
pub struct ThemeFonts {
    pub major: Option<String>,
    pub minor: Option<String>,
}

/// Reads `a:majorFont` and `a:minorFont`: the `a:ea` typeface, else the one for script Hans.
/// Stops once both are read, so a theme of megabytes is not read past its fonts.
pub fn parse(xml: &str) -> ThemeFonts {
    let mut reader = Reader::from_str(xml);
    let mut fonts = ThemeFonts::default();
    // Which font scheme the reader is in: Some(true) major, Some(false) minor.
    let mut major: Option<bool> = None;
    let (mut ea, mut hans): (Option<String>, Option<String>) = (None, None);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e) {
                "majorFont" => major = Some(true),
                "minorFont" => major = Some(false),
                _ => {}
            },
            Ok(Event::Empty(e)) if major.is_some() => match local(&e) {
                "ea" => ea = attr(&e, "typeface").filter(|t| !t.is_empty()),
                "font" if attr(&e, "script").as_deref() == Some("Hans") => {
                    hans = attr(&e, "typeface").filter(|t| !t.is_empty())
                }
                _ => {}
            },
            Ok(Event::End(e)) if matches!(e.local_name().as_ref(), "majorFont" | "minorFont") => {
                let font = ea.take().or(hans.take());
                match major.take() {
                    Some(true) => fonts.major = font,
                    _ => fonts.minor = font,
                }
                if fonts.major.is_some() && fonts.minor.is_some() {
                    break;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    fonts
}
