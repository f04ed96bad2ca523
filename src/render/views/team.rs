//! Team-only views: dashboard, campaign overviews, roster, creator pages and private links.

use super::{Fact, count};
use crate::compute::Derived;
use crate::compute::metrics::{self, Kind};
use crate::compute::schedule::timing;
use crate::model::{Campaign, Creator, DeliverableStatus, Money, Portal};
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
}

/// A creator's results in one campaign (the roster's "past performance").
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    /// Campaign title.
    pub campaign: String,
    /// Overview href from the site root.
    pub href: String,
    /// Posts in `results.csv`.
    pub posts: usize,
    /// Engagement rate, with its denominator.
    pub engagement_rate: String,
    /// Cost per engagement.
    pub cpe: String,
    /// Return on ad spend.
    pub roas: String,
}

/// A campaign's (or all campaigns') row of the portfolio dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRow {
    /// Campaign title, or "All campaigns".
    pub title: String,
    /// Overview href from the site root (none for the totals).
    pub href: Option<String>,
    /// Spend (cost).
    pub spend: String,
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// Conversions.
    pub conversions: String,
    /// Revenue.
    pub revenue: String,
    /// Return on ad spend.
    pub roas: String,
}

/// The portfolio dashboard: each campaign and the totals.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// One row per campaign.
    pub rows: Vec<PortfolioRow>,
    /// Totals across campaigns (money only when every campaign uses one currency).
    pub totals: PortfolioRow,
    /// Why money totals are missing, when they are.
    pub note: Option<String>,
}

fn roas_text(v: Option<f64>) -> String {
    super::report::format_value(Kind::Multiple, v, "")
}

/// The portfolio across every campaign: spend, reach, engagements, conversions, revenue, ROAS.
pub fn portfolio(p: &Portal) -> Portfolio {
    let mut rows = Vec::new();
    let (mut reach, mut eng, mut conv) = (None::<u64>, None::<u64>, None::<u64>);
    let (mut spend, mut revenue) = (None::<Money>, None::<Money>);
    let (mut roas_rev, mut roas_cost) = (Money::ZERO, Money::ZERO);
    let mut currencies = std::collections::BTreeSet::new();
    let add = |acc: &mut Option<u64>, v: Option<u64>| {
        if let Some(v) = v {
            *acc = Some(acc.unwrap_or(0).saturating_add(v));
        }
    };
    for c in p.campaigns.values() {
        let m = metrics::campaign_metrics(c);
        let cur = c.currency.as_str();
        let money = |v: Option<Money>| v.map(|x| x.display(cur)).unwrap_or_else(|| "—".into());
        if m.cost.is_some() || m.revenue.value.is_some() {
            currencies.insert(c.currency.clone());
        }
        add(&mut reach, m.reach.value);
        add(&mut eng, m.engagements.value);
        add(&mut conv, m.conversions.value);
        if let Some(x) = m.cost {
            spend = Some(spend.unwrap_or_default() + x);
        }
        if let Some(x) = m.revenue.value {
            revenue = Some(revenue.unwrap_or_default() + x);
        }
        if let (Some(r), Some(k)) = (m.revenue.value, m.cost) {
            roas_rev = roas_rev + r;
            roas_cost = roas_cost + k;
        }
        rows.push(PortfolioRow {
            title: c.title.clone(),
            href: Some(routes::team_campaign_dir(c.slug.as_str())),
            spend: money(m.cost),
            reach: count(m.reach.value),
            engagements: count(m.engagements.value),
            conversions: count(m.conversions.value),
            revenue: money(m.revenue.value),
            roas: roas_text(m.roas.value),
        });
    }
    let one_currency = currencies.len() <= 1;
    let cur = currencies
        .iter()
        .next()
        .cloned()
        .unwrap_or_else(|| p.config.currency.clone());
    let money = |v: Option<Money>| match v {
        Some(x) if one_currency => x.display(&cur),
        _ => "—".into(),
    };
    let roas = (one_currency && roas_cost.0 > rust_decimal::Decimal::ZERO)
        .then(|| rust_decimal::prelude::ToPrimitive::to_f64(&(roas_rev.0 / roas_cost.0)))
        .flatten();
    Portfolio {
        rows,
        totals: PortfolioRow {
            title: "All campaigns".into(),
            href: None,
            spend: money(spend),
            reach: count(reach),
            engagements: count(eng),
            conversions: count(conv),
            revenue: money(revenue),
            roas: roas_text(roas),
        },
        note: (!one_currency).then(|| {
            format!(
                "Money is not totalled: campaigns use {}.",
                currencies.into_iter().collect::<Vec<_>>().join(", ")
            )
        }),
    }
}

