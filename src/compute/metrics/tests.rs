//! Unit tests of the metric formulas.

use super::*;
use crate::load::raw::RawTargets;
use crate::model::ResultSource;

/// A row from `(column, value)` pairs of count columns, with a source.
fn row(counts: &[(&str, u64)], source: Option<ResultSource>) -> ResultRow {
    let mut r = ResultRow {
        source,
        ..ResultRow::default()
    };
    for (k, v) in counts {
        let v = Some(*v);
        match *k {
            "followers" => r.followers = v,
            "impressions" => r.impressions = v,
            "reach" => r.reach = v,
            "views" => r.views = v,
            "likes" => r.likes = v,
            "comments" => r.comments = v,
            "shares" => r.shares = v,
            "saves" => r.saves = v,
            "clicks" => r.clicks = v,
            "signups" => r.signups = v,
            "orders" => r.orders = v,
            other => panic!("no count column {other}"),
        }
    }
    r
}

fn money(s: &str) -> Option<Money> {
    Money::parse(s)
}

const A: Option<ResultSource> = Some(ResultSource::Actual);
const R: Option<ResultSource> = Some(ResultSource::Reported);
const E: Option<ResultSource> = Some(ResultSource::Estimated);

/// (case, rows, fixed cost, metric key, expected value).
type Case = (
    &'static str,
    Vec<ResultRow>,
    Option<Money>,
    &'static str,
    Option<f64>,
);

fn cases() -> Vec<Case> {
    let mixed = || {
        vec![
            row(
                &[
                    ("reach", 1000),
                    ("impressions", 2000),
                    ("likes", 50),
                    ("clicks", 20),
                ],
                A,
            ),
            row(&[("impressions", 1000), ("likes", 30)], R),
        ]
    };
    vec![
        // 50 + 30 over both rows.
        (
            "engagements sum known parts",
            mixed(),
            money("300"),
            "engagements",
            Some(80.0),
        ),
        // Only row 1 has reach: 50 ÷ 1000.
        (
            "er over rows with both inputs",
            mixed(),
            money("300"),
            "engagement_rate",
            Some(0.05),
        ),
        // Only row 1 has clicks: 20 ÷ 2000.
        (
            "ctr over rows with both inputs",
            mixed(),
            money("300"),
            "ctr",
            Some(0.01),
        ),
        // 300 ÷ (2000 + 1000) × 1000.
        (
            "cpm over all impressions",
            mixed(),
            money("300"),
            "cpm",
            Some(100.0),
        ),
        // 300 ÷ 80.
        ("cpe", mixed(), money("300"), "cpe", Some(3.75)),
        // 300 ÷ 20.
        ("cpc", mixed(), money("300"), "cpc", Some(15.0)),
        // No revenue anywhere.
        (
            "roas unknown without revenue",
            mixed(),
            money("300"),
            "roas",
            None,
        ),
        // No conversions anywhere.
        (
            "cpa unknown without conversions",
            mixed(),
            money("300"),
            "cpa",
            None,
        ),
        // No reach: (100 + 20) ÷ 4000 impressions.
        (
            "er falls back to impressions",
            vec![row(
                &[("impressions", 4000), ("likes", 100), ("comments", 20)],
                E,
            )],
            None,
            "engagement_rate",
            Some(0.03),
        ),
        // No reach or impressions: (5 + 15) ÷ 10000 followers.
        (
            "er falls back to followers",
            vec![row(
                &[("followers", 10000), ("shares", 5), ("saves", 15)],
                A,
            )],
            None,
            "engagement_rate",
            Some(0.002),
        ),
        // Every denominator is zero or missing.
        (
            "er with zero denominators is unknown",
            vec![row(&[("reach", 0), ("impressions", 0), ("likes", 5)], A)],
            money("10"),
            "engagement_rate",
            None,
        ),
        (
            "ctr with zero impressions is unknown",
            vec![row(&[("impressions", 0), ("clicks", 3)], A)],
            None,
            "ctr",
            None,
        ),
        (
            "cpc with zero clicks is unknown",
            vec![row(&[("clicks", 0)], A)],
            money("10"),
            "cpc",
            None,
        ),
        (
            "cpm with zero impressions is unknown",
            vec![row(&[("impressions", 0)], A)],
            money("10"),
            "cpm",
            None,
        ),
        // Orders (5) on row 1, sign-ups (4) on row 2: 9 conversions.
        (
            "conversions are orders else sign-ups",
            vec![
                row(&[("orders", 5), ("signups", 9), ("clicks", 50)], A),
                row(&[("signups", 4), ("clicks", 50)], R),
            ],
            money("90"),
            "conversions",
            Some(9.0),
        ),
        // 9 ÷ (50 + 50).
        (
            "conversion rate",
            vec![
                row(&[("orders", 5), ("signups", 9), ("clicks", 50)], A),
                row(&[("signups", 4), ("clicks", 50)], R),
            ],
            money("90"),
            "conversion_rate",
            Some(0.09),
        ),
        // 90 ÷ 9.
        (
            "cpa",
            vec![
                row(&[("orders", 5), ("signups", 9), ("clicks", 50)], A),
                row(&[("signups", 4), ("clicks", 50)], R),
            ],
            money("90"),
            "cpa",
            Some(10.0),
        ),
        (
            "all unknown stays unknown",
            vec![row(&[], None)],
            None,
            "reach",
            None,
        ),
        ("no rows: no engagements", vec![], None, "engagements", None),
        ("no rows: posts are 0", vec![], None, "posts", Some(0.0)),
        (
            "no cost: no cpe",
            vec![row(&[("likes", 3)], A)],
            None,
            "cpe",
            None,
        ),
    ]
}

