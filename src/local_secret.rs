//! The portal's own link secret, for when neither `CAMPSITE_LINK_SECRET` nor `[privacy]
//! link_secret` gives one: `<portal>/.campsite/link_secret`, made once from the system's random
//! number generator and read by every later build, so links stay stable on this machine. A
//! `.campsite/.gitignore` made beside it keeps it out of git. The one reader and writer of it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where the secret is kept, relative to the portal root.
pub const FILE: &str = ".campsite/link_secret";

/// What a secret file larger than this holds is not a secret campsite wrote: refused.
const MAX_LEN: u64 = 4096;

/// What keeps the file out of version control when campsite makes it.
const GITIGNORE: &str = "# Made by campsite: the link secret stays on this machine (never commit it).\nlink_secret\nlink_secret.*.tmp\n";

/// Whether a command may make the file when it is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `check`, which writes nothing: read the file if it is there.
    ReadOnly,
    /// `build`, `serve`, `links`: read it, or make it.
    ReadOrCreate,
}

/// The secret found under `.campsite/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Read from the file (trimmed).
    Read(String),
    /// Made by this run (the caller says so, once).
    Created(String),
    /// No file, and [`Access::ReadOnly`].
    Absent,
}

/// The secret in `<root>/.campsite/link_secret`, made with a fresh random secret when it is
/// missing and `access` allows. Two builds starting at once agree: the file appears in one step
/// (a hard link from a finished temporary file), and the one that loses the race reads it.
pub fn local_secret(root: &Path, access: Access) -> io::Result<Found> {
    let path = root.join(FILE);
    match read(&path) {
        Ok(s) => return Ok(Found::Read(s)),
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    if access == Access::ReadOnly {
        return Ok(Found::Absent);
    }
    let secret = random_secret()?;
    let dir = root.join(".campsite");
    std::fs::create_dir_all(&dir)?;
    // Unique per run, so two threads or processes never share a temporary file.
    let tmp = dir.join(format!("link_secret.{}.tmp", &random_secret()?[..16]));
    let made = write_private(&tmp, &secret).and_then(|()| std::fs::hard_link(&tmp, &path));
    let _ = std::fs::remove_file(&tmp);
    match made {
        Ok(()) => {
            keep_out_of_git(&dir);
            Ok(Found::Created(secret))
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => read(&path).map(Found::Read),
        Err(e) => Err(e),
    }
}

/// The file's text, trimmed; a symlink, a folder or an oversized file is refused.
fn read(path: &Path) -> io::Result<String> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.file_type().is_file() {
        return Err(io::Error::other(format!(
            "{FILE} is not a regular file (symlinks are not followed)"
        )));
    }
    if meta.len() > MAX_LEN {
        return Err(io::Error::other(format!(
            "{FILE} is {} bytes; a link secret is one line",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path)?;
    Ok(text.trim().to_string())
}

/// 32 random bytes as lowercase base32 (256 bits); no fallback to anything guessable.
fn random_secret() -> io::Result<String> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|e| {
        io::Error::other(format!("the system's random number generator failed: {e}"))
    })?;
    Ok(data_encoding::BASE32_NOPAD.encode(&buf).to_lowercase())
}

/// Writes `secret` to a new file only its owner can read (where the system has such modes).
fn write_private(path: &Path, secret: &str) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(format!("{secret}\n").as_bytes())?;
    f.sync_all()
}

/// `.campsite/.gitignore`, unless there is one: a portal kept in git (with its version records
/// under `.campsite/`) never commits the secret by accident.
fn keep_out_of_git(dir: &Path) {
    let path: PathBuf = dir.join(".gitignore");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        let _ = f.write_all(GITIGNORE.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "campsite-local-secret-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn made_once_then_read_back() {
        let root = temp("once");
        assert_eq!(
            local_secret(&root, Access::ReadOnly).unwrap(),
            Found::Absent
        );
        assert!(!root.join(".campsite").exists(), "read-only made nothing");
        let Found::Created(made) = local_secret(&root, Access::ReadOrCreate).unwrap() else {
            panic!("a first run makes the secret");
        };
        assert_eq!(made.len(), 52, "256 bits in base32: {made}");
        assert!(crate::compute::secret::weakness(&made).is_none());
        for access in [Access::ReadOnly, Access::ReadOrCreate] {
            assert_eq!(
                local_secret(&root, access).unwrap(),
                Found::Read(made.clone())
            );
        }
        let ignore = std::fs::read_to_string(root.join(".campsite/.gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "link_secret"), "{ignore}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(root.join(FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "only the owner reads it: {mode:o}");
        }
        let left: Vec<_> = std::fs::read_dir(root.join(".campsite"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!left.iter().any(|n| n.ends_with(".tmp")), "{left:?}");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn an_existing_gitignore_is_left_alone() {
        let root = temp("gitignore");
        std::fs::create_dir_all(root.join(".campsite")).unwrap();
        std::fs::write(root.join(".campsite/.gitignore"), "cache/\n").unwrap();
        local_secret(&root, Access::ReadOrCreate).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join(".campsite/.gitignore")).unwrap(),
            "cache/\n"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_secret_is_refused() {
        let root = temp("symlink");
        std::fs::create_dir_all(root.join(".campsite")).unwrap();
        std::fs::write(
            root.join("elsewhere"),
            "a-secret-kept-somewhere-else-0123456789",
        )
        .unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere"), root.join(FILE)).unwrap();
        let e = local_secret(&root, Access::ReadOrCreate).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let _ = std::fs::remove_dir_all(&root);
    }
}