/// A row of the private links page.
#[derive(Debug, Clone, Serialize)]
pub struct LinkRow {
    /// `brief` or `report`.
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
    p.campaigns.values().map(campaign_item).collect()
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

/// Every private link of the portal, briefs then reports, sorted.
pub fn link_rows(p: &Portal, d: &Derived) -> Vec<LinkRow> {
    let base = &p.config.base_url;
    let mut rows = Vec::new();
    for ((slug, handle), token) in &d.brief_tokens {
        let creator = p.creators.get(handle);
        let path = routes::brief_dir(token);
        rows.push(LinkRow {
            kind: "brief",
            campaign: slug.to_string(),
            creator: Some(handle.to_string()),
            name: creator.map(|c| c.name.clone()),
            email: creator.and_then(|c| c.email.clone()),
            url: format!("{base}/{path}{}", d.link_fragment(&path)),
            fragment: d.link_fragment(&path),
            path,
        });
    }
    for (slug, token) in &d.report_tokens {
        let path = routes::report_dir(token);
        rows.push(LinkRow {
            kind: "report",
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
                .brief_tokens
                .get(&(c.slug.clone(), b.creator.clone()))
                .cloned()
                .unwrap_or_default();
            let path = routes::brief_dir(&token);
            let most_urgent = b
                .deliverables
                .iter()
                .map(|x| timing(x, d.today))
                .min_by_key(|t| (urgency(t.kind), t.date));
            BriefItem {
                name: p
                    .creators
                    .get(&b.creator)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| b.creator.to_string()),
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

/// A creator for the roster and their page.
pub fn creator_item(p: &Portal, c: &Creator) -> CreatorItem {
    let followers: Option<u64> = c
        .platforms
        .iter()
        .filter_map(|x| x.followers)
        .reduce(|a, b| a + b);
    let score = (!c.scorecard.is_empty()).then(|| {
        c.scorecard.iter().map(|(_, v)| f64::from(*v)).sum::<f64>() / c.scorecard.len() as f64
    });
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
        campaigns: p
            .campaigns
            .values()
            .filter_map(|camp| {
                camp.briefs.get(&c.handle).map(|b| Fact {
                    label: camp.title.clone(),
                    value: b.fee.map(|f| f.display(&camp.currency)).unwrap_or_default(),
                })
            })
            .collect(),
        history: p
            .campaigns
            .values()
            .filter(|camp| camp.briefs.contains_key(&c.handle))
            .map(|camp| {
                let m = metrics::creator_metrics(camp, &c.handle);
                HistoryRow {
                    campaign: camp.title.clone(),
                    href: routes::team_campaign_dir(camp.slug.as_str()),
                    posts: m.posts,
                    engagement_rate: match m.engagement_rate.value {
                        Some(v) => format!(
                            "{} (÷ {})",
                            super::percent(Some(v)),
                            m.engagement_rate.denominator_name
                        ),
                        None => "—".into(),
                    },
                    cpe: super::report::format_value(Kind::Money, m.cpe.value, &camp.currency),
                    roas: roas_text(m.roas.value),
                }
            })
            .collect(),
    }
}
