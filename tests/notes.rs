//! A brief's note is read again from its file by the render and the lint (the model keeps where
//! it is, not its text): the page shows the text `load` read, and a file saved in between is an
//! error at the note, never prose that was not validated.

mod common;

use campsite::lint;
use campsite::model::{Audience, Date};
use campsite::pipeline::{self, BuildOptions, Prepared};
use campsite::render::{self, Output, RenderOptions};
use std::path::Path;

const BRIEF: &str = "content/campaigns/close-faster/briefs/raj-patel.md";

fn prepared(root: &Path) -> Prepared {
    let mut o = BuildOptions::new(root);
    o.audience = Audience::Public;
    o.today = Some(Date::parse("2026-09-01").unwrap());
    pipeline::prepare(&o).expect("the example prepares")
}

fn render(p: &Prepared) -> Result<render::Site, campsite::diagnostics::Diagnostics> {
    let opts = RenderOptions {
        audience: Audience::Public,
    };
    render::render_site(&p.portal, &p.derived, &p.theme, opts)
}

fn portal(name: &str) -> std::path::PathBuf {
    let root = common::temp_dir(name);
    common::copy_dir(&common::repo().join("examples/b2b-webinars"), &root);
    root
}

#[test]
fn the_page_shows_the_note_read_again() {
    let root = portal("note-read-again");
    let p = prepared(&root);
    let site = render(&p).expect("renders");
    let shown = site.html_pages().any(|(_, o)| match o {
        Output::Bytes(b) => String::from_utf8_lossy(b).contains("cut it\ninto your segment"),
        _ => false,
    });
    assert!(shown, "a brief page shows the note's text");
}

#[test]
fn a_note_saved_during_the_build_is_an_error_at_the_note() {
    let root = portal("note-changed");
    let p = prepared(&root);
    let path = root.join(BRIEF);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Use as much", "Use as little")).unwrap();
    let at_note = |d: &campsite::diagnostics::Diagnostic| {
        d.rule == "changed" && d.path == BRIEF && (d.line, d.column) == (Some(47), Some(1))
    };
    let diags = render(&p).expect_err("the render refuses the changed file");
    assert!(diags.iter().any(at_note), "render: {diags:?}");
    let found = lint::lint(&p.portal, &p.derived);
    assert!(found.iter().any(at_note), "lint: {found:?}");
}