#[test]
fn metric_table() {
    for (name, rows, fixed, key, expected) in cases() {
        let refs: Vec<&ResultRow> = rows.iter().collect();
        let m = compute(&refs, fixed);
        let metric = METRICS
            .iter()
            .find(|d| d.key == key)
            .map(|d| d.metric)
            .unwrap_or_else(|| panic!("no metric {key}"));
        assert_eq!(actual(&m, metric), expected, "{name}");
    }
}

#[test]
fn rates_carry_inputs_rows_and_sources() {
    let rows = [
        row(&[("reach", 1000), ("likes", 50)], A),
        row(&[("reach", 3000), ("likes", 70)], R),
        row(&[("impressions", 9000), ("likes", 1)], E),
    ];
    let refs: Vec<&ResultRow> = rows.iter().collect();
    let m = compute(&refs, None);
    let er = &m.engagement_rate;
    // (50 + 70) ÷ (1000 + 3000) over the two rows with reach.
    assert_eq!(er.value, Some(0.03));
    assert_eq!(er.numerator.as_deref(), Some("120"));
    assert_eq!(er.denominator.as_deref(), Some("4000"));
    assert_eq!(er.denominator_name, "reach");
    assert_eq!(er.rows, 2);
    assert_eq!(
        er.sources,
        SourceMix {
            actual: 1,
            reported: 1,
            estimated: 0,
            unstated: 0
        }
    );
    assert_eq!(m.likes.sources.words(), "1 actual, 1 reported, 1 estimated");
    assert_eq!(m.likes.value, Some(121));
    assert_eq!(m.reach.rows, 2);
    assert_eq!(SourceMix::default().words(), "no rows");
}

