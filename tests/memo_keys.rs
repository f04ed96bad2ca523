//! Memo keys cover what each unit reads, and nothing else (issue #21): moving the portal keeps
//! every campaign; editing a creator's roster file re-renders only the campaigns with a brief for
//! that creator; editing an asset's sidecar re-renders only the campaigns that show that asset;
//! a team page is re-rendered only when what it shows changed. (That a kept page is never stale
//! is `incremental_props.rs`'s job.)

mod common;

use campsite::model::Date;
use campsite::pipeline::{self, BuildOptions};
use campsite::render::Site;
use campsite::serve::{Kept, build_in_memory, build_in_memory_after, build_in_memory_with};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const CAMPAIGNS: [&str; 4] = [
    "glow-dach",
    "glow-espana",
    "glow-launch",
    "holiday-gift-sets",
];

/// A copy of the beauty-launch example under `<temp>/<name>/`, built for a fixed day.
fn portal(name: &str) -> PathBuf {
    let root = common::temp_dir(name).join("portal");
    common::copy_dir(&common::repo().join("examples/beauty-launch"), &root);
    let _ = std::fs::remove_dir_all(root.join("public"));
    root
}

fn options(root: &Path, output: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.output = Some(output.to_path_buf());
    o.today = Some(Date::parse("2026-11-24").expect("date"));
    o.secret_override = Some("memo-keys-test-secret-0123456789abcdef".into());
    o
}

fn in_memory(root: &Path, previous: Option<&Site>) -> Site {
    let opts = options(root, &root.join("unused"));
    build_in_memory_after(&opts, previous)
        .expect("the portal builds")
        .0
}

/// The campaigns (by folder name) with a file that `next` rendered rather than took from
/// `previous`.
fn rerendered(previous: &Site, next: &Site) -> BTreeSet<String> {
    next.groups
        .iter()
        .filter(|(path, key)| previous.groups.get(*path) != Some(*key))
        .filter_map(|(path, _)| next.source_of(path))
        .filter_map(|source| source.strip_prefix("content/campaigns/"))
        .filter_map(|rest| rest.split('/').next())
        .map(str::to_string)
        .collect()
}

fn edit(path: &Path, f: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, f(&text)).expect("write");
}

fn remove(root: &Path) {
    if let Some(parent) = root.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
}

#[test]
fn every_campaign_has_files_in_a_group() {
    let root = portal("memo-groups");
    let site = in_memory(&root, None);
    let empty = Site::default();
    assert_eq!(
        rerendered(&empty, &site),
        CAMPAIGNS
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>(),
        "a first build renders every campaign"
    );
    remove(&root);
}

