//! Listing a portal's folders: which files exist for each role, hidden and editor files
//! skipped, every entry admitted by the containment rule before it is read.

use super::contain::{Jail, Role};
use super::source::rel_path;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

pub(super) fn has_ext(p: &Path, ext: &str) -> bool {
    p.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

pub(super) fn subdirs(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir() && !is_hidden(p))
                .collect()
        })
        .unwrap_or_default()
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Editor leftovers that are never content.
pub fn is_editor_junk(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}

/// The regular files directly in `dir` that `role` may read, sorted; hidden and editor files
/// skipped.
pub(super) fn list_files(
    root: &Path,
    dir: &Path,
    role: Role,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    walk(
        root,
        dir,
        Scope {
            role,
            depth: Some(1),
        },
        diags,
    )
}

/// The regular files below `dir` that `role` may read, sorted.
pub(super) fn list_files_recursive(
    root: &Path,
    dir: &Path,
    role: Role,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    walk(root, dir, Scope { role, depth: None }, diags)
}

/// What a walk reads: files of `role`, `depth` levels down (all when `None`).
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// What the files are read as ([`contain::Role`]).
    pub role: Role,
    /// How deep to go.
    pub depth: Option<usize>,
}

/// Walks `dir` without following symlinked folders; every file must pass the containment rule
/// of its role ([`contain::Jail::admit`]): a refused one is a diagnostic naming the link and
/// where it leads. Sorted by path.
pub fn walk(root: &Path, dir: &Path, scope: Scope, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let jail = Jail::new(root);
    // Plain files of a folder that resolves into the role's home need no further check.
    let home = jail.folder_is_home(dir, scope.role);
    let mut wd = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name();
    if let Some(d) = scope.depth {
        wd = wd.max_depth(d);
    }
    let mut out = Vec::new();
    for entry in wd
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_junk(e.path()))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                diags.push(Diagnostic::error(path, "io", format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let plain = entry.file_type().is_file() && !entry.path_is_symlink();
        if plain && home {
            out.push(path.to_path_buf());
        } else if plain || (entry.path_is_symlink() && entry.depth() > 0) {
            match jail.admit(path, scope.role) {
                Ok(()) => out.push(path.to_path_buf()),
                Err(d) => diags.push(d),
            }
        }
    }
    out.sort();
    out
}

/// Checks a file read by name (not found by a walk) against the containment rule; `None`
/// when it is absent, or refused (the refusal goes to `diags`).
pub(super) fn admitted(
    root: &Path,
    path: &Path,
    role: Role,
    diags: &mut Diagnostics,
) -> Option<()> {
    if std::fs::symlink_metadata(path).is_err() {
        return None;
    }
    Jail::new(root)
        .admit(path, role)
        .map_err(|d| diags.push(d))
        .ok()
}
