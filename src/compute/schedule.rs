//! Where each deliverable stands relative to today: done, overdue, due today, due soon, upcoming.

use crate::i18n::{Catalog, keys};
use crate::model::{Date, Deliverable, DeliverableStatus};
use serde::Serialize;

/// Days ahead within which a date counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

/// A deliverable's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timing {
    /// `done`, `cancelled`, `overdue`, `due-today`, `due-soon`, `upcoming` or `no-date`.
    pub kind: &'static str,
    /// The milestone in question: `draft` or `go-live`.
    pub milestone: Option<&'static str>,
    /// Its date.
    pub date: Option<Date>,
    /// Words for people: "draft due in 3 days", "go-live overdue by 2 days".
    pub label: String,
}

/// The deliverable's next milestone and where it stands on `today`.
pub fn timing(d: &Deliverable, today: Date) -> Timing {
    match d.status {
        DeliverableStatus::Live => {
            return Timing {
                kind: "done",
                milestone: None,
                date: d.live_on,
                label: "live".into(),
            };
        }
        DeliverableStatus::Cancelled => {
            return Timing {
                kind: "cancelled",
                milestone: None,
                date: None,
                label: "cancelled".into(),
            };
        }
        _ => {}
    }
    let (milestone, date) = match (d.status, d.draft_due, d.live_on) {
        (DeliverableStatus::Planned | DeliverableStatus::ChangesRequested, Some(draft), _) => {
            ("draft", Some(draft))
        }
        (_, _, Some(live)) => ("go-live", Some(live)),
        (_, Some(draft), None) if d.status == DeliverableStatus::Planned => ("draft", Some(draft)),
        _ => ("go-live", None),
    };
    let Some(date) = date else {
        return Timing {
            kind: "no-date",
            milestone: Some(milestone),
            date: None,
            label: "no date set".into(),
        };
    };
    let days = today.days_until(date);
    let what = if milestone == "draft" {
        "draft"
    } else {
        "go-live"
    };
    let (kind, label) = match days {
        d if d < 0 => ("overdue", format!("{what} overdue by {}", plural_days(-d))),
        0 => ("due-today", format!("{what} due today")),
        d if d <= DUE_SOON_DAYS => ("due-soon", format!("{what} due in {}", plural_days(d))),
        d => ("upcoming", format!("{what} in {}", plural_days(d))),
    };
    Timing {
        kind,
        milestone: Some(milestone),
        date: Some(date),
        label,
    }
}

/// Where a deliverable stands, for the creator, in the catalog's language: "Overdue: draft was
/// due 5 days ago", "Due today: draft", "Due in 3 days: go-live", "Upcoming: draft in 10 days",
/// "Done: live".
pub fn standing_words(t: &Timing, today: Date, words: &Catalog) -> String {
    let what = words.get(match t.milestone {
        Some("draft") => keys::MILESTONE_DRAFT,
        _ => keys::MILESTONE_LIVE,
    });
    let n = t.date.map(|d| today.days_until(d).abs()).unwrap_or(0);
    let days = words.count(keys::DAYS, n);
    let key = match t.kind {
        "overdue" => keys::STANDING_OVERDUE,
        "due-today" => keys::STANDING_TODAY,
        "due-soon" => keys::STANDING_SOON,
        "upcoming" => keys::STANDING_UPCOMING,
        "done" => keys::STANDING_DONE,
        "cancelled" => keys::STANDING_CANCELLED,
        _ => keys::STANDING_NO_DATE,
    };
    words.fill(key, &[("what", what), ("days", &days)])
}

fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DeliverableFormat, Language, Platform};

    fn d(status: DeliverableStatus, draft: &str, live: &str) -> Deliverable {
        Deliverable {
            draft_due: Date::parse(draft),
            live_on: Date::parse(live),
            status,
            ..Deliverable::new("reel-1", Platform::Instagram, DeliverableFormat::Reel)
        }
    }

    #[test]
    fn each_standing() {
        let today = Date::parse("2026-03-10").expect("date");
        let t = |s, a, b| timing(&d(s, a, b), today);
        assert_eq!(
            t(DeliverableStatus::Planned, "2026-03-08", "2026-03-12").label,
            "draft overdue by 2 days"
        );
        assert_eq!(
            t(DeliverableStatus::Planned, "2026-03-10", "2026-03-12").kind,
            "due-today"
        );
        assert_eq!(
            t(
                DeliverableStatus::DraftSubmitted,
                "2026-03-08",
                "2026-03-11"
            )
            .label,
            "go-live due in 1 day"
        );
        assert_eq!(
            t(DeliverableStatus::Approved, "", "2026-04-30").kind,
            "upcoming"
        );
        assert_eq!(t(DeliverableStatus::Live, "", "2026-03-01").kind, "done");
        assert_eq!(t(DeliverableStatus::Approved, "", "").kind, "no-date");
    }

    #[test]
    fn standing_in_words() {
        let cats = crate::i18n::Catalogs::from_theme(&crate::load::theme::embedded_theme())
            .expect("catalogs");
        let (en, es, de) = (
            cats.get(Language::En),
            cats.get(Language::Es),
            cats.get(Language::De),
        );
        let today = Date::parse("2026-03-10").expect("date");
        let t = |kind, milestone, date: &str| Timing {
            kind,
            milestone: Some(milestone),
            date: Date::parse(date),
            label: String::new(),
        };
        let overdue = t("overdue", "draft", "2026-03-05");
        assert_eq!(
            standing_words(&overdue, today, en),
            "Overdue: draft was due 5 days ago"
        );
        assert_eq!(
            standing_words(&overdue, today, es),
            "Atrasado: borrador, venció hace 5 días"
        );
        assert_eq!(
            standing_words(&t("due-today", "draft", "2026-03-10"), today, en),
            "Due today: draft"
        );
        let soon = t("due-soon", "go-live", "2026-03-11");
        assert_eq!(standing_words(&soon, today, en), "Due in 1 day: go-live");
        assert_eq!(
            standing_words(&soon, today, de),
            "Bald fällig: Veröffentlichung, noch 1 Tag"
        );
        assert_eq!(
            standing_words(&t("upcoming", "draft", "2026-03-20"), today, en),
            "Upcoming: draft in 10 days"
        );
        assert_eq!(
            standing_words(&t("done", "go-live", ""), today, en),
            "Done: live"
        );
        assert_eq!(
            standing_words(&t("no-date", "draft", ""), today, es),
            "Aún sin fecha"
        );
    }
}
