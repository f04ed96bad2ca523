//! The template engine: every theme template parsed once, rendering errors as diagnostics.

use crate::diagnostics::Diagnostic;
use crate::load::theme::ThemeFiles;
use std::error::Error as _;

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

/// True for the Unicode bidirectional controls that can make text display in an order other than
/// the one it is stored in (a spoofing vector in names and captions).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The escape every autoescaped value goes through: HTML-escapes `& < > " '` and drops bidi
/// controls.
fn escape_text(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut buf = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            '\'' => buf.push_str("&#x27;"),
            c if is_bidi_control(c) => {}
            c => buf.push(c),
        }
    }
    out.write_all(buf.as_bytes())
}

impl Templates {
    /// Parses every template of `theme`.
    pub fn new(theme: &ThemeFiles) -> Result<Self, Diagnostic> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.set_escape_fn(escape_text);
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
        self.tera.render(name, ctx).map_err(|e| {
            Diagnostic::error(
                format!("templates/{name}"),
                "template",
                format!("cannot render: {}", describe(&e)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_drops_bidi_controls() {
        let mut out = Vec::new();
        escape_text("<b a=\"x\">'&\u{202E}evil", &mut out).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "&lt;b a=&quot;x&quot;&gt;&#x27;&amp;evil"
        );
    }
}
