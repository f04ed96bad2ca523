//! Theme files: the embedded default theme, a theme folder on disk, and the portal's overrides.

use super::source::rel_path;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::CatalogText;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default theme, compiled into the binary.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file of the portal.
    Disk(PathBuf),
}

/// The templates, static files and scaffold starters in force, each name resolved to one source.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    /// Template name (path under `templates/`) → source text.
    pub templates: BTreeMap<String, String>,
    /// Output path → bytes, from the theme's `static/` then the portal's `static/`.
    pub static_files: BTreeMap<String, StaticSource>,
    /// Starter name (path under `starters/`) → text, for `campsite new`.
    pub starters: BTreeMap<String, String>,
    /// Language (`i18n/<lang>.toml` stem) → its catalog files, the default theme's first; each
    /// later one overrides the keys it names.
    pub catalogs: BTreeMap<String, Vec<CatalogText>>,
}

impl ThemeFiles {
    /// The hash of what pages are rendered with: every template's and catalog's name and text
    /// (static files are copied, not read by templates). Memo keys and `serve`'s parsed-theme
    /// cache are made of it.
    pub fn text_hash(&self) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        let mut part = |bytes: &[u8]| {
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        for (name, text) in &self.templates {
            part(name.as_bytes());
            part(text.as_bytes());
        }
        for (lang, layers) in &self.catalogs {
            part(lang.as_bytes());
            for layer in layers {
                part(layer.path.as_bytes());
                part(layer.text.as_bytes());
            }
        }
        h.finalize()
    }
}

/// The embedded default theme alone.
pub fn embedded_theme() -> ThemeFiles {
    let mut theme = ThemeFiles::default();
    add_embedded(&DEFAULT_THEME, &mut theme);
    theme
}

fn add_embedded(dir: &'static Dir<'static>, theme: &mut ThemeFiles) {
    for f in dir.files() {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if add_catalog(theme, &path, &format!("themes/default/{path}"), || {
            String::from_utf8_lossy(f.contents()).into_owned()
        }) {
            continue;
        }
        place(theme, &path, || {
            (
                String::from_utf8_lossy(f.contents()).into_owned(),
                StaticSource::Embedded(f.contents()),
            )
        });
    }
    for d in dir.dirs() {
        add_embedded(d, theme);
    }
}

/// Files under `i18n/` ending in `.toml` are catalogs; true when `path` was one.
fn add_catalog(
    theme: &mut ThemeFiles,
    path: &str,
    shown: &str,
    text: impl FnOnce() -> String,
) -> bool {
    let Some(stem) = path
        .strip_prefix("i18n/")
        .and_then(|n| n.strip_suffix(".toml"))
    else {
        return false;
    };
    theme
        .catalogs
        .entry(stem.to_string())
        .or_default()
        .push(CatalogText {
            path: shown.to_string(),
            text: text(),
        });
    true
}

fn place(theme: &mut ThemeFiles, path: &str, content: impl FnOnce() -> (String, StaticSource)) {
    if let Some(name) = path.strip_prefix("templates/") {
        theme.templates.insert(name.to_string(), content().0);
    } else if let Some(name) = path.strip_prefix("static/") {
        theme.static_files.insert(name.to_string(), content().1);
    } else if let Some(name) = path.strip_prefix("starters/") {
        theme.starters.insert(name.to_string(), content().0);
    }
}

/// Templates and static files, at any depth.
const THEME: super::Scope = super::Scope {
    role: super::contain::Role::Theme,
    depth: None,
};

/// The theme in force for a portal: the embedded default, then `themes/<name>/` from disk, then
/// the portal's `templates/` and `static/`, each overriding file by file.
pub fn load_theme(root: &Path, name: &str, diags: &mut Diagnostics) -> ThemeFiles {
    let mut theme = embedded_theme();
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        add_disk(root, &dir, &mut theme, diags);
    } else if name != "default" {
        diags.push(
            Diagnostic::error("portal.toml", "theme", format!("theme `{name}` not found"))
                .with_hint(format!("create themes/{name}/ or use theme = \"default\"")),
        );
    }
    for sub in ["templates", "static"] {
        let d = root.join(sub);
        for f in super::walk(root, &d, THEME, diags) {
            let rel = format!("{sub}/{}", rel_path(&d, &f));
            add_file(root, &rel, &f, &mut theme, diags);
        }
    }
    theme
}

fn add_disk(root: &Path, dir: &Path, theme: &mut ThemeFiles, diags: &mut Diagnostics) {
    for f in super::walk(root, dir, THEME, diags) {
        let rel = rel_path(dir, &f);
        add_file(root, &rel, &f, theme, diags);
    }
}

fn add_file(root: &Path, rel: &str, abs: &Path, theme: &mut ThemeFiles, diags: &mut Diagnostics) {
    if rel.starts_with("static/") {
        place(theme, rel, || {
            (String::new(), StaticSource::Disk(abs.to_path_buf()))
        });
        return;
    }
    match std::fs::read(abs).map(String::from_utf8) {
        Ok(Ok(text)) if rel.starts_with("i18n/") => {
            add_catalog(theme, rel, &rel_path(root, abs), || text);
        }
        Ok(Ok(text)) => place(theme, rel, || (text, StaticSource::Disk(abs.to_path_buf()))),
        _ => diags.push(Diagnostic::error(
            rel_path(root, abs),
            "encoding",
            "template is not valid UTF-8",
        )),
    }
}
