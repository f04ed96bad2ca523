//! The creator brief page's view: only this creator's data and the campaign's shared brief.

pub(super) use super::brief_text::carrier_tracking_url;
use super::brief_text::{ad_code_words, instant, short_url, zone_city};
use super::deal::{DealInputs, DealView, deal_view};
use super::{Fact, Link};
use crate::compute::brief_facts::Facts;
use crate::compute::rights::{plain_words, window};
use crate::compute::schedule::{standing_words, timing};
use crate::compute::tracking::{encode_query_value, links_for_brief};
use crate::i18n::{Catalog, keys};
use crate::model::{Asset, Brief, Campaign, Config, Creator, Date, DeliverableStatus, Platform};
use crate::render::escape::SafeHtml;
use crate::render::{markdown, routes};
use serde::Serialize;
use std::collections::BTreeSet;

/// Everything the brief template shows.
#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    /// Campaign title.
    pub campaign: String,
    /// Campaign slug.
    pub campaign_slug: String,
    /// Campaign summary.
    pub summary: Option<String>,
    /// Objective, in words.
    pub objective: Option<String>,
    /// Campaign dates, in words.
    pub dates: Option<String>,
    /// Creator's display name.
    pub creator: String,
    /// Brief version.
    pub version: u32,
    /// Updated date, in words.
    pub updated: Option<String>,
    /// Changelog.
    pub changes: Vec<String>,
    /// Why this creator.
    pub why_you: Option<String>,
    /// Key messages.
    pub key_messages: Vec<String>,
    /// The shared `brief.md`, as HTML.
    pub shared_html: Option<SafeHtml>,
    /// The personal note, as HTML.
    pub note_html: Option<SafeHtml>,
    /// Dos.
    pub dos: Vec<String>,
    /// Don'ts.
    pub donts: Vec<String>,
    /// Banned claims.
    pub banned_claims: Vec<String>,
    /// Deliverables.
    pub deliverables: Vec<DeliverableView>,
    /// Approval steps.
    pub approval: Vec<Fact>,
    /// Must-include strings, each with a copy button.
    pub must_include: Vec<CopyItem>,
    /// Fee, formatted.
    pub fee: Option<String>,
    /// Payment terms.
    pub payment_terms: Option<String>,
    /// Shipment.
    pub shipment: Option<ShipmentView>,
    /// Usage rights in plain words.
    pub rights: Option<String>,
    /// Rights facts (channels, territory, dates).
    pub rights_facts: Vec<Fact>,
    /// Link to the brand kit, when the campaign has one.
    pub kit_href: Option<String>,
    /// The kit's files: title (type, size) → download.
    pub kit: Vec<Link>,
    /// Contacts.
    pub contacts: Vec<ContactView>,
    /// `mailto:` to accept or ask.
    pub accept_mailto: Option<String>,
    /// Calendar file name.
    pub ics_href: String,
    /// The rules the caption checker applies, as JSON safe inside `<script>`.
    pub checker_json: SafeHtml,
    /// Payments, acceptance, what changed, the next deadline.
    pub deal: DealView,
    /// The build day in words: the standing shown is "as of" it until the script recomputes it.
    pub as_of: String,
    /// The build day, ISO.
    pub today_iso: String,
    /// The portal's time zone (embargo times are local to it).
    pub timezone: String,
    /// `mailto:` to accept this version.
    pub accept_version_mailto: Option<String>,
    /// True until the creator has accepted this version (`accepted.version` below `version`).
    pub needs_acceptance: bool,
    /// What the ad code asks for, phrased for the brief's platforms.
    pub ad_code: Option<String>,
    /// The first draft caption, prefilled in the checker, and whose it is.
    pub draft_caption: Option<Fact>,
}

/// A deliverable row.
#[derive(Debug, Clone, Serialize)]
pub struct DeliverableView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Platform name.
    pub platform: String,
    /// Format.
    pub format: String,
    /// Count.
    pub count: u32,
    /// Specs.
    pub specs: Option<String>,
    /// Draft due, in words.
    pub draft_due: Option<String>,
    /// Draft due, ISO.
    pub draft_due_iso: Option<String>,
    /// Go-live, in words.
    pub live_on: Option<String>,
    /// Go-live, ISO.
    pub live_on_iso: Option<String>,
    /// Status as written.
    pub status: String,
    /// Timing kind (`overdue`, `due-soon`, …).
    pub timing: &'static str,
    /// Timing in words.
    pub timing_label: String,
    /// The date the standing counts to, ISO (the script recomputes the words from it).
    pub timing_date_iso: Option<String>,
    /// `draft` or `go-live`.
    pub milestone: Option<&'static str>,
    /// "Round 2 of 3".
    pub round: Option<String>,
    /// True when the team asked for changes.
    pub changes_requested: bool,
    /// The team's notes on the current draft.
    pub feedback: Option<String>,
    /// Embargo: "09:00 Paris time".
    pub live_at: Option<String>,
    /// The embargo moment, RFC 3339 with offset (the script shows it in the reader's zone).
    pub live_at_instant: Option<String>,
    /// The caption the creator proposed.
    pub draft_caption: Option<String>,
}

