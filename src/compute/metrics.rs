//! Campaign metrics (SPEC §3): sums of known values and rates as ratios of sums over the rows
//! where both inputs are known. A metric with no inputs is `None` — shown as "—", never 0.
//!
//! Everything here is a pure function of result rows and costs: the report page, `report.json`,
//! the team dashboard and the roster history all read the same numbers.

use crate::model::RawTargets;
use crate::model::{Campaign, Handle, Money, ResultRow, ResultSource};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of the rows behind a number came from each `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct SourceMix {
    /// Platform insights.
    pub actual: usize,
    /// Creator screenshots.
    pub reported: usize,
    /// Estimates.
    pub estimated: usize,
    /// Rows with an empty `source` cell.
    pub unstated: usize,
}

impl SourceMix {
    fn add(&mut self, s: Option<ResultSource>) {
        match s {
            Some(ResultSource::Actual) => self.actual += 1,
            Some(ResultSource::Reported) => self.reported += 1,
            Some(ResultSource::Estimated) => self.estimated += 1,
            None => self.unstated += 1,
        }
    }

    /// In words: `2 actual, 1 reported` (sources with no rows left out), or `no rows`.
    pub fn words(&self) -> String {
        let parts: Vec<String> = [
            (self.actual, "actual"),
            (self.reported, "reported"),
            (self.estimated, "estimated"),
            (self.unstated, "source not stated"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
        if parts.is_empty() {
            "no rows".into()
        } else {
            parts.join(", ")
        }
    }
}

/// A summed count and how many rows knew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Sum {
    /// The sum, `None` when no row knew the value.
    pub value: Option<u64>,
    /// Rows that knew the value.
    pub rows: usize,
    /// Where those rows' numbers came from.
    pub sources: SourceMix,
}

impl Sum {
    fn of(rows: &[&ResultRow], f: impl Fn(&ResultRow) -> Option<u64>) -> Sum {
        let mut s = Sum::default();
        for r in rows {
            if let Some(v) = f(r) {
                s.value = Some(s.value.unwrap_or(0).saturating_add(v));
                s.rows += 1;
                s.sources.add(r.source);
            }
        }
        s
    }
}

/// Summed money and how many rows knew it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct MoneySum {
    /// The sum, `None` when no row knew the value.
    pub value: Option<Money>,
    /// Rows that knew the value.
    pub rows: usize,
    /// Where those rows' numbers came from.
    pub sources: SourceMix,
}

impl MoneySum {
    fn of(rows: &[&ResultRow], f: impl Fn(&ResultRow) -> Option<Money>) -> MoneySum {
        let mut s = MoneySum::default();
        for r in rows {
            if let Some(v) = f(r) {
                s.value = Some(s.value.unwrap_or_default() + v);
                s.rows += 1;
                s.sources.add(r.source);
            }
        }
        s
    }
}

/// Engagements of a row: the known ones of likes, comments, shares, saves.
pub fn engagements(r: &ResultRow) -> Option<u64> {
    let parts = [r.likes, r.comments, r.shares, r.saves];
    parts.iter().any(Option::is_some).then(|| {
        parts
            .iter()
            .flatten()
            .fold(0u64, |a, b| a.saturating_add(*b))
    })
}

/// Conversions of a row: orders, else sign-ups.
pub fn conversions(r: &ResultRow) -> Option<u64> {
    r.orders.or(r.signups)
}

/// Reads one count of a row.
type Column = fn(&ResultRow) -> Option<u64>;

/// The engagement-rate denominators, in the order they are tried.
const ER_DENOMINATORS: [(&str, Column); 3] = [
    ("reach", |r| r.reach),
    ("impressions", |r| r.impressions),
    ("followers", |r| r.followers),
];

/// One post's engagement rate and the denominator it used (reach, else impressions, else
/// followers); `None` when engagements or every denominator is unknown or zero.
pub fn post_engagement_rate(r: &ResultRow) -> Option<(f64, &'static str)> {
    let e = engagements(r)?;
    ER_DENOMINATORS.iter().find_map(|(name, den)| {
        den(r)
            .filter(|d| *d > 0)
            .map(|d| (e as f64 / d as f64, *name))
    })
}

/// A ratio with its inputs, for the methodology appendix and `report.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    /// The value as a fraction (or money per unit for cost metrics), `None` when unknown.
    pub value: Option<f64>,
    /// Numerator used, as text (money stays exact).
    pub numerator: Option<String>,
    /// Denominator used.
    pub denominator: Option<String>,
    /// Name of the denominator (e.g. `reach`, `impressions`).
    pub denominator_name: String,
    /// Rows the ratio was computed over.
    pub rows: usize,
    /// Where those rows' numbers came from.
    pub sources: SourceMix,
}

