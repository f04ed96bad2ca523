//! Team-only views: dashboard, campaign overviews, roster, creator pages and private links.

use super::{Fact, count};
use crate::compute::Derived;
use crate::compute::schedule::timing;
use crate::model::{Campaign, Creator, DeliverableStatus, Portal};
use crate::render::routes;
use serde::Serialize;

/// A campaign in lists.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignItem {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Status.
    pub status: String,
    /// Dates in words.
    pub dates: String,
    /// Number of briefs.
    pub briefs: usize,
    /// Number of result rows.
    pub posts: usize,
    /// Overview href from the site root.
    pub href: String,
}

/// One brief in a campaign overview.
#[derive(Debug, Clone, Serialize)]
pub struct BriefItem {
    /// Creator name.
    pub name: String,
    /// Handle.
    pub handle: String,
    /// Fee.
    pub fee: Option<String>,
    /// Brief version.
    pub version: u32,
    /// Private link from the site root.
    pub href: String,
    /// Absolute URL to send.
    pub url: String,
    /// Where the next deliverable stands.
    pub next: String,
    /// The date of that milestone, in words.
    pub next_date: Option<String>,
    /// The date of that milestone, ISO.
    pub next_date_iso: Option<String>,
    /// The deliverables' statuses in words: "1 live, 2 planned".
    pub status: String,
    /// Timing kind of the most urgent deliverable.
    pub timing: &'static str,
    /// Revoked flag.
    pub revoked: bool,
}

/// The campaign overview page.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignView {
    /// The campaign in lists.
    pub item: CampaignItem,
    /// Summary.
    pub summary: Option<String>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Briefs.
    pub briefs: Vec<BriefItem>,
    /// Report href from the site root.
    pub report_href: Option<String>,
    /// Targets and forecast, fees against the budget, payments due (filled in by the render).
    pub week: Option<super::overview::OverviewExtras>,
}

/// A creator in the roster.
#[derive(Debug, Clone, Serialize)]
pub struct CreatorItem {
    /// Name.
    pub name: String,
    /// Handle.
    pub handle: String,
    /// Location.
    pub location: Option<String>,
    /// Niches.
    pub niches: String,
    /// Total followers.
    pub followers: String,
    /// Rates in words.
    pub rates: Vec<Fact>,
    /// Scorecard.
    pub scorecard: Vec<Fact>,
    /// Weighted score, one decimal.
    pub score: Option<String>,
    /// Internal notes.
    pub notes: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Manager.
    pub manager: Option<String>,
    /// Page href from the site root.
    pub href: String,
    /// Channels.
    pub platforms: Vec<Fact>,
    /// Campaigns with a brief for this creator.
    pub campaigns: Vec<Fact>,
    /// Past performance: one row per campaign with a brief for this creator.
    pub history: Vec<HistoryRow>,
    /// Status, audience, reliability and bookings (filled in by the render, which has the tokens).
    pub roster: Option<super::roster::CreatorExtras>,
}

pub use super::history::HistoryRow;
pub use super::portfolio::{Portfolio, PortfolioRow, portfolio};

/// A row of the private links page.
#[derive(Debug, Clone, Serialize)]
pub struct LinkRow {
    /// `brief`, `report` or `plan`.
    pub kind: &'static str,
    /// Campaign slug.
    pub campaign: String,
    /// Creator handle (briefs).
    pub creator: Option<String>,
    /// Creator name (briefs).
    pub name: Option<String>,
    /// Contact e-mail (briefs).
    pub email: Option<String>,
    /// Absolute URL.
    pub url: String,
    /// Path from the site root.
    pub path: String,
    /// `#key` when private pages are encrypted (SPEC §6), else empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fragment: String,
}

/// Campaign list items.
pub fn campaign_items(p: &Portal) -> Vec<CampaignItem> {
    p.campaigns.values().map(|c| campaign_item(c)).collect()
}

