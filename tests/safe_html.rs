//! `| safe` in a theme template writes a value unescaped, so it may only be applied to a field
//! whose type is `SafeHtml` (markup the escape module, the Markdown renderer, the chart renderer
//! or an autoescaped template made). Read from the sources: every `| safe` in `themes/`, checked
//! against the fields of the structs under `src/render/`; and `SafeHtml::from_escaped`, the constructor that
//! trusts its argument, called only where markup is made.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn rust_sources(dir: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    files(&repo().join(dir), &mut all);
    all.into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| {
            let rel = p
                .strip_prefix(repo())
                .expect("in repo")
                .display()
                .to_string();
            (rel, std::fs::read_to_string(&p).expect("read source"))
        })
        .collect()
}

/// Field name → the types it is declared with, over every `struct … { … }` in `sources`.
fn struct_fields(sources: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut fields: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, text) in sources {
        let mut in_struct = false;
        for line in text.lines() {
            let t = line.trim();
            if !in_struct {
                in_struct = !t.starts_with("//")
                    && t.split_whitespace().any(|w| w == "struct")
                    && t.ends_with('{');
                continue;
            }
            if t.starts_with('}') {
                in_struct = false;
                continue;
            }
            if t.starts_with("//") || t.starts_with("#[") {
                continue;
            }
            let field = t
                .strip_prefix("pub ")
                .or_else(|| t.strip_prefix("pub(crate) "))
                .or_else(|| t.strip_prefix("pub(super) "))
                .unwrap_or(t);
            if let Some((name, ty)) = field.split_once(':') {
                let name = name.trim();
                if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    let ty = ty.trim().trim_end_matches(',').replace(' ', "");
                    fields.entry(name.to_string()).or_default().insert(ty);
                }
            }
        }
    }
    fields
}

fn is_safe_html_type(ty: &str) -> bool {
    let inner = ty
        .strip_prefix("Option<")
        .or_else(|| ty.strip_prefix("Vec<"))
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(ty);
    let inner = inner
        .strip_prefix("&'a")
        .or_else(|| inner.strip_prefix('&'))
        .unwrap_or(inner);
    inner == "SafeHtml" || inner.ends_with("::SafeHtml")
}

/// The names that `| safe` may write: fields declared as `SafeHtml` (or an `Option`/`Vec` of
/// it) in every render struct that has a field of that name.
fn safe_names(fields: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    fields
        .iter()
        .filter(|(_, types)| types.iter().all(|t| is_safe_html_type(t)))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every tag (`{{ … }}` or `{% … %}`) of `template` that applies `safe`, with its line, and
/// what is wrong with it; empty when each is `{{ path.to.field | safe }}` on a SafeHtml field.
fn unsafe_uses(template: &str, safe: &BTreeSet<String>) -> Vec<(usize, String)> {
    let mut bad = Vec::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        let close = match after.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                offset += open + 1;
                rest = &rest[open + 1..];
                continue;
            }
        };
        let Some(end) = after.find(close) else { break };
        let inner = &after[2..end];
        let inner = inner.trim_matches(['-', ' ', '\n', '\t']);
        let line = template[..offset + open].matches('\n').count() + 1;
        if applies_safe(inner) {
            match inner.strip_suffix("safe").map(str::trim_end) {
                Some(expr) if close == "}}" && expr.ends_with('|') => {
                    let path = expr.trim_end_matches('|').trim();
                    let is_path = !path.is_empty()
                        && path.split('.').all(|s| {
                            !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_')
                        });
                    let field = path.rsplit('.').next().unwrap_or(path);
                    if !is_path {
                        bad.push((line, format!("`{inner}`: `| safe` only on a field path")));
                    } else if !safe.contains(field) {
                        bad.push((
                            line,
                            format!("`{inner}`: `{field}` is not a SafeHtml field"),
                        ));
                    }
                }
                _ => bad.push((
                    line,
                    format!(
                        "`{inner}`: `| safe` only as the last filter of `{{{{ field | safe }}}}`"
                    ),
                )),
            }
        }
        offset += open + end + 2;
        rest = &after[end + 2..];
    }
    bad
}

/// True when the tag's expression has a `safe` filter (`| safe`, `|safe`).
fn applies_safe(expr: &str) -> bool {
    expr.match_indices('|').any(|(i, _)| {
        let f = expr[i + 1..].trim_start();
        f.starts_with("safe") && !f[4..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

fn render_safe_names() -> BTreeSet<String> {
    safe_names(&struct_fields(&rust_sources("src/render")))
}

#[test]
fn the_checker_flags_safe_on_plain_fields_and_passes_safe_html_fields() {
    let fields = struct_fields(&[(
        "x.rs".into(),
        "pub struct V {\n    /// Markup.\n    pub note_html: Option<SafeHtml>,\n    pub name: String,\n    pub both: SafeHtml,\n}\nstruct W {\n    both: String,\n}\n"
            .into(),
    )]);
    let safe = safe_names(&fields);
    assert_eq!(safe, BTreeSet::from(["note_html".to_string()]));
    let t = "<p>{{ v.note_html | safe }}</p>\n{{ v.name | safe }}\n{{ v.both|safe }}\n\
             {{ v.note_html | safe | upper }}\n{% set x = v.name | safe %}{{ v.name }}\n\
             {{ v.note_html | default(value='') | safe }}";
    let got: Vec<usize> = unsafe_uses(t, &safe).into_iter().map(|(l, _)| l).collect();
    assert_eq!(got, [2, 3, 4, 5, 6]);
}

#[test]
fn safe_in_templates_is_only_applied_to_safe_html_fields() {
    let safe = render_safe_names();
    for expected in [
        "shared_html",
        "note_html",
        "narrative_html",
        "svg",
        "index_json",
    ] {
        assert!(
            safe.contains(expected),
            "{expected} is a SafeHtml field: {safe:?}"
        );
    }
    let mut all = Vec::new();
    files(&repo().join("themes"), &mut all);
    let mut bad = Vec::new();
    let mut seen = 0;
    for p in all {
        if !p.components().any(|c| c.as_os_str() == "templates") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        seen += text.matches("safe").count();
        for (line, why) in unsafe_uses(&text, &safe) {
            bad.push(format!(
                "{}:{line}: {why}",
                p.strip_prefix(repo()).expect("in repo").display()
            ));
        }
    }
    assert!(seen > 0, "the theme writes markup with `| safe` somewhere");
    assert!(
        bad.is_empty(),
        "`| safe` on values that are not SafeHtml:\n{}",
        bad.join("\n")
    );
}

#[test]
fn only_markup_makers_trust_a_string_as_safe_html() {
    // `templates.rs`: `Templates::render_markup`, the rendering of an autoescaped template.
    const MAKERS: [&str; 4] = [
        "src/render/escape.rs",
        "src/render/markdown.rs",
        "src/render/charts.rs",
        "src/render/templates.rs",
    ];
    let offenders: Vec<String> = rust_sources("src")
        .into_iter()
        .filter(|(path, text)| !MAKERS.contains(&path.as_str()) && text.contains("from_escaped("))
        .map(|(path, _)| path)
        .collect();
    assert!(
        offenders.is_empty(),
        "SafeHtml::from_escaped outside {MAKERS:?}: {offenders:?}"
    );
}
