//! Report figures (SPEC §6) checked against an independent computation from the CSV text this
//! test writes: organic and boosted totals and rates by row cost, per-creator CPA and ROAS,
//! benchmarks over four completed campaigns, the de-duplicated target count, `as_of`; and the bad
//! inputs: a negative `boost_spend`, a benchmark over one campaign.

mod common;

use common::{run, temp_dir};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const HEADER: &str = "creator,platform,format,posted_on,impressions,reach,likes,comments,clicks,signups,revenue,boost_spend";
const PRODUCT: f64 = 10.0;
const SHIPPING: f64 = 5.0;

/// A campaign to write: slug, status, fees by creator, CSV rows (after the header).
struct Camp {
    slug: &'static str,
    status: &'static str,
    fees: &'static [(&'static str, u32)],
    rows: &'static [&'static str],
}

const NOW: Camp = Camp {
    slug: "now",
    status: "live",
    fees: &[("ana", 1000), ("bo", 500), ("cy", 300)],
    rows: &[
        "ana,instagram,reel,2026-04-01,10000,8000,400,40,120,12,600,",
        "ana,instagram,reel,2026-04-03,30000,20000,900,60,300,30,1500,200",
        "bo,tiktok,short,2026-04-02,50000,40000,2500,100,90,9,450,",
        "cy,instagram,story,2026-04-05,4000,3000,60,5,30,3,90,",
        "cy,tiktok,short,2026-04-06,6000,5000,200,20,60,6,240,50",
    ],
};

const PAST: [Camp; 4] = [
    Camp {
        slug: "p1",
        status: "complete",
        fees: &[("ana", 800), ("bo", 400)],
        rows: &[
            "ana,instagram,reel,2025-05-01,20000,15000,600,30,100,10,500,",
            "bo,instagram,post,2025-05-02,10000,7000,300,10,50,4,200,100",
        ],
    },
    Camp {
        slug: "p2",
        status: "complete",
        fees: &[("cy", 600)],
        rows: &["cy,instagram,reel,2025-06-01,40000,30000,1500,50,200,25,1000,"],
    },
    Camp {
        slug: "p3",
        status: "complete",
        fees: &[("ana", 1200), ("di", 300)],
        rows: &[
            "ana,instagram,reel,2025-07-01,25000,20000,500,20,150,20,900,",
            "di,tiktok,short,2025-07-02,60000,50000,3000,200,80,5,100,",
        ],
    },
    Camp {
        slug: "p4",
        status: "complete",
        fees: &[("bo", 700)],
        rows: &["bo,instagram,story,2025-08-01,8000,6000,100,5,40,2,60,"],
    },
];

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

fn write_campaign(root: &Path, c: &Camp, csv_rows: &[&str]) {
    let dir = format!("content/campaigns/{}", c.slug);
    let extra = if c.slug == "now" {
        "objective = \"sales\"\n\n[targets]\nclicks = 500\nsignups = 50\nconversions = 50\n"
    } else {
        "objective = \"sales\"\n"
    };
    write(
        root,
        &format!("{dir}/campaign.toml"),
        &format!(
            "title = \"{}\"\nstatus = \"{}\"\nstart = 2025-01-01\nend = 2026-12-31\n\
             platforms = [\"instagram\", \"tiktok\"]\n{extra}\n[budget]\n\
             product_cost_per_creator = {PRODUCT}\nshipping_per_creator = {SHIPPING}\n",
            c.slug, c.status
        ),
    );
    for (h, fee) in c.fees {
        write(
            root,
            &format!("{dir}/briefs/{h}.md"),
            &format!("+++\nfee = {fee}\n+++\nHello.\n"),
        );
    }
    let mut csv = String::from(HEADER);
    for r in csv_rows {
        csv.push('\n');
        csv.push_str(r);
    }
    csv.push('\n');
    write(root, &format!("{dir}/results.csv"), &csv);
    if c.slug == "now" {
        write(
            root,
            &format!("{dir}/report.md"),
            "+++\nas_of = 2026-04-20\n+++\nNotes.\n",
        );
    }
}

