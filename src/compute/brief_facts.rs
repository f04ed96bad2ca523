//! A brief's facts as the creator agreed to them (SPEC §6 "what changed since"): dates, fee,
//! payments, deliverables, rights and must-include strings, as labelled values. A published
//! version's facts are recorded under `.campsite/versions/`; comparing two sets of facts gives
//! the field-by-field account shown when `accepted.version` is below `version`, and `check`'s
//! warning when the facts changed but the version did not. Progress (status, round, feedback,
//! paid dates) is not a fact of the deal and is left out.

use crate::compute::rights::{plain_words, window};
use crate::compute::tracking::links_for_brief;
use crate::i18n::builtin_english;
use crate::model::{Brief, Campaign, Config, Handle, PaymentAfter};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Label → value, ordered; the label is what the creator reads ("Fee", "reel-1: goes live").
pub type Facts = BTreeMap<String, String>;

/// One published version's record, as stored in `.campsite/versions/<campaign>/<creator>/<version>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionRecord {
    /// The brief's `version`.
    pub version: u32,
    /// Its facts.
    pub facts: Facts,
}

/// One fact that differs between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactChange {
    /// The fact's label.
    pub label: String,
    /// Its value then (None: it was not there).
    pub before: Option<String>,
    /// Its value now (None: it is gone).
    pub after: Option<String>,
}

/// The facts of `brief` as built today, in the built-in English words (records compare across a
/// change of the brief's language or of a theme's wording).
pub fn facts(config: &Config, campaign: &Campaign, brief: &Brief) -> Facts {
    let words = builtin_english();
    let mut f = Facts::new();
    let cur = &campaign.currency;
    let mut put = |k: String, v: String| {
        f.insert(k, v);
    };
    if let Some(fee) = brief.fee {
        put("Fee".into(), fee.display(cur));
    }
    if let Some(k) = brief.kill_fee {
        put("Kill fee".into(), k.display(cur));
    }
    if let Some(t) = &brief.payment_terms {
        put("Payment terms".into(), t.clone());
    }
    if let Some(n) = brief.revision_rounds {
        put("Revision rounds".into(), n.to_string());
    }
    for (i, p) in brief.payments.iter().enumerate() {
        let (at, from) = match &p.after {
            PaymentAfter::Signature => ("on signature".to_string(), "signature".to_string()),
            PaymentAfter::GoLive => ("at go-live".to_string(), "go-live".to_string()),
            PaymentAfter::Deliverable(id) => {
                (format!("when {id} goes live"), format!("{id} goes live"))
            }
            PaymentAfter::On(d) => (format!("on {}", d.iso()), d.iso()),
        };
        let when = match p.days {
            0 => at,
            1 => format!("1 day after {from}"),
            n => format!("{n} days after {from}"),
        };
        put(
            format!("Payment {}", i + 1),
            format!("{}, {when}", p.amount.display(cur)),
        );
    }
    for d in &brief.deliverables {
        let mut what = format!("{} {} × {}", d.platform.label(), d.format, d.count);
        if d.status == crate::model::DeliverableStatus::Cancelled {
            what.push_str(", cancelled");
        }
        if let Some(s) = &d.specs {
            what.push_str(&format!("; {s}"));
        }
        put(format!("{}: what", d.id), what);
        if let Some(x) = d.draft_due {
            put(format!("{}: draft due", d.id), x.iso());
        }
        if let Some(x) = d.live_on {
            put(format!("{}: goes live", d.id), x.iso());
        }
        if let Some(x) = d.live_at {
            put(
                format!("{}: not before", d.id),
                x.strftime("%Y-%m-%d %H:%M").to_string(),
            );
        }
    }
    if let Some(r) = &brief.rights {
        put(
            "Usage rights".into(),
            plain_words(r, &window(r, Some(brief)), words),
        );
    }
    let platforms: BTreeSet<_> = brief.deliverables.iter().map(|d| d.platform).collect();
    for p in &platforms {
        if let Some(w) = campaign.disclosure.get(p) {
            put(format!("Disclosure on {}", p.label()), w.clone());
        }
        if let Some(s) = campaign.disclosure_settings.get(p) {
            put(format!("Setting on {}", p.label()), s.clone());
        }
    }
    if !campaign.hashtags.is_empty() {
        put("Hashtags".into(), campaign.hashtags.join(" "));
    }
    if !campaign.mentions.is_empty() {
        put("Mentions".into(), campaign.mentions.join(" "));
    }
    if let Some(c) = &brief.discount_code {
        put("Discount code".into(), c.clone());
    }
    for (i, l) in links_for_brief(config, campaign, brief).iter().enumerate() {
        put(format!("Tracking link {}", i + 1), l.url.clone());
    }
    f
}

/// Gives every brief of `campaign` whose current version has no record yet the facts `build`
/// will record for it, so a build that writes the record and the next one that reads it see the
/// same model (and keep the same pages).
pub fn complete_records(config: &Config, campaign: &mut Campaign) {
    let missing: Vec<Handle> = campaign
        .briefs
        .values()
        .filter(|b| !b.recorded.contains_key(&b.version))
        .map(|b| b.creator.clone())
        .collect();
    for h in missing {
        let Some(b) = campaign.briefs.get(&h) else {
            continue;
        };
        let made = facts(config, campaign, b);
        if let Some(b) = campaign.briefs.get_mut(&h) {
            b.recorded.insert(b.version, made);
            b.recorded_now = true;
        }
    }
    for b in campaign.briefs.values_mut() {
        b.recorded_digest = records_digest(&b.recorded);
    }
}

/// The hash of a brief's records: each version, and each label and value, length-prefixed.
fn records_digest(recorded: &BTreeMap<u32, Facts>) -> blake3::Hash {
    let mut k = blake3::Hasher::new();
    for (version, facts) in recorded {
        k.update(&version.to_le_bytes());
        k.update(&(facts.len() as u64).to_le_bytes());
        for (label, value) in facts {
            for piece in [label, value] {
                k.update(&(piece.len() as u64).to_le_bytes());
                k.update(piece.as_bytes());
            }
        }
    }
    k.finalize()
}

/// Every fact that differs between `before` and `after`, in label order.
pub fn changes(before: &Facts, after: &Facts) -> Vec<FactChange> {
    let labels: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    labels
        .into_iter()
        .filter(|l| before.get(*l) != after.get(*l))
        .map(|l| FactChange {
            label: l.clone(),
            before: before.get(l).cloned(),
            after: after.get(l).cloned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_list_exactly_the_differing_labels() {
        let a: Facts = [("Fee", "$1"), ("Hashtags", "#a"), ("x: what", "reel")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut b = a.clone();
        b.insert("Fee".into(), "$2".into());
        b.remove("Hashtags");
        b.insert("Kill fee".into(), "$5".into());
        let got: Vec<_> = changes(&a, &b).into_iter().map(|c| c.label).collect();
        assert_eq!(got, ["Fee", "Hashtags", "Kill fee"]);
        assert!(changes(&a, &a).is_empty());
    }
}
