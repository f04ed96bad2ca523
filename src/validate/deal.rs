//! The deal terms of a brief that must agree with each other (SPEC §6): instalments adding up
//! to the fee, `after = "deliverable:<id>"` naming a deliverable, `round` within the included
//! revision rounds, and an embargo `live_at` on the day of `live_on`.

use super::err_at;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, closest};
use crate::load::raw::RawBrief;
use crate::load::source::SourceFile;
use crate::model::{Deliverable, Money, Payment};

/// Every cross-field check of one brief's deal; each problem is an error at its key.
pub(super) fn check_deal(
    file: &SourceFile,
    raw: &RawBrief,
    deliverables: &[Deliverable],
    payments: &[Payment],
    diags: &mut Diagnostics,
) {
    payments_add_up(file, raw, payments, diags);
    payment_events_exist(file, raw, deliverables, diags);
    rounds_and_embargo(file, raw, diags);
}

fn payments_add_up(
    file: &SourceFile,
    raw: &RawBrief,
    payments: &[Payment],
    diags: &mut Diagnostics,
) {
    let Some(first) = payments.first() else {
        return;
    };
    let total: Money = payments.iter().map(|p| p.amount).sum();
    let at = Some(Position {
        line: first.line,
        column: first.column,
    });
    match raw.fee {
        None => diags.push(
            Diagnostic::error(
                &file.rel,
                "payments-total",
                format!(
                    "the brief has [[payments]] adding up to {} but no `fee`",
                    total.decimal_string()
                ),
            )
            .at(at)
            .with_hint(format!("add `fee = {}`", total.decimal_string())),
        ),
        Some(fee) if fee != total => diags.push(
            Diagnostic::error(
                &file.rel,
                "payments-total",
                format!(
                    "the [[payments]] add up to {} but `fee` is {}",
                    total.decimal_string(),
                    fee.decimal_string()
                ),
            )
            .at(at)
            .with_hint("the instalment amounts must add up to the fee exactly"),
        ),
        Some(_) => {}
    }
}

fn payment_events_exist(
    file: &SourceFile,
    raw: &RawBrief,
    deliverables: &[Deliverable],
    diags: &mut Diagnostics,
) {
    for p in &raw.payments {
        let Some(after) = &p.get_ref().after else {
            continue;
        };
        let Some(id) = after
            .get_ref()
            .as_str()
            .and_then(|s| s.strip_prefix("deliverable:"))
            .map(str::trim)
        else {
            continue;
        };
        if deliverables.iter().any(|d| d.id == id) {
            continue;
        }
        let ids: Vec<&str> = deliverables.iter().map(|d| d.id.as_str()).collect();
        diags.push(
            err_at(
                file,
                after,
                "reference",
                format!("`after = \"deliverable:{id}\"` names no deliverable of this brief"),
            )
            .with_hint_opt(
                closest(id, ids.iter().copied())
                    .map(|s| format!("did you mean `deliverable:{s}`?"))
                    .or_else(|| {
                        (!ids.is_empty())
                            .then(|| format!("the deliverables are {}", ids.join(", ")))
                    }),
            ),
        );
    }
}

fn rounds_and_embargo(file: &SourceFile, raw: &RawBrief, diags: &mut Diagnostics) {
    for d in &raw.deliverables {
        if let Some(r) = &d.round {
            let n = *r.get_ref();
            let most = raw.revision_rounds.map(|x| x + 1);
            if n == 0 {
                diags.push(
                    err_at(file, r, "invalid-value", "`round` counts from 1")
                        .with_hint("the first draft is round 1"),
                );
            } else if let Some(most) = most.filter(|m| n > *m) {
                diags.push(
                    err_at(
                        file,
                        r,
                        "invalid-value",
                        format!(
                            "`round = {n}` is above the {most} rounds this brief allows (`revision_rounds = {}`, plus the first draft)",
                            most - 1
                        ),
                    )
                    .with_hint("raise `revision_rounds` if the brand agreed to more rounds"),
                );
            }
        }
        if let (Some(at), Some(on)) = (&d.live_at, d.live_on.as_ref().map(|x| *x.get_ref())) {
            let t = at.get_ref();
            let same = t.date.is_some_and(|x| {
                i32::from(x.year) == i32::from(on.0.year())
                    && i32::from(x.month) == i32::from(on.0.month())
                    && i32::from(x.day) == i32::from(on.0.day())
            });
            if !same {
                diags.push(
                    err_at(
                        file,
                        at,
                        "invalid-value",
                        format!("`live_at` is not on the day of `live_on` ({})", on.iso()),
                    )
                    .with_hint("the embargo time is on the go-live day: change one of them"),
                );
            }
        }
    }
}
