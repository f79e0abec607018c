//! HTML as government portals publish it: the article body, not the navigation, footer and
//! scripts. Block elements and `<br>` become line breaks; the parser decodes entities.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::plain::{decode, ensure_text};
use super::{ExtractError, Extracted, Format};

/// Elements whose text is never the article's.
const SKIPPED: [&str; 12] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
    "button", "template",
];
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "center",
];

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)"#)
        .expect("charset pattern compiles")
});
static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("p").expect("selector"));
static CONTAINERS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("div, article, section, td, main, body").expect("selector"));
static HEADING: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").expect("selector"));

pub fn extract(bytes: &[u8], media_type: Option<&str>) -> Result<Extracted, ExtractError> {
    let declared = media_type
        .and_then(|m| {
            m.split(';')
                .skip(1)
                .find_map(|p| p.trim().strip_prefix("charset="))
        })
        .map(str::to_owned)
        .or_else(|| {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).into_owned();
            META_CHARSET.captures(&head).map(|c| c[1].to_owned())
        });
    let (html, _) = decode(bytes, declared.as_deref())?;
    ensure_text(&html, Format::Html)?;
    let document = Html::parse_document(&html);
    let root = article(&document).ok_or(ExtractError::NoText {
        format: Format::Html,
    })?;
    let mut text = String::new();
    let title = document.select(&HEADING).next();
    if let Some(title) = title.filter(|t| !root.descendants().any(|n| n.id() == t.id())) {
        render(title, &mut text);
        text.push('\n');
    }
    render(root, &mut text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Ok(Extracted::new(lines.join("\n") + "\n", Format::Html))
}

/// The element holding the article: the one whose own paragraphs hold the most text.
fn article(document: &Html) -> Option<ElementRef<'_>> {
    document.select(&CONTAINERS).max_by_key(|element| {
        let own_paragraphs: usize = element
            .select(&PARAGRAPHS)
            .filter(|p| {
                p.parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|parent| parent.id() == element.id())
            })
            .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
            .sum();
        // Prefer the body when no container holds paragraphs of its own.
        (
            own_paragraphs,
            usize::from(element.value().name() == "body"),
        )
    })
}

fn render(element: ElementRef, out: &mut String) {
    let name = element.value().name();
    if SKIPPED.contains(&name) {
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.push('\n');
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !collapsed.is_empty() {
                    if text.starts_with(char::is_whitespace) && !out.ends_with(['\n', ' ']) {
                        out.push(' ');
                    }
                    out.push_str(&collapsed);
                }
            }
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(child) {
                    render(element, out);
                }
            }
            _ => {}
        }
    }
    if block {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_body_without_navigation_or_scripts() {
        let page = r#"<html><head><meta charset="utf-8"><script>var x = "一、菜单";</script></head>
            <body><div class="nav"><a href="/">首页</a> <a>政务公开</a></div>
            <h1>某街道2024年法治政府建设年度报告</h1>
            <div class="TRS_Editor"><p>一、2024年主要举措和成效</p><p>全年开展学习&nbsp;12次&amp;讲座6场。<br>第二行</p></div>
            <footer>版权所有 &copy; 某区人民政府</footer></body></html>"#;
        let extracted = extract(page.as_bytes(), Some("text/html")).unwrap();
        assert_eq!(
            extracted.text,
            "某街道2024年法治政府建设年度报告\n一、2024年主要举措和成效\n全年开展学习 12次&讲座6场。\n第二行\n"
        );
    }

    #[test]
    fn a_gbk_page_is_decoded_by_its_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>二、存在的问题</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        assert_eq!(extract(&bytes, None).unwrap().text, "二、存在的问题\n");
    }
}
