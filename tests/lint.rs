//! The compliance lint: one table of captions (`tests/data/captions.json`) through the Rust lint
//! and through the brief page's checker in a real browser (headless Chromium), with the same
//! verdicts; and `check` leaving the portal untouched.

mod common;

use campsite::compute::disclosure::caption::{
    CampaignRequirements, CaptionRules, CaptionVerdict, Disclosure, Setting, check_caption,
};
use campsite::model::{Deliverable, DeliverableFormat, Jurisdiction, Language, Platform};
use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One caption table: `tests/data/captions.json` (the algorithm's edge cases) or
/// `tests/data/captions/<jurisdiction>.json` (each jurisdiction's tokens, per language).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    brand: String,
    cutoff: usize,
    #[serde(default)]
    jurisdiction: Option<String>,
    #[serde(default)]
    hashtags: Vec<String>,
    #[serde(default)]
    mentions: Vec<String>,
    #[serde(default)]
    banned: Vec<String>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The table's jurisdiction unless given.
    #[serde(default)]
    jurisdiction: Option<String>,
    /// The post's language (default `en`).
    #[serde(default)]
    language: Option<String>,
    /// `retouched` and/or `virtual`: the deliverable's flags.
    #[serde(default)]
    flags: Vec<String>,
    caption: String,
    /// The whole verdict, or only its `disclosure` (and `missing_labels`) with nothing else missing.
    #[serde(default)]
    expect: Option<CaptionVerdict>,
    #[serde(default)]
    disclosure: Option<Disclosure>,
    #[serde(default)]
    missing_labels: Vec<String>,
}

/// Every table, by file name.
fn tables() -> BTreeMap<String, Table> {
    let mut files = vec![repo().join("tests/data/captions.json")];
    let dir = repo().join("tests/data/captions");
    let mut more: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read tests/data/captions/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    more.sort();
    files.extend(more);
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("read a caption table");
            let name = f.file_name().expect("name").to_string_lossy().into_owned();
            let t: Table =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} parses: {e}"));
            (name, t)
        })
        .collect()
}

/// A case with its table, resolved.
struct Row<'a> {
    file: &'a str,
    case: &'a Case,
    jurisdiction: Jurisdiction,
    language: Language,
    rules: CaptionRules,
    expect: CaptionVerdict,
}

fn rows(tables: &BTreeMap<String, Table>) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for (file, t) in tables {
        for c in &t.cases {
            let j = c
                .jurisdiction
                .as_deref()
                .or(t.jurisdiction.as_deref())
                .unwrap_or_else(|| panic!("{file}: {}: no jurisdiction", c.name));
            let jurisdiction = Jurisdiction::parse(j)
                .unwrap_or_else(|| panic!("{file}: {}: unknown jurisdiction {j}", c.name));
            let lang = c.language.as_deref().unwrap_or("en");
            let language = Language::parse(lang)
                .unwrap_or_else(|| panic!("{file}: {}: unknown language {lang}", c.name));
            let mut d = Deliverable::new("post-1", Platform::Instagram, DeliverableFormat::Post);
            d.retouched = c.flags.iter().any(|f| f == "retouched");
            d.virtual_image = c.flags.iter().any(|f| f == "virtual");
            let rules = CaptionRules::new(
                &Setting {
                    jurisdiction,
                    language,
                    brand: &t.brand,
                    cutoff: t.cutoff,
                },
                CampaignRequirements {
                    hashtags: t.hashtags.clone(),
                    mentions: t.mentions.clone(),
                    banned: t.banned.clone(),
                },
            )
            .with_labels_of([&d]);
            let expect = match (&c.expect, c.disclosure) {
                (Some(e), None) => e.clone(),
                (None, Some(d)) => CaptionVerdict {
                    disclosure: d,
                    missing_hashtags: Vec::new(),
                    missing_mentions: Vec::new(),
                    banned: Vec::new(),
                    missing_labels: c.missing_labels.clone(),
                },
                _ => panic!("{file}: {}: give either `expect` or `disclosure`", c.name),
            };
            out.push(Row {
                file,
                case: c,
                jurisdiction,
                language,
                rules,
                expect,
            });
        }
    }
    out
}

