//! The team calendar (`/team/calendar/`, `/team/calendar.ics`) and the dashboard's "needs
//! attention" panel: views over `compute::calendar` events, and the `.ics` with one event per
//! item (timed for a go-live with `live_at`, all-day otherwise) and stable UIDs.

use crate::compute::calendar::{self, CalendarEvent, EventKind, Group};
use crate::compute::rights;
use crate::model::{Date, Portal};
use crate::render::escape::SafeHtml;
use crate::render::ics::{all_day, escape_text, fold, host_of};
use crate::render::routes;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;

/// Team: the calendar page.
pub const TEAM_CALENDAR: &str = "team/calendar/";
/// Team: the calendar file.
pub const TEAM_CALENDAR_ICS: &str = "team/calendar.ics";

/// One event as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// ISO day.
    pub date_iso: String,
    /// The day in words.
    pub date: String,
    /// `09:00` for a timed go-live.
    pub time: Option<String>,
    /// `draft-due`, `go-live`… (CSS class).
    pub kind: &'static str,
    /// "Draft due", "Go live"…
    pub label: &'static str,
    /// What it is about: the deliverable, the instalment, the asset.
    pub subject: String,
    /// Campaign title.
    pub campaign: Option<String>,
    /// Creator name.
    pub creator: Option<String>,
    /// Whether the creator is marked `do-not-book`.
    pub do_not_book: bool,
    /// The page that holds it, from the site root.
    pub href: String,
    /// `done` or `to-do`.
    pub state: &'static str,
}

/// A group of events.
#[derive(Debug, Clone, Serialize)]
pub struct EventGroup {
    /// `overdue`, `this-week`… (anchor id).
    pub id: &'static str,
    /// Heading.
    pub title: &'static str,
    /// What the group holds, in words.
    pub note: String,
    /// How many events it holds.
    pub count: usize,
    /// Its events' table rows, in date order: [`EventRow`]s rendered a chunk at a time
    /// (`team/calendar-rows.html`, [`super::chunks`]).
    pub rows_html: SafeHtml,
}

/// The calendar page.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    /// Today in words.
    pub today: String,
    /// Groups in page order (overdue, this week, next weeks, later, past).
    pub groups: Vec<EventGroup>,
}

fn subject_words(e: &CalendarEvent) -> String {
    match e.kind {
        EventKind::DraftDue | EventKind::GoLive => e.subject.clone(),
        EventKind::PaymentDue => e.subject.replace('-', " "),
        EventKind::Shipped | EventKind::Delivered => "product shipment".into(),
        EventKind::RightsEnd => "usage rights of the brief".into(),
        EventKind::AssetRightsEnd => e.subject.clone(),
    }
}

/// The page an event is handled on, from the site root.
fn href_of(e: &CalendarEvent) -> String {
    let campaign = e
        .campaign
        .as_ref()
        .map(|c| routes::team_campaign_dir(c.as_str()));
    match e.kind {
        EventKind::PaymentDue => format!(
            "{}#{}",
            super::registers::TEAM_PAYMENTS,
            e.campaign.as_ref().map(|c| c.as_str()).unwrap_or_default()
        ),
        EventKind::Shipped | EventKind::Delivered => super::registers::TEAM_SHIPMENTS.into(),
        EventKind::AssetRightsEnd => routes::url_path(&super::assets::asset_dir(&e.subject)),
        _ => campaign.unwrap_or_else(|| TEAM_CALENDAR.into()),
    }
}

/// One event as a row.
pub fn row(p: &Portal, e: &CalendarEvent) -> EventRow {
    let creator = e.creator.as_ref().and_then(|h| p.creators.get(h));
    EventRow {
        date_iso: e.date.iso(),
        date: e.date.human(),
        time: e.time.map(|t| t.strftime("%H:%M").to_string()),
        kind: e.kind.as_str(),
        label: e.kind.label(),
        subject: subject_words(e),
        campaign: e
            .campaign
            .as_ref()
            .and_then(|c| p.campaigns.get(c))
            .map(|c| c.title.clone()),
        creator: creator
            .map(|c| c.name.clone())
            .or_else(|| e.creator.as_ref().map(ToString::to_string)),
        do_not_book: creator.is_some_and(|c| c.status == crate::model::CreatorStatus::DoNotBook),
        href: href_of(e),
        state: if e.done { "done" } else { "to-do" },
    }
}

