//! Campaign metrics (SPEC §3): sums of known values and rates as ratios of sums over the rows
//! where both inputs are known. A metric with no inputs is `None` — shown as "—", never 0.
//!
//! Everything here is a pure function of result rows and costs: the report page, `report.json`,
//! the team dashboard and the roster history all read the same numbers. The metrics themselves
//! are listed once, in [`defs`].

pub mod defs;
pub mod median;
#[cfg(test)]
mod tests;

pub use defs::{
    COST_METRICS, Kind, METRICS, Metric, MetricDef, RATE_METRICS, Verdict, actual, counted,
    objective_metrics, planned, row_count, verdicts,
};
pub use median::{MedianGroup, PostValue, beat_median, median};

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
    /// When every row's conversions are its sign-ups (or every one its orders), that column:
    /// a `conversions` target then measures the same quantity as that one.
    pub conversions_are: Option<Metric>,
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
        conversions_are: conversions_source(rows),
    }
}

/// [`Metrics::conversions_are`]: the one column every row with conversions took them from.
fn conversions_source(rows: &[&ResultRow]) -> Option<Metric> {
    let mut from = rows.iter().filter_map(|r| match (r.orders, r.signups) {
        (Some(_), _) => Some(Metric::Orders),
        (None, Some(_)) => Some(Metric::Signups),
        (None, None) => None,
    });
    let first = from.next()?;
    from.all(|m| m == first).then_some(first)
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

/// Every creator's metrics in `c` ([`creator_metrics`] of each creator with posts), grouping
/// the rows once.
pub fn creators_metrics(c: &Campaign) -> BTreeMap<Handle, Metrics> {
    let mut rows: BTreeMap<&Handle, Vec<&ResultRow>> = BTreeMap::new();
    for r in &c.results {
        if let Some(h) = &r.creator {
            rows.entry(h).or_default().push(r);
        }
    }
    rows.into_iter()
        .map(|(h, rows)| (h.clone(), compute(&rows, creator_fixed_cost(c, h))))
        .collect()
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

/// A decimal from a float metric, for exact display of money per unit (`None` for NaN/∞).
pub fn decimal_of(v: f64) -> Option<Decimal> {
    Decimal::from_f64(v).map(|d| d.round_dp(6).normalize())
}
