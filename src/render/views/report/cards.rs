//! The report's KPI cards (the objective's first, then the rest with every cost metric), its
//! target rows, the organic-vs-boosted table and the benchmark tables.

use super::{ReportInputs, format_value};
use crate::compute::benchmarks::{Benchmark, Benchmarks};
use crate::compute::facts::CostShown;
use crate::compute::metrics::{self, COST_METRICS, Kind, METRICS, Metric, RATE_METRICS};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// Set when another target measures the same quantity: shown, not counted.
    pub counted_as: Option<String>,
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
    /// What the booked creators' past results predicted, with its range.
    pub predicted: Option<String>,
    /// Benchmark, in words.
    pub benchmark: Option<String>,
    /// `met`, `missed`, `unknown` or `none` (no target).
    pub verdict: &'static str,
}

/// A row of the organic-vs-boosted table.
#[derive(Debug, Clone, Serialize)]
pub struct SplitRow {
    /// Metric label.
    pub label: String,
    /// Over organic rows.
    pub organic: String,
    /// Over boosted rows.
    pub boosted: String,
}

/// A benchmark by platform or format.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkRow {
    /// `Platform` or `Format`.
    pub dimension: &'static str,
    /// The platform or format.
    pub group: String,
    /// Metric label.
    pub metric: String,
    /// Median, formatted.
    pub median: String,
    /// Campaigns it covers.
    pub campaigns: usize,
}

/// Metrics shown as cards when known, besides every cost metric and any with a target.
const CORE: [Metric; 7] = [
    Metric::Reach,
    Metric::Impressions,
    Metric::Engagements,
    Metric::EngagementRate,
    Metric::Clicks,
    Metric::Conversions,
    Metric::Revenue,
];

fn verdict_word(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "missed",
        None => "unknown",
    }
}

/// Why cost figures are missing, for the page.
pub fn cost_note(cost: CostShown) -> String {
    if cost.campaign {
        "Fees are private in this report: cost, CPA and ROAS are shown for the whole campaign \
         only, never per creator or per group of posts."
            .into()
    } else {
        "Fees are private in this report, and fewer than two creators are paid a fee, so no \
         cost figure is shown: any would give a creator's fee away."
            .into()
    }
}

/// A benchmark in words: "median of 4 past campaigns: $12.40", or "—" for too few.
fn benchmark_words(b: &Benchmark, kind: Kind, currency: &str) -> String {
    let n = b.campaigns;
    let of = format!("{n} past campaign{}", if n == 1 { "" } else { "s" });
    match b.median {
        Some(v) => format!("median of {of}: {}", format_value(kind, Some(v), currency)),
        None => format!("benchmark — (only {of})"),
    }
}

/// Whether a metric's benchmark may be shown: cost benchmarks only where group costs are.
fn benchmark_allowed(inp: &ReportInputs<'_>, metric: Metric) -> bool {
    inp.show_benchmarks && (!metric.uses_cost() || inp.cost().groups)
}

fn kpi(inp: &ReportInputs<'_>, metric: Metric) -> Kpi {
    let c = inp.campaign;
    let f = inp.facts;
    let m = &f.totals;
    let d = metric.def();
    let cur = inp.currency();
    let label = if metric == Metric::EngagementRate {
        format!("Engagement rate (÷ {})", m.engagement_rate.denominator_name)
    } else {
        d.label.to_string()
    };
    Kpi {
        key: d.key.into(),
        label,
        actual: inp.shown(m, metric, true),
        target: metrics::planned(&c.targets, metric).map(|t| format_value(d.kind, Some(t), cur)),
        forecast: metrics::planned(&c.forecast, metric).map(|x| format_value(d.kind, Some(x), cur)),
        predicted: f
            .forecast
            .metrics
            .get(&metric)
            .and_then(|e| if inp.team { Some(*e) } else { e.history_only() })
            .map(|e| crate::render::views::plan::predicted_words(&e)),
        benchmark: benchmark_allowed(inp, metric)
            .then(|| f.benchmarks.overall.get(&metric))
            .flatten()
            .map(|b| benchmark_words(b, d.kind, cur)),
        verdict: f
            .verdicts
            .iter()
            .find(|v| v.def.metric == metric)
            .map(|v| verdict_word(v.met))
            .unwrap_or("none"),
    }
}

