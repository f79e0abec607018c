//! HTML as government portals publish it: the article body, not the navigation, footer and
//! scripts. Block elements and `<br>` become line breaks; the parser decodes entities.

use std::rc::Rc;
use std::sync::LazyLock;

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use regex::Regex;

use super::media_type_parameter;

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
/// Elements that may hold a portal article.
const CONTAINERS: [&str; 6] = ["div", "article", "section", "td", "main", "body"];

/// Blocks the HTML parser must look through all open elements to place: nested without end, they
/// make parsing quadratic (200,000 nested divs ran past any time budget). Portal pages nest a few
/// dozen.
const STACKED_BLOCKS: [&str; 18] = [
    "div",
    "section",
    "article",
    "aside",
    "blockquote",
    "center",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "header",
    "main",
    "nav",
    "ol",
    "ul",
    "details",
    "dialog",
    "menu",
];
const MAX_BLOCK_DEPTH: usize = 1_000;

/// How deep the blocks of [`STACKED_BLOCKS`] are nested, by a scan of the tags (not a parse).
fn block_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| start + n);
        let name = html[start..end].to_ascii_lowercase();
        if STACKED_BLOCKS.contains(&name.as_str()) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        at = end;
    }
    deepest
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)"#)
        .expect("charset pattern compiles")
});

pub fn extract(bytes: &[u8], media_type: Option<&str>) -> Result<Extracted, ExtractError> {
    let declared = media_type
        .and_then(|m| media_type_parameter(m, "charset"))
        .map(str::to_owned)
        .or_else(|| {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).into_owned();
            META_CHARSET.captures(&head).map(|c| c[1].to_owned())
        });
    let (html, _) = decode(bytes, declared.as_deref())?;
    ensure_text(&html, Format::Html)?;
    let depth = block_depth(&html);
    if depth > MAX_BLOCK_DEPTH {
        return Err(ExtractError::Malformed {
            format: Format::Html,
            reason: format!("block elements nested {depth} deep (at most {MAX_BLOCK_DEPTH})"),
        });
    }
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let root = article(&dom.document).ok_or(ExtractError::NoText {
        format: Format::Html,
    })?;
    let mut text = String::new();
    if let Some(title) = first(&dom.document, "h1").filter(|t| !contains(&root, t)) {
        render(&title, &mut text);
        text.push('\n');
    }
    render(&root, &mut text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Ok(Extracted::new(lines.join("\n") + "\n", Format::Html))
}

fn name(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

/// Every element below `node`, in document order. Walks with a stack of its own: the nesting
/// is the sender's to choose, the thread's stack is not.
fn elements(node: &Handle) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut stack: Vec<Handle> = node.children.borrow().iter().rev().cloned().collect();
    while let Some(next) = stack.pop() {
        if name(&next).is_some() {
            out.push(next.clone());
        }
        stack.extend(next.children.borrow().iter().rev().cloned());
    }
    out
}

fn first(node: &Handle, wanted: &str) -> Option<Handle> {
    elements(node)
        .into_iter()
        .find(|e| name(e).as_deref() == Some(wanted))
}

/// Whether `node` is below `ancestor`, by its chain of parents.
fn contains(ancestor: &Handle, node: &Handle) -> bool {
    let mut parent = node.parent.take();
    node.parent.set(parent.clone());
    while let Some(up) = parent.and_then(|weak| weak.upgrade()) {
        if Rc::ptr_eq(&up, ancestor) {
            return true;
        }
        parent = up.parent.take();
        up.parent.set(parent.clone());
    }
    false
}

/// All the text below a node.
fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    let mut stack: Vec<Handle> = node.children.borrow().iter().rev().cloned().collect();
    while let Some(next) = stack.pop() {
        match &next.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { .. } => stack.extend(next.children.borrow().iter().rev().cloned()),
            _ => {}
        }
    }
    out
}

/// The element holding the article: the one whose own paragraphs hold the most text.
fn article(document: &Handle) -> Option<Handle> {
    elements(document)
        .into_iter()
        .filter(|e| name(e).is_some_and(|n| CONTAINERS.contains(&n.as_str())))
        .max_by_key(|element| {
            let own_paragraphs: usize = element
                .children
                .borrow()
                .iter()
                .filter(|c| name(c).as_deref() == Some("p"))
                .map(|p| text_of(p).trim().chars().count())
                .sum();
            // Prefer the body when no container holds paragraphs of its own.
            (
                own_paragraphs,
                usize::from(name(element).as_deref() == Some("body")),
            )
        })
}

/// A step of [`render`]: a node to write, or the line break that closes a block.
enum Step {
    Node(Handle),
    EndBlock,
}

fn render(node: &Handle, out: &mut String) {
    let mut stack = vec![Step::Node(node.clone())];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::EndBlock => {
                out.push('\n');
                continue;
            }
            Step::Node(node) => node,
        };
        match &node.data {
            NodeData::Text { contents } => {
                let text = contents.borrow();
                let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !collapsed.is_empty() {
                    if text.starts_with(char::is_whitespace) && !out.ends_with(['\n', ' ']) {
                        out.push(' ');
                    }
                    out.push_str(&collapsed);
                }
            }
            NodeData::Element { .. } | NodeData::Document => {
                let tag = name(&node).unwrap_or_default();
                if SKIPPED.contains(&tag.as_str()) {
                    continue;
                }
                if BLOCKS.contains(&tag.as_str()) {
                    out.push('\n');
                    stack.push(Step::EndBlock);
                }
                stack.extend(node.children.borrow().iter().rev().cloned().map(Step::Node));
            }
            _ => {}
        }
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
    fn nesting_deeper_than_any_stack_is_walked() {
        let depth = 200_000;
        let page = format!(
            "<html><body>{}<p>一、主要举措和成效</p>{}</body></html>",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let extracted = extract(page.as_bytes(), Some("text/html")).unwrap();
        assert_eq!(extracted.text, "一、主要举措和成效\n");
    }

    #[test]
    fn blocks_nested_past_any_portal_are_refused_before_parsing() {
        let page = format!(
            "<html><body>{}x</body></html>",
            "<DIV class=a>".repeat(5_000)
        );
        let refused = extract(page.as_bytes(), None).unwrap_err();
        assert!(
            matches!(refused, ExtractError::Malformed { .. }),
            "{refused:?}"
        );
        let sloppy = "<div><div></div><div><p>一、主要举措和成效</div></div>".repeat(3_000);
        assert_eq!(block_depth(&sloppy), 2);
    }

    #[test]
    fn a_gbk_page_is_decoded_by_its_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>二、存在的问题</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        assert_eq!(extract(&bytes, None).unwrap().text, "二、存在的问题\n");
    }
}
