//! Encrypted private pages (SPEC §6): every sealed file opens, with the documented scheme and
//! the key its link carries, to the plain build's bytes; no private string of the portal
//! reaches any output file or file name.

mod common;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use common::*;
use hkdf::Hkdf;
use sha2::Sha256;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-03-10";
const SECRET: &str = "fixture-secret-not-for-production-0123456789";

/// (file, text as written in the fixture, sentinel put in its place).
const PLANTS: &[(&str, &str, &str)] = &[
    (
        "content/creators/ana.toml",
        "Ana Ñúñez",
        "Sentinelname Quux",
    ),
    ("briefs/ana.md", "Your colour stories.", "SENTINELWHY"),
    ("briefs/ana.md", "fee = 800", "fee = 777913"),
    ("briefs/ana.md", "Net 30", "SENTINELTERMS"),
    ("briefs/ana.md", "ANA10", "SENTINELCODE"),
    ("briefs/ana.md", "Moved go-live to Mar 12", "SENTINELCHANGE"),
    ("briefs/ana.md", "1Z999", "SENTINELTRACK"),
    ("briefs/ana.md", "Spring set", "SENTINELITEM"),
    ("briefs/ana.md", "Hi Ana, *thanks*!", "SENTINELNOTE"),
    ("results.csv", "Spring is here", "SENTINELCAPTION"),
    (
        "results.csv",
        "instagram.com/p/1",
        "instagram.com/p/SENTINELPOST",
    ),
    ("report.md", "Colour close-ups worked.", "SENTINELLEARN"),
    ("report.md", "Spring Drop — results", "SENTINELREPORT"),
];

/// What each plant must make findable in a plain build (fees are shown formatted).
const SENTINELS: &[&str] = &[
    "Sentinelname",
    "SENTINELWHY",
    "777,913",
    "SENTINELTERMS",
    "SENTINELCODE",
    "SENTINELCHANGE",
    "SENTINELTRACK",
    "SENTINELITEM",
    "SENTINELNOTE",
    "SENTINELCAPTION",
    "SENTINELPOST",
    "SENTINELLEARN",
    "SENTINELREPORT",
    "sentinelhandle",
];

/// The report fixture with a sentinel in every private field, the creator renamed to
/// `sentinelhandle` (so the file names carry one too), and `encrypt` as asked.
fn sentinel_portal(name: &str, encrypt: bool) -> PathBuf {
    let dir = temp_dir(name).join("portal");
    copy_dir(&repo().join("tests/fixtures/report-public/portal"), &dir);
    let spring = dir.join("content/campaigns/spring");
    for (file, from, to) in PLANTS {
        let path = if file.starts_with("content/") {
            dir.join(file)
        } else {
            spring.join(file)
        };
        let text = std::fs::read_to_string(&path).expect("read fixture file");
        assert!(text.contains(from), "{file} no longer says {from:?}");
        std::fs::write(&path, text.replace(from, to)).expect("plant");
    }
    std::fs::rename(
        dir.join("content/creators/ana.toml"),
        dir.join("content/creators/sentinelhandle.toml"),
    )
    .expect("rename creator");
    std::fs::rename(
        spring.join("briefs/ana.md"),
        spring.join("briefs/sentinelhandle.md"),
    )
    .expect("rename brief");
    let csv = std::fs::read_to_string(spring.join("results.csv")).expect("csv");
    std::fs::write(
        spring.join("results.csv"),
        csv.replace(",ana,", ",sentinelhandle,"),
    )
    .expect("csv");
    let toml = std::fs::read_to_string(dir.join("portal.toml")).expect("portal.toml");
    let flag = if encrypt { "true" } else { "false" };
    std::fs::write(
        dir.join("portal.toml"),
        toml.replace("[privacy]\n", &format!("[privacy]\nencrypt = {flag}\n")),
    )
    .expect("portal.toml");
    dir
}

fn build(portal: &Path, audience: &str) -> BTreeMap<String, Vec<u8>> {
    let out = portal
        .parent()
        .expect("parent")
        .join(format!("out-{audience}"));
    let o = run(&[
        "build",
        "-r",
        &portal.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--today",
        TODAY,
        "--audience",
        audience,
    ]);
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    tree(&out)
}

