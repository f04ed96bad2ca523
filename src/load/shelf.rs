//! Campaign folders kept between loads (`serve`): what a folder was made into (the validated
//! campaign), with what reading it found and its files' hashes, given back while no entry of the
//! folder changed and the inputs from outside it (a hash the caller gives) are the same. A save
//! to one brief then reads and validates one campaign, not every one.
//!
//! A folder's stamp lists every entry of the folder and of its `briefs/` with the stamp the load
//! cache uses (modification and change times, size, inode) and whether it is a symbolic link;
//! it is taken before the folder is read, so a file changed during the read is read again next
//! time. As with the load cache, a path the watcher reported is forgotten whatever its stamp
//! says ([`Shelf::forget`]), so a save within one tick of a coarse clock is not missed.
//!
//! A caller that reports every change (`serve`, with its file watcher) may say so
//! ([`Shelf::trust_reports`]): a kept folder is then given back without its stamp being taken
//! again (10,000 `stat` calls a save at 10,000 briefs), until a change in it is reported — but
//! for a folder holding a symbolic link, whose target's changes are reported under another path.

use super::cache::Stamp;
use super::hashes::FileHashes;
use crate::diagnostics::Diagnostics;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// What identifies the state of a campaign folder without reading its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FolderStamp(Vec<(u8, OsString, bool, Option<Stamp>)>);

impl FolderStamp {
    /// The stamp of `dir` (folder 0) and of `dir/briefs/` (folder 1), entry by entry, in name
    /// order.
    pub(super) fn of(dir: &Path) -> FolderStamp {
        let mut entries = Vec::new();
        for (i, folder) in [dir.to_path_buf(), dir.join("briefs")].iter().enumerate() {
            let Ok(read) = std::fs::read_dir(folder) else {
                continue;
            };
            for entry in read.flatten() {
                let link = entry.file_type().is_ok_and(|t| t.is_symlink());
                let stamp = Stamp::of(&entry.path());
                entries.push((i as u8, entry.file_name(), link, stamp));
            }
        }
        // By folder, then by name's bytes (a `Path` compares component by component: slower).
        entries.sort_unstable_by(|a, b| {
            (a.0, a.1.as_encoded_bytes()).cmp(&(b.0, b.1.as_encoded_bytes()))
        });
        FolderStamp(entries)
    }
}

/// What reading one folder gave: the caller's value, the folder's file hashes and what reading
/// and making it found.
pub(super) type Read<T> = (T, FileHashes, Diagnostics);

struct Shelved<T> {
    /// The folder holds a symbolic link: its stamp is always taken again.
    linked: bool,
    stamp: FolderStamp,
    inputs: blake3::Hash,
    read: Read<T>,
}

/// The campaign folders of the last load, by absolute path.
pub struct Shelf<T> {
    entries: Mutex<HashMap<PathBuf, Shelved<T>>>,
    /// Folders read (not found) since the last [`Shelf::keep_only`].
    reading: AtomicUsize,
    /// Folders the last load read.
    read: AtomicUsize,
    /// Every change is reported ([`Shelf::trust_reports`]).
    trusting: AtomicBool,
}

impl<T> Default for Shelf<T> {
    fn default() -> Self {
        Shelf {
            entries: Mutex::new(HashMap::new()),
            reading: AtomicUsize::new(0),
            read: AtomicUsize::new(0),
            trusting: AtomicBool::new(false),
        }
    }
}

impl<T: Clone> std::fmt::Debug for Shelf<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shelf")
            .field("folders", &self.lock().len())
            .finish()
    }
}

impl<T: Clone> Shelf<T> {
    fn lock(&self) -> MutexGuard<'_, HashMap<PathBuf, Shelved<T>>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets every folder that holds one of `paths` or lies below one of them.
    pub fn forget(&self, paths: &[PathBuf]) {
        self.lock().retain(|dir, _| {
            !paths
                .iter()
                .any(|p| p.starts_with(dir) || dir.starts_with(p))
        });
    }

