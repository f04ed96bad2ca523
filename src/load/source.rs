//! Source files as read from disk: decoded text, the path shown in diagnostics, and byte → line/column.

use crate::diagnostics::{Diagnostic, Origin, Position};
use std::path::{Path, PathBuf};

/// Largest TOML or Markdown file campsite reads (a guard against runaway files, far above real use).
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Largest `results.csv` campsite reads: what the build's memory budget can hold
/// ([`crate::budget::csv_limit`]).
pub const MAX_CSV_BYTES: u64 = crate::budget::BUILD_BUDGET / crate::budget::CSV_BYTES_PER_BYTE;

/// One text file of the portal, decoded as UTF-8 with any BOM removed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the portal root with `/` separators, as shown in diagnostics.
    pub rel: String,
    /// Absolute path on disk.
    pub abs: PathBuf,
    /// The text, BOM removed.
    pub text: String,
    /// `rel` once more, shared by every [`Origin`] made in this file.
    shared_rel: std::sync::Arc<str>,
    line_starts: Vec<usize>,
    /// blake3 of the text: what memo keys of the pages made from this file read
    /// ([`crate::load::hashes::SourceHashes`]).
    hash: blake3::Hash,
}

impl SourceFile {
    /// Wraps text already in memory (tests, scaffolds).
    pub fn from_text(rel: impl Into<String>, abs: PathBuf, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => text,
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let hash = blake3::hash(text.as_bytes());
        let rel: String = rel.into();
        SourceFile {
            shared_rel: rel.as_str().into(),
            rel,
            abs,
            text,
            line_starts,
            hash,
        }
    }

    /// The content hash of the decoded text (BOM removed: the same text parses the same).
    pub fn hash(&self) -> &blake3::Hash {
        &self.hash
    }

    /// Where a parsed value was written. Spans count in the whole file: front matter is parsed
    /// at its own offsets (`load::read_markdown`).
    pub fn origin_of<T>(&self, value: &toml::Spanned<T>) -> Origin {
        self.origin(value.span().start)
    }

    /// The place of a byte offset of this file.
    pub fn origin(&self, offset: usize) -> Origin {
        Origin::at(self.shared_rel.clone(), self.position(offset))
    }

    /// Reads and decodes a file; invalid UTF-8 is a diagnostic naming the line and column of the
    /// first bad byte; a file over [`MAX_TEXT_BYTES`] is refused before it is read.
    pub fn read(root: &Path, abs: &Path) -> Result<Self, Diagnostic> {
        Self::read_limited(root, abs, MAX_TEXT_BYTES)
    }

    /// [`SourceFile::read`] with an explicit size limit in bytes.
    pub fn read_limited(root: &Path, abs: &Path, limit: u64) -> Result<Self, Diagnostic> {
        let rel = rel_path(root, abs);
        let size = std::fs::metadata(abs).map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(Diagnostic::error(
                &rel,
                "too-large",
                format!(
                    "file is {} MB; campsite reads text files up to {} MB",
                    size / 1_000_000,
                    limit / 1_000_000
                ),
            )
            .with_hint("split the file, or check that it is the file you meant"));
        }
        let bytes = std::fs::read(abs)
            .map_err(|e| Diagnostic::error(&rel, "io", format!("cannot read file: {e}")))?;
        Self::decode(rel, abs.to_path_buf(), bytes)
    }

    /// Decodes bytes as UTF-8 (a UTF-16 BOM is named as such).
    pub fn decode(rel: String, abs: PathBuf, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Diagnostic::error(
                &rel,
                "encoding",
                "file is UTF-16; campsite reads UTF-8 only",
            )
            .at(Some(Position { line: 1, column: 1 }))
            .with_hint("save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::from_text(rel, abs, text)),
            Err(e) => {
                let good = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
                let probe = Self::from_text(rel.clone(), abs, prefix);
                let pos = probe.position(
                    good.saturating_sub(usize::from(bytes.starts_with(b"\xEF\xBB\xBF")) * 3),
                );
                Err(
                    Diagnostic::error(rel, "encoding", "file is not valid UTF-8")
                        .at(Some(pos))
                        .with_hint("save the file as UTF-8"),
                )
            }
        }
    }

    /// The 1-based line and column (in characters) of a byte offset into `text`.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].trim_end_matches('\r').chars().count() + 1;
        Position {
            line: line as u32 + 1,
            column: column as u32,
        }
    }

    /// An error diagnostic at a byte offset of this file.
    pub fn error_at(&self, offset: usize, rule: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.rel, rule, message).at(Some(self.position(offset)))
    }
}

/// `abs` relative to `root`, with `/` separators (the path as diagnostics show it).
pub fn rel_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::from_text("x", PathBuf::from("x"), text.to_string())
    }

    #[test]
    fn positions_count_lines_and_chars() {
        let s = src("ab\r\ncdé f\n");
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        assert_eq!(s.position(4), Position { line: 2, column: 1 });
        assert_eq!(s.position(9), Position { line: 2, column: 5 });
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(src("\u{feff}a").text, "a");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let d = SourceFile::decode("f.md".into(), "f.md".into(), b"ok\nab\xffc".to_vec())
            .expect_err("invalid utf-8 must fail");
        assert_eq!((d.line, d.column), (Some(2), Some(3)));
    }

    #[test]
    fn utf16_is_named() {
        let d = SourceFile::decode("r.csv".into(), "r.csv".into(), vec![0xFF, 0xFE, b'a', 0])
            .expect_err("utf-16 must fail");
        assert!(d.message.contains("UTF-16"));
    }
}
