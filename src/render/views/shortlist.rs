//! The shortlist page of a campaign (`/team/campaigns/<campaign>/shortlist/`): the ranking of
//! `compute::shortlist` with each creator's roster row, rates for the campaign's formats, past
//! results (ER, CPA) and status.

use super::percent;
use super::roster::{Roster, RosterRow, row};
use crate::compute::{Derived, metrics, shortlist};
use crate::model::{Campaign, CampaignSlug, DeliverableFormat, Handle, Portal};
use crate::render::routes;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The shortlist page of a campaign.
pub fn shortlist_dir(campaign: &str) -> String {
    format!("{}shortlist/", routes::team_campaign_dir(campaign))
}

/// One creator on a campaign's shortlist.
#[derive(Debug, Clone, Serialize)]
pub struct ShortlistRow {
    /// Rank, 1-based.
    pub rank: usize,
    /// The roster row.
    pub row: RosterRow,
    /// Fit 0–100 in words (`—` when the campaign lists no audience).
    pub fit: String,
    /// What matched, in words.
    pub matched: String,
    /// Rates for the campaign's formats.
    pub rates: String,
    /// Past results per campaign: ER and CPA.
    pub past: Vec<String>,
}

/// A campaign's shortlist page.
#[derive(Debug, Clone, Serialize)]
pub struct ShortlistView {
    /// Campaign title.
    pub title: String,
    /// Overview href from the site root.
    pub href: String,
    /// The campaign's audience in words.
    pub audience: Vec<super::Fact>,
    /// Ranked rows.
    pub rows: Vec<ShortlistRow>,
}

/// The formats a campaign books: those of its briefs' deliverables (all formats when it has no
/// brief yet).
fn campaign_formats(c: &Campaign) -> BTreeSet<DeliverableFormat> {
    c.briefs
        .values()
        .flat_map(|b| b.deliverables.iter().map(|d| d.format))
        .collect()
}

/// Each creator's past results, in words, per campaign with results that booked them ("Title:
/// ER …, CPA …"): worded once per build for every shortlist.
pub struct PastResults<'a> {
    by_creator: BTreeMap<&'a Handle, Vec<(&'a CampaignSlug, String)>>,
}

impl<'a> PastResults<'a> {
    /// Words every booked creator's results in every campaign with results. Each campaign's
    /// creators' metrics are made, worded and dropped by its own task: only the words are held
    /// (holding every creator's metrics in every campaign took 0.2 GB at 100,000 briefs).
    pub fn new(p: &'a Portal) -> Self {
        let campaigns: Vec<&Campaign> = p
            .campaigns
            .values()
            .filter(|x| !x.results.is_empty())
            .map(|x| &**x)
            .collect();
        let worded: Vec<Vec<(&Handle, &CampaignSlug, String)>> = campaigns
            .par_iter()
            .map(|x| {
                let posted = metrics::creators_metrics(x);
                let words = |h: &'a Handle| {
                    let m = match posted.get(h) {
                        Some(m) => Cow::Borrowed(m),
                        None => Cow::Owned(metrics::creator_metrics(x, h)),
                    };
                    let words = format!(
                        "{}: ER {}, CPA {}",
                        x.title,
                        percent(m.engagement_rate.value),
                        super::report::format_value(metrics::Kind::Money, m.cpa.value, &x.currency)
                    );
                    (h, &x.slug, words)
                };
                x.briefs.keys().map(words).collect()
            })
            .collect();
        let mut by_creator: BTreeMap<&Handle, Vec<(&CampaignSlug, String)>> = BTreeMap::new();
        for (h, slug, words) in worded.into_iter().flatten() {
            by_creator.entry(h).or_default().push((slug, words));
        }
        PastResults { by_creator }
    }

    /// A digest of every creator's past results, in words.
    pub fn digest(&self) -> blake3::Hash {
        let mut k = blake3::Hasher::new();
        for (h, words) in &self.by_creator {
            for piece in std::iter::once(h.as_str()).chain(
                words
                    .iter()
                    .flat_map(|(slug, w)| [slug.as_str(), w.as_str()]),
            ) {
                k.update(&(piece.len() as u64).to_le_bytes());
                k.update(piece.as_bytes());
            }
            k.update(b"\xff");
        }
        k.finalize()
    }

    /// `h`'s past results outside `campaign`.
    fn outside(&self, h: &Handle, campaign: &CampaignSlug) -> Vec<String> {
        self.by_creator
            .get(h)
            .into_iter()
            .flatten()
            .filter(|(slug, _)| *slug != campaign)
            .map(|(_, words)| words.clone())
            .collect()
    }
}

/// The shortlist page of `campaign`, ranked by [`shortlist::shortlist`], with each creator's
/// row from `roster` and past results from `past`.
pub fn shortlist_view(
    p: &Portal,
    campaign: &Campaign,
    d: &Derived,
    roster: &Roster<'_>,
    past: &PastResults<'_>,
) -> ShortlistView {
    let formats = campaign_formats(campaign);
    let a = &campaign.audience;
    let fact = |label: &str, v: &[String]| super::Fact {
        label: label.into(),
        value: if v.is_empty() {
            "—".into()
        } else {
            v.join(", ")
        },
    };
    ShortlistView {
        title: campaign.title.clone(),
        href: routes::team_campaign_dir(campaign.slug.as_str()),
        audience: vec![
            fact("Countries", &a.countries),
            fact("Languages", &a.languages),
            fact("Niches", &a.niches),
        ],
        rows: shortlist::shortlist(p, campaign)
            .iter()
            .enumerate()
            .map(|(i, cand)| {
                let c = cand.creator;
                let matched: Vec<String> = [&cand.countries, &cand.languages, &cand.niches]
                    .iter()
                    .flat_map(|v| v.iter().cloned())
                    .collect();
                let rates: Vec<String> = c
                    .rates
                    .iter()
                    .filter(|(f, _)| formats.is_empty() || formats.contains(f))
                    .map(|(f, m)| format!("{} {}", f.as_str(), m.display(&p.config.currency)))
                    .collect();
                ShortlistRow {
                    rank: i + 1,
                    row: roster
                        .row_of(&c.handle)
                        .cloned()
                        .unwrap_or_else(|| row(p, c, d)),
                    fit: cand
                        .fit
                        .map(|f| f.to_string())
                        .unwrap_or_else(|| "—".into()),
                    matched: if matched.is_empty() {
                        "—".into()
                    } else {
                        matched.join(", ")
                    },
                    rates: if rates.is_empty() {
                        "—".into()
                    } else {
                        rates.join(", ")
                    },
                    past: past.outside(&c.handle, &campaign.slug),
                }
            })
            .collect(),
    }
}