impl Rate {
    fn unknown(den: &str) -> Rate {
        Rate {
            value: None,
            numerator: None,
            denominator: None,
            denominator_name: den.into(),
            rows: 0,
            sources: SourceMix::default(),
        }
    }
}

/// Σnum ÷ Σden over rows where both are known; unknown when no such row or Σden is 0.
fn ratio_rows(
    rows: &[&ResultRow],
    num: impl Fn(&ResultRow) -> Option<u64>,
    den: impl Fn(&ResultRow) -> Option<u64>,
    den_name: &str,
) -> Rate {
    let (mut n, mut d, mut count) = (0u64, 0u64, 0usize);
    let mut sources = SourceMix::default();
    for r in rows {
        if let (Some(a), Some(b)) = (num(r), den(r)) {
            n = n.saturating_add(a);
            d = d.saturating_add(b);
            count += 1;
            sources.add(r.source);
        }
    }
    if count == 0 || d == 0 {
        return Rate {
            rows: count,
            sources,
            ..Rate::unknown(den_name)
        };
    }
    Rate {
        value: Some(n as f64 / d as f64),
        numerator: Some(n.to_string()),
        denominator: Some(d.to_string()),
        denominator_name: den_name.into(),
        rows: count,
        sources,
    }
}

/// Money ÷ a summed count (× `scale`); unknown when either is unknown or the count is 0.
fn money_per(cost: Option<Money>, den: Sum, den_name: &str, scale: u64) -> Rate {
    match (cost, den.value) {
        (Some(c), Some(d)) if d > 0 => {
            let v = c.0 * Decimal::from(scale) / Decimal::from(d);
            Rate {
                value: v.round_dp(6).to_f64(),
                numerator: Some(c.decimal_string()),
                denominator: Some(d.to_string()),
                denominator_name: den_name.into(),
                rows: den.rows,
                sources: den.sources,
            }
        }
        _ => Rate {
            rows: den.rows,
            sources: den.sources,
            ..Rate::unknown(den_name)
        },
    }
}

/// Every total and rate of a set of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Posts (rows).
    pub posts: usize,
    /// Σ followers at posting.
    pub followers: Sum,
    /// Σ impressions.
    pub impressions: Sum,
    /// Σ reach.
    pub reach: Sum,
    /// Σ views.
    pub views: Sum,
    /// Σ likes.
    pub likes: Sum,
    /// Σ comments.
    pub comments: Sum,
    /// Σ shares.
    pub shares: Sum,
    /// Σ saves.
    pub saves: Sum,
    /// Σ clicks.
    pub clicks: Sum,
    /// Σ sign-ups.
    pub signups: Sum,
    /// Σ orders.
    pub orders: Sum,
    /// Σ engagements.
    pub engagements: Sum,
    /// Σ conversions.
    pub conversions: Sum,
    /// Σ revenue.
    pub revenue: MoneySum,
    /// Σ boost spend.
    pub boost_spend: MoneySum,
    /// Fees, product and shipping counted in `cost`.
    pub fixed_cost: Option<Money>,
    /// Cost: fees + product + shipping + boost.
    pub cost: Option<Money>,
    /// Engagements ÷ reach (or impressions, or followers).
    pub engagement_rate: Rate,
    /// Clicks ÷ impressions.
    pub ctr: Rate,
    /// Conversions ÷ clicks.
    pub conversion_rate: Rate,
    /// Cost ÷ impressions × 1000.
    pub cpm: Rate,
    /// Cost ÷ engagements.
    pub cpe: Rate,
    /// Cost ÷ clicks.
    pub cpc: Rate,
    /// Cost ÷ conversions.
    pub cpa: Rate,
    /// Revenue ÷ cost.
    pub roas: Rate,
}

