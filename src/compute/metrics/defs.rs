//! The one definition table of the metrics (SPEC §3, §6): every metric's key, label, kind,
//! direction and formula, how to read it from [`Metrics`] and from `[targets]`/`[forecast]`, and
//! the targets' verdicts. Views, `report.json` and the methodology read this table; nothing else
//! lists the metrics.

use super::{Metrics, Rate};
use crate::load::raw::RawTargets;
use crate::model::{Money, Objective, ResultRow};
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

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

/// Every metric a report shows or a target can be set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Metric {
    Reach,
    Impressions,
    Views,
    Engagements,
    EngagementRate,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    Ctr,
    Signups,
    Orders,
    Conversions,
    ConversionRate,
    Revenue,
    Roas,
    Cpm,
    Cpe,
    Cpc,
    Cpa,
    Posts,
}

/// What the table says about one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricDef {
    /// The metric.
    pub metric: Metric,
    /// Key, as in `[targets]` and `report.json`.
    pub key: &'static str,
    /// Label for people.
    pub label: &'static str,
    /// Short label for table headings and cards.
    pub short: &'static str,
    /// How the value reads.
    pub kind: Kind,
    /// Cost metrics: a target is met at or below it, and lower beats the median.
    pub lower_is_better: bool,
    /// The formula, for the methodology appendix.
    pub formula: &'static str,
}

const fn def(
    metric: Metric,
    (key, label, short): (&'static str, &'static str, &'static str),
    kind: Kind,
    formula: &'static str,
) -> MetricDef {
    MetricDef {
        metric,
        key,
        label,
        short,
        kind,
        lower_is_better: matches!(
            metric,
            Metric::Cpm | Metric::Cpe | Metric::Cpc | Metric::Cpa
        ),
        formula,
    }
}

use Kind::{Count, Fraction, Money as Cash, Multiple};
use Metric as M;

/// Every metric, in the order the report shows them.
pub const METRICS: [MetricDef; 22] = [
    def(M::Reach, ("reach", "Reach", "Reach"), Count, "Σ reach"),
    def(
        M::Impressions,
        ("impressions", "Impressions", "Impressions"),
        Count,
        "Σ impressions",
    ),
    def(M::Views, ("views", "Views", "Views"), Count, "Σ views"),
    def(
        M::Engagements,
        ("engagements", "Engagements", "Engagements"),
        Count,
        "Σ (likes + comments + shares + saves), the known ones of each row",
    ),
    def(
        M::EngagementRate,
        ("engagement_rate", "Engagement rate", "ER"),
        Fraction,
        "engagements ÷ reach (else ÷ impressions, else ÷ followers)",
    ),
    def(M::Likes, ("likes", "Likes", "Likes"), Count, "Σ likes"),
    def(
        M::Comments,
        ("comments", "Comments", "Comments"),
        Count,
        "Σ comments",
    ),
    def(M::Shares, ("shares", "Shares", "Shares"), Count, "Σ shares"),
    def(M::Saves, ("saves", "Saves", "Saves"), Count, "Σ saves"),
    def(M::Clicks, ("clicks", "Clicks", "Clicks"), Count, "Σ clicks"),
    def(
        M::Ctr,
        ("ctr", "Click-through rate", "CTR"),
        Fraction,
        "clicks ÷ impressions",
    ),
    def(
        M::Signups,
        ("signups", "Sign-ups", "Sign-ups"),
        Count,
        "Σ sign-ups",
    ),
    def(M::Orders, ("orders", "Orders", "Orders"), Count, "Σ orders"),
    def(
        M::Conversions,
        ("conversions", "Conversions", "Conversions"),
        Count,
        "Σ conversions; a row's conversions are its orders, else its sign-ups",
    ),
    def(
        M::ConversionRate,
        ("conversion_rate", "Conversion rate", "Conv. rate"),
        Fraction,
        "conversions ÷ clicks",
    ),
    def(
        M::Revenue,
        ("revenue", "Revenue", "Revenue"),
        Cash,
        "Σ revenue",
    ),
    def(
        M::Roas,
        ("roas", "ROAS", "ROAS"),
        Multiple,
        "revenue ÷ cost",
    ),
    def(
        M::Cpm,
        ("cpm", "CPM", "CPM"),
        Cash,
        "cost ÷ impressions × 1000",
    ),
    def(
        M::Cpe,
        ("cpe", "Cost per engagement", "CPE"),
        Cash,
        "cost ÷ engagements",
    ),
    def(
        M::Cpc,
        ("cpc", "Cost per click", "CPC"),
        Cash,
        "cost ÷ clicks",
    ),
    def(
        M::Cpa,
        ("cpa", "Cost per acquisition", "CPA"),
        Cash,
        "cost ÷ conversions (orders, else sign-ups)",
    ),
    def(
        M::Posts,
        ("posts", "Posts", "Posts"),
        Count,
        "rows of results.csv",
    ),
];

/// The cost metrics, every one shown on the report whether or not it has a target.
pub const COST_METRICS: [Metric; 5] = [M::Cpm, M::Cpe, M::Cpc, M::Cpa, M::Roas];

/// The rates and cost metrics that get benchmarks.
pub const RATE_METRICS: [Metric; 8] = [
    M::EngagementRate,
    M::Ctr,
    M::ConversionRate,
    M::Cpm,
    M::Cpe,
    M::Cpc,
    M::Cpa,
    M::Roas,
];

impl Metric {
    /// Its row of [`METRICS`].
    pub fn def(self) -> &'static MetricDef {
        // The table lists every variant in declaration order (checked by a test).
        &METRICS[self as usize]
    }

    /// Its key, as in `[targets]` and `report.json`.
    pub fn key(self) -> &'static str {
        self.def().key
    }

    /// Built from cost (hidden where fees are).
    pub fn uses_cost(self) -> bool {
        COST_METRICS.contains(&self)
    }

    /// The rate behind a ratio metric, with its inputs; `None` for sums.
    pub fn rate(self, m: &Metrics) -> Option<&Rate> {
        Some(match self {
            M::EngagementRate => &m.engagement_rate,
            M::Ctr => &m.ctr,
            M::ConversionRate => &m.conversion_rate,
            M::Cpm => &m.cpm,
            M::Cpe => &m.cpe,
            M::Cpc => &m.cpc,
            M::Cpa => &m.cpa,
            M::Roas => &m.roas,
            _ => return None,
        })
    }
}

