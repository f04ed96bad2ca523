//! Machine-readable downloads: `results.csv` (formula-safe) and `report.json` (stable interface).

use crate::compute::benchmarks::Benchmark;
use crate::compute::facts::{CampaignFacts, CostShown};
use crate::compute::metrics::{self, Kind, Metric, Metrics, RATE_METRICS, Rate, Sum};
use crate::model::{Campaign, Money, ResultRow};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Neutralises a CSV cell that a spreadsheet would run as a formula.
pub fn csv_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes rows as CSV with every cell neutralised.
pub fn csv_table(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| csv_safe(c)));
    }
    w.into_inner().unwrap_or_default()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The published `results.csv` of a report: the SPEC columns, cleaned.
pub fn results_csv(c: &Campaign) -> Vec<u8> {
    let rows: Vec<Vec<String>> = c
        .results
        .iter()
        .map(|r: &ResultRow| {
            vec![
                opt(r.creator.as_ref()),
                opt(r.deliverable.as_ref()),
                opt(r.platform),
                opt(r.format),
                opt(r.url.as_ref()),
                opt(r.posted_on),
                opt(r.followers),
                opt(r.impressions),
                opt(r.reach),
                opt(r.views),
                opt(r.likes),
                opt(r.comments),
                opt(r.shares),
                opt(r.saves),
                opt(r.clicks),
                opt(r.signups),
                opt(r.orders),
                opt(r.revenue.map(Money::decimal_string)),
                opt(r.boost_spend.map(Money::decimal_string)),
                opt(r.caption.as_ref()),
                opt(r.hook.as_ref()),
                opt(r.source),
            ]
        })
        .collect();
    csv_table(crate::validate::RESULT_COLUMNS, &rows)
}

fn sum(s: &Sum) -> Value {
    s.value.map(Value::from).unwrap_or(Value::Null)
}

fn money(m: Option<Money>) -> Value {
    m.map(|x| Value::from(x.decimal_string()))
        .unwrap_or(Value::Null)
}

fn rate(r: &Rate) -> Value {
    json!({
        "value": r.value,
        "numerator": r.numerator,
        "denominator": r.denominator,
        "denominator_name": r.denominator_name,
        "rows": r.rows,
        "sources": r.sources,
    })
}

fn totals(m: &Metrics, with_cost: bool) -> Value {
    let mut t = json!({
        "impressions": sum(&m.impressions),
        "reach": sum(&m.reach),
        "views": sum(&m.views),
        "likes": sum(&m.likes),
        "comments": sum(&m.comments),
        "shares": sum(&m.shares),
        "saves": sum(&m.saves),
        "clicks": sum(&m.clicks),
        "signups": sum(&m.signups),
        "orders": sum(&m.orders),
        "engagements": sum(&m.engagements),
        "conversions": sum(&m.conversions),
        "revenue": money(m.revenue.value),
    });
    if with_cost && let Some(o) = t.as_object_mut() {
        o.insert("cost".into(), money(m.cost));
    }
    t
}

fn rates(m: &Metrics, with_cost: bool) -> Value {
    let map: serde_json::Map<String, Value> = RATE_METRICS
        .iter()
        .filter(|k| with_cost || !k.uses_cost())
        .filter_map(|k| k.rate(m).map(|r| (k.key().to_string(), rate(r))))
        .collect();
    Value::Object(map)
}

/// A breakdown: group → posts, totals and rates. Cost and cost-based rates only `with_cost`
/// (per-creator cost would reveal fees).
fn breakdown(groups: &BTreeMap<String, Metrics>, with_cost: bool) -> Value {
    let map: serde_json::Map<String, Value> = groups
        .iter()
        .map(|(k, m)| {
            (
                k.clone(),
                json!({
                    "posts": m.posts,
                    "totals": totals(m, with_cost),
                    "rates": rates(m, with_cost),
                }),
            )
        })
        .collect();
    Value::Object(map)
}

/// A target value as JSON: money as a decimal string, the rest as numbers.
fn target_value(kind: Kind, v: Option<f64>) -> Value {
    match (kind, v) {
        (_, None) => Value::Null,
        (Kind::Money, Some(x)) => metrics::decimal_of(x)
            .map(|d| Value::from(d.to_string()))
            .unwrap_or(Value::Null),
        (Kind::Count, Some(x)) => Value::from(x.round() as i64),
        (_, Some(x)) => Value::from(x),
    }
}

