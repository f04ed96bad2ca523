//! The whole build on one screen: load → validate → compute → render → write.

use crate::compute::{self, Derived};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images::{self, ImageStats};
use crate::lint;
use crate::load::{self, theme::ThemeFiles};
use crate::local_secret::Access;
use crate::model::{Audience, Date, Portal};
use crate::output::{self, OutputError, WriteStats};
use crate::render::{self, RenderOptions, Site};
use std::path::PathBuf;
use std::sync::Arc;

mod units;
pub use units::{InMemory, LinkScan, ToFolder};

/// Inputs shared by `build`, `check`, `links` and `serve`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Portal root.
    pub root: PathBuf,
    /// Output folder (default `<root>/public`).
    pub output: Option<PathBuf>,
    /// Who the build is for.
    pub audience: Audience,
    /// Fixed "today"; default: today in the portal's time zone.
    pub today: Option<Date>,
    /// `CAMPSITE_LINK_SECRET`, read by the caller.
    pub secret_override: Option<String>,
    /// The passphrase of an encrypted team build (`--passphrase-env NAME`), read by the caller.
    pub passphrase: Option<String>,
}

impl BuildOptions {
    /// Options for `root` with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            audience: Audience::Public,
            today: None,
            secret_override: None,
            passphrase: None,
        }
    }

    /// The output folder in force.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The validated campaigns `serve` keeps between builds, by folder (`None`: the folder made no
/// campaign; its diagnostics are kept all the same).
pub type CampaignShelf = load::shelf::Shelf<Option<Arc<crate::model::Campaign>>>;

/// Why a pipeline stopped.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The content has errors (exit 1).
    #[error("the content has errors")]
    Content(Diagnostics),
    /// Writing failed (exit 2).
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Everything up to rendering: the model, derived data, and what was found on the way.
#[derive(Debug)]
pub struct Prepared {
    /// The validated model.
    pub portal: Portal,
    /// Tokens and today.
    pub derived: Derived,
    /// Templates and static files.
    pub theme: ThemeFiles,
    /// The content hash of every source file read (memo keys).
    pub sources: load::hashes::SourceHashes,
    /// The thumbnails the image stage made or found in its cache (none before it ran, and in
    /// `check`, whose pages show originals).
    pub images: images::ImageIndex,
    /// Diagnostics so far (warnings, or errors for `check`).
    pub diags: Diagnostics,
}

impl Prepared {
    /// What a render of this portal reads: every unit rendered and held ([`render::Fresh`]), no
    /// progress, theme cache or precomputed keys.
    pub fn site_inputs(&self) -> render::SiteInputs<'_> {
        render::SiteInputs::new(
            &self.portal,
            &self.derived,
            &self.theme,
            &self.images,
            &self.sources,
        )
    }
}

/// Today in `timezone` (falls back to UTC).
pub fn today_in(timezone: &str) -> Date {
    let tz = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    Date(jiff::Timestamp::now().to_zoned_datetime(tz).date())
}

/// Load, validate and compute. Errors are returned inside `Prepared::diags`, not as `Err`,
/// so `check` can report everything; `Err` only when nothing could be loaded at all.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let hooks = BuildHooks::default();
    let (loaded, diags) = load(opts, &hooks)?;
    let model = validate(loaded, diags, &hooks);
    Ok(compute(model, opts, Access::ReadOrCreate, &hooks))
}

/// Stage 1, load: everything but the campaigns, which [`validate`] reads as it validates them
/// (files `serve` kept from earlier loads are reused while unchanged).
fn load(
    opts: &BuildOptions,
    hooks: &BuildHooks<'_>,
) -> Result<(load::Loaded, Diagnostics), Diagnostics> {
    starting(hooks, Stage::Load);
    let mut diags = Diagnostics::new();
    match load::load_with(&opts.root, hooks.load_cache, &mut diags) {
        Ok(l) => Ok((l, diags)),
        Err(d) => {
            diags.push(d);
            Err(diags)
        }
    }
}

/// The validated model, with what of the load the later stages read.
struct Validated {
    portal: Portal,
    theme: ThemeFiles,
    sources: load::hashes::SourceHashes,
    diags: Diagnostics,
}

