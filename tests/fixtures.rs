//! Fixture suite: each `tests/fixtures/<case>/` holds a portal and its expected output (the whole
//! built tree, or `diagnostics.txt`), compared file by file; missing and extra files fail.
//! Re-approve with `BLESS=1 cargo test --test fixtures`.

mod common;

use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// `build` or `check`.
    command: String,
    /// `public` (default) or `team`.
    audience: Option<String>,
    /// Fixed today.
    today: String,
    /// Portal folder relative to the case (default `portal`).
    portal: Option<String>,
    /// Expected exit code (default 0).
    #[serde(default)]
    exit: i32,
    /// Extra flags.
    #[serde(default)]
    args: Vec<String>,
}

fn cases() -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("case.toml").is_file())
        .collect();
    v.sort();
    v
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// Compares `actual` with the files under `expected`; with BLESS, rewrites `expected`.
fn compare(case: &str, expected_dir: &Path, actual: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    if bless() {
        let _ = std::fs::remove_dir_all(expected_dir);
        for (p, bytes) in actual {
            let t = expected_dir.join(p);
            std::fs::create_dir_all(t.parent().expect("parent")).expect("mkdir");
            std::fs::write(t, bytes).expect("write");
        }
        return Vec::new();
    }
    let expected = tree(expected_dir);
    let mut problems = Vec::new();
    for (p, bytes) in &expected {
        match actual.get(p) {
            None => problems.push(format!("{case}: missing file {p}")),
            Some(a) if a != bytes => {
                let first = a
                    .iter()
                    .zip(bytes.iter())
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(bytes.len()));
                let ctx = String::from_utf8_lossy(
                    &a[first.saturating_sub(60)..(first + 60).min(a.len())],
                )
                .into_owned();
                problems.push(format!("{case}: {p} differs at byte {first}: …{ctx}…"));
            }
            _ => {}
        }
    }
    for p in actual.keys() {
        if !expected.contains_key(p) {
            problems.push(format!("{case}: unexpected extra file {p}"));
        }
    }
    problems
}

/// The default theme's static files (`themes/default/static/`), by site path.
fn theme_static() -> BTreeMap<String, Vec<u8>> {
    tree(&repo().join("themes/default/static"))
}

/// The theme's own files are approved once, as the theme's sources, not once per case: a built
/// copy identical to its source is taken out of the case's comparison; a missing copy is a
/// problem; a copy that differs (a portal override) stays in the case's snapshot.
fn take_theme_copies(case: &str, actual: &mut BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in theme_static() {
        match actual.get(&path) {
            Some(built) if *built == bytes => {
                actual.remove(&path);
            }
            Some(_) => {}
            None => problems.push(format!("{case}: the theme file {path} was not published")),
        }
    }
    problems
}

fn run_case(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let case: Case =
        toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).expect("read case"))
            .expect("case.toml");
    let portal = dir.join(case.portal.as_deref().unwrap_or("portal"));
    let portal_s = portal.to_string_lossy().into_owned();
    let out = temp_dir(&format!("fixture-{name}"));
    let out_s = out.join("site").to_string_lossy().into_owned();
    let mut args: Vec<String> = vec![
        case.command.clone(),
        "-r".into(),
        portal_s.clone(),
        "--today".into(),
        case.today.clone(),
    ];
    if case.command == "build" {
        args.extend([
            "-o".into(),
            out_s.clone(),
            "--audience".into(),
            case.audience.clone().unwrap_or_else(|| "public".into()),
        ]);
    }
    args.extend(case.args.iter().cloned());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&argv);
    let mut problems = Vec::new();
    let code = o.code;
    if code != case.exit {
        problems.push(format!(
            "{name}: exit {code}, expected {}\nstdout:\n{}\nstderr:\n{}",
            case.exit, o.stdout, o.stderr
        ));
    }
    let mut actual = BTreeMap::new();
    if case.command == "build" && case.exit == 0 {
        actual = tree(Path::new(&out_s));
        actual.remove(".campsite-output");
        problems.extend(take_theme_copies(&name, &mut actual));
    } else {
        let text = format!("{}{}", o.stdout, o.stderr)
            .replace(&format!("{portal_s}/"), "")
            .replace(&portal_s, "<portal>");
        actual.insert("diagnostics.txt".to_string(), text.into_bytes());
    }
    problems.extend(compare(&name, &dir.join("expected"), &actual));
    let _ = std::fs::remove_dir_all(&out);
    problems
}

#[test]
fn every_fixture_matches_its_expected_output() {
    let cases = cases();
    assert!(!cases.is_empty(), "no fixture cases found");
    let problems: Vec<String> = cases.iter().flat_map(|c| run_case(c)).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}\n(re-approve intended changes with BLESS=1 cargo test --test fixtures)",
        problems.len(),
        problems.join("\n")
    );
}
