//! The folder guard: where `-o` really leads (symlinks resolved), and whether campsite may
//! replace it.

use super::{MARKER, OutputError};
use std::path::{Component, Path, PathBuf};

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

/// `p` with every symlink resolved: the longest existing ancestor canonicalised, the rest
/// appended. A symlink given as `-o` is judged by where it leads.
pub fn resolved(p: &Path) -> PathBuf {
    let abs = absolute(p);
    let mut base = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = base.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (base.file_name().map(|n| n.to_os_string()), base.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                base = parent.to_path_buf();
            }
            _ => return abs,
        }
    }
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
    let out_abs = resolved(out);
    let root_abs = resolved(root);
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
        let marked = std::fs::symlink_metadata(out_abs.join(MARKER)).is_ok_and(|m| m.is_file());
        if !empty && !marked {
            return refuse(
                "it is not empty and campsite did not create it (no .campsite-output marker)",
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