fn campaign_item(c: &Campaign) -> CampaignItem {
    CampaignItem {
        title: c.title.clone(),
        slug: c.slug.to_string(),
        status: c.status.as_str().to_string(),
        dates: match (c.start, c.end) {
            (Some(a), Some(z)) => format!("{} – {}", a.human(), z.human()),
            (Some(a), None) => format!("from {}", a.human()),
            _ => String::new(),
        },
        briefs: c.briefs.len(),
        posts: c.results.len(),
        href: routes::team_campaign_dir(c.slug.as_str()),
    }
}

/// Every private link of the portal, briefs then reports then plans, sorted.
pub fn link_rows(p: &Portal, d: &Derived) -> Vec<LinkRow> {
    let mut rows: Vec<LinkRow> = p
        .campaigns
        .values()
        .flat_map(|c| brief_link_rows(p, c, d))
        .collect();
    rows.extend(page_link_rows(p, d));
    rows
}

/// The private links of `c`'s briefs, by creator.
pub fn brief_link_rows(p: &Portal, c: &Campaign, d: &Derived) -> Vec<LinkRow> {
    let base = &p.config.base_url;
    let mut rows = Vec::new();
    for handle in c.briefs.keys() {
        let Some(token) = d.brief_token(&c.slug, handle) else {
            continue;
        };
        let creator = p.creators.get(handle);
        let path = routes::brief_dir(token);
        rows.push(LinkRow {
            kind: "brief",
            campaign: c.slug.to_string(),
            creator: Some(handle.to_string()),
            name: creator.map(|c| c.name.clone()),
            email: creator.and_then(|c| c.email.clone()),
            url: format!("{base}/{path}{}", d.link_fragment(&path)),
            fragment: d.link_fragment(&path),
            path,
        });
    }
    rows
}

/// The private links of the portal's reports, then its plans.
pub fn page_link_rows(p: &Portal, d: &Derived) -> Vec<LinkRow> {
    let base = &p.config.base_url;
    let mut rows = Vec::new();
    let reports = d
        .report_tokens
        .iter()
        .map(|(s, t)| ("report", s, routes::report_dir(t)));
    let plans = d
        .plan_tokens
        .iter()
        .map(|(s, t)| ("plan", s, routes::plan_dir(t)));
    for (kind, slug, path) in reports.chain(plans) {
        rows.push(LinkRow {
            kind,
            campaign: slug.to_string(),
            creator: None,
            name: None,
            email: None,
            url: format!("{base}/{path}{}", d.link_fragment(&path)),
            fragment: d.link_fragment(&path),
            path,
        });
    }
    rows
}

