//! The command line (SPEC §1): clap definitions, root discovery, and the translation of flags
//! into the plain request structs of [`commands`]. Depends on `commands`, never the other way;
//! only `main.rs` touches the terminal.

use crate::commands::{self, Reporter};
use crate::model::{Audience, Date};
use crate::pipeline::BuildOptions;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use crate::commands::Outcome;

/// campsite: static sites for influencer-marketing campaign portals.
#[derive(Debug, Parser)]
#[command(name = "campsite", version, about, propagate_version = true)]
pub struct Cli {
    /// The portal project (default: the current directory, else the nearest parent holding portal.toml).
    #[arg(short, long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a small working portal into DIR (refuses a non-empty DIR).
    Init {
        /// Where to create the portal.
        dir: PathBuf,
    },
    /// Build the site.
    Build(BuildArgs),
    /// Load, validate, render in memory and lint; write nothing.
    Check(CheckArgs),
    /// Print every private link: briefs and reports.
    Links(LinksArgs),
    /// Scaffold one commented file from the theme's starter (never overwrites).
    New(NewArgs),
    /// Build in memory, serve locally, rebuild on change and reload open pages.
    Serve(ServeArgs),
}

/// `new` arguments.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create.
    #[command(subcommand)]
    pub what: NewWhat,
    /// Fix "today" (YYYY-MM-DD) for the dates written into the starter.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
}

/// What `new` creates.
#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// content/campaigns/SLUG/campaign.toml.
    Campaign {
        /// The campaign slug: lowercase letters, digits and `-`.
        slug: String,
    },
    /// content/campaigns/CAMPAIGN/briefs/HANDLE.md (the campaign and the creator must exist).
    Brief {
        /// The campaign slug.
        campaign: String,
        /// The creator handle.
        handle: String,
    },
    /// content/creators/HANDLE.toml.
    Creator {
        /// The creator handle: lowercase letters, digits and `-`.
        handle: String,
    },
}

/// `build` flags.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder (default: public/ under the root).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Who the build is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
    /// Fix "today" (YYYY-MM-DD) for deadlines and rights.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Encrypt the whole team build under the passphrase in environment variable NAME.
    #[arg(long, value_name = "NAME")]
    pub passphrase_env: Option<String>,
}

/// `check` flags.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fix "today" (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Explain a disclosure rule (e.g. `disclosure-vague`) or a jurisdiction (e.g. `fr`): its
    /// tokens per language and the regulator's documents behind it; checks nothing.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
}

/// `links` flags.
#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = LinksFormat::Table)]
    pub format: LinksFormat,
}

/// `serve` flags.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port (the next free one is used when it is taken).
    #[arg(short, long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
    /// Address to bind; anything but loopback is reachable from other machines.
    #[arg(
        short,
        long = "interface",
        value_name = "ADDR",
        default_value = "127.0.0.1"
    )]
    pub interface: std::net::IpAddr,
    /// Who the build is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Team)]
    pub audience: AudienceArg,
    /// Open the front page in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// `--audience`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum AudienceArg {
    /// Safe for any public host.
    Public,
    /// The team's own view.
    Team,
}

impl From<AudienceArg> for Audience {
    fn from(a: AudienceArg) -> Self {
        match a {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Team => Audience::Team,
        }
    }
}

/// `check --format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// `path:line:column: severity: message`.
    Human,
    /// A JSON array of findings.
    Json,
}

/// `links --format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LinksFormat {
    /// Aligned columns.
    Table,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date like 2026-03-01"))
}

/// The portal root: `--root`, else the current directory or its nearest ancestor with a
/// `portal.toml`, else the current directory.
pub fn find_root(explicit: Option<&Path>, cwd: &Path) -> PathBuf {
    if let Some(r) = explicit {
        return r.to_path_buf();
    }
    cwd.ancestors()
        .find(|d| d.join("portal.toml").is_file())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// What a command line runs in besides its arguments: the working folder (root discovery,
/// relative `-o`) and the environment variables it may read (`CAMPSITE_LINK_SECRET`, the one
/// `--passphrase-env` names). `main` runs in the process's own; tests and embedders give their
/// own, so runs side by side in one process share nothing.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The working folder.
    pub cwd: PathBuf,
    /// The environment variables.
    pub vars: BTreeMap<String, String>,
}

