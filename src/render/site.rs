//! The rendered site: every output file by path, who claimed it, and the clash rule.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A path of the site (relative, `/`-separated) that stays inside the output folder: no empty,
/// `.` or `..` segment, no leading `/`, no `\\` or NUL. The one check of a site path: every file
/// enters the site through [`Site::add`] and every path read back from the output marker through
/// [`SitePath::parse`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitePath(String);

impl SitePath {
    /// Checks and wraps a path; `None` when it could leave the output folder.
    pub fn parse(p: &str) -> Option<SitePath> {
        Self::is_inside(p).then(|| SitePath(p.to_string()))
    }

    /// The check [`SitePath::parse`] makes, without making a path.
    pub fn is_inside(p: &str) -> bool {
        // One pass over the bytes (every file of every build comes through here).
        let bytes = p.as_bytes();
        if bytes.contains(&b'\\') || bytes.contains(&0) {
            return false;
        }
        !p.is_empty()
            && bytes
                .split(|b| *b == b'/')
                .all(|s| !s.is_empty() && s != b"." && s != b"..")
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Rendered in memory; shared, so a kept file (a rebuild's memo, `serve`'s last site) is
    /// never copied.
    Bytes(std::sync::Arc<[u8]>),
    /// Compiled into the binary.
    Static(&'static [u8]),
    /// A portal file copied as is.
    Copy(PathBuf),
    /// Left as the previous build wrote it (see [`memo`]); the content fingerprint it recorded.
    Kept(String),
}

/// A rendered site: output path (relative, `/`-separated) → content, plus who claimed each path.
#[derive(Debug, Default)]
pub struct Site {
    /// Every file of the site.
    pub files: BTreeMap<String, Output>,
    /// Path → the source that produced it (for diagnostics and [`Site::source_of`]).
    sources: BTreeMap<String, Arc<str>>,
    /// Clash key (NFC, lowercase) → the path that claimed it, for [`Site::add`]; made from
    /// `files` when a site assembled by [`Site::from_files`] is added to.
    claimed: std::collections::HashMap<String, String>,
    /// Path → the [`memo`] key of the unit (a campaign's pages, a team page) that produced it;
    /// the key is shared by the unit's files.
    pub groups: BTreeMap<String, Arc<str>>,
    /// The same grouping by key: each unit's files, shared with the memo made of this site and
    /// with the next site when the unit is kept (so neither copies them file by file).
    pub units: std::collections::HashMap<Arc<str>, UnitFiles>,
}

/// One unit's files (path and content), shared between consecutive sites and their memos.
pub type UnitFiles = Arc<[(String, Output)]>;

/// A file on its way into a site: its path, content and the source that produced it.
#[derive(Debug)]
pub struct SiteFile {
    /// Where in the site.
    pub path: String,
    /// Its content.
    pub out: Output,
    /// The portal file (or `theme`, `portal.toml`…) that produced it.
    pub source: Arc<str>,
}

impl Site {
    /// A site of `files`, checked as [`Site::add`] would check them added in this order, but in
    /// one sort rather than a map insertion per file (`serve` assembles every file of the site
    /// after each save). Only when a path is unsafe or two clash are the files added one by one,
    /// for `add`'s diagnostics.
    pub fn from_files(mut files: Vec<SiteFile>, diags: &mut Diagnostics) -> Site {
        use rayon::prelude::*;
        let inside = files.par_iter().all(|f| SitePath::is_inside(&f.path));
        let mut keys: Vec<std::borrow::Cow<'_, str>> =
            files.par_iter().map(|f| clash_key_of(&f.path)).collect();
        keys.par_sort_unstable();
        let distinct = keys.windows(2).all(|w| w[0] != w[1]);
        drop(keys);
        if !(inside && distinct) {
            let mut site = Site::default();
            for f in files {
                site.add(f.path, f.out, &f.source, diags);
            }
            return site;
        }
        files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let sources = files
            .iter()
            .map(|f| (f.path.clone(), f.source.clone()))
            .collect();
        Site {
            files: files.into_iter().map(|f| (f.path, f.out)).collect(),
            sources,
            ..Site::default()
        }
    }

    /// Adds a file; a second claim on a path (also case-only and Unicode-form clashes) is an error
    /// naming both sources.
    pub fn add(&mut self, path: String, out: Output, source: &str, diags: &mut Diagnostics) {
        if !SitePath::is_inside(&path) {
            diags.push(Diagnostic::error(
                source,
                "unsafe-path",
                format!("`{path}` would be written outside the output folder"),
            ));
            return;
        }
        if self.claimed.len() != self.files.len() {
            self.claimed = self
                .files
                .keys()
                .map(|p| (clash_key(p), p.clone()))
                .collect();
        }
        let key = clash_key(&path);
        if let Some(p) = self.claimed.get(&key) {
            let prev = self.sources.get(p).map_or("", |s| s);
            diags.push(
                Diagnostic::error(
                    source,
                    "url-clash",
                    format!("`/{path}` is also produced by {prev} (`/{p}`)"),
                )
                .with_hint("rename one of them so each page has its own URL"),
            );
            return;
        }
        self.claimed.insert(key, path.clone());
        self.sources.insert(path.clone(), source.into());
        self.files.insert(path, out);
    }

    /// The source that produced the file at `path`, when the site has it.
    pub fn source_of(&self, path: &str) -> Option<&str> {
        self.sources.get(path).map(|s| &**s)
    }

    /// How many of this site's campaign files were taken from `previous` unrendered: those whose
    /// campaign key is the one they had there (see [`memo`]).
    pub fn kept_from(&self, previous: &Site) -> usize {
        // Both maps are in path order: walk them side by side.
        let mut before = previous.groups.iter().peekable();
        let mut kept = 0;
        for (path, key) in &self.groups {
            while before.next_if(|(p, _)| *p < path).is_some() {}
            if before.next_if(|(p, k)| *p == path && *k == key).is_some() {
                kept += 1;
            }
        }
        kept
    }

    /// The HTML pages.
    pub fn html_pages(&self) -> impl Iterator<Item = (&String, &Output)> {
        self.files.iter().filter(|(p, _)| p.ends_with(".html"))
    }
}

/// Paths that a case-insensitive or Unicode-normalising file system (macOS, Windows) or CDN
/// would treat as one: NFC-normalised and lowercased.
fn clash_key(path: &str) -> String {
    clash_key_of(path).into_owned()
}

/// [`clash_key`], borrowing the path when it is its own key (ASCII without capitals: nearly
/// every path, tokens, slugs and handles).
fn clash_key_of(path: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if path.is_ascii() && !path.bytes().any(|b| b.is_ascii_uppercase()) {
        return std::borrow::Cow::Borrowed(path);
    }
    if path.is_ascii() {
        // ASCII is its own NFC form.
        return path.to_ascii_lowercase().into();
    }
    path.nfc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clash_keys_fold_case_and_unicode_form() {
        assert_eq!(
            clash_key("b/Mia-Chen/index.html"),
            clash_key("b/mia-chen/index.html")
        );
        // "é" precomposed and as e + combining accent, in either case.
        assert_eq!(clash_key("c/caf\u{e9}/"), clash_key("c/CAFE\u{301}/"));
        assert_ne!(clash_key("c/cafe/"), clash_key("c/caf\u{e9}/"));
    }

    #[test]
    fn site_paths_stay_inside() {
        assert!(SitePath::parse("b/x/index.html").is_some());
        for bad in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a\\b",
            "a//b",
            "./a",
            "a\0b",
        ] {
            assert!(SitePath::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn the_site_refuses_a_path_outside_the_folder() {
        let mut site = Site::default();
        let mut diags = Diagnostics::new();
        site.add(
            "../x.html".into(),
            Output::Bytes(Vec::new().into()),
            "test",
            &mut diags,
        );
        assert!(diags.has_errors());
        assert!(site.files.is_empty());
    }

    /// Paths from a small alphabet, so that clashes (exact, by case, by Unicode form) and unsafe
    /// paths are common.
    fn paths() -> impl proptest::strategy::Strategy<Value = Vec<(String, u8)>> {
        use proptest::prelude::*;
        let segment = prop_oneof![
            Just("a".to_string()),
            Just("A".to_string()),
            Just("b".to_string()),
            Just("caf\u{e9}".to_string()),
            Just("CAFE\u{301}".to_string()),
            Just("..".to_string()),
            Just("".to_string()),
            Just("index.html".to_string()),
        ];
        let path = proptest::collection::vec(segment, 1..4).prop_map(|s| s.join("/"));
        proptest::collection::vec((path, 0u8..3), 0..12)
    }

    proptest::proptest! {
        /// Assembling a site in one sort finds what adding its files one by one finds: the same
        /// files, sources and diagnostics.
        #[test]
        fn a_site_from_files_is_the_site_of_adding_them_in_turn(files in paths()) {
            let mut one_by_one = Site::default();
            let mut by_one = Diagnostics::new();
            for (i, (path, source)) in files.iter().enumerate() {
                let out = Output::Bytes(vec![i as u8].into());
                one_by_one.add(path.clone(), out, &format!("src{source}"), &mut by_one);
            }
            let mut at_once = Diagnostics::new();
            let site = Site::from_files(
                files
                    .iter()
                    .enumerate()
                    .map(|(i, (path, source))| SiteFile {
                        path: path.clone(),
                        out: Output::Bytes(vec![i as u8].into()),
                        source: format!("src{source}").into(),
                    })
                    .collect(),
                &mut at_once,
            );
            proptest::prop_assert_eq!(&site.files, &one_by_one.files);
            for path in site.files.keys() {
                proptest::prop_assert_eq!(site.source_of(path), one_by_one.source_of(path));
            }
            proptest::prop_assert_eq!(at_once.to_human(), by_one.to_human());
        }
    }
}
