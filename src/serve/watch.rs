//! Watching the portal for edits: which folders are watched, which changes count (not the output
//! or cache folders, not editor swap and temp files), and gathering a burst of events into one
//! rebuild.

use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// The portal folders whose contents feed a build (besides `portal.toml` at the root).
pub const SOURCE_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// By default a burst ends after this much quiet… Editors write a save as a few events within a
/// millisecond (truncate and write, or write a temporary file and rename it); a "save all" or a
/// `git checkout` is as quick. Every millisecond here is added to each edit's time to the browser.
pub const QUIET: Duration = Duration::from_millis(10);
/// …or this long after its first event, whichever comes first.
const MAX_BURST: Duration = Duration::from_millis(300);

/// How [`next_burst`] waits.
#[derive(Debug, Clone, Copy)]
pub struct Burst {
    /// How often the stop flag is looked at while nothing happens.
    pub tick: Duration,
    /// The quiet that ends a burst.
    pub quiet: Duration,
}

/// A file system watcher on a portal's sources.
pub struct PortalWatcher {
    root: PathBuf,
    inner: notify::RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
}

impl PortalWatcher {
    /// Watches `root` (canonical) and sends every relevant changed path to `tx`.
    pub fn new(root: &Path, ignored: Vec<PathBuf>, tx: Sender<PathBuf>) -> notify::Result<Self> {
        let filter = Filter {
            root: root.to_path_buf(),
            ignored,
        };
        let everything = root.to_path_buf();
        let inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Events were lost (the kernel's queue overflowed, or the watcher failed): report
            // the root, so nothing kept from earlier builds is trusted.
            let event = match res {
                Ok(e) if !e.need_rescan() => e,
                _ => {
                    let _ = tx.send(everything.clone());
                    return;
                }
            };
            if matches!(event.kind, EventKind::Access(_)) {
                return;
            }
            for p in event.paths {
                if filter.is_relevant(&p) {
                    let _ = tx.send(p);
                }
            }
        })?;
        let mut w = PortalWatcher {
            root: root.to_path_buf(),
            inner,
            watched: BTreeSet::new(),
        };
        w.inner.watch(root, RecursiveMode::NonRecursive)?;
        w.refresh();
        Ok(w)
    }

    /// Starts watching source folders created since the last call (e.g. a new `templates/`).
    pub fn refresh(&mut self) {
        for dir in SOURCE_DIRS {
            let p = self.root.join(dir);
            if p.is_dir() && !self.watched.contains(&p) {
                if self.inner.watch(&p, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(p);
                }
            } else if !p.is_dir() && self.watched.remove(&p) {
                let _ = self.inner.unwatch(&p);
            }
        }
    }
}

/// Decides which changed paths matter to a build.
#[derive(Debug, Clone)]
pub struct Filter {
    /// The portal root (canonical).
    pub root: PathBuf,
    /// Folders never to react to (the output folder when it lies inside the portal).
    pub ignored: Vec<PathBuf>,
}

impl Filter {
    /// Whether a change at `path` should trigger a rebuild.
    pub fn is_relevant(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        match parts.as_slice() {
            [] => false,
            [one] => *one == "portal.toml" || SOURCE_DIRS.contains(one),
            [first, ..] => {
                SOURCE_DIRS.contains(first)
                    && !parts.iter().any(|p| *p == ".campsite" || *p == ".git")
                    && !parts.last().is_some_and(|n| is_editor_temp(n))
            }
        }
    }
}

/// Swap, backup and temp files of common editors (vim, emacs, JetBrains, Kate, VS Code, macOS).
pub fn is_editor_temp(name: &str) -> bool {
    const SUFFIXES: [&str; 10] = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".tmp",
        ".crswap",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
        ".part",
    ];
    name == "4913"
        || name == ".DS_Store"
        || name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Waits for the next burst of changes and returns its paths (sorted, without repeats);
/// `None` once `rx` is closed or `stop` says so. Checks `stop` at least every `burst.tick`.
/// Changes made while a build runs wait in `rx` and make one burst when it is done.
pub fn next_burst(
    rx: &Receiver<PathBuf>,
    burst: Burst,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<PathBuf>> {
    let first = loop {
        if stop() {
            return None;
        }
        match rx.recv_timeout(burst.tick) {
            Ok(p) => break p,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    };
    let started = Instant::now();
    let mut paths = BTreeSet::from([first]);
    while started.elapsed() < MAX_BURST {
        match rx.recv_timeout(burst.quiet) {
            Ok(p) => {
                paths.insert(p);
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(paths.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> Filter {
        Filter {
            root: PathBuf::from("/p"),
            ignored: vec![PathBuf::from("/p/content/out")],
        }
    }

    #[test]
    fn sources_count() {
        let f = filter();
        for p in [
            "/p/portal.toml",
            "/p/content/campaigns/a/briefs/mia.md",
            "/p/templates/brief.html",
            "/p/static/logo.svg",
            "/p/themes/x/static/a.css",
            "/p/templates",
        ] {
            assert!(f.is_relevant(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn output_cache_and_editor_files_do_not() {
        let f = filter();
        for p in [
            "/p/public/index.html",
            "/p/.campsite/cache/x",
            "/p/content/.campsite/x",
            "/p/content/out/x.html",
            "/p/target/debug/x",
            "/p/README.md",
            "/p/content/campaigns/a/briefs/.mia.md.swp",
            "/p/content/campaigns/a/briefs/mia.md~",
            "/p/content/campaigns/a/briefs/4913",
            "/p/content/campaigns/a/briefs/.#mia.md",
            "/p/content/campaigns/a/briefs/#mia.md#",
            "/p/content/x.md___jb_tmp___",
            "/elsewhere/portal.toml",
        ] {
            assert!(!f.is_relevant(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn a_burst_becomes_one_batch() {
        let (tx, rx) = std::sync::mpsc::channel();
        for p in ["/p/a", "/p/b", "/p/a"] {
            tx.send(PathBuf::from(p)).unwrap();
        }
        let burst = Burst {
            tick: Duration::from_millis(10),
            quiet: QUIET,
        };
        let batch = next_burst(&rx, burst, &|| false).unwrap();
        assert_eq!(batch, vec![PathBuf::from("/p/a"), PathBuf::from("/p/b")]);
        drop(tx);
        assert_eq!(next_burst(&rx, burst, &|| false), None);
    }
}
