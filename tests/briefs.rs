//! Brief pages end to end: nothing of another creator or of the team on a brief, `brief.ics`
//! read back by an independent iCalendar parser, no request to another host, copy buttons that
//! only JavaScript reveals, revoked links, and `campsite new` writing files that build and check.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-03-10";

fn showcase() -> PathBuf {
    repo().join("tests/fixtures/brief-showcase/portal")
}

/// Builds `portal` (public audience, fixed today) into a fresh folder and returns its files.
fn build(portal: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
    let out = temp_dir(name).join("site");
    let o = run(&[
        "build",
        "-r",
        &portal.to_string_lossy(),
        "--today",
        TODAY,
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    tree(&out)
}

/// Brief pages by creator name: name → (brief dir, page HTML, brief.ics).
fn briefs(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, (String, String, String)> {
    let mut out = BTreeMap::new();
    for (path, bytes) in site {
        let Some(dir) = path
            .strip_prefix("b/")
            .and_then(|p| p.strip_suffix("/index.html"))
        else {
            continue;
        };
        let html = String::from_utf8(bytes.clone()).expect("utf-8 page");
        let name = html
            .split("For <strong>")
            .nth(1)
            .and_then(|s| s.split("</strong>").next())
            .expect("brief names its creator")
            .to_string();
        let ics = String::from_utf8(site[&format!("b/{dir}/brief.ics")].clone()).expect("ics");
        out.insert(name, (dir.to_string(), html, ics));
    }
    out
}

/// What each creator of the showcase has that no one else may see: name, handle, fee, code;
/// and roster data that is team-only even on their own brief.
struct Person {
    name: &'static str,
    own: &'static [&'static str],
    /// Also theirs, though not on their page as written (the fee unformatted).
    also_private: &'static [&'static str],
    team_only: &'static [&'static str],
}

const PEOPLE: &[Person] = &[
    Person {
        name: "Zoë Lefèvre-Ångström",
        own: &[
            "Zoë",
            "zoe-lefevre",
            "3,217",
            "ZOE-AURORA-15",
            "1Z999AA10123456784",
        ],
        also_private: &["3217"],
        team_only: &[
            "zoe.private@example.com",
            "zoe-agent@talent.example",
            "ZOE-INTERNAL",
            "Montréal",
            "4,111",
            "4111",
            "240111",
            "240,111",
            "@zoeglow",
        ],
    },
    Person {
        name: "Kai Brooks",
        own: &["Kai", "kai-brooks", "1,843", "KAI-AURORA-10"],
        also_private: &["1843"],
        team_only: &[
            "kai.private@example.com",
            "KAI-INTERNAL",
            "2,333",
            "2333",
            "98222",
            "98,222",
            "@kaibrooks",
        ],
    },
    Person {
        name: "Rae Okafor",
        own: &["Rae", "rae-okafor", "$957", "RAE-AURORA-5", "BC-7781"],
        also_private: &["957"],
        team_only: &[
            "rae.private@example.com",
            "RAE-INTERNAL",
            "1,555",
            "1555",
            "51444",
            "51,444",
            "@raeokafor",
        ],
    },
];

#[test]
fn a_brief_shows_nothing_of_other_creators_and_nothing_team_only() {
    let site = build(&showcase(), "briefs-leak");
    let pages = briefs(&site);
    assert_eq!(pages.len(), PEOPLE.len(), "one brief per creator");
    for me in PEOPLE {
        let (_, html, ics) = pages
            .get(me.name)
            .unwrap_or_else(|| panic!("no brief page for {}", me.name));
        for own in me.own {
            assert!(
                html.contains(own),
                "{}'s brief lacks their own {own}",
                me.name
            );
        }
        for other in PEOPLE.iter().filter(|p| p.name != me.name) {
            for s in other
                .own
                .iter()
                .chain(other.also_private)
                .chain(other.team_only)
            {
                assert!(
                    !html.contains(s),
                    "{}'s brief shows {s:?} of {}",
                    me.name,
                    other.name
                );
                assert!(
                    !ics.contains(s),
                    "{}'s brief.ics shows {s:?} of {}",
                    me.name,
                    other.name
                );
            }
        }
        for s in me.team_only {
            assert!(
                !html.contains(s),
                "{}'s brief shows team-only {s:?}",
                me.name
            );
            assert!(
                !ics.contains(s),
                "{}'s brief.ics shows team-only {s:?}",
                me.name
            );
        }
        for team in ["team/", "scorecard", "notes"] {
            assert!(
                !html.contains(team),
                "{}'s brief mentions {team:?}",
                me.name
            );
        }
    }
}

