//! Render: model + derived data → the in-memory site. Writes nothing; every page is data.

mod campaign_pages;
pub mod charts;
pub mod downloads;
pub mod escape;
pub mod headers;
pub mod ics;
pub mod markdown;
pub mod memo;
pub mod parts;
pub mod routes;
mod sealed;
mod site;
mod team_pages;
mod team_week;
pub mod templates;
pub mod units;
pub mod views;

use crate::compute::Derived;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Catalogs, keys, page_tag, portal_language};
use crate::images::{ImageIndex, Progress};
use crate::load::hashes::SourceHashes;
use crate::load::theme::{StaticSource, ThemeFiles};
use crate::model::Language;
use crate::model::{Asset, Audience, Portal};
use campaign_pages::{BriefsShared, brief_pages, campaign_pages};
use rayon::prelude::*;
use serde::Serialize;
pub use site::{Output, Site, SiteFile, SitePath, UnitFiles};
use std::collections::BTreeMap;
use std::path::PathBuf;
use team_pages::{asset_library_pages, team_pages};
use templates::Templates;
use units::take_one;
pub use units::{Fresh, Units};
use views::{PageMeta, SiteView};

/// What a render needs to know.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Who the build is for.
    pub audience: Audience,
}

/// A rendered (or failed) file with the source that claims it.
type PageJob = (String, Result<Output, Diagnostic>, String);

/// Each campaign's brief keys, in brief order.
type BriefKeys = std::collections::HashMap<crate::model::CampaignSlug, std::sync::Arc<Vec<String>>>;

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
    /// The inputs every page reads, hashed (the start of every memo key).
    shared: &'a memo::KeyHasher,
    /// What the pipeline keeps of earlier builds and where made files go.
    units: &'a dyn Units,
    /// The memo key of each team page rendered or kept ([`Ctx::unit`]), by path.
    unit_keys: std::sync::Mutex<Vec<(String, String)>>,
    /// Every campaign's memo key.
    keys: &'a BTreeMap<crate::model::CampaignSlug, String>,
    /// Each campaign's brief keys ([`memo::brief_key`], in brief order), as its units were made.
    brief_keys: std::sync::Mutex<BriefKeys>,
    /// Parts kept from earlier builds (`serve`).
    parts: Option<&'a crate::keyed::KeyedStore>,
    /// The content hash of every source file read.
    sources: &'a crate::load::hashes::SourceHashes,
}

impl Ctx<'_> {
    fn page<T: Serialize>(
        &self,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        view: &T,
    ) -> Result<Output, Diagnostic> {
        self.render_dropping(template, self.context(meta, key, view))
    }

    /// What every page's template reads: the site, the page's language and meta, and its view
    /// under `key`.
    fn context<T: Serialize>(&self, meta: &PageMeta, key: &'static str, view: &T) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site);
        let lang = meta.lang.unwrap_or(self.lang);
        ctx.insert("lang", &page_tag(&self.portal.config, lang));
        ctx.insert("page", meta);
        ctx.insert(key, view);
        ctx
    }

    /// [`Ctx::page`] for a view made for this page alone: it is dropped once the template's
    /// context holds its copy, so a portal-wide page (the links, the calendar) does not hold its
    /// view, that copy and the page text at once.
    fn page_of<T: Serialize>(
        &self,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        view: T,
    ) -> Result<Output, Diagnostic> {
        let ctx = self.context(meta, key, &view);
        drop(view);
        self.render_dropping(template, ctx)
    }

    /// Renders `template` into its `Output` ([`Templates::render_shared`]: a large page is not
    /// copied), dropping the context as soon as the page is made.
    fn render_dropping(&self, template: &str, ctx: tera::Context) -> Result<Output, Diagnostic> {
        let bytes = self.templates.render_shared(template, &ctx);
        drop(ctx);
        bytes.map(Output::Bytes)
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
    let sources = SourceHashes::default();
    let inputs = SiteInputs::new(portal, derived, theme, &images, &sources);
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
    /// The content hash of every source file `load` read: what memo keys are made of.
    pub sources: &'a SourceHashes,
    /// Which units to keep from an earlier build, and where made files go as soon as they are
    /// rendered (`build` writes them, `check` scans their links, so their bytes are not held):
    /// the pipeline's decision ([`units`]).
    pub units: &'a dyn Units,
    /// Told after each campaign is rendered (`done` of `total` campaigns).
    pub progress: Option<&'a (dyn Fn(Progress) + Sync + 'a)>,
    /// The parsed theme of earlier builds (`serve`), reused while its text is unchanged.
    pub theme_cache: Option<&'a templates::ThemeCache>,
    /// Each campaign's memo key ([`memo::campaign_keys`]) when the pipeline already made them.
    pub campaign_keys: Option<&'a BTreeMap<crate::model::CampaignSlug, String>>,
    /// The parts of the portal-wide team pages kept from earlier builds (`serve`).
    pub parts: Option<&'a crate::keyed::KeyedStore>,
}

