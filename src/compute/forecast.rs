//! The forecast worked out from history (issue #16; SPEC §6 "Plans"): what the booked creators'
//! past results predict for this campaign's deliverables.
//!
//! Method, for each deliverable of each brief (times its `count`, cancelled ones left out): take
//! the creator's posts of the same format in the portal's *other* campaigns; the expected value of
//! a metric is the mean of those posts' values, the range their lowest to highest. A creator with
//! no past post of that format falls back to the roster: engagements = followers on the
//! deliverable's platform × that platform's `avg_engagement_rate` (no range, and no reach,
//! clicks or conversions). A campaign's forecast sums the deliverables that have an estimate and
//! says how many of all deliverables those are.

use super::creator_results::PostsByCreator;
use super::metrics::{self, Metric};
use crate::model::{Campaign, DeliverableStatus, Handle, Portal, ResultRow};
use serde::Serialize;
use std::collections::BTreeMap;

/// The metrics forecast from history.
pub const FORECAST_METRICS: [Metric; 4] = [
    Metric::Reach,
    Metric::Engagements,
    Metric::Clicks,
    Metric::Conversions,
];

/// One metric's forecast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Expected total.
    pub expected: f64,
    /// Sum of each deliverable's lowest past value.
    pub low: f64,
    /// Sum of each deliverable's highest past value.
    pub high: f64,
    /// Deliverables (counting `count`) with an estimate.
    pub covered: u32,
    /// All deliverables (counting `count`).
    pub total: u32,
    /// The part of `expected`, `low` and `high` taken from the roster (team-only data).
    pub roster_part: f64,
    /// Deliverables estimated from the roster.
    pub roster_covered: u32,
}

impl Estimate {
    /// The estimate from past posts alone (the roster is team-only), `None` when nothing is left.
    pub fn history_only(&self) -> Option<Estimate> {
        let covered = self.covered - self.roster_covered;
        (covered > 0).then_some(Estimate {
            expected: self.expected - self.roster_part,
            low: self.low - self.roster_part,
            high: self.high - self.roster_part,
            covered,
            total: self.total,
            roster_part: 0.0,
            roster_covered: 0,
        })
    }
}

/// How one creator's deliverable of one format was estimated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    /// Creator handle.
    pub creator: Handle,
    /// Deliverable format.
    pub format: String,
    /// How many deliverables of it.
    pub count: u32,
    /// Past posts the estimate is drawn from (0 for the roster fallback or none).
    pub past_posts: usize,
    /// `history`, `roster` (followers × engagement rate) or `none`.
    pub method: &'static str,
}

/// A campaign's forecast from history.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct HistoryForecast {
    /// Per metric, only those with at least one estimate.
    pub metrics: BTreeMap<Metric, Estimate>,
    /// How each creator's deliverables were estimated.
    pub basis: Vec<Basis>,
}

/// Adds `n` deliverables worth `values` (mean, min, max) to `metric`'s estimate.
fn add(out: &mut BTreeMap<Metric, Estimate>, metric: Metric, values: &[f64], n: u32) {
    if values.is_empty() {
        return;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = out.entry(metric).or_insert(Estimate {
        expected: 0.0,
        low: 0.0,
        high: 0.0,
        covered: 0,
        total: 0,
        roster_part: 0.0,
        roster_covered: 0,
    });
    let k = f64::from(n);
    e.expected += mean * k;
    e.low += lo * k;
    e.high += hi * k;
    e.covered += n;
}

/// The forecast of `c` from the booked creators' posts in the portal's other campaigns.
pub fn history_forecast(p: &Portal, posts: &PostsByCreator<'_>, c: &Campaign) -> HistoryForecast {
    let mut out = HistoryForecast::default();
    let mut total = 0u32;
    for b in c.briefs.values().filter(|b| !b.revoked) {
        let past: Vec<&ResultRow> = posts.elsewhere(&b.creator, &c.slug).collect();
        let mut by_format: BTreeMap<String, (u32, crate::model::Deliverable)> = BTreeMap::new();
        for d in b
            .deliverables
            .iter()
            .filter(|d| d.status != DeliverableStatus::Cancelled)
        {
            let e = by_format
                .entry(d.format.to_string())
                .or_insert((0, d.clone()));
            e.0 += d.count.max(1);
        }
        for (format, (n, d)) in by_format {
            total += n;
            let same: Vec<&&ResultRow> =
                past.iter().filter(|r| r.format == Some(d.format)).collect();
            let mut method = "none";
            if !same.is_empty() {
                method = "history";
                for k in FORECAST_METRICS {
                    let values: Vec<f64> = same
                        .iter()
                        .filter_map(|r| metrics::row_count(r, k))
                        .map(|v| v as f64)
                        .collect();
                    add(&mut out.metrics, k, &values, n);
                }
            } else if let Some(e) = p
                .creators
                .get(&b.creator)
                .and_then(|cr| cr.platforms.iter().find(|x| x.name == d.platform))
                .and_then(|x| Some(x.followers? as f64 * x.avg_engagement_rate?))
            {
                method = "roster";
                let v = e.round();
                add(&mut out.metrics, Metric::Engagements, &[v], n);
                if let Some(x) = out.metrics.get_mut(&Metric::Engagements) {
                    x.roster_part += v * f64::from(n);
                    x.roster_covered += n;
                }
            }
            out.basis.push(Basis {
                creator: b.creator.clone(),
                format,
                count: n,
                past_posts: if method == "history" { same.len() } else { 0 },
                method,
            });
        }
    }
    for e in out.metrics.values_mut() {
        e.total = total;
    }
    out
}