/// Every private folder's key as its link carries it, from `campsite links --format json`.
fn link_keys(portal: &Path) -> BTreeMap<String, [u8; 32]> {
    let o = run(&["links", "-r", &portal.to_string_lossy(), "--format", "json"]);
    assert_eq!(o.code, 0, "links failed: {}", o.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&o.stdout).expect("links json");
    rows.iter()
        .map(|r| {
            let url = r["url"].as_str().expect("url");
            let (page, key) = url.split_once('#').expect("a link with a #key");
            let folder = page
                .strip_prefix("https://creators.fixture.example/")
                .expect("base url");
            let key = data_encoding::BASE64URL_NOPAD
                .decode(key.as_bytes())
                .expect("base64url key");
            (folder.to_string(), key.try_into().expect("32-byte key"))
        })
        .collect()
}

/// HKDF-SHA256 as SECURITY.md documents it.
fn hkdf(ikm: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(Some(b"campsite/seal/v1"), ikm)
        .expand(info, &mut out)
        .expect("hkdf");
    out
}

/// Opens `nonce ‖ ciphertext ‖ tag` stored at `path`, checking the nonce is the documented
/// synthetic one.
fn open(key: &[u8; 32], path: &str, sealed: &[u8]) -> Vec<u8> {
    let (nonce, body) = sealed.split_at(12);
    let plain = Aes256Gcm::new(key.into())
        .decrypt(
            &Nonce::from(<[u8; 12]>::try_from(nonce).expect("nonce")),
            Payload {
                msg: body,
                aad: path.as_bytes(),
            },
        )
        .unwrap_or_else(|_| panic!("{path} does not open with its link's key"));
    let mut h = blake3::Hasher::new_keyed(&hkdf(key, b"nonce"));
    h.update(&(path.len() as u64).to_le_bytes());
    h.update(path.as_bytes());
    h.update(&plain);
    assert_eq!(&h.finalize().as_bytes()[..12], nonce, "{path}: nonce");
    plain
}

/// The sealed bytes inside a shell page.
fn payload(shell: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(shell);
    let start = text
        .find("id=\"campsite-sealed-data\">")
        .expect("a sealed payload")
        + "id=\"campsite-sealed-data\">".len();
    let end = start + text[start..].find("</script>").expect("payload end");
    data_encoding::BASE64
        .decode(text[start..end].trim().as_bytes())
        .expect("base64 payload")
}

fn is_private(path: &str) -> bool {
    ["b/", "r/", "p/"].iter().any(|p| path.starts_with(p))
}

#[test]
fn every_sealed_file_opens_to_the_plain_build_byte_for_byte() {
    for audience in ["public", "team"] {
        let plain = build(
            &sentinel_portal(&format!("plain-{audience}"), false),
            audience,
        );
        let portal = sentinel_portal(&format!("sealed-{audience}"), true);
        let sealed = build(&portal, audience);
        let keys = link_keys(&portal);
        let paths = |t: &BTreeMap<String, Vec<u8>>| {
            t.keys()
                .filter(|p| *p != ".campsite-output")
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(&plain), paths(&sealed), "{audience}: the same files");
        let mut opened = 0;
        for (path, plain_bytes) in &plain {
            let stored = &sealed[path];
            if path == ".campsite-output" {
                continue;
            }
            if !is_private(path) {
                // Team pages that show links carry the key; everything else is unchanged.
                if !(path.starts_with("team/links/") || path.starts_with("team/campaigns/")) {
                    assert!(stored == plain_bytes, "{audience}: {path} changed");
                }
                continue;
            }
            let folder = format!("{}/", path.rsplit_once('/').expect("folder").0);
            let key = keys.get(&folder).expect("a link for every private folder");
            assert_eq!(
                *key,
                hkdf(SECRET.as_bytes(), format!("key {folder}").as_bytes()),
                "the link's key is the documented derivation"
            );
            let bytes = if path.ends_with("index.html") {
                payload(stored)
            } else {
                stored.clone()
            };
            let opened_bytes = open(key, path, &bytes);
            assert!(&opened_bytes == plain_bytes, "{audience}: {path} differs");
            opened += 1;
        }
        // Two briefs with their calendars, a report with its two downloads.
        assert_eq!(opened, 7, "{audience}: sealed files opened");
    }
}

#[test]
fn no_private_string_reaches_any_output_file_or_name() {
    let plain = build(&sentinel_portal("leak-plain", false), "public");
    let sealed = build(&sentinel_portal("leak-sealed", true), "public");
    let haystack = |t: &BTreeMap<String, Vec<u8>>| {
        let mut all = String::new();
        for (path, bytes) in t {
            all.push_str(path);
            all.push('\n');
            all.push_str(&String::from_utf8_lossy(bytes));
            all.push('\n');
        }
        all.to_lowercase()
    };
    let (plain, sealed) = (haystack(&plain), haystack(&sealed));
    for s in SENTINELS {
        let s = s.to_lowercase();
        assert!(plain.contains(&s), "the plain build should show {s}");
        assert!(!sealed.contains(&s), "the encrypted build leaks {s}");
    }
}