#[test]
fn moving_the_portal_keeps_every_campaign() {
    let base = common::temp_dir("memo-move");
    let from = base.join("a").join("portal");
    common::copy_dir(&common::repo().join("examples/beauty-launch"), &from);
    let _ = std::fs::remove_dir_all(from.join("public"));
    let out = base.join("out");
    let first = pipeline::build(&options(&from, &out)).expect("first build");
    assert_eq!(first.stats.reused, 0);
    let before = in_memory(&from, None);
    assert!(!before.groups.is_empty());

    let to = base.join("b").join("moved");
    std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
    std::fs::rename(&from, &to).expect("move the portal");

    // No key holds an absolute path: the moved portal's output is up to date as it is (the
    // no-change fast path), and in memory every unit keeps its key (below).
    let again = pipeline::build(&options(&to, &out)).expect("build after the move");
    assert!(again.up_to_date, "a moved portal's output is up to date");
    assert_eq!(again.stats.files, 0, "nothing is written");
    let after = in_memory(&to, Some(&before));
    assert_eq!(rerendered(&before, &after), BTreeSet::new());
    assert_eq!(after.kept_from(&before), before.groups.len());
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_roster_edit_rerenders_only_that_creators_campaigns() {
    let root = portal("memo-roster");
    let before = in_memory(&root, None);
    edit(&root.join("content/creators/mia-chen.toml"), |t| {
        t.replacen("name = \"", "name = \"Dr ", 1)
    });
    let after = in_memory(&root, Some(&before));
    let want: BTreeSet<String> = ["glow-launch", "holiday-gift-sets"]
        .map(String::from)
        .into();
    assert_eq!(rerendered(&before, &after), want);
    assert!(after.kept_from(&before) > 0);

    // A creator with a brief in one campaign only.
    edit(&root.join("content/creators/jonas-keller.toml"), |t| {
        t.replacen("name = \"", "name = \"Herr ", 1)
    });
    let last = in_memory(&root, Some(&after));
    assert_eq!(rerendered(&after, &last), ["glow-dach".to_string()].into());
    remove(&root);
}

#[test]
fn a_sidecar_edit_rerenders_only_the_campaigns_showing_the_asset() {
    let root = portal("memo-sidecar");
    let before = in_memory(&root, None);
    let retitle = |t: &str| t.replacen("title = \"", "title = \"New ", 1);

    // A brand-kit asset of one campaign.
    edit(
        &root.join("content/assets/brand/glow-serum-product.toml"),
        retitle,
    );
    let one = in_memory(&root, Some(&before));
    assert_eq!(
        rerendered(&before, &one),
        ["glow-launch".to_string()].into()
    );

    // Creator content is shown on no campaign page (only in the team's library).
    edit(
        &root.join("content/assets/creator-content/mia-serum-texture.toml"),
        retitle,
    );
    let none = in_memory(&root, Some(&one));
    assert_eq!(rerendered(&one, &none), BTreeSet::new());

    // A brand-kit asset tied to no campaign is in every campaign's kit.
    edit(
        &root.join("content/assets/brand/lumiere-logo.toml"),
        retitle,
    );
    let all = in_memory(&root, Some(&none));
    assert_eq!(
        rerendered(&none, &all),
        CAMPAIGNS
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>()
    );

    // Turning creator content into a brand-kit asset of a campaign adds it to that kit.
    edit(
        &root.join("content/assets/creator-content/priya-flatlay.toml"),
        |t| t.replacen("kind = \"creator-content\"", "kind = \"brand-kit\"", 1),
    );
    let joined = in_memory(&root, Some(&all));
    let fresh = build_in_memory(&options(&root, &root.join("unused")))
        .expect("fresh")
        .0;
    assert_eq!(joined.files, fresh.files, "kept pages are not stale");
    remove(&root);
}

/// The team pages (by path) that `next` rendered rather than took from `previous`.
fn team_rerendered(previous: &Site, next: &Site) -> BTreeSet<String> {
    next.groups
        .iter()
        .filter(|(path, key)| path.starts_with("team/") && previous.groups.get(*path) != Some(*key))
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn team_pages_are_units_kept_while_what_they_show_is_unchanged() {
    let root = portal("memo-team");
    let mut opts = options(&root, &root.join("unused"));
    opts.audience = campsite::model::Audience::Team;
    let build = |previous: Option<&Site>| build_in_memory_after(&opts, previous).expect("builds").0;
    let first = build(None);
    assert!(
        first.groups.keys().any(|p| p == "team/index.html")
            && first
                .groups
                .keys()
                .any(|p| p == "team/creators/mia-chen/index.html"),
        "every team page has a key"
    );
    let again = build(Some(&first));
    assert!(
        team_rerendered(&first, &again).is_empty(),
        "no edit keeps every team page"
    );

    // A brief's prose is shown on no team page.
    edit(
        &root.join("content/campaigns/glow-launch/briefs/mia-chen.md"),
        |t| format!("{t}\nOne more paragraph for the creator.\n"),
    );
    let after_note = build(Some(&again));
    assert_eq!(team_rerendered(&again, &after_note), BTreeSet::new());

    // A roster file is shown on its creator's page and the roster's lists, not on another
    // creator's page.
    edit(&root.join("content/creators/mia-chen.toml"), |t| {
        t.replacen("name = \"Mia Chen\"", "name = \"Mia Chen-Ito\"", 1)
    });
    let after_roster = build(Some(&after_note));
    let changed = team_rerendered(&after_note, &after_roster);
    assert!(
        changed.contains("team/creators/mia-chen/index.html"),
        "{changed:?}"
    );
    assert!(changed.contains("team/creators/index.html"), "{changed:?}");
    assert!(
        !changed.contains("team/creators/jonas-keller/index.html"),
        "{changed:?}"
    );

    // A creator's notes are shown on their own page only: the roster's lists and the
    // campaigns' shortlists, which read what `Roster::digest` covers, are kept.
    edit(&root.join("content/creators/mia-chen.toml"), |t| {
        t.replacen("notes = \"", "notes = \"Prefers mornings. ", 1)
    });
    let after_notes = build(Some(&after_roster));
    let changed = team_rerendered(&after_roster, &after_notes);
    assert_eq!(
        changed,
        BTreeSet::from(["team/creators/mia-chen/index.html".to_string()]),
        "a note re-renders its creator's page alone"
    );
    remove(&root);
}

/// A copy of the example and the options of a team build of it.
fn team_portal(name: &str) -> (PathBuf, BuildOptions) {
    let root = portal(name);
    let mut opts = options(&root, &root.join("unused"));
    opts.audience = campsite::model::Audience::Team;
    (root, opts)
}

/// `serve`'s build after `previous`, with what it keeps between builds in `kept`.
fn served(opts: &BuildOptions, kept: &Kept, previous: Option<&Site>) -> Site {
    build_in_memory_with(opts, previous, None, Some(kept))
        .expect("builds")
        .0
}

#[test]
fn serve_lints_only_changed_campaigns_and_its_dashboard_counts_new_findings() {
    let (root, opts) = team_portal("memo-lint");
    let kept = Kept::default();
    let served = |previous: Option<&Site>| served(&opts, &kept, previous);
    let first = served(None);
    let dashboard = |s: &Site| format!("{:?}", s.files.get("team/index.html"));
    edit(
        &root.join("content/campaigns/glow-launch/briefs/mia-chen.md"),
        |t| format!("{t}\nOur serum cures dry skin overnight.\n"),
    );
    let after = served(Some(&first));
    let fresh = build_in_memory(&opts).expect("builds fresh").0;
    assert_ne!(
        dashboard(&first),
        dashboard(&after),
        "the new banned claim is counted on the dashboard"
    );
    assert_eq!(dashboard(&after), dashboard(&fresh));
    remove(&root);
}

#[test]
fn serve_remakes_the_parts_of_the_edited_campaign_only() {
    let (root, opts) = team_portal("memo-parts");
    let kept = Kept::default();
    let build = |previous: Option<&Site>| served(&opts, &kept, previous);
    let first = build(None);
    let all = kept.keyed.made_last_build();
    assert_eq!(kept.campaigns.read_last_load(), CAMPAIGNS.len());
    let again = build(Some(&first));
    assert_eq!(kept.keyed.made_last_build(), 0, "no edit makes no part");
    assert_eq!(
        kept.campaigns.read_last_load(),
        0,
        "no edit reads no campaign"
    );

    // Prose: the parts of its campaign are made again (they read the campaign's files), come
    // out the same, and no team page is re-rendered.
    let brief = root.join("content/campaigns/glow-launch/briefs/mia-chen.md");
    edit(&brief, |t| {
        format!("{t}\nOne more paragraph for the creator.\n")
    });
    let after_prose = build(Some(&again));
    assert_eq!(
        kept.campaigns.read_last_load(),
        1,
        "only the edited campaign is read"
    );
    let made = kept.keyed.made_last_build();
    // One campaign's parts and values: the edited brief's calendar entries, payments,
    // shipments, links, overview, shortlist, the creators' shares of it, its briefs' keys, its
    // metrics.
    assert!(made > 0 && made <= 9, "{made} of {all}");
    let briefs = std::fs::read_dir(root.join("content/campaigns/glow-launch/briefs"))
        .expect("briefs folder")
        .count();
    assert!(
        briefs > 1,
        "the campaign has other briefs whose events stay"
    );
    assert_eq!(
        kept.keyed.made_last_build_of("calendar"),
        1,
        "only the edited brief's events are worded again"
    );
    assert!(all >= CAMPAIGNS.len() * 5, "{all}");
    assert_eq!(team_rerendered(&again, &after_prose), BTreeSet::new());

    // A date: the calendar and its file change, and equal a fresh build's.
    edit(&brief, |t| {
        t.replacen("draft_due = 2026-09-08", "draft_due = 2026-09-07", 1)
    });
    let after_date = build(Some(&after_prose));
    let changed = team_rerendered(&after_prose, &after_date);
    for page in ["team/calendar/index.html", "team/calendar.ics"] {
        assert!(changed.contains(page), "{page} in {changed:?}");
    }
    assert!(!changed.contains("team/links/index.html"), "{changed:?}");
    let fresh = build_in_memory(&opts).expect("fresh").0;
    assert_eq!(after_date.files, fresh.files, "kept parts are not stale");

    // A fee: of the creator pages, only that creator's (their share of the campaign changed).
    edit(&brief, |t| t.replacen("fee = 5200", "fee = 5300", 1));
    let after_fee = build(Some(&after_date));
    let creators: BTreeSet<String> = team_rerendered(&after_date, &after_fee)
        .into_iter()
        .filter(|p| p.starts_with("team/creators/") && p != "team/creators/index.html")
        .collect();
    let want = BTreeSet::from(["team/creators/mia-chen/index.html".to_string()]);
    assert_eq!(creators, want);
    let fresh = build_in_memory(&opts).expect("fresh").0;
    assert_eq!(after_fee.files, fresh.files, "kept shares are not stale");
    remove(&root);
}

#[test]
fn serve_reads_again_only_the_campaigns_whose_inputs_changed() {
    let (root, opts) = team_portal("memo-shelf");
    let kept = Kept::default();
    let build = |previous: Option<&Site>| served(&opts, &kept, previous);
    let mut site = build(None);
    let mut step = |what: &str, read: usize, change: &dyn Fn()| {
        change();
        let next = build(Some(&site));
        assert_eq!(kept.campaigns.read_last_load(), read, "{what}");
        let fresh = build_in_memory(&opts).expect("fresh").0;
        assert_eq!(
            next.files, fresh.files,
            "{what}: kept campaigns are not stale"
        );
        site = next;
    };
    // A roster file's text: a campaign reads only the roster's handles.
    let roster = root.join("content/creators/mia-chen.toml");
    step("a roster note", 0, &|| {
        edit(&roster, |t| {
            t.replacen("Great tutorials", "Fine tutorials", 1)
        })
    });
    // A new roster file: a reference to it may now resolve.
    let new = root.join("content/creators/nina-berg.toml");
    step("a new creator", CAMPAIGNS.len(), &|| {
        std::fs::write(&new, "name = \"Nina Berg\"\n").expect("write")
    });
    // portal.toml: every campaign reads its currency, jurisdiction, language and tracking.
    let settings = root.join("portal.toml");
    step("portal.toml", CAMPAIGNS.len(), &|| {
        edit(&settings, |t| t.replacen("Creator Portal", "Creators", 1))
    });
    // A campaign folder deleted: the others are kept.
    let gone = root.join("content/campaigns/glow-espana");
    step("a campaign deleted", 0, &|| {
        std::fs::remove_dir_all(&gone).expect("remove")
    });
    remove(&root);
}

#[test]
fn a_brief_edit_rerenders_that_briefs_files_and_no_other_brief() {
    let root = portal("memo-brief-unit");
    let opts = options(&root, &root.join("unused"));
    let build = |previous: Option<&Site>| build_in_memory_after(&opts, previous).expect("builds").0;
    let before = build(None);
    let brief = "content/campaigns/glow-launch/briefs/mia-chen.md";
    edit(&root.join(brief), |t| {
        format!("{t}\nOne more paragraph for Mia.\n")
    });
    let after = build(Some(&before));
    // The sources of the files rendered again rather than kept.
    let sources: BTreeSet<&str> = after
        .groups
        .iter()
        .filter(|(path, key)| before.groups.get(*path) != Some(*key))
        .filter_map(|(path, _)| after.source_of(path))
        .collect();
    assert!(sources.contains(brief), "{sources:?}");
    for other in ["lucas-moreau", "priya-nair", "zoe-okafor"] {
        let path = format!("content/campaigns/glow-launch/briefs/{other}.md");
        assert!(
            !sources.contains(path.as_str()),
            "{other}'s brief: {sources:?}"
        );
    }
    let pages: Vec<_> = after
        .groups
        .keys()
        .filter(|p| after.source_of(p) == Some(brief))
        .collect();
    assert_eq!(pages.len(), 2, "the page and its calendar file: {pages:?}");
    let fresh = build_in_memory(&opts).expect("fresh").0;
    assert_eq!(after.files, fresh.files, "kept briefs are not stale");
    remove(&root);
}

#[test]
fn serve_keeps_brief_tokens_only_while_what_they_are_made_of_is_unchanged() {
    let (root, opts) = team_portal("memo-tokens");
    let kept = Kept::default();
    let first = served(&opts, &kept, None);
    let brief = root.join("content/campaigns/glow-launch/briefs/mia-chen.md");
    let pages_of = |site: &Site| -> BTreeSet<String> {
        site.files
            .keys()
            .filter(|p| {
                site.source_of(p) == Some("content/campaigns/glow-launch/briefs/mia-chen.md")
                    && p.ends_with("index.html")
            })
            .cloned()
            .collect()
    };
    let before = pages_of(&first);
    assert_eq!(before.len(), 1, "{before:?}");
    // A prose edit keeps the link.
    edit(&brief, |t| format!("{t}\nOne more line.\n"));
    let second = served(&opts, &kept, Some(&first));
    assert_eq!(pages_of(&second), before, "a prose edit keeps the link");
    // Revoking moves it, though the campaign's other briefs keep their kept tokens.
    edit(&brief, |t| {
        t.replacen("revoked = false", "revoked = true", 1)
    });
    let third = served(&opts, &kept, Some(&second));
    let after = pages_of(&third);
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(
        before.is_disjoint(&after),
        "revoked: {before:?} → {after:?}"
    );
    let fresh = build_in_memory(&opts).expect("fresh").0;
    assert_eq!(third.files, fresh.files, "kept tokens are not stale");
    remove(&root);
}
