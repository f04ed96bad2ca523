//! The report's tables: per creator, top posts (ranked by the objective's metric), what beat the
//! campaign median (engagement rate, and the objective's efficiency on row cost), compliance.

use super::{ReportInputs, format_value, name_of};
use crate::compute::facts;
use crate::compute::metrics::{self, Kind, Metric, PostValue};
use crate::model::{Objective, ResultRow};
use crate::render::views::{count, percent};
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// How many posts the "top posts" list shows.
const TOP_POSTS: usize = 5;

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
    /// What the engagement rate is divided by (`reach`, `impressions`, `followers`).
    pub er_denominator: String,
    /// Clicks.
    pub clicks: String,
    /// Conversions.
    pub conversions: String,
    /// Revenue.
    pub revenue: String,
    /// Fee (only when shown).
    pub fee: Option<String>,
    /// Cost (only when fees are shown).
    pub cost: Option<String>,
    /// Cost per acquisition (only when fees are shown).
    pub cpa: Option<String>,
    /// ROAS (only when fees are shown).
    pub roas: Option<String>,
}

/// A post of the "top posts" list.
#[derive(Debug, Clone, Serialize)]
pub struct PostRow {
    /// Creator name.
    pub creator: String,
    /// Platform and format.
    pub what: String,
    /// Publication date.
    pub posted_on: String,
    /// Link to the post.
    pub url: Option<String>,
    /// The ranking metric's value and label, e.g. `97 conversions`.
    pub ranked: String,
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// Engagement rate.
    pub engagement_rate: String,
    /// Hook label.
    pub hook: Option<String>,
}

/// One dimension of the median comparison, on one measure.
#[derive(Debug, Clone, Serialize)]
pub struct MedianSection {
    /// What posts are compared on, e.g. `engagement rate` or `CPA`.
    pub measure: String,
    /// The campaign's median post, formatted.
    pub campaign_median: String,
    /// `Format`, `Hook` or `Platform`.
    pub dimension: &'static str,
    /// The table's heading, e.g. `CPA by format`.
    pub heading: String,
    /// Lower is better on this measure.
    pub lower_is_better: bool,
    /// Its groups, best first.
    pub groups: Vec<MedianRow>,
}

/// One group against the campaign median.
#[derive(Debug, Clone, Serialize)]
pub struct MedianRow {
    /// Group label.
    pub label: String,
    /// Posts with a known value.
    pub posts: usize,
    /// Median value.
    pub median: String,
    /// Better than the campaign median.
    pub beat: bool,
}

pub(in crate::render::views) fn post_what(r: &ResultRow) -> String {
    let platform = r.platform.map(|p| p.label().to_string());
    let format = r.format.map(|f| f.to_string());
    match (platform, format) {
        (Some(p), Some(f)) => format!("{p} {f}"),
        (Some(p), None) => p,
        (None, Some(f)) => f,
        (None, None) => "post".into(),
    }
}

/// One row per creator with posts; cost columns only where group costs may be shown.
pub fn creator_rows(inp: &ReportInputs<'_>) -> Vec<CreatorRow> {
    let c = inp.campaign;
    let cur = inp.currency();
    let fees = inp.cost().groups;
    inp.facts
        .creators
        .iter()
        .map(|(h, m)| {
            let shown = |v: String| fees.then_some(v);
            CreatorRow {
                name: name_of(inp.creators, Some(h)),
                posts: m.posts,
                reach: count(m.reach.value),
                engagements: count(m.engagements.value),
                engagement_rate: percent(m.engagement_rate.value),
                er_denominator: if m.engagement_rate.value.is_some() {
                    format!("÷ {}", m.engagement_rate.denominator_name)
                } else {
                    String::new()
                },
                clicks: count(m.clicks.value),
                conversions: count(m.conversions.value),
                revenue: m
                    .revenue
                    .value
                    .map(|x| x.display(cur))
                    .unwrap_or_else(|| "—".into()),
                fee: shown(
                    c.briefs
                        .get(h)
                        .and_then(|b| b.fee)
                        .map(|x| x.display(cur))
                        .unwrap_or_else(|| "—".into()),
                ),
                cost: shown(m.cost.map(|x| x.display(cur)).unwrap_or_else(|| "—".into())),
                cpa: shown(format_value(Kind::Money, m.cpa.value, cur)),
                roas: shown(format_value(Kind::Multiple, m.roas.value, cur)),
            }
        })
        .collect()
}

