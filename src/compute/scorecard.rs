//! The roster's weighted score and measured reliability. Weights default to 1 for every
//! criterion and are set in `portal.toml` `[extra.scorecard_weights]` (SPEC §2: "weights come
//! from the theme defaults or portal.toml [extra]"); reliability is measured from deliverable
//! dates and statuses (drafts submitted on time over drafts due).

use crate::model::{Creator, Date, DeliverableStatus, Portal};
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::validate::weights::{CRITERIA, WEIGHTS_KEY};

/// Weight per criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights(pub BTreeMap<String, f64>);

impl Weights {
    /// Weights from `[extra.scorecard_weights]`; a criterion not listed (or not a number ≥ 0)
    /// weighs 1.
    pub fn from_extra(extra: &toml::Table) -> Weights {
        let table = extra.get(WEIGHTS_KEY).and_then(toml::Value::as_table);
        let weight = |name: &str| {
            table
                .and_then(|t| t.get(name))
                .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                .filter(|w| w.is_finite() && *w >= 0.0)
                .unwrap_or(1.0)
        };
        Weights(
            CRITERIA
                .iter()
                .map(|c| (c.to_string(), weight(c)))
                .collect(),
        )
    }

    /// The weight of one criterion (1 when unknown).
    pub fn of(&self, criterion: &str) -> f64 {
        self.0.get(criterion).copied().unwrap_or(1.0)
    }
}

/// The weighted mean of a creator's scorecard: Σ weight × value ÷ Σ weight over the criteria
/// the creator has; `None` without a scorecard or when every weight present is 0.
pub fn score(c: &Creator, w: &Weights) -> Option<f64> {
    let (sum, weights) = c.scorecard.iter().fold((0.0, 0.0), |(s, t), (name, v)| {
        let k = w.of(name);
        (s + k * f64::from(*v), t + k)
    });
    (weights > 0.0).then(|| sum / weights)
}

/// Drafts submitted on time over drafts due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reliability {
    /// Drafts whose due date is before today (deliverables not cancelled).
    pub due: u32,
    /// Of those, the drafts submitted: any status past `planned`.
    pub on_time: u32,
}

impl Reliability {
    /// Adds another count.
    pub fn plus(self, o: Reliability) -> Reliability {
        Reliability {
            due: self.due + o.due,
            on_time: self.on_time + o.on_time,
        }
    }

    /// "3 of 4 drafts on time (75%)", or "no drafts due yet".
    pub fn words(self) -> String {
        if self.due == 0 {
            return "no drafts due yet".into();
        }
        let pct = f64::from(self.on_time) * 100.0 / f64::from(self.due);
        format!(
            "{} of {} drafts on time ({pct:.0}%)",
            self.on_time, self.due
        )
    }

    /// "3 of 4 (75%)", or "—" when no draft was due: for table cells.
    pub fn short(self) -> String {
        match self.share() {
            Some(x) => format!("{} of {} ({:.0}%)", self.on_time, self.due, x * 100.0),
            None => "—".into(),
        }
    }

    /// The share on time, when any draft was due.
    pub fn share(self) -> Option<f64> {
        (self.due > 0).then(|| f64::from(self.on_time) / f64::from(self.due))
    }
}

/// A brief's reliability on `today`: each deliverable not cancelled whose `draft_due` is before
/// today is due; it is on time when its status has moved past `planned` (campsite keeps no
/// submission date, so a draft counts as late while it is still planned after its due day).
pub fn brief_reliability(b: &crate::model::Brief, today: Date) -> Reliability {
    let mut r = Reliability::default();
    for d in &b.deliverables {
        if d.status == DeliverableStatus::Cancelled {
            continue;
        }
        if d.draft_due.is_some_and(|due| due < today) {
            r.due += 1;
            if d.status != DeliverableStatus::Planned {
                r.on_time += 1;
            }
        }
    }
    r
}

/// A creator's reliability over every campaign of the portal.
pub fn reliability(p: &Portal, c: &Creator, today: Date) -> Reliability {
    p.campaigns
        .values()
        .filter_map(|camp| camp.briefs.get(&c.handle))
        .map(|b| brief_reliability(b, today))
        .fold(Reliability::default(), Reliability::plus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_from_extra_default_to_one() {
        let extra: toml::Table = toml::from_str(
            "[scorecard_weights]\naudience_fit = 3\nbrand_safety = 0.5\nreliability = -1",
        )
        .expect("toml");
        let w = Weights::from_extra(&extra);
        assert_eq!(w.of("audience_fit"), 3.0);
        assert_eq!(w.of("brand_safety"), 0.5);
        assert_eq!(w.of("reliability"), 1.0);
        assert_eq!(w.of("content_quality"), 1.0);
    }

    #[test]
    fn reliability_words() {
        let r = Reliability { due: 4, on_time: 3 };
        assert_eq!(r.words(), "3 of 4 drafts on time (75%)");
        assert_eq!(Reliability::default().words(), "no drafts due yet");
    }
}
