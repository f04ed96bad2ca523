//! The holes hostile testing found in reading and publishing (issue #14): symlinks to files
//! that are never content, active media, poster leaks, URL schemes, weak secrets, `//host`.

use super::*;

fn team_build(p: &Path) -> (i32, String, std::collections::BTreeMap<String, Vec<u8>>) {
    let out = p.parent().expect("p").join("team-out");
    let o = run(&[
        "build",
        "-r",
        &s(p),
        "-o",
        &s(&out),
        "--today",
        "2026-03-10",
        "--audience",
        "team",
    ]);
    // In-process: a panic on hostile input fails the test where it happens.
    let all = format!("{}{}", o.stdout, o.stderr);
    (o.code, all, tree(&out))
}

/// Item 1: a symlink that stays inside the portal but lands on a file that is never content
/// for its role (the settings with the link secret, a roster file) is refused, naming the link
/// and its target.
#[test]
fn symlinks_to_settings_and_roster_files_are_refused() {
    let p = portal("link-settings");
    std::os::unix::fs::symlink(
        "../../../portal.toml",
        p.join("content/assets/brand/settings.png"),
    )
    .expect("symlink");
    assert_error(
        &p,
        "content/assets/brand/settings.png: error: symlink to `portal.toml`",
    );

    let p = portal("link-roster");
    std::os::unix::fs::symlink(
        "../../creators/ana.toml",
        p.join("content/assets/brand/ana.png"),
    )
    .expect("symlink");
    assert_error(
        &p,
        "content/assets/brand/ana.png: error: symlink to `content/creators/ana.toml`",
    );

    // A whole folder linked elsewhere in the portal is refused the same way.
    let p = portal("link-assets-dir");
    std::fs::remove_dir_all(p.join("content/assets")).expect("rm");
    std::os::unix::fs::symlink("creators", p.join("content/assets")).expect("symlink");
    assert_error(
        &p,
        "content/assets/ana.toml: error: symlink to `content/creators/ana.toml`",
    );

    // A static file linked to the settings.
    let p = portal("link-static");
    std::fs::create_dir_all(p.join("static")).expect("mkdir");
    std::os::unix::fs::symlink("../portal.toml", p.join("static/site.txt")).expect("symlink");
    assert_error(&p, "static/site.txt: error: symlink to `portal.toml`");

    // A link from one asset to another stays allowed.
    let p = portal("link-asset-ok");
    std::os::unix::fs::symlink("swatch.png", p.join("content/assets/brand/swatch-copy.png"))
        .expect("symlink");
    let site = assert_builds(&p);
    assert!(site.contains_key("media/brand/swatch-copy.png"));
}

/// Item 2: types that can run are not published; what is published under `/media/` cannot
/// run on the site's origin; every page allows only its own scripts.
#[test]
fn active_content_is_not_published_and_media_cannot_run() {
    let p = portal("active");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>fetch('/team/links/')</script></svg>";
    write(&p, "content/assets/brand/evil.svg", svg);
    for ext in ["html", "htm", "xhtml", "js", "mjs"] {
        write(
            &p,
            &format!("content/assets/brand/evil.{ext}"),
            "<script>alert(1)</script>",
        );
    }
    let [(_, check), (code, build)] = check_and_build(&p);
    assert_eq!(code, 0, "{build}");
    for ext in ["html", "htm", "xhtml", "js", "mjs"] {
        let expected =
            format!("content/assets/brand/evil.{ext}: warning: `.{ext}` files are not published");
        assert!(check.contains(&expected), "{expected} in:\n{check}");
    }
    let site = tree(&p.parent().expect("p").join("out"));
    for ext in ["html", "htm", "xhtml", "js", "mjs"] {
        assert!(
            !site.contains_key(&format!("media/brand/evil.{ext}")),
            "{ext} published"
        );
    }
    let headers = String::from_utf8_lossy(&site["_headers"]).into_owned();
    let media = headers
        .split("\n/")
        .find(|b| b.starts_with("media/*"))
        .unwrap_or_else(|| panic!("no /media/* block in:\n{headers}"));
    for h in [
        "Content-Security-Policy: sandbox",
        "X-Content-Type-Options: nosniff",
        "Content-Disposition: attachment",
    ] {
        assert!(media.contains(h), "`{h}` missing for /media/*:\n{headers}");
    }
    assert!(headers.contains("script-src 'self'"), "{headers}");
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        assert!(
            html.contains("<meta http-equiv=\"Content-Security-Policy\"")
                && html.contains("script-src 'self'"),
            "{path} has no CSP"
        );
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').expect("tag end")];
            assert!(
                tag.contains(" src=") || tag.contains("application/json"),
                "{path}: inline script {tag}"
            );
        }
        assert!(
            !html.contains(" onclick=") && !html.contains(" onload="),
            "{path}"
        );
    }
}

