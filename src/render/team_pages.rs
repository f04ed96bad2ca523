//! The team audience's pages: dashboard, campaign overviews, roster, links and the asset library.

use super::escape::SafeHtml;
use super::{Ctx, PageJob, parts, routes, team_week, views};
use rayon::prelude::*;
use serde::Serialize;
use views::PageMeta;

/// Every team page but the asset library's; the week's pages (`team_week`) are made alongside.
pub(super) fn team_pages(cx: &Ctx<'_>) -> Vec<PageJob> {
    // The roster's rows (with each creator's reliability) are made once for the roster's own
    // pages and the shortlists.
    let roster = views::roster::Roster::new(cx.portal, cx.derived);
    // The calendar first, alone: its entries are dropped before the other portal-wide pages
    // (the links, the payments) are made, rather than held while they are.
    let (mut out, attention) = team_week::calendar_pages(cx);
    let (home, week) = rayon::join(
        || home_pages(cx, &roster, attention),
        || team_week::pages(cx, &roster),
    );
    out.extend(home);
    out.extend(week);
    out
}

/// The dashboard, campaign overviews, roster and creator pages, and the links page.
fn home_pages(
    cx: &Ctx<'_>,
    roster: &views::roster::Roster<'_>,
    attention: views::calendar::Attention,
) -> Vec<PageJob> {
    let p = cx.portal;
    let mut out = Vec::new();
    #[derive(Serialize)]
    struct Dashboard {
        campaigns: Vec<views::team::CampaignItem>,
        creators: usize,
        assets: usize,
        portfolio: views::team::Portfolio,
        attention: views::calendar::Attention,
    }
    let path = routes::index_of(routes::TEAM_HOME);
    let meta = PageMeta::new("Team dashboard", &path, "team", false);
    let dash = Dashboard {
        campaigns: views::team::campaign_items(p),
        creators: p.creators.len(),
        assets: p.assets.len(),
        portfolio: views::portfolio::portfolio_of(p, |c| {
            cx.value("metrics", c, || {
                crate::compute::metrics::campaign_metrics(c)
            })
        }),
        attention,
    };
    out.push(cx.unit(
        path,
        "team/index.html",
        &meta,
        "dashboard",
        &dash,
        "portal.toml".to_string(),
    ));
    let campaigns: Vec<_> = p.campaigns.values().collect();
    let overviews: Vec<PageJob> = campaigns
        .par_iter()
        .map(|c| {
            let path = routes::index_of(&routes::team_campaign_dir(c.slug.as_str()));
            let meta = PageMeta::new(format!("{} — overview", c.title), &path, "team", false);
            // The overview reads nothing its campaign's key does not cover: its view is a
            // part, re-made only when that key changes, and the page re-rendered only when the
            // view did.
            let view = cx.part("overview", c, || {
                views::team::campaign_view(p, c, cx.derived)
            });
            let template = "team/campaign.html";
            let source = format!("{}/campaign.toml", c.dir);
            cx.unit_of_part(path, template, &meta, "campaign", &view, source)
        })
        .collect();
    out.extend(overviews);
    let path = routes::index_of(routes::TEAM_CREATORS);
    let meta = PageMeta::new("Roster", &path, "team", false);
    let home = roster.home();
    out.push(cx.unit(
        path,
        "team/creators.html",
        &meta,
        "roster",
        &home,
        "content/creators".to_string(),
    ));
    // A creator's page reads their roster file and their share of each campaign they have a
    // brief in: it is keyed by those, and built only when one of them changed.
    let shares: Vec<_> = campaigns
        .par_iter()
        .map(|camp| {
            cx.value("creator shares", camp, || {
                let shares = views::creator_page::shares(camp, cx.derived);
                let parts = shares.into_iter().map(|(h, s)| (h, parts::Part::new(s)));
                parts.collect::<std::collections::BTreeMap<_, _>>()
            })
        })
        .collect();
    let creators: Vec<_> = p.creators.values().collect();
    let creator_pages: Vec<PageJob> = creators
        .par_iter()
        .map(|c| {
            let mine: Vec<_> = shares.iter().filter_map(|s| s.get(&c.handle)).collect();
            let file = cx
                .sources
                .get(&c.path)
                .copied()
                .unwrap_or(blake3::hash(b""));
            let digests: Vec<_> = [file]
                .into_iter()
                .chain(mine.iter().map(|s| s.digest))
                .collect();
            let view = || {
                let shares: Vec<_> = mine.iter().map(|s| &s.value).collect();
                views::creator_page::creator_page(p, c, &shares)
            };
            let path = routes::index_of(&routes::team_creator_dir(c.handle.as_str()));
            let meta = PageMeta::new(c.name.clone(), &path, "team", false);
            let template = "team/creator.html";
            let source = c.path.clone();
            cx.unit_of_parts(path, template, &meta, "creator", &digests, view, source)
        })
        .collect();
    out.extend(creator_pages);
    // The shares are the creator pages' alone: not held while the links page is made.
    drop(shares);
    let briefs: Vec<_> = campaigns
        .par_iter()
        .map(|c| {
            cx.part("links", c, || {
                views::team::brief_link_rows(p, c, cx.derived)
            })
        })
        .collect();
    let pages = parts::Part::new(views::team::page_link_rows(p, cx.derived));
    let digests: Vec<_> = briefs
        .iter()
        .map(|x| x.digest)
        .chain([pages.digest])
        .collect();
    let path = routes::index_of(routes::TEAM_LINKS);
    let meta = PageMeta::new("Private links", &path, "team", false);
    // The rows a chunk at a time (`team/links-rows.html`): one link per brief, so the page's
    // context holds their markup, not every row's `tera::Value` map.
    // The rows are dropped with the view once their markup is made, before the page is
    // rendered (`serve` keeps its own share of the parts).
    let meta_of_rows = &meta;
    let links = move || {
        let rows = briefs.iter().flat_map(|x| x.value.iter());
        let rows = rows.chain(pages.value.iter());
        let rows_html = views::chunks::markup_in_chunks(rows, |chunk, before| {
            team_week::rows_markup(cx, meta_of_rows, "team/links-rows.html", chunk, before)
        })?;
        drop((briefs, pages));
        Ok(LinksPage { rows_html })
    };
    let template = "team/links.html";
    let source = "portal.toml".to_string();
    out.push(cx.unit_of_rows(path, template, &meta, "links", &digests, links, source));
    out
}

