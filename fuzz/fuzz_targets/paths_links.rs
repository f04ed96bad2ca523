//! Fuzz target: the containment rule (`load::contain`, `load::walk`) and the link rules
//! (`validate::links`, `render::markdown::allowed_link`), on a real portal in a temp folder.
//!
//! Each input plants up to four symlinks (`..`, absolute, odd-Unicode and raw-byte targets,
//! chains and loops), then asks `Jail::admit` and `walk` about paths through them under three
//! spellings of the root. The oracle does not share code with the rule: before any link exists,
//! it records the inode of every regular file physically inside each role's home folders; a path
//! is admitted for a role exactly when it opens a regular file with one of those inodes. So an
//! admitted path is always inside the allowed folder for its role (never `portal.toml`, the
//! roster, `.campsite/`, `.git/` or outside the root), and nothing allowed is refused.
//!
//! Links: whatever `is_safe_link`, `is_plain_email` and `allowed_link` accept must be, read the
//! way a browser's URL parser reads an `href` (WHATWG: outer C0/space trimmed, tabs and newlines
//! dropped, `\` as `/`), relative to this site or http(s), or a `mailto:` address alone.
#![no_main]

#[path = "paths_links/links.rs"]
mod links;

use arbitrary::Arbitrary;
use campsite::diagnostics::Diagnostics;
use campsite::load::contain::{Jail, Role};
use campsite::load::source::rel_path;
use campsite::load::{Scope, walk};
use libfuzzer_sys::fuzz_target;
use links::{UrlPiece, check_links, url_text};
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// The files of the portal built once per process, and where they live.
const FILES: &[&str] = &[
    "portal.toml",
    "content/creators/ana.toml",
    "content/campaigns/spring/campaign.toml",
    "content/campaigns/spring/brief.md",
    "content/campaigns/spring/briefs/ana.md",
    "content/assets/brand/logo.png",
    "content/assets/brand/\u{202e}gnp.txt",
    "content/assets/caf\u{e9}/cafe\u{301}.png",
    "content/playbook/intro.md",
    "templates/page.html",
    "static/site.css",
    "themes/t/templates/x.html",
    ".campsite/cache.bin",
    ".git/config",
];

/// A role and the folders (or the file) it may read, as `contain` documents them.
const HOMES: &[(Role, &[&str])] = &[
    (Role::Settings, &["portal.toml"]),
    (Role::Roster, &["content/creators"]),
    (Role::Campaign, &["content/campaigns"]),
    (Role::Asset, &["content/assets"]),
    (Role::Theme, &["templates", "static", "themes"]),
    (Role::Playbook, &["content/playbook"]),
];

struct World {
    base: PathBuf,
    portal: PathBuf,
    /// (device, inode) of the regular files each role may read.
    allowed: BTreeMap<u8, HashSet<(u64, u64)>>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let base = std::env::temp_dir().join(format!("campsite-fuzz-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).expect("mkdir");
        // Resolved, so that "inside this test's folder" can be checked on resolved paths.
        let base = base.canonicalize().expect("resolve the temp folder");
        let portal = base.join("portal");
        for f in FILES {
            let p = portal.join(f);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, f.as_bytes()).expect("write");
        }
        std::fs::create_dir_all(base.join("outside")).expect("mkdir");
        std::fs::write(base.join("outside/secret.txt"), b"secret").expect("write");
        std::os::unix::fs::symlink("portal", base.join("root-link")).expect("root link");
        let allowed = HOMES
            .iter()
            .map(|(role, homes)| {
                let inodes = homes
                    .iter()
                    .flat_map(|h| {
                        walkdir::WalkDir::new(portal.join(h))
                            .follow_links(false)
                            .follow_root_links(false)
                    })
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .map(|e| {
                        let m = e.metadata().expect("metadata");
                        (m.dev(), m.ino())
                    })
                    .collect();
                (*role as u8, inodes)
            })
            .collect();
        World {
            base,
            portal,
            allowed,
        }
    })
}