#[test]
fn cost_roas_and_money_are_exact() {
    let mut a = row(&[], A);
    a.revenue = money("250.50");
    a.boost_spend = money("20.10");
    let mut b = row(&[], R);
    b.revenue = money("49.50");
    b.boost_spend = money("29.90");
    let m = compute(&[&a, &b], money("100"));
    // 100 + 20.10 + 29.90 = 150; 250.50 + 49.50 = 300; 300 ÷ 150 = 2.
    assert_eq!(m.cost.map(Money::decimal_string).as_deref(), Some("150"));
    assert_eq!(
        m.revenue.value.map(Money::decimal_string).as_deref(),
        Some("300")
    );
    assert_eq!(m.roas.value, Some(2.0));
    assert_eq!(m.roas.rows, 2);
    // Boost alone is a cost; nothing at all is unknown, not 0.
    assert_eq!(compute(&[&a], None).cost, money("20.10"));
    assert_eq!(compute(&[&row(&[], A)], None).cost, None);
    // A zero cost gives no ROAS.
    assert_eq!(
        compute(&[&a], money("0")).roas.value,
        Some(250.50 / 20.10_f64).map(|x| (x * 1e6).round() / 1e6)
    );
    let free = {
        let mut r = row(&[], A);
        r.revenue = money("10");
        r
    };
    assert_eq!(compute(&[&free], money("0")).roas.value, None);
}

#[test]
fn post_engagement_rate_names_its_denominator() {
    let r = row(&[("impressions", 200), ("reach", 0), ("likes", 10)], A);
    assert_eq!(post_engagement_rate(&r), Some((0.05, "impressions")));
    assert_eq!(post_engagement_rate(&row(&[("reach", 10)], A)), None);
}

#[test]
fn medians() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
}

#[test]
fn groups_that_beat_the_median() {
    let mut rows = [
        row(&[("reach", 100), ("likes", 10)], A), // 0.10
        row(&[("reach", 100), ("likes", 2)], A),  // 0.02
        row(&[("reach", 100), ("likes", 4)], A),  // 0.04
        row(&[("likes", 4)], A),                  // unknown: left out
    ];
    rows[0].hook = Some("before-after".into());
    rows[1].hook = Some("unboxing".into());
    let refs: Vec<&ResultRow> = rows.iter().collect();
    let (campaign, groups) = beat_median(
        &refs,
        PostValue {
            value: &|r| post_engagement_rate(r).map(|(v, _)| v),
            lower_is_better: false,
        },
        |r| r.hook.clone(),
    );
    assert_eq!(campaign, Some(0.04));
    let got: Vec<(&str, usize, bool)> = groups
        .iter()
        .map(|g| (g.label.as_str(), g.posts, g.beat))
        .collect();
    assert_eq!(
        got,
        vec![
            ("before-after", 1, true),
            (NOT_STATED, 1, false),
            ("unboxing", 1, false)
        ]
    );
}

#[test]
fn verdicts_know_lower_is_better() {
    let rows = [row(
        &[("reach", 9000), ("impressions", 20000), ("likes", 450)],
        A,
    )];
    let refs: Vec<&ResultRow> = rows.iter().collect();
    // Cost 800: CPM = 800 ÷ 20000 × 1000 = 40; CPE = 800 ÷ 450.
    let m = compute(&refs, money("800"));
    let t = RawTargets {
        reach: Some(20000),
        cpm: money("50"),
        clicks: Some(10),
        engagement_rate: Some(0.05),
        ..RawTargets::default()
    };
    let v = verdicts(&m, &t);
    type Row<'a> = (&'a str, Option<bool>, Option<f64>, Option<f64>);
    let got: Vec<Row> = v
        .iter()
        .map(|x| (x.def.key, x.met, x.difference, x.relative))
        .collect();
    assert_eq!(
        got,
        vec![
            // 9000 − 20000 = −11000, −55 %.
            ("reach", Some(false), Some(-11000.0), Some(-0.55)),
            // 450 ÷ 9000 = 0.05 exactly: met at the target.
            ("engagement_rate", Some(true), Some(0.0), Some(0.0)),
            // Clicks unknown: neither met nor missed.
            ("clicks", None, None, None),
            // CPM 40 under a 50 ceiling: met, 10 under (−20 %).
            ("cpm", Some(true), Some(-10.0), Some(-0.2)),
        ]
    );
}

#[test]
fn zero_target_has_no_relative_difference() {
    let m = compute(&[], None);
    let t = RawTargets {
        posts: Some(0),
        ..RawTargets::default()
    };
    let v = verdicts(&m, &t);
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].met, v[0].relative), (Some(true), None));
}
