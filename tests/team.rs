//! The team's week end to end on `tests/data/team-week` with `--today 2026-05-10`: the calendar
//! (every group, exact dates and order, the `.ics` parsed by the `icalendar` crate), the
//! payments and shipments registers (CSV against the page row for row, totals worked out here
//! from the fixture's files), measured reliability, the shortlist order worked out by hand, the
//! playbook, and the `do-not-book` finding.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const TODAY: &str = "2026-05-10";

fn fixture() -> PathBuf {
    repo().join("tests/data/team-week")
}

/// Builds the fixture once for the whole file (team audience, fixed today).
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("team-week").join("site");
        let o = run(&[
            "build",
            "-r",
            fixture().to_str().expect("utf-8 path"),
            "--audience",
            "team",
            "--today",
            TODAY,
            "-o",
            out.to_str().expect("utf-8 path"),
        ]);
        assert_eq!(o.code, 0, "build failed: {}", o.stderr);
        out
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `(date, kind)` rows of one calendar group, in page order.
fn group(id: &str) -> Vec<(String, String)> {
    let page = read("team/calendar/index.html");
    let section = between(
        &page,
        &format!("<section class=\"cal-group cal-{id}\""),
        "</section>",
    );
    section
        .split("<tr class=\"ev-")
        .skip(1)
        .map(|row| {
            let kind = row[..row.find(' ').expect("class")].to_string();
            let date = attrs(row, "datetime").into_iter().next().expect("date");
            (date, kind)
        })
        .collect()
}

fn rows(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(d, k)| (d.to_string(), k.to_string()))
        .collect()
}

#[test]
fn calendar_groups_hold_exact_dates_in_order() {
    // Worked out from the fixture's briefs by hand, today = Sunday 2026-05-10.
    assert_eq!(
        group("overdue"),
        rows(&[
            ("2026-05-01", "payment-due"), // cat: after = 2026-05-01, unpaid
            ("2026-05-08", "draft-due"),   // ana story-1, still planned
            ("2026-05-09", "go-live"),     // cat post-1, draft submitted, not live
        ])
    );
    assert_eq!(
        group("this-week"),
        rows(&[
            ("2026-05-12", "go-live"),    // ana reel-1 at 09:00
            ("2026-05-14", "draft-due"),  // ben tiktok-1
            ("2026-05-15", "rights-end"), // cat: until = 2026-05-15
        ])
    );
    assert_eq!(
        group("next-weeks"),
        rows(&[
            ("2026-05-19", "payment-due"), // ana #2: reel-1 live May 12 + 7
            ("2026-05-20", "go-live"),     // ben tiktok-1
        ])
    );
    assert_eq!(
        group("later"),
        rows(&[
            ("2026-06-10", "rights-end"),  // ana: 30 days from May 12, inclusive
            ("2026-06-20", "go-live"),     // ana story-1
            ("2026-07-20", "payment-due"), // ana #3: latest go-live Jun 20 + 30
        ])
    );
    assert_eq!(
        group("past"),
        rows(&[
            ("2026-01-10", "draft-due"),
            ("2026-01-15", "payment-due"),
            ("2026-01-20", "go-live"),
            ("2026-04-20", "payment-due"),
            ("2026-05-01", "shipped"),
            ("2026-05-02", "draft-due"),
            ("2026-05-03", "delivered"),
            ("2026-05-05", "draft-due"),
            ("2026-05-05", "asset-rights-end"),
            ("2026-05-09", "shipped"),
        ])
    );
    // The cancelled winter story-1 gives no event; the timed go-live shows its time.
    let page = read("team/calendar/index.html");
    assert!(!page.contains("story-1</th><td>Winter Camp"));
    assert!(page.contains("<time datetime=\"2026-05-12\">May 12, 2026</time> 09:00"));
}

