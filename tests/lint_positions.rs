//! Every lint rule names the file, line and column of the item its finding is about — the
//! origin validation kept — and never the first place the same value appears in the text
//! (issue #22: a deliverable id that also appears as another deliverable's title, a platform
//! that also appears in a specs line). Run in-process through `cli::run`.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Brief of `bo`: the second deliverable's id and platform are also written earlier (as the
/// first deliverable's title and specs), and both deliverables have a `draft_due` and `live_on`.
const BO: &str = r#"+++
version = 1
fee = 600
discount_code = "ana10"

[[deliverables]]
id = "tt-1"
platform = "tiktok"
format = "short"
title = "tt-2"
specs = "youtube"
draft_due = 2026-03-20
live_on = 2026-03-25
status = "planned"

[[deliverables]]
id = "tt-2"
platform = "tiktok"
format = "short"
draft_due = 2026-03-01
live_on = 2026-03-04
status = "planned"
landing_page = "https://shop.fixture.example/spring?utm_source=TikTok"
draft_caption = "New colours, new me"

[[deliverables]]
id = "yt-1"
platform = "youtube"
format = "video"
specs = "Length, aspect ratio, subtitles…"
status = "planned"

[rights]
channels = ["organic-repost"]
duration_days = 30
ad_code = "partnership-ads"
+++
Hello Bo. Why we picked you for this campaign.

The serum is a miracle, says everyone.
"#;

const CLIP: &str = r#"title = "Bo clip"
kind = "creator-content"
creator = "bo"
campaign = "spring"

[rights]
channels = ["paid-social"]
starts = 2026-01-01
until = 2026-03-01
"#;

const NO_RIGHTS: &str = "title = \"Bo still\"\nkind = \"creator-content\"\n";

/// The minimal fixture portal with `bo`'s brief above, a do-not-book `bo`, a wording that reads
/// like a setting, a banned claim in `brief.md`, a vague caption in `results.csv`, and two
/// creator-content assets (rights expired; rights unknown).
fn portal(name: &str) -> PathBuf {
    let root = temp_dir(name).join("portal");
    copy_dir(&repo().join("tests/fixtures/minimal-public/portal"), &root);
    let spring = root.join("content/campaigns/spring");
    write(&spring.join("briefs/bo.md"), BO);
    replace_in(
        &spring.join("campaign.toml"),
        "tiktok = \"#ad\" }",
        "tiktok = \"#ad + Branded content toggle on\" }",
    );
    replace_in(
        &spring.join("brief.md"),
        "- Bright colours for spring.",
        "- Bright colours for spring.\n- Our miracle colours.",
    );
    let csv = spring.join("results.csv");
    let rows = std::fs::read_to_string(&csv).expect("results.csv");
    write(
        &csv,
        &format!(
            "{rows}bo,tt-2,tiktok,short,https://tiktok.com/@bo/1,2026-03-05,100,90,4,1,2,0,0,\"New drop\n#sp #SpringDrop @fixturebrand\",actual\n"
        ),
    );
    let bo = root.join("content/creators/bo.toml");
    replace_in(&bo, "email = ", "status = \"do-not-book\"\nemail = ");
    let ugc = root.join("content/assets/ugc");
    std::fs::create_dir_all(&ugc).expect("ugc folder");
    let png = root.join("content/assets/brand/swatch.png");
    for name in ["bo-clip", "bo-still"] {
        std::fs::copy(&png, ugc.join(format!("{name}.png"))).expect("copy png");
    }
    write(&ugc.join("bo-clip.toml"), CLIP);
    write(&ugc.join("bo-still.toml"), NO_RIGHTS);
    root
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    write(path, &text.replacen(from, to, 1));
}

