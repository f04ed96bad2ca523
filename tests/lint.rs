//! The compliance lint: one table of captions (`tests/data/captions.json`) through the Rust lint
//! and through the brief page's checker in a real browser (headless Chromium), with the same
//! verdicts; and `check` leaving the portal untouched.

mod common;

use campsite::compute::disclosure::caption::{
    CampaignRequirements, CaptionRules, CaptionVerdict, check_caption,
};
use campsite::model::Jurisdiction;
use common::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Deserialize)]
struct Table {
    brand: String,
    cutoff: usize,
    hashtags: Vec<String>,
    mentions: Vec<String>,
    banned: Vec<String>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    jurisdiction: String,
    caption: String,
    expect: CaptionVerdict,
}

fn table() -> Table {
    let text = std::fs::read_to_string(repo().join("tests/data/captions.json"))
        .expect("read tests/data/captions.json");
    serde_json::from_str(&text).expect("captions.json parses")
}

fn rules_for(t: &Table, c: &Case) -> CaptionRules {
    let j = Jurisdiction::parse(&c.jurisdiction)
        .unwrap_or_else(|| panic!("{}: unknown jurisdiction {}", c.name, c.jurisdiction));
    CaptionRules::new(
        j,
        &t.brand,
        t.cutoff,
        CampaignRequirements {
            hashtags: t.hashtags.clone(),
            mentions: t.mentions.clone(),
            banned: t.banned.clone(),
        },
    )
}

#[test]
fn caption_table_through_the_rust_lint() {
    let t = table();
    let mut wrong = Vec::new();
    for c in &t.cases {
        let got = check_caption(&c.caption, &rules_for(&t, c));
        if got != c.expect {
            wrong.push(format!("{}: got {got:?}, expected {:?}", c.name, c.expect));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for j in ["us", "uk", "ca", "fr"] {
        assert!(
            t.cases.iter().any(|c| c.jurisdiction == j),
            "the table has no case for {j}"
        );
    }
}

fn chromium() -> PathBuf {
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        for c in candidates {
            let p = Path::new(dir).join(c);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("no chromium found on PATH: install chromium (apt-get install chromium)");
}

/// Builds the fixture portal and returns the output folder and one brief page in it.
fn built_brief_page(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let out = dir.join("site");
    let portal = repo().join("tests/fixtures/minimal-public/portal");
    let o = run(&[
        "build",
        "-r",
        &portal.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--today",
        "2026-03-10",
    ]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    let briefs = std::fs::read_dir(out.join("b")).expect("b/ exists");
    let page = briefs
        .map(|e| e.expect("entry").path().join("index.html"))
        .find(|p| p.is_file())
        .expect("a brief page");
    (dir, page)
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn caption_table_through_the_brief_page_checker_in_a_browser() {
    let browser = chromium();
    let t = table();
    let (dir, page) = built_brief_page("checker-browser");
    let html = std::fs::read_to_string(&page).expect("read brief page");
    assert!(
        html.contains("id=\"caption-check\""),
        "brief page has no checker"
    );
    assert!(
        html.contains("checker.js"),
        "brief page does not load checker.js"
    );

    let rows: Vec<serde_json::Value> = t
        .cases
        .iter()
        .map(|c| serde_json::json!({"caption": c.caption, "rules": rules_for(&t, c)}))
        .collect();
    let payload = serde_json::to_vec(&rows).expect("json");
    let b64 = data_encoding::BASE64.encode(&payload);
    let url = format!("file://{}#selftest={b64}", page.display());
    let profile = dir.join("profile");
    let o = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
            "--virtual-time-budget=5000",
            "--dump-dom",
            &url,
        ])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {}: {e}; install chromium (apt-get install chromium)",
                browser.display()
            )
        });
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    let start = dom.find("<pre id=\"selftest-result\">").unwrap_or_else(|| {
        panic!(
            "the checker wrote no selftest result; is the section wired? stderr:\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let body = &dom[start + "<pre id=\"selftest-result\">".len()..];
    let body = &body[..body.find("</pre>").expect("closing </pre>")];
    let body = html_unescape(body);
    let verdicts: Vec<CaptionVerdict> = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("selftest result is not verdict JSON ({e}): {body}"));
    assert_eq!(verdicts.len(), t.cases.len());
    let mut wrong = Vec::new();
    for (c, js) in t.cases.iter().zip(&verdicts) {
        let rust = check_caption(&c.caption, &rules_for(&t, c));
        if *js != rust || *js != c.expect {
            wrong.push(format!(
                "{}: browser {js:?}, rust {rust:?}, expected {:?}",
                c.name, c.expect
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn check_writes_nothing() {
    for case in ["lint-problems", "minimal-public"] {
        let portal = repo().join("tests/fixtures").join(case).join("portal");
        let dir = temp_dir(&format!("check-writes-{case}"));
        let copy = dir.join("portal");
        copy_dir(&portal, &copy);
        let before = tree(&copy);
        let o = run(&[
            "check",
            "-r",
            &copy.to_string_lossy(),
            "--today",
            "2026-03-10",
        ]);
        assert!(o.status.code().is_some(), "check crashed");
        assert_eq!(tree(&copy), before, "{case}: check changed the portal");
        assert!(!copy.join("public").exists(), "{case}: check wrote public/");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn clean_portals_have_no_findings() {
    for portal in [repo(), repo().join("tests/fixtures/minimal-public/portal")] {
        let o = run(&[
            "check",
            "-r",
            &portal.to_string_lossy(),
            "--today",
            "2026-03-10",
            "--deny-warnings",
        ]);
        assert_eq!(
            stdout(&o),
            "0 errors, 0 warnings\n",
            "{}: {}",
            portal.display(),
            stderr(&o)
        );
        assert_eq!(o.status.code(), Some(0));
    }
}

#[test]
fn json_findings_have_every_field() {
    let portal = repo().join("tests/fixtures/lint-problems/portal");
    let o = run(&[
        "check",
        "-r",
        &portal.to_string_lossy(),
        "--today",
        "2026-03-10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json output");
    let items = v.as_array().expect("an array");
    assert!(!items.is_empty());
    for i in items {
        let o = i.as_object().expect("objects");
        let keys: Vec<&str> = o.keys().map(String::as_str).collect();
        for k in [
            "path", "line", "column", "severity", "rule", "message", "hint",
        ] {
            assert!(keys.contains(&k), "missing {k} in {i}");
        }
    }
}
