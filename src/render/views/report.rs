//! The campaign report's view, in the SPEC's order: verdict, KPI cards, budget vs spend, charts,
//! per-creator table, top posts, what beat the median, compliance, narrative, methodology.

use super::compliance::{ComplianceRow, DisclosureMethod, compliance, disclosure_method};
use super::{count, percent};
use crate::compute::metrics::{self, Kind, Metrics, Rate, SourceMix, Sum, Verdict};

use crate::model::{Campaign, Config, Creator, Date, Handle, Money, ResultRow};
use crate::render::charts::{self, Bar, Point};
use crate::render::markdown;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many posts the "top posts" list shows.
const TOP_POSTS: usize = 5;

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
    /// Each target, met or missed and by how much.
    pub targets: Vec<TargetRow>,
    /// KPI cards.
    pub kpis: Vec<Kpi>,
    /// Budget, when set.
    pub budget: Option<String>,
    /// Spend (cost).
    pub spend: String,
    /// Budget left or overrun, in words.
    pub budget_note: Option<String>,
    /// Share of the budget spent, 0–100, for the meter.
    pub budget_used: Option<u32>,
    /// What the spend is made of.
    pub spend_parts: Vec<super::Fact>,
    /// Inline SVG charts.
    pub charts: Vec<Chart>,
    /// Per-creator rows.
    pub creators: Vec<CreatorRow>,
    /// The best posts by engagements.
    pub top_posts: Vec<PostRow>,
    /// "What beat the campaign median", by format, hook and platform.
    pub medians: Vec<MedianSection>,
    /// The campaign median engagement rate per post.
    pub median_er: String,
    /// Each post's disclosure, hashtag and rights status.
    pub compliance: Vec<ComplianceRow>,
    /// Whether fees (and per-creator cost metrics) are shown.
    pub show_fees: bool,
    /// The narrative, as HTML.
    pub narrative_html: String,
    /// Methodology lines.
    pub methodology: Vec<Method>,
    /// The disclosure rules behind the compliance section.
    pub disclosure_rules: DisclosureMethod,
}

/// A target with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    /// Metric label.
    pub label: String,
    /// Actual, formatted.
    pub actual: String,
    /// Target, formatted.
    pub target: String,
    /// `met`, `missed` or `unknown`.
    pub verdict: &'static str,
    /// By how much, in words.
    pub by: String,
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
    /// `met`, `missed`, `unknown` or `none` (no target).
    pub verdict: &'static str,
}

/// An inline chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Heading above the chart.
    pub heading: String,
    /// The SVG markup (built from escaped text).
    pub svg: String,
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
    /// Cost (only when fees are shown).
    pub cost: Option<String>,
    /// Cost per engagement (only when fees are shown).
    pub cpe: Option<String>,
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
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// Engagement rate.
    pub engagement_rate: String,
    /// Hook label.
    pub hook: Option<String>,
}

/// One dimension of the median comparison.
#[derive(Debug, Clone, Serialize)]
pub struct MedianSection {
    /// `Format`, `Hook` or `Platform`.
    pub dimension: &'static str,
    /// Its groups, best first.
    pub groups: Vec<MedianRow>,
}

/// One group against the campaign median.
#[derive(Debug, Clone, Serialize)]
pub struct MedianRow {
    /// Group label.
    pub label: String,
    /// Posts with a known engagement rate.
    pub posts: usize,
    /// Median engagement rate.
    pub median: String,
    /// Above the campaign median.
    pub beat: bool,
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
    /// The source mix of the rows behind it.
    pub sources: String,
}

/// What the report view is built from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInputs<'a> {
    /// Portal settings (disclosure cut-off, brand).
    pub config: &'a Config,
    /// The campaign.
    pub campaign: &'a Campaign,
    /// The roster, for names.
    pub creators: &'a BTreeMap<Handle, Creator>,
    /// Show fees and per-creator cost metrics (already reflects the audience).
    pub show_fees: bool,
    /// Today, for rights status.
    pub today: Date,
}

