//! `campsite serve`: builds the site in memory, serves it on a local port, rebuilds when the
//! portal changes and tells open pages to reload. The output folder is never written: pages are
//! served from the last good in-memory [`Site`]; a failed rebuild keeps it and adds an overlay
//! with the diagnostics. The library prints nothing: the caller gets [`Event`]s to show.

pub mod changes;
mod http;
mod nudge;
pub mod overlay;
pub mod paths;
pub mod watch;

use crate::diagnostics::Diagnostics;
use crate::load::cache::LoadCache;
use crate::pipeline::{self, BuildOptions, Timings};
use crate::render::Site;
use changes::{Changes, History};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The default port (SPEC §1).
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;
/// Threads answering ordinary requests (long polls get their own).
const WORKERS: usize = 4;
/// How often idle threads look at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The build to run (root, audience, today, secret); `output` is ignored: nothing is written.
    pub build: BuildOptions,
    /// The address to bind (default loopback).
    pub interface: IpAddr,
    /// The port asked for; the next free one is used when it is taken; 0 lets the system choose.
    pub port: u16,
    /// A burst of changes ends after this much quiet ([`watch::QUIET`] by default): every save
    /// in a burst goes into one build.
    pub quiet: Duration,
}

impl ServeOptions {
    /// Loopback, [`DEFAULT_PORT`].
    pub fn new(build: BuildOptions) -> Self {
        ServeOptions {
            build,
            interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            quiet: watch::QUIET,
        }
    }
}

/// Something the caller may want to show.
#[derive(Debug, Clone)]
pub enum Event {
    /// The server is listening.
    Listening {
        /// `http://addr:port/`.
        url: String,
        /// The port asked for (differs from the one in `url` when it was taken).
        requested_port: u16,
    },
    /// A build succeeded and is now served.
    Built {
        /// Files in the site.
        files: usize,
        /// How long the build took.
        elapsed: Duration,
        /// Warnings found.
        warnings: Diagnostics,
        /// The changed paths (relative to the root) that caused it; empty for the first build.
        changed: Vec<String>,
        /// Files taken from the previous build because their campaign did not change.
        reused: usize,
        /// Time per stage (memo, load, validate, compute, images, lint, render, swap).
        timings: Timings,
    },
    /// A build failed; the last good site is still served, with an overlay.
    Failed {
        /// Every diagnostic.
        diagnostics: Diagnostics,
        /// How long the attempt took.
        elapsed: Duration,
        /// The changed paths (relative to the root) that caused it; empty for the first build.
        changed: Vec<String>,
    },
}

