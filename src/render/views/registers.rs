//! The team's registers: payments (`/team/payments/`, `payments.csv`) and shipments
//! (`/team/shipments/`, `shipments.csv`). One `#[derive(Serialize)]` record per register feeds
//! both the page and the CSV, so they agree row for row.

use crate::compute::payments::{self, Due, PaymentStatus};
use crate::model::{Campaign, DeliverableStatus, Money, Portal};
use crate::render::downloads::csv_safe;
use crate::render::routes;
use serde::Serialize;

/// Team: the payments register page.
pub const TEAM_PAYMENTS: &str = "team/payments/";
/// Team: the payments CSV.
pub const TEAM_PAYMENTS_CSV: &str = "team/payments.csv";
/// Team: the shipments register page.
pub const TEAM_SHIPMENTS: &str = "team/shipments/";
/// Team: the shipments CSV.
pub const TEAM_SHIPMENTS_CSV: &str = "team/shipments.csv";

/// One instalment (or a whole fee) of the payments register.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PaymentRecord {
    /// Campaign slug.
    pub campaign: String,
    /// Creator handle.
    pub creator: String,
    /// Creator name.
    pub name: String,
    /// The creator's pipeline status (`do-not-book` is marked on the page).
    pub creator_status: &'static str,
    /// 1-based instalment number.
    pub instalment: usize,
    /// Amount, decimal.
    pub amount: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Due day, ISO; empty when not datable yet.
    pub due_on: String,
    /// When it falls due, in words ("Mar 19, 2026", "on signature", "after go-live").
    pub due: String,
    /// Paid day, ISO; empty when unpaid.
    pub paid_on: String,
    /// `paid`, `overdue` or `due`.
    pub status: &'static str,
}

/// Payments register CSV header: the record's fields, in order.
pub const PAYMENT_HEADER: [&str; 11] = [
    "campaign",
    "creator",
    "name",
    "creator_status",
    "instalment",
    "amount",
    "currency",
    "due_on",
    "due",
    "paid_on",
    "status",
];

/// One shipment of the shipments register.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ShipmentRecord {
    /// Campaign slug.
    pub campaign: String,
    /// Creator handle.
    pub creator: String,
    /// Creator name.
    pub name: String,
    /// The creator's pipeline status (`do-not-book` is marked on the page).
    pub creator_status: &'static str,
    /// Items, `; `-separated.
    pub items: String,
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking: String,
    /// The carrier's tracking page, for carriers campsite knows.
    pub tracking_url: String,
    /// Shipped day, ISO.
    pub shipped_on: String,
    /// Delivered day, ISO.
    pub delivered_on: String,
    /// `delivered`, `shipped` or `not-shipped`.
    pub status: &'static str,
    /// Deliverables still waiting on the product (not delivered yet, deliverable still planned),
    /// `; `-separated ids.
    pub waiting: String,
}

/// Shipments register CSV header: the record's fields, in order.
pub const SHIPMENT_HEADER: [&str; 12] = [
    "campaign",
    "creator",
    "name",
    "creator_status",
    "items",
    "carrier",
    "tracking",
    "tracking_url",
    "shipped_on",
    "delivered_on",
    "status",
    "waiting",
];

/// A campaign's block of the payments page.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignPayments {
    /// Slug (anchor id).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Overview href from the site root.
    pub href: String,
    /// Budget, in words (`—` when none).
    pub budget: String,
    /// Fees committed: each brief's `fee` (or its instalments' sum when it has no fee).
    pub committed: String,
    /// Budget − committed, in words (`—` without a budget).
    pub left: String,
    /// True when the fees committed exceed the budget.
    pub over_budget: bool,
    /// Paid so far.
    pub paid: String,
    /// Unpaid and overdue.
    pub overdue: String,
    /// Unpaid, not overdue.
    pub due: String,
    /// The campaign's instalments, by due day (undated last), creator, number.
    pub rows: Vec<PaymentRecord>,
    /// The amount of each row, in words (same order as `rows`).
    pub amounts: Vec<String>,
}

fn creator_status(p: &Portal, b: &crate::model::Brief) -> &'static str {
    p.creators
        .get(&b.creator)
        .map_or("unknown", |c| c.status.as_str())
}

fn due_words(due: &Due, terms: Option<&str>) -> String {
    match due {
        Due::On(d) => d.human(),
        Due::OnSignature => "on signature".into(),
        Due::AfterGoLive => "after go-live".into(),
        Due::AfterDeliverable(id) => format!("after {id} goes live"),
        Due::Unstated => match terms {
            Some(t) => format!("per terms: {t}"),
            None => "no date stated".into(),
        },
    }
}

/// The fees a campaign has committed: per brief its `fee`, else the sum of its instalments.
pub fn committed(c: &Campaign) -> Money {
    c.briefs
        .values()
        .filter_map(|b| b.fee.or_else(|| payments::payments_total(b)))
        .fold(Money::default(), |a, m| a + m)
}

