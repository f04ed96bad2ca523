//! iCalendar (RFC 5545) files: escaped text, folded lines, CRLF, stable UIDs; and the events
//! of a brief's `brief.ics`.

use crate::model::{Brief, Campaign, Date, DeliverableStatus};

/// One all-day event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable unique id.
    pub uid: String,
    /// The day.
    pub date: Date,
    /// Title.
    pub summary: String,
    /// Longer text.
    pub description: String,
    /// A link.
    pub url: Option<String>,
}

/// Escapes a TEXT value (`\`, `;`, `,`, newlines).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character; ends it with CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// A whole calendar.
pub fn calendar(name: &str, events: &[Event], today: Date) -> String {
    let mut out = String::new();
    let stamp = format!("{}T000000Z", today.compact());
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//campsite//campsite//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(l, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape_text(name)), &mut out);
    for e in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", escape_text(&e.uid)), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(
            &format!("DTSTART;VALUE=DATE:{}", e.date.compact()),
            &mut out,
        );
        fold(
            &format!("DTEND;VALUE=DATE:{}", e.date.plus_days(1).compact()),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", escape_text(&e.summary)), &mut out);
        if !e.description.is_empty() {
            fold(
                &format!("DESCRIPTION:{}", escape_text(&e.description)),
                &mut out,
            );
        }
        if let Some(u) = &e.url {
            fold(&format!("URL:{}", u.replace(['\r', '\n'], "")), &mut out);
        }
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// What a brief's calendar is made from.
pub struct BriefCalendar<'a> {
    /// The campaign.
    pub campaign: &'a Campaign,
    /// The brief.
    pub brief: &'a Brief,
    /// The creator's display name.
    pub creator_name: &'a str,
    /// The brief page's absolute URL.
    pub url: &'a str,
    /// The host part of `base_url`, for UIDs.
    pub host: &'a str,
}

/// One all-day event per draft-due and go-live date of the brief's deliverables (cancelled ones
/// left out). UIDs name the deliverable, milestone, creator and campaign, never the private
/// token, so they survive a revoked link and a calendar app updates the event in place.
pub fn brief_events(c: &BriefCalendar<'_>) -> Vec<Event> {
    let (camp, b) = (c.campaign, c.brief);
    let mut events = Vec::new();
    for d in &b.deliverables {
        if d.status == DeliverableStatus::Cancelled {
            continue;
        }
        let what = d
            .title
            .clone()
            .unwrap_or_else(|| format!("{} {}", d.platform.label(), d.format));
        let count = if d.count > 1 {
            format!(" × {}", d.count)
        } else {
            String::new()
        };
        for (kind, date, label) in [
            ("draft", d.draft_due, "Draft due"),
            ("live", d.live_on, "Go live"),
        ] {
            let Some(date) = date else { continue };
            let mut description = format!("{what}{count} for {}.", c.creator_name);
            if let Some(specs) = &d.specs {
                description.push_str(&format!("\nSpecs: {specs}"));
            }
            description.push_str(&format!("\nBrief: {}", c.url));
            events.push(Event {
                uid: format!("{}-{kind}.{}.{}@{}", d.id, b.creator, camp.slug, c.host),
                date,
                summary: format!("{label}: {what} — {}", camp.title),
                description,
                url: Some(c.url.to_string()),
            });
        }
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    events
}

/// The host of a base URL (`https://a.example/x` → `a.example`), for UIDs.
pub fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if host.is_empty() { "campsite" } else { host }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l}");
        }
        assert!(out.ends_with("\r\n"));
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "é".repeat(60))
        );
    }
}
