//! Output: the only writer of the output folder. A first build is written to a staging folder
//! beside the output and renamed into place; a rebuild rewrites only files whose content changed
//! (fingerprints are kept in the `.campsite-output` marker), staged under temporary names until
//! every one is written. A failure before that point leaves the previous output exactly as it was.

pub mod versions;

use crate::render::memo::Memo;
use crate::render::{Output, Site};
use rayon::prelude::*;
use std::collections::BTreeMap;
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
    /// Files left as they were (content unchanged since the last build).
    pub unchanged: usize,
    /// Bytes written by the write stage (not counting pages a first build wrote while
    /// rendering).
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

/// Where a build goes: a first build into a staging folder, or a rebuild over campsite's own
/// output (whose marker was read once, here). Opened before rendering, so that a first build can
/// write pages as they are made and a rebuild can keep unchanged campaigns ([`Target::memo`]).
#[derive(Debug)]
pub struct Target {
    out: PathBuf,
    kind: TargetKind,
}

#[derive(Debug)]
enum TargetKind {
    First(Staging),
    Rebuild(BTreeMap<String, Recorded>),
}

impl Target {
    /// Checks `out` (see [`check_output_dir`]) and reads its marker; a folder without one gets a
    /// staging folder.
    pub fn open(root: &Path, out: &Path) -> Result<Target, OutputError> {
        check_output_dir(root, out)?;
        let out = absolute(out);
        let kind = match read_manifest(&out) {
            Some(old) => TargetKind::Rebuild(old),
            None => TargetKind::First(Staging::create(&out)?),
        };
        Ok(Target { out, kind })
    }

    /// The staging folder of a first build, where pages may be written while rendering.
    pub fn staging(&self) -> Option<&Staging> {
        match &self.kind {
            TargetKind::First(s) => Some(s),
            TargetKind::Rebuild(_) => None,
        }
    }

    /// What the previous build produced per campaign key, for [`crate::render::memo`]: only
    /// campaigns whose every file is still there. Empty for a first build.
    pub fn memo(&self) -> Memo {
        let TargetKind::Rebuild(old) = &self.kind else {
            return Memo::default();
        };
        let mut groups: BTreeMap<&str, Vec<(&String, &String)>> = BTreeMap::new();
        for (path, rec) in old {
            if let Some(g) = &rec.group {
                groups.entry(g).or_default().push((path, &rec.fingerprint));
            }
        }
        let whole: Vec<(&str, Vec<(&String, &String)>)> = groups
            .into_par_iter()
            .filter(|(_, files)| {
                files
                    .iter()
                    .all(|(p, _)| check_site_path(p) && self.out.join(p).is_file())
            })
            .collect();
        Memo::from_records(whole.into_iter().flat_map(|(g, files)| {
            files
                .into_iter()
                .map(move |(p, f)| (g.to_string(), p.clone(), f.clone()))
        }))
    }

    /// Writes `site` (see the module docs): a first build finishes its staging folder and renames
    /// it into place; a rebuild writes only the files whose content changed, each first to a
    /// temporary name, renames them into place only once every one was written, then removes the
    /// files the site no longer has. Files already written while rendering are `Output::Kept`.
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
        let manifest = Manifest {
            fingerprints: &fingerprints,
            groups: &site.groups,
        };
        match self.kind {
            TargetKind::Rebuild(old) => update_in_place(site, &self.out, &old, &manifest),
            TargetKind::First(staging) => fresh_write(site, &self.out, &manifest, staging),
        }
    }
}

/// Writes `site` to `out` in one go: [`Target::open`], then [`Target::write`].
pub fn write_site(site: &Site, root: &Path, out: &Path) -> Result<WriteStats, OutputError> {
    Target::open(root, out)?.write(site)
}

/// A folder beside the output where a first build is written before it is renamed into place.
/// Removed when dropped unless it was swapped in.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    done: bool,
}

