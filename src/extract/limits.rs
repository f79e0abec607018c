//! Bounds on what an untrusted document may cost to read.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Limits {
    /// Total uncompressed size of the zip entries read (.docx, OFD).
    pub max_unzipped_bytes: u64,
    /// Entries in a zip container.
    pub max_zip_entries: usize,
    /// Characters of the text checked, however it came (as JSON, a body, a file).
    pub max_chars: usize,
    /// Pages of a PDF.
    pub max_pdf_pages: usize,
    /// Objects in a PDF.
    pub max_pdf_objects: usize,
    /// Time for one extraction, enforced on the processes that read (LibreOffice, the PDF and
    /// HTML worker), which are killed at it; the in-process readers are bounded by the sizes.
    pub time_budget: Duration,
    /// LibreOffice's `soffice`, for .doc, .wps and .rtf; `None` refuses those formats.
    pub converter: Option<PathBuf>,
    /// The program that reads PDF and HTML in a child process (this binary, started with
    /// `extract-worker`); `None` reads them in this process. The binary sets it; a library user
    /// may point it at the `nianbao` binary.
    pub worker: Option<PathBuf>,
    /// Address space a worker may use, in bytes.
    pub worker_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_unzipped_bytes: 64 * 1024 * 1024,
            max_zip_entries: 5_000,
            max_chars: 2_000_000,
            max_pdf_pages: 1_000,
            max_pdf_objects: 500_000,
            time_budget: Duration::from_secs(30),
            converter: super::office::find_converter(),
            worker: None,
            worker_memory: 512 * 1024 * 1024,
        }
    }
}
