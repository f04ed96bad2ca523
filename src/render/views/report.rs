//! The campaign report's view: verdict first, KPIs, per-creator table, narrative, methodology.

use super::{count, percent};
use crate::compute::metrics::{self, Metrics, Rate};
use crate::model::{Campaign, Creator, Handle, Money, ResultRow};
use crate::render::markdown;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything the report template shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// Title.
    pub title: String,
    /// Campaign title.
    pub campaign: String,
    /// Dates, in words.
    pub dates: Option<String>,
    /// Objective.
    pub objective: Option<String>,
    /// Number of posts.
    pub posts: usize,
    /// Headline: targets met out of set.
    pub verdict: String,
    /// KPI cards.
    pub kpis: Vec<Kpi>,
    /// Budget vs spend.
    pub budget: Option<String>,
    /// Spend (cost).
    pub spend: String,
    /// Per-creator rows.
    pub creators: Vec<CreatorRow>,
    /// Whether fees are shown.
    pub show_fees: bool,
    /// The narrative, as HTML.
    pub narrative_html: String,
    /// Methodology lines.
    pub methodology: Vec<Method>,
}

/// A KPI card.
#[derive(Debug, Clone, Serialize)]
pub struct Kpi {
    /// Metric key.
    pub key: String,
    /// Label.
    pub label: String,
    /// Actual, formatted.
    pub actual: String,
    /// Target, formatted.
    pub target: Option<String>,
    /// Forecast, formatted.
    pub forecast: Option<String>,
    /// `met`, `missed` or `none`.
    pub verdict: &'static str,
}

/// A row of the per-creator table.
#[derive(Debug, Clone, Serialize)]
pub struct CreatorRow {
    /// Creator name.
    pub name: String,
    /// Posts.
    pub posts: usize,
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// Engagement rate.
    pub engagement_rate: String,
    /// Clicks.
    pub clicks: String,
    /// Conversions.
    pub conversions: String,
    /// Fee (only when shown).
    pub fee: Option<String>,
}

/// A line of the methodology appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    /// Metric.
    pub metric: String,
    /// Formula.
    pub formula: String,
    /// Value with its inputs.
    pub detail: String,
}

fn rate_detail(r: &Rate) -> String {
    match (&r.numerator, &r.denominator) {
        (Some(n), Some(d)) => format!(
            "{n} ÷ {d} ({}) over {} row{}",
            r.denominator_name,
            r.rows,
            if r.rows == 1 { "" } else { "s" }
        ),
        _ => "— (inputs unknown)".into(),
    }
}

