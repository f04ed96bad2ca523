//! Diagnostics: every problem a run finds, with where it happened, and how they are printed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content is wrong: the build fails.
    Error,
    /// A compliance or hygiene problem: the build goes on.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding, with the file (relative to the portal root), the 1-based line and column when it
/// has a position, a rule id, the message and an optional hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Path relative to the portal root, with `/` separators.
    pub path: String,
    /// 1-based line, when the problem has a position.
    pub line: Option<u32>,
    /// 1-based column in characters, when the problem has a position.
    pub column: Option<u32>,
    /// Error or warning.
    pub severity: Severity,
    /// Stable rule id, e.g. `parse`, `unknown-key`, `disclosure-vague`.
    pub rule: String,
    /// Lowercase message.
    pub message: String,
    /// A suggestion, where one helps.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a file with no position.
    pub fn error(path: impl Into<String>, rule: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            severity: Severity::Error,
            rule: rule.to_string(),
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a file with no position.
    pub fn warning(path: impl Into<String>, rule: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, rule, message)
        }
    }

    /// Sets the position.
    pub fn at(mut self, pos: Option<Position>) -> Self {
        if let Some(p) = pos {
            self.line = Some(p.line);
            self.column = Some(p.column);
        }
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the hint when there is one.
    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": {}: {}", self.severity, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// Where something a diagnostic can be about was written: its file (relative to the portal root,
/// as diagnostics show it) and, in a text file, the 1-based line and column. Validation keeps one
/// on each model item that findings name, so a finding points at the item itself, never at the
/// first place its value happens to appear in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// Path relative to the portal root, with `/` separators; shared by every origin in the same
    /// file (`load::source::SourceFile::origin`), since a model keeps a dozen per brief.
    pub path: std::sync::Arc<str>,
    /// Line and column; `None` for a file with no text positions (a media file).
    pub pos: Option<Position>,
}

impl Origin {
    /// A whole file, with no position (a media file).
    pub fn file(path: impl Into<std::sync::Arc<str>>) -> Self {
        Origin {
            path: path.into(),
            pos: None,
        }
    }

    /// A place in a text file.
    pub fn at(path: impl Into<std::sync::Arc<str>>, pos: Position) -> Self {
        Origin {
            path: path.into(),
            pos: Some(pos),
        }
    }

    /// The start of a text file (line 1, column 1).
    pub fn start_of(path: impl Into<std::sync::Arc<str>>) -> Self {
        Origin::at(path, Position { line: 1, column: 1 })
    }

    /// A warning at this place.
    pub fn warning(&self, rule: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&*self.path, rule, message).at(self.pos)
    }

    /// An error at this place.
    pub fn error(&self, rule: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&*self.path, rule, message).at(self.pos)
    }
}

impl fmt::Display for Origin {
    /// `path:line:column`, or the path alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(p) = self.pos {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        Ok(())
    }
}

impl Position {
    /// The position reached after `text`, when `text` starts at `self` (columns in characters; a
    /// `\r` before a line break is not counted).
    pub fn after(self, text: &str) -> Position {
        match text.rfind('\n') {
            None => Position {
                line: self.line,
                column: self.column + text.trim_end_matches('\r').chars().count() as u32,
            },
            Some(i) => Position {
                line: self.line + text.matches('\n').count() as u32,
                column: text[i + 1..].chars().count() as u32 + 1,
            },
        }
    }
}

/// Every diagnostic of a run, in the order found; sorted before printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when at least one error was found.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by path, position, severity and message, without duplicates.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.items.clone();
        v.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.rule, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.rule, &b.message))
        });
        v.dedup();
        v
    }

    /// All of them, unsorted.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The human form: one finding a line (hints below), then the count line.
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The JSON form: an array of findings.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.sorted()).unwrap_or_else(|_| "[]".to_string())
    }

    /// "2 errors, 1 warning".
    pub fn summary(&self) -> String {
        let e = self.error_count();
        let w = self.warning_count();
        format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        )
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest of `candidates` to `word`, for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_near_misses_only() {
        assert_eq!(
            closest("fee_usd", ["fee", "version", "updated"]),
            Some("fee")
        );
        assert_eq!(
            closest("instagramm", ["instagram", "tiktok"]),
            Some("instagram")
        );
        assert_eq!(closest("zzzz", ["instagram", "tiktok"]), None);
    }

    #[test]
    fn human_form_has_position_and_count() {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::error("a.toml", "parse", "bad")
                .at(Some(Position { line: 3, column: 7 }))
                .with_hint("fix it"),
        );
        d.push(Diagnostic::warning("b.toml", "x", "meh"));
        assert_eq!(
            d.to_human(),
            "a.toml:3:7: error: bad\n  hint: fix it\nb.toml: warning: meh\n1 error, 1 warning\n"
        );
    }
}
