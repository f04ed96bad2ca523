//! The team dashboard's portfolio (SPEC §6): each campaign's spend and results, totals per year of
//! the campaigns' end dates and over all campaigns, ratios over several campaigns taken only over
//! the campaigns where both inputs are known (and saying how many those are), and each campaign's
//! efficiency (CPM, CPE, CPA) charted by its end date.

use super::count;
use super::report::format_value;
use crate::compute::metrics::{self, Kind, Metric, Metrics};
use crate::model::{Campaign, Date, Money, Portal};
use crate::render::charts::{self, Point};
use crate::render::escape::SafeHtml;
use crate::render::routes;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A campaign's (or a group of campaigns') row of the portfolio dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRow {
    /// Campaign title, a year, or "All campaigns".
    pub title: String,
    /// Overview href from the site root (none for totals).
    pub href: Option<String>,
    /// Spend (cost).
    pub spend: String,
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// Conversions.
    pub conversions: String,
    /// Revenue.
    pub revenue: String,
    /// Return on ad spend.
    pub roas: String,
    /// For totals: how many campaigns the ROAS covers, e.g. "over 1 of 3 campaigns".
    pub roas_covers: Option<String>,
}

/// An efficiency chart.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioChart {
    /// Heading above the chart.
    pub heading: String,
    /// The SVG markup (built from escaped text).
    pub svg: SafeHtml,
}

/// The portfolio dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// One row per campaign.
    pub rows: Vec<PortfolioRow>,
    /// Totals per year of the campaigns' end dates, oldest first.
    pub years: Vec<PortfolioRow>,
    /// Totals across campaigns (money only when every campaign uses one currency).
    pub totals: PortfolioRow,
    /// Why money totals are missing, when they are.
    pub note: Option<String>,
    /// CPM, CPE and CPA by campaign end date.
    pub charts: Vec<PortfolioChart>,
}

/// Sums over a group of campaigns.
#[derive(Default)]
struct Acc {
    campaigns: usize,
    reach: Option<u64>,
    engagements: Option<u64>,
    conversions: Option<u64>,
    spend: Option<Money>,
    revenue: Option<Money>,
    /// Revenue and cost of the campaigns that know both, and how many those are.
    roas_revenue: Money,
    roas_cost: Money,
    roas_campaigns: usize,
}

fn add(acc: &mut Option<u64>, v: Option<u64>) {
    if let Some(v) = v {
        *acc = Some(acc.unwrap_or(0).saturating_add(v));
    }
}

impl Acc {
    fn push(&mut self, m: &Metrics) {
        self.campaigns += 1;
        add(&mut self.reach, m.reach.value);
        add(&mut self.engagements, m.engagements.value);
        add(&mut self.conversions, m.conversions.value);
        if let Some(x) = m.cost {
            self.spend = Some(self.spend.unwrap_or_default() + x);
        }
        if let Some(x) = m.revenue.value {
            self.revenue = Some(self.revenue.unwrap_or_default() + x);
        }
        if let (Some(r), Some(k)) = (m.revenue.value, m.cost) {
            self.roas_revenue = self.roas_revenue + r;
            self.roas_cost = self.roas_cost + k;
            self.roas_campaigns += 1;
        }
    }

    /// The group's row; money only in `currency` (`None` when campaigns mix currencies).
    fn row(&self, title: String, currency: Option<&str>) -> PortfolioRow {
        let money = |v: Option<Money>| match (v, currency) {
            (Some(x), Some(c)) => x.display(c),
            _ => "—".into(),
        };
        let roas = (currency.is_some() && self.roas_cost.0 > Decimal::ZERO)
            .then(|| (self.roas_revenue.0 / self.roas_cost.0).to_f64())
            .flatten();
        let n = self.roas_campaigns;
        PortfolioRow {
            title,
            href: None,
            spend: money(self.spend),
            reach: count(self.reach),
            engagements: count(self.engagements),
            conversions: count(self.conversions),
            revenue: money(self.revenue),
            roas: format_value(Kind::Multiple, roas, ""),
            roas_covers: roas.map(|_| {
                format!(
                    "over {n} of {} campaign{}",
                    self.campaigns,
                    if self.campaigns == 1 { "" } else { "s" }
                )
            }),
        }
    }
}

/// Each campaign's `metric` at its end date; campaigns without one or without the value are
/// left out.
fn efficiency_points(rows: &[(&Campaign, Arc<Metrics>)], metric: Metric) -> Vec<Point> {
    let mut dated: Vec<(Date, &Campaign, f64)> = rows
        .iter()
        .filter_map(|(c, m)| Some((c.end?, *c, metrics::actual(m, metric)?)))
        .collect();
    dated.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.slug.cmp(&b.1.slug)));
    let Some(first) = dated.first().map(|d| d.0) else {
        return Vec::new();
    };
    dated
        .into_iter()
        .map(|(d, c, v)| Point {
            x: first.days_until(d) as f64,
            value: v,
            label: d.human(),
            text: format!(
                "{} ({})",
                format_value(Kind::Money, Some(v), &c.currency),
                c.title
            ),
        })
        .collect()
}

/// The portfolio across every campaign.
pub fn portfolio(p: &Portal) -> Portfolio {
    portfolio_of(p, |c| Arc::new(metrics::campaign_metrics(c)))
}

/// [`portfolio`], with each campaign's metrics from `metrics_of` (`serve` keeps them while the
/// campaign's key is unchanged).
pub fn portfolio_of(p: &Portal, metrics_of: impl Fn(&Campaign) -> Arc<Metrics>) -> Portfolio {
    let per: Vec<(&Campaign, Arc<Metrics>)> = p
        .campaigns
        .values()
        .map(|c| (&**c, metrics_of(c)))
        .collect();
    let mut all = Acc::default();
    let mut years: BTreeMap<i16, Acc> = BTreeMap::new();
    let mut currencies = BTreeSet::new();
    let mut rows = Vec::new();
    for (c, m) in &per {
        let cur = c.currency.as_str();
        if m.cost.is_some() || m.revenue.value.is_some() {
            currencies.insert(c.currency.clone());
        }
        all.push(m);
        if let Some(end) = c.end {
            years.entry(end.year()).or_default().push(m);
        }
        let mut row = Acc::default();
        row.push(m);
        let mut r = row.row(c.title.clone(), Some(cur));
        r.href = Some(routes::team_campaign_dir(c.slug.as_str()));
        r.roas_covers = None;
        rows.push(r);
    }
    let one = (currencies.len() <= 1).then(|| {
        currencies
            .iter()
            .next()
            .cloned()
            .unwrap_or_else(|| p.config.currency.clone())
    });
    let cur = one.as_deref();
    // A line needs two campaigns; one point is not a trend.
    let charts = if cur.is_some() {
        [Metric::Cpm, Metric::Cpe, Metric::Cpa]
            .into_iter()
            .filter_map(|k| {
                let points = efficiency_points(&per, k);
                let heading = format!("{} by campaign end date", k.def().label);
                (points.len() >= 2).then(|| PortfolioChart {
                    svg: charts::line_chart(&format!("portfolio-{}", k.key()), &heading, &points),
                    heading,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Portfolio {
        rows,
        years: years
            .iter()
            .map(|(y, a)| a.row(format!("Campaigns ending in {y}"), cur))
            .collect(),
        totals: all.row("All campaigns".into(), cur),
        note: one.is_none().then(|| {
            format!(
                "Money is not totalled: campaigns use {}.",
                currencies.into_iter().collect::<Vec<_>>().join(", ")
            )
        }),
        charts,
    }
}
