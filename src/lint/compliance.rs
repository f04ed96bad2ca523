//! The compliance rules over the model: disclosure, captions, banned claims, tracking, discount
//! codes, deadlines and asset rights. Every finding is a warning.

use crate::compute::disclosure::caption::{self, CaptionRules, Disclosure};
use crate::compute::disclosure::rules::{fill, words};
use crate::compute::disclosure::{self, wording_for};
use crate::compute::rights::{RightsStatus, asset_status};
use crate::compute::tracking::links_for_brief;
use crate::diagnostics::{Diagnostics, Origin};
use crate::model::{
    Asset, AssetKind, AssetRights, Brief, Campaign, Date, Deliverable, DeliverableStatus, Handle,
    Language, MarkdownText, Portal,
};
use std::collections::BTreeMap;

/// What every rule reads.
pub(super) struct Cx<'a> {
    /// The validated portal.
    pub portal: &'a Portal,
    /// Today.
    pub today: Date,
}

/// The UTM parameters every tracking link must carry.
const REQUIRED_UTM: [&str; 3] = ["utm_source", "utm_medium", "utm_campaign"];

/// A campaign's brief notes that are not blank, by creator, read again from their files.
pub(super) type Notes = BTreeMap<Handle, MarkdownText>;

/// Reads the notes of `c`'s briefs (the model keeps where they are, not their text); a note
/// that cannot be read is a diagnostic and is left out.
pub(super) fn notes(c: &Campaign, diags: &mut Diagnostics) -> Notes {
    c.briefs
        .iter()
        .filter(|(_, b)| !b.note.blank)
        .filter_map(|(h, b)| match crate::load::note::read(&b.note) {
            Ok(text) => Some((h.clone(), text)),
            Err(d) => {
                diags.push(d);
                None
            }
        })
        .collect()
}

/// Every rule about one campaign (`notes`: its briefs' notes, from [`notes`]).
pub(super) fn campaign(cx: &Cx<'_>, c: &Campaign, notes: &Notes, diags: &mut Diagnostics) {
    let banned = &c.guardrails.banned_claims;
    for b in c.briefs.values() {
        wording(c, b, diags);
        deadlines(cx, b, diags);
        tracking(cx, c, b, diags);
        if let Some(note) = notes.get(&b.creator) {
            banned_in_markdown(note, banned, diags);
        }
    }
    if let Some(m) = &c.brief_md {
        banned_in_markdown(m, banned, diags);
    }
    captions(cx, c, diags);
    discount_codes(c, diags);
}

fn wording(c: &Campaign, b: &Brief, diags: &mut Diagnostics) {
    if c.unreadable.campaign_toml {
        // campaign.toml did not parse (reported): its wording is unknown, not missing.
        return;
    }
    // Each platform at its first deliverable.
    let mut platforms: BTreeMap<_, &Origin> = BTreeMap::new();
    for d in &b.deliverables {
        platforms.entry(d.platform).or_insert(&d.origin.platform);
    }
    let campaign_toml = format!("{}/campaign.toml", c.dir);
    for (p, at) in platforms
        .iter()
        .filter(|(p, _)| !c.disclosure.contains_key(p))
    {
        let shown = format!(
            "; the brief shows the {} default \"{}\"",
            c.jurisdiction,
            wording_for(c, *p, b.language)
        );
        diags.push(
            at.warning(
                "disclosure-wording",
                format!(
                    "the campaign states no disclosure wording for {p}, where this brief has deliverables{shown}"
                ),
            )
            .with_hint(format!(
                "add `{p} = \"…\"` to `wording` under [disclosure] in {campaign_toml}"
            )),
        );
    }
}

fn deadlines(cx: &Cx<'_>, b: &Brief, diags: &mut Diagnostics) {
    for d in &b.deliverables {
        if let Some(due) = d.draft_due
            && due < cx.today
            && d.status == DeliverableStatus::Planned
        {
            diags.push(
                d.origin
                    .draft_due
                    .warning(
                        "draft-overdue",
                        format!(
                            "the draft of `{}` was due on {} ({} ago) and is not submitted",
                            d.id,
                            due.iso(),
                            days(due.days_until(cx.today))
                        ),
                    )
                    .with_hint(hint_status(d, "draft-submitted")),
            );
        }
        if let Some(live) = d.live_on
            && live < cx.today
            && !matches!(
                d.status,
                DeliverableStatus::Live | DeliverableStatus::Cancelled
            )
        {
            diags.push(
                d.origin
                    .live_on
                    .warning(
                        "go-live-overdue",
                        format!(
                            "`{}` was to go live on {} ({} ago) and is not live",
                            d.id,
                            live.iso(),
                            days(live.days_until(cx.today))
                        ),
                    )
                    .with_hint(hint_status(d, "live")),
            );
        }
    }
}

