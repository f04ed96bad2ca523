//! Parts: the per-campaign pieces of the portal-wide team pages (a campaign's calendar entries,
//! its payment records, its private links…), each made from what its campaign's memo key
//! covers, with a digest of what it holds. `serve` keeps them under the campaign's key (in a
//! [`crate::keyed::KeyedStore`]), so a save re-makes the parts of the changed campaign only; a portal-wide
//! page's key is made of its parts' digests, so its view is assembled and rendered only when
//! a part's content changed. A re-made part equal to the old one changes no page (the "early
//! cut-off" of input-keyed query systems). Also how a render keeps or makes each page, part
//! and value by its key (`Ctx::unit`, `unit_of_parts`, `kept_or`, `part`, `value`).

use super::views::PageMeta;
use super::{Ctx, Output, PageJob, memo, take_one};
use crate::diagnostics::Diagnostic;
use serde::Serialize;

/// A part and the digest of its serialised form.
#[derive(Debug)]
pub struct Part<T> {
    /// What the part holds.
    pub value: T,
    /// blake3 of `value`'s serialised form (the form `report.json` and the memo keys use).
    pub digest: blake3::Hash,
}

impl<T: Serialize> Part<T> {
    /// A part of `value`, digested.
    pub fn new(value: T) -> Self {
        let digest = blake3::hash(&serde_json::to_vec(&value).unwrap_or_default());
        Part { value, digest }
    }
}