/// The private links page: its table's rows.
#[derive(Serialize)]
struct LinksPage {
    rows_html: SafeHtml,
}

/// The team asset library: home, tag, channel, expired and per-asset pages, and registers.
pub(super) fn asset_library_pages(cx: &Ctx<'_>) -> Vec<PageJob> {
    use views::assets::{self as lib, Library};
    let p = cx.portal;
    let library = Library::new(p, cx.images, cx.derived.today, cx.catalogs.get(cx.lang));
    let src = "content/assets".to_string();
    let mut out = Vec::new();
    let path = routes::index_of(lib::TEAM_ASSETS);
    let meta = PageMeta::new("Asset library", &path, "team", false);
    let view = library.home(&meta.root);
    out.push(cx.unit(
        path,
        "team/assets.html",
        &meta,
        "library",
        &view,
        src.clone(),
    ));
    for t in &library.tags {
        let path = routes::index_of(&lib::tag_dir(&t.slug));
        let meta = PageMeta::new(format!("Assets tagged {}", t.tag), &path, "team", false);
        let view = library.tag_page(t, &meta.root);
        out.push(cx.unit(
            path,
            "team/assets-list.html",
            &meta,
            "list",
            &view,
            src.clone(),
        ));
    }
    for c in crate::model::Channel::ALL {
        let path = routes::index_of(&lib::channel_dir(*c));
        let meta = PageMeta::new(
            format!("Usable today for {}", c.title()),
            &path,
            "team",
            false,
        );
        let view = library.channel_page(*c, &meta.root);
        out.push(cx.unit(
            path,
            "team/assets-list.html",
            &meta,
            "list",
            &view,
            src.clone(),
        ));
    }
    let path = routes::index_of(lib::TEAM_ASSETS_EXPIRED);
    let meta = PageMeta::new("Must come down", &path, "team", false);
    let view = library.expired_page(&meta.root);
    out.push(cx.unit(
        path,
        "team/assets-list.html",
        &meta,
        "list",
        &view,
        src.clone(),
    ));
    let pages: Vec<PageJob> = library
        .entries
        .par_iter()
        .map(|e| {
            let path = routes::index_of(&lib::asset_dir(&e.asset.id));
            let meta = PageMeta::new(e.asset.title.clone(), &path, "team", false);
            let view = library.asset_page(e, &meta.root);
            let source = e
                .asset
                .sidecar
                .clone()
                .unwrap_or_else(|| e.asset.rel.clone());
            cx.unit(path, "team/asset.html", &meta, "asset", &view, source)
        })
        .collect();
    out.extend(pages);
    let csv = library.register_csv();
    out.push(cx.made(format!("{}assets.csv", lib::TEAM_ASSETS), csv, src.clone()));
    let json = library.register_json();
    out.push(cx.made(
        format!("{}assets.json", lib::TEAM_ASSETS),
        json,
        src.clone(),
    ));
    let ics = library.rights_ics(&p.config.base_url, cx.derived.today);
    let ics = ics.into_bytes();
    out.push(cx.made(format!("{}rights.ics", lib::TEAM_ASSETS), ics, src));
    out
}