fn group_note(g: Group, today: Date) -> String {
    let span = |from: i64, to: i64| {
        format!(
            "{} – {}",
            today.plus_days(from).human(),
            today.plus_days(to).human()
        )
    };
    match g {
        Group::Overdue => "Before today and not done yet.".into(),
        Group::ThisWeek => span(0, calendar::WEEK_DAYS - 1),
        Group::NextWeeks => span(calendar::WEEK_DAYS, calendar::NEXT_WEEKS_DAYS - 1),
        Group::Later => format!(
            "From {}.",
            today.plus_days(calendar::NEXT_WEEKS_DAYS).human()
        ),
        Group::Past => "Done, or facts already recorded.".into(),
    }
}

/// An event, with the digest of how the page, `calendar.ics` and the dashboard word it (its row
/// and its `.ics` lines) and the length of its `.ics` lines. The words are made again when the
/// page or the file is made ([`row`], [`calendar_ics`]) rather than held: held for each of the
/// 200,000 events of a 100,000-brief portal, they were 0.2 GB through every team page.
#[derive(Debug, Clone)]
pub struct CalendarEntry {
    /// The event.
    pub event: CalendarEvent,
    /// blake3 of its row (serialised) and its `.ics` lines.
    worded: blake3::Hash,
    /// The length of its `BEGIN:VEVENT` … `END:VEVENT` lines, folded.
    vevent_len: usize,
}

/// An entry's digest input: everything the page, the file and the order of events read.
impl Serialize for CalendarEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = &self.event;
        let who = (
            e.campaign.as_ref().map(|c| c.as_str()),
            e.creator.as_ref().map(|h| h.as_str()),
        );
        (self.worded.to_hex().as_str(), who, &e.subject, &e.key).serialize(s)
    }
}

/// What every `.ics` event of a portal shares.
pub struct IcsWords {
    host: String,
    base: String,
    tz: Option<jiff::tz::TimeZone>,
    stamp: String,
}

impl IcsWords {
    /// The words of `p`'s events on `today`.
    pub fn new(p: &Portal, today: Date) -> Self {
        IcsWords {
            host: host_of(&p.config.base_url).to_string(),
            base: p.config.base_url.clone(),
            tz: jiff::tz::TimeZone::get(&p.config.timezone).ok(),
            stamp: format!("{}T000000Z", today.compact()),
        }
    }

