//! Render: model + derived data → the in-memory site. Writes nothing; every page is data.

pub mod charts;
pub mod downloads;
pub mod headers;
pub mod ics;
pub mod markdown;
pub mod memo;
pub mod routes;
mod sealed;
mod team_week;
pub mod templates;
pub mod views;

use crate::compute::Derived;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Catalogs, keys, page_tag, portal_language};
use crate::images::ImageIndex;
use crate::load::theme::{StaticSource, ThemeFiles};
use crate::model::Language;
use crate::model::{Asset, Audience, Campaign, Portal};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use templates::Templates;
use views::{PageMeta, SiteView};

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Rendered in memory; shared, so a kept file (a rebuild's memo, `serve`'s last site) is
    /// never copied.
    Bytes(Arc<[u8]>),
    /// Compiled into the binary.
    Static(&'static [u8]),
    /// A portal file copied as is.
    Copy(PathBuf),
    /// Left as the previous build wrote it (see [`memo`]); the content fingerprint it recorded.
    Kept(String),
}

/// A rendered site: output path (relative, `/`-separated) → content, plus who claimed each path.
#[derive(Debug, Default)]
pub struct Site {
    /// Every file of the site.
    pub files: BTreeMap<String, Output>,
    /// Which source produced each path (for clash diagnostics).
    pub sources: BTreeMap<String, String>,
    /// Clash key (NFC, lowercase) → the path that claimed it.
    claimed: std::collections::HashMap<String, String>,
    /// Path → the [`memo`] key of the campaign that produced it.
    pub groups: BTreeMap<String, String>,
}

impl Site {
    /// Adds a file; a second claim on a path (also case-only and Unicode-form clashes) is an error
    /// naming both sources.
    pub fn add(&mut self, path: String, out: Output, source: &str, diags: &mut Diagnostics) {
        let key = clash_key(&path);
        if let Some(p) = self.claimed.get(&key) {
            let prev = self
                .sources
                .get(p)
                .map(String::as_str)
                .unwrap_or("another source");
            diags.push(
                Diagnostic::error(
                    source,
                    "url-clash",
                    format!("`/{path}` is also produced by {prev} (`/{p}`)"),
                )
                .with_hint("rename one of them so each page has its own URL"),
            );
            return;
        }
        self.claimed.insert(key, path.clone());
        self.sources.insert(path.clone(), source.to_string());
        self.files.insert(path, out);
    }

    /// How many of this site's campaign files were taken from `previous` unrendered: those whose
    /// campaign key is the one they had there (see [`memo`]).
    pub fn kept_from(&self, previous: &Site) -> usize {
        self.groups
            .iter()
            .filter(|(path, key)| previous.groups.get(*path) == Some(*key))
            .count()
    }

    /// The HTML pages.
    pub fn html_pages(&self) -> impl Iterator<Item = (&String, &Output)> {
        self.files.iter().filter(|(p, _)| p.ends_with(".html"))
    }
}

/// Paths that a case-insensitive or Unicode-normalising file system (macOS, Windows) or CDN
/// would treat as one: NFC-normalised and lowercased.
fn clash_key(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().flat_map(char::to_lowercase).collect()
}

/// What a render needs to know.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Who the build is for.
    pub audience: Audience,
}

/// A rendered (or failed) file with the source that claims it.
type PageJob = (String, Result<Output, Diagnostic>, String);

struct Ctx<'a> {
    portal: &'a Portal,
    derived: &'a Derived,
    templates: &'a Templates,
    catalogs: &'a Catalogs,
    /// The portal's language: every page's but a brief in another.
    lang: Language,
    site: SiteView,
    audience: Audience,
    images: &'a ImageIndex,
}

impl Ctx<'_> {
    fn page<T: Serialize>(
        &self,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        view: &T,
    ) -> Result<Output, Diagnostic> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site);
        let lang = meta.lang.unwrap_or(self.lang);
        ctx.insert("lang", &page_tag(&self.portal.config, lang));
        ctx.insert("page", meta);
        ctx.insert(key, view);
        self.templates
            .render(template, &ctx)
            .map(|s| Output::Bytes(s.into_bytes().into()))
    }
}

/// Renders the whole site for an audience, without thumbnails (pages show originals or
/// placeholders); see [`render_site_with`].
pub fn render_site(
    portal: &Portal,
    derived: &Derived,
    theme: &ThemeFiles,
    opts: RenderOptions,
) -> Result<Site, Diagnostics> {
    let images = ImageIndex::default();
    let inputs = SiteInputs {
        portal,
        derived,
        theme,
        images: &images,
        memo: None,
        sink: None,
    };
    render_site_with(&inputs, opts)
}