impl World {
    /// The oracle: `path` opens a regular file that `role` may read.
    fn may_read(&self, path: &Path, role: Role) -> bool {
        std::fs::metadata(path)
            .is_ok_and(|m| m.is_file() && self.allowed[&(role as u8)].contains(&(m.dev(), m.ino())))
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum RoleChoice {
    Settings,
    Roster,
    Campaign,
    Asset,
    Theme,
    Playbook,
}

impl RoleChoice {
    fn role(self) -> Role {
        match self {
            RoleChoice::Settings => Role::Settings,
            RoleChoice::Roster => Role::Roster,
            RoleChoice::Campaign => Role::Campaign,
            RoleChoice::Asset => Role::Asset,
            RoleChoice::Theme => Role::Theme,
            RoleChoice::Playbook => Role::Playbook,
        }
    }
}

/// How the portal root is spelled when it is handed to the jail.
#[derive(Arbitrary, Debug)]
enum RootSpelling {
    Real,
    ThroughSymlink,
    Unnormalised,
}

/// Existing folders a link may be planted in (relative to the portal; `Outside` is beside it).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Place {
    Root,
    Content,
    Creators,
    Spring,
    Briefs,
    Assets,
    Brand,
    Cafe,
    Playbook,
    Static,
    Templates,
    ThemeT,
    Cache,
    Git,
    Outside,
}

impl Place {
    fn rel(self) -> &'static str {
        match self {
            Place::Root => "",
            Place::Content => "content",
            Place::Creators => "content/creators",
            Place::Spring => "content/campaigns/spring",
            Place::Briefs => "content/campaigns/spring/briefs",
            Place::Assets => "content/assets",
            Place::Brand => "content/assets/brand",
            Place::Cafe => "content/assets/caf\u{e9}",
            Place::Playbook => "content/playbook",
            Place::Static => "static",
            Place::Templates => "templates",
            Place::ThemeT => "themes/t",
            Place::Cache => ".campsite",
            Place::Git => ".git",
            Place::Outside => "../outside",
        }
    }
}

/// Path fragments worth combining; `Raw` is anything else, bytes included.
#[derive(Arbitrary, Debug)]
enum Piece {
    Up,
    Dot,
    Empty,
    Link(u8),
    Name(Known),
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Known {
    PortalToml,
    Content,
    Creators,
    AnaToml,
    Campaigns,
    Spring,
    Briefs,
    AnaMd,
    Assets,
    Brand,
    LogoPng,
    CafeNfc,
    CafeNfd,
    RtlName,
    Campsite,
    Git,
    Static,
    Templates,
    Themes,
    Playbook,
    Portal,
    Outside,
    SecretTxt,
    RootLink,
    FullwidthDots,
    PercentDots,
    ZeroWidth,
}

impl Known {
    fn text(self) -> &'static str {
        match self {
            Known::PortalToml => "portal.toml",
            Known::Content => "content",
            Known::Creators => "creators",
            Known::AnaToml => "ana.toml",
            Known::Campaigns => "campaigns",
            Known::Spring => "spring",
            Known::Briefs => "briefs",
            Known::AnaMd => "ana.md",
            Known::Assets => "assets",
            Known::Brand => "brand",
            Known::LogoPng => "logo.png",
            Known::CafeNfc => "caf\u{e9}",
            Known::CafeNfd => "cafe\u{301}.png",
            Known::RtlName => "\u{202e}gnp.txt",
            Known::Campsite => ".campsite",
            Known::Git => ".git",
            Known::Static => "static",
            Known::Templates => "templates",
            Known::Themes => "themes",
            Known::Playbook => "playbook",
            Known::Portal => "portal",
            Known::Outside => "outside",
            Known::SecretTxt => "secret.txt",
            Known::RootLink => "root-link",
            Known::FullwidthDots => "\u{ff0e}\u{ff0e}",
            Known::PercentDots => "%2e%2e",
            Known::ZeroWidth => ".\u{200b}.",
        }
    }
}

fn piece_bytes(p: &Piece) -> Vec<u8> {
    match p {
        Piece::Up => b"..".to_vec(),
        Piece::Dot => b".".to_vec(),
        Piece::Empty => Vec::new(),
        Piece::Link(i) => format!("l{}", i % 4).into_bytes(),
        Piece::Name(k) => k.text().as_bytes().to_vec(),
        Piece::Raw(b) => b.clone(),
    }
}

fn join_pieces(pieces: &[Piece]) -> Vec<u8> {
    pieces
        .iter()
        .map(piece_bytes)
        .collect::<Vec<_>>()
        .join(&b'/')
}

/// Where a symlink's target starts: relative to the link, or an absolute path.
#[derive(Arbitrary, Debug)]
enum Anchor {
    Relative,
    Portal,
    Outside,
    RootLink,
    FileSystemRoot,
}