/// How a page or part is kept from an earlier build or made now, by its key.
impl Ctx<'_> {
    /// A page that is a memo unit of its own (the team pages): its key is the shared inputs and
    /// everything the page is made of — path, template, meta and view ([`memo::page_key`]) — so
    /// when none of them changed the previous file is kept and the template does not run.
    pub(super) fn unit<T: Serialize>(
        &self,
        path: String,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        view: &T,
        source: String,
    ) -> PageJob {
        let unit = memo::page_key(self.shared, &path, template, meta, key, view);
        let out = self.kept_or(&path, unit, || self.page(template, meta, key, view));
        (path, out, source)
    }

    /// A page made of parts ([`parts`]): its key is the shared inputs, its path, template and
    /// meta, and its parts' digests, so when they are unchanged the previous file is kept and
    /// the view is not even built. `view` must read nothing but those parts and shared inputs.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn unit_of_parts<T: Serialize>(
        &self,
        path: String,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        digests: &[blake3::Hash],
        view: impl FnOnce() -> T,
        source: String,
    ) -> PageJob {
        let view = || Ok(view());
        self.unit_of_rows(path, template, meta, key, digests, view, source)
    }

    /// [`Ctx::unit_of_parts`] for a view whose making may fail (one that renders its rows,
    /// `team_week::rows_markup`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn unit_of_rows<T: Serialize>(
        &self,
        path: String,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        digests: &[blake3::Hash],
        view: impl FnOnce() -> Result<T, Diagnostic>,
        source: String,
    ) -> PageJob {
        let unit = memo::parts_key(self.shared, &path, &[template, key], Some(meta), digests);
        let out = self.kept_or(&path, unit, || self.page_of(template, meta, key, view()?));
        (path, out, source)
    }

    /// A page whose whole view is one part: rendered only when the part's content changed.
    pub(super) fn unit_of_part<T: Serialize>(
        &self,
        path: String,
        template: &str,
        meta: &PageMeta,
        key: &'static str,
        view: &Part<T>,
        source: String,
    ) -> PageJob {
        let digests = [view.digest];
        self.unit_of_parts(path, template, meta, key, &digests, || &view.value, source)
    }

    /// A file (not a page) made of parts, keyed like [`Ctx::unit_of_parts`]; `bytes` may make
    /// the file's `Arc<[u8]>` itself (a large file is then not copied into one).
    pub(super) fn file_of_parts<B: Into<std::sync::Arc<[u8]>>>(
        &self,
        path: String,
        digests: &[blake3::Hash],
        bytes: impl FnOnce() -> B,
        source: String,
    ) -> PageJob {
        let unit = memo::parts_key(self.shared, &path, &["file"], None, digests);
        let out = self.kept_or(&path, unit, || Ok(Output::Bytes(bytes().into())));
        (path, out, source)
    }

    /// A file made on every build (no unit of its own), handed on at once.
    pub(super) fn made<B: Into<std::sync::Arc<[u8]>>>(
        &self,
        path: String,
        bytes: B,
        source: String,
    ) -> PageJob {
        let out = take_one(self.units, &path, Output::Bytes(bytes.into()));
        (path, Ok(out), source)
    }

    /// The previous build's file at `path` when it was made under the same `unit` key, else
    /// `make()`'s; the key is recorded for the next build either way.
    pub(super) fn kept_or(
        &self,
        path: &str,
        unit: String,
        make: impl FnOnce() -> Result<Output, Diagnostic>,
    ) -> Result<Output, Diagnostic> {
        let kept = self
            .units
            .kept(&unit)
            .and_then(|files| files.iter().find(|(p, _)| p == path));
        let out = match kept {
            Some((_, out)) => Ok(out.clone()),
            // Handed on at once: a team page of a large portal (the links, the calendar) is
            // megabytes, and holding them all until the end took gigabytes.
            None => make().map(|o| take_one(self.units, path, o)),
        };
        self.unit_keys
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), unit));
        out
    }

    /// The part `name` of campaign `c`: kept from an earlier build under `c`'s key (`serve`),
    /// or made now. `make` must read nothing but what that key covers ([`memo::campaign_key`]).
    pub(super) fn part<T>(
        &self,
        name: &'static str,
        c: &crate::model::Campaign,
        make: impl FnOnce() -> T,
    ) -> std::sync::Arc<Part<T>>
    where
        T: Serialize + Send + Sync + 'static,
    {
        self.part_under(name, self.keys.get(&c.slug).map(String::as_str), make)
    }

    /// Campaign `c`'s brief keys, in brief order, once its units are made (`None` before).
    pub(super) fn brief_keys_of(
        &self,
        c: &crate::model::Campaign,
    ) -> Option<std::sync::Arc<Vec<String>>> {
        let keys = self.brief_keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.get(&c.slug).cloned()
    }

    /// The value `name` of campaign `c` (not a part: no digest of its own), kept from an earlier
    /// build under `c`'s key (`serve`), or made now. `make` must read nothing but what that key
    /// covers.
    pub(super) fn value<T>(
        &self,
        name: &'static str,
        c: &crate::model::Campaign,
        make: impl FnOnce() -> T,
    ) -> std::sync::Arc<T>
    where
        T: Send + Sync + 'static,
    {
        self.kept_under(name, self.keys.get(&c.slug).map(String::as_str), make)
    }

    /// The value `name` kept under `key` (the hash of everything `make` reads) in `serve`'s
    /// store, or made now.
    pub(super) fn kept_under<T>(
        &self,
        name: &'static str,
        key: Option<&str>,
        make: impl FnOnce() -> T,
    ) -> std::sync::Arc<T>
    where
        T: Send + Sync + 'static,
    {
        match (self.parts, key) {
            (Some(store), Some(key)) => store.get_or_make(name, key, make),
            _ => std::sync::Arc::new(make()),
        }
    }

    /// The part `name` kept under `key` (the hash of everything `make` reads), or made now.
    pub(super) fn part_under<T>(
        &self,
        name: &'static str,
        key: Option<&str>,
        make: impl FnOnce() -> T,
    ) -> std::sync::Arc<Part<T>>
    where
        T: Serialize + Send + Sync + 'static,
    {
        self.kept_under(name, key, || Part::new(make()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_follows_the_content() {
        assert_eq!(Part::new(vec![1, 2]).digest, Part::new(vec![1, 2]).digest);
        assert_ne!(Part::new(vec![1, 2]).digest, Part::new(vec![1, 3]).digest);
    }
}
