//! The theme's words: one catalog per language (`i18n/<lang>.toml` of the theme), looked up by
//! dotted key with `{name}` placeholders; plus formatting of dates, numbers and money per language.

pub mod format;
pub mod keys;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::source::SourceFile;
use crate::load::theme::ThemeFiles;
use crate::model::Language;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The portal's language as a catalog language: `language` of `portal.toml` ("es", or a tag such
/// as "es-MX" by its first part), English when campsite has no catalog for it.
pub fn portal_language(config: &crate::model::Config) -> Language {
    language_of_tag(&config.language).unwrap_or(Language::En)
}

/// The catalog language of a language tag ("es", "es-MX", "fr_CA"), when campsite has one.
pub fn language_of_tag(tag: &str) -> Option<Language> {
    let tag = tag.trim().to_lowercase();
    Language::parse(tag.split(['-', '_']).next().unwrap_or(""))
}

/// The tag for a page's `lang` attribute: the portal's own tag ("en-CA") on pages in the
/// portal's language, else the page language's code.
pub fn page_tag(config: &crate::model::Config, lang: Language) -> String {
    if language_of_tag(&config.language) == Some(lang) {
        config.language.trim().to_string()
    } else {
        lang.as_str().to_string()
    }
}

/// One language's words: dotted key → text.
#[derive(Debug, Clone)]
pub struct Catalog {
    lang: Language,
    /// Where the words came from, for diagnostics (`themes/default/i18n/es.toml`).
    path: String,
    words: BTreeMap<String, String>,
}

/// A key a catalog does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("catalog `{catalog}` ({path}) has no key `{key}`")]
pub struct MissingKey {
    /// The catalog's language.
    pub catalog: &'static str,
    /// The catalog's file.
    pub path: String,
    /// The key looked up.
    pub key: String,
}

impl Catalog {
    /// The catalog's language.
    pub fn lang(&self) -> Language {
        self.lang
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    /// The text of `key`, or which catalog lacks it.
    pub fn lookup(&self, key: &str) -> Result<&str, MissingKey> {
        self.words
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| MissingKey {
                catalog: self.lang.as_str(),
                path: self.path.clone(),
                key: key.to_string(),
            })
    }

    /// The text of a key the code itself uses (one of [`keys::ALL`], which every catalog is
    /// checked to have when it is built); the key itself, never a blank, should that fail.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map(String::as_str).unwrap_or(key)
    }

    /// [`Catalog::get`] with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill_in(self.get(key), args)
    }

    /// The plural form of `key` for `n` (`key.one` or `key.other`), with `{n}` filled in.
    pub fn count(&self, key: &str, n: i64) -> String {
        self.count_with(key, n, &[])
    }

    /// [`Catalog::count`] with more placeholders.
    pub fn count_with(&self, key: &str, n: i64, args: &[(&str, &str)]) -> String {
        let text = n.to_string();
        let mut all = vec![("n", text.as_str())];
        all.extend_from_slice(args);
        self.fill(&plural_key(self.lang, key, n), &all)
    }

    /// "a, b and c" in this language.
    pub fn and_list(&self, items: &[String]) -> String {
        join_list(items, self.get(keys::LIST_AND))
    }

    /// "a, b or c" in this language.
    pub fn or_list(&self, items: &[String]) -> String {
        join_list(items, self.get(keys::LIST_OR))
    }
}

/// `key.one` or `key.other`, by [`plural_is_one`].
pub fn plural_key(lang: Language, key: &str, n: i64) -> String {
    let form = if plural_is_one(lang, n) {
        "one"
    } else {
        "other"
    };
    format!("{key}.{form}")
}

/// CLDR's cardinal rule for the four languages: French takes the singular for 0 and 1, the
/// others for 1 only.
fn plural_is_one(lang: Language, n: i64) -> bool {
    match lang {
        Language::Fr => n == 0 || n == 1,
        _ => n == 1,
    }
}

