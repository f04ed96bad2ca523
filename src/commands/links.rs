//! `campsite links`: every private link, to send.

use crate::cli::{LinksArgs, LinksFormat, Outcome};
use crate::model::Audience;
use crate::pipeline::{self, BuildOptions};
use crate::render::downloads::csv_table;
use crate::render::views::team::link_rows;
use std::path::Path;

/// Prints the links as a table, CSV or JSON.
pub fn run(root: &Path, a: LinksArgs, secret: Option<String>) -> Outcome {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        audience: Audience::Public,
        today: None,
        secret_override: secret,
        passphrase: None,
    };
    let prepared = match pipeline::prepare(&opts) {
        Ok(p) if !p.diags.has_errors() => p,
        Ok(p) => {
            return Outcome {
                stderr: p.diags.to_human(),
                code: 1,
                ..Outcome::default()
            };
        }
        Err(d) => {
            return Outcome {
                stderr: d.to_human(),
                code: 1,
                ..Outcome::default()
            };
        }
    };
    let rows = link_rows(&prepared.portal, &prepared.derived);
    let stdout = match a.format {
        LinksFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
        ),
        LinksFormat::Csv => {
            let data: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.kind.to_string(),
                        r.campaign.clone(),
                        r.creator.clone().unwrap_or_default(),
                        r.email.clone().unwrap_or_default(),
                        r.url.clone(),
                    ]
                })
                .collect();
            String::from_utf8_lossy(&csv_table(
                &["kind", "campaign", "creator", "email", "url"],
                &data,
            ))
            .into_owned()
        }
        LinksFormat::Table => {
            let data: Vec<[String; 5]> = rows
                .iter()
                .map(|r| {
                    [
                        r.kind.to_string(),
                        r.campaign.clone(),
                        r.creator.clone().unwrap_or_else(|| "—".into()),
                        r.email.clone().unwrap_or_else(|| "—".into()),
                        r.url.clone(),
                    ]
                })
                .collect();
            table(&["KIND", "CAMPAIGN", "CREATOR", "EMAIL", "URL"], &data)
        }
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: 0,
    }
}

fn table(header: &[&str; 5], rows: &[[String; 5]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  "));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}
