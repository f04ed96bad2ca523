//! A brief's note as the model keeps it: where its Markdown is, not (for a file read from disk)
//! the Markdown itself.

use crate::diagnostics::Origin;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A brief's personal note (Markdown). At 100,000 briefs the notes are most of the sources'
/// bytes, so a note read from a file is kept as where it is — the file, the note's byte span in
/// its decoded text and the text's content hash as `load` read it — and the render and the lint
/// read it again (`load::note::read`), refusing a file whose text changed since. A note made in
/// memory (tests, tools) is held as it is.
#[derive(Debug, Clone)]
pub struct Note {
    /// Where the text starts: its file, and the line and column after the front matter.
    pub origin: Origin,
    /// The text is only white space (pages show no note, rules find nothing in it).
    pub blank: bool,
    /// The text, or where to read it.
    pub body: NoteBody,
}

/// Where a [`Note`]'s text is.
#[derive(Debug, Clone)]
pub enum NoteBody {
    /// In memory.
    Held(String),
    /// Bytes `span` of the decoded text (BOM removed) of the file at `abs`, whose blake3 hash
    /// was `hash` when `load` read it.
    InFile {
        /// The file on disk.
        abs: Arc<Path>,
        /// The note's bytes in the file's text.
        span: Range<usize>,
        /// blake3 of the file's text.
        hash: blake3::Hash,
    },
}

impl Note {
    /// A note whose text is held in memory.
    pub fn held(origin: Origin, text: String) -> Note {
        Note {
            origin,
            blank: text.trim().is_empty(),
            body: NoteBody::Held(text),
        }
    }
}
