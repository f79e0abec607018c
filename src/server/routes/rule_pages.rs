//! `/rules`: every rule's documentation as a page to read (the page's footer links here), built
//! from the same docs as `GET /v1/rules`. Open without an API key, like `/problems`.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::lang::Lang;
use crate::rules::{Profile, RuleInfo, Severity};
use crate::server::problem::request_lang;
use crate::server::routes::rules::LangQuery;

pub async fn page(request: HttpRequest, query: web::Query<LangQuery>) -> HttpResponse {
    let lang = query.lang.unwrap_or_else(|| request_lang(&request));
    let rules = RuleInfo::all(lang);
    let index: String = rules
        .iter()
        .map(|rule| {
            format!(
                "<li><a href=\"#{}\">{}</a></li>",
                rule.id,
                escape(&rule.title)
            )
        })
        .collect();
    let sections: String = rules.iter().map(|rule| section(rule, lang)).collect();
    let (other, other_label, other_lang) =
        lang.pick(("en", "English", "en"), ("zh", "中文", "zh-CN"));
    let html = format!(
        "<!doctype html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · nianbao</title>\n<link rel=\"icon\" href=\"/favicon.ico\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"/assets/app.css\">\n</head>\n<body class=\"rules-page\">\n\
         <header class=\"bar\"><h1>{title} <small>nianbao</small></h1>\
         <a href=\"/rules?lang={other}\" lang=\"{other_lang}\">{other_label}</a></header>\n<main>\n\
         <p>{intro} <a href=\"/?lang={this}\">{back}</a></p>\n\
         <nav class=\"card\" aria-label=\"{title}\"><ol class=\"rule-index\">{index}</ol></nav>\n\
         {sections}</main>\n<footer class=\"bar\"><a href=\"/v1/rules?lang={this}\">JSON</a></footer>\n</body>\n</html>\n",
        html_lang = lang.pick("zh-CN", "en"),
        title = lang.pick("全部规则", "All rules"),
        this = lang.pick("zh", "en"),
        intro = lang.pick(
            format!("检查器共有 {} 条规则。有“错误”即为不符合；“警告”和“提示”供修改参考。", rules.len()),
            format!("The checker has {} rules. Any error makes a report non-compliant; warnings and notes are advice.", rules.len()),
        ),
        back = lang.pick("返回检查页", "Back to the check"),
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-cache"))
        .body(html)
}

fn section(rule: &RuleInfo, lang: Lang) -> String {
    let headings = lang.pick(
        ["检查什么", "为什么", "示例", "如何修改"],
        ["What it checks", "Why", "Example", "How to fix"],
    );
    let bodies = [&rule.description, &rule.rationale, &rule.example, &rule.fix];
    let body: String = headings
        .iter()
        .zip(bodies)
        .map(|(heading, text)| format!("<h3>{heading}</h3>\n{}", paragraphs(text)))
        .collect();
    format!(
        "<section class=\"card rule-doc\" id=\"{id}\">\n<h2>{title}</h2>\n\
         <p class=\"meta\"><span class=\"badge {severity_class}\">{severity}</span> {runs}{fixes} · <code>{id}</code></p>\n{body}</section>\n",
        id = rule.id,
        title = escape(&rule.title),
        severity_class = match rule.default_severity {
            Severity::Error => "missing",
            Severity::Warning => "embedded",
            Severity::Info => "optional",
        },
        severity = severity_name(rule.default_severity, lang),
        runs = profiles_sentence(&rule.profiles, lang),
        fixes = if rule.fixable {
            lang.pick(
                " · 给出确定的更正，可一键采纳或作为修订接受",
                " · gives a certain correction, accepted in one click or as a tracked change",
            )
        } else {
            ""
        },
    )
}

fn severity_name(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("错误", "Error"),
        Severity::Warning => lang.pick("警告", "Warning"),
        Severity::Info => lang.pick("提示", "Note"),
    }
}

fn profiles_sentence(profiles: &[Profile], lang: Lang) -> &'static str {
    if profiles.contains(&Profile::Default) {
        lang.pick("起草自查和收文审核都检查", "checked in both profiles")
    } else if profiles.contains(&Profile::Strict) {
        lang.pick(
            "仅收文审核（从严）时检查",
            "checked by the collecting office's strict profile only",
        )
    } else {
        lang.pick(
            "仅在请求中启用时检查",
            "checked only when a request enables it",
        )
    }
}

/// A doc section's text as HTML: paragraphs at blank lines, list items at “- ”, `code` spans.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let lines: Vec<&str> = block.lines().collect();
            if lines.iter().all(|line| line.starts_with("- ")) {
                let items: String = lines
                    .iter()
                    .map(|line| format!("<li>{}</li>", inline(&line[2..])))
                    .collect();
                format!("<ul>{items}</ul>\n")
            } else {
                format!("<p>{}</p>\n", inline(&lines.join(" ")))
            }
        })
        .collect()
}

/// Escaped text with `code` spans.
fn inline(text: &str) -> String {
    escape(text)
        .split('`')
        .enumerate()
        .map(|(index, piece)| {
            if index % 2 == 1 {
                format!("<code>{piece}</code>")
            } else {
                piece.to_owned()
            }
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_text_becomes_paragraphs_lists_and_code() {
        assert_eq!(
            paragraphs("Pass `year` <here>.\n\n- one\n- two"),
            "<p>Pass <code>year</code> &lt;here&gt;.</p>\n<ul><li>one</li><li>two</li></ul>\n"
        );
    }
}
