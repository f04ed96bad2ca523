//! The report's methodology appendix (every formula from the metric table, with the inputs and
//! sources behind each number) and its budget line.

use super::ReportInputs;
use crate::compute::benchmarks::{MIN_CAMPAIGNS, MIN_CAMPAIGNS_BY_GROUP};
use crate::compute::metrics::{Metric, Metrics, RATE_METRICS, Rate, SourceMix, Sum};
use crate::model::{Campaign, Money};
use crate::render::views::count;
use rust_decimal::Decimal;
use serde::Serialize;

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

fn method(metric: &str, formula: &str, detail: String, sources: SourceMix) -> Method {
    Method {
        metric: metric.into(),
        formula: formula.into(),
        detail,
        sources: sources.words(),
    }
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

fn sum_of(m: &Metrics, k: Metric) -> &Sum {
    match k {
        Metric::Impressions => &m.impressions,
        Metric::Reach => &m.reach,
        Metric::Views => &m.views,
        Metric::Engagements => &m.engagements,
        Metric::Clicks => &m.clicks,
        _ => &m.conversions,
    }
}

/// Every line of the appendix.
pub fn methodology(inp: &ReportInputs<'_>) -> Vec<Method> {
    let c = inp.campaign;
    let f = inp.facts;
    let m = &f.totals;
    let p = m.posts;
    let cost = inp.cost();
    let as_of = c.report.as_ref().and_then(|r| r.as_of);
    let mut out = vec![method(
        "As of",
        "report.md `as_of`, else the latest `posted_on` in results.csv",
        match (as_of, f.as_of) {
            (Some(d), _) => format!("{} (set in report.md)", d.human()),
            (None, Some(d)) => format!("{} (latest posted_on)", d.human()),
            (None, None) => "— (no date given)".into(),
        },
        SourceMix::default(),
    )];
    out.extend(
        [
            Metric::Impressions,
            Metric::Reach,
            Metric::Views,
            Metric::Engagements,
            Metric::Clicks,
            Metric::Conversions,
        ]
        .into_iter()
        .map(|k| {
            let s = sum_of(m, k);
            method(k.def().label, k.def().formula, sum_detail(s, p), s.sources)
        }),
    );
    let cur = inp.currency();
    let money = |v: Option<Money>| v.map(|x| x.display(cur)).unwrap_or_else(|| "—".into());
    out.push(method(
        "Revenue",
        Metric::Revenue.def().formula,
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
        if cost.campaign {
            format!(
                "{} fixed for {} creators + {} boost = {}",
                money(m.fixed_cost),
                c.briefs.len(),
                money(m.boost_spend.value.or(Some(Money(Decimal::ZERO)))),
                money(m.cost)
            )
        } else {
            "not shown: fees are private and fewer than two creators are paid one".into()
        },
        m.boost_spend.sources,
    ));
    out.push(method(
        "Row cost",
        "a row's creator's (fee + product + shipping) ÷ that creator's rows, + the row's own \
         boost spend; boosted rows have boost_spend above 0, organic rows do not",
        format!(
            "{} organic and {} boosted rows; creators without rows carry their cost only in the \
             campaign total",
            f.organic.posts, f.boosted.posts
        ),
        SourceMix::default(),
    ));
    for k in RATE_METRICS {
        let Some(r) = k.rate(m) else { continue };
        let detail = if k.uses_cost() && !cost.campaign {
            "not shown: it would give a creator's fee away".into()
        } else {
            rate_detail(r)
        };
        out.push(method(k.def().short, k.def().formula, detail, r.sources));
    }
    if let Some(v) = f.verdicts.iter().find(|v| v.same_as.is_some())
        && let Some(a) = v.same_as
    {
        out.push(method(
            "Targets met",
            "each quantity counts once: two targets on the same numbers are one target",
            format!(
                "every conversion here is a row's {}, so the {} and {} targets count once",
                a.def().label.to_lowercase(),
                a.key(),
                v.def.key
            ),
            SourceMix::default(),
        ));
    }
    if !f.forecast.metrics.is_empty() {
        out.push(method(
            "Forecast from past results",
            "per booked deliverable: the mean of the creator's posts of the same format in the \
             portal's other campaigns, the range their lowest to highest, summed; without such \
             posts, engagements = the roster's followers × engagement rate on that platform",
            f.forecast
                .basis
                .iter()
                .map(|b| format!("{} {} × {}: {}", b.creator, b.count, b.format, b.method))
                .collect::<Vec<_>>()
                .join("; "),
            SourceMix::default(),
        ));
    }
    if inp.show_benchmarks {
        out.push(method(
            "Benchmarks",
            "the median of each metric over the portal's other campaigns with status \
             \"complete\" that know it (money metrics: same currency only)",
            format!(
                "a median over fewer than {MIN_CAMPAIGNS} campaigns is shown as —; by platform \
                 and format, groups that fewer than {MIN_CAMPAIGNS_BY_GROUP} campaigns know are \
                 left out"
            ),
            SourceMix::default(),
        ));
    }
    out
}

/// Budget left or overrun, and the share used for the meter.
pub fn budget_lines(c: &Campaign, m: &Metrics) -> (Option<String>, Option<u32>) {
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
