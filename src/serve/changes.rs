//! What a rebuild changed, in the terms an open tab needs: which pages to reload, which
//! stylesheets to swap in place, and whether every tab must reload. Computed once per build by
//! comparing the new site with the one it replaces; each tab's poll then asks about its own page.

use crate::render::{Output, Site};
use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;

/// How many builds' changes are kept for tabs that poll with an older version; a tab further
/// behind reloads.
const HISTORY: usize = 64;

/// The difference between two served builds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Site keys (`b/<token>/index.html`, `brief.ics`…) added, removed or with other bytes,
    /// stylesheets excepted.
    pub files: BTreeSet<String>,
    /// Stylesheets (site keys ending in `.css`) added, removed or changed: swapped, not reloaded.
    pub css: BTreeSet<String>,
    /// Every tab reloads: a script, image or other subresource any page may use changed, or a
    /// build failed or recovered (the overlay comes or goes).
    pub everything: bool,
}

impl Changes {
    /// A change every tab reloads for.
    pub fn everything() -> Self {
        Changes {
            everything: true,
            ..Changes::default()
        }
    }

    /// Compares `next` with `previous`. `touched` are the absolute paths the watcher reported:
    /// a file copied from the portal (`Output::Copy`) keeps its output when its content changes,
    /// so it counts as changed when its path was touched.
    pub fn between(previous: &Site, next: &Site, touched: &[PathBuf]) -> Self {
        let mut changes = Changes::default();
        // Both maps are in path order: walk them side by side (20,000 lookups cost more).
        let (mut before, mut after) = (previous.files.iter(), next.files.iter());
        let (mut b, mut a) = (before.next(), after.next());
        loop {
            match (b, a) {
                (None, None) => break,
                (Some((kb, ob)), Some((ka, oa))) if kb == ka => {
                    if !same(ob, oa, touched) {
                        changes.add(kb, Some(ob));
                    }
                    (b, a) = (before.next(), after.next());
                }
                (Some((kb, ob)), Some((ka, _))) if kb < ka => {
                    changes.add(kb, Some(ob));
                    b = before.next();
                }
                (Some((kb, ob)), None) => {
                    changes.add(kb, Some(ob));
                    b = before.next();
                }
                (_, Some((ka, oa))) => {
                    changes.add(ka, Some(oa));
                    a = after.next();
                }
            }
        }
        changes
    }

    fn add(&mut self, key: &str, out: Option<&Output>) {
        if key.ends_with(".css") {
            self.css.insert(key.to_string());
        } else if key.ends_with(".html") || matches!(out, Some(Output::Bytes(_))) {
            // Pages, and downloads rendered from content (`.ics`, `.csv`, `.json`): only a tab
            // showing that very file needs to reload.
            self.files.insert(key.to_string());
        } else {
            // A script, image or media file any page may load.
            self.everything = true;
        }
    }

    /// Adds `later` (a build after this one) to this change.
    pub fn merge(&mut self, later: &Changes) {
        self.files.extend(later.files.iter().cloned());
        self.css.extend(later.css.iter().cloned());
        self.everything |= later.everything;
    }

    /// Whether a tab showing `page` (a site key: `b/x/index.html`, or a path not in the site,
    /// which shows the 404 page) must reload.
    pub fn reloads(&self, page: &str, next: &Site) -> bool {
        if self.everything || self.files.contains(page) {
            return true;
        }
        // A tab on a missing page shows `404.html`; it reloads when that page, or any page,
        // appears or changes (the missing one may be it).
        !next.files.contains_key(page) && !self.files.is_empty()
    }
}

