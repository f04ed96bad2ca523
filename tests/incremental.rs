//! Rebuilds over campsite's own output keep a campaign's files only while nothing they are made
//! from has changed: after every kind of edit the output must equal a fresh build, byte for byte.

mod common;

use campsite::model::Date;
use campsite::pipeline::{self, BuildOptions, BuildReport};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Portal {
    root: PathBuf,
}

impl Portal {
    fn new(name: &str) -> Self {
        let root = common::temp_dir(name).join("portal");
        common::copy_dir(&common::repo().join("examples/travel-vlogs"), &root);
        let _ = std::fs::remove_dir_all(root.join("public"));
        Portal { root }
    }

    fn options(&self, output: &str, today: &str) -> BuildOptions {
        let mut o = BuildOptions::new(&self.root);
        o.output = Some(self.root.join(output));
        o.today = Some(Date(today.parse().expect("a date")));
        o
    }

    /// A rebuild into `public/`.
    fn build(&self, today: &str) -> BuildReport {
        pipeline::build(&self.options("public", today)).expect("the portal builds")
    }

    /// Asserts that `public/` equals a fresh build of the portal as it is now.
    fn assert_same_as_fresh(&self, today: &str, after: &str) {
        let fresh = self.root.join("fresh");
        let _ = std::fs::remove_dir_all(&fresh);
        let report = pipeline::build(&self.options("fresh", today)).expect("a fresh build");
        assert_eq!(report.stats.reused, 0, "a fresh build renders everything");
        let got = files(&self.root.join("public"));
        let want = files(&fresh);
        let differ: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| got.get(*k) != want.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "after {after}, these files differ from a fresh build: {differ:?}"
        );
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let p = self.root.join(rel);
        let text = std::fs::read_to_string(&p).expect("read");
        std::fs::write(&p, f(text)).expect("write");
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        if let Some(parent) = self.root.parent() {
            let _ = std::fs::remove_dir_all(parent);
        }
    }
}

/// The output without its marker (which records the same things in both folders).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(dir);
    t.remove(".campsite-output");
    t
}

fn brief_pages(dir: &Path) -> Vec<String> {
    files(dir)
        .into_keys()
        .filter(|k| k.starts_with("b/") && k.ends_with("index.html"))
        .collect()
}

#[test]
fn unchanged_campaigns_are_kept_and_every_edit_matches_a_fresh_build() {
    let p = Portal::new("incremental");
    let today = "2026-11-24";
    let first = p.build(today);
    assert_eq!(first.stats.reused, 0, "nothing to keep on a first build");

    // No change: every campaign's files are kept, nothing is written.
    let again = p.build(today);
    assert!(
        again.stats.reused >= 4,
        "kept only {} files",
        again.stats.reused
    );
    assert_eq!(again.stats.files, 0, "a no-change rebuild writes nothing");
    p.assert_same_as_fresh(today, "a no-change rebuild");

    // One brief edited: its campaign is rendered again, the other one kept.
    let kept_before = again.stats.reused;
    p.edit(
        "content/campaigns/alpine-rail-2027/briefs/nina-rossi.md",
        |t| format!("{t}\n\nBring a spare battery for the glacier shots.\n"),
    );
    let edited = p.build(today);
    assert!(
        edited.stats.reused > 0 && edited.stats.reused < kept_before,
        "kept {} of {kept_before} files after one campaign changed",
        edited.stats.reused
    );
    p.assert_same_as_fresh(today, "editing a brief");
    let pages = brief_pages(&p.root.join("public"));
    assert!(
        pages.iter().any(|page| {
            std::fs::read_to_string(p.root.join("public").join(page))
                .is_ok_and(|html| html.contains("spare battery"))
        }),
        "the edited note is on its brief page"
    );

    // Portal settings reach every page: nothing is kept.
    p.edit("portal.toml", |t| {
        t.replacen("title = \"", "title = \"Renamed · ", 1)
    });
    assert_eq!(p.build(today).stats.reused, 0, "a new title renders all");
    p.assert_same_as_fresh(today, "renaming the portal");

    // Another day moves deadlines and rights: nothing is kept.
    p.build(today);
    assert_eq!(p.build("2027-03-01").stats.reused, 0);
    p.assert_same_as_fresh("2027-03-01", "a new day");

    // A portal template override reaches every page.
    let base = std::fs::read_to_string(common::repo().join("themes/default/templates/base.html"))
        .expect("the theme's base template");
    std::fs::create_dir_all(p.root.join("templates")).expect("mkdir");
    std::fs::write(
        p.root.join("templates/base.html"),
        base.replacen("</body>", "<!-- agency footer -->\n</body>", 1),
    )
    .expect("write");
    assert_eq!(p.build(today).stats.reused, 0, "a new template renders all");
    p.assert_same_as_fresh(today, "overriding a template");

    // A kept file deleted from the output by hand comes back.
    p.build(today);
    let page = brief_pages(&p.root.join("public"))
        .pop()
        .expect("a brief page");
    std::fs::remove_file(p.root.join("public").join(&page)).expect("remove");
    p.build(today);
    assert!(
        p.root.join("public").join(&page).is_file(),
        "{page} is back"
    );
    p.assert_same_as_fresh(today, "deleting an output file");
}

// `serve` keeps its last site in memory and takes unchanged campaigns from it.
#[test]
fn serve_rebuilds_in_memory_match_a_fresh_build() {
    use campsite::serve::{build_in_memory, build_in_memory_after};
    let p = Portal::new("incremental-serve");
    let opts = p.options("unused", "2026-11-24");
    let (before, _) = build_in_memory(&opts).expect("builds");
    p.edit(
        "content/campaigns/alpine-rail-2027/briefs/nina-rossi.md",
        |t| format!("{t}\n\nPack a rain cover.\n"),
    );
    let (after, _) = build_in_memory_after(&opts, Some(&before)).expect("rebuilds");
    let (fresh, _) = build_in_memory(&opts).expect("builds fresh");
    assert_eq!(
        after.files, fresh.files,
        "the rebuild differs from a fresh build"
    );
    let kept = after.kept_from(&before);
    let rendered = after.groups.len() - kept;
    assert!(kept > 0, "the unchanged campaign was rendered again");
    assert!(rendered > 0, "the edited campaign was kept");
}

// A first build records every brief's facts (`.campsite/versions/`); the next build reads them
// back, and must still find its keys in the first build's output (the no-change fast path
// rewrites no marker, so an edit after it compares with the first build's keys).
#[test]
fn the_build_after_a_first_one_keeps_what_did_not_change() {
    let p = Portal::new("incremental-first-records");
    let _ = std::fs::remove_dir_all(p.root.join(".campsite"));
    let today = "2026-11-24";
    let first = p.build(today);
    assert!(
        p.root.join(".campsite/versions").is_dir(),
        "the first build records versions"
    );
    p.edit(
        "content/campaigns/alpine-rail-2027/briefs/nina-rossi.md",
        |t| format!("{t}\n\nPack a rain cover.\n"),
    );
    let edited = p.build(today);
    // The other campaign's files and the other briefs' are kept (0 when every key moved).
    assert!(
        edited.stats.reused > 0,
        "kept {} of {} files after one brief changed",
        edited.stats.reused,
        first.stats.files
    );
    p.assert_same_as_fresh(today, "editing a brief after a first build");
}
