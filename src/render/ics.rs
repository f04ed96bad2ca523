//! iCalendar (RFC 5545) files: escaped text, folded lines, CRLF, stable UIDs.

use crate::model::Date;

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
