//! How much memory reading and checking a document may hold at its peak, told before reading it,
//! so a server can admit only as many documents at once as its memory budget holds. Estimates
//! that err high: the text with its normalised copy and offset map, what a zip container unpacks
//! to, and the converter's own process for the formats LibreOffice reads.

use std::io::{Read, Seek, SeekFrom};

use super::{Limits, zipped};

/// The text, its normalised copy, the offset map, the outline and facts, and the JSON answer
/// (which may carry the text again): a few times the text's bytes.
const TEXT_FACTOR: u64 = 6;
/// LibreOffice converting a .doc, .wps or .rtf: its own process, of about this size.
const CONVERTER: u64 = 160 * 1024 * 1024;
/// The child process that reads a PDF, when PDFs are read in one, beside what it inflates.
const PDF_WORKER: u64 = 48 * 1024 * 1024;

/// A text of `bytes` bytes; no text is checked past the character limit (in UTF-8, three bytes a
/// Chinese character), so none is counted past it.
pub fn of_text(bytes: u64, limits: &Limits) -> u64 {
    let cap = (limits.max_chars as u64).saturating_mul(3);
    bytes.min(cap).saturating_mul(TEXT_FACTOR)
}

/// A document that unpacks to `bytes` of XML: those bytes and the text read from them.
pub fn of_unpacked(bytes: u64, limits: &Limits) -> u64 {
    bytes.saturating_add(of_text(bytes / 2, limits))
}

/// A report of `bytes` bytes in a zip of reports, its format not known until it is read out: its
/// bytes, and what they may unpack to if it is a zip container, within the unpacked limit.
pub fn of_archived(bytes: u64, limits: &Limits) -> u64 {
    let bytes = bytes.min(limits.max_unzipped_bytes);
    let unpacked = bytes.saturating_mul(4).min(limits.max_unzipped_bytes);
    bytes.saturating_add(of_unpacked(unpacked, limits))
}

/// A document read through `reader`, from what its first bytes and, for a zip container, its
/// directory say.
pub fn of_document<R: Read + Seek>(
    mut reader: R,
    media_type: Option<&str>,
    limits: &Limits,
) -> u64 {
    let Ok(len) = reader.seek(SeekFrom::End(0)) else {
        return 0;
    };
    let mut head = Vec::with_capacity(1024);
    let read = reader
        .rewind()
        .and_then(|()| (&mut reader).take(1024).read_to_end(&mut head));
    if read.is_err() {
        return len;
    }
    let converted = media_type.is_some_and(|m| m.contains("rtf") || m.contains("msword"));
    let text = of_text(len, limits);
    let body = if head.starts_with(b"PK\x03\x04") {
        of_unpacked(unpacked_xml(reader, limits), limits)
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || head.starts_with(b"{\\rtf")
        || converted
    {
        CONVERTER.saturating_add(text)
    } else if limits.worker.is_some() && memchr::memmem::find(&head, b"%PDF-").is_some() {
        // The text of a PDF is far smaller than the file; its streams inflate in the worker.
        PDF_WORKER.saturating_add(len.saturating_mul(4))
    } else {
        text
    };
    len.saturating_add(body)
}

/// What a zip container's XML entries unpack to, by its directory, within the unpacked limit.
fn unpacked_xml<R: Read + Seek>(reader: R, limits: &Limits) -> u64 {
    let unreadable = |e: zip::result::ZipError| super::ExtractError::BadArchive(e.to_string());
    let Ok(mut archive) = zipped::open(reader, limits, unreadable) else {
        return 0;
    };
    let mut total = 0u64;
    for index in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(index)
            && entry
                .name()
                .is_ok_and(|name| name.to_ascii_lowercase().ends_with(".xml"))
        {
            total = total.saturating_add(entry.size());
        }
    }
    total.min(limits.max_unzipped_bytes)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::{SimpleFileOptions, ZipWriter};

    use super::*;

    #[test]
    fn a_container_counts_its_xml_not_its_pictures() {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        writer
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&[b'a'; 100_000]).unwrap();
        writer.start_file("word/media/seal.png", stored).unwrap();
        writer.write_all(&[0u8; 1_000_000]).unwrap();
        let docx = writer.finish().unwrap().into_inner();
        let limits = Limits::default();
        let counted = of_document(Cursor::new(&docx), None, &limits);
        assert_eq!(counted, docx.len() as u64 + of_unpacked(100_000, &limits));
    }

    #[test]
    fn a_zip_bomb_is_counted_at_the_unpacked_limit() {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&vec![b' '; 4 << 20]).unwrap();
        let docx = writer.finish().unwrap().into_inner();
        let limits = Limits {
            max_unzipped_bytes: 1 << 20,
            ..Limits::default()
        };
        let counted = of_document(Cursor::new(&docx), None, &limits);
        assert_eq!(counted, docx.len() as u64 + of_unpacked(1 << 20, &limits));
    }

    #[test]
    fn text_is_counted_up_to_the_character_limit() {
        let limits = Limits {
            max_chars: 1000,
            ..Limits::default()
        };
        let text = vec![b'a'; 10_000];
        assert_eq!(
            of_document(Cursor::new(&text), None, &limits),
            10_000 + 3000 * TEXT_FACTOR
        );
        let doc = [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0];
        assert!(of_document(Cursor::new(&doc), None, &limits) > CONVERTER);
    }
}
