//! Roster findings: a `do-not-book` creator with a brief in a campaign that is live or still
//! being planned (rule `do-not-book`).

use crate::diagnostics::Diagnostics;
use crate::model::{CampaignStatus, CreatorStatus, Portal};

/// Warns once per brief of a `do-not-book` creator in a `live` or `planning` campaign, at the
/// start of the brief file.
pub(super) fn do_not_book(portal: &Portal, diags: &mut Diagnostics) {
    for c in portal.campaigns.values() {
        if !matches!(c.status, CampaignStatus::Live | CampaignStatus::Planning) {
            continue;
        }
        for b in c.briefs.values() {
            let Some(creator) = portal.creators.get(&b.creator) else {
                continue;
            };
            if creator.status != CreatorStatus::DoNotBook {
                continue;
            }
            diags.push(
                b.origin.file.warning(
                    "do-not-book",
                    format!(
                        "{} is marked do-not-book in {} but has a brief in the {} campaign `{}`",
                        creator.name,
                        creator.path,
                        c.status.as_str(),
                        c.slug
                    ),
                )
                .with_hint("cancel the brief, or change the creator's `status` if the decision has changed"),
            );
        }
    }
}
