//! The team's week: the page jobs of the calendar, the payments and shipments registers, the
//! roster's plain filter and sort pages, the campaign shortlists and the playbook, and the
//! dashboard's "needs attention" panel (its data; the dashboard page itself is in `mod.rs`).

use super::escape::SafeHtml;
use super::views::PageMeta;
use super::views::calendar::{self as cal, Attention, AttentionInputs};
use super::views::registers::{self as reg, PAYMENT_HEADER, SHIPMENT_HEADER};
use super::views::roster::Roster;
use super::{Ctx, Output, PageJob, routes};
use crate::compute::calendar;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct PaymentsPage {
    campaigns: Vec<reg::CampaignPayments>,
    csv: &'static str,
}

#[derive(Serialize)]
struct ShipmentsPage {
    rows: Vec<reg::ShipmentRecord>,
    csv: &'static str,
}

/// Every new team page of the week (team audience only).
pub(super) fn pages(cx: &Ctx<'_>, r: &Roster<'_>) -> Vec<PageJob> {
    let p = cx.portal;
    let today = cx.derived.today;
    let mut out: Vec<PageJob> = Vec::new();
    let src = || "content/campaigns".to_string();

    let events = calendar::events(p, today);
    let path = routes::index_of(cal::TEAM_CALENDAR);
    let meta = PageMeta::new("Calendar", &path, "team", false);
    let rows = cal::rows(p, &events);
    let view = cal::calendar_view(&rows, today);
    out.push(cx.unit(path, "team/calendar.html", &meta, "calendar", &view, src()));
    let ics = cal::calendar_ics(p, &rows, today);
    out.push((
        cal::TEAM_CALENDAR_ICS.into(),
        Ok(Output::Bytes(ics.into_bytes().into())),
        src(),
    ));

    let campaigns = reg::payments(p, today);
    let rows: Vec<&reg::PaymentRecord> = campaigns.iter().flat_map(|c| c.rows.iter()).collect();
    let csv = reg::register_csv(&PAYMENT_HEADER, &rows);
    let path = routes::index_of(reg::TEAM_PAYMENTS);
    let meta = PageMeta::new("Payments", &path, "team", false);
    let page = PaymentsPage {
        campaigns,
        csv: "../payments.csv",
    };
    out.push(cx.unit(path, "team/payments.html", &meta, "payments", &page, src()));
    out.push((
        reg::TEAM_PAYMENTS_CSV.into(),
        Ok(Output::Bytes(csv.into())),
        src(),
    ));

    let rows = reg::shipments(p);
    let csv = reg::register_csv(&SHIPMENT_HEADER, &rows);
    let path = routes::index_of(reg::TEAM_SHIPMENTS);
    let meta = PageMeta::new("Shipments", &path, "team", false);
    let page = ShipmentsPage {
        rows,
        csv: "../shipments.csv",
    };
    out.push(cx.unit(
        path,
        "team/shipments.html",
        &meta,
        "shipments",
        &page,
        src(),
    ));
    out.push((
        reg::TEAM_SHIPMENTS_CSV.into(),
        Ok(Output::Bytes(csv.into())),
        src(),
    ));

    for (dir, view) in r.filter_pages().into_iter().chain(r.sort_pages()) {
        let path = routes::index_of(&dir);
        let meta = PageMeta::new(view.heading.clone(), &path, "team", false);
        out.push(cx.unit(
            path,
            "team/creators.html",
            &meta,
            "roster",
            &view,
            "content/creators".into(),
        ));
    }
    let past = super::views::shortlist::PastResults::new(p, cx.derived);
    let campaigns: Vec<_> = p.campaigns.values().collect();
    let shortlists: Vec<PageJob> = campaigns
        .par_iter()
        .map(|c| {
            let path = routes::index_of(&super::views::shortlist::shortlist_dir(c.slug.as_str()));
            let meta = PageMeta::new(format!("{} — shortlist", c.title), &path, "team", false);
            let view = super::views::shortlist::shortlist_view(p, c, cx.derived, r, &past);
            cx.unit(
                path,
                "team/shortlist.html",
                &meta,
                "shortlist",
                &view,
                format!("{}/campaign.toml", c.dir),
            )
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
pub(super) fn attention(cx: &Ctx<'_>) -> Attention {
    let p = cx.portal;
    let events = calendar::events(p, cx.derived.today);
    let mut findings: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for d in cx.derived.findings.iter() {
        let e = findings
            .entry(d.rule.clone())
            .or_insert_with(|| (0, page_of_finding(&d.path)));
        e.0 += 1;
    }
    cal::attention(&AttentionInputs {
        portal: p,
        events: &events,
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