/// What a render reads: the model, derived data, the theme and the image stage's results.
#[derive(Clone, Copy)]
pub struct SiteInputs<'a> {
    /// The validated model.
    pub portal: &'a Portal,
    /// Tokens and today.
    pub derived: &'a Derived,
    /// Templates and static files.
    pub theme: &'a ThemeFiles,
    /// Thumbnails made by `crate::images`.
    pub images: &'a ImageIndex,
    /// Files of the previous build that may be kept as they are.
    pub memo: Option<&'a memo::Memo>,
    /// Where a first build writes campaign files as soon as they are rendered.
    pub sink: Option<PageSink<'a>>,
}

/// Writes a rendered file now and returns its content fingerprint, or `None` to keep it in
/// memory for the write stage. Lets a first build write while it renders, and drop each page's
/// bytes once written.
pub type PageSink<'a> = &'a (dyn Fn(&str, &Output) -> Option<String> + Sync);

/// Renders the whole site for an audience, with the thumbnails of `inputs.images`.
pub fn render_site_with(inputs: &SiteInputs<'_>, opts: RenderOptions) -> Result<Site, Diagnostics> {
    let SiteInputs {
        portal,
        derived,
        theme,
        images,
        memo: previous,
        sink,
    } = *inputs;
    let mut diags = Diagnostics::new();
    let catalogs = Arc::new(Catalogs::from_theme(theme)?);
    let templates = Templates::new(theme, Arc::clone(&catalogs))?;
    let cx = Ctx {
        portal,
        derived,
        templates: &templates,
        catalogs: &catalogs,
        lang: portal_language(&portal.config),
        site: SiteView::new(&portal.config, opts.audience),
        audience: opts.audience,
        images,
    };
    let mut site = Site::default();
    let mut pages: Vec<PageJob> = Vec::new();

    let home = PageMeta::new(portal.config.title.clone(), "index.html", "home", false);
    pages.push((
        "index.html".into(),
        cx.page("index.html", &home, "home", &home_view(&cx)),
        "portal.toml".into(),
    ));
    let words = catalogs.get(cx.lang);
    let not_found = PageMeta::new(words.get(keys::ERROR_TITLE), "404.html", "error", false);
    pages.push((
        "404.html".into(),
        cx.page("404.html", &not_found, "home", &()),
        "theme".into(),
    ));

    let shared = memo::shared_hasher(portal, derived, theme, images, opts.audience);
    let per_campaign: Vec<(String, Vec<PageJob>)> = portal
        .campaigns
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|c| {
            let key = memo::campaign_key(&shared, c, derived);
            let jobs = match previous.and_then(|m| m.get(&key)) {
                Some(files) => files
                    .iter()
                    .map(|(path, out)| (path.clone(), Ok(out.clone()), c.dir.clone()))
                    .collect(),
                None => match &derived.sealer {
                    Some(sealer) => sealed::seal_jobs(&cx, sealer, campaign_pages(&cx, c)),
                    None => campaign_pages(&cx, c),
                },
            };
            let jobs = match sink {
                Some(write) => jobs
                    .into_iter()
                    .map(|(path, out, source)| {
                        let out = out.map(|o| write(&path, &o).map_or(o, Output::Kept));
                        (path, out, source)
                    })
                    .collect(),
                None => jobs,
            };
            (key, jobs)
        })
        .collect();
    for (key, jobs) in per_campaign {
        for job in &jobs {
            site.groups.insert(job.0.clone(), key.clone());
        }
        pages.extend(jobs);
    }

    if opts.audience == Audience::Team {
        pages.extend(team_pages(&cx));
        pages.extend(asset_library_pages(&cx));
    }
    for (path, out, source) in pages {
        match out {
            Ok(o) => site.add(path, o, &source, &mut diags),
            Err(d) => diags.push(d),
        }
    }
    for (path, src) in &theme.static_files {
        let out = match src {
            StaticSource::Embedded(b) => Output::Static(b),
            StaticSource::Disk(p) => Output::Copy(p.clone()),
        };
        site.add(path.clone(), out, &format!("static/{path}"), &mut diags);
    }
    for a in published_assets(portal, opts.audience) {
        site.add(
            routes::media_path(&a.id),
            Output::Copy(a.abs.clone()),
            &a.rel,
            &mut diags,
        );
    }
    for (path, (file, source)) in published_thumbnails(portal, images, opts.audience) {
        site.add(path, Output::Copy(file), &source, &mut diags);
    }
    site.add(
        "sitemap.xml".into(),
        Output::Bytes(sitemap(portal).into_bytes().into()),
        "portal.toml",
        &mut diags,
    );
    site.add(
        "robots.txt".into(),
        Output::Bytes(robots(portal, opts.audience).into_bytes().into()),
        "portal.toml",
        &mut diags,
    );
    site.add(
        "_headers".into(),
        Output::Bytes(headers::headers_file().into_bytes().into()),
        "portal.toml",
        &mut diags,
    );
    if diags.has_errors() {
        return Err(diags);
    }
    match &derived.team_sealer {
        Some(sealer) => {
            let statics = theme.static_files.keys().map(String::as_str).collect();
            sealed::seal_team(&cx, sealer, site, &statics)
        }
        None => Ok(site),
    }
}

