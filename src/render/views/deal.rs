//! The deal part of the brief page's view (SPEC §6): instalments with due dates and standing,
//! the next payment, acceptance and what changed since the accepted version, and the
//! "at a glance" box's next deadline. Formatting only: the rules live in `compute::payments`,
//! `compute::schedule` and `compute::brief_facts`.

use crate::compute::brief_facts::{FactChange, Facts, changes};
use crate::compute::payments::{Due, PaymentStatus, instalments};
use crate::compute::schedule::timing;
use crate::i18n::{Catalog, keys};
use crate::model::{Brief, Date};
use serde::Serialize;

/// One instalment as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PaymentView {
    /// 1-based.
    pub number: usize,
    /// Amount with currency.
    pub amount: String,
    /// When it is due, in words ("Mar 19, 2026", "on signature", "30 days after go-live").
    pub due: String,
    /// The due day, ISO, when known (the page's script recomputes the standing from it).
    pub due_iso: Option<String>,
    /// `paid`, `overdue` or `due`.
    pub status: &'static str,
    /// When it was paid, in words.
    pub paid_on: Option<String>,
}

/// The deal facts around the fee.
#[derive(Debug, Clone, Serialize)]
pub struct DealView {
    /// Every instalment (one for a whole fee without `[[payments]]`).
    pub payments: Vec<PaymentView>,
    /// True when the fee is split into `[[payments]]`.
    pub split: bool,
    /// The first unpaid instalment.
    pub next_payment: Option<PaymentView>,
    /// Kill fee with currency.
    pub kill_fee: Option<String>,
    /// The signed agreement.
    pub contract_url: Option<String>,
    /// Revision rounds included per deliverable.
    pub revision_rounds: Option<u32>,
    /// The accepted version and when.
    pub accepted: Option<AcceptedView>,
    /// Set when the creator accepted an older version.
    pub changed_since: Option<ChangedSinceView>,
    /// The next deadline over all deliverables.
    pub next_deadline: Option<DeadlineView>,
}

/// `accepted = { version, on }`.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptedView {
    /// Version accepted.
    pub version: u32,
    /// When, in words.
    pub on: Option<String>,
    /// True when it is the current version.
    pub current: bool,
}

/// "Changed since you accepted version N".
#[derive(Debug, Clone, Serialize)]
pub struct ChangedSinceView {
    /// The version accepted.
    pub version: u32,
    /// The changelog entries.
    pub changes: Vec<String>,
    /// Every fact that differs, when the accepted version's facts were recorded.
    pub fields: Vec<FactChange>,
    /// False when no record of the accepted version exists (only the changelog is shown).
    pub recorded: bool,
}

/// The next deadline of the brief.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    /// "Draft of Instagram reel (reel-1)".
    pub what: String,
    /// `draft` or `go-live`.
    pub milestone: &'static str,
    /// The day, in words.
    pub date: String,
    /// The day, ISO.
    pub date_iso: String,
}

/// What [`deal_view`] needs.
pub struct DealInputs<'a> {
    /// The brief.
    pub brief: &'a Brief,
    /// The campaign's currency.
    pub currency: &'a str,
    /// Today.
    pub today: Date,
    /// The facts now, and the accepted version's recorded facts when there are any.
    pub facts: Option<(&'a Facts, Option<&'a Facts>)>,
    /// The words of the brief's language.
    pub words: &'a Catalog,
}

