//! The template engine: every theme template parsed once, values autoescaped by `render::escape`,
//! the catalog lookup `t(key=…)` registered, rendering errors as diagnostics.

use super::escape::SafeHtml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Catalogs, fill_in, language_of_tag, plural_key};
use crate::load::theme::ThemeFiles;
use std::error::Error as _;
use std::sync::{Arc, Mutex};

/// The parsed theme of the last build — catalogs and templates — kept by `serve` and reused
/// while the text of every template and catalog is the same (a content save re-parses nothing).
#[derive(Default)]
pub struct ThemeCache(Mutex<Option<(blake3::Hash, Parsed)>>);

/// Catalogs and the templates that look words up in them.
type Parsed = (Arc<Catalogs>, Arc<Templates>);

impl ThemeCache {
    /// The parsed `theme`: the kept one when its text is unchanged, else parsed (and kept).
    pub fn parsed(&self, theme: &ThemeFiles) -> Result<Parsed, Diagnostics> {
        let key = theme.text_hash();
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, parsed)) = kept.as_ref()
            && *k == key
        {
            return Ok(parsed.clone());
        }
        let parsed = parse(theme)?;
        *kept = Some((key, parsed.clone()));
        Ok(parsed)
    }
}

/// Parses the catalogs and templates of `theme`.
pub fn parse(theme: &ThemeFiles) -> Result<Parsed, Diagnostics> {
    let catalogs = Arc::new(Catalogs::from_theme(theme)?);
    let templates = Templates::new(theme, Arc::clone(&catalogs))?;
    Ok((catalogs, Arc::new(templates)))
}

/// Parsed templates of the theme in force.
pub struct Templates {
    tera: tera::Tera,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

/// Tera's message with its causes, on one line.
fn describe(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg.replace('\n', " ")
}

/// The template function `t(key="brief.pay", name=…)`: the text of `key` in the catalog of the
/// page's language (the context's `lang`), each `{name}` replaced by the argument of that name.
/// A key the catalog lacks fails the render, naming the catalog and the key.
fn lookup(
    catalogs: &Catalogs,
    kwargs: &tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<String> {
    let mut key: String = kwargs.must_get("key")?;
    let lang = state
        .get::<String>("lang")?
        .and_then(|l| language_of_tag(&l))
        .ok_or_else(|| tera::Error::message("t(): the page has no `lang`"))?;
    // `count=N` picks the plural form `key.one` or `key.other` and fills `{n}`.
    let count = kwargs.get::<i64>("count")?;
    if let Some(n) = count {
        key = plural_key(lang, &key, n);
    }
    let text = catalogs
        .get(lang)
        .lookup(&key)
        .map_err(|e| tera::Error::message(e.to_string()))?;
    let args: Vec<(String, String)> = kwargs
        .iter()
        .filter_map(|(k, v)| {
            let name = k.as_str()?;
            (name != "key").then(|| {
                let value = v
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string());
                (name.to_string(), value)
            })
        })
        .collect();
    let n = count.map(|n| n.to_string());
    let mut pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    if let Some(n) = &n {
        pairs.push(("n", n));
    }
    Ok(fill_in(text, &pairs))
}

impl Templates {
    /// Parses every template of `theme`, with `t` reading `catalogs`.
    pub fn new(theme: &ThemeFiles, catalogs: Arc<Catalogs>) -> Result<Self, Diagnostic> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.set_escape_fn(super::escape::write_html);
        tera.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| {
            lookup(&catalogs, &kwargs, state)
        });
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(|e| {
            Diagnostic::error(
                "templates",
                "template",
                format!("a template does not parse: {}", describe(&e)),
            )
        })?;
        Ok(Templates { tera })
    }

    /// True when the theme has `name`.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| cannot_render(name, &e))
    }

    /// Renders `name` with `ctx` as markup for another page's `| safe` field: the rendering of
    /// an autoescaped template (`.html`) escaped every value it wrote. A part of a page whose
    /// context would be too large at once (the calendar's rows) is rendered this way, piece by
    /// piece.
    pub fn render_markup(&self, name: &str, ctx: &tera::Context) -> Result<SafeHtml, Diagnostic> {
        if !name.ends_with(".html") {
            let why = "cannot render as markup: the template is not autoescaped (.html)";
            return Err(cannot_render(name, &tera::Error::message(why)));
        }
        self.render(name, ctx).map(SafeHtml::from_escaped)
    }

    /// Renders `name` with `ctx` into the bytes of a page. A page of [`RENDER_AGAIN`] bytes or
    /// more is only measured by the first rendering and rendered a second time straight into
    /// its `Arc<[u8]>`, so a large page (the team calendar, 50 MB at 100,000 briefs) is in
    /// memory once, never as its text and that text's copy at the same time.
    pub fn render_shared(&self, name: &str, ctx: &tera::Context) -> Result<Arc<[u8]>, Diagnostic> {
        let mut first = Measured::default();
        let rendered = self.tera.render_to(name, ctx, &mut first);
        rendered.map_err(|e| cannot_render(name, &e))?;
        if first.len < RENDER_AGAIN {
            return Ok(first.kept.into());
        }
        // Zeroed pages are not resident until written.
        let mut out: Arc<[u8]> = vec![0u8; first.len].into();
        let filled = Arc::get_mut(&mut out).is_some_and(|mut buf| {
            self.tera.render_to(name, ctx, &mut buf).is_ok() && buf.is_empty()
        });
        match filled {
            true => Ok(out),
            // A rendering that is not the length of the first (never expected): its text as is.
            false => Ok(self.render(name, ctx)?.into_bytes().into()),
        }
    }
}