/// Assets whose originals are published: brand-kit files of kits in public, all in team.
pub fn published_assets(portal: &Portal, audience: Audience) -> Vec<&Asset> {
    if audience == Audience::Team {
        return portal.assets.iter().collect();
    }
    let mut ids = std::collections::BTreeSet::new();
    for c in portal.campaigns.values() {
        if c.briefs.is_empty() {
            continue;
        }
        for a in views::kit::kit_assets(c, &portal.assets) {
            ids.insert(a.id.as_str());
        }
    }
    portal
        .assets
        .iter()
        .filter(|a| ids.contains(a.id.as_str()))
        .collect()
}

#[derive(Serialize)]
struct HomeView {
    campaigns: Vec<views::team::CampaignItem>,
}

fn home_view(cx: &Ctx<'_>) -> HomeView {
    HomeView {
        campaigns: if cx.audience == Audience::Team {
            views::team::campaign_items(cx.portal)
        } else {
            Vec::new()
        },
    }
}

fn campaign_pages(cx: &Ctx<'_>, c: &Campaign) -> Vec<PageJob> {
    let p = cx.portal;
    let mut out = Vec::new();
    // Rendered and id-prefixed once per campaign, then shared by every brief page.
    let shared_html = c
        .brief_md
        .as_ref()
        .map(|m| markdown::render_with_id_prefix(&m.text, 1, "md-"));
    let kit = views::kit::kit_assets(c, &p.assets);
    let kit_dir = routes::kit_dir(c.slug.as_str());
    if !kit.is_empty() && !c.briefs.is_empty() {
        let path = routes::index_of(&kit_dir);
        let title = cx
            .catalogs
            .get(cx.lang)
            .fill(keys::KIT_TITLE, &[("campaign", &c.title)]);
        let meta = PageMeta::new(title, &path, "kit", false);
        let view = views::kit::kit_view(c, &kit, &meta.root, cx.images);
        out.push((
            path,
            cx.page("kit.html", &meta, "kit", &view),
            c.dir.clone(),
        ));
    }
    let briefs: Vec<_> = c
        .briefs
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|b| {
            let token = cx
                .derived
                .brief_tokens
                .get(&(c.slug.clone(), b.creator.clone()))
                .cloned()
                .unwrap_or_default();
            let dir = routes::brief_dir(&token);
            let path = routes::index_of(&dir);
            let creator = p.creators.get(&b.creator);
            let name = creator
                .map(|x| x.name.clone())
                .unwrap_or_else(|| b.creator.to_string());
            let words = cx.catalogs.get(b.language);
            let title = words.fill(
                keys::BRIEF_TITLE,
                &[("campaign", &c.title), ("creator", &name)],
            );
            let meta = PageMeta::new(title, &path, "brief", true).in_language(b.language);
            let now = crate::compute::brief_facts::facts(&p.config, c, b);
            let then = b.accepted.as_ref().and_then(|a| b.recorded.get(&a.version));
            let mut view = views::brief::brief_view(&views::brief::BriefInputs {
                config: &p.config,
                words: cx.catalogs.get(b.language),
                campaign: c,
                brief: b,
                creator,
                today: cx.derived.today,
                shared_html: shared_html.as_deref(),
                kit_href: (!kit.is_empty()).then(|| format!("{}{kit_dir}", meta.root)),
                kit_assets: &kit,
                page_root: &meta.root,
                facts: Some((&now, then)),
            });
            view.checker_json = checker_rules(p, c, b);
            let page = cx.page("brief.html", &meta, "brief", &view);
            let ics = brief_ics(cx, c, b, &format!("{}/{dir}", p.config.base_url), &name);
            vec![
                (path, page, b.path.clone()),
                (
                    format!("{dir}brief.ics"),
                    Ok(Output::Bytes(ics.into_bytes().into())),
                    b.path.clone(),
                ),
            ]
        })
        .collect();
    out.extend(briefs.into_iter().flatten());
    if let (Some(plan), Some(token), Some(facts)) = (
        &c.plan,
        cx.derived.plan_tokens.get(&c.slug),
        cx.derived.facts.get(&c.slug),
    ) {
        let path = routes::index_of(&routes::plan_dir(token));
        let view = views::plan::plan_view(&views::plan::PlanInputs {
            portal: p,
            campaign: c,
            facts,
            show_fees: cx.audience == Audience::Team || plan.show_fees,
            team: cx.audience == Audience::Team,
        });
        let meta = PageMeta::new(view.title.clone(), &path, "plan", true);
        out.push((
            path,
            cx.page("plan.html", &meta, "plan", &view),
            format!("{}/plan.md", c.dir),
        ));
    }
    if let (Some(report), Some(token), Some(facts)) = (
        &c.report,
        cx.derived.report_tokens.get(&c.slug),
        cx.derived.facts.get(&c.slug),
    ) {
        let dir = routes::report_dir(token);
        let path = routes::index_of(&dir);
        let source = format!("{}/report.md", c.dir);
        let team = cx.audience == Audience::Team;
        let show_fees = team || report.show_fees;
        let show_benchmarks = report.show_benchmarks.unwrap_or(team);
        let view = views::report::report_view(&views::report::ReportInputs {
            config: &p.config,
            campaign: c,
            facts,
            creators: &p.creators,
            show_fees,
            show_benchmarks,
            team,
            today: cx.derived.today,
        });
        let meta = PageMeta::new(view.title.clone(), &path, "report", true);
        out.push((
            path,
            cx.page("report.html", &meta, "report", &view),
            source.clone(),
        ));
        out.push((
            format!("{dir}results.csv"),
            Ok(Output::Bytes(downloads::results_csv(c).into())),
            source.clone(),
        ));
        let json = serde_json::to_vec_pretty(&downloads::report_json(&downloads::ReportJson {
            campaign: c,
            facts,
            show_fees,
            show_benchmarks,
        }))
        .unwrap_or_default();
        out.push((
            format!("{dir}report.json"),
            Ok(Output::Bytes(json.into())),
            source,
        ));
    }
    out
}

