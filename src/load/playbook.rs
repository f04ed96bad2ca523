//! Reads the team's playbook: every `content/playbook/**/*.md` (SPEC §6), with the same walk
//! (symlinks contained) and the same text decoding as the rest of `content/`.

use super::source::SourceFile;
use crate::diagnostics::Diagnostics;
use std::path::Path;

/// The playbook's Markdown files, sorted by path; unreadable ones are reported and skipped.
pub fn load_playbook(root: &Path, diags: &mut Diagnostics) -> Vec<SourceFile> {
    let mut files = super::walk(
        root,
        &root.join("content/playbook"),
        super::Scope {
            role: super::contain::Role::Playbook,
            depth: None,
        },
        diags,
    );
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
        .filter_map(|p| SourceFile::read(root, p).map_err(|d| diags.push(d)).ok())
        .collect()
}
