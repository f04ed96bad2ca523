//! The creator brief page's view: only this creator's data and the campaign's shared brief.

use super::{Fact, Link};
use crate::compute::rights::{plain_words, window};
use crate::compute::schedule::{standing_words, timing};
use crate::compute::tracking::{encode_query_value, links_for_brief};
use crate::i18n::Catalog;
use crate::model::{Asset, Brief, Campaign, Config, Creator, Date, Objective, Platform};
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
    pub shared_html: Option<String>,
    /// The personal note, as HTML.
    pub note_html: Option<String>,
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
    pub checker_json: String,
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
    /// The creator, when in the roster.
    pub creator: Option<&'a Creator>,
    /// Today.
    pub today: Date,
    /// The shared `brief.md`, rendered and heading ids prefixed with `md-` once per campaign.
    pub shared_html: Option<&'a str>,
    /// Relative link to the kit page, when it exists.
    pub kit_href: Option<String>,
    /// The campaign's brand-kit assets.
    pub kit_assets: &'a [&'a Asset],
    /// Prefix from the page back to the site root.
    pub page_root: &'a str,
}

/// Builds the view of one brief.
pub fn brief_view(i: &BriefInputs<'_>) -> BriefView {
    let (c, b) = (i.campaign, i.brief);
    let creator_name = i
        .creator
        .map(|x| x.name.clone())
        .unwrap_or_else(|| b.creator.to_string());
    let platforms: BTreeSet<Platform> = b.deliverables.iter().map(|d| d.platform).collect();
    let mut must_include = Vec::new();
    for p in &platforms {
        let wording = c.disclosure.get(p).cloned().unwrap_or_else(|| "#ad".into());
        must_include.push(CopyItem {
            id: format!("disclosure-{}", p.as_str()),
            label: format!("Disclosure on {}", p.label()),
            text: wording,
            is_link: false,
        });
    }
    if !c.hashtags.is_empty() {
        must_include.push(CopyItem {
            id: "hashtags".into(),
            label: "Hashtags".into(),
            text: c.hashtags.join(" "),
            is_link: false,
        });
    }
    if !c.mentions.is_empty() {
        must_include.push(CopyItem {
            id: "mentions".into(),
            label: "Mentions".into(),
            text: c.mentions.join(" "),
            is_link: false,
        });
    }
    let links = links_for_brief(i.config, c, b);
    let single = links.len() == 1;
    for (n, l) in links.iter().enumerate() {
        let label = match (&l.deliverable, single) {
            (Some(d), false) => format!("Tracking link for {}", deliverable_label(b, d)),
            _ => "Tracking link".to_string(),
        };
        must_include.push(CopyItem {
            id: format!("link-{}", n + 1),
            label,
            text: l.url.clone(),
            is_link: true,
        });
    }
    if let Some(code) = &b.discount_code {
        must_include.push(CopyItem {
            id: "discount-code".into(),
            label: "Discount code".into(),
            text: code.clone(),
            is_link: false,
        });
    }
    let (rights, rights_facts) = match &b.rights {
        Some(r) => {
            let w = window(r, Some(b));
            let mut facts = vec![];
            if !r.channels.is_empty() {
                facts.push(Fact {
                    label: "Channels".into(),
                    value: r
                        .channels
                        .iter()
                        .map(|c| c.title())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            if !r.territory.is_empty() {
                facts.push(Fact {
                    label: "Territory".into(),
                    value: r.territory.join(", "),
                });
            }
            if let Some(s) = w.start {
                facts.push(Fact {
                    label: "From".into(),
                    value: s.human(),
                });
            }
            match (w.end, w.perpetual) {
                (_, true) => facts.push(Fact {
                    label: "Until".into(),
                    value: "no end date".into(),
                }),
                (Some(e), _) => facts.push(Fact {
                    label: "Until".into(),
                    value: e.human(),
                }),
                _ => {}
            }
            (Some(plain_words(r, &w, i.words)), facts)
        }
        None => (None, vec![]),
    };
    let subject = format!("{} — {} — brief v{}", c.title, creator_name, b.version);
    let to = c
        .contacts
        .iter()
        .find_map(|x| x.email.clone())
        .or_else(|| i.config.brand.contact.clone());
    BriefView {
        campaign: c.title.clone(),
        campaign_slug: c.slug.to_string(),
        summary: c.summary.clone(),
        objective: c.objective.map(objective_words),
        dates: match (c.start, c.end) {
            (Some(a), Some(z)) => Some(format!("{} – {}", a.human(), z.human())),
            (Some(a), None) => Some(format!("from {}", a.human())),
            _ => None,
        },
        creator: creator_name,
        version: b.version,
        updated: b.updated.map(Date::human),
        changes: b.changes.clone(),
        why_you: b.why_you.clone(),
        key_messages: c.guardrails.key_messages.clone(),
        shared_html: i.shared_html.map(str::to_string),
        note_html: (!b.note.text.trim().is_empty())
            .then(|| markdown::render_with_id_prefix(&b.note.text, 2, "md-note-")),
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
                    format: d.format.as_str().to_string(),
                    count: d.count,
                    specs: d.specs.clone(),
                    draft_due: d.draft_due.map(Date::human),
                    draft_due_iso: d.draft_due.map(Date::iso),
                    live_on: d.live_on.map(Date::human),
                    live_on_iso: d.live_on.map(Date::iso),
                    status: d.status.as_str().replace('-', " "),
                    timing_label: standing_words(&t, i.today, i.words),
                    timing: t.kind,
                }
            })
            .collect(),
        approval: c
            .approval
            .iter()
            .map(|a| Fact {
                label: a.step.clone(),
                value: match a.sla_days {
                    Some(0) => "same day".into(),
                    Some(1) => "within 1 business day".into(),
                    Some(n) => format!("within {n} business days"),
                    None => String::new(),
                },
            })
            .collect(),
        must_include,
        fee: b.fee.map(|f| f.display(&c.currency)),
        payment_terms: b.payment_terms.clone(),
        shipment: b.shipment.as_ref().map(|s| ShipmentView {
            items: s.items.clone(),
            carrier: s.carrier.clone(),
            tracking: s.tracking.clone(),
            tracking_url: match (&s.carrier, &s.tracking) {
                (Some(c), Some(t)) => carrier_tracking_url(c, t),
                _ => None,
            },
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
        accept_mailto: to.map(|to| {
            format!(
                "mailto:{to}?subject={}",
                encode_query_value(&one_line(&subject))
            )
        }),
        ics_href: "brief.ics".into(),
        checker_json: String::new(),
    }
}

/// The campaign objective as a creator would put it.
fn objective_words(o: Objective) -> String {
    match o {
        Objective::Awareness => {
            "awareness: get the product in front of people who do not know it yet"
        }
        Objective::Engagement => "engagement: likes, comments, shares and saves",
        Objective::Traffic => "traffic: people clicking through to the landing page",
        Objective::Sales => "sales: people buying, with your link or code",
    }
    .to_string()
}

fn deliverable_label(b: &Brief, id: &str) -> String {
    b.deliverables
        .iter()
        .find(|d| d.id == id)
        .map(|d| match &d.title {
            Some(t) => format!("{t} ({} {})", d.platform.label(), d.format),
            None => format!("{} {} ({id})", d.platform.label(), d.format),
        })
        .unwrap_or_else(|| id.to_string())
}

/// Drops line breaks (header injection in e-mail subjects).
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The carrier's public tracking page, for carriers we know.
pub fn carrier_tracking_url(carrier: &str, number: &str) -> Option<String> {
    let n = encode_query_value(number.trim());
    if n.is_empty() {
        return None;
    }
    let c = carrier.trim().to_lowercase();
    let url = match c.as_str() {
        "ups" => format!("https://www.ups.com/track?tracknum={n}"),
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={n}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={n}"),
        "dhl" | "dhl express" => {
            format!("https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}")
        }
        "royal mail" => format!("https://www.royalmail.com/track-your-item#/tracking-results/{n}"),
        "canada post" => format!(
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}"
        ),
        "la poste" | "colissimo" => {
            format!("https://www.laposte.fr/outils/suivre-vos-envois?code={n}")
        }
        _ => return None,
    };
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriers() {
        assert_eq!(
            carrier_tracking_url("UPS", "1Z999AA10123456784").as_deref(),
            Some("https://www.ups.com/track?tracknum=1Z999AA10123456784")
        );
        assert_eq!(carrier_tracking_url("Bike courier", "42"), None);
        assert_eq!(one_line("a\r\nBcc: x"), "a  Bcc: x");
    }

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
