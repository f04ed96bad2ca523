//! Each creator's posts across the portal, indexed once per build: the rows of every campaign by
//! creator, and each creator's metrics per campaign. The roster's history, the shortlists, the
//! plans and the forecast read a creator's past from here instead of scanning every campaign's
//! results for every creator (which was quadratic in the portal's size).

use super::metrics::{self, Metrics};
use crate::model::{Campaign, CampaignSlug, Handle, Portal, ResultRow};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Every creator's posts and per-campaign metrics.
#[derive(Debug, Clone, Default)]
pub struct CreatorResults {
    /// Campaign → creator → that creator's metrics there (campaigns with results only; creators
    /// with posts only).
    metrics: BTreeMap<CampaignSlug, BTreeMap<Handle, Metrics>>,
}

impl CreatorResults {
    /// Computes every creator's metrics in every campaign with results.
    pub fn new(p: &Portal) -> Self {
        let campaigns: Vec<&Campaign> = p
            .campaigns
            .values()
            .filter(|c| !c.results.is_empty())
            .map(|c| &**c)
            .collect();
        let metrics = campaigns
            .par_iter()
            .map(|c| (c.slug.clone(), metrics::creators_metrics(c)))
            .collect();
        CreatorResults { metrics }
    }

    /// `h`'s metrics in `c`: the indexed ones, else (no post there) computed, which is cheap.
    pub fn of<'a>(&'a self, c: &Campaign, h: &Handle) -> Cow<'a, Metrics> {
        match self.metrics.get(&c.slug).and_then(|m| m.get(h)) {
            Some(m) => Cow::Borrowed(m),
            None => Cow::Owned(metrics::creator_metrics(c, h)),
        }
    }
}

/// Each creator's rows across the portal, with the campaign of each.
pub struct PostsByCreator<'a> {
    rows: BTreeMap<&'a Handle, Vec<(&'a CampaignSlug, &'a ResultRow)>>,
}

impl<'a> PostsByCreator<'a> {
    /// Indexes every results row that names a creator.
    pub fn new(p: &'a Portal) -> Self {
        let mut rows: BTreeMap<&Handle, Vec<(&CampaignSlug, &ResultRow)>> = BTreeMap::new();
        for c in p.campaigns.values() {
            for r in &c.results {
                if let Some(h) = &r.creator {
                    rows.entry(h).or_default().push((&c.slug, r));
                }
            }
        }
        PostsByCreator { rows }
    }

    /// `h`'s rows in campaigns other than `except`, in campaign then file order.
    pub fn elsewhere(
        &self,
        h: &Handle,
        except: &'a CampaignSlug,
    ) -> impl Iterator<Item = &'a ResultRow> + '_ {
        self.rows
            .get(h)
            .into_iter()
            .flatten()
            .filter(move |(c, _)| *c != except)
            .map(|(_, r)| *r)
    }
}
