//! What each command decides for the units a render declares ([`render::Units`]): which files
//! of an earlier build are kept unrendered, and where a file goes as soon as it is made.
//!
//! | command | kept | a made file |
//! |---|---|---|
//! | `build` | what the output folder holds under the unit's key ([`ToFolder`]) | written into the staging folder at once |
//! | `build` of a sealed team site | nothing ([`render::Fresh`]) | held, sealed once the site is whole |
//! | `serve` | what its last site in memory holds ([`InMemory`]) | held: the site is served from memory |
//! | `check` | nothing ([`LinkScan`]) | its links and ids scanned, its bytes dropped |

use crate::lint::links::LinkIndex;
use crate::output::Target;
use crate::render::memo::Memo;
use crate::render::{self, Output, Site, SitePath, UnitFiles};

/// `build` over its output folder: keeps the units whose files the previous build left there
/// under the same key, and writes each made file into the staging folder as it is rendered.
pub struct ToFolder<'a> {
    /// The previous build's files by unit key (only units whose files are all still there).
    memo: Memo,
    /// The staging folder.
    target: &'a Target,
}

impl<'a> ToFolder<'a> {
    /// Units of `target`'s previous build may be kept; made files go to its staging folder.
    pub fn new(target: &'a Target) -> Self {
        ToFolder {
            memo: target.memo(),
            target,
        }
    }
}

impl render::Units for ToFolder<'_> {
    fn kept(&self, key: &str) -> Option<&UnitFiles> {
        self.memo.get(key)
    }

    fn take(&self, path: &str, out: &Output) -> Option<String> {
        // A path that could leave the output folder is not written here; the site refuses it.
        self.target.write_early(&SitePath::parse(path)?, out)
    }
}

/// `serve`: keeps the units of its last site (their bytes are shared, not copied) and holds
/// made files in the new site, which it serves from memory.
#[derive(Debug, Default)]
pub struct InMemory {
    memo: Memo,
}

impl InMemory {
    /// Units of `previous` may be kept; `None`: a first build, which renders everything.
    pub fn after(previous: Option<&Site>) -> Self {
        InMemory {
            memo: previous.map(Memo::from_site).unwrap_or_default(),
        }
    }
}

impl render::Units for InMemory {
    fn kept(&self, key: &str) -> Option<&UnitFiles> {
        self.memo.get(key)
    }

    fn take(&self, _path: &str, _out: &Output) -> Option<String> {
        None
    }
}

/// `check`: keeps nothing, and scans each made page's links and ids into an index as it is
/// rendered, then drops its bytes: the link check needs the site's paths and the index only.
#[derive(Default)]
pub struct LinkScan {
    links: LinkIndex,
}

impl LinkScan {
    /// The link check of `site`, the render these units were handed.
    pub fn check(self, site: &Site) -> crate::diagnostics::Diagnostics {
        self.links.check(site)
    }
}

impl render::Units for LinkScan {
    fn kept(&self, _key: &str) -> Option<&UnitFiles> {
        None
    }

    fn take(&self, path: &str, out: &Output) -> Option<String> {
        // Only a path the site will hold is scanned; the site refuses the others.
        SitePath::parse(path)?;
        self.links.add(path, out);
        Some(String::new())
    }
}