#[derive(Arbitrary, Debug)]
struct Link {
    at: Place,
    name: Piece,
    anchor: Anchor,
    target: Vec<Piece>,
}

/// A path to admit (`walk` false) or a folder to walk.
#[derive(Arbitrary, Debug)]
struct Probe {
    at: Place,
    path: Vec<Piece>,
    role: RoleChoice,
    walk: bool,
}

#[derive(Arbitrary, Debug)]
struct Case {
    root: RootSpelling,
    links: Vec<Link>,
    probes: Vec<Probe>,
    url: Vec<UrlPiece>,
}

/// Links planted for one input, removed when it is done.
struct Planted(Vec<PathBuf>);

impl Drop for Planted {
    fn drop(&mut self) {
        for p in self.0.iter().rev() {
            std::fs::remove_file(p).expect("remove a planted link");
        }
    }
}

fn plant(w: &World, links: &[Link]) -> Planted {
    let mut planted = Planted(Vec::new());
    for l in links.iter().take(4) {
        // The link itself is one plain name in an existing folder: only its target is hostile.
        let name = piece_bytes(&l.name);
        let plain = Path::new(OsStr::from_bytes(&name))
            .components()
            .map(|c| matches!(c, Component::Normal(_)))
            .eq([true]);
        if !plain || name.contains(&0) || name.contains(&b'/') {
            continue;
        }
        let at = w.portal.join(l.at.rel()).join(OsStr::from_bytes(&name));
        let mut target = match l.anchor {
            Anchor::Relative => Vec::new(),
            Anchor::Portal => format!("{}/", w.portal.display()).into_bytes(),
            Anchor::Outside => format!("{}/outside/", w.base.display()).into_bytes(),
            Anchor::RootLink => format!("{}/root-link/", w.base.display()).into_bytes(),
            Anchor::FileSystemRoot => b"/".to_vec(),
        };
        target.extend(join_pieces(&l.target));
        if !target.is_empty()
            && !target.contains(&0)
            && std::os::unix::fs::symlink(OsStr::from_bytes(&target), &at).is_ok()
        {
            planted.0.push(at);
        }
    }
    planted
}

/// Asks the jail and the walk about each probe and holds them to the oracle.
fn check_paths(w: &World, case: &Case) {
    let root = match case.root {
        RootSpelling::Real => w.portal.clone(),
        RootSpelling::ThroughSymlink => w.base.join("root-link"),
        RootSpelling::Unnormalised => w.base.join("outside/../portal"),
    };
    let jail = Jail::new(&root);
    for probe in case.probes.iter().take(4) {
        let role = probe.role.role();
        let path = root
            .join(probe.at.rel())
            .join(OsStr::from_bytes(&join_pieces(&probe.path)));
        if probe.walk {
            check_walk(w, &root, &path, role);
            continue;
        }
        let admitted = jail.admit(&path, role);
        let expected = w.may_read(&path, role);
        assert_eq!(
            admitted.is_ok(),
            expected,
            "{role:?} {path:?} admitted: {admitted:?}, oracle: {expected}"
        );
        if let Err(d) = admitted {
            assert_eq!(d.path, rel_path(&root, &path), "the refusal names the link");
        }
    }
}

/// Everything `walk` returns may be read by its role; a folder the jail calls home holds only
/// files its role may read.
fn check_walk(w: &World, root: &Path, dir: &Path, role: Role) {
    // Only folders of this test: a link to `/` must not make the fuzzer walk the machine.
    if !dir.canonicalize().is_ok_and(|d| d.starts_with(&w.base)) {
        return;
    }
    let scope = Scope {
        role,
        depth: Some(4),
    };
    let mut diags = Diagnostics::new();
    for f in walk(root, dir, scope, &mut diags) {
        assert!(
            w.may_read(&f, role),
            "{role:?}: walk({dir:?}) returned {f:?}"
        );
    }
    if Jail::new(root).folder_is_home(dir, role) {
        for e in walkdir::WalkDir::new(dir).follow_links(false).max_depth(4) {
            let Ok(e) = e else { continue };
            if e.file_type().is_file() {
                assert!(
                    w.may_read(e.path(), role),
                    "{role:?}: home {dir:?} holds {e:?}"
                );
            }
        }
    }
}

fuzz_target!(|case: Case| {
    let w = world();
    {
        let _planted = plant(w, &case.links);
        check_paths(w, &case);
    }
    check_links(&url_text(&case.url));
});