/// What `report.json` is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportJson<'a> {
    /// The campaign.
    pub campaign: &'a Campaign,
    /// Its facts (the same the page shows).
    pub facts: &'a CampaignFacts,
    /// Fees shown (already reflects the audience).
    pub show_fees: bool,
    /// Benchmarks shown (already reflects the audience).
    pub show_benchmarks: bool,
}

/// Totals and rates of a set of rows, as the top level has them.
fn block(m: &Metrics, with_cost: bool) -> Value {
    json!({
        "posts": m.posts,
        "totals": totals(m, with_cost),
        "rates": rates(m, with_cost),
    })
}

/// `{metric: {median, campaigns}}`, cost metrics only `with_cost`.
fn benchmarks(b: &BTreeMap<Metric, Benchmark>, with_cost: bool) -> Value {
    let map: serde_json::Map<String, Value> = b
        .iter()
        .filter(|(k, _)| with_cost || !k.uses_cost())
        .map(|(k, v)| {
            (
                k.key().to_string(),
                json!({ "median": v.median, "campaigns": v.campaigns }),
            )
        })
        .collect();
    Value::Object(map)
}

fn grouped_benchmarks(g: &BTreeMap<String, BTreeMap<Metric, Benchmark>>, with_cost: bool) -> Value {
    let map: serde_json::Map<String, Value> = g
        .iter()
        .map(|(k, b)| (k.clone(), benchmarks(b, with_cost)))
        .collect();
    Value::Object(map)
}

/// `report.json` (SPEC §3, §6; schema in docs/reports.md): objective, primary metrics, as_of,
/// totals (money as decimal strings), rates as fractions with their numerator, denominator and
/// rows, organic and boosted rows, breakdowns by creator, platform, format and hook, the targets
/// with their verdicts, and the benchmarks. Cost follows the page's rule ([`CostShown`]).
pub fn report_json(r: &ReportJson<'_>) -> Value {
    let c = r.campaign;
    let f = r.facts;
    let m = &f.totals;
    let cost = CostShown::new(r.show_fees, f);
    let hidden = !cost.campaign;
    let targets: Vec<Value> = f
        .verdicts
        .iter()
        .map(|v| {
            let secret = hidden && v.def.metric.uses_cost();
            json!({
                "metric": v.def.key,
                "target": target_value(v.def.kind, Some(v.target)),
                "actual": if secret { Value::Null } else { target_value(v.def.kind, v.actual) },
                "lower_is_better": v.def.lower_is_better,
                "verdict": match v.met {
                    Some(true) => "met",
                    Some(false) => "missed",
                    None => "unknown",
                },
                "difference": if secret { Value::Null } else { target_value(v.def.kind, v.difference) },
                "relative": if secret { None } else { v.relative },
                "counted": v.same_as.is_none(),
                "same_as": v.same_as.map(Metric::key),
            })
        })
        .collect();
    let by =
        |key: fn(&ResultRow) -> Option<String>| breakdown(&metrics::breakdown(c, key), cost.groups);
    let mut out = json!({
        "campaign": c.slug.as_str(),
        "title": c.title,
        "currency": c.currency,
        "objective": f.objective.map(|o| o.as_str()),
        "primary": f.primary.iter().map(|k| k.key()).collect::<Vec<_>>(),
        "as_of": f.as_of.map(|d| d.to_string()),
        "posts": m.posts,
        "totals": totals(m, cost.campaign),
        "rates": rates(m, cost.campaign),
        "organic": block(&f.organic, cost.groups),
        "boosted": block(&f.boosted, cost.groups),
        "breakdowns": {
            "creator": by(|r| r.creator.as_ref().map(|h| h.to_string())),
            "platform": by(|r| r.platform.map(|p| p.to_string())),
            "format": by(|r| r.format.map(|f| f.to_string())),
            "hook": by(|r| r.hook.clone()),
        },
        "targets": targets,
    });
    if r.show_benchmarks
        && let Some(o) = out.as_object_mut()
    {
        let b = &f.benchmarks;
        o.insert("benchmarks".into(), benchmarks(&b.overall, cost.groups));
        o.insert(
            "benchmarks_by_platform".into(),
            grouped_benchmarks(&b.by_platform, cost.groups),
        );
        o.insert(
            "benchmarks_by_format".into(),
            grouped_benchmarks(&b.by_format, cost.groups),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("#ad hello"), "#ad hello");
        let out = String::from_utf8(csv_table(&["a"], &[vec!["+1".into()]])).unwrap_or_default();
        assert_eq!(out, "a\r\n'+1\r\n");
    }
}