/// Formats a metric value of `kind`; `None` is "—".
pub fn format_value(kind: Kind, v: Option<f64>, currency: &str) -> String {
    let Some(x) = v.filter(|x| x.is_finite()) else {
        return "—".into();
    };
    match kind {
        Kind::Count => count(Some(x.round().max(0.0) as u64)),
        Kind::Money => metrics::decimal_of(x)
            .map(|d| Money(d).display(currency))
            .unwrap_or_else(|| "—".into()),
        Kind::Fraction => percent(Some(x)),
        Kind::Multiple => format!("{x:.2}×"),
    }
}

/// "met — 1,200 above target (+6.0%)".
fn by_how_much(v: &Verdict, currency: &str) -> String {
    let (Some(met), Some(diff)) = (v.met, v.difference) else {
        return "cannot tell: no results measure it".into();
    };
    let word = if met { "met" } else { "missed" };
    if diff == 0.0 {
        return format!("{word} — exactly on target");
    }
    let amount = match v.def.kind {
        Kind::Fraction => format!("{:.1} pts", diff.abs() * 100.0),
        Kind::Multiple => format!("{:.2}×", diff.abs()),
        k => format_value(k, Some(diff.abs()), currency),
    };
    let side = if diff > 0.0 { "above" } else { "below" };
    let rel = v
        .relative
        .map(|r| {
            format!(
                " ({}{:.1}%)",
                if r > 0.0 { "+" } else { "−" },
                r.abs() * 100.0
            )
        })
        .unwrap_or_default();
    format!("{word} — {amount} {side} target{rel}")
}

fn verdict_word(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "missed",
        None => "unknown",
    }
}

fn headline(verdicts: &[Verdict]) -> String {
    if verdicts.is_empty() {
        return "No targets were set for this campaign.".into();
    }
    let met = verdicts.iter().filter(|v| v.met == Some(true)).count();
    let unknown = verdicts.iter().filter(|v| v.met.is_none()).count();
    let n = verdicts.len();
    let mut s = if met == n {
        format!("All {n} targets met.")
    } else {
        format!("{met} of {n} targets met.")
    };
    if unknown > 0 {
        s.push_str(&format!(
            " {unknown} could not be measured from the results."
        ));
    }
    s
}

/// Metrics always shown as KPI cards; the others only when a target or forecast names them.
const CORE_KPIS: [&str; 8] = [
    "reach",
    "impressions",
    "engagements",
    "engagement_rate",
    "clicks",
    "conversions",
    "revenue",
    "roas",
];

fn kpis(c: &Campaign, m: &Metrics, verdicts: &[Verdict]) -> Vec<Kpi> {
    let cur = c.currency.as_str();
    metrics::METRICS
        .iter()
        .filter_map(|d| {
            let actual = metrics::actual(m, d.key);
            let target = metrics::planned(&c.targets, d.key);
            let forecast = metrics::planned(&c.forecast, d.key);
            let core = CORE_KPIS.contains(&d.key) && actual.is_some();
            if !core && target.is_none() && forecast.is_none() {
                return None;
            }
            let label = if d.key == "engagement_rate" {
                format!("Engagement rate (÷ {})", m.engagement_rate.denominator_name)
            } else {
                d.label.to_string()
            };
            Some(Kpi {
                key: d.key.into(),
                label,
                actual: format_value(d.kind, actual, cur),
                target: target.map(|t| format_value(d.kind, Some(t), cur)),
                forecast: forecast.map(|f| format_value(d.kind, Some(f), cur)),
                verdict: verdicts
                    .iter()
                    .find(|v| v.def.key == d.key)
                    .map(|v| verdict_word(v.met))
                    .unwrap_or("none"),
            })
        })
        .collect()
}

pub(super) fn name_of(creators: &BTreeMap<Handle, Creator>, h: Option<&Handle>) -> String {
    match h {
        Some(h) => creators
            .get(h)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| h.to_string()),
        None => metrics::NOT_STATED.into(),
    }
}

pub(super) fn post_what(r: &ResultRow) -> String {
    let platform = r.platform.map(|p| p.label().to_string());
    let format = r.format.map(|f| f.to_string());
    match (platform, format) {
        (Some(p), Some(f)) => format!("{p} {f}"),
        (Some(p), None) => p,
        (None, Some(f)) => f,
        (None, None) => "post".into(),
    }
}