/// Metrics of `rows`, with `fixed_cost` (fees, product, shipping) added to their boost spend.
pub fn compute(rows: &[&ResultRow], fixed_cost: Option<Money>) -> Metrics {
    let s = |f: fn(&ResultRow) -> Option<u64>| Sum::of(rows, f);
    let engagements_sum = s(engagements);
    let conversions_sum = s(conversions);
    let impressions = s(|r| r.impressions);
    let clicks = s(|r| r.clicks);
    let revenue = MoneySum::of(rows, |r| r.revenue);
    let boost_spend = MoneySum::of(rows, |r| r.boost_spend);
    let cost = match (fixed_cost, boost_spend.value) {
        (Some(f), b) => Some(f + b.unwrap_or_default()),
        (None, b) => b,
    };
    let er = ER_DENOMINATORS
        .iter()
        .map(|(name, den)| ratio_rows(rows, engagements, den, name))
        .find(|r| r.value.is_some())
        .unwrap_or_else(|| Rate::unknown("reach"));
    let roas = match (revenue.value, cost) {
        (Some(rev), Some(c)) if c.0 > Decimal::ZERO => Rate {
            value: (rev.0 / c.0).round_dp(6).to_f64(),
            numerator: Some(rev.decimal_string()),
            denominator: Some(c.decimal_string()),
            denominator_name: "cost".into(),
            rows: revenue.rows,
            sources: revenue.sources,
        },
        _ => Rate {
            rows: revenue.rows,
            sources: revenue.sources,
            ..Rate::unknown("cost")
        },
    };
    Metrics {
        posts: rows.len(),
        followers: s(|r| r.followers),
        impressions,
        reach: s(|r| r.reach),
        views: s(|r| r.views),
        likes: s(|r| r.likes),
        comments: s(|r| r.comments),
        shares: s(|r| r.shares),
        saves: s(|r| r.saves),
        clicks,
        signups: s(|r| r.signups),
        orders: s(|r| r.orders),
        engagements: engagements_sum,
        conversions: conversions_sum,
        revenue,
        boost_spend,
        fixed_cost,
        cost,
        engagement_rate: er,
        ctr: ratio_rows(rows, |r| r.clicks, |r| r.impressions, "impressions"),
        conversion_rate: ratio_rows(rows, conversions, |r| r.clicks, "clicks"),
        cpm: money_per(cost, impressions, "impressions", 1000),
        cpe: money_per(cost, engagements_sum, "engagements", 1),
        cpc: money_per(cost, clicks, "clicks", 1),
        cpa: money_per(cost, conversions_sum, "conversions", 1),
        roas,
    }
}

/// The fixed cost of one creator in a campaign: fee + product cost + shipping.
pub fn creator_fixed_cost(c: &Campaign, h: &Handle) -> Option<Money> {
    let b = c.briefs.get(h)?;
    Some(
        b.fee.unwrap_or_default()
            + c.budget.product_cost_per_creator
            + c.budget.shipping_per_creator,
    )
}

/// The fixed cost of a whole campaign: every brief's fee, product and shipping.
pub fn campaign_fixed_cost(c: &Campaign) -> Option<Money> {
    if c.briefs.is_empty() {
        return None;
    }
    Some(
        c.briefs
            .keys()
            .filter_map(|h| creator_fixed_cost(c, h))
            .sum(),
    )
}

/// The metrics of a whole campaign.
pub fn campaign_metrics(c: &Campaign) -> Metrics {
    let rows: Vec<&ResultRow> = c.results.iter().collect();
    compute(&rows, campaign_fixed_cost(c))
}

/// The metrics of one creator's posts in a campaign, with that creator's whole fixed cost.
pub fn creator_metrics(c: &Campaign, h: &Handle) -> Metrics {
    let rows: Vec<&ResultRow> = c
        .results
        .iter()
        .filter(|r| r.creator.as_ref() == Some(h))
        .collect();
    compute(&rows, creator_fixed_cost(c, h))
}

/// The fixed cost carried by a subset of a campaign's posts: each creator's fee, product and
/// shipping spread evenly over that creator's posts, rounded to cents. Creators without posts
/// carry none (their cost is only in the campaign total).
pub fn allocated_fixed_cost(c: &Campaign, rows: &[&ResultRow]) -> Option<Money> {
    fixed_share(c, rows, &posts_per_creator(&c.results))
}

fn posts_per_creator(rows: &[ResultRow]) -> BTreeMap<&Handle, u64> {
    let mut n: BTreeMap<&Handle, u64> = BTreeMap::new();
    for h in rows.iter().filter_map(|r| r.creator.as_ref()) {
        *n.entry(h).or_default() += 1;
    }
    n
}

/// [`allocated_fixed_cost`] with each creator's post count in the campaign already known.
fn fixed_share(
    c: &Campaign,
    rows: &[&ResultRow],
    all_posts: &BTreeMap<&Handle, u64>,
) -> Option<Money> {
    let mut in_group: BTreeMap<&Handle, u64> = BTreeMap::new();
    for r in rows {
        if let Some(h) = &r.creator {
            *in_group.entry(h).or_default() += 1;
        }
    }
    if in_group.is_empty() {
        return None;
    }
    let mut total = Decimal::ZERO;
    for (h, n) in in_group {
        let all = all_posts.get(h).copied().unwrap_or(0);
        if let Some(f) = creator_fixed_cost(c, h)
            && all > 0
        {
            total += f.0 * Decimal::from(n) / Decimal::from(all);
        }
    }
    Some(Money(total.round_dp(2)))
}

