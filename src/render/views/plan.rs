//! The plan page (`plan.md` → `/p/<token>/`, SPEC §6 "Plans"): what a stakeholder signs off
//! before money is spent — objective, audience, targets beside the team's forecast and the one
//! worked out from history, budget against committed fees, the creators booked with the reasons
//! and their past results, the milestones, and the narrative. Fees follow the report's rule
//! ([`CostShown`]): without `show_fees`, no per-creator fee, and committed fees only as a total
//! over at least two paid creators.

use super::report::format_value;
use super::{Fact, count, percent};
use crate::compute::facts::{CampaignFacts, CostShown};
use crate::compute::forecast::Estimate;
use crate::compute::metrics::{self, METRICS};
use crate::model::{Campaign, Creator, Date, Handle, Money, Portal};
use crate::render::escape::SafeHtml;
use crate::render::markdown;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything the plan template shows.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// Title.
    pub title: String,
    /// Campaign title.
    pub campaign: String,
    /// Dates, in words.
    pub dates: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Objective and what it is judged on.
    pub objective: Option<String>,
    /// Audience facts.
    pub audience: Vec<Fact>,
    /// Targets and forecasts, one row per metric with either.
    pub targets: Vec<PlanTarget>,
    /// Budget facts: total, committed, left.
    pub budget: Vec<Fact>,
    /// The booked creators.
    pub creators: Vec<PlanCreator>,
    /// Creators of the roster not booked yet, ranked by fit to the campaign's `[audience]`
    /// (`compute::shortlist`), at most five, never `do-not-book`.
    pub shortlisted: Vec<PlanShortlisted>,
    /// Whether fees are shown.
    pub show_fees: bool,
    /// Milestones, by date.
    pub milestones: Vec<Fact>,
    /// How the history forecast was made, per creator and format.
    pub forecast_basis: Vec<String>,
    /// The narrative, as HTML.
    pub narrative_html: SafeHtml,
}

/// A target row of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanTarget {
    /// Metric label.
    pub label: String,
    /// Target, formatted.
    pub target: String,
    /// The team's `[forecast]`.
    pub forecast: String,
    /// The forecast from history: expected, range and coverage.
    pub predicted: String,
}

/// A booked creator.
#[derive(Debug, Clone, Serialize)]
pub struct PlanCreator {
    /// Name.
    pub name: String,
    /// Why them (the brief's `why_you`).
    pub why: Option<String>,
    /// Deliverables in words.
    pub deliverables: String,
    /// Fee (only when shown).
    pub fee: Option<String>,
    /// Past results in words.
    pub past: String,
}

/// A shortlisted creator: fit, and in the team audience why (what of the campaign's audience
/// the creator covers). The public plan names them with their fit only: roster audience data is
/// team-only.
#[derive(Debug, Clone, Serialize)]
pub struct PlanShortlisted {
    /// Name.
    pub name: String,
    /// Fit, `72 of 100`.
    pub fit: String,
    /// The matches in words (team audience only).
    pub why: Option<String>,
}

/// Most shortlisted creators a plan lists.
const SHORTLIST_SHOWN: usize = 5;

fn shortlisted(inp: &PlanInputs<'_>) -> Vec<PlanShortlisted> {
    let c = inp.campaign;
    crate::compute::shortlist::shortlist(inp.portal, c)
        .into_iter()
        .filter(|k| !k.do_not_book && !c.briefs.contains_key(&k.creator.handle))
        .filter(|k| k.fit.is_some_and(|f| f > 0))
        .take(SHORTLIST_SHOWN)
        .map(|k| {
            let why = [
                ("countries", &k.countries),
                ("languages", &k.languages),
                ("niches", &k.niches),
            ]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(what, v)| format!("{what}: {}", v.join(", ")))
            .collect::<Vec<_>>()
            .join("; ");
            PlanShortlisted {
                name: k.creator.name.clone(),
                fit: k.fit.map_or("—".into(), |f| format!("{f} of 100")),
                why: (inp.team && !why.is_empty()).then_some(why),
            }
        })
        .collect()
}

/// What the plan view is built from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInputs<'a> {
    /// The portal (other campaigns for past results, the roster for names).
    pub portal: &'a Portal,
    /// The campaign.
    pub campaign: &'a Campaign,
    /// Its facts (the history forecast).
    pub facts: &'a CampaignFacts,
    /// Show fees (already reflects the audience).
    pub show_fees: bool,
    /// The team audience: other campaigns by name and roster-based estimates may be shown.
    pub team: bool,
}

