//! Formats whose parsers we do not own (PDF through hayro, HTML through
//! html5ever) are read in a child process: the same binary in its worker mode, with a cap on its
//! address space and CPU time, killed at the time budget. A stack overflow, an allocation that
//! fails or a parser that loops then costs that one document a 422, never the service. The
//! child's standard error is discarded, so nothing it prints (panic messages quote documents)
//! reaches the logs.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Cancel, ExtractError, Extracted, Format, Limits};

/// What the parent asks of the child, as the first line of its standard input; the document's
/// bytes follow.
#[derive(Serialize, Deserialize)]
struct Job {
    format: Format,
    media_type: Option<String>,
    max_unzipped_bytes: u64,
    max_zip_entries: usize,
    max_pdf_pages: usize,
    max_pdf_objects: usize,
}

/// Children running at once: each may take [`Limits::worker_memory`], so their number is bounded
/// whatever the number of checks in flight.
static SLOTS: Slots = Slots::new();

pub fn extract(
    bytes: &[u8],
    format: Format,
    media_type: Option<&str>,
    limits: &Limits,
    program: &Path,
    cancel: &Cancel,
) -> Result<Extracted, ExtractError> {
    let deadline = Instant::now() + limits.time_budget;
    let timeout = || ExtractError::Timeout {
        seconds: limits.time_budget.as_secs(),
    };
    let _slot = SLOTS.take(deadline, cancel).ok_or_else(timeout)?;
    let job = Job {
        format,
        media_type: media_type.map(str::to_owned),
        max_unzipped_bytes: limits.max_unzipped_bytes,
        max_zip_entries: limits.max_zip_entries,
        max_pdf_pages: limits.max_pdf_pages,
        max_pdf_objects: limits.max_pdf_objects,
    };
    let mut command = Command::new(program);
    command
        .arg(WORKER_ARG)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    confine(&mut command, limits);
    let failed = |_| crashed(format, None);
    let mut child = command.spawn().map_err(failed)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut header = serde_json::to_vec(&job).expect("a job serialises");
    header.push(b'\n');
    let input = bytes.to_vec();
    // Written and read on threads of their own, so neither pipe can block the deadline.
    let writer = std::thread::spawn(move || {
        let _ = stdin
            .write_all(&header)
            .and_then(|_| stdin.write_all(&input));
    });
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut answer = Vec::new();
        stdout.read_to_end(&mut answer).map(|_| answer)
    });
    let status = wait_until(&mut child, deadline, cancel).ok_or_else(timeout)?;
    let _ = writer.join();
    let answer = reader.join().ok().and_then(Result::ok).unwrap_or_default();
    if !status.success() {
        return Err(crashed(format, Some(status)));
    }
    serde_json::from_slice::<Result<Extracted, ExtractError>>(&answer)
        .unwrap_or_else(|_| Err(crashed(format, Some(status))))
}

/// Waits for a child until the deadline, or until nobody waits for it; then kills it and
/// returns `None`.
pub fn wait_until(
    child: &mut std::process::Child,
    deadline: Instant,
    cancel: &Cancel,
) -> Option<ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline && !cancel.is_cancelled() => {
                std::thread::sleep(Duration::from_millis(2))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

fn crashed(format: Format, status: Option<ExitStatus>) -> ExtractError {
    let how = status.map_or_else(
        || "could not start".to_owned(),
        |s| format!("stopped ({s})"),
    );
    ExtractError::Malformed {
        format,
        reason: format!("the {format} reader {how}: out of memory or stack, or the file is broken"),
    }
}

/// The argument that starts the binary as an extraction worker.
pub const WORKER_ARG: &str = "extract-worker";

/// The child's side: reads one job from standard input, writes its outcome as JSON.
pub fn serve_job() -> ExitCode {
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return ExitCode::FAILURE;
    }
    let Some(split) = input.iter().position(|&b| b == b'\n') else {
        return ExitCode::FAILURE;
    };
    let Ok(job) = serde_json::from_slice::<Job>(&input[..split]) else {
        return ExitCode::FAILURE;
    };
    let limits = Limits {
        max_unzipped_bytes: job.max_unzipped_bytes,
        max_zip_entries: job.max_zip_entries,
        max_pdf_pages: job.max_pdf_pages,
        max_pdf_objects: job.max_pdf_objects,
        converter: None,
        worker: None,
        ..Limits::default()
    };
    let bytes = &input[split + 1..];
    let media_type = job.media_type.as_deref();
    let outcome =
        super::read_in_process(bytes, job.format, media_type, &limits, &Cancel::default());
    let answer = serde_json::to_vec(&outcome).expect("an outcome serialises");
    match std::io::stdout().write_all(&answer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Caps on the child, set between fork and exec.
#[cfg(unix)]
fn confine(command: &mut Command, limits: &Limits) {
    use std::os::unix::process::CommandExt;
    let memory = limits.worker_memory;
    let cpu_seconds = limits.time_budget.as_secs() + 1;
    // SAFETY: only setrlimit, which is async-signal-safe, runs in the forked child.
    unsafe {
        command.pre_exec(move || {
            let cap = |resource, value: u64| {
                let limit = libc::rlimit {
                    rlim_cur: value as libc::rlim_t,
                    rlim_max: value as libc::rlim_t,
                };
                if libc::setrlimit(resource, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            };
            cap(libc::RLIMIT_AS, memory)?;
            cap(libc::RLIMIT_CPU, cpu_seconds)?;
            cap(libc::RLIMIT_CORE, 0)
        });
    }
}

#[cfg(not(unix))]
fn confine(_command: &mut Command, _limits: &Limits) {}

/// A counting semaphore for threads of the blocking pool.
struct Slots {
    free: Mutex<Option<usize>>,
    freed: Condvar,
}

struct Slot<'a>(&'a Slots);

impl Slots {
    const fn new() -> Self {
        Self {
            free: Mutex::new(None),
            freed: Condvar::new(),
        }
    }

    /// A slot, or `None` when none frees up before the deadline or nobody waits any more.
    fn take(&self, deadline: Instant, cancel: &Cancel) -> Option<Slot<'_>> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if cancel.is_cancelled() {
                return None;
            }
            let count = free
                .get_or_insert_with(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
            if *count > 0 {
                *count -= 1;
                return Some(Slot(self));
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            // Woken by a freed slot, or every so often to see whether anyone still waits.
            free = self
                .freed
                .wait_timeout(free, left.min(Duration::from_millis(50)))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut free = self.0.free.lock().unwrap_or_else(|e| e.into_inner());
        *free.get_or_insert(0) += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_nobody_waits_for_is_not_started() {
        let cancel = Cancel::default();
        cancel.cancel();
        let limits = Limits::default();
        let outcome = extract(
            b"%PDF-1.4",
            Format::Pdf,
            None,
            &limits,
            Path::new("/no/such/worker"),
            &cancel,
        );
        assert!(
            matches!(outcome, Err(ExtractError::Timeout { .. })),
            "{outcome:?}"
        );
    }

    /// A worker that dies (here one that fails at once) costs its document a 422, whatever killed it.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_worker_that_dies_is_a_malformed_document() {
        let outcome = extract(
            b"%PDF-1.4",
            Format::Pdf,
            None,
            &Limits::default(),
            Path::new("/bin/false"),
            &Cancel::default(),
        );
        match outcome {
            Err(ExtractError::Malformed { format, reason }) => {
                assert_eq!(format, Format::Pdf);
                assert!(reason.contains("stopped"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
