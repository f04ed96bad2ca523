//! Lint: the checks of SPEC §4 that run after validation — links in the rendered site, and the
//! compliance rules (disclosure, hashtags and mentions, banned claims, tracking, rights,
//! deadlines). Every rule reads the model (and, for links, the in-memory site); none does I/O
//! but reading the brief notes again, through `load::note` (the model keeps where they are).
//! The caption and disclosure rules themselves live in `compute::disclosure`; the lint only
//! turns their verdicts into findings (`campsite check --explain RULE` shows their sources).
//!
//! Rule ids, all warnings except the link rules:
//!
//! | rule | finding |
//! |---|---|
//! | `broken-link` | an internal `href`/`src`/`srcset` that resolves to no file of the site (error) |
//! | `broken-anchor` | a `#fragment` that names no `id` on the target page (error) |
//! | `disclosure-wording` | a brief posts on a platform the campaign states no wording for |
//! | `disclosure-missing` | a caption (posted, or a brief's `draft_caption`) with no disclosure accepted in the post's language |
//! | `disclosure-vague` | a caption whose only disclosure is vague (`#sp`, `#collab`, "thanks brand") |
//! | `disclosure-after-cutoff` | the disclosure only comes after the "more" cut-off |
//! | `disclosure-buried` | the disclosure is only inside a trailing pile of ≥3 hashtags |
//! | `disclosure-label` | a `retouched`/`virtual` deliverable's caption lacks the label its jurisdiction requires (France) |
//! | `hashtag-missing`, `mention-missing` | a required hashtag or mention absent from a caption |
//! | `banned-claim` | a banned claim in a caption, `brief.md` or a brief's note |
//! | `tracking-utm` | a tracking link lacks `utm_source`/`utm_medium`/`utm_campaign` or has capitals |
//! | `discount-code-duplicate` | two briefs of one campaign share a discount code |
//! | `rights-expired`, `rights-expiring`, `rights-unknown` | an asset's usage rights |
//! | `rights-channel` | an asset listed under a channel its creator's brief does not license |
//! | `draft-overdue`, `go-live-overdue` | deadlines passed without the deliverable moving on |
//! | `disclosure-setting-in-wording` | a `wording` that reads like a platform toggle (belongs in `settings`) |
//! | `starter-placeholder` | a brief still holds a placeholder sentence of the `campsite new` starter |
//! | `ad-code-platform` | an `ad_code` that is not for the brief's platforms (`spark`: TikTok; `partnership-ads`: Instagram) |
//! | `version-not-bumped` | a brief's facts differ from its recorded version's, and `version` is the same |
//! | `do-not-book` | a `do-not-book` creator has a brief in a live or planning campaign |

mod compliance;
mod deal;
pub mod links;
mod roster;

use crate::compute::Derived;
use crate::diagnostics::Diagnostics;
use crate::model::{Campaign, CampaignSlug, Portal};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// Each campaign's compliance findings under the campaign's memo key
/// (`render::memo::campaign_key`), kept by `serve` from one build to the next. The key covers
/// everything a campaign's rules read — its folder, its briefs' version records, `portal.toml`,
/// today and the campsite build (which includes the disclosure rules) — so a campaign whose key
/// is unchanged has the same findings.
#[derive(Debug, Default)]
pub struct LintMemo(Mutex<HashMap<String, Diagnostics>>);

/// Runs every compliance rule over a validated portal. Each finding is placed at the `Origin`
/// that validation kept on the item it is about.
pub fn lint(portal: &Portal, derived: &Derived) -> Diagnostics {
    lint_with(portal, derived, None)
}

/// [`lint`], taking the findings of each campaign whose key (in `keys`) is in `memo` from
/// there, and leaving in `memo` the findings of this run's keys only.
pub fn lint_with(
    portal: &Portal,
    derived: &Derived,
    memo: Option<(&LintMemo, &BTreeMap<CampaignSlug, String>)>,
) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let cx = compliance::Cx {
        portal,
        today: derived.today,
    };
    let previous = memo
        .map(|(m, _)| std::mem::take(&mut *m.0.lock().unwrap_or_else(|e| e.into_inner())))
        .unwrap_or_default();
    let key_of = |c: &Campaign| memo.and_then(|(_, keys)| keys.get(&c.slug));
    // Campaigns are linted in parallel; their findings are kept in campaign order.
    let campaigns: Vec<_> = portal.campaigns.values().collect();
    let found: Vec<(Option<&String>, Diagnostics)> = campaigns
        .par_iter()
        .map(|c| {
            let key = key_of(c);
            if let Some(kept) = key.and_then(|k| previous.get(k)) {
                return (key, kept.clone());
            }
            let mut found = Diagnostics::new();
            let notes = compliance::notes(c, &mut found);
            compliance::campaign(&cx, c, &notes, &mut found);
            deal::campaign(&cx, c, &notes, &mut found);
            (key, found)
        })
        .collect();
    let mut next = HashMap::new();
    for (key, f) in found {
        if let Some(k) = key {
            next.insert(k.clone(), f.clone());
        }
        diags.extend(f);
    }
    if let Some((m, _)) = memo {
        *m.0.lock().unwrap_or_else(|e| e.into_inner()) = next;
    }
    compliance::assets(&cx, &mut diags);
    roster::do_not_book(portal, &mut diags);
    diags
}
