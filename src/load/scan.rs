//! The inputs of a build summed up without parsing them, for the no-change fast path
//! (`crate::uptodate`): every entry of the folders `load` reads from, a superset of what it
//! reads, so that no input can be missed. Text sources and images are hashed by content (a full
//! build reads them too); files that are only copied to the output (other assets, static files)
//! by their stamp, which is stronger than the length and modification time the writer already
//! trusts for them (`output::marker::fingerprint`).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The folders whose every entry is an input: the content, the portal's templates and static
/// files, every theme on disk (`portal.toml` names one; which one is in `portal.toml`).
const TREES: &[&str] = &["content", "templates", "static", "themes"];

/// Extensions whose bytes the build reads (sidecars, images), not only copies.
const READ_ASSETS: &[&str] = &["toml", "jpg", "jpeg", "png", "webp", "gif"];

/// Path (relative to the root, `/`-separated) → hash of what the entry is: a folder, a file's
/// content or stamp, a symlink's resolved target, or why it could not be read.
pub type Entries = BTreeMap<String, blake3::Hash>;

/// Which files are summed by their stamp rather than their content.
type Stamped = fn(&str) -> bool;

/// Every entry of `portal.toml` and the input folders.
pub fn inputs(root: &Path) -> Entries {
    let mut found = Vec::new();
    found.push(listed(root, "portal.toml", is_only_copied));
    for tree in TREES {
        walk_tree(root, tree, is_only_copied, &mut found);
    }
    summed(root, found)
}

/// Every entry under `.campsite/versions/` (the version records `build` keeps), files by their
/// stamp: campsite writes each once (under a temporary name, then renamed: a new inode), so a
/// stamp tells them apart without reading ten thousand files.
pub fn versions(root: &Path) -> Entries {
    let mut found = Vec::new();
    walk_tree(root, super::versions::VERSIONS_DIR, |_| true, &mut found);
    summed(root, found)
}

/// Adds to `entries` (a [`versions`] listing) the files at `written` (relative to the root),
/// just written by this build, and the folders they are in.
pub fn add_written(root: &Path, entries: &mut Entries, written: &[String]) {
    for rel in written {
        let mut dir = rel.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            if !parent.starts_with(super::versions::VERSIONS_DIR) {
                break;
            }
            entries.insert(parent.to_string(), described("dir", b""));
            dir = parent;
        }
        let l = listed(root, rel, |_| true);
        entries.extend(summed(root, vec![l]));
    }
}

/// What an entry is, before its content is read.
enum Kind {
    Missing,
    Dir,
    /// Read and hashed.
    Read,
    /// Summed by its stamp.
    Stamped(std::fs::Metadata),
    Link,
    Other,
}

struct Listed {
    rel: String,
    kind: Kind,
}

fn listed(root: &Path, rel: &str, stamped: Stamped) -> Listed {
    let kind = match std::fs::symlink_metadata(root.join(rel)) {
        Err(_) => Kind::Missing,
        Ok(m) => kind_of(rel, m.file_type(), stamped, || Some(m)),
    };
    Listed {
        rel: rel.to_string(),
        kind,
    }
}

/// The kind of an entry of type `t`; `meta` is asked for only when the stamp is needed.
fn kind_of(
    rel: &str,
    t: std::fs::FileType,
    stamped: Stamped,
    meta: impl FnOnce() -> Option<std::fs::Metadata>,
) -> Kind {
    if t.is_symlink() {
        Kind::Link
    } else if t.is_dir() {
        Kind::Dir
    } else if !t.is_file() {
        Kind::Other
    } else if stamped(rel) {
        meta().map_or(Kind::Other, Kind::Stamped)
    } else {
        Kind::Read
    }
}

/// Files the build copies without reading: assets other than sidecars and images, and static
/// files (the theme's and the portal's).
fn is_only_copied(rel: &str) -> bool {
    if let Some(asset) = rel.strip_prefix("content/assets/") {
        let ext = asset.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        return !ext.is_some_and(|e| READ_ASSETS.contains(&e.as_str()));
    }
    rel.starts_with("static/")
        || rel
            .strip_prefix("themes/")
            .and_then(|t| t.split_once('/'))
            .is_some_and(|(_, inside)| inside.starts_with("static/"))
}

/// Lists `tree` and everything below it, never following a symlink inside it (a symlink's
/// target is summed instead; a target inside the trees is listed where it lies).
fn walk_tree(root: &Path, tree: &str, stamped: Stamped, found: &mut Vec<Listed>) {
    let top = listed(root, tree, stamped);
    let descend = matches!(top.kind, Kind::Dir | Kind::Link);
    found.push(top);
    if !descend {
        return;
    }
    let want = |rel: &str, t: std::fs::FileType| t.is_file() && stamped(&format!("{tree}/{rel}"));
    for e in entries_below(&root.join(tree), &want) {
        found.push(match e {
            Ok(e) => {
                let rel = format!("{tree}/{}", e.rel);
                let kind = kind_of(&rel, e.file_type, stamped, || e.meta);
                Listed { rel, kind }
            }
            // A folder that cannot be listed: its path is all we know.
            Err(rel) => Listed {
                rel: format!("{tree}/{rel}/ (unlisted)"),
                kind: Kind::Other,
            },
        });
    }
}

