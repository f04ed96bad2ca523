//! The no-change fast path of `build` (issue #21): a rebuild with nothing changed writes nothing
//! and says the output was up to date, with the warnings a full build prints; after any single
//! edit of any input kind it is a full build again, and the output equals a fresh build byte for
//! byte.

mod common;

use campsite::model::{Audience, Date};
use campsite::pipeline::{self, BuildOptions, BuildReport};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Portal {
    root: PathBuf,
    today: String,
    secret: Option<String>,
    audience: Audience,
}

impl Portal {
    fn new(name: &str) -> Self {
        let root = common::temp_dir(name).join("portal");
        common::copy_dir(&common::repo().join("examples/travel-vlogs"), &root);
        let _ = std::fs::remove_dir_all(root.join("public"));
        Portal {
            root,
            today: "2026-11-24".into(),
            secret: None,
            audience: Audience::Public,
        }
    }

    fn options(&self, output: &str) -> BuildOptions {
        let mut o = BuildOptions::new(&self.root);
        o.output = Some(self.root.join(output));
        o.today = Some(Date(self.today.parse().expect("a date")));
        o.secret_override = self.secret.clone();
        o.audience = self.audience;
        o
    }

    fn build(&self) -> BuildReport {
        pipeline::build(&self.options("public")).expect("the portal builds")
    }

    /// Builds until the output is recorded, and checks that the next build takes the fast path.
    fn settled(&self) {
        self.build();
        let again = self.build();
        assert!(again.up_to_date, "a no-change rebuild takes the fast path");
        assert_eq!(again.stats.files, 0, "and writes nothing");
    }

    /// After `edit`, the build is a full one and its output equals a fresh build.
    fn check_edit(&mut self, what: &str, edit: impl FnOnce(&mut Portal)) {
        self.settled();
        edit(self);
        let report = self.build();
        assert!(
            !report.up_to_date,
            "after {what}, the build took the fast path"
        );
        self.assert_same_as_fresh(what);
    }

    fn assert_same_as_fresh(&self, after: &str) {
        let fresh = self.root.join("fresh");
        let _ = std::fs::remove_dir_all(&fresh);
        let report = pipeline::build(&self.options("fresh")).expect("a fresh build");
        assert!(
            !report.up_to_date && report.stats.reused == 0,
            "a fresh build renders all"
        );
        let got = files(&self.root.join("public"));
        let want = files(&fresh);
        let differ: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| got.get(*k) != want.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "after {after}, these files differ: {differ:?}"
        );
        let _ = std::fs::remove_dir_all(&fresh);
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let p = self.path(rel);
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

/// The output without its marker.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(dir);
    t.remove(".campsite-output");
    t
}

fn one_under(root: &Path, dir: &str, suffix: &str) -> String {
    let mut found: Vec<String> = common::tree(&root.join(dir))
        .into_keys()
        .filter(|k| k.ends_with(suffix))
        .collect();
    found.sort();
    format!("{dir}/{}", found.first().expect("a file"))
}

fn picture(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([seed, (x * 5) as u8, (y * 7) as u8 ^ seed])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

#[test]
fn a_no_change_rebuild_writes_nothing_and_reports_the_same() {
    let p = Portal::new("uptodate-same");
    // From nothing: the first build makes the version records and the thumbnail cache.
    std::fs::remove_dir_all(p.path(".campsite")).expect("remove .campsite");
    let first = p.build();
    assert!(first.images.decoded > 0, "thumbnails made");
    assert!(!first.up_to_date, "a first build is a full build");
    let again = p.build();
    assert!(again.up_to_date, "the rebuild took the full path");
    assert_eq!(
        (again.stats.files, again.stats.unchanged),
        (0, first.stats.files + first.stats.unchanged),
        "every file kept, none written"
    );
    assert_eq!(
        again.diags.sorted(),
        first.diags.sorted(),
        "the same warnings"
    );
    assert_eq!(
        (again.images.images, again.images.failed),
        (first.images.images, first.images.failed)
    );
    p.assert_same_as_fresh("a no-change rebuild");

    // The command line says so, with the same line a full build prints before it.
    let args = [
        "build",
        "-r",
        p.root.to_str().expect("utf-8"),
        "--today",
        "2026-11-24",
    ];
    let out = common::run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("0 written"), "{}", out.stdout);
    assert!(out.stdout.contains("already up to date"), "{}", out.stdout);
}

