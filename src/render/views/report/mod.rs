//! The campaign report's view, in the SPEC's order: the objective-led verdict and its KPI cards,
//! the other KPI cards, organic vs boosted, budget vs spend, charts, per-creator table, top posts,
//! what beat the median, compliance, narrative, methodology. Every figure comes from the
//! campaign's [`CampaignFacts`]; this module and its children only choose and format.

mod cards;
mod charts;
mod method;
mod tables;

pub use super::compliance::{ComplianceRow, DisclosureMethod};
pub use cards::{Kpi, SplitRow, TargetRow};
pub use charts::{Chart, cumulative};
pub use method::Method;
pub(super) use tables::post_what;
pub use tables::{CreatorRow, MedianRow, MedianSection, PostRow};

use super::{count, percent};
use crate::compute::facts::{CampaignFacts, CostShown};
use crate::compute::metrics::{self, Kind, Metric};
use crate::model::{Campaign, Config, Creator, Date, Handle, Money, Objective};
use crate::render::escape::SafeHtml;
use crate::render::markdown;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// "Numbers as of Apr 20, 2026".
    pub as_of: Option<String>,
    /// Number of posts.
    pub posts: usize,
    /// The objective's answer in one sentence.
    pub lead: String,
    /// Headline: targets met out of set, each quantity counted once.
    pub verdict: String,
    /// Each target, met or missed and by how much.
    pub targets: Vec<TargetRow>,
    /// The objective's primary and efficiency metrics, first.
    pub primary_kpis: Vec<Kpi>,
    /// The other KPI cards, every cost metric among them.
    pub kpis: Vec<Kpi>,
    /// Why some cost figures are not shown, when they are not.
    pub cost_note: Option<String>,
    /// Organic vs boosted rows, side by side.
    pub split: Vec<SplitRow>,
    /// Posts boosted and organic, in words.
    pub split_note: String,
    /// Benchmarks by platform and format, when shown.
    pub benchmarks: Vec<cards::BenchmarkRow>,
    /// Whether benchmarks are shown.
    pub show_benchmarks: bool,
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
    /// What ranks the top posts.
    pub top_by: String,
    /// The best posts by the objective's metric.
    pub top_posts: Vec<PostRow>,
    /// "What beat the campaign median", on engagement rate and the efficiency metric.
    pub medians: Vec<MedianSection>,
    /// Each post's disclosure, hashtag and rights status.
    pub compliance: Vec<ComplianceRow>,
    /// Whether fees (and per-creator cost metrics) are shown.
    pub show_fees: bool,
    /// The narrative, as HTML.
    pub narrative_html: SafeHtml,
    /// Methodology lines.
    pub methodology: Vec<Method>,
    /// The disclosure rules behind the compliance section.
    pub disclosure_rules: DisclosureMethod,
}

/// What the report view is built from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInputs<'a> {
    /// Portal settings (disclosure cut-off, brand).
    pub config: &'a Config,
    /// The campaign.
    pub campaign: &'a Campaign,
    /// Its facts, computed once.
    pub facts: &'a CampaignFacts,
    /// The roster, for names.
    pub creators: &'a BTreeMap<Handle, Creator>,
    /// Show fees and per-creator cost metrics (already reflects the audience).
    pub show_fees: bool,
    /// Show benchmarks (already reflects the audience).
    pub show_benchmarks: bool,
    /// The team audience: roster-based figures (the forecast's fallback) may be shown.
    pub team: bool,
    /// Today, for rights status.
    pub today: Date,
}

impl ReportInputs<'_> {
    fn cost(&self) -> CostShown {
        CostShown::new(self.show_fees, self.facts)
    }

    fn currency(&self) -> &str {
        self.campaign.currency.as_str()
    }

    /// A metric's value as shown: "—" when unknown or when its cost may not be shown.
    fn shown(&self, m: &metrics::Metrics, metric: Metric, whole: bool) -> String {
        let allowed = if whole {
            self.cost().campaign
        } else {
            self.cost().groups
        };
        if metric.uses_cost() && !allowed {
            return "not shown".into();
        }
        format_value(
            metric.def().kind,
            metrics::actual(m, metric),
            self.currency(),
        )
    }
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

pub(in crate::render::views) fn name_of(
    creators: &BTreeMap<Handle, Creator>,
    h: Option<&Handle>,
) -> String {
    match h {
        Some(h) => creators
            .get(h)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| h.to_string()),
        None => metrics::NOT_STATED.into(),
    }
}

