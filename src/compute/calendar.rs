//! The team calendar (SPEC §6 "Team pages"): every dated event across campaigns — draft due,
//! go-live (with its `live_at` time), shipment shipped and delivered, payment due, rights end,
//! asset rights end — and which group each falls in relative to today.

use crate::compute::{payments, rights};
use crate::model::{AssetRights, Campaign, CampaignSlug, Date, DeliverableStatus, Handle, Portal};
use serde::Serialize;

/// Days from today (inclusive) that make "this week".
pub const WEEK_DAYS: i64 = 7;
/// Days from today before which an event is in "next weeks"; later ones are "later".
pub const NEXT_WEEKS_DAYS: i64 = 28;

/// What happens on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// A deliverable's `draft_due`.
    DraftDue,
    /// A deliverable's `live_on` (with `live_at`'s time when given).
    GoLive,
    /// `[shipment] shipped_on`.
    Shipped,
    /// `[shipment] delivered_on`.
    Delivered,
    /// An instalment's due date.
    PaymentDue,
    /// The last day of a brief's usage rights.
    RightsEnd,
    /// The last day of an asset's own usage rights.
    AssetRightsEnd,
}

impl EventKind {
    /// The word for people: "Draft due", "Go live"…
    pub fn label(self) -> &'static str {
        match self {
            EventKind::DraftDue => "Draft due",
            EventKind::GoLive => "Go live",
            EventKind::Shipped => "Shipped",
            EventKind::Delivered => "Delivered",
            EventKind::PaymentDue => "Payment due",
            EventKind::RightsEnd => "Rights end",
            EventKind::AssetRightsEnd => "Asset rights end",
        }
    }

    /// As written in files and CSS classes: `draft-due`, `go-live`…
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::DraftDue => "draft-due",
            EventKind::GoLive => "go-live",
            EventKind::Shipped => "shipped",
            EventKind::Delivered => "delivered",
            EventKind::PaymentDue => "payment-due",
            EventKind::RightsEnd => "rights-end",
            EventKind::AssetRightsEnd => "asset-rights-end",
        }
    }
}

/// Where an event stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Before today and still to be done (a draft not submitted, a go-live not live, an
    /// instalment unpaid).
    Overdue,
    /// Today and the six days after.
    ThisWeek,
    /// From day 7 to day 27 after today.
    NextWeeks,
    /// Day 28 and after.
    Later,
    /// Before today and done (or a fact, like a delivery or an ended right).
    Past,
}

impl Group {
    /// Every group in page order.
    pub const ALL: [Group; 5] = [
        Group::Overdue,
        Group::ThisWeek,
        Group::NextWeeks,
        Group::Later,
        Group::Past,
    ];

    /// Heading for people.
    pub fn title(self) -> &'static str {
        match self {
            Group::Overdue => "Overdue",
            Group::ThisWeek => "This week",
            Group::NextWeeks => "Next weeks",
            Group::Later => "Later",
            Group::Past => "Past",
        }
    }

    /// As written in ids and files: `overdue`, `this-week`…
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Overdue => "overdue",
            Group::ThisWeek => "this-week",
            Group::NextWeeks => "next-weeks",
            Group::Later => "later",
            Group::Past => "past",
        }
    }
}

/// One dated event.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEvent {
    /// What happens.
    pub kind: EventKind,
    /// The day.
    pub date: Date,
    /// The local time (portal time zone), for a go-live with `live_at`.
    pub time: Option<jiff::civil::Time>,
    /// The campaign (none for an asset without one).
    pub campaign: Option<CampaignSlug>,
    /// The creator (none for a brand asset).
    pub creator: Option<Handle>,
    /// What it is about: a deliverable id, "instalment 2", an asset id.
    pub subject: String,
    /// Done already (draft submitted, live, paid), or a fact of the past (shipped, delivered,
    /// rights ended before today).
    pub done: bool,
    /// Stable identity within the portal, for `.ics` UIDs: never a token.
    pub key: String,
}

impl CalendarEvent {
    /// The event's group on `today`.
    pub fn group(&self, today: Date) -> Group {
        let days = today.days_until(self.date);
        match days {
            d if d < 0 && self.done => Group::Past,
            d if d < 0 => Group::Overdue,
            d if d < WEEK_DAYS => Group::ThisWeek,
            d if d < NEXT_WEEKS_DAYS => Group::NextWeeks,
            _ => Group::Later,
        }
    }
}

/// What the calendar's events are sorted by: day, time, kind, campaign, creator and subject
/// (sorts are stable, so equal events keep their order).
#[allow(clippy::type_complexity)]
pub fn order(
    e: &CalendarEvent,
) -> (
    Date,
    Option<jiff::civil::Time>,
    EventKind,
    &Option<CampaignSlug>,
    &Option<Handle>,
    &String,
) {
    (e.date, e.time, e.kind, &e.campaign, &e.creator, &e.subject)
}

