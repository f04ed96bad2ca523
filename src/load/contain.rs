//! The containment rule for every file campsite reads: resolved (symlinks included), a file
//! must land inside the portal, under the folder its role reads from, and never on the settings,
//! the roster (unless it is read as roster), the cache or the repository metadata.

use super::source::rel_path;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// What a file is read as, which decides where it may resolve to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `portal.toml` itself.
    Settings,
    /// `content/creators/*.toml`.
    Roster,
    /// Files of `content/campaigns/<slug>/`.
    Campaign,
    /// Files under `content/assets/` (published as media).
    Asset,
    /// Templates and static files (`templates/`, `static/`, `themes/`).
    Theme,
    /// The team's playbook (`content/playbook/**/*.md`).
    Playbook,
}

impl Role {
    /// The folders (relative to the root) a file of this role may resolve into.
    fn homes(self) -> &'static [&'static str] {
        match self {
            Role::Settings => &["portal.toml"],
            Role::Roster => &["content/creators"],
            Role::Campaign => &["content/campaigns"],
            Role::Asset => &["content/assets"],
            Role::Theme => &["templates", "static", "themes"],
            Role::Playbook => &["content/playbook"],
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Role::Settings => "the settings file",
            Role::Roster => "a roster file",
            Role::Campaign => "a campaign file",
            Role::Asset => "an asset",
            Role::Theme => "a template or static file",
            Role::Playbook => "a playbook page",
        }
    }
}

/// Never read through a link, whatever the role: the build cache and repository metadata.
const NEVER: &[&str] = &[".campsite", ".git"];

/// The portal root, resolved once.
#[derive(Debug, Clone)]
pub struct Jail {
    root: PathBuf,
    real_root: PathBuf,
}

impl Jail {
    /// The jail of the portal at `root`.
    pub fn new(root: &Path) -> Jail {
        Jail {
            root: root.to_path_buf(),
            real_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Whether `real` (already resolved) is a place a file of `role` may be read from.
    fn allowed(&self, real: &Path, role: Role) -> Result<(), String> {
        let Ok(inside) = real.strip_prefix(&self.real_root) else {
            return Err("it points outside the portal".into());
        };
        if NEVER.iter().any(|n| inside.starts_with(n)) {
            return Err("campsite never reads its cache or the repository metadata".into());
        }
        if role.homes().iter().any(|h| inside.starts_with(h)) {
            return Ok(());
        }
        let homes = role
            .homes()
            .iter()
            .map(|h| format!("{h}/"))
            .collect::<Vec<_>>()
            .join(", ");
        Err(format!("{} must be a file under {homes}", role.noun()))
    }

    /// Checks that `path` (found under the root, possibly through symlinks) resolves to a plain
    /// file allowed for `role`; the refusal names the path and where it leads.
    pub fn admit(&self, path: &Path, role: Role) -> Result<(), Diagnostic> {
        let rel = rel_path(&self.root, path);
        let real = path.canonicalize().map_err(|_| {
            Diagnostic::error(&rel, "symlink", "symlink is broken or loops")
                .with_hint("remove the link, or point it at an existing file")
        })?;
        let shown = match real.strip_prefix(&self.real_root) {
            Ok(r) => r.to_string_lossy().replace('\\', "/"),
            Err(_) => real.to_string_lossy().into_owned(),
        };
        if let Err(why) = self.allowed(&real, role) {
            let message = if real.starts_with(&self.real_root) {
                format!("symlink to `{shown}`: {why}")
            } else {
                format!("symlink points outside the portal: `{shown}`")
            };
            return Err(Diagnostic::error(&rel, "symlink", message)
                .with_hint("copy the file into place instead of linking to it"));
        }
        if !real.is_file() {
            return Err(Diagnostic::warning(
                &rel,
                "symlink",
                "symlinked folders are not followed",
            ));
        }
        Ok(())
    }

    /// Whether a folder resolves inside the home of `role` (then its plain files need no
    /// further check: the walk does not follow symlinked folders).
    pub fn folder_is_home(&self, dir: &Path, role: Role) -> bool {
        dir.canonicalize()
            .is_ok_and(|real| self.allowed(&real, role).is_ok())
    }
}
