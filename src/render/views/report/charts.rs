//! Which charts a report shows, chosen and ranked by the campaign's objective (SPEC §6): its
//! primary metric by creator (and revenue for sales), its efficiency by creator where per-creator
//! cost may be shown, the primary metric by platform and format, and the primary count over
//! time. Drawing is `render::charts`; this module only picks the data.

use super::{ReportInputs, format_value, name_of};
use crate::compute::metrics::{self, Kind, Metric, Metrics};
use crate::model::{Date, Objective, ResultRow};
use crate::render::charts::{self, Bar, Point};
use crate::render::escape::SafeHtml;
use crate::render::views::count;
use serde::Serialize;
use std::collections::BTreeMap;

/// An inline chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Heading above the chart.
    pub heading: String,
    /// The SVG markup (built from escaped text).
    pub svg: SafeHtml,
}

/// The metric charts lead with and the efficiency metric charted by creator.
fn chart_metrics(o: Option<Objective>) -> (Metric, Option<Metric>) {
    match o {
        Some(Objective::Awareness) | None => (Metric::Reach, o.map(|_| Metric::Cpm)),
        Some(Objective::Engagement) => (Metric::Engagements, Some(Metric::Cpe)),
        Some(Objective::Traffic) => (Metric::Clicks, Some(Metric::Cpc)),
        Some(Objective::Sales) => (Metric::Conversions, Some(Metric::Cpa)),
    }
}

/// Bars of `metric` per group, ranked best first; groups where it is unknown are left out
/// (cost metrics) or drawn empty (counts, so a creator with none still shows).
fn bars(groups: &BTreeMap<String, &Metrics>, metric: Metric, currency: &str) -> Vec<Bar> {
    let d = metric.def();
    let mut out: Vec<Bar> = groups
        .iter()
        .filter_map(|(label, m)| {
            let v = metrics::actual(m, metric);
            if v.is_none() && d.kind != Kind::Count {
                return None;
            }
            Some(Bar {
                label: label.clone(),
                value: v.unwrap_or(0.0),
                text: format!(
                    "{} {}",
                    format_value(d.kind, v, currency),
                    d.short.to_lowercase()
                ),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let o = if d.lower_is_better {
            a.value.total_cmp(&b.value)
        } else {
            b.value.total_cmp(&a.value)
        };
        o.then(a.label.cmp(&b.label))
    });
    out
}

fn chart(id: &str, heading: String, bars: &[Bar]) -> Chart {
    Chart {
        svg: charts::bar_chart(id, &heading, bars),
        heading,
    }
}

/// The report's charts.
pub fn charts(inp: &ReportInputs<'_>) -> Vec<Chart> {
    let c = inp.campaign;
    let f = inp.facts;
    let cur = inp.currency();
    let (lead, efficiency) = chart_metrics(f.objective);
    let by_creator: BTreeMap<String, &Metrics> = f
        .creators
        .iter()
        .map(|(h, m)| (name_of(inp.creators, Some(h)), m))
        .collect();
    let label = lead.def().label;
    let mut out = vec![chart(
        "chart-creator",
        format!("{label} by creator"),
        &bars(&by_creator, lead, cur),
    )];
    // A sales campaign whose rows record no revenue gets no empty revenue chart.
    let revenue = bars(&by_creator, Metric::Revenue, cur);
    if f.objective == Some(Objective::Sales) && !revenue.is_empty() {
        out.push(chart(
            "chart-creator-revenue",
            "Revenue by creator".into(),
            &revenue,
        ));
    }
    if let Some(e) = efficiency.filter(|_| inp.cost().groups) {
        out.push(chart(
            "chart-creator-efficiency",
            format!("{} by creator (lowest first)", e.def().short),
            &bars(&by_creator, e, cur),
        ));
    }
    let by_platform = metrics::breakdown(c, |r| r.platform.map(|p| p.label().to_string()));
    let by_format = metrics::breakdown(c, |r| r.format.map(|f| f.to_string()));
    for (id, dim, groups) in [
        ("chart-platform", "platform", &by_platform),
        ("chart-format", "format", &by_format),
    ] {
        let refs: BTreeMap<String, &Metrics> = groups.iter().map(|(k, m)| (k.clone(), m)).collect();
        out.push(chart(
            id,
            format!("{label} by {dim}"),
            &bars(&refs, lead, cur),
        ));
    }
    let heading = format!("Cumulative {} over time", label.to_lowercase());
    out.push(Chart {
        svg: charts::line_chart(
            "chart-reach-time",
            &heading,
            &cumulative(&c.results, |r| metrics::row_count(r, lead)),
        ),
        heading,
    });
    out
}

/// A cumulative count by `posted_on`, one point per day with posts that state both.
pub fn cumulative(rows: &[ResultRow], value: impl Fn(&ResultRow) -> Option<u64>) -> Vec<Point> {
    let mut by_day: BTreeMap<Date, u64> = BTreeMap::new();
    for r in rows {
        if let (Some(d), Some(v)) = (r.posted_on, value(r)) {
            let e = by_day.entry(d).or_default();
            *e = e.saturating_add(v);
        }
    }
    let Some(first) = by_day.keys().next().copied() else {
        return Vec::new();
    };
    let mut total = 0u64;
    by_day
        .into_iter()
        .map(|(d, v)| {
            total = total.saturating_add(v);
            Point {
                x: first.days_until(d) as f64,
                value: total as f64,
                label: d.human(),
                text: count(Some(total)),
            }
        })
        .collect()
}
