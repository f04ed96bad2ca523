//! `campsite new`: one commented file from the theme's starter (`campaign.toml`, `brief.md`,
//! `creator.toml`), with the ids, names and dates filled in. Never overwrites.

use super::{ScaffoldError, write_new};
use crate::diagnostics::Diagnostics;
use crate::load::theme::load_theme;
use crate::model::{Date, is_valid_id};
use std::path::{Path, PathBuf};

/// What to scaffold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewFile {
    /// `content/campaigns/<slug>/campaign.toml`.
    Campaign {
        /// Campaign slug.
        slug: String,
    },
    /// `content/campaigns/<campaign>/briefs/<handle>.md`.
    Brief {
        /// Campaign slug (must exist).
        campaign: String,
        /// Creator handle (must be in the roster).
        handle: String,
    },
    /// `content/creators/<handle>.toml`.
    Creator {
        /// Creator handle.
        handle: String,
    },
}

/// Where and when to scaffold.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The portal root (holds `portal.toml`).
    pub root: PathBuf,
    /// What to write.
    pub file: NewFile,
    /// Today, for the dates in the starter; default: today in the portal's time zone.
    pub today: Option<Date>,
}

/// Writes the file and returns its path relative to the root (`/`-separated).
pub fn new_file(opts: &NewOptions) -> Result<String, ScaffoldError> {
    let root = &opts.root;
    let config = read_table(&root.join("portal.toml"))
        .ok_or_else(|| ScaffoldError::NotAPortal(root.to_path_buf()))?;
    let today = opts.today.unwrap_or_else(|| {
        crate::pipeline::today_in(str_key(&config, "timezone").unwrap_or("UTC"))
    });
    let theme_name = str_key(&config, "theme").unwrap_or("default");
    let theme = load_theme(root, theme_name, &mut Diagnostics::new());
    let starter = |name: &str| {
        theme
            .starters
            .get(name)
            .cloned()
            .ok_or_else(|| ScaffoldError::MissingStarter(name.to_string()))
    };
    let (rel, text) = match &opts.file {
        NewFile::Campaign { slug } => {
            check_id(slug, "campaign slug")?;
            let start = today.plus_days(14);
            let vars = [
                ("slug", slug.clone()),
                ("title", title_case(slug)),
                ("start", start.iso()),
                ("end", start.plus_days(60).iso()),
            ];
            (
                format!("content/campaigns/{slug}/campaign.toml"),
                fill(&starter("campaign.toml")?, &vars),
            )
        }
        NewFile::Creator { handle } => {
            check_id(handle, "creator handle")?;
            let vars = [("handle", handle.clone()), ("name", title_case(handle))];
            (
                format!("content/creators/{handle}.toml"),
                fill(&starter("creator.toml")?, &vars),
            )
        }
        NewFile::Brief { campaign, handle } => {
            check_id(campaign, "campaign slug")?;
            check_id(handle, "creator handle")?;
            let camp_dir = format!("content/campaigns/{campaign}");
            let camp = read_table(&root.join(&camp_dir).join("campaign.toml"))
                .ok_or_else(|| ScaffoldError::MissingCampaign(campaign.clone()))?;
            let creator = read_table(&root.join(format!("content/creators/{handle}.toml")))
                .ok_or_else(|| ScaffoldError::MissingCreator(handle.clone()))?;
            let platform = camp
                .get("platforms")
                .and_then(|p| p.as_array())
                .and_then(|a| a.first())
                .and_then(|p| p.as_str())
                .filter(|p| crate::model::Platform::parse(p).is_some())
                .unwrap_or("instagram")
                .to_string();
            // Deadlines two and three weeks out, and never before the campaign starts.
            let base = camp
                .get("start")
                .and_then(|s| s.as_datetime())
                .and_then(|d| crate::model::date_from_toml(d).ok())
                .filter(|s| *s > today)
                .unwrap_or(today);
            let vars = [
                ("campaign", campaign.clone()),
                ("handle", handle.clone()),
                (
                    "campaign_title",
                    one_line(str_key(&camp, "title").unwrap_or(campaign)),
                ),
                (
                    "name",
                    one_line(str_key(&creator, "name").unwrap_or(&title_case(handle))),
                ),
                ("today", today.iso()),
                ("format", default_format(&platform).to_string()),
                ("platform", platform),
                ("draft_due", base.plus_days(14).iso()),
                ("live_on", base.plus_days(21).iso()),
            ];
            (
                format!("{camp_dir}/briefs/{handle}.md"),
                fill(&starter("brief.md")?, &vars),
            )
        }
    };
    write_new(&root.join(&rel), text.as_bytes())?;
    Ok(rel)
}

fn check_id(value: &str, what: &'static str) -> Result<(), ScaffoldError> {
    if is_valid_id(value) {
        Ok(())
    } else {
        Err(ScaffoldError::InvalidId {
            what,
            value: value.to_string(),
        })
    }
}

fn read_table(path: &Path) -> Option<toml::Table> {
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.parse::<toml::Table>().ok()
}

fn str_key<'a>(t: &'a toml::Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(|v| v.as_str())
}

/// Replaces every `{{key}}` of the starter.
fn fill(template: &str, vars: &[(&str, String)]) -> String {
    vars.iter().fold(template.to_string(), |acc, (k, v)| {
        acc.replace(&format!("{{{{{k}}}}}"), v)
    })
}

/// Text safe inside a TOML comment or basic string: no control characters, quotes or
/// backslashes.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '"' | '\\'))
        .collect()
}

/// `glow-launch` → `Glow Launch`.
pub fn title_case(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The usual deliverable format on a platform.
fn default_format(platform: &str) -> &'static str {
    match platform {
        "instagram" => "reel",
        "tiktok" | "youtube" | "twitch" => "video",
        "podcast" => "podcast",
        "blog" => "article",
        _ => "post",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_names() {
        assert_eq!(title_case("mia-chen"), "Mia Chen");
        assert_eq!(title_case("glow-2026"), "Glow 2026");
        assert_eq!(
            fill("a {{x}} b {{x}} {{y}}", &[("x", "1".into())]),
            "a 1 b 1 {{y}}"
        );
        assert_eq!(one_line("A \"B\"\nC\\"), "A B C");
    }
}
