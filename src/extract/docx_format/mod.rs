//! A .docx's format as Word shows it (see [`crate::format`]): document defaults, the style
//! chains, the theme's fonts and direct formatting resolved for each paragraph; the page setup;
//! the page number in the footers. Every part is optional: a package without styles, theme or
//! footers (or whose footers are missing) has the format its document.xml alone gives.

mod footer;
mod paragraphs;
mod props;
pub mod styles;
mod theme;

use super::zipped::Container;
use super::{ExtractError, Format};
use crate::format::WordFormat;

/// The format of `document` (word/document.xml) with its styles.xml, already inflated.
pub fn read(
    container: &mut Container,
    document: &str,
    styles_xml: Option<&str>,
) -> Result<WordFormat, ExtractError> {
    let error = |e: quick_xml::Error| ExtractError::Malformed {
        format: Format::Docx,
        reason: format!("broken XML ({e})"),
    };
    let mut styles = match styles_xml {
        Some(xml) => styles::Styles::parse(xml, error)?,
        None => styles::Styles::default(),
    };
    let theme = container
        .text("word/theme/theme1.xml")?
        .map(|xml| theme::parse(&xml))
        .unwrap_or_default();
    let read = paragraphs::read(document, &mut styles, &theme, error)?;
    let mut page_number = crate::format::PageNumber::default();
    if let Some(rels) = container.text("word/_rels/document.xml.rels")? {
        for target in footer::footer_targets(&rels, &read.footers) {
            // A footer the relationships name but the package lacks is no footer.
            let Some(xml) = container.text(&target)? else {
                continue;
            };
            if let Some(found) = footer::page_number(&xml, &mut styles, &theme) {
                page_number = found;
                break;
            }
        }
    }
    Ok(WordFormat {
        page: read.page,
        paragraphs: read.paragraphs,
        page_number,
        lines: Vec::new(),
    })
}
