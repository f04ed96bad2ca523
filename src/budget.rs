//! The build's memory budget: what the large pieces of work (decoding an image, rendering a
//! Markdown document, reading a CSV) may hold at once. Work whose estimate does not fit is refused
//! with a diagnostic naming its file, before any of it is allocated, never an abort.
//!
//! Images take a [`Lease`] on a [`Budget`] shared by the image stage's threads (a thread waits
//! while others hold it). Markdown is rendered on every render thread at once, so each document
//! may use a thread's share of the budget at most ([`markdown_fits`], checked when loading).

use std::sync::{Condvar, Mutex};

/// The whole build's budget in bytes (peak resident memory of hostile inputs stays under 1 GB:
/// `tests/hostile/memory.rs`).
pub const BUILD_BUDGET: u64 = 768 * 1024 * 1024;

/// Bytes pulldown-cmark and the sanitiser may hold per byte of pathological Markdown (measured:
/// 14 MB of `*a **b ` asked for a 1.34 GB block, about 92 per byte).
pub const MARKDOWN_BYTES_PER_BYTE: u64 = 100;

/// Bytes a CSV export holds per byte of file: the text, and each cell as its own string.
pub const CSV_BYTES_PER_BYTE: u64 = 3;

/// Megabytes, rounded up, for messages.
pub fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

/// The share of the budget one render thread may use.
pub fn thread_share() -> u64 {
    BUILD_BUDGET / (rayon::current_num_threads().max(1) as u64)
}

/// The memory rendering `len` bytes of Markdown may need, when it is over a thread's share.
pub fn markdown_over(len: usize) -> Option<u64> {
    let need = (len as u64).saturating_mul(MARKDOWN_BYTES_PER_BYTE);
    (need > thread_share()).then_some(need)
}

/// Whether `len` bytes of Markdown fit a render thread's share (see [`markdown_over`]).
pub fn markdown_fits(len: usize) -> bool {
    markdown_over(len).is_none()
}

/// The largest CSV file the budget can hold.
pub fn csv_limit() -> u64 {
    BUILD_BUDGET / CSV_BYTES_PER_BYTE
}

/// The decoding cost of an image of `w`×`h` pixels: the RGBA buffer and the first resize.
pub fn image_cost(w: u32, h: u32) -> u64 {
    u64::from(w) * u64::from(h) * 4 * 2
}

/// Bytes reserved by work in progress, out of a total.
#[derive(Debug)]
pub struct Budget {
    total: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// Work over the whole budget: it can never run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget {
    /// What the work needs.
    pub need: u64,
    /// The whole budget.
    pub total: u64,
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "it needs about {} MB, over the build's memory budget of {} MB",
            mb(self.need),
            mb(self.total)
        )
    }
}

/// A reservation, returned to the budget when dropped.
#[derive(Debug)]
pub struct Lease<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    /// A budget of `total` bytes.
    pub fn new(total: u64) -> Budget {
        Budget {
            total,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Reserves `bytes`, waiting while other work holds too much; refused at once when `bytes`
    /// exceed the whole budget.
    pub fn reserve(&self, bytes: u64) -> Result<Lease<'_>, OverBudget> {
        if bytes > self.total {
            return Err(OverBudget {
                need: bytes,
                total: self.total,
            });
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used + bytes > self.total {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Ok(Lease {
            budget: self,
            bytes,
        })
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leases_add_up_and_over_budget_work_is_refused() {
        let b = Budget::new(100);
        let a = b.reserve(60).unwrap();
        assert_eq!(b.reserve(101).unwrap_err().need, 101);
        drop(a);
        let c = b.reserve(100).unwrap();
        drop(c);
        assert!(b.reserve(40).is_ok());
        assert!(markdown_fits(10_000));
        assert!(!markdown_fits(14_000_000));
    }
}