    /// One event's lines: all-day for a date; a go-live with `live_at` is a one-hour event at
    /// that local time, written in UTC (the portal's time zone resolved here), or as floating
    /// local time when the zone is unknown. The UID comes from the event's identity
    /// ([`CalendarEvent::key`]), never a token.
    fn vevent(&self, e: &CalendarEvent, r: &EventRow) -> String {
        let mut out = String::new();
        fold("BEGIN:VEVENT", &mut out);
        let uid = format!("team.{}@{}", e.key, self.host);
        fold(&format!("UID:{}", escape_text(&uid)), &mut out);
        fold(&format!("DTSTAMP:{}", self.stamp), &mut out);
        match e.time.map(|t| e.date.0.to_datetime(t)) {
            Some(local) => {
                let (start, end) = timed(local, self.tz.as_ref());
                fold(&format!("DTSTART:{start}"), &mut out);
                fold(&format!("DTEND:{end}"), &mut out);
            }
            None => all_day(e.date, &mut out),
        }
        let who = [r.creator.as_deref(), r.campaign.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let summary = if who.is_empty() {
            format!("{}: {}", r.label, r.subject)
        } else {
            format!("{}: {} — {who}", r.label, r.subject)
        };
        fold(&format!("SUMMARY:{}", escape_text(&summary)), &mut out);
        let url = format!("{}/{}", self.base, r.href);
        fold(
            &format!("DESCRIPTION:{}", escape_text(&format!("{summary}\n{url}"))),
            &mut out,
        );
        fold(&format!("URL:{}", url.replace(['\r', '\n'], "")), &mut out);
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
        out
    }
}

/// Each event with the digest of its words, in the events' order.
pub fn entries(p: &Portal, events: Vec<CalendarEvent>, today: Date) -> Vec<CalendarEntry> {
    entries_in(p, &IcsWords::new(p, today), events)
}

/// [`entries`] with the portal's words made already.
pub fn entries_in(p: &Portal, words: &IcsWords, events: Vec<CalendarEvent>) -> Vec<CalendarEntry> {
    events
        .into_iter()
        .map(|event| {
            let row = row(p, &event);
            let vevent = words.vevent(&event, &row);
            let mut worded = blake3::Hasher::new();
            worded.update(&serde_json::to_vec(&row).unwrap_or_default());
            worded.update(vevent.as_bytes());
            CalendarEntry {
                event,
                worded: worded.finalize(),
                vevent_len: vevent.len(),
            }
        })
        .collect()
}

/// The calendar page over the portal's entries, sorted ([`calendar::order`]): each group's rows
/// are worded a chunk at a time and handed to `render` for their markup, with how many rows of
/// the group came before them ([`super::chunks::markup_in_chunks`]), and the entries are dropped as they are worded.
pub fn calendar_view<E>(
    p: &Portal,
    entries: Vec<CalendarEntry>,
    today: Date,
    mut render: impl FnMut(&[EventRow], usize) -> Result<SafeHtml, E>,
) -> Result<CalendarView, E> {
    let mut grouped: Vec<Vec<CalendarEntry>> = Group::ALL.iter().map(|_| Vec::new()).collect();
    for x in entries {
        let g = x.event.group(today);
        let at = Group::ALL.iter().position(|y| *y == g);
        if let Some(into) = at.and_then(|i| grouped.get_mut(i)) {
            into.push(x);
        }
    }
    let mut groups = Vec::with_capacity(Group::ALL.len());
    for (g, entries) in Group::ALL.iter().zip(grouped) {
        let count = entries.len();
        let rows = entries.into_iter().map(|x| row(p, &x.event));
        let rows_html = super::chunks::markup_in_chunks(rows, &mut render)?;
        groups.push(EventGroup {
            id: g.as_str(),
            title: g.title(),
            note: group_note(*g, today),
            count,
            rows_html,
        });
    }
    Ok(CalendarView {
        today: today.human(),
        groups,
    })
}

/// `calendar.ics` on `today`: one event per entry, in the entries' order. Made at its exact
/// length (each entry knows its lines' length) and written in place, so the file (90 MB at
/// 100,000 briefs) is held once, not again as the `String` it was built in.
pub fn calendar_ics(p: &Portal, entries: &[&CalendarEntry], today: Date) -> Arc<[u8]> {
    let mut head = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//campsite//campsite team calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(l, &mut head);
    }
    fold(
        &format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("{} — team calendar", p.config.title))
        ),
        &mut head,
    );
    let mut tail = String::new();
    fold("END:VCALENDAR", &mut tail);
    let words = IcsWords::new(p, today);
    let vevent = |x: &CalendarEntry| words.vevent(&x.event, &row(p, &x.event));
    let len = head.len() + tail.len() + entries.iter().map(|x| x.vevent_len).sum::<usize>();
    // Zeroed pages are not resident until written, so the file is in memory once.
    let mut out: Arc<[u8]> = vec![0u8; len].into();
    let pieces = || {
        let vevents = entries.iter().map(|x| Cow::Owned(vevent(x)));
        std::iter::once(Cow::Borrowed(head.as_str()))
            .chain(vevents)
            .chain([Cow::Borrowed(tail.as_str())])
    };
    if Arc::get_mut(&mut out).is_some_and(|buf| fill(buf, pieces())) {
        return out;
    }
    // Words that are not the length they were when the entry was made (never expected).
    let mut text = head;
    for x in entries {
        text.push_str(&vevent(x));
    }
    text.push_str(&tail);
    text.into_bytes().into()
}