fn hint_status(d: &Deliverable, next: &str) -> String {
    format!(
        "chase the creator, or set `status = \"{next}\"` (now `{}`) or a new date",
        d.status.as_str()
    )
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn tracking(cx: &Cx<'_>, c: &Campaign, b: &Brief, diags: &mut Diagnostics) {
    for link in links_for_brief(&cx.portal.config, c, b) {
        let params = query_params(&link.url);
        let mut problems = Vec::new();
        for key in REQUIRED_UTM {
            match params.get(key) {
                None => problems.push(format!("no `{key}`")),
                Some(v) if v.is_empty() => problems.push(format!("an empty `{key}`")),
                Some(v) if has_capitals(v) => {
                    problems.push(format!("`{key}={v}` with capitals"));
                }
                Some(_) => {}
            }
        }
        if problems.is_empty() {
            continue;
        }
        // At the deliverable the link is for (ids are unique in a brief), else the first one.
        let at = link
            .deliverable
            .as_deref()
            .and_then(|id| b.deliverables.iter().find(|d| d.id == id))
            .or(b.deliverables.first())
            .map_or(&b.origin.file, |d| &d.origin.id);
        diags.push(
            at.warning(
                "tracking-utm",
                format!("tracking link {} has {}", link.url, problems.join(", ")),
            )
            .with_hint(
                "set lowercase utm_source, utm_medium and utm_campaign under [tracking] in portal.toml, and keep them out of landing pages",
            ),
        );
    }
}

/// The query parameters of a URL (first value of each; percent-escapes kept).
fn query_params(url: &str) -> BTreeMap<String, String> {
    let no_fragment = url.split('#').next().unwrap_or("");
    let Some((_, query)) = no_fragment.split_once('?') else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.entry(k.to_string()).or_insert_with(|| v.to_string());
    }
    out
}

/// Capitals in a query value, ignoring the hex digits of percent-escapes.
fn has_capitals(v: &str) -> bool {
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            chars.next();
            chars.next();
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

fn discount_codes(c: &Campaign, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &Brief> = BTreeMap::new();
    for b in c.briefs.values() {
        let Some(code) = b.discount_code.as_deref().filter(|s| !s.is_empty()) else {
            continue;
        };
        match seen.get(&code.to_lowercase()) {
            Some(first) => diags.push(
                b.origin
                    .discount_code
                    .warning(
                        "discount-code-duplicate",
                        format!(
                            "discount code `{code}` is also given to {} in this campaign",
                            first.creator
                        ),
                    )
                    .with_hint("give each creator their own code so sales can be attributed"),
            ),
            None => {
                seen.insert(code.to_lowercase(), b);
            }
        }
    }
}

fn banned_in_markdown(m: &MarkdownText, banned: &[String], diags: &mut Diagnostics) {
    for (claim, at) in caption::banned_in_text(&m.text, banned) {
        diags.push(
            text_origin(m, at)
                .warning(
                    "banned-claim",
                    format!("the text makes the banned claim \"{claim}\""),
                )
                .with_hint("reword it: the campaign's guardrails ban this claim"),
        );
    }
}

/// Where the code point `char_offset` of a Markdown text is in its file.
pub(super) fn text_origin(m: &MarkdownText, char_offset: usize) -> Origin {
    let before: String = m.text.chars().take(char_offset).collect();
    Origin {
        path: m.origin.path.clone(),
        pos: m.origin.pos.map(|p| p.after(&before)),
    }
}

/// A caption to judge: where it is, how to name it, its text and the rules in force for it.
struct Post<'a> {
    at: &'a Origin,
    who: String,
    text: &'a str,
    rules: CaptionRules,
}

/// Every posted caption (`results.csv`) and draft caption (`draft_caption` in a brief).
fn captions(cx: &Cx<'_>, c: &Campaign, diags: &mut Diagnostics) {
    let config = &cx.portal.config;
    for b in c.briefs.values() {
        for d in &b.deliverables {
            let Some(draft) = d.draft_caption.as_ref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            caption_findings(
                &Post {
                    at: &d.origin.draft_caption,
                    who: format!("draft caption of `{}`", d.id),
                    text: draft,
                    rules: disclosure::rules_for_post(config, c, Some(b), Some(&d.id)),
                },
                diags,
            );
        }
    }
    for row in &c.results {
        let Some(text) = row.caption.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let who = match (&row.creator, &row.deliverable) {
            (Some(cr), Some(d)) => format!("caption of {cr}'s {d}"),
            (Some(cr), None) => format!("caption of {cr}'s post"),
            _ => "caption".to_string(),
        };
        let brief = row.creator.as_ref().and_then(|h| c.briefs.get(h));
        let rules = disclosure::rules_for_post(config, c, brief, row.deliverable.as_deref());
        caption_findings(
            &Post {
                at: &row.origin.caption,
                who,
                text,
                rules,
            },
            diags,
        );
    }
}