/// "120,000 (90,000–150,000), from 3 of 4 deliverables".
pub fn predicted_words(e: &Estimate) -> String {
    let n = |v: f64| count(Some(v.round().max(0.0) as u64));
    let range = if (e.high - e.low).abs() < 0.5 {
        String::new()
    } else {
        format!(" ({}–{})", n(e.low), n(e.high))
    };
    format!(
        "{}{range}, from {} of {} deliverables",
        n(e.expected),
        e.covered,
        e.total
    )
}

fn targets(c: &Campaign, f: &CampaignFacts, team: bool) -> Vec<PlanTarget> {
    let cur = c.currency.as_str();
    METRICS
        .iter()
        .filter_map(|d| {
            let t = metrics::planned(&c.targets, d.metric);
            let fc = metrics::planned(&c.forecast, d.metric);
            let pr = f
                .forecast
                .metrics
                .get(&d.metric)
                .and_then(|e| if team { Some(*e) } else { e.history_only() });
            if t.is_none() && fc.is_none() && pr.is_none() {
                return None;
            }
            let fmt =
                |v: Option<f64>| v.map_or("—".into(), |x| format_value(d.kind, Some(x), cur));
            Some(PlanTarget {
                label: d.label.into(),
                target: fmt(t),
                forecast: fmt(fc),
                predicted: pr.as_ref().map_or("—".into(), predicted_words),
            })
        })
        .collect()
}

fn name_of(creators: &BTreeMap<Handle, Creator>, h: &Handle) -> String {
    creators
        .get(h)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| h.to_string())
}

/// The creator's results in the portal's other campaigns, in words: per campaign for the team,
/// one total in public (other campaigns' names and per-campaign results stay private).
fn past_results(inp: &PlanInputs<'_>, h: &Handle) -> String {
    if !inp.team {
        let rows: Vec<&crate::model::ResultRow> = inp
            .portal
            .campaigns
            .values()
            .filter(|o| o.slug != inp.campaign.slug)
            .flat_map(|o| o.results.iter())
            .filter(|r| r.creator.as_ref() == Some(h))
            .collect();
        if rows.is_empty() {
            return "no past campaigns in this portal".into();
        }
        let m = metrics::compute(&rows, None);
        return format!(
            "{} past posts: {} reach, ER {}",
            m.posts,
            count(m.reach.value),
            percent(m.engagement_rate.value)
        );
    }
    let mut parts = Vec::new();
    for o in inp.portal.campaigns.values() {
        if o.slug == inp.campaign.slug || !o.results.iter().any(|r| r.creator.as_ref() == Some(h)) {
            continue;
        }
        let m = metrics::creator_metrics(o, h);
        let mut s = format!(
            "{}: {} posts, {} reach, ER {}",
            o.title,
            m.posts,
            count(m.reach.value),
            percent(m.engagement_rate.value)
        );
        if inp.show_fees {
            s.push_str(&format!(
                ", CPA {}, ROAS {}",
                format_value(metrics::Kind::Money, m.cpa.value, &o.currency),
                format_value(metrics::Kind::Multiple, m.roas.value, "")
            ));
        }
        parts.push(s);
    }
    if parts.is_empty() {
        "no past campaigns in this portal".into()
    } else {
        parts.join("; ")
    }
}