/// Item 2, the dev server: the same headers, and its reload script only in campsite's pages.
#[test]
fn serve_sends_the_media_headers_and_injects_only_into_its_pages() {
    use campsite::pipeline::BuildOptions;
    use campsite::serve::{EventSink, ServeOptions, Server};
    use std::io::{Read, Write};
    let p = portal("serve-active");
    write(
        &p,
        "content/assets/brand/evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    );
    write(
        &p,
        "content/assets/brand/evil.html",
        "<body><script>alert(1)</script></body>",
    );
    let mut build = BuildOptions::new(&p);
    build.audience = campsite::model::Audience::Team;
    build.today = campsite::model::Date::parse("2026-03-10");
    let opts = ServeOptions {
        build,
        interface: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        port: 0,
        quiet: campsite::serve::watch::QUIET,
    };
    let sink: EventSink = std::sync::Arc::new(|_| {});
    let server = Server::start(opts, sink).expect("server starts");
    let addr = server.addr();
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            addr.port()
        );
        s.write_all(req.as_bytes()).expect("send");
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).expect("read");
        String::from_utf8_lossy(&buf).into_owned()
    };
    let svg = get("/media/brand/evil.svg");
    assert!(svg.starts_with("HTTP/1.1 200"), "{svg}");
    let head = svg
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(head.contains("content-security-policy: sandbox"), "{head}");
    assert!(head.contains("content-disposition: attachment"), "{head}");
    assert!(
        !svg.contains("live reload") && !svg.contains("__campsite"),
        "{svg}"
    );
    // Not published, so not served (the answer is campsite's own 404 page).
    let html = get("/media/brand/evil.html");
    assert!(
        html.starts_with("HTTP/1.1 404"),
        "evil.html is served:\n{html}"
    );
    assert!(!html.contains("alert(1)"), "evil.html is served:\n{html}");
    let page = get("/team/");
    assert!(
        page.contains("__campsite"),
        "campsite's own page has no reload script"
    );
    let page_head = page
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(page_head.contains("script-src 'self'"), "{page_head}");
    server.stop();
}

/// Item 5: a brand-kit file's poster must itself be public.
#[test]
fn a_brand_kit_poster_cannot_be_creator_content() {
    let p = portal("poster-leak");
    let png = std::fs::read(p.join("content/assets/brand/swatch.png")).expect("png");
    write(&p, "content/assets/creator-content/x.png", &png);
    write(
        &p,
        "content/assets/creator-content/x.toml",
        "kind = \"creator-content\"\ncreator = \"ana\"\n",
    );
    write(&p, "content/assets/brand/clip.mp4", b"not really a video");
    write(
        &p,
        "content/assets/brand/clip.toml",
        "title = \"Clip\"\nposter = \"../creator-content/x.png\"\n",
    );
    assert_error(
        &p,
        "content/assets/brand/clip.toml:2:10: error: poster `creator-content/x.png` is not a brand-kit file",
    );
}

/// Item 6: links from every key, not only Markdown: other schemes and e-mail queries dropped.
#[test]
fn unsafe_links_in_keys_are_dropped_with_a_warning() {
    let p = portal("key-links");
    let sidecar = std::fs::read_to_string(p.join("content/assets/brand/swatch.toml")).expect("r");
    write(
        &p,
        "content/assets/brand/swatch.toml",
        format!("source_url = \"javascript:alert(1)\"\n{sidecar}"),
    );
    let camp =
        std::fs::read_to_string(p.join("content/campaigns/spring/campaign.toml")).expect("r");
    write(
        &p,
        "content/campaigns/spring/campaign.toml",
        camp.replace(
            "email = \"cleo@fixture.example\"",
            "email = \"cleo@fixture.example?cc=evil@evil.example\"",
        ),
    );
    let (code, out, site) = team_build(&p);
    assert_eq!(code, 0, "{out}");
    // At the value's opening quote, like every finding about a string value.
    assert!(
        out.contains("content/assets/brand/swatch.toml:1:14: warning: `source_url` = `javascript:alert(1)` is not an http, https or relative link"),
        "{out}"
    );
    assert!(
        out.contains("content/campaigns/spring/campaign.toml:"),
        "{out}"
    );
    assert!(
        out.contains("warning: `contacts.email` = `cleo@fixture.example?cc=evil@evil.example`"),
        "{out}"
    );
    let all = page_texts(&site);
    assert!(
        !all.contains("javascript:alert"),
        "javascript: link published"
    );
    assert!(!all.contains("?cc=evil"), "mailto query published");
}

/// Item 7: a public build refuses a secret under 128 bits; a team preview only warns.
#[test]
fn weak_secrets_are_refused_for_public_builds() {
    for secret in [" ", "a", "short", "change-me-to-a-long-random-string"] {
        let p = portal(&format!("weak-{}", secret.len()));
        let t = std::fs::read_to_string(p.join("portal.toml")).expect("r");
        write(
            &p,
            "portal.toml",
            t.replace("fixture-secret-not-for-production-0123456789", secret),
        );
        for (code, out) in check_and_build(&p) {
            assert_eq!(code, 1, "secret {secret:?} accepted:\n{out}");
            assert!(out.contains("portal.toml: error: the link secret"), "{out}");
            assert!(out.contains("openssl rand -base64 32"), "no hint:\n{out}");
        }
        let (code, out, _) = team_build(&p);
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains("portal.toml: warning: the link secret"),
            "{out}"
        );
    }
}

/// Item 10: a protocol-relative link in raw HTML goes the way of the Markdown form.
#[test]
fn raw_protocol_relative_links_are_dropped() {
    let p = portal("raw-slashes");
    let brief = std::fs::read_to_string(p.join("content/campaigns/spring/brief.md")).expect("r");
    write(
        &p,
        "content/campaigns/spring/brief.md",
        format!(
            "{brief}\n<a href=\"//evil.example/x\">raw</a> <a href=\"/\\evil.example/y\">back</a> [md](//evil.example/z)\n"
        ),
    );
    let all = page_texts(&assert_builds(&p));
    assert!(all.contains(">raw</a>") || all.contains("raw"), "text kept");
    assert!(!all.contains("evil.example"), "a //host link survived");
}
