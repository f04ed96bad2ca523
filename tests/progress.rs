//! Progress events: `build` and `check` tell their reporter, in-process, as each stage starts and
//! how far rendering has got. `main` shows them only on a terminal, after about 2 s: its unit
//! test `status_lines_only_on_a_terminal_and_after_a_while` proves the quiet side. Run in-process through `cli::run_with` with a capturing reporter.

mod common;

use campsite::commands::{Report, Reporter};
use common::*;
use std::sync::{Arc, Mutex};

/// Runs campsite in-process and returns its outcome and the progress lines it reported.
fn run_capturing(args: &[&str]) -> (campsite::cli::Outcome, Vec<String>) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&lines);
    let reporter: Reporter = Arc::new(move |r| {
        if let Report::Progress(line) = r {
            seen.lock().expect("lock").push(line);
        }
    });
    let out = campsite::cli::run_with(
        std::iter::once("campsite").chain(args.iter().copied()),
        &reporter,
    );
    let lines = lines.lock().expect("lock").clone();
    (out, lines)
}

/// The demo portal, copied.
fn demo(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    for part in ["portal.toml", "content", "static"] {
        let from = repo().join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.join(part));
        } else {
            std::fs::copy(&from, dir.join(part)).expect("copy");
        }
    }
    dir
}

/// The position of the first line starting with `prefix`, failing with every line seen.
fn first(lines: &[String], prefix: &str) -> usize {
    lines
        .iter()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no progress line `{prefix}…` in {lines:#?}"))
}

#[test]
fn build_reports_every_stage_in_order() {
    let root = demo("progress-build");
    let out = root.join("out");
    let (outcome, lines) = run_capturing(&[
        "build",
        "-r",
        root.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--today",
        "2026-03-05",
    ]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let order: Vec<usize> = [
        "build: load",
        "build: validate",
        "build: thumbnails",
        "build: render public",
        "build: write",
    ]
    .iter()
    .map(|p| first(&lines, p))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{lines:#?}");
    let campaigns = std::fs::read_dir(root.join("content/campaigns"))
        .expect("campaigns")
        .count();
    let last = format!("{campaigns}/{campaigns} campaigns");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("build: render public [") && l.ends_with(&last)),
        "no `{last}` line in {lines:#?}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn check_reports_every_stage_of_both_audiences() {
    let root = demo("progress-check");
    let (outcome, lines) = run_capturing(&[
        "check",
        "-r",
        root.to_str().expect("utf-8"),
        "--today",
        "2026-03-05",
    ]);
    assert!(outcome.code <= 1, "{}{}", outcome.stdout, outcome.stderr);
    let order: Vec<usize> = [
        "check: load",
        "check: validate",
        "check: render public",
        "check: links public",
        "check: render team",
        "check: links team",
        "check: lint",
    ]
    .iter()
    .map(|p| first(&lines, p))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{lines:#?}");
    let _ = std::fs::remove_dir_all(&root);
}