/// "5 × YouTube video, 1 × Instagram post" (cancelled ones left out).
fn deliverable_words(b: &crate::model::Brief) -> String {
    let mut n: BTreeMap<(String, String), u32> = BTreeMap::new();
    for d in b
        .deliverables
        .iter()
        .filter(|d| d.status != crate::model::DeliverableStatus::Cancelled)
    {
        *n.entry((d.platform.label().to_string(), d.format.to_string()))
            .or_default() += d.count.max(1);
    }
    n.into_iter()
        .map(|((p, f), k)| format!("{k} × {p} {f}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn budget(c: &Campaign, cost: CostShown) -> Vec<Fact> {
    let cur = c.currency.as_str();
    let committed: Money = c
        .briefs
        .keys()
        .filter_map(|h| metrics::creator_fixed_cost(c, h))
        .sum();
    let mut out = Vec::new();
    if let Some(t) = c.budget.total {
        out.push(Fact {
            label: "Budget".into(),
            value: t.display(cur),
        });
    }
    if cost.campaign {
        out.push(Fact {
            label: format!(
                "Committed: fees, product and shipping for {} creator{}",
                c.briefs.len(),
                if c.briefs.len() == 1 { "" } else { "s" }
            ),
            value: committed.display(cur),
        });
        if let Some(t) = c.budget.total {
            let left = t.0 - committed.0;
            out.push(Fact {
                label: if left >= Decimal::ZERO {
                    "Left for boosting and more creators".into()
                } else {
                    "Over budget".into()
                },
                value: Money(left.abs()).display(cur),
            });
        }
    }
    out
}

fn milestones(inp: &PlanInputs<'_>) -> Vec<Fact> {
    let c = inp.campaign;
    let mut dated: Vec<(Date, String)> = Vec::new();
    if let Some(d) = c.start {
        dated.push((d, "Campaign starts".into()));
    }
    if let Some(d) = c.end {
        dated.push((d, "Campaign ends".into()));
    }
    for b in c.briefs.values().filter(|b| !b.revoked) {
        let who = name_of(&inp.portal.creators, &b.creator);
        for d in &b.deliverables {
            let what = format!("{who}: {} {}", d.platform.label(), d.format);
            if let Some(x) = d.draft_due {
                dated.push((x, format!("{what} — draft due")));
            }
            if let Some(x) = d.live_on {
                dated.push((x, format!("{what} — goes live")));
            }
        }
    }
    dated.sort();
    dated
        .into_iter()
        .map(|(d, label)| Fact {
            label,
            value: d.human(),
        })
        .collect()
}

/// Builds the plan view.
pub fn plan_view(inp: &PlanInputs<'_>) -> PlanView {
    let c = inp.campaign;
    let f = inp.facts;
    let cost = CostShown::new(inp.show_fees, f);
    let cur = c.currency.as_str();
    let aud = &c.audience;
    let audience = [
        ("Countries", &aud.countries),
        ("Languages", &aud.languages),
        ("Niches", &aud.niches),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| Fact {
        label: k.into(),
        value: v.join(", "),
    })
    .collect();
    let creators = c
        .briefs
        .values()
        .filter(|b| !b.revoked)
        .map(|b| PlanCreator {
            name: name_of(&inp.portal.creators, &b.creator),
            why: b.why_you.clone(),
            deliverables: deliverable_words(b),
            fee: cost
                .groups
                .then(|| b.fee.map_or("—".into(), |x| x.display(cur))),
            past: past_results(inp, &b.creator),
        })
        .collect();
    let plan = c.plan.as_ref();
    PlanView {
        title: plan
            .and_then(|r| r.title.clone())
            .unwrap_or_else(|| format!("{} — plan", c.title)),
        campaign: c.title.clone(),
        dates: match (c.start, c.end) {
            (Some(a), Some(z)) => Some(format!("{} – {}", a.human(), z.human())),
            _ => None,
        },
        summary: c.summary.clone(),
        objective: f.objective.map(|o| {
            let judged: Vec<String> = f
                .primary
                .iter()
                .map(|k| match k.def().short {
                    s if s.chars().all(|c| c.is_ascii_uppercase()) => s.to_string(),
                    s => s.to_lowercase(),
                })
                .collect();
            let name = o.as_str();
            let mut s = format!("{name} campaign, judged on {}", judged.join(", "));
            if let Some(first) = s.get(..1).map(str::to_uppercase) {
                s.replace_range(..1, &first);
            }
            s
        }),
        audience,
        targets: targets(c, f, inp.team),
        budget: budget(c, cost),
        creators,
        shortlisted: shortlisted(inp),
        show_fees: cost.groups,
        milestones: milestones(inp),
        forecast_basis: f
            .forecast
            .basis
            .iter()
            .map(|b| {
                let who = name_of(&inp.portal.creators, &b.creator);
                match b.method {
                    "history" => format!(
                        "{who}, {} × {}: mean of {} past {} post{} (range: lowest to highest)",
                        b.count,
                        b.format,
                        b.past_posts,
                        b.format,
                        if b.past_posts == 1 { "" } else { "s" }
                    ),
                    "roster" => format!(
                        "{who}, {} × {}: no earlier post of this format — engagements from the \
                         roster's followers × engagement rate",
                        b.count, b.format
                    ),
                    _ => format!(
                        "{who}, {} × {}: no past post and no roster engagement rate — not \
                         forecast",
                        b.count, b.format
                    ),
                }
            })
            .collect(),
        narrative_html: plan
            .map(|r| markdown::render(&r.narrative.text, 1))
            .unwrap_or_default(),
    }
}