impl<'a> SiteInputs<'a> {
    /// What a render of `portal` reads: every unit rendered and kept in memory ([`Fresh`]), with
    /// no progress, theme cache, precomputed keys or kept parts.
    pub fn new(
        portal: &'a Portal,
        derived: &'a Derived,
        theme: &'a ThemeFiles,
        images: &'a ImageIndex,
        sources: &'a SourceHashes,
    ) -> Self {
        SiteInputs {
            portal,
            derived,
            theme,
            images,
            sources,
            units: &Fresh,
            progress: None,
            theme_cache: None,
            campaign_keys: None,
            parts: None,
        }
    }
}

/// Renders the whole site for an audience, with the thumbnails of `inputs.images`.
pub fn render_site_with(inputs: &SiteInputs<'_>, opts: RenderOptions) -> Result<Site, Diagnostics> {
    let SiteInputs {
        portal,
        derived,
        theme,
        images,
        units,
        progress,
        ..
    } = *inputs;
    let mut diags = Diagnostics::new();
    let (catalogs, templates) = match inputs.theme_cache {
        Some(cache) => cache.parsed(theme)?,
        None => templates::parse(theme)?,
    };
    let shared = memo::shared_hasher(inputs, opts.audience);
    let made_keys;
    let keys = match inputs.campaign_keys {
        Some(keys) => keys,
        None => {
            made_keys = memo::campaign_keys(inputs, opts.audience);
            &made_keys
        }
    };
    let cx = Ctx {
        portal,
        derived,
        templates: &templates,
        catalogs: &catalogs,
        lang: portal_language(&portal.config),
        site: SiteView::new(&portal.config, opts.audience),
        audience: opts.audience,
        images,
        shared: &shared,
        units,
        unit_keys: std::sync::Mutex::new(Vec::new()),
        brief_keys: std::sync::Mutex::new(BriefKeys::new()),
        keys,
        parts: inputs.parts,
        sources: inputs.sources,
    };
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

    let rendered = std::sync::atomic::AtomicUsize::new(0);
    let total = portal.campaigns.len();
    // Each campaign's files are units: its briefs' (a page and a calendar file each, keyed by
    // what a brief reads) and the rest (keyed by the whole campaign). A unit the pipeline keeps
    // is not rendered.
    let unit = |key: String, source: &str, make: &dyn Fn() -> Vec<PageJob>| -> Unit {
        if let Some(files) = units.kept(&key) {
            return Unit::Kept {
                key,
                files: files.clone(),
                source: source.into(),
            };
        }
        let jobs = match &derived.sealer {
            Some(sealer) => sealed::seal_jobs(&cx, sealer, make()),
            None => make(),
        };
        // Units are made in parallel already: each hands its few files on in turn.
        let jobs = jobs
            .into_iter()
            .map(|(path, out, source)| {
                let out = out.map(|o| take_one(units, &path, o));
                (path, out, source)
            })
            .collect();
        Unit::Made { key, jobs }
    };
    let per_campaign: Vec<Vec<Unit>> = portal
        .campaigns
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|c| {
            let key = match keys.get(&c.slug) {
                Some(key) => key.clone(),
                None => memo::campaign_key(&shared, inputs, c),
            };
            let mut units = vec![unit(key, &c.dir, &|| campaign_pages(&cx, c))];
            // A brief's key reads nothing its campaign's key does not cover: `serve` keeps the
            // briefs' keys with it.
            let brief_keys = cx.value("brief keys", c, || {
                let base = memo::briefs_base(&shared, inputs, c);
                let keys = c
                    .briefs
                    .values()
                    .map(|b| memo::brief_key(&base, inputs, c, b));
                keys.collect::<Vec<String>>()
            });
            cx.brief_keys
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(c.slug.clone(), brief_keys.clone());
            let briefs_shared = std::sync::OnceLock::new();
            let briefs: Vec<_> = c.briefs.values().zip(brief_keys.iter()).collect();
            units.par_extend(briefs.par_iter().map(|(b, key)| {
                let key = key.to_string();
                let make = || {
                    let shared = briefs_shared.get_or_init(|| BriefsShared::new(&cx, c));
                    brief_pages(&cx, c, b, shared)
                };
                unit(key, &b.path, &make)
            }));
            if let Some(tell) = progress {
                let done = rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                tell(Progress { done, total });
            }
            units
        })
        .collect();
    // Every file of the site, in the order [`Site::from_files`] reports clashes in, and the unit
    // each campaign file belongs to.
    let mut files: Vec<SiteFile> = Vec::new();
    let mut groups: Vec<(String, std::sync::Arc<str>)> = Vec::new();
    let mut unit_files = std::collections::HashMap::new();
    let mut add_jobs = |files: &mut Vec<SiteFile>, jobs: Vec<PageJob>| {
        for (path, out, source) in jobs {
            match out {
                Ok(out) => files.push(SiteFile {
                    path,
                    out,
                    source: source.into(),
                }),
                Err(d) => diags.push(d),
            }
        }
    };
    add_jobs(&mut files, pages);
    for unit in per_campaign.into_iter().flatten() {
        match unit {
            Unit::Kept {
                key,
                files: kept,
                source,
            } => {
                let key: std::sync::Arc<str> = key.into();
                for (path, out) in kept.iter() {
                    groups.push((path.clone(), key.clone()));
                    files.push(SiteFile {
                        path: path.clone(),
                        out: out.clone(),
                        source: source.clone(),
                    });
                }
                unit_files.insert(key, kept);
            }
            Unit::Made { key, jobs } => {
                let key: std::sync::Arc<str> = key.into();
                groups.extend(jobs.iter().map(|job| (job.0.clone(), key.clone())));
                let made = jobs
                    .iter()
                    .filter_map(|(p, o, _)| Some((p.clone(), o.as_ref().ok()?.clone())));
                unit_files.insert(key, made.collect());
                add_jobs(&mut files, jobs);
            }
        }
    }

    let mut team_units: Vec<(String, std::sync::Arc<str>)> = Vec::new();
    if opts.audience == Audience::Team {
        let (team, library) = rayon::join(|| team_pages(&cx), || asset_library_pages(&cx));
        // Each team file was handed on as it was made (or kept).
        add_jobs(&mut files, team);
        add_jobs(&mut files, library);
        let keys = std::mem::take(&mut *cx.unit_keys.lock().unwrap_or_else(|e| e.into_inner()));
        team_units = keys
            .into_iter()
            .map(|(path, key)| (path, key.into()))
            .collect();
        groups.extend(team_units.iter().cloned());
    }
    let mut add = |path: String, out: Output, source: &str| {
        files.push(SiteFile {
            path,
            out,
            source: source.into(),
        })
    };
    for (path, src) in &theme.static_files {
        let out = match src {
            StaticSource::Embedded(b) => Output::Static(b),
            StaticSource::Disk(p) => Output::Copy(p.clone()),
        };
        add(path.clone(), out, &format!("static/{path}"));
    }
    for a in published_assets(portal, opts.audience) {
        add(
            routes::media_path(&a.id),
            Output::Copy(a.abs.clone()),
            &a.rel,
        );
    }
    for (path, (file, source)) in published_thumbnails(portal, images, opts.audience) {
        add(path, Output::Copy(file), &source);
    }
    let sitemap = sitemap(portal).into_bytes();
    add(
        "sitemap.xml".into(),
        Output::Bytes(sitemap.into()),
        "portal.toml",
    );
    let robots = robots(portal, opts.audience).into_bytes();
    add(
        "robots.txt".into(),
        Output::Bytes(robots.into()),
        "portal.toml",
    );
    let headers = headers::headers_file().into_bytes();
    add(
        "_headers".into(),
        Output::Bytes(headers.into()),
        "portal.toml",
    );
    let mut site = Site::from_files(files, &mut diags);
    site.groups = groups.into_iter().collect();
    site.units = unit_files;
    if diags.has_errors() {
        return Err(diags);
    }
    // A team page is a unit of its own (its key names its path, so it holds one file).
    let mut team_files: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
    for (path, key) in team_units {
        if let Some(out) = site.files.get(&path) {
            let out = out.clone();
            team_files.entry(key).or_default().push((path, out));
        }
    }
    site.units
        .extend(team_files.into_iter().map(|(k, files)| (k, files.into())));
    match &derived.team_sealer {
        Some(sealer) => {
            let statics = theme.static_files.keys().map(String::as_str).collect();
            sealed::seal_team(&cx, sealer, site, &statics)
        }
        None => Ok(site),
    }
}

/// A campaign's unit: kept (the previous site's shared list of its files, and the source they
/// are reported under) or made, by its key.
enum Unit {
    Kept {
        key: String,
        files: site::UnitFiles,
        source: std::sync::Arc<str>,
    },
    Made {
        key: String,
        jobs: Vec<PageJob>,
    },
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

fn sitemap(portal: &Portal) -> String {
    let base = escape::xml(&portal.config.base_url);
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