/// What a first rendering keeps: its bytes while they are fewer than [`RENDER_AGAIN`], then only
/// their count.
#[derive(Default)]
struct Measured {
    kept: Vec<u8>,
    len: usize,
}

impl std::io::Write for Measured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.len += buf.len();
        if self.len < RENDER_AGAIN {
            self.kept.extend_from_slice(buf);
        } else if self.kept.capacity() > 0 {
            self.kept = Vec::new();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The size from which [`Templates::render_shared`] renders a page twice rather than copy it.
pub const RENDER_AGAIN: usize = 1 << 20;

fn cannot_render(name: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        format!("templates/{name}"),
        "template",
        format!("cannot render: {}", describe(e)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_in(lang: &str, template: &str) -> Result<String, Diagnostic> {
        let mut theme = crate::load::theme::embedded_theme();
        theme.templates.insert("x.html".into(), template.into());
        let catalogs = Catalogs::from_theme(&theme).expect("catalogs");
        let t = Templates::new(&theme, Arc::new(catalogs)).expect("templates");
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        t.render("x.html", &ctx)
    }

    #[test]
    fn a_large_page_is_rendered_again_into_its_bytes_the_same() {
        let mut theme = crate::load::theme::embedded_theme();
        let row = "<tr><td>{{ i }}</td><td>{{ name }}</td></tr>\n";
        let many = format!("{{% for i in range(end=n) %}}{row}{{% endfor %}}");
        theme.templates.insert("many.html".into(), many);
        let catalogs = Catalogs::from_theme(&theme).expect("catalogs");
        let t = Templates::new(&theme, Arc::new(catalogs)).expect("templates");
        for n in [3, 40_000] {
            let mut ctx = tera::Context::new();
            ctx.insert("n", &n);
            ctx.insert("name", "<Mia & Co>");
            let text = t.render("many.html", &ctx).expect("renders");
            let bytes = t.render_shared("many.html", &ctx).expect("renders");
            assert_eq!(
                n > 3,
                text.len() >= RENDER_AGAIN,
                "one small page, one large"
            );
            assert_eq!(&*bytes, text.as_bytes());
        }
    }

    #[test]
    fn the_theme_cache_reparses_only_changed_text() {
        let cache = ThemeCache::default();
        let mut theme = crate::load::theme::embedded_theme();
        theme.templates.insert("x.html".into(), "one".into());
        let (_, first) = cache.parsed(&theme).expect("parses");
        let (_, again) = cache.parsed(&theme).expect("parses");
        assert!(
            Arc::ptr_eq(&first, &again),
            "unchanged text is not parsed again"
        );
        theme.templates.insert("x.html".into(), "two".into());
        let (_, changed) = cache.parsed(&theme).expect("parses");
        assert!(!Arc::ptr_eq(&first, &changed));
        let ctx = tera::Context::new();
        assert_eq!(changed.render("x.html", &ctx).expect("renders"), "two");
        theme.templates.insert("x.html".into(), "{% if %}".into());
        assert!(
            cache.parsed(&theme).is_err(),
            "a template that does not parse is an error"
        );
    }

    #[test]
    fn t_looks_up_the_page_language_and_fills_placeholders() {
        assert_eq!(
            render_in(
                "es",
                r#"{{ t(key="nav.skip") }}|{{ t(key="days.other", n=3) }}"#
            )
            .expect("render"),
            "Ir al contenido|3 días"
        );
        assert_eq!(
            render_in(
                "fr",
                r#"{{ t(key="days", count=0) }}|{{ t(key="days", count=2) }}"#
            )
            .expect("render"),
            "0 jour|2 jours"
        );
        // Catalog text is escaped like any other value.
        assert_eq!(
            render_in("en", r#"{{ t(key="standing.due_today", what="<b>") }}"#).expect("render"),
            "Due today: &lt;b&gt;"
        );
    }

    #[test]
    fn a_missing_key_fails_the_render_naming_catalog_and_key() {
        let e = render_in("fr", r#"<p>{{ t(key="brief.nope") }}</p>"#).expect_err("missing");
        assert!(
            e.message
                .contains("catalog `fr` (themes/default/i18n/fr.toml) has no key `brief.nope`"),
            "{}",
            e.message
        );
    }
}
