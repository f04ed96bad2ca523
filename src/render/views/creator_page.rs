//! A creator's team page, made from their roster record and their share of each campaign they
//! have a brief in (the fee, their results there, the booking and its drafts on time). Shares
//! are made per campaign, so `serve` keeps them under the campaign's key and a save to one
//! campaign re-renders only the pages of creators whose share of it changed.

use super::Fact;
use super::history::{self, HistoryRow};
use super::roster::{self, Booking};
use super::team::{self, CreatorItem};
use crate::compute::Derived;
use crate::compute::metrics;
use crate::compute::scorecard::{self, Reliability};
use crate::model::{Campaign, Creator, Handle, Portal};
use crate::render::routes;
use serde::Serialize;
use std::collections::BTreeMap;

/// A creator's share of one campaign: what their page shows of it.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// The campaign's title and the fee.
    pub fee: Fact,
    /// Their results there.
    pub history: HistoryRow,
    /// The booking, with the link to the brief.
    pub booking: Booking,
    /// Drafts due and handed in there.
    pub reliability: Reliability,
}

/// The share of `camp` of every creator with a brief in it. Reads the campaign, its tokens and
/// today only.
pub fn shares(camp: &Campaign, d: &Derived) -> BTreeMap<Handle, Share> {
    let measured = metrics::creators_metrics(camp);
    let cur = camp.currency.as_str();
    camp.briefs
        .iter()
        .map(|(h, b)| {
            let m = match measured.get(h) {
                Some(m) => std::borrow::Cow::Borrowed(m),
                None => std::borrow::Cow::Owned(metrics::creator_metrics(camp, h)),
            };
            let reliability = scorecard::brief_reliability(b, d.today);
            let fee = b.fee.map(|f| f.display(cur));
            let share = Share {
                fee: Fact {
                    label: camp.title.clone(),
                    value: fee.clone().unwrap_or_default(),
                },
                history: history::row(camp, b, &m, d.today),
                booking: Booking {
                    campaign: camp.title.clone(),
                    status: camp.status.as_str(),
                    href: routes::team_campaign_dir(camp.slug.as_str()),
                    brief_href: d.brief_token(&camp.slug, h).map(|t| routes::brief_dir(t)),
                    fee,
                    reliability: reliability.words(),
                },
                reliability,
            };
            (h.clone(), share)
        })
        .collect()
}

/// The page of `c`, from their shares of the campaigns they have a brief in, in campaign order.
pub fn creator_page(p: &Portal, c: &Creator, shares: &[&Share]) -> CreatorItem {
    let reliability = shares
        .iter()
        .map(|s| s.reliability)
        .fold(Reliability::default(), Reliability::plus);
    let bookings = shares.iter().map(|s| s.booking.clone()).collect();
    let fees = shares.iter().map(|s| s.fee.clone()).collect();
    let history = shares.iter().map(|s| s.history.clone()).collect();
    CreatorItem {
        roster: Some(roster::creator_extras(p, c, reliability, bookings)),
        ..team::creator_item(p, c, fees, history)
    }
}
