//! Campaign metrics (SPEC §3): sums of known values and rates as ratios of sums over the rows
//! where both inputs are known. A metric with no inputs is `None` — shown as "—", never 0.

use crate::model::{Campaign, Handle, Money, ResultRow};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// A summed count and how many rows knew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Sum {
    /// The sum, `None` when no row knew the value.
    pub value: Option<u64>,
    /// Rows that knew the value.
    pub rows: usize,
}

impl Sum {
    fn of(rows: &[&ResultRow], f: impl Fn(&ResultRow) -> Option<u64>) -> Sum {
        let mut s = Sum::default();
        for r in rows {
            if let Some(v) = f(r) {
                s.value = Some(s.value.unwrap_or(0).saturating_add(v));
                s.rows += 1;
            }
        }
        s
    }
}

/// Engagements of a row: the known ones of likes, comments, shares, saves.
pub fn engagements(r: &ResultRow) -> Option<u64> {
    let parts = [r.likes, r.comments, r.shares, r.saves];
    parts
        .iter()
        .any(Option::is_some)
        .then(|| parts.iter().flatten().sum())
}

/// Conversions of a row: orders, else sign-ups.
pub fn conversions(r: &ResultRow) -> Option<u64> {
    r.orders.or(r.signups)
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
}

impl Rate {
    fn unknown(den: &str) -> Rate {
        Rate {
            value: None,
            numerator: None,
            denominator: None,
            denominator_name: den.into(),
            rows: 0,
        }
    }
}

/// Σnum ÷ Σden over rows where both are known.
fn ratio_rows(
    rows: &[&ResultRow],
    num: impl Fn(&ResultRow) -> Option<u64>,
    den: impl Fn(&ResultRow) -> Option<u64>,
    den_name: &str,
) -> Rate {
    let (mut n, mut d, mut count) = (0u64, 0u64, 0usize);
    for r in rows {
        if let (Some(a), Some(b)) = (num(r), den(r)) {
            n = n.saturating_add(a);
            d = d.saturating_add(b);
            count += 1;
        }
    }
    if count == 0 || d == 0 {
        return Rate {
            rows: count,
            ..Rate::unknown(den_name)
        };
    }
    Rate {
        value: Some(n as f64 / d as f64),
        numerator: Some(n.to_string()),
        denominator: Some(d.to_string()),
        denominator_name: den_name.into(),
        rows: count,
    }
}

/// Money ÷ a summed count (× `scale`).
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
            }
        }
        _ => Rate {
            rows: den.rows,
            ..Rate::unknown(den_name)
        },
    }
}

/// Every total and rate of a set of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Posts (rows).
    pub posts: usize,
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
    /// Σ revenue, and rows that knew it.
    pub revenue: (Option<Money>, usize),
    /// Σ boost spend.
    pub boost_spend: Money,
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
    let mut revenue: (Option<Money>, usize) = (None, 0);
    for r in rows {
        if let Some(v) = r.revenue {
            revenue = (Some(revenue.0.unwrap_or_default() + v), revenue.1 + 1);
        }
    }
    let boost_spend: Money = rows.iter().filter_map(|r| r.boost_spend).sum();
    let cost = match fixed_cost {
        Some(f) => Some(f + boost_spend),
        None if boost_spend > Money::ZERO => Some(boost_spend),
        None => None,
    };
    let er = [
        (
            "reach",
            (|r: &ResultRow| r.reach) as fn(&ResultRow) -> Option<u64>,
        ),
        ("impressions", |r: &ResultRow| r.impressions),
        ("followers", |r: &ResultRow| r.followers),
    ]
    .into_iter()
    .map(|(name, den)| ratio_rows(rows, engagements, den, name))
    .find(|r| r.value.is_some())
    .unwrap_or_else(|| Rate::unknown("reach"));
    let roas = match (revenue.0, cost) {
        (Some(rev), Some(c)) if c.0 > Decimal::ZERO => Rate {
            value: (rev.0 / c.0).round_dp(6).to_f64(),
            numerator: Some(rev.decimal_string()),
            denominator: Some(c.decimal_string()),
            denominator_name: "cost".into(),
            rows: revenue.1,
        },
        _ => Rate {
            rows: revenue.1,
            ..Rate::unknown("cost")
        },
    };
    Metrics {
        posts: rows.len(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        reach: Option<u64>,
        impressions: Option<u64>,
        likes: Option<u64>,
        clicks: Option<u64>,
    ) -> ResultRow {
        ResultRow {
            reach,
            impressions,
            likes,
            clicks,
            ..ResultRow::default()
        }
    }

    #[test]
    fn ratio_of_sums_over_rows_with_both_inputs() {
        let a = row(Some(1000), Some(2000), Some(50), Some(20));
        let b = row(None, Some(1000), Some(30), None);
        let rows = vec![&a, &b];
        let m = compute(&rows, Money::parse("300"));
        assert_eq!(m.engagements.value, Some(80));
        // ER uses reach: only row a has both → 50 / 1000.
        assert_eq!(m.engagement_rate.value, Some(0.05));
        assert_eq!(m.engagement_rate.rows, 1);
        assert_eq!(m.engagement_rate.denominator_name, "reach");
        // CTR: only row a has clicks and impressions → 20 / 2000.
        assert_eq!(m.ctr.value, Some(0.01));
        // CPM: 300 / 3000 × 1000 = 100.
        assert_eq!(m.cpm.value, Some(100.0));
        // CPE: 300 / 80.
        assert_eq!(m.cpe.value, Some(3.75));
    }

    #[test]
    fn unknowns_stay_unknown() {
        let a = row(None, None, None, None);
        let m = compute(&[&a], None);
        assert_eq!(m.engagements.value, None);
        assert_eq!(m.engagement_rate.value, None);
        assert_eq!(m.cpm.value, None);
        assert_eq!(m.roas.value, None);
        assert_eq!(m.cost, None);
    }

    #[test]
    fn zero_denominator_is_unknown_not_nan() {
        let a = row(Some(0), Some(0), Some(5), Some(0));
        let m = compute(&[&a], Money::parse("10"));
        assert_eq!(m.engagement_rate.value, None);
        assert_eq!(m.ctr.value, None);
        assert_eq!(m.cpc.value, None);
    }
}
