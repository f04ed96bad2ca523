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
    // Records that fixture builds left in the source portal are not this case's history.
    let _ = std::fs::remove_dir_all(portal.join(".campsite/versions"));
    std::fs::write(portal.join(ANA), format!("+++\n{front}+++\nHi Ana.\n")).expect("write brief");
    portal
}

/// `check` output (stdout and stderr) and exit code.
fn check(portal: &Path) -> (i32, String) {
    let o = run(&["check", "-r", &portal.to_string_lossy(), "--today", TODAY]);
    (o.code, format!("{}{}", o.stdout, o.stderr))
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

/// Builds `portal` (public, fixed today) and returns the files of ana's brief: (page, brief.ics).
fn build_ana(portal: &Path) -> (String, String) {
    let out = portal.parent().expect("parent").join("site");
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
    let site = tree(&out);
    let (path, page) = site
        .iter()
        .find(|(p, v)| {
            p.starts_with("b/")
                && p.ends_with("/index.html")
                && String::from_utf8_lossy(v).contains("For <strong>Ana")
        })
        .expect("ana's brief page");
    let ics = &site[&path.replace("index.html", "brief.ics")];
    (
        String::from_utf8(page.clone()).expect("utf-8"),
        String::from_utf8(ics.clone()).expect("utf-8"),
    )
}

/// A day `n` days after an ISO date, worked out with jiff (not with campsite's code).
fn plus(iso: &str, n: i64) -> String {
    let d: jiff::civil::Date = iso.parse().expect("iso date");
    d.checked_add(jiff::Span::new().days(n))
        .expect("date in range")
        .strftime("%Y%m%d")
        .to_string()
}

const PAYMENTS: &str = r#"fee = 1000

[[payments]]
amount = 250
after = "signature"

[[payments]]
amount = 250
after = 2026-03-01
days = 5

[[payments]]
amount = 250
after = "deliverable:reel-1"
days = 7
paid_on = 2026-03-09

[[payments]]
amount = 250
after = "go-live"
days = 30
"#;

const TWO_DELIVERABLES: &str = r#"
[[deliverables]]
id = "reel-1"
platform = "instagram"
format = "reel"
draft_due = 2026-03-02
live_on = 2026-03-04
live_at = 2026-03-04T09:30:00
status = "live"

[[deliverables]]
id = "reel-2"
platform = "instagram"
format = "reel"
draft_due = 2026-03-14
live_on = 2026-03-20
status = "planned"
"#;

#[test]
fn brief_ics_has_payment_days_and_a_timed_go_live_read_back_by_icalendar() {
    let portal = portal_with("deal-ics", &format!("{PAYMENTS}{TWO_DELIVERABLES}"));
    let (_, ics) = build_ana(&portal);
    let cal: icalendar::Calendar = ics.parse().expect("brief.ics parses");
    let unfolded = icalendar::parser::unfold(&ics);
    let raw = icalendar::parser::read_calendar(&unfolded).expect("parses");
    // Payments: one all-day event per instalment whose day is known; "on signature" has no
    // signed_on yet, so no event. The day is `after` + `days`.
    let mut payment_days: Vec<String> = raw
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .filter(|c| {
            c.properties
                .iter()
                .any(|p| p.name.as_str() == "UID" && p.val.as_str().starts_with("payment-"))
        })
        .map(|c| {
            let start = c
                .properties
                .iter()
                .find(|p| p.name.as_str() == "DTSTART")
                .expect("DTSTART");
            assert!(
                start.params.iter().any(|x| x.key.as_str() == "VALUE"
                    && x.val.as_ref().map(|v| v.as_str()) == Some("DATE")),
                "payment events are all-day"
            );
            start.val.as_str().to_string()
        })
        .collect();
    payment_days.sort();
    let latest_live = "2026-03-20"; // reel-2, the later of the two go-lives
    let mut want = vec![
        plus("2026-03-01", 5),
        plus("2026-03-04", 7),
        plus(latest_live, 30),
    ];
    want.sort();
    assert_eq!(payment_days, want);
    // The embargoed go-live is timed in the portal's zone, with a VTIMEZONE for it.
    let timed: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .filter_map(|e| {
            use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
            match e.get_start()? {
                DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
                    Some((e.get_summary()?.to_string(), date_time.to_string(), tzid))
                }
                _ => None,
            }
        })
        .collect();
    assert_eq!(timed.len(), 1, "{timed:?}");
    assert!(timed[0].0.starts_with("Go live:"), "{timed:?}");
    assert_eq!(timed[0].1, "2026-03-04 09:30:00");
    assert_eq!(timed[0].2, "Europe/Paris");
    let zones: Vec<_> = raw
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTIMEZONE")
        .collect();
    assert_eq!(zones.len(), 1);
    let tzid = zones[0]
        .properties
        .iter()
        .find(|p| p.name.as_str() == "TZID")
        .map(|p| p.val.as_str().to_string());
    assert_eq!(tzid.as_deref(), Some("Europe/Paris"));
    // Paris is at +0100 in early March 2026 (summer time starts on March 29).
    let parts: Vec<(String, String)> = zones[0]
        .components
        .iter()
        .map(|c| {
            let get = |k: &str| {
                c.properties
                    .iter()
                    .find(|p| p.name.as_str() == k)
                    .map(|p| p.val.as_str().to_string())
                    .unwrap_or_default()
            };
            (get("DTSTART"), get("TZOFFSETTO"))
        })
        .collect();
    assert!(
        parts.contains(&("20260329T020000".into(), "+0200".into())),
        "{parts:?}"
    );
    assert_eq!(parts[0].1, "+0100", "{parts:?}");
}

