//! The deal on a brief (SPEC §6): payments with due dates and standing, acceptance and what
//! changed since, revisions, embargo times, ad codes, and the positioned errors for terms that
//! do not agree. Each case writes one brief into a copy of the minimal portal.

mod common;

use common::*;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-03-10";
const ANA: &str = "content/campaigns/spring/briefs/ana.md";

/// A copy of the minimal portal whose `ana.md` front matter is `front`.
fn portal_with(name: &str, front: &str) -> PathBuf {
    let portal = temp_dir(name).join("portal");
    copy_dir(
        &repo().join("tests/fixtures/minimal-public/portal"),
        &portal,
    );
    std::fs::write(portal.join(ANA), format!("+++\n{front}+++\nHi Ana.\n")).expect("write brief");
    portal
}

/// `check` output (stdout and stderr) and exit code.
fn check(portal: &Path) -> (i32, String) {
    let o = run(&["check", "-r", &portal.to_string_lossy(), "--today", TODAY]);
    (
        o.status.code().unwrap_or(-1),
        format!("{}{}", stdout(&o), stderr(&o)),
    )
}

/// The 1-based line and column of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Asserts `said` has an error at `needle`'s position in the brief, containing `words`.
fn assert_error_at(portal: &Path, said: &str, needle: &str, words: &str) {
    let text = std::fs::read_to_string(portal.join(ANA)).expect("read brief");
    let (line, col) = position(&text, needle);
    let want = format!("{ANA}:{line}:{col}: error:");
    let found = said
        .lines()
        .any(|l| l.starts_with(&want) && l.contains(words));
    assert!(found, "expected `{want} … {words}` in:\n{said}");
}

const DELIVERABLE: &str = r#"
[[deliverables]]
id = "reel-1"
platform = "instagram"
format = "reel"
draft_due = 2026-03-08
live_on = 2026-03-12
status = "draft-submitted"
"#;

#[test]
fn payments_that_do_not_add_up_to_the_fee_are_an_error_at_the_first_instalment() {
    let portal = portal_with(
        "deal-sum",
        &format!(
            "fee = 800\n{DELIVERABLE}\n[[payments]]\namount = 400\nafter = \"signature\"\n\n[[payments]]\namount = 300\nafter = \"go-live\"\n"
        ),
    );
    let (code, said) = check(&portal);
    assert_eq!(code, 1, "{said}");
    assert_error_at(
        &portal,
        &said,
        "[[payments]]",
        "add up to 700 but `fee` is 800",
    );
}

#[test]
fn payments_that_add_up_pass() {
    let portal = portal_with(
        "deal-sum-ok",
        &format!(
            "fee = 800\n{DELIVERABLE}\n[[payments]]\namount = 400.50\n\n[[payments]]\namount = 399.50\nafter = \"deliverable:reel-1\"\ndays = 30\n"
        ),
    );
    let (code, said) = check(&portal);
    assert!(!said.contains("payments-total"), "{said}");
    assert!(!said.contains(": error:"), "{said}");
    assert_eq!(code, 0, "{said}");
}

#[test]
fn after_naming_no_deliverable_is_an_error_at_the_after_value() {
    let portal = portal_with(
        "deal-after",
        &format!(
            "fee = 800\n{DELIVERABLE}\n[[payments]]\namount = 800\nafter = \"deliverable:reel-2\"\n"
        ),
    );
    let (code, said) = check(&portal);
    assert_eq!(code, 1, "{said}");
    assert_error_at(
        &portal,
        &said,
        "\"deliverable:reel-2\"",
        "names no deliverable",
    );
    assert!(
        said.contains("did you mean `deliverable:reel-1`?"),
        "{said}"
    );
}

#[test]
fn a_round_above_the_included_rounds_is_an_error_at_round() {
    let portal = portal_with(
        "deal-round",
        &format!("revision_rounds = 2\n{DELIVERABLE}round = 4\n"),
    );
    let (code, said) = check(&portal);
    assert_eq!(code, 1, "{said}");
    let text = std::fs::read_to_string(portal.join(ANA)).expect("read");
    let (line, col) = position(&text, "round = 4");
    // The value, not the key: `round = ` is 8 characters.
    let want = format!("{ANA}:{line}:{}: error:", col + 8);
    assert!(
        said.lines()
            .any(|l| l.starts_with(&want) && l.contains("above the 3 rounds")),
        "expected `{want}` in:\n{said}"
    );
    // Round 3 of 2 included revisions (the first draft plus two) is fine.
    let ok = portal_with(
        "deal-round-ok",
        &format!("revision_rounds = 2\n{DELIVERABLE}round = 3\n"),
    );
    let (code, said) = check(&ok);
    assert!(!said.contains("rounds this brief allows"), "{said}");
    assert_eq!(code, 0, "{said}");
}

#[test]
fn live_at_on_another_day_than_live_on_is_an_error_at_live_at() {
    let portal = portal_with(
        "deal-live-at",
        &format!("{DELIVERABLE}live_at = 2026-03-13T09:00:00\n"),
    );
    let (code, said) = check(&portal);
    assert_eq!(code, 1, "{said}");
    let text = std::fs::read_to_string(portal.join(ANA)).expect("read");
    let (line, col) = position(&text, "live_at = ");
    let want = format!("{ANA}:{line}:{}: error:", col + 10);
    assert!(
        said.lines()
            .any(|l| l.starts_with(&want) && l.contains("not on the day of `live_on` (2026-03-12)")),
        "expected `{want}` in:\n{said}"
    );
}
