//! Rebuild when the embedded default theme changes (include_dir cannot tell cargo itself), and
//! stamp the binary with a hash of everything that decides what it renders (`CAMPSITE_BUILD_ID`):
//! a rebuild reuses pages of an earlier build only when that build ran the same code.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

const INPUTS: [&str; 4] = ["src", "themes", "Cargo.lock", "Cargo.toml"];

fn main() {
    for p in INPUTS {
        println!("cargo:rerun-if-changed={p}");
    }
    let mut h = DefaultHasher::new();
    for p in INPUTS {
        hash_tree(Path::new(p), &mut h);
    }
    println!("cargo:rustc-env=CAMPSITE_BUILD_ID={:016x}", h.finish());
}

/// Hashes the names and contents of the files under `path`, in a stable order.
fn hash_tree(path: &Path, h: &mut DefaultHasher) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            hash_tree(&e, h);
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        h.write(path.to_string_lossy().as_bytes());
        h.write(&bytes);
    }
}
