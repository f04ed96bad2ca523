//! iCalendar (RFC 5545) files: escaped text, folded lines, CRLF, stable UIDs, all-day and
//! zoned events with their VTIMEZONE; and the events of a brief's `brief.ics` (draft-due and
//! go-live dates, a go-live's embargo time, payment due dates).

use crate::compute::payments::{Due, instalments};
use crate::i18n::{Catalog, keys};
use crate::model::{Brief, Campaign, Date, DeliverableStatus};
use jiff::tz::Offset;

/// A local time in a named zone (an embargo), for a timed event.
#[derive(Debug, Clone)]
pub struct ZonedTime {
    /// The local date-time.
    pub at: jiff::civil::DateTime,
    /// IANA zone name, e.g. `Europe/Paris`.
    pub tzid: String,
}

/// One event: all day on `date`, or from `time` for an hour when it has one.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable unique id.
    pub uid: String,
    /// The day.
    pub date: Date,
    /// A start time on that day, in a zone.
    pub time: Option<ZonedTime>,
    /// Title.
    pub summary: String,
    /// Longer text.
    pub description: String,
    /// A link.
    pub url: Option<String>,
}

/// Escapes a TEXT value (`\`, `;`, `,`, newlines), dropping other control characters and the
/// bidi controls every escaper drops ([`crate::render::escape::is_bidi_control`]), which could
/// make a calendar app show a summary in another order than it was written.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let bytes = s.as_bytes();
    let (mut plain_from, mut i) = (0, 0);
    while i < bytes.len() {
        if !may_change(bytes[i]) {
            i += 1;
            continue;
        }
        // `may_change` is true only for ASCII and lead bytes, so `i` is a character boundary.
        out.push_str(&s[plain_from..i]);
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        push_escaped(c, &mut out);
        i += c.len_utf8();
        plain_from = i;
    }
    out.push_str(&s[plain_from..]);
    out
}

/// Appends `c` as a TEXT value holds it: escaped, dropped, or as it is.
fn push_escaped(c: char, out: &mut String) {
    match c {
        '\\' => out.push_str("\\\\"),
        ';' => out.push_str("\\;"),
        ',' => out.push_str("\\,"),
        '\n' => out.push_str("\\n"),
        c if changed(c) => {}
        c => out.push(c),
    }
}

/// True for the characters [`escape_text`] escapes or drops.
fn changed(c: char) -> bool {
    matches!(c, '\\' | ';' | ',') || c.is_control() || crate::render::escape::is_bidi_control(c)
}

/// False for every byte that cannot begin a character [`changed`] names: `\\`, `;`, `,`, ASCII
/// controls, and the lead bytes `C2` (C1 controls), `D8` (U+061C) and `E2` (the other bidi
/// controls) in UTF-8. Most text has none, and is taken as it is without being decoded.
fn may_change(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b';' | b',' | 0x00..=0x1f | 0x7f | 0xC2 | 0xD8 | 0xE2
    )
}

/// `DTSTART`/`DTEND` of an all-day event on `date` (RFC 5545: the end is the next day).
pub fn all_day(date: Date, out: &mut String) {
    fold(&format!("DTSTART;VALUE=DATE:{}", date.compact()), out);
    fold(
        &format!("DTEND;VALUE=DATE:{}", date.plus_days(1).compact()),
        out,
    );
}

/// Folds a content line at 75 octets without splitting a character; ends it with CRLF.
pub fn fold(line: &str, out: &mut String) {
    // The first line holds 75 octets, each continuation (after its leading space) 74; a cut
    // moves back to the nearest character boundary.
    let mut rest = line;
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        room = 74;
    }
    out.push_str(rest);
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
    let zones: std::collections::BTreeSet<&str> = events
        .iter()
        .filter_map(|e| e.time.as_ref().map(|t| t.tzid.as_str()))
        .collect();
    for z in zones {
        let times: Vec<_> = events
            .iter()
            .filter_map(|e| e.time.as_ref().filter(|t| t.tzid == z).map(|t| t.at))
            .collect();
        vtimezone(z, &times, &mut out);
    }
    for e in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", escape_text(&e.uid)), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        match &e.time {
            Some(t) => {
                let tzid = param_value(&t.tzid);
                fold(
                    &format!("DTSTART;TZID={tzid}:{}", local_compact(t.at)),
                    &mut out,
                );
                let end =
                    t.at.checked_add(jiff::SignedDuration::from_hours(1))
                        .unwrap_or(t.at);
                fold(
                    &format!("DTEND;TZID={tzid}:{}", local_compact(end)),
                    &mut out,
                );
            }
            None => all_day(e.date, &mut out),
        }
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