/// Builds the report view; `show_fees` already reflects the audience.
pub fn report_view(
    c: &Campaign,
    creators: &BTreeMap<Handle, Creator>,
    show_fees: bool,
) -> ReportView {
    let m = metrics::campaign_metrics(c);
    let money = |v: Option<Money>| {
        v.map(|x| x.display(&c.currency))
            .unwrap_or_else(|| "—".into())
    };
    let mut kpis = Vec::new();
    let t = &c.targets;
    let f = &c.forecast;
    let mut push_count = |key: &str,
                          label: &str,
                          actual: Option<u64>,
                          target: Option<u64>,
                          forecast: Option<u64>| {
        if actual.is_none() && target.is_none() {
            return;
        }
        let verdict = match (actual, target) {
            (Some(a), Some(t)) if a >= t => "met",
            (_, Some(_)) => "missed",
            _ => "none",
        };
        kpis.push(Kpi {
            key: key.into(),
            label: label.into(),
            actual: count(actual),
            target: target.map(|x| count(Some(x))),
            forecast: forecast.map(|x| count(Some(x))),
            verdict,
        });
    };
    push_count("reach", "Reach", m.reach.value, t.reach, f.reach);
    push_count(
        "impressions",
        "Impressions",
        m.impressions.value,
        t.impressions,
        f.impressions,
    );
    push_count(
        "engagements",
        "Engagements",
        m.engagements.value,
        t.engagements,
        f.engagements,
    );
    push_count("clicks", "Clicks", m.clicks.value, t.clicks, f.clicks);
    push_count(
        "conversions",
        "Conversions",
        m.conversions.value,
        t.conversions,
        f.conversions,
    );
    let er_verdict = match (m.engagement_rate.value, t.engagement_rate) {
        (Some(a), Some(t)) if a >= t => "met",
        (_, Some(_)) => "missed",
        _ => "none",
    };
    kpis.push(Kpi {
        key: "engagement_rate".into(),
        label: format!("Engagement rate (÷ {})", m.engagement_rate.denominator_name),
        actual: percent(m.engagement_rate.value),
        target: t.engagement_rate.map(|x| percent(Some(x))),
        forecast: f.engagement_rate.map(|x| percent(Some(x))),
        verdict: er_verdict,
    });
    if m.revenue.value.is_some() || t.revenue.is_some() {
        let verdict = match (m.revenue.value, t.revenue) {
            (Some(a), Some(t)) if a >= t => "met",
            (_, Some(_)) => "missed",
            _ => "none",
        };
        kpis.push(Kpi {
            key: "revenue".into(),
            label: "Revenue".into(),
            actual: money(m.revenue.value),
            target: t.revenue.map(|x| x.display(&c.currency)),
            forecast: f.revenue.map(|x| x.display(&c.currency)),
            verdict,
        });
    }
    let set: Vec<&Kpi> = kpis.iter().filter(|k| k.verdict != "none").collect();
    let met = set.iter().filter(|k| k.verdict == "met").count();
    let verdict = if set.is_empty() {
        "No targets were set for this campaign.".to_string()
    } else if met == set.len() {
        format!("All {} targets met.", set.len())
    } else {
        format!("{met} of {} targets met.", set.len())
    };
    let mut by_creator: BTreeMap<&Handle, Vec<&ResultRow>> = BTreeMap::new();
    for r in &c.results {
        if let Some(h) = &r.creator {
            by_creator.entry(h).or_default().push(r);
        }
    }
    let creator_rows = by_creator
        .into_iter()
        .map(|(h, rows)| {
            let cm: Metrics = metrics::compute(&rows, metrics::creator_fixed_cost(c, h));
            CreatorRow {
                name: creators
                    .get(h)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| h.to_string()),
                posts: rows.len(),
                reach: count(cm.reach.value),
                engagements: count(cm.engagements.value),
                engagement_rate: percent(cm.engagement_rate.value),
                clicks: count(cm.clicks.value),
                conversions: count(cm.conversions.value),
                fee: if show_fees {
                    c.briefs
                        .get(h)
                        .and_then(|b| b.fee)
                        .map(|x| x.display(&c.currency))
                } else {
                    None
                },
            }
        })
        .collect();
    let report = c.report.as_ref();
    ReportView {
        title: report
            .and_then(|r| r.title.clone())
            .unwrap_or_else(|| format!("{} — results", c.title)),
        campaign: c.title.clone(),
        dates: match (c.start, c.end) {
            (Some(a), Some(z)) => Some(format!("{} – {}", a.human(), z.human())),
            _ => None,
        },
        objective: c.objective.map(|o| o.as_str().to_string()),
        posts: m.posts,
        verdict,
        kpis,
        budget: c.budget.total.map(|b| b.display(&c.currency)),
        spend: money(m.cost),
        creators: creator_rows,
        show_fees,
        narrative_html: report
            .map(|r| markdown::render(&r.narrative.text, 1))
            .unwrap_or_default(),
        methodology: vec![
            Method {
                metric: "Engagement rate".into(),
                formula: "engagements ÷ reach (else ÷ impressions, else ÷ followers)".into(),
                detail: rate_detail(&m.engagement_rate),
            },
            Method {
                metric: "CTR".into(),
                formula: "clicks ÷ impressions".into(),
                detail: rate_detail(&m.ctr),
            },
            Method {
                metric: "CPM".into(),
                formula: "cost ÷ impressions × 1000".into(),
                detail: rate_detail(&m.cpm),
            },
            Method {
                metric: "CPE".into(),
                formula: "cost ÷ engagements".into(),
                detail: rate_detail(&m.cpe),
            },
            Method {
                metric: "CPC".into(),
                formula: "cost ÷ clicks".into(),
                detail: rate_detail(&m.cpc),
            },
            Method {
                metric: "CPA".into(),
                formula: "cost ÷ conversions (orders, else sign-ups)".into(),
                detail: rate_detail(&m.cpa),
            },
            Method {
                metric: "Conversion rate".into(),
                formula: "conversions ÷ clicks".into(),
                detail: rate_detail(&m.conversion_rate),
            },
            Method {
                metric: "ROAS".into(),
                formula: "revenue ÷ cost".into(),
                detail: rate_detail(&m.roas),
            },
        ],
    }
}
