//! Usage rights worked out for a day: the licensed window, the status, and the plain-words sentence.

use crate::model::{AssetRights, Brief, Channel, Date, Rights, RightsStart, RightsTerm};
use serde::Serialize;

/// Days before the end within which rights count as expiring.
pub const EXPIRING_DAYS: i64 = 30;

/// Rights status on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RightsStatus {
    /// Usable, not ending within 30 days.
    Active,
    /// Usable, ending within 30 days.
    Expiring,
    /// Past the end.
    Expired,
    /// Starts later.
    Pending,
    /// No rights, or dates that cannot be worked out.
    Unknown,
}

impl RightsStatus {
    /// As written in pages and files.
    pub fn as_str(self) -> &'static str {
        match self {
            RightsStatus::Active => "active",
            RightsStatus::Expiring => "expiring",
            RightsStatus::Expired => "expired",
            RightsStatus::Pending => "pending",
            RightsStatus::Unknown => "unknown",
        }
    }

    /// True when the content may be used today.
    pub fn usable(self) -> bool {
        matches!(self, RightsStatus::Active | RightsStatus::Expiring)
    }
}

/// The licensed window: first and last day (inclusive), `None` where open or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First licensed day.
    pub start: Option<Date>,
    /// Last licensed day; `None` for perpetual.
    pub end: Option<Date>,
    /// Perpetual rights.
    pub perpetual: bool,
}

/// The window of `rights`, given the brief they come from (for go-live and signature starts).
pub fn window(rights: &Rights, brief: Option<&Brief>) -> Window {
    let start = match rights.starts {
        RightsStart::On(d) => Some(d),
        RightsStart::GoLive => brief.and_then(Brief::first_live_on),
        RightsStart::Signature => brief.and_then(|b| b.signed_on),
    };
    let (end, perpetual) = match rights.term {
        RightsTerm::Days(n) => (start.map(|s| s.plus_days(i64::from(n.max(1)) - 1)), false),
        RightsTerm::Until(u) => (Some(u), false),
        RightsTerm::Perpetual => (None, true),
        RightsTerm::Unstated => (None, false),
    };
    Window {
        start,
        end,
        perpetual,
    }
}

/// The status of a window on `today`.
pub fn status(w: &Window, today: Date) -> RightsStatus {
    if let Some(s) = w.start
        && today < s
    {
        return RightsStatus::Pending;
    }
    if w.perpetual {
        return RightsStatus::Active;
    }
    let Some(end) = w.end else {
        return RightsStatus::Unknown;
    };
    match today.days_until(end) {
        d if d < 0 => RightsStatus::Expired,
        d if d < EXPIRING_DAYS => RightsStatus::Expiring,
        _ => RightsStatus::Active,
    }
}

/// Rights of an asset on `today`: the rights in force (own or inherited), window and status.
pub fn asset_status(
    rights: &AssetRights,
    brief: Option<&Brief>,
    today: Date,
) -> (Option<Rights>, Option<Window>, RightsStatus) {
    let r = match rights {
        AssetRights::None | AssetRights::Inherited(None) => {
            return (None, None, RightsStatus::Unknown);
        }
        AssetRights::Own(r) | AssetRights::Inherited(Some(r)) => r.clone(),
    };
    let w = window(&r, brief);
    let s = status(&w, today);
    (Some(r), Some(w), s)
}

/// A country name for common ISO codes, else the text as given.
pub fn territory_name(code: &str) -> String {
    let name = match code.trim().to_uppercase().as_str() {
        "US" | "USA" => "the US",
        "CA" => "Canada",
        "UK" | "GB" => "the UK",
        "FR" => "France",
        "DE" => "Germany",
        "ES" => "Spain",
        "IT" => "Italy",
        "NL" => "the Netherlands",
        "IE" => "Ireland",
        "AU" => "Australia",
        "NZ" => "New Zealand",
        "MX" => "Mexico",
        "BR" => "Brazil",
        "JP" => "Japan",
        "IN" => "India",
        "EU" => "the EU",
        "WORLDWIDE" | "WORLD" | "GLOBAL" => "all countries",
        _ => return code.trim().to_string(),
    };
    name.to_string()
}