/// Builds the deal part of the page.
pub fn deal_view(i: &DealInputs<'_>) -> DealView {
    let (b, w) = (i.brief, i.words);
    let payments: Vec<PaymentView> = instalments(b, i.today)
        .into_iter()
        .map(|x| {
            let days = b.payments.get(x.number - 1).map_or(0, |p| p.days);
            PaymentView {
                number: x.number,
                amount: w.money(x.amount, i.currency),
                due: due_words(b, &x.due, days, w),
                due_iso: x.due.date().map(Date::iso),
                status: x.status.as_str(),
                paid_on: x.paid_on.map(|d| w.date(d)),
            }
        })
        .collect();
    let next_payment = payments
        .iter()
        .find(|p| p.status != PaymentStatus::Paid.as_str())
        .cloned();
    let accepted = b.accepted.as_ref().map(|a| AcceptedView {
        version: a.version,
        on: a.on.map(|d| w.date(d)),
        current: a.version >= b.version,
    });
    let changed_since = b
        .accepted
        .as_ref()
        .filter(|a| a.version < b.version)
        .map(|a| {
            let (fields, recorded) = match i.facts {
                Some((now, Some(then))) => (changes(then, now), true),
                _ => (Vec::new(), false),
            };
            ChangedSinceView {
                version: a.version,
                changes: b.changes.clone(),
                fields,
                recorded,
            }
        });
    DealView {
        split: !b.payments.is_empty(),
        payments,
        next_payment,
        kill_fee: b.kill_fee.map(|k| w.money(k, i.currency)),
        contract_url: b.contract_url.clone(),
        revision_rounds: b.revision_rounds,
        accepted,
        changed_since,
        next_deadline: next_deadline(b, i.today, w),
    }
}

/// A due date in words: the day when known, else what it waits for (never guessed).
fn due_words(b: &Brief, due: &Due, days: i64, w: &Catalog) -> String {
    let after = |event: &str| match days {
        0 => w.fill(keys::DUE_WHEN, &[("event", event)]),
        n => w.count_with(keys::DUE_AFTER, n, &[("event", event)]),
    };
    match due {
        Due::On(d) => w.date(*d),
        Due::OnSignature if days == 0 => w.get(keys::DUE_ON_SIGNATURE).into(),
        Due::OnSignature => after(w.get(keys::EVENT_SIGNED)),
        Due::AfterGoLive if days == 0 => w.get(keys::DUE_AFTER_GO_LIVE).into(),
        Due::AfterGoLive => after(w.get(keys::EVENT_LAST_LIVE)),
        Due::AfterDeliverable(id) => after(&w.fill(
            keys::EVENT_GOES_LIVE,
            &[("name", &deliverable_name(b, id, w))],
        )),
        Due::Unstated => b
            .payment_terms
            .clone()
            .unwrap_or_else(|| w.get(keys::DUE_AS_AGREED).into()),
    }
}

/// "Instagram reel (reel-1)", or the deliverable's title.
pub fn deliverable_name(b: &Brief, id: &str, w: &Catalog) -> String {
    b.deliverables
        .iter()
        .find(|d| d.id == id)
        .map(|d| match &d.title {
            Some(t) => t.clone(),
            None => {
                let format_key = keys::format_name(d.format);
                w.fill(
                    keys::DEAL_DELIVERABLE,
                    &[
                        ("platform", d.platform.label()),
                        ("format", w.get(&format_key)),
                        ("id", id),
                    ],
                )
            }
        })
        .unwrap_or_else(|| id.to_string())
}

/// The earliest milestone not yet done (overdue ones first, they are earliest).
fn next_deadline(b: &Brief, today: Date, w: &Catalog) -> Option<DeadlineView> {
    b.deliverables
        .iter()
        .filter_map(|d| {
            let t = timing(d, today);
            let date = t.date?;
            let milestone = t.milestone?;
            matches!(t.kind, "overdue" | "due-today" | "due-soon" | "upcoming")
                .then_some((date, milestone, d))
        })
        .min_by_key(|(date, _, d)| (*date, d.id.clone()))
        .map(|(date, milestone, d)| {
            let format_key = keys::format_name(d.format);
            let name = match &d.title {
                Some(t) => t.clone(),
                None => w.fill(
                    keys::DELIVERABLE_SHORT,
                    &[
                        ("platform", d.platform.label()),
                        ("format", w.get(&format_key)),
                    ],
                ),
            };
            let key = if milestone == "draft" {
                keys::DEADLINE_DRAFT
            } else {
                keys::DEADLINE_LIVE
            };
            DeadlineView {
                what: w.fill(key, &[("name", &name)]),
                milestone,
                date: w.date(date),
                date_iso: date.iso(),
            }
        })
}