#[test]
fn a_sealed_page_explains_itself_without_the_key() {
    let sealed = build(&sentinel_portal("shell", true), "public");
    let (path, shell) = sealed
        .iter()
        .find(|(p, _)| p.starts_with("b/") && p.ends_with("index.html"))
        .expect("a brief page");
    let text = String::from_utf8_lossy(shell);
    for needed in [
        "This page is private",
        "<noscript>",
        "JavaScript turned off",
        "unlock.js\" defer",
        "data-files=\"brief.ics\"",
        "noindex",
    ] {
        assert!(text.contains(needed), "{path} lacks {needed:?}");
    }
    // No inline script runs (CSP `script-src 'self'`): the only inline one is data.
    assert_eq!(text.matches("<script").count(), 2, "{path}");
    assert!(text.contains("<script type=\"application/octet-stream\""));
}

#[test]
fn a_shell_is_the_page_its_template_renders_around_the_payload() {
    // The build renders a shell around a mark and writes the payload's base64 where the mark
    // landed. A template that changes the mark is rendered with the payload itself: here the
    // default shell with a filter that is a no-op on base64 (which has no `-`). Both ways must
    // give the same bytes.
    let spliced = build(&sentinel_portal("shell-spliced", true), "public");
    let portal = sentinel_portal("shell-rendered", true);
    let template = std::fs::read_to_string(repo().join("themes/default/templates/sealed.html"))
        .expect("the default shell");
    let payload = "{{ sealed.payload }}";
    assert_eq!(
        template.matches(payload).count(),
        1,
        "the shell shows the payload once"
    );
    std::fs::create_dir_all(portal.join("templates")).expect("templates");
    std::fs::write(
        portal.join("templates/sealed.html"),
        template.replace(
            payload,
            r#"{{ sealed.payload | replace(from="-", to="") }}"#,
        ),
    )
    .expect("override");
    let rendered = build(&portal, "public");
    let pages = |t: &BTreeMap<String, Vec<u8>>| {
        t.iter()
            .filter(|(p, _)| is_private(p) && p.ends_with("index.html"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let (spliced, rendered) = (pages(&spliced), pages(&rendered));
    assert_eq!(spliced.len(), 3, "two briefs and a report");
    for (path, page) in &spliced {
        assert!(
            !String::from_utf8_lossy(page).contains("campsite-payload"),
            "{path}"
        );
        assert!(
            Some(page) == rendered.get(path),
            "{path}: spliced and rendered shells differ"
        );
    }
}

#[test]
fn an_encrypted_rebuild_keeps_sealed_files_and_matches_a_fresh_build() {
    let portal = sentinel_portal("rebuild", true);
    let first = build(&portal, "public");
    let brief = portal.join("content/campaigns/spring/briefs/bo.md");
    let text = std::fs::read_to_string(&brief).expect("brief");
    assert!(text.contains("BO10"));
    std::fs::write(&brief, text.replace("BO10", "BO20")).expect("edit");
    let rebuilt = build(&portal, "public");
    let fresh_dir = portal.parent().expect("parent").join("fresh");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    let o = run(&[
        "build",
        "-r",
        &portal.to_string_lossy(),
        "-o",
        &fresh_dir.to_string_lossy(),
        "--today",
        TODAY,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let fresh = tree(&fresh_dir);
    let without_marker = |t: &BTreeMap<String, Vec<u8>>| {
        t.iter()
            .filter(|(p, _)| *p != ".campsite-output")
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    assert!(
        without_marker(&rebuilt) == without_marker(&fresh),
        "rebuild differs from a fresh build"
    );
    // The campaign changed, so its sealed files changed.
    let changed = first
        .iter()
        .filter(|(p, b)| is_private(p) && rebuilt.get(*p) != Some(*b))
        .count();
    assert!(changed > 0, "the edit should reach the sealed brief");
}

const PASSPHRASE: &str = "correct horse battery staple";

fn team_build(portal: &Path, out: &str, passphrase: &str) -> BTreeMap<String, Vec<u8>> {
    let out = portal.parent().expect("parent").join(out);
    let o = run_env(
        &[
            "build",
            "-r",
            &portal.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
            "--today",
            TODAY,
            "--audience",
            "team",
            "--passphrase-env",
            "TEAM_PASS",
        ],
        &[("TEAM_PASS", passphrase)],
    );
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    tree(&out)
}

/// The salt the passphrase shell records (`data-salt`, unpadded base64url).
fn recorded_salt(shell: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(shell);
    let start = text.find("data-salt=\"").expect("a salt") + "data-salt=\"".len();
    let end = start + text[start..].find('"').expect("salt end");
    data_encoding::BASE64URL_NOPAD
        .decode(text[start..end].as_bytes())
        .expect("base64url salt")
}

#[test]
fn a_passphrase_team_build_seals_every_team_file_under_a_name_that_says_nothing() {
    let portal = sentinel_portal("team-pass", false);
    let plain = build(&portal, "team");
    let sealed = team_build(&portal, "out-sealed", PASSPHRASE);
    let salt = recorded_salt(&sealed["index.html"]);
    assert!(
        text_of(&sealed["index.html"]).contains("data-iterations=\"600000\""),
        "the shell records the iterations"
    );
    let mut site_key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(PASSPHRASE.as_bytes(), &salt, 600_000, &mut site_key);
    let names = hkdf(&site_key, b"names");
    // The theme's own static files (scripts, styles) stay plain: the shell loads them.
    let theme_statics: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static"))
            .expect("the theme's static folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
    let statics: Vec<&str> = theme_statics.iter().map(String::as_str).collect();
    let mut opened = 0;
    for (path, plain_bytes) in &plain {
        let host_file =
            ["robots.txt", "sitemap.xml", "_headers", "404.html"].contains(&path.as_str());
        if path == ".campsite-output" {
            continue;
        }
        if host_file || statics.contains(&path.as_str()) || path.starts_with("logo") {
            assert!(
                sealed.get(path) == Some(plain_bytes),
                "{path} should stay plain"
            );
            continue;
        }
        use hmac::{KeyInit as _, Mac};
        let mut mac = hmac::Hmac::<Sha256>::new_from_slice(&names).expect("hmac");
        mac.update(path.as_bytes());
        let name = format!(
            "s/{}",
            &data_encoding::HEXLOWER.encode(&mac.finalize().into_bytes())[..32]
        );
        let stored = sealed
            .get(&name)
            .unwrap_or_else(|| panic!("{path} is not stored at {name}"));
        let opened_bytes = open(&site_key, path, stored);
        assert!(
            &opened_bytes == plain_bytes,
            "{path} differs from the plain team build"
        );
        opened += 1;
    }
    assert!(opened > 20, "only {opened} files sealed");
    // Nothing else: the sealed files, the shell, the plain files.
    assert_eq!(
        sealed.len(),
        plain.len() + 1,
        "the sealed build has one extra file (the shell beside the sealed front page)"
    );

    // Sentinels, team-only ones too, appear nowhere: not in a file, not in a name.
    let all: String = sealed
        .iter()
        .map(|(p, b)| format!("{p}\n{}\n", String::from_utf8_lossy(b)))
        .collect::<String>()
        .to_lowercase();
    let plain_all: String = plain
        .iter()
        .map(|(p, b)| format!("{p}\n{}\n", String::from_utf8_lossy(b)))
        .collect::<String>()
        .to_lowercase();
    for s in SENTINELS
        .iter()
        .chain(&["internal note about", "spring", "swatch"])
    {
        let s = s.to_lowercase();
        assert!(
            plain_all.contains(&s),
            "the plain team build should show {s}"
        );
        assert!(!all.contains(&s), "the passphrase build leaks {s}");
    }

    // The same passphrase again: the recorded salt is reused, the build is byte-identical.
    let again = team_build(&portal, "out-again", PASSPHRASE);
    let strip = |t: &BTreeMap<String, Vec<u8>>| {
        t.iter()
            .filter(|(p, _)| *p != ".campsite-output")
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    assert!(
        strip(&again) == strip(&sealed),
        "a rebuild with the same passphrase differs"
    );
    // A new passphrase: a new salt, so the old key opens nothing.
    let other = team_build(&portal, "out-other", "another passphrase entirely");
    assert_ne!(
        recorded_salt(&other["index.html"]),
        salt,
        "a new passphrase keeps the old salt"
    );
}

fn text_of(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_passphrase_build_needs_the_team_audience_and_a_set_variable() {
    let portal = sentinel_portal("team-pass-usage", false);
    let p = portal.to_string_lossy();
    let o = run_env(
        &["build", "-r", &p, "--passphrase-env", "TEAM_PASS"],
        &[("TEAM_PASS", "x")],
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--audience team"), "{}", o.stderr);
    let o = run(&[
        "build",
        "-r",
        &p,
        "--audience",
        "team",
        "--passphrase-env",
        "UNSET_CAMPSITE_VAR",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("UNSET_CAMPSITE_VAR"), "{}", o.stderr);
}
