//! The example portals in `examples/`: each builds in both audiences and checks with no errors.
//!
//! Runs the real binary, as a user would, with `--today` fixed so deadline and rights results do
//! not drift with the calendar.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLES: &[&str] = &[
    "b2b-webinars",
    "beauty-launch",
    "fitness-challenge",
    "recipe-series",
    "travel-vlogs",
];
const TODAY: &str = "2026-11-24";
const MAX_FILE_BYTES: u64 = 150_000;
const MAX_EXAMPLE_BYTES: u64 = 2_000_000;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn campsite(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_campsite"))
        .args(args)
        .env_remove("CAMPSITE_LINK_SECRET")
        .output()
        .expect("the campsite binary runs")
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fresh, absent output folder under the system temp dir, removed again on drop.
struct TempOut(PathBuf);

impl TempOut {
    fn new(name: &str) -> Self {
        let p =
            std::env::temp_dir().join(format!("campsite-examples-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        TempOut(p)
    }
}

impl Drop for TempOut {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder") {
            let p = entry.expect("folder entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_five_examples_are_there_with_a_readme() {
    let mut found: Vec<String> = std::fs::read_dir(examples_dir())
        .expect("examples/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("portal.toml").is_file())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    found.sort();
    assert_eq!(found, EXAMPLES, "examples/ holds exactly the five portals");
    for name in EXAMPLES {
        let readme = std::fs::read_to_string(examples_dir().join(name).join("README.md"))
            .unwrap_or_else(|e| panic!("{name}/README.md: {e}"));
        assert!(
            readme.contains("## What this example demonstrates"),
            "{name}/README.md says what the example demonstrates"
        );
    }
}

#[test]
fn every_example_builds_in_both_audiences() {
    for name in EXAMPLES {
        let root = examples_dir().join(name);
        let root = root.to_str().expect("UTF-8 path");
        for audience in ["public", "team"] {
            let out_dir = TempOut::new(&format!("{name}-{audience}"));
            let dir = out_dir.0.to_str().expect("UTF-8 path");
            let out = campsite(&[
                "build",
                "-r",
                root,
                "-o",
                dir,
                "--audience",
                audience,
                "--today",
                TODAY,
            ]);
            assert!(
                out.status.success(),
                "{name} ({audience}) builds:\n{}",
                text(&out)
            );
            assert!(
                out_dir.0.join("index.html").is_file(),
                "{name} ({audience}) has a front page"
            );
            let briefs = std::fs::read_dir(out_dir.0.join("b"))
                .map(|d| d.count())
                .unwrap_or(0);
            assert!(briefs >= 2, "{name} ({audience}) has brief pages");
            let reports = std::fs::read_dir(out_dir.0.join("r"))
                .map(|d| d.count())
                .unwrap_or(0);
            assert!(reports >= 1, "{name} ({audience}) publishes a report");
            let team = out_dir.0.join("team").is_dir();
            assert_eq!(
                team,
                audience == "team",
                "{name} ({audience}): /team/ exists only in the team audience"
            );
        }
    }
}

#[test]
fn every_example_checks_without_errors() {
    for name in EXAMPLES {
        let root = examples_dir().join(name);
        let out = campsite(&[
            "check",
            "-r",
            root.to_str().expect("UTF-8 path"),
            "--today",
            TODAY,
            "--format",
            "json",
        ]);
        let findings: Vec<serde_json::Value> =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                panic!(
                    "{name}: check --format json prints JSON ({e}):\n{}",
                    text(&out)
                )
            });
        let errors: Vec<&serde_json::Value> = findings
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{name} has errors: {errors:#?}");
        assert!(
            out.status.success(),
            "{name}: check exits 0:\n{}",
            text(&out)
        );
    }
}

#[test]
fn examples_stay_small() {
    for name in EXAMPLES {
        let files = files_under(&examples_dir().join(name));
        let mut total = 0;
        for f in &files {
            let size = std::fs::metadata(f).expect("metadata").len();
            assert!(
                size < MAX_FILE_BYTES,
                "{} is {size} bytes; keep example files under {MAX_FILE_BYTES}",
                f.display()
            );
            total += size;
        }
        assert!(
            total < MAX_EXAMPLE_BYTES,
            "{name} is {total} bytes; keep an example under {MAX_EXAMPLE_BYTES}"
        );
    }
}

#[test]
fn examples_use_distinct_link_secrets() {
    let mut secrets: Vec<String> = EXAMPLES
        .iter()
        .map(|name| {
            let toml = std::fs::read_to_string(examples_dir().join(name).join("portal.toml"))
                .expect("portal.toml");
            toml.lines()
                .find_map(|l| l.trim().strip_prefix("link_secret = "))
                .unwrap_or_else(|| panic!("{name} has a link_secret"))
                .to_string()
        })
        .collect();
    secrets.sort();
    secrets.dedup();
    assert_eq!(
        secrets.len(),
        EXAMPLES.len(),
        "each example has its own secret"
    );
}

/// The campaigns of `example` that publish a report: (title, objective) from campaign.toml.
fn reported_objectives(example: &str) -> Vec<(String, String)> {
    let dir = examples_dir().join(example).join("content/campaigns");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("campaigns/") {
        let c = e.expect("entry").path();
        if !c.join("report.md").exists() {
            continue;
        }
        let t: toml::Table = std::fs::read_to_string(c.join("campaign.toml"))
            .expect("campaign.toml")
            .parse()
            .expect("campaign.toml parses");
        let s = |k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        out.push((s("title"), s("objective")));
    }
    out
}

#[test]
fn every_example_report_leads_with_its_objective() {
    for name in EXAMPLES {
        let out = TempOut::new(&format!("objective-{name}"));
        let root = examples_dir().join(name);
        let o = campsite(&[
            "build",
            "-r",
            root.to_str().expect("utf-8"),
            "-o",
            out.0.to_str().expect("utf-8"),
            "--today",
            TODAY,
            "--audience",
            "team",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let expected = reported_objectives(name);
        let pages: Vec<String> = files_under(&out.0.join("r"))
            .into_iter()
            .filter(|p| p.ends_with("index.html"))
            .map(|p| std::fs::read_to_string(p).expect("report page"))
            .collect();
        assert_eq!(
            pages.len(),
            expected.len(),
            "{name}: one report per report.md"
        );
        for (title, objective) in expected {
            assert!(!objective.is_empty(), "{name}/{title} states an objective");
            let page = pages
                .iter()
                .find(|p| p.contains(&format!("<p class=\"meta\">{title}")))
                .unwrap_or_else(|| panic!("{name}: a report for {title}"));
            let first = page
                .split("<section")
                .nth(1)
                .and_then(|s| s.split("</section>").next())
                .unwrap_or("");
            assert!(
                first.contains(&format!("Verdict: {objective}")),
                "{name}/{title}: the first section names the {objective} objective"
            );
            let lead = format!(
                "{}{} campaign:",
                objective[..1].to_uppercase(),
                &objective[1..]
            );
            assert!(first.contains(&lead), "{name}/{title}: leads with “{lead}”");
        }
    }
}

#[test]
fn beauty_launch_has_a_spanish_brief_and_a_german_campaign() {
    let root = examples_dir().join("beauty-launch");
    let out_dir = TempOut::new("beauty-languages");
    let out = campsite(&[
        "build",
        "-r",
        root.to_str().expect("UTF-8 path"),
        "-o",
        out_dir.0.to_str().expect("UTF-8 path"),
        "--today",
        TODAY,
    ]);
    assert!(out.status.success(), "builds:\n{}", text(&out));
    let pages: Vec<String> = files_under(&out_dir.0.join("b"))
        .into_iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| std::fs::read_to_string(p).expect("page"))
        .collect();
    let in_lang = |lang: &str| {
        pages
            .iter()
            .filter(|p| p.contains(&format!("<html lang=\"{lang}\">")))
            .collect::<Vec<_>>()
    };
    let spanish = in_lang("es");
    assert_eq!(spanish.len(), 1, "one brief in Spanish");
    assert!(spanish[0].contains("Carmen Vidal"));
    let german = in_lang("de");
    assert_eq!(german.len(), 1, "one brief in German");
    assert!(german[0].contains("Jonas Keller") && german[0].contains("Werbung"));
    let campaign = std::fs::read_to_string(root.join("content/campaigns/glow-dach/campaign.toml"))
        .expect("campaign.toml");
    let table: toml::Table = toml::from_str(&campaign).expect("parses");
    assert_eq!(table["disclosure"]["jurisdiction"].as_str(), Some("de"));
}
