//! The language of messages: Simplified Chinese unless English is asked for.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum Lang {
    /// Simplified Chinese.
    #[default]
    #[serde(rename = "zh")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The language an `Accept-Language` header prefers: English only when it ranks English
    /// above Chinese.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best = (Lang::Zh, -1.0f32);
        for (tag, quality) in crate::text::weighted::weighted(header) {
            let lang = if tag == "en" || tag.starts_with("en-") {
                Lang::En
            } else if tag == "zh" || tag.starts_with("zh-") {
                Lang::Zh
            } else {
                continue;
            };
            if quality > best.1 {
                best = (lang, quality);
            }
        }
        best.0
    }

    /// Picks the text in this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn is_english(self) -> bool {
        self == Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_higher_quality() {
        assert_eq!(Lang::from_accept_language("en"), Lang::En);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Lang::Zh
        );
        assert_eq!(Lang::from_accept_language("fr"), Lang::Zh);
        assert_eq!(Lang::from_accept_language(""), Lang::Zh);
    }
}