#[test]
fn every_kind_of_edit_builds_in_full_and_matches_a_fresh_build() {
    let mut p = Portal::new("uptodate-edits");
    let brief = "content/campaigns/alpine-rail-2027/briefs/nina-rossi.md".to_string();
    let roster = one_under(&p.root, "content/creators", ".toml");
    let sidecar = one_under(&p.root, "content/assets", ".toml");
    let image = one_under(&p.root, "content/assets", ".png");
    let results = one_under(&p.root, "content/campaigns", "results.csv");
    let note = |t: String| format!("{t}\n\nOne more line for the fast path test.\n");
    p.check_edit("a brief", |p| p.edit(&brief, note));
    p.check_edit("a roster file", |p| {
        p.edit(&roster, |t| t.replacen("name = \"", "name = \"Renamed ", 1))
    });
    p.check_edit("a sidecar", |p| {
        p.edit(&sidecar, |t| {
            t.replacen("title = \"", "title = \"Retitled ", 1)
        })
    });
    p.check_edit("an image", |p| {
        std::fs::write(p.path(&image), picture(9)).expect("write")
    });
    p.check_edit("a template", |p| {
        let base = common::repo().join("themes/default/templates/base.html");
        let text = std::fs::read_to_string(base).expect("the theme's base template");
        std::fs::create_dir_all(p.path("templates")).expect("mkdir");
        let text = text.replacen("</body>", "<!-- agency -->\n</body>", 1);
        std::fs::write(p.path("templates/base.html"), text).expect("write");
    });
    p.check_edit("a static file", |p| {
        std::fs::write(p.path("static/robots-note.txt"), "hello").expect("write")
    });
    p.check_edit("the same static file again", |p| {
        std::fs::write(p.path("static/robots-note.txt"), "HELLO").expect("write")
    });
    p.check_edit("portal.toml", |p| {
        p.edit("portal.toml", |t| {
            t.replacen("title = \"", "title = \"New ", 1)
        })
    });
    p.check_edit("results.csv", |p| {
        p.edit(&results, |t| t.replacen(",1", ",2", 1))
    });
    p.check_edit("another day", |p| p.today = "2027-03-01".into());
    p.check_edit("another secret", |p| {
        p.secret = Some("a-different-secret-for-the-fast-path-test-0123456789".into())
    });
    p.check_edit("another audience", |p| p.audience = Audience::Team);
    p.check_edit("a team roster edit", |p| {
        p.edit(&roster, |t| t.replacen("name = \"", "name = \"Again ", 1))
    });
    p.check_edit("a deleted output file", |p| {
        std::fs::remove_file(p.path("public/index.html")).expect("remove")
    });
    p.check_edit("an output file cut short", |p| {
        std::fs::write(p.path("public/index.html"), "<!doctype html>").expect("write")
    });
    p.check_edit("a file added to the output", |p| {
        std::fs::write(p.path("public/stray.html"), "stray").expect("write")
    });
    p.check_edit("a version record deleted", |p| {
        let record = one_under(&p.root, ".campsite/versions", ".json");
        std::fs::remove_file(p.path(&record)).expect("remove");
    });
    p.check_edit("a version record rewritten", |p| {
        let record = one_under(&p.root, ".campsite/versions", ".json");
        p.edit(&record, |t| t.replacen("\"facts\"", "\"facts\" ", 1));
    });
    p.check_edit("a new asset", |p| {
        std::fs::write(p.path("content/assets/brand/extra.png"), picture(3)).expect("write")
    });
    p.check_edit("a renamed campaign folder", |p| {
        let from = p.path("content/campaigns/alpine-rail-2027");
        std::fs::rename(&from, p.path("content/campaigns/alpine-rail-2028")).expect("rename");
    });
    // The version record deleted above is back, as a full build writes it.
    p.settled();
    assert!(
        common::tree(&p.path(".campsite/versions")).len() >= 3,
        "the records are kept"
    );
}

