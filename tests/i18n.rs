//! Briefs in other languages: no English word of the theme's catalog reaches a page in `es`, `fr`
//! or `de`; the page says its language; dates and money are written the language's way.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn build(portal: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
    let out = temp_dir(name);
    let o = run(&[
        "build",
        "-r",
        portal.to_str().expect("utf8"),
        "-o",
        out.to_str().expect("utf8"),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    tree(&out)
}

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/briefs-in-languages/portal")
}

/// Every text value of a catalog file, read straight from the TOML.
fn catalog_texts(lang: &str) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let path = repo().join(format!("themes/default/i18n/{lang}.toml"));
    let text = std::fs::read_to_string(&path).expect("catalog");
    let table: toml::Table = toml::from_str(&text).expect("catalog parses");
    let mut out = Vec::new();
    walk(&toml::Value::Table(table), &mut out);
    out
}

/// Lowercase words of three letters or more; URLs, e-mail addresses and `{placeholders}` are
/// not words.
fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for chunk in text.split_whitespace() {
        if chunk.contains("://") || chunk.contains('@') {
            continue;
        }
        let mut cleaned = String::new();
        let mut depth = 0;
        for c in chunk.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 0 => cleaned.push(c),
                _ => {}
            }
        }
        for w in cleaned.split(|c: char| !c.is_alphabetic()) {
            if w.chars().count() >= 3 {
                out.insert(w.to_lowercase());
            }
        }
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// What a reader sees or hears of a page: text outside tags, scripts and styles, and the
/// attributes read aloud, shown or put on the page by its scripts (`aria-label`, `title`, `alt`,
/// `placeholder`, and every `data-*` but the machine values: ids, dates, zones, kinds).
fn readable(html: &str) -> String {
    const MACHINE: &[&str] = &[
        "data-copy",
        "data-date",
        "data-milestone",
        "data-instant",
        "data-zone",
        "data-payment-status",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for (i, _) in tag.match_indices("=\"") {
            let name_start = tag[..i].rfind(' ').map_or(0, |s| s + 1);
            let name = &tag[name_start..i];
            let shown = ["aria-label", "title", "alt", "placeholder"].contains(&name)
                || (name.starts_with("data-") && !MACHINE.contains(&name));
            if shown {
                let v = &tag[i + 2..];
                out.push_str(&v[..v.find('"').unwrap_or(v.len())]);
                out.push(' ');
            }
        }
        rest = &rest[tag_end..];
        for skipped in ["script", "style"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let close = format!("</{skipped}>");
                rest = rest.find(&close).map_or("", |e| &rest[e + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    decode(&out)
}

fn lang_of(html: &str) -> String {
    let i = html.find("<html lang=\"").expect("lang attribute") + "<html lang=\"".len();
    html[i..i + html[i..].find('"').expect("closing quote")].to_string()
}

/// The brief pages of a site by language.
fn brief_pages(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, (String, String)> {
    site.iter()
        .filter(|(p, _)| p.starts_with("b/") && p.ends_with("/index.html"))
        .map(|(p, bytes)| {
            let html = String::from_utf8(bytes.clone()).expect("utf8");
            (lang_of(&html), (p.clone(), html))
        })
        .collect()
}

#[test]
fn no_english_word_of_the_catalog_is_on_a_page_in_another_language() {
    let english: BTreeSet<String> = catalog_texts("en").iter().flat_map(|t| words(t)).collect();
    assert!(english.len() > 100, "{} English words", english.len());
    let site = build(&fixture(), "i18n-english-words");
    let pages = brief_pages(&site);
    assert_eq!(
        pages.keys().map(String::as_str).collect::<Vec<_>>(),
        ["de", "es", "fr"]
    );
    let mut problems = Vec::new();
    for (lang, (path, html)) in &pages {
        // A word both languages use ("Team", "Links", "Reel") is not English on this page.
        let own: BTreeSet<String> = catalog_texts(lang).iter().flat_map(|t| words(t)).collect();
        let seen = words(&readable(html));
        let leaked: Vec<&String> = seen
            .iter()
            .filter(|w| english.contains(*w) && !own.contains(*w))
            .collect();
        if !leaked.is_empty() {
            problems.push(format!("{path} ({lang}): {leaked:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "English on non-English pages:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_catches_an_english_word() {
    // The page reader above must see text, attributes, and skip scripts, or the test above
    // would pass on any page.
    let page = "<html lang=\"es\"><p>Hola <b>Deliverables</b></p><button aria-label=\"Copy\" \
                data-copied=\"Copied\" data-date=\"today\">x</button><script>var due = 1;</script></html>";
    let seen = words(&readable(page));
    assert!(seen.contains("deliverables"), "{seen:?}");
    assert!(seen.contains("copy"), "{seen:?}");
    assert!(seen.contains("copied"), "{seen:?}");
    assert!(!seen.contains("today"), "{seen:?}");
    assert!(!seen.contains("due"), "{seen:?}");
    assert!(!words("{what} https://x.example/due").contains("what"));
}

#[test]
fn each_page_says_its_language_and_writes_dates_and_money_its_way() {
    let site = build(&fixture(), "i18n-formats");
    let pages = brief_pages(&site);
    let page = |lang: &str| &pages.get(lang).expect("page").1;
    // lucia-garcia.md: live_on 2026-03-18, fee 1234.56 EUR.
    assert!(page("es").contains("18 de marzo de 2026"));
    assert!(page("es").contains("1.234,56\u{a0}€"));
    // camille-martin.md: live_on 2026-05-01, fee 2500 EUR.
    assert!(page("fr").contains("1er mai 2026"));
    assert!(page("fr").contains("2\u{202f}500\u{a0}€"));
    // jonas-weber.md: live_on 2026-03-16, fee 12345.5 EUR.
    assert!(page("de").contains("16. März 2026"));
    assert!(page("de").contains("12.345,50\u{a0}€"));
}

#[test]
fn brief_calendars_are_in_the_brief_language_too() {
    let english: BTreeSet<String> = catalog_texts("en").iter().flat_map(|t| words(t)).collect();
    let site = build(&fixture(), "i18n-ics");
    let mut checked = 0;
    for (lang, (path, _)) in brief_pages(&site) {
        let ics_path = path.replace("index.html", "brief.ics");
        let ics = String::from_utf8(site[&ics_path].clone()).expect("utf8");
        // Unfold (RFC 5545: a line starting with a space continues the previous one).
        let text = ics.replace("\r\n ", "");
        let own: BTreeSet<String> = catalog_texts(&lang).iter().flat_map(|t| words(t)).collect();
        for line in text
            .lines()
            .filter(|l| l.starts_with("SUMMARY:") || l.starts_with("DESCRIPTION:"))
        {
            let (_, value) = line.split_once(':').expect("property");
            let value = value.replace("\\n", " ").replace("\\,", ",");
            let leaked: Vec<String> = words(&value)
                .into_iter()
                .filter(|w| english.contains(w) && !own.contains(w))
                .collect();
            assert!(
                leaked.is_empty(),
                "{ics_path} ({lang}): {leaked:?} in {line}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} calendar texts checked");
}

/// A copy of the fixture portal to edit.
fn editable(name: &str) -> std::path::PathBuf {
    let root = temp_dir(name).join("portal");
    copy_dir(&fixture(), &root);
    root
}

#[test]
fn a_template_naming_a_missing_key_fails_the_build_naming_catalog_and_key() {
    let root = editable("i18n-missing-key");
    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    std::fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}{{ t(key=\"error.nope\") }}{% endblock content %}",
    )
    .expect("write");
    let out = temp_dir("i18n-missing-key-out");
    let o = run(&[
        "build",
        "-r",
        root.to_str().expect("utf8"),
        "-o",
        out.to_str().expect("utf8"),
        "--today",
        "2026-03-10",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("catalog `en` (themes/default/i18n/en.toml) has no key `error.nope`"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_theme_changes_words_key_by_key() {
    let root = editable("i18n-theme-words");
    let portal = std::fs::read_to_string(root.join("portal.toml")).expect("portal.toml");
    std::fs::write(
        root.join("portal.toml"),
        portal.replace("currency = \"EUR\"", "currency = \"EUR\"\ntheme = \"mine\""),
    )
    .expect("write");
    std::fs::create_dir_all(root.join("themes/mine/i18n")).expect("mkdir");
    std::fs::write(
        root.join("themes/mine/i18n/es.toml"),
        "[brief]\ndeliverables = \"Piezas que entregas\"\n",
    )
    .expect("write");
    let site = build(&root, "i18n-theme-words-out");
    let pages = brief_pages(&site);
    let es = &pages.get("es").expect("es page").1;
    assert!(es.contains("<h2 id=\"d-h\">Piezas que entregas</h2>"));
    // Keys the theme does not name keep the default's words.
    assert!(es.contains(">Derechos de uso</h2>"));
}
