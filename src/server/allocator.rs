//! The allocator's settings for a long-running server whose requests come and go in megabytes.
//!
//! glibc's malloc raises its mmap threshold each time it frees a large mapped block (up to
//! 32 MiB), after which 10 MB bodies come from its heaps and stay resident when freed: under 64
//! clients sending 10 MB reports the server's resident memory reached twice what the memory
//! budget held. A fixed threshold keeps every large buffer mapped and returned when freed, so
//! resident memory follows the budget; a report's own buffers (under a megabyte) stay on the
//! heaps, where reusing them costs no system call.

/// Allocations of this size or more are mapped alone, and unmapped when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1024 * 1024;
/// Free memory at the top of a heap kept for reuse; twice the threshold, as glibc itself sets it
/// when it moves the threshold.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 2 * MMAP_THRESHOLD;

/// Sets the thresholds, once, before the server starts its threads.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's parameters; called before other threads run.
    unsafe {
        let set = libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
            && libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
        if !set {
            tracing::warn!("the allocator's thresholds could not be set");
        }
    }
}
