//! Incremental builds against fresh ones, under random sequences of edits (issue #21): after
//! every edit of every kind of file — brief, campaign, roster, sidecar, image, template, static
//! file, portal.toml, results.csv, report.md, an asset added, renamed and deleted, another day —
//! both `build` over its previous output and `serve`'s in-memory rebuild must equal a fresh build,
//! byte for byte. Edits keep the portal valid, so every step builds.

mod common;

use campsite::model::Date;
use campsite::pipeline::{self, BuildOptions};
use campsite::serve::{build_in_memory, build_in_memory_after};
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
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..8).prop_map(Edit::BriefNote),
        (0usize..8).prop_map(Edit::BriefFee),
        (0usize..4).prop_map(Edit::CampaignTitle),
        (0usize..8).prop_map(Edit::CreatorName),
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
    ]
}

struct Portal {
    root: PathBuf,
    today: Date,
    added: Vec<String>,
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
    fn new(name: &str, from: &str) -> Self {
        let root = common::temp_dir(name).join("portal");
        common::copy_dir(&common::repo().join(from), &root);
        let _ = std::fs::remove_dir_all(root.join("public"));
        Portal {
            root,
            today: Date::parse("2026-11-24").expect("date"),
            added: Vec::new(),
        }
    }

    fn options(&self, output: &str) -> BuildOptions {
        let mut o = BuildOptions::new(&self.root);
        o.output = Some(self.root.join(output));
        o.today = Some(self.today);
        o.secret_override = Some("incremental-props-secret-0123456789abcdef".into());
        o
    }

    fn apply(&mut self, e: &Edit) {
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
        }
    }
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

fn run_sequence(case: usize, from: &str, seq: &[Edit]) -> Result<(), TestCaseError> {
    let mut p = Portal::new(&format!("props-{case}"), from);
    pipeline::build(&p.options("public")).expect("the portal builds");
    let (mut served, _) = build_in_memory(&p.options("unused")).expect("builds in memory");
    for (step, e) in seq.iter().enumerate() {
        p.apply(e);
        let after = format!("{:?} (step {step} of {seq:?}, portal {from})", e);
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
        let (again, _) = build_in_memory_after(&opts, Some(&served)).expect("serve rebuild");
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
        seq in prop::collection::vec(edits(), 1..5),
        case in any::<u32>(),
    ) {
        run_sequence(case as usize, PORTALS[portal], &seq)?;
    }
}
