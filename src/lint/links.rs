//! The link checker: every internal `href`, `src` and `srcset` of `<a>`, `<link>`, `<img>`,
//! `<source>` and `<script>` in the rendered HTML must name a file of the site, and every
//! `#fragment` an `id` on the page it points to. Relative URLs resolve against the page's path
//! in [`Site::files`]; URLs with a scheme (`https:`, `mailto:`, `data:`…) or starting with `//`
//! are external and not checked.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Output, Site};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

/// One element's URL-carrying attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    tag: String,
    url: String,
}

/// What the scanner keeps of one HTML page.
#[derive(Debug, Default)]
struct Page {
    links: Vec<Link>,
    ids: BTreeSet<String>,
}

/// Checks every internal link and anchor of `site`; errors name the page's source.
pub fn check_links(site: &Site) -> Diagnostics {
    LinkIndex::default().check(site)
}

/// What the link check keeps of a site while it is rendered, so that each page can be dropped
/// as soon as it is scanned: its links as written (resolved against the page's path when the
/// site is whole) and the hashes of the ids it defines. Links are interned (the same stylesheet
/// link recurs on every brief page), so a page costs two words per link and one per id, never
/// its bytes.
#[derive(Debug, Default)]
pub struct LinkIndex {
    inner: Mutex<Index>,
}

#[derive(Debug, Default)]
struct Index {
    names: Interner,
    pages: HashMap<u32, Scanned>,
}

/// One page's links, as interned names, and the ids it defines, hashed.
#[derive(Debug)]
struct Scanned {
    /// The links to check, as written: resolved against the page when the site is whole (a
    /// resolved target is most often a name of this page alone, such as its own `brief.ics`,
    /// and interning it cost more than resolving it again).
    links: Vec<Found>,
    /// [`id_hash`] of each id, sorted, for binary search: a page's ids (a brief's note
    /// headings) are mostly its own, so they are not interned.
    ids: Vec<u64>,
}

/// One link: the attribute's URL and tag as written.
#[derive(Debug)]
struct Found {
    url: u32,
    tag: u32,
}

/// The hash an id is kept as: in memory only, for one check.
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Strings by number, each stored once.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        let name: Arc<str> = Arc::from(s);
        self.ids.insert(Arc::clone(&name), i);
        self.names.push(name);
        i
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", |s| s)
    }
}

/// A link resolved against its page, with owned strings (before interning).
enum Located {
    Outside(String),
    Path(String, Option<String>),
}

impl LinkIndex {
    /// Scans one rendered file if it is an HTML page held in memory; may be called from several
    /// threads. The scan runs outside the lock.
    pub fn add(&self, path: &str, out: &Output) {
        if !path.ends_with(".html") {
            return;
        }
        let page = match out {
            Output::Bytes(b) => scan(&String::from_utf8_lossy(b)),
            Output::Static(b) => scan(&String::from_utf8_lossy(b)),
            Output::Copy(_) | Output::Kept(_) => return,
        };
        let mut ix = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        ix.insert(path, page);
    }

    /// Checks every link recorded, and those of the HTML pages `site` still holds in memory,
    /// against the files of `site`.
    pub fn check(self, site: &Site) -> Diagnostics {
        let mut ix = self
            .inner
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        for (path, out) in site.html_pages() {
            if ix
                .names
                .get(path)
                .is_some_and(|i| ix.pages.contains_key(&i))
            {
                continue;
            }
            let text = match out {
                Output::Bytes(b) => String::from_utf8_lossy(b),
                Output::Static(b) => String::from_utf8_lossy(b),
                Output::Copy(_) | Output::Kept(_) => continue,
            };
            ix.insert(path, scan(&text));
        }
        let mut pages: Vec<(&str, &Scanned)> = ix
            .pages
            .iter()
            .map(|(p, s)| (ix.names.name(*p), s))
            .collect();
        pages.sort_by_key(|(p, _)| *p);
        let mut diags = Diagnostics::new();
        for (path, page) in pages {
            let source = site.source_of(path).unwrap_or("theme");
            for link in &page.links {
                let (url, tag) = (ix.names.name(link.url), ix.names.name(link.tag));
                let Some(problem) = locate(path, url).and_then(|to| ix.problem(site, to)) else {
                    continue;
                };
                let (rule, msg, hint) = match problem {
                    Problem::File(target) => (
                        "broken-link",
                        format!(
                            "`/{path}` links to `{url}` (<{tag}>), which is not in the site (`/{target}`)"
                        ),
                        "fix the link in the template or content, or add the file it names",
                    ),
                    Problem::Anchor(target, id) => (
                        "broken-anchor",
                        format!(
                            "`/{path}` links to `{url}`, but `/{target}` has no element with id `{id}`"
                        ),
                        "fix the fragment, or give the target element that id",
                    ),
                };
                diags.push(Diagnostic::error(source, rule, msg).with_hint(hint));
            }
        }
        diags
    }
}

