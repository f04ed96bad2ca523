//! The plain-text explanation of a disclosure rule or a jurisdiction (`campsite check --explain`),
//! and the per-rule source lines the report's methodology shows: both read from the rule file.

use super::rules::{DISCLOSURE_RULES, rules_for};
use crate::model::{Jurisdiction, Language};

/// One rule of a jurisdiction with the regulator's document behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The lint rule ids it backs, comma-separated.
    pub rules: String,
    /// What the regulator says.
    pub says: String,
    /// The document.
    pub document: String,
    /// Its address.
    pub url: String,
    /// When it was read (YYYY-MM-DD).
    pub read_on: String,
    /// The secondary pages it was read through: (host, address).
    pub via: Vec<(String, String)>,
}

/// `https://www.example.org/a/b` → `example.org`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.trim_start_matches("www.").to_string()
}

/// The source lines of a jurisdiction, in file order.
pub fn source_lines(j: Jurisdiction) -> Vec<SourceLine> {
    rules_for(j)
        .sources
        .iter()
        .map(|s| SourceLine {
            rules: s.rules.join(", "),
            says: s.says.clone(),
            document: s.document.clone(),
            url: s.url.clone(),
            read_on: s.read_on(),
            via: s.read_via.iter().map(|u| (host_of(u), u.clone())).collect(),
        })
        .collect()
}

/// The explanation of `topic` — a disclosure rule id (`disclosure-vague`) or a jurisdiction id
/// (`fr`) — or `None` when it is neither. The list of topics is in [`topics`].
pub fn explain(topic: &str) -> Option<String> {
    if let Some(j) = Jurisdiction::parse(topic) {
        return Some(explain_jurisdiction(j));
    }
    let (rule, meaning) = DISCLOSURE_RULES.iter().find(|(r, _)| *r == topic)?;
    let mut out = format!("{rule}: {meaning}\n");
    for j in Jurisdiction::ALL {
        let r = rules_for(*j);
        let sources: Vec<_> = r.sources_for(rule).collect();
        if sources.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} — {}\n", j.as_str(), r.name));
        for s in sources {
            push_source(&mut out, s);
        }
    }
    Some(out)
}

/// Every topic `explain` knows, for the error that lists them.
pub fn topics() -> Vec<&'static str> {
    DISCLOSURE_RULES
        .iter()
        .map(|(r, _)| *r)
        .chain(Jurisdiction::ALL.iter().map(|j| j.as_str()))
        .collect()
}

fn push_source(out: &mut String, s: &super::rules::Source) {
    out.push_str(&format!("  {}\n", s.says));
    out.push_str(&format!("  source: {}\n", s.document));
    out.push_str(&format!("          {} (read {})\n", s.url, s.read_on()));
    for via in &s.read_via {
        out.push_str(&format!("          read via {via}\n"));
    }
}

fn explain_jurisdiction(j: Jurisdiction) -> String {
    let r = rules_for(j);
    let mut out = format!("{} — {}\n", j.as_str(), r.name);
    for lang in Language::ALL {
        let t = r.tokens(*lang);
        out.push_str(&format!(
            "\nposts in {}: write \"{}\"\n  accepted: {}\n  vague:    {}\n",
            lang.as_str(),
            r.default_wording(*lang),
            t.accepted.join(", "),
            t.vague.join(", ")
        ));
        if let Some(v) = r.video_note(*lang).filter(|_| *lang == Language::En) {
            out.push_str(&format!("  video:    {v}\n"));
        }
    }
    for (name, forms) in [
        ("retouched", &r.labels.retouched),
        ("virtual", &r.labels.r#virtual),
    ] {
        if !forms.is_empty() {
            out.push_str(&format!(
                "\na deliverable with `{name} = true` needs: {}\n",
                forms.join(" or ")
            ));
        }
    }
    out.push_str(
        "\nplacement, in every language: before the \"more\" cut-off (portal.toml `caption_cutoff`), \
         and not only inside a trailing pile of three or more hashtags\n",
    );
    for s in &r.sources {
        out.push_str(&format!("\n{}\n", s.rules.join(", ")));
        push_source(&mut out, s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_lists_each_jurisdiction_with_its_source() {
        let text = explain("disclosure-vague").expect("a known rule");
        assert!(text.starts_with("disclosure-vague: "));
        for j in Jurisdiction::ALL {
            assert!(
                text.contains(&format!("\n{} — ", j.as_str())),
                "{j} missing:\n{text}"
            );
        }
        assert!(text.contains("(read 2026-12-01)"));
    }

    #[test]
    fn a_jurisdiction_lists_its_tokens_per_language_and_its_labels() {
        let text = explain("fr").expect("a jurisdiction");
        assert!(text.contains("posts in de: write \"Publicité\""));
        assert!(text.contains("needs: Image retouchée or Images retouchées"));
        assert!(explain("disclosure-nope").is_none());
        assert!(topics().contains(&"eu"));
    }

    #[test]
    fn source_lines_name_the_hosts_read_through() {
        assert_eq!(host_of("https://www.manatt.com/insights/x"), "manatt.com");
        let us = source_lines(Jurisdiction::Us);
        assert_eq!(us[0].via[0].0, "manatt.com");
        assert_eq!(us[0].read_on, "2026-12-01");
    }
}