/// Line and column (1-based, in characters) of `needle` in `text`, the `nth` occurrence
/// (0-based), plus `skip` characters.
fn at(text: &str, needle: &str, nth: usize, skip: usize) -> (u64, u64) {
    let (i, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {nth}th `{needle}`"));
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1 + skip;
    (line as u64, col as u64)
}

/// Where a key's value starts: `key = ` skipped.
fn value_of(text: &str, key_line: &str, nth: usize) -> (u64, u64) {
    let skip = key_line.find(" = ").map_or(0, |i| i + 3);
    at(text, key_line, nth, skip)
}

struct Findings(Vec<Value>);

impl Findings {
    /// The position of the one finding of `rule` in `path` (whose message contains `about`).
    fn of(&self, rule: &str, path: &str, about: &str) -> (u64, u64) {
        let hits: Vec<&Value> = self
            .0
            .iter()
            .filter(|d| d["rule"] == rule && d["path"] == path)
            .filter(|d| d["message"].as_str().unwrap_or("").contains(about))
            .collect();
        assert_eq!(hits.len(), 1, "{rule} in {path} ({about}): {:#?}", self.0);
        let d = hits[0];
        (
            d["line"].as_u64().unwrap_or(0),
            d["column"].as_u64().unwrap_or(0),
        )
    }
}

fn check(root: &Path) -> Findings {
    let out = campsite::cli::run([
        "campsite",
        "check",
        "-r",
        &root.to_string_lossy(),
        "--today",
        "2026-03-10",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("json output ({e}): {}{}", out.stdout, out.stderr));
    Findings(v.as_array().expect("an array").clone())
}

const BRIEF: &str = "content/campaigns/spring/briefs/bo.md";

#[test]
fn each_finding_about_a_deliverable_points_at_that_deliverable() {
    let f = check(&portal("lint-positions-deliverables"));
    // tt-2's dates, not tt-1's (the first `"tt-2"` in the file is tt-1's title).
    assert_eq!(
        f.of("draft-overdue", BRIEF, "`tt-2`"),
        value_of(BO, "draft_due = 2026-03-01", 0)
    );
    assert_eq!(
        f.of("go-live-overdue", BRIEF, "`tt-2`"),
        value_of(BO, "live_on = 2026-03-04", 0)
    );
    // tt-2's own landing page makes its own link.
    assert_eq!(
        f.of("tracking-utm", BRIEF, "utm_source=TikTok"),
        value_of(BO, "id = \"tt-2\"", 0)
    );
    // YouTube at yt-1's `platform`, not at tt-1's `specs = "youtube"`.
    assert_eq!(
        f.of("disclosure-wording", BRIEF, "youtube"),
        value_of(BO, "platform = \"youtube\"", 0)
    );
    assert_eq!(
        f.of("disclosure-missing", BRIEF, "draft caption of `tt-2`"),
        value_of(BO, "draft_caption = ", 0)
    );
    // The placeholder in yt-1's specs comes before the note's.
    assert_eq!(
        f.of("starter-placeholder", BRIEF, "Length, aspect ratio"),
        value_of(BO, "specs = \"Length", 0)
    );
}

#[test]
fn each_finding_about_a_brief_points_at_its_key_or_text() {
    let f = check(&portal("lint-positions-briefs"));
    assert_eq!(
        f.of("discount-code-duplicate", BRIEF, "ana10"),
        value_of(BO, "discount_code = ", 0)
    );
    assert_eq!(
        f.of("version-not-bumped", BRIEF, "version 1"),
        value_of(BO, "version = 1", 0)
    );
    assert_eq!(
        f.of("ad-code-platform", BRIEF, "partnership-ads"),
        value_of(BO, "ad_code = ", 0)
    );
    assert_eq!(f.of("do-not-book", BRIEF, "Bo Li"), (1, 1));
    // In the note, at the sentence and the claim themselves (front matter offset added).
    assert_eq!(
        f.of("starter-placeholder", BRIEF, "Why we picked you"),
        at(BO, "Why we picked you", 0, 0)
    );
    assert_eq!(
        f.of("banned-claim", BRIEF, "miracle"),
        at(BO, "miracle", 0, 0)
    );
    let brief_md = "content/campaigns/spring/brief.md";
    let text = std::fs::read_to_string(
        repo()
            .join("tests/fixtures/minimal-public/portal")
            .join(brief_md),
    )
    .expect("brief.md")
    .replacen(
        "- Bright colours for spring.",
        "- Bright colours for spring.\n- Our miracle colours.",
        1,
    );
    assert_eq!(
        f.of("banned-claim", brief_md, "miracle"),
        at(&text, "miracle", 0, 0)
    );
}

#[test]
fn findings_about_the_campaign_results_and_assets_point_at_their_place() {
    let root = portal("lint-positions-others");
    let f = check(&root);
    let campaign = "content/campaigns/spring/campaign.toml";
    let text = std::fs::read_to_string(root.join(campaign)).expect("campaign.toml");
    assert_eq!(
        f.of("disclosure-setting-in-wording", campaign, "toggle on"),
        at(&text, "\"#ad + Branded", 0, 0)
    );
    // The caption cell of the row, which starts after a row whose caption is on one line.
    let csv = "content/campaigns/spring/results.csv";
    let text = std::fs::read_to_string(root.join(csv)).expect("results.csv");
    assert_eq!(
        f.of("disclosure-vague", csv, "bo's tt-2"),
        at(&text, "\"New drop", 0, 0)
    );
    let clip = "content/assets/ugc/bo-clip.toml";
    let (rights_line, _) = at(CLIP, "[rights]", 0, 0);
    let (line, _) = f.of("rights-expired", clip, "ugc/bo-clip.png");
    assert_eq!(line, rights_line, "at the sidecar's [rights]");
    let (line, _) = f.of("rights-channel", clip, "paid-social");
    assert_eq!(line, rights_line, "at the sidecar's [rights]");
    assert_eq!(
        f.of(
            "rights-unknown",
            "content/assets/ugc/bo-still.toml",
            "bo-still"
        ),
        (1, 1)
    );
}