/// Whether two outputs of one key serve the same bytes.
fn same(before: &Output, after: &Output, touched: &[PathBuf]) -> bool {
    match (before, after) {
        (Output::Bytes(a), Output::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
        (Output::Static(a), Output::Static(b)) => a == b,
        (Output::Copy(a), Output::Copy(b)) => a == b && !touched.iter().any(|t| t == a),
        _ => false,
    }
}

/// The changes of recent builds, by version, for polls that come in with an older version.
#[derive(Debug, Default)]
pub struct History {
    builds: VecDeque<(u64, Arc<Changes>)>,
}

impl History {
    /// Records the changes that `version` brought.
    pub fn record(&mut self, version: u64, changes: Arc<Changes>) {
        if self.builds.len() == HISTORY {
            self.builds.pop_front();
        }
        self.builds.push_back((version, changes));
    }

    /// Everything that changed after `since` up to the newest build; "everything" when builds
    /// after `since` are no longer known.
    pub fn since(&self, since: u64) -> Changes {
        let known_from = self.builds.front().map_or(u64::MAX, |(v, _)| *v);
        let newest = self.builds.back().map_or(0, |(v, _)| *v);
        if since >= newest {
            return Changes::default();
        }
        if since.saturating_add(1) < known_from {
            return Changes::everything();
        }
        let mut all = Changes::default();
        for (_, c) in self.builds.iter().filter(|(v, _)| *v > since) {
            all.merge(c);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, Output)]) -> Site {
        let mut s = Site::default();
        let mut d = crate::diagnostics::Diagnostics::new();
        for (k, o) in files {
            s.add(k.to_string(), o.clone(), "test", &mut d);
        }
        s
    }

    fn bytes(s: &str) -> Output {
        Output::Bytes(s.as_bytes().into())
    }

    #[test]
    fn pages_stylesheets_and_subresources_are_told_apart() {
        let before = site(&[
            ("a/index.html", bytes("a")),
            ("b/index.html", bytes("b")),
            ("a/brief.ics", bytes("x")),
            ("site.css", Output::Copy("/p/static/site.css".into())),
            ("logo.svg", Output::Copy("/p/static/logo.svg".into())),
        ]);
        let after = site(&[
            ("a/index.html", bytes("a2")),
            ("b/index.html", bytes("b")),
            ("a/brief.ics", bytes("x2")),
            ("site.css", Output::Copy("/p/static/site.css".into())),
            ("logo.svg", Output::Copy("/p/static/logo.svg".into())),
        ]);
        let c = Changes::between(&before, &after, &["/p/static/site.css".into()]);
        assert_eq!(
            c.files,
            BTreeSet::from(["a/brief.ics".to_string(), "a/index.html".to_string()])
        );
        assert_eq!(c.css, BTreeSet::from(["site.css".to_string()]));
        assert!(!c.everything);
        assert!(c.reloads("a/index.html", &after));
        assert!(!c.reloads("b/index.html", &after));
        assert!(
            c.reloads("gone/index.html", &after),
            "a 404 tab may be the new page"
        );

        let logo = Changes::between(&before, &before, &["/p/static/logo.svg".into()]);
        assert!(
            logo.everything,
            "an image any page may show reloads every tab"
        );
        assert_eq!(Changes::between(&before, &before, &[]), Changes::default());
    }

    #[test]
    fn pages_added_removed_or_changed_anywhere_in_path_order_are_found() {
        let before = site(&[
            ("a/index.html", bytes("a")),
            ("c/index.html", bytes("c")),
            ("d/index.html", bytes("d")),
            ("z/index.html", bytes("z")),
        ]);
        let after = site(&[
            ("b/index.html", bytes("b")),
            ("c/index.html", bytes("c")),
            ("d/index.html", bytes("d2")),
            ("y/index.html", bytes("y")),
        ]);
        let c = Changes::between(&before, &after, &[]);
        let want = ["a", "b", "d", "y", "z"].map(|p| format!("{p}/index.html"));
        assert_eq!(c.files, BTreeSet::from(want));
        let none = Changes::between(&after, &site(&[]), &[]);
        assert_eq!(none.files.len(), 4, "every page went");
    }

    #[test]
    fn history_merges_what_a_tab_missed() {
        let mut h = History::default();
        let page = |k: &str| Changes {
            files: BTreeSet::from([k.to_string()]),
            ..Changes::default()
        };
        h.record(2, Arc::new(page("a")));
        h.record(3, Arc::new(page("b")));
        assert_eq!(h.since(3), Changes::default());
        assert_eq!(h.since(2), page("b"));
        let both = h.since(1);
        assert_eq!(both.files.len(), 2);
        assert!(h.since(0).everything, "build 1 is not known");
    }
}