/// The payments register of one campaign on `today`.
pub fn campaign_payments(p: &Portal, c: &Campaign, today: crate::model::Date) -> CampaignPayments {
    let cur = c.currency.as_str();
    let mut rows: Vec<(Option<crate::model::Date>, PaymentRecord, Money)> = Vec::new();
    let (mut paid, mut overdue, mut due) = (Money::default(), Money::default(), Money::default());
    for b in c.briefs.values() {
        for i in payments::instalments(b, today) {
            match i.status {
                PaymentStatus::Paid => paid = paid + i.amount,
                PaymentStatus::Overdue => overdue = overdue + i.amount,
                PaymentStatus::Due => due = due + i.amount,
            }
            rows.push((
                i.due.date(),
                PaymentRecord {
                    campaign: c.slug.to_string(),
                    creator: b.creator.to_string(),
                    name: p.creator_name(&b.creator),
                    creator_status: creator_status(p, b),
                    instalment: i.number,
                    amount: i.amount.decimal_string(),
                    currency: c.currency.clone(),
                    due_on: i.due.date().map(|d| d.iso()).unwrap_or_default(),
                    due: due_words(&i.due, b.payment_terms.as_deref()),
                    paid_on: i.paid_on.map(|d| d.iso()).unwrap_or_default(),
                    status: i.status.as_str(),
                },
                i.amount,
            ));
        }
    }
    rows.sort_by(|a, b| {
        (a.0.is_none(), a.0, &a.1.creator, a.1.instalment).cmp(&(
            b.0.is_none(),
            b.0,
            &b.1.creator,
            b.1.instalment,
        ))
    });
    let committed = committed(c);
    let left = c.budget.total.map(|t| Money(t.0 - committed.0));
    CampaignPayments {
        slug: c.slug.to_string(),
        title: c.title.clone(),
        href: routes::team_campaign_dir(c.slug.as_str()),
        budget: c
            .budget
            .total
            .map(|t| t.display(cur))
            .unwrap_or_else(|| "—".into()),
        committed: committed.display(cur),
        left: left.map(|l| l.display(cur)).unwrap_or_else(|| "—".into()),
        over_budget: left.is_some_and(|l| l.0.is_sign_negative() && !l.0.is_zero()),
        paid: paid.display(cur),
        overdue: overdue.display(cur),
        due: due.display(cur),
        amounts: rows.iter().map(|r| r.2.display(cur)).collect(),
        rows: rows.into_iter().map(|r| r.1).collect(),
    }
}

/// The shipments register's rows of one campaign: one per brief with a `[shipment]`, by creator.
pub fn campaign_shipments(p: &Portal, c: &Campaign) -> Vec<ShipmentRecord> {
    let mut out = Vec::new();
    {
        for b in c.briefs.values() {
            let Some(s) = &b.shipment else { continue };
            let status = match (s.shipped_on, s.delivered_on) {
                (_, Some(_)) => "delivered",
                (Some(_), None) => "shipped",
                (None, None) => "not-shipped",
            };
            let waiting: Vec<&str> = if s.delivered_on.is_some() {
                Vec::new()
            } else {
                b.deliverables
                    .iter()
                    .filter(|d| d.status == DeliverableStatus::Planned)
                    .map(|d| d.id.as_str())
                    .collect()
            };
            out.push(ShipmentRecord {
                campaign: c.slug.to_string(),
                creator: b.creator.to_string(),
                name: p.creator_name(&b.creator),
                creator_status: creator_status(p, b),
                items: s.items.join("; "),
                carrier: s.carrier.clone().unwrap_or_default(),
                tracking: s.tracking.clone().unwrap_or_default(),
                tracking_url: match (&s.carrier, &s.tracking) {
                    (Some(k), Some(t)) => super::brief::carrier_tracking_url(k, t),
                    _ => None,
                }
                .unwrap_or_default(),
                shipped_on: s.shipped_on.map(|d| d.iso()).unwrap_or_default(),
                delivered_on: s.delivered_on.map(|d| d.iso()).unwrap_or_default(),
                status,
                waiting: waiting.join("; "),
            });
        }
    }
    out
}

/// A register as RFC 4180 CSV (CRLF, quoted where needed), every cell formula-safe: each record
/// is serialised by the `csv` crate from the same struct the page shows, then its cells are
/// neutralised with [`csv_safe`].
pub fn register_csv<T: Serialize>(header: &[&str], rows: &[T]) -> Vec<u8> {
    let mut plain = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in rows {
        // Serialising plain fields into a Vec cannot fail.
        let _ = plain.serialize(r);
    }
    let plain = plain.into_inner().unwrap_or_default();
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = out.write_record(header);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(plain.as_slice());
    for rec in reader.records().flatten() {
        let _ = out.write_record(rec.iter().map(csv_safe));
    }
    out.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_formula_safe_and_quoted() {
        let r = ShipmentRecord {
            campaign: "glow".into(),
            creator: "mia".into(),
            name: "=HYPERLINK(\"x\")".into(),
            creator_status: "vetted",
            items: "Serum, 30 ml; Cleanser".into(),
            carrier: "UPS".into(),
            tracking: "1Z".into(),
            tracking_url: String::new(),
            shipped_on: "2026-02-25".into(),
            delivered_on: String::new(),
            status: "shipped",
            waiting: "reel-1".into(),
        };
        let text = String::from_utf8(register_csv(&SHIPMENT_HEADER, &[r])).expect("utf-8");
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next(), Some(SHIPMENT_HEADER.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some(
                "glow,mia,\"'=HYPERLINK(\"\"x\"\")\",vetted,\"Serum, 30 ml; Cleanser\",UPS,1Z,,2026-02-25,,shipped,reel-1"
            )
        );
    }
}