impl Index {
    fn insert(&mut self, path: &str, page: Page) {
        let links = page
            .links
            .iter()
            .filter(|l| locate(path, &l.url).is_some())
            .map(|l| Found {
                url: self.names.id(&l.url),
                tag: self.names.id(&l.tag),
            })
            .collect();
        let mut ids: Vec<u64> = page.ids.iter().map(|i| id_hash(i)).collect();
        ids.sort_unstable();
        ids.dedup();
        let key = self.names.id(path);
        self.pages.insert(key, Scanned { links, ids });
    }

    /// What is wrong with a link, now that the whole site is known.
    fn problem(&self, site: &Site, to: Located) -> Option<Problem> {
        let (path, fragment) = match to {
            Located::Outside(part) => return Some(Problem::File(part)),
            Located::Path(p, f) => (p, f),
        };
        let target = if site.files.contains_key(&path) {
            path
        } else {
            let index = format!("{}/index.html", path.trim_end_matches('/'));
            if !path.is_empty() && site.files.contains_key(&index) {
                index
            } else {
                return Some(Problem::File(path));
            }
        };
        let id = fragment?;
        let page = self.names.get(&target).and_then(|i| self.pages.get(&i))?;
        page.ids
            .binary_search(&id_hash(&id))
            .is_err()
            .then_some(Problem::Anchor(target, id))
    }
}

enum Problem {
    File(String),
    Anchor(String, String),
}

/// Resolves a link of the page at `from`: `None` when there is nothing to check (empty,
/// external), else the site path it names (and a non-empty fragment), or the part that climbs
/// above the site root.
fn locate(from: &str, url: &str) -> Option<Located> {
    let url = url.trim();
    if url.is_empty() || is_external(url) {
        return None;
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(percent_decode(f))),
        None => (url, None),
    };
    let fragment = fragment.filter(|f| !f.is_empty());
    let path_part = rest.split('?').next().unwrap_or("");
    if path_part.is_empty() {
        return Some(Located::Path(from.to_string(), fragment));
    }
    Some(match resolve(from, &percent_decode(path_part)) {
        Some(t) => Located::Path(t, fragment),
        None => Located::Outside(path_part.to_string()),
    })
}

