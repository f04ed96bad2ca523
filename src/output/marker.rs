//! The `.campsite-output` marker: what the previous build wrote (each file's content
//! fingerprint, size and the memo key of the campaign that produced it) and the whole build's
//! key (`crate::uptodate`). A marker line that cannot be read makes the whole marker untrusted:
//! nothing is reused from that build.

use super::MARKER;
use crate::render::{Output, SitePath};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// A stable fingerprint of a file's content: blake3 of rendered bytes; size and modification
/// time for files copied from the portal (hashing every original would read every image).
pub(super) fn fingerprint(o: &Output) -> Cow<'_, str> {
    match o {
        Output::Bytes(b) => blake3::hash(b).to_hex().to_string().into(),
        Output::Static(b) => blake3::hash(b).to_hex().to_string().into(),
        Output::Kept(f) => f.as_str().into(),
        Output::Copy(src) => {
            let meta = std::fs::metadata(src).ok();
            let len = meta.as_ref().map(|m| m.len()).unwrap_or(0);
            let mtime = meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("copy-{len}-{mtime}").into()
        }
    }
}

/// What the marker records: every file's content fingerprint, size and the memo key of the
/// campaign that produced it, and the whole build's key when it has one.
pub(super) struct Manifest<'a> {
    pub(super) fingerprints: &'a BTreeMap<&'a str, Cow<'a, str>>,
    pub(super) sizes: &'a BTreeMap<&'a str, u64>,
    pub(super) groups: &'a BTreeMap<String, std::sync::Arc<str>>,
    pub(super) key: Option<&'a str>,
}

/// Writes the marker's text to `w` line by line (at 100,000 briefs it is tens of megabytes,
/// which a `String` grown by doubling held twice over at its last growth).
pub(super) fn write_manifest(w: &mut impl std::io::Write, m: &Manifest<'_>) -> std::io::Result<()> {
    w.write_all(MARKER_HEADER.as_bytes())?;
    w.write_all(MARKER_FORMAT.as_bytes())?;
    if let Some(key) = m.key {
        writeln!(w, "{KEY_PREFIX}{key}")?;
    }
    for (p, f) in m.fingerprints {
        let group = m.groups.get(*p).map_or("-", |k| k);
        match m.sizes.get(p) {
            Some(n) => writeln!(w, "{f} {group} {n} {p}")?,
            None => writeln!(w, "{f} {group} - {p}")?,
        }
    }
    Ok(())
}

/// First line of the marker file; the rest lists `fingerprint group size path` per file (`group`
/// is the campaign's memo key, or `-`; `size` in bytes, or `-`).
const MARKER_HEADER: &str =
    "# This folder is written by campsite; files not listed below are removed on the next build.\n";
/// Second line. Format 2 listed `fingerprint group path` (no sizes: no fast path); format 1,
/// without the line, `fingerprint path` (no groups: nothing is kept).
const MARKER_FORMAT: &str = "# format 3\n";
const FORMAT_2: &str = "# format 2";
/// The line giving the whole build's key (`crate::uptodate`), when it has one.
const KEY_PREFIX: &str = "# key ";

/// One file recorded in the marker.
#[derive(Debug)]
pub(super) struct Recorded {
    pub(super) fingerprint: String,
    pub(super) group: Option<String>,
    /// Its size in bytes (format 3).
    pub(super) size: Option<u64>,
}

/// A marker as read: the files, and the build's key.
#[derive(Debug, Default)]
pub(super) struct Marker {
    pub(super) files: BTreeMap<String, Recorded>,
    pub(super) key: Option<String>,
}

/// The previous build's marker, or `None` when there is none, it is not a regular file, or any
/// line of it cannot be read (a damaged or foreign marker is not trusted for anything: the next
/// build reuses nothing and lists no file as its own).
pub(super) fn read_manifest(out: &Path) -> Option<Marker> {
    let marker = out.join(MARKER);
    // A marker that is a symlink is not campsite's.
    if !std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return None;
    }
    parse(&std::fs::read_to_string(marker).ok()?)
}

/// Reads a marker's text; `None` if any line is not `fingerprint group size path` (format 3),
/// `fingerprint group path` (format 2) or `fingerprint path` (format 1), or names a path
/// outside the folder.
fn parse(text: &str) -> Option<Marker> {
    let sized = text.lines().any(|l| l == MARKER_FORMAT.trim_end());
    let grouped = sized || text.lines().any(|l| l == FORMAT_2);
    let key = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(KEY_PREFIX))
        .filter(|_| sized)
        .map(str::to_string);
    let files = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (fingerprint, rest) = l.split_once(' ')?;
            let (group, rest) = if grouped {
                let (g, p) = rest.split_once(' ')?;
                ((g != "-").then(|| g.to_string()), p)
            } else {
                (None, rest)
            };
            let (size, path) = if sized {
                let (n, p) = rest.split_once(' ')?;
                let size = if n == "-" {
                    None
                } else {
                    Some(n.parse().ok()?)
                };
                (size, p)
            } else {
                (None, rest)
            };
            let path = SitePath::parse(path)?;
            let rec = Recorded {
                fingerprint: fingerprint.to_string(),
                group,
                size,
            };
            Some((path.into_string(), rec))
        })
        .collect::<Option<_>>()?;
    Some(Marker { files, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_is_read_whole_or_not_at_all() {
        let good = format!(
            "{MARKER_HEADER}{MARKER_FORMAT}{KEY_PREFIX}k1\nabc g1 12 b/x/index.html\ndef - - index.html\n"
        );
        let m = parse(&good).expect("a well-formed marker is read");
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.key.as_deref(), Some("k1"));
        assert_eq!(m.files["b/x/index.html"].group.as_deref(), Some("g1"));
        assert_eq!(m.files["b/x/index.html"].size, Some(12));
        assert_eq!(m.files["index.html"].group, None);
        assert_eq!(m.files["index.html"].size, None);
        let escaping = format!("{good}abc g1 1 ../portal.toml\n");
        assert!(parse(&escaping).is_none(), "a path leaving the folder");
        let garbled = format!("{good}no-spaces-here\n");
        assert!(parse(&garbled).is_none(), "a line that cannot be read");
        let bad_size = format!("{good}abc g1 many b/y/index.html\n");
        assert!(parse(&bad_size).is_none(), "a size that is not a number");
        let v2 = format!("{MARKER_HEADER}{FORMAT_2}\n{KEY_PREFIX}k1\nabc g1 b/x/index.html\n");
        let m = parse(&v2).expect("format 2 still reads");
        assert_eq!(m.files["b/x/index.html"].group.as_deref(), Some("g1"));
        assert_eq!((m.key, m.files["b/x/index.html"].size), (None, None));
        let old = "# header\nabc index.html\n";
        assert_eq!(
            parse(old).map(|m| m.files.len()),
            Some(1),
            "format 1 still reads"
        );
    }
}