#[test]
fn calendar_ics_parses_with_one_event_per_item_and_stable_uids() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let text = read("team/calendar.ics");
    let cal: Calendar = text.parse().expect("icalendar parses calendar.ics");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let page = read("team/calendar/index.html");
    let on_page = page.matches("<tr class=\"ev-").count();
    assert_eq!(events.len(), on_page, "one event per calendar row");
    assert_eq!(events.len(), 21);
    let uids: std::collections::BTreeSet<_> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    assert!(uids.contains("team.go-live.reel-1.ana.trail@team.example"));
    assert!(uids.contains("team.payment-due.instalment-2.ana.trail@team.example"));
    // 09:00 in New York on May 12, 2026 (EDT, UTC−4) is 13:00 UTC.
    let timed = events
        .iter()
        .find(|e| e.get_uid() == Some("team.go-live.reel-1.ana.trail@team.example"))
        .expect("timed go-live");
    assert_eq!(
        timed.property_value("DTSTART"),
        Some("20260512T130000Z"),
        "live_at becomes a timed event"
    );
    assert!(text.contains("DTSTART;VALUE=DATE:20260514\r\n"));
    // No private token reaches the calendar.
    for line in text.lines().filter(|l| l.starts_with("UID:")) {
        assert!(!line.contains("/b/"), "{line}");
    }
    // A rebuild with the same input gives the same UIDs (and bytes).
    let again = temp_dir("team-week-again").join("site");
    let o = run(&[
        "build",
        "-r",
        fixture().to_str().expect("utf-8"),
        "--audience",
        "team",
        "--today",
        TODAY,
        "-o",
        again.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(again.join("team/calendar.ics")).expect("ics"),
        text
    );
}

/// `payments.csv` parsed with the csv crate: header and rows.
fn csv_rows(rel: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let text = read(rel);
    assert!(text.ends_with("\r\n"), "CRLF line ends (RFC 4180)");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.expect("record");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap_or_else(|_| panic!("decimal {s:?}"))
}

/// The fee of each brief of a campaign, read from the fixture's front matter.
fn fees(campaign: &str) -> rust_decimal::Decimal {
    let dir = fixture().join(format!("content/campaigns/{campaign}/briefs"));
    let mut total = rust_decimal::Decimal::ZERO;
    for e in std::fs::read_dir(dir).expect("briefs") {
        let text = std::fs::read_to_string(e.expect("entry").path()).expect("brief");
        let front = text.split("+++").nth(1).expect("front matter");
        let t: toml::Table = toml::from_str(front).expect("toml");
        let fee = t.get("fee").and_then(toml::Value::as_integer).expect("fee");
        total += rust_decimal::Decimal::from(fee);
    }
    total
}