/// The events of `c`'s briefs on `today`, in brief order (unsorted; [`order`] is how they are sorted):
/// they read the campaign alone. Cancelled deliverables give none; undated events (a payment
/// "after go-live" with no go-live date yet) are left out, never guessed.
pub fn campaign_events(c: &Campaign, today: Date) -> Vec<CalendarEvent> {
    let each = c.briefs.values().map(|b| brief_events(c, b, today));
    each.flatten().collect()
}

/// The events of brief `b` in campaign `c`: what [`campaign_events`] lists for it, in order.
pub fn brief_events(c: &Campaign, b: &crate::model::Brief, today: Date) -> Vec<CalendarEvent> {
    let mut out = Vec::new();
    let ev = |kind, date, subject: String, done| CalendarEvent {
        kind,
        date,
        time: None,
        campaign: Some(c.slug.clone()),
        creator: Some(b.creator.clone()),
        key: format!("{}.{subject}.{}.{}", kind.as_str(), b.creator, c.slug),
        subject,
        done,
    };
    for d in &b.deliverables {
        if d.status == DeliverableStatus::Cancelled {
            continue;
        }
        if let Some(date) = d.draft_due {
            let pending = matches!(
                d.status,
                DeliverableStatus::Planned | DeliverableStatus::ChangesRequested
            );
            out.push(ev(EventKind::DraftDue, date, d.id.clone(), !pending));
        }
        if let Some(date) = d.live_on {
            let live = d.status == DeliverableStatus::Live;
            let mut e = ev(EventKind::GoLive, date, d.id.clone(), live);
            e.time = d.live_at.filter(|t| t.date() == date.0).map(|t| t.time());
            out.push(e);
        }
    }
    if let Some(s) = &b.shipment {
        if let Some(date) = s.shipped_on {
            out.push(ev(
                EventKind::Shipped,
                date,
                "shipment".into(),
                date < today,
            ));
        }
        if let Some(date) = s.delivered_on {
            out.push(ev(
                EventKind::Delivered,
                date,
                "shipment".into(),
                date < today,
            ));
        }
    }
    for i in payments::instalments(b, today) {
        if let Some(date) = i.due.date() {
            let paid = i.status == payments::PaymentStatus::Paid;
            let subject = format!("instalment-{}", i.number);
            out.push(ev(EventKind::PaymentDue, date, subject, paid));
        }
    }
    if let Some(end) = b
        .rights
        .as_ref()
        .and_then(|r| rights::window(r, Some(b)).end)
    {
        out.push(ev(EventKind::RightsEnd, end, "rights".into(), end < today));
    }
    out
}

/// The end of each asset's own usage rights (unsorted).
pub fn asset_events(portal: &Portal, today: Date) -> Vec<CalendarEvent> {
    let mut out = Vec::new();
    for a in &portal.assets {
        let AssetRights::Own(r) = &a.rights else {
            continue;
        };
        let brief = a
            .campaign
            .as_ref()
            .zip(a.creator.as_ref())
            .and_then(|(c, h)| portal.campaigns.get(c)?.briefs.get(h));
        if let Some(end) = rights::window(r, brief).end {
            let hash = blake3::hash(a.id.as_bytes()).to_hex();
            out.push(CalendarEvent {
                kind: EventKind::AssetRightsEnd,
                date: end,
                time: None,
                campaign: a.campaign.clone(),
                creator: a.creator.clone(),
                subject: a.id.clone(),
                done: end < today,
                key: format!("asset-rights-end.{}", &hash.as_str()[..20]),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: &str, done: bool) -> CalendarEvent {
        CalendarEvent {
            kind: EventKind::DraftDue,
            date: Date::parse(date).expect("test date"),
            time: None,
            campaign: None,
            creator: None,
            subject: String::new(),
            done,
            key: String::new(),
        }
    }

    #[test]
    fn groups_by_distance_from_today() {
        let today = Date::parse("2026-03-10").expect("test date");
        assert_eq!(ev("2026-03-09", false).group(today), Group::Overdue);
        assert_eq!(ev("2026-03-09", true).group(today), Group::Past);
        assert_eq!(ev("2026-03-10", false).group(today), Group::ThisWeek);
        assert_eq!(ev("2026-03-16", false).group(today), Group::ThisWeek);
        assert_eq!(ev("2026-03-17", false).group(today), Group::NextWeeks);
        assert_eq!(ev("2026-04-06", false).group(today), Group::NextWeeks);
        assert_eq!(ev("2026-04-07", false).group(today), Group::Later);
    }
}