fn join_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// Replaces each `{name}` of `text` by its value; unknown names stay as written.
pub fn fill_in(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every language's catalog.
#[derive(Debug, Clone)]
pub struct Catalogs {
    by_lang: BTreeMap<Language, Catalog>,
    /// `by_lang`'s English, so that a lookup needs no fallible step.
    english: Catalog,
}

impl Catalogs {
    /// Parses the theme's catalogs, each layer (embedded, theme folder) overriding the one before
    /// key by key. Errors: a file that does not parse or holds a non-text value (at its line and
    /// column), a file for a language campsite does not know, a language without a catalog, and
    /// any key of `en` (or that the code uses) missing from another catalog.
    pub fn from_theme(theme: &ThemeFiles) -> Result<Self, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut by_lang = BTreeMap::new();
        for (stem, layers) in &theme.catalogs {
            let Some(lang) = Language::parse(stem) else {
                if let Some(first) = layers.first() {
                    diags.push(
                        Diagnostic::error(&first.path, "i18n", format!("no language `{stem}`"))
                            .with_hint(format!(
                                "catalogs are named after a language: {}",
                                Language::names().join(", ")
                            )),
                    );
                }
                continue;
            };
            let mut cat = Catalog {
                lang,
                path: String::new(),
                words: BTreeMap::new(),
            };
            for layer in layers {
                cat.path = layer.path.clone();
                parse_layer(layer, &mut cat.words, &mut diags);
            }
            by_lang.insert(lang, cat);
        }
        for lang in Language::ALL {
            if !by_lang.contains_key(lang) {
                diags.push(Diagnostic::error(
                    format!("themes/default/i18n/{lang}.toml"),
                    "i18n",
                    format!("the theme has no catalog for `{lang}`"),
                ));
            }
        }
        if let Some(en) = by_lang.get(&Language::En) {
            let code = keys::all();
            let needed: Vec<&str> = en.keys().chain(code.iter().map(String::as_str)).collect();
            for cat in by_lang.values() {
                for key in &needed {
                    if let Err(e) = cat.lookup(key) {
                        diags.push(Diagnostic::error(&e.path, "i18n", e.to_string()));
                    }
                }
            }
        }
        match by_lang.get(&Language::En).cloned() {
            Some(english) if !diags.has_errors() => Ok(Catalogs { by_lang, english }),
            _ => Err(diags),
        }
    }

    /// The catalog of `lang` (every language has one once built).
    pub fn get(&self, lang: Language) -> &Catalog {
        self.by_lang.get(&lang).unwrap_or(&self.english)
    }
}

/// The built-in theme's English words, parsed once: the language of records that must compare
/// across builds whatever the page's language or a theme's wording (brief version facts).
pub fn builtin_english() -> &'static Catalog {
    static ENGLISH: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| {
        let theme = crate::load::theme::embedded_theme();
        let mut words = BTreeMap::new();
        let mut diags = Diagnostics::new();
        for layer in theme.catalogs.get("en").into_iter().flatten() {
            parse_layer(layer, &mut words, &mut diags);
        }
        Catalog {
            lang: Language::En,
            path: "themes/default/i18n/en.toml".into(),
            words,
        }
    })
}

/// One catalog file of one theme layer.
#[derive(Debug, Clone)]
pub struct CatalogText {
    /// Path shown in diagnostics.
    pub path: String,
    /// The TOML text.
    pub text: String,
}

fn parse_layer(layer: &CatalogText, words: &mut BTreeMap<String, String>, diags: &mut Diagnostics) {
    let file = SourceFile::from_text(&layer.path, PathBuf::new(), layer.text.clone());
    let doc = match toml::de::DeTable::parse(&file.text) {
        Ok(d) => d,
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            diags.push(file.error_at(at, "i18n", first_line(e.message())));
            return;
        }
    };
    flatten(&file, "", doc.get_ref(), words, diags);
}

fn first_line(m: &str) -> String {
    m.trim().lines().next().unwrap_or("").to_string()
}