#[test]
fn a_brief_loads_nothing_from_other_hosts_and_copy_buttons_wait_for_javascript() {
    let site = build(&showcase(), "briefs-hosts");
    for (_, (dir, html, _)) in briefs(&site) {
        for needle in [
            "src=\"http",
            "src=\"//",
            "srcset=\"http",
            "<link rel=\"stylesheet\" href=\"http",
            "@import",
            "url(http",
        ] {
            assert!(!html.contains(needle), "b/{dir}/ holds {needle:?}");
        }
        assert!(
            html.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            )
        );
        let buttons: Vec<&str> = html.split("<button").skip(1).collect();
        assert!(!buttons.is_empty(), "b/{dir}/ has copy buttons");
        for b in buttons {
            let tag = b.split('>').next().unwrap_or_default();
            if tag.contains("class=\"copy\"") {
                assert!(
                    tag.ends_with(" hidden"),
                    "copy button shown without JavaScript: {tag}"
                );
            }
        }
    }
    let css = String::from_utf8(site["campsite.css"].clone()).expect("css");
    assert!(
        !css.contains("url(") && !css.contains("@import"),
        "the stylesheet loads nothing"
    );
    assert!(
        css.contains("@media print"),
        "the stylesheet has a print part"
    );
}

#[test]
fn tracking_links_are_one_per_deliverable_lowercase_and_keep_the_landing_query() {
    let site = build(&showcase(), "briefs-links");
    let pages = briefs(&site);
    let (_, html, _) = &pages["Zoë Lefèvre-Ångström"];
    let links: Vec<&str> = html
        .split("<code class=\"copy-text\" id=\"link-")
        .skip(1)
        .map(|s| {
            // The copy button copies `data-copy-text` (the whole URL); the text shows it short.
            s.split("data-copy-text=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
        })
        .collect();
    let want: Vec<String> = ["ig-reel", "tt-1", "ig-post", "yt-1", "ig-story"]
        .iter()
        .map(|d| {
            let platform = match &d[..2] {
                "ig" => "instagram",
                "tt" => "tiktok",
                _ => "youtube",
            };
            format!(
                "https://shop.lumen.example/aurora?ref=creators&amp;utm_source={platform}&amp;utm_medium=influencer&amp;utm_campaign=aurora&amp;utm_content=zoe-lefevre-{d}"
            )
        })
        .collect();
    assert_eq!(
        links, want,
        "one link per deliverable, the cancelled one left out"
    );
}

/// The events of a calendar as read by the `icalendar` crate: each a map property → (value,
/// parameters), after unfolding and unescaping.
type Props = BTreeMap<String, (String, Vec<String>)>;

fn parse_ics(text: &str) -> (Props, Vec<Props>) {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("brief.ics parses");
    let props = |ps: &[icalendar::parser::Property<'_>]| -> Props {
        ps.iter()
            .map(|p| {
                let params = p
                    .params
                    .iter()
                    .map(|x| {
                        format!(
                            "{}={}",
                            x.key.as_str(),
                            x.val.as_ref().map(|v| v.as_str()).unwrap_or("")
                        )
                    })
                    .collect();
                (
                    p.name.as_str().to_string(),
                    (p.val.as_str().to_string(), params),
                )
            })
            .collect()
    };
    let events = cal
        .components
        .iter()
        .map(|c| {
            assert_eq!(c.name.as_str(), "VEVENT", "only events in a brief calendar");
            props(&c.properties)
        })
        .collect();
    (props(&cal.properties), events)
}

#[test]
fn brief_ics_is_valid_rfc5545_with_exactly_the_expected_events() {
    let site = build(&showcase(), "briefs-ics");
    let pages = briefs(&site);
    let (dir, _, ics) = &pages["Zoë Lefèvre-Ångström"];
    // Line discipline a parser may forgive: CRLF everywhere, no line over 75 octets.
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
    }
    let (cal, events) = parse_ics(ics);
    assert_eq!(cal["VERSION"].0, "2.0");
    assert!(cal.contains_key("PRODID"));
    let url = format!("https://creators.lumen.example/b/{dir}/");
    let title = "Aurora Serum Launch";
    let expected = [
        ("ig-post-draft", "20260301", "Draft due: Instagram post"),
        ("ig-story-live", "20260303", "Go live: Instagram story"),
        ("ig-reel-draft", "20260305", "Draft due: Instagram reel"),
        ("tt-1-draft", "20260310", "Draft due: TikTok video"),
        ("ig-post-live", "20260313", "Go live: Instagram post"),
        ("ig-reel-live", "20260318", "Go live: Instagram reel"),
        ("tt-1-live", "20260320", "Go live: TikTok video"),
        (
            "yt-1-draft",
            "20260320",
            "Draft due: Night-routine deep-dive",
        ),
        ("yt-1-live", "20260328", "Go live: Night-routine deep-dive"),
    ];
    let got: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e["UID"].0.clone(),
                e["DTSTART"].0.clone(),
                e["SUMMARY"].0.clone(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = expected
        .iter()
        .map(|(uid, day, summary)| {
            (
                format!("{uid}.zoe-lefevre.aurora@creators.lumen.example"),
                day.to_string(),
                format!("{summary} — {title}"),
            )
        })
        .collect();
    assert_eq!(got, want);
    for e in &events {
        assert_eq!(
            e["DTSTAMP"].0, "20260310T000000Z",
            "DTSTAMP comes from --today"
        );
        assert_eq!(e["DTSTART"].1, vec!["VALUE=DATE".to_string()], "all-day");
        assert_eq!(e["URL"].0, url);
        assert!(
            e["DESCRIPTION"].0.ends_with(&format!("Brief: {url}")),
            "{:?}",
            e["DESCRIPTION"]
        );
    }
    // Escaped text comes back as written: the `;` in the specs, the newlines between parts.
    let tt = &events[3]["DESCRIPTION"].0;
    assert!(
        tt.starts_with("TikTok video × 2 for Zoë Lefèvre-Ångström.\nSpecs: Under 45 s each; hook in the first 2 s\n"),
        "{tt:?}"
    );
    // UIDs are stable across builds and do not carry the private token.
    let again = briefs(&build(&showcase(), "briefs-ics-again"));
    assert_eq!(
        &again["Zoë Lefèvre-Ångström"].2, ics,
        "byte-identical calendar"
    );
    assert!(!ics.contains(&format!("UID:{dir}")));
}

#[test]
fn every_brief_calendar_parses() {
    let site = build(&showcase(), "briefs-ics-all");
    for (name, (_, _, ics)) in briefs(&site) {
        let (_, events) = parse_ics(&ics);
        let n = match name.as_str() {
            "Kai Brooks" | "Rae Okafor" => 2,
            _ => 9,
        };
        assert_eq!(events.len(), n, "{name}");
    }
    let kai = &briefs(&site)["Kai Brooks"].2;
    assert!(
        icalendar::parser::unfold(kai).contains("Specs: First impressions\\, 60 s max"),
        "commas escaped"
    );
    let (_, events) = parse_ics(kai);
    assert!(
        events[0]["DESCRIPTION"]
            .0
            .contains("Specs: First impressions, 60 s max")
    );
}

#[test]
fn revoking_a_brief_moves_it_to_a_new_link() {
    let base = temp_dir("briefs-revoke");
    let portal = base.join("portal");
    copy_dir(&showcase(), &portal);
    let revoked = briefs(&build(&portal, "briefs-revoke-a"));
    let rae = portal.join("content/campaigns/aurora/briefs/rae-okafor.md");
    let text = std::fs::read_to_string(&rae).expect("read");
    std::fs::write(&rae, text.replace("revoked = true", "revoked = false")).expect("write");
    let restored = briefs(&build(&portal, "briefs-revoke-b"));
    assert_ne!(revoked["Rae Okafor"].0, restored["Rae Okafor"].0);
    assert_eq!(revoked["Kai Brooks"].0, restored["Kai Brooks"].0);
    assert_eq!(
        revoked["Zoë Lefèvre-Ångström"].0,
        restored["Zoë Lefèvre-Ångström"].0
    );
}

// ---- campsite new -------------------------------------------------------------------------

fn minimal_copy(name: &str) -> PathBuf {
    let portal = temp_dir(name).join("portal");
    copy_dir(
        &repo().join("tests/fixtures/minimal-public/portal"),
        &portal,
    );
    portal
}

fn new(portal: &Path, args: &[&str]) -> Outcome {
    let root = portal.to_string_lossy();
    let mut argv = vec!["-r", &root, "new"];
    argv.extend_from_slice(args);
    argv.extend_from_slice(&["--today", TODAY]);
    run(&argv)
}

/// `check` passes and says nothing about `rel`; `build` passes.
fn assert_builds_and_checks_clean(portal: &Path, rel: &str) {
    let root = portal.to_string_lossy().into_owned();
    let o = run(&["check", "-r", &root, "--today", TODAY]);
    let said = format!("{}{}", o.stdout, o.stderr);
    assert_eq!(o.code, 0, "check failed after writing {rel}:\n{said}");
    // A fresh brief keeps the starter's placeholder sentences until they are written over:
    // `check` says so (SPEC §6), and says nothing else about the file.
    let other: Vec<&str> = said
        .lines()
        .filter(|l| l.contains(rel) && !l.contains("the starter's placeholder"))
        .collect();
    assert!(other.is_empty(), "check complains about {rel}:\n{said}");
    if rel.contains("/briefs/") {
        assert_eq!(
            said.matches("the starter's placeholder").count(),
            3,
            "each placeholder of the starter is named:\n{said}"
        );
    }
    let out = portal.parent().expect("parent").join("site");
    let o = run(&[
        "build",
        "-r",
        &root,
        "--today",
        TODAY,
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.code, 0, "build failed after writing {rel}: {}", o.stderr);
}

#[test]
fn new_creator_brief_and_campaign_each_write_a_file_that_builds_and_checks() {
    let portal = minimal_copy("new-all");
    let steps: [(&[&str], &str); 3] = [
        (&["creator", "mia-chen"], "content/creators/mia-chen.toml"),
        (
            &["brief", "spring", "mia-chen"],
            "content/campaigns/spring/briefs/mia-chen.md",
        ),
        (
            &["campaign", "summer-2026"],
            "content/campaigns/summer-2026/campaign.toml",
        ),
    ];
    for (args, rel) in steps {
        let o = new(&portal, args);
        assert_eq!(o.code, 0, "new {args:?}: {}", o.stderr);
        assert!(
            o.stdout.contains(rel),
            "prints the path written: {}",
            o.stdout
        );
        let text = std::fs::read_to_string(portal.join(rel)).expect("file written");
        assert!(
            text.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count()
                >= 3,
            "{rel} is commented"
        );
        assert!(!text.contains("{{"), "{rel} has an unfilled placeholder");
        assert_builds_and_checks_clean(&portal, rel);
    }
    let brief = std::fs::read_to_string(portal.join(steps[1].1)).expect("brief");
    assert!(
        brief.contains("platform = \"instagram\""),
        "first platform of the campaign"
    );
    assert!(brief.contains("updated = 2026-03-10"));
    assert!(brief.contains("draft_due = 2026-03-24"));
    let out = portal.parent().expect("parent").join("site");
    let pages = briefs(&tree(&out));
    assert!(
        pages.contains_key("Mia Chen"),
        "the new brief is built: {:?}",
        pages.keys()
    );
}

#[test]
fn new_refuses_to_overwrite() {
    let portal = minimal_copy("new-overwrite");
    for (args, rel) in [
        (&["creator", "ana"][..], "content/creators/ana.toml"),
        (
            &["brief", "spring", "ana"][..],
            "content/campaigns/spring/briefs/ana.md",
        ),
        (
            &["campaign", "spring"][..],
            "content/campaigns/spring/campaign.toml",
        ),
    ] {
        let before = std::fs::read(portal.join(rel)).expect("exists");
        let o = new(&portal, args);
        assert_eq!(o.code, 2, "new {args:?} must refuse");
        assert!(o.stderr.contains("already exists"), "{}", o.stderr);
        assert_eq!(
            std::fs::read(portal.join(rel)).expect("still there"),
            before
        );
    }
}

#[test]
fn new_rejects_bad_ids_and_missing_references() {
    let portal = minimal_copy("new-bad");
    let cases: [(&[&str], &str); 6] = [
        (&["creator", "Mia_Chen"], "not a valid creator handle"),
        (&["creator", "../escape"], "not a valid creator handle"),
        (&["campaign", "Summer Sale"], "not a valid campaign slug"),
        (
            &["brief", "spring", "zed"],
            "no creator `zed` in the roster",
        ),
        (&["brief", "nope", "ana"], "no campaign `nope`"),
        (&["brief", "spring", "ANA"], "not a valid creator handle"),
    ];
    for (args, msg) in cases {
        let o = new(&portal, args);
        assert_eq!(o.code, 2, "new {args:?}");
        assert!(o.stderr.contains(msg), "new {args:?}: {}", o.stderr);
    }
    assert!(!portal.join("content/creators/zed.toml").exists());
    assert!(
        !portal
            .parent()
            .expect("parent")
            .join("escape.toml")
            .exists()
    );
    let o = run(&[
        "-r",
        &temp_dir("new-no-portal").to_string_lossy(),
        "new",
        "creator",
        "x",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("no portal.toml"), "{}", o.stderr);
}

#[test]
fn new_uses_the_portal_theme_starter_when_there_is_one() {
    let portal = minimal_copy("new-theme");
    let starters = portal.join("themes/default/starters");
    std::fs::create_dir_all(&starters).expect("mkdir");
    std::fs::write(
        starters.join("creator.toml"),
        "# our own roster template\nname = \"{{name}}\"\nniches = [\"house-style\"]\n",
    )
    .expect("write");
    let o = new(&portal, &["creator", "li-wei"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = std::fs::read_to_string(portal.join("content/creators/li-wei.toml")).expect("read");
    assert_eq!(
        text,
        "# our own roster template\nname = \"Li Wei\"\nniches = [\"house-style\"]\n"
    );
}