/// The count metric posts are ranked by: the objective's primary one.
fn ranking_metric(o: Option<Objective>) -> Metric {
    match o {
        Some(Objective::Awareness) => Metric::Reach,
        Some(Objective::Traffic) => Metric::Clicks,
        Some(Objective::Sales) => Metric::Conversions,
        Some(Objective::Engagement) | None => Metric::Engagements,
    }
}

/// What ranks the list, and the best posts by it.
pub fn top_posts(inp: &ReportInputs<'_>) -> (String, Vec<PostRow>) {
    let by = ranking_metric(inp.facts.objective);
    let value = |r: &ResultRow| metrics::row_count(r, by);
    let mut rows: Vec<&ResultRow> = inp
        .campaign
        .results
        .iter()
        .filter(|r| value(r).is_some())
        .collect();
    rows.sort_by(|a, b| {
        value(b)
            .cmp(&value(a))
            .then(b.reach.cmp(&a.reach))
            .then(a.line.cmp(&b.line))
    });
    let label = by.def().label.to_lowercase();
    let posts = rows
        .into_iter()
        .take(TOP_POSTS)
        .map(|r| PostRow {
            creator: name_of(inp.creators, r.creator.as_ref()),
            what: post_what(r),
            posted_on: r.posted_on.map(|d| d.human()).unwrap_or_else(|| "—".into()),
            url: r.url.clone(),
            ranked: format!("{} {label}", count(value(r))),
            reach: count(r.reach),
            engagements: count(metrics::engagements(r)),
            engagement_rate: percent(metrics::post_engagement_rate(r).map(|(v, _)| v)),
            hook: r.hook.clone(),
        })
        .collect();
    (label, posts)
}

type Key = fn(&ResultRow) -> Option<String>;

const DIMENSIONS: [(&str, Key); 3] = [
    ("Format", |r| r.format.map(|f| f.to_string())),
    ("Hook", |r| r.hook.clone()),
    ("Platform", |r| r.platform.map(|p| p.label().to_string())),
];

fn sections(
    inp: &ReportInputs<'_>,
    (measure, kind): (&str, Kind),
    by: PostValue<'_>,
) -> Vec<MedianSection> {
    let rows: Vec<&ResultRow> = inp.campaign.results.iter().collect();
    let cur = inp.currency();
    DIMENSIONS
        .iter()
        .map(|(dimension, key)| {
            let (med, groups) = metrics::beat_median(&rows, by, key);
            let mut heading = format!("{measure} by {}", dimension.to_lowercase());
            if let Some(first) = heading.get(..1).map(str::to_uppercase) {
                heading.replace_range(..1, &first);
            }
            MedianSection {
                heading,
                measure: measure.into(),
                campaign_median: format_value(kind, med, cur),
                dimension,
                lower_is_better: by.lower_is_better,
                groups: groups
                    .into_iter()
                    .map(|g| MedianRow {
                        label: g.label,
                        posts: g.posts,
                        median: format_value(kind, Some(g.median), cur),
                        beat: g.beat,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// "What beat the median" on engagement rate, then on the objective's efficiency metric per
/// post (row cost ÷ the post's impressions, engagements, clicks or conversions) where per-post
/// cost may be shown.
pub fn medians(inp: &ReportInputs<'_>) -> Vec<MedianSection> {
    let er = |r: &ResultRow| metrics::post_engagement_rate(r).map(|(v, _)| v);
    let mut out = sections(
        inp,
        ("engagement rate", Kind::Fraction),
        PostValue {
            value: &er,
            lower_is_better: false,
        },
    );
    let efficiency = inp
        .facts
        .objective
        .map(|o| metrics::objective_metrics(o).1)
        .and_then(|e| e.first().copied());
    if let Some(e) = efficiency.filter(|_| inp.cost().groups) {
        let costs = facts::row_costs(inp.campaign);
        let (den, scale) = match e {
            Metric::Cpm => (Metric::Impressions, 1000.0),
            Metric::Cpe => (Metric::Engagements, 1.0),
            Metric::Cpc => (Metric::Clicks, 1.0),
            _ => (Metric::Conversions, 1.0),
        };
        let per_post = |r: &ResultRow| {
            let cost = costs.get(&r.line)?.0.to_f64()?;
            let n = metrics::row_count(r, den).filter(|n| *n > 0)?;
            Some(cost * scale / n as f64)
        };
        out.extend(sections(
            inp,
            (e.def().short, Kind::Money),
            PostValue {
                value: &per_post,
                lower_is_better: true,
            },
        ));
    }
    out
}
