//! .doc, .wps and .rtf: converted to .docx by LibreOffice (`soffice --headless`) when it is
//! installed, in a private temporary directory and within the time budget, then read as .docx.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use super::{Cancel, ExtractError, Extracted, Format, Limits, docx, isolated};

static NEXT_DIRECTORY: AtomicU64 = AtomicU64::new(0);

pub fn extract(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    cancel: &Cancel,
) -> Result<Extracted, ExtractError> {
    let soffice = limits
        .converter
        .as_ref()
        .ok_or(ExtractError::ConverterMissing { format })?;
    let work = WorkDir::new()?;
    let extension = match format {
        Format::Wps => "wps",
        Format::Rtf => "rtf",
        _ => "doc",
    };
    let input = work.0.join(format!("report.{extension}"));
    std::fs::write(&input, bytes).map_err(|_| converter_failed(format))?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.0.join("profile").display()
    );
    let mut child = Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&work.0)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| converter_failed(format))?;
    if isolated::wait_until(&mut child, Instant::now() + limits.time_budget, cancel).is_none() {
        return Err(ExtractError::Timeout {
            seconds: limits.time_budget.as_secs(),
        });
    }
    let converted =
        std::fs::read(work.0.join("report.docx")).map_err(|_| converter_failed(format))?;
    let mut extracted = docx::extract(&converted, limits)?;
    extracted.source.format = format;
    extracted.source.media_type = format.media_type().to_owned();
    Ok(extracted)
}

fn converter_failed(format: Format) -> ExtractError {
    ExtractError::Malformed {
        format,
        reason: "LibreOffice could not convert it".into(),
    }
}

/// `soffice` or `libreoffice` on the PATH.
pub fn find_converter() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A directory of its own, removed when dropped.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new() -> Result<Self, ExtractError> {
        let unique = format!(
            "nianbao-{}-{}",
            std::process::id(),
            NEXT_DIRECTORY.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).map_err(|_| converter_failed(Format::Doc))?;
        Ok(Self(path))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