#[test]
fn an_older_marker_or_a_lost_record_means_a_full_build() {
    let p = Portal::new("uptodate-old-marker");
    p.settled();
    let marker = p.path("public/.campsite-output");
    let text = std::fs::read_to_string(&marker).expect("marker");
    // A format 2 marker: `fingerprint group path`, no key, no sizes.
    let old: String = text
        .lines()
        .filter(|l| !l.starts_with("# key "))
        .map(|l| match l {
            "# format 3" => "# format 2".to_string(),
            l if l.starts_with('#') => l.to_string(),
            l => {
                let parts: Vec<&str> = l.splitn(4, ' ').collect();
                format!("{} {} {}", parts[0], parts[1], parts[3])
            }
        })
        .map(|l| l + "\n")
        .collect();
    std::fs::write(&marker, old).expect("write");
    let report = p.build();
    assert!(!report.up_to_date, "an older marker has no key");
    assert!(report.stats.reused > 0, "but its campaigns are still kept");
    p.assert_same_as_fresh("an older marker");

    p.settled();
    let _ = std::fs::remove_dir_all(p.path(".campsite/builds"));
    assert!(!p.build().up_to_date, "without the record of its warnings");
    assert!(p.build().up_to_date);
}

#[test]
fn warnings_are_printed_again_and_a_made_secret_is_said_once() {
    let p = Portal::new("uptodate-warnings");
    // No secret configured: the first build makes one and says so.
    p.edit("portal.toml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("link_secret"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    // A page among the assets is a warning every build prints (it is not published).
    std::fs::write(p.path("content/assets/brand/notes.html"), "<p>notes</p>").expect("write");
    let args = [
        "build",
        "-r",
        p.root.to_str().expect("utf-8"),
        "--today",
        "2026-11-24",
    ];
    let first = common::run(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("made a random one"),
        "{}",
        first.stderr
    );
    let second = common::run(&args);
    assert!(
        second.stdout.contains("already up to date"),
        "{}",
        second.stdout
    );
    assert!(
        !second.stderr.contains("made a random one"),
        "said once: {}",
        second.stderr
    );
    assert!(
        second.stderr.contains("notes.html: warning"),
        "{}",
        second.stderr
    );
    // A full build of the same portal (its record gone) prints exactly the same.
    std::fs::remove_dir_all(p.path(".campsite/builds")).expect("remove the record");
    let full = common::run(&args);
    assert!(
        !full.stdout.contains("already up to date"),
        "{}",
        full.stdout
    );
    assert_eq!(
        second.stderr, full.stderr,
        "the fast path's warnings are a full build's"
    );
    assert_eq!(
        second.stdout.lines().next().map(|l| l.split(" in ").next()),
        full.stdout.lines().next().map(|l| l.split(" in ").next())
    );
}

#[test]
fn a_passphrase_build_never_takes_the_fast_path() {
    let mut p = Portal::new("uptodate-passphrase");
    p.audience = Audience::Team;
    let mut o = p.options("public");
    o.passphrase = Some("correct horse battery staple".into());
    pipeline::build(&o).expect("builds");
    let again = pipeline::build(&o).expect("builds");
    assert!(!again.up_to_date, "a passphrase build has no key");
    let marker = std::fs::read_to_string(p.path("public/.campsite-output")).expect("marker");
    assert!(!marker.contains("# key "), "and records none");
}