/// The findings on one caption, worded with the English verdict words (the terminal's language)
/// around the post language's disclosure.
fn caption_findings(post: &Post<'_>, diags: &mut Diagnostics) {
    let rules = &post.rules;
    let v = caption::check_caption(post.text, rules);
    let en = words(Language::En);
    let mut warn = |rule: &str, what: String, hint: String| {
        diags.push(
            post.at
                .warning(rule, format!("{}: {}", post.who, lower_first(&what)))
                .with_hint(hint),
        );
    };
    let rule = match v.disclosure {
        Disclosure::Ok => None,
        Disclosure::Missing => Some("disclosure-missing"),
        Disclosure::Vague => Some("disclosure-vague"),
        Disclosure::AfterCutoff => Some("disclosure-after-cutoff"),
        Disclosure::Buried => Some("disclosure-buried"),
    };
    if let Some(rule) = rule {
        warn(
            rule,
            en.disclosure(v.disclosure, rules),
            format!(
                "judged by the {} rules for posts in {}: `campsite check --explain {rule}`",
                rules.jurisdiction, rules.language
            ),
        );
    }
    for l in v.missing_labels {
        warn(
            "disclosure-label",
            fill(&en.label_missing, &[("label", &l)]),
            format!(
                "the deliverable is marked retouched or virtual: `campsite check --explain {}`",
                rules.jurisdiction
            ),
        );
    }
    for h in v.missing_hashtags {
        warn(
            "hashtag-missing",
            fill(&en.hashtag_missing, &[("tag", &h)]),
            "every post carries the campaign's hashtags".into(),
        );
    }
    for m in v.missing_mentions {
        warn(
            "mention-missing",
            fill(&en.mention_missing, &[("tag", &m)]),
            "every post mentions the campaign's accounts".into(),
        );
    }
    for b in v.banned {
        warn(
            "banned-claim",
            fill(&en.banned, &[("claim", &b)]),
            "ask the creator to edit the caption".into(),
        );
    }
}

/// "No disclosure yet" → "no disclosure yet": diagnostics are lowercase.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Rights of creator content: expired, expiring, unknown, and channels beyond the brief.
pub(super) fn assets(cx: &Cx<'_>, diags: &mut Diagnostics) {
    for a in &cx.portal.assets {
        if a.kind != AssetKind::CreatorContent {
            continue;
        }
        let brief = brief_of(cx.portal, a);
        let (rights, window, status) = asset_status(&a.rights, brief, cx.today);
        let end = window.and_then(|w| w.end);
        let mut warn = |rule: &str, msg: String, hint: &str| {
            diags.push(a.origin.rights.warning(rule, msg).with_hint(hint));
        };
        match (status, end) {
            (RightsStatus::Expired, Some(e)) => warn(
                "rights-expired",
                format!("usage rights of `{}` ended on {}", a.id, e.iso()),
                "stop using it, or renew the rights with the creator",
            ),
            (RightsStatus::Expiring, Some(e)) => warn(
                "rights-expiring",
                format!(
                    "usage rights of `{}` end on {}, in {}",
                    a.id,
                    e.iso(),
                    days(cx.today.days_until(e))
                ),
                "renew the rights before they end, or plan to take it down",
            ),
            // Inherited from a brief that failed to parse (reported): not a rights problem.
            (RightsStatus::Unknown, _) if inherits_from_unreadable(cx.portal, a) => {}
            (RightsStatus::Unknown, _) => warn(
                "rights-unknown",
                format!("usage rights of `{}` are unknown: {}", a.id, unknown_why(a)),
                "add [rights] to its sidecar, or `inherit = true` with creator and campaign set",
            ),
            _ => {}
        }
        if let (AssetRights::Own(_), Some(r)) = (&a.rights, rights.as_ref())
            && let Some(licensed) = brief.and_then(|b| b.rights.as_ref())
        {
            for ch in r.channels.iter().filter(|c| !licensed.channels.contains(c)) {
                warn(
                    "rights-channel",
                    format!(
                        "`{}` is listed for {ch}, which {}'s brief does not license",
                        a.id,
                        brief.map(|b| b.creator.as_str()).unwrap_or("the creator")
                    ),
                    "remove the channel from the sidecar, or extend the brief's [rights] channels",
                );
            }
        }
    }
}

fn brief_of<'a>(p: &'a Portal, a: &Asset) -> Option<&'a Brief> {
    let c = p.campaigns.get(a.campaign.as_ref()?)?;
    c.briefs.get(a.creator.as_ref()?)
}

fn inherits_from_unreadable(p: &Portal, a: &Asset) -> bool {
    matches!(a.rights, AssetRights::Inherited(None))
        && a.campaign
            .as_ref()
            .and_then(|s| p.campaigns.get(s))
            .zip(a.creator.as_ref())
            .is_some_and(|(c, h)| c.unreadable.briefs.contains(h))
}

fn unknown_why(a: &Asset) -> &'static str {
    match &a.rights {
        AssetRights::None => "no rights stated",
        AssetRights::Inherited(None) => "it inherits from a brief that states none",
        _ => "their dates cannot be worked out",
    }
}
