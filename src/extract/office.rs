//! .doc, .wps and .rtf: converted to .docx by LibreOffice (`soffice --headless`) when it is
//! installed, in a private temporary directory and within the time budget, then read as .docx.
//!
//! `soffice` starts `oosplash`, which starts `soffice.bin`: killing the child alone would leave
//! the others converting, and their profile in the directory. So they run in a process group of
//! their own, ended whole with the directory on every way out: done, failed, timed out, nobody
//! waiting, or the process stopping at once ([`stop_all`]). Their own group also keeps a
//! terminal's Ctrl-C, meant for nianbao, from killing a conversion the service is finishing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::{Cancel, ExtractError, Extracted, Format, Limits, docx, isolated};

static NEXT_DIRECTORY: AtomicU64 = AtomicU64::new(0);

/// The conversions under way, by number: their directory and, once started, LibreOffice's
/// process group.
static RUNNING: Mutex<BTreeMap<u64, (PathBuf, Option<u32>)>> = Mutex::new(BTreeMap::new());

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
    let work = Conversion::new()?;
    let extension = match format {
        Format::Wps => "wps",
        Format::Rtf => "rtf",
        _ => "doc",
    };
    let input = work.dir.join(format!("report.{extension}"));
    std::fs::write(&input, bytes).map_err(|_| converter_failed(format))?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.dir.join("profile").display()
    );
    let mut command = Command::new(soffice);
    command
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&work.dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(|_| converter_failed(format))?;
    work.started(child.id());
    if isolated::wait_until(&mut child, Instant::now() + limits.time_budget, cancel).is_none() {
        return Err(ExtractError::Timeout {
            seconds: limits.time_budget.as_secs(),
        });
    }
    let converted =
        std::fs::read(work.dir.join("report.docx")).map_err(|_| converter_failed(format))?;
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

/// Ends every conversion under way, processes and directories: for a process about to exit
/// without waiting for them (a second Ctrl-C, the shutdown's time limit).
pub fn stop_all() {
    let running = std::mem::take(&mut *running());
    let groups: Vec<u32> = running.values().filter_map(|(_, group)| *group).collect();
    end_groups(&groups);
    for (dir, _) in running.values() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// A conversion's directory of its own and LibreOffice's processes, ended when dropped.
struct Conversion {
    number: u64,
    dir: PathBuf,
}

impl Conversion {
    fn new() -> Result<Self, ExtractError> {
        let number = NEXT_DIRECTORY.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("nianbao-{}-{number}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|_| converter_failed(Format::Doc))?;
        running().insert(number, (dir.clone(), None));
        Ok(Self { number, dir })
    }

    /// LibreOffice started as `leader`, the leader of its process group.
    fn started(&self, leader: u32) {
        if let Some(entry) = running().get_mut(&self.number) {
            entry.1 = Some(leader);
        }
    }
}

impl Drop for Conversion {
    fn drop(&mut self) {
        // Gone already when `stop_all` took it: ended there.
        if let Some((dir, group)) = running().remove(&self.number) {
            end_groups(&group.into_iter().collect::<Vec<_>>());
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn running() -> std::sync::MutexGuard<'static, BTreeMap<u64, (PathBuf, Option<u32>)>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// How long killed processes are given to be gone before their directory is removed, so that
/// none writes into it afterwards.
const GONE_WITHIN: Duration = Duration::from_secs(1);

/// Kills every process of the groups (what is left after a conversion, usually nothing), and
/// waits until they are gone or a second has passed.
#[cfg(unix)]
fn end_groups(groups: &[u32]) {
    let Ok(groups) = groups
        .iter()
        .map(|&g| libc::pid_t::try_from(g))
        .collect::<Result<Vec<_>, _>>()
    else {
        return;
    };
    // SAFETY: kill has no memory effects; a negative pid names a process group.
    let alive = |group: libc::pid_t| unsafe { libc::kill(-group, 0) } == 0;
    for &group in &groups {
        // SAFETY: as above.
        unsafe { libc::kill(-group, libc::SIGKILL) };
    }
    let deadline = Instant::now() + GONE_WITHIN;
    while groups.iter().any(|&g| alive(g)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(not(unix))]
fn end_groups(_groups: &[u32]) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::time::Duration;

    use super::*;

    /// What is left of this process's conversions: their directories, and processes whose
    /// command line names one.
    fn left() -> Vec<String> {
        let prefix = format!("nianbao-{}-", std::process::id());
        let mut left: Vec<String> = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
            .map(|entry| entry.path().display().to_string())
            .collect();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let command_line = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let command_line = String::from_utf8_lossy(&command_line).replace('\0', " ");
            if command_line.contains(&prefix) {
                left.push(command_line);
            }
        }
        left
    }

    fn convert(limits: &Limits, cancel: &Cancel) -> Result<Extracted, ExtractError> {
        let doc = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/documents/wuxing-2024.doc"
        );
        extract(&std::fs::read(doc).unwrap(), Format::Doc, limits, cancel)
    }

    /// One test, not four: each looks at every conversion of the process.
    #[test]
    #[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs the ignored tests"]
    fn libreoffice_leaves_nothing_on_any_way_out() {
        let limits = Limits::default();
        assert!(
            limits.converter.is_some(),
            "LibreOffice (soffice) is installed"
        );
        let done = convert(&limits, &Cancel::default()).expect("the .doc converts");
        assert!(done.text.contains("五星街道"));
        assert_eq!(left(), Vec::<String>::new(), "after a conversion");

        let hurried = Limits {
            time_budget: Duration::from_millis(300),
            ..Limits::default()
        };
        let timed_out = convert(&hurried, &Cancel::default());
        assert!(matches!(timed_out, Err(ExtractError::Timeout { .. })));
        assert_eq!(left(), Vec::<String>::new(), "after the time budget");

        let cancel = Cancel::default();
        let waiting = {
            let cancel = cancel.clone();
            std::thread::spawn(move || convert(&Limits::default(), &cancel))
        };
        std::thread::sleep(Duration::from_millis(300));
        cancel.cancel();
        assert!(waiting.join().unwrap().is_err());
        assert_eq!(left(), Vec::<String>::new(), "after nobody waits");

        let stopped = std::thread::spawn(|| convert(&Limits::default(), &Cancel::default()));
        while !running().values().any(|(_, group)| group.is_some()) {
            std::thread::sleep(Duration::from_millis(5));
        }
        stop_all();
        assert_eq!(left(), Vec::<String>::new(), "after stopping at once");
        assert!(stopped.join().unwrap().is_err());
    }
}
