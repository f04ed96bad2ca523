//! Each creator's posts across the portal, indexed once per build: the rows of every campaign by
//! creator. The forecast reads a creator's past from here instead of scanning every campaign's
//! results for every creator (which was quadratic in the portal's size).

use crate::model::{CampaignSlug, Handle, Portal, ResultRow};
use std::collections::BTreeMap;

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
