//! Benchmarks (SPEC §6): beside each rate and cost metric, the median of that metric over the
//! portal's *other* campaigns with `status = "complete"` where it is known, with how many
//! campaigns it covers; also by platform and by format where at least three campaigns know it.
//! Money metrics only compare campaigns in the same currency.

use super::metrics::{self, Kind, Metric, Metrics, RATE_METRICS};
use crate::model::{Campaign, CampaignSlug, CampaignStatus, Portal};
use serde::Serialize;
use std::collections::BTreeMap;

/// Fewest campaigns a whole-campaign median is shown for: the median of one campaign is that
/// campaign, not a benchmark.
pub const MIN_CAMPAIGNS: usize = 2;
/// Fewest campaigns a median by platform or format is shown for.
pub const MIN_CAMPAIGNS_BY_GROUP: usize = 3;

/// One metric's benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Benchmark {
    /// The median, `None` when fewer campaigns than the minimum know the metric.
    pub median: Option<f64>,
    /// Campaigns that know the metric.
    pub campaigns: usize,
}

/// A campaign's benchmarks.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Benchmarks {
    /// Over whole campaigns, per metric.
    pub overall: BTreeMap<Metric, Benchmark>,
    /// By platform (its key, as in results.csv), then metric (only groups with a median).
    pub by_platform: BTreeMap<String, BTreeMap<Metric, Benchmark>>,
    /// By deliverable format, then metric (only groups with a median).
    pub by_format: BTreeMap<String, BTreeMap<Metric, Benchmark>>,
}

/// What one complete campaign contributes: its currency and its rates, overall and by group.
#[derive(Debug)]
struct Sample {
    slug: CampaignSlug,
    currency: String,
    overall: BTreeMap<Metric, f64>,
    by_platform: BTreeMap<String, BTreeMap<Metric, f64>>,
    by_format: BTreeMap<String, BTreeMap<Metric, f64>>,
}

fn known_rates(m: &Metrics) -> BTreeMap<Metric, f64> {
    RATE_METRICS
        .iter()
        .filter_map(|&k| metrics::actual(m, k).map(|v| (k, v)))
        .collect()
}

fn grouped(groups: BTreeMap<String, Metrics>) -> BTreeMap<String, BTreeMap<Metric, f64>> {
    groups
        .into_iter()
        .filter(|(k, _)| k != metrics::NOT_STATED)
        .map(|(k, m)| (k, known_rates(&m)))
        .collect()
}

fn sample(c: &Campaign) -> Sample {
    Sample {
        slug: c.slug.clone(),
        currency: c.currency.clone(),
        overall: known_rates(&metrics::campaign_metrics(c)),
        by_platform: grouped(metrics::breakdown(c, |r| r.platform.map(|p| p.to_string()))),
        by_format: grouped(metrics::breakdown(c, |r| r.format.map(|f| f.to_string()))),
    }
}

/// Median per metric of `values` (metric → one value per campaign).
fn medians(values: BTreeMap<Metric, Vec<f64>>, min: usize) -> BTreeMap<Metric, Benchmark> {
    values
        .into_iter()
        .map(|(k, v)| {
            let median = (v.len() >= min).then(|| metrics::median(&v)).flatten();
            (
                k,
                Benchmark {
                    median,
                    campaigns: v.len(),
                },
            )
        })
        .collect()
}

/// The samples a campaign in `currency` may compare with, per metric.
fn comparable<'a>(s: &'a Sample, currency: &str) -> impl Fn(&Metric) -> bool + 'a {
    let same = s.currency == currency;
    move |k| same || k.def().kind != Kind::Money
}

fn group_medians<'a>(
    samples: impl Iterator<Item = (&'a Sample, &'a BTreeMap<String, BTreeMap<Metric, f64>>)>,
    currency: &str,
) -> BTreeMap<String, BTreeMap<Metric, Benchmark>> {
    let mut by: BTreeMap<String, BTreeMap<Metric, Vec<f64>>> = BTreeMap::new();
    for (s, groups) in samples {
        let ok = comparable(s, currency);
        for (g, rates) in groups {
            for (k, v) in rates.iter().filter(|(k, _)| ok(k)) {
                by.entry(g.clone())
                    .or_default()
                    .entry(*k)
                    .or_default()
                    .push(*v);
            }
        }
    }
    by.into_iter()
        .map(|(g, v)| {
            let m: BTreeMap<Metric, Benchmark> = medians(v, MIN_CAMPAIGNS_BY_GROUP)
                .into_iter()
                .filter(|(_, b)| b.median.is_some())
                .collect();
            (g, m)
        })
        .filter(|(_, m)| !m.is_empty())
        .collect()
}

/// Benchmarks for every campaign of `portal` that `wanted` names.
pub fn benchmarks(
    portal: &Portal,
    wanted: impl Fn(&Campaign) -> bool,
) -> BTreeMap<CampaignSlug, Benchmarks> {
    let samples: Vec<Sample> = portal
        .campaigns
        .values()
        .filter(|c| c.status == CampaignStatus::Complete)
        .map(|c| sample(c))
        .collect();
    portal
        .campaigns
        .values()
        .filter(|c| wanted(c))
        .map(|c| {
            let others = || samples.iter().filter(|s| s.slug != c.slug);
            let mut overall: BTreeMap<Metric, Vec<f64>> = BTreeMap::new();
            for s in others() {
                let ok = comparable(s, &c.currency);
                for (k, v) in s.overall.iter().filter(|(k, _)| ok(k)) {
                    overall.entry(*k).or_default().push(*v);
                }
            }
            let b = Benchmarks {
                overall: medians(overall, MIN_CAMPAIGNS),
                by_platform: group_medians(others().map(|s| (s, &s.by_platform)), &c.currency),
                by_format: group_medians(others().map(|s| (s, &s.by_format)), &c.currency),
            };
            (c.slug.clone(), b)
        })
        .collect()
}
