//! Payment instalments (SPEC §6 `[[payments]]`): due dates worked out from `after` + `days`,
//! and each instalment's standing on a given day. Used by the brief page, `brief.ics`, the team
//! payments register and the calendar, so the rule lives once.

use crate::model::{Brief, Date, DeliverableStatus, Money, Payment, PaymentAfter};
use serde::Serialize;

/// When an instalment falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Due {
    /// A known day.
    On(Date),
    /// Counts from a signature that has no date yet ("on signature").
    OnSignature,
    /// Counts from a go-live that has no date yet ("after go-live").
    AfterGoLive,
    /// Counts from one deliverable's go-live that has no date yet.
    AfterDeliverable(String),
    /// The whole fee with no `[[payments]]`: only the free-text `payment_terms` say when.
    Unstated,
}

impl Due {
    /// The day, when known.
    pub fn date(&self) -> Option<Date> {
        match self {
            Due::On(d) => Some(*d),
            _ => None,
        }
    }
}

/// Where an instalment stands on a day (SPEC §6: paid, overdue, due).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentStatus {
    /// `paid_on` is set.
    Paid,
    /// Due before today and unpaid.
    Overdue,
    /// Due today or later (or not yet datable), unpaid.
    Due,
}

impl PaymentStatus {
    /// The word as written in registers: `paid`, `overdue`, `due`.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Paid => "paid",
            PaymentStatus::Overdue => "overdue",
            PaymentStatus::Due => "due",
        }
    }
}

/// One instalment with its due date and standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instalment {
    /// 1-based position in the brief's `[[payments]]` (1 for a whole fee).
    pub number: usize,
    /// Amount.
    pub amount: Money,
    /// When it falls due.
    pub due: Due,
    /// When it was paid.
    pub paid_on: Option<Date>,
    /// Standing on the day asked for.
    pub status: PaymentStatus,
}

/// The day `after` refers to, when it has one: `signed_on`, the latest `live_on` among the
/// deliverables not cancelled, one deliverable's `live_on`, or a fixed date.
pub fn event_date(brief: &Brief, after: &PaymentAfter) -> Option<Date> {
    match after {
        PaymentAfter::Signature => brief.signed_on,
        PaymentAfter::GoLive => brief
            .deliverables
            .iter()
            .filter(|d| d.status != DeliverableStatus::Cancelled)
            .filter_map(|d| d.live_on)
            .max(),
        PaymentAfter::Deliverable(id) => brief
            .deliverables
            .iter()
            .find(|d| &d.id == id)
            .and_then(|d| d.live_on),
        PaymentAfter::On(d) => Some(*d),
    }
}

/// When a payment falls due: the event's day plus `days`, or which event it waits for.
pub fn due(brief: &Brief, p: &Payment) -> Due {
    match (event_date(brief, &p.after), &p.after) {
        (Some(d), _) => Due::On(d.plus_days(p.days)),
        (None, PaymentAfter::GoLive) => Due::AfterGoLive,
        (None, PaymentAfter::Deliverable(id)) => Due::AfterDeliverable(id.clone()),
        (None, _) => Due::OnSignature,
    }
}

/// Standing on `today`.
pub fn status(due: &Due, paid_on: Option<Date>, today: Date) -> PaymentStatus {
    match (paid_on, due.date()) {
        (Some(_), _) => PaymentStatus::Paid,
        (None, Some(d)) if d < today => PaymentStatus::Overdue,
        _ => PaymentStatus::Due,
    }
}

/// Every instalment of a brief on `today`; a brief with a fee and no `[[payments]]` gives one
/// instalment of the whole fee with an unstated due date; no fee and no payments gives none.
pub fn instalments(brief: &Brief, today: Date) -> Vec<Instalment> {
    if brief.payments.is_empty() {
        return brief
            .fee
            .map(|fee| Instalment {
                number: 1,
                amount: fee,
                due: Due::Unstated,
                paid_on: None,
                status: PaymentStatus::Due,
            })
            .into_iter()
            .collect();
    }
    brief
        .payments
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let due = due(brief, p);
            Instalment {
                number: i + 1,
                amount: p.amount,
                status: status(&due, p.paid_on, today),
                due,
                paid_on: p.paid_on,
            }
        })
        .collect()
}

/// The sum of a brief's instalment amounts (None when it has no `[[payments]]`).
pub fn payments_total(brief: &Brief) -> Option<Money> {
    if brief.payments.is_empty() {
        return None;
    }
    Some(
        brief
            .payments
            .iter()
            .fold(Money::default(), |acc, p| acc + p.amount),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deliverable, DeliverableFormat, Platform};

    fn day(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }

    fn pay(after: PaymentAfter, days: i64) -> Payment {
        Payment {
            amount: Money::parse("100").unwrap_or_default(),
            after,
            days,
            paid_on: None,
            line: 1,
            column: 1,
        }
    }

    fn brief(signed: Option<&str>) -> Brief {
        let d = |id: &str, live: &str, status| Deliverable {
            live_on: Date::parse(live),
            status,
            ..Deliverable::new(id, Platform::Instagram, DeliverableFormat::Reel)
        };
        Brief {
            fee: Money::parse("200"),
            signed_on: signed.map(day),
            deliverables: vec![
                d("reel-1", "2026-03-12", DeliverableStatus::Planned),
                d("reel-2", "2026-03-20", DeliverableStatus::Approved),
                d("story-1", "2026-04-30", DeliverableStatus::Cancelled),
            ],
            ..Brief::new(
                crate::model::Handle::new_unchecked("mia"),
                crate::model::CampaignSlug::new_unchecked("glow"),
            )
        }
    }

    #[test]
    fn due_dates_from_each_kind_of_after() {
        let b = brief(Some("2026-02-14"));
        assert_eq!(
            due(&b, &pay(PaymentAfter::Signature, 0)),
            Due::On(day("2026-02-14"))
        );
        // The latest go-live among deliverables not cancelled: Mar 20 (Apr 30 is cancelled).
        assert_eq!(
            due(&b, &pay(PaymentAfter::GoLive, 30)),
            Due::On(day("2026-04-19"))
        );
        assert_eq!(
            due(&b, &pay(PaymentAfter::Deliverable("reel-1".into()), 7)),
            Due::On(day("2026-03-19"))
        );
        assert_eq!(
            due(&b, &pay(PaymentAfter::On(day("2026-05-01")), 0)),
            Due::On(day("2026-05-01"))
        );
        let unsigned = brief(None);
        assert_eq!(
            due(&unsigned, &pay(PaymentAfter::Signature, 5)),
            Due::OnSignature
        );
    }

    #[test]
    fn standing_relative_to_today() {
        let d = Due::On(day("2026-03-10"));
        assert_eq!(status(&d, None, day("2026-03-11")), PaymentStatus::Overdue);
        assert_eq!(status(&d, None, day("2026-03-10")), PaymentStatus::Due);
        assert_eq!(
            status(&d, Some(day("2026-03-01")), day("2026-04-01")),
            PaymentStatus::Paid
        );
        assert_eq!(
            status(&Due::AfterGoLive, None, day("2030-01-01")),
            PaymentStatus::Due
        );
    }

    #[test]
    fn a_fee_without_instalments_is_one_unstated_payment() {
        let b = brief(None);
        let all = instalments(&b, day("2026-03-01"));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].due, Due::Unstated);
        assert_eq!(payments_total(&b), None);
    }
}
