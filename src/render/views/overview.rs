//! What the campaign overview adds for the team's week: targets and forecast beside the
//! actuals, fees committed against the budget, the payments due, and the shortlist link.

use super::registers::{self, CampaignPayments};
use crate::compute::metrics::{self, METRICS};
use crate::model::{Campaign, Date, Portal};
use serde::Serialize;

/// A target (or forecast) row of the overview.
#[derive(Debug, Clone, Serialize)]
pub struct PlanRow {
    /// Metric label.
    pub label: String,
    /// Target, in words (`—` when none).
    pub target: String,
    /// Forecast, in words (`—` when none).
    pub forecast: String,
    /// Actual so far, in words.
    pub actual: String,
}

/// An instalment not paid yet.
#[derive(Debug, Clone, Serialize)]
pub struct Unpaid {
    /// The register's record.
    pub record: registers::PaymentRecord,
    /// Its amount in words.
    pub amount: String,
}

/// The overview's additions.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewExtras {
    /// Metrics with a target or a forecast.
    pub plan: Vec<PlanRow>,
    /// Fees committed against the budget, and the instalments.
    pub payments: CampaignPayments,
    /// The instalments not paid yet (overdue first), with their amounts in words.
    pub unpaid: Vec<Unpaid>,
    /// Handles of the campaign's creators marked `do-not-book`.
    pub do_not_book: Vec<String>,
    /// The shortlist page, from the site root.
    pub shortlist_href: String,
}

/// The overview's additions for `c` on `today`.
pub fn overview_extras(p: &Portal, c: &Campaign, today: Date) -> OverviewExtras {
    let m = metrics::campaign_metrics(c);
    let cur = c.currency.as_str();
    let plan = METRICS
        .iter()
        .filter_map(|d| {
            let t = metrics::planned(&c.targets, d.metric);
            let f = metrics::planned(&c.forecast, d.metric);
            if t.is_none() && f.is_none() {
                return None;
            }
            let fmt = |v| super::report::format_value(d.kind, v, cur);
            Some(PlanRow {
                label: d.label.to_string(),
                target: fmt(t),
                forecast: fmt(f),
                actual: fmt(metrics::actual(&m, d.metric)),
            })
        })
        .collect();
    let payments = registers::campaign_payments(p, c, today);
    let mut unpaid: Vec<Unpaid> = payments
        .rows
        .iter()
        .zip(&payments.amounts)
        .filter(|(r, _)| r.status != "paid")
        .map(|(r, a)| Unpaid {
            record: r.clone(),
            amount: a.clone(),
        })
        .collect();
    unpaid.sort_by_key(|u| u.record.status != "overdue");
    OverviewExtras {
        plan,
        payments,
        unpaid,
        do_not_book: c
            .briefs
            .keys()
            .filter(|h| {
                p.creators
                    .get(*h)
                    .is_some_and(|x| x.status == crate::model::CreatorStatus::DoNotBook)
            })
            .map(ToString::to_string)
            .collect(),
        shortlist_href: super::shortlist::shortlist_dir(c.slug.as_str()),
    }
}