/// Writes `pieces` into `buf`: true when they fill it exactly.
fn fill<'a>(mut buf: &mut [u8], pieces: impl Iterator<Item = Cow<'a, str>>) -> bool {
    for piece in pieces {
        if buf.write_all(piece.as_bytes()).is_err() {
            return false;
        }
    }
    buf.is_empty()
}

/// Start and end (one hour later) of a local moment: UTC when the zone is known.
fn timed(local: jiff::civil::DateTime, tz: Option<&jiff::tz::TimeZone>) -> (String, String) {
    let end = local
        .checked_add(jiff::Span::new().hours(1))
        .unwrap_or(local);
    match tz.and_then(|z| Some((z.to_timestamp(local).ok()?, z.to_timestamp(end).ok()?))) {
        Some((a, b)) => (
            a.strftime("%Y%m%dT%H%M%SZ").to_string(),
            b.strftime("%Y%m%dT%H%M%SZ").to_string(),
        ),
        None => (
            local.strftime("%Y%m%dT%H%M%S").to_string(),
            end.strftime("%Y%m%dT%H%M%S").to_string(),
        ),
    }
}

/// A line of the "needs attention" panel.
#[derive(Debug, Clone, Serialize)]
pub struct AttentionItem {
    /// What needs attention, in words.
    pub text: String,
    /// How many.
    pub count: usize,
    /// The page to open, from the site root.
    pub href: String,
    /// The items themselves (at most a few), when listed.
    pub rows: Vec<EventRow>,
}

/// The dashboard's first panel: overdue drafts and go-lives, overdue payments, expired and
/// expiring rights, and the `check` findings counted by rule.
#[derive(Debug, Clone, Serialize)]
pub struct Attention {
    /// Lines with a count above zero.
    pub items: Vec<AttentionItem>,
    /// `check` findings by rule.
    pub findings: Vec<AttentionItem>,
    /// This week's events (today and the six days after).
    pub this_week: Vec<EventRow>,
}

/// What the inputs of the panel are.
pub struct AttentionInputs<'a> {
    /// The portal (the rows of the items listed are worded from it).
    pub portal: &'a Portal,
    /// The portal's calendar entries, in any order.
    pub entries: &'a [&'a CalendarEntry],
    /// Today.
    pub today: Date,
    /// Compliance findings: rule → (count, the page of the first one, from the site root).
    pub findings: &'a BTreeMap<String, (usize, String)>,
}

