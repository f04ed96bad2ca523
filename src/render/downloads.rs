//! Machine-readable downloads: `results.csv` (formula-safe) and `report.json` (stable interface).

use crate::compute::metrics::{self, Rate, Sum};
use crate::model::{Campaign, Money, ResultRow};
use serde_json::{Value, json};

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

fn rate(r: &Rate) -> Value {
    json!({
        "value": r.value,
        "numerator": r.numerator,
        "denominator": r.denominator,
        "denominator_name": r.denominator_name,
        "rows": r.rows,
    })
}

/// `report.json`: totals, rates with their inputs, breakdowns and targets.
pub fn report_json(c: &Campaign) -> Value {
    let m = metrics::campaign_metrics(c);
    json!({
        "campaign": c.slug.as_str(),
        "title": c.title,
        "currency": c.currency,
        "posts": m.posts,
        "totals": {
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
            "revenue": m.revenue.value.map(Money::decimal_string),
            "cost": m.cost.map(Money::decimal_string),
        },
        "rates": {
            "engagement_rate": rate(&m.engagement_rate),
            "ctr": rate(&m.ctr),
            "conversion_rate": rate(&m.conversion_rate),
            "cpm": rate(&m.cpm),
            "cpe": rate(&m.cpe),
            "cpc": rate(&m.cpc),
            "cpa": rate(&m.cpa),
            "roas": rate(&m.roas),
        },
    })
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