fn flatten(
    file: &SourceFile,
    prefix: &str,
    table: &toml::de::DeTable<'_>,
    words: &mut BTreeMap<String, String>,
    diags: &mut Diagnostics,
) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        match v.get_ref() {
            toml::de::DeValue::String(s) => {
                words.insert(key, s.to_string());
            }
            toml::de::DeValue::Table(t) => flatten(file, &key, t, words, diags),
            _ => diags.push(file.error_at(v.span().start, "i18n", format!("`{key}` must be text"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_with(lang: &str, text: &str) -> ThemeFiles {
        let mut theme = crate::load::theme::embedded_theme();
        theme
            .catalogs
            .entry(lang.into())
            .or_default()
            .push(CatalogText {
                path: format!("themes/mine/i18n/{lang}.toml"),
                text: text.into(),
            });
        theme
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill_in("Due in {n} days: {what}", &[("n", "3"), ("what", "draft")]),
            "Due in 3 days: draft"
        );
        assert_eq!(fill_in("{x} and {", &[]), "{x} and {");
    }

    #[test]
    fn a_theme_layer_overrides_key_by_key() {
        let cats = Catalogs::from_theme(&theme_with("es", "[nav]\nskip = \"Saltar\"\n"))
            .expect("catalogs");
        assert_eq!(cats.get(Language::Es).lookup("nav.skip"), Ok("Saltar"));
        // Keys the layer does not name keep the default theme's words.
        assert!(cats.get(Language::Es).lookup("list.and").is_ok());
    }

    #[test]
    fn a_missing_key_names_the_catalog_and_the_key() {
        let cats = Catalogs::from_theme(&crate::load::theme::embedded_theme()).expect("catalogs");
        let e = cats
            .get(Language::De)
            .lookup("no.such.key")
            .expect_err("missing");
        assert_eq!(
            e.to_string(),
            "catalog `de` (themes/default/i18n/de.toml) has no key `no.such.key`"
        );
    }

    #[test]
    fn a_bad_value_is_reported_at_its_line_and_column() {
        let err = Catalogs::from_theme(&theme_with("fr", "[nav]\nskip = 3\n")).expect_err("bad");
        let d = err.iter().next().expect("one");
        assert_eq!(d.path, "themes/mine/i18n/fr.toml");
        assert_eq!((d.line, d.column), (Some(2), Some(8)));
        assert!(
            d.message.contains("`nav.skip` must be text"),
            "{}",
            d.message
        );
    }

    /// Every key of the embedded `en.toml` is in each other embedded catalog, read here straight
    /// from the files (not through `Catalogs`, whose own check this would otherwise trust).
    #[test]
    fn every_english_key_is_in_each_other_catalog() {
        fn keys_of(prefix: &str, t: &toml::Table, out: &mut Vec<String>) {
            for (k, v) in t {
                let key = format!("{prefix}{k}");
                match v {
                    toml::Value::Table(sub) => keys_of(&format!("{key}."), sub, out),
                    _ => out.push(key),
                }
            }
        }
        let theme = crate::load::theme::embedded_theme();
        let keys = |lang: &str| {
            let text = &theme.catalogs[lang][0].text;
            let table: toml::Table = toml::from_str(text).expect("catalog parses");
            let mut out = Vec::new();
            keys_of("", &table, &mut out);
            out
        };
        let en = keys("en");
        assert!(en.len() > 50, "{}", en.len());
        for lang in ["es", "fr", "de"] {
            let other = keys(lang);
            let missing: Vec<&String> = en.iter().filter(|k| !other.contains(k)).collect();
            assert!(missing.is_empty(), "{lang}.toml lacks {missing:?}");
            let extra: Vec<&String> = other.iter().filter(|k| !en.contains(k)).collect();
            assert!(
                extra.is_empty(),
                "{lang}.toml has keys en.toml lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn a_key_only_english_has_is_an_error_in_each_other_catalog() {
        let err = Catalogs::from_theme(&theme_with("en", "[mine]\nhello = \"Hi\"\n"))
            .expect_err("incomplete");
        let mut named: Vec<&str> = err
            .iter()
            .filter(|d| d.message.ends_with("has no key `mine.hello`"))
            .map(|d| d.path.as_str())
            .collect();
        named.sort();
        assert_eq!(
            named,
            [
                "themes/default/i18n/de.toml",
                "themes/default/i18n/es.toml",
                "themes/default/i18n/fr.toml"
            ]
        );
    }

    #[test]
    fn the_code_keys_are_all_in_english() {
        let cats = Catalogs::from_theme(&crate::load::theme::embedded_theme()).expect("catalogs");
        for key in keys::all() {
            assert!(cats.get(Language::En).lookup(&key).is_ok(), "{key}");
        }
    }

    #[test]
    fn the_builtin_english_is_the_default_themes_english() {
        let cats = Catalogs::from_theme(&crate::load::theme::embedded_theme()).expect("catalogs");
        let en = cats.get(Language::En);
        assert_eq!(builtin_english().keys().count(), en.keys().count());
        assert_eq!(
            builtin_english().lookup("rights.use"),
            en.lookup("rights.use")
        );
    }

    #[test]
    fn an_unknown_language_is_refused() {
        let err = Catalogs::from_theme(&theme_with("it", "x = \"y\"\n")).expect_err("bad");
        assert!(err.iter().any(|d| d.message == "no language `it`"));
    }

    #[test]
    fn plurals_follow_each_language() {
        let cats = Catalogs::from_theme(&crate::load::theme::embedded_theme()).expect("catalogs");
        assert_eq!(cats.get(Language::En).count(keys::DAYS, 1), "1 day");
        assert_eq!(cats.get(Language::En).count(keys::DAYS, 0), "0 days");
        assert_eq!(cats.get(Language::Fr).count(keys::DAYS, 0), "0 jour");
        assert_eq!(cats.get(Language::De).count(keys::DAYS, 2), "2 Tage");
        assert_eq!(
            cats.get(Language::Es)
                .and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b y c"
        );
    }
}