#[test]
fn payments_register_matches_page_row_for_row_with_totals() {
    let (header, rows) = csv_rows("team/payments.csv");
    assert_eq!(
        header,
        [
            "campaign",
            "creator",
            "name",
            "creator_status",
            "instalment",
            "amount",
            "currency",
            "due_on",
            "due",
            "paid_on",
            "status"
        ]
    );
    let page = read("team/payments/index.html");
    let body: Vec<&str> = page.split("<tr class=\"pay-").skip(1).collect();
    assert_eq!(body.len(), rows.len(), "one page row per CSV row");
    for (tr, r) in body.iter().zip(&rows) {
        assert_eq!(attrs(tr, "data-campaign")[0], r["campaign"]);
        assert_eq!(attrs(tr, "data-creator")[0], r["creator"]);
        assert_eq!(attrs(tr, "data-instalment")[0], r["instalment"]);
        assert_eq!(attrs(tr, "data-amount")[0], r["amount"]);
        assert!(tr.starts_with(&r["status"]), "{tr}");
    }
    let statuses: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["creator"].as_str(),
                r["instalment"].as_str(),
                r["due_on"].as_str(),
                r["status"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("ana", "1", "2026-04-20", "paid"),
            ("cat", "1", "2026-05-01", "overdue"),
            ("ana", "2", "2026-05-19", "due"),
            ("ana", "3", "2026-07-20", "due"),
            ("ben", "1", "", "due"), // the whole fee, no [[payments]]: "per terms"
            ("ben", "1", "2026-01-15", "paid"),
        ]
    );
    // Totals from the CSV, against the fees in the fixture's briefs and its budgets.
    for (campaign, budget) in [("trail", 5000), ("winter", 2000)] {
        let sum = |status: Option<&str>| -> rust_decimal::Decimal {
            rows.iter()
                .filter(|r| r["campaign"] == campaign)
                .filter(|r| status.is_none_or(|s| r["status"] == s))
                .map(|r| dec(&r["amount"]))
                .sum()
        };
        let committed = fees(campaign);
        assert_eq!(
            sum(None),
            committed,
            "{campaign}: instalments add up to the fees"
        );
        let block = between(&page, &format!("<h2 id=\"{campaign}\">"), "</dl>");
        let money = |d: rust_decimal::Decimal| format!("${}", d.round_dp(0));
        let group = |n: rust_decimal::Decimal| {
            let s = money(n);
            if n >= rust_decimal::Decimal::from(1000) {
                let digits = &s[1..];
                format!(
                    "${},{}",
                    &digits[..digits.len() - 3],
                    &digits[digits.len() - 3..]
                )
            } else {
                s
            }
        };
        let left = rust_decimal::Decimal::from(budget) - committed;
        for (label, value) in [
            ("Fees committed", group(committed)),
            ("Left", group(left)),
            ("Paid", group(sum(Some("paid")))),
            ("Overdue", group(sum(Some("overdue")))),
        ] {
            assert!(
                block.contains(&format!("<dt>{label}</dt><dd>{value}")),
                "{campaign}: {label} {value} in {block}"
            );
        }
    }
    // The hand-worked figures of the live campaign.
    assert_eq!(fees("trail"), dec("2900"));
    assert!(page.contains("<dt>Left</dt><dd>$2,100"));
}

#[test]
fn shipments_register_matches_page_row_for_row() {
    let (_, rows) = csv_rows("team/shipments.csv");
    let got: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            [
                "campaign",
                "creator",
                "items",
                "carrier",
                "tracking",
                "tracking_url",
                "shipped_on",
                "delivered_on",
                "status",
                "waiting",
            ]
            .iter()
            .map(|k| r[*k].as_str())
            .collect()
        })
        .collect();
    assert_eq!(
        got,
        [
            vec![
                "trail",
                "ana",
                "Tent; Stove",
                "UPS",
                "1Z123",
                "https://www.ups.com/track?tracknum=1Z123",
                "2026-05-01",
                "2026-05-03",
                "delivered",
                "",
            ],
            vec![
                "trail",
                "ben",
                "Tent",
                "FedEx",
                "7946",
                "https://www.fedex.com/fedextrack/?trknbr=7946",
                "2026-05-09",
                "",
                "shipped",
                "tiktok-1", // still planned, waiting on the product
            ],
        ]
    );
    let page = read("team/shipments/index.html");
    let trs: Vec<&str> = page.split("<tr class=\"ship-").skip(1).collect();
    assert_eq!(trs.len(), rows.len());
    for (tr, r) in trs.iter().zip(&rows) {
        assert!(tr.starts_with(&r["status"]));
        assert_eq!(attrs(tr, "data-campaign")[0], r["campaign"]);
        assert_eq!(attrs(tr, "data-creator")[0], r["creator"]);
        assert!(tr.contains(&format!("<td>{}</td>", r["items"])), "{tr}");
        assert!(
            tr.contains(&format!("href=\"{}\"", r["tracking_url"])),
            "{tr}"
        );
    }
}

