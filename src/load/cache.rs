//! Reuse of unchanged files between loads, for `serve`: what reading and parsing a file gave
//! (its record, or the diagnostic it failed with) is kept under the file's path with the stamp
//! of its metadata (modification and change times, size, inode), and given back while the stamp
//! is the same. A path the watcher reported is forgotten whatever its stamp says, so a save
//! within one tick of a coarse file-system clock is still read again.

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    modified: Option<SystemTime>,
    changed: (i64, i64),
    len: u64,
    inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (following links), when it can be read.
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            changed: (meta.ctime(), meta.ctime_nsec()),
            len: meta.len(),
            inode: meta.ino(),
        })
    }
}

struct Entry {
    stamp: Stamp,
    value: Arc<dyn Any + Send + Sync>,
}

/// Files read by earlier loads, by absolute path. Shared by the load's threads.
#[derive(Default)]
pub struct LoadCache {
    entries: Mutex<HashMap<PathBuf, Entry>>,
}

impl std::fmt::Debug for LoadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadCache")
            .field("files", &self.lock().len())
            .finish()
    }
}

impl LoadCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets `paths` (files the watcher saw change, or folders: everything below them).
    pub fn forget(&self, paths: &[PathBuf]) {
        let mut entries = self.lock();
        for p in paths {
            // A kept file is forgotten by its key; anything else may be a folder (or a new or
            // deleted file): everything below it goes.
            if entries.remove(p).is_none() {
                entries.retain(|k, _| !k.starts_with(p));
            }
        }
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What `read` gives for `path`: the kept value while the file's stamp has not changed,
    /// else `read()`'s, kept for next time. The stamp is taken before reading, so a file
    /// changed during the read has a newer stamp than the one kept and is read again.
    pub fn reuse<T, F>(&self, path: &Path, read: F) -> T
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> T,
    {
        let Some(stamp) = Stamp::of(path) else {
            return read();
        };
        let kept = self
            .lock()
            .get(path)
            .filter(|e| e.stamp == stamp)
            .map(|e| Arc::clone(&e.value));
        if let Some(v) = kept.as_deref().and_then(|v| v.downcast_ref::<T>()) {
            return v.clone();
        }
        let value = read();
        self.lock().insert(
            path.to_path_buf(),
            Entry {
                stamp,
                value: Arc::new(value.clone()),
            },
        );
        value
    }
}

/// [`LoadCache::reuse`] when there is a cache, else just `read()`.
pub fn reuse<T, F>(cache: Option<&LoadCache>, path: &Path, read: F) -> T
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> T,
{
    match cache {
        Some(c) => c.reuse(path, read),
        None => read(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn unchanged_files_are_read_once_and_changed_or_forgotten_ones_again() {
        let dir = std::env::temp_dir().join(format!("campsite-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.toml");
        std::fs::write(&file, "one").unwrap();
        let cache = LoadCache::default();
        let reads = AtomicUsize::new(0);
        let read = || {
            reads.fetch_add(1, Ordering::SeqCst);
            std::fs::read_to_string(&file).unwrap()
        };
        assert_eq!(cache.reuse(&file, read), "one");
        assert_eq!(cache.reuse(&file, read), "one");
        assert_eq!(
            reads.load(Ordering::SeqCst),
            1,
            "the second load reused the first"
        );

        std::fs::write(&file, "two, longer").unwrap();
        assert_eq!(cache.reuse(&file, read), "two, longer");
        assert_eq!(reads.load(Ordering::SeqCst), 2, "a new stamp is read again");

        cache.forget(std::slice::from_ref(&dir));
        assert!(cache.is_empty());
        assert_eq!(cache.reuse(&file, read), "two, longer");
        assert_eq!(
            reads.load(Ordering::SeqCst),
            3,
            "a forgotten file is read again"
        );

        std::fs::remove_file(&file).unwrap();
        let gone = || String::from("missing");
        assert_eq!(
            cache.reuse(&file, gone),
            "missing",
            "no stamp: read, not kept"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
