//! Hostile input: one case per input class, each asserting its exact outcome — a diagnostic naming
//! the file (and line where there is one), or a build that succeeds with the value neutralised.
//! Never a panic, never a write outside the output.

mod common;

use common::*;
use std::path::{Path, PathBuf};

#[path = "hostile/holes.rs"]
mod holes;
#[path = "hostile/memory.rs"]
mod memory;
#[path = "hostile/output.rs"]
mod output;

fn portal(name: &str) -> PathBuf {
    let dir = temp_dir(&format!("hostile-{name}")).join("portal");
    copy_dir(&repo().join("tests/fixtures/minimal-public/portal"), &dir);
    dir
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn write(p: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let f = p.join(rel);
    std::fs::create_dir_all(f.parent().expect("parent")).expect("mkdir");
    std::fs::write(f, bytes).expect("write");
}

/// Runs `check`, then `build` into `<portal>/../out`; returns (exit code, all output) of both.
fn check_and_build(p: &Path) -> [(i32, String); 2] {
    let out = p.parent().expect("p").join("out");
    let c = run(&["check", "-r", &s(p), "--today", "2026-03-10"]);
    let b = run(&[
        "build",
        "-r",
        &s(p),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
    ]);
    // In-process: a panic on hostile input fails this test where it happens.
    [c, b].map(|o| (o.code, format!("{}{}", o.stdout, o.stderr)))
}

/// Both commands fail with exit 1 and print `expected`.
fn assert_error(p: &Path, expected: &str) {
    for (code, out) in check_and_build(p) {
        assert_eq!(code, 1, "expected exit 1 with `{expected}`:\n{out}");
        assert!(out.contains(expected), "expected `{expected}` in:\n{out}");
    }
}

/// Both commands succeed; returns the built site.
fn assert_builds(p: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    for (code, out) in check_and_build(p) {
        assert_eq!(code, 0, "expected success:\n{out}");
    }
    tree(&p.parent().expect("p").join("out"))
}

fn page_texts(site: &std::collections::BTreeMap<String, Vec<u8>>) -> String {
    site.values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn front_matter_fence_with_trailing_space_is_accepted() {
    let p = portal("fence-space");
    let bo = std::fs::read_to_string(p.join("content/campaigns/spring/briefs/bo.md")).expect("r");
    write(
        &p,
        "content/campaigns/spring/briefs/bo.md",
        bo.replacen("+++\n", "+++  \n", 2),
    );
    assert_builds(&p);
}

#[test]
fn both_fences_on_one_line_is_an_error() {
    let p = portal("fence-one-line");
    write(
        &p,
        "content/campaigns/spring/briefs/bo.md",
        "+++ +++\nfee = 1\n",
    );
    assert_error(
        &p,
        "content/campaigns/spring/briefs/bo.md:1:1: error: the opening `+++` must stand alone on its line",
    );
}

#[test]
fn toml_nested_200_deep_is_an_error_not_a_crash() {
    let p = portal("nested");
    write(
        &p,
        "content/creators/bo.toml",
        format!(
            "name = \"Bo\"\n[extra]\nx = {}1{}\n",
            "[".repeat(200),
            "]".repeat(200)
        ),
    );
    assert_error(&p, "content/creators/bo.toml:3:");
}

#[test]
fn empty_files() {
    let p = portal("empty");
    write(&p, "content/creators/bo.toml", "");
    write(&p, "content/campaigns/spring/results.csv", "");
    let site = assert_builds(&p);
    assert!(
        page_texts(&site).contains(">bo<") || page_texts(&site).contains("For <strong>bo</strong>"),
        "an empty roster file falls back to the handle"
    );
    write(&p, "content/campaigns/spring/briefs/bo.md", "");
    assert_error(
        &p,
        "content/campaigns/spring/briefs/bo.md:1:1: error: missing `+++` front matter",
    );
}

#[test]
fn a_50_mb_markdown_file_is_refused_by_name() {
    let p = portal("huge");
    let line = "Lorem ipsum dolor sit amet, **consectetur** adipiscing elit.\n";
    write(
        &p,
        "content/campaigns/spring/brief.md",
        line.repeat(50 * 1024 * 1024 / line.len()),
    );
    assert_error(
        &p,
        "content/campaigns/spring/brief.md: error: file is 52 MB; campsite reads text files up to 16 MB",
    );
}

#[test]
fn pathological_markdown_renders() {
    let p = portal("pathological");
    let body = format!(
        "{}deep\n\n{}\n\n{}\n\n{}\n",
        ">".repeat(20_000),
        "*".repeat(50_000),
        "[".repeat(50_000),
        "_a".repeat(20_000)
    );
    write(&p, "content/campaigns/spring/brief.md", body);
    let site = assert_builds(&p);
    assert!(site.keys().any(|k| k.starts_with("b/")));
}

#[test]
fn hostile_names_are_escaped_and_neutralised() {
    let p = portal("names");
    let name =
        "Bo \\\"Q\\\" <script>alert(1)</script> {{7*7}} {% if true %}x{% endif %} \u{202E}evil";
    write(
        &p,
        "content/creators/bo.toml",
        format!("name = \"{name}\"\nemail = \"bo@example.com\"\n"),
    );
    let site = assert_builds(&p);
    let html: std::collections::BTreeMap<String, Vec<u8>> = site
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .collect();
    let all = page_texts(&html);
    assert!(!all.contains("<script>alert(1)"), "script tag not escaped");
    assert!(
        all.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || all.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(
        all.contains("{{7*7}}"),
        "template syntax in data must stay literal"
    );
    assert!(!all.contains("Bo &quot;Q&quot; &lt;script&gt;alert(1)&lt;/script&gt; 49"));
    assert!(all.contains("{% if true %}x{% endif %}"));
    assert!(
        !all.contains('\u{202E}'),
        "bidi override must be dropped from pages"
    );
}

#[test]
fn unicode_normalisation_and_case_clashes_are_errors() {
    let p = portal("clash-nfc");
    let png = std::fs::read(p.join("content/assets/brand/swatch.png")).expect("png");
    write(&p, "content/assets/brand/caf\u{e9}.png", &png);
    write(&p, "content/assets/brand/cafe\u{301}.png", &png);
    assert_error(&p, "error: `/media/brand/caf");
    let p = portal("clash-case");
    write(&p, "content/assets/brand/Logo.png", &png);
    write(&p, "content/assets/brand/logo.png", &png);
    assert_error(&p, "is also produced by content/assets/brand/");
}

#[test]
fn hostile_slugs_and_paths() {
    let p = portal("slugs");
    copy_dir(
        &p.join("content/campaigns/spring"),
        &p.join("content/campaigns/%2e%2e"),
    );
    assert_error(
        &p,
        "content/campaigns/%2e%2e: error: campaign slug `%2e%2e` must be 1–64 lowercase ASCII letters",
    );
    let p = portal("con");
    copy_dir(
        &p.join("content/campaigns/spring"),
        &p.join("content/campaigns/CON"),
    );
    assert_error(&p, "campaign slug `CON` must be");
    let p = portal("backslash");
    let png = std::fs::read(p.join("content/assets/brand/swatch.png")).expect("png");
    write(&p, "content/assets/brand/a\\b.png", &png);
    assert_error(
        &p,
        "content/assets/brand/a\\b.png: error: asset file name cannot be published: it contains a backslash",
    );
    let p = portal("nul");
    write(&p, "content/creators/bo.toml", b"name = \"B\0o\"\n");
    assert_error(&p, "content/creators/bo.toml:1:10: error:");
}

#[test]
fn symlinks_out_of_the_portal_and_loops_are_errors() {
    let p = portal("symlink-out");
    std::os::unix::fs::symlink("/etc/hostname", p.join("content/creators/evil.toml"))
        .expect("symlink");
    assert_error(
        &p,
        "content/creators/evil.toml: error: symlink points outside the portal",
    );
    let p = portal("symlink-loop");
    std::os::unix::fs::symlink(
        p.join("content/creators/loop-b.toml"),
        p.join("content/creators/loop-a.toml"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(
        p.join("content/creators/loop-a.toml"),
        p.join("content/creators/loop-b.toml"),
    )
    .expect("symlink");
    assert_error(
        &p,
        "content/creators/loop-a.toml: error: symlink is broken or loops",
    );
}

#[test]
fn a_poster_climbing_out_of_the_assets_is_refused() {
    let p = portal("poster");
    write(&p, "content/assets/brand/clip.mp4", b"not really a video");
    write(
        &p,
        "content/assets/brand/clip.toml",
        "title = \"Clip\"\nposter = \"../../../../etc/passwd\"\n",
    );
    assert_error(
        &p,
        "content/assets/brand/clip.toml:2:10: error: poster `../../../../etc/passwd` is not an asset beside this one",
    );
}

#[test]
fn hostile_csv_files() {
    let p = portal("csv-semicolon");
    write(
        &p,
        "content/campaigns/spring/results.csv",
        "creator;likes\nana;3\n",
    );
    assert_error(
        &p,
        "content/campaigns/spring/results.csv:1:1: error: the file is separated by `;`, not `,`",
    );

    let p = portal("csv-utf16");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "creator,likes\r\nana,3\r\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(&p, "content/campaigns/spring/results.csv", utf16);
    assert_error(
        &p,
        "content/campaigns/spring/results.csv:1:1: error: file is UTF-16; campsite reads UTF-8 only",
    );

    let p = portal("csv-formula");
    write(
        &p,
        "content/campaigns/spring/results.csv",
        "creator,deliverable,caption,likes\nana,reel-1,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\nsecond line #ad #SpringDrop @fixturebrand\",\"1,200\"\n",
    );
    let site = assert_builds(&p);
    let csv = site
        .iter()
        .find(|(k, _)| k.ends_with("results.csv"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .expect("results.csv published");
    assert!(
        csv.contains("\"'=HYPERLINK("),
        "formula not neutralised:\n{csv}"
    );
    assert!(
        csv.contains(",1200,") || csv.contains("1200"),
        "thousands separator read:\n{csv}"
    );

    let p = portal("csv-2gb");
    let f = std::fs::File::create(p.join("content/campaigns/spring/results.csv")).expect("create");
    f.set_len(2 * 1024 * 1024 * 1024).expect("sparse 2 GB file");
    assert_error(
        &p,
        "content/campaigns/spring/results.csv: error: file is 2147 MB; campsite reads text files up to 268 MB",
    );
}

#[test]
fn the_link_secret_never_appears_in_output() {
    let p = portal("secret");
    let out = p.parent().expect("p").join("team");
    let o = run(&[
        "build",
        "-r",
        &s(&p),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
        "--audience",
        "team",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let all = page_texts(&tree(&out));
    assert!(
        !all.contains("fixture-secret-not-for-production"),
        "the link secret leaked into the output"
    );
}

const PAYLOAD: &str =
    "<script>x</script>\\\" onmouseover=\\\"alert(1) javascript:alert(1) {{7*7}} a;b,c";

#[test]
fn escaping_by_context() {
    let p = portal("contexts");
    write(
        &p,
        "content/creators/bo.toml",
        format!("name = \"{PAYLOAD}\"\n"),
    );
    let camp =
        std::fs::read_to_string(p.join("content/campaigns/spring/campaign.toml")).expect("r");
    let camp = camp
        .replace(
            "title = \"Spring Drop\"",
            &format!("title = \"Spring\\r\\nBcc: evil@example.com {PAYLOAD}\""),
        )
        .replace(
            "banned_claims = [\"miracle\"]",
            "banned_claims = [\"miracle\", \"</script><script>alert(2)</script>\"]",
        );
    write(&p, "content/campaigns/spring/campaign.toml", camp);
    let site = assert_builds(&p);
    let text = |pred: &dyn Fn(&str) -> bool| -> String {
        site.iter()
            .filter(|(k, _)| pred(k))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let html = text(&|k| k.ends_with(".html"));
    // HTML text and attributes: nothing of the payload is live markup.
    assert!(!html.contains("<script>x"), "HTML text not escaped");
    assert!(
        !html.contains("\" onmouseover=\""),
        "attribute break-out not escaped"
    );
    assert!(
        !html.contains("<script>alert(2)"),
        "JSON inside <script> can close the element"
    );
    assert!(
        html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)"),
        "JSON in script should escape < and >"
    );
    assert!(
        !html.contains(">49<") && !html.contains(" 49 a;b"),
        "template syntax in data was evaluated"
    );
    // E-mail subjects: percent-encoded, header injection removed.
    let mailto = html
        .split("href=\"mailto:")
        .filter_map(|s| s.split('"').next())
        .find(|s| s.contains("subject="))
        .expect("accept mailto");
    assert!(
        !mailto.contains(' ')
            && !mailto.contains('<')
            && !mailto.to_lowercase().contains("%0d")
            && !mailto.to_lowercase().contains("%0a"),
        "{mailto}"
    );
    // .ics text: `;` and `,` escaped, no raw line break inside a property.
    let ics: Vec<String> = site
        .iter()
        .filter(|(k, _)| k.ends_with(".ics"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    assert!(
        ics.iter().any(|c| c.contains("a\\;b\\,c")),
        "ics text not escaped:\n{ics:?}"
    );
    for cal in &ics {
        for line in cal.trim_end_matches("\r\n").split("\r\n") {
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "bare newline in ics line: {line:?}"
            );
        }
    }
}

#[test]
fn zero_byte_and_misnamed_images() {
    let p = portal("images");
    let png = std::fs::read(p.join("content/assets/brand/swatch.png")).expect("png");
    write(&p, "content/assets/brand/empty.jpg", b"");
    write(&p, "content/assets/brand/really-png.jpg", &png);
    write(&p, "content/assets/brand/text.png", b"this is not an image");
    let out = p.parent().expect("p").join("out");
    let o = run(&[
        "build",
        "-r",
        &s(&p),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
        "--audience",
        "team",
    ]);
    let all = format!("{}{}", o.stdout, o.stderr);
    assert_eq!(
        o.code, 0,
        "unreadable images are warnings, the rest builds:\n{all}"
    );
    assert!(
        all.contains("content/assets/brand/empty.jpg: warning: image skipped"),
        "{all}"
    );
    assert!(
        all.contains("content/assets/brand/text.png: warning: image skipped"),
        "{all}"
    );
    assert!(
        !all.contains("really-png.jpg: warning"),
        "a PNG named .jpg is decoded by its content:\n{all}"
    );
    let site = tree(&out);
    assert!(
        site.keys().any(|k| k.starts_with("thumbs/")),
        "the readable images still get thumbnails"
    );
    assert!(
        site.keys().any(|k| k.contains("team/assets/")),
        "the library still builds"
    );
}

#[test]
fn svg_chart_text_is_escaped() {
    let p = portal("svg");
    write(
        &p,
        "content/creators/ana.toml",
        format!("name = \"{PAYLOAD}\"\n"),
    );
    let out = p.parent().expect("p").join("out");
    let o = run(&[
        "build",
        "-r",
        &s(&p),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
        "--audience",
        "team",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let report = tree(&out)
        .into_iter()
        .find(|(k, _)| k.starts_with("r/") && k.ends_with("index.html"))
        .map(|(_, v)| String::from_utf8_lossy(&v).into_owned())
        .expect("report page");
    let svgs: Vec<&str> = report
        .split("<svg")
        .skip(1)
        .map(|s| s.split("</svg>").next().unwrap_or(""))
        .collect();
    assert!(!svgs.is_empty(), "the report has inline SVG charts");
    for svg in svgs {
        assert!(!svg.contains("<script"), "markup in SVG text: {svg}");
        assert!(
            !svg.contains("\" onmouseover=\""),
            "attribute break-out in SVG: {svg}"
        );
    }
    assert!(
        report.contains("&lt;script&gt;x"),
        "the creator name appears, escaped"
    );
}

/// Found by the `markdown` fuzz target: text that reads like an attribute stays text.
#[test]
fn fuzz_regression_attribute_like_text_stays_text() {
    let html = campsite::render::markdown::render("href=\"javascript:", 1);
    assert_eq!(html.as_str(), "<p>href=\"javascript:</p>\n");
    let html = campsite::render::markdown::render("<a href=\"javascript:alert(1)\">x</a>", 1);
    assert!(!html.contains("javascript:"), "{html}");
}

/// The public report's files as one text, and its `report.json`, built with `show_fees` left
/// false.
fn public_report(p: &Path) -> (String, serde_json::Value) {
    let site = assert_builds(p);
    let text = site
        .iter()
        .filter(|(k, _)| k.starts_with("r/"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    let json = site
        .iter()
        .find(|(k, _)| k.starts_with("r/") && k.ends_with("report.json"))
        .and_then(|(_, v)| serde_json::from_slice(v).ok())
        .expect("report.json");
    (text, json)
}

/// #14 item 8: with `show_fees = false`, no public figure lets one creator's fee be derived.
/// Ana's fee 902 + product 20 + shipping 5 is €927; Bo posts nothing.
#[test]
fn public_report_never_lets_one_fee_be_derived() {
    // One paid creator: every cost figure would be her fee plus known parts.
    let p = portal("fee-one");
    let ana = std::fs::read_to_string(p.join("content/campaigns/spring/briefs/ana.md"))
        .expect("ana.md")
        .replace("fee = 800", "fee = 902");
    write(&p, "content/campaigns/spring/briefs/ana.md", &ana);
    let bo = std::fs::read_to_string(p.join("content/campaigns/spring/briefs/bo.md"))
        .expect("bo.md")
        .replace("fee = 600\n", "");
    write(&p, "content/campaigns/spring/briefs/bo.md", &bo);
    let (text, j) = public_report(&p);
    // Ana's fixed cost, the campaign's (927 + Bo's 25), its CPM over 12,000 impressions and
    // its CPC over 150 clicks: none may appear, as money or as a JSON amount.
    for leak in ["927", "952", "79.33", "6.35", "902"] {
        for form in [
            format!("€{leak}"),
            format!("\"{leak}\""),
            format!("{leak} fixed"),
        ] {
            assert!(!text.contains(&form), "`{form}` gives the fee away");
        }
    }
    assert!(j["totals"].get("cost").is_none(), "no campaign cost");
    for k in ["cpm", "cpe", "cpc", "cpa", "roas"] {
        assert!(j["rates"].get(k).is_none(), "no {k}");
        assert!(j["organic"]["rates"].get(k).is_none(), "no organic {k}");
    }

    // Two paid creators: the campaign total may show, nothing per creator or per group.
    let p = portal("fee-two");
    write(&p, "content/campaigns/spring/briefs/ana.md", &ana);
    let (text, j) = public_report(&p);
    assert!(
        j["breakdowns"]["creator"]["ana"]["totals"]
            .get("cost")
            .is_none()
    );
    assert!(j["organic"]["totals"].get("cost").is_none());
    assert!(
        text.contains("€1,552"),
        "the total over two paid creators shows"
    );
    for leak in ["€927", "\"927\"", "€625", "\"625\""] {
        assert!(
            !text.contains(leak),
            "`{leak}` gives one creator's cost away"
        );
    }
}

/// Bidi controls are dropped wherever a string lands: template values, Markdown (raw or written
/// as an entity), chart labels and the JSON indexes inside `<script>`, in both audiences.
#[test]
fn bidi_controls_are_dropped_from_text_markdown_charts_and_scripts() {
    let p = portal("bidi");
    write(
        &p,
        "content/creators/bo.toml",
        "name = \"Bo \u{202E}evil\"\nemail = \"bo@example.com\"\nniches = [\"x\u{2067}y\"]\n",
    );
    let bo = std::fs::read_to_string(p.join("content/campaigns/spring/briefs/bo.md")).expect("r");
    write(
        &p,
        "content/campaigns/spring/briefs/bo.md",
        format!("{bo}\nPay &#x202E;0005 and \u{2066}this\u{2069} <b>&#8238;raw</b>\n"),
    );
    let out = p.parent().expect("p").join("out-team");
    let team = run(&[
        "build",
        "-r",
        &s(&p),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
        "--audience",
        "team",
    ]);
    assert_eq!(team.code, 0, "{}", team.stderr);
    let mut site = assert_builds(&p);
    site.extend(
        tree(&out)
            .into_iter()
            .map(|(k, v)| (format!("team/{k}"), v)),
    );
    let pages: std::collections::BTreeMap<String, Vec<u8>> = site
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html") || k.ends_with(".svg") || k.ends_with(".xml"))
        .collect();
    let all = page_texts(&pages);
    assert!(all.contains("Bo evil"), "the name is still there");
    assert!(all.contains("0005 and this"), "the note is still there");
    let kept: Vec<&str> = all
        .lines()
        .filter(|l| l.contains(['\u{202E}', '\u{2066}', '\u{2067}', '\u{2069}']))
        .collect();
    assert!(kept.is_empty(), "bidi controls kept: {kept:?}");
}