/// A string to copy.
#[derive(Debug, Clone, Serialize)]
pub struct CopyItem {
    /// Element id.
    pub id: String,
    /// What it is.
    pub label: String,
    /// The exact text.
    pub text: String,
    /// True for URLs (shown as a link too).
    pub is_link: bool,
    /// What is shown: the text itself, or for a long URL its host and the start of its path.
    pub display: String,
    /// The platform setting to switch on beside a disclosure wording (never copied).
    pub setting: Option<String>,
}

/// The shipment box.
#[derive(Debug, Clone, Serialize)]
pub struct ShipmentView {
    /// Items.
    pub items: Vec<String>,
    /// Carrier.
    pub carrier: Option<String>,
    /// Tracking number.
    pub tracking: Option<String>,
    /// Carrier's tracking page, for carriers we know.
    pub tracking_url: Option<String>,
    /// Shipped on, in words.
    pub shipped_on: Option<String>,
    /// Delivered on, in words.
    pub delivered_on: Option<String>,
}

/// A contact.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// Inputs of [`brief_view`].
pub struct BriefInputs<'a> {
    /// Portal settings.
    pub config: &'a Config,
    /// The words of the brief's language.
    pub words: &'a Catalog,
    /// The campaign.
    pub campaign: &'a Campaign,
    /// The brief.
    pub brief: &'a Brief,
    /// The brief's note (Markdown), read again from its file (`load::note::read`); `None` when
    /// it is blank.
    pub note: Option<&'a str>,
    /// The creator, when in the roster.
    pub creator: Option<&'a Creator>,
    /// Today.
    pub today: Date,
    /// The shared `brief.md`, rendered and heading ids prefixed with `md-` once per campaign.
    pub shared_html: Option<&'a SafeHtml>,
    /// Relative link to the kit page, when it exists.
    pub kit_href: Option<String>,
    /// The campaign's brand-kit assets.
    pub kit_assets: &'a [&'a Asset],
    /// Prefix from the page back to the site root.
    pub page_root: &'a str,
    /// The brief's facts now, and the accepted version's recorded facts when there are any.
    pub facts: Option<(&'a Facts, Option<&'a Facts>)>,
}