/// True for URLs with a scheme (`https:`, `mailto:`) or protocol-relative ones.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves `url` (a path, already decoded) against the page at `from`; a folder gets
/// `index.html`; `None` when it climbs above the site root.
fn resolve(from: &str, url: &str) -> Option<String> {
    let mut parts: Vec<&str> = if url.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from.split('/').collect();
        p.pop();
        p
    };
    for seg in url.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if url.ends_with('/') || url.ends_with("/.") || url.ends_with("/..") || url == "." {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes the character references Tera's escaping produces, and numeric ones.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = tail.get(1..e)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                n if n.starts_with("#x") || n.starts_with("#X") => {
                    char::from_u32(u32::from_str_radix(n.get(2..)?, 16).ok()?)?
                }
                n if n.starts_with('#') => char::from_u32(n.get(1..)?.parse().ok()?)?,
                _ => return None,
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Scans HTML for the links to check and the ids it defines. Skips comments and the raw text
/// of `<script>` and `<style>`.
fn scan(html: &str) -> Page {
    let mut page = Page::default();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = rest.get(i + 1..).unwrap_or("");
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after
                .find("-->")
                .and_then(|e| after.get(e + 3..))
                .unwrap_or("");
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let tag = rest.get(..name_len).unwrap_or("").to_ascii_lowercase();
        if tag.is_empty() {
            continue;
        }
        let (attrs, after) = read_attrs(rest.get(name_len..).unwrap_or(""));
        rest = after;
        for (k, v) in &attrs {
            let v = unescape(v);
            match k.as_str() {
                "id" => {
                    page.ids.insert(v);
                }
                "name" if tag == "a" => {
                    page.ids.insert(v);
                }
                "href" | "src" if is_link_tag(&tag) => page.links.push(Link {
                    tag: tag.clone(),
                    url: v,
                }),
                "srcset" if is_link_tag(&tag) => {
                    for candidate in v.split(',') {
                        if let Some(u) = candidate.split_whitespace().next() {
                            page.links.push(Link {
                                tag: tag.clone(),
                                url: u.to_string(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).and_then(|e| rest.get(e..)).unwrap_or("");
        }
    }
    page
}

fn is_link_tag(tag: &str) -> bool {
    matches!(tag, "a" | "link" | "img" | "script" | "source")
}

/// Reads attributes up to the end of a tag: `(name, raw value)` pairs and the text after `>`.
fn read_attrs(s: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return (attrs, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attrs, after);
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len());
        let name = rest.get(..name_end).unwrap_or("").to_ascii_lowercase();
        rest = rest.get(name_end..).unwrap_or("").trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, r) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = after.get(1..).unwrap_or("");
                    match body.find(q) {
                        Some(e) => (body.get(..e).unwrap_or(""), body.get(e + 1..).unwrap_or("")),
                        None => (body, ""),
                    }
                }
                _ => {
                    let e = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (after.get(..e).unwrap_or(""), after.get(e..).unwrap_or(""))
                }
            };
            value = v.to_string();
            rest = r;
        }
        if name.is_empty() {
            // A stray character: skip it so the loop always advances.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
            continue;
        }
        attrs.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Site {
        let mut s = Site::default();
        let mut d = Diagnostics::new();
        for (p, html) in pages {
            s.add(
                p.to_string(),
                Output::Bytes(html.as_bytes().into()),
                &format!("src/{p}"),
                &mut d,
            );
        }
        s
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            resolve("b/t/index.html", "../../kit/x/"),
            Some("kit/x/index.html".into())
        );
        assert_eq!(
            resolve("b/t/index.html", "brief.ics"),
            Some("b/t/brief.ics".into())
        );
        assert_eq!(resolve("index.html", "../x"), None);
        assert_eq!(resolve("a/index.html", "/c.css"), Some("c.css".into()));
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let s = site(&[
            (
                "index.html",
                "<a href=\"a&#x2F;\">a</a><a id=\"top\" href=\"#top\"></a><a href=\"#nope\"></a>\
                 <img srcset=\"m/x.png 1x, m/y.png 2x\" src=\"https://e.example/x\">\
                 <!-- <a href=\"gone\"> --><script>var a = '<a href=\"gone\">';</script>\
                 <a href=\"mailto:x@y\"></a><a href=\"a/index.html#sec\"></a>",
            ),
            (
                "a/index.html",
                "<h2 id='sec'>x</h2><link href=../missing.css>",
            ),
            ("m/x.png", ""),
        ]);
        let d = check_links(&s);
        let msgs: Vec<String> = d.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(msgs[0].contains("missing.css"));
        assert!(msgs[1].contains("`#nope`"));
        assert!(msgs[2].contains("m/y.png"));
        assert_eq!(d.sorted()[0].rule, "broken-link");
        assert_eq!(d.sorted()[0].path, "src/a/index.html");
    }
}