/// The overview of one campaign.
pub fn campaign_view(p: &Portal, c: &Campaign, d: &Derived) -> CampaignView {
    let briefs = c
        .briefs
        .values()
        .map(|b| {
            let token = d
                .brief_token(&c.slug, &b.creator)
                .cloned()
                .unwrap_or_default();
            let path = routes::brief_dir(&token);
            let most_urgent = b
                .deliverables
                .iter()
                .map(|x| timing(x, d.today))
                .min_by_key(|t| (urgency(t.kind), t.date));
            BriefItem {
                name: p.creator_name(&b.creator),
                handle: b.creator.to_string(),
                fee: b.fee.map(|f| f.display(&c.currency)),
                version: b.version,
                url: format!("{}/{path}{}", p.config.base_url, d.link_fragment(&path)),
                href: format!("{path}{}", d.link_fragment(&path)),
                next: most_urgent
                    .as_ref()
                    .map(|t| t.label.clone())
                    .unwrap_or_else(|| "no deliverables".into()),
                next_date: most_urgent.as_ref().and_then(|t| t.date).map(|x| x.human()),
                next_date_iso: most_urgent.as_ref().and_then(|t| t.date).map(|x| x.iso()),
                status: status_summary(b),
                timing: most_urgent.map(|t| t.kind).unwrap_or("no-date"),
                revoked: b.revoked,
            }
        })
        .collect();
    let mut facts = vec![];
    if let Some(o) = c.objective {
        facts.push(Fact {
            label: "Objective".into(),
            value: o.as_str().into(),
        });
    }
    if let Some(f) = c.format {
        facts.push(Fact {
            label: "Format".into(),
            value: f.as_str().into(),
        });
    }
    if let Some(b) = c.budget.total {
        facts.push(Fact {
            label: "Budget".into(),
            value: b.display(&c.currency),
        });
    }
    if !c.platforms.is_empty() {
        facts.push(Fact {
            label: "Platforms".into(),
            value: c
                .platforms
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    CampaignView {
        item: campaign_item(c),
        summary: c.summary.clone(),
        facts,
        briefs,
        report_href: d.report_tokens.get(&c.slug).map(|t| {
            let dir = routes::report_dir(t);
            format!("{dir}{}", d.link_fragment(&dir))
        }),
        week: Some(super::overview::overview_extras(p, c, d.today)),
    }
}

/// How many deliverables stand at each status, in the workflow's order: "1 live, 2 planned".
fn status_summary(b: &crate::model::Brief) -> String {
    let mut counts: std::collections::BTreeMap<u8, (u32, &'static str)> = Default::default();
    for d in &b.deliverables {
        let (order, name) = match d.status {
            DeliverableStatus::Planned => (0, "planned"),
            DeliverableStatus::DraftSubmitted => (1, "draft submitted"),
            DeliverableStatus::ChangesRequested => (2, "changes requested"),
            DeliverableStatus::Approved => (3, "approved"),
            DeliverableStatus::Live => (4, "live"),
            DeliverableStatus::Cancelled => (5, "cancelled"),
        };
        counts.entry(order).or_insert((0, name)).0 += 1;
    }
    if counts.is_empty() {
        return "no deliverables".into();
    }
    counts
        .values()
        .map(|(n, name)| format!("{n} {name}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn urgency(kind: &str) -> u8 {
    match kind {
        "overdue" => 0,
        "due-today" => 1,
        "due-soon" => 2,
        "upcoming" => 3,
        "no-date" => 4,
        "done" => 5,
        _ => 6,
    }
}

/// A creator for the roster and their page:
/// `campaigns` (each campaign with a brief for the creator: its fee) and `history` (their results
/// there) come from the creator's shares of those campaigns ([`super::creator_page`]).
pub fn creator_item(
    p: &Portal,
    c: &Creator,
    campaigns: Vec<Fact>,
    history: Vec<super::history::HistoryRow>,
) -> CreatorItem {
    let followers: Option<u64> = c
        .platforms
        .iter()
        .filter_map(|x| x.followers)
        .reduce(|a, b| a + b);
    let weights = crate::compute::scorecard::Weights::from_extra(&p.config.extra);
    let score = crate::compute::scorecard::score(c, &weights);
    CreatorItem {
        name: c.name.clone(),
        handle: c.handle.to_string(),
        location: c.location.clone(),
        niches: c.niches.join(", "),
        followers: count(followers),
        rates: c
            .rates
            .iter()
            .map(|(f, m)| Fact {
                label: f.as_str().into(),
                value: m.display(&p.config.currency),
            })
            .collect(),
        scorecard: c
            .scorecard
            .iter()
            .map(|(k, v)| Fact {
                label: k.replace('_', " "),
                value: format!("{v}/5"),
            })
            .collect(),
        score: score.map(|s| format!("{s:.1}")),
        notes: c.notes.clone(),
        email: c.email.clone(),
        manager: c.manager.clone(),
        href: routes::team_creator_dir(c.handle.as_str()),
        platforms: c
            .platforms
            .iter()
            .map(|x| Fact {
                label: x.name.label().into(),
                value: format!(
                    "{} · {} followers{}",
                    x.handle.clone().unwrap_or_default(),
                    count(x.followers),
                    x.avg_engagement_rate
                        .map(|e| format!(" · {:.1}% ER", e * 100.0))
                        .unwrap_or_default()
                ),
            })
            .collect(),
        campaigns,
        history,
        roster: None,
    }
}