/// The label a breakdown files rows without a value under.
pub const NOT_STATED: &str = "(not stated)";

/// Metrics of a campaign's posts grouped by `key` (rows without one under [`NOT_STATED`]), each
/// group carrying its share of fixed cost ([`allocated_fixed_cost`]).
pub fn breakdown(
    c: &Campaign,
    key: impl Fn(&ResultRow) -> Option<String>,
) -> BTreeMap<String, Metrics> {
    let mut groups: BTreeMap<String, Vec<&ResultRow>> = BTreeMap::new();
    for r in &c.results {
        groups
            .entry(key(r).unwrap_or_else(|| NOT_STATED.to_string()))
            .or_default()
            .push(r);
    }
    let all_posts = posts_per_creator(&c.results);
    groups
        .into_iter()
        .map(|(k, rows)| {
            let m = compute(&rows, fixed_share(c, &rows, &all_posts));
            (k, m)
        })
        .collect()
}

/// The median of finite values (mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v.get(mid).copied()
    } else {
        Some((v.get(mid - 1)? + v.get(mid)?) / 2.0)
    }
}

/// One group of a "what beat the campaign median" comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedianGroup {
    /// The group's label (a format, hook or platform).
    pub label: String,
    /// Posts in the group with a known engagement rate.
    pub posts: usize,
    /// The median engagement rate of those posts.
    pub median: f64,
    /// Strictly above the campaign median.
    pub beat: bool,
}

/// Per-post engagement rates against the campaign median: the campaign median, then each
/// group's median, best first. Posts without a known engagement rate are left out.
pub fn beat_median(
    rows: &[&ResultRow],
    key: impl Fn(&ResultRow) -> Option<String>,
) -> (Option<f64>, Vec<MedianGroup>) {
    let mut all = Vec::new();
    let mut groups: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in rows {
        if let Some((er, _)) = post_engagement_rate(r) {
            all.push(er);
            groups
                .entry(key(r).unwrap_or_else(|| NOT_STATED.to_string()))
                .or_default()
                .push(er);
        }
    }
    let Some(campaign) = median(&all) else {
        return (None, Vec::new());
    };
    let mut out: Vec<MedianGroup> = groups
        .into_iter()
        .filter_map(|(label, v)| {
            median(&v).map(|m| MedianGroup {
                label,
                posts: v.len(),
                median: m,
                beat: m > campaign,
            })
        })
        .collect();
    out.sort_by(|a, b| b.median.total_cmp(&a.median).then(a.label.cmp(&b.label)));
    (Some(campaign), out)
}

/// How a metric's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A whole number.
    Count,
    /// An amount in the campaign's currency.
    Money,
    /// A fraction shown as a percentage.
    Fraction,
    /// A multiple, like ROAS `2.4×`.
    Multiple,
}

/// A metric a target can be set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricDef {
    /// Key, as in `[targets]` and `report.json`.
    pub key: &'static str,
    /// Label for people.
    pub label: &'static str,
    /// How the value reads.
    pub kind: Kind,
    /// Cost metrics: a target is met at or below it.
    pub lower_is_better: bool,
}

const fn def(key: &'static str, label: &'static str, kind: Kind) -> MetricDef {
    MetricDef {
        key,
        label,
        kind,
        lower_is_better: false,
    }
}

const fn cost_def(key: &'static str, label: &'static str) -> MetricDef {
    MetricDef {
        key,
        label,
        kind: Kind::Money,
        lower_is_better: true,
    }
}

/// Every metric of `[targets]` and `[forecast]`, in the order the report shows them.
pub const METRICS: [MetricDef; 22] = [
    def("reach", "Reach", Kind::Count),
    def("impressions", "Impressions", Kind::Count),
    def("views", "Views", Kind::Count),
    def("engagements", "Engagements", Kind::Count),
    def("engagement_rate", "Engagement rate", Kind::Fraction),
    def("likes", "Likes", Kind::Count),
    def("comments", "Comments", Kind::Count),
    def("shares", "Shares", Kind::Count),
    def("saves", "Saves", Kind::Count),
    def("clicks", "Clicks", Kind::Count),
    def("ctr", "Click-through rate", Kind::Fraction),
    def("signups", "Sign-ups", Kind::Count),
    def("orders", "Orders", Kind::Count),
    def("conversions", "Conversions", Kind::Count),
    def("conversion_rate", "Conversion rate", Kind::Fraction),
    def("revenue", "Revenue", Kind::Money),
    def("roas", "ROAS", Kind::Multiple),
    cost_def("cpm", "CPM"),
    cost_def("cpe", "Cost per engagement"),
    cost_def("cpc", "Cost per click"),
    cost_def("cpa", "Cost per acquisition"),
    def("posts", "Posts", Kind::Count),
];