/// Stage 2, validate: raw records → the model. Each campaign is validated as soon as it is
/// read, and its raw records dropped (`serve` reuses the campaigns it kept while their inputs
/// are unchanged); the rest of what was loaded is dropped, but for the theme and the hashes.
fn validate(mut loaded: load::Loaded, mut diags: Diagnostics, hooks: &BuildHooks<'_>) -> Validated {
    starting(hooks, Stage::Validate);
    let validator = crate::validate::Validator::new(&loaded, &mut diags);
    let versions = std::mem::take(&mut loaded.versions);
    let inputs = |dir_name: &str| validator.inputs_of(dir_name, &versions);
    let shelving = hooks.campaigns.map(|shelf| load::shelf::Shelving {
        shelf,
        inputs: &inputs,
    });
    let (campaigns, found) = loaded.read_campaigns(hooks.load_cache, shelving, |raw, found| {
        let mut c = validator.campaign(raw, &versions, found)?;
        compute::brief_facts::complete_records(validator.config(), &mut c);
        Some(Arc::new(c))
    });
    diags.extend(found);
    drop(versions);
    let portal = validator.finish(campaigns, &loaded, &mut diags);
    let load::Loaded { theme, sources, .. } = loaded;
    Validated {
        portal,
        theme,
        sources,
        diags,
    }
}

/// Stage 3, compute: the model → derived facts (today, the link secret in force, tokens and
/// links, the facts of every campaign), and the team site's sealer when it has a passphrase.
fn compute(
    model: Validated,
    opts: &BuildOptions,
    access: Access,
    hooks: &BuildHooks<'_>,
) -> Prepared {
    let Validated {
        portal,
        theme,
        sources,
        mut diags,
    } = model;
    let today = opts
        .today
        .unwrap_or_else(|| today_in(&portal.config.timezone));
    let secret = crate::secret_in_force::resolve(&portal, opts, access, &mut diags);
    let mut derived = compute::derive_with(&portal, &secret, today, hooks.keyed);
    if let (Audience::Team, Some(p)) = (opts.audience, &opts.passphrase) {
        let sealer = crate::team_salt::team_sealer(&opts.root, p, &mut diags);
        derived.team_sealer = Some(std::sync::Arc::new(sealer));
    }
    Prepared {
        portal,
        derived,
        theme,
        sources,
        images: images::ImageIndex::default(),
        diags,
    }
}

/// The image stage (between compute and render): thumbnails of every asset, made or taken from
/// the cache under `.campsite/cache/` (the only file a render's inputs write), and a warning
/// for each published original that carries GPS data.
fn thumbnails(prepared: &mut Prepared, opts: &BuildOptions, hooks: &BuildHooks<'_>) -> ImageStats {
    starting(hooks, Stage::Images);
    let images_done = counted(hooks, Stage::Images);
    let run = images::process(
        &prepared.portal.assets,
        &images::ImageOptions {
            cache_dir: images::cache_dir(&opts.root),
            settings: &prepared.portal.config.images,
            progress: images_done
                .as_ref()
                .map(|f| f as &(dyn Fn(images::Progress) + Sync)),
            budget: &crate::budget::Budget::new(crate::budget::BUILD_BUDGET),
        },
    );
    prepared.diags.extend(run.diags);
    for a in render::published_assets(&prepared.portal, opts.audience) {
        if run.index.get(&a.id).is_some_and(|i| i.gps) {
            prepared.diags.push(
                Diagnostic::warning(&a.rel, "image-gps", "this published original carries GPS location data")
                    .with_hint("thumbnails are stripped, but the original download is not: re-export it without location"),
            );
        }
    }
    prepared.images = run.index;
    run.stats
}

/// Each campaign's memo key, made once (for the render, and for `serve`'s kept lint findings);
/// for the team, the compliance findings the dashboard's "needs attention" panel counts.
fn keys_and_findings(
    prepared: &mut Prepared,
    audience: Audience,
    hooks: &BuildHooks<'_>,
) -> render::memo::CampaignKeys {
    let keys = render::memo::campaign_keys(&prepared.site_inputs(), audience);
    if audience == Audience::Team {
        let memo = hooks.lint_memo.map(|m| (m, &keys));
        prepared.derived.findings = lint::lint_with(&prepared.portal, &prepared.derived, memo);
    }
    keys
}

