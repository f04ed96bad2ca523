//! Positions for lint findings: the portal's source texts, kept from loading, searched for the
//! value a finding is about (the model keeps values, not spans).

use crate::diagnostics::Position;
use crate::load::Loaded;
use crate::load::source::SourceFile;
use std::collections::BTreeMap;

/// The source files of a portal by path (relative to the root).
#[derive(Debug, Default, Clone)]
pub struct Locator {
    files: BTreeMap<String, SourceFile>,
}

impl Locator {
    /// Keeps the text files of a loaded portal.
    pub fn from_loaded(l: &Loaded) -> Self {
        let mut files = BTreeMap::new();
        let mut keep = |f: &SourceFile| {
            files.insert(f.rel.clone(), f.clone());
        };
        keep(&l.portal.file);
        for c in &l.campaigns {
            if let Some(p) = &c.campaign {
                keep(&p.file);
            }
            if let Some(f) = &c.brief_md {
                keep(f);
            }
            for b in &c.briefs {
                keep(&b.file);
            }
            if let Some(t) = &c.results {
                keep(&t.file);
            }
        }
        for a in &l.assets {
            if let Some(s) = &a.sidecar {
                keep(&s.file);
            }
        }
        Locator { files }
    }

    /// Position of the first `needle` in `path`, searching from the start of line `from_line`.
    pub fn find(&self, path: &str, from_line: u32, needle: &str) -> Option<Position> {
        let f = self.files.get(path)?;
        let start = line_offset(&f.text, from_line);
        f.find_from(start, needle).map(|o| f.position(o))
    }

    /// Position of `needle` in `path`, else of `fallback`, else the start of line 1.
    pub fn find_or(&self, path: &str, needle: &str, fallback: &str) -> Option<Position> {
        self.find(path, 1, needle)
            .or_else(|| self.find(path, 1, fallback))
            .or_else(|| self.files.contains_key(path).then_some(START))
    }

    /// Position of the code point `char_offset` of the text that begins at byte `base` of `path`.
    pub fn at_char(&self, path: &str, base: usize, char_offset: usize) -> Option<Position> {
        let f = self.files.get(path)?;
        let rest = f.text.get(base..)?;
        let byte = rest
            .char_indices()
            .nth(char_offset)
            .map_or(rest.len(), |(i, _)| i);
        Some(f.position(base + byte))
    }

    /// Byte offset where `body` starts in `path` (a Markdown body within its file).
    pub fn offset_of(&self, path: &str, body: &str) -> Option<usize> {
        let f = self.files.get(path)?;
        if body.is_empty() {
            return None;
        }
        f.text.rfind(body)
    }
}

const START: Position = Position { line: 1, column: 1 };

/// Byte offset of the start of 1-based `line` (the end of the text when past it).
fn line_offset(text: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line as usize - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn finds_from_a_line() {
        let mut l = Locator::default();
        let f = SourceFile::from_text("a.csv", PathBuf::from("a.csv"), "x,y\nab,y\nz,y".into());
        l.files.insert("a.csv".into(), f);
        assert_eq!(
            l.find("a.csv", 2, "y"),
            Some(Position { line: 2, column: 4 })
        );
        assert_eq!(
            l.find("a.csv", 3, "y"),
            Some(Position { line: 3, column: 3 })
        );
        assert_eq!(l.find("a.csv", 9, "y"), None);
        assert_eq!(
            l.at_char("a.csv", 4, 1),
            Some(Position { line: 2, column: 2 })
        );
    }
}
