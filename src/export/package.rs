//! A .docx package read once and written again with comments: the document part and the three
//! parts that declare comments replaced, every other entry copied as it was, compressed bytes
//! and all.

use std::io::{Cursor, Read, Write};

use zip::{ZipArchive, ZipWriter};

use super::comments::Comment;
use crate::extract::{ExtractError, Format, Quantity};

const COMMENTS: &str = "word/comments.xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const WORDML: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes any one part may inflate to: a part the extractor never read (comments.xml) could
    /// declare a few bytes and inflate to gigabytes.
    limit: u64,
}

fn malformed(reason: String) -> ExtractError {
    ExtractError::Malformed {
        format: Format::Docx,
        reason,
    }
}

impl<'a> Package<'a> {
    /// A package the extractor has already read within its limits.
    pub fn open(bytes: &'a [u8], limit: u64) -> Result<Self, ExtractError> {
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| malformed(format!("not a readable zip container ({e})")))?;
        Ok(Self { archive, limit })
    }

    fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    pub fn part(&mut self, name: &str) -> Result<String, ExtractError> {
        let file = self
            .archive
            .by_name(name)
            .map_err(|e| malformed(format!("{name}: {e}")))?;
        let mut text = String::new();
        file.take(self.limit + 1)
            .read_to_string(&mut text)
            .map_err(|e| malformed(format!("{name}: {e}")))?;
        if text.len() as u64 > self.limit {
            return Err(ExtractError::TooLarge {
                quantity: Quantity::UnpackedBytes,
                found: text.len() as u64,
                limit: self.limit,
            });
        }
        Ok(text)
    }

    /// The first comment id not taken by the comments the document already has.
    pub fn next_comment_id(&mut self) -> Result<usize, ExtractError> {
        if !self.has(COMMENTS) {
            return Ok(0);
        }
        let existing = self.part(COMMENTS)?;
        let highest = existing
            .match_indices("w:id=\"")
            .filter_map(|(at, found)| {
                let digits = &existing[at + found.len()..];
                let end = digits.find('"')?;
                digits[..end].parse::<usize>().ok()
            })
            .max();
        Ok(highest.map_or(0, |id| id + 1))
    }

    /// The package with `document` as its document part and `comments` added.
    pub fn write_with_comments(
        mut self,
        document: Vec<u8>,
        comments: &[Comment],
        first_id: usize,
        author: &str,
    ) -> Result<Vec<u8>, ExtractError> {
        let ours = comment_elements(comments, first_id, author);
        let had_comments = self.has(COMMENTS);
        let mut out = ZipWriter::new(Cursor::new(Vec::new()));
        let failed =
            |e: &dyn std::fmt::Display| malformed(format!("cannot write the package ({e})"));
        for index in 0..self.archive.len() {
            let name = self
                .archive
                .name_for_index(index)
                .and_then(|name| name.ok())
                .map(|name| name.into_owned())
                .unwrap_or_default();
            let replaced = match name.as_str() {
                "word/document.xml" => Some(document.clone()),
                COMMENTS => Some(
                    self.part(COMMENTS)?
                        .replacen("</w:comments>", &format!("{ours}</w:comments>"), 1)
                        .into_bytes(),
                ),
                DOCUMENT_RELS if !had_comments => {
                    Some(with_relationship(&self.part(DOCUMENT_RELS)?).into_bytes())
                }
                CONTENT_TYPES if !had_comments => {
                    Some(with_override(&self.part(CONTENT_TYPES)?).into_bytes())
                }
                _ => None,
            };
            match replaced {
                Some(bytes) => {
                    out.start_file(name.as_str(), super::deflated())
                        .map_err(|e| failed(&e))?;
                    out.write_all(&bytes).map_err(|e| failed(&e))?;
                }
                None => {
                    let file = self.archive.by_index_raw(index).map_err(|e| failed(&e))?;
                    out.raw_copy_file(file).map_err(|e| failed(&e))?;
                }
            }
        }
        if !had_comments {
            out.start_file(COMMENTS, super::deflated())
                .map_err(|e| failed(&e))?;
            let part = format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{WORDML}">{ours}</w:comments>"#
            );
            out.write_all(part.as_bytes()).map_err(|e| failed(&e))?;
        }
        Ok(out.finish().map_err(|e| failed(&e))?.into_inner())
    }
}

fn with_relationship(rels: &str) -> String {
    let relationship = format!(
        r#"<Relationship Id="rIdNianbaoComments" Type="{COMMENTS_TYPE}" Target="comments.xml"/>"#
    );
    rels.replacen(
        "</Relationships>",
        &format!("{relationship}</Relationships>"),
        1,
    )
}

fn with_override(types: &str) -> String {
    let part = format!(r#"<Override PartName="/{COMMENTS}" ContentType="{COMMENTS_MEDIA_TYPE}"/>"#);
    types.replacen("</Types>", &format!("{part}</Types>"), 1)
}

fn comment_elements(comments: &[Comment], first_id: usize, author: &str) -> String {
    let author = escape(author);
    let mut xml = String::new();
    for (index, comment) in comments.iter().enumerate() {
        let id = first_id + index;
        xml.push_str(&format!(
            r#"<w:comment w:id="{id}" w:author="{author}" w:initials="NB">"#
        ));
        for line in &comment.lines {
            xml.push_str(&format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                escape(line)
            ));
        }
        xml.push_str("</w:comment>");
    }
    xml
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}
