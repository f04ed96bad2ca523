//! A brief's facts as the creator agreed to them (SPEC §6 "what changed since"): dates, fee,
//! payments, deliverables, rights and must-include strings, as labelled values. A published
//! version's facts are recorded under `.campsite/versions/`; comparing two sets of facts gives
//! the field-by-field account shown when `accepted.version` is below `version`, and `check`'s
//! warning when the facts changed but the version did not. Progress (status, round, feedback,
//! paid dates) is not a fact of the deal and is left out.

use crate::compute::rights::{plain_words, window};
use crate::compute::tracking::links_for_brief;
use crate::i18n::builtin_english;
use crate::model::{Brief, Campaign, Config, PaymentAfter};
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

/// Gives every brief whose current version has no record yet the facts `build` will record for
/// it, so a build that writes the record and the next one that reads it see the same model
/// (and keep the same pages).
pub fn complete_records(portal: &mut crate::model::Portal) {
    complete_records_with(portal, None);
}

/// [`complete_records`], reusing the facts `serve` made in earlier builds: a campaign's facts
/// read `portal.toml` and the campaign's own files only, so they are kept under the hash of
/// those files (`sources`) and of the versions missing a record.
pub fn complete_records_with(
    portal: &mut crate::model::Portal,
    kept: Option<(
        &crate::keyed::KeyedStore,
        &crate::load::hashes::SourceHashes,
    )>,
) {
    use rayon::prelude::*;
    let config = &portal.config;
    portal.campaigns.par_iter_mut().for_each(|(_, c)| {
        let missing: Vec<_> = c
            .briefs
            .values()
            .filter(|b| !b.recorded.contains_key(&b.version))
            .map(|b| (b.creator.clone(), b.version))
            .collect();
        if missing.is_empty() {
            return;
        }
        let make = || -> Vec<Facts> {
            let briefs = missing.iter().filter_map(|(h, _)| c.briefs.get(h));
            briefs.map(|b| facts(config, c, b)).collect()
        };
        let made = match kept {
            Some((store, sources)) => {
                let key = facts_key(sources, &c.dir, &missing);
                store.get_or_make("brief facts", &key, make)
            }
            None => std::sync::Arc::new(make()),
        };
        for ((h, v), f) in missing.into_iter().zip(made.iter()) {
            if let Some(b) = c.briefs.get_mut(&h) {
                b.recorded.insert(v, f.clone());
            }
        }
    });
}

/// What a campaign's brief facts are made of: `portal.toml`, every file of the campaign's
/// folder `dir`, and the (creator, version) pairs whose facts are made.
fn facts_key(
    sources: &crate::load::hashes::SourceHashes,
    dir: &str,
    missing: &[(crate::model::Handle, u32)],
) -> String {
    let mut k = blake3::Hasher::new();
    let mut part = |bytes: &[u8]| {
        k.update(&(bytes.len() as u64).to_le_bytes());
        k.update(bytes);
    };
    part(sources.get("portal.toml").map_or(&[][..], |h| h.as_bytes()));
    for (path, h) in sources.under(&format!("{dir}/")) {
        part(path.as_bytes());
        part(h.as_bytes());
    }
    for (h, v) in missing {
        part(h.as_str().as_bytes());
        part(&v.to_le_bytes());
    }
    k.finalize().to_hex().to_string()
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