fn post_er(r: &ResultRow) -> String {
    percent(metrics::post_engagement_rate(r).map(|(v, _)| v))
}

/// Bars of reach per group, labelled with reach and engagements.
fn reach_bars(groups: &BTreeMap<String, Metrics>) -> Vec<Bar> {
    groups
        .iter()
        .map(|(label, m)| Bar {
            label: label.clone(),
            value: m.reach.value.unwrap_or(0) as f64,
            text: format!(
                "{} reach, {} engagements",
                count(m.reach.value),
                count(m.engagements.value)
            ),
        })
        .collect()
}

fn charts(inp: &ReportInputs<'_>) -> Vec<Chart> {
    let c = inp.campaign;
    let by_creator: BTreeMap<String, Metrics> = metrics::breakdown(c, |r| {
        r.creator.as_ref().map(|h| name_of(inp.creators, Some(h)))
    });
    let by_platform = metrics::breakdown(c, |r| r.platform.map(|p| p.label().to_string()));
    let by_format = metrics::breakdown(c, |r| r.format.map(|f| f.to_string()));
    let mut out = vec![];
    for (id, heading, groups) in [
        ("chart-creator", "Reach by creator", &by_creator),
        ("chart-platform", "Reach by platform", &by_platform),
        ("chart-format", "Reach by format", &by_format),
    ] {
        out.push(Chart {
            heading: heading.into(),
            svg: charts::bar_chart(id, heading, &reach_bars(groups)),
        });
    }
    out.push(Chart {
        heading: "Cumulative reach over time".into(),
        svg: charts::line_chart(
            "chart-reach-time",
            "Cumulative reach over time",
            &cumulative_reach(&c.results),
        ),
    });
    out
}

/// Cumulative reach by `posted_on`, one point per day with posts that state both.
pub fn cumulative_reach(rows: &[ResultRow]) -> Vec<Point> {
    let mut by_day: BTreeMap<Date, u64> = BTreeMap::new();
    for r in rows {
        if let (Some(d), Some(reach)) = (r.posted_on, r.reach) {
            let e = by_day.entry(d).or_default();
            *e = e.saturating_add(reach);
        }
    }
    let Some(first) = by_day.keys().next().copied() else {
        return Vec::new();
    };
    let mut total = 0u64;
    by_day
        .into_iter()
        .map(|(d, reach)| {
            total = total.saturating_add(reach);
            Point {
                x: first.days_until(d) as f64,
                value: total as f64,
                label: d.human(),
                text: count(Some(total)),
            }
        })
        .collect()
}

fn creator_rows(inp: &ReportInputs<'_>) -> Vec<CreatorRow> {
    let c = inp.campaign;
    let cur = c.currency.as_str();
    let mut handles: Vec<&Handle> = c
        .results
        .iter()
        .filter_map(|r| r.creator.as_ref())
        .collect();
    handles.sort();
    handles.dedup();
    handles
        .into_iter()
        .map(|h| {
            let m = metrics::creator_metrics(c, h);
            let shown = |v: String| inp.show_fees.then_some(v);
            CreatorRow {
                name: name_of(inp.creators, Some(h)),
                posts: m.posts,
                reach: count(m.reach.value),
                engagements: count(m.engagements.value),
                engagement_rate: percent(m.engagement_rate.value),
                clicks: count(m.clicks.value),
                conversions: count(m.conversions.value),
                fee: shown(
                    c.briefs
                        .get(h)
                        .and_then(|b| b.fee)
                        .map(|x| x.display(cur))
                        .unwrap_or_else(|| "—".into()),
                ),
                cost: shown(m.cost.map(|x| x.display(cur)).unwrap_or_else(|| "—".into())),
                cpe: shown(format_value(Kind::Money, m.cpe.value, cur)),
                roas: shown(format_value(Kind::Multiple, m.roas.value, cur)),
            }
        })
        .collect()
}

