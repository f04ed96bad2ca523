//! Reads a brief's note again for the render and the lint: the model keeps where a note is
//! ([`crate::model::Note`]), not its text, and this is the only place that text is read back.

use super::source::{MAX_TEXT_BYTES, SourceFile};
use crate::diagnostics::Diagnostic;
use crate::model::{MarkdownText, Note, NoteBody};
use std::sync::Arc;

/// The note of a brief read from disk: the body of `file`, kept as where it is.
pub fn body_note<T>(file: &super::MarkdownFile<T>) -> Note {
    let f = &file.file;
    let start = file.body_offset.min(f.text.len());
    Note {
        origin: f.origin(start),
        blank: file.body().trim().is_empty(),
        body: NoteBody::InFile {
            abs: Arc::from(f.abs.as_path()),
            span: start..f.text.len(),
            hash: *f.hash(),
        },
    }
}

/// The text of `note`, read from its file when it is not held. The file must still hold the
/// text `load` read (same blake3 hash), else the note is not read: a diagnostic at the note
/// says the file changed during the build.
pub fn read(note: &Note) -> Result<MarkdownText, Diagnostic> {
    let text = match &note.body {
        NoteBody::Held(text) => text.clone(),
        NoteBody::InFile { abs, span, hash } => {
            let rel = note.origin.path.to_string();
            let changed = || {
                note.origin
                    .error("changed", "the file changed during the build")
                    .with_hint("build again: the note is read from the file the build loaded")
            };
            let too_large = std::fs::metadata(abs).is_ok_and(|m| m.len() > MAX_TEXT_BYTES);
            if too_large {
                return Err(changed());
            }
            let bytes = std::fs::read(abs).map_err(|e| {
                note.origin
                    .error("io", format!("cannot read the brief's note again: {e}"))
            })?;
            let file = SourceFile::decode(rel, abs.to_path_buf(), bytes).map_err(|_| changed())?;
            if file.hash() != hash {
                return Err(changed());
            }
            let mut text = file.text;
            if span.end > text.len() || !text.is_char_boundary(span.start) {
                return Err(changed());
            }
            text.truncate(span.end);
            text.split_off(span.start)
        }
    };
    Ok(MarkdownText {
        origin: note.origin.clone(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Origin;

    fn on_disk(text: &str, span: std::ops::Range<usize>) -> (tempfile_dir::Dir, Note) {
        let dir = tempfile_dir::Dir::new();
        let abs = dir.path().join("b.md");
        std::fs::write(&abs, text).expect("write");
        let hash = blake3::hash(text.trim_start_matches('\u{feff}').as_bytes());
        let note = Note {
            origin: Origin::start_of("content/campaigns/c/briefs/b.md"),
            blank: false,
            body: NoteBody::InFile {
                abs: Arc::from(abs.as_path()),
                span,
                hash,
            },
        };
        (dir, note)
    }

    /// A scratch folder removed on drop (no crate for it).
    mod tempfile_dir {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let p =
                    std::env::temp_dir().join(format!("campsite-note-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&p).expect("mkdir");
                Dir(p)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn a_note_is_read_back_from_its_span() {
        let text = "+++\nversion = 1\n+++\nHello **there**.\n";
        let (_dir, note) = on_disk(text, 20..text.len());
        assert_eq!(read(&note).expect("read").text, "Hello **there**.\n");
    }

    #[test]
    fn a_bom_is_not_counted_in_the_span() {
        let text = "\u{feff}+++\n+++\nNote.";
        let (_dir, note) = on_disk(text, 8..13);
        assert_eq!(read(&note).expect("read").text, "Note.");
    }

    #[test]
    fn a_file_changed_since_load_is_refused_at_the_note() {
        let text = "+++\n+++\nNote.";
        let (dir, note) = on_disk(text, 8..13);
        std::fs::write(dir.path().join("b.md"), "+++\n+++\nNope.").expect("write");
        let d = read(&note).expect_err("changed");
        assert_eq!(d.rule, "changed");
        assert_eq!(d.path, "content/campaigns/c/briefs/b.md");
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
    }

    #[test]
    fn a_deleted_file_is_a_diagnostic() {
        let text = "+++\n+++\nNote.";
        let (dir, note) = on_disk(text, 8..13);
        std::fs::remove_file(dir.path().join("b.md")).expect("rm");
        assert_eq!(read(&note).expect_err("gone").rule, "io");
    }

    #[test]
    fn a_held_note_is_its_text() {
        let note = Note::held(Origin::start_of("x.md"), "Hi.".into());
        assert_eq!(read(&note).expect("held").text, "Hi.");
    }
}