impl Staging {
    fn create(out: &Path) -> Result<Staging, OutputError> {
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let dir = parent.join(format!(
            ".{}.campsite-staging-{}",
            out_name(out),
            std::process::id()
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging { dir, done: false })
    }

    /// Writes one file of the site now; its fingerprint when written, `None` when it could not
    /// be (the final write tries again and reports the error).
    pub fn write(&self, path: &str, o: &Output) -> Option<String> {
        if !check_site_path(path) || path == MARKER || matches!(o, Output::Kept(_)) {
            return None;
        }
        let target = self.dir.join(path);
        if let Some(d) = target.parent() {
            std::fs::create_dir_all(d).ok()?;
        }
        write_one(&target, o).ok()?;
        Some(fingerprint(o))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn out_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
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
    let text = std::fs::read_to_string(out.join(MARKER)).ok()?;
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
                Some((path.to_string(), rec))
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

fn fresh_write(
    site: &Site,
    out: &Path,
    manifest: &Manifest<'_>,
    mut staging: Staging,
) -> Result<WriteStats, OutputError> {
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = out_name(out);
    let dir = staging.dir.clone();
    // Files already written while rendering are `Kept`; write the rest.
    let rest: Vec<(&String, &Output)> = site
        .files
        .iter()
        .filter(|(_, o)| !matches!(o, Output::Kept(_)))
        .collect();
    create_dirs(&dir, rest.iter().map(|(p, _)| p.as_str()))?;
    let bytes: Vec<u64> = rest
        .par_iter()
        .map(|(p, o)| write_one(&dir.join(p), o))
        .collect::<Result<_, _>>()?;
    let marker = dir.join(MARKER);
    std::fs::write(&marker, manifest_text(manifest)).map_err(io_err(&marker))?;
    swap_in(&dir, out, &parent, &name)?;
    staging.done = true;
    Ok(WriteStats {
        files: site.files.len(),
        unchanged: 0,
        bytes: bytes.iter().sum(),
        reused: 0,
    })
}

fn temp_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.campsite-tmp"))
}

fn update_in_place(
    site: &Site,
    out: &Path,
    old: &BTreeMap<String, Recorded>,
    manifest: &Manifest<'_>,
) -> Result<WriteStats, OutputError> {
    let changed: Vec<(&String, &Output)> = site
        .files
        .par_iter()
        .filter(|(p, _)| {
            old.get(p.as_str()).map(|r| &r.fingerprint) != manifest.fingerprints.get(p.as_str())
                || !out.join(p).is_file()
        })
        .collect();
    create_dirs(out, changed.iter().map(|(p, _)| p.as_str()))?;
    // Phase 1: every changed file under a temporary name; on failure, remove them all.
    let written: Result<Vec<u64>, OutputError> = changed
        .par_iter()
        .map(|(p, o)| write_one(&temp_name(&out.join(p)), o))
        .collect();
    let bytes = match written {
        Ok(b) => b,
        Err(e) => {
            for (p, _) in &changed {
                let _ = std::fs::remove_file(temp_name(&out.join(p)));
            }
            return Err(e);
        }
    };
    // Phase 2: rename into place, drop what the site no longer has, record the manifest.
    for (p, _) in &changed {
        let target = out.join(p);
        std::fs::rename(temp_name(&target), &target).map_err(io_err(&target))?;
    }
    let mut emptied: Vec<PathBuf> = Vec::new();
    for p in old.keys() {
        if !site.files.contains_key(p) && check_site_path(p) {
            let target = out.join(p);
            let _ = std::fs::remove_file(&target);
            if let Some(d) = target.parent() {
                emptied.push(d.to_path_buf());
            }
        }
    }
    emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in emptied {
        let mut dir = d.as_path();
        while dir.starts_with(out) && dir != out && std::fs::remove_dir(dir).is_ok() {
            match dir.parent() {
                Some(p) => dir = p,
                None => break,
            }
        }
    }
    let marker = out.join(MARKER);
    let tmp = temp_name(&marker);
    std::fs::write(&tmp, manifest_text(manifest)).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, &marker).map_err(io_err(&marker))?;
    Ok(WriteStats {
        files: bytes.len(),
        unchanged: site.files.len() - changed.len(),
        bytes: bytes.iter().sum(),
        reused: site
            .files
            .values()
            .filter(|o| matches!(o, Output::Kept(_)))
            .count(),
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