fn top_posts(inp: &ReportInputs<'_>) -> Vec<PostRow> {
    let mut rows: Vec<&ResultRow> = inp
        .campaign
        .results
        .iter()
        .filter(|r| metrics::engagements(r).is_some())
        .collect();
    rows.sort_by(|a, b| {
        metrics::engagements(b)
            .cmp(&metrics::engagements(a))
            .then(b.reach.cmp(&a.reach))
            .then(a.line.cmp(&b.line))
    });
    rows.into_iter()
        .take(TOP_POSTS)
        .map(|r| PostRow {
            creator: name_of(inp.creators, r.creator.as_ref()),
            what: post_what(r),
            posted_on: r.posted_on.map(|d| d.human()).unwrap_or_else(|| "—".into()),
            url: r.url.clone(),
            reach: count(r.reach),
            engagements: count(metrics::engagements(r)),
            engagement_rate: post_er(r),
            hook: r.hook.clone(),
        })
        .collect()
}

fn medians(c: &Campaign) -> (String, Vec<MedianSection>) {
    let rows: Vec<&ResultRow> = c.results.iter().collect();
    type Key = fn(&ResultRow) -> Option<String>;
    let dims: [(&'static str, Key); 3] = [
        ("Format", |r| r.format.map(|f| f.to_string())),
        ("Hook", |r| r.hook.clone()),
        ("Platform", |r| r.platform.map(|p| p.label().to_string())),
    ];
    let mut campaign = None;
    let sections = dims
        .into_iter()
        .map(|(dimension, key)| {
            let (med, groups) = metrics::beat_median(&rows, key);
            campaign = med;
            MedianSection {
                dimension,
                groups: groups
                    .into_iter()
                    .map(|g| MedianRow {
                        label: g.label,
                        posts: g.posts,
                        median: percent(Some(g.median)),
                        beat: g.beat,
                    })
                    .collect(),
            }
        })
        .collect();
    (percent(campaign), sections)
}

fn rate_detail(r: &Rate) -> String {
    match (&r.numerator, &r.denominator) {
        (Some(n), Some(d)) => format!(
            "{n} ÷ {d} ({}) over {} row{}",
            r.denominator_name,
            r.rows,
            if r.rows == 1 { "" } else { "s" }
        ),
        _ => format!(
            "— (unknown: no row states both inputs with a {} above 0)",
            r.denominator_name
        ),
    }
}

fn sum_detail(s: &Sum, posts: usize) -> String {
    format!("{} from {} of {posts} rows", count(s.value), s.rows)
}

fn method(metric: &str, formula: &str, detail: String, sources: SourceMix) -> Method {
    Method {
        metric: metric.into(),
        formula: formula.into(),
        detail,
        sources: sources.words(),
    }
}

fn methodology(c: &Campaign, m: &Metrics) -> Vec<Method> {
    let p = m.posts;
    let mut out: Vec<Method> = [
        ("Impressions", "Σ impressions", &m.impressions),
        ("Reach", "Σ reach", &m.reach),
        ("Views", "Σ views", &m.views),
        (
            "Engagements",
            "Σ (likes + comments + shares + saves), the known ones of each row",
            &m.engagements,
        ),
        ("Clicks", "Σ clicks", &m.clicks),
        (
            "Conversions",
            "Σ conversions; a row's conversions are its orders, else its sign-ups",
            &m.conversions,
        ),
    ]
    .into_iter()
    .map(|(name, formula, s)| method(name, formula, sum_detail(s, p), s.sources))
    .collect();
    let cur = c.currency.as_str();
    let money = |v: Option<Money>| v.map(|x| x.display(cur)).unwrap_or_else(|| "—".into());
    out.push(method(
        "Revenue",
        "Σ revenue",
        format!(
            "{} from {} of {p} rows",
            money(m.revenue.value),
            m.revenue.rows
        ),
        m.revenue.sources,
    ));
    out.push(method(
        "Cost",
        "creator fees + (product cost + shipping) per creator + Σ boost spend",
        format!(
            "{} fixed for {} creators + {} boost = {}",
            money(m.fixed_cost),
            c.briefs.len(),
            money(m.boost_spend.value.or(Some(Money(Decimal::ZERO)))),
            money(m.cost)
        ),
        m.boost_spend.sources,
    ));
    for (name, formula, r) in [
        (
            "Engagement rate",
            "engagements ÷ reach (else ÷ impressions, else ÷ followers)",
            &m.engagement_rate,
        ),
        ("CTR", "clicks ÷ impressions", &m.ctr),
        (
            "Conversion rate",
            "conversions ÷ clicks",
            &m.conversion_rate,
        ),
        ("CPM", "cost ÷ impressions × 1000", &m.cpm),
        ("CPE", "cost ÷ engagements", &m.cpe),
        ("CPC", "cost ÷ clicks", &m.cpc),
        ("CPA", "cost ÷ conversions (orders, else sign-ups)", &m.cpa),
        ("ROAS", "revenue ÷ cost", &m.roas),
    ] {
        out.push(method(name, formula, rate_detail(r), r.sources));
    }
    out
}

fn budget_lines(c: &Campaign, m: &Metrics) -> (Option<String>, Option<u32>) {
    let (Some(b), Some(cost)) = (c.budget.total, m.cost) else {
        return (None, None);
    };
    let cur = c.currency.as_str();
    let note = if cost.0 <= b.0 {
        format!("{} left of the budget", Money(b.0 - cost.0).display(cur))
    } else {
        format!("{} over budget", Money(cost.0 - b.0).display(cur))
    };
    let used = (b.0 > Decimal::ZERO)
        .then(|| cost.0 * Decimal::from(100) / b.0)
        .and_then(|d| {
            rust_decimal::prelude::ToPrimitive::to_u32(&d.round().min(Decimal::from(100)))
        });
    (Some(note), used)
}

/// Builds the report view.
pub fn report_view(inp: &ReportInputs<'_>) -> ReportView {
    let c = inp.campaign;
    let m = metrics::campaign_metrics(c);
    let cur = c.currency.as_str();
    let verdicts = metrics::verdicts(&m, &c.targets);
    let targets = verdicts
        .iter()
        .map(|v| TargetRow {
            label: v.def.label.into(),
            actual: format_value(v.def.kind, v.actual, cur),
            target: format!(
                "{}{}",
                if v.def.lower_is_better {
                    "at most "
                } else {
                    ""
                },
                format_value(v.def.kind, Some(v.target), cur)
            ),
            verdict: verdict_word(v.met),
            by: by_how_much(v, cur),
        })
        .collect();
    let (budget_note, budget_used) = budget_lines(c, &m);
    let money = |v: Option<Money>| v.map(|x| x.display(cur)).unwrap_or_else(|| "—".into());
    let spend_parts = vec![
        super::Fact {
            label: "Fees, product and shipping".into(),
            value: money(m.fixed_cost),
        },
        super::Fact {
            label: "Boost spend".into(),
            value: money(m.boost_spend.value),
        },
    ];
    let (median_er, medians) = medians(c);
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
        verdict: headline(&verdicts),
        targets,
        kpis: kpis(c, &m, &verdicts),
        budget: c.budget.total.map(|b| b.display(cur)),
        spend: money(m.cost),
        budget_note,
        budget_used,
        spend_parts,
        charts: charts(inp),
        creators: creator_rows(inp),
        top_posts: top_posts(inp),
        medians,
        median_er,
        compliance: compliance(inp),
        show_fees: inp.show_fees,
        narrative_html: report
            .map(|r| markdown::render(&r.narrative.text, 1))
            .unwrap_or_default(),
        methodology: methodology(c, &m),
        disclosure_rules: disclosure_method(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_format_by_kind() {
        assert_eq!(format_value(Kind::Count, Some(12345.0), "EUR"), "12,345");
        assert_eq!(format_value(Kind::Money, Some(40.5), "EUR"), "€40.50");
        assert_eq!(format_value(Kind::Fraction, Some(0.035), "EUR"), "3.5%");
        assert_eq!(format_value(Kind::Multiple, Some(2.0), "EUR"), "2.00×");
        assert_eq!(format_value(Kind::Money, None, "EUR"), "—");
        assert_eq!(format_value(Kind::Count, Some(f64::NAN), "EUR"), "—");
    }
}