/// A portal with `now` and the `past` campaigns; returns its root.
fn portal(name: &str, past: &[Camp], now_rows: &[&str]) -> PathBuf {
    let root = temp_dir(name).join("portal");
    write(
        &root,
        "portal.toml",
        "title = \"Figures\"\nbase_url = \"https://figures.example\"\ncurrency = \"USD\"\n\n\
         [privacy]\nlink_secret = \"figures-secret-for-tests-only-0123456789abcdef\"\n",
    );
    for h in ["ana", "bo", "cy", "di"] {
        write(
            &root,
            &format!("content/creators/{h}.toml"),
            &format!("name = \"{h}\"\n"),
        );
    }
    write_campaign(&root, &NOW, now_rows);
    for c in past {
        write_campaign(&root, c, c.rows);
    }
    root
}

/// Builds `root` for the team; returns the report folder.
fn build(root: &Path) -> PathBuf {
    let out = root.parent().expect("parent").join("site");
    let o = run(&[
        "build",
        "-r",
        root.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--today",
        "2026-04-21",
        "--audience",
        "team",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut reports: Vec<PathBuf> = fs::read_dir(out.join("r"))
        .expect("r/")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(reports.len(), 1);
    reports.remove(0)
}

fn json(dir: &Path) -> Value {
    serde_json::from_slice(&fs::read(dir.join("report.json")).expect("report.json")).expect("json")
}

/// One CSV row, read by this test (not by campsite).
#[derive(Debug, Clone)]
struct Row {
    creator: String,
    format: String,
    platform: String,
    impressions: f64,
    reach: f64,
    engagements: f64,
    clicks: f64,
    signups: f64,
    revenue: f64,
    boost: f64,
}

fn parse(line: &str) -> Row {
    let f: Vec<&str> = line.split(',').collect();
    let n = |i: usize| f[i].parse::<f64>().unwrap_or(0.0);
    Row {
        creator: f[0].into(),
        format: f[2].into(),
        platform: f[1].into(),
        impressions: n(4),
        reach: n(5),
        engagements: n(6) + n(7),
        clicks: n(8),
        signups: n(9),
        revenue: n(10),
        boost: n(11),
    }
}

/// Each row's cost: its creator's fixed cost over that creator's rows, plus its boost.
fn row_costs(c: &Camp, rows: &[Row]) -> Vec<f64> {
    rows.iter()
        .map(|r| {
            let fee = c
                .fees
                .iter()
                .find(|(h, _)| *h == r.creator)
                .map(|(_, f)| *f as f64)
                .unwrap_or(0.0);
            let n = rows.iter().filter(|x| x.creator == r.creator).count() as f64;
            (fee + PRODUCT + SHIPPING) / n + r.boost
        })
        .collect()
}

fn close(got: &Value, want: f64, what: &str) {
    let g = got
        .as_f64()
        .or_else(|| got.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(f64::NAN);
    assert!(
        (g - want).abs() < 1e-4 * want.abs().max(1.0),
        "{what}: {g} ≠ {want}"
    );
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

#[test]
fn organic_and_boosted_split_by_row_cost() {
    let dir = build(&portal("split", &PAST, NOW.rows));
    let j = json(&dir);
    let rows: Vec<Row> = NOW.rows.iter().map(|l| parse(l)).collect();
    let costs = row_costs(&NOW, &rows);
    for (key, boosted) in [("organic", false), ("boosted", true)] {
        let pick: Vec<(&Row, f64)> = rows
            .iter()
            .zip(costs.iter().copied())
            .filter(|(r, _)| (r.boost > 0.0) == boosted)
            .collect();
        let sum = |f: fn(&Row) -> f64| pick.iter().map(|(r, _)| f(r)).sum::<f64>();
        let cost: f64 = pick.iter().map(|(_, c)| c).sum();
        let b = &j[key];
        assert_eq!(b["posts"], pick.len(), "{key} posts");
        close(&b["totals"]["impressions"], sum(|r| r.impressions), key);
        close(&b["totals"]["clicks"], sum(|r| r.clicks), key);
        close(&b["totals"]["revenue"], sum(|r| r.revenue), key);
        close(&b["totals"]["cost"], cost, &format!("{key} cost"));
        close(
            &b["rates"]["engagement_rate"]["value"],
            sum(|r| r.engagements) / sum(|r| r.reach),
            &format!("{key} er"),
        );
        close(
            &b["rates"]["ctr"]["value"],
            sum(|r| r.clicks) / sum(|r| r.impressions),
            &format!("{key} ctr"),
        );
        close(
            &b["rates"]["cpm"]["value"],
            cost / sum(|r| r.impressions) * 1000.0,
            &format!("{key} cpm"),
        );
        close(
            &b["rates"]["cpc"]["value"],
            cost / sum(|r| r.clicks),
            &format!("{key} cpc"),
        );
        close(
            &b["rates"]["cpa"]["value"],
            cost / sum(|r| r.signups),
            &format!("{key} cpa"),
        );
        close(
            &b["rates"]["roas"]["value"],
            sum(|r| r.revenue) / cost,
            &format!("{key} roas"),
        );
    }
    let page = fs::read_to_string(dir.join("index.html")).expect("page");
    assert!(
        page.contains("Organic and boosted"),
        "the split is on the page"
    );
}

#[test]
fn per_creator_cpa_and_roas() {
    let dir = build(&portal("creators", &PAST, NOW.rows));
    let j = json(&dir);
    let rows: Vec<Row> = NOW.rows.iter().map(|l| parse(l)).collect();
    for (h, fee) in NOW.fees {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.creator == *h).collect();
        let cost = *fee as f64 + PRODUCT + SHIPPING + mine.iter().map(|r| r.boost).sum::<f64>();
        let conv: f64 = mine.iter().map(|r| r.signups).sum();
        let revenue: f64 = mine.iter().map(|r| r.revenue).sum();
        let c = &j["breakdowns"]["creator"][*h];
        close(&c["totals"]["cost"], cost, &format!("{h} cost"));
        close(
            &c["rates"]["cpa"]["value"],
            cost / conv,
            &format!("{h} cpa"),
        );
        close(
            &c["rates"]["roas"]["value"],
            revenue / cost,
            &format!("{h} roas"),
        );
    }
    // The page's table has revenue, CPA and ROAS per creator, and says what ER divides by.
    let page = fs::read_to_string(dir.join("index.html")).expect("page");
    let table = page
        .split("id=\"creators\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("creator table");
    for col in ["Revenue", "CPA", "ROAS", "÷ reach"] {
        assert!(table.contains(col), "creator table lacks {col}");
    }
}

#[test]
fn benchmarks_are_medians_over_the_other_complete_campaigns() {
    let j = json(&build(&portal("bench", &PAST, NOW.rows)));
    let b = &j["benchmarks"];
    let mut cpm = Vec::new();
    let mut er = Vec::new();
    let mut cpa = Vec::new();
    let mut instagram_ctr = Vec::new();
    for c in &PAST {
        let rows: Vec<Row> = c.rows.iter().map(|l| parse(l)).collect();
        let cost: f64 = c
            .fees
            .iter()
            .map(|(_, f)| *f as f64 + PRODUCT + SHIPPING)
            .sum::<f64>()
            + rows.iter().map(|r| r.boost).sum::<f64>();
        let s = |f: fn(&Row) -> f64| rows.iter().map(f).sum::<f64>();
        cpm.push(cost / s(|r| r.impressions) * 1000.0);
        er.push(s(|r| r.engagements) / s(|r| r.reach));
        cpa.push(cost / s(|r| r.signups));
        let ig: Vec<&Row> = rows.iter().filter(|r| r.platform == "instagram").collect();
        if !ig.is_empty() {
            let clicks: f64 = ig.iter().map(|r| r.clicks).sum();
            let imp: f64 = ig.iter().map(|r| r.impressions).sum();
            instagram_ctr.push(clicks / imp);
        }
    }
    close(&b["cpm"]["median"], median(cpm), "cpm median");
    close(&b["engagement_rate"]["median"], median(er), "er median");
    close(&b["cpa"]["median"], median(cpa), "cpa median");
    for k in ["cpm", "engagement_rate", "cpa", "roas"] {
        assert_eq!(
            b[k]["campaigns"], 4,
            "{k} covers the four complete campaigns"
        );
    }
    // Every past campaign posted on Instagram: a by-platform median over four.
    assert_eq!(instagram_ctr.len(), 4);
    let ig = &j["benchmarks_by_platform"]["instagram"]["ctr"];
    close(&ig["median"], median(instagram_ctr), "instagram ctr median");
    assert_eq!(ig["campaigns"], 4);
    // Only one past campaign posted on TikTok: no by-platform median for it.
    assert!(j["benchmarks_by_platform"].get("tiktok").is_none());
}

#[test]
fn a_benchmark_over_one_campaign_is_a_dash() {
    let dir = build(&portal("one", &PAST[..1], NOW.rows));
    let j = json(&dir);
    assert_eq!(j["benchmarks"]["cpm"]["median"], Value::Null);
    assert_eq!(j["benchmarks"]["cpm"]["campaigns"], 1);
    let page = fs::read_to_string(dir.join("index.html")).expect("page");
    assert!(
        page.contains("benchmark — (only 1 past campaign)"),
        "—, not a number"
    );
}

#[test]
fn targets_on_the_same_quantity_count_once_and_as_of_leads() {
    let dir = build(&portal("dedup", &PAST, NOW.rows));
    let j = json(&dir);
    let rows: Vec<Row> = NOW.rows.iter().map(|l| parse(l)).collect();
    let clicks: f64 = rows.iter().map(|r| r.clicks).sum();
    let signups: f64 = rows.iter().map(|r| r.signups).sum();
    // Targets: clicks 500, signups 50, conversions 50; conversions are the sign-ups here.
    let met = [clicks >= 500.0, signups >= 50.0]
        .iter()
        .filter(|m| **m)
        .count();
    let page = fs::read_to_string(dir.join("index.html")).expect("page");
    assert!(
        page.contains(&format!("{met} of 2 targets met."))
            || (met == 2 && page.contains("All 2 targets met.")),
        "two quantities, not three"
    );
    let counted: Vec<(&str, bool)> = j["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| {
            (
                t["metric"].as_str().unwrap_or(""),
                t["counted"].as_bool().unwrap_or(true),
            )
        })
        .collect();
    assert_eq!(
        counted,
        vec![("clicks", true), ("signups", true), ("conversions", false)]
    );
    assert_eq!(j["as_of"], "2026-04-20");
    assert_eq!(j["objective"], "sales");
    assert_eq!(
        j["primary"],
        serde_json::json!(["conversions", "revenue", "cpa", "roas"])
    );
    let head = page
        .split("class=\"page-head\"")
        .nth(1)
        .and_then(|s| s.split("</header>").next())
        .unwrap_or("");
    assert!(
        head.contains("Numbers as of Apr 20, 2026"),
        "as_of at the top"
    );
}

#[test]
fn a_negative_boost_spend_is_a_positioned_error() {
    let mut rows: Vec<&str> = NOW.rows.to_vec();
    rows[2] = "bo,tiktok,short,2026-04-02,50000,40000,2500,100,90,9,450,-25";
    let root = portal("negative", &PAST, &rows);
    let out = root.parent().expect("parent").join("site");
    let o = run(&[
        "build",
        "-r",
        root.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--today",
        "2026-04-21",
    ]);
    assert_ne!(o.code, 0, "a negative boost spend fails the build");
    // Line 4 of the file (header + 3 rows); the cell starts after the last comma.
    let col = rows[2].rfind(',').expect("comma") + 2;
    let want = format!("content/campaigns/now/results.csv:4:{col}: error");
    let err = o.stderr;
    assert!(err.contains(&want), "{want} in {err}");
    assert!(err.contains("`-25` is negative"), "{err}");
    assert!(!out.join("r").exists(), "nothing is published");
}

#[test]
fn portfolio_ratios_say_what_they_cover_and_history_has_cpa() {
    let dir = build(&portal("portfolio", &PAST, NOW.rows));
    let site = dir.parent().and_then(Path::parent).expect("site");
    let dash = fs::read_to_string(site.join("team/index.html")).expect("dashboard");
    let (mut revenue, mut cost) = (0.0, 0.0);
    for c in PAST.iter().chain([&NOW]) {
        let rows: Vec<Row> = c.rows.iter().map(|l| parse(l)).collect();
        revenue += rows.iter().map(|r| r.revenue).sum::<f64>();
        cost += c
            .fees
            .iter()
            .map(|(_, f)| *f as f64 + PRODUCT + SHIPPING)
            .sum::<f64>()
            + rows.iter().map(|r| r.boost).sum::<f64>();
    }
    let total = dash
        .split("<th scope=\"row\">All campaigns</th>")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .expect("all-campaigns row");
    assert!(
        total.contains(&format!("{:.2}×", revenue / cost)),
        "ROAS {:.2}× in {total}",
        revenue / cost
    );
    assert!(
        total.contains("over 5 of 5 campaigns"),
        "the ratio says what it covers"
    );
    assert!(dash.contains("Campaigns ending in 2026"), "totals per year");
    assert!(
        dash.contains("CPM by campaign end date"),
        "efficiency over time"
    );
    // Ana in p1: (800 + 10 + 5) ÷ 10 sign-ups = $81.50 per acquisition; revenue $500.
    let ana = fs::read_to_string(site.join("team/creators/ana/index.html")).expect("ana");
    // The history table (the page lists the creator's campaigns above it too).
    let history = ana
        .rsplit("Past performance")
        .next()
        .expect("a history section");
    let p1 = history
        .split(">p1</a>")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .expect("p1 row");
    let cpa = (800.0 + PRODUCT + SHIPPING) / 10.0;
    assert!(p1.contains(&format!("${cpa:.2}")), "CPA in {p1}");
    assert!(p1.contains("$500"), "revenue in {p1}");
}

/// A planned campaign with a plan: Ana 2 × reel, Di 1 × short (both with past posts of that
/// format), Cy 1 × post (none: the roster's followers × engagement rate).
fn add_plan(root: &Path) {
    let dir = "content/campaigns/next";
    write(
        root,
        &format!("{dir}/campaign.toml"),
        "title = \"next\"\nstatus = \"planning\"\nstart = 2026-09-01\nend = 2026-09-30\n\
         objective = \"awareness\"\n\n[budget]\ntotal = 5000\nproduct_cost_per_creator = 10\n\
         shipping_per_creator = 5\n\n[targets]\nreach = 70000\n\n[audience]\ncountries = [\"US\"]\n",
    );
    let brief =
        |fee: u32, deliverables: &str| format!("+++\nfee = {fee}\n{deliverables}+++\nHi.\n");
    let d = |id: &str, platform: &str, format: &str, count: u32| {
        format!(
            "\n[[deliverables]]\nid = \"{id}\"\nplatform = \"{platform}\"\nformat = \"{format}\"\n\
             count = {count}\ndraft_due = 2026-09-05\nlive_on = 2026-09-10\nstatus = \"planned\"\n"
        )
    };
    write(
        root,
        &format!("{dir}/briefs/ana.md"),
        &brief(1000, &d("r", "instagram", "reel", 2)),
    );
    write(
        root,
        &format!("{dir}/briefs/di.md"),
        &brief(400, &d("s", "tiktok", "short", 1)),
    );
    write(
        root,
        &format!("{dir}/briefs/cy.md"),
        &brief(300, &d("st", "instagram", "post", 1)),
    );
    write(
        root,
        "content/creators/cy.toml",
        "name = \"cy\"\n\n[[platforms]]\nname = \"instagram\"\nfollowers = 10000\n\
         avg_engagement_rate = 0.05\n",
    );
    write(
        root,
        &format!("{dir}/plan.md"),
        "+++\ntitle = \"Next — plan\"\n+++\nWhy.\n",
    );
}

fn group(n: f64) -> String {
    let s = format!("{}", n.round() as u64);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn plan_forecasts_from_past_posts_with_a_range() {
    let root = portal("plan", &PAST, NOW.rows);
    add_plan(&root);
    let dir = build(&root)
        .parent()
        .and_then(Path::parent)
        .expect("site")
        .to_path_buf();
    let all: Vec<Row> = PAST
        .iter()
        .chain([&NOW])
        .flat_map(|c| c.rows.iter().map(|l| parse(l)))
        .collect();
    // (expected, low, high, covered) summed over the deliverables.
    let mut reach = (0.0, 0.0, 0.0, 0);
    let mut eng = (0.0, 0.0, 0.0, 0);
    for (h, format, n) in [
        ("ana", "reel", 2.0),
        ("di", "short", 1.0),
        ("cy", "post", 1.0),
    ] {
        let past: Vec<&Row> = all
            .iter()
            .filter(|r| r.creator == h && r.format == format)
            .collect();
        let add = |acc: &mut (f64, f64, f64, u32), v: Vec<f64>| {
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            let lo = v.iter().copied().fold(f64::MAX, f64::min);
            let hi = v.iter().copied().fold(f64::MIN, f64::max);
            *acc = (
                acc.0 + mean * n,
                acc.1 + lo * n,
                acc.2 + hi * n,
                acc.3 + n as u32,
            );
        };
        if past.is_empty() {
            // The roster: 10,000 followers × 5 %.
            add(&mut eng, vec![10000.0 * 0.05]);
        } else {
            add(&mut reach, past.iter().map(|r| r.reach).collect());
            add(&mut eng, past.iter().map(|r| r.engagements).collect());
        }
    }
    let words = |e: (f64, f64, f64, u32)| {
        format!(
            "{} ({}–{}), from {} of 4 deliverables",
            group(e.0),
            group(e.1),
            group(e.2),
            e.3
        )
    };
    let out = run(&[
        "links",
        "-r",
        root.to_str().expect("utf-8"),
        "--format",
        "csv",
    ]);
    let links = out.stdout;
    let url = links
        .lines()
        .find(|l| l.starts_with("plan,next,"))
        .and_then(|l| l.rsplit(',').next())
        .expect("campsite links lists the plan");
    let path = url.split("/p/").nth(1).expect("a /p/<token>/ link");
    let page = fs::read_to_string(dir.join("p").join(path).join("index.html")).expect("plan");
    assert!(
        page.contains(&words(reach)),
        "reach {} in the plan",
        words(reach)
    );
    assert!(
        page.contains(&words(eng)),
        "engagements {} in the plan",
        words(eng)
    );
    assert!(page.contains("noindex"), "the plan is not indexed");
    let sitemap = fs::read_to_string(dir.join("sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("/p/"), "never in a sitemap");
    // Budget against committed fees: 1,000 + 400 + 300 + 3 × (10 + 5) = 1,745 of 5,000.
    assert!(page.contains("$1,745"), "committed fees");
    assert!(page.contains("$3,255"), "left of the budget");
}

#[test]
fn a_public_plan_shows_no_roster_figure_or_other_campaign() {
    let root = portal("plan-public", &PAST, NOW.rows);
    add_plan(&root);
    let out = root.parent().expect("parent").join("public");
    let o = run(&[
        "build",
        "-r",
        root.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--today",
        "2026-04-21",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let plans: Vec<PathBuf> = fs::read_dir(out.join("p"))
        .expect("p/")
        .map(|e| e.expect("entry").path().join("index.html"))
        .collect();
    let page = fs::read_to_string(&plans[0]).expect("plan");
    // Engagements from past posts only: Cy's roster estimate (10,000 × 5 % = 500) is team-only.
    let all: Vec<Row> = PAST
        .iter()
        .chain([&NOW])
        .flat_map(|c| c.rows.iter().map(|l| parse(l)))
        .collect();
    let mut expected = 0.0;
    for (h, format, n) in [("ana", "reel", 2.0), ("di", "short", 1.0)] {
        let v: Vec<f64> = all
            .iter()
            .filter(|r| r.creator == h && r.format == format)
            .map(|r| r.engagements)
            .collect();
        expected += v.iter().sum::<f64>() / v.len() as f64 * n;
    }
    assert!(
        page.contains(&format!("{} (", group(expected)))
            && page.contains("from 3 of 4 deliverables"),
        "history-only engagements {} in the public plan",
        group(expected)
    );
    // Three paid creators: the committed total may show, no single fee.
    assert!(
        !page.contains("$1,000") && !page.contains("$1,015"),
        "no fee in public"
    );
    for other in ["p1:", "p3:", "now:"] {
        assert!(
            !page.contains(other),
            "another campaign named in public: {other}"
        );
    }
}
