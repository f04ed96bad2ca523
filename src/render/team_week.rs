//! The team's week: the page jobs of the calendar, the payments and shipments registers, the
//! roster's plain filter and sort pages, the campaign shortlists and the playbook, and the
//! dashboard's "needs attention" panel (its data; the dashboard page itself is in `mod.rs`).

use super::escape::SafeHtml;
use super::parts::Part;
use super::views::PageMeta;
use super::views::calendar::{self as cal, Attention, AttentionInputs, CalendarEntry};
use super::views::chunks;
use super::views::registers::{self as reg, PAYMENT_HEADER, SHIPMENT_HEADER};
use super::views::roster::Roster;
use super::{Ctx, PageJob, routes};
use crate::compute::calendar;
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Serialize)]
struct PaymentsPage {
    /// Each campaign's section, in campaign order.
    campaigns_html: SafeHtml,
    csv: &'static str,
}

/// How many campaigns' payment sections are rendered at once (a campaign of 100 briefs has
/// about 100 rows).
const SECTIONS_AT_ONCE: usize = 5;

#[derive(Serialize)]
struct ShipmentsPage<'a> {
    rows: Vec<&'a reg::ShipmentRecord>,
    csv: &'static str,
}

/// The portal's calendar: each brief's entries (a part, kept by `serve` under the brief's key,
/// so a save to one brief words that brief's events again, not its campaign's) and the assets'
/// rights ends (made each build: they read briefs of any campaign).
struct Calendar {
    briefs: Vec<Arc<Part<Vec<CalendarEntry>>>>,
    assets: Part<Vec<CalendarEntry>>,
}

impl Calendar {
    /// The calendar of `cx`'s portal on its today.
    fn new(cx: &Ctx<'_>) -> Self {
        let (p, today) = (cx.portal, cx.derived.today);
        let words = cal::IcsWords::new(p, today);
        let briefs: Vec<_> = p
            .campaigns
            .values()
            .flat_map(|c| {
                let keys = cx.brief_keys_of(c);
                let each = c.briefs.values().enumerate();
                each.map(move |(i, b)| (c, b, keys.clone(), i))
            })
            .collect();
        let briefs = briefs
            .par_iter()
            .map(|(c, b, keys, i)| {
                let key = keys.as_ref().and_then(|k| k.get(*i)).map(String::as_str);
                cx.part_under("calendar", key, || {
                    cal::entries_in(p, &words, calendar::brief_events(c, b, today))
                })
            })
            .collect();
        let assets = Part::new(cal::entries(p, calendar::asset_events(p, today), today));
        Calendar { briefs, assets }
    }

    /// What the calendar is made of: each part's digest.
    fn digests(&self) -> Vec<blake3::Hash> {
        let parts = self.briefs.iter().map(|x| x.digest);
        parts.chain([self.assets.digest]).collect()
    }

    /// Every entry, campaign by campaign, then the assets'.
    fn all(&self) -> Vec<&CalendarEntry> {
        let parts = self.briefs.iter().map(|x| &x.value);
        parts.chain([&self.assets.value]).flatten().collect()
    }

    /// Every entry, in [`calendar::order`].
    fn sorted(&self) -> Vec<&CalendarEntry> {
        let mut all = self.all();
        all.sort_by(|x, y| calendar::order(&x.event).cmp(&calendar::order(&y.event)));
        all
    }

    /// Every entry, in [`calendar::order`], taken out of the parts (a part `serve` keeps is
    /// copied), so that the page's view owns them and they go when it does.
    fn into_sorted(self) -> Vec<CalendarEntry> {
        let parts = self.briefs.into_iter().map(|x| match Arc::try_unwrap(x) {
            Ok(part) => part.value,
            Err(kept) => kept.value.clone(),
        });
        let mut all: Vec<_> = parts.chain([self.assets.value]).flatten().collect();
        all.sort_by(|x, y| calendar::order(&x.event).cmp(&calendar::order(&y.event)));
        all
    }
}

/// The calendar page, `calendar.ics` and the dashboard's "needs attention" panel (team
/// audience only). The portal's calendar is made, read by the three and dropped here, before the
/// other portal-wide pages are made: its entries are the largest of their parts.
pub(super) fn calendar_pages(cx: &Ctx<'_>) -> (Vec<PageJob>, Attention) {
    let calendar = Calendar::new(cx);
    let attention = attention(cx, &calendar);
    let (p, today) = (cx.portal, cx.derived.today);
    let src = || "content/campaigns".to_string();
    let digests = calendar.digests();
    let path = routes::index_of(cal::TEAM_CALENDAR);
    let meta = PageMeta::new("Calendar", &path, "team", false);
    let ics = || cal::calendar_ics(p, &calendar.sorted(), today);
    let file = cx.file_of_parts(cal::TEAM_CALENDAR_ICS.into(), &digests, ics, src());
    // The page last: its view takes the entries and words them a chunk at a time, each
    // chunk's rows rendered on their own (`team/calendar-rows.html`), so the page's context
    // holds their markup, never every row's `tera::Value` map at once; the page drops the view
    // (and the entries) once that context is made, before the page is rendered.
    let view = || {
        let rows = |chunk: &[cal::EventRow], before| {
            rows_markup(cx, &meta, "team/calendar-rows.html", chunk, before)
        };
        cal::calendar_view(p, calendar.into_sorted(), today, rows)
    };
    let template = "team/calendar.html";
    let page = cx.unit_of_rows(path, template, &meta, "calendar", &digests, view, src());
    (vec![page, file], attention)
}

