//! styles.xml as a cascade: the document defaults, then each style over the one it is based on.
//! Chains are followed iteratively and at most [`MAX_DEPTH`] deep, a style met twice ends its
//! chain: a loop or a chain 10,000 styles deep costs no more than a short one.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::props::{ParaProps, RunProps};
use crate::extract::ExtractError;
use crate::extract::xml::{attr, local};

/// Word's own limit is not documented; real chains are a few styles long.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Default)]
struct StyleDef {
    based_on: Option<String>,
    para: ParaProps,
    run: RunProps,
}

#[derive(Debug, Default)]
pub struct Styles {
    para_defaults: ParaProps,
    run_defaults: RunProps,
    styles: HashMap<String, StyleDef>,
    /// The paragraph style of a paragraph that names none ("Normal").
    default_paragraph: Option<String>,
    /// Chains already resolved, by style id (empty for the default paragraph style).
    resolved: HashMap<String, (ParaProps, RunProps)>,
}

/// Where in styles.xml the reader is.
#[derive(PartialEq)]
enum Within {
    Nothing,
    ParaDefaults,
    RunDefaults,
    Style,
}

impl Styles {
    pub fn parse(
        xml: &str,
        error: impl Fn(quick_xml::Error) -> ExtractError,
    ) -> Result<Self, ExtractError> {
        let mut reader = Reader::from_str(xml);
        let mut styles = Styles::default();
        let mut within = Within::Nothing;
        let mut current: Option<(String, StyleDef)> = None;
        // Inside a w:rPr or w:pPr of the current definition.
        let (mut in_run, mut in_para) = (false, false);
        loop {
            match reader.read_event().map_err(&error)? {
                Event::Start(e) if local(&e) == "latentStyles" => {
                    reader.read_to_end(e.name()).map_err(&error)?;
                }
                Event::Start(e) => match local(&e) {
                    "pPrDefault" => within = Within::ParaDefaults,
                    "rPrDefault" => within = Within::RunDefaults,
                    "style" => {
                        within = Within::Style;
                        let id = attr(&e, "styleId").unwrap_or_default();
                        let paragraph = attr(&e, "type").as_deref() == Some("paragraph");
                        if paragraph && attr(&e, "default").is_some_and(|d| d == "1" || d == "true")
                        {
                            styles.default_paragraph = Some(id.clone());
                        }
                        current = Some((id, StyleDef::default()));
                    }
                    "rPr" => in_run = true,
                    "pPr" => in_para = true,
                    _ => styles.read_property(&e, &within, current.as_mut(), in_run, in_para),
                },
                Event::Empty(e) => {
                    styles.read_property(&e, &within, current.as_mut(), in_run, in_para)
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "rPr" => in_run = false,
                    "pPr" => in_para = false,
                    "pPrDefault" | "rPrDefault" => within = Within::Nothing,
                    "style" => {
                        within = Within::Nothing;
                        if let Some((id, def)) = current.take() {
                            styles.styles.entry(id).or_insert(def);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    fn read_property(
        &mut self,
        element: &quick_xml::events::BytesStart,
        within: &Within,
        current: Option<&mut (String, StyleDef)>,
        in_run: bool,
        in_para: bool,
    ) {
        match within {
            Within::ParaDefaults if in_para && !in_run => self.para_defaults.read(element),
            Within::RunDefaults if in_run => self.run_defaults.read(element),
            Within::Style => {
                let Some((_, def)) = current else { return };
                if local(element) == "basedOn" {
                    def.based_on = attr(element, "val");
                } else if in_run && !in_para {
                    def.run.read(element);
                } else if in_para && !in_run {
                    def.para.read(element);
                }
            }
            _ => {}
        }
    }

    /// What a paragraph of style `id` (or of the default style) has before direct formatting.
    pub fn paragraph(&mut self, id: Option<&str>) -> (ParaProps, RunProps) {
        let id = id
            .or(self.default_paragraph.as_deref())
            .unwrap_or_default()
            .to_owned();
        if let Some(done) = self.resolved.get(&id) {
            return done.clone();
        }
        let mut para = self.para_defaults.clone();
        let mut run = self.run_defaults.clone();
        for def in self.chain(&id).into_iter().rev() {
            para.overlay(&def.para);
            run.overlay(&def.run);
        }
        self.resolved.insert(id, (para.clone(), run.clone()));
        (para, run)
    }

    /// A character style's run properties, its chain overlaid (without the defaults).
    pub fn character(&self, id: &str) -> RunProps {
        let mut run = RunProps::default();
        for def in self.chain(id).into_iter().rev() {
            run.overlay(&def.run);
        }
        run
    }

    /// The style and those it is based on, nearest first; bounded and loop-safe.
    fn chain(&self, id: &str) -> Vec<&StyleDef> {
        let mut chain: Vec<&StyleDef> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            if chain.len() >= MAX_DEPTH || seen.contains(&id) {
                break;
            }
            let Some(def) = self.styles.get(id) else {
                break;
            };
            seen.push(id);
            chain.push(def);
            next = def.based_on.as_deref();
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::docx_format::props::FontRef;

    fn parse(xml: &str) -> Styles {
        Styles::parse(xml, |e| ExtractError::Unsupported(e.to_string())).unwrap()
    }

    #[test]
    fn defaults_then_the_chain_then_the_style() {
        let mut styles = parse(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr></w:style></w:styles>"#,
        );
        let (para, run) = styles.paragraph(Some("Body"));
        assert_eq!(run.font, Some(FontRef::Name("仿宋".into())));
        assert_eq!(run.size_half_points, Some(32));
        assert_eq!(para.align, Some(crate::format::Align::Center));
        let (_, normal) = styles.paragraph(None);
        assert_eq!(normal.font, Some(FontRef::ThemeMinor));
    }

    #[test]
    fn a_loop_and_a_deep_chain_end() {
        let mut xml = String::from(r#"<w:styles xmlns:w="w">"#);
        xml.push_str(r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>"#);
        for i in 0..10_000 {
            xml.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{}"/></w:style>"#,
                i + 1
            ));
        }
        xml.push_str("</w:styles>");
        let mut styles = parse(&xml);
        assert_eq!(styles.paragraph(Some("A")).1, RunProps::default());
        assert_eq!(styles.paragraph(Some("S0")).1, RunProps::default());
    }
}
