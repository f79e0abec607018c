//! A zip of reports, as a collecting office receives them: the reports are listed from the
//! archive's directory, and each is read out only when its turn to be checked comes, so a batch
//! holds the archive and the reports in progress, not every report unpacked. The archive is read
//! through any reader that seeks: the bytes in memory, or a batch spooled to disk.

use std::io::{Read, Seek};

use zip::ZipArchive;

use super::{ExtractError, Limits, Quantity, zipped};

/// A report inside an archive: its path there and its place in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedReport {
    pub path: String,
    pub index: usize,
}

/// The reports in `archive` when it is a zip of files rather than a document in a zip container
/// (.docx, OFD), else `None`; a zip whose directory cannot be read is `None` too, one input whose
/// check says what is wrong with it. Folders and the hidden files that archivers add
/// (`__MACOSX/`, `.DS_Store`, `Thumbs.db`) are left out; names that are not UTF-8 are read as
/// GB18030, as Chinese Windows writes them.
pub fn reports_in<R: Read + Seek>(mut archive: R, limits: &Limits) -> Option<Vec<ArchivedReport>> {
    let mut signature = [0u8; 4];
    archive.read_exact(&mut signature).ok()?;
    archive.rewind().ok()?;
    if &signature != b"PK\x03\x04" {
        return None;
    }
    let mut archive = open(archive, limits).ok()?;
    let is_document = archive
        .file_names()
        .flatten()
        .any(|name| name == "word/document.xml" || name.eq_ignore_ascii_case("OFD.xml"));
    if is_document {
        return None;
    }
    let mut reports = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).ok()?;
        let path = decode_name(entry.name_raw());
        if entry.is_file() && !is_clutter(&path) {
            reports.push(ArchivedReport { path, index });
        }
    }
    Some(reports)
}

/// The bytes of one report, read within the size limit of an unpacked document.
pub fn read<R: Read + Seek>(
    archive: R,
    index: usize,
    limits: &Limits,
) -> Result<Vec<u8>, ExtractError> {
    let mut archive = open(archive, limits)?;
    let entry = archive.by_index(index).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(reason) if reason.contains("assword") => {
            ExtractError::BadArchive("the report is encrypted in the archive".into())
        }
        other => broken(format!("the report cannot be unpacked ({other})")),
    })?;
    let limit = limits.max_unzipped_bytes;
    let mut report = Vec::new();
    // One byte past the limit tells a lying directory from a true one.
    entry
        .take(limit + 1)
        .read_to_end(&mut report)
        .map_err(|e| broken(format!("the report is corrupt in the archive ({e})")))?;
    if report.len() as u64 > limit {
        return Err(ExtractError::TooLarge {
            quantity: Quantity::UnpackedBytes,
            found: report.len() as u64,
            limit,
        });
    }
    Ok(report)
}

/// The size of a report in the archive, as its directory gives it.
pub fn entry_size<R: Read + Seek>(archive: R, index: usize, limits: &Limits) -> Option<u64> {
    let mut archive = open(archive, limits).ok()?;
    Some(archive.by_index_raw(index).ok()?.size())
}

fn open<R: Read + Seek>(archive: R, limits: &Limits) -> Result<ZipArchive<R>, ExtractError> {
    zipped::open(archive, limits, |e| {
        broken(format!("not a readable zip archive ({e})"))
    })
}

fn broken(reason: String) -> ExtractError {
    ExtractError::BadArchive(reason)
}

fn decode_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(name) => name.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    }
}

fn is_clutter(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    path.starts_with("__MACOSX/")
        || file.starts_with('.')
        || file.eq_ignore_ascii_case("Thumbs.db")
        || file.eq_ignore_ascii_case("desktop.ini")
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::{SimpleFileOptions, ZipWriter};

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for &(name, content) in entries {
            if name.ends_with('/') {
                writer
                    .add_directory(name, SimpleFileOptions::default())
                    .unwrap();
            } else {
                writer
                    .start_file(name, SimpleFileOptions::default())
                    .unwrap();
                writer.write_all(content).unwrap();
            }
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn lists_the_reports_without_folders_or_clutter() {
        let archive = zip_of(&[
            ("区司法局/", b""),
            ("区司法局/2024年报告.txt", "报告".as_bytes()),
            ("__MACOSX/._a.txt", b"x"),
            (".DS_Store", b"x"),
            ("b.txt", b"b"),
        ]);
        let limits = Limits::default();
        let reports = reports_in(Cursor::new(&archive), &limits).unwrap();
        let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["区司法局/2024年报告.txt", "b.txt"]);
        let second = &reports[1];
        assert_eq!(
            read(Cursor::new(&archive), second.index, &limits).unwrap(),
            b"b"
        );
    }

    #[test]
    fn a_document_or_a_broken_zip_is_no_archive_of_reports() {
        let limits = Limits::default();
        let docx = zip_of(&[("word/document.xml", b"<w:document/>")]);
        assert_eq!(reports_in(Cursor::new(&docx), &limits), None);
        let mut truncated = zip_of(&[("a.txt", b"a")]);
        truncated.truncate(20);
        assert_eq!(reports_in(Cursor::new(&truncated), &limits), None);
        assert_eq!(reports_in(Cursor::new(b"PK"), &limits), None);
    }

    #[test]
    fn gb18030_names_are_decoded() {
        let (raw, _, _) = encoding_rs::GB18030.encode("司法局年报.txt");
        assert_eq!(decode_name(&raw), "司法局年报.txt");
    }

    #[test]
    fn a_report_larger_than_the_limit_is_refused() {
        let archive = zip_of(&[("big.txt", &[b'a'; 2048])]);
        let limits = Limits {
            max_unzipped_bytes: 1024,
            ..Limits::default()
        };
        assert!(matches!(
            read(Cursor::new(&archive), 0, &limits),
            Err(ExtractError::TooLarge { .. })
        ));
    }
}
