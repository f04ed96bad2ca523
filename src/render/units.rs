//! The contract between render and the pipeline about units. Render declares each unit it
//! would make (a campaign's pages, a brief's pages, a team page) by its memo key, and asks the
//! pipeline's [`Units`] whether files made under that key may be kept; it makes the unit's
//! files only when none may, and hands each file it makes to [`Units::take`] at once. So the
//! pipeline, not render, decides what is kept, and where made files go: `build` keeps what its
//! output folder holds and writes as render goes, `serve` keeps what its last site in memory
//! holds, `check` keeps nothing and scans each page's links.

use super::site::{Output, UnitFiles};

/// What a command does with the units a render declares.
pub trait Units: Sync {
    /// The files an earlier build made under `key`, when they may be kept as they are; `None`:
    /// render the unit.
    fn kept(&self, key: &str) -> Option<&UnitFiles>;

    /// Takes a file as soon as it is made (`build` writes it, `check` scans it) and returns its
    /// content fingerprint, so the site holds only that (`Output::Kept`); `None` leaves the file
    /// in the site, for the write stage (which checks its path, as every path of the site).
    fn take(&self, path: &str, out: &Output) -> Option<String>;
}

/// Every unit rendered, every file left in the site: a render on its own (tests, a sealed
/// site, which is written only once it is whole).
#[derive(Debug, Default, Clone, Copy)]
pub struct Fresh;

impl Units for Fresh {
    fn kept(&self, _key: &str) -> Option<&UnitFiles> {
        None
    }

    fn take(&self, _path: &str, _out: &Output) -> Option<String> {
        None
    }
}

/// Hands one made file to `units`: its fingerprint when they took it, else the file.
pub(super) fn take_one(units: &dyn Units, path: &str, out: Output) -> Output {
    units.take(path, &out).map_or(out, Output::Kept)
}