/// Stage 4, render: the site for `audience`, in memory. `hooks.units` (the command's choice,
/// see [`units`]) decide which units are kept from an earlier build and where each made file
/// goes; by default every unit is rendered and held.
fn render(
    prepared: &Prepared,
    audience: Audience,
    keys: Option<&render::memo::CampaignKeys>,
    hooks: &BuildHooks<'_>,
) -> Result<Site, Diagnostics> {
    starting(hooks, Stage::Render(audience));
    let rendered = counted(hooks, Stage::Render(audience));
    let inputs = render::SiteInputs {
        units: hooks.units.unwrap_or(&render::Fresh),
        progress: rendered
            .as_ref()
            .map(|f| f as &(dyn Fn(images::Progress) + Sync)),
        theme_cache: hooks.theme_cache,
        campaign_keys: keys,
        parts: hooks.keyed,
        ..prepared.site_inputs()
    };
    render::render_site_with(&inputs, RenderOptions { audience })
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings found.
    pub diags: Diagnostics,
    /// Files and bytes written.
    pub stats: WriteStats,
    /// Where.
    pub output: PathBuf,
    /// What the image stage did (decoded vs cached).
    pub images: ImageStats,
    /// Time per stage.
    pub timings: Timings,
    /// Nothing had changed since the build recorded in the output: nothing was written.
    pub up_to_date: bool,
}

/// A stage of a build or check, as progress events name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the portal's files.
    Load,
    /// Checking them and deriving facts.
    Validate,
    /// Thumbnails (counted in images decoded).
    Images,
    /// Rendering an audience's pages (counted in campaigns).
    Render(Audience),
    /// `check`: the links of an audience's rendered pages.
    Links(Audience),
    /// `check`: the compliance lint.
    Lint,
    /// Finishing and swapping in the output folder.
    Write,
}

/// How far a build or check has got: sent when a stage starts (`done` 0) and, for counted
/// stages, as its units finish. `total` is 0 for a stage that is not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageProgress {
    /// The stage.
    pub stage: Stage,
    /// Units done.
    pub done: usize,
    /// Units in all (0: not counted).
    pub total: usize,
}

/// A progress callback; called from worker threads.
pub type ProgressFn = dyn Fn(StageProgress) + Sync;

/// Tells `hooks` that `stage` starts.
fn starting(hooks: &BuildHooks<'_>, stage: Stage) {
    if let Some(tell) = hooks.progress {
        tell(StageProgress {
            stage,
            done: 0,
            total: 0,
        });
    }
}

/// Callbacks a command may hand to a build; the library itself never prints.
#[derive(Default, Clone, Copy)]
pub struct BuildHooks<'a> {
    /// Told as each stage starts and how far counted stages (thumbnails, rendering) have got.
    pub progress: Option<&'a ProgressFn>,
    /// Which units of an earlier build are kept and where made files go ([`units`]): `build`
    /// sets [`ToFolder`], `serve` [`InMemory`], `check` [`LinkScan`]; `None` renders every
    /// unit and holds its files.
    pub units: Option<&'a dyn render::Units>,
    /// Files kept from earlier loads (`serve`), reused while unchanged.
    pub load_cache: Option<&'a load::cache::LoadCache>,
    /// Each campaign's compliance findings from earlier builds (`serve`), reused while the
    /// campaign's key is unchanged.
    pub lint_memo: Option<&'a lint::LintMemo>,
    /// The parsed theme of earlier builds (`serve`).
    pub theme_cache: Option<&'a render::templates::ThemeCache>,
    /// Values made by earlier builds under the hash of their inputs (`serve`): the parts of
    /// portal-wide team pages.
    pub keyed: Option<&'a crate::keyed::KeyedStore>,
    /// The campaigns of earlier builds (`serve`), each reused while its folder and what it
    /// reads from outside it are unchanged.
    pub campaigns: Option<&'a CampaignShelf>,
}

/// `campsite build`: all five stages; the output is replaced only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, PipelineError> {
    build_with(opts, &BuildHooks::default())
}

/// Wall time spent in each stage of a build, for `build --timings` and the benchmark notes.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// (stage, milliseconds), in order.
    pub stages: Vec<(&'static str, u128)>,
}