/// The markup of a chunk of a long table's rows ([`views::chunks`](super::views::chunks)):
/// `template` with the page's context (`site`, `lang`, `page`), the chunk as `rows` and how many
/// rows came before it as `before`.
pub(super) fn rows_markup<T: Serialize>(
    cx: &Ctx<'_>,
    meta: &PageMeta,
    template: &str,
    rows: &[T],
    before: usize,
) -> Result<SafeHtml, Diagnostic> {
    let mut ctx = cx.context(meta, "rows", &rows);
    ctx.insert("before", &before);
    cx.templates.render_markup(template, &ctx)
}

/// Every other new team page of the week (team audience only).
pub(super) fn pages(cx: &Ctx<'_>, r: &Roster<'_>) -> Vec<PageJob> {
    let p = cx.portal;
    let today = cx.derived.today;
    let mut out: Vec<PageJob> = Vec::new();
    let src = || "content/campaigns".to_string();

    let campaigns: Vec<_> = p.campaigns.values().collect();
    let payments: Vec<_> = campaigns
        .par_iter()
        .map(|c| cx.part("payments", c, || reg::campaign_payments(p, c, today)))
        .collect();
    let digests: Vec<_> = payments.iter().map(|x| x.digest).collect();
    let path = routes::index_of(reg::TEAM_PAYMENTS);
    let meta = PageMeta::new("Payments", &path, "team", false);
    // The campaigns' sections a few at a time (`team/payments-campaign.html`): a campaign's
    // section holds a row per instalment, so the page's context holds their markup, not every
    // row's `tera::Value` map.
    let page = || {
        let sections = payments.iter().map(|x| &x.value);
        let campaigns_html = chunks::markup_in_chunks_of(SECTIONS_AT_ONCE, sections, |c, n| {
            rows_markup(cx, &meta, "team/payments-campaign.html", c, n)
        })?;
        Ok(PaymentsPage {
            campaigns_html,
            csv: "../payments.csv",
        })
    };
    let template = "team/payments.html";
    out.push(cx.unit_of_rows(path, template, &meta, "payments", &digests, page, src()));
    let csv = || {
        let rows: Vec<&reg::PaymentRecord> = payments.iter().flat_map(|x| &x.value.rows).collect();
        reg::register_csv(&PAYMENT_HEADER, &rows)
    };
    out.push(cx.file_of_parts(reg::TEAM_PAYMENTS_CSV.into(), &digests, csv, src()));

    let shipments: Vec<_> = campaigns
        .par_iter()
        .map(|c| cx.part("shipments", c, || reg::campaign_shipments(p, c)))
        .collect();
    let digests: Vec<_> = shipments.iter().map(|x| x.digest).collect();
    let rows =
        || -> Vec<&reg::ShipmentRecord> { shipments.iter().flat_map(|x| &x.value).collect() };
    let path = routes::index_of(reg::TEAM_SHIPMENTS);
    let meta = PageMeta::new("Shipments", &path, "team", false);
    let page = || ShipmentsPage {
        rows: rows(),
        csv: "../shipments.csv",
    };
    let template = "team/shipments.html";
    out.push(cx.unit_of_parts(path, template, &meta, "shipments", &digests, page, src()));
    let csv = || reg::register_csv(&SHIPMENT_HEADER, &rows());
    out.push(cx.file_of_parts(reg::TEAM_SHIPMENTS_CSV.into(), &digests, csv, src()));

    // The roster's filter and sort pages read what [`Roster::digest`] covers, and nothing
    // else: kept while it is unchanged, their views made only when it is not.
    let read = r.digest(p);
    let roster = [read];
    let views = std::sync::OnceLock::new();
    let views = || {
        views.get_or_init(|| {
            let all = r.filter_pages().into_iter().chain(r.sort_pages());
            all.collect::<BTreeMap<String, super::views::roster::RosterView>>()
        })
    };
    for (dir, heading) in r.page_list() {
        let path = routes::index_of(&dir);
        let meta = PageMeta::new(heading, &path, "team", false);
        let view = || views().get(&dir);
        let (template, src) = ("team/creators.html", "content/creators".to_string());
        out.push(cx.unit_of_parts(path, template, &meta, "roster", &roster, view, src));
    }
    let past = super::views::shortlist::PastResults::new(p);
    let past_results = past.digest();
    let shortlists: Vec<PageJob> = campaigns
        .par_iter()
        .map(|c| {
            let path = routes::index_of(&super::views::shortlist::shortlist_dir(c.slug.as_str()));
            let meta = PageMeta::new(format!("{} — shortlist", c.title), &path, "team", false);
            // A shortlist reads its campaign, what [`Roster::digest`] covers of the creators
            // and their past results: its part is kept under the hash of those.
            let key = cx.keys.get(&c.slug).map(|campaign| {
                super::memo::key_of(&[
                    ("campaign", campaign.as_bytes()),
                    ("roster", read.as_bytes()),
                    ("past results", past_results.as_bytes()),
                ])
            });
            let view = cx.part_under("shortlist", key.as_deref(), || {
                super::views::shortlist::shortlist_view(p, c, cx.derived, r, &past)
            });
            let template = "team/shortlist.html";
            let source = format!("{}/campaign.toml", c.dir);
            cx.unit_of_part(path, template, &meta, "shortlist", &view, source)
        })
        .collect();
    out.extend(shortlists);
    out.extend(playbook_pages(cx));
    out
}