impl Context {
    /// The process's working folder and environment (variables that are not UTF-8 are left out).
    pub fn of_process() -> Self {
        Context {
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    /// `cwd` with no environment variables.
    pub fn in_folder(cwd: impl Into<PathBuf>) -> Self {
        Context {
            cwd: cwd.into(),
            vars: BTreeMap::new(),
        }
    }

    /// The same, with `name` set to `value`.
    pub fn with_var(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.to_string(), value.to_string());
        self
    }

    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }
}

/// Parses `args` and runs the command in the process's context, showing nothing while it runs.
pub fn run<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with(args, &commands::silent())
}

/// Parses `args` and runs the command in the process's context; progress and server events go
/// to `reporter`.
pub fn run_with<I, T>(args: I, reporter: &Reporter) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_in(args, &Context::of_process(), reporter)
}

/// Parses `args` and runs the command in `ctx`; progress and server events go to `reporter`.
pub fn run_in<I, T>(args: I, ctx: &Context, reporter: &Reporter) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                Outcome {
                    stderr: text,
                    code: 2,
                    ..Outcome::default()
                }
            } else {
                Outcome {
                    stdout: text,
                    code: 0,
                    ..Outcome::default()
                }
            };
        }
    };
    let cwd = &ctx.cwd;
    let root = find_root(cli.root.as_deref(), cwd);
    let base = BuildOptions {
        secret_override: ctx.var("CAMPSITE_LINK_SECRET"),
        ..BuildOptions::new(&root)
    };
    match cli.command {
        Command::Init { dir } => commands::init::run(&dir),
        Command::Build(a) => match a.request(base, ctx) {
            Ok(req) => commands::build::run(req, reporter),
            Err(msg) => Outcome::usage_error(msg),
        },
        Command::Check(a) => commands::check::run(
            commands::check::CheckRequest {
                opts: BuildOptions {
                    today: a.today,
                    ..base
                },
                format: match a.format {
                    CheckFormat::Human => commands::check::CheckFormat::Human,
                    CheckFormat::Json => commands::check::CheckFormat::Json,
                },
                deny_warnings: a.deny_warnings,
                explain: a.explain,
            },
            reporter,
        ),
        Command::Links(a) => commands::links::run(
            base,
            match a.format {
                LinksFormat::Table => commands::links::LinksFormat::Table,
                LinksFormat::Csv => commands::links::LinksFormat::Csv,
                LinksFormat::Json => commands::links::LinksFormat::Json,
            },
        ),
        Command::New(a) => commands::new::run(a.options(&root)),
        Command::Serve(a) => commands::serve::run(
            commands::serve::ServeRequest {
                opts: crate::serve::ServeOptions {
                    build: BuildOptions {
                        audience: a.audience.into(),
                        ..base
                    },
                    interface: a.interface,
                    port: a.port,
                    quiet: crate::serve::watch::QUIET,
                },
                open: a.open,
            },
            reporter,
        ),
    }
}

impl BuildArgs {
    /// The build request: `-o` made absolute against `cwd`, the passphrase read from the
    /// variable `--passphrase-env` names (team builds only, never empty).
    fn request(
        self,
        base: BuildOptions,
        ctx: &Context,
    ) -> Result<commands::build::BuildRequest, String> {
        let passphrase = match &self.passphrase_env {
            None => None,
            Some(_) if Audience::from(self.audience) != Audience::Team => {
                return Err("--passphrase-env encrypts a team build: add --audience team (public builds use [privacy] encrypt)".into());
            }
            Some(name) => match ctx.var(name) {
                Some(p) if !p.is_empty() => Some(p),
                _ => {
                    return Err(format!(
                        "--passphrase-env {name}: the environment variable {name} is not set or empty"
                    ));
                }
            },
        };
        Ok(commands::build::BuildRequest {
            opts: BuildOptions {
                output: self
                    .output
                    .map(|o| if o.is_absolute() { o } else { ctx.cwd.join(o) }),
                audience: self.audience.into(),
                today: self.today,
                passphrase,
                ..base
            },
            timings: self.timings,
        })
    }
}

impl NewArgs {
    /// The scaffold's options for the portal at `root`.
    fn options(self, root: &Path) -> crate::scaffold::new::NewOptions {
        use crate::scaffold::new::NewFile;
        crate::scaffold::new::NewOptions {
            root: root.to_path_buf(),
            file: match self.what {
                NewWhat::Campaign { slug } => NewFile::Campaign { slug },
                NewWhat::Brief { campaign, handle } => NewFile::Brief { campaign, handle },
                NewWhat::Creator { handle } => NewFile::Creator { handle },
            },
            today: self.today,
        }
    }
}