/// Receives [`Event`]s, from the server's threads.
pub type EventSink = Arc<dyn Fn(Event) + Send + Sync>;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The portal root is unreadable.
    #[error("cannot open the portal root {path}: {source}")]
    Root {
        /// The root.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No port could be bound.
    #[error("cannot listen on {addr} (nor the next {PORT_TRIES} ports): {source}")]
    Bind {
        /// The first address tried.
        addr: SocketAddr,
        /// The last error.
        source: std::io::Error,
    },
    /// The file watcher failed.
    #[error("cannot watch the portal for changes: {0}")]
    Watch(#[from] notify::Error),
    /// The HTTP server failed to start.
    #[error("cannot start the HTTP server: {0}")]
    Http(String),
}

/// What is being served: the last good site, the last failure, and a version that moves on at
/// every build (good or failed) so pages know to reload.
#[derive(Debug, Default)]
struct Snapshot {
    site: Option<Arc<Site>>,
    error: Option<String>,
    version: u64,
}

/// State shared by the server's threads.
struct Shared {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
    stop: AtomicBool,
    /// Canonical portal root: files copied from the portal must lie inside it.
    root: PathBuf,
    local: SocketAddr,
    pollers: Mutex<Vec<JoinHandle<()>>>,
    /// What each recent build changed, for polls that name their page.
    history: Mutex<History>,
    /// When the last request came in (see [`nudge`]).
    activity: nudge::Activity,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Arc<Snapshot>> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.lock().clone()
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn history(&self) -> MutexGuard<'_, History> {
        self.history.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Publishes a build: a new site, or an error that keeps the old site; with what it changed
    /// since the one served before.
    fn publish(&self, result: Result<Arc<Site>, String>, changes: Changes) {
        let mut guard = self.lock();
        let version = guard.version + 1;
        let next = match result {
            Ok(site) => Snapshot {
                site: Some(site),
                error: None,
                version,
            },
            Err(e) => Snapshot {
                site: guard.site.clone(),
                error: Some(e),
                version,
            },
        };
        self.history().record(version, Arc::new(changes));
        *guard = Arc::new(next);
        self.changed.notify_all();
    }

    /// Waits until the version differs from `since`, the server stops, or `timeout` passes.
    fn wait_for_change(&self, since: u64, timeout: Duration) -> Arc<Snapshot> {
        let deadline = Instant::now() + timeout;
        let mut guard = self.lock();
        while guard.version == since && !self.stopping() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            guard = self
                .changed
                .wait_timeout(guard, left.min(TICK))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        guard.clone()
    }
}

/// A running server. Dropping it (or [`Server::stop`]) stops every thread and closes the port.
pub struct Server {
    shared: Arc<Shared>,
    http: Arc<tiny_http::Server>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Binds, builds once, starts watching and serving. Returns once requests are answered.
    pub fn start(opts: ServeOptions, sink: EventSink) -> Result<Server, ServeError> {
        let root = opts
            .build
            .root
            .canonicalize()
            .map_err(|source| ServeError::Root {
                path: opts.build.root.clone(),
                source,
            })?;
        let listener = bind(opts.interface, opts.port)?;
        let local = listener
            .local_addr()
            .map_err(|e| ServeError::Http(e.to_string()))?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| ServeError::Http(e.to_string()))?;
        let shared = Arc::new(Shared {
            current: Mutex::new(Arc::new(Snapshot::default())),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
            root: root.clone(),
            local,
            pollers: Mutex::new(Vec::new()),
            history: Mutex::new(History::default()),
            activity: nudge::Activity::new(),
        });
        let mut build = opts.build.clone();
        build.root = root.clone();

        let (tx, rx) = mpsc::channel();
        let ignored = vec![
            root.join("public"),
            root.join(".campsite"),
            build.output_dir(),
        ];
        let mut watcher = watch::PortalWatcher::new(&root, ignored, tx)?;
        let builder = Builder {
            opts: build,
            cache: LoadCache::default(),
            kept: Kept::default(),
        };
        // The watcher reports every change under the root (all of it after an overflow).
        builder.kept.campaigns.trust_reports();
        builder.rebuild(&shared, &sink, &[]);

        let mut threads = Vec::new();
        {
            let shared = shared.clone();
            let sink = sink.clone();
            threads.push(std::thread::spawn(move || {
                let stop = || shared.stopping();
                let burst = watch::Burst {
                    tick: TICK,
                    quiet: opts.quiet,
                };
                while let Some(paths) = watch::next_burst(&rx, burst, &stop) {
                    watcher.refresh();
                    builder.rebuild(&shared, &sink, &paths);
                }
            }));
        }
        {
            let shared = shared.clone();
            threads.push(std::thread::spawn(move || {
                let to = nudge::target(shared.local);
                while !shared.stopping() {
                    std::thread::sleep(nudge::EVERY);
                    if shared.activity.in_use() {
                        nudge::nudge(to);
                    }
                }
            }));
        }
        let http = Arc::new(http);
        for _ in 0..WORKERS {
            let shared = shared.clone();
            let http = http.clone();
            threads.push(std::thread::spawn(move || http::worker(&http, &shared)));
        }
        let host = match local.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        sink(Event::Listening {
            url: format!("http://{host}:{}/", local.port()),
            requested_port: opts.port,
        });
        Ok(Server {
            shared,
            http,
            threads,
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.shared.local
    }

    /// Blocks until the server stops (it stops only when dropped from another thread or the
    /// process ends, e.g. on Ctrl-C).
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// Stops serving and watching; returns when every thread has ended.
    pub fn stop(self) {
        drop(self);
    }

    fn shutdown(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        self.http.unblock();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        let pollers = std::mem::take(
            &mut *self
                .shared
                .pollers
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        for t in pollers {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Binds `port` on `ip`, else one of the next [`PORT_TRIES`] ports.
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let first = SocketAddr::new(ip, port);
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut error = None;
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => return Ok(l),
            Err(e) => error = Some(e),
        }
    }
    Err(ServeError::Bind {
        addr: first,
        source: error.unwrap_or_else(|| std::io::Error::other("no port to try")),
    })
}

/// Builds the site in memory (thumbnails go to the portal's cache as in `build`); the output
/// folder is never written.
pub fn build_in_memory(opts: &BuildOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    build_in_memory_after(opts, None)
}

/// [`build_in_memory`], taking the files of unchanged campaigns from `previous`.
pub fn build_in_memory_after(
    opts: &BuildOptions,
    previous: Option<&Site>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    build_in_memory_with(opts, previous, None, None).map(|(site, diags, _)| (site, diags))
}

/// [`build_in_memory_after`], also reusing the files `cache` kept from earlier loads (the caller
/// forgets those it knows changed first), with the time each stage took.
pub fn build_in_memory_with(
    opts: &BuildOptions,
    previous: Option<&Site>,
    cache: Option<&LoadCache>,
    kept: Option<&Kept>,
) -> Result<(Site, Diagnostics, Timings), Diagnostics> {
    let mut clock = Instant::now();
    let units = pipeline::InMemory::after(previous);
    let mut timings = Timings::default();
    timings.mark("memo", &mut clock);
    let hooks = pipeline::BuildHooks {
        units: Some(&units),
        load_cache: cache,
        lint_memo: kept.map(|k| &k.lint),
        theme_cache: kept.map(|k| &k.theme),
        keyed: kept.map(|k| &k.keyed),
        campaigns: kept.map(|k| &k.campaigns),
        ..Default::default()
    };
    let made = pipeline::make_site(opts, &hooks);
    if let (Some(k), Ok(_)) = (kept, &made) {
        // A failed build keeps the parts of the last good one (its own stay in the store too).
        k.keyed.rotate();
    }
    made.map(|m| {
        timings.stages.extend(m.timings.stages);
        // The memo and the version records (which only `build` writes) are freed off the path
        // from save to page.
        pipeline::drop_elsewhere((units, m.records));
        (m.site, m.diags, timings)
    })
}

/// What `serve` keeps from one build for the next, besides its last site and the load cache:
/// the validated campaigns, each campaign's lint findings, the parsed theme and the parts of the
/// portal-wide team pages, all reused while their inputs are unchanged.
#[derive(Default)]
pub struct Kept {
    /// Each campaign's compliance findings, by the campaign's memo key.
    pub lint: crate::lint::LintMemo,
    /// The parsed templates and catalogs.
    pub theme: crate::render::templates::ThemeCache,
    /// The parts of the portal-wide team pages, by the hash of their inputs.
    pub keyed: crate::keyed::KeyedStore,
    /// The validated campaigns (with their brief facts), by folder.
    pub campaigns: pipeline::CampaignShelf,
}

impl Kept {
    /// Forgets what was made from `paths` (files the watcher saw change, or folders), whatever
    /// their stamps say.
    pub fn forget(&self, paths: &[PathBuf]) {
        self.campaigns.forget(paths);
    }
}

/// What the watcher thread rebuilds with: the options and the files kept from earlier loads.
struct Builder {
    opts: BuildOptions,
    cache: LoadCache,
    kept: Kept,
}

impl Builder {
    /// Builds after the changes at `touched` (none for the first build) and publishes the result.
    fn rebuild(&self, shared: &Shared, sink: &EventSink, touched: &[PathBuf]) {
        let opts = &self.opts;
        self.cache.forget(touched);
        self.kept.forget(touched);
        let started = Instant::now();
        let changed: Vec<String> = touched.iter().map(|p| relative(&opts.root, p)).collect();
        let before = shared.snapshot();
        let previous = before.site.clone();
        // The event is told before the build is published, so whoever sees the new version (an
        // open page, a test) also finds its event.
        match build_in_memory_with(
            opts,
            previous.as_deref(),
            Some(&self.cache),
            Some(&self.kept),
        ) {
            Ok((site, warnings, mut timings)) => {
                let mut clock = Instant::now();
                let changes = match (&previous, &before.error) {
                    (Some(p), None) => Changes::between(p, &site, touched),
                    _ => Changes::everything(),
                };
                let reused = previous.map_or(0, |p| site.kept_from(&p));
                let site = Arc::new(site);
                timings.mark("swap", &mut clock);
                sink(Event::Built {
                    files: site.files.len(),
                    elapsed: started.elapsed(),
                    warnings,
                    changed,
                    reused,
                    timings,
                });
                shared.publish(Ok(site), changes);
            }
            Err(diagnostics) => {
                let text = diagnostics.to_human();
                sink(Event::Failed {
                    diagnostics,
                    elapsed: started.elapsed(),
                    changed,
                });
                shared.publish(Err(text), Changes::everything());
            }
        }
    }
}

fn relative(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}