/// The caption checker's rules for one brief — tokens and words in the brief's language, the
/// labels its deliverables need, the video note when it has videos — as JSON that is safe inside
/// `<script>`.
fn checker_rules(p: &Portal, c: &Campaign, b: &crate::model::Brief) -> String {
    use crate::compute::disclosure::{caption::CaptionRules, is_video};
    let mut rules =
        CaptionRules::for_campaign(&p.config, c, b.language).with_labels_of(&b.deliverables);
    if !b.deliverables.iter().any(is_video) {
        rules.video = None;
    }
    let v = serde_json::to_value(&rules).unwrap_or(serde_json::Value::Null);
    json_for_script(&v)
}

/// Serialises JSON so that it cannot close a `<script>` element or open a comment.
pub fn json_for_script(v: &serde_json::Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn brief_ics(cx: &Ctx<'_>, c: &Campaign, b: &crate::model::Brief, url: &str, name: &str) -> String {
    let events = ics::brief_events(&ics::BriefCalendar {
        campaign: c,
        brief: b,
        creator_name: name,
        url,
        host: ics::host_of(&cx.portal.config.base_url),
        timezone: &cx.portal.config.timezone,
        today: cx.derived.today,
        words: cx.catalogs.get(b.language),
    });
    ics::calendar(
        &format!("{} — {}", c.title, name),
        &events,
        cx.derived.today,
    )
}

fn team_pages(cx: &Ctx<'_>) -> Vec<PageJob> {
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
        portfolio: views::team::portfolio(p),
        attention: team_week::attention(cx),
    };
    out.push((
        path,
        cx.page("team/index.html", &meta, "dashboard", &dash),
        "portal.toml".to_string(),
    ));
    for c in p.campaigns.values() {
        let path = routes::index_of(&routes::team_campaign_dir(c.slug.as_str()));
        let meta = PageMeta::new(format!("{} — overview", c.title), &path, "team", false);
        let view = views::team::campaign_view(p, c, cx.derived);
        out.push((
            path,
            cx.page("team/campaign.html", &meta, "campaign", &view),
            format!("{}/campaign.toml", c.dir),
        ));
    }
    let roster: Vec<_> = p
        .creators
        .values()
        .map(|c| views::team::CreatorItem {
            roster: Some(views::roster::creator_extras(p, c, cx.derived)),
            ..views::team::creator_item(p, c, cx.derived.today)
        })
        .collect();
    let path = routes::index_of(routes::TEAM_CREATORS);
    let meta = PageMeta::new("Roster", &path, "team", false);
    let home = views::roster::Roster::new(p, cx.derived).home();
    out.push((
        path,
        cx.page("team/creators.html", &meta, "roster", &home),
        "content/creators".to_string(),
    ));
    for (c, item) in p.creators.values().zip(roster.iter()) {
        let path = routes::index_of(&routes::team_creator_dir(c.handle.as_str()));
        let meta = PageMeta::new(c.name.clone(), &path, "team", false);
        out.push((
            path,
            cx.page("team/creator.html", &meta, "creator", item),
            c.path.clone(),
        ));
    }
    let links = views::team::link_rows(p, cx.derived);
    let path = routes::index_of(routes::TEAM_LINKS);
    let meta = PageMeta::new("Private links", &path, "team", false);
    out.push((
        path,
        cx.page("team/links.html", &meta, "links", &links),
        "portal.toml".to_string(),
    ));
    out.extend(team_week::pages(cx));
    out
}