#[test]
fn reliability_is_measured_from_dates_and_statuses() {
    let roster = read("team/creators/index.html");
    // ana: reel-1 due May 5 (approved, on time), story-1 due May 8 (still planned): 1 of 2.
    // ben: winter reel-1 due Jan 10 (live): 1 of 1; trail tiktok-1 due May 14 is not due yet.
    // cat: post-1 due May 2 (draft submitted): 1 of 1. dev: no brief.
    for (handle, words, short) in [
        ("ana", "1 of 2 drafts on time (50%)", "1 of 2 (50%)"),
        ("ben", "1 of 1 drafts on time (100%)", "1 of 1 (100%)"),
        ("cat", "1 of 1 drafts on time (100%)", "1 of 1 (100%)"),
        ("dev", "no drafts due yet", "—"),
    ] {
        let row = between(&roster, &format!("data-handle=\"{handle}\""), "</tr>");
        let cell = format!("<td title=\"{words}\">{short}</td>");
        assert!(row.contains(&cell), "{handle}: {row}");
    }
    let ana = read("team/creators/ana/index.html");
    assert!(ana.contains("1 of 2 drafts on time (50%)"));
    // Campaigns link to their overview and the brief; e-mails are mailto links.
    assert!(ana.contains("href=\"../../../team/campaigns/trail/\">Trail Season</a>"));
    assert!(ana.contains(">brief</a>"));
    assert!(ana.contains("href=\"mailto:ana@example.com\""));
    assert!(ana.contains("href=\"mailto:talent@agency.example\""));
}

#[test]
fn shortlist_order_follows_the_documented_fit() {
    // Campaign [audience]: countries US, CA; languages en; niches hiking, camping.
    // ana: US (1/2), en (1/1), hiking+camping (2/2) → (0.5 + 1 + 1) / 3 = 83
    // ben: CA+US (2/2), en (1/1), camping (1/2)    → (1 + 1 + 0.5) / 3 = 83
    // dev: none (0/2), en (1/1), none (0/2)         → 1/3 = 33
    // cat: 100, but do-not-book: last.
    // ana and ben tie on fit; the score breaks it with audience_fit weighted 3 in portal.toml:
    // ben (5×3 + 1) / 4 = 4.0 over ana (3×3 + 5) / 4 = 3.5 (unweighted, ana would lead 4.0 to 3.0).
    let page = read("team/campaigns/trail/shortlist/index.html");
    let table = between(&page, "<table class=\"shortlist\">", "</table>");
    assert_eq!(attrs(table, "data-handle"), ["ben", "ana", "dev", "cat"]);
    let fit = |h: &str| {
        let row = between(table, &format!("data-handle=\"{h}\""), "</tr>");
        row.split("<td>")
            .nth(2)
            .expect("fit cell")
            .split('<')
            .next()
            .expect("fit")
            .to_string()
    };
    assert_eq!(
        ["ben", "ana", "dev", "cat"].map(fit),
        ["83", "83", "33", "100"]
    );
    assert!(between(table, "data-handle=\"cat\"", "</tr>").contains("class=\"dnb\""));
    assert!(between(table, "data-handle=\"ben\"", "</tr>").contains("<td>4.0</td>"));
    assert!(between(table, "data-handle=\"ana\"", "</tr>").contains("<td>3.5</td>"));
    // Rates for the campaign's formats only (reel, story, video, post are booked in trail).
    assert!(between(table, "data-handle=\"ana\"", "</tr>").contains("reel $1,000, story $300"));
    // Past results from the other campaign.
    assert!(between(table, "data-handle=\"ben\"", "</tr>").contains("Winter Camp: ER"));
}

#[test]
fn roster_plain_pages_match_the_index_filters() {
    let index_page = read("team/creators/index.html");
    let json = between(
        &index_page,
        "<script type=\"application/json\" id=\"roster-index\">",
        "</script>",
    )
    .split_once('>')
    .expect("script")
    .1;
    let index: serde_json::Value = serde_json::from_str(json).expect("index json");
    let items = index.as_array().expect("array");
    for (field, value) in [
        ("niches", "hiking"),
        ("languages", "en"),
        ("countries", "us"),
        ("status", "do-not-book"),
        ("platforms", "instagram"),
    ] {
        let want: Vec<&str> = items
            .iter()
            .filter(|i| {
                i[field]
                    .as_array()
                    .expect("list")
                    .iter()
                    .any(|v| v == value)
            })
            .map(|i| i["handle"].as_str().expect("handle"))
            .collect();
        let page = read(&format!("team/roster/{field}/{value}/index.html"));
        let table = between(&page, "<table class=\"roster\">", "</table>");
        assert_eq!(attrs(table, "data-handle"), want, "{field}={value}");
        assert!(!want.is_empty());
    }
    let by_followers = read("team/roster/by-followers/index.html");
    let table = between(&by_followers, "<table class=\"roster\">", "</table>");
    assert_eq!(attrs(table, "data-handle"), ["ana", "ben", "cat", "dev"]);
    let by_rate = read("team/roster/by-rate/index.html");
    let table = between(&by_rate, "<table class=\"roster\">", "</table>");
    assert_eq!(attrs(table, "data-handle"), ["ben", "cat", "ana", "dev"]);
}

