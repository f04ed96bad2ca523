//! Output: the only writer of the output folder. Every build is written to a staging folder
//! beside the output and swapped into place ([`swap`]): the folder is always exactly the
//! previous build or exactly the new one. A rebuild hard-links the files whose content did not
//! change (fingerprints are kept in the `.campsite-output` marker) from the previous build,
//! reading only regular files found inside it (never through a symlink), and writes the rest.

pub mod swap;

pub mod versions;

use crate::render::memo::Memo;
use crate::render::{Output, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use swap::Staging;

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
    /// Files whose content was written (new or changed).
    pub files: usize,
    /// Files carried over from the previous build (content unchanged).
    pub unchanged: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Of the unchanged files, those kept from the previous build without rendering them.
    pub reused: usize,
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

/// Checks that a site path stays inside the output folder.
pub fn check_site_path(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains('\0')
        && p.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Where a build goes: the staging folder it is written to, and what the previous build left
/// (its marker, and the regular files really inside it). Opened before rendering, so that pages
/// can be written as they are made ([`Target::write_early`]) and a rebuild can keep unchanged
/// campaigns ([`Target::memo`]).
#[derive(Debug)]
pub struct Target {
    out: PathBuf,
    staging: Staging,
    old: BTreeMap<String, Recorded>,
    old_files: HashSet<String>,
    early_files: AtomicUsize,
    /// Files linked from the previous build while rendering (rendered, content unchanged).
    early_carried: AtomicUsize,
    early_bytes: AtomicU64,
}

impl Target {
    /// Resolves `out` (symlinks included), checks it (see [`check_output_dir`]), recovers from
    /// an interrupted build ([`swap::recover`]), reads the marker and lists the previous build's
    /// regular files, and creates the staging folder.
    pub fn open(root: &Path, out: &Path) -> Result<Target, OutputError> {
        let out = resolved(out);
        check_output_dir(root, &out)?;
        swap::recover(&out)?;
        let old = read_manifest(&out).unwrap_or_default();
        let old_files = if old.is_empty() {
            HashSet::new()
        } else {
            regular_files(&out)
        };
        Ok(Target {
            staging: Staging::create(&out)?,
            out,
            old,
            old_files,
            early_files: AtomicUsize::new(0),
            early_carried: AtomicUsize::new(0),
            early_bytes: AtomicU64::new(0),
        })
    }

    /// Whether the previous build has `path` with this fingerprint, as a regular file inside it.
    fn unchanged(&self, path: &str, fingerprint: &str) -> bool {
        self.old
            .get(path)
            .is_some_and(|r| r.fingerprint == fingerprint)
            && self.old_files.contains(path)
    }

    /// What the previous build produced per campaign key, for [`crate::render::memo`]: only
    /// campaigns whose every file is still there as a regular file. Empty for a first build.
    pub fn memo(&self) -> Memo {
        let mut groups: BTreeMap<&str, Vec<(&String, &String)>> = BTreeMap::new();
        for (path, rec) in &self.old {
            if let Some(g) = &rec.group {
                groups.entry(g).or_default().push((path, &rec.fingerprint));
            }
        }
        let whole = groups.into_iter().filter(|(_, files)| {
            files
                .iter()
                .all(|(p, _)| check_site_path(p) && self.old_files.contains(p.as_str()))
        });
        Memo::from_records(whole.flat_map(|(g, files)| {
            files
                .into_iter()
                .map(move |(p, f)| (g.to_string(), p.clone(), f.clone()))
        }))
    }

    /// Puts one file of the site into the staging folder now, while rendering — written, or
    /// hard-linked from the previous build when its content did not change — and returns its
    /// fingerprint; `None` when it did not (an error the final write reports).
    pub fn write_early(&self, path: &str, o: &Output) -> Option<String> {
        if !check_site_path(path) || path == MARKER || matches!(o, Output::Kept(_)) {
            return None;
        }
        let fp = fingerprint(o);
        let target = self.staging.dir.join(path);
        if let Some(d) = target.parent() {
            std::fs::create_dir_all(d).ok()?;
        }
        if self.unchanged(path, &fp) {
            self.carry_over(path, &target).ok()?;
            self.early_carried.fetch_add(1, Ordering::Relaxed);
            return Some(fp);
        }
        let n = write_one(&target, o).ok()?;
        self.early_files.fetch_add(1, Ordering::Relaxed);
        self.early_bytes.fetch_add(n, Ordering::Relaxed);
        Some(fp)
    }

    /// Finishes the staging folder — files written while rendering are `Output::Kept` and
    /// there; unchanged files are hard-linked from the previous build; the rest written — then
    /// writes the marker and swaps the folder into place.
    pub fn write(self, site: &Site) -> Result<WriteStats, OutputError> {
        for p in site.files.keys() {
            if !check_site_path(p) || p == MARKER {
                return Err(OutputError::Refused {
                    path: self.out.join(p),
                    reason: "the path leaves the output folder".into(),
                });
            }
        }
        let fingerprints: BTreeMap<&str, String> = site
            .files
            .par_iter()
            .map(|(p, o)| (p.as_str(), fingerprint(o)))
            .collect();
        let dir = self.staging.dir.clone();
        create_dirs(&dir, site.files.keys().map(String::as_str))?;
        let done: Vec<Done> = site
            .files
            .par_iter()
            .map(|(p, o)| self.finish_one(p, o, &fingerprints))
            .collect::<Result<_, _>>()?;
        let manifest = Manifest {
            fingerprints: &fingerprints,
            groups: &site.groups,
        };
        let marker = dir.join(MARKER);
        std::fs::write(&marker, manifest_text(&manifest)).map_err(io_err(&marker))?;
        let early = self.early_files.load(Ordering::Relaxed);
        let stats = WriteStats {
            files: early + done.iter().filter(|d| matches!(d, Done::Wrote(_))).count(),
            unchanged: self.early_carried.load(Ordering::Relaxed)
                + done
                    .iter()
                    .filter(|d| !matches!(d, Done::Wrote(_) | Done::Early))
                    .count(),
            bytes: self.early_bytes.load(Ordering::Relaxed)
                + done
                    .iter()
                    .map(|d| if let Done::Wrote(n) = d { *n } else { 0 })
                    .sum::<u64>(),
            reused: done.iter().filter(|d| matches!(d, Done::Reused)).count(),
        };
        self.staging.swap_into(&self.out)?;
        Ok(stats)
    }

    fn finish_one(
        &self,
        p: &str,
        o: &Output,
        fingerprints: &BTreeMap<&str, String>,
    ) -> Result<Done, OutputError> {
        let staged = self.staging.dir.join(p);
        if let Output::Kept(_) = o {
            if std::fs::symlink_metadata(&staged).is_ok_and(|m| m.is_file()) {
                return Ok(Done::Early);
            }
            if self.old_files.contains(p) {
                self.carry_over(p, &staged)?;
                return Ok(Done::Reused);
            }
            return Err(io_err(&staged)(io::Error::new(
                io::ErrorKind::NotFound,
                "the file of the previous build disappeared during the build; build again",
            )));
        }
        if fingerprints.get(p).is_some_and(|fp| self.unchanged(p, fp)) {
            self.carry_over(p, &staged)?;
            return Ok(Done::Carried);
        }
        write_one(&staged, o).map(Done::Wrote)
    }

    /// Hard-links (or, across file systems, copies) a file of the previous build.
    fn carry_over(&self, p: &str, staged: &Path) -> Result<(), OutputError> {
        let from = self.out.join(p);
        std::fs::hard_link(&from, staged)
            .or_else(|_| std::fs::copy(&from, staged).map(|_| ()))
            .map_err(io_err(staged))
    }
}

/// How one file reached the staging folder.
enum Done {
    /// Written (or linked, unchanged) while rendering.
    Early,
    /// Written now (bytes).
    Wrote(u64),
    /// Kept from the previous build without rendering.
    Reused,
    /// Rendered, same content as the previous build: linked.
    Carried,
}

/// The regular files below `out` (site paths), not following any symlink: a planted link and
/// whatever lies behind it are never read, written or deleted.
fn regular_files(out: &Path) -> HashSet<String> {
    walkdir::WalkDir::new(out)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// Writes `site` to `out` in one go: [`Target::open`], then [`Target::write`].
pub fn write_site(site: &Site, root: &Path, out: &Path) -> Result<WriteStats, OutputError> {
    Target::open(root, out)?.write(site)
}

/// A stable fingerprint of a file's content: blake3 of rendered bytes; size and modification
/// time for files copied from the portal (hashing every original would read every image).
fn fingerprint(o: &Output) -> String {
    match o {
        Output::Bytes(b) => blake3::hash(b).to_hex().to_string(),
        Output::Static(b) => blake3::hash(b).to_hex().to_string(),
        Output::Kept(f) => f.clone(),
        Output::Copy(src) => {
            let meta = std::fs::metadata(src).ok();
            let len = meta.as_ref().map(|m| m.len()).unwrap_or(0);
            let mtime = meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("copy-{len}-{mtime}")
        }
    }
}

/// What the marker records: every file's content fingerprint, and the memo key of the campaign
/// that produced it.
struct Manifest<'a> {
    fingerprints: &'a BTreeMap<&'a str, String>,
    groups: &'a BTreeMap<String, String>,
}

fn manifest_text(m: &Manifest<'_>) -> String {
    let mut s = String::from(MARKER_HEADER);
    s.push_str(MARKER_FORMAT);
    for (p, f) in m.fingerprints {
        s.push_str(f);
        s.push(' ');
        s.push_str(m.groups.get(*p).map_or("-", String::as_str));
        s.push(' ');
        s.push_str(p);
        s.push('\n');
    }
    s
}

/// First line of the marker file; the rest lists `fingerprint group path` per file (`group` is
/// the campaign's memo key, or `-`).
const MARKER_HEADER: &str =
    "# This folder is written by campsite; files not listed below are removed on the next build.\n";
/// Second line; markers without it list `fingerprint path` (no groups: nothing is kept).
const MARKER_FORMAT: &str = "# format 2\n";

/// One file recorded in the marker.
#[derive(Debug)]
struct Recorded {
    fingerprint: String,
    group: Option<String>,
}

fn read_manifest(out: &Path) -> Option<BTreeMap<String, Recorded>> {
    let marker = out.join(MARKER);
    // A marker that is a symlink is not campsite's.
    if !std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let text = std::fs::read_to_string(marker).ok()?;
    let grouped = text.lines().any(|l| l == MARKER_FORMAT.trim_end());
    Some(
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (fingerprint, rest) = l.split_once(' ')?;
                let (group, path) = if grouped {
                    let (g, p) = rest.split_once(' ')?;
                    ((g != "-").then(|| g.to_string()), p)
                } else {
                    (None, rest)
                };
                let rec = Recorded {
                    fingerprint: fingerprint.to_string(),
                    group,
                };
                check_site_path(path).then(|| (path.to_string(), rec))
            })
            .collect(),
    )
}

fn write_one(target: &Path, o: &Output) -> Result<u64, OutputError> {
    match o {
        Output::Bytes(b) => std::fs::write(target, b).map(|_| b.len() as u64),
        Output::Static(b) => std::fs::write(target, b).map(|_| b.len() as u64),
        Output::Copy(src) => std::fs::copy(src, target),
        // Kept files are never rewritten; reaching here means the previous one went missing.
        Output::Kept(_) => Err(io::Error::new(
            io::ErrorKind::NotFound,
            "the file of the previous build disappeared during the build; build again",
        )),
    }
    .map_err(io_err(target))
}

fn create_dirs<'a>(base: &Path, paths: impl Iterator<Item = &'a str>) -> Result<(), OutputError> {
    let mut dirs: Vec<PathBuf> = paths
        .filter_map(|p| Path::new(p).parent().map(|d| base.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(io_err(d))?;
    }
    Ok(())
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