/// Thumbnails of the published assets (and their posters), one entry per distinct file.
fn published_thumbnails(
    portal: &Portal,
    images: &ImageIndex,
    audience: Audience,
) -> BTreeMap<String, (PathBuf, String)> {
    let mut out = BTreeMap::new();
    for a in published_assets(portal, audience) {
        if let Some(info) = views::assets::preview_of(a, images) {
            for t in &info.thumbs {
                out.entry(t.site_path.clone())
                    .or_insert_with(|| (t.file.clone(), a.rel.clone()));
            }
        }
    }
    out
}

/// The team asset library: home, tag, channel, expired and per-asset pages, and registers.
fn asset_library_pages(cx: &Ctx<'_>) -> Vec<PageJob> {
    use views::assets::{self as lib, Library};
    let p = cx.portal;
    let library = Library::new(p, cx.images, cx.derived.today, cx.catalogs.get(cx.lang));
    let src = "content/assets".to_string();
    let mut out = Vec::new();
    let path = routes::index_of(lib::TEAM_ASSETS);
    let meta = PageMeta::new("Asset library", &path, "team", false);
    let view = library.home(&meta.root);
    out.push((
        path,
        cx.page("team/assets.html", &meta, "library", &view),
        src.clone(),
    ));
    for t in &library.tags {
        let path = routes::index_of(&lib::tag_dir(&t.slug));
        let meta = PageMeta::new(format!("Assets tagged {}", t.tag), &path, "team", false);
        let view = library.tag_page(t, &meta.root);
        out.push((
            path,
            cx.page("team/assets-list.html", &meta, "list", &view),
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
        out.push((
            path,
            cx.page("team/assets-list.html", &meta, "list", &view),
            src.clone(),
        ));
    }
    let path = routes::index_of(lib::TEAM_ASSETS_EXPIRED);
    let meta = PageMeta::new("Must come down", &path, "team", false);
    let view = library.expired_page(&meta.root);
    out.push((
        path,
        cx.page("team/assets-list.html", &meta, "list", &view),
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
            (
                path,
                cx.page("team/asset.html", &meta, "asset", &view),
                source,
            )
        })
        .collect();
    out.extend(pages);
    out.push((
        format!("{}assets.csv", lib::TEAM_ASSETS),
        Ok(Output::Bytes(library.register_csv().into())),
        src.clone(),
    ));
    out.push((
        format!("{}assets.json", lib::TEAM_ASSETS),
        Ok(Output::Bytes(library.register_json().into())),
        src.clone(),
    ));
    let ics = library.rights_ics(&p.config.base_url, cx.derived.today);
    out.push((
        format!("{}rights.ics", lib::TEAM_ASSETS),
        Ok(Output::Bytes(ics.into_bytes().into())),
        src,
    ));
    out
}

fn sitemap(portal: &Portal) -> String {
    let base = xml_escape(&portal.config.base_url);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>{base}/</loc></url>\n</urlset>\n"
    )
}

fn robots(portal: &Portal, audience: Audience) -> String {
    match audience {
        Audience::Team => "User-agent: *\nDisallow: /\n".to_string(),
        Audience::Public => format!(
            "User-agent: *\nDisallow: /b/\nDisallow: /r/\nDisallow: /p/\nDisallow: /kit/\nDisallow: /media/\n\nSitemap: {}/sitemap.xml\n",
            portal.config.base_url
        ),
    }
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