/// `20260312T090000`.
fn local_compact(t: jiff::civil::DateTime) -> String {
    t.strftime("%Y%m%dT%H%M%S").to_string()
}

/// A parameter value: quoted, without the characters a quoted value cannot hold.
fn param_value(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control() && *c != '"').collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// `+0100`, `-0530`.
fn offset_words(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
}

/// A VTIMEZONE for `tzid` that covers `times`: the offset in force at the start of the first
/// one's year, then every transition up to the end of the last one's year, from the time-zone
/// database. An unknown zone gets none (its events still name it).
fn vtimezone(tzid: &str, times: &[jiff::civil::DateTime], out: &mut String) {
    let Ok(tz) = jiff::tz::TimeZone::get(tzid) else {
        return;
    };
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return;
    };
    let year_start = |y: i16| jiff::civil::date(y, 1, 1).at(0, 0, 0, 0);
    let (Ok(from), Ok(until)) = (
        tz.to_timestamp(year_start(first.year())),
        tz.to_timestamp(year_start(last.year().saturating_add(1))),
    ) else {
        return;
    };
    fold("BEGIN:VTIMEZONE", out);
    fold(&format!("TZID:{}", param_value(tzid)), out);
    let mut before = tz.to_offset(from);
    // One STANDARD or DAYLIGHT part: from its local start, the offset changes from → to.
    let part = |kind: &str, start: jiff::civil::DateTime, (from, to): (Offset, Offset)| {
        let mut s = String::new();
        fold(&format!("BEGIN:{kind}"), &mut s);
        fold(&format!("DTSTART:{}", local_compact(start)), &mut s);
        fold(&format!("TZOFFSETFROM:{}", offset_words(from)), &mut s);
        fold(&format!("TZOFFSETTO:{}", offset_words(to)), &mut s);
        fold(&format!("END:{kind}"), &mut s);
        s
    };
    let dst_now = tz.to_offset_info(from).dst().is_dst();
    out.push_str(&part(
        if dst_now { "DAYLIGHT" } else { "STANDARD" },
        year_start(first.year()),
        (before, before),
    ));
    for t in tz.following(from).take_while(|t| t.timestamp() < until) {
        let after = t.offset();
        // The local time the change happens at, on the clock before it.
        let local = before.to_datetime(t.timestamp());
        let kind = if t.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.push_str(&part(kind, local, (before, after)));
        before = after;
    }
    fold("END:VTIMEZONE", out);
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
    /// The portal's time zone (embargo times are local to it).
    pub timezone: &'a str,
    /// Today, for the payments' standing.
    pub today: Date,
    /// The words of the brief's language.
    pub words: &'a Catalog,
}

