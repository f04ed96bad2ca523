//! The deal and wording rules of SPEC §6 over the model: a disclosure `wording` that reads like
//! a platform setting, a brief still holding the `campsite new` starter's placeholder sentences,
//! and an `ad_code` that does not fit the brief's platforms. Every finding is a warning.

use super::compliance::{Cx, Notes, text_origin};
use crate::compute::brief_facts::{changes, facts};
use crate::diagnostics::{Diagnostics, Origin};
use crate::model::{AdCode, Brief, Campaign, MarkdownText, Platform};
use std::collections::BTreeSet;

/// Sentences of the `campsite new brief` starter (`themes/default/starters/brief.md`) that are
/// there to be replaced; a test keeps this list in step with the starter.
pub const STARTER_PLACEHOLDERS: &[&str] = &[
    "Why we picked you for this campaign.",
    "Length, aspect ratio, subtitles…",
    "in Markdown: what you loved in their recent posts, anything",
];

/// Every rule of this module about one campaign (`notes`: its briefs' notes, read by
/// `compliance::notes`).
pub(super) fn campaign(cx: &Cx<'_>, c: &Campaign, notes: &Notes, diags: &mut Diagnostics) {
    wording_settings(c, diags);
    for b in c.briefs.values() {
        placeholders(b, notes.get(&b.creator), diags);
        ad_code(b, diags);
        version_bump(cx, c, b, diags);
    }
}

/// The facts differ from those recorded when this `version` was first built.
fn version_bump(cx: &Cx<'_>, c: &Campaign, b: &Brief, diags: &mut Diagnostics) {
    let Some(then) = b.recorded.get(&b.version) else {
        return;
    };
    if b.recorded_now {
        // The record is this load's facts: nothing can differ (and they are not made again).
        return;
    }
    let now = facts(&cx.portal.config, c, b);
    let changed = changes(then, &now);
    if changed.is_empty() {
        return;
    }
    let labels: Vec<&str> = changed.iter().map(|x| x.label.as_str()).collect();
    diags.push(
        b.origin.version.warning(
            "version-not-bumped",
            format!(
                "the brief's facts changed since version {} was published ({}), but `version` is still {}",
                b.version,
                labels.join(", "),
                b.version
            ),
        )
        .with_hint(format!(
            "set `version = {}` and say what changed in `changes`, so the creator sees it and can accept it",
            b.version + 1
        )),
    );
}

/// True when a caption wording reads like a platform toggle rather than caption text:
/// "… toggle on", "… label on", "+ …", "box ticked", "turn on …".
pub fn reads_like_setting(wording: &str) -> bool {
    let w = wording.trim().to_lowercase();
    let toggles = ["toggle", "label", "tool", "setting", "switch", "disclosure"];
    w.starts_with('+')
        || w.contains(" + ")
        || (w.ends_with(" on") && toggles.iter().any(|t| w.contains(t)))
        || w.contains("box ticked")
        || w.contains("turn on")
        || w.contains("switch on")
}

fn wording_settings(c: &Campaign, diags: &mut Diagnostics) {
    let file = Origin::start_of(format!("{}/campaign.toml", c.dir));
    for p in &c.disclosure_stated {
        let Some(w) = c.disclosure.get(p) else {
            continue;
        };
        if !reads_like_setting(w) {
            continue;
        }
        let at = c.disclosure_origins.get(p).unwrap_or(&file);
        diags.push(
            at.warning(
                "disclosure-setting-in-wording",
                format!("the {p} disclosure wording \"{w}\" reads like a platform setting; the brief's copy button would put it into captions"),
            )
            .with_hint(format!(
                "keep only the caption text in `wording` and move the toggle to `settings = {{ {p} = \"Turn on …\" }}` under [disclosure]; settings are shown as a checklist"
            )),
        );
    }
}

fn placeholders(b: &Brief, note: Option<&MarkdownText>, diags: &mut Diagnostics) {
    for p in STARTER_PLACEHOLDERS {
        let Some(at) = placeholder_origin(b, note, p) else {
            continue;
        };
        diags.push(
            at.warning(
                "starter-placeholder",
                format!("the brief still holds the starter's placeholder \"{p}\""),
            )
            .with_hint("replace it with what this creator should read, or delete it"),
        );
    }
}

/// Where `placeholder` first is in the brief, in file order: `why_you`, a deliverable's `specs`
/// (at their keys: TOML strings may be escaped), then the note (at the sentence itself).
fn placeholder_origin(b: &Brief, note: Option<&MarkdownText>, placeholder: &str) -> Option<Origin> {
    if b.why_you
        .as_deref()
        .is_some_and(|t| t.contains(placeholder))
    {
        return Some(b.origin.why_you.clone());
    }
    if let Some(d) = b
        .deliverables
        .iter()
        .find(|d| d.specs.as_deref().is_some_and(|t| t.contains(placeholder)))
    {
        return Some(d.origin.specs.clone());
    }
    let note = note?;
    let i = note.text.find(placeholder)?;
    Some(text_origin(note, note.text[..i].chars().count()))
}

fn ad_code(b: &Brief, diags: &mut Diagnostics) {
    let Some(code) = b.rights.as_ref().and_then(|r| r.ad_code) else {
        return;
    };
    let platforms: BTreeSet<Platform> = b
        .deliverables
        .iter()
        .filter(|d| d.status != crate::model::DeliverableStatus::Cancelled)
        .map(|d| d.platform)
        .collect();
    let (fits, owner, other) = match code {
        AdCode::Spark => (
            platforms.contains(&Platform::Tiktok),
            "TikTok's",
            "`partnership-ads` (Instagram)",
        ),
        AdCode::PartnershipAds => (
            platforms.contains(&Platform::Instagram),
            "Meta's (Instagram, Facebook)",
            "`spark` (TikTok)",
        ),
    };
    if fits {
        return;
    }
    let list: Vec<&str> = platforms.iter().map(|p| p.label()).collect();
    diags.push(
        b.origin
            .ad_code
            .warning(
                "ad-code-platform",
                format!(
                    "`ad_code = \"{code}\"` is {owner}, but this brief posts on {}",
                    if list.is_empty() {
                        "no platform".to_string()
                    } else {
                        list.join(", ")
                    }
                ),
            )
            .with_hint(format!(
                "use {other} if it fits the posts, or remove `ad_code`"
            )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_as_settings_and_caption_text_does_not() {
        for s in [
            "#ad + Paid partnership label on",
            "#ad + Branded content toggle on",
            "+ Paid partnership label",
            "Paid partnership label on",
            "#ad in the first line + \"Includes paid promotion\" box ticked",
        ] {
            assert!(reads_like_setting(s), "{s}");
        }
        for s in [
            "#ad",
            "Publicité",
            "#ad — paid partnership with Ledgerly",
            "Werbung",
        ] {
            assert!(!reads_like_setting(s), "{s}");
        }
    }

    #[test]
    fn placeholders_are_in_the_starter() {
        let starter = include_str!("../../themes/default/starters/brief.md");
        for p in STARTER_PLACEHOLDERS {
            assert!(starter.contains(p), "{p} is not in the starter any more");
        }
    }
}
