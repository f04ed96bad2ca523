//! The staging folder beside the output and the swap that puts it in place: the output folder
//! is at every moment exactly one whole build, the previous one or the new one.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)`. Where the file system lacks it, the
//! output is renamed aside and the staging folder renamed into place; a build interrupted
//! between the two leaves the previous build aside, and the next [`recover`] puts it back.

use super::{OutputError, io_err};
use std::path::{Path, PathBuf};

/// A folder beside the output where a build is written before it is swapped into place.
/// Removed when dropped unless it was swapped in.
#[derive(Debug)]
pub struct Staging {
    /// The folder.
    pub dir: PathBuf,
    done: bool,
}

/// `.<name>.campsite-staging-<pid>` and `.<name>.campsite-old-<pid>` beside the output.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    parent.join(format!(
        ".{}.campsite-{what}-{}",
        out_name(out),
        std::process::id()
    ))
}

/// The output folder's name (`public` for a path without one).
pub fn out_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

impl Staging {
    /// A fresh, empty staging folder for `out` (whose parent is created if needed).
    pub fn create(out: &Path) -> Result<Staging, OutputError> {
        let dir = sibling(out, "staging");
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        remove_ours(&dir)?;
        std::fs::create_dir(&dir).map_err(io_err(&dir))?;
        Ok(Staging { dir, done: false })
    }

    /// Puts the staging folder in place of `out` and removes the previous build.
    pub fn swap_into(mut self, out: &Path) -> Result<(), OutputError> {
        if std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(&self.dir, out).map_err(io_err(out))?;
            self.done = true;
            return Ok(());
        }
        if exchange(&self.dir, out).is_ok() {
            // The staging path now holds the previous build; Drop removes it.
            return Ok(());
        }
        let old = sibling(out, "old");
        remove_ours(&old)?;
        std::fs::rename(out, &old).map_err(io_err(out))?;
        if let Err(e) = std::fs::rename(&self.dir, out) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, out);
            return Err(io_err(out)(e));
        }
        self.done = true;
        std::fs::remove_dir_all(&old).map_err(io_err(&old))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes `dir` if it is a real folder (never follows a symlink there).
fn remove_ours(dir: &Path) -> Result<(), OutputError> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(dir).map_err(io_err(dir)),
        Ok(_) => std::fs::remove_file(dir).map_err(io_err(dir)),
        Err(_) => Ok(()),
    }
}

/// Swaps two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are NUL-terminated paths that outlive the call; renameat2 reads
    // them and touches no other memory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// After an interruption: a missing output whose previous build was set aside (the fallback
/// swap) gets it back, and leftover staging or old folders of this output are removed.
pub fn recover(out: &Path) -> Result<(), OutputError> {
    let Some(parent) = out.parent() else {
        return Ok(());
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let prefix = format!(".{}.campsite-", out_name(out));
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    let missing = std::fs::symlink_metadata(out).is_err();
    if missing
        && let Some(old) = leftovers.iter().find(|p| {
            p.to_string_lossy().contains(".campsite-old-") && p.join(super::MARKER).is_file()
        })
    {
        std::fs::rename(old, out).map_err(io_err(out))?;
    }
    for p in leftovers {
        if std::fs::symlink_metadata(&p).is_ok() {
            remove_ours(&p)?;
        }
    }
    Ok(())
}
