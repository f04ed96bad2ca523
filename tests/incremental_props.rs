//! Incremental builds against fresh ones, under random sequences of edits (issue #21): after
//! every edit of every kind of file — brief (note, fee, version, deleted, renamed to another
//! creator), the shared brief.md, campaign (retitled, folder renamed), roster (renamed, a niche,
//! followers, a rate, audience countries, a score or the notes changed, added, deleted), sidecar (retitled, kind switched), image, template, static file, the logo,
//! portal.toml, results.csv, report.md, plan.md, an asset added, renamed and deleted, the version
//! records forgotten, another link secret, another day — both `build` over its previous output and
//! `serve`'s in-memory rebuild must equal a fresh build, byte for byte, in either audience. Edits
//! keep the portal valid, so every step builds: one that would not (a deleted brief that results
//! still name) is undone before the build.

mod common;

use campsite::model::{Audience, Date};
use campsite::pipeline::{self, BuildOptions};
use campsite::serve::{Kept, build_in_memory, build_in_memory_with};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The portals the edits run over: each has several campaigns, briefs, assets and a report.
const PORTALS: &[&str] = &["examples/travel-vlogs", "examples/beauty-launch"];

#[derive(Debug, Clone)]
enum Edit {
    /// Append a line to a brief's personal note.
    BriefNote(usize),
    /// Raise a brief's fee.
    BriefFee(usize),
    /// Retitle a campaign.
    CampaignTitle(usize),
    /// Rename a creator in the roster.
    CreatorName(usize),
    /// Change what a creator's roster file says that the roster's lists or the shortlists show
    /// (by the second number: a niche, followers, a rate, audience countries, a scorecard
    /// score, the notes).
    CreatorFact(usize, u8),
    /// Retitle an asset in its sidecar.
    SidecarTitle(usize),
    /// Replace an image with another picture.
    Image(usize),
    /// Override the base template (the number goes into a comment).
    Template(u8),
    /// Write a static file.
    Static(u8),
    /// Rename the portal.
    PortalTitle,
    /// One more like on a results row.
    Results(usize),
    /// Append to a report's narrative.
    Report(usize),
    /// Add a brand-kit image, rename the last added one, or delete it.
    AddAsset(u8),
    /// Rename the last asset added.
    RenameAsset,
    /// Delete the last asset added.
    DeleteAsset,
    /// Build for another day.
    Today(i64),
    /// Bump a brief's `version` (a new version record).
    BriefVersion(usize),
    /// Delete a brief.
    DeleteBrief(usize),
    /// Give a brief to another creator of the roster (rename `briefs/<handle>.md`).
    RenameBrief(usize, usize),
    /// Append to a campaign's shared `brief.md`.
    SharedBrief(usize),
    /// Rename a campaign's folder (its slug).
    RenameCampaign(usize),
    /// Add a creator to the roster (a copy of another under a new handle), or delete it again.
    AddCreator(usize),
    /// Delete a creator added by `AddCreator`.
    DeleteCreator,
    /// Switch a sidecar's kind between brand-kit and creator-content.
    SidecarKind(usize),
    /// Append to a plan's narrative.
    Plan(usize),
    /// Replace the logo with one of another size.
    Logo(u8),
    /// Delete `.campsite/versions/` (the records are made again from the briefs).
    ForgetVersions,
    /// Build with another link secret.
    Secret(u8),
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..8).prop_map(Edit::BriefNote),
        (0usize..8).prop_map(Edit::BriefFee),
        (0usize..4).prop_map(Edit::CampaignTitle),
        (0usize..8).prop_map(Edit::CreatorName),
        (0usize..8, 0u8..6).prop_map(|(i, k)| Edit::CreatorFact(i, k)),
        (0usize..8).prop_map(Edit::SidecarTitle),
        (0usize..8).prop_map(Edit::Image),
        any::<u8>().prop_map(Edit::Template),
        any::<u8>().prop_map(Edit::Static),
        Just(Edit::PortalTitle),
        (0usize..4).prop_map(Edit::Results),
        (0usize..4).prop_map(Edit::Report),
        any::<u8>().prop_map(Edit::AddAsset),
        Just(Edit::RenameAsset),
        Just(Edit::DeleteAsset),
        (1i64..40).prop_map(Edit::Today),
        (0usize..8).prop_map(Edit::BriefVersion),
        (0usize..8).prop_map(Edit::DeleteBrief),
        (0usize..8, 0usize..8).prop_map(|(b, c)| Edit::RenameBrief(b, c)),
        (0usize..4).prop_map(Edit::SharedBrief),
        (0usize..4).prop_map(Edit::RenameCampaign),
        (0usize..8).prop_map(Edit::AddCreator),
        Just(Edit::DeleteCreator),
        (0usize..8).prop_map(Edit::SidecarKind),
        (0usize..4).prop_map(Edit::Plan),
        any::<u8>().prop_map(Edit::Logo),
        Just(Edit::ForgetVersions),
        any::<u8>().prop_map(Edit::Secret),
    ]
}

