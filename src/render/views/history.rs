//! A creator's history on the roster (SPEC §6 "Team pages"): per campaign with a brief for them,
//! the fee, posts, engagement rate with its denominator, CPA, revenue, ROAS, and drafts on time
//! of those due.

use super::percent;
use super::report::format_value;
use crate::compute::metrics::{Kind, Metrics};
use crate::model::{Brief, Campaign, Date, DeliverableStatus};
use crate::render::routes;
use serde::Serialize;

/// A creator's results in one campaign.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    /// Campaign title.
    pub campaign: String,
    /// Overview href from the site root.
    pub href: String,
    /// The fee agreed in the brief.
    pub fee: String,
    /// Posts in `results.csv`.
    pub posts: usize,
    /// Engagement rate, with its denominator.
    pub engagement_rate: String,
    /// Cost per engagement.
    pub cpe: String,
    /// Cost per acquisition.
    pub cpa: String,
    /// Revenue.
    pub revenue: String,
    /// Return on ad spend.
    pub roas: String,
    /// "2 of 3": drafts handed in of those due by today; "—" when none is due.
    pub drafts_on_time: String,
}

/// Of the brief's deliverables whose draft was due by `today`, how many have their draft in: a
/// status past `planned`. campsite records no submission date, so a draft counts as on time
/// when it is in; one still `planned` after its due date is late.
fn drafts_on_time(b: &Brief, today: Date) -> String {
    let due: Vec<DeliverableStatus> = b
        .deliverables
        .iter()
        .filter(|d| d.status != DeliverableStatus::Cancelled)
        .filter(|d| d.draft_due.is_some_and(|x| x <= today))
        .map(|d| d.status)
        .collect();
    if due.is_empty() {
        return "—".into();
    }
    let done = due
        .iter()
        .filter(|s| **s != DeliverableStatus::Planned)
        .count();
    format!("{done} of {}", due.len())
}

/// The row of campaign `camp`, for the creator of brief `b`, whose metrics there are `m`.
pub fn row(camp: &Campaign, b: &Brief, m: &Metrics, today: Date) -> HistoryRow {
    let cur = camp.currency.as_str();
    HistoryRow {
        campaign: camp.title.clone(),
        href: routes::team_campaign_dir(camp.slug.as_str()),
        fee: b.fee.map(|f| f.display(cur)).unwrap_or_else(|| "—".into()),
        posts: m.posts,
        engagement_rate: match m.engagement_rate.value {
            Some(v) => format!(
                "{} (÷ {})",
                percent(Some(v)),
                m.engagement_rate.denominator_name
            ),
            None => "—".into(),
        },
        cpe: format_value(Kind::Money, m.cpe.value, cur),
        cpa: format_value(Kind::Money, m.cpa.value, cur),
        revenue: m
            .revenue
            .value
            .map(|x| x.display(cur))
            .unwrap_or_else(|| "—".into()),
        roas: format_value(Kind::Multiple, m.roas.value, cur),
        drafts_on_time: drafts_on_time(b, today),
    }
}
