//! Campaign reports end to end: a `results.csv` exported with a BOM, CRLF, quoted commas and
//! newlines and thousands separators builds, `report.json` holds the hand-computed totals and
//! rates, the SVG charts are well-formed with a title and description, and fees follow the
//! audience.

mod common;

use common::{run, temp_dir};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn portal() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report-public/portal")
}

/// Builds the report fixture for `audience` into a folder named after `test`; returns the report
/// folder.
fn build(test: &str, audience: &str) -> PathBuf {
    let out = temp_dir(&format!("reports-{test}-{audience}")).join("site");
    let p = portal();
    let args = [
        "build",
        "-r",
        p.to_str().expect("utf-8 path"),
        "--today",
        "2026-03-20",
        "-o",
        out.to_str().expect("utf-8 path"),
        "--audience",
        audience,
    ];
    let o = run(&args);
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    let mut reports: Vec<PathBuf> = std::fs::read_dir(out.join("r"))
        .expect("r/ exists")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(reports.len(), 1, "one report");
    reports.remove(0)
}

fn json(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("report.json")).expect("report.json"))
        .expect("report.json parses")
}

#[test]
fn report_json_holds_the_hand_computed_totals_and_rates() {
    let j = json(&build("json", "public"));
    let t = &j["totals"];
    // Three rows; "12,000" + "3,000" + "20,000" and so on, read through the BOM, CRLF and quotes.
    assert_eq!(t["impressions"], 35000);
    assert_eq!(t["reach"], 11500); // the TikTok row states no reach
    assert_eq!(t["likes"], 2200);
    assert_eq!(t["comments"], 30);
    assert_eq!(t["shares"], 100);
    assert_eq!(t["saves"], 70);
    assert_eq!(t["views"], Value::Null); // no row knows it: null, not 0
    assert_eq!(t["clicks"], 470);
    assert_eq!(t["signups"], 4);
    assert_eq!(t["orders"], 15);
    // (1200 + 30 + 70) + (100 + 0) + (900 + 100).
    assert_eq!(t["engagements"], 2400);
    // Orders 5, sign-ups 4 (no orders), orders 10.
    assert_eq!(t["conversions"], 19);
    // "1,250.50" + "2,000", exact decimal strings.
    assert_eq!(t["revenue"], "3250.5");
    // Fees 800 + 600, product 20 and shipping 5 per creator, boost 100.
    assert_eq!(t["cost"], "1550");

    let r = &j["rates"];
    let check = |k: &str, value: f64, num: &str, den: &str, rows: u64| {
        // The exact inputs are the strings below; the float only has to agree to its last bits
        // (JSON text → f64 parsing may differ in the final ulp).
        let got = r[k]["value"].as_f64().unwrap_or(f64::NAN);
        assert!((got - value).abs() < 1e-15, "{k}: {got} ≠ {value}");
        assert_eq!(r[k]["numerator"], num, "{k}");
        assert_eq!(r[k]["denominator"], den, "{k}");
        assert_eq!(r[k]["rows"], rows, "{k}");
    };
    // Only the two rows with reach: (1300 + 100) ÷ (9000 + 2500).
    check("engagement_rate", 1400.0 / 11500.0, "1400", "11500", 2);
    assert_eq!(r["engagement_rate"]["denominator_name"], "reach");
    check("ctr", 470.0 / 35000.0, "470", "35000", 3);
    check("conversion_rate", 19.0 / 470.0, "19", "470", 3);
    // Money rates rounded to 6 places: 1550 ÷ 35000 × 1000 = 44.2857142…
    check("cpm", 44.285714, "1550", "35000", 3);
    check("cpe", 0.645833, "1550", "2400", 3);
    check("cpc", 3.297872, "1550", "470", 3);
    check("cpa", 81.578947, "1550", "19", 3);
    check("roas", 2.097097, "3250.5", "1550", 2);
    // Mixed sources: one row each.
    assert_eq!(r["ctr"]["sources"]["actual"], 1);
    assert_eq!(r["ctr"]["sources"]["reported"], 1);
    assert_eq!(r["ctr"]["sources"]["estimated"], 1);

    let targets = j["targets"].as_array().expect("targets");
    let got: Vec<(&str, &str)> = targets
        .iter()
        .map(|t| {
            (
                t["metric"].as_str().unwrap_or(""),
                t["verdict"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // Reach 11,500 < 20,000; clicks 470 < 500; CPM 44.29 ≤ 50 (lower is better).
    assert_eq!(
        got,
        vec![("reach", "missed"), ("clicks", "missed"), ("cpm", "met")]
    );
    assert_eq!(targets[0]["difference"], -8500);

    let by_hook = &j["breakdowns"]["hook"];
    assert_eq!(by_hook["before-after"]["posts"], 2);
    assert_eq!(by_hook["unboxing"]["totals"]["reach"], 2500);
    assert_eq!(
        j["breakdowns"]["platform"]["tiktok"]["totals"]["clicks"],
        300
    );
}

#[test]
fn fees_are_hidden_in_public_and_shown_to_the_team() {
    let public = build("fees", "public");
    let team = build("fees", "team");
    let html = |d: &Path| std::fs::read_to_string(d.join("index.html")).expect("index.html");
    let (p, t) = (html(&public), html(&team));
    // The fee column's header, whatever classes the theme gives its cells.
    assert!(!p.contains(">Fee</th>"));
    assert!(
        !p.contains("€800"),
        "ana's fee leaked into the public report"
    );
    assert!(t.contains(">Fee</th>"));
    assert!(t.contains(">€800</td>"));
    // Per-creator cost would reveal the fee: absent in public report.json, present for the team.
    let (pj, tj) = (json(&public), json(&team));
    assert_eq!(
        pj["breakdowns"]["creator"]["ana"]["totals"].get("cost"),
        None
    );
    // 800 + 20 + 5 + 100 boost.
    assert_eq!(tj["breakdowns"]["creator"]["ana"]["totals"]["cost"], "925");
}

#[test]
fn charts_are_well_formed_svg_with_title_and_description() {
    let page =
        std::fs::read_to_string(build("svg", "public").join("index.html")).expect("index.html");
    let mut svgs = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
        svgs.push(&rest[start..end]);
        rest = &rest[end..];
    }
    // A traffic campaign in public: clicks by creator, by platform, by format, cumulative clicks
    // over time (no CPC by creator: fees are hidden).
    assert_eq!(svgs.len(), 4);
    for svg in svgs {
        let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let child = |name: &str| {
            root.children()
                .find(|n| n.has_tag_name(name))
                .unwrap_or_else(|| panic!("svg has a <{name}>"))
        };
        let (title, desc) = (child("title"), child("desc"));
        assert!(!title.text().unwrap_or("").trim().is_empty());
        assert!(!desc.text().unwrap_or("").trim().is_empty());
        let labelled = format!(
            "{} {}",
            title.attribute("id").unwrap_or("?"),
            desc.attribute("id").unwrap_or("?")
        );
        assert_eq!(root.attribute("aria-labelledby"), Some(labelled.as_str()));
    }
    // The cumulative clicks line states its running totals: 150 (Mar 12), + 300 on Mar 13,
    // + 20 on Mar 14.
    assert!(
        page.contains("Mar 12, 2026: 150; Mar 13, 2026: 450; Mar 14, 2026: 470."),
        "cumulative clicks"
    );
}