/// Team: the playbook's home.
pub const TEAM_PLAYBOOK: &str = "team/playbook/";

#[derive(Serialize)]
struct PlaybookView {
    title: String,
    /// Rendered Markdown (sanitised by `markdown::render`).
    html: SafeHtml,
    /// The Markdown brings its own `# ` heading.
    has_heading: bool,
    /// Every page: (title, href from the site root).
    pages: Vec<super::views::Link>,
}

fn playbook_href(slug: &str) -> String {
    format!("{TEAM_PLAYBOOK}{}/", routes::url_path(slug))
}

/// `/team/playbook/` and one page per `content/playbook/**/*.md`.
fn playbook_pages(cx: &Ctx<'_>) -> Vec<PageJob> {
    let p = cx.portal;
    let pages: Vec<super::views::Link> = p
        .playbook
        .iter()
        .map(|pg| super::views::Link {
            text: pg.title.clone(),
            href: playbook_href(&pg.slug),
        })
        .collect();
    let mut out = Vec::new();
    let path = routes::index_of(TEAM_PLAYBOOK);
    let meta = PageMeta::new("Playbook", &path, "team", false);
    let home = PlaybookView {
        title: "Playbook".into(),
        html: SafeHtml::default(),
        has_heading: false,
        pages: pages.clone(),
    };
    out.push(cx.unit(
        path,
        "team/playbook.html",
        &meta,
        "playbook",
        &home,
        "content/playbook".into(),
    ));
    for pg in &p.playbook {
        let path = routes::index_of(&format!("{TEAM_PLAYBOOK}{}/", pg.slug));
        let meta = PageMeta::new(format!("Playbook — {}", pg.title), &path, "team", false);
        let view = PlaybookView {
            title: pg.title.clone(),
            html: super::markdown::render(&pg.source.text, 0),
            has_heading: pg.source.text.lines().any(|l| l.starts_with("# ")),
            pages: pages.clone(),
        };
        out.push(cx.unit(
            path,
            "team/playbook.html",
            &meta,
            "playbook",
            &view,
            pg.source.origin.path.to_string(),
        ));
    }
    out
}

/// The dashboard's "needs attention" panel: calendar items and `check`'s compliance findings
/// counted by rule (positions are not needed, so no source texts are kept).
fn attention(cx: &Ctx<'_>, calendar: &Calendar) -> Attention {
    let mut findings: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for d in cx.derived.findings.iter() {
        let e = findings
            .entry(d.rule.clone())
            .or_insert_with(|| (0, page_of_finding(&d.path)));
        e.0 += 1;
    }
    cal::attention(&AttentionInputs {
        portal: cx.portal,
        entries: &calendar.all(),
        today: cx.derived.today,
        findings: &findings,
    })
}

/// The team page where a finding in `path` is handled: the campaign's overview, the creator's
/// page, the asset library.
fn page_of_finding(path: &str) -> String {
    let mut parts = path.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("content"), Some("campaigns"), Some(slug)) => routes::team_campaign_dir(slug),
        (Some("content"), Some("creators"), Some(file)) => {
            routes::team_creator_dir(file.trim_end_matches(".toml"))
        }
        (Some("content"), Some("assets"), _) => super::views::assets::TEAM_ASSETS.into(),
        _ => routes::TEAM_HOME.into(),
    }
}
