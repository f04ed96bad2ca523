//! The `.campsite-output` marker: what the previous build wrote (each file's content
//! fingerprint and the memo key of the campaign that produced it). A marker line that cannot be
//! read makes the whole marker untrusted: nothing is reused from that build.

use super::MARKER;
use crate::render::{Output, SitePath};
use std::collections::BTreeMap;
use std::path::Path;

/// A stable fingerprint of a file's content: blake3 of rendered bytes; size and modification
/// time for files copied from the portal (hashing every original would read every image).
pub(super) fn fingerprint(o: &Output) -> String {
    match o {
        Output::Bytes(b) => blake3::hash(b).to_hex().to_string(),
        Output::Static(b) => blake3::hash(b).to_hex().to_string(),
        Output::Kept(f) => f.clone(),
        Output::Copy(src) => {
            let meta = std::fs::metadata(src).ok();
            let len = meta.as_ref().map(|m| m.len()).unwrap_or(0);
            let mtime = meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("copy-{len}-{mtime}")
        }
    }
}

/// What the marker records: every file's content fingerprint, and the memo key of the campaign
/// that produced it.
pub(super) struct Manifest<'a> {
    pub(super) fingerprints: &'a BTreeMap<&'a str, String>,
    pub(super) groups: &'a BTreeMap<String, String>,
}

pub(super) fn manifest_text(m: &Manifest<'_>) -> String {
    let mut s = String::from(MARKER_HEADER);
    s.push_str(MARKER_FORMAT);
    for (p, f) in m.fingerprints {
        s.push_str(f);
        s.push(' ');
        s.push_str(m.groups.get(*p).map_or("-", String::as_str));
        s.push(' ');
        s.push_str(p);
        s.push('\n');
    }
    s
}

/// First line of the marker file; the rest lists `fingerprint group path` per file (`group` is
/// the campaign's memo key, or `-`).
const MARKER_HEADER: &str =
    "# This folder is written by campsite; files not listed below are removed on the next build.\n";
/// Second line; markers without it list `fingerprint path` (no groups: nothing is kept).
const MARKER_FORMAT: &str = "# format 2\n";

/// One file recorded in the marker.
#[derive(Debug)]
pub(super) struct Recorded {
    pub(super) fingerprint: String,
    pub(super) group: Option<String>,
}

/// The files the previous build recorded, or `None` when there is no marker, it is not a
/// regular file, or any line of it cannot be read (a damaged or foreign marker is not trusted
/// for anything: the next build reuses nothing and lists no file as its own).
pub(super) fn read_manifest(out: &Path) -> Option<BTreeMap<String, Recorded>> {
    let marker = out.join(MARKER);
    // A marker that is a symlink is not campsite's.
    if !std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return None;
    }
    parse(&std::fs::read_to_string(marker).ok()?)
}

/// Reads a marker's text; `None` if any line is not `fingerprint group path` (format 2) or
/// `fingerprint path` (format 1), or names a path outside the folder.
fn parse(text: &str) -> Option<BTreeMap<String, Recorded>> {
    let grouped = text.lines().any(|l| l == MARKER_FORMAT.trim_end());
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (fingerprint, rest) = l.split_once(' ')?;
            let (group, path) = if grouped {
                let (g, p) = rest.split_once(' ')?;
                ((g != "-").then(|| g.to_string()), p)
            } else {
                (None, rest)
            };
            let path = SitePath::parse(path)?;
            let rec = Recorded {
                fingerprint: fingerprint.to_string(),
                group,
            };
            Some((path.into_string(), rec))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_is_read_whole_or_not_at_all() {
        let good =
            format!("{MARKER_HEADER}{MARKER_FORMAT}abc g1 b/x/index.html\ndef - index.html\n");
        let files = parse(&good).expect("a well-formed marker is read");
        assert_eq!(files.len(), 2);
        assert_eq!(files["b/x/index.html"].group.as_deref(), Some("g1"));
        assert_eq!(files["index.html"].group, None);
        let escaping = format!("{good}abc g1 ../portal.toml\n");
        assert!(parse(&escaping).is_none(), "a path leaving the folder");
        let garbled = format!("{good}no-spaces-here\n");
        assert!(parse(&garbled).is_none(), "a line that cannot be read");
        let old = "# header\nabc index.html\n";
        assert_eq!(parse(old).map(|f| f.len()), Some(1), "format 1 still reads");
    }
}
