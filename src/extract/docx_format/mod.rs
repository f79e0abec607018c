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
    let rels = container.text("word/_rels/document.xml.rels")?;
    let rels = rels.as_deref().unwrap_or_default();
    // Odd pages show the default footer; even pages the even one when the settings ask for
    // different odd and even pages, else the default one too.
    let mut page_number = footer_number(
        container,
        rels,
        &read.footers,
        "default",
        &mut styles,
        &theme,
    )?
    .unwrap_or_default();
    page_number.even_align = page_number.align;
    if read.footers.iter().any(|(kind, _)| kind == "even")
        && container
            .text("word/settings.xml")?
            .is_some_and(|xml| footer::odd_and_even_differ(&xml))
    {
        page_number.even_align =
            footer_number(container, rels, &read.footers, "even", &mut styles, &theme)?
                .and_then(|even| even.align);
    }
    Ok(WordFormat {
        page: read.page,
        paragraphs: read.paragraphs,
        page_number,
        lines: Vec::new(),
    })
}

/// The page number in the section's footer of `kind` (any footer when the section names none).
fn footer_number(
    container: &mut Container,
    rels: &str,
    footers: &[(String, String)],
    kind: &str,
    styles: &mut styles::Styles,
    theme: &theme::ThemeFonts,
) -> Result<Option<crate::format::PageNumber>, ExtractError> {
    let ids: Vec<String> = footers
        .iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, id)| id.clone())
        .collect();
    if ids.is_empty() && !footers.is_empty() {
        return Ok(None);
    }
    for target in footer::footer_targets(rels, &ids) {
        // A footer the relationships name but the package lacks is no footer.
        let Some(xml) = container.text(&target)? else {
            continue;
        };
        if let Some(found) = footer::page_number(&xml, styles, theme) {
            return Ok(Some(found));
        }
    }
    Ok(None)
}