/// The "needs attention" panel.
pub fn attention(a: &AttentionInputs<'_>) -> Attention {
    let today = a.today;
    // One pass over the entries, each placed in the lists it belongs to.
    let [
        mut drafts,
        mut go_lives,
        mut payments,
        mut expired,
        mut expiring,
        mut this_week,
    ]: [Vec<&CalendarEntry>; 6] = Default::default();
    for x in a.entries.iter().copied() {
        let e = &x.event;
        let group = e.group(today);
        if group == Group::Overdue {
            match e.kind {
                EventKind::DraftDue => drafts.push(x),
                EventKind::GoLive => go_lives.push(x),
                EventKind::PaymentDue => payments.push(x),
                _ => {}
            }
        }
        if matches!(e.kind, EventKind::RightsEnd | EventKind::AssetRightsEnd) {
            match today.days_until(e.date) {
                d if d < 0 => expired.push(x),
                d if d < rights::EXPIRING_DAYS => expiring.push(x),
                _ => {}
            }
        }
        if group == Group::ThisWeek {
            this_week.push(x);
        }
    }
    let cal = format!("{TEAM_CALENDAR}#overdue");
    let items = [
        ("overdue draft", drafts, cal.clone()),
        ("overdue go-live", go_lives, cal),
        (
            "overdue payment",
            payments,
            super::registers::TEAM_PAYMENTS.to_string(),
        ),
        (
            "expired right",
            expired,
            super::assets::TEAM_ASSETS_EXPIRED.to_string(),
        ),
        (
            "right expiring within 30 days",
            expiring,
            format!("{TEAM_CALENDAR}#this-week"),
        ),
    ];
    Attention {
        items: items
            .into_iter()
            .filter(|(_, picked, _)| !picked.is_empty())
            .map(|(text, picked, href)| AttentionItem {
                text: plural(text, picked.len()),
                count: picked.len(),
                href,
                rows: first_rows(a.portal, picked, 5),
            })
            .collect(),
        findings: a
            .findings
            .iter()
            .map(|(rule, (n, href))| AttentionItem {
                text: rule.clone(),
                count: *n,
                href: href.clone(),
                rows: Vec::new(),
            })
            .collect(),
        this_week: first_rows(a.portal, this_week, usize::MAX),
    }
}

/// The rows of the first `n` of `picked` in [`calendar::order`].
fn first_rows(p: &Portal, picked: Vec<&CalendarEntry>, n: usize) -> Vec<EventRow> {
    let by_order = |x: &&CalendarEntry, y: &&CalendarEntry| {
        calendar::order(&x.event).cmp(&calendar::order(&y.event))
    };
    let first = first_in_order(picked, n, by_order);
    first.into_iter().map(|x| row(p, &x.event)).collect()
}

/// The first `n` of `items` as a stable sort by `cmp` gives them (equal items in the order
/// they came), sorting only those `n`: the panel lists five of what may be thousands of
/// overdue events.
fn first_in_order<T>(
    items: Vec<T>,
    n: usize,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    let mut items: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    let by = |x: &(usize, T), y: &(usize, T)| cmp(&x.1, &y.1).then(x.0.cmp(&y.0));
    if n < items.len() {
        items.select_nth_unstable_by(n, by);
        items.truncate(n);
    }
    items.sort_unstable_by(by);
    items.into_iter().map(|(_, x)| x).collect()
}

/// "overdue draft" → "overdue drafts" for counts other than one ("right expiring…" → "rights
/// expiring…": the noun is the second word when the first is not "overdue"/"expired").
fn plural(text: &str, n: usize) -> String {
    if n == 1 {
        return text.to_string();
    }
    match text.split_once(' ') {
        Some((first, rest)) if matches!(first, "overdue" | "expired") => match rest.split_once(' ')
        {
            Some((noun, tail)) => format!("{first} {noun}s {tail}"),
            None => format!("{first} {rest}s"),
        },
        Some((noun, rest)) => format!("{noun}s {rest}"),
        None => format!("{text}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::{first_in_order, plural};

    #[test]
    fn the_first_in_order_are_a_stable_sorts_first() {
        // (key, identity): equal keys must keep the order they came in.
        let items: Vec<(u8, usize)> = [5, 1, 3, 1, 5, 0, 3, 1, 2, 0, 4, 1]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut sorted = items.clone();
        sorted.sort_by_key(|x| x.0);
        for n in 0..=items.len() + 1 {
            let first = first_in_order(items.clone(), n, |x, y| x.0.cmp(&y.0));
            let want: Vec<_> = sorted.iter().copied().take(n).collect();
            assert_eq!(first, want, "first {n}");
        }
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("overdue draft", 2), "overdue drafts");
        assert_eq!(plural("overdue draft", 1), "overdue draft");
        assert_eq!(plural("expired right", 3), "expired rights");
        assert_eq!(
            plural("right expiring within 30 days", 2),
            "rights expiring within 30 days"
        );
    }
}
