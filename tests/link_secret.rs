//! The link secret in force (issue #22): `CAMPSITE_LINK_SECRET`, else `[privacy] link_secret`,
//! else the portal's own `.campsite/link_secret`, made by the first build that needs it, said
//! once, read by every later run; `check` never makes it; a weak or unobtainable secret refuses a
//! public build.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn minimal_copy(name: &str) -> PathBuf {
    let dir = temp_dir(name).join("portal");
    copy_dir(&repo().join("tests/fixtures/minimal-public/portal"), &dir);
    dir
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

/// A copy of the minimal portal without `[privacy] link_secret` and without `.campsite/`.
fn secretless_copy(name: &str) -> PathBuf {
    let portal = minimal_copy(name);
    let toml = std::fs::read_to_string(portal.join("portal.toml")).expect("r");
    let without: String = toml
        .lines()
        .filter(|l| !l.starts_with("link_secret"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(portal.join("portal.toml"), without).expect("w");
    let _ = std::fs::remove_dir_all(portal.join(".campsite"));
    portal
}

#[test]
fn a_public_build_without_a_secret_makes_one_once_and_keeps_it() {
    let portal = secretless_copy("nosecret");
    let kept = portal.join(".campsite/link_secret");
    // `check` writes nothing: it neither fails for want of a secret nor makes one.
    let o = run(&["check", "-r", &s(&portal), "--today", "2026-03-05"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(!kept.exists(), "check made a secret");
    let o = run(&["build", "-r", &s(&portal)]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains(".campsite/link_secret: warning: no link secret was set: made a random one"),
        "the first build says so: {}",
        o.stderr
    );
    let secret = std::fs::read_to_string(&kept).expect("the secret is kept");
    assert!(
        std::fs::read_to_string(portal.join(".campsite/.gitignore"))
            .expect("and kept out of git")
            .lines()
            .any(|l| l == "link_secret")
    );
    let first = link_urls(&portal, &[]);
    let o = run(&["build", "-r", &s(&portal)]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stderr.contains("link"), "said once only: {}", o.stderr);
    assert_eq!(std::fs::read_to_string(&kept).expect("r"), secret);
    assert_eq!(
        link_urls(&portal, &[]),
        first,
        "later runs read the same secret"
    );
    // The environment still wins, and leaves the kept secret alone.
    let env = [(
        "CAMPSITE_LINK_SECRET",
        "from-the-environment-0123456789abcdef",
    )];
    let from_env = link_urls(&portal, &env);
    assert!(from_env.iter().all(|u| !first.contains(u)), "{from_env:?}");
    assert_eq!(std::fs::read_to_string(&kept).expect("r"), secret);
    // So does portal.toml.
    let toml = std::fs::read_to_string(portal.join("portal.toml")).expect("r");
    let configured = toml.replace(
        "[privacy]\n",
        "[privacy]\nlink_secret = \"from-the-portal-file-0123456789abcdef\"\n",
    );
    assert_ne!(configured, toml, "the portal has a [privacy] table");
    std::fs::write(portal.join("portal.toml"), configured).expect("w");
    let from_toml = link_urls(&portal, &[]);
    assert!(
        from_toml
            .iter()
            .all(|u| !first.contains(u) && !from_env.contains(u))
    );
}

#[test]
fn a_public_build_needs_a_secret() {
    // No secret configured, and none can be kept: `.campsite` is a file, not a folder.
    let portal = secretless_copy("nosecret-kept");
    std::fs::write(portal.join(".campsite"), "not a folder").expect("w");
    let o = run_bin(&["build", "-r", &s(&portal)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: no link secret, and none can be kept in .campsite/link_secret"),
        "{}",
        stderr(&o)
    );
    assert!(!portal.join("public").exists(), "nothing was written");
    // The process's CAMPSITE_LINK_SECRET (read by `main`) is used, and no secret is kept.
    std::fs::remove_file(portal.join(".campsite")).expect("rm");
    let o = run_bin_env(
        &["build", "-r", &s(&portal)],
        &[(
            "CAMPSITE_LINK_SECRET",
            "from-the-environment-0123456789abcdef",
        )],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!portal.join(".campsite/link_secret").exists());
}

#[test]
fn a_weak_kept_secret_is_refused_in_public() {
    let portal = secretless_copy("weak-kept");
    std::fs::create_dir_all(portal.join(".campsite")).expect("mkdir");
    std::fs::write(portal.join(".campsite/link_secret"), "hunter2\n").expect("w");
    let o = run(&["build", "-r", &s(&portal)]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains(".campsite/link_secret: error: the link secret has about"),
        "the error names the file the secret came from: {}",
        o.stderr
    );
}