/// "a, b and c".
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The rights in plain words, with exact dates where they can be worked out.
pub fn plain_words(rights: &Rights, w: &Window) -> String {
    let channels: Vec<String> = rights
        .channels
        .iter()
        .map(|c| Channel::label(*c).to_string())
        .collect();
    let mut s = if channels.is_empty() {
        "We may use your content".to_string()
    } else {
        format!("We may use your content in {}", join_words(&channels))
    };
    if !rights.territory.is_empty() {
        let places: Vec<String> = rights.territory.iter().map(|t| territory_name(t)).collect();
        s.push_str(&format!(" in {}", join_words(&places)));
    }
    let from = match rights.starts {
        RightsStart::GoLive => "from go-live".to_string(),
        RightsStart::Signature => "from signature".to_string(),
        RightsStart::On(d) => format!("from {}", d.human()),
    };
    match rights.term {
        RightsTerm::Days(n) => s.push_str(&format!(" for {n} days {from}")),
        RightsTerm::Until(u) => s.push_str(&format!(" {from} until {}", u.human())),
        RightsTerm::Perpetual => s.push_str(&format!(" {from}, with no end date")),
        RightsTerm::Unstated => s.push_str(&format!(" {from}; the end date is not set yet")),
    }
    match (w.start, w.end) {
        (Some(a), Some(b))
            if !matches!(rights.term, RightsTerm::Until(_))
                || !matches!(rights.starts, RightsStart::On(_)) =>
        {
            s.push_str(&format!(" ({} – {})", a.human(), b.human()));
        }
        (Some(a), None) if !matches!(rights.starts, RightsStart::On(_)) => {
            s.push_str(&format!(" (from {})", a.human()))
        }
        _ => {}
    }
    s.push('.');
    if let Some(e) = &rights.edits_allowed {
        s.push_str(&format!(" Edits allowed: {}.", e.trim_end_matches('.')));
    }
    if let Some(x) = &rights.exclusivity {
        s.push_str(&format!(" Exclusivity: {}.", x.trim_end_matches('.')));
    }
    if let Some(code) = rights.ad_code {
        let what = match code {
            crate::model::AdCode::Spark => "a Spark Ads code so we can boost your TikTok post",
            crate::model::AdCode::PartnershipAds => {
                "partnership-ads access so we can run your post as an ad"
            }
        };
        s.push_str(&format!(" You will give us {what}."));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rights(term: RightsTerm, starts: RightsStart) -> Rights {
        Rights {
            channels: vec![Channel::PaidSocial, Channel::Email],
            territory: vec!["US".into(), "CA".into()],
            starts,
            term,
            exclusivity: None,
            edits_allowed: None,
            ad_code: None,
        }
    }

    fn day(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn statuses() {
        let r = rights(RightsTerm::Days(90), RightsStart::On(day("2026-03-12")));
        let w = window(&r, None);
        assert_eq!(w.end, Some(day("2026-06-09")));
        assert_eq!(status(&w, day("2026-03-01")), RightsStatus::Pending);
        assert_eq!(status(&w, day("2026-04-01")), RightsStatus::Active);
        assert_eq!(status(&w, day("2026-05-20")), RightsStatus::Expiring);
        assert_eq!(status(&w, day("2026-06-10")), RightsStatus::Expired);
        let p = rights(RightsTerm::Perpetual, RightsStart::On(day("2026-01-01")));
        assert_eq!(
            status(&window(&p, None), day("2030-01-01")),
            RightsStatus::Active
        );
        let g = rights(RightsTerm::Days(30), RightsStart::GoLive);
        assert_eq!(
            status(&window(&g, None), day("2030-01-01")),
            RightsStatus::Unknown
        );
    }

    #[test]
    fn plain_words_for_each_term() {
        let r = rights(RightsTerm::Days(90), RightsStart::On(day("2026-03-12")));
        assert_eq!(
            plain_words(&r, &window(&r, None)),
            "We may use your content in paid social ads and e-mails in the US and Canada for 90 days from Mar 12, 2026 (Mar 12, 2026 – Jun 9, 2026)."
        );
        let u = rights(
            RightsTerm::Until(day("2026-07-01")),
            RightsStart::On(day("2026-03-01")),
        );
        assert_eq!(
            plain_words(&u, &window(&u, None)),
            "We may use your content in paid social ads and e-mails in the US and Canada from Mar 1, 2026 until Jul 1, 2026."
        );
        let p = rights(RightsTerm::Perpetual, RightsStart::GoLive);
        assert!(plain_words(&p, &window(&p, None)).contains("from go-live, with no end date"));
    }
}
