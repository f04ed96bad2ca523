//! Diagnostics as a new user meets them (issue #22): the cause is reported, what only follows
//! from it is not; unquoted dates and text get a hint naming the key; a missing root or a
//! failed first build say what actually happened. Run in-process through `cli::run`.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn minimal_copy(name: &str) -> PathBuf {
    let dir = temp_dir(name).join("portal");
    copy_dir(&repo().join("tests/fixtures/minimal-public/portal"), &dir);
    dir
}

fn campsite(args: &[&str]) -> Outcome {
    run(args)
}

/// `check`'s report (it prints findings on standard output) in `stderr`, like `build`'s.
fn check(root: &Path) -> Outcome {
    let mut out = campsite(&[
        "check",
        "-r",
        &root.to_string_lossy(),
        "--today",
        "2026-03-05",
    ]);
    out.stderr = format!("{}{}", out.stdout, out.stderr);
    out
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn a_slashed_date_in_a_brief_is_one_error_with_the_iso_hint_and_nothing_after_it() {
    let root = minimal_copy("diag-date");
    let brief = root.join("content/campaigns/spring/briefs/ana.md");
    let text = std::fs::read_to_string(&brief).expect("read");
    let line = text
        .lines()
        .find(|l| l.starts_with("live_on") || l.starts_with("draft_due"))
        .expect("a dated deliverable")
        .to_string();
    let key = line.split('=').next().unwrap_or("").trim().to_string();
    replace_in(&brief, &line, &format!("{key} = 03/08/2026"));
    let out = check(&root);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "error: `{key}`: `03/08/2026` is not a date TOML can read"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: write dates as 2026-03-08 (year-month-day), without quotes"),
        "{}",
        out.stderr
    );
    // Results rows of that creator follow from the broken brief: not reported again.
    assert!(
        !out.stderr.contains("has no brief in this campaign"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("1 error,"), "{}", out.stderr);
}

#[test]
fn a_typo_in_platforms_is_reported_without_the_disclosure_warnings_it_causes() {
    let root = minimal_copy("diag-platform");
    let toml = root.join("content/campaigns/spring/campaign.toml");
    replace_in(
        &toml,
        "platforms = [\"instagram\", \"tiktok\"]",
        "platforms = [\"instagarm\", \"tiktok\"]",
    );
    let out = check(&root);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("unknown value `instagarm`")
            && out.stderr.contains("did you mean `instagram`?"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("disclosure-wording") && !out.stderr.contains("states no disclosure"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_empty_campaign_toml_is_a_warning_naming_the_file() {
    let root = minimal_copy("diag-empty");
    std::fs::write(root.join("content/campaigns/spring/campaign.toml"), "\n").expect("write");
    let out = check(&root);
    assert!(
        out.stderr
            .contains("content/campaigns/spring/campaign.toml: warning: campaign.toml is empty"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_root_says_the_folder_does_not_exist_and_creates_nothing() {
    let base = temp_dir("diag-noroot");
    let missing = base.join("nope");
    let out = campsite(&["build", "-r", &missing.to_string_lossy()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(&format!(
            "error: folder {} does not exist",
            missing.display()
        )),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("build failed; nothing was written"));
    assert!(!missing.exists(), "a failed build created the root");
}

#[test]
fn a_failed_first_build_does_not_claim_a_previous_output() {
    let root = minimal_copy("diag-first");
    std::fs::write(root.join("content/creators/ana.toml"), "name = \n").expect("write");
    let out = campsite(&["build", "-r", &root.to_string_lossy()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("build failed; nothing was written")
            && !out.stderr.contains("previous output"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unsafe_link_is_reported_at_its_own_value_not_where_the_same_text_comes_first() {
    let root = minimal_copy("diag-unsafe-link");
    let bo = root.join("content/creators/bo.toml");
    // The same text first in `notes`, then as the e-mail.
    replace_in(
        &bo,
        "email = \"bo@example.com\"",
        "notes = \"mailto:bo@example.com\"\nemail = \"mailto:bo@example.com\"",
    );
    let out = check(&root);
    let text = std::fs::read_to_string(&bo).expect("read");
    let line = text
        .lines()
        .position(|l| l.starts_with("email = "))
        .map(|i| i + 1)
        .expect("email line");
    let want = format!(
        "content/creators/bo.toml:{line}:{}: warning: `email` = `mailto:bo@example.com`",
        "email = ".len() + 1
    );
    assert!(
        out.stderr.contains(&want),
        "want {want} in:\n{}",
        out.stderr
    );
}
