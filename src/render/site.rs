//! The rendered site: every output file by path, who claimed it, and the clash rule.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::PathBuf;

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
    /// Clash key (NFC, lowercase) → the path that claimed it and its source (for clash
    /// diagnostics and [`Site::source_of`]).
    claimed: std::collections::HashMap<String, (String, String)>,
    /// Path → the [`memo`] key of the unit (a campaign's pages, a team page) that produced it;
    /// the key is shared by the unit's files.
    pub groups: BTreeMap<String, std::sync::Arc<str>>,
    /// The same grouping by key: each unit's files, shared with the memo made of this site and
    /// with the next site when the unit is kept (so neither copies them file by file).
    pub units: std::collections::HashMap<std::sync::Arc<str>, UnitFiles>,
}

/// One unit's files (path and content), shared between consecutive sites and their memos.
pub type UnitFiles = std::sync::Arc<[(String, Output)]>;

impl Site {
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
        let key = clash_key(&path);
        if let Some((p, prev)) = self.claimed.get(&key) {
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
        self.claimed.insert(key, (path.clone(), source.to_string()));
        self.files.insert(path, out);
    }

    /// The source that produced the file at `path`, when the site has it.
    pub fn source_of(&self, path: &str) -> Option<&str> {
        let (claimed, source) = self.claimed.get(&clash_key(path))?;
        (claimed == path).then_some(source.as_str())
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
    use unicode_normalization::UnicodeNormalization;
    if path.is_ascii() {
        // ASCII is its own NFC form (nearly every path: tokens, slugs, handles).
        return path.to_ascii_lowercase();
    }
    path.nfc().flat_map(char::to_lowercase).collect()
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
}
