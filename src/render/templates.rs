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

impl Templates {
    /// Parses every template of `theme`.
    pub fn new(theme: &ThemeFiles) -> Result<Self, Diagnostic> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
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