impl Timings {
    /// Records `stage` as the time since `since`, and restarts `since`.
    pub fn mark(&mut self, stage: &'static str, since: &mut std::time::Instant) {
        self.stages.push((stage, since.elapsed().as_millis()));
        *since = std::time::Instant::now();
    }

    /// `load+validate 812 ms, images 3 ms, render 1900 ms, write 200 ms`.
    pub fn summary(&self) -> String {
        self.stages
            .iter()
            .map(|(s, ms)| format!("{s} {ms} ms"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A site rendered in memory, with what the image stage did and the warnings of the run.
#[derive(Debug)]
pub struct MadeSite {
    /// Time per stage.
    pub timings: Timings,
    /// The site.
    pub site: Site,
    /// Thumbnails made and reused.
    pub images: ImageStats,
    /// Warnings found on the way.
    pub diags: Diagnostics,
    /// The facts of every brief's current version, for `build` to record (`.campsite/versions/`).
    pub records: Vec<output::versions::RecordToKeep>,
}

/// Drops `value` on a thread of its own: freeing a large model takes a while (tens of
/// milliseconds at 10,000 briefs) that nobody needs to wait for.
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    let spare = std::thread::Builder::new().spawn(move || drop(value));
    // Without a thread (none left), `value` was dropped with the failed spawn's closure.
    let _ = spare;
}

/// Load, validate, compute, make thumbnails (the only write: the cache under `.campsite/`),
/// render: one call per stage. `build` writes the result; `serve` serves it from memory;
/// `hooks.units` says what each keeps of its previous site.
pub fn make_site(opts: &BuildOptions, hooks: &BuildHooks<'_>) -> Result<MadeSite, Diagnostics> {
    let mut timings = Timings::default();
    let mut clock = std::time::Instant::now();
    let (loaded, diags) = load(opts, hooks)?;
    timings.mark("load", &mut clock);
    let model = validate(loaded, diags, hooks);
    timings.mark("validate", &mut clock);
    let mut prepared = compute(model, opts, Access::ReadOrCreate, hooks);
    timings.mark("compute", &mut clock);
    if prepared.diags.has_errors() {
        return Err(prepared.diags);
    }
    let images = thumbnails(&mut prepared, opts, hooks);
    timings.mark("images", &mut clock);
    let keys = keys_and_findings(&mut prepared, opts.audience, hooks);
    timings.mark("lint", &mut clock);
    match render(&prepared, opts.audience, Some(&keys), hooks) {
        Ok(site) => {
            timings.mark("render", &mut clock);
            // `serve` writes no records, and its campaigns are kept for the next build.
            let records = match hooks.campaigns {
                Some(_) => Vec::new(),
                None => version_records(&mut prepared.portal),
            };
            let diags = std::mem::take(&mut prepared.diags);
            drop_elsewhere(prepared);
            Ok(MadeSite {
                timings,
                site,
                images,
                records,
                diags,
            })
        }
        Err(mut d) => {
            d.extend(prepared.diags.iter().cloned());
            Err(d)
        }
    }
}

/// A counter callback for a lower stage (`images`, `render`) that reports as `stage`.
fn counted<'a>(
    hooks: &BuildHooks<'a>,
    stage: Stage,
) -> Option<impl Fn(images::Progress) + Sync + 'a> {
    hooks.progress.map(|tell| {
        move |p: images::Progress| {
            tell(StageProgress {
                stage,
                done: p.done,
                total: p.total,
            })
        }
    })
}

/// The current version's facts of every brief, moved out of the model (it is done with once
/// the site is rendered; copying them cost 150 MB at 100,000 briefs). A build holds the only
/// reference to each campaign; one shared elsewhere would give no records.
fn version_records(portal: &mut Portal) -> Vec<output::versions::RecordToKeep> {
    portal
        .campaigns
        .values_mut()
        .filter_map(Arc::get_mut)
        .flat_map(|c| {
            let slug = c.slug.to_string();
            c.briefs
                .values_mut()
                .map(move |b| output::versions::RecordToKeep {
                    campaign: slug.clone(),
                    creator: b.creator.to_string(),
                    record: compute::brief_facts::VersionRecord {
                        version: b.version,
                        facts: b.recorded.remove(&b.version).unwrap_or_default(),
                    },
                })
        })
        .collect()
}

/// `build` with callbacks (progress of the image work).
pub fn build_with(
    opts: &BuildOptions,
    hooks: &BuildHooks<'_>,
) -> Result<BuildReport, PipelineError> {
    let out = opts.output_dir();
    // Nothing is created (not even the output's staging folder) for a root that is no portal.
    load::check_root(&opts.root).map_err(|d| {
        let mut diags = Diagnostics::new();
        diags.push(d);
        PipelineError::Content(diags)
    })?;
    let pending = match crate::uptodate::probe(opts) {
        crate::uptodate::Probe::UpToDate(report) => return Ok(*report),
        crate::uptodate::Probe::Stale(pending) => pending,
    };
    // Opened before rendering: each campaign's changed files go to the staging folder as soon
    // as they are rendered (disk and CPU work overlap, and their bytes are not held); a rebuild
    // keeps unchanged campaigns and links their files from the previous build. A failed build
    // drops the staging folder; the output is swapped only when everything is written.
    let target = output::Target::open(&opts.root, &out)?;
    // A passphrase build seals the whole site after rendering (file names change too), so it
    // neither keeps unrendered files nor writes while rendering; the writer still skips files
    // whose bytes did not change.
    let sealed_site = opts.passphrase.is_some() && opts.audience == Audience::Team;
    let to_folder = (!sealed_site).then(|| ToFolder::new(&target));
    let units: &dyn render::Units = match &to_folder {
        Some(units) => units,
        None => &render::Fresh,
    };
    let rendering = BuildHooks {
        units: Some(units),
        ..*hooks
    };
    let mut made = make_site(opts, &rendering).map_err(PipelineError::Content)?;
    drop(to_folder);
    let mut clock = std::time::Instant::now();
    // Stage 5, write: the rest of the site into the staging folder, the marker, the swap.
    starting(hooks, Stage::Write);
    let key = pending.key_after(opts);
    let stats = target.write_keyed(&made.site, key.as_deref())?;
    let written = output::versions::keep_records(&opts.root, &made.records)?;
    made.timings.mark("write", &mut clock);
    let report = BuildReport {
        diags: made.diags,
        stats,
        output: out,
        images: made.images,
        timings: made.timings,
        up_to_date: false,
    };
    pending.remember(opts, key, &written, &report)?;
    Ok(report)
}

/// `campsite check`: load, validate, render in memory (both audiences), check the links of each
/// rendered site, lint; never write.
pub fn check(opts: &BuildOptions) -> Diagnostics {
    check_with(opts, &BuildHooks::default())
}

/// `check`, telling `hooks.progress` how far it has got: load, validate and compute once, then
/// for each audience a render whose pages are scanned for links as they are made
/// ([`LinkScan`]) and that site's link check, then the compliance lint.
pub fn check_with(opts: &BuildOptions, hooks: &BuildHooks<'_>) -> Diagnostics {
    // Nothing kept from earlier builds: `check` reads the portal as it is.
    let hooks = BuildHooks {
        progress: hooks.progress,
        theme_cache: hooks.theme_cache,
        ..BuildHooks::default()
    };
    let (loaded, diags) = match load(opts, &hooks) {
        Ok(l) => l,
        Err(d) => return d,
    };
    let model = validate(loaded, diags, &hooks);
    let mut prepared = compute(model, opts, Access::ReadOnly, &hooks);
    // Links are checked on the plain pages: a sealed page's links are inside its ciphertext.
    prepared.derived.sealer = None;
    if !prepared.diags.has_errors() {
        for audience in [Audience::Public, Audience::Team] {
            let scan = LinkScan::default();
            let site = render(
                &prepared,
                audience,
                None,
                &BuildHooks {
                    units: Some(&scan),
                    ..hooks
                },
            );
            starting(&hooks, Stage::Links(audience));
            let found = match site {
                Ok(site) => scan.check(&site),
                Err(d) => d,
            };
            prepared.diags.extend(found);
        }
    }
    starting(&hooks, Stage::Lint);
    let found = lint::lint(&prepared.portal, &prepared.derived);
    prepared.diags.extend(found);
    // Both audiences report shared problems (a broken link in a brief): count each once.
    let mut unique = Diagnostics::new();
    unique.extend(prepared.diags.sorted());
    unique
}