fn money_f64(m: Option<Money>) -> Option<f64> {
    m.and_then(|x| x.0.to_f64())
}

fn count_f64(v: Option<u64>) -> Option<f64> {
    v.map(|x| x as f64)
}

/// The actual value of metric `key`, as a number (`None` when unknown or not a metric).
pub fn actual(m: &Metrics, key: &str) -> Option<f64> {
    match key {
        "reach" => count_f64(m.reach.value),
        "impressions" => count_f64(m.impressions.value),
        "views" => count_f64(m.views.value),
        "engagements" => count_f64(m.engagements.value),
        "likes" => count_f64(m.likes.value),
        "comments" => count_f64(m.comments.value),
        "shares" => count_f64(m.shares.value),
        "saves" => count_f64(m.saves.value),
        "clicks" => count_f64(m.clicks.value),
        "signups" => count_f64(m.signups.value),
        "orders" => count_f64(m.orders.value),
        "conversions" => count_f64(m.conversions.value),
        "posts" => Some(m.posts as f64),
        "revenue" => money_f64(m.revenue.value),
        "engagement_rate" => m.engagement_rate.value,
        "ctr" => m.ctr.value,
        "conversion_rate" => m.conversion_rate.value,
        "roas" => m.roas.value,
        "cpm" => m.cpm.value,
        "cpe" => m.cpe.value,
        "cpc" => m.cpc.value,
        "cpa" => m.cpa.value,
        _ => None,
    }
}

/// The value `[targets]` or `[forecast]` sets for metric `key`, as a number.
pub fn planned(t: &RawTargets, key: &str) -> Option<f64> {
    match key {
        "reach" => count_f64(t.reach),
        "impressions" => count_f64(t.impressions),
        "views" => count_f64(t.views),
        "engagements" => count_f64(t.engagements),
        "likes" => count_f64(t.likes),
        "comments" => count_f64(t.comments),
        "shares" => count_f64(t.shares),
        "saves" => count_f64(t.saves),
        "clicks" => count_f64(t.clicks),
        "signups" => count_f64(t.signups),
        "orders" => count_f64(t.orders),
        "conversions" => count_f64(t.conversions),
        "posts" => count_f64(t.posts),
        "revenue" => money_f64(t.revenue),
        "engagement_rate" => t.engagement_rate,
        "ctr" => t.ctr,
        "conversion_rate" => t.conversion_rate,
        "roas" => t.roas,
        "cpm" => money_f64(t.cpm),
        "cpe" => money_f64(t.cpe),
        "cpc" => money_f64(t.cpc),
        "cpa" => money_f64(t.cpa),
        _ => None,
    }
}

/// A target against its actual.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The metric.
    #[serde(skip)]
    pub def: MetricDef,
    /// The target.
    pub target: f64,
    /// The actual value, `None` when unknown.
    pub actual: Option<f64>,
    /// Met (at or above, or at or below for cost metrics); `None` when the actual is unknown.
    pub met: Option<bool>,
    /// actual − target.
    pub difference: Option<f64>,
    /// (actual − target) ÷ target, `None` when the target is 0.
    pub relative: Option<f64>,
}

/// Every target set in `t`, judged against `m`, in [`METRICS`] order.
pub fn verdicts(m: &Metrics, t: &RawTargets) -> Vec<Verdict> {
    METRICS
        .iter()
        .filter_map(|d| {
            let target = planned(t, d.key).filter(|x| x.is_finite())?;
            let actual = actual(m, d.key).filter(|x| x.is_finite());
            let difference = actual.map(|a| a - target);
            Some(Verdict {
                def: *d,
                target,
                actual,
                met: actual.map(|a| {
                    if d.lower_is_better {
                        a <= target
                    } else {
                        a >= target
                    }
                }),
                difference,
                relative: difference.filter(|_| target != 0.0).map(|x| x / target),
            })
        })
        .collect()
}

/// A decimal from a float metric, for exact display of money per unit (`None` for NaN/∞).
pub fn decimal_of(v: f64) -> Option<Decimal> {
    Decimal::from_f64(v).map(|d| d.round_dp(6).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(actual(&m, key), expected, "{name}");
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
        let (campaign, groups) = beat_median(&refs, |r| r.hook.clone());
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
}