/// Builds the view of one brief.
pub fn brief_view(i: &BriefInputs<'_>) -> BriefView {
    let (c, b, w) = (i.campaign, i.brief, i.words);
    let creator_name = i
        .creator
        .map(|x| x.name.clone())
        .unwrap_or_else(|| b.creator.to_string());
    let platforms: BTreeSet<Platform> = b.deliverables.iter().map(|d| d.platform).collect();
    let mut must_include = Vec::new();
    for p in &platforms {
        let wording = crate::compute::disclosure::wording_for(c, *p, b.language);
        must_include.push(CopyItem {
            id: format!("disclosure-{}", p.as_str()),
            label: w.fill(keys::LABEL_DISCLOSURE, &[("platform", p.label())]),
            display: wording.clone(),
            text: wording,
            is_link: false,
            setting: c.disclosure_settings.get(p).cloned(),
        });
    }
    if !c.hashtags.is_empty() {
        must_include.push(CopyItem {
            id: "hashtags".into(),
            label: w.get(keys::LABEL_HASHTAGS).into(),
            display: c.hashtags.join(" "),
            text: c.hashtags.join(" "),
            is_link: false,
            setting: None,
        });
    }
    if !c.mentions.is_empty() {
        must_include.push(CopyItem {
            id: "mentions".into(),
            label: w.get(keys::LABEL_MENTIONS).into(),
            display: c.mentions.join(" "),
            text: c.mentions.join(" "),
            is_link: false,
            setting: None,
        });
    }
    let links = links_for_brief(i.config, c, b);
    let single = links.len() == 1;
    for (n, l) in links.iter().enumerate() {
        let label = match (&l.deliverable, single) {
            (Some(d), false) => w.fill(
                keys::LABEL_LINK_FOR,
                &[("what", &deliverable_label(b, d, w))],
            ),
            _ => w.get(keys::LABEL_LINK).to_string(),
        };
        must_include.push(CopyItem {
            id: format!("link-{}", n + 1),
            label,
            display: short_url(&l.url),
            text: l.url.clone(),
            is_link: true,
            setting: None,
        });
    }
    if let Some(code) = &b.discount_code {
        must_include.push(CopyItem {
            id: "discount-code".into(),
            label: w.get(keys::LABEL_CODE).into(),
            display: code.clone(),
            text: code.clone(),
            is_link: false,
            setting: None,
        });
    }
    let (rights, rights_facts) = match &b.rights {
        Some(r) => {
            let win = window(r, Some(b));
            let mut facts = vec![];
            if !r.channels.is_empty() {
                facts.push(Fact {
                    label: w.get(keys::FACT_CHANNELS).into(),
                    value: r
                        .channels
                        .iter()
                        .map(|c| w.get(&keys::channel_title(*c)).to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            if !r.territory.is_empty() {
                facts.push(Fact {
                    label: w.get(keys::FACT_TERRITORY).into(),
                    value: r.territory.join(", "),
                });
            }
            if let Some(s) = win.start {
                facts.push(Fact {
                    label: w.get(keys::FACT_FROM).into(),
                    value: w.date(s),
                });
            }
            match (win.end, win.perpetual) {
                (_, true) => facts.push(Fact {
                    label: w.get(keys::FACT_UNTIL).into(),
                    value: w.get(keys::FACT_NO_END).into(),
                }),
                (Some(e), _) => facts.push(Fact {
                    label: w.get(keys::FACT_UNTIL).into(),
                    value: w.date(e),
                }),
                _ => {}
            }
            // The ad code gets its own line, phrased for this brief's platforms.
            let without_code = crate::model::Rights {
                ad_code: None,
                ..r.clone()
            };
            (Some(plain_words(&without_code, &win, w)), facts)
        }
        None => (None, vec![]),
    };
    let version = b.version.to_string();
    let mail_args = [
        ("campaign", c.title.as_str()),
        ("creator", creator_name.as_str()),
        ("version", version.as_str()),
    ];
    let subject = w.fill(keys::MAIL_SUBJECT, &mail_args);
    let accept_subject = w.fill(keys::MAIL_ACCEPT_SUBJECT, &mail_args);
    let accept_body = w.fill(keys::MAIL_ACCEPT_BODY, &mail_args);
    let to = c
        .contacts
        .iter()
        .find_map(|x| x.email.clone())
        .or_else(|| i.config.brand.contact.clone());
    BriefView {
        campaign: c.title.clone(),
        campaign_slug: c.slug.to_string(),
        summary: c.summary.clone(),
        objective: c.objective.map(|o| w.get(&keys::objective(o)).to_string()),
        dates: match (c.start, c.end) {
            (Some(a), Some(z)) => Some(w.date_range(a, z)),
            (Some(a), None) => Some(w.date_from(a)),
            _ => None,
        },
        creator: creator_name,
        version: b.version,
        updated: b.updated.map(|d| w.date(d)),
        changes: b.changes.clone(),
        why_you: b.why_you.clone(),
        key_messages: c.guardrails.key_messages.clone(),
        shared_html: i.shared_html.cloned(),
        note_html: i
            .note
            .filter(|t| !t.trim().is_empty())
            .map(|t| markdown::render_with_id_prefix(t, 2, "md-note-")),
        dos: c.guardrails.dos.clone(),
        donts: c.guardrails.donts.clone(),
        banned_claims: c.guardrails.banned_claims.clone(),
        deliverables: b
            .deliverables
            .iter()
            .map(|d| {
                let t = timing(d, i.today);
                DeliverableView {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    platform: d.platform.label().to_string(),
                    format: w.get(&keys::format_name(d.format)).to_string(),
                    count: d.count,
                    specs: d.specs.clone(),
                    draft_due: d.draft_due.map(|x| w.date(x)),
                    draft_due_iso: d.draft_due.map(Date::iso),
                    live_on: d.live_on.map(|x| w.date(x)),
                    live_on_iso: d.live_on.map(Date::iso),
                    status: w.get(&keys::status(d.status)).to_string(),
                    timing_label: standing_words(&t, i.today, i.words),
                    timing_date_iso: t.date.map(Date::iso),
                    milestone: t.milestone,
                    timing: t.kind,
                    round: d.round.map(|r| {
                        let round = r.to_string();
                        match b.revision_rounds {
                            Some(n) => w.fill(
                                keys::ROUND_OF,
                                &[("round", &round), ("total", &(n + 1).to_string())],
                            ),
                            None => w.fill(keys::ROUND, &[("round", &round)]),
                        }
                    }),
                    changes_requested: d.status == DeliverableStatus::ChangesRequested,
                    feedback: d.feedback.clone(),
                    live_at: d.live_at.map(|t| {
                        w.fill(
                            keys::LOCAL_TIME,
                            &[
                                ("time", &t.strftime("%H:%M").to_string()),
                                ("city", &zone_city(&i.config.timezone)),
                            ],
                        )
                    }),
                    live_at_instant: d.live_at.and_then(|t| instant(t, &i.config.timezone)),
                    draft_caption: d.draft_caption.clone(),
                }
            })
            .collect(),
        approval: c
            .approval
            .iter()
            .map(|a| Fact {
                label: a.step.clone(),
                value: match a.sla_days {
                    Some(0) => w.get(keys::SLA_SAME_DAY).into(),
                    Some(n) => w.count(keys::SLA_DAYS, i64::from(n)),
                    None => String::new(),
                },
            })
            .collect(),
        must_include,
        fee: b.fee.map(|f| w.money(f, &c.currency)),
        payment_terms: b.payment_terms.clone(),
        shipment: b.shipment.as_ref().map(|s| ShipmentView {
            items: s.items.clone(),
            carrier: s.carrier.clone(),
            tracking: s.tracking.clone(),
            tracking_url: match (&s.carrier, &s.tracking) {
                (Some(c), Some(t)) => carrier_tracking_url(c, t),
                _ => None,
            },
            shipped_on: s.shipped_on.map(|d| w.date(d)),
            delivered_on: s.delivered_on.map(|d| w.date(d)),
        }),
        rights,
        rights_facts,
        kit_href: i.kit_href.clone(),
        kit: i
            .kit_assets
            .iter()
            .map(|a| Link {
                text: format!(
                    "{} ({}, {})",
                    a.title,
                    a.ext.to_uppercase(),
                    super::kit::human_size(a.size)
                ),
                href: format!(
                    "{}{}",
                    i.page_root,
                    routes::url_path(&routes::media_path(&a.id))
                ),
            })
            .collect(),
        contacts: c
            .contacts
            .iter()
            .map(|x| ContactView {
                name: x.name.clone(),
                role: x.role.clone(),
                email: x.email.clone(),
                phone: x.phone.clone(),
            })
            .collect(),
        accept_mailto: to.clone().map(|to| {
            format!(
                "mailto:{to}?subject={}",
                encode_query_value(&one_line(&subject))
            )
        }),
        accept_version_mailto: to.as_ref().map(|to| {
            format!(
                "mailto:{to}?subject={}&body={}",
                encode_query_value(&one_line(&accept_subject)),
                encode_query_value(&one_line(&accept_body))
            )
        }),
        ics_href: "brief.ics".into(),
        checker_json: SafeHtml::default(),
        deal: deal_view(&DealInputs {
            brief: b,
            currency: &c.currency,
            today: i.today,
            facts: i.facts,
            words: w,
        }),
        needs_acceptance: b.accepted.as_ref().is_none_or(|a| a.version < b.version),
        as_of: w.date(i.today),
        today_iso: i.today.iso(),
        timezone: i.config.timezone.clone(),
        ad_code: b
            .rights
            .as_ref()
            .and_then(|r| r.ad_code)
            .map(|code| ad_code_words(code, &platforms, w)),
        draft_caption: b.deliverables.iter().find_map(|d| {
            d.draft_caption.as_ref().map(|x| Fact {
                label: super::deal::deliverable_name(b, &d.id, w),
                value: x.clone(),
            })
        }),
    }
}

fn deliverable_label(b: &Brief, id: &str, w: &Catalog) -> String {
    b.deliverables
        .iter()
        .find(|d| d.id == id)
        .map(|d| {
            let format_key = keys::format_name(d.format);
            let format = w.get(&format_key);
            let args = [
                ("title", d.title.as_deref().unwrap_or("")),
                ("platform", d.platform.label()),
                ("format", format),
                ("id", id),
            ];
            match &d.title {
                Some(_) => w.fill(keys::DELIVERABLE_TITLED, &args),
                None => w.fill(keys::DELIVERABLE_UNTITLED, &args),
            }
        })
        .unwrap_or_else(|| id.to_string())
}

/// Drops line breaks (header injection in e-mail subjects).
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_heading_ids_cannot_take_page_ids() {
        let pure = markdown::render_with_id_prefix("## Hashtags\n\nUse id=\"x\"", 1, "md-");
        assert!(pure.contains("<h3 id=\"md-hashtags\">"), "{pure}");
        assert!(!pure.contains("id=\"hashtags\""), "{pure}");
        // With raw HTML the sanitizer runs first; every heading is prefixed exactly once.
        let raw =
            markdown::render_with_id_prefix("## Hashtags\n\n<h2 id=\"y\">Raw</h2>\n", 1, "md-");
        assert!(raw.contains("<h3 id=\"md-hashtags\">"), "{raw}");
        assert!(raw.contains("<h2 id=\"md-y\">"), "{raw}");
        assert!(!raw.contains("md-md-"), "{raw}");
    }
}
