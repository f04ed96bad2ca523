//! Output: the only writer of the output folder. Every build is written to a staging folder
//! beside the output and swapped into place ([`swap`]): the folder is always exactly the
//! previous build or exactly the new one. A rebuild hard-links the files whose content did not
//! change (fingerprints are kept in the `.campsite-output` marker) from the previous build,
//! reading only regular files found inside it (never through a symlink), and writes the rest.
//! `guard` decides whether a folder may be replaced, `marker` reads and writes the marker,
//! [`swap`] stages and swaps; this file is the in-place update ([`Target`]).

mod guard;
mod marker;
pub mod swap;
pub mod uptodate;
pub mod versions;

pub use guard::{check_output_dir, resolved};
use marker::{Manifest, Recorded, fingerprint, read_manifest, write_manifest};

use crate::render::memo::Memo;
use crate::render::{Output, Site, SitePath};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
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

/// Where a build goes: the staging folder it is written to, and what the previous build left
/// (its marker, and the regular files really inside it). Opened before rendering, so that pages
/// can be written as they are made ([`Target::write_early`]) and a rebuild can keep unchanged
/// campaigns ([`Target::memo`]).
#[derive(Debug)]
pub struct Target {
    out: PathBuf,
    staging: Staging,
    old: BTreeMap<String, Recorded>,
    /// The previous build's regular files and their sizes.
    old_files: HashMap<String, u64>,
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
        let old = read_manifest(&out).unwrap_or_default().files;
        let old_files = if old.is_empty() {
            HashMap::new()
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
            && self.still_there(path)
    }

    /// Whether the previous build's `path` is still a regular file inside it, of the size the
    /// marker recorded (when it recorded one): a file cut short or replaced is not reused.
    fn still_there(&self, path: &str) -> bool {
        let recorded = self.old.get(path).and_then(|r| r.size);
        self.old_files
            .get(path)
            .is_some_and(|n| recorded.is_none_or(|r| r == *n))
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
        let whole = groups
            .into_iter()
            .filter(|(_, files)| files.iter().all(|(p, _)| self.still_there(p.as_str())));
        Memo::from_records(whole.flat_map(|(g, files)| {
            files
                .into_iter()
                .map(move |(p, f)| (g.to_string(), p.clone(), f.clone()))
        }))
    }

    /// Puts one file of the site into the staging folder now, while rendering — written, or
    /// hard-linked from the previous build when its content did not change — and returns its
    /// fingerprint; `None` when it did not (an error the final write reports).
    pub fn write_early(&self, path: &SitePath, o: &Output) -> Option<String> {
        let path = path.as_str();
        if path == MARKER || matches!(o, Output::Kept(_)) {
            return None;
        }
        let fp = fingerprint(o).into_owned();
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
        self.write_keyed(site, None)
    }

    /// [`Target::write`], recording the whole build's key (`crate::uptodate`) in the marker.
    pub fn write_keyed(self, site: &Site, key: Option<&str>) -> Result<WriteStats, OutputError> {
        // Every path is a `SitePath` checked by `Site::add`; only the marker's own name is
        // reserved here.
        if site.files.contains_key(MARKER) {
            return Err(OutputError::Refused {
                path: self.out.join(MARKER),
                reason: "a site file may not take the marker's name".into(),
            });
        }
        let fingerprints: BTreeMap<&str, Cow<'_, str>> = site
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
        // Sizes as staged, so the next build can tell a file changed or cut short by a stat.
        let sizes: BTreeMap<&str, u64> = site
            .files
            .par_iter()
            .filter_map(|(p, _)| {
                let m = std::fs::symlink_metadata(dir.join(p)).ok()?;
                Some((p.as_str(), m.len()))
            })
            .collect();
        let manifest = Manifest {
            fingerprints: &fingerprints,
            sizes: &sizes,
            groups: &site.groups,
            key,
        };
        let marker = dir.join(MARKER);
        let file = std::fs::File::create(&marker).map_err(io_err(&marker))?;
        let mut w = std::io::BufWriter::new(file);
        write_manifest(&mut w, &manifest)
            .and_then(|()| w.flush())
            .map_err(io_err(&marker))?;
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
        fingerprints: &BTreeMap<&str, Cow<'_, str>>,
    ) -> Result<Done, OutputError> {
        let staged = self.staging.dir.join(p);
        if let Output::Kept(_) = o {
            if std::fs::symlink_metadata(&staged).is_ok_and(|m| m.is_file()) {
                return Ok(Done::Early);
            }
            if self.still_there(p) {
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

/// The regular files below `out` (site paths) and their sizes, not following any symlink: a
/// planted link and whatever lies behind it are never read, written or deleted.
fn regular_files(out: &Path) -> HashMap<String, u64> {
    walkdir::WalkDir::new(out)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            let size = e.metadata().ok()?.len();
            Some((rel.to_string_lossy().replace('\\', "/"), size))
        })
        .collect()
}

/// Writes `site` to `out` in one go: [`Target::open`], then [`Target::write`].
pub fn write_site(site: &Site, root: &Path, out: &Path) -> Result<WriteStats, OutputError> {
    Target::open(root, out)?.write(site)
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