/// One all-day event per draft-due and go-live date of the brief's deliverables (cancelled ones
/// left out; a go-live with an embargo `live_at` is timed, in the portal's zone), and one per
/// instalment whose due date is known. UIDs name the deliverable, milestone, creator and campaign, never the private
/// token, so they survive a revoked link and a calendar app updates the event in place.
pub fn brief_events(c: &BriefCalendar<'_>) -> Vec<Event> {
    let (camp, b, w) = (c.campaign, c.brief, c.words);
    let mut events = Vec::new();
    for d in &b.deliverables {
        if d.status == DeliverableStatus::Cancelled {
            continue;
        }
        let format_key = keys::format_name(d.format);
        let what = d.title.clone().unwrap_or_else(|| {
            w.fill(
                keys::DELIVERABLE_SHORT,
                &[
                    ("platform", d.platform.label()),
                    ("format", w.get(&format_key)),
                ],
            )
        });
        let count = if d.count > 1 {
            format!(" × {}", d.count)
        } else {
            String::new()
        };
        for (kind, date, label) in [
            ("draft", d.draft_due, w.get(keys::ICS_DRAFT)),
            ("live", d.live_on, w.get(keys::ICS_LIVE)),
        ] {
            let Some(date) = date else { continue };
            let mut description = w.fill(
                keys::ICS_FOR,
                &[
                    ("what", &format!("{what}{count}")),
                    ("creator", c.creator_name),
                ],
            );
            if let Some(specs) = &d.specs {
                description.push('\n');
                description.push_str(&w.fill(keys::ICS_SPECS, &[("specs", specs)]));
            }
            description.push('\n');
            description.push_str(&w.fill(keys::ICS_BRIEF, &[("url", c.url)]));
            let time = (kind == "live")
                .then_some(d.live_at)
                .flatten()
                .map(|at| ZonedTime {
                    at,
                    tzid: c.timezone.to_string(),
                });
            if let Some(t) = &time {
                description.push('\n');
                description.push_str(&w.fill(
                    keys::ICS_NOT_BEFORE,
                    &[
                        ("time", &t.at.strftime("%H:%M").to_string()),
                        ("zone", &t.tzid),
                    ],
                ));
            }
            events.push(Event {
                uid: format!("{}-{kind}.{}.{}@{}", d.id, b.creator, camp.slug, c.host),
                date,
                time,
                summary: format!("{label}: {what} — {}", camp.title),
                description,
                url: Some(c.url.to_string()),
            });
        }
    }
    let all = instalments(b, c.today);
    let n = all.len();
    for i in &all {
        let Due::On(date) = i.due else { continue };
        let amount = w.money(i.amount, &camp.currency);
        let mut description = if n > 1 {
            w.fill(
                keys::ICS_INSTALMENT,
                &[
                    ("number", &i.number.to_string()),
                    ("count", &n.to_string()),
                    ("amount", &amount),
                ],
            )
        } else {
            w.fill(keys::ICS_FEE, &[("amount", &amount)])
        };
        if let Some(p) = i.paid_on {
            description.push('\n');
            description.push_str(&w.fill(keys::ICS_PAID_ON, &[("date", &w.date(p))]));
        }
        description.push('\n');
        description.push_str(&w.fill(keys::ICS_BRIEF, &[("url", c.url)]));
        events.push(Event {
            uid: format!(
                "payment-{}.{}.{}@{}",
                i.number, b.creator, camp.slug, c.host
            ),
            date,
            time: None,
            summary: w.fill(
                keys::ICS_PAYMENT_DUE,
                &[("amount", &amount), ("campaign", &camp.title)],
            ),
            description,
            url: Some(c.url.to_string()),
        });
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
    use proptest::prelude::*;

    /// `escape_text` by definition, character by character (no runs copied).
    fn escaped_by_definition(s: &str) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| push_escaped(c, &mut out));
        out
    }

    proptest! {
        #[test]
        fn escaping_copies_runs_as_the_rule_escapes_each_character(
            s in proptest::collection::vec(
                prop_oneof![
                    Just(";".to_string()),
                    Just(",\\".to_string()),
                    Just("\r\n".to_string()),
                    Just("\u{202E}\u{85}\u{61C}".to_string()),
                    any::<char>().prop_map(String::from),
                    "[a-z é—]{0,6}",
                ],
                0..24,
            ).prop_map(|v| v.concat())
        ) {
            prop_assert_eq!(escape_text(&s), escaped_by_definition(&s));
        }
    }

    #[test]
    fn every_character_escaped_begins_with_a_byte_the_fast_path_looks_at() {
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| changed(c))
        {
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_change(first), "{c:?} begins with {first:#x}");
        }
        assert_eq!(escape_text("plain text, é"), "plain text\\, é");
        assert_eq!(escape_text("a\u{202E}b\u{85}c;\n"), "abc\\;\\n");
    }

    #[test]
    fn folds_every_line_at_75_octets_between_characters() {
        // The rule, character by character: a character that would pass octet 75 of a physical
        // line (the leading space counts) starts a new one.
        fn by_chars(line: &str) -> String {
            let mut out = String::new();
            let mut used = 0;
            for c in line.chars() {
                if used + c.len_utf8() > 75 {
                    out.push_str("\r\n ");
                    used = 1;
                }
                out.push(c);
                used += c.len_utf8();
            }
            out + "\r\n"
        }
        for line in [
            String::new(),
            "a".repeat(75),
            "a".repeat(76),
            "a".repeat(300),
            format!("{}é{}", "a".repeat(74), "b".repeat(80)),
            "€".repeat(90),
            format!("x{}", "😀".repeat(70)),
        ] {
            let mut out = String::new();
            fold(&line, &mut out);
            assert_eq!(out, by_chars(&line), "{line}");
            assert!(out.split("\r\n").all(|l| l.len() <= 75));
        }
    }

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        // Bidi controls (here an override and an isolate) and other controls are dropped.
        assert_eq!(escape_text("Go\u{202e}evil\u{2066}x\u{7}"), "Goevilx");
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
