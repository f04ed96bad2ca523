//! The deal and wording rules of SPEC §6 over the model: a disclosure `wording` that reads like
//! a platform setting, a brief still holding the `campsite new` starter's placeholder sentences,
//! and an `ad_code` that does not fit the brief's platforms. Every finding is a warning.

use super::compliance::Cx;
use crate::compute::brief_facts::{changes, facts};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{AdCode, Brief, Campaign, Platform};
use std::collections::BTreeSet;

/// Sentences of the `campsite new brief` starter (`themes/default/starters/brief.md`) that are
/// there to be replaced; a test keeps this list in step with the starter.
pub const STARTER_PLACEHOLDERS: &[&str] = &[
    "Why we picked you for this campaign.",
    "Length, aspect ratio, subtitles…",
    "in Markdown: what you loved in their recent posts, anything",
];

/// Every rule of this module about one campaign.
pub(super) fn campaign(cx: &Cx<'_>, c: &Campaign, diags: &mut Diagnostics) {
    wording_settings(cx, c, diags);
    for b in c.briefs.values() {
        placeholders(cx, b, diags);
        ad_code(cx, b, diags);
        version_bump(cx, c, b, diags);
    }
}

/// The facts differ from those recorded when this `version` was first built.
fn version_bump(cx: &Cx<'_>, c: &Campaign, b: &Brief, diags: &mut Diagnostics) {
    let Some(then) = b.recorded.get(&b.version) else {
        return;
    };
    let now = facts(&cx.portal.config, c, b);
    let changed = changes(then, &now);
    if changed.is_empty() {
        return;
    }
    let labels: Vec<&str> = changed.iter().map(|x| x.label.as_str()).collect();
    diags.push(
        Diagnostic::warning(
            &b.path,
            "version-not-bumped",
            format!(
                "the brief's facts changed since version {} was published ({}), but `version` is still {}",
                b.version,
                labels.join(", "),
                b.version
            ),
        )
        .at(cx.loc.find_or(&b.path, "version", "version"))
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

fn wording_settings(cx: &Cx<'_>, c: &Campaign, diags: &mut Diagnostics) {
    let path = format!("{}/campaign.toml", c.dir);
    for p in &c.disclosure_stated {
        let Some(w) = c.disclosure.get(p) else {
            continue;
        };
        if !reads_like_setting(w) {
            continue;
        }
        let at = c
            .disclosure_positions
            .get(p)
            .copied()
            .or_else(|| cx.loc.find_or(&path, &format!("\"{w}\""), w));
        diags.push(
            Diagnostic::warning(
                &path,
                "disclosure-setting-in-wording",
                format!("the {p} disclosure wording \"{w}\" reads like a platform setting; the brief's copy button would put it into captions"),
            )
            .at(at)
            .with_hint(format!(
                "keep only the caption text in `wording` and move the toggle to `settings = {{ {p} = \"Turn on …\" }}` under [disclosure]; settings are shown as a checklist"
            )),
        );
    }
}

fn placeholders(cx: &Cx<'_>, b: &Brief, diags: &mut Diagnostics) {
    let note = b.note.text.as_str();
    let mut texts: Vec<&str> = vec![note];
    texts.extend(b.why_you.as_deref());
    texts.extend(b.deliverables.iter().filter_map(|d| d.specs.as_deref()));
    for p in STARTER_PLACEHOLDERS {
        if !texts.iter().any(|t| t.contains(p)) {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                &b.path,
                "starter-placeholder",
                format!("the brief still holds the starter's placeholder \"{p}\""),
            )
            .at(cx.loc.find_or(&b.path, p, p))
            .with_hint("replace it with what this creator should read, or delete it"),
        );
    }
}

fn ad_code(cx: &Cx<'_>, b: &Brief, diags: &mut Diagnostics) {
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
        Diagnostic::warning(
            &b.path,
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
        .at(cx.loc.find_or(&b.path, "ad_code", code.as_str()))
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
