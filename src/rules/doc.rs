//! A rule's documentation: a Markdown file with fixed sections, in Chinese and English.
//!
//! ```text
//! # rule-id
//! ## 标题        ## Title
//! ## 检查什么    ## What it checks
//! ## 为什么      ## Why
//! ## 示例        ## Example
//! ## 如何修改    ## How to fix
//! ```

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Title,
    What,
    Why,
    Example,
    Fix,
}

impl Section {
    #[cfg(test)]
    pub const ALL: [Section; 5] = [
        Section::Title,
        Section::What,
        Section::Why,
        Section::Example,
        Section::Fix,
    ];

    fn headings(self) -> (&'static str, &'static str) {
        match self {
            Section::Title => ("标题", "Title"),
            Section::What => ("检查什么", "What it checks"),
            Section::Why => ("为什么", "Why"),
            Section::Example => ("示例", "Example"),
            Section::Fix => ("如何修改", "How to fix"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RuleDoc {
    sections: Vec<(String, String)>,
}

impl RuleDoc {
    pub fn parse(markdown: &str) -> Self {
        let mut sections: Vec<(String, String)> = Vec::new();
        for line in markdown.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                sections.push((heading.trim().to_owned(), String::new()));
            } else if let Some((_, body)) = sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
        for (_, body) in &mut sections {
            *body = body.trim().to_owned();
        }
        Self { sections }
    }

    /// A section in Chinese, or in English.
    pub fn get(&self, section: Section, english: bool) -> &str {
        let (zh, en) = section.headings();
        let wanted = if english { en } else { zh };
        self.sections
            .iter()
            .find(|(heading, _)| heading == wanted)
            .map_or("", |(_, body)| body)
    }
}
