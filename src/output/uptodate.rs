//! The output half of the no-change fast path (`crate::uptodate`): whether the output folder is
//! still exactly what the build recorded in its marker (the same key; every listed file there as
//! a regular file of the recorded size, nothing else), and the record of what that build
//! reported, kept under `.campsite/builds/` (not in the output, which may be published: warnings
//! name portal files).

use super::marker::read_manifest;
use super::{MARKER, OutputError, io_err};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where build records are kept, relative to the portal root.
pub const BUILDS_DIR: &str = ".campsite/builds";

/// What a build reported, for a later build with the same key to report it again.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BuildRecord {
    /// The whole build's key.
    pub key: String,
    /// The version records as the build left them (`crate::uptodate`).
    pub versions: String,
    /// The output folder it was written to.
    pub output: PathBuf,
    /// The warnings it reported (not those said only once).
    pub warnings: Vec<Diagnostic>,
    /// Distinct images, and how many of them could not be read.
    pub images: (usize, usize),
}

/// The file of the output folder `out`'s record: one per output folder.
fn record_path(root: &Path, out: &Path) -> PathBuf {
    let id = blake3::hash(out.to_string_lossy().as_bytes()).to_hex();
    root.join(BUILDS_DIR)
        .join(format!("{}.json", &id.as_str()[..32]))
}

/// The record of the last build into `out` (already resolved), when it is readable.
pub fn recall(root: &Path, out: &Path) -> Option<BuildRecord> {
    let path = record_path(root, out);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let rec: BuildRecord = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    (rec.output == out).then_some(rec)
}

/// Keeps `rec` as the record of the build into `rec.output`: written under a temporary name and
/// renamed; the folder is git-ignored (the records are this machine's).
pub fn remember(root: &Path, rec: &BuildRecord) -> Result<(), OutputError> {
    let dir = root.join(BUILDS_DIR);
    if dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(OutputError::Refused {
            path: dir,
            reason: "the build-record folder is a symbolic link".into(),
        });
    }
    std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let ignore = dir.join(".gitignore");
    if ignore.symlink_metadata().is_err() {
        std::fs::write(
            &ignore,
            "# Made by campsite: what the last build of each output reported.\n*\n",
        )
        .map_err(io_err(&ignore))?;
    }
    let path = record_path(root, &rec.output);
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    let text = serde_json::to_vec_pretty(rec).unwrap_or_default();
    std::fs::write(&tmp, text).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, &path).map_err(io_err(&path))
}

/// Forgets the record of `out` (a build without a key): a stale one must not outlive it.
pub fn forget(root: &Path, out: &Path) {
    let _ = std::fs::remove_file(record_path(root, out));
}

/// How many files the output folder `out` (already resolved) holds when its marker carries
/// `key` and it holds exactly the files the marker lists, each a regular file of the recorded
/// size; `None` otherwise. Only metadata is read, and no symlink is followed.
pub fn intact(out: &Path, key: &str) -> Option<usize> {
    let marker = read_manifest(out)?;
    if marker.key.as_deref() != Some(key) {
        return None;
    }
    let entries = crate::load::scan::entries_below(out, &|_, t| t.is_file());
    // Each entry counts 1 when it is a listed file of its recorded size, 0 when it is a folder
    // or the marker; anything else ends the check.
    let seen = entries
        .par_iter()
        .map(|e| {
            let e = e.as_ref().ok()?;
            let t = e.file_type;
            if t.is_dir() || (t.is_file() && e.rel == MARKER) {
                return Some(0);
            }
            let rec = marker.files.get(&e.rel).filter(|_| t.is_file())?;
            (rec.size == Some(e.meta.as_ref()?.len())).then_some(1)
        })
        .try_reduce(|| 0, |a, b| Some(a + b))?;
    (seen == marker.files.len()).then_some(seen)
}
