//! The rendered site: every output file by path, who claimed it, and the clash rule.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Rendered in memory.
    Bytes(Vec<u8>),
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
    /// Which source produced each path (for clash diagnostics).
    pub sources: BTreeMap<String, String>,
    /// Clash key (NFC, lowercase) → the path that claimed it.
    claimed: std::collections::HashMap<String, String>,
    /// Path → the [`memo`] key of the campaign that produced it.
    pub groups: BTreeMap<String, String>,
}

impl Site {
    /// Adds a file; a second claim on a path (also case-only and Unicode-form clashes) is an error
    /// naming both sources.
    pub fn add(&mut self, path: String, out: Output, source: &str, diags: &mut Diagnostics) {
        let key = clash_key(&path);
        if let Some(p) = self.claimed.get(&key) {
            let prev = self
                .sources
                .get(p)
                .map(String::as_str)
                .unwrap_or("another source");
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
        self.sources.insert(path.clone(), source.to_string());
        self.files.insert(path, out);
    }

    /// How many of this site's campaign files were taken from `previous` unrendered: those whose
    /// campaign key is the one they had there (see [`memo`]).
    pub fn kept_from(&self, previous: &Site) -> usize {
        self.groups
            .iter()
            .filter(|(path, key)| previous.groups.get(*path) == Some(*key))
            .count()
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
    path.nfc().flat_map(char::to_lowercase).collect()
}