/// The objective's answer: its primary metrics, then its efficiency where cost may be shown.
fn lead(inp: &ReportInputs<'_>) -> String {
    let f = inp.facts;
    let m = &f.totals;
    let v = |k: Metric| inp.shown(m, k, true);
    let Some(o) = f.objective else {
        return "No objective is set for this campaign; the numbers below are not weighed \
                against one."
            .into();
    };
    let er = format!("÷ {}", m.engagement_rate.denominator_name);
    let (what, cost) = match o {
        Objective::Awareness => (
            format!(
                "{} people reached with {} impressions",
                v(Metric::Reach),
                v(Metric::Impressions)
            ),
            format!("a CPM of {}", v(Metric::Cpm)),
        ),
        Objective::Engagement => (
            format!(
                "{} engagements, an engagement rate of {} ({er})",
                v(Metric::Engagements),
                v(Metric::EngagementRate)
            ),
            format!("{} per engagement", v(Metric::Cpe)),
        ),
        Objective::Traffic => (
            format!(
                "{} clicks at a click-through rate of {}",
                v(Metric::Clicks),
                v(Metric::Ctr)
            ),
            format!("{} per click", v(Metric::Cpc)),
        ),
        Objective::Sales => (
            format!(
                "{} conversions and {} in revenue",
                v(Metric::Conversions),
                v(Metric::Revenue)
            ),
            format!(
                "{} per acquisition and a ROAS of {}",
                v(Metric::Cpa),
                v(Metric::Roas)
            ),
        ),
    };
    let label = match o {
        Objective::Awareness => "Awareness",
        Objective::Engagement => "Engagement",
        Objective::Traffic => "Traffic",
        Objective::Sales => "Sales",
    };
    let mut s = format!("{label} campaign: {what}");
    if inp.cost().campaign {
        s.push_str(&format!(", at {cost}"));
    }
    s.push('.');
    s
}

/// "2 of 3 targets met", each quantity counted once.
fn headline(f: &CampaignFacts) -> String {
    let counted: Vec<&metrics::Verdict> = metrics::counted(&f.verdicts).collect();
    if counted.is_empty() {
        return "No targets were set for this campaign.".into();
    }
    let met = counted.iter().filter(|v| v.met == Some(true)).count();
    let unknown = counted.iter().filter(|v| v.met.is_none()).count();
    let n = counted.len();
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
    for v in f.verdicts.iter().filter(|v| v.same_as.is_some()) {
        if let Some(a) = v.same_as {
            s.push_str(&format!(
                " The {} and {} targets measure the same quantity and count once.",
                a.def().label.to_lowercase(),
                v.def.label.to_lowercase()
            ));
        }
    }
    s
}

/// Builds the report view.
pub fn report_view(inp: &ReportInputs<'_>) -> ReportView {
    let c = inp.campaign;
    let f = inp.facts;
    let m = &f.totals;
    let cur = inp.currency();
    let cost = inp.cost();
    let (budget_note, budget_used) = if cost.campaign {
        method::budget_lines(c, m)
    } else {
        (None, None)
    };
    let money = |v: Option<Money>| v.map(|x| x.display(cur)).unwrap_or_else(|| "—".into());
    let spend_parts = if cost.campaign {
        vec![
            super::Fact {
                label: "Fees, product and shipping".into(),
                value: money(m.fixed_cost),
            },
            super::Fact {
                label: "Boost spend".into(),
                value: money(m.boost_spend.value),
            },
        ]
    } else {
        Vec::new()
    };
    let report = c.report.as_ref();
    let (primary_kpis, kpis) = cards::kpis(inp);
    let (top_by, top_posts) = tables::top_posts(inp);
    ReportView {
        title: report
            .and_then(|r| r.title.clone())
            .unwrap_or_else(|| format!("{} — results", c.title)),
        campaign: c.title.clone(),
        dates: match (c.start, c.end) {
            (Some(a), Some(z)) => Some(format!("{} – {}", a.human(), z.human())),
            _ => None,
        },
        objective: f.objective.map(|o| o.as_str().to_string()),
        as_of: f.as_of.map(|d| format!("Numbers as of {}", d.human())),
        posts: m.posts,
        lead: lead(inp),
        verdict: headline(f),
        targets: cards::targets(inp),
        primary_kpis,
        kpis,
        cost_note: (!cost.groups).then(|| cards::cost_note(cost)),
        split: cards::split(inp),
        split_note: format!(
            "{} boosted post{} (boost spend above 0) and {} organic.",
            f.boosted.posts,
            if f.boosted.posts == 1 { "" } else { "s" },
            f.organic.posts
        ),
        benchmarks: if inp.show_benchmarks {
            cards::benchmark_rows(inp)
        } else {
            Vec::new()
        },
        show_benchmarks: inp.show_benchmarks,
        budget: c.budget.total.map(|b| b.display(cur)),
        spend: if cost.campaign {
            money(m.cost)
        } else {
            "not shown".into()
        },
        budget_note,
        budget_used,
        spend_parts,
        charts: charts::charts(inp),
        creators: tables::creator_rows(inp),
        top_by,
        top_posts,
        medians: tables::medians(inp),
        compliance: super::compliance::compliance(inp),
        show_fees: cost.groups,
        narrative_html: report
            .map(|r| markdown::render(&r.narrative.text, 1))
            .unwrap_or_default(),
        methodology: method::methodology(inp),
        disclosure_rules: super::compliance::disclosure_method(c),
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
