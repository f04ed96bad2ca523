//! Output: the only writer of the output folder. A site is written to a staging folder beside
//! the output and swapped in only when every file is written; a failure leaves the previous
//! output exactly as it was.

use crate::render::{Output, Site};
use rayon::prelude::*;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as campsite's own output (safe to replace).
pub const MARKER: &str = ".campsite-output";

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder is not one campsite may write to.
    #[error("refusing to write to {path}: {reason}")]
    Refused {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A file system error.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// What.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Checks that `out` may be (re)written for the portal at `root`: not the root, not one of its
/// ancestors, not `/`, and either absent, empty, or marked as campsite's output.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), OutputError> {
    let refuse = |reason: &str| {
        Err(OutputError::Refused {
            path: out.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    let out_abs = absolute(out);
    let root_abs = absolute(root);
    if out_abs.parent().is_none() {
        return refuse("it is the file system root");
    }
    if out_abs == root_abs {
        return refuse("it is the portal root");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("it contains the portal");
    }
    for protected in [
        "content",
        "templates",
        "static",
        "themes",
        ".campsite",
        ".git",
    ] {
        if out_abs.starts_with(root_abs.join(protected)) {
            return refuse(&format!("it is inside the portal's {protected}/ folder"));
        }
    }
    if out_abs.exists() {
        if !out_abs.is_dir() {
            return refuse("it is a file");
        }
        let empty = std::fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out_abs.join(MARKER).is_file() {
            return refuse(
                "it is not empty and campsite did not create it (no .campsite-output marker)",
            );
        }
    }
    Ok(())
}

/// Checks that a site path stays inside the output folder.
pub fn check_site_path(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains('\0')
        && p.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Writes `site` to `out` atomically (see the module docs).
pub fn write_site(site: &Site, root: &Path, out: &Path) -> Result<WriteStats, OutputError> {
    check_output_dir(root, out)?;
    for p in site.files.keys() {
        if !check_site_path(p) {
            return Err(OutputError::Refused {
                path: out.join(p),
                reason: "the path leaves the output folder".into(),
            });
        }
    }
    let out = absolute(out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let staging = parent.join(format!(".{name}.campsite-staging-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    let result = write_tree(site, &staging);
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    swap_in(&staging, &out, &parent, &name)?;
    Ok(stats)
}

fn write_tree(site: &Site, dir: &Path) -> Result<WriteStats, OutputError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut dirs: Vec<PathBuf> = site
        .files
        .keys()
        .filter_map(|p| Path::new(p).parent().map(|d| dir.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(io_err(d))?;
    }
    let bytes: Result<Vec<u64>, OutputError> = site
        .files
        .par_iter()
        .map(|(p, o)| {
            let target = dir.join(p);
            match o {
                Output::Bytes(b) => std::fs::write(&target, b).map(|_| b.len() as u64),
                Output::Static(b) => std::fs::write(&target, b).map(|_| b.len() as u64),
                Output::Copy(src) => std::fs::copy(src, &target),
            }
            .map_err(io_err(&target))
        })
        .collect();
    let bytes = bytes?;
    let marker = dir.join(MARKER);
    std::fs::write(
        &marker,
        "This folder is written by campsite; it is replaced on every build.\n",
    )
    .map_err(io_err(&marker))?;
    Ok(WriteStats {
        files: bytes.len(),
        bytes: bytes.iter().sum(),
    })
}

fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), OutputError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io_err(out));
    }
    let old = parent.join(format!(".{name}.campsite-old-{}", std::process::id()));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    std::fs::rename(out, &old).map_err(io_err(out))?;
    if let Err(e) = std::fs::rename(staging, out) {
        // Put the previous output back before reporting.
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(staging);
        return Err(io_err(out)(e));
    }
    std::fs::remove_dir_all(&old).map_err(io_err(&old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_stay_inside() {
        assert!(check_site_path("b/x/index.html"));
        assert!(!check_site_path("../x"));
        assert!(!check_site_path("a/../../x"));
        assert!(!check_site_path("/etc/passwd"));
        assert!(!check_site_path("a\\b"));
        assert!(!check_site_path("a//b"));
    }

    #[test]
    fn refuses_root_ancestor_and_foreign_folders() {
        let tmp = std::env::temp_dir().join(format!("campsite-out-test-{}", std::process::id()));
        let root = tmp.join("portal");
        std::fs::create_dir_all(root.join("content")).expect("mkdir");
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, &tmp).is_err());
        assert!(check_output_dir(&root, Path::new("/")).is_err());
        assert!(check_output_dir(&root, &root.join("content/out")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
        let foreign = tmp.join("foreign");
        std::fs::create_dir_all(&foreign).expect("mkdir");
        std::fs::write(foreign.join("keep.txt"), "x").expect("write");
        assert!(check_output_dir(&root, &foreign).is_err());
        std::fs::write(foreign.join(MARKER), "").expect("write");
        assert!(check_output_dir(&root, &foreign).is_ok());
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