#[test]
fn dashboard_needs_attention_first() {
    let page = read("team/index.html");
    let main = between(&page, "<main", "</main>");
    let panel = main.find("Needs attention").expect("panel");
    assert!(panel < main.find("Portfolio").expect("portfolio"));
    for item in [
        "<strong>1</strong> overdue draft</a>",
        "<strong>1</strong> overdue go-live</a>",
        "<strong>1</strong> overdue payment</a>",
        "<strong>1</strong> expired right</a>",
        "<strong>1</strong> right expiring within 30 days</a>",
        "<code>do-not-book</code></a> (1)",
        "<code>draft-overdue</code></a> (1)",
    ] {
        assert!(main.contains(item), "{item}");
    }
}

#[test]
fn do_not_book_with_a_live_brief_is_a_check_warning() {
    let o = run(&[
        "check",
        "-r",
        fixture().to_str().expect("utf-8"),
        "--today",
        TODAY,
    ]);
    let out = o.stdout + &o.stderr;
    assert!(
        out.contains(
            "content/campaigns/trail/briefs/cat.md:1:1: warning: Cat Dee is marked do-not-book"
        ),
        "{out}"
    );
    assert_eq!(
        out.matches("do-not-book in").count(),
        1,
        "winter is complete"
    );
}

#[test]
fn playbook_pages_are_team_only() {
    let page = read("team/playbook/outreach/index.html");
    assert!(page.contains("<blockquote>"));
    assert!(page.contains("<pre"));
    assert!(page.contains("class=\"playbook prose\""));
    let public = temp_dir("team-week-public").join("site");
    let o = run(&[
        "build",
        "-r",
        fixture().to_str().expect("utf-8"),
        "--today",
        TODAY,
        "-o",
        public.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let files = tree(&public);
    assert!(files.keys().all(|p| !p.starts_with("team/")));
    assert!(
        files
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains("paid collaboration?"))
    );
}

#[test]
fn bad_scorecard_weights_are_errors_with_positions() {
    let root = temp_dir("team-week-weights").join("portal");
    copy_dir(&fixture(), &root);
    let toml = std::fs::read_to_string(root.join("portal.toml")).expect("portal.toml");
    // A comment naming `audience_fit` first: positions are the keys' own, not the first match.
    let toml = toml.replace(
        "audience_fit = 3",
        "brand_safety = 1 # more than audience_fit\naudience_fit = -2\nreliabilty = 1",
    );
    std::fs::write(root.join("portal.toml"), &toml).expect("write");
    let line_of = |needle: &str| {
        toml.lines()
            .position(|l| l.starts_with(needle))
            .map(|i| i + 1)
            .expect("line")
    };
    let o = run(&[
        "check",
        "-r",
        root.to_str().expect("utf-8"),
        "--today",
        TODAY,
    ]);
    assert_eq!(o.code, 1);
    let out = o.stdout + &o.stderr;
    assert!(
        out.contains(&format!(
            "portal.toml:{}:{}: error: the weight of `audience_fit` must be a number ≥ 0",
            line_of("audience_fit"),
            "audience_fit = ".len() + 1
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "portal.toml:{}:1: error: unknown scorecard criterion `reliabilty`",
            line_of("reliabilty")
        )),
        "{out}"
    );
    assert!(out.contains("did you mean `reliability`?"), "{out}");
}