#[test]
fn caption_tables_through_the_rust_lint() {
    let t = tables();
    let rows = rows(&t);
    let mut wrong = Vec::new();
    for r in &rows {
        let got = check_caption(&r.case.caption, &r.rules);
        if got != r.expect {
            wrong.push(format!(
                "{}: {}: got {got:?}, expected {:?}",
                r.file, r.case.name, r.expect
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn caption_tables_cover_every_jurisdiction_and_language() {
    let t = tables();
    let rows = rows(&t);
    let mut count: BTreeMap<(Jurisdiction, Language), usize> = BTreeMap::new();
    for r in &rows {
        *count.entry((r.jurisdiction, r.language)).or_default() += 1;
    }
    let mut gaps = Vec::new();
    for j in Jurisdiction::ALL {
        for l in Language::ALL {
            let n = count.get(&(*j, *l)).copied().unwrap_or(0);
            if n < 3 {
                gaps.push(format!("{j}/{l}: {n} rows (want 3 or more)"));
            }
        }
        let total: usize = Language::ALL
            .iter()
            .map(|l| count.get(&(*j, *l)).copied().unwrap_or(0))
            .sum();
        let want = if ["de", "au", "in", "eu"].contains(&j.as_str()) {
            15
        } else {
            3
        };
        if total < want {
            gaps.push(format!("{j}: {total} rows in all (want {want})"));
        }
        for d in [Disclosure::Ok, Disclosure::Vague, Disclosure::Missing] {
            if !rows
                .iter()
                .any(|r| r.jurisdiction == *j && r.expect.disclosure == d)
            {
                gaps.push(format!("{j}: no row expecting {d:?}"));
            }
        }
    }
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
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
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
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

/// Runs the brief page's checker on some rows in headless Chromium (the page's `#selftest` hook).
fn run_checker(browser: &Path, dir: &Path, page: &Path, rows: &[&Row<'_>]) -> Vec<JsRow> {
    let payload: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::json!({"caption": r.case.caption, "rules": r.rules}))
        .collect();
    let payload = serde_json::to_vec(&payload).expect("json");
    let b64 = data_encoding::BASE64.encode(&payload);
    let url = format!("file://{}#selftest={b64}", page.display());
    let profile = dir.join("profile");
    let o = Command::new(browser)
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
    let js: Vec<JsRow> = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("selftest result is not verdict JSON ({e}): {body}"));
    assert_eq!(
        js.len(),
        rows.len(),
        "the checker answered a different number of rows"
    );
    js
}

/// What the checker wrote for one row.
#[derive(Deserialize)]
struct JsRow {
    verdict: CaptionVerdict,
    lines: Vec<String>,
}

#[test]
fn caption_tables_through_the_brief_page_checker_in_a_browser() {
    let browser = chromium();
    let t = tables();
    let rows = rows(&t);
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

    // One browser run per table keeps the URL under the kernel's limit for one argument.
    let mut js: Vec<JsRow> = Vec::new();
    for file in t.keys() {
        let part: Vec<&Row<'_>> = rows.iter().filter(|r| r.file == file).collect();
        js.extend(run_checker(&browser, &dir, &page, &part));
    }
    assert_eq!(js.len(), rows.len());
    let mut wrong = Vec::new();
    for (r, js) in rows.iter().zip(&js) {
        let rust = check_caption(&r.case.caption, &r.rules);
        if js.verdict != rust || js.verdict != r.expect {
            wrong.push(format!(
                "{}: {}: browser {:?}, rust {rust:?}, expected {:?}",
                r.file, r.case.name, js.verdict, r.expect
            ));
        }
        // The first line is the disclosure verdict, in the words the lint and report use.
        let words = r.rules.words.disclosure(rust.disclosure, &r.rules);
        if js.lines.first() != Some(&words) {
            wrong.push(format!(
                "{}: {}: the checker says {:?}, the rule file {words:?}",
                r.file,
                r.case.name,
                js.lines.first()
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
        run(&[
            "check",
            "-r",
            &copy.to_string_lossy(),
            "--today",
            "2026-03-10",
        ]);
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
            o.stdout,
            "0 errors, 0 warnings\n",
            "{}: {}",
            portal.display(),
            o.stderr
        );
        assert_eq!(o.code, 0);
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
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json output");
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

/// Line and column (1-based, in characters) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[test]
fn draft_captions_are_linted_in_their_language_at_their_position() {
    let dir = temp_dir("draft-captions");
    let portal = dir.join("portal");
    copy_dir(
        &repo().join("tests/fixtures/minimal-public/portal"),
        &portal,
    );
    let campaign = portal.join("content/campaigns/spring/campaign.toml");
    let toml = std::fs::read_to_string(&campaign).expect("campaign.toml");
    let toml = toml.replace("[disclosure]\n", "[disclosure]\njurisdiction = \"fr\"\n");
    std::fs::write(&campaign, toml).expect("write campaign.toml");
    let brief = portal.join("content/campaigns/spring/briefs/ana.md");
    let text = std::fs::read_to_string(&brief).expect("ana.md");
    let draft = "draft_caption = \"Mein Serum #SpringDrop @fixturebrand #ad\"";
    let text = text.replace(
        "status = \"draft-submitted\"\n",
        &format!("status = \"draft-submitted\"\nlanguage = \"de\"\nretouched = true\n{draft}\n"),
    );
    std::fs::write(&brief, &text).expect("write ana.md");
    let (line, col) = line_col(&text, draft);
    let col = col + "draft_caption = ".len();

    let o = run(&[
        "check",
        "-r",
        &portal.to_string_lossy(),
        "--today",
        "2026-03-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json output");
    let found: Vec<&serde_json::Value> = v
        .as_array()
        .expect("an array")
        .iter()
        .filter(|d| d["path"] == "content/campaigns/spring/briefs/ana.md")
        .collect();
    let rule = |r: &str| {
        found
            .iter()
            .find(|d| d["rule"] == r)
            .unwrap_or_else(|| panic!("no {r} finding on the draft caption: {found:#?}"))
    };
    // France's rules, German-language tokens: "#ad" does not disclose a German post.
    let vague = rule("disclosure-vague");
    assert_eq!(
        (vague["line"].as_u64(), vague["column"].as_u64()),
        (Some(line as u64), Some(col as u64))
    );
    assert_eq!(
        vague["message"],
        "draft caption of `reel-1`: only a vague disclosure (like #sp, #collab or “thanks”): start with “Publicité”"
    );
    assert!(
        vague["hint"]
            .as_str()
            .unwrap_or("")
            .contains("fr rules for posts in de")
    );
    let label = rule("disclosure-label");
    assert_eq!(label["line"].as_u64(), Some(line as u64));
    assert_eq!(
        label["message"],
        "draft caption of `reel-1`: add the label “Image retouchée”"
    );
    assert!(
        !found
            .iter()
            .any(|d| d["rule"] == "hashtag-missing" || d["rule"] == "mention-missing"),
        "the draft carries the hashtag and the mention: {found:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_shows_a_rule_and_a_jurisdiction_with_their_sources() {
    let o = run(&["check", "--explain", "disclosure-label"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = o.stdout;
    assert!(out.starts_with("disclosure-label: "), "{out}");
    assert!(out.contains("fr — France"), "{out}");
    assert!(out.contains("Loi n° 2023-451"), "{out}");
    let o = run(&["check", "--explain", "de"]);
    let out = o.stdout;
    assert!(out.contains("posts in de: write \"Werbung\""), "{out}");
    assert!(out.contains("vague:    #ad"), "{out}");
    let o = run(&["check", "--explain", "nope"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("disclosure-vague"), "{}", o.stderr);
}
