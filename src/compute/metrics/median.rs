//! Medians and "what beat the campaign median" (SPEC §3): a group beats the campaign when its
//! median post does better than the campaign's median post, on engagement rate or on a cost
//! metric of each post (row cost, SPEC §6), where lower is better.

use super::NOT_STATED;
use crate::model::ResultRow;
use serde::Serialize;
use std::collections::BTreeMap;

/// The median of finite values (mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v.get(mid).copied()
    } else {
        Some((v.get(mid - 1)? + v.get(mid)?) / 2.0)
    }
}

/// One group of a "what beat the campaign median" comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedianGroup {
    /// The group's label (a format, hook or platform).
    pub label: String,
    /// Posts in the group with a known value.
    pub posts: usize,
    /// The median value of those posts.
    pub median: f64,
    /// Better than the campaign median (strictly above, or below when lower is better).
    pub beat: bool,
}

/// How each post is valued and which way is better.
#[derive(Clone, Copy)]
pub struct PostValue<'a> {
    /// A post's value, `None` when unknown (the post is left out).
    pub value: &'a dyn Fn(&ResultRow) -> Option<f64>,
    /// Cost metrics: lower beats the median.
    pub lower_is_better: bool,
}

/// Per-post values against the campaign median: the campaign median, then each group's median,
/// best first. Posts without a known value are left out.
pub fn beat_median(
    rows: &[&ResultRow],
    by: PostValue<'_>,
    key: impl Fn(&ResultRow) -> Option<String>,
) -> (Option<f64>, Vec<MedianGroup>) {
    let mut all = Vec::new();
    let mut groups: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in rows {
        if let Some(v) = (by.value)(r).filter(|v| v.is_finite()) {
            all.push(v);
            groups
                .entry(key(r).unwrap_or_else(|| NOT_STATED.to_string()))
                .or_default()
                .push(v);
        }
    }
    let Some(campaign) = median(&all) else {
        return (None, Vec::new());
    };
    let better = |a: f64, b: f64| if by.lower_is_better { a < b } else { a > b };
    let mut out: Vec<MedianGroup> = groups
        .into_iter()
        .filter_map(|(label, v)| {
            median(&v).map(|m| MedianGroup {
                label,
                posts: v.len(),
                median: m,
                beat: better(m, campaign),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let order = if by.lower_is_better {
            a.median.total_cmp(&b.median)
        } else {
            b.median.total_cmp(&a.median)
        };
        order.then(a.label.cmp(&b.label))
    });
    (Some(campaign), out)
}