    /// How many folders are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many folders the last load read, rather than found kept.
    pub fn read_last_load(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    /// Says that every change to the folders is reported to [`Shelf::forget`] from now on: a
    /// kept folder (with no link in it) is given back without taking its stamp again.
    pub fn trust_reports(&self) {
        self.trusting.store(true, Ordering::Relaxed);
    }

    /// What `dir` was read into, when changes are reported, none was about it, it holds no link
    /// and `inputs` are those it was read with.
    pub(super) fn find_reported(&self, dir: &Path, inputs: &blake3::Hash) -> Option<Read<T>> {
        if !self.trusting.load(Ordering::Relaxed) {
            return None;
        }
        let entries = self.lock();
        let kept = entries.get(dir)?;
        (!kept.linked && kept.inputs == *inputs).then(|| kept.read.clone())
    }

    /// What `dir` was read into, when its stamp and `inputs` are those it was read with.
    pub(super) fn find(
        &self,
        dir: &Path,
        stamp: &FolderStamp,
        inputs: &blake3::Hash,
    ) -> Option<Read<T>> {
        let entries = self.lock();
        let kept = entries.get(dir)?;
        (kept.stamp == *stamp && kept.inputs == *inputs).then(|| kept.read.clone())
    }

    /// Keeps what `dir` was read into, under its stamp taken before the read.
    pub(super) fn put(&self, dir: &Path, stamp: FolderStamp, inputs: blake3::Hash, read: &Read<T>) {
        self.reading.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(
            dir.to_path_buf(),
            Shelved {
                linked: stamp.0.iter().any(|e| e.2),
                stamp,
                inputs,
                read: read.clone(),
            },
        );
    }

    /// Ends a load: drops every folder but `dirs` (those it listed).
    pub(super) fn keep_only(&self, dirs: &[PathBuf]) {
        let listed: std::collections::HashSet<&PathBuf> = dirs.iter().collect();
        self.lock().retain(|dir, _| listed.contains(dir));
        let read = self.reading.swap(0, Ordering::Relaxed);
        self.read.store(read, Ordering::Relaxed);
    }
}

/// A shelf and how to hash a folder's inputs from outside it (by folder name), for
/// [`super::Loaded::read_campaigns`].
pub struct Shelving<'a, T> {
    /// The folders kept.
    pub shelf: &'a Shelf<T>,
    /// The hash of what making a folder reads besides its own files.
    pub inputs: &'a (dyn Fn(&str) -> blake3::Hash + Sync),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("campsite-shelf-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("briefs")).unwrap();
        std::fs::write(dir.join("campaign.toml"), "title = \"A\"\n").unwrap();
        std::fs::write(dir.join("briefs/ana.md"), "+++\n+++\nHi\n").unwrap();
        dir
    }

    fn read(value: u32) -> Read<u32> {
        (value, FileHashes::default(), Diagnostics::new())
    }

    fn kept(shelf: &Shelf<u32>, dir: &Path, inputs: &blake3::Hash) -> Option<u32> {
        shelf.find(dir, &FolderStamp::of(dir), inputs).map(|r| r.0)
    }

    #[test]
    fn a_folder_is_given_back_until_a_file_of_it_or_its_inputs_change() {
        let dir = folder("change");
        let shelf = Shelf::default();
        let inputs = blake3::hash(b"portal");
        shelf.put(&dir, FolderStamp::of(&dir), inputs, &read(7));
        assert_eq!(kept(&shelf, &dir, &inputs), Some(7));
        assert_eq!(
            kept(&shelf, &dir, &blake3::hash(b"other")),
            None,
            "inputs changed"
        );

        std::fs::write(dir.join("briefs/ana.md"), "+++\n+++\nHello there\n").unwrap();
        assert_eq!(kept(&shelf, &dir, &inputs), None, "a brief was edited");

        shelf.put(&dir, FolderStamp::of(&dir), inputs, &read(8));
        std::fs::write(dir.join("briefs/bo.md"), "+++\n+++\n").unwrap();
        assert_eq!(kept(&shelf, &dir, &inputs), None, "a brief was added");

        shelf.put(&dir, FolderStamp::of(&dir), inputs, &read(9));
        std::fs::rename(dir.join("briefs/bo.md"), dir.join("briefs/cy.md")).unwrap();
        assert_eq!(kept(&shelf, &dir, &inputs), None, "a brief was renamed");

        shelf.put(&dir, FolderStamp::of(&dir), inputs, &read(10));
        std::fs::remove_file(dir.join("campaign.toml")).unwrap();
        assert_eq!(
            kept(&shelf, &dir, &inputs),
            None,
            "campaign.toml was deleted"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn when_changes_are_reported_a_folder_is_kept_until_one_is_about_it_but_a_linked_one() {
        let (dir, linked) = (folder("trust"), folder("trust-link"));
        std::os::unix::fs::symlink(dir.join("briefs/ana.md"), linked.join("briefs/bo.md")).unwrap();
        let shelf = Shelf::default();
        let inputs = blake3::hash(b"portal");
        shelf.put(&dir, FolderStamp::of(&dir), inputs, &read(1));
        shelf.put(&linked, FolderStamp::of(&linked), inputs, &read(2));
        let found = |d: &Path| shelf.find_reported(d, &inputs).map(|r| r.0);
        assert_eq!(found(&dir), None, "not trusting yet");
        shelf.trust_reports();
        assert_eq!(found(&dir), Some(1));
        assert_eq!(
            found(&linked),
            None,
            "a folder with a link is stamped again"
        );
        assert_eq!(
            shelf
                .find_reported(&dir, &blake3::hash(b"other"))
                .map(|r| r.0),
            None
        );
        shelf.forget(&[dir.join("briefs/ana.md")]);
        assert_eq!(found(&dir), None, "a change in it was reported");
        for d in [dir, linked] {
            let _ = std::fs::remove_dir_all(d);
        }
    }

    #[test]
    fn a_reported_path_is_forgotten_whatever_its_stamp_and_unlisted_folders_are_dropped() {
        let (a, b) = (folder("forget-a"), folder("forget-b"));
        let shelf = Shelf::default();
        let inputs = blake3::hash(b"portal");
        shelf.put(&a, FolderStamp::of(&a), inputs, &read(1));
        shelf.put(&b, FolderStamp::of(&b), inputs, &read(2));
        shelf.forget(&[a.join("briefs/ana.md")]);
        assert_eq!(
            kept(&shelf, &a, &inputs),
            None,
            "a file inside was reported"
        );
        assert_eq!(kept(&shelf, &b, &inputs), Some(2));
        shelf.forget(&[b.parent().unwrap().to_path_buf()]);
        assert!(shelf.is_empty(), "a folder above was reported");

        shelf.put(&a, FolderStamp::of(&a), inputs, &read(1));
        shelf.put(&b, FolderStamp::of(&b), inputs, &read(2));
        shelf.keep_only(std::slice::from_ref(&b));
        assert_eq!((shelf.len(), kept(&shelf, &b, &inputs)), (1, Some(2)));
        for d in [a, b] {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}