/// The warning lines of `said` with `rule`'s message words, as `path:line:col`.
fn warnings_at(said: &str, words: &str) -> Vec<String> {
    said.lines()
        .filter(|l| l.contains(": warning: ") && l.contains(words))
        .map(|l| {
            l.split(": warning: ")
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

#[test]
fn an_ad_code_for_another_platform_is_a_warning_at_ad_code() {
    let front = format!(
        "{DELIVERABLE}\n[rights]\nchannels = [\"paid-social\"]\nduration_days = 30\nad_code = \"spark\"\n"
    );
    let portal = portal_with("deal-ad-code", &front);
    let (_, said) = check(&portal);
    let text = std::fs::read_to_string(portal.join(ANA)).expect("read");
    // At the value, like every finding about a key (`ad_code = ` is 10 characters).
    let (line, col) = position(&text, "ad_code");
    let col = col + 10;
    assert_eq!(
        warnings_at(&said, "is TikTok's, but this brief posts on Instagram"),
        [format!("{ANA}:{line}:{col}")],
        "{said}"
    );
    // The same code on a TikTok brief is fine.
    let tiktok = portal_with(
        "deal-ad-code-ok",
        &front.replace("\"instagram\"", "\"tiktok\""),
    );
    let (_, said) = check(&tiktok);
    assert!(
        !said.contains("ad-code") && !said.contains("TikTok's"),
        "{said}"
    );
}

#[test]
fn a_wording_that_reads_like_a_setting_is_a_warning_at_the_wording() {
    let portal = portal_with("deal-wording", DELIVERABLE);
    let toml = portal.join("content/campaigns/spring/campaign.toml");
    let text = std::fs::read_to_string(&toml).expect("read");
    let text = text.replace(
        "wording = { instagram = \"#ad\", tiktok = \"#ad\" }",
        "wording = { instagram = \"#ad + Paid partnership label on\", tiktok = \"#ad\" }",
    );
    assert!(
        text.contains("Paid partnership label on"),
        "fixture wording as expected"
    );
    std::fs::write(&toml, &text).expect("write");
    let (_, said) = check(&portal);
    let (line, col) = position(&text, "\"#ad + Paid partnership label on\"");
    assert_eq!(
        warnings_at(&said, "reads like a platform setting"),
        [format!(
            "content/campaigns/spring/campaign.toml:{line}:{col}"
        )],
        "{said}"
    );
    assert!(said.contains("move the toggle to `settings"), "{said}");
}

#[test]
fn a_brief_from_the_starter_warns_about_each_placeholder_left() {
    let portal = portal_with(
        "deal-placeholder",
        &format!("why_you = \"Why we picked you for this campaign.\"\n{DELIVERABLE}"),
    );
    let (code, said) = check(&portal);
    assert_eq!(code, 0, "a warning only: {said}");
    let text = std::fs::read_to_string(portal.join(ANA)).expect("read");
    // At the value of `why_you` (its opening quote: a TOML string may hold escapes).
    let (line, col) = position(&text, "\"Why we picked you");
    assert_eq!(
        warnings_at(&said, "starter's placeholder"),
        [format!("{ANA}:{line}:{col}")],
        "{said}"
    );
}

/// The labels in the "changed since" table of a brief page, in order.
fn changed_labels(html: &str) -> Vec<String> {
    let Some(table) = html
        .split("<table class=\"fact-changes\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
    else {
        return Vec::new();
    };
    table
        .split("<th scope=\"row\">")
        .skip(1)
        .filter_map(|s| s.split("</th>").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn build_records_each_version_and_a_later_version_lists_exactly_what_changed() {
    let v1 = format!(
        "version = 1\nfee = 800\naccepted = {{ version = 1, on = 2026-02-12 }}\n{DELIVERABLE}"
    );
    let portal = portal_with("deal-versions", &v1);
    let (html, _) = build_ana(&portal);
    assert!(
        !html.contains("Changed since you accepted"),
        "accepted the current version"
    );
    assert!(
        html.contains("You accepted this version on Feb 12, 2026"),
        "acceptance shown"
    );
    let record = portal.join(".campsite/versions/spring/ana/1.json");
    let text = std::fs::read_to_string(&record).expect("build recorded version 1");
    let json: serde_json::Value = serde_json::from_str(&text).expect("record is JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["facts"]["reel-1: goes live"], "2026-03-12");

    // Facts changed, version not bumped: check warns at `version`, naming the changed facts.
    let edited = v1
        .replace("fee = 800", "fee = 950")
        .replace("live_on = 2026-03-12", "live_on = 2026-03-14");
    std::fs::write(portal.join(ANA), format!("+++\n{edited}+++\nHi Ana.\n")).expect("write");
    let (_, said) = check(&portal);
    let text = std::fs::read_to_string(portal.join(ANA)).expect("read");
    let (line, col) = position(&text, "version = 1");
    let col = col + "version = ".len();
    let lines: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("but `version` is still 1"))
        .collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert!(
        lines[0].starts_with(&format!("{ANA}:{line}:{col}: warning:")),
        "{said}"
    );
    assert!(lines[0].contains("(Fee, reel-1: goes live)"), "{said}");

    // Version 2, accepted 1: the page says so first, with the changelog and exactly the two facts.
    let v2 = edited.replace(
        "version = 1\n",
        "version = 2\nchanges = [\"Go-live moved to Mar 14\", \"Fee raised\"]\n",
    );
    std::fs::write(portal.join(ANA), format!("+++\n{v2}+++\nHi Ana.\n")).expect("write");
    let (_, said) = check(&portal);
    assert!(
        !said.contains("version-not-bumped") && !said.contains("is still"),
        "{said}"
    );
    let (html, _) = build_ana(&portal);
    let notice = html
        .find("Changed since you accepted version 1")
        .expect("notice");
    let glance = html.find("id=\"glance\"").expect("glance box");
    assert!(notice < glance, "the notice comes first");
    assert!(
        html.contains("<li>Go-live moved to Mar 14</li><li>Fee raised</li>"),
        "changelog listed"
    );
    assert_eq!(changed_labels(&html), ["Fee", "reel-1: goes live"]);
    assert!(
        html.contains("<td data-label=\"Was\">€800</td><td data-label=\"Now\">€950</td>"),
        "before and after"
    );
    assert!(
        html.contains(
            "<td data-label=\"Was\">2026-03-12</td><td data-label=\"Now\">2026-03-14</td>"
        ),
        "before and after"
    );
    assert!(
        portal
            .join(".campsite/versions/spring/ana/2.json")
            .is_file(),
        "version 2 recorded"
    );
    // Version 1's record is kept as it was published.
    let again = std::fs::read_to_string(&record).expect("record");
    assert!(again.contains("\"Fee\": \"€800\""), "{again}");
}

/// The payments table rows of a brief page: (due cell text, status pill text).
fn payment_rows(html: &str) -> Vec<(String, String)> {
    let table = html
        .split("<table class=\"payments\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("a payments table");
    let strip = |s: &str| {
        let mut out = String::new();
        let mut tag = false;
        for c in s.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out.trim().to_string()
    };
    table
        .split("<tr><td>")
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row.split("</td><td>").map(strip).collect();
            (cells[1].clone(), cells[2].clone())
        })
        .collect()
}

#[test]
fn the_page_shows_each_instalment_due_date_and_standing_on_the_build_day() {
    let portal = portal_with("deal-page", &format!("{PAYMENTS}{TWO_DELIVERABLES}"));
    let (html, _) = build_ana(&portal);
    let human = |iso: &str| -> String {
        let d: jiff::civil::Date = iso.parse().expect("date");
        d.strftime("%b %-d, %Y").to_string()
    };
    let day = |compact: String| format!("{}-{}-{}", &compact[..4], &compact[4..6], &compact[6..]);
    let today: jiff::civil::Date = TODAY.parse().expect("today");
    let standing = |iso: &str| {
        let d: jiff::civil::Date = iso.parse().expect("date");
        if d < today { "overdue" } else { "due" }.to_string()
    };
    let second = day(plus("2026-03-01", 5));
    let fourth = day(plus("2026-03-20", 30));
    assert_eq!(
        payment_rows(&html),
        [
            // No signed_on yet: the day is not guessed.
            ("on signature".to_string(), "due".to_string()),
            (human(&second), standing(&second)),
            (
                human(&day(plus("2026-03-04", 7))),
                "paid on Mar 9, 2026".to_string()
            ),
            (human(&fourth), standing(&fourth)),
        ]
    );
    assert!(
        html.contains("as of Mar 10, 2026"),
        "the build-day standing is marked"
    );
    // The next payment in the glance box is the first unpaid one.
    let glance = html.split("id=\"glance\"").nth(1).expect("glance");
    assert!(
        glance.contains("Next payment</dt><dd>€250, on signature"),
        "{glance}"
    );
}

#[test]
fn the_card_shows_the_round_feedback_embargo_and_draft_caption_and_accept_names_the_version() {
    let front = format!(
        "version = 3\nrevision_rounds = 2\n{}round = 2\nfeedback = \"Closer on the texture, please\"\ndraft_caption = \"#ad My spring look @fixturebrand #SpringDrop\"\nlive_at = 2026-03-12T09:30:00\n",
        DELIVERABLE.replace("draft-submitted", "changes-requested")
    );
    let portal = portal_with("deal-card", &front);
    let (html, _) = build_ana(&portal);
    assert!(
        html.contains("Round 2 of 3 — changes requested: Closer on the texture, please"),
        "revision line"
    );
    // The portal's zone is Europe/Paris: 09:30 there is 08:30 UTC on March 12, 2026.
    assert!(
        html.contains("not before 09:30 Paris time"),
        "embargo in the portal's zone"
    );
    assert!(
        html.contains("data-instant=\"2026-03-12T08:30:00Z\""),
        "instant for the reader's zone"
    );
    assert!(
        html.contains("<textarea id=\"caption-input\" rows=\"5\">#ad My spring look @fixturebrand #SpringDrop</textarea>"),
        "the checker is prefilled with the draft caption"
    );
    let accept = html
        .split("href=\"mailto:")
        .find(|s| s.contains("Accept version 3"))
        .expect("an accept link naming the version");
    assert!(accept.contains("I%20accept%20version%203"), "{accept}");
}