/// One entry found by [`entries_below`].
pub struct Entry {
    /// Path below the folder walked, `/`-separated (a name that is not UTF-8 in its escaped
    /// form, so no two names share one).
    pub rel: String,
    /// Its type, known without a `stat` (symlinks are not followed).
    pub file_type: std::fs::FileType,
    /// Its metadata (not following a symlink), when `want_meta` asked for it and it was read.
    pub meta: Option<std::fs::Metadata>,
}

/// Asks for an entry's metadata by its path and type.
pub type WantMeta<'a> = dyn Fn(&str, std::fs::FileType) -> bool + Sync + 'a;

/// Every entry below `dir` (not `dir` itself), folders listed in parallel, in no particular
/// order, never following a symlink; a folder that cannot be listed gives `Err(its path)`. No
/// folder handle outlives its listing.
pub fn entries_below(dir: &Path, want_meta: &WantMeta<'_>) -> Vec<Result<Entry, String>> {
    below(dir, "", want_meta)
}

fn below(dir: &Path, rel: &str, want_meta: &WantMeta<'_>) -> Vec<Result<Entry, String>> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return vec![Err(rel.to_string())];
    };
    let mut out = Vec::new();
    let mut folders = Vec::new();
    for e in rd {
        let Ok(entry) = e else {
            out.push(Err(rel.to_string()));
            continue;
        };
        let Ok(file_type) = entry.file_type() else {
            out.push(Err(rel.to_string()));
            continue;
        };
        let name = entry.file_name();
        let name = name
            .to_str()
            .map_or_else(|| format!("{name:?}"), str::to_string);
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if file_type.is_dir() {
            folders.push((entry.path(), path.clone()));
        }
        let meta = want_meta(&path, file_type)
            .then(|| entry.metadata().ok())
            .flatten();
        out.push(Ok(Entry {
            rel: path,
            file_type,
            meta,
        }));
    }
    if folders.len() == 1 {
        // No task for a lone folder (the version records are one folder per brief).
        if let Some((p, r)) = folders.pop() {
            out.extend(below(&p, &r, want_meta));
        }
        return out;
    }
    let deeper: Vec<Result<Entry, String>> = folders
        .into_par_iter()
        .flat_map_iter(|(p, r)| below(&p, &r, want_meta))
        .collect();
    out.extend(deeper);
    out
}

/// Hashes every listed entry, reading files in parallel.
fn summed(root: &Path, found: Vec<Listed>) -> Entries {
    found
        .into_par_iter()
        .map(|l| {
            let abs = root.join(&l.rel);
            let h = match l.kind {
                Kind::Missing => described("missing", b""),
                Kind::Dir => described("dir", b""),
                Kind::Other => described("other", b""),
                Kind::Read => match content_hash(&abs) {
                    Ok(h) => described("file", h.as_bytes()),
                    Err(e) => described("unreadable", e.kind().to_string().as_bytes()),
                },
                Kind::Stamped(m) => described("stamp", stamp(&m).as_bytes()),
                Kind::Link => match std::fs::canonicalize(&abs) {
                    Ok(target) => described("link", target.to_string_lossy().as_bytes()),
                    Err(_) => described("dangling link", b""),
                },
            };
            (l.rel, h)
        })
        .collect()
}

/// blake3 of a file's bytes, read without asking for its size first.
fn content_hash(path: &Path) -> std::io::Result<blake3::Hash> {
    let mut h = blake3::Hasher::new();
    h.update_reader(std::fs::File::open(path)?)?;
    Ok(h.finalize())
}

/// Length, modification and change times, inode: any write changes one of them.
fn stamp(m: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{} {}.{} {}.{} {} {}",
            m.len(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec(),
            m.ino(),
            m.dev()
        )
    }
    #[cfg(not(unix))]
    {
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{} {mtime}", m.len())
    }
}

fn described(kind: &str, detail: &[u8]) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(kind.as_bytes());
    h.update(&[0]);
    h.update(detail);
    h.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_files_are_stamped_and_read_ones_hashed() {
        assert!(is_only_copied("content/assets/kit/reel.mp4"));
        assert!(is_only_copied("static/logo.svg"));
        assert!(is_only_copied("themes/mine/static/site.css"));
        assert!(!is_only_copied("content/assets/kit/photo.JPG"));
        assert!(!is_only_copied("content/assets/kit/photo.toml"));
        assert!(!is_only_copied("themes/mine/templates/base.html"));
        assert!(!is_only_copied("content/campaigns/glow/briefs/mia.md"));
    }
}