/// The objective's cards, then the rest: core metrics when known, every cost metric, and any
/// metric with a target or forecast.
pub fn kpis(inp: &ReportInputs<'_>) -> (Vec<Kpi>, Vec<Kpi>) {
    let f = inp.facts;
    let c = inp.campaign;
    let primary: Vec<Kpi> = f.primary.iter().map(|&k| kpi(inp, k)).collect();
    let rest = METRICS
        .iter()
        .map(|d| d.metric)
        .filter(|k| !f.primary.contains(k))
        .filter(|&k| {
            (CORE.contains(&k) && metrics::actual(&f.totals, k).is_some())
                || COST_METRICS.contains(&k)
                || metrics::planned(&c.targets, k).is_some()
                || metrics::planned(&c.forecast, k).is_some()
        })
        .map(|k| kpi(inp, k))
        .collect();
    (primary, rest)
}

/// "met — 1,200 above target (+6.0%)".
fn by_how_much(v: &metrics::Verdict, currency: &str) -> String {
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

/// Every target, with its verdict; a cost target's actual follows what cost may be shown.
pub fn targets(inp: &ReportInputs<'_>) -> Vec<TargetRow> {
    let cur = inp.currency();
    let hidden = !inp.cost().campaign;
    inp.facts
        .verdicts
        .iter()
        .map(|v| {
            let secret = hidden && v.def.metric.uses_cost();
            TargetRow {
                label: v.def.label.into(),
                actual: if secret {
                    "not shown".into()
                } else {
                    format_value(v.def.kind, v.actual, cur)
                },
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
                by: if secret {
                    verdict_word(v.met).into()
                } else {
                    by_how_much(v, cur)
                },
                counted_as: v.same_as.map(|a| {
                    format!(
                        "same quantity as {}: counted once",
                        a.def().label.to_lowercase()
                    )
                }),
            }
        })
        .collect()
}

/// The rows of the organic-vs-boosted table (cost rows only where group costs are shown).
pub fn split(inp: &ReportInputs<'_>) -> Vec<SplitRow> {
    let f = inp.facts;
    let cur = inp.currency();
    let cost = inp.cost();
    let money =
        |v: Option<crate::model::Money>| v.map(|x| x.display(cur)).unwrap_or_else(|| "—".into());
    let mut rows = vec![SplitRow {
        label: "Posts".into(),
        organic: f.organic.posts.to_string(),
        boosted: f.boosted.posts.to_string(),
    }];
    let shown = [
        Metric::Reach,
        Metric::Impressions,
        Metric::Engagements,
        Metric::Clicks,
        Metric::Conversions,
        Metric::Revenue,
        Metric::EngagementRate,
        Metric::Ctr,
        Metric::ConversionRate,
    ];
    for k in shown {
        rows.push(SplitRow {
            label: k.def().label.into(),
            organic: inp.shown(&f.organic, k, false),
            boosted: inp.shown(&f.boosted, k, false),
        });
    }
    if cost.groups {
        rows.push(SplitRow {
            label: "Boost spend".into(),
            organic: money(f.organic.boost_spend.value),
            boosted: money(f.boosted.boost_spend.value),
        });
        rows.push(SplitRow {
            label: "Cost (row cost)".into(),
            organic: money(f.organic.cost),
            boosted: money(f.boosted.cost),
        });
        for k in COST_METRICS {
            rows.push(SplitRow {
                label: k.def().label.into(),
                organic: inp.shown(&f.organic, k, false),
                boosted: inp.shown(&f.boosted, k, false),
            });
        }
    }
    rows
}

fn group_rows(
    inp: &ReportInputs<'_>,
    dimension: &'static str,
    groups: &BTreeMap<String, BTreeMap<Metric, Benchmark>>,
) -> Vec<BenchmarkRow> {
    let cur = inp.currency();
    let mut out = Vec::new();
    for (g, by) in groups {
        for k in RATE_METRICS.iter().filter(|k| benchmark_allowed(inp, **k)) {
            if let Some(b) = by.get(k)
                && let Some(v) = b.median
            {
                out.push(BenchmarkRow {
                    dimension,
                    group: g.clone(),
                    metric: k.def().short.into(),
                    median: format_value(k.def().kind, Some(v), cur),
                    campaigns: b.campaigns,
                });
            }
        }
    }
    out
}

/// Benchmarks by platform, then by format (groups that at least three campaigns know).
pub fn benchmark_rows(inp: &ReportInputs<'_>) -> Vec<BenchmarkRow> {
    let b: &Benchmarks = &inp.facts.benchmarks;
    let mut rows = group_rows(inp, "Platform", &b.by_platform);
    rows.extend(group_rows(inp, "Format", &b.by_format));
    rows
}
