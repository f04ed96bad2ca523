//! CLI tests of the foundation: init, build, check, links, atomic output, no leaks.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn minimal_copy(name: &str) -> PathBuf {
    let dir = temp_dir(name).join("portal");
    copy_dir(&repo().join("tests/fixtures/minimal-public/portal"), &dir);
    dir
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn init_build_and_check_succeed() {
    let base = temp_dir("init");
    let portal = base.join("my-portal");
    let o = run_bin(&["init", &s(&portal)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_bin(&["build", "-r", &s(&portal)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "build: {}{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(portal.join("public/index.html").is_file());
    let o = run_bin(&["check", "-r", &s(&portal)]);
    assert_eq!(o.status.code(), Some(0), "check: {}", stdout(&o));
    assert!(stdout(&o).contains("0 errors"), "{}", stdout(&o));
    let o = run_bin(&["links", "-r", &s(&portal), "--format", "csv"]);
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.starts_with("brief,"))
            .count(),
        2,
        "{}",
        stdout(&o)
    );
}

#[test]
fn init_refuses_a_non_empty_directory() {
    let base = temp_dir("init-nonempty");
    std::fs::write(base.join("keep.txt"), "mine").expect("write");
    let o = run(&["init", &s(&base)]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("not empty"), "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(base.join("keep.txt")).expect("kept"),
        "mine"
    );
}

/// One defect per case: (file, content, expected `path:line:` prefix in the output).
const BAD_INPUTS: &[(&str, &[u8], &str)] = &[
    (
        "content/creators/ana.toml",
        b"name = \"Ana\xff\"\n",
        "content/creators/ana.toml:1:12: error: file is not valid UTF-8",
    ),
    (
        "content/campaigns/spring/briefs/bo.md",
        b"fee = 600\n",
        "content/campaigns/spring/briefs/bo.md:1:1: error: missing `+++`",
    ),
    (
        "content/campaigns/spring/briefs/bo.md",
        b"+++\nfee = 600\n",
        "content/campaigns/spring/briefs/bo.md:1:1: error: the front matter opened with `+++` is never closed",
    ),
    (
        "content/campaigns/spring/campaign.toml",
        b"title = \"S\"\nstart = 2026-02-30\n",
        "content/campaigns/spring/campaign.toml:2:9: error: invalid date",
    ),
    (
        "content/campaigns/spring/results.csv",
        b"creator,likes\nana,many\n",
        "content/campaigns/spring/results.csv:2:5: error: row 2, column `likes`: `many` is not a whole number",
    ),
    (
        "content/campaigns/spring/results.csv",
        b"creator,likez\nana,3\n",
        "content/campaigns/spring/results.csv:1:9: error: unknown column `likez`",
    ),
    (
        "content/creators/Cleo.toml",
        b"name = \"Cleo\"\n",
        "content/creators/Cleo.toml:1:1: error: creator handle `Cleo` must be",
    ),
    (
        "content/creators/cleo lee.toml",
        b"name = \"Cleo\"\n",
        "content/creators/cleo lee.toml:1:1: error: creator handle `cleo lee` must be",
    ),
    (
        "content/campaigns/spring/briefs/bo.md",
        b"+++\n\nfee_usd = 600\n+++\n",
        "content/campaigns/spring/briefs/bo.md:3:1: error: unknown field `fee_usd`",
    ),
];

#[test]
fn each_bad_input_names_file_and_line_in_build_and_check() {
    for (i, (file, content, expected)) in BAD_INPUTS.iter().enumerate() {
        let portal = minimal_copy(&format!("bad-{i}"));
        std::fs::write(portal.join(file), content).expect("write defect");
        for cmd in ["check", "build"] {
            let o = run(&[cmd, "-r", &s(&portal), "--today", "2026-03-10"]);
            let all = format!("{}{}", o.stdout, o.stderr);
            assert_eq!(o.code, 1, "{cmd} with defect {file}: {all}");
            assert!(
                all.contains(expected),
                "{cmd} with defect {file}: expected `{expected}` in:\n{all}"
            );
        }
    }
}

#[test]
fn three_independent_errors_are_reported_in_one_run() {
    let portal = minimal_copy("three");
    std::fs::write(portal.join("content/creators/Cleo.toml"), "name = \"C\"\n").expect("w");
    std::fs::write(
        portal.join("content/campaigns/spring/results.csv"),
        "creator,likez\nana,1\n",
    )
    .expect("w");
    std::fs::write(
        portal.join("content/campaigns/spring/campaign.toml"),
        "title = \"S\"\nend = 2026-13-01\n",
    )
    .expect("w");
    let o = run(&["check", "-r", &s(&portal), "--today", "2026-03-10"]);
    let out = o.stdout;
    assert_eq!(o.code, 1);
    assert!(out.contains("Cleo.toml:1:1"), "{out}");
    assert!(out.contains("results.csv:1:9"), "{out}");
    assert!(out.contains("campaign.toml:2:7"), "{out}");
    assert!(out.contains("3 errors"), "{out}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_unchanged() {
    let portal = minimal_copy("atomic");
    let out = portal.parent().expect("parent").join("site");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let before = tree(&out);
    assert!(before.len() > 10);
    std::fs::write(
        portal.join("content/campaigns/spring/briefs/bo.md"),
        "no fence",
    )
    .expect("w");
    std::fs::write(
        portal.join("content/campaigns/spring/brief.md"),
        "# changed\n",
    )
    .expect("w");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 1);
    assert_eq!(
        tree(&out),
        before,
        "the previous output changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(portal.parent().expect("parent"))
        .expect("read")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("campsite-staging") || n.contains("campsite-old"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let portal = minimal_copy("determinism");
    let a = portal.parent().expect("p").join("a");
    let b = portal.parent().expect("p").join("b");
    for (out, audience) in [(&a, "team"), (&b, "team")] {
        let o = run(&[
            "build",
            "-r",
            &s(&portal),
            "-o",
            &s(out),
            "--today",
            "2026-03-10",
            "--audience",
            audience,
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn refuses_dangerous_output_folders() {
    let portal = minimal_copy("refuse");
    let parent = portal.parent().expect("p").to_path_buf();
    std::fs::write(parent.join("precious.txt"), "x").expect("w");
    for out in [portal.clone(), parent.clone(), PathBuf::from("/")] {
        let o = run(&["build", "-r", &s(&portal), "-o", &s(&out)]);
        assert_eq!(o.code, 2, "output {}: {}", out.display(), o.stderr);
        assert!(o.stderr.contains("refusing"), "{}", o.stderr);
    }
    assert!(parent.join("precious.txt").is_file());
    assert!(portal.join("portal.toml").is_file());
}

fn link_urls(portal: &Path, env: &[(&str, &str)]) -> Vec<String> {
    let o = run_env(&["links", "-r", &s(portal), "--format", "csv"], env);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().expect("url").to_string())
        .collect()
}

#[test]
fn links_are_stable_and_change_with_secret_or_revocation() {
    let portal = minimal_copy("links");
    let first = link_urls(&portal, &[]);
    assert_eq!(first.len(), 3, "two briefs and one report: {first:?}");
    assert_eq!(first.iter().filter(|u| u.contains("/b/")).count(), 2);
    assert_eq!(first.iter().filter(|u| u.contains("/r/")).count(), 1);
    for u in &first {
        let token = u.trim_end_matches('/').rsplit('/').next().expect("token");
        assert!(token.len() >= 26, "token too short for 128 bits: {token}");
    }
    assert_eq!(link_urls(&portal, &[]), first, "links changed between runs");
    let other = link_urls(
        &portal,
        &[("CAMPSITE_LINK_SECRET", "another-secret-0123456789abcdef")],
    );
    assert!(
        other.iter().all(|u| !first.contains(u)),
        "a new secret must change every link"
    );
    let brief = portal.join("content/campaigns/spring/briefs/bo.md");
    let text =
        std::fs::read_to_string(&brief)
            .expect("r")
            .replacen("+++\n", "+++\nrevoked = true\n", 1);
    std::fs::write(&brief, text).expect("w");
    let revoked = link_urls(&portal, &[]);
    let changed: Vec<_> = revoked.iter().filter(|u| !first.contains(u)).collect();
    assert_eq!(
        changed.len(),
        1,
        "revoking one brief changes exactly its link: {changed:?}"
    );
}

/// Team-only values planted in the roster, the report and creator content.
const SENTINELS: &[&str] = &[
    "SENTINEL-NOTES",
    "SENTINEL-MANAGER",
    "SENTINEL-LOCATION",
    "987654",
    "987,654",
    "SENTINEL-NICHE",
    "SENTINEL-ASSET",
    "sentinel-email@",
];

#[test]
fn public_build_contains_no_team_only_data_and_team_build_does() {
    let portal = minimal_copy("sentinel");
    std::fs::write(
        portal.join("content/creators/ana.toml"),
        "name = \"Ana\"\nemail = \"sentinel-email@example.com\"\nmanager = \"SENTINEL-MANAGER\"\nlocation = \"SENTINEL-LOCATION\"\nniches = [\"SENTINEL-NICHE\"]\nnotes = \"SENTINEL-NOTES\"\n[rates]\nreel = 987654\n[scorecard]\nreliability = 2\n",
    )
    .expect("w");
    let cc = portal.join("content/assets/creator-content");
    std::fs::create_dir_all(&cc).expect("mkdir");
    std::fs::copy(
        portal.join("content/assets/brand/swatch.png"),
        cc.join("ana-shot.png"),
    )
    .expect("copy");
    std::fs::write(cc.join("ana-shot.toml"), "title = \"SENTINEL-ASSET\"\nkind = \"creator-content\"\ncreator = \"ana\"\ncaption = \"SENTINEL-ASSET caption\"\n").expect("w");
    let public = portal.parent().expect("p").join("public-out");
    let team = portal.parent().expect("p").join("team-out");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&public),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&team),
        "--today",
        "2026-03-10",
        "--audience",
        "team",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let public_tree = tree(&public);
    for (path, bytes) in &public_tree {
        let text = String::from_utf8_lossy(bytes);
        for s in SENTINELS {
            assert!(
                !text.contains(s),
                "public file {path} leaks team-only `{s}`"
            );
        }
    }
    assert!(
        !public_tree.keys().any(|p| p.contains("creator-content")),
        "creator content published"
    );
    assert!(
        !public_tree.keys().any(|p| p.starts_with("team/")),
        "team pages in a public build"
    );
    let team_text: String = tree(&team)
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    for s in ["SENTINEL-NOTES", "SENTINEL-MANAGER", "987,654"] {
        assert!(
            team_text.contains(s),
            "team build should show `{s}` (else this test cannot catch a leak)"
        );
    }
}

#[test]
fn templates_override_the_theme_and_a_named_theme_is_used() {
    let portal = minimal_copy("themes");
    let out = portal.parent().expect("p").join("out");
    std::fs::create_dir_all(portal.join("templates")).expect("mkdir");
    std::fs::write(
        portal.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}OVERRIDE-404{% endblock content %}",
    )
    .expect("w");
    std::fs::create_dir_all(portal.join("themes/plain/templates")).expect("mkdir");
    std::fs::create_dir_all(portal.join("themes/plain/static")).expect("mkdir");
    std::fs::write(
        portal.join("themes/plain/templates/index.html"),
        "<!DOCTYPE html><title>t</title><p>PLAIN-THEME {{ site.title }}</p>",
    )
    .expect("w");
    std::fs::write(portal.join("themes/plain/static/extra.css"), "p{}").expect("w");
    let toml = std::fs::read_to_string(portal.join("portal.toml")).expect("r");
    std::fs::write(
        portal.join("portal.toml"),
        format!("theme = \"plain\"\n{toml}"),
    )
    .expect("w");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let t = tree(&out);
    assert!(String::from_utf8_lossy(&t["404.html"]).contains("OVERRIDE-404"));
    assert!(String::from_utf8_lossy(&t["index.html"]).contains("PLAIN-THEME Fixture Portal"));
    assert!(t.contains_key("extra.css"));
    assert!(
        t.contains_key("campsite.css"),
        "templates not overridden still come from the default theme"
    );
    std::fs::write(
        portal.join("portal.toml"),
        format!("theme = \"missing\"\n{toml}"),
    )
    .expect("w");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("theme `missing` not found"),
        "{}",
        o.stderr
    );
}

#[test]
fn markdown_html_is_sanitised_in_pages() {
    let portal = minimal_copy("sanitise");
    std::fs::write(
        portal.join("content/campaigns/spring/brief.md"),
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[bad](javascript:alert(1)) [ok](https://ok.example/)\n",
    )
    .expect("w");
    let out = portal.parent().expect("p").join("out");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let briefs: Vec<String> = tree(&out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("b/") && p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .collect();
    assert_eq!(briefs.len(), 2);
    for b in briefs {
        assert!(
            !b.contains("alert(1)</script>")
                && !b.contains("onerror")
                && !b.contains("javascript:"),
            "unsanitised: {b}"
        );
        assert!(b.contains("href=\"https://ok.example/\""));
    }
}

#[test]
fn a_rebuild_writes_only_what_changed_and_removes_stale_files() {
    let portal = minimal_copy("incremental");
    let out = portal.parent().expect("p").join("site");
    let build = || {
        let o = run(&[
            "build",
            "-r",
            &s(&portal),
            "-o",
            &s(&out),
            "--today",
            "2026-03-10",
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        o.stdout
    };
    let first = build();
    assert!(first.contains("unchanged"), "{first}");
    let before = tree(&out);
    let again = build();
    assert!(
        again.contains("(0 written"),
        "a no-change rebuild wrote files: {again}"
    );
    assert_eq!(tree(&out), before);
    let note = portal.join("content/campaigns/spring/briefs/bo.md");
    let text = std::fs::read_to_string(&note).expect("r");
    std::fs::write(&note, format!("{text}\nA new line for Bo.\n")).expect("w");
    let changed = build();
    assert!(
        changed.contains("(1 written"),
        "only Bo's page should be rewritten: {changed}"
    );
    std::fs::remove_file(&note).expect("rm");
    build();
    let after = tree(&out);
    let bo_pages = before
        .keys()
        .filter(|p| p.starts_with("b/") && !after.contains_key(*p))
        .count();
    assert_eq!(bo_pages, 2, "Bo's page and calendar should be removed");
    let dirs: Vec<_> = std::fs::read_dir(out.join("b")).expect("b").collect();
    assert_eq!(dirs.len(), 1, "the emptied brief folder should be removed");
}

// A first build writes campaign files to its staging folder while rendering: when a page then
// fails to render, neither the output nor the staging folder may remain.
#[test]
fn a_failed_first_build_leaves_no_output_and_no_staging_folder() {
    let portal = minimal_copy("atomic-first");
    std::fs::create_dir_all(portal.join("templates")).expect("mkdir");
    std::fs::write(
        portal.join("templates/brief.html"),
        "{{ brief.no_such_field.deeper }}",
    )
    .expect("w");
    let out = portal.parent().expect("parent").join("first-site");
    let o = run(&[
        "build",
        "-r",
        &s(&portal),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("brief.html"),
        "the error names the template: {}",
        o.stderr
    );
    assert!(
        !out.exists(),
        "a failed first build created {}",
        out.display()
    );
    let leftovers: Vec<_> = std::fs::read_dir(portal.parent().expect("parent"))
        .expect("read")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("campsite-staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

/// What only the real binary shows: `main` finds the portal from the process's working folder,
/// prints the outcome on the right streams and exits with its code (0, 1, 2).
#[test]
fn the_binary_finds_its_portal_prints_and_exits_with_the_outcome_code() {
    let portal = minimal_copy("binary");
    let o = std::process::Command::new(bin())
        .args(["check", "--today", "2026-03-05"])
        .current_dir(portal.join("content"))
        .env_remove("CAMPSITE_LINK_SECRET")
        .output()
        .expect("run campsite");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with("0 errors, 0 warnings\n"),
        "{}",
        stdout(&o)
    );
    let problems = repo().join("tests/fixtures/lint-problems/portal");
    let o = run_bin(&[
        "check",
        "-r",
        &s(&problems),
        "--today",
        "2026-03-10",
        "--deny-warnings",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains(": warning: "), "{}", stdout(&o));
    let o = run_bin(&["build", "-r", &s(&portal), "--audience", "nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("invalid value 'nobody'"),
        "{}",
        stderr(&o)
    );
}