/// What the verdict leads with for an objective (SPEC §6): primary metrics, then efficiency.
pub fn objective_metrics(o: Objective) -> (&'static [Metric], &'static [Metric]) {
    match o {
        Objective::Awareness => (&[M::Reach, M::Impressions], &[M::Cpm]),
        Objective::Engagement => (&[M::Engagements, M::EngagementRate], &[M::Cpe]),
        Objective::Traffic => (&[M::Clicks, M::Ctr], &[M::Cpc]),
        Objective::Sales => (&[M::Conversions, M::Revenue], &[M::Cpa, M::Roas]),
    }
}

fn money_f64(m: Option<Money>) -> Option<f64> {
    m.and_then(|x| x.0.to_f64())
}

fn count_f64(v: Option<u64>) -> Option<f64> {
    v.map(|x| x as f64)
}

/// The actual value of a metric, as a number (`None` when unknown).
pub fn actual(m: &Metrics, metric: Metric) -> Option<f64> {
    let sum = |s: &super::Sum| count_f64(s.value);
    match metric {
        M::Reach => sum(&m.reach),
        M::Impressions => sum(&m.impressions),
        M::Views => sum(&m.views),
        M::Engagements => sum(&m.engagements),
        M::Likes => sum(&m.likes),
        M::Comments => sum(&m.comments),
        M::Shares => sum(&m.shares),
        M::Saves => sum(&m.saves),
        M::Clicks => sum(&m.clicks),
        M::Signups => sum(&m.signups),
        M::Orders => sum(&m.orders),
        M::Conversions => sum(&m.conversions),
        M::Posts => Some(m.posts as f64),
        M::Revenue => money_f64(m.revenue.value),
        rate => rate.rate(m).and_then(|r| r.value),
    }
}

/// One row's value of a count metric (`None` for rates and money, or when unknown).
pub fn row_count(r: &ResultRow, metric: Metric) -> Option<u64> {
    match metric {
        M::Reach => r.reach,
        M::Impressions => r.impressions,
        M::Views => r.views,
        M::Engagements => super::engagements(r),
        M::Likes => r.likes,
        M::Comments => r.comments,
        M::Shares => r.shares,
        M::Saves => r.saves,
        M::Clicks => r.clicks,
        M::Signups => r.signups,
        M::Orders => r.orders,
        M::Conversions => super::conversions(r),
        _ => None,
    }
}

/// The value `[targets]` or `[forecast]` sets for a metric, as a number.
pub fn planned(t: &RawTargets, metric: Metric) -> Option<f64> {
    match metric {
        M::Reach => count_f64(t.reach),
        M::Impressions => count_f64(t.impressions),
        M::Views => count_f64(t.views),
        M::Engagements => count_f64(t.engagements),
        M::Likes => count_f64(t.likes),
        M::Comments => count_f64(t.comments),
        M::Shares => count_f64(t.shares),
        M::Saves => count_f64(t.saves),
        M::Clicks => count_f64(t.clicks),
        M::Signups => count_f64(t.signups),
        M::Orders => count_f64(t.orders),
        M::Conversions => count_f64(t.conversions),
        M::Posts => count_f64(t.posts),
        M::Revenue => money_f64(t.revenue),
        M::EngagementRate => t.engagement_rate,
        M::Ctr => t.ctr,
        M::ConversionRate => t.conversion_rate,
        M::Roas => t.roas,
        M::Cpm => money_f64(t.cpm),
        M::Cpe => money_f64(t.cpe),
        M::Cpc => money_f64(t.cpc),
        M::Cpa => money_f64(t.cpa),
    }
    .filter(|x| x.is_finite())
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
    /// Set when an earlier target measures the same quantity (SPEC §6): this one is shown but
    /// not counted in "N of M targets met".
    pub same_as: Option<Metric>,
}

/// Every target set in `t`, judged against `m`, in [`METRICS`] order. `conversions` is marked
/// the same as `signups` when every conversion is a sign-up (or `orders` when every one is an
/// order), so the two count once.
pub fn verdicts(m: &Metrics, t: &RawTargets) -> Vec<Verdict> {
    let alias = m.conversions_are;
    let mut out: Vec<Verdict> = METRICS
        .iter()
        .filter_map(|d| {
            let target = planned(t, d.metric)?;
            let actual = actual(m, d.metric).filter(|x| x.is_finite());
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
                same_as: None,
            })
        })
        .collect();
    if let Some(a) = alias
        && out.iter().any(|v| v.def.metric == a)
    {
        for v in out.iter_mut().filter(|v| v.def.metric == M::Conversions) {
            v.same_as = Some(a);
        }
    }
    out
}

/// The targets that count in "N of M targets met": one per quantity.
pub fn counted(verdicts: &[Verdict]) -> impl Iterator<Item = &Verdict> {
    verdicts.iter().filter(|v| v.same_as.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_metric_in_order() {
        for (i, d) in METRICS.iter().enumerate() {
            assert_eq!(d.metric as usize, i, "{}", d.key);
            assert_eq!(d.metric.def().key, d.key);
        }
    }
}