struct Portal {
    root: PathBuf,
    today: Date,
    audience: Audience,
    secret: String,
    added: Vec<String>,
    creators_added: Vec<PathBuf>,
}

/// Files under `dir` (relative to `root`) whose name ends with `suffix`, sorted.
fn files_under(root: &Path, dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = common::tree(&root.join(dir))
        .into_keys()
        .filter(|k| k.ends_with(suffix))
        .map(|k| root.join(dir).join(k))
        .collect();
    v.sort();
    v
}

fn pick(v: &[PathBuf], i: usize) -> Option<&PathBuf> {
    (!v.is_empty()).then(|| &v[i % v.len()])
}

fn rewrite(path: &Path, f: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, f(&text)).expect("write");
}

fn picture(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([seed, (x * 5) as u8, (y * 7) as u8 ^ seed])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

impl Portal {
    fn new(name: &str, from: &str, audience: Audience) -> Self {
        let root = common::temp_dir(name).join("portal");
        common::copy_dir(&common::repo().join(from), &root);
        let _ = std::fs::remove_dir_all(root.join("public"));
        Portal {
            root,
            today: Date::parse("2026-11-24").expect("date"),
            audience,
            secret: secret(0),
            added: Vec::new(),
            creators_added: Vec::new(),
        }
    }

    fn options(&self, output: &str) -> BuildOptions {
        let mut o = BuildOptions::new(&self.root);
        o.output = Some(self.root.join(output));
        o.today = Some(self.today);
        o.audience = self.audience;
        o.secret_override = Some(self.secret.clone());
        o
    }

    /// True when the portal loads and validates without errors.
    fn valid(&self) -> bool {
        pipeline::prepare(&self.options("unused")).is_ok_and(|p| !p.diags.has_errors())
    }

    /// Applies an edit; one that leaves the portal with errors is undone (the content and the
    /// version records are put back as they were).
    fn apply(&mut self, e: &Edit) {
        let kept = ["content", ".campsite/versions"].map(|d| (d, common::tree(&self.root.join(d))));
        let lists = (self.added.clone(), self.creators_added.clone());
        self.change(e);
        if !self.valid() {
            (self.added, self.creators_added) = lists;
            for (dir, files) in kept {
                let dir = self.root.join(dir);
                let _ = std::fs::remove_dir_all(&dir);
                for (rel, bytes) in files {
                    let path = dir.join(rel);
                    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                    std::fs::write(path, bytes).expect("restore");
                }
            }
            assert!(self.valid(), "undoing {e:?} restores a valid portal");
        }
    }

    fn change(&mut self, e: &Edit) {
        let r = self.root.clone();
        let briefs: Vec<PathBuf> = files_under(&r, "content/campaigns", ".md")
            .into_iter()
            .filter(|p| p.parent().is_some_and(|d| d.ends_with("briefs")))
            .collect();
        let campaigns = files_under(&r, "content/campaigns", "campaign.toml");
        match e {
            Edit::BriefNote(i) => {
                if let Some(p) = pick(&briefs, *i) {
                    rewrite(p, |t| format!("{t}\nOne more thing, take {i}.\n"));
                }
            }
            Edit::BriefFee(i) => {
                if let Some(p) = pick(&briefs, *i) {
                    rewrite(p, |t| {
                        t.lines()
                            .map(|l| match l.strip_prefix("fee = ") {
                                Some(v) if v.trim().parse::<u64>().is_ok() => {
                                    format!("fee = {}", v.trim().parse::<u64>().unwrap_or(0) + 7)
                                }
                                _ => l.to_string(),
                            })
                            .collect::<Vec<_>>()
                            .join("\n")
                            + "\n"
                    });
                }
            }
            Edit::CampaignTitle(i) => {
                if let Some(p) = pick(&campaigns, *i) {
                    rewrite(p, |t| t.replacen("title = \"", "title = \"New ", 1));
                }
            }
            Edit::CreatorName(i) => {
                let roster = files_under(&r, "content/creators", ".toml");
                if let Some(p) = pick(&roster, *i) {
                    rewrite(p, |t| t.replacen("name = \"", "name = \"Dr ", 1));
                }
            }
            Edit::CreatorFact(i, k) => {
                let roster = files_under(&r, "content/creators", ".toml");
                if let Some(p) = pick(&roster, *i) {
                    rewrite(p, |t| creator_fact(t, *k));
                }
            }
            Edit::SidecarTitle(i) => {
                let sidecars = files_under(&r, "content/assets", ".toml");
                if let Some(p) = pick(&sidecars, *i) {
                    rewrite(p, |t| {
                        if t.contains("title = \"") {
                            t.replacen("title = \"", "title = \"Re ", 1)
                        } else {
                            format!("title = \"Retitled\"\n{t}")
                        }
                    });
                }
            }
            Edit::Image(i) => {
                let images: Vec<PathBuf> = files_under(&r, "content/assets", ".png");
                if let Some(p) = pick(&images, *i) {
                    std::fs::write(p, picture(*i as u8)).expect("write image");
                }
            }
            Edit::Template(n) => {
                let base = std::fs::read_to_string(
                    common::repo().join("themes/default/templates/base.html"),
                )
                .expect("the theme's base template");
                std::fs::create_dir_all(r.join("templates")).expect("mkdir");
                std::fs::write(
                    r.join("templates/base.html"),
                    base.replacen("</body>", &format!("<!-- footer {n} -->\n</body>"), 1),
                )
                .expect("write");
            }
            Edit::Static(n) => {
                std::fs::create_dir_all(r.join("static")).expect("mkdir");
                std::fs::write(r.join(format!("static/note-{}.txt", n % 3)), format!("{n}"))
                    .expect("write");
            }
            Edit::PortalTitle => {
                rewrite(&r.join("portal.toml"), |t| {
                    t.replacen("title = \"", "title = \"Renamed ", 1)
                });
            }
            Edit::Results(i) => {
                let results = files_under(&r, "content/campaigns", "results.csv");
                if let Some(p) = pick(&results, *i) {
                    bump_likes(p);
                }
            }
            Edit::Report(i) => {
                let reports = files_under(&r, "content/campaigns", "report.md");
                if let Some(p) = pick(&reports, *i) {
                    rewrite(p, |t| format!("{t}\nA later learning, number {i}.\n"));
                }
            }
            Edit::AddAsset(n) => {
                let name = format!("content/assets/brand/prop-{n}.png");
                std::fs::write(r.join(&name), picture(*n)).expect("write asset");
                if !self.added.contains(&name) {
                    self.added.push(name);
                }
            }
            Edit::RenameAsset => {
                if let Some(last) = self.added.pop() {
                    let to = last.replace(".png", "-renamed.png");
                    std::fs::rename(r.join(&last), r.join(&to)).expect("rename");
                    self.added.push(to);
                }
            }
            Edit::DeleteAsset => {
                if let Some(last) = self.added.pop() {
                    std::fs::remove_file(r.join(last)).expect("delete");
                }
            }
            Edit::Today(days) => self.today = self.today.plus_days(*days),
            Edit::BriefVersion(i) => {
                if let Some(p) = pick(&briefs, *i) {
                    rewrite(p, bump_version);
                }
            }
            Edit::DeleteBrief(i) => {
                if let Some(p) = pick(&briefs, *i) {
                    std::fs::remove_file(p).expect("delete brief");
                }
            }
            Edit::RenameBrief(b, c) => {
                let roster = files_under(&r, "content/creators", ".toml");
                if let (Some(p), Some(creator)) = (pick(&briefs, *b), pick(&roster, *c)) {
                    let handle = creator.file_stem().expect("stem").to_string_lossy();
                    let to = p.with_file_name(format!("{handle}.md"));
                    if !to.exists() {
                        std::fs::rename(p, to).expect("rename brief");
                    }
                }
            }
            Edit::SharedBrief(i) => {
                let shared = files_under(&r, "content/campaigns", "/brief.md");
                if let Some(p) = pick(&shared, *i) {
                    rewrite(p, |t| format!("{t}\n- Talking point {i}.\n"));
                }
            }
            Edit::RenameCampaign(i) => {
                if let Some(dir) = pick(&campaigns, *i).and_then(|p| p.parent()) {
                    let name = dir.file_name().expect("name").to_string_lossy();
                    std::fs::rename(dir, dir.with_file_name(format!("{name}-2")))
                        .expect("rename campaign");
                }
            }
            Edit::AddCreator(i) => {
                let roster = files_under(&r, "content/creators", ".toml");
                if let Some(p) = pick(&roster, *i) {
                    let to = r.join(format!("content/creators/prop-creator-{i}.toml"));
                    std::fs::copy(p, &to).expect("copy creator");
                    if !self.creators_added.contains(&to) {
                        self.creators_added.push(to);
                    }
                }
            }
            Edit::DeleteCreator => {
                if let Some(last) = self.creators_added.pop() {
                    std::fs::remove_file(last).expect("delete creator");
                }
            }
            Edit::SidecarKind(i) => {
                let sidecars = files_under(&r, "content/assets", ".toml");
                if let Some(p) = pick(&sidecars, *i) {
                    rewrite(p, |t| {
                        if t.contains("kind = \"brand-kit\"") {
                            t.replacen("kind = \"brand-kit\"", "kind = \"creator-content\"", 1)
                        } else {
                            t.replacen("kind = \"creator-content\"", "kind = \"brand-kit\"", 1)
                        }
                    });
                }
            }
            Edit::Plan(i) => {
                let plans = files_under(&r, "content/campaigns", "plan.md");
                if let Some(p) = pick(&plans, *i) {
                    rewrite(p, |t| format!("{t}\nAnother consideration, number {i}.\n"));
                }
            }
            Edit::Logo(n) => {
                let w = 100 + u32::from(*n);
                std::fs::write(
                    r.join("static/logo.svg"),
                    format!(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"40\" \
                         viewBox=\"0 0 {w} 40\"><rect width=\"{w}\" height=\"40\"/></svg>\n"
                    ),
                )
                .expect("write logo");
            }
            Edit::ForgetVersions => {
                let _ = std::fs::remove_dir_all(r.join(".campsite/versions"));
            }
            Edit::Secret(n) => self.secret = secret(*n),
        }
    }
}

/// A link secret strong enough for a public build, one per `n`.
fn secret(n: u8) -> String {
    format!("incremental-props-secret-{n:03}-0123456789abcdef")
}

/// `version = N` → `version = N + 1` in a brief's front matter.
fn bump_version(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("version = ") {
            Some(v) if v.trim().parse::<u32>().is_ok() => {
                format!("version = {}", v.trim().parse::<u32>().unwrap_or(0) + 1)
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Adds one like to the first row whose `likes` cell is a plain number.
fn bump_likes(path: &Path) {
    let mut reader = csv::Reader::from_path(path).expect("read csv");
    let headers = reader.headers().expect("headers").clone();
    let Some(col) = headers.iter().position(|h| h.eq_ignore_ascii_case("likes")) else {
        return;
    };
    let mut rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    if let Some(row) = rows
        .iter_mut()
        .find(|row| row.get(col).is_some_and(|v| v.parse::<u64>().is_ok()))
    {
        let mut cells: Vec<String> = row.iter().map(str::to_string).collect();
        cells[col] = (cells[col].parse::<u64>().unwrap_or(0) + 1).to_string();
        *row = csv::StringRecord::from(cells);
    }
    let mut w = csv::Writer::from_path(path).expect("write csv");
    w.write_record(&headers).expect("header");
    for row in &rows {
        w.write_record(row).expect("row");
    }
    w.flush().expect("flush");
}

/// The output without its marker.
fn output(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(dir);
    t.remove(".campsite-output");
    t
}

fn differing<V: PartialEq>(a: &BTreeMap<String, V>, b: &BTreeMap<String, V>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn run_sequence(
    case: usize,
    from: &str,
    audience: Audience,
    seq: &[Edit],
) -> Result<(), TestCaseError> {
    let mut p = Portal::new(&format!("props-{case}"), from, audience);
    pipeline::build(&p.options("public")).expect("the portal builds");
    // serve's state between builds: its last site, each campaign's lint findings, the theme.
    let kept = Kept::default();
    let (mut served, _, _) = build_in_memory_with(&p.options("unused"), None, None, Some(&kept))
        .expect("builds in memory");
    for (step, e) in seq.iter().enumerate() {
        p.apply(e);
        let after = format!("{e:?} (step {step} of {seq:?}, portal {from}, {audience:?})");
        pipeline::build(&p.options("public")).expect("the rebuild builds");
        let fresh_dir = p.root.join(format!("fresh-{step}"));
        pipeline::build(&p.options(&format!("fresh-{step}"))).expect("a fresh build");
        let got = output(&p.root.join("public"));
        let want = output(&fresh_dir);
        let _ = std::fs::remove_dir_all(&fresh_dir);
        let differ = differing(&got, &want);
        prop_assert!(
            differ.is_empty(),
            "build over its output after {after} differs from a fresh build: {differ:?}"
        );
        let opts = p.options("unused");
        let (again, _, _) =
            build_in_memory_with(&opts, Some(&served), None, Some(&kept)).expect("serve rebuild");
        let (fresh, _) = build_in_memory(&opts).expect("serve fresh");
        let differ = differing(&again.files, &fresh.files);
        prop_assert!(
            differ.is_empty(),
            "serve's rebuild after {after} differs from a fresh build: {differ:?}"
        );
        served = again;
    }
    if let Some(parent) = p.root.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 6,
        max_shrink_iters: 8,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_builds_equal_fresh_builds_after_any_edits(
        portal in 0usize..PORTALS.len(),
        team in any::<bool>(),
        seq in prop::collection::vec(edits(), 1..5),
        case in any::<u32>(),
    ) {
        let audience = if team { Audience::Team } else { Audience::Public };
        run_sequence(case as usize, PORTALS[portal], audience, &seq)?;
    }
}

/// `text` (a roster file) with one fact changed, by `kind`: a niche added, the first
/// platform's followers, the first rate, audience countries, the first scorecard score, the
/// notes. A fact the file does not have is left alone.
fn creator_fact(text: &str, kind: u8) -> String {
    // The first line after `header` with `f` applied to its value.
    let first_value = |header: &str, f: &dyn Fn(&str) -> String| match text.split_once(header) {
        Some((before, rest)) => match rest.split_once('\n') {
            Some((line, after)) => match line.split_once(" = ") {
                Some((k, v)) => format!("{before}{header}{k} = {}\n{after}", f(v)),
                None => text.to_string(),
            },
            None => text.to_string(),
        },
        None => text.to_string(),
    };
    match kind {
        0 => text.replacen("niches = [\"", "niches = [\"prop niche\", \"", 1),
        1 => text.replacen("followers = ", "followers = 1", 1),
        2 => first_value("[rates]\n", &|v| format!("{v}1")),
        3 => text.replacen("top_countries = [\"", "top_countries = [\"NZ\", \"", 1),
        4 => first_value("[scorecard]\n", &|v| {
            if v == "2" { "3" } else { "2" }.into()
        }),
        _ => text.replacen("notes = \"", "notes = \"Also: ", 1),
    }
}

/// Every edit kind once, aimed at files that pages show (a brand-kit sidecar, a roster file
/// with briefs), so each input kind is covered on every run; the random sequences above find
/// the interactions. Destructive edits come last.
fn every_kind() -> Vec<Edit> {
    vec![
        Edit::BriefNote(0),
        Edit::BriefFee(1),
        Edit::BriefVersion(0),
        Edit::SharedBrief(0),
        Edit::CampaignTitle(0),
        Edit::CreatorName(0),
        Edit::CreatorName(1),
        Edit::CreatorFact(0, 0),
        Edit::CreatorFact(1, 1),
        Edit::CreatorFact(0, 2),
        Edit::CreatorFact(1, 3),
        Edit::CreatorFact(0, 4),
        Edit::CreatorFact(1, 5),
        Edit::SidecarTitle(0),
        Edit::SidecarTitle(1),
        Edit::SidecarKind(4),
        Edit::Image(0),
        Edit::Template(1),
        Edit::Static(1),
        Edit::Logo(7),
        Edit::PortalTitle,
        Edit::Results(0),
        Edit::Report(0),
        Edit::Plan(0),
        Edit::AddAsset(3),
        Edit::RenameAsset,
        Edit::DeleteAsset,
        Edit::AddCreator(0),
        Edit::DeleteCreator,
        Edit::ForgetVersions,
        Edit::Secret(5),
        Edit::Today(3),
        Edit::RenameBrief(0, 2),
        Edit::DeleteBrief(1),
        Edit::RenameCampaign(0),
    ]
}

#[test]
fn every_edit_kind_once_in_public() {
    let seq = every_kind();
    if let Err(e) = run_sequence(1_000_001, "examples/travel-vlogs", Audience::Public, &seq) {
        panic!("{e}");
    }
}

#[test]
fn every_edit_kind_once_in_team() {
    let seq = every_kind();
    if let Err(e) = run_sequence(1_000_002, "examples/beauty-launch", Audience::Team, &seq) {
        panic!("{e}");
    }
}
